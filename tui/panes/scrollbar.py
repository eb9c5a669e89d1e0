"""A vertical scrollbar drawn by RowList itself, in its last column, as Textual draws its own.

Textual's scrollbar is a widget of its own whose lines go through the style
pipeline (a Rich renderable, then each line styled): the thumb moves on
every refill of a pane, and drawn that way the scrollbars of the three panes
cost 3.5 ms of a key press. Textual offers no public way to give a widget
another scrollbar, so the list hides Textual's (``scrollbar-size-vertical:
0``) and draws the same bar, with Textual's ``ScrollBarRender``, straight
into strips beside its rows. ``DrawnBar`` is the ScrollView that does it:
where the bar goes, its strips for the current scroll, and the mouse on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Literal

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.css.styles import RenderStyles
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip

Part = Literal["up", "thumb", "down"]
_PARTS: dict[str, Part] = {"scroll_up": "up", "grab": "thumb", "scroll_down": "down"}
# Made once: Style.from_meta serialises its dict, a few hundred microseconds a bar line.
_PART_META: dict[str, Style] = {part: Style.from_meta({"bar": part}) for part in ("up", "thumb", "down")}

BAR_WIDTH = 1


@dataclass(frozen=True)
class BarState:
    height: int
    virtual_size: int
    position: float
    hover: bool
    grabbed: bool


def bar_colors(styles: RenderStyles, behind: Color, state: BarState) -> tuple[Color, Color]:
    """(background, thumb) as Textual's ScrollBar.render picks them from the scrolled widget's styles."""
    if state.grabbed:
        background, color = styles.scrollbar_background_active, styles.scrollbar_color_active
    elif state.hover:
        background, color = styles.scrollbar_background_hover, styles.scrollbar_color_hover
    else:
        background, color = styles.scrollbar_background, styles.scrollbar_color
    if background.a < 1:
        background = behind + background
    return background, background + color


def draw_bar(state: BarState, background: Color, color: Color) -> list[Strip]:
    """One strip a line; each cell says which part of the bar it is (``bar`` in its style's meta)."""
    window = state.height if state.height < state.virtual_size else 0
    segments = ScrollBarRender.render_bar(
        size=state.height,
        virtual_size=ceil(state.virtual_size),
        window_size=ceil(window),
        position=state.position,
        thickness=BAR_WIDTH,
        vertical=True,
        back_color=background.rich_color,
        bar_color=color.rich_color,
    ).segments
    strips = []
    # A bar has three or four distinct cells: each is styled once (reading a style's meta unpickles it)
    # and made into one strip that every line showing it shares. A strip brings seven caches of its
    # own, and a strip a line made the bars a third of what the lists draw in a frame.
    styled: dict[Style | None, Style] = {}
    made: dict[tuple[str, Style | None], Strip] = {}
    for segment in segments:
        strip = made.get((segment.text, segment.style))
        if strip is None:
            cell = styled.get(segment.style)
            if cell is None:
                style = segment.style or Style()
                # Textual's bar asks its own widget to act ("@mouse.down": grab …); here the list does.
                part = _PARTS.get(style.meta.get("@mouse.down", ""), "down")
                plain = Style(color=style.color, bgcolor=style.bgcolor, bold=style.bold, reverse=style.reverse)
                cell = styled[segment.style] = plain + _PART_META[part]
            strip = made[(segment.text, segment.style)] = Strip([Segment(segment.text, cell)], BAR_WIDTH)
        strips.append(strip)
    return strips


class DrawnBar(ScrollView):
    """A ScrollView that draws its own vertical bar in its last column, and answers the mouse on it.

    Its lines are joined to the bar's strips by the subclass (RowList's render_lines).
    """

    _bar_drawn: tuple[BarState, list[Strip]] | None = None
    _bar_hover = False
    _grab: tuple[int, float] | None = None  # (the pointer's screen line, scroll_y) when the thumb was taken

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
