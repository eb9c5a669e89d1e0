"""The excerpts pane: the facts of the selection with their evidence and notes.

Rows are rendered a page at a time as the cursor or the scroll nears the end
of what is loaded, so a country with thousands of facts opens as fast as one
with ten. When a note editor opens, the list splits at the highlighted row:
the rows down to it above the editor, the rest below.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui.panes.editor import NoteEditor, ShowControls
from tui.panes.lists import FollowList
from tui.rows import LazyRows, Row

PAGE = 20


class FactList(FollowList):
    """The rows list; asks its pane for more rows when it nears the end."""

    def __init__(self, pane: ExcerptsPane, *, id: str) -> None:
        super().__init__(id=id)
        self.pane = pane

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= self.option_count - 10:
            self.pane.load_more(self)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new >= self.max_scroll_y - 5:
            self.pane.load_more(self)

    def action_last(self) -> None:
        self.pane.load_all(self)
        super().action_last()

    def action_page_down(self) -> None:
        self.pane.load_more(self)
        super().action_page_down()


class ExcerptsPane(Vertical):
    class FilterChanged(Message):
        """The filter text changed: the app rebuilds the rows."""

    def __init__(self, render: Callable[[Row], Text], *, id: str = "excerpts") -> None:
        super().__init__(id=id, classes="pane")
        self.border_title = "Excerpts"
        self._render_row = render
        self._rows = LazyRows()
        self._loaded = {"facts": 0, "facts-below": 0}
        self._offset_below = 0  # index in _rows of the first row of the lower list
        self._filter = ""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter facts…", id="excerpts-filter", classes="filter", highlighter=ShowControls())
        yield FactList(self, id="facts")
        yield FactList(self, id="facts-below")

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

    def _option(self, row: Row) -> Option:
        return Option(self._render_row(row), id=row.key, disabled=row.kind == "group")

    def set_rows(self, rows: LazyRows, highlight: str | None = None, near: int = 0) -> None:
        """Show ``rows``, keeping the cursor on ``highlight`` if it is among the first ``near + PAGE``."""
        self._rows = rows
        fl = self.fact_list
        target = rows.find(highlight, near + PAGE) if highlight else None
        count = max(PAGE, (target or 0) + PAGE // 2)
        shown = rows.head(count)
        with self.app.batch_update():
            fl.set_options(self._option(r) for r in shown)
            self._loaded["facts"] = len(shown)
            if target is None:
                # The row is gone (a proposal accepted, a note deleted): stay near where it was.
                start = min(near, max(len(shown) - 1, 0))
                target = next((i for i in [*range(start, len(shown)), *range(start - 1, -1, -1)] if shown[i].kind != "group"), None)
            fl.highlighted = target
            if target is not None:
                fl.scroll_to_highlight()

    def load_more(self, fl: FactList) -> None:
        name = fl.id or "facts"
        start = self._loaded[name]
        if name == "facts-below":
            start += self._offset_below
        end = start + PAGE
        if name == "facts" and self.has_class("split"):
            end = min(end, self._offset_below)
        rows = self._rows.head(end)[start:end]
        if not rows:
            return
        fl.add_options(self._option(r) for r in rows)
        self._loaded[name] += len(rows)

    def load_all(self, fl: FactList) -> None:
        while True:
            before = self._loaded[fl.id or "facts"]
            self.load_more(fl)
            if self._loaded[fl.id or "facts"] == before:
                return

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
        fl = self.fact_list
        while self._loaded["facts"] <= index:
            before = self._loaded["facts"]
            self.load_more(fl)
            if self._loaded["facts"] == before:
                return False
        fl.highlighted = index
        return True

    # --- the editor -------------------------------------------------------------

    @property
    def editor(self) -> NoteEditor | None:
        found = self.query(NoteEditor)
        return found.first() if found else None

    async def open_editor(self, editor: NoteEditor) -> None:
        """Split the list under the highlighted row and put the editor there."""
        fl = self.fact_list
        index = fl.highlighted if fl.highlighted is not None else max(self._loaded["facts"] - 1, 0)
        self._offset_below = index + 1
        below = self.query_one("#facts-below", FactList)
        with self.app.batch_update():
            self.add_class("split")
            keep = [self._option(r) for r in self._rows.head(index + 1)]
            fl.set_options(keep)
            self._loaded["facts"] = len(keep)
            fl.highlighted = index if keep else None
            rest = self._rows.head(index + 1 + PAGE)[index + 1 :]
            below.set_options(self._option(r) for r in rest)
            self._loaded["facts-below"] = len(rest)
            await self.mount(editor, after=fl)
        fl.scroll_end(animate=False)

    async def close_editor(self, highlight: str | None = None) -> None:
        editor = self.editor
        current = self.highlighted_row
        self.remove_class("split")
        if editor is not None:
            await editor.remove()
        self.query_one("#facts-below", FactList).clear_options()
        near = self._offset_below
        self._offset_below = 0
        self.set_rows(self._rows, highlight or (current.key if current else None), near)
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

    @on(OptionList.OptionHighlighted)
    def _stop(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
