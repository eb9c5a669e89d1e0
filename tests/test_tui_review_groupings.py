"""A new grouping an import proposed, reviewed in 'To review' (issue 14): v accepts it, x rejects it, u undoes.

The article names "the US-Japan-India trilateral", which the starter store lacks: the import
proposes it as an entity with three proposed member facts. Its row reads "New grouping: …" with its
members and the passage; the explorer marks it "(proposed)" until it is accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store.importer import import_text
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
        from tui.app import _short_name
        assert _short_name(store_entity).endswith("(proposed)")
    finally:
        store.close()
