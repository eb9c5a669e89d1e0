"""SVG snapshots of the views of issues 5 and 7: the relation graph, the timeline, the To review view.

Built through the one factory on a fresh copy of the starter store. Nothing
that changes with the clock is shown: the timeline's axis ends at "today",
so today is frozen (2025-06-30); the review view's article is imported
before the app starts (no notification), and facts show no timestamps.
Regenerate with `pytest tests/test_snapshots_views.py --snapshot-update` and
look at the SVGs before committing them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from store.pipeline.importer import import_files
from store.repository import FactStore
from tui.app import build_app

ARTICLE = Path(__file__).resolve().parent / "data" / "import" / "baltic-to-pacific.md"


class FrozenDate(date):
    @classmethod
    def today(cls) -> FrozenDate:
        return cls(2025, 6, 30)


@pytest.fixture
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui.screens.timeline.date", FrozenDate)


def test_graph_of_south_korea_140x40(starter_store: Path, snap_compare) -> None:
    assert snap_compare(build_app(starter_store), press=["m"], terminal_size=(140, 40))


def test_graph_of_aukus_80x24(starter_store: Path, snap_compare) -> None:
    """AUKUS re-centred from Australia's graph: its three members, and Japan drawn as an applicant."""
    async def go(pilot) -> None:
        pilot.app.go_to("country:AUS")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        canvas = pilot.app.screen.query_one("#graph-canvas")
        while canvas.selected.entity_id != "alliance:aukus":
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(build_app(starter_store), run_before=go, terminal_size=(80, 24))


def test_timeline_of_south_korea_140x40(starter_store: Path, snap_compare, frozen_today: None) -> None:
    assert snap_compare(build_app(starter_store), press=["T"], terminal_size=(140, 40))


def test_review_after_import_140x40(starter_store: Path, snap_compare) -> None:
    store = FactStore.open(starter_store, create=False)
    try:
        import_files(store, [ARTICLE])
    finally:
        store.close()
    assert snap_compare(build_app(starter_store), press=["r"], terminal_size=(140, 40))


# --- the analyst's views (issue 17), each at 80×24 and 160×50 ------------------------------------

SIZES = [(80, 24), (160, 50)]


def _imported(folder: Path) -> Path:
    store = FactStore.open(folder, create=False)
    try:
        import_files(store, [ARTICLE])
    finally:
        store.close()
    return folder


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_for_nato(starter_store: Path, snap_compare, size: tuple[int, int]) -> None:
    async def go(pilot) -> None:
        await pilot.press("s", *"nato summit")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(build_app(starter_store), run_before=go, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_sources_reading_an_import(starter_store: Path, snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(build_app(_imported(starter_store)), press=["S", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timeline_of_japan(starter_store: Path, snap_compare, frozen_today: None, size: tuple[int, int]) -> None:
    async def go(pilot) -> None:
        pilot.app.go_to("country:JPN")
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()

    assert snap_compare(build_app(starter_store), run_before=go, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_graph_of_japan(starter_store: Path, snap_compare, size: tuple[int, int]) -> None:
    async def go(pilot) -> None:
        pilot.app.go_to("country:JPN")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()

    assert snap_compare(build_app(starter_store), run_before=go, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_view(starter_store: Path, snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(build_app(_imported(starter_store)), press=["r"], terminal_size=size)
