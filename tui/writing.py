"""The explorer's writes: notes, fact status, edits, undo and redo, on one writer thread.

Every write goes through the FactStore API, on one background thread, in the
order it was asked for, so a slow disk never freezes the screen; the screen
shows a change once the store reports it durable. A mixin of AlliancesApp
(tui/app.py), which holds the panes these actions refill.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from textual import on
from textual.app import App

from store.errors import ReadOnlyError, StoreCorrupt, StoreError, damaged_mid_session
from store.models import FactStatus
from tui import format as fmt
from tui.damage import reports_damage
from tui.panes.editor import NoteEditor
from tui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from store.repository import FactStore
    from tui.panes.excerpts import ExcerptsPane

T = TypeVar("T")


class Writing(App[int]):
    """The write actions and the writer thread they run on."""

    if TYPE_CHECKING:  # provided by AlliancesApp
        store: FactStore
        _lists_version: int
        _loading: bool

        @property
        def excerpts(self) -> ExcerptsPane: ...

        def _fill_countries(self) -> None: ...

        def _fill_alliances(self) -> None: ...

        def _fill_excerpts(self, highlight: str | None = None) -> None: ...

        def _update_titles(self) -> None: ...

        def hold_keys(self) -> Callable[[], None]: ...  # KeysInOrder

    def __init__(self) -> None:
        super().__init__()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-writer")
        self._checkpoint_timer: Any = None
        self._damage: str | None = None  # set when a record is found damaged mid-session: no more writes

    @property
    def not_writable(self) -> str | None:
        """Why nothing can be saved now (a read-only store, a damaged record), or None."""
        if self._damage is not None:
            return self._damage
        return self.store.readonly_reason if self.store.readonly else None

    def _refuse_if_readonly(self) -> bool:
        reason = self.not_writable
        if reason is not None:
            self.notify(f"Not saved: {reason}", title="read-only", severity="error")
            return True
        return False

    def report_damage(self, exc: StoreCorrupt) -> None:
        """A record failed validation when first read: say so once, and refuse every write from now on.

        Saving on would rewrite snapshots around a record nobody has looked at;
        `alliances-tui check` shows what is wrong and restore keeps what is intact.
        """
        if self._damage is not None:
            return
        self._damage = damaged_mid_session(exc)
        self.notify(self._damage, title="damaged store", severity="error", timeout=30)
        self.call_later(self._update_titles)  # (maybe called while a pane draws its rows)
        self.refresh_bindings()

    @reports_damage
    async def action_new_note(self) -> None:
        row = self.excerpts.highlighted_row
        if row is None or row.note_target is None or self._refuse_if_readonly():
            return
        about = "this excerpt" if row.kind == "evidence" else "this fact"
        await self.excerpts.open_editor(NoteEditor("new", on_save=self._save_note, target=row.note_target, about=about))

    @reports_damage
    async def action_edit(self) -> None:
        row = self.excerpts.highlighted_row
        if row is None or self._refuse_if_readonly():
            return
        if row.kind == "note" and row.note_id:
            note = self.store.note(row.note_id)
            await self.excerpts.open_editor(NoteEditor("edit", on_save=self._save_note, note_id=note.id, text=note.body))
        elif row.fact_id:
            from tui.screens.fact_edit import FactEditScreen

            fact = self.store.facts[row.fact_id]
            # A callback, not push_screen_wait: that needs a worker (NoActiveWorker from an action).
            def edited(changes: dict[str, Any] | None) -> None:
                if changes:
                    self._write(lambda: self.store.edit_fact(fact.id, **changes), done=lambda _: self._after_change("Fact saved"))

            self.push_screen(FactEditScreen(fact, self.store), edited)

    @reports_damage
    async def action_tags(self) -> None:
        row = self.excerpts.highlighted_row
        if row is None or row.note_id is None or self._refuse_if_readonly():
            return
        note = self.store.note(row.note_id)
        await self.excerpts.open_editor(NoteEditor("tags", on_save=self._save_note, note_id=note.id, text=" ".join(note.tags)))

    @reports_damage
    async def action_delete_note(self) -> None:
        row = self.excerpts.highlighted_row
        if row is None or row.note_id is None or self._refuse_if_readonly():
            return
        note = self.store.note(row.note_id)
        preview = fmt.visible(note.body.splitlines()[0] if note.body else "")[:60]

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(lambda: self.store.delete_note(note.id), done=lambda _: self._after_change("Note deleted (u to undo)"))

        self.push_screen(ConfirmScreen(f"Delete this note?\n\n{preview}", yes="Delete", no="Keep"), answered)

    @reports_damage
    def action_status(self, status: str, done: str = "") -> None:
        row = self.excerpts.highlighted_row
        if row is None or row.fact_id is None or self._refuse_if_readonly():
            return
        fact_id = row.fact_id
        message = done or f"Marked {status}"
        self._write(lambda: self.store.set_fact_status(fact_id, FactStatus(status)), done=lambda _: self._after_change(message))

    def action_verdict(self, status: str) -> None:
        """v / x in 'To review': a proposal accepted (confirmed) or rejected (kept, retracted, with its excerpt);
        on a proposed passage, the link accepted (evidence) or rejected (remembered)."""
        row = self.excerpts.highlighted_row
        if row is not None and row.kind == "link" and row.link_id is not None:
            self._review_links([row.link_id], "accepted" if status == "confirmed" else "rejected")
            return
        if row is not None and row.kind == "entity" and row.entity_id is not None:
            self._review_entity(row.entity_id, accept=status == "confirmed")
            return
        self.action_status(status, "Accepted: confirmed" if status == "confirmed" else "Rejected: kept as retracted")

    def action_verdict_group(self, status: str) -> None:
        """V / X in 'To review': every passage of the highlighted passage's group, as shown (filtered), in one step."""
        from tui.review import group_of

        row = self.excerpts.highlighted_row
        if row is None or row.link_id is None:
            return
        ids = group_of(self.store, row.link_id, self.excerpts.filter_text, self.place.review_by)
        self._review_links(ids, status)

    def _review_entity(self, entity_id: str, *, accept: bool) -> None:
        if self._refuse_if_readonly():
            return
        store = self.store
        entity = store.entity(entity_id)
        name = fmt.visible_line(entity.name)
        match = entity.proposal.match if entity.proposal is not None else None
        if match is not None:
            # A data set's record that seems to be an alliance of the store: merged, or kept as its own.
            into = fmt.visible_line(store.entity(match).name)
            if accept:
                message = f"Merged {name} into {into}"
                self._write(lambda: store.accept_entity(entity_id), done=lambda _: self._after_change(message))
            else:
                message = f"{name} kept apart from {into}: an alliance of its own, not proposed again"
                self._write(lambda: store.reject_entity(entity_id), done=lambda _: self._after_change(message))
            return
        if accept:
            message = f"Accepted: {name} is a grouping of the store now"
            self._write(lambda: store.accept_entity(entity_id), done=lambda _: self._after_change(message))
        else:
            message = f"Rejected: {name} and its proposed facts removed, not proposed again"
            self._write(lambda: store.reject_entity(entity_id), done=lambda _: self._after_change(message))

    def _review_links(self, link_ids: list[str], status: str) -> None:
        if self._refuse_if_readonly() or not link_ids:
            return
        n = len(link_ids)
        what = "1 passage" if n == 1 else f"{n} passages"
        message = f"Accepted {what} as evidence" if status == "accepted" else f"Rejected {what}: not proposed again"
        self._write(lambda: self.store.review_links(link_ids, status), done=lambda _: self._after_change(message))

    def action_undo(self) -> None:
        if self._refuse_if_readonly():
            return
        self._write(self.store.undo, done=lambda label: self._after_change(f"Undone: {label}" if label else self._nothing_to_undo()))

    def _nothing_to_undo(self) -> str:
        if self.store.undo_cut:
            return f"Nothing older to undo (undo reaches the last {self.store.undo_depth:,} changes)"
        return "Nothing to undo"

    def action_redo(self) -> None:
        if self._refuse_if_readonly():
            return
        self._write(self.store.redo, done=lambda label: self._after_change(f"Redone: {label}" if label else "Nothing to redo"))


    def _save_note(self, editor: NoteEditor, text: str) -> None:
        store = self.store
        editor.saving = True
        # Keys typed after ctrl+s are for what comes after the save (the list,
        # a next note), not for an editor about to close: they wait for it.
        release_keys = self.hold_keys()
        if editor.mode == "new":
            assert editor.target is not None
            target = editor.target
            work: Callable[[], Any] = lambda: store.add_note(target, text)
        elif editor.mode == "edit":
            note_id = editor.note_id
            work = lambda: store.edit_note(note_id, text)  # type: ignore[arg-type]
        else:
            note_id = editor.note_id
            work = lambda: store.set_note_tags(note_id, text.replace(",", " ").split())  # type: ignore[arg-type]

        async def saved(note: Any) -> None:
            slow.stop()
            try:
                # One frame for all of it: the editor gone, the rows refilled, the footer's keys back.
                with self.batch_update():
                    await self.excerpts.close_editor()
                    self._after_change("Note saved", note_id=note.id)
            finally:
                release_keys()

        def failed(exc: Exception) -> None:
            slow.stop()
            editor.saving = False
            release_keys()
            editor.set_status(fmt.visible_line(f"NOT saved: {exc} (your text is still here)"), error=True)
            self.notify(f"Your note was not saved: {exc}", title="not saved", severity="error", timeout=10)

        self._write(work, done=saved, failed=failed)
        # Said only if the save takes a while: it takes milliseconds, and a
        # "saving…" drawn meanwhile would flash for a frame and hold the
        # interpreter while the writer thread needs it.
        def still_saving() -> None:
            if editor.saving:
                editor.set_status("saving…")

        slow = self.set_timer(0.25, still_saving)

    @on(NoteEditor.Cancel)
    async def _cancel_note(self, event: NoteEditor.Cancel) -> None:
        editor = event.editor
        if editor.saving:
            return
        if not editor.changed:
            await self.excerpts.close_editor()
            return

        # Answered by callback: awaiting the answer here would block the app's
        # message queue, and with it the keys that answer (a freeze).
        async def answered(discard: bool | None) -> None:
            if discard and self.excerpts.editor is editor:
                await self.excerpts.close_editor()

        self.push_screen(ConfirmScreen("Discard this note? Its text will be lost.", yes="Discard", no="Keep editing"), answered)

    @reports_damage
    def _after_change(self, message: str, note_id: str | None = None) -> None:
        self._loading = True
        try:
            # The lists show facts and their counts: a note leaves them as they are.
            if self.store.version != self._lists_version:
                self._fill_countries()
                self._fill_alliances()
            self._fill_excerpts()
        finally:
            self._loading = False
        if note_id is not None:
            near = self.excerpts.fact_list.highlighted or 0
            index = self.excerpts.lazy_rows.find_where(lambda r: r.note_id == note_id, near + 200)
            if index is not None:
                self.excerpts.select_key(self.excerpts.lazy_rows[index].key, index)
        self._update_titles()
        self.refresh_bindings()
        self.notify(message, timeout=2)
        self._schedule_checkpoint()

    # --- the writer thread ----------------------------------------------------------------

    def _write(
        self,
        work: Callable[[], T],
        *,
        done: Callable[[T], Awaitable[None] | None],
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``work`` on the writer thread; then ``done`` (or ``failed``) on the event loop.

        Refused at once, ``failed`` told why, once a record was found damaged.
        """
        if self._damage is not None:
            refused = ReadOnlyError(self._damage)
            if failed is not None:
                self.call_later(failed, refused)  # later, as a write's outcome always comes
            else:
                self.notify(f"Not saved: {refused}", title="read-only", severity="error", timeout=10)
            return
        # Handed to the writer thread now, not when the worker's task first
        # runs: a frame drawn in between would delay the save by its length.
        # One thread, so the writes still run in the order they were asked for.
        future = self._writer.submit(work)

        async def run() -> None:
            try:
                result = await asyncio.wrap_future(future)
            except (StoreError, OSError) as exc:
                if isinstance(exc, StoreCorrupt):
                    self.report_damage(exc)
                if failed is not None:
                    failed(exc)
                else:
                    self.notify(f"Not saved: {exc}", title="not saved", severity="error", timeout=10)
                return
            outcome = done(result)
            if outcome is not None:
                await outcome

        self.run_worker(run(), group="writes")

    def _schedule_checkpoint(self) -> None:
        if self._checkpoint_timer is not None:
            self._checkpoint_timer.stop()
        self._checkpoint_timer = self.set_timer(2.0, self._checkpoint)

    def _checkpoint(self) -> None:
        def done(_: object) -> None:
            return None

        def failed(exc: Exception) -> None:
            # The journal already holds every change: nothing is lost, the snapshot waits.
            self.log.warning(f"snapshot not written: {exc}")

        self._write(self.store.checkpoint, done=done, failed=failed)
