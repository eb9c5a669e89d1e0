"""The files of a store: durable TinyDB snapshots, an append-only journal, one writer.

A store is a folder::

    facts.json      entities, facts, evidence_links (TinyDB; hot, small records)
    sources.json    sources, excerpts        (TinyDB; cold, article texts)
    notes.json      annotations              (TinyDB; hot, the user's notes)
    journal.jsonl   the recent change history, one line per group of changes
    journal-archive/ older lines of the journal, moved there by compaction (store/journal.py)
    lock            held with flock by the one process that may write
    backups/        rolling copies of the files above

Why not TinyDB's stock storage: ``JSONStorage`` re-reads the file on every
operation, rewrites it in place and can leave it torn by a kill, and
``CachingMiddleware`` loses unflushed writes (see DESIGN.md, Storage). Here
the TinyDB storage keeps documents in memory and only ever replaces a file
atomically; what makes a save durable is one fsynced line appended to the
journal. Snapshots record the last journal ``seq`` they contain, and opening
a store replays the journal lines newer than each snapshot.

Evidence links (schema 2) live in facts.json, beside the facts they point at,
rather than in a file of their own: accepting a link edits its fact in the
same group, so one snapshot holds both ends; a schema-1 backup (three files)
stays sound and restorable; and the code that walks ``FILES`` (backups,
restore, check, seals) needs no new case. The cost, a link-only change
rewriting facts.json at the next checkpoint, is paid off the hot path.
"""

from __future__ import annotations

import errno
import fcntl
import filecmp
import os
import shutil
import stat
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from store.errors import ReadOnlyError, SchemaTooNew, StoreCorrupt, StoreError, WriteFailed
from store.journal import ARCHIVE, JOURNAL, Journal, JournalRead, compact, read_journal
from store.models import SCHEMA_VERSION

__all__ = ["ARCHIVE", "JOURNAL", "Journal", "JournalRead", "read_journal"]  # re-exported from store.journal

FILES: dict[str, tuple[str, ...]] = {
    "facts.json": ("entities", "facts", "evidence_links"),
    "sources.json": ("sources", "excerpts"),
    "notes.json": ("annotations",),
}
TABLE_FILE: dict[str, str] = {table: name for name, tables in FILES.items() for table in tables}
# Tables added after schema 1, by the schema that added them: an older file lacks them until migrated.
TABLE_SINCE: dict[str, int] = {"evidence_links": 2}
LOCK = "lock"
BACKUPS = "backups"
KEEP_BACKUPS = 5
DAMAGED = "-damaged"  # suffix of the folders in backups/ where a restore sets damaged files aside
META = "meta"
META_ID = "store"


# --- no writing through links ---------------------------------------------------

class LinkRefused(StoreError):
    """A file of the store is a symbolic link: writing would change its target, outside the store."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path} is a symbolic link; alliances-tui does not write through links inside a store: "
            "replace it with the file it points to"
        )


def refuse_link(path: Path) -> None:
    """Raise LinkRefused if ``path`` itself (not its folder) is a symbolic link.

    Only the last component: the store folder may be a link of the user's
    (``--db`` pointing at a folder elsewhere), and is written through.
    """
    if os.path.islink(path):
        raise LinkRefused(path)


def open_no_follow(path: Path, flags: int, mode: int = 0o644) -> int:
    """``os.open`` that never follows a link in the last component, even a dangling one."""
    try:
        return os.open(path, flags | os.O_NOFOLLOW, mode)
    except OSError:
        # ELOOP is Linux's answer for a link; some systems say EMLINK or EFTYPE.
        if os.path.islink(path):
            raise LinkRefused(path) from None
        raise


def store_file_names() -> list[str]:
    """Every file of a store that alliances-tui writes."""
    return [*FILES, JOURNAL, SEALS, LOCK]


def linked_files(folder: Path) -> list[LinkRefused]:
    """The store's files that are symbolic links: each would be refused at the first write."""
    return [LinkRefused(folder / name) for name in store_file_names() if os.path.islink(folder / name)]


# --- durable file writes -----------------------------------------------------

def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (POSIX leaves it in the page cache)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a reader or a crash sees old or new, never half.

    A link at ``path`` is refused, not replaced: it is not a file this program
    made, and whoever made it expects its target to be the one written.
    """
    refuse_link(path)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fchmod(fd, mode)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def remove_stale_temp_files(folder: Path) -> None:
    """Remove the temp files a crash left; only regular files, which are what atomic_write makes.

    A link or a folder of that name is someone else's: left alone, and no
    reason to refuse to write.
    """
    for tmp in folder.glob(".*.tmp"):
        try:
            if stat.S_ISREG(tmp.lstat().st_mode):
                tmp.unlink()
        except FileNotFoundError:
            pass


# --- TinyDB with in-memory documents -------------------------------------------

class MemoryStorage(Storage):
    """Holds the tables in memory; ``flush`` writes them with ``atomic_write``.

    ``write`` only marks the data dirty: the journal has already made the
    change durable, so the snapshot can be written later, off the hot path.
    """

    def __init__(self, path: Path, data: dict[str, dict[str, Any]]) -> None:
        self.path = path
        self._data = data
        self.dirty = False

    def read(self) -> dict[str, dict[str, Any]]:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data
        self.dirty = True

    def serialize(self) -> bytes:
        # Indented while small enough to read by eye; compact beyond (a third smaller).
        records = sum(len(table) for table in self._data.values())
        return orjson.dumps(self._data, option=orjson.OPT_INDENT_2 if records < 2000 else 0)

    def close(self) -> None:
        pass


class StoreDB(TinyDB):
    """A TinyDB whose storage is a MemoryStorage: documents are read and written through
    ``StoreFiles.put`` and ``StoreFiles.remove``, which edit the stored dict in place.

    Not through TinyDB's Table API: it copies the whole table twice per write
    (O(N)), hands out shallow copies whose nested lists alias the database,
    and its in-place hook is a private method of ``Table`` that a
    TinyDB release may change.
    """

    @property
    def memory(self) -> MemoryStorage:
        storage = self.storage
        assert isinstance(storage, MemoryStorage)
        return storage


def put(tables: dict[str, dict[str, Any]], table: str, record_id: str, doc: dict[str, Any]) -> None:
    """Insert or replace one document under its record id, as a copy of its own.

    A copy: the caller's dict (a Change's ``after``) stays its own, and a
    replaced document loses the fields the new one drops (no merge, unlike
    TinyDB's ``update``).
    """
    tables.setdefault(table, {})[record_id] = orjson.loads(orjson.dumps(doc))


# --- the journal ---------------------------------------------------------------
# Moved to store/journal.py (with its compaction and archives); the old names stay importable from here.

# --- the single-writer lock ------------------------------------------------------

class StoreLock:
    """An exclusive flock on ``lock``, held for the life of the writer.

    flock dies with its process, so a lock left by a killed process is free
    again at once; the pid written inside only serves the read-only message.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK
        self._fd = -1
        self.holder: int | None = None

    def acquire(self) -> bool:
        fd = open_no_follow(self.path, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise
            try:
                self.holder = int(os.pread(fd, 32, 0).decode().strip() or 0) or None
            except ValueError:
                self.holder = None
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


# --- reading a store's files -------------------------------------------------------

def read_tables(path: Path) -> dict[str, dict[str, Any]]:
    return _parse_tables(path, _read_bytes(path))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreCorrupt(path, "is missing from the store (restore it from backups/ with `alliances-tui check --restore`)") from None
    except IsADirectoryError:
        raise StoreCorrupt(path, "is a folder where a store file should be") from None
    except PermissionError:
        raise StoreCorrupt(path, "cannot be read: permission denied") from None


def _parse_tables(path: Path, raw: bytes) -> dict[str, dict[str, Any]]:
    if not raw.strip():
        raise StoreCorrupt(path, "is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreCorrupt(path, f"is not valid JSON, perhaps truncated ({exc})") from None
    if not isinstance(data, dict):
        raise StoreCorrupt(path, f"holds a JSON {type(data).__name__}, not TinyDB tables")
    meta = data.get(META, {}).get(META_ID) if isinstance(data.get(META), dict) else None
    if not isinstance(meta, dict) or not isinstance(meta.get("schema_version"), int):
        raise StoreCorrupt(path, "has no schema version (is it another program's file?)")
    if meta["schema_version"] > SCHEMA_VERSION:
        # A newer version may have other tables and shapes: the caller says "newer", not "damaged".
        return data
    for name, table in data.items():
        if not isinstance(table, dict):
            raise StoreCorrupt(path, f"table {name!r} is a JSON {type(table).__name__}, not an object of records")
        for key, doc in table.items():
            if not isinstance(doc, dict):
                raise StoreCorrupt(path, f"is a JSON {type(doc).__name__}, not an object", record=f"{name}/{key}")
    version = meta["schema_version"]
    missing = [t for t in FILES[path.name] if t not in data and TABLE_SINCE.get(t, 1) <= version]
    if missing:
        # Not "no records": a file that lost a table has lost data.
        raise StoreCorrupt(path, f"has no {', '.join(missing)} table (is it damaged or another program's file?)")
    unknown = set(data) - set(FILES[path.name]) - {META}
    if unknown:
        raise StoreCorrupt(path, f"holds tables this store does not know: {', '.join(sorted(unknown))} (is it another program's file?)")
    return data


# --- seals: which snapshots are byte for byte what this program wrote ----------------

SEALS = "seals.json"


COVERED = "covered"  # seals.json: file name -> the last archived seq that file's snapshot is known to hold


def _covered(seals: dict[str, Any]) -> dict[str, int]:
    covered = seals.get(COVERED)
    if not isinstance(covered, dict):
        return {}
    return {k: v for k, v in covered.items() if isinstance(v, int) and k in FILES}


def _seal_of(data: bytes) -> dict[str, int]:
    return {"size": len(data), "crc32": zlib.crc32(data)}


def read_seals(folder: Path) -> dict[str, Any]:
    try:
        seals = orjson.loads((folder / SEALS).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}  # no seals: every record is validated at open, nothing is lost
    return seals if isinstance(seals, dict) else {}


def write_seals(folder: Path, written: dict[str, bytes]) -> None:
    """Record what was just written, so the next open can trust those files' records.

    Written after the snapshot itself: a crash in between leaves an old seal
    that no longer matches, which only costs a full validation.
    """
    seals = read_seals(folder)
    seals.update({name: _seal_of(data) for name, data in written.items()})
    atomic_write(folder / SEALS, orjson.dumps(seals))


def _meta(data: dict[str, dict[str, Any]]) -> dict[str, Any]:
    meta: dict[str, Any] = data[META][META_ID]
    return meta


@dataclass
class StoreFiles:
    """The opened files of a store: TinyDB databases, journal, lock."""

    folder: Path
    dbs: dict[str, StoreDB]
    journal_groups: list[list[dict[str, Any]]]
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
        return int(_meta(self.storage(file).read()).get("applied_seq", 0))

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
        today = datetime.now(timezone.utc).strftime("%Y%m%d")
        if self._backup_day != today:  # a date, not a flag: the app may stay open past midnight
            try:
                self.backup(reason="daily")
                self._backup_day = today
            except (OSError, BackupRefused) as exc:
                # A backup that fails (disk full, a symlinked backups/) must not
                # cost the note: the journal is what makes it durable. The next
                # write tries again; `check` names a refused backups folder.
                self.backup_problem = str(exc) if isinstance(exc, BackupRefused) else (exc.strerror or str(exc))

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
                seals[COVERED] = {name: max(last, _covered(seals).get(name, 0)) for name in FILES}
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

    # -- backups

    def backup(self, reason: str) -> Path | None:
        """Copy the store's files to backups/<time>-<reason>/, keeping the newest few.

        The copy is made in a hidden folder and renamed when complete, so a
        crash mid-copy never leaves a partial backup that counts as the day's.
        A copy identical to the newest backup is not made: repeated attempts
        (a migration that keeps failing) must not push good backups out.
        """
        root = self.folder / BACKUPS
        if root.is_symlink():
            raise BackupRefused(f"{root} is a symbolic link: alliances-tui writes backups only into a real folder of the store")
        now = datetime.now(timezone.utc)
        backups = list_backups(self.folder)
        if reason == "daily" and any(p.name.startswith(now.strftime("%Y%m%d")) for p in backups):
            return None
        if backups and _same_files(self.folder, backups[0]):
            return None
        target = root / f"{now.strftime('%Y%m%d-%H%M%S-%f')}-{reason}"
        partial = root / f".{target.name}.tmp"
        root.mkdir(exist_ok=True)
        if root.is_symlink() or not root.is_dir():  # swapped in since the check above
            raise BackupRefused(f"{root} is not a real folder of the store: no backup written")
        partial.mkdir()  # exclusive: never into something already there
        try:
            for name in [*FILES, JOURNAL, SEALS]:
                src = self.folder / name
                if src.is_file() and not src.is_symlink():
                    shutil.copy2(src, partial / name)
                    with open(partial / name, "rb") as copy:
                        os.fsync(copy.fileno())
            fsync_dir(partial)
            os.rename(partial, target)
            fsync_dir(root)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        rotate_backups(self.folder)
        for stale in root.glob(".*.tmp"):  # left by a crash in an earlier backup
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
        return target


class BackupRefused(StoreError):
    """A backup that would have to be written outside the store."""


def _same_files(folder: Path, backup: Path) -> bool:
    for name in [*FILES, JOURNAL]:
        a, b = folder / name, backup / name
        if a.is_file() != b.is_file():
            return False
        if a.is_file() and not filecmp.cmp(a, b, shallow=False):
            return False
    return True


def backup_is_sound(backup: Path) -> bool:
    """Whether a backup's files are readable store files this version can use.

    Sealed files (byte for byte what this program wrote) need no parsing; the
    full check of every record would cost seconds a day at 100,000 facts.
    """
    seals = read_seals(backup)
    for name in FILES:
        path = backup / name
        if path.is_symlink() or not path.is_file():
            return False
        try:
            raw = path.read_bytes()
            if seals.get(name) == _seal_of(raw):
                continue
            data = _parse_tables(path, raw)
        except (OSError, StoreError):
            return False
        if _meta(data)["schema_version"] > SCHEMA_VERSION:
            return False
    return True


def rotate_backups(folder: Path) -> None:
    """Keep the newest KEEP_BACKUPS backups and the newest KEEP_BACKUPS sound ones; delete the rest.

    Sound ones are kept apart from the count, so failed attempts and damaged
    copies never push out the backups a restore needs.
    """
    backups = list_backups(folder)
    if len(backups) <= KEEP_BACKUPS:
        return
    keep = set(backups[:KEEP_BACKUPS])
    sound = 0
    for backup in backups:
        if sound >= KEEP_BACKUPS:
            break
        if backup_is_sound(backup):
            keep.add(backup)
            sound += 1
    for old in backups:
        if old not in keep and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)


def list_backups(folder: Path) -> list[Path]:
    """Backups, newest first: not the hidden ones still being copied, nor damaged files set aside, nor symlinks."""
    root = folder / BACKUPS
    if not root.is_dir():
        return []
    return sorted(
        (
            p for p in root.iterdir()
            if not p.is_symlink() and p.is_dir() and not p.name.startswith(".") and not p.name.endswith(DAMAGED)
        ),
        reverse=True,
    )


# --- migrations ------------------------------------------------------------------

def _add_evidence_links(files: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Schema 1 → 2: an empty evidence_links table in facts.json.

    Facts keep their ``evidence`` lists as they are: that list stays the one
    answer to "which passages support this fact" (see EvidenceLink), so
    nothing moves and nothing can be lost; links only record proposals and
    their review from now on.
    """
    files["facts.json"].setdefault("evidence_links", {})


def _facts_as_researchers_code_them(files: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Schema 2 → 3: nothing to move.

    The fields schema 3 adds (a fact's and a treaty's dates by kind, directed
    obligations, data-set provenance, short names) are optional and left out
    of files when empty, so every schema-2 record is already a valid schema-3
    record with the same meaning: a fact's provenance follows from its
    references, evidence and origin (``Fact.provenance``). The version is
    raised (after the backup ``_migrate``'s caller makes) so an older
    alliances-tui refuses the store instead of dropping fields it does not know.
    """


# version → function that upgrades the raw tables of all files from that version.
MIGRATIONS: dict[int, Callable[[dict[str, dict[str, dict[str, Any]]]], None]] = {
    1: _add_evidence_links,
    2: _facts_as_researchers_code_them,
}


def _migrate(folder: Path, files: dict[str, dict[str, dict[str, Any]]], version: int) -> None:
    for v in range(version, SCHEMA_VERSION):
        step = MIGRATIONS.get(v)
        if step is None:
            raise StoreError(f"{folder}: no migration from schema {v} to {v + 1}")
        step(files)
    for data in files.values():
        _meta(data)["schema_version"] = SCHEMA_VERSION


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
        for name in FILES:
            raw = _read_bytes(folder / name)
            files[name] = _parse_tables(folder / name, raw)
            if seals.get(name) == _seal_of(raw):
                sealed.add(name)
            del raw
        versions = {name: _meta(d)["schema_version"] for name, d in files.items()}
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
            journal_groups=journal.groups,
            readonly=readonly,
            readonly_reason=reason,
            torn_tail=journal.torn,
            sealed=frozenset(sealed) if oldest == SCHEMA_VERSION else frozenset(),
            covered={name: seq for name, seq in _covered(seals).items() if name in sealed},
        )
        if oldest < SCHEMA_VERSION:
            if readonly:
                raise StoreError(f"{folder} uses schema {oldest} and must be migrated by a writable alliances-tui first")
            # Migrate in memory first: a migration that cannot run makes no backup,
            # so failed opens never rotate good backups out.
            _migrate(folder, files, oldest)
            store.backup(reason=f"before-migration-{oldest}")
            written = {name: orjson.dumps(data) for name, data in files.items()}
            for name, raw in written.items():
                atomic_write(folder / name, raw)
            # A file that was sealed held records validated when written, and a migration keeps
            # records valid: sealed again, or every later open would validate every record (a
            # 100,000-fact store opened in 6 s instead of 1.5 after the 2 → 3 migration).
            write_seals(folder, {name: raw for name, raw in written.items() if name in sealed})
            store.sealed = frozenset(sealed)
        if not readonly:
            # The journal is opened (and a torn tail cut) by start_writing, after the records load.
            store._journal_size = journal.good_size
            store._lock = lock
        return store
    except BaseException:
        if lock:
            lock.release()
        raise
