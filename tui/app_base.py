"""The explorer app's core: its state, the panes, and how a move of the explorer is shown.

An Explorer (tui/explorer.py) says where the user is and what each pane shows;
a StoreWriter (tui/writing.py) runs every write on one thread. This class
holds both, applies the views the explorer returns to the widgets, follows
the cursor and the filters, and answers which keys apply (``check_action``).
The actions are in tui/app_views.py (moving, other views) and
tui/app_writes.py (every write); tui/app.py puts them together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import App
from textual.widget import Widget
from textual.widgets import Static

from store.words.clean import visible, visible_line
from store.errors import StoreCorrupt
from store.repository import FactStore
from tui import format as fmt
from tui import actions, layout
from tui.damage import reports_damage
from tui.explorer import Change, Explorer
from tui.keys_in_order import KeysInOrder
from tui.panes.excerpts import ExcerptsPane
from tui.panes.footer import KeysFooter
from tui.panes.lists import ListPane
from tui.panes.rowlist import RowList
from tui.panes.title import TitleBar
from tui.rows import render_row
from tui.state import PANES, PaneName, Place, Trail
from tui.writing import StoreWriter


class AppBase(KeysInOrder, App[int]):
    """What every part of the app shares: the store, the explorer, the writer and the panes."""

    IN_ORDER_FOR = (RowList,)

    def __init__(self, store: FactStore, *, own_process: bool = False) -> None:
        super().__init__()
        self.store = store
        self._own_process = own_process
        # Where the user is and what each pane shows: the screen only applies its views.
        self.explorer = Explorer(store, on_damage=self.report_damage, key_for=self.key_for)
        self.writer = StoreWriter(self, store)
        self._row_look: tuple[object, ...] | None = None  # what the footer's keys were last worked out for
        # Footer and palette ask check_action before the panes exist (App.is_mounted is
        # not a flag but a method taking a widget, so it cannot say that).
        self._explorer_ready = False
        self._last_list: PaneName = "countries"  # the list pane shown beside the excerpts on a narrow terminal
        self.keymap: dict[str, str] = {}  # what set_keymap was given (Textual keeps its own, privately)
        self.pane_widths: layout.Widths | None = None  # the list panes' widths the user set; None: the stylesheet's
        self._limit_said = False  # a pane at its widest (or narrowest) says so once, not once a key

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

    def _render_row(self, row: Any) -> Any:
        try:
            return render_row(self.store, row, self.key_for)
        except StoreCorrupt as exc:
            # Drawn while the screen paints: a raise here would end the session.
            self.call_later(self.report_damage, exc)
            return Text("⚠ a damaged record: see `alliances-tui check`", style="bold red")

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
        if name != "excerpts":
            self._last_list = name
        self._fit_panes(name)  # a pane a narrow terminal hides is shown before it takes the focus
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
        if pane != "excerpts":
            self._last_list = pane
        self._fit_panes()
        if pane == self.place.focus:
            return
        self._apply(self.explorer.focus(pane))
        self.refresh_bindings()

    # --- the panes a terminal has room for (tui/layout.py) ----------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._fit_panes(size=(event.size.width, event.size.height))

    def _fit_panes(self, focus: PaneName | None = None, size: tuple[int, int] | None = None) -> None:
        if not self._explorer_ready:
            return
        width, height = size or self.size
        shown = layout.visible_panes(width, focus or self.focused_pane(), self._last_list)
        for name in PANES:
            pane = self.query_one(f"#{name}")
            if pane.display != (name in shown):
                pane.display = name in shown
        self._size_panes(shown, width)
        # Over the panes, not instead of them: the focus (a note being written) stays where it is.
        message = layout.too_small(width, height)
        notice = self.query_one("#too-small", Static)
        if notice.display != (message is not None) or message:
            notice.update(message or "")
            notice.display = message is not None

    def _size_panes(self, shown: tuple[PaneName, ...], width: int) -> None:
        if self.pane_widths is None:
            return
        countries, alliances = layout.fitted(self.pane_widths, shown, width)
        for pane, columns in ((self.countries, countries), (self.alliances, alliances)):
            styles = pane.styles
            if styles.width is None or styles.width.cells != columns:
                styles.max_width = columns  # the stylesheet caps the countries pane; the user's width is the cap
                styles.width = columns

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Footer and palette ask before the panes exist: nothing is highlighted yet.
        if not self._explorer_ready:
            return actions.applies(action, actions.Context(can_undo=self.store.can_undo, can_redo=self.store.can_redo,
                                                           readonly=self.writer.not_writable is not None))
        return actions.applies(action, actions.Context(
            row=self.excerpts.highlighted_row if self.screen.is_current else None,
            review=self.place.review,
            editing=self.excerpts.editor is not None,
            overlaid=len(self.screen_stack) > 1,
            can_undo=self.store.can_undo,
            can_redo=self.store.can_redo,
            readonly=self.writer.not_writable is not None,
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
