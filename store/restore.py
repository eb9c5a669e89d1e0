"""Rebuild a damaged store from the best of everything on disk, and name what could not be.

Every intact snapshot file is kept as it is. A damaged one is replaced by
the newest backup copy of that file that passes the check, rolled forward
with every journal change newer than the copy, read from ``journal-archive/``,
the backups' journals and the live journal (deduplicated by seq). A damaged
journal line is dropped: its changes are lost only if no snapshot holds them
and no other copy of the line survives. Records left pointing at something
that could not be recovered are set aside too (store/restore_orphans.py). What could not be recovered
is named one line each: the change (label, record, seq, time) when a damaged
line still shows it, else the seqs and the time span they were made in.
Everything replaced is first copied to backups/<time>-damaged/, never deleted.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from store import backups, db, history
from store.check import check_file, newer_schema
from store.errors import SchemaTooNew, StoreError
from store.journal import encode
from store.memory_storage import MemoryStorage
from store.models import MODELS, SCHEMA_VERSION
from store.restore_orphans import prune_orphans
from store.slim import slim_group

Group = list[dict[str, Any]]


@dataclass
class Base:
    """The snapshot a file is rebuilt from."""

    data: dict[str, dict[str, Any]]
    applied: int  # the journal seq the snapshot was written at
    covered: int  # every change up to this seq is in the snapshot for sure
    backup: Path | None  # the backup its copy came from; None: the live file


@dataclass
class Restored:
    folder: Path
    kept: list[str]
    replaced: dict[str, Path]
    replayed: int
    lost: list[str]
    aside: Path | None
    rewritten: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        done = [f"{name} from {backup}" for name, backup in self.replaced.items()]
        if self.kept:
            done.append(f"{', '.join(self.kept)} kept as {'they were' if len(self.kept) > 1 else 'it was'}")
        if self.replayed:
            done.append(f"{self.replayed} change(s) replayed from the journal")
        if self.rewritten:
            done.append(f"{', '.join(self.rewritten)} rewritten from what could be read")
        out = [f"restored {self.folder}: {'; '.join(done)}"]
        if self.aside:
            out.append(f"what was replaced is kept in {self.aside}")
        out.extend(f"lost: {line}" for line in self.lost)
        if not self.lost:
            out.append("nothing was lost")
        return out


class _Aside:
    """backups/<time>-damaged/, made on first use; every copy fsynced before a live file is replaced."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.used = False

    def _make(self) -> None:
        if not self.used:
            self.path.parent.mkdir(exist_ok=True)
            if self.path.parent.is_symlink():
                raise StoreError(f"{self.path.parent} is a symbolic link: restore will not write outside the store")
            self.path.mkdir()
            self.used = True

    def move(self, path: Path) -> None:
        self._make()
        os.rename(path, self.path / path.name)
        db.fsync_dir(path.parent)

    def copy(self, path: Path) -> None:
        if path.is_dir() and not path.is_symlink():
            self.move(path)  # a folder where a file belongs must go, or the file cannot be put back
            return
        if not path.exists():
            return
        self._make()
        try:
            shutil.copy2(path, self.path / path.name, follow_symlinks=False)
            with open(self.path / path.name, "rb") as copy:
                os.fsync(copy.fileno())
        except OSError:
            self.move(path)  # unreadable: a rename needs no read permission

    def finish(self) -> None:
        if self.used:
            db.fsync_dir(self.path)
            db.fsync_dir(self.path.parent)


def restore_store(folder: Path) -> Restored:
    """Rebuild ``folder`` from its intact files, its backups and its journal (see the module's text)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise StoreError(f"{folder} is a file, not a store folder" if folder.exists() else f"{folder}: no store here")
    root = folder / backups.BACKUPS
    if root.is_symlink():
        raise StoreError(f"{root} is a symbolic link: restore sets damaged files aside there and will not write outside the store")
    for name in db.FILES:  # before anything is touched: a newer store is not damaged
        try:
            data = orjson.loads((folder / name).read_bytes())
            version = data[db.META][db.META_ID]["schema_version"]
        except (OSError, ValueError, TypeError, KeyError):
            continue
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise newer_schema(folder / name, version)
    aside = _Aside(root / f"{datetime.now(timezone.utc).strftime('%Y%m%d-%H%M%S-%f')}{backups.DAMAGED}")
    lock_path = folder / db.LOCK
    if lock_path.is_dir() and not lock_path.is_symlink():
        aside.move(lock_path)  # no process can hold a lock that is a folder
    lock = db.StoreLock(folder)
    try:
        got = lock.acquire()
    except OSError as exc:
        raise StoreError(f"{lock_path} cannot be used as the store's lock ({exc.strerror or exc}): nothing was changed") from None
    if not got:
        raise StoreError(f"{folder} is open in another alliances-tui (pid {lock.holder}): close it before restoring")
    try:
        return _rebuild(folder, aside)
    finally:
        lock.release()


def _applied(data: dict[str, dict[str, Any]]) -> int:
    seq = data[db.META][db.META_ID].get("applied_seq", 0)
    return seq if isinstance(seq, int) else 0


def _bases(folder: Path) -> dict[str, Base]:
    bases: dict[str, Base] = {}
    damaged = []
    for name in db.FILES:
        problems, data = check_file(folder / name)
        if problems or data is None:
            damaged.append(name)
            continue
        version = data[db.META][db.META_ID]["schema_version"]
        if version != SCHEMA_VERSION:
            raise StoreError(f"{folder / name} uses schema {version}: open the store with alliances-tui to migrate it, then restore")
        bases[name] = Base(data, _applied(data), _applied(data), None)
    # A checkpoint writes the files in this order: a later file written at seq
    # N means every earlier one was written with all its changes up to N.
    names = list(db.FILES)
    for i, name in enumerate(names):
        if name in bases:
            bases[name].covered = max(bases[n].applied for n in names[i:] if n in bases)
    for name in damaged:
        for backup in backups.list_backups(folder):
            try:
                problems, data = check_file(backup / name)
            except SchemaTooNew:
                continue
            if not problems and data is not None and data[db.META][db.META_ID]["schema_version"] == SCHEMA_VERSION:
                bases[name] = Base(data, _applied(data), _applied(data), backup)
                break
        else:
            raise StoreError(f"{folder}: no backup of {name} passes the check, nothing was changed")
    return {name: bases[name] for name in names}


class _History:
    """Journal groups by seq, from every source on disk; the live journal wins any disagreement."""

    def __init__(self) -> None:
        self.taken: dict[int, dict[str, Any]] = {}
        self.groups: list[Group] = []

    def conflicts(self, group: Group) -> bool:
        return any(c["seq"] in self.taken and self.taken[c["seq"]] != c for c in group)

    def take(self, group: Group) -> bool | None:
        """True: taken; False: a copy of a group already held; None: it disagrees with what is held."""
        held = [c for c in group if c["seq"] in self.taken]
        if not held:
            self.taken.update((c["seq"], c) for c in group)
            self.groups.append(group)
            return True
        if len(held) == len(group) and not self.conflicts(group):
            return False
        return None


def _rebuild(folder: Path, aside: _Aside) -> Restored:
    bases = _bases(folder)
    journal = folder / db.JOURNAL
    try:
        live = history.read_lines(journal)
        journal_readable = True
    except SchemaTooNew:
        raise  # lines a newer version wrote: nothing to repair, nothing changed
    except StoreError:
        live, journal_readable = [], False
    found = _History()
    damaged_lines = []
    for line in live:
        if line.changes is None or found.take(line.changes) is None:
            damaged_lines.append(line)
    live_clean = [line.changes for line in live if line.changes is not None and line not in damaged_lines]
    for line in history.read_archives(folder):
        if line.changes is None:
            damaged_lines.append(line)
        else:
            found.take(line.changes)
    backup_top: dict[Path, int] = {}
    for backup in backups.list_backups(folder):
        try:
            groups = [line.changes for line in history.read_lines(backup / db.JOURNAL) if line.changes]
        except StoreError:
            continue
        if any(found.conflicts(g) for g in groups):
            continue  # another timeline (a store rolled back by an older restore): not ours
        for group in groups:
            found.take(group)
        backup_top[backup] = max((c["seq"] for g in groups for c in g), default=0)
    for base in bases.values():
        if base.backup is not None:
            backup_top[base.backup] = max(backup_top.get(base.backup, 0), base.applied)

    salvaged: dict[int, tuple[dict[str, Any], history.Line]] = {}
    for line in damaged_lines:
        for head in line.salvaged:
            if head["seq"] not in found.taken and head.get("table") in db.TABLE_FILE:
                salvaged.setdefault(head["seq"], (head, line))
    top = max([*found.taken, *(s for s in salvaged if s < history.MAX_SEQ), *(b.applied for b in bases.values())], default=0)

    lost: list[str] = []
    invalid: set[int] = set()
    replayed = 0
    for seq in sorted(found.taken):
        change = found.taken[seq]
        base = bases[db.TABLE_FILE[change["table"]]]
        if seq <= base.applied:
            continue
        try:
            _apply(base.data, change)
        except (ValidationError, ValueError) as exc:
            invalid.add(seq)
            if seq > base.covered:
                lost.append(_named(change, f"its record does not pass the check ({str(exc).splitlines()[0]})"))
            continue
        replayed += base.backup is not None
    for seq, (head, line) in sorted(salvaged.items()):
        if seq > bases[db.TABLE_FILE[head["table"]]].covered:
            lost.append(_named(head, f"{line.path.name} line {line.lineno} is damaged"))
    lost.extend(_unknown(folder, bases, found, salvaged, top, backup_top, journal))
    pruned = prune_orphans({name: base.data for name, base in bases.items()}, lost)

    # What to write: replaced and pruned files, rolled forward to the newest seq.
    written: dict[str, bytes] = {}
    for name, base in bases.items():
        if base.backup is not None or name in pruned:
            base.data[db.META][db.META_ID]["applied_seq"] = top
            written[name] = MemoryStorage(folder / name, base.data).serialize()
    kept_floor = [b.applied for n, b in bases.items() if n not in written]
    live_floor = [min(c["seq"] for g in live_clean for c in g) - 1] if live_clean else []
    floor = min([*kept_floor, *live_floor], default=top)
    groups = sorted(
        ([c for c in g if c["seq"] not in invalid] for g in found.groups if max(c["seq"] for c in g) > floor),
        key=lambda g: g[0]["seq"] if g else 0,
    )
    groups = [g for g in groups if g]
    new_journal: bytes | None = None
    if not journal_readable or any(line.path == journal for line in damaged_lines) or groups != live_clean:
        new_journal = b"".join(encode(slim_group(g)) for g in groups)  # as a save writes them: slim, packed if large
        if new_journal or journal.exists() or journal.is_symlink():
            aside.copy(journal)
        else:
            new_journal = None  # no journal, and none needed
    for name in written:
        aside.copy(folder / name)
    aside.finish()
    if new_journal is not None:
        db.atomic_write(journal, new_journal)
    for name, data in written.items():
        db.atomic_write(folder / name, data)
    if written:
        db.write_seals(folder, written)
    db.fsync_dir(folder)
    return Restored(
        folder=folder,
        kept=[n for n in bases if n not in written],
        replaced={n: b.backup for n, b in bases.items() if b.backup is not None},
        replayed=replayed,
        lost=lost,
        aside=aside.path if aside.used else None,
        rewritten=[n for n in written if bases[n].backup is None] + ([db.JOURNAL] if new_journal is not None else []),
    )


def _apply(data: dict[str, dict[str, Any]], change: dict[str, Any]) -> None:
    table = data[change["table"]]
    if change["after"] is None:
        table.pop(change["id"], None)
        return
    record = MODELS[change["table"]].model_validate(change["after"])
    if record.id != change["id"]:  # type: ignore[attr-defined]
        raise ValueError(f"its record's id is not {change['id']}")
    table[change["id"]] = change["after"]


def _named(change: dict[str, Any], why: str) -> str:
    label = f"{change.get('label')!r}, " if change.get("label") else ""
    # A packed line's head names each change's table, not its record: the id was in the damaged part.
    record = change.get("id") or "(id unreadable)"
    return f"{label}{change.get('op') or 'change'} {change.get('table')}/{record}, seq {change.get('seq')}, made {change.get('at')} ({why})"


def _backup_time(backup: Path) -> str:
    n = backup.name
    if len(n) >= 15 and n[8] == "-" and (n[:8] + n[9:15]).isdigit():
        return f"{n[:4]}-{n[4:6]}-{n[6:8]}T{n[9:11]}:{n[11:13]}:{n[13:15]}Z (the backup)"
    return f"the backup {n}"


def _unknown(
    folder: Path,
    bases: dict[str, Base],
    found: _History,
    salvaged: dict[int, tuple[dict[str, Any], history.Line]],
    top: int,
    backup_top: dict[Path, int],
    journal: Path,
) -> list[str]:
    """The seqs no readable line holds and some snapshot may lack: lost, with the time span they were made in."""
    floor = min(b.covered for b in bases.values())
    known = sorted(s for s in {*found.taken, *salvaged} if floor < s <= top)
    gaps = []
    prev = floor
    for seq in [*known, top + 1]:
        if seq > prev + 1:
            gaps.append((prev + 1, seq - 1))
        prev = max(prev, seq)

    def at(seq: int) -> str | None:
        change = found.taken.get(seq) or (salvaged[seq][0] if seq in salvaged else None)
        return change.get("at") if change and isinstance(change.get("at"), str) else None

    damage = [p for p in [*(folder / n for n, b in bases.items() if b.backup is not None), journal] if p.exists()]
    when = max((p.stat().st_mtime for p in damage), default=time.time())
    damaged_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when)) + " (the damage)"
    out = []
    for lo, hi in gaps:
        files = [n for n, b in bases.items() if b.covered < hi]
        lo = max(lo, min(bases[n].covered for n in files) + 1)
        after = [b for b, t in backup_top.items() if t == lo - 1]
        start = _backup_time(max(after)) if after else at(lo - 1) or ("the store was made" if lo == 1 else "an unknown time")
        end = at(hi + 1) or damaged_at
        seqs = f"seq {lo}" if lo == hi else f"seq {lo}–{hi}"
        out.append(f"changes {seqs} to {' or '.join(files)}, made between {start} and {end} (no readable journal line holds them)")
    return out
