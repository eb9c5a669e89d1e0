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
# The same with its possessive ("outlines the two countries' commitment"): whose a grouping is, not a claim's subject.
PLURAL_OR_POSSESSIVE = re.compile(PLURAL_REFERENCE.pattern.removesuffix(r"(?!['’])"))
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
    """The lists of countries an article has named so far, the last one last, the country of the last weapon
    or arms maker it named (:mod:`store.pipeline.extract.arms_customers`) and the last exercise host."""

    lists: list[tuple[str, ...]] = field(default_factory=list)
    weapon: str | None = None
    host: str | None = None  # of the last exercise it named with its host (:mod:`.exercise_hosts`)
    people: list[str] = field(default_factory=list)  # the countries of the people it named, in order

    def resolve(self, m: re.Match[str]) -> tuple[str, ...] | None:
        size = size_of(m)
        if size is None:
            return None
        for found in reversed(self.lists):
            if (size and len(found) == size) or (not size and len(found) >= 2):
                # "the EU and the UK … both sides": a list with a grouping in it means no two countries.
                return found if all(c.startswith("country:") for c in found) else None
        return None

    def read(self, text: str, mentions: Sequence[MentionSpan]) -> None:
        """Add the lists of a passage, sentence by sentence."""
        for start, end in sentence_spans(text):
            self.lists.extend(lists_in(text, mentions, start, end))


# Between two countries that are a war's sides: "Russia['s illegal war of aggression against ]Ukraine".
_WAR_BETWEEN = re.compile(r"['’]s (?:[\w-]+ ){0,4}?(?:war|invasion|aggression)(?: [\w-]+){0,3}? (?:against|of|on|in) (?:the )?")


def at_war(text: str, mentions: Sequence[MentionSpan]) -> bool:
    """Whether two of the countries in ``mentions`` are named as the sides of a war ("amid Russia's war of aggression
    against Ukraine"): not a pair that "both sides" or an unnamed partnership means."""
    spans = sorted((m.start, m.end) for m in mentions if m.entity_id.startswith("country:"))
    return any(_WAR_BETWEEN.fullmatch(text, a[1], b[0]) for a, b in zip(spans, spans[1:]))


def lists_in(text: str, mentions: Sequence[MentionSpan], start: int, end: int) -> list[tuple[str, ...]]:
    """The coordinated lists of countries in ``text[start:end]``, and the sentence's countries when it names
    two or three and lists none ("Japan's Prime Minister met Australia's"). A grouping coordinated with countries
    ("NATO and South Korea") is kept in its list: no plural reference means that list (it is not all countries)."""
    countries = sorted((m for m in mentions if m.entity_id.startswith("country:") and start <= m.start and m.end <= end
                        and m.entity_id not in TERRITORIES), key=lambda m: m.start)
    groupings = [m for m in mentions if m.entity_id.startswith("alliance:") and start <= m.start and m.end <= end
                 and not any(m.start <= c.start < m.end for c in countries)]  # not "the U.S.-Japan alliance"
    out: list[tuple[str, ...]] = []
    run: list[MentionSpan] = []
    for m in sorted([*countries, *groupings], key=lambda m: m.start) if groupings else countries:
        # Not "Sweden, Finland's neighbour": a possessive opens an apposition, not the list's next country.
        if run and _GAP.fullmatch(text, run[-1].end, m.start) and text[m.end:m.end + 2] not in ("'s", "’s"):
            run.append(m)
            continue
        if len({x.entity_id for x in run}) >= 2:
            out.append(tuple(dict.fromkeys(x.entity_id for x in run)))
        run = [m]
    if len({x.entity_id for x in run}) >= 2:
        out.append(tuple(dict.fromkeys(x.entity_id for x in run)))
    named = tuple(dict.fromkeys(m.entity_id for m in countries))
    if not out and 2 <= len(named) <= 3 and not at_war(text, countries):
        out.append(named)
    return out


def _two_people(lists: CountryLists, people: Sequence[MentionSpan], before: int) -> tuple[str, ...] | None:
    """The countries of the last two people of different countries named before ``before`` (in the article, then in
    this sentence): what "the two leaders" mean when the text lists other countries between ("Austin … recognized …
    relief efforts in Türkiye and Chile. … The two leaders agreed …")."""
    named = [*lists.people, *(p.entity_id for p in sorted(people, key=lambda p: p.start) if p.start < before)]
    last: list[str] = []
    for country in reversed(named):
        if country not in last:
            last.append(country)
        if len(last) == 2:
            return (last[1], last[0])
    return None


_PERSONS = re.compile(r"(?i)(?:(?:prime|foreign|defen[cs]e) )?(?:leaders|ministers|secretaries|heads of state)")


def refer_to_lists(template: str, tokens: dict[str, tuple[str, int, int]], text: str, sentence: tuple[int, int],
                   mentions: Sequence[MentionSpan], lists: CountryLists, people: Sequence[MentionSpan] = ()) -> str:
    """The sentence's template with "the two countries", "these countries", "both sides" written as the countries
    they mean: the sentence's own tokens where it named them ("the signing of this agreement with the Philippines, …
    with Japan, will further promote … cooperation between the two countries"), new tokens (added to ``tokens``) where
    an earlier sentence did ("These countries are party to the multilateral UKUSA Agreement"). ``people``: the
    passage's people, whose countries "the two leaders" mean."""
    start, end = sentence
    template = _regions(template, tokens, start)
    template = _members_referred_to(template, tokens, text, sentence, mentions, lists)
    refs = list(PLURAL_REFERENCE.finditer(text, start, end))
    if not refs:
        return template
    own = {v[0]: t for t, v in tokens.items() if t.startswith("@C")}
    for ref in refs:
        here = CountryLists([*lists.lists, *lists_in(text, mentions, start, ref.start())])
        found = here.resolve(ref)
        if found and size_of(ref) == 2 and _PERSONS.fullmatch(ref.group("noun")):
            found = _two_people(lists, people, ref.start()) or found  # two people named are the two leaders
        if not found:
            continue
        names = []
        for country in found:
            token = own.get(country)
            if token is None:
                token = f"@C{1000 + len(tokens)}@"  # past any token the sentence has
                tokens[token] = (country, ref.start(), ref.end())
                own[country] = token
            names.append(token)
        words = ", ".join(names[:-1]) + " and " + names[-1]
        if ref.group("noun") == "allies":
            words += ", both allies"  # "the two treaty allies of the United States": still allies of someone
        template = re.sub(r"(?<![@\w])" + re.escape(ref.group()) + r"(?![\w'’])", words, template, count=1)
    return template


# "the two NATO allies", "These three NATO Allies", "both NATO members": an alliance's noun for its members, with how
# many. Read on the template, where the alliance is a token.
_MEMBERS_REFERENCE = re.compile(r"(?<![\w@])(?P<det>[Tt]he|[Tt]hese|[Bb]oth)\s+(?:(?P<n>two|three|four|five)\s+)?"
                                r"(?P<obj>@A\d+@)\s+(?P<noun>[Aa]llies|[Mm]embers|[Mm]ember [Ss]tates|[Cc]ountries|[Nn]ations)\b")


def _members_referred_to(template: str, tokens: dict[str, tuple[str, int, int]], text: str, sentence: tuple[int, int],
                         mentions: Sequence[MentionSpan], lists: CountryLists) -> str:
    """The template with "the two NATO allies" written as the countries they mean, then "the NATO allies" ("Italy
    signed a deal with Turkey. The two NATO allies also agreed …"): the membership rules then read them as members.
    The countries are the last list of that many before the reference, as for "the two countries"."""
    own = {v[0]: t for t, v in tokens.items() if t.startswith("@C")}
    for m in list(_MEMBERS_REFERENCE.finditer(template)):
        det, n = m.group("det").lower(), m.group("n")
        size = _SIZES[n] if n else 2 if det == "both" else 0 if det == "these" else None
        where = tokens.get(m.group("obj"))
        if size is None or where is None:
            continue
        here = CountryLists([*lists.lists, *lists_in(text, mentions, sentence[0], where[1])])
        found = next((f for f in reversed(here.lists) if (len(f) == size if size else len(f) >= 2)), None)
        if not found or not all(c.startswith("country:") for c in found):
            continue
        names = []
        for country in found:
            token = own.get(country)
            if token is None:
                token = f"@C{1000 + len(tokens)}@"
                tokens[token] = (country, where[1], where[2])
                own[country] = token
            names.append(token)
        words = ", ".join(names[:-1]) + " and " + names[-1]
        template = template.replace(m.group(), f"{words}, the {m.group('obj')} {m.group('noun').lower()}", 1)
    return template


# The regions news names as groups of countries: "Since March 2004, when the Baltic States joined NATO".
_REGION_MEMBERS = {"baltic": ("country:EST", "country:LVA", "country:LTU"),
                   "nordic": ("country:DNK", "country:FIN", "country:ISL", "country:NOR", "country:SWE")}
# With "the" (or "all three"): not "both Nordic countries" (two of them), nor "between Japan and Nordic countries" (some).
_REGION = re.compile(r"(?<![\w@-])(?:[Tt]he|[Aa]ll) (?:(?:three|five) )?(?P<region>Baltic|Nordic) (?:[Ss]tates|[Cc]ountries|"
                     r"[Nn]ations|[Rr]epublics)\b(?!['’])")


def _regions(template: str, tokens: dict[str, tuple[str, int, int]], at: int) -> str:
    """The template with "the Baltic states" and "the Nordic countries" written as the countries they are."""
    own = {v[0]: t for t, v in tokens.items() if t.startswith("@C")}

    def names(m: re.Match[str]) -> str:
        found = []
        for country in _REGION_MEMBERS[m.group("region").lower()]:
            if country not in own:
                own[country] = f"@C{3000 + len(tokens)}@"
                tokens[own[country]] = (country, at, at)
            found.append(own[country])
        return ", ".join(found[:-1]) + " and " + found[-1]

    return _REGION.sub(names, template)
