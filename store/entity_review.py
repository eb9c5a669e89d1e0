"""Reviewing the entities an import proposed (new groupings): accept or reject, each one undoable step.

A mixin of :class:`store.repository.FactStore`, as :mod:`store.evidence_links` is. Accepting drops
the entity's proposal: it is an ordinary entity from then on. Rejecting keeps the entity marked
``rejected`` (shown nowhere, named by no later article) so a re-import does not propose it again,
and removes what needs it: its unreviewed facts, and their evidence links. A fact the user judged
or noted is never dropped: rejecting then is refused with a sentence.
Confirming a fact whose end is still a proposed entity accepts that entity in the same step
(:meth:`FactStore.edit_fact`): a confirmed fact about an unreviewed entity would be a contradiction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.concurrency import reads
from store.errors import StoreError
from store.evidence_links import EvidenceLinks
from store.models import Entity, FactStatus

if TYPE_CHECKING:
    from store.models import Annotation, Fact
    from store.records import LazyRecords


class EntityReview(EvidenceLinks):
    """Accept and reject proposed entities through the store's one commit path.

    Built on the link queries (rejecting an entity removes its facts' links).
    """

    if TYPE_CHECKING:
        entities: LazyRecords[Entity]

        def entity(self, entity_id: str) -> Entity: ...
        def facts_of(self, entity_id: str, other: str | None = None, *, include_retracted: bool = True) -> list[Fact]: ...
        def notes_on(self, kind: Any, target_id: str) -> list[Annotation]: ...

    @reads
    def proposed_entities(self) -> list[Entity]:
        """The entities imports proposed that wait for review, by the name lists show."""
        return sorted((e for e in self.entities.values() if e.proposed), key=lambda e: e.label.casefold())

    def accept_entity(self, entity_id: str) -> Entity:
        """Accept a proposed entity; a data set's match is merged into the alliance it matched (store/datasets/atop_match.py)."""
        before = self._proposed(entity_id)
        assert before.proposal is not None
        if before.proposal.match is not None:
            from store.datasets.atop_match import merge_ops

            ops = merge_ops(self, before)  # type: ignore[arg-type]
            self._commit(f"merge {before.name} into {self.entity(before.proposal.match).name}", ops)
            return self.entity(before.proposal.match)
        after = before.model_copy(update={"proposal": None})
        self._commit(f"accept {before.name}", [("entities", entity_id, before, after)])
        return after

    def reject_entity(self, entity_id: str) -> Entity:
        """Reject a proposed entity: kept as rejected, its unconfirmed facts and their links removed.

        Rejecting a data set's match keeps the record as an ordinary alliance of its own, with its
        facts: the data set says it exists, the user said it is not the one it seemed to be.
        """
        before = self._proposed(entity_id)
        assert before.proposal is not None
        if before.proposal.match is not None:
            apart = before.model_copy(update={"proposal": None})
            self._commit(f"keep {before.name} apart", [("entities", entity_id, before, apart)])
            return apart
        after = before.model_copy(update={"proposal": before.proposal.model_copy(update={"status": "rejected"})})
        facts = self.facts_of(entity_id)
        # A fact someone judged or wrote a note on is the user's work: rejecting is refused, not a loss.
        kept = [f for f in facts if f.status is not FactStatus.UNREVIEWED or self.notes_on("fact", f.id)]
        if kept:
            raise StoreError(
                f"{before.name} is not rejected: {len(kept)} of its facts carry your review or notes "
                "(delete or retract those first, or accept the grouping)"
            )
        ops: list[tuple[str, str, Any, Any]] = [("entities", entity_id, before, after)]
        for fact in facts:
            ops += [("evidence_links", link.id, link, None) for link in self.links_of_fact(fact.id)]
            ops.append(("facts", fact.id, fact, None))
        self._commit(f"reject {before.name}", ops)
        return after

    @reads
    def accepted_with(self, fact: Fact) -> list[tuple[str, str, Any, Any]]:
        """The entity changes that confirming ``fact`` brings: its still-proposed ends accepted."""
        if fact.status is not FactStatus.CONFIRMED:
            return []
        ops: list[tuple[str, str, Any, Any]] = []
        for eid in fact.entities:
            entity = self.entities.get(eid)
            if entity is not None and entity.proposed:
                ops.append(("entities", eid, entity, entity.model_copy(update={"proposal": None})))
        return ops

    def _proposed(self, entity_id: str) -> Entity:
        entity = self.entity(entity_id)
        if not entity.proposed:
            raise StoreError(f"{entity.name} is not a proposed entity waiting for review")
        return entity


