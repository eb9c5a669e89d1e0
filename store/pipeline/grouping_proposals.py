"""New groupings and agreements an article names and the store lacks, proposed as entities (issue 14).

:func:`store.pipeline.extract.groupings.find_new_groupings` finds them in each passage; this module makes
each one an alliance :class:`~store.models.Entity` carrying an
:class:`~store.models.EntityProposal` (the article, the passages, the members the passage gives),
written with the rest of the article's import as one undoable group. It also

- adds a mention of the new entity to every passage that names it (by the words found there, or
  later by its name, alias or acronym), so the claims stage reads what the article says about it;
- returns its members as claims (``member_of``, or ``party_to`` for an agreement, as the
  development set codes them), which :func:`store.pipeline.proposals.propose` files as proposed facts.

Never proposed: a grouping the store holds in any state (proposed, accepted or rejected: a
rejection is remembered) by its name, an alias or its acronym, or by the same members and the same
sort (an agreement, or a grouping); and never twice in one article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from store.pipeline.extract.agreement_kinds import singular
from store.pipeline.extract.groupings import GroupingCandidate, find_new_groupings
from store.pipeline.extract.people import stand_ins
from store.pipeline.extract.plurals import CountryLists
from store.pipeline.grouping_parties import headline_pair, unstated_parties
from store.models import Entity, EntityKind, EntityProposal, Excerpt, MentionSpan, Relation
from store.pipeline.extract.alliance_index import AllianceIndex, compound_index
from store.pipeline.extract.claims import Claim
from store.pipeline.known_groupings import AGREEMENT_NOUNS, KnownGroupings, family_of, same_sort
from store.words.resolve import fold

if TYPE_CHECKING:
    from store.pipeline.gazetteer import Gazetteer
    from store.pipeline.import_plan import ImportPlan

# The alliance kind a noun gives (shown in the Alliances pane, read by the claims stage).
_KINDS = {
    "trilateral": "trilateral partnership", "quadrilateral": "quadrilateral partnership",
    "partnership": "strategic partnership", "dialogue": "dialogue", "pact": "security pact",
    "treaty": "treaty", "accord": "accord", "agreement": "agreement", "programme": "defence programme",
    "program": "defence programme", "raa": "reciprocal access agreement", "sofa": "status of forces agreement",
    "vfa": "visiting forces agreement", "memorandum": "memorandum of understanding", "compact": "compact",
    "arrangement": "arrangement", "framework": "framework agreement", "roadmap": "cooperation roadmap",
    "declaration": "joint declaration", "guidelines": "cooperation guidelines",
    "partners": "partner grouping", "four": "partner grouping",
    "quartet": "partner grouping", "squad": "partner grouping", "acronym": "grouping",
}
# Short names for the countries compounds are made of, as news writes them.
_SHORT = {"country:USA": "US", "country:GBR": "UK", "country:KOR": "South Korea", "country:PRK": "North Korea"}
_LEADING_THE = re.compile(r"^(?:the|The)\s+")


def kind_of(noun: str, name: str, members: int) -> str:
    if "reciprocal access" in name.lower():
        return "reciprocal access agreement"
    if _DEFENCE_TREATY.search(name):
        return "mutual defence treaty"  # an alliance its parties are members of, as the store codes ANZUS
    if noun == "alliance":
        return "bilateral alliance" if members == 2 else "alliance"
    return _KINDS.get(noun, "grouping")


def is_agreement(entity: Entity) -> bool:
    """Whether countries are parties to it (an agreement) rather than members of it (an alliance: a mutual
    defence treaty such as "the Papua New Guinea-Australia Mutual Defence Treaty")."""
    kind = entity.alliance_kind or ""
    if kind == "arrangement" and entity.proposal is not None and len(entity.proposal.members) >= 3:
        return False  # "the trilateral maritime security arrangement of India, the Maldives and Sri Lanka": a grouping
    return (entity.proposal is not None and "mutual defence" not in kind
            and any(w in kind for w in ("agreement", "accord", "treaty", "programme", "pact", "memorandum", "compact",
                                        "arrangement", "roadmap", "declaration", "guidelines")))


# Not "the Mutual Defense Cooperation Agreement" (an agreement of cooperation, not of mutual defence).
_DEFENCE_TREATY = re.compile(r"(?i)\bmutual\s+(?:defen[cs]e|security)\b(?!\s+cooperation)|"
                             r"\b(?:defen[cs]e|alliance)\s+treaty\b")


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name.replace("–", " ")).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower()))[:60].strip("-") or "grouping"


@dataclass
class _New:
    entity: Entity
    folded: set[str]
    family: str
    members: frozenset[str]
    # "SSP" of "Special Strategic Partnership", "SOFA" (and "SFA") of "Status of Forces Agreement", when no acronym
    # was given.
    initials: tuple[str, ...] = ()
    excerpts: list[str] = field(default_factory=list)


def propose_groupings(plan: ImportPlan, gazetteer: Gazetteer, excerpts: list[Excerpt]) -> tuple[list[Excerpt], dict[str, list[Claim]]]:
    """The new groupings the excerpts name, put in ``plan``; returns the excerpts (with their new
    mentions) and, by excerpt id, the membership claims to propose."""
    report = plan.report
    assert report is not None
    known = KnownGroupings(plan.store)
    new: list[_New] = []
    described: dict[str, str] = {}  # "indo-pacific partners" → the stored grouping the article described so
    names = gazetteer.alliance_by_name
    lists = CountryLists()  # the countries the article has listed so far: what "both countries" means
    last: dict[str, str] = {}  # "partnership" → the grouping the article named so last
    index = compound_index(gazetteer)
    out: list[Excerpt] = []
    claims: dict[str, list[Claim]] = {}
    headline = headline_pair(gazetteer, report.source.title)
    for excerpt in excerpts:
        if excerpt.heading:
            out.append(excerpt)
            continue
        text = excerpt.quote.exact
        spans: list[MentionSpan] = []
        for alliance in {m.entity_id for m in excerpt.mentions} & _PARTNERS_OF.keys():
            for key, grouping in _PARTNERS_OF[alliance].items():
                if grouping in plan.store.entities:
                    described.setdefault(key, grouping)  # NATO's "Indo-Pacific partners" are the IP4
        people = stand_ins(text, excerpt.mentions, plan.people)  # "Austin and Teodoro signed a … Agreement"
        passage = [*excerpt.mentions, *people]
        for c in find_new_groupings(gazetteer, text, excerpt.mentions):
            if not c.members and c.described is None:
                c = replace(c, members=unstated_parties(c, text, passage, lists, headline, plan.publisher))
            if c.described is not None:
                found = _described(plan, known, described, c, excerpt.id, names, lists.lists)
                if found is not None:
                    spans.append(found)
                    if c.members:
                        claims.setdefault(excerpt.id, []).extend(
                            Claim(m, Relation.MEMBER_OF, found.entity_id, cue=f"described with its members: {c.name}",
                                  rule="known grouping") for m in c.members)
                continue
            # A pair has many agreements: one named otherwise ("an Acquisition and Cross-Servicing Agreement" of
            # Japan and the Philippines) is not their stored RAA; a description or a compound of their names may be.
            named_pair = len(c.members) == 2 and not (c.generic or c.compound) and c.noun != "acronym"
            stored = None if named_pair else known.stored(frozenset(c.members), family_of(c.noun), c.noun)
            if stored is None and named_pair:
                # "the Treaty of Comprehensive Strategic Partnership" of Russia and North Korea: the pair's stored
                # treaty whose name holds the words of this one.
                stored = known.described_by(frozenset(c.members), c.name, by_kind=False)
            if stored is None and (c.generic or c.compound and c.noun == "alliance") and len(c.members) == 2:
                # "a defense pact between China and North Korea", "the U.S.-Thailand alliance": the pair's defence treaty.
                stored = known.described_by(frozenset(c.members), c.name)
            if stored is None and c.generic and len(c.members) >= 3:
                # "a security pact between Japan, South Korea and the US": the trilateral the store has.
                stored = known.stored(frozenset(c.members), "grouping" if family_of(c.noun) == "agreement" else "agreement")
            if stored is not None:
                # "NATO's Indo-Pacific Partners (IPP) Australia, Japan, …": a grouping the store has, named
                # another way with its members: a mention of it, and its members' facts get the passage.
                spans.append(MentionSpan(entity_id=stored, start=c.start, end=c.end))
                plan.renamed.add((excerpt.id, stored))
                # Parties to an agreement, members of a grouping: as the store codes the one named (its facts say:
                # the Russia-DPRK treaty, a mutual defence pact, has members), else as its kind says.
                kind = plan.store.entities[stored].alliance_kind or "" if stored in plan.store.entities else c.noun
                relation = plan.store.membership_relation(stored) or (
                    Relation.PARTY_TO if family_of(kind) == "agreement" else Relation.MEMBER_OF)
                claims.setdefault(excerpt.id, []).extend(
                    Claim(m, relation, stored, cue=f"named with its members: {c.name}", rule="known grouping")
                    for m in sorted(c.members))
                continue
            if c.noun == "dialogue" and len(c.members) == 2:
                continue  # "the Japan-ROK Security Dialogue": a pair's consultations (the claims read them), no grouping
            item = _place(plan, known, new, c, excerpt.id, report.source.id)
            if item is None:
                continue
            if len(item.members) >= 3:
                described[f"#{len(item.members)}"] = item.entity.id  # "the four countries" now means this one
            spans.append(MentionSpan(entity_id=item.entity.id, start=c.start, end=c.end))
            if item.members:
                relation = Relation.PARTY_TO if is_agreement(item.entity) else Relation.MEMBER_OF
                claims.setdefault(excerpt.id, []).extend(
                    Claim(m, relation, item.entity.id, cue=f"named with its members: {c.name}", rule="new grouping")
                    for m in sorted(item.members))
        lists.read(text, passage)
        spans += _by_name(text, new, [*excerpt.mentions, *spans])
        spans += _definite(text, new, [*excerpt.mentions, *spans], last, index)
        if spans:
            for s in spans:
                item = next((n for n in new if n.entity.id == s.entity_id), None)
                if item is not None and excerpt.id not in item.excerpts:
                    item.excerpts.append(excerpt.id)
            mentions = sorted([*excerpt.mentions, *spans], key=lambda m: (m.start, m.end))
            excerpt = excerpt.model_copy(update={"mentions": mentions})
            plan.put("excerpts", excerpt)
            for s in spans:
                report.mentions[s.entity_id] += 1
        out.append(excerpt)
    for item in new:
        proposal = item.entity.proposal
        assert proposal is not None
        entity = item.entity.model_copy(update={"proposal": proposal.model_copy(update={"excerpt_ids": item.excerpts})})
        plan.new_entities[entity.id] = entity
        plan.put("entities", entity)
        report.groupings_proposed.append(entity)
    return out, claims


def _described(plan: ImportPlan, known: KnownGroupings, described: dict[str, str], c: GroupingCandidate,
               excerpt_id: str, names: dict[str, str], lists: Sequence[tuple[str, ...]] = ()) -> MentionSpan | None:
    """A mention of the stored grouping a description names: by the members listed after it ("its partners
    in the Indo-Pacific region – Australia, Japan, the Republic of Korea and New Zealand"), by a name it
    spells out ("Four Indo-Pacific countries": the Indo-Pacific Four), or as an earlier passage described
    it ("the partners from the Indo-Pacific", "the four partners")."""
    key = c.described
    assert key is not None
    stored = known.stored(frozenset(c.members), "grouping", c.noun) if len(c.members) >= 3 else None
    if stored is None and not key.startswith("#") and not key.endswith(("partners", "allies")):
        stored = names.get(fold(key))
        members = known.members_of(stored) if stored else frozenset()
        if stored and any(set(x) != members for x in [x for x in lists if len(x) == len(members)][-1:]):
            # "Australia, India, Japan and U.S. forces … four Indo-Pacific nations": the last four the article
            # listed, not the Indo-Pacific Four.
            return None
    if stored is not None:
        size = len(c.members) or len(known.members_of(stored))
        for k in (key, f"#{size}", "#partner"):
            described.setdefault(k, stored)
        if c.members:
            plan.renamed.add((excerpt_id, stored))
    else:
        stored = described.get(key)
    return MentionSpan(entity_id=stored, start=c.start, end=c.end) if stored else None


def _place(plan: ImportPlan, known: KnownGroupings, new: list[_New], c: GroupingCandidate,
           excerpt_id: str, source_id: str) -> _New | None:
    """The new grouping this candidate names: one of this article's, a new one, or None (the store has it)."""
    members = frozenset(c.members)
    family = family_of(c.noun)
    written = _LEADING_THE.sub("", c.name.strip())
    names = {fold(written)} | {fold(_LEADING_THE.sub("", n)) for n in (c.acronym, c.apposed_to) if n}
    for item in new:
        same_members = (bool(members) and members == item.members and family == item.family
                        and (len(members) >= 3 or same_sort(c.noun, item.entity.alliance_kind or "") or c.generic)
                        and not _named_otherwise(c, item))
        same_name = bool(names & item.folded) and (not members or not item.members or members == item.members)
        if same_members or same_name:
            _merge(item, written, c.acronym, members)
            return item
    named_pair = len(members) == 2 and not (c.generic or c.compound) and c.noun != "acronym"
    if any(known.has_name(n) for n in names) or (members and not named_pair and known.has_members(members, family, c.noun)):
        return None
    if not members and c.noun != "acronym":
        # "the Reciprocal Access Agreement" with no parties named: which one is not said.
        return None
    name = _name(plan, written, c, members)
    if known.has_name(fold(name)):
        return None
    eid = "alliance:" + _slug(name)
    base, n = eid, 2
    while eid in plan.store.entities or eid in plan.new_entities or any(i.entity.id == eid for i in new):
        eid, n = f"{base}-{n}", n + 1
    aliases = list(dict.fromkeys(a for a in (written, c.acronym) if a and a != name))
    entity = Entity(
        id=eid, kind=EntityKind.ALLIANCE, name=name, aliases=aliases,
        alliance_kind=kind_of(c.noun, name, len(members)),
        proposal=EntityProposal(source_id=source_id, excerpt_ids=[excerpt_id], members=sorted(members), noun=c.noun),
    )
    item = _New(entity, names | {fold(name)}, family, members, () if c.acronym else _initials(written))
    new.append(item)
    return item


def _initials(name: str) -> tuple[str, ...]:
    """"SSP" for "Special Strategic Partnership", "SOFA" or "SFA" for "Status of Forces Agreement": what a later
    passage may call it (three letters or more)."""
    words = name.split()
    if "-" in name or len(words) < 3 or not all(w[:1].isupper() or w in _SMALL_WORDS for w in words):
        return ()
    short = "".join(w[0] for w in words if w[:1].isupper())
    full = "".join(w[0].upper() for w in words)
    return tuple(dict.fromkeys(i for i in (short, full) if len(i) >= 3))


_SMALL_WORDS = ("of", "and", "on", "for")


def _named_otherwise(c: GroupingCandidate, item: _New) -> bool:
    """Two agreements of one pair, each with a name of its own: "the 1998 Visiting Forces Agreement (VFA) and
    2014 Enhanced Defense Cooperation Agreement (EDCA)" are two, not one told twice."""
    if item.family != "agreement" or c.generic:
        return False  # a description ("the security pact") names no other agreement than the one named before  # a pair's partnership, however named ("from a Comprehensive to a Strategic Partnership"), is one
    acronyms = {a for a in item.entity.aliases if a.isupper()}
    if c.acronym and acronyms and c.acronym not in acronyms:
        return True
    # A compound of the pair's names describes ("the US-Japan agreement"); a name with a hyphen of its own names one
    # ("the Implementing Arrangement on Air-to-Air Refuelling").
    proper = not c.compound and not c.name.lower().startswith("the ")
    return proper and fold(_LEADING_THE.sub("", c.name)) not in item.folded and c.noun != "acronym"


def _merge(item: _New, written: str, acronym: str | None, members: frozenset[str]) -> None:
    entity = item.entity
    aliases = list(dict.fromkeys(a for a in (*entity.aliases, written, acronym) if a and a != entity.name))
    update: dict[str, object] = {"aliases": aliases}
    if members and not item.members:
        item.members = members
        assert entity.proposal is not None
        update["proposal"] = entity.proposal.model_copy(update={"members": sorted(members)})
    if _DEFENCE_TREATY.search(written):
        update["alliance_kind"] = "mutual defence treaty"  # "the Pukpuk Treaty, the … Mutual Defence Treaty"
    item.entity = entity.model_copy(update=update)
    item.folded |= {fold(a) for a in aliases}


def _name(plan: ImportPlan, written: str, c: GroupingCandidate, members: frozenset[str]) -> str:
    """A name to file it under: a compound with dashes ("US–Japan–Philippines trilateral"); an agreement
    or partnership whose name does not say whose, prefixed by its parties ("Japan–Philippines
    Reciprocal Access Agreement"); otherwise the name as written."""
    first, _, rest = written.partition(" ")
    parts = first.split("-")
    if c.compound and members and len(parts) == len(members) and not set(parts) & _REGION_WORDS:
        return " ".join(w for w in ("–".join(parts), rest) if w)
    if members and all(plan.entity_name(m) in written for m in members):
        return re.sub(r"(?<=[a-z.])-(?=[A-Z])", "–", written)  # "Papua New Guinea–Australia Mutual Defence Treaty"
    if members and (c.noun in AGREEMENT_NOUNS or c.noun in ("partnership", "declaration", "guidelines")
                    or c.generic and c.noun == "alliance"):
        ordered = sorted(members, key=plan.entity_name)
        return "–".join(_SHORT.get(m) or plan.entity_name(m) for m in ordered) + " " + singular(written)
    return written


_REGION_WORDS = frozenset({"Indo", "Pacific", "Asia", "Euro", "Atlantic", "Trans"})
# What an alliance calls a grouping of its partners, once the article has named the alliance: "NATO … the Indo-Pacific
# partners" are the Indo-Pacific Four ("its partners in the Indo-Pacific" of another is not said to be).
_PARTNERS_OF = {"alliance:nato": {"indo-pacific partners": "alliance:ip4"}}


def _by_name(text: str, new: Iterable[_New], found: list[MentionSpan]) -> list[MentionSpan]:
    """Mentions of this article's new groupings by a name or acronym already seen ("the RAA")."""
    taken = [(m.start, m.end) for m in found if m.entity_id.startswith("alliance:")]
    out: list[MentionSpan] = []
    for item in new:
        for alias in sorted({item.entity.name, *item.entity.aliases, *item.initials}, key=len, reverse=True):
            flags = 0 if alias.isupper() else re.IGNORECASE
            for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text, flags):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                out.append(MentionSpan(entity_id=item.entity.id, start=m.start(), end=m.end()))
    return out


_DEFINITE = re.compile(r"\b(?:[Tt]he|[Tt]his|[Oo]ur|[Tt]hat)\s+(?:(?:new|landmark|historic|bilateral)\s+)?"
                       # "Under the Treaty", "The Agreement covers": a name's noun, capitalised as a short name.
                       # Not the act of agreeing: "welcomed the agreement of the Hiroshima Accord".
                       r"((?i:partnership|agreement|accord|treaty|pact|project|programme|program))\b(?![\w-])"
                       r"(?!\s+(?:of|to|on|that|by|reached)\b)")
# "the project" of a programme named before ("a trilateral project known as the Global Combat Air Program").
_NOUN_SYNONYMS = {"project": "programme", "program": "programme"}


def _definite(text: str, new: list[_New], found: list[MentionSpan], last: dict[str, str],
              index: AllianceIndex) -> list[MentionSpan]:
    """"the partnership", "this agreement", "the Treaty" after the article named a grouping so ("the Special
    Strategic Partnership … the partnership"): the grouping called so that the article named last, a new one or
    one the store has that this stage found (the mention stage resolves references to the ones it found).
    ``last`` carries, across passages, the grouping named last by each noun (the store's ones too)."""
    by_id = {item.entity.id: item for item in new}
    taken = [(m.start, m.end) for m in found if m.entity_id.startswith("alliance:")]
    events: list[tuple[int, str, str]] = []  # (position, noun, alliance id) of each grouping named
    for m in found:
        if m.entity_id in by_id:
            noun = _noun_of(by_id[m.entity_id].entity)
            if noun:
                events.append((m.start, noun, m.entity_id))
        elif m.entity_id in index.groupings:
            events += [(m.start, noun, m.entity_id) for noun in index.groupings[m.entity_id].heads]
    events.sort()
    refs = [r for r in _DEFINITE.finditer(text) if not any(a < r.end() and r.start() < b for a, b in taken)]
    out: list[MentionSpan] = []
    for ref in refs:
        for pos, noun, eid in events:
            if pos < ref.start():
                last[noun] = eid
                if noun in _AGREEMENTS and _few(eid, by_id, index):
                    last[_ANY_AGREEMENT] = eid
        events = [e for e in events if e[0] >= ref.start()]
        noun = _NOUN_SYNONYMS.get(ref.group(1).lower(), ref.group(1).lower())
        # "signed the … treaty" … "hailed the agreement": an agreement of two or three countries called otherwise, if it
        # was named last (not an organisation whose name holds "Treaty": "this agreement" is not NATO).
        eid = last.get(noun, "") or (last.get(_ANY_AGREEMENT, "") if noun in _AGREEMENTS else "")
        if eid:
            # A grouping the store has counts as much as a new one: "The Treaty of Comprehensive Strategic
            # Partnership between the Russian Federation and the DPRK" (found here by its members) … "the treaty".
            out.append(MentionSpan(entity_id=eid, start=ref.start(), end=ref.end()))
    for _, noun, eid in events:
        last[noun] = eid
        if noun in _AGREEMENTS and _few(eid, by_id, index):
            last[_ANY_AGREEMENT] = eid
    return out


def _few(eid: str, by_id: dict[str, _New], index: AllianceIndex) -> bool:
    """Whether ``eid`` is this article's new grouping or a stored one of two or three members."""
    stored = index.groupings.get(eid)
    return eid in by_id or (stored is not None and 2 <= len(stored.members) <= 3)


_AGREEMENTS = frozenset({"agreement", "treaty", "pact", "accord"})
_ANY_AGREEMENT = "#agreement"


def _noun_of(entity: Entity) -> str | None:
    """The noun a name ends in, or is headed by when a place or year follows ("Treaty of Jakarta 2026")."""
    words: list[str] = [_NOUN_SYNONYMS.get(w, w) for w in (str(w).lower() for w in re.findall(r"[A-Za-z]+", entity.name))]
    if words and words[-1] in _NOUNS:
        return words[-1]
    head = re.search(r"\b(Treaty|Pact|Accord) of ", entity.name)
    return head.group(1).lower() if head else None


_NOUNS = frozenset({"partnership", "agreement", "accord", "treaty", "pact", "programme"})
