"""The mention stage: which countries and alliances each passage of an article names, as news names them.

``store.pipeline.gazetteer`` matches names. This stage reads the article's passages in order and adds what a
reader takes from the way news is written. This module is the scanner, with the blockers and shared name
tails; compounds and references have modules of their own:

- **compounds** (``compounds``): countries joined by hyphens name the alliance whose members are exactly those
  countries, in any order and spelling ("Japan-US-South Korea", "the ROK-U.S. alliance",
  "American–Japanese–Korean trilateral pact"); a pair needs a word the alliance is called by
  ("US-Japan trade talks" are not the alliance), a triple or more does not. Coordinated and plural
  forms name each ("the Japan-U.S. and U.S.-ROK alliances"). "PH-Japan": a country code in a compound.
- **descriptive references** (``references``), resolved from the article: "trilateral security cooperation", "a
  trilateral summit" (the trilateral grouping whose members the sentence or the article names),
  "the Alliance", "our partnership" (the grouping called so that the article named last), "the
  alliance with the US" (the one pair the article makes clear), "a summit of the three leaders".
  A reference whose antecedent is a grouping the store lacks ("the Australia-U.S. Alliance … the
  Alliance") names nothing, and so does one with no antecedent.
- **shared name tails**: "the Reciprocal Access Agreement" that several alliances' names end in is
  the one whose members the passage, else the article, names.
- **blockers**: a name that only contains a country is not that country: newspapers and companies
  ("Daily Mail Australia", "Korea Aerospace Industries"), wars ("the Falklands War"), regions
  ("Micronesia, Melanesia and Polynesia"); nor is a format named after a grouping plus others ("Quad Plus").

Alliances are looked up by member set and by name through an index built once per gazetteer
(``alliance_index``), so a mention costs the same whatever the size of the store.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from store.models import Mention
from store.pipeline.extract.alliance_index import AllianceIndex, Grouping, compound_index
from store.pipeline.extract.compounds import EVENT_AFTER, codes_in_compounds, compound_mentions
from store.pipeline.extract.people import People, stand_ins
from store.pipeline.extract.references import Discourse, references, sentence_end, sentence_start
from store.pipeline.gazetteer import Gazetteer

# Unknown named groupings, which a later "the partnership" may mean: "the Special Strategic Partnership".
_NAMED_GROUPING = re.compile(
    r"\b(?:[A-Z][\w'-]*\s+){1,5}(Alliance|Partnership|Pact|Treaty|Agreement|Accord|Dialogue)\b")

# Blockers: what follows or precedes a country name when the name is part of another name.
_ORG_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'.-]*){0,2}\s+(?:&\s+)?(?:Industries|Corporation|Corp\.?|Co\.|Inc\.?|Ltd\.?|Limited|Holdings|"
    r"Airlines|Airways|Electric|Electronics|Motors?|Steel|Shipbuilding|Aerospace|Telecom|Works|"
    r"Herald|Times|Daily|Post|News|Today|Tribune|Gazette|Journal|Inquirer|Observer|Telegraph|"
    r"Chronicle|Mail)\b")
_ORG_BEFORE = re.compile(
    r"\b(?:Mail|News|Systems|Group|Media|Times|Post|Network|Television|TV|Radio|Airways|Motors|"
    r"Industries|Broadcasting|Telecom|Corporation|Corp\.?|Inc\.?)\s+$")
_PLUS_AFTER = re.compile(r"[ -][Pp]lus\b")
_REGION_WORDS = re.compile(r"\b(?:Melanesia|Polynesia)n?\b")
_REGION_AFTER = re.compile(r"\s+(?:region|subregion|sub-region)\b")

NORMALIZE_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                            "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2019": "'"})


def find_mentions(gazetteer: Gazetteer, text: str) -> list[Mention]:
    """The mentions of one passage read on its own (no earlier paragraphs to resolve references)."""
    return find_article_mentions(gazetteer, [text])[0]


def find_article_mentions(gazetteer: Gazetteer, texts: Sequence[str], publisher: str | None = None) -> list[list[Mention]]:
    """The mentions of each of an article's passages, given in reading order (offsets per passage). ``publisher``:
    the country whose government published the article, a party to what it tells as much as the countries it names
    (the White House's "the second trilateral national security advisors meeting" with Japan and South Korea)."""
    index = compound_index(gazetteer)
    discourse = Discourse(countries={publisher} if publisher else set(), publisher=publisher)
    return [_passage(gazetteer, index, discourse, text) for text in texts]


def _passage(gaz: Gazetteer, index: AllianceIndex, discourse: Discourse, text: str) -> list[Mention]:
    if not text:
        return []
    norm = text.translate(NORMALIZE_DASHES)
    found = [m for m in gaz.find(text, frozenset(discourse.countries)) if not _blocked(norm, m)]
    found += codes_in_compounds(norm, found, index)
    found.sort(key=lambda m: (m.start, -m.end))
    countries = [m for m in found if m.entity_id.startswith("country:")]
    # Groupings named in this passage, by position: what a later reference in it may mean.
    named: list[tuple[int, Grouping]] = [
        (m.start, index.groupings.get(m.entity_id) or Grouping(m.entity_id, frozenset(), frozenset()))
        for m in found if m.entity_id.startswith("alliance:")]
    added = compound_mentions(norm, countries, found, index, named)
    added += _shared_tails(norm, countries, found + added, index, discourse)
    # What a later "the RAA" means: a grouping read from its name's countries ("The Reciprocal Access Agreement … the
    # Philippines … Japan") is named here as much as one the scanner matched.
    named += [(m.start, index.groupings[m.entity_id]) for m in added
              if m.entity_id in index.groupings and all(p != m.start for p, _ in named)]
    for m in _NAMED_GROUPING.finditer(norm):
        if not any(a.start < m.end() and m.start() < a.end for a in found + added
                   if a.entity_id.startswith("alliance:")):
            named.append((m.start(), Grouping(None, frozenset({m.group(1).lower()}), frozenset())))
    discourse.countries.update(m.entity_id for m in countries)
    named.sort(key=lambda x: x[0])
    leaders = [Mention(entity_id=p.entity_id, start=p.start, end=p.end)
               for p in stand_ins(text, found, People())] if "rilateral" in norm else []
    added += references(norm, countries, found + added, index, discourse, named, sorted(leaders, key=lambda m: m.start))
    discourse.groupings.extend(g for _, g in sorted(named, key=lambda x: x[0]))
    out = found + added
    out.sort(key=lambda m: (m.start, -m.end, m.entity_id))
    return out


def _shared_tails(s: str, countries: list[Mention], found: list[Mention], index: AllianceIndex,
                  discourse: Discourse) -> list[Mention]:
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
        # "Quad Plus" is another format than the Quad; a "Major Non-NATO Ally" is outside NATO.
        return bool(_PLUS_AFTER.match(s, m.end)) or s[max(0, m.start - 4):m.start].lower() == "non-"
    if _ORG_AFTER.match(s, m.end) or EVENT_AFTER.match(s, m.end):
        return True
    if _ORG_BEFORE.search(s, max(0, m.start - 20), m.start):
        return True
    if m.entity_id == "country:FSM" and s[m.start:m.end].startswith("Micronesia"):
        sentence = s[sentence_start(s, m.start):sentence_end(s, m.end)]
        return bool(_REGION_WORDS.search(sentence) or _REGION_AFTER.match(s, m.end))
    return False
