"""Resizing from 200×60 down to 1×1 and back raises nothing, with or without a note editor open."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import build_app
from tui_helpers import screen_lines, settle

DOWN = [(200, 60), (160, 50), (140, 40), (120, 36), (100, 30), (80, 24), (60, 20), (40, 16), (30, 12), (20, 10),
        (12, 8), (8, 5), (5, 4), (3, 3), (2, 2), (1, 2), (2, 1), (1, 1)]
SIZES = DOWN + DOWN[::-1]


async def walk(pilot, *, keys: tuple[str, ...] = (), sizes: list[tuple[int, int]] = SIZES) -> None:
    for width, height in sizes:
        await pilot.resize_terminal(width, height)
        await pilot.pause()
        assert pilot.app.size == (width, height)
        if keys:
            await pilot.press(*keys)
        lines = screen_lines(pilot.app)  # a full render at this size
        assert len(lines) == height


async def test_resize_down_to_1x1_and_back(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        country = app.countries.highlighted_id
        await walk(pilot)
        assert app.is_running
        assert app.countries.highlighted_id == country
        assert "Countries" in "\n".join(screen_lines(app))
        await pilot.press("j")  # still answers
        assert app.countries.highlighted_id != country


async def test_resize_while_moving(starter_store: Path) -> None:
    """Keys pressed at every size, the tiny ones included."""
    app = build_app(starter_store)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        await walk(pilot, keys=("j", "tab"), sizes=DOWN[::2] + [(1, 1)] + DOWN[::-2])
        assert app.is_running


@pytest.mark.parametrize("mode", ["new", "tags"])
async def test_resize_with_a_note_editor_open_keeps_its_text(starter_store: Path, mode: str) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        if mode == "tags":
            await pilot.press("n", *"a note", "ctrl+s")
            await settle(pilot)
            await pilot.press("t")
        else:
            await pilot.press("n")
        text = "alpha, beta gamma delta epsilon zeta eta theta iota kappa lambda mu"
        await pilot.press(*text)
        editor = app.excerpts.editor
        assert editor is not None and editor.text == text
        await walk(pilot)
        assert app.excerpts.editor is editor and editor.text == text
        assert app.focused is editor.field
        await pilot.press(*"!")  # the focus is still in the editor
        assert editor.text == text + "!"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.excerpts.editor is None
        if mode == "new":
            assert any(n.body == text + "!" for n in app.store.annotations.values())
        else:
            assert [n.tags for n in app.store.annotations.values()] == [(text + "!").replace(",", " ").split()]


@pytest.mark.parametrize(
    "keys",
    [["question_mark"], ["ctrl+p"], ["3", "n", "x", "escape"], ["3", "e"], ["3", "slash"], ["1", "slash", "k"]],
    ids=["help", "palette", "confirm-discard", "fact-form", "excerpts-filter", "countries-filter"],
)
async def test_resize_with_a_dialog_or_filter_open(starter_store: Path, keys: list[str]) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        screen = app.screen
        for width, height in [(200, 60), (80, 24), (40, 12), (10, 5), (3, 3), (1, 1), (2, 1), (1, 2), (20, 8), (140, 40)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert len(screen_lines(app)) == height
        assert app.screen is screen  # still open, nothing lost


async def test_the_timeline_resized_down_to_1x1_and_back(starter_store: Path) -> None:
    """Its list is Textual's OptionList, laid out at a width of 0 or 1 on the way (once guarded by a private override)."""
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        await walk(pilot, keys=("j",), sizes=DOWN[2::2] + [(1, 1)] + DOWN[::-2])
        assert type(app.screen).__name__ == "TimelineScreen" and app.is_running


async def test_narrow_terminals_show_two_panes_then_one_each_a_key_away(starter_store: Path) -> None:
    from textual.widgets import Static

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()

        def shown() -> list[str]:
            return [name for name in ("countries", "alliances", "excerpts") if app.query_one(f"#{name}").display]

        assert shown() == ["countries", "alliances", "excerpts"]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert shown() == ["countries", "excerpts"]
        await pilot.press("2")
        await pilot.pause()
        assert shown() == ["alliances", "excerpts"] and app.focused is app.alliances.option_list
        await pilot.press("3")
        await pilot.pause()
        assert shown() == ["alliances", "excerpts"]
        await pilot.resize_terminal(50, 20)
        await pilot.pause()
        assert shown() == ["excerpts"]
        await pilot.press("1")
        await pilot.pause()
        assert shown() == ["countries"] and app.focused is app.countries.option_list
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        notice = app.query_one("#too-small", Static)
        assert notice.display and "at least 40×12; this one is 30×8" in str(notice.render())
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert not notice.display and shown() == ["countries", "alliances", "excerpts"]


async def test_at_80_columns_the_footer_keeps_whole_keys_the_views_among_them(starter_store: Path) -> None:
    from tui.panes.footer import KeysFooter

    app = build_app(starter_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        line = screen_lines(app)[-1]
        drawn = [f"{k.display} {k.description}" for k in footer.keys if f"{k.display} {k.description}" in line]
        assert "m Graph" in drawn and "T Timeline" in drawn, line
        # Every key drawn is whole: what does not fit is left out, not cut.
        rest = line.split("▏")[0]
        for key in drawn:
            rest = rest.replace(key, "", 1)
        assert rest.strip() == "", line
