"""Groupings and agreements a passage names that the store lacks (issue 14, "New groupings").

An article that names "the US-Japan-Philippines trilateral", "the Japan-Philippines reciprocal
access agreement" or "the IP4" names an entity the store may not hold. :func:`find_new_groupings`
returns each as a :class:`GroupingCandidate`: the name as written, the member countries when the
passage gives them (the compound's countries, or a list right after the name: "NATO's Indo-Pacific
Partners (IPP) Australia, Japan, New Zealand and the ROK", "… Agreement between Australia and
Japan"), the noun it is called by, and its offsets in the passage. It is a pure function: proposing
the candidate as a new entity, for review, is the importer's business.

Four shapes are read:
- a hyphenated compound of countries ending in a grouping noun whose member set no stored alliance
  has ("the Australia-U.S. Alliance"; "US-Japan-Philippines talks" is a meeting, not a grouping);
- a capitalised name ending in a grouping noun that is no stored alliance's name ("Special Strategic
  Partnership", "Global Combat Air Programme"), trade and economic bodies left out;
- an acronym of letters and a number ("IP4"), the G7, G20 and the like left out;
- a capitalised name a definition gives with its members ("The Weimar Triangle is a regional alliance of France,
  Germany, and Poland").
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, replace

from store.pipeline.extract.agreement_kinds import (
    ACRONYM_AFTER,
    AGREEMENT_ACRONYMS,
    BARE_AGREEMENT,
    OTHER_DEAL,
    SECURITY_WORD,
    KIND_NOUNS,
    KIND_OF_AGREEMENT,
    MUTUAL_DEFENCE,
    joiners,
    members_after,
    pairs_with,
    signed_by,
    sentence_pair,
    with_and_subject,
)
from store.pipeline.extract.alliance_index import compound_index
from store.pipeline.extract.compounds import compounds, match_compound
from store.pipeline.extract.member_lists import member_lists
from store.pipeline.extract.mentions import NORMALIZE_DASHES, find_mentions
from store.pipeline.extract.plurals import lists_in
from store.pipeline.extract.titles import title_parties, titles
from store.pipeline.extract.references import sentence_end, sentence_start
from store.words.resolve import fold
from store.pipeline.gazetteer import Gazetteer
from store.pipeline.gazetteer_surfaces import ALLIANCE, GENERIC, flags_of, strip_article
from store.models import MentionSpan

# Nouns that make a compound or a name a grouping or an agreement between countries.
GROUPING_NOUNS = frozenset(
    """alliance partnership pact treaty trilateral quadrilateral dialogue agreement accord programme program
    raa sofa vfa compact arrangement memorandum initiative""".split())
# Capitalised words, with "of", "on" or "and" inside: "General Security of Military Information Agreement".
_NAMED = re.compile(
    r"\b((?:[A-Z][\w'-]*\s+(?:(?:of|on|and|for)\s+(?=[A-Z]))?){1,6}(?:Alliance|Partnership|Pact|Treaty|Agreement|Accord|Dialogue|Programme|"
    r"Compact|Arrangement|Memorandum|Program|Partners|Four|Quartet|Squad|Initiative))\b")
# One digit: "IP4"; two are a year ("CSG25", a carrier group's 2025 deployment), not a grouping's size.
_ACRONYM = re.compile(r"\b[A-Z]{2,4}\d\b(?!\.\d)")
# A treaty named after the place it was signed: "the Treaty of Jakarta 2026", "the Pact of Tlatelolco".
# Or after what it is of: "the Treaty of Good-Neighborliness and Friendly Cooperation", "the Treaty of Amity and Cooperation".
_OF_PLACE = re.compile(r"\b(?P<noun>Treaty|Pact|Accord)\s+of\s+[A-Z][\w-]+(?:,?\s+(?:and\s+)?[A-Z][\w-]+){0,4}"
                       r"(?:\s+(?:19|20)\d\d\b)?(?![\w-]| [A-Z])")
# A nickname in quotes, as news writes a new grouping's: 'the "Squad" group of nations', 'the so-called "Chip 4"
# alliance'. The noun is required: 'exercises dubbed "Talisman Sabre"' name no grouping.
_QUOTED = re.compile(
    r"[\"“‘'](?P<name>[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*){0,2})[\"”’']\s+(?P<noun>group|grouping|bloc|alliance|club|format|mechanism|forum)\b"
    r"(?:\s+of\s+(?:nations|countries|democracies))?")
# A definition names its grouping and lists its members: "The Weimar Triangle (…) is a regional alliance of France,
# Germany, and Poland", "Nordic-Baltic Eight (NB8) is a regional co-operation format that includes Denmark, …", or in
# apposition anywhere: "the Colombo Security Conclave (CSC), a grouping whose other members are India, Sri Lanka, …".
_DEFINITION_TAIL = (
    r"(?:\s*\([^()]{0,160}\))?(?P<verb>,?\s+(?:is|was|are|were)|,)\s+(?:a|an)\s+(?:[\w-]+\s+){0,4}?"
    r"(?P<noun>alliance|grouping|group|bloc|partnership|pact|forum|coalition|confederation|organi[sz]ation|initiative|"
    r"format|framework|mechanism|conclave|association|consortium|treaty|agreement|collaboration|cooperation|co-operation)\s+"
    r"(?:(?:formed|created|established|founded|signed)\s+)?"
    r"(?:of|between|comprising|among|linking|uniting|made up of|consisting of|composed of|bringing together|including|"
    r"that (?:brings together|includes|comprises|unites)|whose (?:other )?members (?:are|include))\s+(?:the\s+)?"
)
_DEFINED = re.compile(
    r"(?:^|(?<=[.;!?]\s)|(?<=\n)|(?<=[a-z] ))(?:The\s+)?"
    r"(?P<name>[A-Z][\w'-]*(?:\s+(?:(?:of|on|and|for|the)\s+)?[A-Z][\w'-]*){0,5})" + _DEFINITION_TAIL
)
_NOT_SECURITY_DEAL = re.compile(r"(?i)\b(?:economic|trade|investment|tax|climate|customs|free|commercial|energy|tariffs?|"
                                r"health|cultural|aviation|visa|fisheries|digital|minerals?|currency|swap)\b")
_STATUS = re.compile(r"\b[Ss]trategic\b|(?<=[a-z.])[ -](?:[A-Z][a-z][\w-]*\s+)+Partnership\b")
_ITS_MEMBERS = re.compile(r"\s*(?:Its|The (?:group|grouping|organi[sz]ation)['’]s) (?:[\w-]+ )?(?:members|member states|"
                          r"member countries) (?:are|include) ")
_NOT_GROUPINGS = frozenset("CO2 NO2 SO2 PM10 MH17 MH370".split())
_WEAPON_AFTER = re.compile(r"\s+(?:unmanned|armed|attack|combat|drones?|UAVs?|jets?|fighters?|aircraft|tanks?|missiles?|"
                           r"howitzers?|helicopters?|rockets?|launchers?|systems?)\b")
# Names of trade, economic and technical bodies, which the store does not code as groupings.
_NOT_SECURITY = re.compile(
    r"\b(?:Economic|Trade|Trans-Pacific|Investment|Safeguards|Climate|Tax|Free|Customs|Venture|Commercial|Commerce|Industrial|"
    # A country's own programmes: "the Armed Forces of the Philippines Modernization Program".
    r"Moderni[sz]ation|Procurement|Road|Connectivity|Infrastructure|Health|Energy|Development|Deterrence|"
    # Support programmes a sale buys into: "F-16 Aircraft Structural Integrity Program", "International Engine
    # Management Program", "Electronic Combat International Security Assistance Program".
    r"Structural|Integrity|Engine|Software|Sustainment|Maintenance|Management|Electronic|"
    # Ends of wars, not alliances: "the Armistice Agreement", "the San Francisco Peace Treaty".
    r"Armistice|Peace|Cease-?fire|Truce)\b")
# "the Joint Declaration on Strategic Partnership" names the partnership it declares.
_DECLARATION_OF = re.compile(r"(?:Joint\s+)?(?:Declaration|Statement|Communiqu[eé])\s+(?:on|of)\s+(?:the\s+|a\s+)?")
# "… Collaboration Treaty (the Geelong Treaty)": a short name in brackets, the same grouping.
_SHORT_NAME_AFTER = re.compile(r"\s*\((?:the\s+)?((?:[A-Z][\w'-]*\s+){1,3}(?:Treaty|Agreement|Accord|Pact|Partnership))\)")
_NAME_GOES_ON = re.compile(r" [A-Z][a-z]")  # "Defense Acquisition Program Administration" is an agency
_REGIONAL = re.compile(r"-|\b(?:Pacific|Atlantic|Nordic|Baltic|Arctic|Asian|European)\b")
_LEADING_THE = re.compile(r"[Tt]he\s+$")
_REGION = r"Indo-Pacific|Asia-Pacific|Pacific|Asia|Asian|Europe|European|Nordic|Baltic|Arctic"
# "its partners in the Indo-Pacific region", "Four Indo-Pacific countries", "the four partners",
# "these partner countries": descriptions of a grouping (see ``described_keys``).
_DESCRIBED = re.compile(
    # "Japan and three other partners in the Indo-Pacific": four, Japan with them.
    r"\b(?P<det>(?:[Ii]ts|[Tt]heir|[Tt]he|[Oo]ur|[Tt]hese|[A-Z][\w-]*'s)\s+)?(?:(?P<n>[Tt]wo|[Ff]our|[Tt]hree|[Ff]ive|[Ss]ix)\s+"
    r"(?P<other>other\s+)?)?"
    r"(?:(?P<r1>" + _REGION + r")\s+)?(?P<noun>partner countries|partner nations|partners|allies|countries|nations)"
    r"(?:\s+(?:in|from)\s+the\s+(?P<r2>" + _REGION + r")(?:\s+region)?)?\b")


@dataclass(frozen=True, slots=True)
class GroupingCandidate:
    """A grouping or agreement named in a passage and absent from the store."""

    name: str  # as written in the passage
    members: tuple[str, ...]  # country ids, sorted; empty when the passage does not give them
    start: int  # offsets into the passage: passage[start:end] == name
    end: int
    noun: str  # what it is called: "trilateral", "agreement", "partnership", "acronym" …
    acronym: str | None = None  # a parenthesised acronym right after the name: "RAA", "IPP"
    # A description, not a name ("its partners in the Indo-Pacific region"): it names a grouping the
    # store has, by the members listed after it or an earlier passage's, and is never proposed as new.
    described: str | None = None  # its key: "indo-pacific partners"
    # Told by its kind ("a 10-year defence framework agreement"): a description, which a stored grouping of
    # the same members is, whatever its sort, and which a name right after it names ("a new global strategic
    # partnership, 'The Hiroshima Accord'").
    generic: bool = False
    compound: bool = False  # named after its members, joined by dashes ("the US-Japan-Philippines trilateral")
    apposed_to: str | None = None  # the name it is set beside ("the PNG-Australia Mutual Defence Treaty - the Pukpuk
    # Treaty"): the same grouping, named twice


def find_new_groupings(gazetteer: Gazetteer, text: str,
                       mentions: Sequence[MentionSpan] | None = None) -> list[GroupingCandidate]:
    """The groupings ``text`` names that the gazetteer's alliances do not include, in text order.

    ``mentions`` are the passage's mentions from :mod:`store.pipeline.extract.mentions` (found here if not given).
    """
    if not text:
        return []
    s = text.translate(NORMALIZE_DASHES)
    found = list(mentions) if mentions is not None else find_mentions(gazetteer, text)
    countries = sorted((m for m in found if m.entity_id.startswith("country:")), key=lambda m: m.start)
    known = [(m.start, m.end) for m in found if m.entity_id.startswith("alliance:")]
    known_names = _known_names(gazetteer)
    out: list[GroupingCandidate] = []

    def taken(start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in known) or any(c.start < end and start < c.end for c in out)

    def add(start: int, end: int, members: frozenset[str], noun: str, described: bool = False) -> None:
        acronym = ACRONYM_AFTER.match(s, end) or _SHORT_NAME_AFTER.match(s, end)
        if acronym and fold(acronym.group(1)) in known_names:
            return  # "… Security Partnership (AUKUS)": a stored alliance spelled out
        lead = _LEADING_THE.search(s, max(0, start - 4), start) if described else None
        if lead and s[lead.start()] == "t":
            # A description keeps its article ("the US-Japan-Philippines trilateral"); a name does not.
            start = lead.start()
        out.append(GroupingCandidate(text[start:end], tuple(sorted(members)), start, end, noun,
                                     acronym.group(1) if acronym else None, compound=described))
        if acronym and acronym.re is _SHORT_NAME_AFTER:
            known.append(acronym.span(1))  # the short name is this grouping's, not another one

    for title in titles(s):
        start, end = _trim(s, title.start, title.end, found)
        parties = title_parties(s, title, start, countries)
        if not taken(start, end) and parties is not None:
            add(start, end, parties, title.noun)
    index = compound_index(gazetteer)
    for c in compounds(s, countries):
        if c.noun == "partnership" and len(c.members) == 2 and not _STATUS.search(s, c.start, c.end):
            # "the U.S.-Indonesia defense partnership": a pair's relationship described, no grouping named (a
            # strategic partnership is a status two governments declare: "the China-Russia comprehensive strategic
            # partnership", "the India-Vietnam Comprehensive Strategic Partnership").
            continue
        if _NOT_SECURITY_DEAL.search(s, c.start, c.end):
            continue  # "the US-China trade agreement", "the India-UAE investment memorandum"
        if c.noun in GROUPING_NOUNS and not taken(c.start, c.end) and match_compound(index, c) is None:
            add(c.start, c.end, c.members, c.noun, described=True)
    for m in _NAMED.finditer(s):
        start, end = _trim(s, m.start(), m.end(), found)
        declared = _DECLARATION_OF.match(s, start)
        if declared and declared.end() < end:
            start = declared.end()
        name = s[start:end]
        if (start >= end or " " not in name.strip() or taken(start, end) or _NOT_SECURITY.search(name)
                or _is_known(name, known_names) or _NAME_GOES_ON.match(s, end)):
            continue
        if name.endswith(("Partners", "Four", "Quartet", "Squad")) and not _REGIONAL.search(name):
            continue  # "the Philippines' four Strategic Partners" are not a grouping
        noun = name.rsplit(None, 1)[-1].lower()
        members = members_after(s, end, countries) or joiners(s, start, countries)
        if not members and noun in KIND_NOUNS and flags_of(name, ALLIANCE) & GENERIC:
            # A kind of agreement named in capitals ("discuss a Visiting Forces Agreement with the Philippines"):
            # whose it is, as for one told in small letters.
            members = with_and_subject(s, start, end, countries) or sentence_pair(s, start, countries)
        add(start, end, members, noun)
    for m in _DESCRIBED.finditer(s):
        key = described_key(m)
        # "NATO's partners in the Indo-Pacific": the description after the alliance that owns it.
        start = m.end("det") if m.group("det") and taken(m.start(), m.end("det")) else m.start()
        if key and not taken(start, m.end()):
            members = members_after(s, m.end(), countries) | _one_of(s, m.start(), countries, bool(m.group("other")))
            out.append(GroupingCandidate(text[start:m.end()], tuple(sorted(members)), start, m.end(),
                                         "partners", described=key))
    for m in KIND_OF_AGREEMENT.finditer(s):
        # "signed a 10-year defence framework agreement with India", "the strategic partnership between the two
        # countries": an agreement told by its kind, whose parties the sentence gives (or none is proposed).
        start, end = m.span("kind")
        if taken(start, end) or _NOT_SECURITY_DEAL.search(s, m.start(), start):
            continue  # nor "a bilateral economic partnership agreement"
        # What it is called: "arrangement" of "arrangement concerning defence cooperation", "agreement" of "defense
        # cooperation agreements between Manila and Hanoi" (a set of one sort).
        words = ["memorandum" if w.lower() == "mou" else w.lower().removesuffix("s") for w in m.group("kind").split()]
        noun = words[-1] if words[-1] in KIND_NOUNS else next((w for w in words if w in KIND_NOUNS), words[-1])
        noun = "agreement" if noun in AGREEMENT_ACRONYMS or noun == "deal" else noun
        if noun in ("treaty", "pact") and MUTUAL_DEFENCE.search(s, sentence_start(s, start), sentence_end(s, start)):
            noun = "alliance"
        pairs = pairs_with(s, start, end, countries) if m.group("kind").endswith("s") else None
        for members in pairs if pairs is not None else [members_after(s, end, countries)
                                                         or with_and_subject(s, start, end, countries)]:
            out.append(GroupingCandidate(text[start:end], tuple(sorted(members)), start, end, noun, generic=True))
    for m in BARE_AGREEMENT.finditer(s):
        # "Israel's Defence Minister … signed a memorandum of understanding with his Bahraini counterpart": only with
        # both signers in the sentence and a word of defence in it (no headline or passage guess for a bare one).
        start, end = m.span("kind")
        members = with_and_subject(s, start, end, countries)
        first, last = sentence_start(s, start), sentence_end(s, start)
        if (len(members) == 2 and not taken(start, end) and signed_by(s, start, countries)
                and SECURITY_WORD.search(s, first, last) and not OTHER_DEAL.search(s, first, last)):
            noun = "memorandum" if m.group("kind")[0] in "mM" else m.group("kind")
            out.append(GroupingCandidate(text[start:end], tuple(sorted(members)), start, end, noun, generic=True))
    for m in _OF_PLACE.finditer(s):
        # Not "the Treaty of Amity and Economic Relations" (a treaty of trade, as the names of bodies above).
        if not taken(m.start(), m.end()) and not _is_known(m.group(), known_names) and not _NOT_SECURITY.search(m.group()):
            add(m.start(), m.end(), members_after(s, m.end(), countries), m.group("noun").lower())
    for m in _QUOTED.finditer(s):
        start, end = m.span("name")
        if taken(start, end) or fold(m.group("name")) in known_names:
            continue
        members = members_after(s, m.end(), countries) or _sentence_list(s, start, countries)
        out.append(GroupingCandidate(text[start:end], tuple(sorted(members)), start, end,
                                     "alliance" if m.group("noun") == "alliance" else "grouping"))
    for m in _DEFINED.finditer(s):
        start, end = m.span("name")
        members = members_after(s, m.end(), countries)
        then = _ITS_MEMBERS.match(s, sentence_end(s, m.end()))
        if len(members) < 2 and then:
            # "The Nordic Defence Cooperation is a collaboration among the Nordic countries …. Its five members are
            # Denmark, Finland, …": the members the next sentence lists.
            members = members_after(s, then.end(), countries)
        if m.group("verb") != "," and not _opens_sentence(s, start):
            continue  # "is a …" defines the sentence's subject, not a name inside the sentence
        if (len(members) < 2 or " " not in m.group("name") or taken(start, end) or _NOT_SECURITY.search(m.group("name"))
                or any(c.start <= start and end <= c.end for c in countries) or _is_known(m.group("name"), known_names)):
            continue  # a country or a stored alliance defined, or a name of one word ("Quad" is the mention stage's)
        add(start, end, members, m.group("noun"))
    for start, end, members in member_lists(s, countries):  # "The members of the Gulf Cooperation Council are …"
        if not (taken(start, end) or _NOT_SECURITY.search(s[start:end]) or _is_known(s[start:end], known_names)):
            add(start, end, members, "grouping")
    for m in _ACRONYM.finditer(s):
        if _WEAPON_AFTER.match(s, m.end()):
            continue  # "Bayraktar TB2 unmanned aerial vehicles", "KF21 jets": a weapon's designation
        if m.group() not in _NOT_GROUPINGS and not taken(m.start(), m.end()) and fold(m.group()) not in known_names:
            add(m.start(), m.end(), members_after(s, m.end(), countries), "acronym")
    out.sort(key=lambda c: c.start)
    return _appositions(s, out)


_APPOSED = re.compile(r"(?:,|\s+[-–—])?\s*(?:(?:called|known as|named|dubbed)\s+)?['\"‘“]?(?:[Tt]he\s+)?")


def _appositions(s: str, found: list[GroupingCandidate]) -> list[GroupingCandidate]:
    """A kind followed by its name is one grouping, by the name, with the members the kind was given; a name
    followed by a description of its members has them."""
    out: list[GroupingCandidate] = []
    for i, c in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        apposed = nxt is not None and _APPOSED.fullmatch(s, c.end, nxt.start)
        if c.generic and nxt is not None and apposed and not nxt.generic:
            if not nxt.members and c.members:
                found[i + 1] = replace(nxt, members=c.members)
            continue
        if nxt is not None and apposed and not c.members and nxt.members and not c.generic:
            # "the Pukpuk Treaty, the Papua New Guinea-Australia Mutual Defence Treaty": the name, with the
            # members its description gives (the description stays, and is read as the same grouping).
            c = replace(c, members=nxt.members)
        elif nxt is not None and apposed and c.members and not nxt.members and not (c.generic or nxt.generic):
            # "the PNG-Australia Mutual Defence Treaty - the Pukpuk Treaty": the name the description is given.
            found[i + 1] = replace(nxt, members=c.members, apposed_to=c.name)
        out.append(c)
    return out


def _sentence_list(s: str, pos: int, countries: Sequence[MentionSpan]) -> frozenset[str]:
    """The one list of three or more countries the sentence coordinates ("An agreement among Australia, the
    United States, Japan and the Philippines … the "Squad" group of nations"), if it has exactly one."""
    start, end = sentence_start(s, pos), sentence_end(s, pos)
    lists = [found for found in lists_in(s, countries, start, end) if len(found) >= 3]
    return frozenset(lists[0]) if len(lists) == 1 else frozenset()


_ONE_OF = re.compile(r"\s+(?:is|was|remains|has\s+been)\s+(?:one\s+of|among)\s+$")


def _one_of(s: str, start: int, countries: Sequence[MentionSpan], other: bool) -> frozenset[str]:
    """The country a description counts in: "Japan is one of NATO's partners in the Indo-Pacific", "Japan and three
    other partners in the Indo-Pacific" (only when the description says "other")."""
    before = [c for c in countries if c.end <= start and start - c.end <= 40]
    if not before:
        return frozenset()
    gap = s[before[-1].end:start]
    return frozenset({before[-1].entity_id}) if _ONE_OF.fullmatch(gap) or other and re.fullmatch(r"\s+and\s+", gap) \
        else frozenset()


def described_key(m: re.Match[str]) -> str | None:
    """What a description says of its grouping, as a key later descriptions are matched by: its region
    and noun ("indo-pacific partners"), its size and region ("indo-pacific four"), its size alone ("#4",
    "the four partners"), or that it was the one described ("#partner", "these partner countries")."""
    region = (m.group("r1") or m.group("r2") or "").lower().replace("asian", "asia").replace("european", "europe")
    noun, n = m.group("noun"), (m.group("n") or "").lower()
    if n and m.group("other"):
        n = _NEXT.get(n, "")
    if n == "two":
        return None  # a pair is no grouping of partners
    if m.group("r1") and m.group("r2"):
        return None
    if region and n:
        return f"{region} {n}"  # "Four Indo-Pacific countries": the Indo-Pacific Four
    if region and noun in ("partners", "allies"):
        return f"{region} {noun}"
    if n and m.group("det") and noun in ("partners", "countries", "nations"):
        return f"#{_SIZES[n]}"
    if noun in ("partner countries", "partner nations") and (m.group("det") or "").strip().lower() == "these":
        return "#partner"
    return None


_SIZES = {"three": 3, "four": 4, "five": 5, "six": 6}
_NEXT = {"two": "three", "three": "four", "four": "five", "five": "six"}


_DETERMINERS = frozenset({"The", "A", "An", "This", "That", "These", "Our", "Its", "Their"})


def _trim(s: str, start: int, end: int, found: Sequence[MentionSpan]) -> tuple[int, int]:
    """Leading words that name something else ("NATO's", "Australia's", "The") are not the grouping's name."""
    while start < end:
        word_end = s.find(" ", start, end)
        if word_end < 0:
            break
        word = s[start:word_end]
        mention = next((m for m in found if m.start <= start < m.end), None)
        if mention is not None and " " not in s[mention.end:end].strip():
            break  # "the Downing Street Accord": a place that names it, not a country before its name
        if word in _DETERMINERS or mention is not None or word.endswith("'s"):
            start = word_end + 1
        else:
            break
    return start, end


_SENTENCE_OPENING = re.compile(r"(?:^|[.;!?\n]\s*)(?:The\s+)?$")


def _opens_sentence(s: str, start: int) -> bool:
    """Whether the name at ``start`` opens its sentence (after "The", if the sentence has it)."""
    return _SENTENCE_OPENING.search(s[max(0, start - 8):start]) is not None or start == 0


_KNOWN: weakref.WeakKeyDictionary[Gazetteer, frozenset[str]] = weakref.WeakKeyDictionary()


def _known_names(gazetteer: Gazetteer) -> frozenset[str]:
    """The folded names of the gazetteer's alliances, made once per gazetteer (not once per passage)."""
    known = _KNOWN.get(gazetteer)
    if known is None:
        # A kind many pairs have ("Visiting Forces Agreement", "EDCA") is not the stored pair's name: "Britain …
        # intends to discuss a Visiting Forces Agreement with the Philippines" is another one, to propose.
        known = _KNOWN[gazetteer] = frozenset(
            fold(n) for names in gazetteer.alliance_names.values() for n in names
            if not flags_of(strip_article(n), ALLIANCE) & GENERIC)
    return known


def _is_known(name: str, known: frozenset[str]) -> bool:
    folded = fold(name)
    if folded in known:
        return True
    # Part of a stored name ("North Atlantic Treaty" of NATO's) is that alliance; a stored name's
    # generic tail is not ("Reciprocal Access Agreement" of the Japan-Australia one): which RAA a
    # passage means, the mention stage decides from its countries, or the name is a new one.
    # A name of generic words only ("Strategic Partnership") is part of many names and no one's.
    if set(folded.split()) <= _GENERIC_WORDS:
        return False
    return any(folded in k and not k.endswith(" " + folded) for k in known)


_GENERIC_WORDS = frozenset(
    """strategic comprehensive special global enhanced partnership agreement treaty security defence defense
    cooperation co-operation mutual alliance pact accord dialogue access reciprocal forces visiting status of the
    framework and on for military""".split())
