"""A vertical scrollbar drawn straight into strips, for RowList."""

from __future__ import annotations

from rich.color import Color as RichColor
from rich.style import Style
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip


class QuickScrollBar(ScrollBar):
    """Textual's vertical scrollbar, drawn straight into strips.

    The thumb moves whenever a pane refills; drawn the stock way (a Rich
    renderable, then every line through the style pipeline) the two
    scrollbars cost as much as the rows they scroll.
    """

    _drawn: tuple[tuple[object, ...], list[Strip]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        parent = self.parent
        # Everything the bar's look depends on: the screen asks for it on every
        # frame that touches its lines, and it seldom changes between two.
        key = (self.size, self.window_virtual_size, self.window_size, self.position, self.grabbed, self.mouse_over,
               getattr(parent, "has_focus", None), self.app.theme)
        if self._drawn is None or self._drawn[0] != key:
            strips = self._draw()
            if strips is None:
                return super().render_lines(crop)
            self._drawn = (key, strips)
        return [strip.crop(crop.x, crop.right) for strip in self._drawn[1][crop.y : crop.bottom]]

    def _draw(self) -> list[Strip] | None:
        bar = self.render()
        width, height = self.size
        if not isinstance(bar, ScrollBarRender) or not height:
            return None
        style = bar.style if isinstance(bar.style, Style) else Style.parse(str(bar.style))
        segments = bar.render_bar(
            size=height,
            virtual_size=bar.virtual_size,
            window_size=bar.window_size,
            position=bar.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor or RichColor.parse("#555555"),
            bar_color=style.color or RichColor.parse("bright_magenta"),
        ).segments
        return [Strip([segment], width) for segment in segments]
