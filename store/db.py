"""The opened files of a store (StoreFiles): TinyDB snapshots held in memory, the journal, one writer.

A store is a folder::

    facts.json      entities, facts, evidence_links (TinyDB; hot, small records)
    sources.json    sources, excerpts        (TinyDB; cold, article texts)
    notes.json      annotations              (TinyDB; hot, the user's notes)
    journal.jsonl   the recent change history, one line per group of changes
    journal-archive/ older lines of the journal, moved there by compaction (store/journal.py)
    lock            held with flock by the one process that may write (store/lock.py)
    seals.json      which snapshots are byte for byte what this program wrote (store/snapshots.py)
    backups/        rolling copies of the files above (store/backups.py)

The TinyDB storage keeps documents in memory and only ever replaces a file
atomically (store/memory_storage.py says why); what makes a save durable is one
fsynced line appended to the journal. Snapshots record the last journal ``seq``
they contain, and opening a store replays the journal lines newer than each snapshot.

Evidence links (schema 2) live in facts.json, beside the facts they point at,
rather than in a file of their own: accepting a link edits its fact in the
same group, so one snapshot holds both ends; a schema-1 backup (three files)
stays sound and restorable; and the code that walks ``FILES`` (backups,
restore, check, seals) needs no new case. The cost, a link-only change
rewriting facts.json at the next checkpoint, is paid off the hot path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from store import backups, migrations
from store.backups import BACKUPS, DAMAGED, KEEP_BACKUPS, BackupRefused, backup_is_sound, list_backups, rotate_backups
from store.durable import LinkRefused, atomic_write, fsync_dir, open_no_follow, refuse_link, remove_stale_temp_files
from store.errors import ReadOnlyError, SchemaTooNew, StoreError, WriteFailed
from store.journal import ARCHIVE, JOURNAL, Journal, JournalRead, compact, read_journal
from store.lock import LOCK, StoreLock
from store.memory_storage import MemoryStorage, StoreDB
from store.snapshot_lines import RAW_TABLES, encode_row, raw_to_docs
from store.models import SCHEMA_VERSION
from store.snapshots import (
    COVERED,
    FILES,
    META,
    META_ID,
    SEALS,
    TABLE_FILE,
    TABLE_SINCE,
    covered,
    meta_of,
    parse_sealed,
    parse_tables,
    read_bytes,
    read_seals,
    read_tables,
    seal_of,
    write_seals,
)

# Names that lived here before the journal, durable writes, the lock and the snapshots had modules of their own.
__all__ = [
    "ARCHIVE", "JOURNAL", "Journal", "JournalRead", "read_journal", "LOCK", "StoreLock",
    "LinkRefused", "atomic_write", "fsync_dir", "open_no_follow", "refuse_link", "remove_stale_temp_files",
    "FILES", "TABLE_FILE", "TABLE_SINCE", "META", "META_ID", "SEALS", "read_seals", "write_seals", "seal_of",
    "meta_of", "parse_tables", "read_tables",
    "BACKUPS", "DAMAGED", "KEEP_BACKUPS", "BackupRefused", "backup_is_sound", "list_backups", "rotate_backups",
]

def store_file_names() -> list[str]:
    """Every file of a store that alliances-tui writes."""
    return [*FILES, JOURNAL, SEALS, LOCK]


def linked_files(folder: Path) -> list[LinkRefused]:
    """The store's files that are symbolic links: each would be refused at the first write."""
    return [LinkRefused(folder / name) for name in store_file_names() if os.path.islink(folder / name)]


def put(tables: dict[str, dict[str, Any]], table: str, record_id: str, doc: dict[str, Any]) -> None:
    """Insert or replace one document under its record id, as a copy of its own.

    A copy: the caller's dict (a Change's ``after``) stays its own, and a
    replaced document loses the fields the new one drops (no merge, unlike
    TinyDB's ``update``).
    """
    # A note is kept as its snapshot line, as the notes read at open are (store/snapshot_lines.py).
    copy = encode_row(record_id, doc) if table in RAW_TABLES else orjson.loads(orjson.dumps(doc))
    tables.setdefault(table, {})[record_id] = copy


@dataclass
class StoreFiles:
    """The opened files of a store: TinyDB databases, journal, lock."""

    folder: Path
    dbs: dict[str, StoreDB]
    journal_read: JournalRead  # the journal's lines as read at open, until the replay has used them
    readonly: bool
    readonly_reason: str = ""
    torn_tail: bool = False
    # Files whose bytes match the seal written with them: their records were
    # validated before they were written, so models may be built on demand.
    sealed: frozenset[str] = frozenset()
    # Per sealed file, the seq up to which the journal-archive/ holds nothing it lacks (see compact).
    covered: dict[str, int] = field(default_factory=dict)
    _journal: Journal | None = None
    _lock: StoreLock | None = None
    _journal_size: int = 0  # where the journal's good lines end: a torn tail starts there
    _backup_day: str = ""  # the UTC day (YYYYMMDD) whose first write has been backed up
    backup_problem: str = ""  # why the last backup failed, if it did

    def put(self, name: str, record_id: str, doc: dict[str, Any]) -> None:
        """Store one document of table ``name`` (in memory; the next checkpoint writes it)."""
        storage = self.dbs[TABLE_FILE[name]].memory
        put(storage.read(), name, record_id, doc)
        storage.dirty = True

    def remove(self, name: str, record_id: str) -> None:
        storage = self.dbs[TABLE_FILE[name]].memory
        storage.read().get(name, {}).pop(record_id, None)
        storage.dirty = True

    def raw(self, name: str) -> dict[str, dict[str, Any]]:
        """The documents of a table, as stored (do not mutate)."""
        return self.dbs[TABLE_FILE[name]].memory.read().get(name, {})

    def storage(self, file: str) -> MemoryStorage:
        return self.dbs[file].memory

    def applied_seq(self, file: str) -> int:
        return int(meta_of(self.storage(file).read()).get("applied_seq", 0))

    def set_applied_seq(self, file: str, seq: int) -> None:
        put(self.dbs[file].memory.read(), META, META_ID, {"schema_version": SCHEMA_VERSION, "applied_seq": seq})

    # -- writing

    def require_writable(self) -> None:
        if self.readonly:
            raise ReadOnlyError(f"not saved: {self.readonly_reason}")

    def start_writing(self) -> None:
        """Tidy up after a crash and open the journal for appending.

        Called once the records have loaded (and on the first append): cutting
        a torn journal tail or removing temp files any earlier would change a
        store that is about to be refused as damaged.
        """
        if self.readonly or self._journal is not None:
            return
        try:
            remove_stale_temp_files(self.folder)
            self._journal = Journal(self.folder / JOURNAL, self._journal_size)
        except OSError as exc:
            raise StoreError(f"{self.folder / JOURNAL} cannot be opened for writing: {exc.strerror or exc}") from None

    def append(self, group: list[dict[str, Any]]) -> None:
        self.require_writable()
        self.start_writing()
        assert self._journal is not None
        self.backup_if_due()
        self._journal.append(group)

    def backup_if_due(self) -> None:
        """The day's backup, before the day's first write.

        The app asks for it on its writer thread as soon as it opens, so the
        copy (100 MB at 100,000 facts) is not paid by the first note saved.
        """
        if self.readonly:
            return
        day = backups.today()
        if self._backup_day != day:
            try:
                backups.backup(self.folder, reason="daily")
                self._backup_day = day
            except (OSError, backups.BackupRefused) as exc:
                # A backup that fails (disk full, a symlinked backups/) must not
                # cost the note: the journal is what makes it durable. The next
                # write tries again; `check` names a refused backups folder.
                self.backup_problem = str(exc) if isinstance(exc, backups.BackupRefused) else (exc.strerror or str(exc))

    def backup(self, reason: str) -> Path | None:
        """A backup now (see store/backups.py)."""
        return backups.backup(self.folder, reason)

    @property
    def journal_size(self) -> int:
        return self._journal.size if self._journal is not None else self._journal_size

    def compact(self, keep_from_group: int) -> int:
        """Move journal lines older than ``keep_from_group`` that every snapshot holds to the archive.

        Call it right after a checkpoint that left nothing dirty, on the
        writer: the in-memory applied seqs are then those on disk.
        """
        if self.readonly or self._journal is None:
            return 0
        if any(self.storage(name).dirty for name in self.dbs):
            return 0
        applied = {name: self.applied_seq(name) for name in FILES}
        try:
            retired, last = compact(
                self._journal, keep_from_group=keep_from_group,
                in_snapshot=lambda table, seq: seq <= applied[TABLE_FILE[table]],
            )
            if last:
                # Every snapshot on disk now holds every archived change of its tables, though a file no
                # change touched keeps an old applied_seq: say so beside the seals, so the next open
                # need not read the archives to find that out. A file replaced since (from a backup)
                # no longer matches its seal, and then its applied_seq decides.
                seals = read_seals(self.folder)
                seals[COVERED] = {name: max(last, covered(seals).get(name, 0)) for name in FILES}
                atomic_write(self.folder / SEALS, orjson.dumps(seals))
            return retired
        except OSError as exc:
            # The journal still holds every line (an archive written before may repeat some: readers dedupe).
            raise WriteFailed(f"could not compact {self.folder / JOURNAL}: {exc.strerror or exc}") from exc

    def checkpoint(self) -> None:
        """Write the dirty snapshots. Safe to fail: the journal still holds every change."""
        if self.readonly:
            return
        for name, db in self.dbs.items():
            storage = db.memory
            if storage.dirty:
                data = storage.serialize()
                storage.dirty = False
                try:
                    atomic_write(self.folder / name, data)
                    write_seals(self.folder, {name: data})
                except OSError as exc:
                    storage.dirty = True
                    # A StoreError like every other failed save, so callers need one except.
                    raise WriteFailed(
                        f"could not write {self.folder / name} (the journal still holds every change): "
                        f"{exc.strerror or exc}"
                    ) from exc

    def close(self) -> None:
        try:
            self.checkpoint()
        finally:
            self.release()

    def release(self) -> None:
        """Let go of the journal and the lock without writing anything.

        For a store whose records failed to load: a checkpoint would write
        half-replayed snapshots over the files the user has to repair.
        """
        if self._journal:
            self._journal.close()
        if self._lock:
            self._lock.release()
        if not self.readonly:
            # Closed means no lock: a later write or close must not touch the files.
            self.readonly = True
            self.readonly_reason = "the store has been closed"

def no_store_yet(folder: Path) -> bool:
    """Nothing at ``folder``, or an empty folder (a link to one counts): a store may be created there."""
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


def is_store(folder: Path) -> bool:
    return any((folder / name).exists() for name in FILES)


def new_tables() -> dict[str, dict[str, dict[str, Any]]]:
    return {
        name: {META: {META_ID: {"schema_version": SCHEMA_VERSION, "applied_seq": 0}}, **{t: {} for t in tables}}
        for name, tables in FILES.items()
    }


def write_new_store(folder: Path, files: dict[str, dict[str, dict[str, Any]]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    written = {name: orjson.dumps(data, option=orjson.OPT_INDENT_2) for name, data in files.items()}
    for name, data in written.items():
        atomic_write(folder / name, data)
    write_seals(folder, written)


def open_files(folder: Path, *, readonly: bool = False) -> StoreFiles:
    """Open an existing store's files, taking the writer's lock unless asked not to."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder} is a file, not a store folder")
    if not folder.is_dir():
        raise StoreError(f"{folder} does not exist")
    if not is_store(folder):
        # Say so rather than "facts.json is missing" about, say, a home folder.
        raise StoreError(f"{folder} is not an alliances-tui store (it has no {', '.join(FILES)})")

    lock: StoreLock | None = None
    reason = "opened read-only"
    if not readonly:
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreError(f"{folder} cannot be written to (permission denied): fix its permissions or choose another --db")
        links = linked_files(folder)
        if links:
            # Before anything is read or locked: refused at the first save
            # instead, a session would have been typed into for nothing.
            raise links[0]
        lock = StoreLock(folder)
        if not lock.acquire():
            readonly = True
            who = f" (pid {lock.holder})" if lock.holder else ""
            reason = f"the store is read-only: another alliances-tui{who} has it open for writing"
            lock = None

    # Reading under the lock means no writer can be mid-checkpoint for us.
    try:
        seals = read_seals(folder)
        files = {}
        sealed = set()
        reformat = set()  # sealed files in an older form than a record a line (store/snapshot_lines.py)
        for name in FILES:
            raw = read_bytes(folder / name)
            if seals.get(name) == seal_of(raw):
                sealed.add(name)
                files[name], again = parse_sealed(folder / name, raw)
                if again:
                    reformat.add(name)
            else:
                files[name] = parse_tables(folder / name, raw)
            del raw
        versions = {name: meta_of(d)["schema_version"] for name, d in files.items()}
        newest = max(versions.values())
        if newest > SCHEMA_VERSION:
            name = max(versions, key=versions.__getitem__)
            raise SchemaTooNew(
                f"{folder / name} was written by a newer alliances-tui (schema {newest}; "
                f"this one reads up to {SCHEMA_VERSION}): upgrade alliances-tui to open it"
            )
        journal_path = folder / JOURNAL
        journal = read_journal(journal_path)
        oldest = min(versions.values())
        store = StoreFiles(
            folder=folder,
            dbs={name: StoreDB(folder / name, data, storage=MemoryStorage) for name, data in files.items()},
            journal_read=journal,
            readonly=readonly,
            readonly_reason=reason,
            torn_tail=journal.torn,
            sealed=frozenset(sealed) if oldest == SCHEMA_VERSION else frozenset(),
            covered={name: seq for name, seq in covered(seals).items() if name in sealed},
        )
        if oldest < SCHEMA_VERSION:
            if readonly:
                raise StoreError(f"{folder} uses schema {oldest} and must be migrated by a writable alliances-tui first")
            # Migrate in memory first: a migration that cannot run makes no backup,
            # so failed opens never rotate good backups out.
            for data in files.values():
                raw_to_docs(data)  # a migration edits dicts
            migrations.migrate(folder, files, oldest, SCHEMA_VERSION)
            store.backup(reason=f"before-migration-{oldest}")
            written = {name: MemoryStorage(folder / name, data).serialize() for name, data in files.items()}
            for name, raw in written.items():
                atomic_write(folder / name, raw)
            # A file that was sealed held records validated when written, and a migration keeps
            # records valid: sealed again, or every later open would validate every record (a
            # 100,000-fact store opened in 6 s instead of 1.5 after the 2 → 3 migration).
            write_seals(folder, {name: raw for name, raw in written.items() if name in sealed})
            store.sealed = frozenset(sealed)
        elif not readonly:
            for name in reformat:
                store.storage(name).dirty = True  # written again a record a line at the next checkpoint
        if not readonly:
            # The journal is opened (and a torn tail cut) by start_writing, after the records load.
            store._journal_size = journal.good_size
            store._lock = lock
        return store
    except BaseException:
        if lock:
            lock.release()
        raise
