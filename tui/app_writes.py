"""The app's writes: asked for by a key, run by the store writer (tui/writing.py), shown when its message comes.

Notes (new, edit, tags, delete), a fact's status and fields, the verdicts of
'To review', undo and redo, and imports. Each is refused on a read-only or
damaged store (``_refuse_if_readonly``); each outcome refills the panes once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual import on
from textual.timer import Timer

from store.words.clean import visible_line
from store.errors import StoreCorrupt
from store.models import Annotation, FactStatus
from store.repository import FactStore
from tui import format as fmt
from tui.app_base import AppBase
from tui.damage import reports_damage
from tui.explorer import Change
from tui.panes.editor import NoteEditor
from tui.screens.confirm import ConfirmScreen
from tui.writing import ShowsStore, StoreWriter


class WriteActions(AppBase):
    """Every write the explorer makes, and what it shows when the writer answers."""

    def __init__(self, store: FactStore, *, own_process: bool = False) -> None:
        super().__init__(store, own_process=own_process)
        self._checkpoint_timer: Timer | None = None
        self._slow_save: dict[NoteEditor, Timer] = {}  # "saving…" if a save takes a while
        self._release_keys: dict[NoteEditor, Callable[[], None]] = {}  # keys typed after ctrl+s wait for the save
        self._import_learned = False  # the import dialog's last choice, for this session

    @reports_damage
    async def action_new_note(self) -> None:
        row = self.excerpts.highlighted_row
        if row is None or row.note_target is None or self._refuse_if_readonly():
            return
        about = "this excerpt" if row.kind == "evidence" else "this fact"
        under = row.fact_id  # the new note's row comes under this fact's
        await self.excerpts.open_editor(NoteEditor("new", on_save=partial(self._save_note, key=lambda nid: f"n|{under}|{nid}"),
                                                   target=row.note_target, about=about))

    @reports_damage
    async def action_edit(self) -> None:
        row = self.excerpts.highlighted_row
        if row is None or self._refuse_if_readonly():
            return
        if row.kind == "note" and row.note_id:
            note = self.store.note(row.note_id)
            key = row.key
            await self.excerpts.open_editor(NoteEditor("edit", on_save=partial(self._save_note, key=lambda _: key),
                                                       note_id=note.id, text=note.body))
        elif row.fact_id:
            from tui.screens.fact_edit import FactEditScreen

            fact = self.store.fact(row.fact_id)
            # A callback, not push_screen_wait: that needs a worker (NoActiveWorker from an action).
            def edited(changes: dict[str, Any] | None) -> None:
                if changes:
                    self.writer.write(lambda: self.store.edit_fact(fact.id, **changes), "Fact saved")

            self.push_screen(FactEditScreen(fact, self.store), edited)

    @reports_damage
    async def action_tags(self) -> None:
        row = self.excerpts.highlighted_row
        if row is None or row.note_id is None or self._refuse_if_readonly():
            return
        note = self.store.note(row.note_id)
        key = row.key
        await self.excerpts.open_editor(NoteEditor("tags", on_save=partial(self._save_note, key=lambda _: key),
                                                   note_id=note.id, text=" ".join(note.tags)))

    @reports_damage
    async def action_delete_note(self) -> None:
        row = self.excerpts.highlighted_row
        if row is None or row.note_id is None or self._refuse_if_readonly():
            return
        note = self.store.note(row.note_id)
        preview = fmt.visible(note.body.splitlines()[0] if note.body else "")[:60]

        def answered(yes: bool | None) -> None:
            if yes:
                self.writer.write(lambda: self.store.delete_note(note.id), "Note deleted (u to undo)")

        self.push_screen(ConfirmScreen(f"Delete this note?\n\n{preview}", yes="Delete", no="Keep"), answered)

    @reports_damage
    def action_status(self, status: str, done: str = "") -> None:
        row = self.excerpts.highlighted_row
        if row is None or row.fact_id is None or self._refuse_if_readonly():
            return
        fact_id = row.fact_id
        if self.store.fact(fact_id).status is FactStatus(status):
            self.notify(f"Already {status}: nothing to change", timeout=2)  # and no undo step that undoes nothing
            return
        self.writer.write(lambda: self.store.set_fact_status(fact_id, FactStatus(status)), done or f"Marked {status}")

    def action_add_entity(self) -> None:
        """An alliance, grouping or country added by hand (store/entity_edit.py), one undo step."""
        from store.entity_edit import add_entity
        from tui.screens.entity_form import EntityFormScreen, NewEntity

        if self._refuse_if_readonly():
            return

        def added(new: NewEntity | None) -> None:
            if new is not None:
                store = self.store

                def work() -> object:
                    return add_entity(store, new.kind, new.name, aliases=new.aliases, members=new.members, code=new.code)

                self.writer.write(work, visible_line(f"Added {new.name}"))

        self.push_screen(EntityFormScreen(self.store), added)

    def action_merge_entity(self) -> None:
        """The highlighted country or alliance merged into another (store/entity_edit.py), one undo step."""
        from store.entity_edit import merge_entities
        from tui.screens.entity_form import MergeScreen

        entity_id = self.explorer.place.alliance if self.focused_pane() == "alliances" else self.explorer.place.country
        if entity_id is None or self._refuse_if_readonly():
            self.notify("Highlight a country or an alliance first", timeout=2)
            return
        gone = self.store.entity(entity_id)

        def chosen(keep_id: str | None) -> None:
            if keep_id is not None:
                keep = self.store.entity(keep_id)
                self.writer.write(lambda: merge_entities(self.store, keep_id, gone.id),
                                  visible_line(f"Merged {gone.name} into {keep.name} (u to undo)"))

        self.push_screen(MergeScreen(self.store, gone), chosen)

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
        self._review_links(group_of(self.store, row.link_id, self.excerpts.filter_text, self.place.review_by), status)

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
            message = f"Merged {name} into {into}" if accept else f"{name} kept apart from {into}: an alliance of its own, not proposed again"
        elif accept:
            message = f"Accepted: {name} is a grouping of the store now"
        else:
            message = f"Rejected: {name} and its proposed facts removed, not proposed again"
        if accept:
            self.writer.write(lambda: store.accept_entity(entity_id), message)
        else:
            self.writer.write(lambda: store.reject_entity(entity_id), message)

    def _review_links(self, link_ids: list[str], status: str) -> None:
        if self._refuse_if_readonly() or not link_ids:
            return
        n = len(link_ids)
        what = "1 passage" if n == 1 else f"{n} passages"
        message = f"Accepted {what} as evidence" if status == "accepted" else f"Rejected {what}: not proposed again"
        self.writer.write(lambda: self.store.review_links(link_ids, status), message)

    def action_undo(self) -> None:
        if self._refuse_if_readonly():
            return
        self.writer.write(self.store.undo, lambda label: f"Undone: {label}" if label else self._nothing_to_undo())

    def _nothing_to_undo(self) -> str:
        if self.store.undo_cut:
            return f"Nothing older to undo (undo reaches the last {self.store.undo_depth:,} changes)"
        return "Nothing to undo"

    def action_redo(self) -> None:
        if self._refuse_if_readonly():
            return
        self.writer.write(self.store.redo, lambda label: f"Redone: {label}" if label else "Nothing to redo")

    def _save_note(self, editor: NoteEditor, text: str, *, key: Callable[[str], str]) -> None:
        store = self.store
        editor.saving = True
        # Keys typed after ctrl+s are for what comes after the save (the list,
        # a next note), not for an editor about to close: they wait for it.
        self._release_keys[editor] = self.hold_keys()
        work: Callable[[], Annotation]
        if editor.mode == "new":
            assert editor.target is not None
            target = editor.target
            work = partial(store.add_note, target, text)
        else:
            note_id = editor.note_id
            assert note_id is not None
            if editor.mode == "edit":
                work = partial(store.edit_note, note_id, text)
            else:
                work = partial(store.set_note_tags, note_id, text.replace(",", " ").split())
        self.writer.write(work, "Note saved", token=editor, note_key=key)

        # Said only if the save takes a while: it takes milliseconds, and a
        # "saving…" drawn meanwhile would flash for a frame and hold the
        # interpreter while the writer thread needs it.
        def still_saving() -> None:
            if editor.saving:
                editor.set_status("saving…")

        self._slow_save[editor] = self.set_timer(0.25, still_saving)

    def _save_over(self, editor: NoteEditor) -> None:
        timer = self._slow_save.pop(editor, None)
        if timer is not None:
            timer.stop()
        release = self._release_keys.pop(editor, None)
        if release is not None:
            release()

    @on(StoreWriter.Saved)
    @reports_damage
    async def _saved(self, event: StoreWriter.Saved) -> None:
        editor = event.token if isinstance(event.token, NoteEditor) else None
        try:
            # One frame for all of it: the editor gone, the rows refilled once with the cursor on the note, the footer's keys.
            with self.batch_update():
                change = self.explorer.refresh(note=event.note_key)
                if editor is not None and self.excerpts.editor is editor:
                    await self.excerpts.close_editor(change.excerpts)
                    change = Change(change.countries, change.alliances, None, change.crumbs)
                self._apply(change)
        finally:
            if editor is not None:
                self._save_over(editor)
        self.refresh_bindings()
        if event.message:
            self.notify(event.message, timeout=2)
        if isinstance(event.token, ShowsStore):
            event.token.store_changed()  # a view on top that asked for the write (Sources) shows it too
        if isinstance(event.result, ImportOutcome):
            self._tell_import(event.result)
        self._schedule_checkpoint()

    def _tell_import(self, outcome: ImportOutcome) -> None:
        if isinstance(outcome.fatal, StoreCorrupt):
            self.report_damage(outcome.fatal)
        for line in outcome.lines:
            self.notify(line, title="Import", timeout=12, markup=False)
        if outcome.failures:
            # Every failure in one notification: a folder's twenty bad files are not twenty toasts.
            self.notify(outcome.failures, title="Not imported", severity="error", timeout=20, markup=False)
        if outcome.proposed:
            self.notify(f"Press {self.key_for('app.review')} to review the proposed facts", timeout=6)

    @on(StoreWriter.Failed)
    def _failed(self, event: StoreWriter.Failed) -> None:
        if isinstance(event.error, StoreCorrupt):
            self.report_damage(event.error)
        editor = event.token if isinstance(event.token, NoteEditor) else None
        if editor is None:
            self.notify(event.sentence, title="not saved", severity="error", timeout=10)
            return
        self._save_over(editor)
        editor.saving = False
        editor.set_status(fmt.visible_line(f"NOT saved: {event.error} (your text is still here)"), error=True)
        self.notify(f"Your note was not saved: {event.error}", title="not saved", severity="error", timeout=10)

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

    def _schedule_checkpoint(self) -> None:
        if self._checkpoint_timer is not None:
            self._checkpoint_timer.stop()
        self._checkpoint_timer = self.set_timer(2.0, self._checkpoint)

    def _checkpoint(self) -> None:
        # The journal already holds every change: nothing is lost if this fails, the snapshot waits.
        self.writer.quietly(self.store.checkpoint, on_error=lambda exc: self.log.warning(f"snapshot not written: {exc}"))

    def action_import(self) -> None:
        """Ask for a file or a folder, import it on the writer thread, show what it added."""
        from tui.screens.import_article import ImportChoice, ImportScreen

        if self._refuse_if_readonly():
            return

        def chosen(choice: ImportChoice | None) -> None:
            if choice is None:
                return
            from store.pipeline.batch import BatchResult, batch_headline, collect, failures_message, import_batch, skipped_lines
            from store.pipeline.extract.learned import use_model

            path = choice.path
            self._import_learned = choice.learned
            collected = collect([path])
            files = collected.files
            one = files == [path]

            def imported(result: Any) -> StoreWriter.Saved:
                # Told when the app has the message, the panes refilled.
                if one:
                    lines = [report.headline() for report in result.reports]
                else:
                    lines = ["\n".join([batch_headline(result), *skipped_lines(collected)])]
                outcome = ImportOutcome(tuple(lines), failures_message(result), any(r.proposed for r in result.reports), result.fatal)
                # No "Imported" of its own: the headlines say it, and a re-import says "Already imported" once.
                return StoreWriter.Saved("" if result.reports else "Nothing imported", result=outcome)

            def run() -> BatchResult:
                # The writer thread is the app's only importer: the switch is set for this import alone.
                before = use_model(choice.learned)
                try:
                    # The app goes on past a bad file: the failures are listed after, and each article is its own undo.
                    return import_batch(self.store, files, keep_going=True)
                finally:
                    use_model(before)

            self.writer.run(run, imported)

        self.push_screen(ImportScreen(self._import_learned), chosen)


@dataclass(frozen=True)
class ImportOutcome:
    """What an import tells the user once the panes show it."""

    lines: tuple[str, ...]  # a headline per article, or the batch's
    failures: str | None  # every file not imported, in one message
    proposed: bool  # facts or passages wait in 'To review'
    fatal: Exception | None
