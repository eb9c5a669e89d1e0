"""The excerpts pane: the facts of the selection with their evidence and notes.

Rows are made and rendered only as far as the screen, the cursor or the
scroll reaches (``RowList``), so a country with thousands of facts opens as
fast as one with ten. When a note editor opens, the list splits at the
highlighted row: the rows down to it above the editor, the rest below.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input
from textual.widgets.option_list import Option

from tui.explorer import ExcerptsView
from tui.panes.editor import NoteEditor, ShowControls
from tui.panes.lists import FollowList
from tui.panes.title import TitledPane, set_border_title
from tui.rows import LazyRows, Row

PAGE = 20  # how far past its old place the cursor's row is looked for after a refill


class FactList(FollowList):
    """The rows list of the excerpts pane (one of two while a note editor splits it)."""


class ExcerptsPane(TitledPane, Vertical):
    class FilterChanged(Message):
        """The filter text changed: the app rebuilds the rows."""

    def __init__(
        self,
        render: Callable[[Row], RenderableType],
        *,
        on_highlight: Callable[[str | None], None] | None = None,
        id: str = "excerpts",
    ) -> None:
        """``on_highlight`` gets the key of each row the cursor rests on, at once."""
        super().__init__(id=id, classes="pane")
        self.border_title = "Excerpts"
        self._render_row = render
        self._on_highlight = on_highlight
        self._rows = LazyRows()
        self._selection: tuple[object, ...] | None = None  # what the rows shown are about (the explorer's name for it)
        self._offset_below = 0  # index in _rows of the first row of the lower list
        self._filter = ""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter facts…", id="excerpts-filter", classes="filter", highlighter=ShowControls())
        yield FactList(id="facts", on_highlight=self._highlighted)
        yield FactList(id="facts-below")

    # --- content ------------------------------------------------------------

    @property
    def fact_list(self) -> FactList:
        return self.query_one("#facts", FactList)

    @property
    def filter_text(self) -> str:
        return self._filter

    @property
    def rows(self) -> list[Row]:
        """Every row of the selection (makes them all: the pane itself only asks for pages)."""
        return self._rows[:]

    @property
    def lazy_rows(self) -> LazyRows:
        return self._rows

    def prompt(self, row: Row) -> RenderableType:
        """What the pane shows for ``row``."""
        return self._render_row(row)

    def _option(self, row: Row) -> Option:
        return Option(self._render_row(row), id=row.key, disabled=row.kind == "group")

    def _source(self, start: int, stop: int | None = None) -> Callable[[int], Option | None]:
        """Rows ``start`` to ``stop`` (or the end) of the selection, as a list fetches them."""
        rows = self._rows

        def fetch(index: int) -> Option | None:
            at = start + index
            if stop is not None and at >= stop:
                return None
            row = rows.get(at)
            return None if row is None else self._option(row)

        return fetch

    def _highlighted(self, option: Option) -> None:
        if self._on_highlight is not None:
            self._on_highlight(option.id)

    def show(self, view: ExcerptsView) -> None:
        """Show the explorer's view: the same selection refilled keeps the cursor near its place, another starts at its top."""
        set_border_title(self, view.title)
        same = view.selection == self._selection
        self._selection = view.selection
        if view.rows is self._rows and view.highlighted_key is None:
            return
        if view.anywhere:  # a row asked for (back along the trail, a note saved): wherever it is
            self.set_rows(view.rows, view.highlighted_key, reach=None)
            return
        near = (self.fact_list.highlighted or 0) if same else 0
        self.set_rows(view.rows, view.highlighted_key, near)

    def set_rows(self, rows: LazyRows, highlight: str | None = None, near: int = 0, *, reach: int | None = PAGE) -> None:
        """Show ``rows`` with the cursor on ``highlight`` if it is among the first ``near + reach`` (reach None: anywhere)."""
        self._rows = rows
        fl = self.fact_list
        target = rows.find(highlight, near + reach if reach is not None else float("inf")) if highlight else None
        fl.set_source(self._source(0))
        if target is None:
            # The row is gone (a proposal accepted, a note deleted): stay near where it was.
            shown = rows.head(near + 1)
            start = min(near, max(len(shown) - 1, 0))
            target = next((i for i in [*range(start, len(shown)), *range(start - 1, -1, -1)] if shown[i].kind != "group"), None)
            if target is None:
                target = fl.enabled_from(0, 1)
        fl.highlighted = target

    @property
    def highlighted_row(self) -> Row | None:
        fl = self.fact_list
        if fl.highlighted is None:
            return None
        return self._rows.get(fl.highlighted)

    def select_key(self, key: str, near: int = 0) -> bool:
        index = self._rows.find(key, near + PAGE)
        if index is None:
            return False
        self.fact_list.highlighted = index
        return True

    # --- the editor -------------------------------------------------------------

    @property
    def editor(self) -> NoteEditor | None:
        """The open note editor (one being removed no longer counts)."""
        return next((e for e in self.query(NoteEditor) if not e.closing), None)

    async def open_editor(self, editor: NoteEditor) -> None:
        """Split the list under the highlighted row and put the editor there."""
        fl = self.fact_list
        index = fl.highlighted if fl.highlighted is not None else 0
        self._offset_below = index + 1
        below = self.query_one("#facts-below", FactList)
        with self.app.batch_update():
            self.add_class("split")
            fl.set_source(self._source(0, index + 1), index + 1)
            fl.highlighted = index
            below.set_source(self._source(index + 1))
            await self.mount(editor, after=fl)
        fl.scroll_end(animate=False)

    async def close_editor(self, view: ExcerptsView | None = None) -> None:
        """Close the editor; ``view``: the rows to show then (a save's), set once with the editor gone."""
        editor = self.editor
        current = self.highlighted_row
        # The focus first, straight from the editor to the list (removing a
        # focused widget sends the focus elsewhere first); and the removal not
        # awaited: the rows, the cursor and the footer's keys then change in
        # one go, not in three frames with a footer rebuilt for each.
        self.fact_list.focus()
        self.remove_class("split")
        if editor is not None:
            editor.closing = True
            editor.remove()
        self.query_one("#facts-below", FactList).clear_options()
        near = self._offset_below
        self._offset_below = 0
        if view is not None:
            set_border_title(self, view.title)
            self._selection = view.selection
            self.set_rows(view.rows, view.highlighted_key or (current.key if current else None), near,
                          reach=None if view.anywhere else PAGE)
        else:
            self.set_rows(self._rows, current.key if current else None, near)
        self.fact_list.focus()

    # --- filter -------------------------------------------------------------------

    def open_filter(self) -> None:
        self.add_class("filtering")
        self.query_one("#excerpts-filter", Input).focus()

    def clear_filter(self) -> None:
        self._filter = ""
        self.query_one("#excerpts-filter", Input).value = ""
        self.remove_class("filtering")
        self.fact_list.focus()

    @on(Input.Changed, "#excerpts-filter")
    def _narrow(self, event: Input.Changed) -> None:
        event.stop()
        self._filter = event.value
        self.post_message(self.FilterChanged())

    @on(Input.Submitted, "#excerpts-filter")
    def _back(self, event: Input.Submitted) -> None:
        event.stop()
        if not self._filter:
            self.remove_class("filtering")
        self.fact_list.focus()

    @on(FactList.Highlighted)
    def _stop(self, event: FactList.Highlighted) -> None:
        event.stop()
