"""Descriptive references: "the alliance", "a trilateral summit", "the three leaders", resolved from the article.

"trilateral security cooperation" is the trilateral grouping whose members the sentence or the
article names; "the Alliance", "our partnership" the grouping called so that the article named
last; "the alliance with the US" the one pair the article makes clear; "a summit of the three
leaders" the grouping of that size named last. A reference whose antecedent is a grouping the store
lacks names nothing, and so does one with no antecedent. Kept apart from the scanner (``mentions``)
because a reference is resolved, not matched: against the groupings named before it, in its passage
and in earlier ones (``Discourse``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from store.models import Mention
from store.pipeline.extract.alliance_index import AllianceIndex, Grouping
from store.pipeline.extract.compounds import PHRASE_STOP
from store.pipeline.extract.plurals import lists_in

_SYNONYMS = {"bloc": "alliance", "organization": "organisation"}  # "the bloc" is what news calls NATO
_BLOC_HEADS = frozenset({"alliance", "organisation", "grouping", "group", "bloc", "coalition"})
_TRILATERAL_NOUNS = frozenset(
    """summit summits meeting meetings partnership alliance pact cooperation relationship relations ties
    framework talks dialogue format grouping mechanism security defense defence statement""".split())
_TRILATERAL = re.compile(r"\b[Tt]rilateral(s?)\b((?:[ -][a-z]+){0,2})")
# Not "its" or "their": "Russia and North Korea deepened their alliance" is theirs, not the last one named.
_DEFINITE = re.compile(
    # Modifiers may hold numbers ("the 75-year-old alliance") but not another determiner: in
    # "the summit of the alliance" the reference starts at the second "the".
    # "the truly global, comprehensive, strategic alliance": modifiers in a row of commas too; and who leads it: "the
    # China-led security bloc".
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Oo]ur)\s+((?:(?!(?:the|this|that|our)\s)(?:[a-z0-9][\w-]*|[A-Z][\w.]*-led),?\s+){0,4}?)"
    r"(alliance|Alliance|partnership|pact|bloc|grouping|treaty|agreement|accord|RAA|VFA|SOFA|organi[sz]ation)(?![\w-])")
_THEIRS_WITH = re.compile(r"\b(?:[Ii]ts|[Tt]heir)\s+((?:(?:new|landmark|historic|partnership|defen[cs]e|security|mutual|"
                          r"military|strategic|comprehensive)\s+){0,3})(alliance|partnership|pact|treaty|agreement|accord)"
                          r"\s+with\s+(?:the\s+)?")
_AGREEING = re.compile(r"\s+(?:of|to|on|that|by|reached)\b")
_BETWEEN_PAIR = re.compile(r"\s+between\s+(?:the\s+)?[A-Z][\w.' -]{1,40}?\s+and\s+(?:the\s+)?[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,4}")
_WITH_COUNTRY = re.compile(r"\s+(?:with|between)\s+(?:the\s+)?$")
_OF_THE_N = re.compile(
    r"\b(?:summit|meeting|talks|grouping)\s+(?:of|between|among|for)\s+the\s+(three|four)\s+"
    r"(?:leaders|countries|nations|partners|governments)\b")
# "the four partners", "these four countries": the grouping of that size the article named last.
_THE_N = re.compile(r"\b(?:[Tt]he|[Tt]hese|[Aa]ll|[Ii]ts|[Tt]heir)\s+(three|four|five)\s+(?:partners|countries|nations|democracies)\b")
_NUMBERS = {"three": 3, "four": 4, "five": 5}
# "It has six member states: Armenia, Belarus, …": a sentence opening with "It" and its members is about the grouping
# named last.
_IT_HAS_MEMBERS = re.compile(r"(?:^|(?<=[.!?] ))It(?= (?:now |currently )?(?:has|had|comprises|includes) (?:[\w-]+ ){0,2}?"
                             r"(?:member states|members|member countries|member nations)\b)")
# What news calls NATO without naming it: "applied to join the Western defence alliance", "the transatlantic alliance".
_NATO_DESCRIBED = re.compile(r"\b[Tt]he\s+((?:U\.?S\.?-led\s+)?(?:Western|[Tt]ransatlantic|North\s+Atlantic)\s+"
                             r"(?:(?:military|defen[cs]e|security)\s+)?(?:alliance|Alliance|bloc))(?![\w-])")
_NATO = "alliance:nato"
_MODIFIER_STOP = PHRASE_STOP - {"and"}
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"'”][.!?])\s+(?=[A-Z\"'“])")


@dataclass(slots=True)
class Discourse:
    """What the article has named so far: its countries and its groupings, the last one last."""

    countries: set[str] = field(default_factory=set)
    groupings: list[Grouping] = field(default_factory=list)
    publisher: str | None = None  # the country whose government published the article, whose "our" it is


def references(s: str, countries: list[Mention], found: list[Mention], index: AllianceIndex,
               discourse: Discourse, named: list[tuple[int, Grouping]], leaders: list[Mention] | None = None) -> list[Mention]:
    """The stored alliances a (normalized) passage's references name; ``named`` takes what each resolves to.
    ``leaders``: the countries of the known leaders the passage names ("Marcos, Biden and Kishida forged a stronger
    trilateral alliance"), which only a trilateral's members are read from: a person is no mention of a country."""
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in found if m.entity_id.startswith("alliance:")]

    def earlier(pos: int) -> list[Grouping]:
        return discourse.groupings + [g for p, g in named if p < pos]

    def add(start: int, end: int, g: Grouping | None) -> None:
        if g is None or any(a < end and start < b for a, b in taken):
            return
        if g.id is None:  # a grouping the store lacks: no mention, but what a later "the trilateral" means
            named.append((start, g))
            named.sort(key=lambda x: x[0])
            return
        out.append(Mention(entity_id=g.id, start=start, end=end))
        taken.append((start, end))
        named.append((start, g))
        named.sort(key=lambda x: x[0])

    if "rilateral" in s:
        for m in _TRILATERAL.finditer(s):
            words = m.group(2).split()
            keep = 0
            while keep < len(words) and words[keep].strip("-") in _TRILATERAL_NOUNS:
                keep += 1
            end = m.start(2) + len(" ".join(m.group(2)[1:].split()[:keep])) + (1 if keep else 0)
            resolved = _trilateral(s, m.start(), countries, index, discourse, earlier(m.start()))
            if (resolved is None or resolved.id is None) and leaders:
                # Only then the leaders: "Marcos, Biden and Kishida forged a stronger trilateral alliance".
                with_leaders = _trilateral(s, m.start(), [*countries, *leaders], index, discourse, earlier(m.start()))
                resolved = with_leaders if with_leaders is not None and with_leaders.id else resolved
            add(m.start(), end if keep else m.end(1), resolved)
    if _NATO in index.groupings:
        for m in _NATO_DESCRIBED.finditer(s):
            add(m.start(1), m.end(1), index.groupings[_NATO])
    for m in _DEFINITE.finditer(s):
        modifiers = m.group(1).split()
        if set(modifiers) & _MODIFIER_STOP or "trilateral" in modifiers:
            continue
        noun = _SYNONYMS.get(m.group(2).lower(), m.group(2).lower())
        if noun in ("agreement", "accord") and _AGREEING.match(s, m.end()):
            continue  # "welcomed the agreement of the Hiroshima Accord": an act of agreeing, not a treaty
        # The mention covers its modifiers ("the [75-year-old alliance]"), so the claims stage
        # reads "the summit of the @A@" whatever describes it.
        start, end = m.start(1), m.end(2)
        after = [c for c in countries if c.start >= end and _WITH_COUNTRY.fullmatch(s, end, c.start)]
        pair = _BETWEEN_PAIR.match(s, end)
        if pair:
            # "the agreement between the Philippines and Japan concerning …": the pair's one grouping so called.
            two = frozenset(c.entity_id for c in countries if pair.start() <= c.start < pair.end())
            fits = [g for g in index.by_members.get(two, ()) if noun in g.heads] if len(two) == 2 else []
            if len(fits) == 1:
                add(start, end, fits[0])
                continue
        if after:
            add(start, end, _alliance_with(after[0].entity_id, noun, index, discourse))
            continue
        before = earlier(start)
        called: Callable[[Grouping], bool] = partial(_called, noun)
        here = [g for p, g in named if p < start]
        if m.group(2) == "bloc" and any(_a_bloc(g) for g in here):
            # "the China-led security bloc" after the SCO: news calls any grouping of states a bloc, not only an
            # alliance; but only one the passage has just named (an earlier passage's may not be the one meant).
            before, called = here, _a_bloc
        if any(called(g) for g in before):
            add(start, end, _last(before, called))
        elif m.group(0)[:3] in ("our", "Our") and discourse.publisher:
            # A government's "our alliance" is its own with the one other country the article has named (the State
            # Department's "our alliance of more than 60 years" after a trip to Japan).
            add(start, end, _ours(discourse.publisher, noun, index, discourse, countries)
                or _pair_in_sentence(s, start, noun, countries, index))
        else:
            add(start, end, _pair_in_sentence(s, start, noun, countries, index))
    for m in _THEIRS_WITH.finditer(s):
        # "North Korea … its new treaty with Russia": the one two-member grouping so called of the country named after
        # "with" whose other member the article names (the owner: "its" is the sentence's subject).
        after = [c for c in countries if c.start == m.end()]
        if after:
            add(m.start(1), m.end(2), _alliance_with(after[0].entity_id, m.group(2).lower(), index, discourse))
    for start, end, members in _listed_meetings(s, countries):
        listed = index.by_members.get(members, ())
        if len(listed) == 1:
            add(start, end, listed[0])
    for m in _IT_HAS_MEMBERS.finditer(s):
        add(m.start(), m.end(), _last(earlier(m.start()), lambda g: True))
    for m in _OF_THE_N.finditer(s):
        n = _NUMBERS[m.group(1)]
        add(m.start(), m.end(), _last(earlier(m.start()), partial(_of_size, n)))
    for m in _THE_N.finditer(s):
        n = _NUMBERS[m.group(1)]
        add(m.start(), m.end(), _last(earlier(m.start()), partial(_of_size, n)))
    return out


# "the Japan, ROK, and U.S. defense ministerial meeting": a meeting named by the three or four countries listed before it.
# Or hyphens: "Japan-Australia-India-U.S. Consultations was convened in Delhi".
_LIST_GAP = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+|\s?[-–]\s?)(?:the\s+)?")
_MEETING_AFTER = re.compile(
    r"\s+(?:(?:[Dd]efen[cs]e|[Ff]oreign|[Ll]eaders['’]?|[Tt]rilateral|[Qq]uadrilateral|[Ss]ecurity)\s+)?(?:[Mm]inisters['’]?\s+)?"
    r"(?:[Mm]inisterial\s+)?(?:[Ss]enior\s+[Oo]fficials['’]?\s+)?(?:[Ss]ummit|[Mm]eeting|[Mm]inisterial|[Tt]alks|[Dd]ialogue|"
    r"[Cc]onsultations)\b(?:\s+[Mm]eeting\b)?")


# "The defense leaders of Australia, Japan, the Philippines and the United States met in Honolulu": their officials met.
_OFFICIALS_OF = re.compile(r"\b(?:leaders|ministers|chiefs|secretaries|officials|heads of (?:state|government))\s+(?:of|from)"
                           r"\s+(?:the\s+)?$")
_MET_AFTER = re.compile(r"\s+(?:have\s+|had\s+|will\s+|on\s+\w+\s+)?(?:met|meet|gathered|convened|held\s+(?:talks|a\s+"
                        r"(?:meeting|summit)))\b")


def _listed_meetings(s: str, countries: list[Mention]) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, members) of each meeting a list of three or more countries names; the span is the meeting's words."""
    out: list[tuple[int, int, frozenset[str]]] = []
    run: list[Mention] = []
    for c in [*sorted(countries, key=lambda c: c.start), None]:
        if c is not None and run and _LIST_GAP.fullmatch(s, run[-1].end, c.start):
            run.append(c)
            continue
        members = frozenset(x.entity_id for x in run)
        after = _MEETING_AFTER.match(s, run[-1].end) if len(members) >= 3 else None
        if after:
            out.append((after.start() + 1, after.end(), members))
        elif len(members) >= 3 and _MET_AFTER.match(s, run[-1].end):
            officials = _OFFICIALS_OF.search(s, max(0, run[0].start - 40), run[0].start)
            if officials:
                word = officials.group().split()[0]
                out.append((officials.start(), officials.start() + len(word), members))
        run = [c] if c is not None else []
    return out


def _pair_in_sentence(s: str, pos: int, noun: str, countries: list[Mention], index: AllianceIndex) -> Grouping | None:
    """"the United States and the Philippines … modernize the alliance" with no alliance named before: the
    one grouping called so whose two members are the two countries its sentence names, or else (a sentence that
    names no country) the sentence before: "This was followed by the Japan-U.S. Defense Ministerial Meeting. We
    reaffirmed … to strengthen the Alliance capabilities"."""
    start, end = sentence_start(s, pos), sentence_end(s, pos)
    local = frozenset(c.entity_id for c in countries if start <= c.start < end)
    if not local and start > 0:
        before = sentence_start(s, start - 1)
        local = frozenset(c.entity_id for c in countries if before <= c.start < start)
    if len(local) != 2:
        return None
    fits = [g for g in index.by_members.get(local, ()) if noun in g.heads]
    return fits[0] if len(fits) == 1 else None


def _called(noun: str, g: Grouping) -> bool:
    return noun in g.heads


def _a_bloc(g: Grouping) -> bool:
    return bool(g.heads & _BLOC_HEADS)


def _of_size(n: int, g: Grouping) -> bool:
    return len(g.members) == n


def _last(groupings: list[Grouping], fits: Callable[[Grouping], bool]) -> Grouping | None:
    """The grouping named last that fits; None if that is one the store lacks, or there is none."""
    for g in reversed(groupings):
        if fits(g):
            return g if g.id else None
    return None


def _trilateral(s: str, pos: int, countries: list[Mention], index: AllianceIndex, discourse: Discourse,
                earlier: list[Grouping]) -> Grouping | None:
    """The trilateral grouping a "trilateral …" means: the three countries its sentence names, else
    the trilateral the article named last, else the only one whose members the article names."""
    start, end = sentence_start(s, pos), sentence_end(s, pos)
    local = {c.entity_id for c in countries if start <= c.start < end}
    listed = {found for found in lists_in(s, countries, start, end) if len(set(found)) == 3}
    if len(local) != 3 and len(listed) == 1:
        # "the first trilateral summit of Japan, the Philippines and the United States, … tensions with China": the
        # three the sentence lists, whatever else it names.
        local = set(listed.pop())
    if len(local) == 3:
        members = frozenset(local)
        return next((g for g in index.by_members.get(members, ())),
                    Grouping(None, frozenset({"trilateral"}), members))
    last = _last(earlier, lambda g: "trilateral" in g.heads or (g.id is None and len(g.members) == 3))
    if last is not None or any(("trilateral" in g.heads or len(g.members) == 3) and g.id is None for g in earlier):
        return last
    fits = [g for g in index.trilaterals if g.members <= discourse.countries]
    return fits[0] if len(fits) == 1 else None


def _alliance_with(country: str, noun: str, index: AllianceIndex, discourse: Discourse) -> Grouping | None:
    """"the alliance with the US", "the RAA with Japan": the one two-member grouping of that country,
    called by that noun, whose other member the article names."""
    fits = [g for g in index.bilaterals.get(country, ())
            if noun in g.heads and (g.members - {country}) <= discourse.countries]
    return fits[0] if len(fits) == 1 else None


def _ours(publisher: str, noun: str, index: AllianceIndex, discourse: Discourse, countries: list[Mention]) -> Grouping | None:
    """The publisher's one two-member grouping called by ``noun`` with a country the article has named, if only one is."""
    named = discourse.countries | {c.entity_id for c in countries}
    fits = [g for g in index.bilaterals.get(publisher, ()) if noun in g.heads and (g.members - {publisher}) <= named]
    return fits[0] if len(fits) == 1 else None


# A cheap sentence split, enough to scope a reference; the scanner's Micronesia blocker reads it too.
def sentence_start(s: str, pos: int) -> int:
    starts = [m.end() for m in _SENTENCE_END.finditer(s, 0, pos)]
    return starts[-1] if starts else 0


def sentence_end(s: str, pos: int) -> int:
    m = _SENTENCE_END.search(s, pos)
    return m.start() if m else len(s)
