"""The mention stage: which countries and alliances each passage of an article names, as news names them.

``store.pipeline.gazetteer`` matches names. This stage reads the article's passages in order and adds what a
reader takes from the way news is written:

- **compounds**: countries joined by hyphens name the alliance whose members are exactly those
  countries, in any order and spelling ("Japan-US-South Korea", "the ROK-U.S. alliance",
  "American–Japanese–Korean trilateral pact"); a pair needs a word the alliance is called by
  ("US-Japan trade talks" are not the alliance), a triple or more does not. Coordinated and plural
  forms name each ("the Japan-U.S. and U.S.-ROK alliances"). "PH-Japan": a country code in a compound.
- **descriptive references**, resolved from the article: "trilateral security cooperation", "a
  trilateral summit" (the trilateral grouping whose members the sentence or the article names),
  "the Alliance", "our partnership" (the grouping called so that the article named last), "the
  alliance with the US" (the one pair the article makes clear), "a summit of the three leaders".
  A reference whose antecedent is a grouping the store lacks ("the Australia-U.S. Alliance … the
  Alliance") names nothing, and so does one with no antecedent.
- **blockers**: a name that only contains a country is not that country: newspapers and companies
  ("Daily Mail Australia", "Korea Aerospace Industries"), wars ("the Falklands War"), regions
  ("Micronesia, Melanesia and Polynesia"); nor is a format named after a grouping plus others ("Quad Plus").

Alliances are looked up by member set and by name through an index built once per gazetteer, so a
mention costs the same whatever the size of the store.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial

from store.pipeline.gazetteer import Gazetteer
from store.models import Mention, MentionSpan

# Nouns a grouping is called by; a grouping answers to the last word of each of its names.
# "raa": a reciprocal access agreement, called "the RAA" once its full name is given ("the Japan-Philippines RAA").
HEADS = frozenset("alliance partnership pact treaty trilateral dialogue agreement accord bloc grouping raa".split())
_SYNONYMS = {"bloc": "alliance"}  # "the bloc" is what news calls NATO
_TRILATERAL_NOUNS = frozenset(
    """summit summits meeting meetings partnership alliance pact cooperation relationship relations ties
    framework talks dialogue format grouping mechanism security defense defence statement""".split())
# Words that end a compound's noun phrase before its head: "US-Japan trade talks" has none.
_PHRASE_STOP = frozenset(
    """and or of in on at to for with by from the a an as is was are were has have had that which who
    than but not its their our his her said says will would""".split())
_COMPOUND_HEAD = re.compile(
    r"(?:\s+((?:[A-Za-z][\w'-]*\s+){0,3}?)"
    r"(alliances?|partnerships?|pacts?|treaty|treaties|trilaterals?|quadrilaterals?|dialogues?|agreements?|"
    r"accords?|programmes?|programs?|initiatives?|RAA|SOFA|VFA)\b)?",
    re.IGNORECASE)
_COORDINATOR = re.compile(r"(?:,\s+|\s+)(?:and|or|&)\s+(?:the\s+)?|,\s+(?:the\s+)?")
_CODE_BEFORE = re.compile(r"(?<![\w.-])([A-Z]{2,3})-$")
_CODE_AFTER = re.compile(r"-([A-Z]{2,3})(?![\w-])")
_NOT_CODES = frozenset("IT NO TO AM IS ME AS AT BE BY DO GO IN OR SO ON AN AI EU UN ID".split())

_TRILATERAL = re.compile(r"\b[Tt]rilateral(s?)\b((?:[ -][a-z]+){0,2})")
# Not "its" or "their": "Russia and North Korea deepened their alliance" is theirs, not the last one named.
_DEFINITE = re.compile(
    # Modifiers may hold numbers ("the 75-year-old alliance") but not another determiner: in
    # "the summit of the alliance" the reference starts at the second "the".
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Oo]ur)\s+((?:(?!(?:the|this|that|our)\s)[a-z0-9][\w-]*\s+){0,4}?)"
    r"(alliance|Alliance|partnership|pact|bloc|grouping|treaty|RAA)(?![\w-])")
_WITH_COUNTRY = re.compile(r"\s+(?:with|between)\s+(?:the\s+)?$")
_OF_THE_N = re.compile(
    r"\b(?:summit|meeting|talks|grouping)\s+(?:of|between|among|for)\s+the\s+(three|four)\s+"
    r"(?:leaders|countries|nations|partners|governments)\b")
_NUMBERS = {"three": 3, "four": 4}
# Unknown named groupings, which a later "the partnership" may mean: "the Special Strategic Partnership".
_NAMED_GROUPING = re.compile(
    r"\b(?:[A-Z][\w'-]*\s+){1,5}(Alliance|Partnership|Pact|Treaty|Agreement|Accord|Dialogue)\b")
_MODIFIER_STOP = _PHRASE_STOP - {"and"}
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"'”][.!?])\s+(?=[A-Z\"'“])")

# Blockers: what follows or precedes a country name when the name is part of another name.
_ORG_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'.-]*){0,2}\s+(?:&\s+)?(?:Industries|Corporation|Corp\.?|Co\.|Inc\.?|Ltd\.?|Limited|Holdings|"
    r"Airlines|Airways|Electric|Electronics|Motors?|Steel|Shipbuilding|Aerospace|Telecom|Works|"
    r"Herald|Times|Daily|Post|News|Today|Tribune|Gazette|Journal|Inquirer|Observer|Telegraph|"
    r"Chronicle|Mail)\b")
_ORG_BEFORE = re.compile(
    r"\b(?:Mail|News|Systems|Group|Media|Times|Post|Network|Television|TV|Radio|Airways|Motors|"
    r"Industries|Broadcasting|Telecom|Corporation|Corp\.?|Inc\.?)\s+$")
_EVENT_AFTER = re.compile(r"(?:-[A-Z][\w]*)*(?:\s+[A-Z][\w'-]*){0,2}?\s+(?:War|Wars|Crisis|Revolution|Uprising)\b")
_PLUS_AFTER = re.compile(r"[ -][Pp]lus\b")
_REGION_WORDS = re.compile(r"\b(?:Melanesia|Polynesia)n?\b")
_REGION_AFTER = re.compile(r"\s+(?:region|subregion|sub-region)\b")

NORMALIZE_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                            "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2019": "'"})


@dataclass(frozen=True, slots=True)
class _Grouping:
    """An alliance of the store, or (``id`` None) a grouping the article names that the store lacks."""

    id: str | None
    heads: frozenset[str]
    members: frozenset[str]


@dataclass(slots=True)
class _Index:
    """The gazetteer's alliances by member set and by the nouns they are called by: built once."""

    groupings: dict[str, _Grouping]
    by_members: dict[frozenset[str], tuple[_Grouping, ...]]
    trilaterals: tuple[_Grouping, ...]
    bilaterals: dict[str, tuple[_Grouping, ...]]  # country id → two-member groupings it is in
    codes: dict[str, str]  # "PH" → "country:PHL"
    # The capitalised tails of names several alliances share ("Reciprocal Access Agreement" of
    # Japan's three RAAs), which the gazetteer cannot resolve alone: the passage's countries can.
    tails: dict[str, tuple[_Grouping, ...]] = field(default_factory=dict)
    tail_re: re.Pattern[str] | None = None


_INDEXES: weakref.WeakKeyDictionary[Gazetteer, _Index] = weakref.WeakKeyDictionary()


def compound_index(gaz: Gazetteer) -> _Index:
    index = _INDEXES.get(gaz)
    if index is None:
        index = _INDEXES[gaz] = _build_index(gaz)
    return index


def _heads(names: Iterable[str]) -> frozenset[str]:
    heads = set()
    for name in names:
        words = re.findall(r"[a-z]+", name.lower())
        if words and words[-1] in HEADS:
            heads.add(words[-1])
        if "trilateral" in words:
            heads.add("trilateral")
    return frozenset(heads)


def _build_index(gaz: Gazetteer) -> _Index:
    import pycountry

    groupings = {eid: _Grouping(eid, _heads(names), gaz.members.get(eid, frozenset()))
                 for eid, names in gaz.alliance_names.items()}
    by_members: dict[frozenset[str], list[_Grouping]] = {}
    bilaterals: dict[str, list[_Grouping]] = {}
    for g in groupings.values():
        if len(g.members) >= 2:
            by_members.setdefault(g.members, []).append(g)
        if len(g.members) == 2:
            for m in g.members:
                bilaterals.setdefault(m, []).append(g)
    codes = {}
    for c in pycountry.countries:
        for code in (c.alpha_2, c.alpha_3):
            if code not in _NOT_CODES:
                codes[code] = f"country:{c.alpha_3}"
    tails, tail_re = _tails(gaz, groupings)
    return _Index(
        groupings=groupings,
        by_members={k: tuple(v) for k, v in by_members.items()},
        trilaterals=tuple(g for g in groupings.values() if "trilateral" in g.heads and len(g.members) == 3),
        bilaterals={k: tuple(v) for k, v in bilaterals.items()},
        codes=codes,
        tails=tails,
        tail_re=tail_re,
    )


@dataclass(slots=True)
class _Discourse:
    """What the article has named so far: its countries and its groupings, the last one last."""

    countries: set[str] = field(default_factory=set)
    groupings: list[_Grouping] = field(default_factory=list)


def find_mentions(gazetteer: Gazetteer, text: str) -> list[Mention]:
    """The mentions of one passage read on its own (no earlier paragraphs to resolve references)."""
    return find_article_mentions(gazetteer, [text])[0]


def find_article_mentions(gazetteer: Gazetteer, texts: Sequence[str]) -> list[list[Mention]]:
    """The mentions of each of an article's passages, given in reading order (offsets per passage)."""
    index = compound_index(gazetteer)
    discourse = _Discourse()
    return [_passage(gazetteer, index, discourse, text) for text in texts]


def _passage(gaz: Gazetteer, index: _Index, discourse: _Discourse, text: str) -> list[Mention]:
    if not text:
        return []
    norm = text.translate(NORMALIZE_DASHES)
    found = [m for m in gaz.find(text) if not _blocked(norm, m)]
    found += _codes_in_compounds(norm, found, index)
    found.sort(key=lambda m: (m.start, -m.end))
    countries = [m for m in found if m.entity_id.startswith("country:")]
    # Groupings named in this passage, by position: what a later reference in it may mean.
    named: list[tuple[int, _Grouping]] = [
        (m.start, index.groupings.get(m.entity_id) or _Grouping(m.entity_id, frozenset(), frozenset()))
        for m in found if m.entity_id.startswith("alliance:")]
    added = _compounds(norm, countries, found, index, named)
    added += _shared_tails(norm, countries, found + added, index, discourse)
    for m in _NAMED_GROUPING.finditer(norm):
        if not any(a.start < m.end() and m.start() < a.end for a in found + added
                   if a.entity_id.startswith("alliance:")):
            named.append((m.start(), _Grouping(None, frozenset({m.group(1).lower()}), frozenset())))
    discourse.countries.update(m.entity_id for m in countries)
    named.sort(key=lambda x: x[0])
    added += _references(norm, countries, found + added, index, discourse, named)
    discourse.groupings.extend(g for _, g in sorted(named, key=lambda x: x[0]))
    out = found + added
    out.sort(key=lambda m: (m.start, -m.end, m.entity_id))
    return out


def _tails(
    gaz: Gazetteer, groupings: dict[str, _Grouping]
) -> tuple[dict[str, tuple[_Grouping, ...]], re.Pattern[str] | None]:
    tails: dict[str, list[_Grouping]] = {}
    for eid, names in gaz.alliance_names.items():
        g = groupings[eid]
        if len(g.members) < 2:
            continue
        for name in names:
            words = name.split()
            for k in range(2, len(words)):
                tail = words[-k:]
                # A tail is a name's head ("… Agreement", "… Treaty"), not a party named last ("… Defence Force").
                if all(w[:1].isupper() for w in tail) and tail[-1].lower() in HEADS:
                    tails.setdefault(" ".join(tail), [])
                    if g not in tails[" ".join(tail)]:
                        tails[" ".join(tail)].append(g)
    tails = {k: v for k, v in tails.items() if k not in gaz.surfaces}
    if not tails:
        return {}, None
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in sorted(tails, key=len, reverse=True)) + r")(?![\w-])")
    return {k: tuple(v) for k, v in tails.items()}, pattern


def _shared_tails(s: str, countries: list[Mention], found: list[Mention], index: _Index,
                  discourse: _Discourse) -> list[Mention]:
    """"the recent Reciprocal Access Agreement" in a passage about the UK and Japan: the UK-Japan one."""
    if index.tail_re is None:
        return []
    out: list[Mention] = []
    here = {m.entity_id for m in countries}
    for m in index.tail_re.finditer(s):
        if any(a.start < m.end() and m.start() < a.end for a in found if a.entity_id.startswith("alliance:")):
            continue
        for scope in (here, here | discourse.countries):
            fits = [g for g in index.tails[m.group(1)] if g.members <= scope]
            if fits:
                if len(fits) == 1 and fits[0].id is not None:
                    out.append(Mention(entity_id=fits[0].id, start=m.start(), end=m.end()))
                break
    return out


# --- blockers -------------------------------------------------------------------------------

def _blocked(s: str, m: Mention) -> bool:
    """A country name inside another name: a newspaper, a company, a war, a region."""
    if not m.entity_id.startswith("country:"):
        return bool(_PLUS_AFTER.match(s, m.end))  # "Quad Plus" is another format than the Quad
    if _ORG_AFTER.match(s, m.end) or _EVENT_AFTER.match(s, m.end):
        return True
    if _ORG_BEFORE.search(s, max(0, m.start - 20), m.start):
        return True
    if m.entity_id == "country:FSM" and s[m.start:m.end].startswith("Micronesia"):
        sentence = s[_sentence_start(s, m.start):_sentence_end(s, m.end)]
        return bool(_REGION_WORDS.search(sentence) or _REGION_AFTER.match(s, m.end))
    return False


def _codes_in_compounds(s: str, found: list[Mention], index: _Index) -> list[Mention]:
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


# --- compounds ------------------------------------------------------------------------------

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
        if (head and head.group(2) and not set(head.group(1).lower().split()) & _PHRASE_STOP
                and not _EVENT_AFTER.match(s, run[-1].end)):
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


def _compounds(s: str, countries: list[Mention], found: list[Mention], index: _Index,
               named: list[tuple[int, _Grouping]]) -> list[Mention]:
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
            named.append((c.start, _Grouping(None, frozenset({c.noun}), c.members)))
    return out


def match_compound(index: _Index, c: Compound) -> _Grouping | None:
    """The stored alliance a compound names: exactly its members, and for a pair a word it is called by."""
    for g in index.by_members.get(c.members, ()):
        if len(c.members) >= 3 or (c.noun and (c.noun in g.heads or (c.noun == "treaty" and "alliance" in g.heads))):
            return g
    return None


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


# --- descriptive references -----------------------------------------------------------------

def _references(s: str, countries: list[Mention], found: list[Mention], index: _Index,
                discourse: _Discourse, named: list[tuple[int, _Grouping]]) -> list[Mention]:
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in found if m.entity_id.startswith("alliance:")]

    def earlier(pos: int) -> list[_Grouping]:
        return discourse.groupings + [g for p, g in named if p < pos]

    def add(start: int, end: int, g: _Grouping | None) -> None:
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
            add(m.start(), end if keep else m.end(1), _trilateral(s, m.start(), countries, index, discourse,
                                                                   earlier(m.start())))
    for m in _DEFINITE.finditer(s):
        modifiers = m.group(1).split()
        if set(modifiers) & _MODIFIER_STOP or "trilateral" in modifiers:
            continue
        noun = _SYNONYMS.get(m.group(2).lower(), m.group(2).lower())
        # The mention covers its modifiers ("the [75-year-old alliance]"), so the claims stage
        # reads "the summit of the @A@" whatever describes it.
        start, end = m.start(1), m.end(2)
        after = [c for c in countries if c.start >= end and _WITH_COUNTRY.fullmatch(s, end, c.start)]
        if after:
            add(start, end, _alliance_with(after[0].entity_id, noun, index, discourse))
            continue
        add(start, end, _last(earlier(start), partial(_called, noun)))
    for m in _OF_THE_N.finditer(s):
        n = _NUMBERS[m.group(1)]
        add(m.start(), m.end(), _last(earlier(m.start()), partial(_of_size, n)))
    return out


def _called(noun: str, g: _Grouping) -> bool:
    return noun in g.heads


def _of_size(n: int, g: _Grouping) -> bool:
    return len(g.members) == n


def _last(groupings: list[_Grouping], fits: Callable[[_Grouping], bool]) -> _Grouping | None:
    """The grouping named last that fits; None if that is one the store lacks, or there is none."""
    for g in reversed(groupings):
        if fits(g):
            return g if g.id else None
    return None


def _trilateral(s: str, pos: int, countries: list[Mention], index: _Index, discourse: _Discourse,
                earlier: list[_Grouping]) -> _Grouping | None:
    """The trilateral grouping a "trilateral …" means: the three countries its sentence names, else
    the trilateral the article named last, else the only one whose members the article names."""
    start, end = _sentence_start(s, pos), _sentence_end(s, pos)
    local = {c.entity_id for c in countries if start <= c.start < end}
    if len(local) == 3:
        members = frozenset(local)
        return next((g for g in index.by_members.get(members, ())),
                    _Grouping(None, frozenset({"trilateral"}), members))
    last = _last(earlier, lambda g: "trilateral" in g.heads or (g.id is None and len(g.members) == 3))
    if last is not None or any(("trilateral" in g.heads or len(g.members) == 3) and g.id is None for g in earlier):
        return last
    fits = [g for g in index.trilaterals if g.members <= discourse.countries]
    return fits[0] if len(fits) == 1 else None


def _alliance_with(country: str, noun: str, index: _Index, discourse: _Discourse) -> _Grouping | None:
    """"the alliance with the US", "the RAA with Japan": the one two-member grouping of that country,
    called by that noun, whose other member the article names."""
    fits = [g for g in index.bilaterals.get(country, ())
            if noun in g.heads and (g.members - {country}) <= discourse.countries]
    return fits[0] if len(fits) == 1 else None


def _sentence_start(s: str, pos: int) -> int:
    starts = [m.end() for m in _SENTENCE_END.finditer(s, 0, pos)]
    return starts[-1] if starts else 0


def _sentence_end(s: str, pos: int) -> int:
    m = _SENTENCE_END.search(s, pos)
    return m.start() if m else len(s)
