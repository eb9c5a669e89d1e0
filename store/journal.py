"""The journal: the append-only change history that makes a save durable, kept small.

``journal.jsonl`` holds one line per group of changes (a JSON list of change
dicts, see ``store.models.Change``); appending a line and fsyncing it is what
makes a save durable. It is not allowed to grow for ever: once a checkpoint
has written every snapshot past a line's changes, and the line's group is
older than the undo window (``FactStore``'s ``undo_depth``), :func:`compact`
moves it to an archive:

    journal-archive/<first seq, 20 digits>-<last seq, 20 digits>.jsonl

in the store folder, the same line format, byte for byte the lines that left
the live journal. The archive is written and fsynced (file and folder) before
the live journal is rewritten atomically (temp file, fsync, rename, fsync of
the folder). A crash between the two leaves lines in both places: readers
(:func:`read_history`, ``check --restore``) dedupe by ``seq``. Archives are
not compressed as files: they are read by the same code as the journal, and
each line is already slim (``store.slim``) and, if large, packed (``store.packing``).

The newest line is never archived: it tells the next open which group id
comes next.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from store import packing
from store.durable import atomic_write, fsync_dir, open_no_follow, refuse_link
from store.errors import SchemaTooNew, StoreCorrupt, WriteFailed

JOURNAL = "journal.jsonl"
ARCHIVE = "journal-archive"
_ARCHIVE_NAME = re.compile(r"^(\d{20})-(\d{20})\.jsonl$")


# --- reading ---------------------------------------------------------------------

@dataclass
class JournalRead:
    """The journal's complete lines as bytes, parsed one at a time by whoever reads them.

    Not a list of parsed groups: 100,000 saves written before compaction parsed
    into 180 MB of dicts at open, for lines the snapshots already held.
    """

    data: bytes  # the good lines, each with its newline
    torn: bool  # a partial last line: a save that was never acknowledged
    path: Path = Path(JOURNAL)

    @property
    def good_size(self) -> int:
        """Bytes up to the end of the last complete line."""
        return len(self.data)

    def spans(self) -> Iterator[tuple[int, int, int]]:
        """(line number, start, end) of each line, its newline left out."""
        data, pos, lineno = self.data, 0, 0
        while pos < len(data):
            nl = data.index(b"\n", pos)
            lineno += 1
            yield lineno, pos, nl
            pos = nl + 1

    def group(self, lineno: int, start: int, end: int) -> list[dict[str, Any]]:
        return parse_line(self.path, lineno, self.data[start:end])

    @property
    def groups(self) -> list[list[dict[str, Any]]]:
        """Every line parsed; a damaged one raises StoreCorrupt naming it."""
        return [self.group(*span) for span in self.spans()]


def parse_line(path: Path, lineno: int, line: bytes) -> list[dict[str, Any]]:
    """The (slim) changes of one complete line, plain or packed (store.packing).

    Garbage, or a packed body that does not hold together, is damage naming the
    line; a line a newer alliances-tui wrote is refused by name (SchemaTooNew).
    """
    try:
        group = _group_of(line)
    except (orjson.JSONDecodeError, ValueError) as exc:
        raise StoreCorrupt(path, f"line {lineno} is not a group of changes ({exc})") from None
    return unpacked(path, lineno, group) if packing.is_packed(group) else group


def _group_of(line: bytes) -> list[dict[str, Any]]:
    group = orjson.loads(line)
    if not isinstance(group, list) or not all(isinstance(c, dict) for c in group):
        raise ValueError("not a list of changes")
    return group


def read_journal(path: Path) -> JournalRead:
    """The journal's complete lines, a torn tail left out; lines are checked as they are parsed.

    Torn: a last line without its newline (the append was cut short before
    its fsync returned), or a last line that is garbage with nothing after it
    (a crash mid-write with a stray newline). Garbage before the last line is
    damage, reported when that line is read.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return JournalRead(b"", False, path)
    except IsADirectoryError:
        raise StoreCorrupt(path, "is a folder, not the journal file") from None
    except PermissionError:
        raise StoreCorrupt(path, "cannot be read: permission denied") from None
    last = data.rfind(b"\n")
    good, torn = last + 1, last + 1 < len(data)
    if last >= 0 and not data[good:].strip():
        previous = data.rfind(b"\n", 0, last) + 1
        try:
            # JSON alone decides: a packed line that parses is complete, so a bad body is damage, not torn.
            _group_of(data[previous:last])
        except (orjson.JSONDecodeError, ValueError):
            good, torn = previous, True
    return JournalRead(data[:good] if good < len(data) else data, torn, path)


def unpacked(path: Path, lineno: int, group: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The changes of a packed line (store.packing): a newer format refused by name, damage named."""
    try:
        return packing.unpack(group[0])
    except packing.NewerLine as exc:
        raise newer_line(path, lineno, exc) from None
    except packing.DamagedLine as exc:
        raise StoreCorrupt(path, f"line {lineno} is damaged: {exc}") from None


def newer_line(path: Path, lineno: int, exc: packing.NewerLine) -> SchemaTooNew:
    """The refusal for a line a newer alliances-tui wrote: not damage, so never dropped or restored over."""
    return SchemaTooNew(
        f"{path}: line {lineno} was written by a newer alliances-tui ({exc}): upgrade alliances-tui to open it"
    )


def decode(line: bytes, path: Path, lineno: int) -> list[dict[str, Any]]:
    """The (slim) changes of one journal line, plain or packed."""
    group = orjson.loads(line)
    return unpacked(path, lineno, group) if packing.is_packed(group) else list(group)


def list_archives(folder: Path) -> list[tuple[int, int, Path]]:
    """(first seq, last seq, path) of every archive, oldest first."""
    root = folder / ARCHIVE
    if not root.is_dir():
        return []
    found = []
    for path in root.iterdir():
        m = _ARCHIVE_NAME.match(path.name)
        if m and path.is_file():
            found.append((int(m[1]), int(m[2]), path))
    return sorted(found)


def archived_changes(folder: Path) -> int:
    """How many changes the archives hold, from their names alone (overlaps counted once)."""
    count, upto = 0, 0
    for first, last, _ in list_archives(folder):
        if last > upto:
            count += last - max(first, upto + 1) + 1
            upto = last
    return count


def last_archived_seq(folder: Path) -> int:
    archives = list_archives(folder)
    return max((last for _, last, _ in archives), default=0)


def _groups_of(path: Path) -> list[list[dict[str, Any]]]:
    return read_journal(path).groups


def _first_seq(group: list[dict[str, Any]]) -> int:
    seq = group[0].get("seq") if group else None
    return seq if isinstance(seq, int) else 0


def read_history(folder: Path, live: list[list[dict[str, Any]]] | None = None) -> Iterator[list[dict[str, Any]]]:
    """Every group ever journaled, oldest first: the archives, then the live journal, each group once.

    A group whose first seq is not past the last one seen was already read
    (a crash during a compaction leaves lines in an archive and in the journal).
    """
    seen = 0
    sources: list[Callable[[], list[list[dict[str, Any]]]]] = [
        partial(_groups_of, path) for _, _, path in list_archives(folder)
    ]
    sources.append(lambda: live if live is not None else read_journal(folder / JOURNAL).groups)
    for read in sources:
        for group in read():
            first = _first_seq(group)
            if group and first <= seen:
                continue
            seen = max(seen, *(c.get("seq", 0) for c in group if isinstance(c.get("seq"), int)), first)
            yield group


# --- appending -----------------------------------------------------------------------

class Journal:
    """Appends groups of changes, one JSON line each, fsynced before returning."""

    def __init__(self, path: Path, size: int) -> None:

        self.path = path
        created = not path.exists()
        # Opened before any truncation, without following a link: a link here
        # once had its target cut and appended to.
        self._fd = self._open()
        try:
            if created:
                # The new name must be durable too, or a crash could lose the file with its fsynced lines.
                fsync_dir(path.parent)
            if os.fstat(self._fd).st_size != size:
                # Drop a torn tail, so the next line does not glue onto it.
                os.ftruncate(self._fd, size)
                os.fsync(self._fd)
        except BaseException:
            os.close(self._fd)
            raise
        self._size = size

    def _open(self) -> int:

        return open_no_follow(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)

    @property
    def size(self) -> int:
        return self._size

    def append(self, group: list[dict[str, Any]]) -> None:
        self.append_line(encode(group))

    def append_line(self, line: bytes) -> None:
        try:
            if os.fstat(self._fd).st_size != self._size:
                # An earlier failed append whose partial line could not be cut
                # off then: cut it now, or this line would glue onto it.
                os.ftruncate(self._fd, self._size)
            view = memoryview(line)
            while view:
                view = view[os.write(self._fd, view):]
            os.fsync(self._fd)
        except OSError as exc:
            # Cut the partial line back off: the save did not happen.
            try:
                os.ftruncate(self._fd, self._size)
            except OSError:
                pass
            raise WriteFailed(f"could not save to {self.path}: {exc.strerror or exc}") from exc
        self._size += len(line)

    def lines(self) -> list[bytes]:
        """The journal's complete lines, each with its newline (what this writer has appended or kept)."""
        with open(self.path, "rb") as f:
            data = f.read(self._size)
        return data.splitlines(keepends=True)

    def replace(self, data: bytes) -> None:
        """Rewrite the journal atomically with ``data`` and go on appending to the new file."""

        atomic_write(self.path, data)
        old, self._fd = self._fd, self._open()
        os.close(old)
        self._size = len(data)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def encode(group: list[dict[str, Any]]) -> bytes:
    """A group's journal line: plain JSON, or packed (store.packing) when large and smaller so."""
    try:
        plain = orjson.dumps(group)
    except orjson.JSONEncodeError as exc:
        # e.g. a lone surrogate pasted from a broken clipboard: not UTF-8, so not JSON.
        raise WriteFailed(f"not saved: the text cannot be stored ({exc})") from None
    if len(plain) >= packing.PACK_FROM and group:
        packed = packing.pack(group, plain)
        if len(packed) < len(plain):
            return packed + b"\n"
    return plain + b"\n"


# --- compaction --------------------------------------------------------------------

def compact(journal: Journal, *, keep_from_group: int, in_snapshot: Callable[[str, int], bool]) -> tuple[int, int]:
    """Archive the journal's oldest lines; returns how many left the live journal, and the last seq archived.

    A line goes only if its group is older than ``keep_from_group`` (the undo
    window) and every one of its changes is in its table's snapshot
    (``in_snapshot(table, seq)``), and never the newest line. Lines leave in
    order: the first line that must stay keeps every line after it.
    """
    lines = journal.lines()
    retire = 0
    seqs: list[int] = []
    for i, line in enumerate(lines[:-1]):
        group = decode(line, journal.path, i + 1)
        if group and (group[0].get("group", 0) >= keep_from_group
                      or not all(in_snapshot(c["table"], c["seq"]) for c in group)):
            break
        retire = i + 1
        seqs += (c["seq"] for c in group)
    if not retire:
        return 0, 0
    if seqs:
        write_archive(journal.path.parent, b"".join(lines[:retire]), min(seqs), max(seqs))
    journal.replace(b"".join(lines[retire:]))
    return retire, max(seqs, default=0)


def write_archive(folder: Path, data: bytes, first: int, last: int) -> Path:
    """Write retired lines to journal-archive/, durable (file and folders) before it returns."""

    root = folder / ARCHIVE
    refuse_link(root)  # never write, or delete, in a folder outside the store
    created = not root.exists()
    root.mkdir(exist_ok=True)
    if created:
        fsync_dir(folder)
    for stale in root.glob(".*.tmp"):  # left by a crash in an earlier compaction
        if stale.is_file() and not stale.is_symlink():
            stale.unlink(missing_ok=True)
    path = root / f"{first:020d}-{last:020d}.jsonl"
    atomic_write(path, data)  # temp file, fsync, rename, fsync of journal-archive/
    return path
