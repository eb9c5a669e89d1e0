"""Hostile text in a note: Rich markup and terminal escape sequences are shown, never obeyed, and stored byte-exact."""

from __future__ import annotations

from pathlib import Path

from textual import events

from store.repository import FactStore
from tui.screens.confirm import ConfirmScreen
from tui_helpers import excerpt_prompts, highlighted_text, screen_lines, settle
from tui.app import build_app

MARKUP = "[bold]x[/] then a lone [/] and [link=http://x]y"
ESCAPES = "clear\x1b[2J title\x1b]0;title\x07 red\x1b[31mR"
HOSTILE = f"{MARKUP}\n{ESCAPES}"


def assert_shown_literally(text: str) -> None:
    assert "[bold]x[/]" in text
    assert "a lone [/]" in text
    assert "[link=http://x]y" in text
    assert "\x1b" not in text and "\x07" not in text
    assert "␛[2J" in text  # ESC made visible, the rest of the sequence as typed
    assert "␛]0;title␇" in text
    assert "␛[31mR" in text


async def write_hostile_note(pilot) -> str:
    app = pilot.app
    await pilot.press("3", "n")
    await pilot.press(*MARKUP)  # typed, key by key
    await pilot.press("enter")
    app.post_message(events.Paste(ESCAPES))  # as the terminal driver does: escape sequences arrive pasted
    await pilot.pause()
    assert app.excerpts.editor.text == HOSTILE
    await pilot.press("ctrl+s")
    await settle(pilot)
    [note] = app.store.annotations.values()
    return note.id


async def test_markup_and_escape_codes_in_a_note_are_shown_literally_and_stored_exactly(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        note_id = await write_hostile_note(pilot)
        assert app.store.note(note_id).body == HOSTILE

        # The option's prompt, as plain text, and what the terminal would show.
        assert app.excerpts.highlighted_row.note_id == note_id
        assert_shown_literally(highlighted_text(app.excerpts.fact_list))
        shown = "\n".join(screen_lines(app))
        assert_shown_literally(shown)

        # The delete question quotes it literally too.
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        screen = "\n".join(screen_lines(app))
        assert "[bold]x[/]" in screen and "\x1b" not in screen
        await pilot.press("n")
        await pilot.pause()

        # Editing it: the editor holds the text exactly; the terminal gets no raw escape.
        await pilot.press("e")
        assert app.excerpts.editor.text == HOSTILE
        screen = "\n".join(screen_lines(app))
        assert "\x1b" not in screen and "\x07" not in screen
        assert "[bold]x[/]" in screen and "␛[2J" in screen and "␇" in screen
        await pilot.press("end", "x", "backspace")  # moving and typing on such a line: nothing breaks
        assert app.excerpts.editor.text == HOSTILE
        await pilot.press("escape")
        await pilot.pause()
        assert app.excerpts.editor is None

    # Byte-exact on disk: another process reads the same string.
    with FactStore.open(starter_store, create=False, readonly=True) as store:
        assert store.note(note_id).body == HOSTILE

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        rows = [p for p in excerpt_prompts(app) if "✎" in p]
        assert len(rows) == 1
        assert_shown_literally(rows[0])


async def test_escape_codes_in_tags_are_not_sent_to_the_terminal(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        note_id = await write_hostile_note(pilot)
        await pilot.press("t")
        app.post_message(events.Paste("bad\x1b[2Jtag"))
        await pilot.pause()
        screen = "\n".join(screen_lines(app))
        assert "\x1b" not in screen
        await pilot.press("enter")
        await settle(pilot)
        assert app.store.note(note_id).tags == ["bad\x1b[2Jtag"]
        assert "#bad␛[2Jtag" in highlighted_text(app.excerpts.fact_list)
        assert "\x1b" not in "\n".join(screen_lines(app))


async def test_escape_codes_pasted_into_a_list_filter_are_not_sent_to_the_terminal(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        app.post_message(events.Paste("k\x1b[2J"))
        await pilot.pause()
        assert app.countries.filter_text == "k\x1b[2J"  # filtered on exactly what was pasted
        screen = "\n".join(screen_lines(app))
        assert "\x1b" not in screen and "k␛[2J" in screen
