"""How many panes a terminal of a given size shows, and which: one rule, without Textual.

Three panes need about 100 columns; below that the explorer shows two (the list in use and the
excerpts), below 60 one (the pane in use), each other pane a key away (``1`` ``2`` ``3``, ``tab``).
Below 40×12 nothing would be readable: the screen says how large a terminal it needs instead.
"""

from __future__ import annotations

from tui.state import PaneName

THREE_PANES = 100  # columns
TWO_PANES = 60
MIN_SIZE = (40, 12)


def visible_panes(width: int, focus: PaneName, last_list: PaneName) -> tuple[PaneName, ...]:
    """The panes shown at ``width``, left to right; ``last_list`` is the list pane last used (shown
    beside the excerpts when they have the focus)."""
    if width >= THREE_PANES:
        return ("countries", "alliances", "excerpts")
    if width >= TWO_PANES:
        lists: PaneName = focus if focus != "excerpts" else last_list
        return (lists, "excerpts")
    return (focus,)


def too_small(width: int, height: int) -> str | None:
    """The sentence to show in place of the panes, or None when they fit."""
    min_width, min_height = MIN_SIZE
    if width >= min_width and height >= min_height:
        return None
    return f"alliances-tui needs a terminal of at least {min_width}×{min_height}; this one is {width}×{height}."
