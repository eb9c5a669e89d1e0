"""The explorer: three panes over a FactStore.

The app composes the screen, an Explorer (tui/explorer.py: where the user is
and what each pane shows) and a StoreWriter (tui/writing.py: every write, on
one writer thread, its outcome back as a message). A key or a highlight is a
move of the explorer; the app applies the views it returns to the widgets.
The order of keys typed in one burst is kept by tui/keys_in_order.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widget import Widget

from store.clean import visible, visible_line
from store.errors import StoreCorrupt, StoreError
from store import treaties
from store.models import Annotation, EntityKind, FactStatus
from store.repository import FactStore
from tui import format as fmt
from tui import actions, memory
from tui.commands import ExplorerCommands
from tui.damage import reports_damage
from tui.explorer import Change, Explorer, ListEntry
from tui.keys_in_order import KeysInOrder
from tui.panes.editor import NoteEditor
from tui.panes.excerpts import ExcerptsPane
from tui.panes.footer import KeysFooter
from tui.panes.lists import ListPane
from tui.panes.rowlist import RowList
from tui.panes.title import TitleBar
from tui.rows import render_row
from tui.screens.confirm import ConfirmScreen
from tui.screens.help import HelpScreen
from tui.state import PANES, PaneName, Place, Trail
from tui.writing import StoreWriter

class AlliancesApp(KeysInOrder, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "alliances-tui"
    COMMANDS = App.COMMANDS | {ExplorerCommands}
    IN_ORDER_FOR = (RowList,)
    BINDINGS = actions.bindings("app")

    def __init__(self, store: FactStore, *, own_process: bool = False) -> None:
        super().__init__()
        self.store = store
        self._own_process = own_process
        # Where the user is and what each pane shows: the screen only applies its views.
        self.explorer = Explorer(store, on_damage=self.report_damage, key_for=self.key_for)
        self.writer = StoreWriter(self, store)
        self._checkpoint_timer: Timer | None = None
        self._row_look: tuple[object, ...] | None = None  # what the footer's keys were last worked out for
        self._slow_save: dict[NoteEditor, Timer] = {}  # "saving…" if a save takes a while
        self._release_keys: dict[NoteEditor, Callable[[], None]] = {}  # keys typed after ctrl+s wait for the save
        # Footer and palette ask check_action before the panes exist (App.is_mounted is
        # not a flag but a method taking a widget, so it cannot say that).
        self._explorer_ready = False
        self.keymap: dict[str, str] = {}  # what set_keymap was given (Textual keeps its own, privately)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification shown as text: never parsed as markup, control characters as stand-ins.

        Messages quote titles, names, file names and errors that quote files; a
        "[/]" in a title parsed as markup crashed the explorer. Widgets and
        screens pass ``markup=True`` explicitly (Widget.notify does): ignored
        here, since nothing of ours needs markup in a notification.
        """
        super().notify(visible(message), title=visible_line(title), severity=severity, timeout=timeout, markup=False)

    # --- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="panes"):
            yield ListPane("Countries", id="countries", line=entry_line, on_highlight=self._country_highlighted,
                           on_filter=partial(self._list_filtered, "countries"))
            yield ListPane("Alliances", id="alliances", line=entry_line, on_highlight=self._alliance_highlighted,
                           on_filter=partial(self._list_filtered, "alliances"))
            yield ExcerptsPane(self._render_row, on_highlight=self._row_highlighted)
        yield KeysFooter()

    @reports_damage
    def on_mount(self) -> None:
        self._explorer_ready = True
        self.title = f"alliances-tui · {visible_line(self.store.folder.name)}"
        # Focused now, not after the first fill: the focused list draws its rows
        # in its own colours, and a focus that came later would draw them twice.
        self.screen.set_focus(self.countries.option_list)
        self._apply(self.explorer.start_at("South Korea"))
        if self._own_process:
            self.call_after_refresh(memory.settle)
        if self.store.readonly:
            self.notify(self.store.readonly_reason, title="read-only", severity="warning", timeout=8)
        else:
            # Off the first save's path: the copy of a large store takes a while.
            self.writer.quietly(self.store.backup_if_due, on_error=lambda exc: None)

    def _render_row(self, row: Any) -> Any:
        try:
            return render_row(self.store, row, self.key_for)
        except StoreCorrupt as exc:
            # Drawn while the screen paints: a raise here would end the session.
            self.call_later(self.report_damage, exc)
            return Text("⚠ a damaged record: see `alliances-tui check`", style="bold red")

    def on_key(self, event: events.Key) -> None:
        if self._own_process:
            self.call_after_refresh(memory.tidy)

    def on_unmount(self) -> None:
        self.writer.shutdown()
        try:
            self.store.close()
        except (OSError, StoreError):
            pass  # the journal holds every change; the next open replays it

    # --- panes -------------------------------------------------------------------

    @property
    def place(self) -> Place:
        return self.explorer.place

    @property
    def trail(self) -> Trail:
        return self.explorer.trail

    def pane(self, name: PaneName) -> Widget:
        return self.query_one(f"#{name}")

    @property
    def countries(self) -> ListPane:
        return self.query_one("#countries", ListPane)

    @property
    def alliances(self) -> ListPane:
        return self.query_one("#alliances", ListPane)

    @property
    def excerpts(self) -> ExcerptsPane:
        return self.query_one(ExcerptsPane)

    def focused_pane(self) -> PaneName:
        node = self.focused
        while node is not None:
            if node.id in PANES:
                return node.id
            node = node.parent  # type: ignore[assignment]
        return self.place.focus

    def _apply(self, change: Change) -> None:
        """Show what a move of the explorer changed; the panes that did not change are not touched.

        The lists tell the explorer where their cursor lands (their highlight
        callbacks): it is where the view put it, so the explorer hears nothing new.
        """
        if change.countries is not None:
            self.countries.show(change.countries)
        if change.alliances is not None:
            self.alliances.show(change.alliances)
        if change.excerpts is not None:
            self.excerpts.show(change.excerpts)
        if change.crumbs is not None:
            self._show_crumbs(change.crumbs)
        if change.focus is not None:
            self._focus(change.focus)
        if change.message is not None:
            self.notify(change.message, timeout=2)
        self._keys_follow_row()

    def _show_crumbs(self, crumbs: tuple[str, ...]) -> None:
        sub = visible_line(fmt.joined(crumbs))
        if self.not_writable is not None:
            sub = f"read-only · {sub}"
        if sub != self.sub_title:
            # Assigning App.sub_title repaints the whole screen (it is a repaint
            # reactive of the app): set it quietly and redraw the title line only.
            self.set_reactive(App.sub_title, sub)
            self.query_one(TitleBar).show_title()

    def _keys_follow_row(self) -> None:
        """The footer's keys follow the highlighted row's kind (d and t on a note, not on a fact).

        Textual asks check_action again only when the focus moves or the
        bindings are refreshed: a cursor moving from a fact to a note did neither.
        """
        if not self._explorer_ready:
            return
        row = self.excerpts.highlighted_row
        look = (None,) if row is None else (row.kind, row.note_target is not None, row.fact_id is not None)
        if look != self._row_look:
            self._row_look = look
            self.refresh_bindings()
            # Now, in the frame that shows the row: the footer's own wait for the
            # frame drew the same key twice (a frame more on every key that moved
            # from a fact to a note: 8 ms at 120 frames a second).
            for footer in self.query(KeysFooter):  # (none while a dialog is on top)
                footer.show_keys_now()

    def _focus(self, name: PaneName) -> None:
        if name == "excerpts":
            self.excerpts.fact_list.focus()
        else:
            self.query_one(f"#{name}-list").focus()

    # --- following the cursor -------------------------------------------------------

    @reports_damage
    def _country_highlighted(self, entity_id: str) -> None:
        self._apply(self.explorer.highlight("countries", entity_id))

    @reports_damage
    def _alliance_highlighted(self, entity_id: str) -> None:
        self._apply(self.explorer.highlight("alliances", entity_id))

    def _row_highlighted(self, key: str | None) -> None:
        self.explorer.highlight_row(key)
        self._keys_follow_row()

    @reports_damage
    def _list_filtered(self, pane: PaneName, text: str) -> None:
        self._apply(self.explorer.filter(pane, text))

    @reports_damage
    def on_descendant_focus(self, event: Any) -> None:
        pane = self.focused_pane()
        if pane == self.place.focus:
            return
        self._apply(self.explorer.focus(pane))
        self.refresh_bindings()

    @on(ListPane.Chosen, "#alliances")
    @reports_damage
    def _follow_alliance(self, event: ListPane.Chosen) -> None:
        self._apply(self.explorer.follow(event.entity_id))

    @on(ListPane.Chosen, "#countries")
    @reports_damage
    def _into_country(self, event: ListPane.Chosen) -> None:
        self._apply(self.explorer.enter_country(event.entity_id))

    @on(RowList.Selected, "#facts")
    @reports_damage
    def _jump_from_fact(self, event: RowList.Selected) -> None:
        event.stop()
        row = self.excerpts.highlighted_row
        if row is None or row.fact_id is None:
            return
        self._apply(self.explorer.jump(row.fact_id))

    @on(ExcerptsPane.FilterChanged)
    @reports_damage
    def _excerpts_filter(self) -> None:
        self._apply(self.explorer.filter("excerpts", self.excerpts.filter_text))

    # --- actions: moving ----------------------------------------------------------------

    def action_pane(self, step: int) -> None:
        i = PANES.index(self.focused_pane())
        self._focus(PANES[(i + step) % len(PANES)])

    def action_focus_pane(self, name: PaneName) -> None:
        self._focus(name)

    # Not action_back: that is Textual's own (the previous screen), with another meaning.
    @reports_damage
    def action_go_back(self) -> None:
        self._apply(self.explorer.back())

    @reports_damage
    def action_all_alliances(self) -> None:
        self._apply(self.explorer.all_alliances())

    @reports_damage
    def action_review(self) -> None:
        """Toggle the 'To review' view: the facts imports proposed, across the store."""
        self._apply(self.explorer.review())
        if self.place.review and not self.excerpts.lazy_rows:
            self.notify("Nothing to review: imports propose facts and passages here", timeout=3)
        self.refresh_bindings()  # v and x change meaning (and footer words) even when the focus stays

    @reports_damage
    def action_review_group_by(self) -> None:
        """In 'To review': group the proposed passages by fact, or by article."""
        self._apply(self.explorer.review_group_by())
        self.notify(f"Proposed passages grouped by {self.place.review_by}", timeout=2)

    def action_filter(self) -> None:
        pane = self.focused_pane()
        if pane == "excerpts":
            self.excerpts.open_filter()
        else:
            self.query_one(f"#{pane}", ListPane).open_filter()

    @reports_damage
    def action_clear_filter(self) -> None:
        pane = self.focused_pane()
        if pane == "excerpts":
            self.excerpts.clear_filter()
        else:
            self.query_one(f"#{pane}", ListPane).clear_filter()
        self._apply(self.explorer.filter(pane, ""))

    @reports_damage
    def go_to(self, entity_id: str) -> None:
        """Jump to any entity (the command palette's 'Go to')."""
        self._apply(self.explorer.go_to(entity_id))

    # --- actions: writing ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Footer and palette ask before the panes exist: nothing is highlighted yet.
        if not self._explorer_ready:
            return actions.applies(action, actions.Context(can_undo=self.store.can_undo, can_redo=self.store.can_redo))
        return actions.applies(action, actions.Context(
            row=self.excerpts.highlighted_row if self.screen.is_current else None,
            review=self.place.review,
            editing=self.excerpts.editor is not None,
            overlaid=len(self.screen_stack) > 1,
            can_undo=self.store.can_undo,
            can_redo=self.store.can_redo,
        ))

    # --- the user's keymap: every hint names the keys it binds -------------------------

    def set_keymap(self, keymap: Mapping[str, str]) -> None:
        self.keymap = dict(keymap)
        super().set_keymap(actions.pinned(self.keymap))
        if self._explorer_ready:
            self._apply(self.explorer.refresh())  # rows and the pane's title name keys

    def update_keymap(self, keymap: Mapping[str, str]) -> None:
        self.set_keymap({**self.keymap, **keymap})

    def key_for(self, action_id: str) -> str:
        """The key the user's keymap binds to ``action_id``, as shown (see tui/actions.py)."""
        return actions.key_for(action_id, self)

    # --- writes: asked for here, run by the store writer, shown when its message comes ----------

    @property
    def not_writable(self) -> str | None:
        """Why nothing can be saved now (a read-only store, a damaged record), or None."""
        return self.writer.not_writable

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
        sentence = self.writer.damaged(exc)
        if sentence is None:
            return
        self.notify(sentence, title="damaged store", severity="error", timeout=30)
        # (maybe called while a pane draws its rows)
        self.call_later(lambda: self._show_crumbs(self.explorer.breadcrumb()))
        self.refresh_bindings()

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
        self.writer.write(lambda: self.store.set_fact_status(fact_id, FactStatus(status)), done or f"Marked {status}")

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
        self.notify(event.message, timeout=2)
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

    @reports_damage
    def action_copy_quote(self) -> None:
        row = self.excerpts.highlighted_row
        if row is None or row.excerpt_id is None:
            return
        excerpt = self.store.excerpts[row.excerpt_id]
        source = self.store.sources[excerpt.source_id]
        # Pasted later into a terminal or a document: controls as stand-ins, as on screen.
        self.copy_to_clipboard(visible(f"“{excerpt.quote.exact}” — {source.citation()}"))
        self.notify("Quote copied with its citation", timeout=2)

    def _selected_entity(self) -> str | None:
        place = self.place
        if place.focus != "countries" and place.alliance:
            return place.alliance
        return place.country or place.alliance

    @reports_damage
    def action_graph(self) -> None:
        from tui.screens.graph import GraphScreen

        centre = self._selected_entity()
        if centre is None:
            self.notify("Highlight a country or an alliance first", timeout=2)
            return

        def opened(entity_id: str | None) -> None:
            if entity_id and entity_id != centre:
                self.go_to(entity_id)

        self.push_screen(GraphScreen(self.store, centre), opened)

    @reports_damage
    def action_timeline(self) -> None:
        from tui.screens.timeline import TimelineScreen

        centre = self._selected_entity()
        if centre is None:
            self.notify("Highlight a country or an alliance first", timeout=2)
            return
        other = self.place.alliance if self.place.narrowed and centre != self.place.alliance else None
        self.push_screen(TimelineScreen(self.store, centre, other))

    def action_import(self) -> None:
        """Ask for a file or a folder, import it on the writer thread, show what it added."""
        from tui.screens.import_article import ImportScreen

        if self._refuse_if_readonly():
            return

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            from store.pipeline.batch import batch_headline, collect, failures_message, import_batch, skipped_lines

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
                return StoreWriter.Saved("Imported" if result.reports else "Nothing imported", result=outcome)

            # The app goes on past a bad file: the failures are listed after, and each article is its own undo.
            self.writer.run(lambda: import_batch(self.store, files, keep_going=True), imported)

        self.push_screen(ImportScreen(), chosen)

    def action_help(self) -> None:
        # Each view's own keys: the graph's help is the graph's.
        topic = getattr(self.screen, "HELP_TOPIC", None) or ("review" if self.place.review else "explorer")
        self.push_screen(HelpScreen(topic))

@dataclass(frozen=True)
class ImportOutcome:
    """What an import tells the user once the panes show it."""

    lines: tuple[str, ...]  # a headline per article, or the batch's
    failures: str | None  # every file not imported, in one message
    proposed: bool  # facts or passages wait in 'To review'
    fatal: Exception | None


def entry_line(entry: ListEntry) -> RenderableType:
    """A list line: a country and its count; an alliance of the country and how the country is tied to it;
    or an alliance in the list of all. An ended alliance and a suspended membership carry a sign and a
    style, not colour alone."""
    entity = entry.entity
    if entry.facts is not None:
        return _link_line(entry)
    if entity.kind is EntityKind.COUNTRY:
        return fmt.entity_line(entry.label(), entry.count or 0)
    if entity.ended is not None:
        return fmt.entity_line(f"{fmt.ENDED_SIGN} {entry.label()} ({fmt.ended_mark(entity)})", entry.count or 0, 26, fmt.ENDED_STYLE)
    return fmt.entity_line(entry.label(), entry.count or 0, 26)


def _link_line(entry: ListEntry) -> Text:
    assert entry.facts is not None
    ended = fmt.ended_mark(entry.entity)
    suspension = treaties.live_suspension(entry.facts)  # the facts are at hand: no lookup
    text = Text()
    if ended:
        text.append(f"{fmt.ENDED_SIGN} ", style="bold")
    elif suspension is not None:
        text.append(f"{fmt.SUSPENDED_SIGN} ", style=f"bold {fmt.SUSPENDED_STYLE}")
    text.append_text(fmt.plain(entry.label(), "bold"))
    text.append("  ")
    text.append(fmt.link_summary(entry.facts), style="dim")
    if suspension is not None:
        text.stylize("italic")  # the summary says "suspended since …" (its own relation)
    if ended:
        text.append(f" · {ended}", style="bold")
        text.stylize(fmt.ENDED_STYLE)
    return text


def build_app(folder: Path | str, *, readonly: bool = False, own_process: bool = False) -> AlliancesApp:
    """The one factory: the CLI, the tests and the snapshots all build the app here.

    ``own_process``: the app is all this process runs (the CLI), so it may
    tune the garbage collector for it (see ``tui.memory``).
    """
    store = FactStore.open(Path(folder), readonly=readonly)
    if own_process:
        memory.after_open()
    return AlliancesApp(store, own_process=own_process)
