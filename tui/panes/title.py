"""The title line (as Textual's Header, without a screen layout for each new breadcrumb) and the panes' titles."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult, RenderResult
from textual.content import Content
from textual.geometry import Region
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Static

from store.words.clean import visible_line


class TitleIcon(Widget):
    """The icon at the left, as Textual's Header draws it: a click opens the command palette."""

    DEFAULT_CSS = """
    TitleIcon { dock: left; padding: 0 1; width: 8; content-align: left middle; }
    TitleIcon:hover { background: $foreground 10%; }
    """

    def on_mount(self) -> None:
        self.tooltip = "Open the command palette"

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        await self.run_action("app.command_palette")

    def render(self) -> RenderResult:
        return "⭘"


class TitleText(Static):
    DEFAULT_CSS = """
    TitleText { text-wrap: nowrap; text-overflow: ellipsis; content-align: center middle; width: 100%; }
    """

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        # The title is one line across the whole width whatever it says; the
        # stock update lays out the whole screen, on every cursor move here.
        super().update(content, layout=layout)


class TitleClockSpace(Widget):
    DEFAULT_CSS = "TitleClockSpace { dock: right; width: 10; padding: 0 1; }"

    def render(self) -> RenderResult:
        return ""


class TitleBar(Widget):
    """The app's title and breadcrumb, drawn as Textual's Header draws them (from public parts)."""

    DEFAULT_CSS = """
    TitleBar { dock: top; width: 100%; background: $panel; color: $foreground; height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield TitleIcon()
        yield TitleText()
        yield TitleClockSpace()

    def on_mount(self) -> None:
        # The title is set once; the breadcrumb (sub_title) quietly, then show_title.
        self.watch(self.app, "title", self.show_title)

    def show_title(self) -> None:
        """Show the app's title and sub-title now (after they were set with ``set_reactive``)."""
        self.query_one(TitleText).update(self.app.format_title(self.app.title, self.app.sub_title))


class TitledPane(Widget):
    """A pane whose border title changes often: only its top line is repainted.

    Assigning ``border_title`` repaints the whole pane, border and all (a
    third of a key press with the pane's rows); the title lives on the top
    border line, so while it is assigned the pane's full repaint is skipped
    and that line repainted instead.
    """

    _titling = False

    def show_border_title(self, title: str) -> None:
        """Title the pane with plain text (names are never markup), if it changed."""
        title = visible_line(title)
        if self.border_title is not None and getattr(self, "_plain_title", None) == title:
            return
        self._plain_title = title
        self._titling = True
        try:
            self.border_title = Content(title)
        finally:
            self._titling = False
        if self.size.width:
            # refresh() takes regions inside the border: the border's own line is one up.
            self.refresh(Region(0, 0, self.size.width, 1).translate(-self.content_offset))
        else:
            self.refresh()

    def show_border_subtitle(self, subtitle: str) -> None:
        """The bottom border's text (plain), if it changed; only that line repainted, as for the title."""
        subtitle = visible_line(subtitle)
        if getattr(self, "_plain_subtitle", "") == subtitle:
            return
        self._plain_subtitle = subtitle
        self._titling = True
        try:
            self.border_subtitle = Content(subtitle)
        finally:
            self._titling = False
        if self.size.width and self.size.height:
            bottom = self.size.height - 1
            self.refresh(Region(0, bottom, self.size.width, 1).translate(-self.content_offset))
        else:
            self.refresh()

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Any:
        if self._titling:
            return self  # (border_title's own full repaint)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


def set_border_title(widget: Widget, title: str) -> None:
    """Title a pane with plain text (names are never markup, their controls shown), repainting only its top line."""
    if isinstance(widget, TitledPane):
        widget.show_border_title(title)
    else:
        widget.border_title = Content(visible_line(title))
