"""How RowList's rows become lines: fetched when first needed, rendered once at the width, measured, drawn.

Rows come from a fetch function (row index → ``Option`` or ``None`` past the
end), so a source of unknown length is never made whole. Each row is rendered
once with Rich at the current width and kept (by index and look, and across
refills by what it shows); a line of the list is a strip of its row with its
place in the list (for a mouse selection) and the bar's cell beside it.
The cursor, the keys and the OptionList names are RowList's (tui/panes/rowlist.py).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Hashable
from typing import Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets.option_list import Option

from tui.panes.block import Block
from tui.panes.scrollbar import DrawnBar
from tui.wrap import wrap

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

class RowLines(DrawnBar):
    """Rows fetched, measured and rendered as the screen, the cursor or the scroll reaches them."""

    highlighted: reactive[int | None] = reactive(None, repaint=False, init=False)
    """The index of the row under the cursor, or None."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
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
        self._offset_strips: LRUCache[tuple[int, int], tuple[Strip, Strip]] = LRUCache(2048)
        self._offset_metas: LRUCache[tuple[int, int], Style] = LRUCache(8192)
        # Two screens of lines: what is shown and what the refill before showed (j then k: the
        # alliances pane's key 15 -> 8 ms at 10,000 facts). Not more: a line kept keeps Textual's
        # crops and filtered copies of it too, about 25 KB (512 a list cost 14 MB of peak memory).
        self._joins: LRUCache[tuple[int, int], tuple[Strip, Strip, Strip]] = LRUCache(96)

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

    # --- rows, fetched in order as they are needed ------------------------------------------

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
            for line in wrap(text, console, max(width - indent, 1)):
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

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._measure(until_line=int(new) + self.size.height)
