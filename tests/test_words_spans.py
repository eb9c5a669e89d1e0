"""store/words/spans.py: a fact's dates in one wording, on screen and in every export."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_tiny_store
from store.exports import formats as export
from store.models import Fact
from store.repository import FactStore
from store.words.spans import UNDATED, end_text, span_text
from tui import format as fmt


def fact(relation: str = "partner_of", start: str | None = None, end: str = "open") -> Fact:
    return Fact(id="fact:x", subject="country:KOR", relation=relation, object="alliance:nato", start=start, end=end)


@pytest.mark.parametrize(
    ("relation", "start", "end", "long", "short"),
    [
        ("partner_of", "2006", "open", "since 2006", "2006–"),
        ("member_of", "1949", "1966", "1949 – 1966", "1949–1966"),
        ("partner_of", "2006", "unknown", "2006 – end unknown", "2006–"),
        ("partner_of", None, "open", "undated", ""),
        ("partner_of", None, "unknown", "undated, end unknown", "–?"),
        ("member_of", None, "1966", "undated – 1966", "–1966"),
        ("attended", "2022-06-28", "open", "2022-06-28", "2022-06-28"),
        ("attended", "2022-06-28", "2022-06-30", "2022-06-28 – 2022-06-30", "2022-06-28–2022-06-30"),
        ("attended", "2024-04", "2024-04", "2024-04", "2024-04"),
        ("attended", None, "open", "undated", ""),
    ],
)
def test_span_text(relation: str, start: str | None, end: str, long: str, short: str) -> None:
    f = fact(relation, start, end)
    assert span_text(f) == long
    assert span_text(f, short=True) == short


def test_end_text_is_the_field_value() -> None:
    assert [end_text(fact(end=e)) for e in ("open", "unknown", "1966")] == ["open", "unknown", "1966"]


def test_the_screen_says_what_the_exports_say(tmp_path: Path) -> None:
    store = FactStore.open(make_tiny_store(tmp_path / "s"), create=False)
    try:
        undated = Fact(id="fact:kor-undated", subject="country:KOR", relation="member_of", object="alliance:nato")
        store.add_records("add", [("facts", undated)])
        title = fmt.fact_title(undated, "South Korea", "NATO").plain
        markdown = export.render(store, "markdown")
    finally:
        store.close()
    # Once the screen said "since ?" and the exports "undated" of this fact.
    assert f"· {UNDATED} " in title
    assert f"- Dates: {UNDATED}\n" in markdown
    assert fmt.when_text(undated) == span_text(undated)


def test_a_link_summary_names_an_undated_relation_without_dates() -> None:
    assert fmt.link_summary([fact("partner_of")]) == "partner"
    assert fmt.link_summary([fact("partner_of", "2005")]) == "partner since 2005"
