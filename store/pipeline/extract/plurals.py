"""Plural references: "the two sides", "both countries", "these countries", "the three nations".

News names the countries once ("Australia, Canada, New Zealand, the United Kingdom, and the United
States") and then refers to them ("These countries are party to the multilateral UKUSA Agreement";
"The two leaders reaffirmed … the Special Strategic Partnership"). A reader takes the countries from
the list before. :class:`CountryLists` keeps, in reading order, the lists of countries the article's
sentences name; :meth:`CountryLists.resolve` gives the countries a reference means, or nothing when
the text does not make it plain:

- a reference with a number ("the two sides", "the three countries", "both countries") means the last
  list of exactly that many countries: a coordinated list ("Japan and Australia"), or a sentence that
  names that many and no other;
- "these countries" or "these nations" means the last coordinated list of two or more;
- a bare "the countries", "their countries" or "the leaders" means nothing: which ones is not said.

The claims stage reads a resolved reference as the list itself; the grouping stage gives a new
agreement or partnership the pair "both countries" names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from store.models import MentionSpan
from store.words.sentences import sentence_spans

PLURAL_REFERENCE = re.compile(
    r"\b(?P<det>[Tt]hese|[Tt]he|[Bb]oth|[Oo]ur|[Aa]ll)\s+(?:(?P<n>two|three|four|five)\s+(?:treaty\s+|neighbouring\s+|"
    r"neighboring\s+|Asian\s+|European\s+|Pacific\s+)?)?"
    r"(?P<noun>(?:partner\s+)?(?:countries|nations)|sides|governments|leaders|allies|partners|democracies|militaries|"
    r"armies|navies|armed\s+forces|"
    r"(?:[Pp]rime |[Ff]oreign |[Dd]efen[cs]e )?[Mm]inisters|[Ss]ecretaries|[Hh]eads of [Ss]tate)\b(?!['’])")
_SIZES = {"two": 2, "three": 3, "four": 4, "five": 5}
# Places with an ISO code that are no state: "the two allies" after "Marines leave Okinawa for Guam" are Japan and the
# US, never Guam. (Self-governing states in free association, the Cook Islands and Niue, sign treaties: not here.)
TERRITORIES = frozenset(f"country:{c}" for c in """GUM PRI ASM VIR MNP UMI GRL FRO BMU CYM GIB FLK NCL PYF REU GUF MTQ GLP
    MYT SPM WLF BLM MAF SHN IOT PCN TCA VGB AIA MSR ABW CUW SXM BES HKG MAC CXR CCK NFK HMD ATF SGS BVT SJM ALA IMN JEY GGY
    TKL ESH""".split())
_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:the\s+)?")


def size_of(m: re.Match[str]) -> int | None:
    """How many countries a reference says it means: 2 for "both", the number given, 0 for "these countries"
    (two or more), None when it means no countries the text names ("the countries", "the leaders")."""
    det, n, noun = m.group("det").lower(), m.group("n"), m.group("noun")
    if n:
        return _SIZES[n] if det in ("the", "these", "our", "all") else None
    if det == "both" and noun not in ("allies", "partners", "democracies"):
        return 2
    if det == "these" and noun.split()[-1] in ("countries", "nations"):  # "these partner countries" too
        return 0
    return None


@dataclass
class CountryLists:
    """The lists of countries an article has named so far, the last one last, and the country of the last weapon
    or arms maker it named (:mod:`store.pipeline.extract.arms_customers`)."""

    lists: list[tuple[str, ...]] = field(default_factory=list)
    weapon: str | None = None

    def resolve(self, m: re.Match[str]) -> tuple[str, ...] | None:
        size = size_of(m)
        if size is None:
            return None
        for found in reversed(self.lists):
            if (size and len(found) == size) or (not size and len(found) >= 2):
                return found
        return None

    def read(self, text: str, mentions: Sequence[MentionSpan]) -> None:
        """Add the lists of a passage, sentence by sentence."""
        for start, end in sentence_spans(text):
            self.lists.extend(lists_in(text, mentions, start, end))


def lists_in(text: str, mentions: Sequence[MentionSpan], start: int, end: int) -> list[tuple[str, ...]]:
    """The coordinated lists of countries in ``text[start:end]``, and the sentence's countries when it names
    two or three and lists none ("Japan's Prime Minister met Australia's")."""
    countries = sorted((m for m in mentions if m.entity_id.startswith("country:") and start <= m.start and m.end <= end
                        and m.entity_id not in TERRITORIES), key=lambda m: m.start)
    out: list[tuple[str, ...]] = []
    run: list[MentionSpan] = []
    for m in countries:
        if run and _GAP.fullmatch(text, run[-1].end, m.start):
            run.append(m)
            continue
        if len({x.entity_id for x in run}) >= 2:
            out.append(tuple(dict.fromkeys(x.entity_id for x in run)))
        run = [m]
    if len({x.entity_id for x in run}) >= 2:
        out.append(tuple(dict.fromkeys(x.entity_id for x in run)))
    named = tuple(dict.fromkeys(m.entity_id for m in countries))
    if not out and 2 <= len(named) <= 3:
        out.append(named)
    return out
