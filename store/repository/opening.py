"""Opening a store: its tables from the snapshots, then the journal's changes they lack, and the undo window.

Runs before any reader exists, so it changes memory without the state lock.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import ValidationError

from store import db, journal, slim
from store.errors import StoreCorrupt, StoreError
from store.models import MODELS, Change
from store.records import LazyRecords
from store.repository.history import Head, Unread, UndoWindow, peek
from store.repository.validation import describe_validation_error

# How many groups of changes (a note saved, an import, an undo …) can be undone.
# Older groups leave memory and, at the next compaction, the live journal for
# journal-archive/. ``FactStore.open(undo_depth=N)`` or the environment
# variable below set it.
UNDO_DEPTH = 1000
UNDO_DEPTH_ENV = "ALLIANCES_TUI_UNDO_DEPTH"

# Tables whose models are built on demand when their file is sealed (see store/records.py).
LAZY_TABLES = ("facts", "excerpts", "annotations", "sources", "evidence_links")


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
def collector_paused() -> Iterator[None]:
    """The garbage collector off for the block (and back as it was after it).

    Parsing allocates millions of small objects that live as long as the
    store: a collection during the load is wasted work (at 100k facts the
    collector doubled the parse, 0.8 -> 1.4 s).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_tables(files: db.StoreFiles) -> dict[str, LazyRecords[Any]]:
    """Every table, validated whole unless its file is sealed (then models are built when first read)."""
    tables: dict[str, LazyRecords[Any]] = {}
    for table, model in MODELS.items():
        name = db.TABLE_FILE[table]
        file = files.folder / name
        raw = files.raw(table)
        records: LazyRecords[Any] = LazyRecords(raw, model, file, table)
        if not (table in LAZY_TABLES and name in files.sealed):
            for key in raw:
                record = records[key]  # validates, naming the file and record on failure
                if record.id != key:
                    raise StoreCorrupt(file, f"is stored under {key!r} but has id {record.id!r}", record=f"{table}/{key}")
        tables[table] = records
    return tables


def replay(files: db.StoreFiles, window: UndoWindow, apply: Callable[[Change], None]) -> None:
    """Apply the journal's changes the snapshots lack, and rebuild the undo window the session had."""
    path = files.folder / db.JOURNAL
    applied = {name: files.applied_seq(name) for name in db.FILES}
    replayed: dict[str, int] = {}
    known = {name: max(seq, files.covered.get(name, 0)) for name, seq in applied.items()}
    if min(known.values()) < journal.last_archived_seq(files.folder):
        # A snapshot older than the archives (put back from a backup): its changes since are archived.
        _replay_archives(files, window, apply, applied, replayed)
    read, files.journal_read = files.journal_read, journal.JournalRead(b"", False, path)
    # Two passes: the undo and redo stacks first, from each line's first change alone; then
    # whole models only for the lines undo may need or whose changes a snapshot lacks. A journal
    # written before compaction (a line per note since the first) then opens in a fraction. Each
    # line is parsed when it is looked at and let go: the lines stay bytes, 1/4 of their dicts.
    # Per line: its group (0: unreadable here), whether to read it whole, how many changes it holds.
    plan: list[tuple[int, bool, int]] = []
    for lineno, start, end in read.spans():
        raw_group = read.group(lineno, start, end)
        gid, whole = peek(raw_group, applied)
        plan.append((gid, whole, len(raw_group)))
        if gid:
            window.track(Head(gid, raw_group[0].get("undoes"), raw_group[0].get("redoes")))
        if not whole:
            window.seq = max(window.seq, raw_group[-1]["seq"])
    oldest = window.oldest_needed()
    for (lineno, start, end), (gid, whole, changes) in zip(read.spans(), plan):
        if not whole:
            if gid >= oldest:
                window.groups[gid] = Unread(read.data[start:end], path, lineno)
            window.journal_gids.append(gid)
            window.journal_changes.append(changes)
            window.group = max(window.group, gid)
            if gid > 1 and lineno == 1:
                window.cut = True
            continue
        try:
            group = [Change.model_validate(c) for c in slim.expand_group(read.group(lineno, start, end))]
        except ValidationError as exc:
            raise StoreCorrupt(path, describe_validation_error(exc), record=f"line {lineno}") from None
        if not group:
            window.journal_gids.append(0)
            window.journal_changes.append(0)
            continue
        gid = group[0].group
        if gid >= oldest:
            window.groups[gid] = group
        window.group = max(window.group, gid)
        window.journal_gids.append(gid)
        window.journal_changes.append(len(group))
        if gid > 1 and lineno == 1:
            window.cut = True  # older groups were archived: undo stops here
        for change in group:
            window.seq = max(window.seq, change.seq)
            name = db.TABLE_FILE[change.table]
            if change.seq > applied[name]:
                try:
                    apply(change)
                except ValidationError as exc:
                    raise StoreCorrupt(path, describe_validation_error(exc), record=f"line {lineno}") from None
                replayed[name] = change.seq
    window.forget_old_groups()
    window.seq = max(window.seq, *applied.values())
    for name, seq in replayed.items():
        # The next checkpoint writes these snapshots with the seq they hold, so compaction can trust it.
        files.set_applied_seq(name, seq)


def _replay_archives(
    files: db.StoreFiles, window: UndoWindow, apply: Callable[[Change], None], applied: dict[str, int], replayed: dict[str, int]
) -> None:
    """Apply the archived changes a snapshot lacks (no undo for them: they are older than the window)."""
    for raw_group in journal.read_history(files.folder, live=[]):
        try:
            group = [Change.model_validate(c) for c in slim.expand_group(raw_group)]
            for change in group:
                name = db.TABLE_FILE[change.table]
                if change.seq > applied[name]:
                    apply(change)
                    replayed[name] = change.seq
        except ValidationError as exc:
            raise StoreCorrupt(files.folder / journal.ARCHIVE, describe_validation_error(exc)) from None
        if group:
            window.group = max(window.group, group[0].group)
            window.seq = max(window.seq, group[-1].seq)


def apply_at_load(files: db.StoreFiles, tables: dict[str, LazyRecords[Any]], change: Change) -> None:
    """Apply one journal change in place: the replay at load, before any reader exists."""
    records = tables[change.table]
    if change.after is None:
        records.pop(change.id, None)
        files.remove(change.table, change.id)
    else:
        records[change.id] = MODELS[change.table].model_validate(change.after)
        files.put(change.table, change.id, change.after)
