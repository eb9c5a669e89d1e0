"""Relative dates resolved against the article's publication date, with the precision the words give."""

from __future__ import annotations

import pytest

from store.pipeline.extract.dates import find_dates
from store.models import FuzzyDate


def dates(text: str, published: str | None) -> list[tuple[str, str]]:
    pub = FuzzyDate(published) if published else None
    return [(text[d.start:d.end], d.date.value) for d in find_dates(text, published=pub)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A Saturday report: "on Friday" is the day before.
        ("The contracts were signed in Warsaw on Friday.", "2022-08-27", [("Friday", "2022-08-26")]),
        # The weekday of publication itself, in a plan: that very day.
        ("They are set to sign on Monday the agreement.", "2024-07-08", [("Monday", "2024-07-08")]),
        # A future weekday after "will": the next one, not the last.
        ("The leaders will meet on Thursday.", "2024-07-08", [("Thursday", "2024-07-11")]),
        ("The deal was agreed last month.", "2022-08-27", [("last month", "2022-07")]),
        ("The deal was agreed last month.", "2022-01-10", [("last month", "2021-12")]),
        ("It was announced earlier this year.", "2023-09-15", [("earlier this year", "2023")]),
        ("Tanks will arrive later this year.", "2022-08-27", [("later this year", "2022")]),
        ("It invaded Ukraine last year.", "2023-04-04", [("last year", "2022")]),
        ("They met in Brisbane on 29 July to advance the alliance.", "2023-07-29", [("29 July", "2023-07-29")]),
        ("The port visit took place in August.", "2023-09-15", [("August", "2023-08")]),
        ("A contract for the jets is expected next month.", "2022-08-27", [("next month", "2022-09")]),
        ("Two years ago our nations pledged to deepen ties.", "2023-09-15", [("Two years ago", "2021")]),
        ("The summit took place today.", "2023-05-18", [("today", "2023-05-18")]),
    ],
)
def test_relative_dates_resolved(text: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert dates(text, published) == expected


def test_a_weekday_needs_a_publication_day() -> None:
    """Published to the month only: "on Friday" cannot be placed, so it is no date at all."""
    assert dates("The contracts were signed on Friday.", "2022-08") == []
    assert dates("The contracts were signed on Friday.", None) == []


def test_relative_dates_are_not_read_without_a_publication_date() -> None:
    assert dates("It invaded Ukraine last year and in 2014.", None) == [("2014", "2014")]


@pytest.mark.parametrize(
    "text",
    [
        "Officials may sign it.",  # the verb, not the month
        "Troops march to the border.",
        "The Friday prayers were cancelled.",  # a weekday that is no date of an event
    ],
)
def test_look_alikes_are_no_dates(text: str) -> None:
    assert dates(text, "2022-08-27") == []
