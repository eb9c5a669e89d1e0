"""The footer: Textual's, rebuilt at most once a frame, and only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's Footer recomposes (a dozen widgets, their styles, a screen
    layout) on every bindings signal: each focus change and each refresh of
    the bindings, several in one note save, each from a state the next one
    replaces. This one waits for the frame, then rebuilds only if the keys
    it would show differ from those it shows."""

    _shown: tuple[Any, ...] | None = None
    _pending = False

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return  # as Textual's: the keys come back with the focus
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )
        if shown == self._shown:
            return
        self._shown = shown
        await self.recompose()
