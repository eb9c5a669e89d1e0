"""The list panes (Countries, Alliances), and the vim-keyed OptionList of the timeline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.console import RenderableType
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui import actions
from tui.panes.editor import ShowControls
from tui.panes.rowlist import RowList
from tui.panes.title import TitledPane


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


@dataclass(frozen=True)
class Entry:
    """One line of a list pane: an entity, what it shows, and what a filter matches.

    ``prompt`` and ``keys`` may be functions: a country with hundreds of
    alliances only makes the lines the pane shows, and the names a filter
    matches only when there is a filter.
    """

    id: str
    prompt: RenderableType | Callable[[], RenderableType]
    keys: tuple[str, ...] | Callable[[], tuple[str, ...]]  # name, aliases and codes, case-folded

    def matches(self, needle: str) -> bool:
        keys = self.keys() if callable(self.keys) else self.keys
        return any(needle in key for key in keys)

    def option(self) -> Option:
        prompt = self.prompt() if callable(self.prompt) else self.prompt
        return Option(prompt, id=self.id)


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

    def __init__(self, title: str, *, id: str, on_highlight: Callable[[str], None]) -> None:
        """``on_highlight`` gets the id of each entry the cursor rests on, at once (the other panes follow it)."""
        super().__init__(id=id, classes="pane")
        self._on_highlight = on_highlight
        self.border_title = title
        self._entries: list[Entry] = []
        self._filter = ""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter…", id=f"{self.id}-filter", classes="filter", highlighter=ShowControls())
        yield FollowList(id=f"{self.id}-list", on_highlight=self._follow)

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

    def set_entries(self, entries: list[Entry], highlight: str | None = None) -> None:
        self._entries = entries
        self._show(highlight)

    def _show(self, highlight: str | None) -> None:
        needle = self._filter.casefold()
        shown = [e for e in self._entries if not needle or e.matches(needle)]
        ol = self.option_list
        ol.set_source(lambda i: shown[i].option() if i < len(shown) else None, len(shown))
        # From no highlight to this one: the list tells on_highlight, and the panes follow.
        ol.highlighted = next((i for i, e in enumerate(shown) if e.id == highlight), 0 if shown else None)

    def open_filter(self) -> None:
        self.add_class("filtering")
        self.filter_input.value = self._filter
        self.filter_input.focus()

    def reset_filter(self) -> None:
        """Forget the filter without redrawing or moving the focus: new entries come next."""
        if self._filter or self.has_class("filtering"):
            self._filter = ""
            self.filter_input.value = ""
            self.remove_class("filtering")

    def clear_filter(self) -> None:
        current = self.highlighted_id
        self._filter = ""
        self.filter_input.value = ""
        self.remove_class("filtering")
        self._show(current)
        self.option_list.focus()

    @on(Input.Changed)
    def _narrow(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self._filter:
            return  # set by clear_filter / open_filter, not typed: keep the highlight
        self._filter = event.value
        self._show(None)

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
