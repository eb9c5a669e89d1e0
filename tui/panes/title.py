"""The title line: Textual's Header, without a screen layout for each new breadcrumb."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
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
    """Title a pane with plain text (names are never markup, their controls shown), only when it changed.

    The panes are retitled on every cursor move; assigning ``border_title``
    repaints the whole pane, which a refill repaints anyway.
    """
    title = visible_line(title)
    if getattr(widget, "_plain_border_title", None) == title:
        return
    widget._plain_border_title = title  # type: ignore[attr-defined]
    widget.border_title = Content(title)
