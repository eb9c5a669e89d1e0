"""Notes written in place: add, edit, tag, delete, undo, redo, and all of it still there after a restart.

Also v / x (mark a fact confirmed / disputed) and the editor's escape, which
asks before throwing text away.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from textual import events
from textual.screen import Screen
from textual.widgets import Input, TextArea

from store.models import FactStatus, TargetKind
from store.repository import FactStore
from tui.panes.editor import NoteEditor
from tui.screens.confirm import ConfirmScreen
from tui_helpers import KOR, excerpt_prompts, highlighted_text, move_to, settle
from tui.app import build_app


def note_rows(app) -> list[str]:
    return [p for p in excerpt_prompts(app) if p.lstrip().startswith("✎")]


def first_fact(app) -> str:
    row = next(r for r in app.excerpts.rows if r.kind == "fact")
    return row.fact_id


async def open_new_note(pilot) -> NoteEditor:
    app = pilot.app
    await pilot.press("3")
    assert app.excerpts.highlighted_row.kind == "fact"
    await pilot.press("n")
    editor = app.excerpts.editor
    assert editor is not None and editor.mode == "new"
    return editor


async def test_note_added_edited_tagged_deleted_undone_redone_and_kept_after_restart(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        fact_id = first_fact(app)
        assert app.store.annotations == {}

        # n: an editor opens inside the excerpts pane, directly under the highlighted fact.
        editor = await open_new_note(pilot)
        assert editor.parent is app.excerpts
        assert app.excerpts.has_class("split")
        above = app.excerpts.fact_list
        assert above.get_option_at_index(above.option_count - 1).id == f"f|{fact_id}"
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"first ROK summit")
        await pilot.press("ctrl+s")
        await settle(pilot)

        # Saved: in the store (on the fact), on the screen at once, the editor gone, the cursor on the note.
        assert app.excerpts.editor is None
        [note] = app.store.annotations.values()
        assert note.body == "first ROK summit"
        assert (note.target.kind, note.target.id) == (TargetKind.FACT, fact_id)
        assert app.excerpts.highlighted_row.note_id == note.id
        assert any("first ROK summit" in p for p in note_rows(app))
        assert app.focused is app.excerpts.fact_list
        # Shown means durable: the journal on disk already holds it.
        journal = (starter_store / "journal.jsonl").read_text(encoding="utf-8")
        assert note.id in journal and "first ROK summit" in journal

        # e: edit it (the editor starts with its text).
        await pilot.press("e")
        editor = app.excerpts.editor
        assert editor is not None and editor.mode == "edit" and editor.text == "first ROK summit"
        await pilot.press(*" (Madrid)", "ctrl+s")
        await settle(pilot)
        assert app.store.note(note.id).body == "first ROK summit (Madrid)"
        assert app.store.note(note.id).rev == 2
        assert any("first ROK summit (Madrid)" in p for p in note_rows(app))
        assert app.excerpts.highlighted_row.note_id == note.id

        # t: its tags, in a one-line field.
        await pilot.press("t")
        editor = app.excerpts.editor
        assert editor is not None and editor.mode == "tags"
        assert isinstance(app.focused, Input)
        await pilot.press(*"summit madrid", "enter")
        await settle(pilot)
        assert app.store.note(note.id).tags == ["summit", "madrid"]
        assert any("#summit #madrid" in p for p in note_rows(app))

        # d: asks first; n keeps it, y deletes it.
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert note.id in app.store.annotations
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert app.store.annotations == {}
        assert note_rows(app) == []

        # u: the deletion undone; ctrl+r: redone; u again.
        await pilot.press("u")
        await settle(pilot)
        assert app.store.note(note.id).body == "first ROK summit (Madrid)"
        assert app.store.note(note.id).tags == ["summit", "madrid"]
        assert any("first ROK summit (Madrid)" in p for p in note_rows(app))
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.store.annotations == {}
        assert note_rows(app) == []
        await pilot.press("u")
        await settle(pilot)
        assert app.store.note(note.id).body == "first ROK summit (Madrid)"

        # Undo the tags, then the edit: each step back in the store and on the screen.
        await pilot.press("u")
        await settle(pilot)
        assert app.store.note(note.id).tags == []
        await pilot.press("u")
        await settle(pilot)
        assert app.store.note(note.id).body == "first ROK summit"
        assert any("first ROK summit" in p and "Madrid" not in p for p in note_rows(app))
        await pilot.press("ctrl+r", "ctrl+r")
        await settle(pilot)
        assert app.store.note(note.id).body == "first ROK summit (Madrid)"
        assert app.store.note(note.id).tags == ["summit", "madrid"]

    # Closed: the store on disk holds the note (a fresh process would read the same files).
    with FactStore.open(starter_store, create=False, readonly=True) as store:
        [kept] = store.annotations.values()
        assert (kept.id, kept.body, kept.tags) == (note.id, "first ROK summit (Madrid)", ["summit", "madrid"])

    # Reopened: the screen shows it under its fact, and the history goes on (undo works across sessions).
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert app.countries.highlighted_id == KOR
        shown = note_rows(app)
        assert len(shown) == 1 and "first ROK summit (Madrid)" in shown[0] and "#summit #madrid" in shown[0]
        keys = [r.key for r in app.excerpts.rows]
        assert keys.index(f"n|{fact_id}|{note.id}") > keys.index(f"f|{fact_id}")
        await pilot.press("u")  # the tags, set in the last session
        await settle(pilot)
        assert app.store.note(note.id).tags == []
        assert not any("#summit" in p for p in note_rows(app))
    with FactStore.open(starter_store, create=False, readonly=True) as store:
        assert store.note(note.id).tags == []


async def test_a_note_on_an_excerpt(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await move_to(pilot, app.excerpts.fact_list, lambda key: key.startswith("e|"))
        excerpt_id = app.excerpts.highlighted_row.excerpt_id
        await pilot.press("n")
        assert "excerpt" in str(app.excerpts.editor.query_one(".editor-title").render())
        await pilot.press(*"quoted by Le Monde too", "ctrl+s")
        await settle(pilot)
        [note] = app.store.annotations.values()
        assert (note.target.kind, note.target.id) == (TargetKind.EXCERPT, excerpt_id)
        assert app.excerpts.highlighted_row.note_id == note.id
        assert any("quoted by Le Monde too" in p for p in note_rows(app))


async def test_escape_asks_before_losing_text_and_closes_an_empty_editor_at_once(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        # Empty: escape closes at once.
        await open_new_note(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.excerpts.editor is None
        assert not app.excerpts.has_class("split")
        assert app.focused is app.excerpts.fact_list

        # With text: escape asks; "keep editing" returns to the text, intact.
        editor = await open_new_note(pilot)
        await pilot.press(*"half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.excerpts.editor is editor and editor.text == "half a thought"
        assert isinstance(app.focused, TextArea)
        await pilot.press(*" more")  # the focus is back in the editor
        assert editor.text == "half a thought more"

        # Asked again and confirmed: the editor closes and nothing is saved.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.excerpts.editor is None
        assert app.store.annotations == {}
        assert note_rows(app) == []
        assert app.focused is app.excerpts.fact_list


async def test_x_and_v_mark_the_fact_and_u_undoes(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        fact_id = first_fact(app)
        before = app.store.fact(fact_id).status
        assert before is FactStatus.CONFIRMED  # the starter facts are reviewed
        await pilot.press("3", "x")
        await settle(pilot)
        assert app.store.fact(fact_id).status is FactStatus.DISPUTED
        title = highlighted_text(app.excerpts.fact_list)
        assert title.startswith(FactStatus.DISPUTED.symbol) and "disputed" in title
        assert app.excerpts.highlighted_row.fact_id == fact_id  # the cursor stays on the fact
        await pilot.press("v")
        await settle(pilot)
        assert app.store.fact(fact_id).status is FactStatus.CONFIRMED
        assert "confirmed" in highlighted_text(app.excerpts.fact_list)
        await pilot.press("u")
        await settle(pilot)
        assert app.store.fact(fact_id).status is FactStatus.DISPUTED
        await pilot.press("u")
        await settle(pilot)
        assert app.store.fact(fact_id).status is before
        assert not app.store.can_undo
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.store.fact(fact_id).status is FactStatus.DISPUTED
        assert "disputed" in highlighted_text(app.excerpts.fact_list)
    with FactStore.open(starter_store, create=False, readonly=True) as store:
        assert store.fact(fact_id).status is FactStatus.DISPUTED


async def test_note_keys_work_from_any_pane_only_on_a_row_that_takes_them(starter_store: Path) -> None:
    """u and ctrl+r work in any pane; with nothing to undo, u says so and changes nothing."""
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await settle(pilot)
        assert app.store.annotations == {} and not app.store.can_undo
        editor = await open_new_note(pilot)
        await pilot.press(*"x", "ctrl+s")
        await settle(pilot)
        assert len(app.store.annotations) == 1
        await pilot.press("1", "u")  # from the countries pane
        await settle(pilot)
        assert app.store.annotations == {}
        await pilot.press("2", "ctrl+r")  # from the alliances pane
        await settle(pilot)
        assert len(app.store.annotations) == 1
        del editor


async def test_e_on_a_fact_opens_its_form_and_saves_it(starter_store: Path) -> None:
    from tui.screens.fact_edit import FactEditScreen

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        fact_id = first_fact(app)
        before = app.store.fact(fact_id)
        await pilot.press("3", "e")
        await pilot.pause()
        assert isinstance(app.screen, FactEditScreen)
        await pilot.press("escape")  # cancel: nothing written
        await pilot.pause()
        assert not isinstance(app.screen, FactEditScreen)
        await settle(pilot)
        assert app.store.fact(fact_id) == before and not app.store.can_undo

        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        field = form.query_one("#fact-qualifiers", Input)
        field.focus()
        await pilot.press("end", *"; level=leaders", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FactEditScreen)
        after = app.store.fact(fact_id)
        assert after.qualifiers.get("level") == "leaders"
        assert after.relation == before.relation and after.start == before.start
        assert "level: leaders" in highlighted_text(app.excerpts.fact_list)
        await pilot.press("u")
        await settle(pilot)
        assert "level" not in app.store.fact(fact_id).qualifiers


# --- keys in one burst ------------------------------------------------------------------
# A paste, tmux send-keys or a fast typist delivers keys a few milliseconds apart,
# faster than the app handles them. ctrl+s, escape and enter must still act
# after every key typed before them: a save stores, and shows, every letter.
# (The same through the real terminal driver: tests/test_burst_pty.py.)

GAPS_MS = [0, 3, 10]
ROUNDS = 5
CHAR_KEYS = {" ": "space", ",": "comma", ":": "colon", "(": "left_parenthesis", ")": "right_parenthesis", "/": "slash"}


def key_event(key: str) -> events.Key:
    """The event the terminal driver makes of one character or one named key."""
    if key == "ctrl+s":
        return events.Key("ctrl+s", "\x13")
    if key in ("escape", "enter"):
        return events.Key(key, {"escape": "\x1b", "enter": "\r"}[key])
    return events.Key(CHAR_KEYS.get(key, key), key)


async def burst(app, keys: list[str], gap_ms: int) -> None:
    """Deliver keys ``gap_ms`` apart, as a terminal does (pilot.press waits for each key to be handled)."""
    for key in keys:
        app.post_message(key_event(key))
        if gap_ms:
            await asyncio.sleep(gap_ms / 1000)  # the time between keys is what is tested


async def until(pilot, condition, what: str, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.01)
    await settle(pilot)


def sentence(i: int) -> str:
    # Letters that are explorer keys (q quits, 1 2 3 change pane, n e t d open things).
    return f"quick note {i}, typed in one burst: the whole sentence (every letter)"


@pytest.mark.parametrize("gap_ms", GAPS_MS)
async def test_a_note_typed_in_one_burst_is_saved_whole(starter_store: Path, gap_ms: int) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        for i in range(1, ROUNDS + 1):
            await burst(app, ["n", *sentence(i), "ctrl+s"], gap_ms)
            await until(pilot, lambda: len(app.store.annotations) == i and app.excerpts.editor is None, f"note {i}")
            assert app.is_running
            bodies = sorted(n.body for n in app.store.annotations.values())
            assert bodies == sorted(sentence(k) for k in range(1, i + 1))
            # What the screen shows is what was stored.
            assert any(sentence(i) in p for p in note_rows(app))
            assert app.excerpts.highlighted_row.note_id is not None
            assert sentence(i) in app.store.note(app.excerpts.highlighted_row.note_id).body

        # e and t on the note just saved, in bursts too.
        note_id = app.excerpts.highlighted_row.note_id
        await burst(app, ["e", *" (edited)", "ctrl+s"], gap_ms)
        await until(pilot, lambda: app.store.note(note_id).rev == 2 and app.excerpts.editor is None, "the edit")
        assert app.store.note(note_id).body == sentence(ROUNDS) + " (edited)"
        assert any(sentence(ROUNDS) + " (edited)" in p for p in note_rows(app))
        await burst(app, ["t", *"summit madrid", "ctrl+s"], gap_ms)
        await until(pilot, lambda: app.store.note(note_id).rev == 3 and app.excerpts.editor is None, "the tags")
        assert app.store.note(note_id).tags == ["summit", "madrid"]
    with FactStore.open(starter_store, create=False, readonly=True) as store:
        assert sorted(n.body for n in store.annotations.values()) == sorted(
            [*(sentence(k) for k in range(1, ROUNDS)), sentence(ROUNDS) + " (edited)"]
        )


@pytest.mark.parametrize("gap_ms", GAPS_MS)
async def test_escape_in_a_burst_comes_after_the_letters_before_it(starter_store: Path, gap_ms: int) -> None:
    """escape after typed text asks before throwing it away: it must see all of the text."""
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        for _ in range(ROUNDS):
            await burst(app, ["n", *"half a thought", "escape"], gap_ms)
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
            assert app.excerpts.editor is not None and app.excerpts.editor.text == "half a thought"
            await pilot.press("y")
            await until(pilot, lambda: app.excerpts.editor is None, "the editor to close")
        assert app.store.annotations == {}


@pytest.mark.parametrize("gap_ms", GAPS_MS)
async def test_a_filter_typed_in_one_burst_is_whole(starter_store: Path, gap_ms: int) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        countries = app.countries
        for _ in range(ROUNDS):
            await burst(app, ["/", *"japan", "enter"], gap_ms)
            await until(pilot, lambda: app.focused is countries.option_list and countries.filter_input.value == "japan", "the filter")
            assert [o.id for o in (countries.option_list.get_option_at_index(i) for i in range(countries.option_list.option_count))] == ["country:JPN"]
            await burst(app, ["/", "escape"], gap_ms)  # cleared for the next round
            await until(pilot, lambda: countries.filter_input.value == "" and app.focused is countries.option_list, "the clear")


@pytest.mark.parametrize("gap_ms", GAPS_MS)
async def test_a_key_after_escape_in_a_burst_answers_its_question(starter_store: Path, gap_ms: int) -> None:
    """escape with text asks first: the key typed after it answers the question, not the editor behind it."""
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        # n: keep editing; the text is as it was, and the editor has the focus again.
        await burst(app, ["n", *"half a thought", "escape", "n"], gap_ms)
        await until(pilot, lambda: isinstance(app.focused, TextArea) and not isinstance(app.screen, ConfirmScreen), "the editor")
        editor = app.excerpts.editor
        assert editor is not None and editor.text == "half a thought"
        await burst(app, [*", finished", "ctrl+s"], gap_ms)
        await until(pilot, lambda: len(app.store.annotations) == 1 and app.excerpts.editor is None, "the note")
        [note] = app.store.annotations.values()
        assert note.body == "half a thought, finished"
        # y: discard; nothing more saved, the editor gone, the explorer still running.
        asked: list[Screen] = []
        app.screen_change_signal.subscribe(app, lambda screen: asked.append(screen), immediate=True)
        await burst(app, ["n", *"never mind", "escape", "y"], gap_ms)
        await until(
            pilot,
            lambda: any(isinstance(s, ConfirmScreen) for s in asked) and app.screen is app.screen_stack[0] and app.excerpts.editor is None,
            "the discard",
        )
        assert len(app.store.annotations) == 1 and app.is_running


async def test_the_footer_follows_the_row_kind_after_a_save(starter_store: Path) -> None:
    """d / t on a note row, not on a fact row: after a save and after every move of the cursor (issue 16)."""
    from tui.panes.footer import KeysFooter

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        await open_new_note(pilot)
        await pilot.press(*"a note", "ctrl+s")
        await settle(pilot)
        assert app.excerpts.highlighted_row.kind == "note"
        assert footer.shown().get("Delete") and footer.shown().get("Tags")
        # Up to a row that is no note (its fact, its passage): no d / t there.
        await move_to(pilot, app.excerpts.fact_list, lambda key: not key.startswith("n|"), key="k")
        await pilot.pause()
        assert "Delete" not in footer.shown() and "Tags" not in footer.shown(), footer.shown()
        # Back down onto the note: they are there again, and they work.
        await move_to(pilot, app.excerpts.fact_list, lambda key: key.startswith("n|"), key="j")
        await pilot.pause()
        assert footer.shown().get("Delete") and footer.shown().get("Tags"), footer.shown()
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)


async def test_the_fact_form_sets_a_fact_back_to_unreviewed_and_keeps_a_dispute_reason(starter_store: Path) -> None:
    from textual.widgets import Select

    from tui.screens.fact_edit import FactEditScreen

    app = build_app(starter_store)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        fact_id = first_fact(app)
        assert app.store.fact(fact_id).status is FactStatus.CONFIRMED
        await pilot.press("3", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FactEditScreen)
        form.query_one("#fact-status", Select).value = "disputed"
        reason = form.query_one("#fact-dispute", Input)
        reason.focus()
        await pilot.press(*"the 1953 date is the signature, not [b]entry[/b] into force", "ctrl+s")
        await settle(pilot)
        fact = app.store.fact(fact_id)
        assert fact.status is FactStatus.DISPUTED
        assert fact.qualifiers["dispute"] == "the 1953 date is the signature, not [b]entry[/b] into force"
        assert "[b]entry[/b]" in highlighted_text(app.excerpts.fact_list)  # shown as typed, never as markup

        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#fact-dispute", Input).value.startswith("the 1953 date")
        form.query_one("#fact-status", Select).value = "unreviewed"
        await pilot.press("ctrl+s")
        await settle(pilot)
        fact = app.store.fact(fact_id)
        assert fact.status is FactStatus.UNREVIEWED and "dispute" not in fact.qualifiers
