"""When an action of the explorer applies: what the app knows now (:class:`Context`) and one predicate per rule.

tui/actions.py names a predicate in each action's ``when``; the App's check_action asks it, and the
footer, help and palette show or dim the action by its answer. Textual-free, as the registry is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.rows import Row


@dataclass(frozen=True)
class Context:
    """What decides whether an app action applies now."""

    row: Row | None = None  # the excerpts pane's highlighted row
    review: bool = False  # the 'To review' view is on
    editing: bool = False  # a note editor is open
    overlaid: bool = False  # a view or a dialog is on top of the explorer
    can_undo: bool = False
    can_redo: bool = False
    readonly: bool = False  # another instance holds the store, or a record was found damaged


# True: enabled; False: hidden (and refused); None: shown dimmed (and refused).
When = Callable[[Context], bool | None]


def on_note_target(c: Context) -> bool:
    return c.row is not None and c.row.note_target is not None


def on_note(c: Context) -> bool:
    return c.row is not None and c.row.kind == "note"


def editable(c: Context) -> bool:
    return c.row is not None and (c.row.kind == "note" or c.row.fact_id is not None)


def fact_status(c: Context) -> bool:
    # One pair of v / x bindings is live at a time: outside 'To review', this one.
    return not c.review and c.row is not None and c.row.fact_id is not None


def reviewing_one(c: Context) -> bool:
    return c.review and c.row is not None and (c.row.fact_id is not None or c.row.kind == "entity")


def on_link_in_review(c: Context) -> bool:
    return c.review and c.row is not None and c.row.kind == "link"


def in_review(c: Context) -> bool:
    return c.review


def on_evidence(c: Context) -> bool:
    return c.row is not None and c.row.kind == "evidence"


def undo_applies(c: Context) -> bool | None:
    return c.can_undo or None  # dimmed, not hidden: the footer keeps its place


def redo_applies(c: Context) -> bool | None:
    return c.can_redo or None
