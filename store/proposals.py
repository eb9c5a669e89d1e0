"""Proposing facts from an import's excerpts: :func:`store.relations.find_claims` reads each
excerpt; a claim becomes a new fact (``unreviewed``, origin ``import``, the excerpt as evidence),
or, when the store already has that subject, relation and object, the excerpt is added to that
fact's evidence (its status untouched) and the report says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from store.import_report import EvidenceAdded
from store.models import (
    EntityKind,
    Excerpt,
    Fact,
    FactStatus,
    FuzzyDate,
    Origin,
    Relation,
    utcnow,
)
from store.relations import SYMMETRIC, Claim, find_claims

if TYPE_CHECKING:
    from store.import_plan import ImportPlan
    from store.repository import FactStore


def propose(plan: ImportPlan, excerpts: Iterable[Excerpt]) -> None:
    """Turn the claims of the excerpts into new facts, or into evidence for the facts they restate."""
    store = plan.store
    report = plan.report
    assert report is not None
    kinds = {e.id: e.alliance_kind for e in store.entities.values() if e.kind is EntityKind.ALLIANCE}
    new_facts: dict[tuple[str, ...], Fact] = {}
    edited: dict[str, Fact] = {}
    for excerpt in excerpts:
        if excerpt.heading:
            continue
        for claim in find_claims(excerpt.quote.exact, excerpt.mentions, kinds, published=report.source.published):
            for c in _rewrite(store, claim):
                if not (plan.need_entity(c.subject) and plan.need_entity(c.object)):
                    continue
                plan.named.update((c.subject, c.object))
                target = _existing_fact(store, edited, c, excerpt.id)
                if target is _ALREADY:
                    continue
                if isinstance(target, Fact):
                    edited[target.id] = target.model_copy(update={"evidence": [*target.evidence, excerpt.id]})
                else:
                    _add_proposal(new_facts, c, excerpt.id, report.source.id)
    now = utcnow()
    for fact in edited.values():
        before = store.facts[fact.id]
        after = Fact.model_validate({**fact.model_dump(mode="json"), "updated": now, "rev": before.rev + 1})
        plan.put("facts", after)
        report.evidence_added += [EvidenceAdded(after, x) for x in after.evidence if x not in before.evidence]
    for fact in new_facts.values():
        plan.put("facts", fact)
        report.proposed.append(fact)


_ALREADY = object()  # the passage already supports a fact that states the claim


def _existing_fact(store: FactStore, edited: dict[str, Fact], claim: Claim, excerpt_id: str) -> Any:
    """The store's fact that the claim restates (_ALREADY if it cites the passage), or None."""
    existing = [edited.get(f.id, f) for f in store.facts_of(claim.subject, claim.object) if _same_ends(f, claim)]
    if not existing:
        return None
    event = claim.relation.event
    for f in existing:
        if excerpt_id in f.evidence and (not event or claim.start is None or _compatible(f.start, claim.start)):
            return _ALREADY
    live = [f for f in existing if f.status is not FactStatus.RETRACTED] or existing
    if not event:
        # One membership (partnership …) however many times it is told: the excerpt joins its evidence.
        dated = [f for f in live if claim.start is None or f.start is None or _compatible(f.start, claim.start)]
        return (dated or live)[0]
    if claim.start is not None:
        same = [f for f in live if f.start is not None and _compatible(f.start, claim.start)]
        return same[0] if same else None  # another summit, another sale: a new fact
    undated = [f for f in live if f.start is None]
    if undated:
        return undated[0]
    return live[0] if len(live) == 1 else _ALREADY  # several dated events, no date to choose one: leave them


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
            f.relation is Relation.MEMBER_OF and f.subject == country and f.status is not FactStatus.RETRACTED
            for f in store.facts_of(alliance_id, country)
        )

    for alliance in store.entities.values():
        if alliance.kind is not EntityKind.ALLIANCE or "bilateral" not in (alliance.alliance_kind or ""):
            continue
        if not (member(alliance.id, claim.subject) and member(alliance.id, claim.object)):
            continue
        members = {
            f.subject
            for f in store.facts_of(alliance.id)
            if f.relation is Relation.MEMBER_OF and f.object == alliance.id and f.status is not FactStatus.RETRACTED
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
