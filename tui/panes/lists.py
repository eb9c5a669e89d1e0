"""The list panes (Countries, Alliances), and the vim-keyed OptionList of the timeline."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui import actions
from tui.explorer import ListEntry, ListView
from tui.panes.editor import ShowControls
from tui.panes.rowlist import RowList
from tui.panes.title import TitledPane, set_border_title


class VimOptionList(OptionList):
    """j/k, g/G beside the arrows, home/end."""

    BINDINGS = actions.bindings("vim")

    def on_click(self, event: events.Click) -> None:
        """A click highlights (the other panes follow); a double click follows, as enter does.

        Textual's OptionList selects on every click (its handler comes after
        this one, which stops it): clicking an alliance to read its excerpts
        threw the user into its members.
        """
        event.prevent_default()
        clicked = event.style.meta.get("option")
        if clicked is not None and not self.get_option_at_index(clicked).disabled:
            self.highlighted = clicked
            if event.chain >= 2:
                self.action_select()


class FollowList(RowList):
    """A list whose enter follows a relation: the footer says so when it has focus."""

    BINDINGS = actions.bindings("follow")


class ListPane(TitledPane, Vertical):
    """A titled list with a filter line that `/` opens."""

    class _EntryMessage(Message):
        def __init__(self, pane: ListPane, entity_id: str) -> None:
            super().__init__()
            self.pane = pane
            self.entity_id = entity_id

        @property
        def control(self) -> ListPane:
            return self.pane

    class Chosen(_EntryMessage):
        """Enter on an entry."""

    def __init__(
        self,
        title: str,
        *,
        id: str,
        line: Callable[[ListEntry], RenderableType],
        on_highlight: Callable[[str], None],
        on_filter: Callable[[str], None],
    ) -> None:
        """``on_highlight`` gets the id of each entry the cursor rests on, at once (the other panes follow it);
        ``on_filter`` each filter typed. The entries come from the explorer's views (``show``)."""
        super().__init__(id=id, classes="pane")
        self._line = line
        self._on_highlight = on_highlight
        self._on_filter = on_filter
        self.border_title = title
        self._view: ListView | None = None
        self._filter = ""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter…", id=f"{self.id}-filter", classes="filter", highlighter=ShowControls())
        yield FollowList(id=f"{self.id}-list", on_highlight=self._follow)

    def on_mount(self) -> None:
        clear = actions.key_for("app.clear_filter", self.app)
        self.filter_input.placeholder = f"filter…  (enter: to the list · {clear}: clear)"

    @property
    def option_list(self) -> FollowList:
        return self.query_one(FollowList)

    @property
    def filter_input(self) -> Input:
        return self.query_one(Input)

    @property
    def highlighted_id(self) -> str | None:
        option = self.option_list.highlighted_option
        return option.id if option else None

    @property
    def filter_text(self) -> str:
        return self._filter

    def show(self, view: ListView) -> None:
        """Show the explorer's view: its entries (only if they are others), its cursor, its filter and title."""
        set_border_title(self, view.title)
        if view.filter != self._filter:  # the explorer forgot the filter (a jump, a follow): so does the field
            self._filter = view.filter
            self.filter_input.value = view.filter
            if not view.filter:
                self.remove_class("filtering")
        ol = self.option_list
        old, self._view = self._view, view
        entries = view.entries
        if old is None or old.source != view.source:
            line = self._line
            ol.set_source(lambda i: Option(line(entries[i]), id=entries[i].id) if i < len(entries) else None, len(entries))
        # The list tells on_highlight where its cursor lands: where the explorer put it.
        ol.highlighted = next((i for i, e in enumerate(entries) if e.id == view.highlighted_id), None)
        # What the filter left, said under the pane: an empty list is not a blank one.
        # Unfiltered, it names the column of numbers the list shows.
        counted = bool(entries) and entries[0].count is not None
        # (set only when it changes: assigning a border's text repaints the whole pane, a third of a key)
        self.show_border_subtitle(f"no matches for “{view.filter}”" if view.filter and not entries
                                  else f"{len(entries)} match{'es' if len(entries) != 1 else ''}" if view.filter
                                  else "# relations" if counted else "")

    def open_filter(self) -> None:
        self.add_class("filtering")
        self.filter_input.value = self._filter
        self.filter_input.focus()

    def clear_filter(self) -> None:
        """Close the filter line; the explorer's view without the filter comes next."""
        self._filter = ""
        self.filter_input.value = ""
        self.remove_class("filtering")
        self.option_list.focus()

    @on(Input.Changed)
    def _narrow(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self._filter:
            return  # set by clear_filter / open_filter, not typed: keep the highlight
        self._filter = event.value
        self._on_filter(event.value)

    @on(Input.Submitted)
    def _back_to_list(self, event: Input.Submitted) -> None:
        event.stop()
        if not self._filter:
            self.remove_class("filtering")
        self.option_list.focus()

    def _follow(self, option: Option) -> None:
        if option.id:
            self._on_highlight(option.id)

    @on(RowList.Selected)
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(self, event.option.id))
