"""A new grouping an import proposed, reviewed in 'To review' (issue 14): v accepts it, x rejects it, u undoes.

The article names "the US-Japan-India trilateral", which the starter store lacks: the import
proposes it as an entity with three proposed member facts. Its row reads "New grouping: …" with its
members and the passage; the explorer marks it "(proposed)" until it is accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store.pipeline.importer import import_text
from store.repository import FactStore
from tui.app import build_app
from tui_helpers import plain, settle

ARTICLE = (
    "Title: Leaders meet [/] \x1b[31m\n\n"
    "Leaders met on Thursday to deepen the US-Japan-India trilateral in the South China Sea."
)


@pytest.fixture
def grouping_store(starter_store: Path) -> tuple[Path, str]:
    store = FactStore.open(starter_store, create=False)
    try:
        report = import_text(store, ARTICLE, name="tri.txt")
        [entity] = report.groupings_proposed
    finally:
        store.close()
    return starter_store, entity.id


async def open_on_grouping(pilot, entity_id: str):
    app = pilot.app
    await pilot.press("r")
    await pilot.pause()
    row = app.excerpts.highlighted_row  # new groupings come first: what the facts after them need
    assert row is not None and row.kind == "entity" and row.entity_id == entity_id, row
    return row


async def test_v_accepts_a_proposed_grouping_and_u_undoes_it(grouping_store) -> None:
    folder, eid = grouping_store
    app = build_app(folder)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        row = await open_on_grouping(pilot, eid)
        text = plain(app.excerpts.prompt(row))
        assert "New grouping: US–Japan–India trilateral" in text
        assert "members India, Japan, United States" in text and "US-Japan-India trilateral in the South" in text
        assert "[/]" in text and "\x1b" not in text  # the article's title stays text
        await pilot.press("v")
        await settle(pilot)
        assert app.store.entity(eid).proposal is None
        # The notification names what was accepted.
        assert any("US–Japan–India trilateral" in str(n.message) for n in app._notifications)
        assert not any(r.kind == "entity" for r in app.excerpts.rows)
        await pilot.press("u")
        await settle(pilot)
        assert app.store.entity(eid).proposed


async def test_x_rejects_a_proposed_grouping_and_its_proposed_facts(grouping_store) -> None:
    folder, eid = grouping_store
    app = build_app(folder)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        before = {f.id for f in app.store.facts.values() if eid not in f.entities}
        assert app.store.facts_of(eid)
        await open_on_grouping(pilot, eid)
        await pilot.press("x")
        await settle(pilot)
        assert app.store.entity(eid).rejected
        assert any("US–Japan–India trilateral" in str(n.message) for n in app._notifications)
        assert not app.store.facts_of(eid)
        assert {f.id for f in app.store.facts.values()} == before
        assert not any(eid in (r.fact_id and app.store.facts[r.fact_id].entities or ()) for r in app.excerpts.rows
                       if r.kind == "fact")
        await pilot.press("u")
        await settle(pilot)
        assert app.store.entity(eid).proposed and app.store.facts_of(eid)


def test_the_explorer_marks_a_proposed_grouping(grouping_store) -> None:
    from tui.rows import name_of

    folder, eid = grouping_store
    store = FactStore.open(folder, readonly=True, create=False)
    try:
        assert name_of(store, eid) == "US–Japan–India trilateral (proposed)"
        store_entity = store.entity(eid)
        from tui.explorer import short_name
        assert short_name(store_entity).endswith("(proposed)")
    finally:
        store.close()


async def test_an_atop_match_for_nato_is_merged_with_v_and_kept_apart_with_x(starter_store: Path) -> None:
    """Issue 15: ATOP's NATO, imported, waits in 'To review' as "same as NATO?"; v merges, u undoes, x keeps it apart."""
    from store.datasets.atop import import_atop

    store = FactStore.open(starter_store, create=False)
    try:
        import_atop(store, Path(__file__).parent / "data" / "atop" / "nato")
    finally:
        store.close()
    eid = "alliance:atop-3180"
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        row = await open_on_grouping(pilot, eid)
        text = plain(app.excerpts.prompt(row))
        assert "Same as North Atlantic Treaty Organization? ATOP 5.1 (atopid 3180)" in text
        assert "signed 1949-04-04" in text and "12 founding members" in text
        assert "v merge into North Atlantic Treaty Organization · x keep apart" in text
        await pilot.press("v")
        await settle(pilot)
        assert eid not in app.store.entities and app.store.entity("alliance:nato").codes["atop"] == "3180"
        assert any("Merged" in str(n.message) for n in app._notifications)
        await pilot.press("u")
        await settle(pilot)
        assert app.store.entity(eid).proposed
        await pilot.press("g")  # still in 'To review': back to its first row, the match
        await pilot.pause()
        assert app.excerpts.highlighted_row is not None and app.excerpts.highlighted_row.entity_id == eid
        await pilot.press("x")
        await settle(pilot)
        kept = app.store.entity(eid)
        assert kept.proposal is None and app.store.facts_of(eid) and "atop" not in app.store.entity("alliance:nato").codes
        assert any("kept apart" in str(n.message) for n in app._notifications)
