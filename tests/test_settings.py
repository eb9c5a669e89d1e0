"""What the explorer remembers (tui/settings.py): read back as written, and never a reason not to start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui import settings
from tui.settings import Settings


def test_settings_are_read_back_as_written(tmp_path: Path) -> None:
    written = Settings(theme="gruvbox", country="country:KOR", alliance="alliance:nato", countries_width=30, alliances_width=44)
    assert settings.save(written, tmp_path) is None
    assert settings.load(tmp_path) == written
    assert settings.load(tmp_path / "nothing-here") == Settings()


@pytest.mark.parametrize("content, problem", [
    (b"{not json", "not JSON"),
    (b"[1, 2]", "not a settings object"),
    (b"{" + b" " * 70000 + b"}", "larger than a settings file"),
])
def test_a_file_that_is_not_ours_gives_the_defaults_and_says_why(tmp_path: Path, content: bytes, problem: str) -> None:
    (tmp_path / settings.FILE).write_bytes(content)
    loaded = settings.load(tmp_path)
    assert loaded == Settings() and problem in loaded.problem


def test_wrong_types_and_unknown_keys_are_left_out(tmp_path: Path) -> None:
    (tmp_path / settings.FILE).write_text('{"theme": 3, "country": "country:KOR", "alliance": "' + "x" * 300 + '", "x": 1}')
    assert settings.load(tmp_path) == Settings(country="country:KOR")


@pytest.mark.parametrize("width", ['"30"', "true", "0", "-4", "100000", "3.5", "null"])
def test_a_width_that_is_not_a_sensible_number_of_columns_is_left_out(tmp_path: Path, width: str) -> None:
    (tmp_path / settings.FILE).write_text('{"countries_width": ' + width + ', "alliances_width": 40}')
    assert settings.load(tmp_path) == Settings(alliances_width=40)


def test_a_link_is_neither_read_nor_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.json"
    victim.write_text('{"theme": "x"}')
    (tmp_path / "cfg").mkdir()
    os.symlink(victim, tmp_path / "cfg" / settings.FILE)
    assert "link" in settings.load(tmp_path / "cfg").problem
    problem = settings.save(Settings(theme="y"), tmp_path / "cfg")
    assert problem is not None and victim.read_text() == '{"theme": "x"}'


def test_the_folder_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.ENV_CONFIG, str(tmp_path))
    assert settings.folder() == tmp_path
