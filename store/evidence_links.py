"""Evidence links in the FactStore: queries by fact, passage, source and status; proposing and reviewing.

A mixin of :class:`store.repository.FactStore`, kept apart so the store's core
stays one idea. Every write goes through the store's one commit path, so a
review of one link or of a whole group is one undoable step.

What a review does (the rule is in :class:`store.models.EvidenceLink`):
accepting a *supports* link puts its passage in the fact's ``evidence`` (the
one answer to "what supports this fact"); rejecting a link that was accepted
takes it out again; a rejected link stays, so proposing the same fact and
passage again (a re-import, a new version, the same paragraph in another
file) proposes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from store.errors import NotFound, StoreError
from store.models import Change, EvidenceLink, Fact, LinkStatus, Stance, utcnow

from store.concurrency import reads

if TYPE_CHECKING:
    import threading

    from store.records import LazyRecords
    from store.repository.indices import Indices


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The key of the pair index: the same for (a, b) and (b, a)."""
    return (a, b) if a <= b else (b, a)


class EvidenceLinks:
    """Link queries and writes over the store's ``evidence_links`` table and its indices."""

    # Provided by FactStore.
    evidence_links: LazyRecords[EvidenceLink]
    facts: LazyRecords[Fact]
    indices: Indices
    state_lock: threading.RLock

    if TYPE_CHECKING:
        excerpts: LazyRecords[Any]

        def _commit(
            self, label: str, ops: Sequence[tuple[str, str, Any, Any]], *, undoes: int | None = None, redoes: int | None = None
        ) -> list[Change]: ...
        def fact(self, fact_id: str) -> Fact: ...
        def excerpts_of(self, source_id: str) -> list[Any]: ...

    # --- queries -------------------------------------------------------------------

    @reads
    def facts_between(self, a: str, b: str) -> list[Fact]:
        """The facts whose two ends are ``a`` and ``b`` (either way round), from the pair index: no scan."""
        facts = self.facts
        return sorted(
            (f for i in self.indices.facts_by_pair.get(pair_key(a, b), ()) if (f := facts.get(i)) is not None),
            key=Fact.sort_key,
        )

    @reads
    def relations_between(self, a: str, b: str) -> list[tuple[str, str, str | None]]:
        """(relation, subject, start) of each fact between ``a`` and ``b``, read from the pair index and the stored
        fields: an import asks it for every pair a sentence names, and models of a busy pair's hundreds of facts
        (the US and NATO in a 100,000-fact store) cost more than the question."""
        field = self.facts.field
        found = [(field(i, "relation"), field(i, "subject"), field(i, "start"))
                 for i in self.indices.facts_by_pair.get(pair_key(a, b), ())]
        return [(relation, subject, start) for relation, subject, start in found if relation is not None]

    def _evidence_links_by_id(self, ids: Iterable[str]) -> list[EvidenceLink]:
        links = self.evidence_links
        found = [link for i in ids if (link := links.get(i)) is not None]
        return sorted(found, key=lambda link: (-link.confidence, link.created, link.id))

    @reads
    def links_of_fact(
        self, fact_id: str, *, status: LinkStatus | str | None = None, stance: Stance | str | None = None
    ) -> list[EvidenceLink]:
        """The links to one fact, most confident first; optionally of one status and one stance."""
        links = self._evidence_links_by_id(self.indices.links_by_fact.get(fact_id, ()))
        return _only(links, status, stance)

    @reads
    def links_of_excerpt(self, excerpt_id: str) -> list[EvidenceLink]:
        return self._evidence_links_by_id(self.indices.links_by_excerpt.get(excerpt_id, ()))

    @reads
    def links_of_source(self, source_id: str, *, status: LinkStatus | str | None = None) -> list[EvidenceLink]:
        """The links of every passage of a source (an article), most confident first."""
        by_excerpt = self.indices.links_by_excerpt
        ids = [i for x in self.excerpts_of(source_id) for i in by_excerpt.get(x.id, ())]
        return _only(self._evidence_links_by_id(ids), status, None)

    @reads
    def proposed_links(self) -> list[EvidenceLink]:
        """The links waiting for review, most confident first."""
        return self._evidence_links_by_id(self.indices.links_by_status.get(LinkStatus.PROPOSED.value, ()))

    @reads
    def remembered(self, fact_id: str, quote: str, stance: Stance | str) -> bool:
        """Whether this passage (by its words, whatever source holds it) was rejected for this fact."""
        stance = Stance(stance)
        excerpts = self.excerpts
        for link in self.links_of_fact(fact_id, status=LinkStatus.REJECTED, stance=stance):
            excerpt = excerpts.get(link.excerpt_id)
            if excerpt is not None and excerpt.quote.exact == quote:
                return True
        return False

    # --- writes --------------------------------------------------------------------

    def propose_links(self, links: Iterable[EvidenceLink], *, label: str = "propose evidence") -> list[EvidenceLink]:
        """Add proposed links as one undoable group; those already known (any status) or remembered are left out."""
        ops = self.link_proposals(links)
        self._commit(label, [("evidence_links", link.id, None, link) for link in ops])
        return ops

    @reads
    def link_proposals(
        self, links: Iterable[EvidenceLink], *, pending: Mapping[str, str] | None = None
    ) -> list[EvidenceLink]:
        """The links worth proposing, checked.

        ``pending``: the excerpts about to be written with the links (an import), id → their words.
        """
        out: dict[str, EvidenceLink] = {}
        pending = pending or {}
        excerpts = self.excerpts
        for link in links:
            self.fact(link.fact_id)
            excerpt = excerpts.get(link.excerpt_id)
            quote = excerpt.quote.exact if excerpt is not None else pending.get(link.excerpt_id)
            if quote is None:
                raise NotFound(f"cannot link evidence: no excerpt {link.excerpt_id!r} in this store")
            if link.id in self.evidence_links or link.id in out:
                continue
            if self.remembered(link.fact_id, quote, link.stance):
                continue
            out[link.id] = link.model_copy(update={"status": LinkStatus.PROPOSED})
        return list(out.values())

    def accept_links(self, link_ids: Iterable[str]) -> list[EvidenceLink]:
        return self.review_links(link_ids, LinkStatus.ACCEPTED)

    def reject_links(self, link_ids: Iterable[str]) -> list[EvidenceLink]:
        return self.review_links(link_ids, LinkStatus.REJECTED)

    def review_links(self, link_ids: Iterable[str], status: LinkStatus | str) -> list[EvidenceLink]:
        """Accept or reject links as one undoable step; supports links accepted become their facts' evidence."""
        status = LinkStatus(status)
        if status is LinkStatus.PROPOSED:
            raise StoreError("a link is reviewed as accepted or rejected, not proposed")
        ids = list(dict.fromkeys(link_ids))
        now = utcnow()
        link_ops: list[tuple[str, str, Any, Any]] = []
        facts: dict[str, tuple[Fact, list[str]]] = {}  # fact id → (before, evidence after)
        reviewed: list[EvidenceLink] = []
        for lid in ids:
            before = self.evidence_links.get(lid)
            if before is None:
                raise NotFound(f"no evidence link {lid!r} in this store")
            if before.status is status:
                continue
            after = before.model_copy(update={"status": status, "updated": now, "rev": before.rev + 1})
            link_ops.append(("evidence_links", lid, before, after))
            reviewed.append(after)
            if before.stance is not Stance.SUPPORTS:
                continue
            fact = self.fact(before.fact_id)
            old, evidence = facts.get(fact.id, (fact, list(fact.evidence)))
            if status is LinkStatus.ACCEPTED and before.excerpt_id not in evidence:
                evidence.append(before.excerpt_id)
            elif status is LinkStatus.REJECTED and before.status is LinkStatus.ACCEPTED:
                evidence = [x for x in evidence if x != before.excerpt_id]
            facts[fact.id] = (old, evidence)
        fact_ops: list[tuple[str, str, Any, Any]] = []
        for fid, (old, evidence) in facts.items():
            if evidence != old.evidence:
                new = old.model_copy(update={"evidence": evidence, "updated": now, "rev": old.rev + 1})
                fact_ops.append(("facts", fid, old, new))
        verb = "accept" if status is LinkStatus.ACCEPTED else "reject"
        label = f"{verb} evidence" if len(reviewed) == 1 else f"{verb} {len(reviewed)} evidence links"
        self._commit(label, [*link_ops, *fact_ops])
        return reviewed


def _only(links: list[EvidenceLink], status: LinkStatus | str | None, stance: Stance | str | None) -> list[EvidenceLink]:
    if status is not None:
        links = [link for link in links if link.status is LinkStatus(status)]
    if stance is not None:
        links = [link for link in links if link.stance is Stance(stance)]
    return links
