"""Keys act in the order they were typed, even when they arrive in one burst.

Textual hands each key to the focused widget the moment it arrives; the
widget passes it up to the app, whose bindings run it. A key that arrives
while an earlier one is still on that way has already been handed to the
widget that was focused *before* the earlier key acted. So a paste, a tmux
``send-keys`` or a fast typist's ``n`` followed by ``quick`` opens the note
editor, but ``q``, ``u`` … reach the list it came from (``q`` quits), and
``3n`` opens a note with the keys behind ``n`` in the countries list.

Here a key handed to one of the explorer's lists is *in flight* until the app
has run its binding; keys that arrive meanwhile wait, then go to whatever has
the focus by then (the editor, the filter, a dialog). Keys typed at human
speed are never held: each is done long before the next arrives.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.app import App
from textual.timer import Timer
from textual.widget import Widget

# A key that never comes back (its widget was removed on the way) must not
# hold the rest for ever; half a second is long for a key and short for a person.
LOST_AFTER_S = 0.5


class KeysInOrder(App[Any]):
    """Mixin for the app: keys to ``IN_ORDER_FOR`` widgets are handled one at a time."""

    IN_ORDER_FOR: ClassVar[tuple[type[Widget], ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._key_in_flight: events.Key | None = None
        self._keys_waiting: list[events.Key] = []
        self._lost_key_timer: Timer | None = None

    @property
    def keys_waiting(self) -> int:
        """Keys held back behind one still in flight (for tests)."""
        return len(self._keys_waiting)

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key):
            await super().on_event(event)
        elif event.is_forwarded:  # back from the focused widget: the bindings run now
            try:
                await super().on_event(event)
            finally:
                if event is self._key_in_flight:
                    self._key_landed()
        elif self._key_in_flight is not None:
            self._keys_waiting.append(event)
            if self._lost_key_timer is None:
                self._lost_key_timer = self.set_timer(LOST_AFTER_S, self._key_landed, name="key in flight")
        else:
            if isinstance(self.focused, self.IN_ORDER_FOR):
                self._key_in_flight = event
            await super().on_event(event)
            if event is self._key_in_flight and not event.is_forwarded:
                self._key_landed()  # a priority binding took it at once: it never left

    def _key_landed(self) -> None:
        self._key_in_flight = None
        if self._lost_key_timer is not None:
            self._lost_key_timer.stop()
            self._lost_key_timer = None
        waiting, self._keys_waiting = self._keys_waiting, []
        # Behind whatever the landed key queued (the new editor's focus comes first).
        for key in waiting:
            self.post_message(key)
