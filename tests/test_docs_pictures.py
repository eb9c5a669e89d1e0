"""README's pictures are the snapshot tests' own SVGs, copied: a stale copy fails here (copy the snapshot again)."""

from __future__ import annotations

import pytest

from conftest import ROOT

SNAPSHOTS = ROOT / "tests" / "__snapshots__"
PICTURES = {
    "screenshot.svg": "test_snapshots/test_main_screen_140x40.svg",
    "search.svg": "test_snapshots_views/test_search_for_nato[160x50].svg",
    "sources.svg": "test_snapshots_views/test_sources_reading_an_import[160x50].svg",
    "graph.svg": "test_snapshots_views/test_graph_of_japan[160x50].svg",
    "timeline.svg": "test_snapshots_views/test_timeline_of_japan[160x50].svg",
    "review.svg": "test_snapshots_views/test_review_view[160x50].svg",
}


@pytest.mark.parametrize("picture", PICTURES)
def test_a_readme_picture_is_its_snapshot(picture: str) -> None:
    assert f"docs/{picture}" in (ROOT / "README.md").read_text()
    assert (ROOT / "docs" / picture).read_bytes() == (SNAPSHOTS / PICTURES[picture]).read_bytes(), (
        f"docs/{picture} is stale: cp 'tests/__snapshots__/{PICTURES[picture]}' docs/{picture}")
