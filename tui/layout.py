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


# --- the widths of the list panes, when the user has set them (< and >) ---------------------
# Widths are the list panes' columns (border included); the excerpts take the rest. Until the
# user resizes, the stylesheet's fractions apply (tui/app.tcss) and nothing here is asked.

Widths = tuple[int, int]  # (countries, alliances)
MIN_WIDTHS = {"countries": 10, "alliances": 12}  # as in tui/app.tcss
MIN_EXCERPTS = 30  # a quote narrower than this reads a word a line
STEP = 2  # columns a key press moves


def usual_widths(total: int) -> Widths:
    """The list panes' widths the stylesheet gives three panes (1fr at most 34, 1.3fr, 2.6fr): the start
    for a list a narrow terminal hides when the user first resizes."""
    countries = min(34, int(total / 4.9))
    return max(countries, MIN_WIDTHS["countries"]), max(int(total * 1.3 / 4.9), MIN_WIDTHS["alliances"])


def resized(widths: Widths, focus: PaneName, delta: int, total: int,
            shown: tuple[PaneName, ...] = ("countries", "alliances", "excerpts")) -> Widths:
    """The list panes' widths after widening the focused pane by ``delta`` columns (negative: narrower).

    The excerpts pane grows by narrowing the alliances, then the countries (on two panes, the list
    beside it); no pane goes below its minimum, and the lists never take the excerpts' last
    ``MIN_EXCERPTS`` columns. A list a narrow terminal hides takes no columns and keeps its width.
    """
    if len(shown) == 2:
        lists = shown[0]
        if focus == "excerpts":
            focus, delta = lists, -delta
        c, a = widths
        if lists == "countries":
            return _resized((c, 0), focus, delta, total)[0], a
        return c, _resized((0, a), focus, delta, total)[1]
    return _resized(widths, focus, delta, total)


def _resized(widths: Widths, focus: PaneName, delta: int, total: int) -> Widths:
    countries, alliances = widths
    room = total - MIN_EXCERPTS
    low_c, low_a = MIN_WIDTHS["countries"], MIN_WIDTHS["alliances"]
    if focus == "countries":
        countries = _clamp(countries + delta, low_c, room - alliances)
    elif focus == "alliances":
        alliances = _clamp(alliances + delta, low_a, room - countries)
    else:
        taken = _clamp(alliances - delta, low_a, room - countries)
        left = delta - (alliances - taken)  # what the alliances pane could not give
        alliances = taken
        if left > 0:
            countries = _clamp(countries - left, low_c, room - alliances)
    return countries, alliances


def fitted(widths: Widths, shown: tuple[PaneName, ...], total: int) -> Widths:
    """The widths to draw: the remembered ones, shrunk in proportion when the terminal is narrower
    than they were set on, so the excerpts keep their columns."""
    countries, alliances = widths
    room = max(total - MIN_EXCERPTS, 2)
    if "countries" in shown and "alliances" in shown:
        if countries + alliances > room:
            countries = max(1, min(room - 1, round(countries * room / (countries + alliances))))
            alliances = room - countries
    elif "countries" in shown:
        countries = min(countries, room)
    elif "alliances" in shown:
        alliances = min(alliances, room)
    return countries, alliances


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, max(low, high)))
