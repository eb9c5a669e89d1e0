"""SVG snapshots of the explorer (pytest-textual-snapshot), built through the one factory on a fresh starter store.

No note is written here: a note's time and random id would leak into the
picture. Regenerate with `pytest tests/test_snapshots.py --snapshot-update`
and look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

from tui.app import build_app


def test_main_screen_140x40(starter_store: Path, snap_compare) -> None:
    assert snap_compare(build_app(starter_store), terminal_size=(140, 40))


def test_main_screen_80x24(starter_store: Path, snap_compare) -> None:
    assert snap_compare(build_app(starter_store), terminal_size=(80, 24))


def test_alliance_followed_80x24(starter_store: Path, snap_compare) -> None:
    """The narrow terminal after following South Korea's second alliance down (the IP4, after the ADMM-Plus of 2010): the
    countries pane lists its members."""
    assert snap_compare(build_app(starter_store), press=["2", "j", "j", "enter"], terminal_size=(80, 24))


def test_note_editor_open(starter_store: Path, snap_compare) -> None:
    assert snap_compare(build_app(starter_store), press=["3", "n", *"first ROK president at a summit"], terminal_size=(140, 40))


def test_help_screen(starter_store: Path, snap_compare) -> None:
    assert snap_compare(build_app(starter_store), press=["question_mark"], terminal_size=(140, 40))
