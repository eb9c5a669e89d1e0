"""The store's memory and the queries over it: typed models from in-memory tables and indices.

Queries return pydantic models (never TinyDB documents). Each runs under the
state lock (:func:`~store.concurrency.reads`), so it reads one state
of the store; answers that depend on facts, entities or links are cached until
the next write that changes those.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from store.entity_review import EntityReview
from store.errors import NotFound
from store.models import (
    Annotation,
    Change,
    Entity,
    EntityKind,
    EvidenceLink,
    Excerpt,
    Fact,
    Record,
    Relation,
    Source,
    TargetKind,
    is_live,
)
from store.records import LazyRecords
from store.words.resolve import find
from store.concurrency import reads
from store.repository.history import UndoWindow
from store.repository.indices import Indices

T = TypeVar("T")
_MEMBERSHIP = frozenset({"member_of", "party_to"})
M = TypeVar("M", bound=Record)


@dataclass(frozen=True)
class Link:
    """An entity reached from another, with the facts that tie them."""

    entity: Entity
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Evidence:
    excerpt: Excerpt
    source: Source


def link_rank(link: Link) -> int:
    """Memberships first, then partnerships, then the rest."""
    relations = {f.relation for f in link.facts}
    if Relation.MEMBER_OF in relations:
        return 0
    if Relation.PARTNER_OF in relations or Relation.TREATY_ALLY_OF in relations:
        return 1
    return 2


class Queries(EntityReview):
    """What a store holds in memory, and every question asked of it."""

    TABLES = ("entities", "facts", "sources", "excerpts", "annotations", "evidence_links")

    def __init__(self, window: UndoWindow) -> None:
        self.state_lock = threading.RLock()  # the one rule: store/concurrency.py
        self.undo_window = window
        self.indices = Indices()
        self.tables: dict[str, LazyRecords[Any]] = {}
        self._version = 0
        self._query_cache: dict[tuple[Any, ...], Any] = {}
        # Each entity's membership ends, kept across writes that change no member_of or party_to fact (an import writes
        # excerpts and links after every article, and a country's thousands of facts would be read again each time).
        self._memberships: dict[str, tuple[tuple[str, str], ...]] = {}
        self._counts_at_open: tuple[int, dict[str, int]] = (-1, {})

    def _set_tables(self, tables: dict[str, LazyRecords[Any]]) -> None:
        for records in tables.values():
            records.lock = self.state_lock
        self.tables = tables
        self.entities: LazyRecords[Entity] = tables["entities"]
        self.facts: LazyRecords[Fact] = tables["facts"]
        self.sources: LazyRecords[Source] = tables["sources"]
        self.excerpts: LazyRecords[Excerpt] = tables["excerpts"]
        self.annotations: LazyRecords[Annotation] = tables["annotations"]
        self.evidence_links: LazyRecords[EvidenceLink] = tables["evidence_links"]

    def _build_indices(self) -> None:
        self._memberships = {}
        self.indices = Indices()
        self._counts_at_open = (self._version, self.indices.build(self.tables))

    # --- the cache -----------------------------------------------------------------

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """A query's answer, kept until the next write that changes facts, entities or links.

        Answers are shared: callers must not mutate them.
        """
        cache = self._query_cache
        if key not in cache:
            cache[key] = compute()
        return cache[key]  # type: ignore[no-any-return]

    @property
    @reads
    def version(self) -> int:
        """Moves whenever facts or entities change (not notes): what list views depend on."""
        return self._version

    def _invalidate(self) -> None:
        self._version += 1
        self._query_cache = {}

    # --- records by id ----------------------------------------------------------------

    @reads
    def entity(self, entity_id: str) -> Entity:
        return self._one(self.entities, entity_id, "entity")

    @reads
    def fact(self, fact_id: str) -> Fact:
        return self._one(self.facts, fact_id, "fact")

    @reads
    def note(self, note_id: str) -> Annotation:
        return self._one(self.annotations, note_id, "note")

    @staticmethod
    def _one(table: LazyRecords[M], record_id: str, what: str) -> M:
        try:
            return table[record_id]
        except KeyError:
            raise NotFound(f"no {what} {record_id!r} in this store") from None

    # --- the lists ------------------------------------------------------------------------

    def _entities_of_kind(self, kind: EntityKind) -> list[Entity]:
        # A rejected entity is kept only so a re-import does not propose it again: listed nowhere.
        # By the name lists show (an alliance's short name): "ANZUS" sorts under A, not under its long name.
        return sorted((e for e in self.entities.values() if e.kind is kind and not e.rejected), key=lambda e: e.label.casefold())

    @reads
    def relation_count(self, entity_id: str) -> int:
        version, counted = self._counts_at_open
        if version == self._version:
            return counted.get(entity_id, 0)
        facts = self.facts

        def count() -> int:
            # The stored status, read without building each fact's model
            # (countries() asks this of every country: 200,000 facts at 100k).
            get, n = dict.get, 0
            for i in self.indices.facts_by_entity.get(entity_id, ()):
                v = get(facts, i)
                if v is not None and is_live(v.get("status", "unreviewed") if type(v) is dict else v):
                    n += 1
            return n

        return self._cached(("count", entity_id), count)

    @reads
    def countries(self) -> list[tuple[Entity, int]]:
        """Every country that has a fact, with its number of (non-retracted) facts."""

        def compute() -> list[tuple[Entity, int]]:
            out = []
            for e in self._entities_of_kind(EntityKind.COUNTRY):
                n = self.relation_count(e.id)
                if n:
                    out.append((e, n))
            return out

        return list(self._cached(("countries",), compute))

    @reads
    def alliances(self) -> list[tuple[Entity, int]]:
        return list(self._cached(
            ("alliances",), lambda: [(e, self.relation_count(e.id)) for e in self._entities_of_kind(EntityKind.ALLIANCE)]
        ))

    @reads
    def facts_of(self, entity_id: str, other: str | None = None, *, include_retracted: bool = True) -> list[Fact]:
        """The facts about an entity, optionally only those that also involve ``other``, by date."""

        def compute() -> list[Fact]:
            by_entity = self.indices.facts_by_entity
            ids = by_entity.get(entity_id, set())
            if other is not None:
                ids = ids & by_entity.get(other, set())
            table = self.facts
            facts = [f for i in ids if (f := table.get(i)) is not None]
            if not include_retracted:
                facts = [f for f in facts if is_live(f)]
            return sorted(facts, key=Fact.sort_key)

        return list(self._cached(("facts_of", entity_id, other, include_retracted), compute))

    def _membership_ends(self, entity_id: str) -> tuple[tuple[str, str], ...]:
        """(subject, object) of the entity's member_of and party_to facts, from the stored fields (no model)."""
        found = self._memberships.get(entity_id)
        if found is None:
            field = self.facts.field
            found = self._memberships[entity_id] = tuple(
                (field(i, "subject"), field(i, "object")) for i in self.indices.facts_by_entity.get(entity_id, ())
                if field(i, "relation") in _MEMBERSHIP)
        return found

    def _forget_memberships(self, fact_ids: Iterable[str], after: Iterable[Fact | None]) -> None:
        """Drop the kept membership ends of the entities a membership fact ties, before (``fact_ids`` as stored) or
        after a write (``after``: the new facts); call it before the write is applied."""
        field = self.facts.field
        for fact_id in fact_ids:
            if field(fact_id, "relation") in _MEMBERSHIP:
                self._memberships.pop(field(fact_id, "subject"), None)
                self._memberships.pop(field(fact_id, "object"), None)
        for fact in after:
            if fact is not None and fact.relation.value in _MEMBERSHIP:
                self._memberships.pop(fact.subject, None)
                self._memberships.pop(fact.object, None)

    @reads
    def members_and_parties(self, alliance_id: str) -> frozenset[str]:
        """Every entity a member_of or party_to fact (of any status) ties to the alliance."""
        return self._cached(("members_and_parties", alliance_id),
                            lambda: frozenset(s for s, o in self._membership_ends(alliance_id) if o == alliance_id))

    @reads
    def member_countries(self, alliance_id: str, at_most: int) -> frozenset[str] | None:
        """The countries a member_of or party_to fact ties to the alliance, or None when there are more than
        ``at_most``: the scan stops there, so asking whether NATO is a small grouping does not read its thousands of
        facts in a 100,000-fact store."""

        def compute() -> frozenset[str] | None:
            field = self.facts.field
            found: set[str] = set()
            for i in self.indices.facts_by_entity.get(alliance_id, ()):
                if field(i, "relation") in _MEMBERSHIP and field(i, "object") == alliance_id:
                    subject = field(i, "subject")
                    if subject.startswith("country:"):
                        found.add(subject)
                        if len(found) > at_most:
                            return None
            return frozenset(found)

        return self._cached(("member_countries", alliance_id, at_most), compute)

    @reads
    def membership_relation(self, alliance_id: str) -> Relation | None:
        """How the store codes belonging to the alliance: ``member_of`` or ``party_to``, whichever more of its facts
        use (``member_of`` on a tie), or None when it has neither."""

        def compute() -> Relation | None:
            field = self.facts.field
            used = [field(i, "relation") for i in self.indices.facts_by_entity.get(alliance_id, ())
                    if field(i, "relation") in _MEMBERSHIP and field(i, "object") == alliance_id]
            if not used:
                return None
            party = used.count(Relation.PARTY_TO.value)
            return Relation.PARTY_TO if party > len(used) - party else Relation.MEMBER_OF

        return self._cached(("membership_relation", alliance_id), compute)

    @reads
    def groupings_of(self, countries: frozenset[str]) -> dict[str, frozenset[str]]:
        """The alliances every one of ``countries`` is a member of or party to (any status), each with all its
        members and parties. Read from the indices and the stored fields, not from models: an import asks it
        for a handful of countries, and in a 100,000-fact store a country has thousands of facts."""

        def compute() -> dict[str, frozenset[str]]:
            common: set[str] | None = None
            for country in countries:
                theirs = {o for s, o in self._membership_ends(country) if s == country}
                common = theirs if common is None else common & theirs
            return {a: self.members_and_parties(a) for a in sorted(common or ())}

        return dict(self._cached(("groupings_of", countries), compute))

    @reads
    def groupings_of_exactly(self, countries: frozenset[str]) -> list[str]:
        """The alliances whose member and party countries are exactly ``countries`` (any status), without reading
        every member of the larger ones ``countries`` are all in (see :meth:`member_countries`)."""

        def compute() -> list[str]:
            common: set[str] | None = None
            for country in countries:
                theirs = {o for s, o in self._membership_ends(country) if s == country}
                common = theirs if common is None else common & theirs
            return [a for a in sorted(common or ()) if self.member_countries(a, len(countries)) == countries]

        return list(self._cached(("groupings_of_exactly", countries), compute))

    @reads
    def links(self, entity_id: str, kind: EntityKind) -> list[Link]:
        """The entities of ``kind`` tied to ``entity_id`` by a fact, first-dated first."""
        return list(self._cached(("links", entity_id, kind), lambda: self._links(entity_id, kind)))

    def _links(self, entity_id: str, kind: EntityKind) -> list[Link]:
        grouped: dict[str, tuple[Entity, list[Fact]]] = {}
        entities = self.entities
        for fact in self.facts_of(entity_id):
            other = entities.get(fact.other(entity_id))
            if other is not None and other.kind is kind:
                grouped.setdefault(other.id, (other, []))[1].append(fact)
        links = [Link(e, tuple(v)) for e, v in grouped.values()]
        return sorted(links, key=lambda link: (link_rank(link), link.facts[0].sort_key()[0], link.entity.name))

    @reads
    def alliances_of(self, country_id: str) -> list[Link]:
        return self.links(country_id, EntityKind.ALLIANCE)

    @reads
    def members_of(self, alliance_id: str) -> list[Link]:
        """Countries with a live (non-retracted) membership of the alliance."""
        return [
            link
            for link in self.links(alliance_id, EntityKind.COUNTRY)
            if any(f.relation is Relation.MEMBER_OF and is_live(f) for f in link.facts)
        ]

    # --- what a fact rests on, and what is written about things ------------------------------

    @reads
    def evidence(self, fact_id: str) -> list[Evidence]:
        fact = self.fact(fact_id)
        excerpts, sources = self.excerpts, self.sources
        out = []
        for eid in fact.evidence:
            excerpt = excerpts.get(eid)
            source = sources.get(excerpt.source_id) if excerpt is not None else None
            if excerpt is not None and source is not None:
                out.append(Evidence(excerpt, source))
        return out

    @reads
    def references(self, fact_id: str) -> list[Source]:
        sources = self.sources
        return [r for s in self.fact(fact_id).references if (r := sources.get(s)) is not None]

    @reads
    def excerpts_of(self, source_id: str) -> list[Excerpt]:
        excerpts = self.excerpts
        return [r for i in self.indices.excerpts_by_source.get(source_id, ()) if (r := excerpts.get(i)) is not None]

    @reads
    def notes_on(self, kind: TargetKind | str, target_id: str) -> list[Annotation]:
        kind = TargetKind(kind)
        notes = self.annotations
        return [r for i in self.indices.notes_by_target.get((kind.value, target_id), ()) if (r := notes.get(i)) is not None]

    @reads
    def find_entities(self, text: str) -> list[Entity]:
        """Entities ``text`` names, best first (store/words/resolve.py: the one resolver)."""
        return find(self.entities.values(), text)

    # --- the undo window ------------------------------------------------------------------

    @reads
    def history(self) -> list[Change]:
        """The changes of the undo window, oldest first (the archives hold the older ones)."""
        return self.undo_window.history()

    @property
    @reads
    def can_undo(self) -> bool:
        return bool(self.undo_window.undo)

    @property
    @reads
    def can_redo(self) -> bool:
        return bool(self.undo_window.redo)

    @property
    @reads
    def undo_cut(self) -> bool:
        """True when older changes exist that are beyond the undo depth (undo says nothing older)."""
        return self.undo_window.cut and not self.undo_window.undo

    @reads
    def undo_label(self) -> str | None:
        window = self.undo_window
        return window.label(window.undo[-1]) if window.undo else None

    @reads
    def redo_label(self) -> str | None:
        window = self.undo_window
        return window.label(window.redo[-1]) if window.redo else None
