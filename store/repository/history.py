"""The undo window: which groups of changes can be undone and redone, and the journal lines behind them.

A group is what one undo step takes back (a note saved, an import, an undo).
The window keeps the newest ``depth`` groups the undo stack can reach, plus
whatever the redo stack needs; older groups leave memory here and, at the next
compaction, the live journal for journal-archive/. A journal line whose changes
the snapshots already hold stays unread (:class:`Unread`) until undo, redo or
history needs it: an import of thousands of records took 0.5 s of every launch
to parse while it stayed in the window.

Only the writer changes the window, under the store's state lock (see
:mod:`store.concurrency`); queries read it under the same lock.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from store import db, journal, slim
from store.errors import StoreCorrupt
from store.models import Change
from store.repository.validation import describe_validation_error


@dataclass(frozen=True)
class Head:
    """What the stacks read of a group's first change."""

    group: int
    undoes: int | None
    redoes: int | None


@dataclass
class Unread:
    """A journal line of the undo window, kept as read from the file until undo or redo needs its changes."""

    line: bytes  # parsed when needed: 1,000 lines of the window kept parsed cost ten times the memory
    path: Path
    lineno: int

    def raw(self) -> list[dict[str, Any]]:
        return journal.parse_line(self.path, self.lineno, self.line)

    def label(self) -> str:
        raw = self.raw()
        label = raw[0].get("label", "") if raw else ""
        return label if isinstance(label, str) else ""

    def read(self) -> list[Change]:
        try:
            return [Change.model_validate(c) for c in slim.expand_group(self.raw())]
        except ValidationError as exc:
            # Found only now (its changes were in the snapshots): undo refuses it, naming the line.
            raise StoreCorrupt(self.path, describe_validation_error(exc), record=f"line {self.lineno}") from None


class UndoWindow:
    """The undo and redo stacks, the groups they may need, and the group of each live journal line."""

    def __init__(self, depth: int) -> None:
        self.depth = depth
        self.groups: dict[int, list[Change] | Unread] = {}
        self.undo: list[int] = []
        self.redo: list[int] = []
        self.cut = False  # whether groups have fallen off the bottom of the undo stack
        self.journal_gids: list[int] = []  # the group of each line of the live journal, in order
        self.journal_changes: list[int] = []  # how many changes each of those lines holds
        self.seq = 0  # the last change's number
        self.group = 0  # the last group's number

    def track(self, head: Change | Head) -> None:
        """Keep the undo and redo stacks as the journal's order implies."""
        if head.undoes is not None:
            if self.undo and self.undo[-1] == head.undoes:
                self.undo.pop()
            self.redo.append(head.undoes)
        elif head.redoes is not None:
            if self.redo and self.redo[-1] == head.redoes:
                self.redo.pop()
            self.undo.append(head.group)
        else:
            self.undo.append(head.group)
            self.redo.clear()
        if len(self.undo) > self.depth:
            # Here, not after: replaying the journal through this same method
            # rebuilds the very stacks the session had (tests: test_journal.py).
            del self.undo[: len(self.undo) - self.depth]
            self.cut = True

    def oldest_needed(self) -> int:
        """The oldest group undo or redo may still need; every group before it can go."""
        return min(self.undo[:1] + ([min(self.redo)] if self.redo else []), default=self.group + 1)

    def forget_old_groups(self) -> None:
        oldest = self.oldest_needed()
        groups = self.groups
        while groups:
            first = next(iter(groups))  # groups are added in increasing order
            if first >= oldest:
                break
            del groups[first]

    def add(self, changes: list[Change]) -> None:
        """A group just journaled and applied."""
        gid = changes[0].group
        self.seq = changes[-1].seq
        self.group = gid
        self.groups[gid] = changes
        self.journal_gids.append(gid)
        self.journal_changes.append(len(changes))
        self.track(changes[0])
        self.forget_old_groups()

    def changes(self, gid: int) -> list[Change]:
        entry = self.groups[gid]
        if isinstance(entry, list):
            return entry
        changes = entry.read()
        self.groups[gid] = changes
        return changes

    def history(self) -> list[Change]:
        return [c for gid in sorted(self.groups) for c in self.changes(gid)]

    def label(self, gid: int) -> str:
        entry = self.groups[gid]
        return entry.label() if isinstance(entry, Unread) else entry[0].label

    def retirable(self) -> int:
        """How many leading journal lines hold only groups no undo or redo can reach."""
        return bisect.bisect_left(self.journal_gids, self.oldest_needed())

    def retire(self, lines: int) -> None:
        """The first ``lines`` journal lines went to the archive."""
        del self.journal_gids[:lines]
        del self.journal_changes[:lines]


def peek(raw_group: list[dict[str, Any]], applied: dict[str, int]) -> tuple[int, bool]:
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
