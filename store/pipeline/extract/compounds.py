"""Hyphenated compounds: countries joined by hyphens that name the alliance of exactly those countries.

"Japan-US-South Korea", "the ROK-U.S. alliance", "American–Japanese–Korean trilateral pact" name the
alliance whose members are those countries, in any order and spelling; a pair needs a word the
alliance is called by ("US-Japan trade talks" are not the alliance), a triple or more does not.
Coordinated and plural forms name each ("the Japan-U.S. and U.S.-ROK alliances"); a country code
joined by a hyphen is that country ("PH-Japan"). Kept apart from the scanner (``mentions``) because
the groupings stage (``groupings``) reads the same compounds for the groupings the store lacks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from store.models import Mention, MentionSpan
from store.pipeline.extract.alliance_index import HEADS, AllianceIndex, Grouping

# Words that end a compound's noun phrase before its head: "US-Japan trade talks" has none.
PHRASE_STOP = frozenset(
    """and or of in on at to for with by from the a an as is was are were has have had that which who
    than but not its their our his her said says will would""".split())
_COMPOUND_HEAD = re.compile(
    r"(?:\s+((?:[A-Za-z][\w'-]*\s+){0,3}?)"
    r"(alliances?|partnerships?|pacts?|treaty|treaties|trilaterals?|quadrilaterals?|dialogues?|agreements?|"
    r"accords?|programmes?|programs?|initiatives?|memorandum|memoranda|arrangements?|RAA|SOFA|VFA|MOU|MoU)\b)?",
    re.IGNORECASE)
_COORDINATOR = re.compile(r"(?:,\s+|\s+)(?:and|or|&)\s+(?:the\s+)?|,\s+(?:the\s+)?")
_CODE_BEFORE = re.compile(r"(?<![\w.-])([A-Z]{2,3})-$")
_CODE_AFTER = re.compile(r"-([A-Z]{2,3})(?![\w-])")
# A war: "the Falklands War" names no country, "the US-Iraq War" no alliance.
EVENT_AFTER = re.compile(r"(?:-[A-Z][\w]*)*(?:\s+[A-Z][\w'-]*){0,2}?\s+(?:War|Wars|Crisis|Revolution|Uprising)\b")


def codes_in_compounds(s: str, found: list[Mention], index: AllianceIndex) -> list[Mention]:
    """"PH-Japan": a country code joined by a hyphen to a country name is that country."""
    out = []
    taken = {(m.start, m.end) for m in found}
    for m in found:
        if not m.entity_id.startswith("country:"):
            continue
        before = _CODE_BEFORE.search(s, max(0, m.start - 4), m.start)
        after = _CODE_AFTER.match(s, m.end)
        for hit, start in ((before, before.start(1) if before else 0), (after, after.start(1) if after else 0)):
            if hit and hit.group(1) in index.codes:
                span = (start, start + len(hit.group(1)))
                if span not in taken and not any(f.start < span[1] and span[0] < f.end for f in found):
                    taken.add(span)
                    out.append(Mention(entity_id=index.codes[hit.group(1)], start=span[0], end=span[1]))
    return out


def _runs(s: str, countries: Sequence[MentionSpan]) -> list[list[MentionSpan]]:
    """Countries joined by hyphens, in text order: "Japan-U.S.-ROK", "American–Japanese–Korean"."""
    runs: list[list[MentionSpan]] = []
    for m in countries:
        if runs and s[runs[-1][-1].end:m.start] == "-":
            runs[-1].append(m)
        elif runs and runs[-1][-1].start <= m.start < runs[-1][-1].end:
            continue  # a country nested in another country's span
        else:
            runs.append([m])
    return [r for r in runs if len({m.entity_id for m in r}) >= 2]


@dataclass(frozen=True, slots=True)
class Compound:
    """Countries joined by hyphens and the noun their phrase ends in: "the Japan-U.S. [and …] alliances"."""

    start: int  # the first country
    end: int  # the end of the head noun; of the last country when there is none, or when coordinated
    members: frozenset[str]
    noun: str | None  # the head noun, lower case and singular ("alliance", "programme", "raa")


def compounds(s: str, countries: Sequence[MentionSpan]) -> list[Compound]:
    """The hyphenated compounds of a (normalized) passage, given its country mentions in text order.

    A compound coordinated with the next ("the Japan-U.S. and U.S.-ROK alliances") takes its noun.
    """
    runs = _runs(s, countries)
    heads: list[tuple[str | None, int]] = []
    for run in runs:
        head = _COMPOUND_HEAD.match(s, run[-1].end)
        if (head and head.group(2) and not set(head.group(1).lower().split()) & PHRASE_STOP
                and not EVENT_AFTER.match(s, run[-1].end)):
            heads.append((_singular(head.group(2)), head.end(2)))
        else:
            heads.append((None, run[-1].end))
    for i in range(len(runs) - 2, -1, -1):
        if heads[i][0] is None and heads[i + 1][0] is not None:
            gap = s[runs[i][-1].end:runs[i + 1][0].start]
            if _COORDINATOR.fullmatch(gap):
                heads[i] = (heads[i + 1][0], runs[i][-1].end)
    return [Compound(run[0].start, end, frozenset(m.entity_id for m in run), noun)
            for run, (noun, end) in zip(runs, heads)]


def compound_mentions(s: str, countries: list[Mention], found: list[Mention], index: AllianceIndex,
                      named: list[tuple[int, Grouping]]) -> list[Mention]:
    """The stored alliances a passage's compounds name; ``named`` takes them, and the groupings the store lacks."""
    out: list[Mention] = []
    alliance_spans = [(m.start, m.end) for m in found if m.entity_id.startswith("alliance:")]
    for c in compounds(s, countries):
        if any(a < c.end and c.start < b for a, b in alliance_spans):
            continue  # the gazetteer already named it ("US-Japan alliance" is an alias)
        g = match_compound(index, c)
        if g is not None:
            out.append(Mention(entity_id=g.id or "", start=c.start, end=c.end))
            named.append((c.start, g))
        elif c.noun in HEADS:
            named.append((c.start, Grouping(None, frozenset({c.noun}), c.members)))
    return out


def match_compound(index: AllianceIndex, c: Compound) -> Grouping | None:
    """The stored alliance a compound names: exactly its members, and for a pair a word it is called by."""
    for g in index.by_members.get(c.members, ()):
        if len(c.members) >= 3 or (c.noun and (c.noun in g.heads or (c.noun == "treaty" and "alliance" in g.heads))):
            return g
    return None


def _singular(word: str) -> str:
    word = word.lower()
    if word in ("memoranda", "mou"):
        return "memorandum"
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
