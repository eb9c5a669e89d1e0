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
``enter`` …) waits until the focused field has handled the text sent to it
before (each widget's ``message_signal`` says when it has handled a message),
then is in flight until what its binding sent up the tree is handled. Keys that
arrive meanwhile wait; once a key has landed they go, in order, after
whatever its action queued, to whatever has the focus by then (the editor,
the filter, a dialog). An action may hold the keys longer (``hold_keys``): a
note's save holds them until the editor has closed, so keys typed after
``ctrl+s`` act on the list, not in an editor about to disappear.

Keys typed at human speed are never held: each is done long before the next
arrives, so a field has no text pending when ctrl+s comes and the save
starts at once, as before; letters typed into a field go straight to it.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.timer import Timer
from textual.widget import Widget

# A key that never comes back (its widget was removed on the way) must not
# hold the rest for ever; half a second is long for a key and short for a person.
LOST_AFTER_S = 0.5
# A hold (a save) older than this lets the keys go where the focus is, when the
# next key comes: a hung disk must not swallow what the user types, nor ctrl+q.
# (Checked then, not by a timer: a timer per save would take the interpreter
# from the writer thread for nothing.)
HOLD_AT_MOST_S = 3.0

Typed = events.Key | events.Paste


class KeysInOrder(App[Any]):
    """Mixin for the app: keys are handled one at a time while they arrive faster than that."""

    IN_ORDER_FOR: ClassVar[tuple[type[Widget], ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._key_in_flight: events.Key | None = None
        self._flight_from: Widget | None = None  # the list the key in flight was handed to
        self._keys_waiting: list[Typed] = []
        self._release_queued = False  # a key landed: the waiting keys go after what its action queued
        self._holds: set[object] = set()
        self._held_since = 0.0
        self._lost_key_timer: Timer | None = None
        # Text handed to a field (the editor, a filter) that it has not handled yet,
        # and a non-text key held until it has.
        self._field: Widget | None = None
        self._text_at_field: list[Typed] = []
        self._after_text: events.Key | None = None
        self._field_timer: Timer | None = None

    @property
    def keys_waiting(self) -> int:
        """Keys held back behind one still in flight (for tests)."""
        return len(self._keys_waiting)

    def hold_keys(self) -> Callable[[], None]:
        """Hold the keys typed from now on until the returned function is called (once is enough)."""
        token = object()
        if not self._holds:
            self._held_since = time.monotonic()
        self._holds.add(token)

        def release() -> None:
            if token in self._holds:
                self._holds.discard(token)
                self._queue_release()

        return release

    @property
    def _holding(self) -> bool:
        return self._key_in_flight is not None or self._release_queued or bool(self._holds) or bool(self._keys_waiting)

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, (events.Key, events.Paste)):
            await super().on_event(event)
        elif event.is_forwarded:  # back from the focused widget: the bindings run now
            try:
                await super().on_event(event)
            finally:
                if event is self._key_in_flight:
                    # What its binding sent up the tree (a list's Selected, which the app
                    # answers by moving the focus) is handled before the next keys go.
                    self._key_landed(after=self._flight_from)
        elif self._holding:
            self._keys_waiting.append(event)
            if self._holds and time.monotonic() - self._held_since > HOLD_AT_MOST_S:
                self._holds.clear()
                self._queue_release()
            self._watch_flight()
        else:
            await self._deliver(event)

    async def _deliver(self, event: Typed) -> None:
        focused = self.focused
        if focused is None:
            await super().on_event(event)
        elif isinstance(event, events.Key) and isinstance(focused, self.IN_ORDER_FOR):
            self._key_in_flight = event
            self._flight_from = focused
            await super().on_event(event)
            if event is self._key_in_flight and not event.is_forwarded:
                self._key_landed()  # a priority binding took it at once: it never left
        elif isinstance(event, events.Key) and not event.is_printable:
            # A binding may take it (a priority one at once, here): first the
            # field handles the text sent to it before (a non-text key before
            # this one was followed up the tree when it landed).
            self._key_in_flight = event
            if focused is self._field and self._text_at_field:
                self._after_text = event
                self._field_timer = self.set_timer(LOST_AFTER_S, self._field_lost, name="text at field")
            else:
                await self._deliver_held(event)
        else:
            self._text_sent(focused, event)
            await super().on_event(event)

    def _text_sent(self, field: Widget, event: Typed) -> None:
        if field is not self._field:
            if self._field is not None:
                self._field.message_signal.unsubscribe(self)
            self._field = field
            self._text_at_field = []
            # Told as the field finishes each message, in its own task.
            field.message_signal.subscribe(self, self._field_handled, immediate=True)
        self._text_at_field.append(event)

    def _field_handled(self, message: object) -> None:
        for i, sent in enumerate(self._text_at_field):
            if sent is message:
                del self._text_at_field[i]
                if not self._text_at_field:
                    self._text_handled()
                return

    def _field_lost(self) -> None:
        # The field was removed with text on its way (the text went with it).
        self._text_at_field = []
        self._text_handled()

    def _text_handled(self) -> None:
        if self._field_timer is not None:
            self._field_timer.stop()
            self._field_timer = None
        held, self._after_text = self._after_text, None
        if held is not None:
            self.call_later(self._deliver_held, held)  # on the app's own task

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

    def _when_handled(self, node: DOMNode, then: Callable[[], Awaitable[None]], *, again: bool = True) -> None:
        """Run ``then`` once ``node`` and every node above it have handled what they were sent so far.

        A key a widget does not keep climbs to its parent's queue when the
        widget handles it: a callback queued at each level in turn comes after it.
        Each level gets two turns: a message handled there may post another to
        the same node (a list pane turns its list's Selected into Chosen), and
        the app's answer to it queues the new focus on the app.
        """
        if again and node.call_later(self._when_handled, node, then, again=False):
            return
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
        # While an action holds the keys (a save on the writer thread), nothing
        # is released: its release queues this again, and callbacks meanwhile
        # would only take the interpreter from the writer thread.
        if not self._release_queued and not self._holds:
            self._release_queued = True
            self._when_handled(after or self, self._release)

    async def _release(self) -> None:
        self._release_queued = False
        while self._keys_waiting and self._key_in_flight is None and not self._holds and not self._release_queued:
            await self._deliver(self._keys_waiting.pop(0))
        self._watch_flight()

    def _watch_flight(self) -> None:
        if self._key_in_flight is not None and self._keys_waiting and self._lost_key_timer is None:
            self._lost_key_timer = self.set_timer(LOST_AFTER_S, self._key_landed, name="key in flight")
