"""The footer: the keys that apply where the focus is, drawn as one line of text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class FooterKey:
    key: str  # what a click sends
    display: str  # what the footer shows (``?``, ``^p`` …)
    description: str
    enabled: bool
    tooltip: str


class KeysFooter(Widget):
    """The active bindings that ask to be shown, and the command palette's key at the right.

    It looks like Textual's compact Footer, which is a container of one widget
    per key: a dozen widgets to style and lay out at launch and again on each
    rebuild. This one is a single line of text: when the bindings change it
    waits for the frame, works out the keys it would show, and repaints only
    if they differ. A click on a key presses it (a bell if it is disabled);
    the pointer over a key highlights it and shows its tooltip.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keys-footer--key", "keys-footer--description", "keys-footer--hover", "keys-footer--separator"}
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .keys-footer--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        & > .keys-footer--description { color: $footer-description-foreground; background: $footer-description-background; }
        & > .keys-footer--hover { background: $block-hover-background; }
        & > .keys-footer--separator { color: $foreground 20%; }
    }
    """

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        self.keys: tuple[FooterKey, ...] = ()
        self.palette_key: FooterKey | None = None
        self.rebuilds = 0  # how many times the keys shown changed (for tests)
        self._spans: list[tuple[int, int, FooterKey]] = []  # where each key was drawn
        self._hover: FooterKey | None = None
        self._pending = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # Once the screen's other widgets are there: the app's check_action asks them.
        self._pending = True
        self.call_after_refresh(self._update)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def shown(self) -> dict[str, bool]:
        """description → enabled, of every key on the footer."""
        keys = (*self.keys, self.palette_key) if self.palette_key else self.keys
        return {key.description: key.enabled for key in keys}

    # --- keeping up with the bindings ----------------------------------------------

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        # Each focus change and each refresh of the bindings signals, several in
        # one note save, each from a state the next replaces: one look a frame.
        if not self.app.app_focus or screen is not self.screen or self._pending:
            return
        self._pending = True
        self.call_after_refresh(self._update)

    def show_keys_now(self) -> None:
        """Compare with the bindings now, in the frame being made, not in the one after it.

        For a change the app knows of while it answers a key (the row under the
        cursor became a note): waiting for the frame cost a second frame a key.
        """
        self._update()

    def _update(self) -> None:
        self._pending = False
        if not self.is_attached:
            return  # its screen was closed before the frame came
        app = self.app
        keys: list[FooterKey] = []
        actions: set[str] = set()
        palette: FooterKey | None = None
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if self.show_command_palette and app.ENABLE_COMMAND_PALETTE and binding.key == app.COMMAND_PALETTE_BINDING:
                palette = self._key(binding, enabled, binding.tooltip or binding.description)
            elif binding.show and binding.action not in actions:  # one key per action, as Textual's
                actions.add(binding.action)
                keys.append(self._key(binding, enabled, tooltip))
        if (tuple(keys), palette) == (self.keys, self.palette_key):
            return
        self.keys, self.palette_key = tuple(keys), palette
        self.rebuilds += 1
        self.refresh()  # one line, same size: no layout

    def _key(self, binding: Binding, enabled: bool, tooltip: str) -> FooterKey:
        return FooterKey(binding.key, self.app.get_key_display(binding), binding.description, enabled, tooltip)

    # --- drawing ---------------------------------------------------------------------

    def fitting(self, room: int) -> list[FooterKey]:
        """The keys that fit in ``room`` columns, whole: the disabled ones give way first, then those
        at the end (the registry puts what is used most first: tui/actions.py)."""
        def width(key: FooterKey) -> int:
            return len(key.display) + (len(key.description) + 1 if key.description else 0) + 1

        keys = list(self.keys)
        if sum(map(width, keys)) > room:
            keys = [k for k in keys if k.enabled]
        out: list[FooterKey] = []
        used = 0
        for key in keys:
            if used + width(key) > room:
                break
            out.append(key)
            used += width(key)
        return out

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keys-footer--key", partial=True)
        description_style = self.get_component_rich_style("keys-footer--description", partial=True)
        hover_style = self.get_component_rich_style("keys-footer--hover", partial=True)
        dim = Style(dim=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, FooterKey]] = []

        def add(key: FooterKey) -> None:
            start = len(line)
            line.append(key.display, key_style)
            if key.description:
                line.append(f" {key.description}", description_style)
            end = len(line)
            if key == self._hover:
                line.stylize(hover_style, start, end)
            if not key.enabled:
                line.stylize(dim, start, end)
            spans.append((start, end, key))

        palette_label = ""
        narrow = self.size.width < 100  # the palette's key alone: its word's room goes to another key
        if self.palette_key is not None:
            palette_label = self.palette_key.display + (f" {self.palette_key.description}" if self.palette_key.description and not narrow else "")
        room = self.size.width - (len(palette_label) + 2 if palette_label else 0)  # the separator, a space after
        for key in self.fitting(room):
            add(key)
            line.append(" ")
        if self.palette_key is not None and room >= 0:
            # At the right, as Textual's; on a narrow screen the other keys give way to it.
            line.truncate(room, pad=True)
            spans = [(start, min(end, room), key) for start, end, key in spans if start < room]
            line.append("▏", self.get_component_rich_style("keys-footer--separator", partial=True))
            add(self.palette_key if not narrow else FooterKey(self.palette_key.key, self.palette_key.display, "",
                                                                self.palette_key.enabled, self.palette_key.tooltip))
            line.append(" ")
        line.stylize_before(self.rich_style)  # the footer's own colours under the keys'
        self._spans = spans
        return line

    # --- the mouse -------------------------------------------------------------------

    def _key_at(self, x: int) -> FooterKey | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, key: FooterKey | None) -> None:
        if key != self._hover:
            self._hover = key
            self.tooltip = (key.tooltip or key.description) if key else None
            self.refresh()
