"""The explorer remembers its theme and last selection across launches (issue 17)."""

from __future__ import annotations

from pathlib import Path

from tui import settings
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
