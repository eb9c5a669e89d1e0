"""tui/layout.py: which panes a terminal of a given width shows (plain tests)."""

from __future__ import annotations

from tui.layout import too_small, visible_panes


def test_three_two_or_one_pane_by_width() -> None:
    assert visible_panes(140, "countries", "countries") == ("countries", "alliances", "excerpts")
    assert visible_panes(80, "alliances", "countries") == ("alliances", "excerpts")
    assert visible_panes(80, "excerpts", "alliances") == ("alliances", "excerpts")
    assert visible_panes(50, "excerpts", "alliances") == ("excerpts",)
    assert visible_panes(50, "countries", "alliances") == ("countries",)


def test_below_its_minimum_it_says_how_large_a_terminal_it_needs() -> None:
    assert too_small(40, 12) is None
    assert too_small(39, 30) == "alliances-tui needs a terminal of at least 40×12; this one is 39×30."
    assert too_small(1, 1) is not None
