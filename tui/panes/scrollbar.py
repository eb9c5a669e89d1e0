"""A vertical scrollbar drawn by RowList itself, in its last column, as Textual draws its own.

Textual's scrollbar is a widget of its own whose lines go through the style
pipeline (a Rich renderable, then each line styled): the thumb moves on
every refill of a pane, and drawn that way the scrollbars of the three panes
cost 3.5 ms of a key press. Textual offers no public way to give a widget
another scrollbar, so the list hides Textual's (``scrollbar-size-vertical:
0``) and draws the same bar, with Textual's ``ScrollBarRender``, straight
into strips beside its rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Literal

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.css.styles import RenderStyles
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
