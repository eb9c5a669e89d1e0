"""tui/wrap.py: a date is never parted from the word before it when a row wraps (issue 17)."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Text

from tui.wrap import GLUE, glued, wrap

CONSOLE = Console(width=200)


def lines(text: str | Text, width: int) -> list[str]:
    return [line.plain for line in wrap(Text(text) if isinstance(text, str) else text, CONSOLE, width)]


@pytest.mark.parametrize("width", range(20, 60))
def test_no_date_starts_a_line_cut_from_its_word(width: int) -> None:
    text = ("South Korea member of US-ROK Mutual Defense Treaty · signed 1953-10-01 · in force 1954-11-17 "
            "confirmed · partner since 2005 · summits 2022, 2023, 2024 · since ?")
    shown = lines(text, width)
    assert " ".join(line.strip() for line in shown) == text  # nothing lost, every space given back
    assert all(GLUE not in line for line in shown)
    for line in shown:
        first = line.split(" ", 1)[0]
        assert first not in {"1953-10-01", "1954-11-17", "2005", "?"}, (width, shown)
        assert not line.rstrip().endswith((" in", " signed", " since")), (width, shown)


def test_styles_stay_on_their_characters() -> None:
    text = Text("partner since 2005-03-01 confirmed")
    text.stylize("bold", 14, 24)
    (first, second) = wrap(text, CONSOLE, 26)
    assert first.plain.rstrip() == "partner since 2005-03-01"
    assert [(s.start, s.end, s.style) for s in first.spans] == [(14, 24, "bold")]
    assert second.plain == "confirmed"


def test_only_dates_and_in_force_are_glued() -> None:
    assert glued("in force 1954") == f"in{GLUE}force{GLUE}1954"
    assert glued("in 2022, then in Vilnius") == f"in{GLUE}2022, then in Vilnius"
    assert glued("the 1950s and 20000 troops and 2005a") == "the 1950s and 20000 troops and 2005a"
    assert glued("no dates at all") == "no dates at all"


@pytest.mark.parametrize("width", range(4, 20))
def test_a_phrase_wider_than_the_pane_breaks_at_its_space_not_inside_its_date(width: int) -> None:
    shown = lines("in force 1954-11-17 confirmed", width)
    if width >= 10:
        assert "1954-11-17" in [part for line in shown for part in line.split()]
    assert all(GLUE not in line for line in shown)
