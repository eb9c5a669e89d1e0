"""Alliances, groupings and countries by hand, and a merge, from the explorer (issue 17)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static

from store.models import EntityKind
from tui.app import build_app
from tui.screens.entity_form import EntityFormScreen, MergeScreen
from tui_helpers import plain, settle


async def test_a_grouping_added_by_hand_with_its_members_shows_in_the_lists(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.action_add_entity()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntityFormScreen)
        form.query_one("#entity-name", Input).value = "US-Japan-Philippines trilateral"
        form.query_one("#entity-aliases", Input).value = "JAPHUS, Japan-Philippines-US"
        form.query_one("#entity-members", Input).value = "United States, Japan, Mars"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # Mars is no country: said, nothing written
        assert "no country named 'Mars'" in plain(form.query_one("#fact-error", Static).render())
        form.query_one("#entity-members", Input).value = "United States, Japan, Philippines"
        await pilot.press("ctrl+s")
        await settle(pilot)
        new = next(e for e in app.store.entities.values() if e.name == "US-Japan-Philippines trilateral")
        assert sorted(link.entity.id for link in app.store.members_of(new.id)) == ["country:JPN", "country:PHL", "country:USA"]
        assert new.aliases == ["JAPHUS", "Japan-Philippines-US"]
        app.go_to("country:PHL")
        await settle(pilot)
        assert new.id in [app.alliances.option_list.get_option_at_index(i).id for i in range(app.alliances.option_list.option_count)]


async def test_a_country_merged_into_another_from_the_alliances_pane(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.action_add_entity()
        await pilot.pause()
        form = app.screen
        form.query_one("#entity-kind", Select).value = "alliance"
        form.query_one("#entity-name", Input).value = "The Quad (copy)"
        form.query_one("#entity-members", Input).value = "Japan"
        await pilot.press("ctrl+s")
        await settle(pilot)
        copy = next(e for e in app.store.entities.values() if e.name == "The Quad (copy)")
        app.go_to(copy.id)
        await settle(pilot)
        await pilot.press("2")
        assert app.place.alliance == copy.id
        app.action_merge_entity()
        await pilot.pause()
        merge = app.screen
        assert isinstance(merge, MergeScreen)
        await pilot.press(*"quadrilateral")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert copy.id not in app.store.entities
        assert "The Quad (copy)" in app.store.entity("alliance:quad").aliases
        assert all(e.kind is EntityKind.ALLIANCE for e in [app.store.entity("alliance:quad")])
        await pilot.press("u")
        await settle(pilot)
        assert copy.id in app.store.entities
