"""tui/layout.py: which panes a terminal of a given width shows (plain tests)."""

from __future__ import annotations

from tui.layout import MIN_EXCERPTS, MIN_WIDTHS, fitted, resized, too_small, usual_widths, visible_panes


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


# --- pane widths the user sets (< and >), remembered between sessions -------------------------

def test_widening_the_focused_list_takes_columns_from_the_excerpts() -> None:
    assert resized((26, 36), "countries", 2, 140) == (28, 36)
    assert resized((26, 36), "alliances", -2, 140) == (26, 34)


def test_widening_the_excerpts_narrows_the_alliances_then_the_countries() -> None:
    assert resized((26, 36), "excerpts", 4, 140) == (26, 32)
    assert resized((26, MIN_WIDTHS["alliances"]), "excerpts", 4, 140) == (22, MIN_WIDTHS["alliances"])


def test_no_pane_goes_below_its_minimum_and_the_excerpts_keep_theirs() -> None:
    low = MIN_WIDTHS["countries"]
    assert resized((low, 36), "countries", -6, 140) == (low, 36)
    c, a = resized((26, 36), "alliances", 500, 140)
    assert c == 26 and 140 - c - a == MIN_EXCERPTS
    assert resized((MIN_WIDTHS["countries"], MIN_WIDTHS["alliances"]), "excerpts", 10, 140) == (
        MIN_WIDTHS["countries"], MIN_WIDTHS["alliances"])


def test_on_two_panes_the_excerpts_grow_from_the_list_beside_them_and_the_hidden_list_keeps_its_width() -> None:
    assert resized((26, 36), "excerpts", 4, 80, ("alliances", "excerpts")) == (26, 32)
    assert resized((26, 36), "excerpts", 4, 80, ("countries", "excerpts")) == (22, 36)
    assert resized((26, 36), "countries", 100, 80, ("countries", "excerpts")) == (80 - MIN_EXCERPTS, 36)


def test_widths_remembered_on_a_wide_terminal_fit_a_narrower_one() -> None:
    assert fitted((60, 60), ("countries", "alliances", "excerpts"), 100) == (35, 35)
    assert fitted((60, 60), ("alliances", "excerpts"), 80) == (60, 50)
    c, a = fitted((26, 36), ("countries", "alliances", "excerpts"), 140)
    assert (c, a) == (26, 36)
    for width in range(40, 200, 7):
        c, a = fitted((90, 90), ("countries", "alliances", "excerpts"), width)
        assert c >= 1 and a >= 1


def test_the_usual_widths_are_the_stylesheets() -> None:
    assert usual_widths(140) == (28, 37)  # what 1fr (at most 34) and 1.3fr of 4.9fr give at 140 columns
    assert usual_widths(200)[0] == 34
