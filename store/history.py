"""Reading the change history line by line, tolerating damage: for `check` and restore.

Opening a store stops at the first damaged journal line (its replay, store/repository/opening.py);
`check` wants every problem and restore wants every line it can still use,
plus whatever a damaged line still tells (its sequence numbers, times,
records and labels), so the loss it reports is exact. Lines come from the
live journal and from ``journal-archive/`` (compacted history, files named
``<first seq>-<last seq>.jsonl`` in the same line format).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from store import packing
from store.errors import StoreCorrupt
from store.journal import ARCHIVE, newer_line
from store.models import Change
from store.slim import expand_group
# Far beyond any real history (a billion changes a day for 25,000 years), yet
# well inside what JSON readers and orjson keep exact: a seq above it is damage.
MAX_SEQ = 2**53

# The head of a change as orjson writes it; nested records hold no "seq", so
# this finds changes even in a line that no longer parses.
# A slim line (store.slim) gives "at" and "label" to the group's first change only.
_HEAD = re.compile(rb'"seq":(\d+),(?:"at":"([^"\\]*)",)?"op":"(\w+)","table":"(\w+)","id":"((?:[^"\\]|\\.)*)"')
_LABEL = re.compile(rb'"group":\d+,"label":"((?:[^"\\]|\\.)*)"')


@dataclass
class Line:
    """One journal line: its changes if it is sound, else what could be read of it."""

    path: Path
    lineno: int
    changes: list[dict[str, Any]] | None  # None: damaged
    problem: str = ""  # one sentence naming the file and line, when damaged
    salvaged: list[dict[str, Any]] = field(default_factory=list)
    parsed: bool = True  # False: not even JSON, as an append cut short leaves it

    @property
    def seqs(self) -> list[int]:
        return [c["seq"] for c in self.changes or ()]


def _unescape(raw: bytes) -> str:
    try:
        return str(json.loads(b'"' + raw + b'"'))
    except ValueError:
        return raw.decode("utf-8", "replace")


def salvage(raw: bytes) -> list[dict[str, Any]]:
    """The changes still legible in a damaged line: seq, at, table, id and label where found."""
    if raw.startswith(b'[{"' + packing.KEY.encode()):
        return packing.salvage(raw)  # its changes are compressed: only its head can be read
    heads = list(_HEAD.finditer(raw))
    found: list[dict[str, Any]] = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(raw)
        label = _LABEL.search(raw, head.end(), end)
        group = found[-1] if found else {"at": "", "label": ""}  # what a slim change leaves to its group's first
        found.append({
            "seq": int(head[1]),
            "at": head[2].decode("ascii", "replace") if head[2] is not None else group["at"],
            "op": head[3].decode("ascii", "replace"), "table": head[4].decode("ascii", "replace"),
            "id": _unescape(head[5]), "label": _unescape(label[1]) if label else group["label"],
        })
    return found


def _parse(path: Path, lineno: int, raw: bytes) -> Line:
    try:
        group = orjson.loads(raw)
        if not isinstance(group, list) or not all(isinstance(c, dict) for c in group):
            raise ValueError("not a list of changes")
    except (orjson.JSONDecodeError, ValueError) as exc:
        return Line(path, lineno, None, f"{path}: line {lineno} is not a group of changes ({exc})", salvage(raw), False)
    if packing.is_packed(group):
        try:
            group = packing.unpack(group[0])
        except packing.NewerLine as exc:
            raise newer_line(path, lineno, exc) from None
        except packing.DamagedLine as exc:
            return Line(path, lineno, None, f"{path}: line {lineno} is damaged: {exc}", packing.heads(group[0]))
    try:
        # Lines are written slim (store.slim): whole again before anything reads their records.
        group = expand_group(group)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return Line(path, lineno, None, f"{path}: line {lineno} cannot be read back whole ({exc!r})", salvage(raw))
    legible = [
        {k: c.get(k) for k in ("seq", "at", "op", "table", "id", "label")} for c in group
        if isinstance(c.get("seq"), int) and isinstance(c.get("table"), str)
    ]
    where = f"{path}, record line {lineno}"
    for change in group:
        try:
            Change.model_validate(change)
        except ValidationError as exc:
            from store.repository import describe_validation_error

            return Line(path, lineno, None, f"{where}: {describe_validation_error(exc)}", legible)
    seqs = [c["seq"] for c in group]
    for seq in seqs:
        if seq >= MAX_SEQ or any(c["group"] >= MAX_SEQ for c in group):
            return Line(path, lineno, None, f"{where}: seq {seq} is beyond any real history (a damaged line)", legible)
    if any(b <= a for a, b in zip(seqs, seqs[1:])):
        return Line(path, lineno, None, f"{where}: its seqs {seqs[:5]} do not increase (a damaged line)", legible)
    return Line(path, lineno, group)


def read_lines(path: Path) -> list[Line]:
    """Every line of a journal file, damaged ones included; [] if there is none.

    A damaged last line is a save cut short before it was acknowledged (as
    db.read_journal decides), so it is left out, not reported.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except IsADirectoryError:
        raise StoreCorrupt(path, "is a folder, not the journal file") from None
    except PermissionError:
        raise StoreCorrupt(path, "cannot be read: permission denied") from None
    raws = data.split(b"\n")
    tail = raws.pop()  # after the last newline: a torn, unacknowledged append (or nothing)
    lines = [_parse(path, n, raw) for n, raw in enumerate(raws, 1)]
    if lines and not lines[-1].parsed and not tail.strip():
        lines.pop()
    del tail
    return lines


def archive_files(folder: Path) -> list[Path]:
    """The compacted history's files, oldest first; [] when there is no archive."""
    root = folder / ARCHIVE
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("*.jsonl") if p.is_file())


def read_archives(folder: Path) -> list[Line]:
    """The lines of every archive file that can be read (an unreadable one is skipped)."""
    lines: list[Line] = []
    for path in archive_files(folder):
        try:
            lines.extend(read_lines(path))
        except StoreCorrupt:
            continue
    return lines
