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
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable
from typing import Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets.option_list import Option

from tui import actions
from tui.panes.block import Block
from tui.panes.scrollbar import BAR_WIDTH, BarState, bar_colors, draw_bar

Fetch = Callable[[int], Option | None]
Look = Literal["normal", "disabled", "highlighted"]


def prompt_key(prompt: object) -> Hashable | None:
    """What a row's rendering depends on, as a dict key; None if it cannot be told (then it is not kept).

    A Text by its characters and styles, a Block by its parts; any other
    renderable that knows its own key says so with a ``cache_key`` attribute.
    """
    if isinstance(prompt, Text):
        return (prompt.plain, tuple(prompt.spans), prompt.style, prompt.justify, prompt.overflow, prompt.no_wrap,
                prompt.end, prompt.tab_size)
    if isinstance(prompt, Block):
        keys = tuple((prompt_key(text), indent) for text, indent in prompt.parts)
        return ("block", keys)
    return getattr(prompt, "cache_key", None)


class RowList(ScrollView, can_focus=True):
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

    highlighted: reactive[int | None] = reactive(None, repaint=False, init=False)
    """The index of the row under the cursor, or None."""

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
        self._fetch: Fetch = lambda index: None
        self._total: int | None = 0  # None: known only once fetched to the end
        self._options: list[Option] = []  # fetched so far, in order
        self._exhausted = True
        self._ids: dict[str, int] = {}
        self._starts: list[int] = []  # first line of each measured row
        self._heights: list[int] = []
        self._width = 0  # the width the measured rows were rendered at
        self._strips: LRUCache[tuple[int, Look], list[Strip]] = LRUCache(1024)
        # Rendered rows kept across refills, by what they show: moving the cursor
        # back to a country redraws its alliances and excerpts without wrapping
        # them again (a quarter of a key press at 10,000 facts).
        self._kept: LRUCache[tuple[Hashable, Style, int], list[Strip]] = LRUCache(512)
        self._looks: dict[Look, Style] = {}
        self.rendered = 0
        """How many rows Rich has rendered (for tests and benchmarks)."""
        self._bar_drawn: tuple[BarState, list[Strip]] | None = None
        self._offset_strips: LRUCache[tuple[int, int], tuple[Strip, Strip]] = LRUCache(2048)
        self._offset_metas: LRUCache[tuple[int, int], Style] = LRUCache(8192)
        self._joins: LRUCache[tuple[int, int], tuple[Strip, Strip, Strip]] = LRUCache(512)
        self._bar_hover = False
        self._grab: tuple[int, float] | None = None  # (the pointer's screen line, scroll_y) when the thumb was taken

    # --- text selection, as Textual's Log: each line carries its (column, line of the list) ---

    @property
    def allow_select(self) -> bool:
        return True

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text under ``selection``: the lines of the list as drawn (rows measured so far)."""
        end = selection.end.y + 1 if selection.end is not None else None
        self._measure(until_line=end)
        last = self._measured_lines() if end is None else min(end, self._measured_lines())
        start = selection.start.y if selection.start is not None else 0
        lines = [self._line(y, self._width, None).text.rstrip() if y >= start else "" for y in range(last)]
        return selection.extract("\n".join(lines)), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

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

    def _get(self, index: int) -> Option | None:
        options = self._options
        while len(options) <= index and not self._exhausted:
            option = self._fetch(len(options))
            if option is None:
                self._exhausted = True
                break
            if option.id is not None:
                self._ids.setdefault(option.id, len(options))
            options.append(option)
        return options[index] if 0 <= index < len(options) else None

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

    # --- measuring and rendering ---------------------------------------------------------

    def _forget_measures(self) -> None:
        self._starts.clear()
        self._heights.clear()
        self._strips.clear()
        self._width = self._row_width() if self.is_mounted else 0

    def _measured_lines(self) -> int:
        return self._starts[-1] + self._heights[-1] if self._heights else 0

    def _measure(self, *, until_line: int | None = None, until_index: int | None = None) -> None:
        """Render rows in order until ``until_line`` or ``until_index`` is measured (both None: all)."""
        if self._width <= 0:
            return
        starts, heights = self._starts, self._heights
        line = self._measured_lines()
        added = False
        while True:
            index = len(heights)
            if until_index is not None and index > until_index:
                break
            if until_line is not None and line > until_line:
                break
            option = self._get(index)
            if option is None:
                break
            height = len(self._row_strips(index, "disabled" if option.disabled else "normal"))
            starts.append(line)
            heights.append(height)
            line += height
            added = True
        if added or not heights:
            self._update_virtual_size()

    def _update_virtual_size(self) -> None:
        measured, count = self._measured_lines(), len(self._heights)
        if self._exhausted:
            unmeasured: float = len(self._options) - count
        elif self._total is not None:
            unmeasured = self._total - count
        else:
            unmeasured = max(self.size.height, 1)  # unknown: at least a screenful more
        per_row = measured / count if count else 1
        size = Size(self._width, measured + round(unmeasured * per_row))
        if size == self.virtual_size:
            return
        # Not ``self.virtual_size = size``: that reactive lays out the whole
        # screen. A list whose height follows its rows needs a layout.
        self.set_reactive(Widget.virtual_size, size)
        if self.styles.auto_dimensions:
            self.refresh(layout=True)
        self.scroll_y = self.scroll_y  # (validated: within the new size)
        bar = self._bar_width()
        if bar and self._bar_drawn is not None and self._bar_drawn[0] != self._bar_state():
            region = self.scrollable_content_region
            self.refresh(Region(region.width - bar, 0, bar, region.height))  # the thumb, not the rows

    def _look(self, look: Look) -> Style:
        style = self._looks.get(look)
        if style is None:
            style = self.rich_style
            if look != "normal":
                style += self.get_component_rich_style(f"row-list--{look}")
            self._looks[look] = style
        return style

    def _row_strips(self, index: int, look: Look) -> list[Strip]:
        key = (index, look)
        strips = self._strips.get(key)
        if strips is None:
            style = self._look(look) + Style(meta={"option": index})  # a click knows its row
            prompt = self._options[index].prompt
            content = prompt_key(prompt)
            kept: tuple[Hashable, Style, int] | None = (content, style, self._width) if content is not None else None
            try:
                strips = self._kept.get(kept) if kept is not None else None
            except TypeError:  # something unhashable in a span's style: drawn, not kept
                strips = kept = None
            if strips is None:
                strips = self._lines(prompt, style) or [Strip.blank(self._width, style)]
                self.rendered += 1
                if kept is not None:
                    self._kept[kept] = strips
            self._strips[key] = strips
        return strips

    def _lines(self, prompt: object, style: Style) -> list[Strip]:
        width, console = self._width, self.app.console
        as_line = getattr(prompt, "as_line", None)
        if as_line is not None:  # one line that fits itself to the width (tui.format.EntityLine): no wrapping
            segments = list(Segment.apply_style(as_line(width).render(console), style))
            return [Strip(Segment.adjust_line_length(segments, width, style, pad=True), width)]
        parts = ((prompt, 0),) if isinstance(prompt, Text) else prompt.parts if isinstance(prompt, Block) else None
        if parts is None:  # any other renderable: Rich lays it out
            options = console.options.update(width=width, min_width=width, max_width=width, height=None, highlight=False)
            return [Strip(line, width) for line in console.render_lines(prompt, options, style=style, pad=True)]  # type: ignore[arg-type]
        strips = []
        margin = {indent: Segment(" " * indent, style) for _, indent in parts if indent}
        for text, indent in parts:
            for line in text.wrap(console, max(width - indent, 1)):
                segments = list(Segment.apply_style(line.render(console), style))
                if indent:
                    segments.insert(0, margin[indent])
                strips.append(Strip(Segment.adjust_line_length(segments, width, style, pad=True), width))
        return strips

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual passes every line through its style pipeline (borders,
        # padding, background, opacity), a tenth of a millisecond a line. A
        # RowList without border or padding draws its lines in full already:
        # only the app's line filters (colour modes) are left to apply.
        styles = self.styles
        if styles.border.spacing or styles.padding or self.opacity < 1 or styles.text_opacity < 1:
            return super().render_lines(crop)
        filters = self.get_line_filters()
        background = self.background_colors[1]
        width = self._row_width()  # once a frame, not once a line
        bars = self._bar_strips() if self._bar_width() else None
        top = self.scroll_offset.y
        selection = self.text_selection
        strips = []
        for y in crop.line_range:
            strip = self._line(top + y, width, selection)
            if bars is not None and y < len(bars):
                strip = self._joined(strip, bars[y])
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            strips.append(strip)
        if crop.column_span != (0, self.size.width):
            strips = [strip.crop(crop.x, crop.right) for strip in strips]
        return strips

    def render_line(self, y: int) -> Strip:
        strip = self._line(self.scroll_offset.y + y, self._row_width(), self.text_selection)
        bars = self._bar_strips() if self._bar_width() else None
        return self._joined(strip, bars[y]) if bars is not None and y < len(bars) else strip

    def _joined(self, row: Strip, bar: Strip) -> Strip:
        """A line of rows and its cell of the bar, as one strip: the same one while neither changes.

        A new strip every frame is seven new caches, and the line filters (which
        cache their result on the strip they filter) work on it again.
        """
        key = (id(row), id(bar))
        done = self._joins.get(key)
        if done is not None and done[0] is row and done[1] is bar:
            return done[2]
        joined = Strip.join([row, bar])
        self._joins[key] = (row, bar, joined)
        return joined

    # --- the scrollbar, drawn here (tui/panes/scrollbar.py) ------------------------------

    def _bar_width(self) -> int:
        """Columns the scrollbar takes: always with overflow-y scroll; with auto, when the rows overflow."""
        overflow = self.styles.overflow_y
        if overflow == "scroll" or (overflow == "auto" and self.virtual_size.height > self.scrollable_content_region.height):
            return BAR_WIDTH
        return 0

    @property
    def rows_region(self) -> Region:
        """Where the rows are drawn: the content region less the scrollbar's column."""
        region = self.scrollable_content_region
        return Region(region.x, region.y, self._row_width(), region.height)

    def _row_width(self) -> int:
        return max(self.scrollable_content_region.width - self._bar_width(), 0)

    @property
    def allow_vertical_scroll(self) -> bool:
        # Textual asks whether its own scrollbar shows; this list's is drawn by the list.
        return not self.disabled and self.virtual_size.height > self.scrollable_content_region.height

    def _bar_state(self) -> BarState:
        return BarState(self.scrollable_content_region.height, self.virtual_size.height, self.scroll_y,
                        self._bar_hover, self._grab is not None)

    def _bar_strips(self) -> list[Strip]:
        state = self._bar_state()
        if self._bar_drawn is None or self._bar_drawn[0] != state:
            background, color = bar_colors(self.styles, self.background_colors[0], state)
            self._bar_drawn = (state, draw_bar(state, background, color))
        return self._bar_drawn[1]

    def _on_bar(self, x: int) -> bool:
        bar = self._bar_width()
        return bool(bar) and x >= self.scrollable_content_region.width - bar

    def on_mouse_down(self, event: events.MouseDown) -> None:
        part = event.style.meta.get("bar") if self._on_bar(event.x) else None
        if part is None:
            return
        event.stop()
        self.screen.clear_selection()  # a drag on the bar scrolls; it selects nothing
        if part == "up":
            self.scroll_page_up(animate=False)
        elif part == "down":
            self.scroll_page_down(animate=False)
        else:
            self._grab = (event.screen_y, self.scroll_y)
            self.capture_mouse()
            self._bar_drawn = None
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._grab is not None:
            start, scroll = self._grab
            window = max(self.scrollable_content_region.height, 1)
            self.scroll_to(y=scroll + (event.screen_y - start) * self.virtual_size.height / window, animate=False)
            event.stop()
        elif self._on_bar(event.x) != self._bar_hover:
            self._bar_hover = not self._bar_hover
            self.refresh()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._grab is not None:
            self._grab = None
            self.release_mouse()
            self.refresh()
            event.stop()

    def on_leave(self, event: events.Leave) -> None:
        if self._bar_hover:
            self._bar_hover = False
            self.refresh()

    def _line(self, line: int, width: int, selection: Selection | None) -> Strip:
        """Line ``line`` of the whole list (not of the screen), at ``width``, with ``selection`` drawn."""
        if width != self._width:  # a new width: rows wrap anew
            self._forget_measures()
        if line >= self._measured_lines() and not (self._exhausted and len(self._heights) == len(self._options)):
            self._measure(until_line=line)  # (the blank lines under a short list have nothing to measure)
        index = bisect_right(self._starts, line) - 1
        if index < 0 or line >= self._measured_lines():
            return Strip.blank(width, self._look("normal"))
        option = self._options[index]
        look: Look = "disabled" if option.disabled else "highlighted" if index == self.highlighted else "normal"
        strips = self._row_strips(index, look)
        strip = strips[min(line - self._starts[index], len(strips) - 1)]
        if selection is not None and (span := selection.get_span(line)) is not None:
            start, end = span
            end = width if end == -1 else min(end, width)
            if start < end:
                selected = strip.crop(start, end).apply_style(self.screen.get_component_rich_style("screen--selection"))
                strip = Strip.join([strip.crop(0, start), selected, strip.crop(end, width)])
        return self._with_offsets(strip, line)

    def _with_offsets(self, strip: Strip, line: int) -> Strip:
        """``strip`` with where each cell is in the list, for a mouse selection (Strip.apply_offsets, cheaper).

        A refill puts the rows at other lines; Strip.apply_offsets makes a
        new meta style for every segment each time, a tenth of a key press.
        """
        key = (id(strip), line)
        done = self._offset_strips.get(key)
        if done is not None and done[0] is strip:
            return done[1]
        segments = []
        x = 0
        metas = self._offset_metas
        for segment in strip:
            meta = metas.get((x, line))
            if meta is None:
                meta = metas[(x, line)] = Style.from_meta({"offset": (x, line)})
            style = segment.style
            segments.append(Segment(segment.text, style + meta if style else meta))
            x += len(segment.text)
        result = Strip(segments, strip.cell_length)
        self._offset_strips[key] = (strip, result)
        return result

    def _refresh_row(self, index: int | None) -> None:
        if index is None:
            return
        if index < len(self._heights):
            self.refresh_lines(self._starts[index], self._heights[index])
        else:
            self.refresh()

    def _restyle(self) -> None:
        self._looks.clear()
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    def on_focus(self, event: events.Focus) -> None:
        self._restyle()  # the focused list has its own background and cursor colours

    def on_blur(self, event: events.Blur) -> None:
        self._restyle()

    def on_resize(self, event: events.Resize) -> None:
        if self._row_width() != self._width:
            self._forget_measures()
            self.refresh()
        self._measure(until_line=int(self.scroll_y) + self.size.height)
        self.scroll_to_highlight()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._measure(until_line=int(new) + self.size.height)

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
