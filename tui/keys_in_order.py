"""Keys act in the order they were typed, even when they arrive in one burst.

Textual hands each key to the focused widget the moment it arrives; the
widget passes it up to the app, whose bindings run it. A paste, a tmux
``send-keys`` or a fast typist delivers keys faster than that, and three
things then go wrong:

- A key that arrives while an earlier one is still on that way has already
  been handed to the widget that was focused *before* the earlier key acted:
  ``n`` followed by ``quick`` opens the note editor, but ``q``, ``u`` … reach
  the list it came from (``q`` quits).
- A key the earlier key's action moves the focus for (the editor's focus is
  set by a callback queued *during* the action) is handed out before that
  callback has run, so the first letters of a note reach the list.
- A priority binding (the editor's ``ctrl+s`` and ``escape``) runs at the app
  the moment its key arrives, while the letters typed before it still wait in
  the text field's own queue: the note was saved empty, or cut short.

So here a key handed to one of the explorer's lists is *in flight* until the
app has run its binding, and a key that is not text (``ctrl+s``, ``escape``,
``enter`` …) handed to any other widget is in flight until that widget, and
every widget above it, has handled everything sent to it before. Keys that
arrive meanwhile wait; once a key has landed they go, in order, after
whatever its action queued, to whatever has the focus by then (the editor,
the filter, a dialog). An action may hold the keys longer (``hold_keys``): a
note's save holds them until the editor has closed, so keys typed after
``ctrl+s`` act on the list, not in an editor about to disappear.

Keys typed at human speed are never held: each is done long before the next
arrives. Letters typed into a field go straight to it, as before; a non-text
key makes a round trip up the widget tree first (a few callbacks, well under
a millisecond).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, ClassVar

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.timer import Timer
from textual.widget import Widget

# A key that never comes back (its widget was removed on the way) must not
# hold the rest for ever; half a second is long for a key and short for a person.
LOST_AFTER_S = 0.5
# A hold (a save) that takes longer than this lets the keys go where the focus
# is: a hung disk must not swallow what the user types next, nor ctrl+q.
HOLD_AT_MOST_S = 3.0

Typed = events.Key | events.Paste


class KeysInOrder(App[Any]):
    """Mixin for the app: keys are handled one at a time while they arrive faster than that."""

    IN_ORDER_FOR: ClassVar[tuple[type[Widget], ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._key_in_flight: events.Key | None = None
        self._keys_waiting: list[Typed] = []
        self._release_queued = False  # a key landed: the waiting keys go after what its action queued
        self._holds = 0
        self._lost_key_timer: Timer | None = None

    @property
    def keys_waiting(self) -> int:
        """Keys held back behind one still in flight (for tests)."""
        return len(self._keys_waiting)

    def hold_keys(self) -> Callable[[], None]:
        """Hold the keys typed from now on until the returned function is called (once is enough)."""
        self._holds += 1
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                timer.stop()
                self._holds -= 1
                self._queue_release()

        timer = self.set_timer(HOLD_AT_MOST_S, release, name="keys held")
        return release

    @property
    def _holding(self) -> bool:
        return self._key_in_flight is not None or self._release_queued or self._holds > 0 or bool(self._keys_waiting)

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, (events.Key, events.Paste)):
            await super().on_event(event)
        elif event.is_forwarded:  # back from the focused widget: the bindings run now
            try:
                await super().on_event(event)
            finally:
                if event is self._key_in_flight:
                    self._key_landed()
        elif self._holding:
            self._keys_waiting.append(event)
            self._watch_flight()
        else:
            await self._deliver(event)

    async def _deliver(self, event: Typed) -> None:
        focused = self.focused
        if not isinstance(event, events.Key) or focused is None:
            await super().on_event(event)
        elif isinstance(focused, self.IN_ORDER_FOR):
            self._key_in_flight = event
            await super().on_event(event)
            if event is self._key_in_flight and not event.is_forwarded:
                self._key_landed()  # a priority binding took it at once: it never left
        elif not event.is_printable:
            # A binding may take it (a priority one at once, here): first let the
            # field, and each widget above it, handle the keys sent to it before.
            self._key_in_flight = event
            self._when_handled(focused, partial(self._deliver_held, event))
        else:
            await super().on_event(event)

    async def _deliver_held(self, event: events.Key) -> None:
        focused = self.focused
        to_list = isinstance(focused, self.IN_ORDER_FOR)
        try:
            await super().on_event(event)
        finally:
            # Handed to a list, it comes back (and lands) once its binding ran;
            # handed to a field, it is in that field's queue ahead of the next keys.
            if event is self._key_in_flight and not (to_list and event.is_forwarded):
                # What its binding sent up the tree (the editor's Cancel, which
                # asks a question) is handled before the next keys go.
                self._key_landed(after=focused)

    def _when_handled(self, node: DOMNode, then: Callable[[], Awaitable[None]]) -> None:
        """Run ``then`` once ``node`` and every node above it have handled what they were sent so far.

        A key a widget does not keep climbs to its parent's queue when the
        widget handles it: a callback queued at each level in turn comes after it.
        """
        parent = node.parent
        if node is self or parent is None or not node.call_later(self._when_handled, parent, then):
            self.call_later(then)

    def _key_landed(self, after: DOMNode | None = None) -> None:
        self._key_in_flight = None
        if self._lost_key_timer is not None:
            self._lost_key_timer.stop()
            self._lost_key_timer = None
        self._queue_release(after)

    def _queue_release(self, after: DOMNode | None = None) -> None:
        # Keys may already sit in the app's queue, unseen, behind the key that
        # landed: they wait too, until what its action queued (the new editor's
        # focus) has run.
        if not self._release_queued:
            self._release_queued = True
            self._when_handled(after or self, self._release)

    async def _release(self) -> None:
        self._release_queued = False
        while self._keys_waiting and self._key_in_flight is None and self._holds == 0 and not self._release_queued:
            await self._deliver(self._keys_waiting.pop(0))
        self._watch_flight()

    def _watch_flight(self) -> None:
        if self._key_in_flight is not None and self._keys_waiting and self._lost_key_timer is None:
            self._lost_key_timer = self.set_timer(LOST_AFTER_S, self._key_landed, name="key in flight")
