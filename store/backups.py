"""Backups: a copy of the store's files each day before its first write (and before a migration), rotated.

A backup is made in a hidden folder and renamed when complete, so a crash
mid-copy never leaves a partial one that counts as the day's. Rotation keeps
the newest few and, apart from that count, the newest few *sound* ones, so
failed attempts and damaged copies never push out what a restore needs.
Backups are written only into a real folder of the store, never through a link.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

from store import models, snapshots
from store.durable import fsync_dir
from store.errors import StoreError
from store.journal import JOURNAL

BACKUPS = "backups"
KEEP_BACKUPS = 5
DAMAGED = "-damaged"  # suffix of the folders in backups/ where a restore sets damaged files aside


def today() -> str:
    """The UTC day (YYYYMMDD) whose first write is backed up: a date, as the app may stay open past midnight."""
    return datetime.now(timezone.utc).strftime("%Y%m%d")


def backup(folder: Path, reason: str) -> Path | None:
    """Copy the store's files to backups/<time>-<reason>/, keeping the newest few.

    The copy is made in a hidden folder and renamed when complete, so a
    crash mid-copy never leaves a partial backup that counts as the day's.
    A copy identical to the newest backup is not made: repeated attempts
    (a migration that keeps failing) must not push good backups out.
    """
    root = folder / BACKUPS
    if root.is_symlink():
        raise BackupRefused(f"{root} is a symbolic link: alliances-tui writes backups only into a real folder of the store")
    now = datetime.now(timezone.utc)
    backups = list_backups(folder)
    if reason == "daily" and any(p.name.startswith(now.strftime("%Y%m%d")) for p in backups):
        return None
    if backups and _same_files(folder, backups[0]):
        return None
    target = root / f"{now.strftime('%Y%m%d-%H%M%S-%f')}-{reason}"
    partial = root / f".{target.name}.tmp"
    root.mkdir(exist_ok=True)
    if root.is_symlink() or not root.is_dir():  # swapped in since the check above
        raise BackupRefused(f"{root} is not a real folder of the store: no backup written")
    partial.mkdir()  # exclusive: never into something already there
    try:
        for name in [*snapshots.FILES, JOURNAL, snapshots.SEALS]:
            src = folder / name
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
    rotate_backups(folder)
    for stale in root.glob(".*.tmp"):  # left by a crash in an earlier backup
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
    return target




class BackupRefused(StoreError):
    """A backup that would have to be written outside the store."""


def _same_files(folder: Path, backup: Path) -> bool:
    for name in [*snapshots.FILES, JOURNAL]:
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
    seals = snapshots.read_seals(backup)
    for name in snapshots.FILES:
        path = backup / name
        if path.is_symlink() or not path.is_file():
            return False
        try:
            raw = path.read_bytes()
            if seals.get(name) == snapshots.seal_of(raw):
                continue
            data = snapshots.parse_tables(path, raw)
        except (OSError, StoreError):
            return False
        if snapshots.meta_of(data)["schema_version"] > models.SCHEMA_VERSION:
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


