"""The explorer remembers its theme and last selection across launches (issue 17)."""

from __future__ import annotations

from pathlib import Path

from tui import layout, settings
from tui.app import build_app
from tui_helpers import settle


async def test_the_theme_and_the_last_country_persist_across_two_launches(starter_store: Path, tmp_path: Path) -> None:
    config = tmp_path / "config"
    app = build_app(starter_store, settings_folder=config)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert app.theme != "gruvbox"
        app.theme = "gruvbox"
        await pilot.press("1")
        ids = [app.countries.option_list.get_option_at_index(i).id for i in range(app.countries.option_list.option_count)]
        app.countries.option_list.highlighted = ids.index("country:JPN")
        await settle(pilot)
        assert app.place.country == "country:JPN"
    assert settings.load(config).theme == "gruvbox" and settings.load(config).country == "country:JPN"

    again = build_app(starter_store, settings_folder=config)
    async with again.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "gruvbox"
        assert again.countries.highlighted_id == "country:JPN"


async def test_a_damaged_settings_file_starts_with_the_defaults(starter_store: Path, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / settings.FILE).write_text('{"theme": "no-such-theme", "country": "country:ZZZ"}')
    app = build_app(starter_store, settings_folder=config)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert app.countries.highlighted_id == "country:KOR"  # the usual start
        assert app.theme != "no-such-theme"


async def test_an_app_built_without_a_folder_remembers_nothing(starter_store: Path, tmp_path: Path,
                                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(settings.ENV_CONFIG, str(tmp_path / "home-config"))
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.theme = "gruvbox"
        await pilot.pause()
    assert not (tmp_path / "home-config").exists()


async def test_pane_widths_set_with_keys_persist_across_two_launches(starter_store: Path, tmp_path: Path) -> None:
    config = tmp_path / "config"
    app = build_app(starter_store, settings_folder=config)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        before = app.countries.outer_size.width, app.alliances.outer_size.width
        await pilot.press("1", "greater_than_sign", "greater_than_sign", "2", "less_than_sign")
        await pilot.pause()
        after = app.countries.outer_size.width, app.alliances.outer_size.width
        assert after == (before[0] + 4, before[1] - 2)
        assert app.excerpts.outer_size.width == 140 - sum(after)
    assert (settings.load(config).countries_width, settings.load(config).alliances_width) == after

    again = build_app(starter_store, settings_folder=config)
    async with again.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert (again.countries.outer_size.width, again.alliances.outer_size.width) == after
        await pilot.press("equals_sign")  # the usual widths again, and remembered so
        await pilot.pause()
        assert (again.countries.outer_size.width, again.alliances.outer_size.width) == before
    assert settings.load(config).countries_width is None


async def test_widening_the_excerpts_narrows_the_lists_and_stops_at_their_minimum(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3", *["greater_than_sign"] * 40)
        await pilot.pause()
        assert app.countries.outer_size.width == layout.MIN_WIDTHS["countries"]
        assert app.alliances.outer_size.width == layout.MIN_WIDTHS["alliances"]
        said = [n.message for n in app._notifications if "as wide as it can be" in str(n.message)]
        assert len(said) == 1  # once, not once a key
        await pilot.press("1", *["greater_than_sign"] * 60)
        await pilot.pause()
        assert app.excerpts.outer_size.width == layout.MIN_EXCERPTS


async def test_widths_set_on_a_wide_terminal_leave_the_excerpts_room_on_a_narrow_one(starter_store: Path, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / settings.FILE).write_text('{"countries_width": 60, "alliances_width": 70}')
    app = build_app(starter_store, settings_folder=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.excerpts.outer_size.width >= layout.MIN_EXCERPTS
        await pilot.resize_terminal(80, 30)  # two panes: the list beside the excerpts keeps them readable too
        await pilot.pause()
        assert app.excerpts.outer_size.width >= layout.MIN_EXCERPTS


async def test_widths_set_on_two_panes_leave_the_hidden_list_a_width_of_its_own(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3", "greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert app.pane_widths is not None
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert app.countries.outer_size.width >= layout.MIN_WIDTHS["countries"]
        assert app.alliances.outer_size.width >= layout.MIN_WIDTHS["alliances"]
        assert app.excerpts.outer_size.width >= layout.MIN_EXCERPTS
