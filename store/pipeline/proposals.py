"""Proposing facts and evidence links from an import's excerpts.

:func:`store.pipeline.extract.claims.find_claims` reads each excerpt. A claim that restates a fact the store
already has (same ends, found through the pair index, never a scan) becomes a *proposed supports*
link from the excerpt to that fact; one that dates a lasting relation otherwise (the starts
differ at their common precision) a *proposed contradicts* link, not a twin fact. Events (a
summit, a sale) at another date are other events: new facts. Any other claim becomes a new fact
(``unreviewed``, origin ``import``, the excerpt as its evidence), reviewed as a whole.
A link already known for that fact and passage (in any status), or rejected before for the same
words, is not proposed again. Nothing enters a fact's evidence until a link is accepted.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from store.models import (
    EntityKind,
    EvidenceLink,
    Excerpt,
    Fact,
    FactStatus,
    FuzzyDate,
    LinkOrigin,
    MentionSpan,
    Origin,
    Relation,
    Stance,
    is_live,
    link_id,
    utcnow,
)
from store.pipeline.grouping_proposals import is_agreement
from store.pipeline.named_together import named_together
from store.pipeline.extract.claims import SYMMETRIC, Claim, find_claims
from store.pipeline.extract.makers import maker_stand_ins
from store.pipeline.extract.people import introduced, stand_ins
from store.pipeline.extract.plurals import CountryLists
from store.pipeline.extract.learned import RELATIONS, learned_claims
from store.pipeline.extract.named_members import named_member_claims
from store.pipeline.extract.rules import OPERATION_KINDS

if TYPE_CHECKING:
    from store.pipeline.import_plan import ImportPlan
    from store.repository import FactStore


def propose(plan: ImportPlan, excerpts: Iterable[Excerpt], extra: Mapping[str, list[Claim]] | None = None,
            members: Mapping[str, frozenset[str]] | None = None) -> None:
    """Turn the claims of the excerpts into new facts, or into proposed links to the facts they restate.

    ``extra``: claims read elsewhere, by excerpt id (the members of the new groupings the excerpt names).
    ``members``: the countries each alliance's name gives (``Gazetteer.members``), for the groupings a
    sentence names with all their members (``named_members``); the import's new groupings add theirs.
    """
    store = plan.store
    report = plan.report
    assert report is not None
    extra = extra or {}
    kinds = {e.id: e.alliance_kind for e in store.entities.values() if e.kind is EntityKind.ALLIANCE}
    kinds.update((e.id, e.alliance_kind) for e in plan.new_entities.values() if e.kind is EntityKind.ALLIANCE)
    # Agreements the import proposes have parties, not members (how the development set codes them).
    agreements = {e.id for e in plan.new_entities.values() if is_agreement(e)}
    # and so do the store's (the starter world's reciprocal access agreements).
    agreements |= {e.id for e in store.entities.values()
                   if e.kind is EntityKind.ALLIANCE and "agreement" in (e.alliance_kind or "")}
    proposed_here = {e.id for e in plan.new_entities.values() if e.proposal is not None}
    named = dict(members or {})
    named.update((e.id, frozenset(e.proposal.members)) for e in plan.new_entities.values()
                 if e.proposal is not None and len(e.proposal.members) >= 2)
    new_facts: dict[tuple[str, ...], Fact] = {}
    links: dict[str, EvidenceLink] = {}
    quotes: dict[str, str] = {}
    now = utcnow()
    lists = CountryLists()  # the countries the article has listed so far: what "the two sides" means
    excerpts = sorted(excerpts, key=lambda x: x.start)
    # A small stored grouping whose name does not give its members (GCAP, the Quad): the store's members, so that
    # "the UK-Japan-Italy Global Combat Air Programme" and a sentence naming all four of the Quad say who is in it.
    for alliance in {m.entity_id for x in excerpts for m in x.mentions if m.entity_id.startswith("alliance:")}:
        if len(named.get(alliance, ())) >= 2:
            continue
        stored = store.member_countries(alliance, _SMALL_GROUPING)
        if stored is not None and len(stored) >= 2:
            named[alliance] = stored
    for excerpt in excerpts:
        if excerpt.heading:
            continue
        quotes[excerpt.id] = excerpt.quote.exact
        persons = stand_ins(excerpt.quote.exact, excerpt.mentions, plan.people)
        persons += maker_stand_ins(excerpt.quote.exact, [*excerpt.mentions, *persons])  # "KAI", "FA-50 jets"
        before = CountryLists(list(lists.lists), lists.weapon, lists.host, list(lists.people))
        named_people = [*persons, *introduced(excerpt.quote.exact, excerpt.mentions)]
        claims = find_claims(excerpt.quote.exact, [*excerpt.mentions, *persons], kinds, published=report.source.published,
                             lists=lists, publisher=plan.publisher, members=named, people=named_people)
        cut = proposed_here | {eid for xid, eid in plan.renamed if xid == excerpt.id}
        if any(m.entity_id in cut for m in excerpt.mentions):
            # A new grouping's mention may cut a construction the passage was read by before
            # ("NATO's Indo-Pacific Partners (IPP) Australia, Japan …"): read it without them too.
            plain = [m for m in [*excerpt.mentions, *persons] if m.entity_id not in cut]
            claims += find_claims(excerpt.quote.exact, plain, kinds, published=report.source.published, lists=before,
                                  publisher=plan.publisher, members=named, people=named_people,
                                  unread=[m for m in excerpt.mentions if m.entity_id in cut])
        claims += named_member_claims(excerpt.quote.exact, excerpt.mentions, named)
        claims += extra.get(excerpt.id, [])
        claims += _learned(store, excerpt.quote.exact, [*excerpt.mentions, *persons], claims, named, kinds)
        claims += named_together(store, excerpt.quote.exact, excerpt.mentions, report.source.published)
        implied: dict[str, MentionSpan] = {}
        for claim in claims:
            if claim.relation is Relation.MEMBER_OF and (claim.object in agreements
                                                         or store.membership_relation(claim.object) is Relation.PARTY_TO):
                claim = replace(claim, relation=Relation.PARTY_TO)
            elif claim.object in proposed_here and claim.object not in agreements and claim.relation is Relation.PARTY_TO:
                claim = replace(claim, relation=Relation.MEMBER_OF)  # a new alliance (a mutual defence treaty)
            for c in _rewrite(store, claim):
                if not (plan.need_entity(c.subject) and plan.need_entity(c.object)):
                    continue
                plan.named.update((c.subject, c.object))
                if c.object.startswith("alliance:") and c.object not in implied:
                    span = _implied_mention(excerpt, c)
                    if span is not None:
                        implied[c.object] = span
                target = _existing_fact(store, c, excerpt.id, report.source.published)
                if target is _ALREADY:
                    continue
                if isinstance(target, tuple):
                    fact, stance = target
                    lid = link_id(fact.id, excerpt.id, stance)
                    confidence = _confidence(c, fact, stance, excerpt)
                    if lid not in links or links[lid].confidence < confidence:
                        links[lid] = EvidenceLink(
                            id=lid, fact_id=fact.id, excerpt_id=excerpt.id, stance=stance, origin=LinkOrigin.IMPORT,
                            cue=c.cue, confidence=confidence, created=now, updated=now,
                        )
                else:
                    _add_proposal(new_facts, c, excerpt.id, report.source.id)
        if implied:
            _add_mentions(plan, excerpt, list(implied.values()))
    for link in store.link_proposals(links.values(), pending=quotes):
        plan.put("evidence_links", link)
        report.links_proposed.append(link)
        report.linked_facts[link.fact_id] = store.facts[link.fact_id]
    for fact in new_facts.values():
        plan.put("facts", fact)
        report.proposed.append(fact)


# The words of a sentence that refer to an alliance it does not name: "the Philippines, a U.S. ally",
# "the two countries' military alliance", "Japan's RAAs with Australia and the UK".
_REFERRING = re.compile(
    r"\b(?:all(?:y|ies|iance|iances)|treat(?:y|ies)|pacts?|agreements?|accords?|partnerships?|arrangements?|"
    r"members?|membership|blocs?|grouping|organi[sz]ation|RAAs?|SOFAs?|VFAs?)\b", re.IGNORECASE)


def _implied_mention(excerpt: Excerpt, claim: Claim) -> MentionSpan | None:
    """A mention of the claim's alliance where the passage refers to it without its name, so that the
    passage shows under the alliance as it does under the fact; None when the passage names it."""
    if any(m.entity_id == claim.object for m in excerpt.mentions):
        return None
    start, end = claim.sentence
    taken = [(m.start, m.end) for m in excerpt.mentions]
    text = excerpt.quote.exact
    found: tuple[int, int] | None = None
    for m in _REFERRING.finditer(text, start, end if end > start else len(text)):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if found is None:
            found = m.span()
        elif not text[found[1]:m.start()].strip():
            found = (found[0], m.end())  # one phrase: "treaty ally", "alliance agreement"
        else:
            break
    return MentionSpan(entity_id=claim.object, start=found[0], end=found[1]) if found else None


def _add_mentions(plan: ImportPlan, excerpt: Excerpt, spans: list[MentionSpan]) -> None:
    """Store the passage with its implied mentions, in the report's list it came from."""
    report = plan.report
    assert report is not None
    updated = excerpt.model_copy(update={"mentions": sorted([*excerpt.mentions, *spans], key=lambda m: (m.start, m.end))})
    plan.put("excerpts", updated)
    for group in (report.excerpts_reanchored, report.excerpts_added):
        for i, x in enumerate(group):
            if x.id == excerpt.id:
                group[i] = updated
    for s in spans:
        report.mentions[s.entity_id] += 1


def _learned(store: FactStore, text: str, mentions: list[MentionSpan], claims: list[Claim],
             named: Mapping[str, frozenset[str]], kinds: Mapping[str, str | None]) -> list[Claim]:
    """The model's claims for the pairs of the passage no rule related (:mod:`~store.pipeline.extract.learned`)."""
    related = {frozenset((c.subject, c.object)) for c in claims}

    def members(alliance: str) -> frozenset[str] | None:
        return named.get(alliance) or store.members_and_parties(alliance) or None

    out: list[Claim] = []
    for found in learned_claims(text, mentions, members, related):
        relation = RELATIONS[found.label]
        if relation is Relation.MEMBER_OF:
            operation = any(k in (kinds.get(found.object) or "").lower() for k in OPERATION_KINDS)
            relation = store.membership_relation(found.object) or (
                Relation.PARTY_TO if operation else Relation.MEMBER_OF)
        mood = () if found.modality == "asserted" else (("modality", found.modality),)
        out.append(Claim(found.subject, relation, found.object, cue=f"model {found.probability:.2f}",
                         qualifiers=mood, sentence=found.sentence, rule="learned"))
    return out


_SMALL_GROUPING = 4  # at most this many members: a sentence may name them all
# Cues that date the start of a state ("joined in 2004", "a member since 2004", "signed … in 1951").
_START_CUE = re.compile(r"join|since|became|become|sign|found|establish|admit|accede|accession|enter", re.IGNORECASE)
_ALREADY = object()  # the passage already supports a fact that states the claim
_DENIALS = frozenset({"negated", "denied"})  # modalities that deny the claim rather than hedge it


def _existing_fact(store: FactStore, claim: Claim, excerpt_id: str, published: FuzzyDate | None = None) -> Any:
    """(the store's fact the claim restates or contradicts, the stance), _ALREADY if it cites the passage, or None."""
    existing = [f for f in store.facts_between(claim.subject, claim.object) if _same_ends(f, claim)]
    if not existing:
        return None
    event = claim.relation.event
    for f in existing:
        if excerpt_id in f.evidence and (not event or claim.start is None or _compatible(f.start, claim.start)):
            return _ALREADY
    live = [f for f in existing if is_live(f)] or existing
    if claim.modality in _DENIALS:
        # "X is not a member", "denied reports that X joined": the passage speaks against the fact.
        if event and claim.start is not None:
            same = [f for f in live if f.start is not None and _compatible(f.start, claim.start)]
            return (same[0], Stance.CONTRADICTS) if same else None
        return (live[0], Stance.CONTRADICTS)
    if not event:
        # One membership (partnership …) however many times it is told: the passage backs it,
        # or, when it dates its start otherwise, contradicts it.
        if claim.start is None:
            return (live[0], Stance.SUPPORTS)
        agree = [f for f in live if f.start is None or _compatible(f.start, claim.start)]
        if not agree and not _START_CUE.search(claim.cue):
            # "told … last month that Japan is a NATO partner": a date in the passage, not the
            # partnership's start; a state that held then (the world's partner since 1990, 2014 …) backs it.
            agree = [f for f in live if f.start is not None and f.start.value <= claim.start.value
                     and (not isinstance(f.end, FuzzyDate) or f.end.value >= claim.start.value[:len(f.end.value)])]
        return (agree[0], Stance.SUPPORTS) if agree else (live[0], Stance.CONTRADICTS)
    if claim.start is not None:
        same = [f for f in live if f.start is not None and _compatible(f.start, claim.start)]
        return (same[0], Stance.SUPPORTS) if same else None  # another summit, another sale: a new fact
    # A generality ("attends every year") is no one event a passage may restate.
    undated = [f for f in live if f.start is None and "frequency" not in f.qualifiers]
    if undated:
        return (undated[0], Stance.SUPPORTS)
    if len(live) == 1:
        return (live[0], Stance.SUPPORTS)
    # Several dated events (a summit every year) and no date in the passage: news reports the one
    # of its month, else of its year ("attended the NATO summit in Vilnius", published July 2023;
    # "signed contracts to export tanks to Poland", published in the month of the second of a year's
    # three sales). None then, or several: no date to choose one by.
    for width in (7, 4):
        when = published.value[:width] if published is not None and len(published.value) >= width else ""
        then = [f for f in live if f.start is not None and when and f.start.value[:width] == when]
        if len(then) == 1:
            return (then[0], Stance.SUPPORTS)
    return _ALREADY


# Qualifiers that make a claim less than an assertion (the claims stage keeps modality as one).
_HEDGES = ("modality", "negated", "negation", "speculative", "hedge")


def _confidence(claim: Claim, fact: Fact, stance: Stance, excerpt: Excerpt) -> float:
    """How sure the link is, 0..1, from what is visible in the passage; shown in review to order it.

    A plain restatement naming both ends starts high; a date that agrees with the fact's raises
    it; a hedge (plans, could, denied …) lowers it, and so does a claim only the learned model made;
    a contradiction is a question for the reviewer, so it sits in the middle.
    """
    if stance is Stance.CONTRADICTS:
        return 0.5
    score = 0.6
    named = {m.entity_id for m in excerpt.mentions}
    if claim.subject in named and claim.object in named:
        score += 0.15
    if claim.start is not None and fact.start is not None and _compatible(fact.start, claim.start):
        score += 0.2
    if any(key in _HEDGES for key, _ in claim.qualifiers):
        score -= 0.3
    if claim.rule == "learned":
        score -= 0.3  # the model's guesses were right about half the time on unseen text: below every rule's
    elif claim.rule == "named together":
        score -= 0.2  # a word of the relation near both ends, no construction read: below the rules' links
    return round(min(0.95, max(0.05, score)), 2)


def _add_proposal(new_facts: dict[tuple[str, ...], Fact], claim: Claim, excerpt_id: str, source_id: str) -> None:
    """A new fact, or one more excerpt for a fact this import already proposes."""
    triple = (claim.subject, claim.relation.value, claim.object)
    if claim.relation in SYMMETRIC and (claim.object, claim.relation.value, claim.subject) in new_facts:
        triple = (claim.object, claim.relation.value, claim.subject)
    if not claim.relation.event:
        key: tuple[str, ...] = triple  # one proposal per state, dated if a passage dates it
    elif claim.start is None:
        dated = [k for k in new_facts if k[:3] == triple]
        key = dated[0] if len(dated) == 1 else (*triple, "")
    else:
        key = (*triple, claim.start.value)
    fact = new_facts.get(key)
    if fact is None:
        now = utcnow()
        new_facts[key] = Fact(
            id=_fact_id(claim, source_id),
            subject=claim.subject,
            relation=claim.relation,
            object=claim.object,
            start=claim.start,
            end=claim.end if claim.end is not None else "open",
            qualifiers={"cue": claim.cue, **dict(claim.qualifiers)},
            status=FactStatus.UNREVIEWED,
            evidence=[excerpt_id],
            origin=Origin.IMPORT,
            created=now,
            updated=now,
        )
        return
    update: dict[str, Any] = {}
    if excerpt_id not in fact.evidence:
        update["evidence"] = [*fact.evidence, excerpt_id]
    if fact.start is None and claim.start is not None:
        update["start"] = claim.start
    if update:
        new_facts[key] = fact.model_copy(update=update)


def _rewrite(store: FactStore, claim: Claim) -> list[Claim]:
    """Two countries called allies, when the store has their bilateral alliance: memberships of it."""
    if claim.relation is not Relation.TREATY_ALLY_OF:
        return [claim]

    def member(alliance_id: str, country: str) -> bool:
        return any(
            f.relation is Relation.MEMBER_OF and f.subject == country and is_live(f)
            for f in store.facts_of(alliance_id, country)
        )

    for alliance in store.entities.values():
        if alliance.kind is not EntityKind.ALLIANCE or "bilateral" not in (alliance.alliance_kind or ""):
            continue
        if alliance.ended is not None:
            continue  # allies today are allies under the treaty in force (US-Japan 1960, not 1951)
        if not (member(alliance.id, claim.subject) and member(alliance.id, claim.object)):
            continue
        members = {
            f.subject
            for f in store.facts_of(alliance.id)
            if f.relation is Relation.MEMBER_OF and f.object == alliance.id and is_live(f)
        }
        if members == {claim.subject, claim.object}:
            return [
                Claim(country, Relation.MEMBER_OF, alliance.id, claim.start, claim.end, claim.cue,
                      claim.qualifiers, claim.sentence)
                for country in (claim.subject, claim.object)
            ]
    return [claim]


def _compatible(a: FuzzyDate | None, b: FuzzyDate | None) -> bool:
    """Two dates that may be the same day, compared at the coarser precision."""
    if a is None or b is None:
        return a is None and b is None
    n = min(len(a.value), len(b.value))
    return a.value[:n] == b.value[:n]


def _same_ends(fact: Fact, claim: Claim) -> bool:
    if fact.relation is not claim.relation:
        return False
    if (fact.subject, fact.object) == (claim.subject, claim.object):
        return True
    return claim.relation in SYMMETRIC and (fact.subject, fact.object) == (claim.object, claim.subject)


def _fact_id(claim: Claim, source_id: str) -> str:
    key = "|".join(["import", source_id, claim.subject, claim.relation.value, claim.object,
                    claim.start.value if claim.start else ""])
    return "fact:" + hashlib.sha1(key.encode()).hexdigest()[:12]
