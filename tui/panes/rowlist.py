"""A virtual list of rows of any height: only what the screen shows is rendered.

Textual's OptionList measures every option whenever its options change (556
wrapped renders when the cursor reached the United States of a 100,000-fact
store), renders each option twice (to measure it, then to draw it) and
repaints itself whole when the cursor moves. The panes refill on every cursor
move, so that was most of a key press. This list asks for rows only as far
as the screen, the cursor or the scroll reaches, renders each of them once
with Rich at the current width, and repaints only the rows the cursor left
and reached.

Rows come from a fetch function (row index → ``Option`` or ``None`` past the
end), so a source of unknown length (the excerpts of a country, made as they
are read) is never made whole. The OptionList names the app and its tests
rely on are kept: ``highlighted``, ``highlighted_option``, ``option_count``,
``get_option_at_index``, ``get_option_index``, ``set_options``.

This module is the list's cursor, keys and messages; how rows become lines
is tui/panes/row_lines.py, and its scrollbar tui/panes/scrollbar.py.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable

from textual import events
from textual.message import Message
from textual.geometry import Region
from textual.widgets.option_list import Option

from tui import actions
from tui.panes.row_lines import Fetch, RowLines, prompt_key

__all__ = ["Fetch", "RowList", "prompt_key"]


class RowList(RowLines, can_focus=True):
    """Rows of Rich renderables with a cursor; arrows and vim keys move it, enter selects."""

    BINDINGS = actions.bindings("vim", "rowlist")

    COMPONENT_CLASSES = {"row-list--highlighted", "row-list--disabled"}

    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        scrollbar-size-vertical: 0;  /* the list draws its own (tui/panes/scrollbar.py) */
        & > .row-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .row-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .row-list--disabled { color: $text-disabled; }
    }
    """

    class _RowMessage(Message):
        def __init__(self, row_list: RowList, option: Option, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.option = option
            self.index = index

        @property
        def control(self) -> RowList:
            return self.row_list

    class Highlighted(_RowMessage):
        """The cursor moved onto a row that can be selected."""

    class Selected(_RowMessage):
        """Enter (or a double click) on a row."""
    def __init__(self, *, id: str | None = None, classes: str | None = None, on_highlight: Callable[[Option], None] | None = None) -> None:
        """``on_highlight``, if given, is called at once when the cursor rests on a row, instead of a Highlighted message.

        A message reaches the app through a queue at every level of the DOM, and
        the screen may draw a frame in between: the cursor moved, the panes that
        follow it not yet. Called at once, they are refilled in the same frame.
        """
        super().__init__(id=id, classes=classes)
        self._on_highlight = on_highlight

    # --- rows ------------------------------------------------------------------------

    def set_options(self, options: Iterable[Option]) -> None:
        """Show these rows (all known up front; each is rendered when first shown)."""
        items = list(options)
        self.set_source(lambda index: items[index] if index < len(items) else None, len(items))

    def set_source(self, fetch: Fetch, total: int | None = None) -> None:
        """Show the rows ``fetch`` gives, asked for in order as they are needed; ``total`` if known."""
        self._fetch, self._total = fetch, total
        if self.is_attached and self.text_selection is not None:
            # Other rows now: the selected text is gone with them.
            self.screen.selections = {w: s for w, s in self.screen.selections.items() if w is not self}
        self._options = []
        self._ids = {}
        self._exhausted = False
        self._forget_measures()
        self.set_reactive(RowList.highlighted, None)
        self.scroll_target_y = 0
        self.scroll_y = 0
        self.refresh()
        self._measure(until_line=self.size.height)

    def clear_options(self) -> None:
        self.set_options(())

    @property
    def option_count(self) -> int:
        """Rows fetched so far (all of them for a source of known length)."""
        if self._total is not None:
            self._get(self._total - 1)
        return len(self._options)

    def get_option_at_index(self, index: int) -> Option:
        option = self._get(index)
        if option is None:
            raise IndexError(f"no row {index} in #{self.id}")
        return option

    def get_option_index(self, option_id: str) -> int:
        """The index of the row with this id (fetches rows until it is found)."""
        while option_id not in self._ids and not self._exhausted:
            self._get(len(self._options))
        try:
            return self._ids[option_id]
        except KeyError:
            raise KeyError(f"no row {option_id!r} in #{self.id}") from None

    @property
    def highlighted_option(self) -> Option | None:
        return None if self.highlighted is None else self._get(self.highlighted)

    def on_resize(self, event: events.Resize) -> None:
        if self._row_width() != self._width:
            self._forget_measures()
            self.refresh()
        self._measure(until_line=int(self.scroll_y) + self.size.height)
        self.scroll_to_highlight()

    # --- the cursor ------------------------------------------------------------------------

    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None:
            return None
        if self._get(max(index, 0)) is None:
            index = len(self._options) - 1
        return None if index < 0 else max(index, 0)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        if new is None:
            return
        option = self._options[new]
        if not option.disabled:
            self.scroll_to_highlight()
            if self._on_highlight is not None:
                self._on_highlight(option)
            else:
                self.post_message(self.Highlighted(self, option, new))

    def scroll_to_highlight(self, top: bool = False) -> None:
        index = self.highlighted
        if index is None or not self.is_mounted:
            return
        self._measure(until_index=index)
        if index >= len(self._heights):
            return  # not laid out yet: on_resize comes back here
        region = Region(0, self._starts[index], self._width, self._heights[index])
        self.scroll_to_region(region, animate=False, force=True, top=top, immediate=True)

    def enabled_from(self, index: int, step: int) -> int | None:
        """The first row from ``index`` on, stepping by ``step``, that the cursor can rest on."""
        while index >= 0:
            option = self._get(index)
            if option is None:
                return None
            if not option.disabled:
                return index
            index += step
        return None

    def action_cursor_down(self) -> None:
        start = 0 if self.highlighted is None else self.highlighted + 1
        found = self.enabled_from(start, 1)
        if found is not None:
            self.highlighted = found

    def action_cursor_up(self) -> None:
        if self.highlighted is None:
            self.action_first()
            return
        found = self.enabled_from(self.highlighted - 1, -1)
        if found is not None:
            self.highlighted = found

    def action_first(self) -> None:
        found = self.enabled_from(0, 1)
        if found is not None:
            self.highlighted = found

    def action_last(self) -> None:
        self._get(self._total - 1 if self._total is not None else 1 << 62)
        found = self.enabled_from(len(self._options) - 1, -1)
        if found is not None:
            self.highlighted = found

    def _page(self, step: int) -> None:
        index = self.highlighted
        if index is None:
            self.action_first()
            return
        self._measure(until_index=index)
        if index >= len(self._heights):
            return
        line = max(self._starts[index] + step * max(self.scrollable_content_region.height, 1), 0)
        self._measure(until_line=line)
        target = min(bisect_right(self._starts, line) - 1, len(self._heights) - 1)
        found = self.enabled_from(max(target, 0), step) if target != index else None
        if found is None:
            found = self.enabled_from(target, -step) if target != index else None
        if found is not None:
            self.highlighted = found
        elif step > 0:
            self.action_last()
        else:
            self.action_first()

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_select(self) -> None:
        option = self.highlighted_option
        if option is not None and not option.disabled and self.highlighted is not None:
            self.post_message(self.Selected(self, option, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        """A click highlights (the other panes follow); a double click selects, as enter does.

        (Not Widget's double click, which selects all the text: enter's twin here.)
        """
        clicked = event.style.meta.get("option")
        if clicked is None:
            return
        if event.chain >= 2:
            event.prevent_default()
        option = self._get(clicked)
        if option is not None and not option.disabled:
            self.highlighted = clicked
            if event.chain >= 2:
                self.action_select()
