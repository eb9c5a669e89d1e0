"""FactStore: typed queries over in-memory indices, and the one path every write takes.

Queries return pydantic models (never TinyDB documents). Every write builds a
group of :class:`Change` records, appends it to the journal (fsynced: the save
is durable when the call returns), then applies it to memory and to the
TinyDB tables, whose files are rewritten later by :meth:`checkpoint`.

Readers and the writer thread. The app writes on a writer thread while the
event loop queries without a lock. The rule that keeps this safe, and costs a
save the same at 10 notes as at 100,000:

- A write edits the tables (``self.entities`` … ``self.annotations``) in
  place: it inserts, replaces and deletes keys of the live dicts. It never
  copies a table.
- A reader never iterates a live table. Every iteration goes through
  LazyRecords' ``__iter__``, ``values``, ``items`` or ``scan``, which first
  take the keys (or items) in one C call (``list(dict.keys(d))``: str keys,
  no Python code runs, so the GIL is held throughout) and then look each key
  up, skipping keys deleted since. ``dict.keys/values/items(table)``,
  ``orjson.dumps(table)`` or ``for k in dict.__iter__(table)`` on a live table
  are not allowed outside store/records.py. Lookups by key (``t[k]``,
  ``t.get(k)``, ``k in t``, ``len(t)``) are single operations and safe.
- Index entries (the sets and lists in ``_facts_by_entity`` …) are replaced,
  never edited in place: a reader may be iterating the old one. The index
  dicts themselves gain keys in place and are only ever read by key.
- ``_groups`` (the undo window) gains and loses groups in place; readers
  (``history()``) copy it in one C call first; the undo and redo stacks are
  read by slicing (``[-1:]``).
- A record enters the indices after it is in its table and leaves them before
  it leaves the table, so an index never names a record that is missing for
  long; readers skip ids they cannot find anyway.

tests/test_table_reads.py checks this deterministically: a table whose
iteration applies a write between two of its steps.
"""

from __future__ import annotations

import bisect
import gc
import os
import secrets
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from store import db, journal, slim
from store.errors import NotFound, StoreCorrupt, StoreError
from store.evidence_links import pair_key
from store.entity_review import EntityReview
from store.models import (
    MODELS,
    Annotation,
    Change,
    Entity,
    EntityKind,
    EvidenceLink,
    Excerpt,
    Fact,
    FactStatus,
    Op,
    Record,
    Relation,
    Source,
    Target,
    TargetKind,
    utcnow,
)
from store.records import LazyRecords

T = TypeVar("T")
R = TypeVar("R", Fact, Annotation)  # the records a user edits

# How many groups of changes (a note saved, an import, an undo …) can be undone.
# Older groups leave memory and, at the next compaction, the live journal for
# journal-archive/. ``FactStore.open(undo_depth=N)`` or the environment
# variable below set it.
UNDO_DEPTH = 1000
UNDO_DEPTH_ENV = "ALLIANCES_TUI_UNDO_DEPTH"


def undo_depth_from_env() -> int:
    raw = os.environ.get(UNDO_DEPTH_ENV, "").strip()
    if not raw:
        return UNDO_DEPTH
    try:
        depth = int(raw)
    except ValueError:
        depth = 0
    if depth < 1:
        raise StoreError(f"{UNDO_DEPTH_ENV} must be a whole number of changes, 1 or more (it is {raw!r})")
    return depth


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The garbage collector off for the block (and back as it was after it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _same_content(before: Any, after: Any) -> bool:
    """Whether an edit changed nothing but the record's revision stamp."""
    stamp = {"updated", "rev"}
    return bool(before.model_dump(exclude=stamp) == after.model_dump(exclude=stamp))


def describe_validation_error(exc: ValidationError) -> str:
    """'start: 2022-13 has no month 13' — the field first, as users look for it."""
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(p) for p in err["loc"]) or "record"
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}")
    return "; ".join(parts)


@dataclass(frozen=True)
class Link:
    """An entity reached from another, with the facts that tie them."""

    entity: Entity
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Evidence:
    excerpt: Excerpt
    source: Source


class FactStore(EntityReview):
    """A store folder opened for queries and (unless read-only) writes (evidence links: store/evidence_links.py)."""

    def __init__(self, files: db.StoreFiles, *, undo_depth: int | None = None) -> None:
        self._files = files
        self.undo_depth = undo_depth if undo_depth is not None else undo_depth_from_env()
        if self.undo_depth < 1:
            raise StoreError(f"the undo depth must be 1 or more, not {self.undo_depth}")
        self._lock = threading.RLock()
        self.entities: LazyRecords[Entity] = LazyRecords({}, Entity, files.folder, "entities")
        self.facts: LazyRecords[Fact] = LazyRecords({}, Fact, files.folder, "facts")
        self.sources: LazyRecords[Source] = LazyRecords({}, Source, files.folder, "sources")
        self.excerpts: LazyRecords[Excerpt] = LazyRecords({}, Excerpt, files.folder, "excerpts")
        self.annotations: LazyRecords[Annotation] = LazyRecords({}, Annotation, files.folder, "annotations")
        self.evidence_links: LazyRecords[EvidenceLink] = LazyRecords({}, EvidenceLink, files.folder, "evidence_links")
        self._facts_by_entity: defaultdict[str, set[str]] = defaultdict(set)
        # Linking looks facts up by their two ends: an index, so its cost does not grow with the store.
        self._facts_by_pair: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
        self._links_by_fact: defaultdict[str, set[str]] = defaultdict(set)
        self._links_by_excerpt: defaultdict[str, set[str]] = defaultdict(set)
        self._links_by_status: defaultdict[str, set[str]] = defaultdict(set)
        self._excerpts_by_source: defaultdict[str, list[str]] = defaultdict(list)
        self._notes_by_target: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
        # The undo window. A line whose changes the snapshots already hold stays unread until
        # undo, redo or history needs it: an import of thousands of records took 0.5 s of
        # every launch to parse while it stayed in the window.
        self._groups: dict[int, list[Change] | _Unread] = {}
        self._undo: list[int] = []
        self._redo: list[int] = []
        self._undo_cut = False  # whether groups have fallen off the bottom of the undo stack
        self._journal_gids: list[int] = []  # the group of each line of the live journal, in order
        self._journal_changes: list[int] = []  # how many changes each of those lines holds
        self._seq = 0
        self._group = 0
        self._version = 0
        self._query_cache: dict[tuple[Any, ...], Any] = {}
        self._counts_at_open: tuple[int, dict[str, int]] = (-1, {})
        try:
            self._load()
            files.start_writing()
        except BaseException:
            # Free the lock for the repaired store, and write nothing on the way out.
            files.release()
            raise

    # --- opening -------------------------------------------------------------

    @classmethod
    def open(
        cls, folder: Path | str, *, readonly: bool = False, create: bool = True, undo_depth: int | None = None
    ) -> FactStore:
        """Open a store, creating it from the starter data when it does not exist yet.

        ``undo_depth``: how many groups of changes can be undone (default:
        $ALLIANCES_TUI_UNDO_DEPTH, else :data:`UNDO_DEPTH`).
        """
        depth = undo_depth if undo_depth is not None else undo_depth_from_env()
        folder = Path(folder).expanduser()
        # Read-only too: `alliances-tui export` on a first run shows the starter store.
        if create:
            from store.datasets.starter import create_store_if_missing

            create_store_if_missing(folder)
        # Parsing allocates millions of small objects that live as long as the
        # store: a collection during the load is wasted work (at 100k facts the
        # collector doubled the parse, 0.8 -> 1.4 s).
        with _collector_paused():
            return cls(db.open_files(folder, readonly=readonly), undo_depth=depth)

    @property
    def folder(self) -> Path:
        return self._files.folder

    @property
    def readonly(self) -> bool:
        return self._files.readonly

    @property
    def readonly_reason(self) -> str:
        return self._files.readonly_reason

    # Tables whose models are built on demand when their file is sealed (see store/records.py).
    LAZY_TABLES = ("facts", "excerpts", "annotations", "sources", "evidence_links")

    def _load(self) -> None:
        with _collector_paused():
            for table, model in MODELS.items():
                name = db.TABLE_FILE[table]
                file = self._files.folder / name
                raw = self._files.raw(table)
                records: LazyRecords[Any] = LazyRecords(raw, model, file, table)
                if not (table in self.LAZY_TABLES and name in self._files.sealed):
                    for key, doc in raw.items():
                        record = records[key]  # validates, naming the file and record on failure
                        if record.id != key:
                            raise StoreCorrupt(file, f"is stored under {key!r} but has id {record.id!r}", record=f"{table}/{key}")
                setattr(self, table, records)
            self._replay()
            self._index()

    def _replay(self) -> None:
        path = self._files.folder / db.JOURNAL
        applied = {name: self._files.applied_seq(name) for name in db.FILES}
        replayed: dict[str, int] = {}
        known = {name: max(seq, self._files.covered.get(name, 0)) for name, seq in applied.items()}
        if min(known.values()) < journal.last_archived_seq(self._files.folder):
            # A snapshot older than the archives (put back from a backup): its changes since are archived.
            self._replay_archives(applied, replayed)
        groups, self._files.journal_groups = self._files.journal_groups, []
        # Two passes: the undo and redo stacks first, from each line's first change alone; then
        # whole models only for the lines undo may need or whose changes a snapshot lacks. A journal
        # written before compaction (a line per note since the first) then opens in a fraction.
        plan: list[tuple[int, bool]] = []  # per line: its group (0: unreadable here), whether to read it whole
        for raw_group in groups:
            gid, whole = _peek(raw_group, applied)
            plan.append((gid, whole))
            if gid:
                self._track(_Head(gid, raw_group[0].get("undoes"), raw_group[0].get("redoes")))
        oldest = self._oldest_needed_group()
        for lineno, (raw_group, (gid, whole)) in enumerate(zip(groups, plan), 1):
            if not whole:
                if gid >= oldest:
                    self._groups[gid] = _Unread(raw_group, path, lineno)
                self._journal_gids.append(gid)
                self._journal_changes.append(len(raw_group))
                self._group = max(self._group, gid)
                self._seq = max(self._seq, raw_group[-1]["seq"])
                if gid > 1 and lineno == 1:
                    self._undo_cut = True
                continue
            try:
                group = [Change.model_validate(c) for c in slim.expand_group(raw_group)]
            except ValidationError as exc:
                raise StoreCorrupt(path, describe_validation_error(exc), record=f"line {lineno}") from None
            groups[lineno - 1] = []  # parsed line: free it
            if not group:
                self._journal_gids.append(0)
                self._journal_changes.append(0)
                continue
            gid = group[0].group
            if gid >= oldest:
                self._groups[gid] = group
            self._group = max(self._group, gid)
            self._journal_gids.append(gid)
            self._journal_changes.append(len(group))
            if gid > 1 and lineno == 1:
                self._undo_cut = True  # older groups were archived: undo stops here
            for change in group:
                self._seq = max(self._seq, change.seq)
                name = db.TABLE_FILE[change.table]
                if change.seq > applied[name]:
                    try:
                        self._apply(change)
                    except ValidationError as exc:
                        raise StoreCorrupt(path, describe_validation_error(exc), record=f"line {lineno}") from None
                    replayed[name] = change.seq
        self._forget_old_groups()
        self._seq = max(self._seq, *applied.values())
        for name, seq in replayed.items():
            # The next checkpoint writes these snapshots with the seq they hold, so compaction can trust it.
            self._files.set_applied_seq(name, seq)

    def _replay_archives(self, applied: dict[str, int], replayed: dict[str, int]) -> None:
        """Apply the archived changes a snapshot lacks (no undo for them: they are older than the window)."""
        for raw_group in journal.read_history(self._files.folder, live=[]):
            try:
                group = [Change.model_validate(c) for c in slim.expand_group(raw_group)]
                for change in group:
                    name = db.TABLE_FILE[change.table]
                    if change.seq > applied[name]:
                        self._apply(change)
                        replayed[name] = change.seq
            except ValidationError as exc:
                raise StoreCorrupt(self._files.folder / journal.ARCHIVE, describe_validation_error(exc)) from None
            if group:
                self._group = max(self._group, group[0].group)
                self._seq = max(self._seq, group[-1].seq)

    def _track(self, head: Change | _Head) -> None:
        """Keep the undo and redo stacks as the journal's order implies."""
        if head.undoes is not None:
            if self._undo and self._undo[-1] == head.undoes:
                self._undo.pop()
            self._redo.append(head.undoes)
        elif head.redoes is not None:
            if self._redo and self._redo[-1] == head.redoes:
                self._redo.pop()
            self._undo.append(head.group)
        else:
            self._undo.append(head.group)
            self._redo.clear()
        if len(self._undo) > self.undo_depth:
            # Here, not after: replaying the journal through this same method
            # rebuilds the very stacks the session had (tests: test_journal.py).
            del self._undo[: len(self._undo) - self.undo_depth]
            self._undo_cut = True

    def _oldest_needed_group(self) -> int:
        """The oldest group undo or redo may still need; every group before it can go."""
        redo = self._redo[:]
        return min(self._undo[:1] + ([min(redo)] if redo else []), default=self._group + 1)

    def _forget_old_groups(self) -> None:
        oldest = self._oldest_needed_group()
        groups = self._groups
        while groups:
            first = next(iter(groups))  # groups are added in increasing order
            if first >= oldest:
                break
            del groups[first]

    def _table_dict(self, table: str) -> dict[str, Any]:
        tables: dict[str, dict[str, Any]] = {
            "entities": self.entities,
            "facts": self.facts,
            "sources": self.sources,
            "excerpts": self.excerpts,
            "annotations": self.annotations,
            "evidence_links": self.evidence_links,
        }
        return tables[table]

    def _index(self) -> None:
        """Indices built from the stored fields, without building a model per record."""
        self._facts_by_entity.clear()
        self._excerpts_by_source.clear()
        self._notes_by_target.clear()
        for index in self._set_indices():
            index.clear()
        facts, excerpts, notes = self.facts, self.excerpts, self.annotations
        by_entity, by_pair = self._facts_by_entity, self._facts_by_pair
        # The lists' counts come from the same pass: at 100k facts counting them
        # again for the first screen took a quarter of a second.
        live: defaultdict[str, int] = defaultdict(int)
        for fid, (subject, obj, status) in facts.scan("subject", "object", "status"):
            by_entity[subject].add(fid)
            by_entity[obj].add(fid)
            by_pair[pair_key(subject, obj)].add(fid)
            if status != "retracted":
                live[subject] += 1
                if obj != subject:
                    live[obj] += 1
        self._counts_at_open = (self._version, live)
        starts: dict[str, int] = {}
        for eid, (source_id, start) in excerpts.scan("source_id", "start"):
            self._excerpts_by_source[source_id].append(eid)
            starts[eid] = start or 0
        for ids in self._excerpts_by_source.values():
            ids.sort(key=starts.__getitem__)
        for nid in sorted(notes, key=lambda i: notes.field(i, "created", "")):
            target = notes.field(nid, "target")
            kind, tid = (target["kind"], target["id"]) if isinstance(target, dict) else (target.kind.value, target.id)
            self._notes_by_target[(kind, tid)].append(nid)
        for lid, (fact_id, excerpt_id, status) in self.evidence_links.scan("fact_id", "excerpt_id", "status"):
            self._links_by_fact[fact_id].add(lid)
            self._links_by_excerpt[excerpt_id].add(lid)
            self._links_by_status[status].add(lid)

    def _set_indices(self) -> tuple[defaultdict[Any, set[str]], ...]:
        """The indices whose entries are sets of ids."""
        return (self._facts_by_entity, self._facts_by_pair, self._links_by_fact, self._links_by_excerpt, self._links_by_status)

    # --- queries ---------------------------------------------------------------

    def entity(self, entity_id: str) -> Entity:
        try:
            return self.entities[entity_id]
        except KeyError:
            raise NotFound(f"no entity {entity_id!r} in this store") from None

    def fact(self, fact_id: str) -> Fact:
        try:
            return self.facts[fact_id]
        except KeyError:
            raise NotFound(f"no fact {fact_id!r} in this store") from None

    def note(self, note_id: str) -> Annotation:
        try:
            return self.annotations[note_id]
        except KeyError:
            raise NotFound(f"no note {note_id!r} in this store") from None

    def _entities_of_kind(self, kind: EntityKind) -> list[Entity]:
        # A rejected entity is kept only so a re-import does not propose it again: listed nowhere.
        # By the name lists show (an alliance's short name): "ANZUS" sorts under A, not under its long name.
        return sorted((e for e in self.entities.values() if e.kind is kind and not e.rejected), key=lambda e: e.label.casefold())

    # Queries read each table and index once and skip ids missing from what
    # they read: the writer thread may delete a record between two reads.

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """A query's answer, kept until the next write that changes facts or entities.

        The answer is stored only if no write finished while it was computed
        (the version did not move), so a reader racing the writer thread never
        caches a half-applied state. Answers are shared: callers must not mutate them.
        """
        cache = self._query_cache
        if key in cache:
            return cache[key]  # type: ignore[no-any-return]
        version = self._version
        value = compute()
        if self._version == version:
            cache[key] = value
        return value

    @property
    def version(self) -> int:
        """Moves whenever facts or entities change (not notes): what list views depend on."""
        return self._version

    def _invalidate(self) -> None:
        self._version += 1
        self._query_cache = {}

    def relation_count(self, entity_id: str) -> int:
        version, counted = self._counts_at_open
        if version == self._version:
            return counted.get(entity_id, 0)
        facts = self.facts

        def count() -> int:
            # The stored status, read without building each fact's model
            # (countries() asks this of every country: 200,000 facts at 100k).
            get, n = dict.get, 0
            for i in self._facts_by_entity.get(entity_id, ()):
                v = get(facts, i)
                if v is not None and (v.get("status") if type(v) is dict else v.status.value) != "retracted":
                    n += 1
            return n

        return self._cached(("count", entity_id), count)

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

    def alliances(self) -> list[tuple[Entity, int]]:
        return list(self._cached(
            ("alliances",), lambda: [(e, self.relation_count(e.id)) for e in self._entities_of_kind(EntityKind.ALLIANCE)]
        ))

    def facts_of(self, entity_id: str, other: str | None = None, *, include_retracted: bool = True) -> list[Fact]:
        """The facts about an entity, optionally only those that also involve ``other``, by date."""

        def compute() -> list[Fact]:
            ids = self._facts_by_entity.get(entity_id, set())
            if other is not None:
                ids = ids & self._facts_by_entity.get(other, set())
            table = self.facts
            facts = [f for i in ids if (f := table.get(i)) is not None]
            if not include_retracted:
                facts = [f for f in facts if f.status is not FactStatus.RETRACTED]
            return sorted(facts, key=Fact.sort_key)

        return list(self._cached(("facts_of", entity_id, other, include_retracted), compute))

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
        return sorted(links, key=lambda link: (_link_rank(link), link.facts[0].sort_key()[0], link.entity.name))

    def alliances_of(self, country_id: str) -> list[Link]:
        return self.links(country_id, EntityKind.ALLIANCE)

    def members_of(self, alliance_id: str) -> list[Link]:
        """Countries with a live (non-retracted) membership of the alliance."""
        return [
            link
            for link in self.links(alliance_id, EntityKind.COUNTRY)
            if any(f.relation is Relation.MEMBER_OF and f.status is not FactStatus.RETRACTED for f in link.facts)
        ]

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

    def references(self, fact_id: str) -> list[Source]:
        sources = self.sources
        # get, not `in` then `[]`: the writer thread may delete a record in between.
        return [r for s in self.fact(fact_id).references if (r := sources.get(s)) is not None]

    def excerpts_of(self, source_id: str) -> list[Excerpt]:
        excerpts = self.excerpts
        return [r for i in self._excerpts_by_source.get(source_id, ()) if (r := excerpts.get(i)) is not None]

    def notes_on(self, kind: TargetKind | str, target_id: str) -> list[Annotation]:
        kind = TargetKind(kind)
        notes = self.annotations
        return [r for i in self._notes_by_target.get((kind.value, target_id), ()) if (r := notes.get(i)) is not None]

    def find_entities(self, text: str) -> list[Entity]:
        """Entities whose name or an alias contains ``text`` (case-insensitive), name matches first."""
        needle = text.casefold().strip()
        hits: list[tuple[int, str, Entity]] = []
        for e in self.entities.values():
            if e.rejected:
                continue
            name = e.name.casefold()
            names = [a.casefold() for a in (e.short_name, *e.aliases) if a]
            if needle == name or needle in names:
                # "Republic of Korea" is South Korea's alias before it is part of a treaty's long name.
                hits.append((-1, name, e))
            elif needle in name:
                hits.append((0 if name.startswith(needle) else 1, name, e))
            elif any(needle in a for a in names) or needle == e.codes.get("iso3", "").casefold():
                hits.append((2, name, e))
        return [e for _, _, e in sorted(hits, key=lambda h: (h[0], h[1]))]

    def history(self) -> list[Change]:
        """The changes of the undo window, oldest first (the archives hold the older ones)."""
        groups = dict.copy(self._groups)  # one C call: the writer thread may add or drop groups
        return [c for gid in sorted(dict.keys(groups)) for c in self._read_group(gid, groups[gid])]

    def _changes(self, gid: int) -> list[Change]:
        return self._read_group(gid, self._groups[gid])

    def _read_group(self, gid: int, entry: list[Change] | _Unread) -> list[Change]:
        if isinstance(entry, list):
            return entry
        changes = entry.read()
        if self._groups.get(gid) is entry:
            self._groups[gid] = changes  # one assignment: readers on other threads see either form
        return changes

    def _label(self, gid: int) -> str:
        entry = self._groups[gid]
        return entry.label() if isinstance(entry, _Unread) else entry[0].label

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_label(self) -> str | None:
        top = self._undo[-1:]  # one read: the writer thread may pop in between
        return self._label(top[0]) if top else None

    def redo_label(self) -> str | None:
        top = self._redo[-1:]
        return self._label(top[0]) if top else None

    # --- writes ------------------------------------------------------------------

    def add_note(self, target: Target, body: str, tags: Iterable[str] = ()) -> Annotation:
        self._require_target(target)
        now = utcnow()
        note = Annotation(
            id=f"note:{secrets.token_hex(6)}", target=target, body=body, tags=list(tags), created=now, updated=now
        )
        self._commit("add note", [("annotations", note.id, None, note)])
        return note

    def edit_note(self, note_id: str, body: str) -> Annotation:
        return self._update_note(note_id, "edit note", body=body)

    def set_note_tags(self, note_id: str, tags: Iterable[str]) -> Annotation:
        return self._update_note(note_id, "edit tags", tags=list(tags))

    def delete_note(self, note_id: str) -> None:
        note = self.note(note_id)
        self._commit("delete note", [("annotations", note_id, note, None)])

    def set_fact_status(self, fact_id: str, status: FactStatus | str) -> Fact:
        return self.edit_fact(fact_id, status=FactStatus(status), label=f"mark {FactStatus(status).value}")

    def edit_fact(self, fact_id: str, *, label: str = "edit fact", **fields: Any) -> Fact:
        """Change any of a fact's fields; the result is validated as a whole."""
        before = self.fact(fact_id)
        if "id" in fields:
            raise StoreError("a fact's id cannot be changed")
        after = self._revised(before, fields)
        if _same_content(before, after):
            return before  # `x` on a fact already disputed: no undo step that undoes nothing
        for entity_id in (after.subject, after.object):
            self.entity(entity_id)
        self._commit(label, [("facts", fact_id, before, after), *self.accepted_with(after)])
        return after

    def add_records(self, label: str, records: Sequence[tuple[str, Record]]) -> None:
        """Insert or replace several records as one undoable group (an import)."""
        ops = []
        for table, record in records:
            rid = record.id  # type: ignore[attr-defined]
            ops.append((table, rid, self._table_dict(table).get(rid), record))
        self._commit(label, ops)

    def undo(self) -> str | None:
        """Undo the newest group of changes not yet undone; returns its label."""
        with self._lock:
            if not self._undo:
                return None
            gid = self._undo[-1]
            changes = self._changes(gid)
            ops = [(c.table, c.id, c.after, c.before) for c in reversed(changes)]
            label = changes[0].label
            self._commit(f"undo {label}", ops, undoes=gid)
            return label

    def redo(self) -> str | None:
        with self._lock:
            if not self._redo:
                return None
            gid = self._redo[-1]
            changes = self._changes(gid)
            ops = [(c.table, c.id, c.before, c.after) for c in changes]
            label = changes[0].label.removeprefix("undo ")
            self._commit(label, ops, redoes=gid)
            return label

    def backup_if_due(self) -> None:
        """Make the day's backup now if no write has made it yet (see StoreFiles.backup_if_due)."""
        with self._lock:
            self._files.backup_if_due()

    def checkpoint(self) -> None:
        """Rewrite the snapshot files that the journal has moved ahead of, then compact the journal if due."""
        with self._lock:
            self._files.checkpoint()
            self._compact_if_due()

    def close(self) -> None:
        with self._lock:
            try:
                self._files.checkpoint()
                self._compact_if_due()
            finally:
                self._files.release()

    # A compaction rewrites the live journal (its size is bounded by the undo
    # window), so it waits until enough lines have left the window to be worth it.
    COMPACT_BYTES = 8 * 1024 * 1024

    def _compact_if_due(self) -> None:
        """On the writer, after a checkpoint (never on a save's path): archive what undo no longer needs."""
        if self._files.readonly:
            return
        oldest = self._oldest_needed_group()
        retirable = bisect.bisect_left(self._journal_gids, oldest)
        slack = max(1, self.undo_depth // 2)  # at most 1.5× the window between compactions
        if retirable < slack and not (retirable and self._files.journal_size > self.COMPACT_BYTES):
            return
        retired = self._files.compact(oldest)
        del self._journal_gids[:retired]
        del self._journal_changes[:retired]

    def change_counts(self) -> tuple[int, int]:
        """(changes in the live journal, changes in journal-archive/): the whole history is their sum."""
        return sum(self._journal_changes[:]), journal.archived_changes(self._files.folder)

    @property
    def undo_cut(self) -> bool:
        """True when older changes exist that are beyond the undo depth (undo says nothing older)."""
        return self._undo_cut and not self._undo

    def full_history(self) -> list[Change]:
        """Every change ever made, the archived ones included, oldest first (for export)."""
        with self._lock:  # no compaction meanwhile
            out: list[Change] = []
            for group in journal.read_history(self._files.folder):
                out += [Change.model_validate(c) for c in slim.expand_group(group)]
            return out

    def __enter__(self) -> FactStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the write path ------------------------------------------------------------

    def _update_note(self, note_id: str, label: str, **fields: Any) -> Annotation:
        before = self.note(note_id)
        after = self._revised(before, fields)
        if _same_content(before, after):
            return before  # a note saved unchanged: nothing to journal, nothing to undo
        self._commit(label, [("annotations", note_id, before, after)])
        return after

    @staticmethod
    def _revised(record: R, fields: dict[str, Any]) -> R:
        # The new fields go in as input to validation (not through model_copy,
        # which neither validates nor can dump a raw "2006" where a date belongs).
        data = {**record.model_dump(mode="json"), **fields}
        data["updated"] = utcnow()
        data["rev"] = record.rev + 1
        try:
            return type(record).model_validate(data)
        except ValidationError as exc:
            raise StoreError(f"not saved: {describe_validation_error(exc)}") from None

    def _require_target(self, target: Target) -> None:
        table: dict[TargetKind, Mapping[str, Record]] = {
            TargetKind.FACT: self.facts, TargetKind.EXCERPT: self.excerpts, TargetKind.ENTITY: self.entities,
        }
        if target.id not in table[target.kind]:
            raise NotFound(f"cannot add a note: no {target.kind.value} {target.id!r}")

    def _commit(
        self,
        label: str,
        ops: Sequence[tuple[str, str, Any, Any]],
        *,
        undoes: int | None = None,
        redoes: int | None = None,
    ) -> list[Change]:
        """Journal a group of changes, then apply it. Nothing changes if the journal write fails."""
        with self._lock:
            self._files.require_writable()
            gid = self._group + 1
            at = utcnow()
            changes: list[Change] = []
            for i, (table, rid, before, after) in enumerate(ops, 1):
                before_doc = _as_doc(before)
                after_doc = _as_doc(after)
                op = Op.INSERT if before_doc is None else Op.DELETE if after_doc is None else Op.UPDATE
                changes.append(
                    Change(
                        seq=self._seq + i, at=at, op=op, table=table, id=rid,  # type: ignore[arg-type]
                        before=before_doc, after=after_doc, group=gid, label=label,
                        undoes=undoes, redoes=redoes,
                    )
                )
            if not changes:
                return []
            self._files.append(slim.slim_group([c.model_dump(mode="json") for c in changes]))
            # Durable from here on: memory follows the journal.
            self._seq += len(changes)
            self._group = gid
            self._apply_group(changes)
            for name in {db.TABLE_FILE[c.table] for c in changes}:
                self._files.set_applied_seq(name, self._seq)
            self._groups[gid] = changes
            self._journal_gids.append(gid)
            self._journal_changes.append(len(changes))
            self._track(changes[0])
            self._forget_old_groups()
            return changes

    def _apply(self, change: Change) -> None:
        """Apply one journal change in place: the replay at load, before any reader exists."""
        records = self._table_dict(change.table)
        if change.after is None:
            records.pop(change.id, None)
            self._files.remove(change.table, change.id)
        else:
            records[change.id] = MODELS[change.table].model_validate(change.after)
            self._files.put(change.table, change.id, change.after)

    def _apply_group(self, changes: list[Change]) -> None:
        """Apply a journaled group to memory so that readers on other threads stay safe.

        The app writes on a writer thread while the event loop queries, and
        queries take no lock (a checkpoint may hold it for a while): see the
        module's docstring for the rule. Tables are edited in place (O(1) per
        record, whatever their size); an index entry is replaced rather than
        mutated, once per group (an import of thousands of facts of one
        alliance copies its set once, not once per fact). Records whose index
        entries move leave the indices before they change and enter them
        after, so an index never points at a record that is not there or does
        not involve it; an edit that moves nothing (a status, a note's text)
        leaves them alone.
        """
        final: dict[tuple[str, str], Any] = {}  # the last change of a record wins
        for c in changes:
            final[(c.table, c.id)] = None if c.after is None else MODELS[c.table].model_validate(c.after)
        old = {k: self._table_dict(k[0]).get(k[1]) for k in final}
        moved = [k for k in final if _index_entry(k[0], old[k]) != _index_entry(k[0], final[k])]
        self._unindex([(k[0], old[k]) for k in moved if old[k] is not None])
        for c in changes:
            if c.after is None:
                self._files.remove(c.table, c.id)
            else:
                self._files.put(c.table, c.id, c.after)
        for (name, rid), record in final.items():
            # In place (see the module's docstring): readers iterate snapshots of the keys.
            records = self._table_dict(name)
            if record is None:
                records.pop(rid, None)
            else:
                records[rid] = record
        self._reindex([(k[0], final[k]) for k in moved if final[k] is not None])
        if any(t in ("facts", "entities", "evidence_links") for t, _ in final):
            self._invalidate()

    # Index entries are replaced, never edited in place: a reader may be iterating the old one.

    def _index_slots(self, table: str, record: Any) -> list[tuple[dict[Any, Any], Any]]:
        """The (index, key) pairs under which a record is listed."""
        if table == "facts":
            return [(self._facts_by_entity, e) for e in dict.fromkeys(record.entities)] + [
                (self._facts_by_pair, pair_key(record.subject, record.object))
            ]
        if table == "evidence_links":
            return [(self._links_by_fact, record.fact_id), (self._links_by_excerpt, record.excerpt_id),
                    (self._links_by_status, record.status.value)]
        if table == "excerpts":
            return [(self._excerpts_by_source, record.source_id)]
        if table == "annotations":
            return [(self._notes_by_target, (record.target.kind.value, record.target.id))]
        return []

    def _unindex(self, records: list[tuple[str, Any]]) -> None:
        drop: defaultdict[tuple[int, Any], set[str]] = defaultdict(set)
        indices: dict[int, dict[Any, Any]] = {}
        for table, record in records:
            for index, key in self._index_slots(table, record):
                indices[id(index)] = index
                drop[(id(index), key)].add(record.id)
        for (index_id, key), ids in drop.items():
            index = indices[index_id]
            current = index.get(key)
            if current:
                index[key] = current - ids if isinstance(current, set) else [i for i in current if i not in ids]

    def _reindex(self, records: list[tuple[str, Any]]) -> None:
        add: defaultdict[tuple[int, Any], list[str]] = defaultdict(list)
        indices: dict[int, dict[Any, Any]] = {}
        for table, record in records:
            for index, key in self._index_slots(table, record):
                indices[id(index)] = index
                add[(id(index), key)].append(record.id)
        for (index_id, key), ids in add.items():
            index = indices[index_id]
            if any(index is s for s in self._set_indices()):
                index[key] = index.get(key, set()) | set(ids)
            elif index is self._excerpts_by_source:
                excerpts = self.excerpts
                index[key] = sorted(dict.fromkeys([*index.get(key, ()), *ids]), key=lambda i: excerpts.field(i, "start", 0))
            else:
                notes = self.annotations
                current = index.get(key, [])
                created = [notes.field(i, "created", "") for i in ids]
                if created == sorted(created) and (not current or notes.field(current[-1], "created", "") <= created[0]) \
                        and not set(ids) & set(current):
                    # The usual case, a new note newer than the others on its target: no sort.
                    index[key] = [*current, *ids]
                else:
                    # Stable: notes saved within one millisecond keep the order they were saved in.
                    index[key] = sorted(dict.fromkeys([*current, *ids]), key=lambda i: notes.field(i, "created", ""))


@dataclass(frozen=True)
class _Head:
    """What _track reads of a group's first change."""

    group: int
    undoes: int | None
    redoes: int | None


@dataclass
class _Unread:
    """A journal line of the undo window, kept as read from the file until undo or redo needs its changes."""

    raw: list[dict[str, Any]]
    path: Path
    lineno: int

    def label(self) -> str:
        label = self.raw[0].get("label", "")
        return label if isinstance(label, str) else ""

    def read(self) -> list[Change]:
        try:
            return [Change.model_validate(c) for c in slim.expand_group(self.raw)]
        except ValidationError as exc:
            # Found only now (its changes were in the snapshots): undo refuses it, naming the line.
            raise StoreCorrupt(self.path, describe_validation_error(exc), record=f"line {self.lineno}") from None


def _peek(raw_group: list[dict[str, Any]], applied: dict[str, int]) -> tuple[int, bool]:
    """(group id, whether the line must be read whole: a change to apply, or a shape not checked here)."""
    try:
        head = raw_group[0]
        gid = head["group"]
        links = (head.get("undoes"), head.get("redoes"))
        if type(gid) is not int or gid < 1 or any(v is not None and type(v) is not int for v in links):
            return 0, True
        for c in raw_group:
            seq = c["seq"]
            if type(seq) is not int or seq > applied[db.TABLE_FILE[c["table"]]]:
                return gid, True
        return gid, False
    except (IndexError, KeyError, TypeError, AttributeError):
        return 0, True


def _index_entry(table: str, record: Any) -> tuple[Any, ...] | None:
    """What decides where a record sits in the indices (None: it is in none)."""
    if record is None:
        return None
    if table == "facts":
        return (record.subject, record.object)
    if table == "excerpts":
        return (record.source_id, record.start)
    if table == "annotations":
        return (record.target.kind.value, record.target.id, record.created)
    if table == "evidence_links":
        return (record.fact_id, record.excerpt_id, record.status.value)
    return ()


def _as_doc(value: Any) -> dict[str, Any] | None:
    if value is None or isinstance(value, dict):
        return value
    doc: dict[str, Any] = value.model_dump(mode="json")
    return doc


def _link_rank(link: Link) -> int:
    """Memberships first, then partnerships, then the rest."""
    relations = {f.relation for f in link.facts}
    if Relation.MEMBER_OF in relations:
        return 0
    if Relation.PARTNER_OF in relations or Relation.TREATY_ALLY_OF in relations:
        return 1
    return 2
