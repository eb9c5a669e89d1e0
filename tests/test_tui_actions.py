"""One registry of actions (tui/actions.py): bindings, footer, help, palette and hints agree, and follow a keymap."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Static

from store.pipeline.importer import import_files
from store.models import FactStatus
from store.repository import FactStore
from tui import actions
from tui.actions import Context
from tui.app import build_app
from tui.panes.footer import KeysFooter
from tui.rows import Row
from tui_helpers import plain, screen_lines

ARTICLE = Path(__file__).resolve().parent / "data" / "import" / "baltic-to-pacific.md"


@pytest.fixture
def imported_store(starter_store: Path) -> Path:
    store = FactStore.open(starter_store, create=False)
    try:
        [report] = import_files(store, [ARTICLE])
        assert report.proposed
    finally:
        store.close()
    return starter_store


# --- the registry alone ------------------------------------------------------------------


def test_every_binding_has_an_id_a_keymap_can_name_and_ids_are_unique() -> None:
    ids = [a.id for a in actions.ACTIONS]
    assert len(ids) == len(set(ids))
    for scope in {a.scope for a in actions.ACTIONS if a.scope}:
        for binding in actions.bindings(scope):
            assert binding.id and binding.id in actions.BY_ID, binding


def test_v_and_x_mean_confirm_outside_review_and_accept_inside() -> None:
    fact = Row("fact", "f|1", fact_id="1")
    note = Row("note", "n|1|2", fact_id="1", note_id="2")
    assert actions.applies("status", Context(row=fact)) is True
    assert actions.applies("verdict", Context(row=fact)) is False
    assert actions.applies("status", Context(row=fact, review=True)) is False
    assert actions.applies("verdict", Context(row=fact, review=True)) is True
    assert actions.applies("delete_note", Context(row=fact)) is False
    assert actions.applies("delete_note", Context(row=note)) is True
    assert actions.applies("undo", Context()) is None  # dimmed, not hidden
    assert actions.applies("undo", Context(can_undo=True)) is True
    # A view on top: only the keys that act everywhere; a note being written: the pane keys too.
    assert actions.applies("new_note", Context(row=fact, overlaid=True)) is False
    assert actions.applies("help", Context(overlaid=True)) is True
    assert actions.applies("new_note", Context(row=fact, editing=True)) is False
    assert actions.applies("focus_pane", Context(editing=True)) is True


def test_a_keymap_that_rebinds_one_of_two_actions_on_a_key_keeps_the_other() -> None:
    # Textual drops every binding of the old key: confirm keeps v only if it is named.
    assert actions.pinned({"app.accept": "A"}) == {"app.accept": "A", "app.confirm": "v"}
    assert actions.pinned({"app.quit": "Q"}) == {"app.quit": "Q"}


def test_key_for_names_the_keymaps_key_in_the_footers_form() -> None:
    class App:
        keymap = {"app.accept": "ctrl+a"}

    assert actions.key_for("app.accept") == "v"
    assert actions.key_for("app.accept", App()) == "^a"
    assert actions.key_for("app.help") == "?"
    assert actions.key_for("editor.save") == "^s"
    assert actions.key_for("help.jump") == actions.key_for("list.select") == actions.display_key("enter")  # the key it explains


def test_every_palette_entry_runs_an_app_action_and_names_its_key() -> None:
    entries = actions.palette_entries()
    assert [e.title for e in entries[:2]] == ["Search everything", "Import article…"]
    runs = {a.run for a in actions.ACTIONS if a.scope == "app"}
    for entry in entries:
        assert entry.run in runs
    accept = next(e for e in entries if e.title == "Review: accept")
    assert accept.help.endswith("(v)")


# --- in the app ------------------------------------------------------------------------------


async def test_a_keymap_renames_accept_in_the_hint_the_footer_the_help_and_the_palette(imported_store: Path) -> None:
    app = build_app(imported_store)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        app.set_keymap({"app.accept": "A"})
        await pilot.press("r")
        await pilot.pause()
        row = app.excerpts.highlighted_row
        assert row is not None and row.kind == "fact" and app.place.review
        fact_id = row.fact_id
        # The row's hint.
        hint = plain(app.excerpts.fact_list.highlighted_option.prompt)
        assert "A accept" in hint and "v accept" not in hint, hint
        assert "x reject" in hint
        # The pane's title.
        assert "· A/x ·" in (app.excerpts.border_title or "")
        # The footer, as drawn.
        footer = app.query_one(KeysFooter)
        assert any(k.display == "A" and k.description == "Accept" for k in footer.keys), footer.keys
        assert "A Accept" in screen_lines(app)[-1]
        # The palette's words.
        assert next(e for e in actions.palette_entries(app) if e.title == "Review: accept").help.endswith("(A)")
        # The help.
        await pilot.press("question_mark")
        await pilot.pause()
        body = plain(app.screen.query_one("#help-body", Static).render())
        assert any(line.split(None, 1)[:1] == ["A"] and "accept the proposed fact" in line for line in body.splitlines()), body
        assert not any(line.split(None, 1)[:1] == ["v"] and "accept the proposed fact" in line for line in body.splitlines())
        await pilot.press("escape")
        await pilot.pause()
        # And the new key does it; v, rebound away, no longer accepts.
        await pilot.press("v")
        await pilot.pause()
        assert app.store.facts[fact_id].status is FactStatus.UNREVIEWED
        await pilot.press("A")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store.facts[fact_id].status is FactStatus.CONFIRMED
        # Outside 'To review' v still confirms (the keymap only moved accept).
        await pilot.press("r")
        await pilot.pause()
        assert not app.place.review
        assert app.get_key_display(Binding("v", "")) in {k.display for k in footer.keys if k.description == "Confirm"}


async def test_question_mark_on_the_graph_shows_the_graphs_keys(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        body = plain(app.screen.query_one("#help-body", Static).render())
        headings = [line for line in body.splitlines() if line and not line.startswith(" ")]
        assert headings[0] == "Relation graph", headings
        assert "Put the highlighted neighbour in the centre" in body
        assert "Write a note" not in body and "Note editor" not in headings
        assert any(line.split(None, 1)[:1] == ["?"] for line in body.splitlines())  # help itself works here
        assert not any("Quit" in line for line in body.splitlines())  # q closes the graph here
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "GraphScreen"


async def test_a_read_only_instance_offers_no_key_that_writes(starter_store: Path) -> None:
    from store.repository import FactStore

    holder = FactStore.open(starter_store, create=False)  # another instance holds the store
    try:
        app = build_app(starter_store)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            assert app.store.readonly
            await pilot.press("3")
            await pilot.pause()
            shown = {k.description for k in app.query_one(KeysFooter).keys}
            assert not shown & {"Note", "Edit", "Confirm", "Dispute", "Undo", "Redo"}, shown
            assert {"Search", "Help", "Graph"} <= shown
            await pilot.press("n")
            await pilot.pause()
            assert app.excerpts.editor is None
            titles = [e.title for e in actions.palette_entries(app, readonly=app.writer.not_writable is not None)]
            assert "Search everything" in titles and not any(t.startswith(("Note:", "Fact:", "Import")) for t in titles)
    finally:
        holder.close()


async def test_a_dialog_shows_its_own_keys_not_the_explorers(starter_store: Path) -> None:
    from tui.screens.fact_edit import FactEditScreen

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3", "e")
        await pilot.pause()
        assert isinstance(app.screen, FactEditScreen)
        keys = {k.description for k in app.screen.query_one(KeysFooter).keys}
        assert {"Save", "Cancel"} <= keys and not keys & {"Follow", "Note", "Graph"}, keys
        assert "Save" in screen_lines(app)[-1] and "Follow" not in screen_lines(app)[-1]
