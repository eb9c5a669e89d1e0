"""FactStore: a store folder opened for queries and (unless read-only) writes, and the one path every write takes.

Every write builds a group of :class:`Change` records, appends it to the
journal (fsynced: the save is durable when the call returns), then applies it
to memory and to the TinyDB documents, whose files are rewritten later by
:meth:`FactStore.checkpoint`. How this shares memory with readers on other
threads: store/concurrency.py.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from store import db, journal, slim
from store.errors import NotFound, StoreError
from store.models import MODELS, Annotation, Change, Fact, FactStatus, Op, Record, Target, TargetKind, utcnow
from store.concurrency import Step
from store.repository.history import UndoWindow
from store.repository.indices import index_entry
from store.repository.opening import apply_at_load, collector_paused, load_tables, replay, undo_depth_from_env
from store.repository.queries import Queries
from store.repository.validation import describe_validation_error

R = TypeVar("R", Fact, Annotation)  # the records a user edits


def _same_content(before: Any, after: Any) -> bool:
    """Whether an edit changed nothing but the record's revision stamp."""
    stamp = {"updated", "rev"}
    return bool(before.model_dump(exclude=stamp) == after.model_dump(exclude=stamp))


def _as_doc(value: Any) -> dict[str, Any] | None:
    if value is None or isinstance(value, dict):
        return value
    doc: dict[str, Any] = value.model_dump(mode="json")
    return doc


def _no_step(step: Step) -> None:
    """The writer's steps go unobserved outside tests (tests/test_concurrency.py pauses it at each)."""


class FactStore(Queries):
    """A store folder opened for queries and (unless read-only) writes (evidence links: store/evidence_links.py)."""

    # A compaction rewrites the live journal (its size is bounded by the undo
    # window), so it waits until enough lines have left the window to be worth it.
    COMPACT_BYTES = 8 * 1024 * 1024

    def __init__(self, files: db.StoreFiles, *, undo_depth: int | None = None) -> None:
        depth = undo_depth if undo_depth is not None else undo_depth_from_env()
        if depth < 1:
            raise StoreError(f"the undo depth must be 1 or more, not {depth}")
        super().__init__(UndoWindow(depth))
        self._files = files
        self._lock = threading.RLock()  # the write lock: one writer at a time; no query takes it
        self.on_write_step = _no_step
        try:
            with collector_paused():
                tables = load_tables(files)
                replay(files, self.undo_window, lambda change: apply_at_load(files, tables, change))
                self._set_tables(tables)
                self._build_indices()
            files.start_writing()
        except BaseException:
            # Free the lock for the repaired store, and write nothing on the way out.
            files.release()
            raise

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
        with collector_paused():
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

    @property
    def undo_depth(self) -> int:
        return self.undo_window.depth

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
        self.write_group(label, records)

    def write_group(self, label: str, puts: Sequence[tuple[str, Record]], deletes: Sequence[tuple[str, str]] = ()) -> None:
        """Insert or replace ``puts`` and delete ``deletes`` (table, id) as one undoable group (a merge)."""
        ops: list[tuple[str, str, Any, Any]] = []
        for table, record in puts:
            rid = record.id  # type: ignore[attr-defined]
            ops.append((table, rid, self.tables[table].get(rid), record))
        for table, rid in deletes:
            before = self.tables[table].get(rid)
            if before is None:
                raise NotFound(f"nothing to delete: no {rid!r} in {table}")
            ops.append((table, rid, before, None))
        self._commit(label, ops)

    def undo(self) -> str | None:
        """Undo the newest group of changes not yet undone; returns its label."""
        with self._lock:
            window = self.undo_window
            if not window.undo:
                return None
            gid = window.undo[-1]
            with self.state_lock:  # reading an unread line keeps its changes in the window
                changes = window.changes(gid)
            ops = [(c.table, c.id, c.after, c.before) for c in reversed(changes)]
            label = changes[0].label
            self._commit(f"undo {label}", ops, undoes=gid)
            return label

    def redo(self) -> str | None:
        with self._lock:
            window = self.undo_window
            if not window.redo:
                return None
            gid = window.redo[-1]
            with self.state_lock:
                changes = window.changes(gid)
            ops = [(c.table, c.id, c.before, c.after) for c in changes]
            label = changes[0].label.removeprefix("undo ")
            self._commit(label, ops, redoes=gid)
            return label

    # --- files -------------------------------------------------------------------

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

    def _compact_if_due(self) -> None:
        """On the writer, after a checkpoint (never on a save's path): archive what undo no longer needs."""
        if self._files.readonly:
            return
        window = self.undo_window
        retirable = window.retirable()
        slack = max(1, window.depth // 2)  # at most 1.5× the window between compactions
        if retirable < slack and not (retirable and self._files.journal_size > self.COMPACT_BYTES):
            return
        retired = self._files.compact(window.oldest_needed())
        with self.state_lock:
            window.retire(retired)

    def change_counts(self) -> tuple[int, int]:
        """(changes in the live journal, changes in journal-archive/): the whole history is their sum."""
        with self.state_lock:
            live = sum(self.undo_window.journal_changes)
        return live, journal.archived_changes(self._files.folder)

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
            window = self.undo_window
            gid = window.group + 1
            at = utcnow()
            changes: list[Change] = []
            for i, (table, rid, before, after) in enumerate(ops, 1):
                before_doc = _as_doc(before)
                after_doc = _as_doc(after)
                op = Op.INSERT if before_doc is None else Op.DELETE if after_doc is None else Op.UPDATE
                changes.append(
                    Change(
                        seq=window.seq + i, at=at, op=op, table=table, id=rid,  # type: ignore[arg-type]
                        before=before_doc, after=after_doc, group=gid, label=label,
                        undoes=undoes, redoes=redoes,
                    )
                )
            if not changes:
                return []
            self.on_write_step("journaling")
            self._files.append(slim.slim_group([c.model_dump(mode="json") for c in changes]))
            # Durable from here on: memory follows the journal.
            self.on_write_step("journaled")
            self._apply_group(changes)
            self.on_write_step("applied")
            return changes

    def _apply_group(self, changes: list[Change]) -> None:
        """Apply a journaled group: the documents first, then memory in one step under the state lock.

        Models are validated before the lock is taken, so readers wait only
        for dict stores and the index entries the group moves. Records whose
        index entries move leave the indices before their tables change and
        enter them after; an edit that moves nothing (a status, a note's text)
        leaves them alone.
        """
        final: dict[tuple[str, str], Any] = {}  # the last change of a record wins
        for c in changes:
            final[(c.table, c.id)] = None if c.after is None else MODELS[c.table].model_validate(c.after)
            if c.after is None:
                self._files.remove(c.table, c.id)
            else:
                self._files.put(c.table, c.id, c.after)
        seq = changes[-1].seq
        for name in {db.TABLE_FILE[c.table] for c in changes}:
            self._files.set_applied_seq(name, seq)
        tables, indices = self.tables, self.indices
        with self.state_lock:
            facts = [k for k in final if k[0] == "facts"]
            self._forget_memberships((k[1] for k in facts), (final[k] for k in facts))
            old = {k: tables[k[0]].get(k[1]) for k in final}
            moved = [k for k in final if index_entry(k[0], old[k]) != index_entry(k[0], final[k])]
            indices.remove([(k[0], old[k]) for k in moved if old[k] is not None])
            for (name, rid), record in final.items():
                if record is None:
                    tables[name].pop(rid, None)
                else:
                    tables[name][rid] = record
            self.on_write_step("applying")
            indices.add([(k[0], final[k]) for k in moved if final[k] is not None], self.excerpts, self.annotations)
            self.undo_window.add(changes)
            if any(t in ("facts", "entities", "evidence_links") for t, _ in final):
                self._invalidate()
