"""The title line: Textual's Header, without a screen layout for each new breadcrumb."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Header
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle

from store.clean import visible_line


class _Title(HeaderTitle):
    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        # The title is one line across the whole width whatever it says; the
        # stock update lays out the whole screen, on every cursor move here.
        super().update(content, layout=layout)


class TitleBar(Header):
    """The app's header: its title and breadcrumb change as the cursor moves."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield _Title()
        yield HeaderClockSpace()

    def show_title(self) -> None:
        """Show the app's title and sub-title now (after they were set with ``set_reactive``)."""
        self.query_one(_Title).update(self.format_title())


def set_border_title(widget: Widget, title: str) -> None:
    """Title a pane with plain text (names are never markup, their controls shown), repainting only its top line.

    The panes are retitled on every cursor move, and assigning
    ``border_title`` repaints the whole pane, border and all (a tenth of a
    key press). The title lives on the top border line: store it as the
    descriptor would and repaint that line.
    """
    title = visible_line(title)
    if getattr(widget, "_plain_border_title", None) == title:
        return
    widget._plain_border_title = title  # type: ignore[attr-defined]
    content = Content(title)
    if widget.is_mounted and widget.size.width and hasattr(widget, "_border_title"):
        widget._border_title = content.expand_tabs(4).split()[0]
        # refresh() takes regions inside the border: the border's own line is one up.
        widget.refresh(Region(0, 0, widget.size.width, 1).translate(-widget.content_offset))
    else:
        widget.border_title = content
