"""A second instance is read-only and says so; a failing disk keeps the note in the editor and the store unchanged."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from conftest import snapshot_bytes
from store import db
from store.errors import WriteFailed
from store.models import FactStatus, Target, TargetKind
from store.repository import FactStore
from tui.app import build_app
from tui_helpers import excerpt_prompts, notifications, screen_lines, settle


def refused(app) -> bool:
    return any(sev == "error" and "read-only" in f"{title} {msg}" for title, msg, sev in notifications(app))


async def test_second_instance_is_read_only_says_so_and_refuses_every_write(starter_store: Path) -> None:
    first = FactStore.open(starter_store, create=False)  # the first instance holds the writer's lock
    try:
        fact_id = next(f.id for f in first.facts_of("country:KOR"))
        note = first.add_note(Target(kind=TargetKind.FACT, id=fact_id), "written by the first instance")
        first.checkpoint()
        before = snapshot_bytes(starter_store)

        app = build_app(starter_store)
        assert app.store.readonly
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            assert "read-only" in app.sub_title
            header_line = screen_lines(app)[0]
            assert "read-only" in header_line
            # It reads: the first instance's note is there.
            assert any("written by the first instance" in p for p in excerpt_prompts(app))

            await pilot.press("3")
            assert app.excerpts.highlighted_row.kind == "fact"
            for key in ("n", "v", "x", "e"):
                app.clear_notifications()
                await pilot.press(key)
                await settle(pilot)
                assert app.excerpts.editor is None, key
                assert app.screen is app.screen_stack[0], key
                assert refused(app), key
            # On the note: e, t, d are refused too; and u (the first instance's change is in the journal).
            while app.excerpts.highlighted_row.note_id != note.id:
                await pilot.press("j")
            for key in ("e", "t", "d", "u"):
                app.clear_notifications()
                await pilot.press(key)
                await settle(pilot)
                assert app.excerpts.editor is None and app.screen is app.screen_stack[0], key
                assert refused(app), key
            assert app.store.fact(fact_id).status is FactStatus.CONFIRMED
            assert list(app.store.annotations) == [note.id]
        assert snapshot_bytes(starter_store) == before
    finally:
        first.close()


def editor_hint(app) -> Static:
    return app.excerpts.editor.query_one("#editor-hint", Static)


async def test_a_failing_disk_keeps_the_note_in_the_editor(starter_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        before = snapshot_bytes(starter_store)

        def disk_full(group: list[dict]) -> None:
            raise WriteFailed("could not save to journal.jsonl: No space left on device")

        monkeypatch.setattr(app.store._files, "append", disk_full)
        await pilot.press("3", "n", *"must not be lost", "ctrl+s")
        await settle(pilot)
        editor = app.excerpts.editor
        assert editor is not None and editor.text == "must not be lost"
        assert editor_hint(app).has_class("error")
        assert "NOT saved" in str(editor_hint(app).render())
        assert any(sev == "error" and "not saved" in msg.casefold() for _, msg, sev in notifications(app))
        assert app.store.annotations == {} and not app.store.can_undo
        assert snapshot_bytes(starter_store) == before

        # The disk comes back: ctrl+s again saves the same text.
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.excerpts.editor is None
        assert [n.body for n in app.store.annotations.values()] == ["must not be lost"]
    with FactStore.open(starter_store, create=False, readonly=True) as store:
        assert [n.body for n in store.annotations.values()] == ["must not be lost"]


async def test_a_slow_disk_says_saving_and_the_note_lands(starter_store: Path) -> None:
    """A save that takes a while says so in the editor (a quick one closes it without a word)."""
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        real_append = app.store._files.append
        disk = threading.Event()

        def slow_append(group: list[dict]) -> None:
            disk.wait(10)  # the disk answers when the test says so
            real_append(group)

        app.store._files.append = slow_append
        await pilot.press("3", "n", *"on a slow disk", "ctrl+s")
        await pilot.pause()
        assert "saving" not in str(editor_hint(app).render())  # not yet: saves usually take milliseconds
        await pilot.pause(0.4)
        assert "saving…" in str(editor_hint(app).render())
        await pilot.press("ctrl+s")  # pressed again while saving: still one note
        disk.set()
        await settle(pilot)
        app.store._files.append = real_append
        assert app.excerpts.editor is None
        assert [n.body for n in app.store.annotations.values()] == ["on a slow disk"]


async def test_a_journal_that_cannot_be_written_leaves_the_files_intact(starter_store: Path) -> None:
    """The real write path fails (the journal's descriptor refuses writes): nothing reaches the files."""
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        journal = app.store._files._journal
        good_fd = journal._fd
        journal._fd = os.open(starter_store / db.JOURNAL, os.O_RDONLY | os.O_CREAT)
        try:
            journal_before = (starter_store / db.JOURNAL).read_bytes()
            await pilot.press("3", "n", *"kept in the editor", "ctrl+s")
            await settle(pilot)
            assert app.excerpts.editor is not None and app.excerpts.editor.text == "kept in the editor"
            assert "NOT saved" in str(editor_hint(app).render())
            assert app.store.annotations == {}
            assert (starter_store / db.JOURNAL).read_bytes() == journal_before
        finally:
            os.close(journal._fd)
            journal._fd = good_fd
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [n.body for n in app.store.annotations.values()] == ["kept in the editor"]
