"""KeysInOrder on a small app: what it does when a key never comes back, or a priority binding takes it,
and that a key a binding takes never overtakes the keys typed before it."""

from __future__ import annotations

import asyncio
import time

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget

from tui import keys_in_order
from tui.keys_in_order import KeysInOrder


class Swallow(Widget, can_focus=True):
    """A widget that keeps every key (so none ever reaches the app's bindings)."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: list[str] = []

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.kept.append(event.key)


class Demo(KeysInOrder, App[None]):
    IN_ORDER_FOR = (Swallow,)
    BINDINGS = [Binding("ctrl+b", "bell_count", "Bell", priority=True)]

    def __init__(self) -> None:
        super().__init__()
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield Swallow()

    def action_bell_count(self) -> None:
        self.bells += 1


def burst(app: App[None], *keys: str) -> None:
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_keys_behind_a_key_still_on_its_way_wait_for_it() -> None:
    app = Demo()
    async with app.run_test() as pilot:
        await pilot.pause()
        swallow = app.query_one(Swallow)
        assert app.focused is swallow
        burst(app, "a", "b", "c")
        await pilot.pause()
        # "a" never reaches the app (Swallow keeps it): b and c wait for it, for now.
        assert swallow.kept == ["a"] and app.keys_waiting == 2


async def test_keys_behind_a_key_that_never_comes_back_are_let_through(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys_in_order, "LOST_AFTER_S", 0.001)
    app = Demo()
    async with app.run_test() as pilot:
        await pilot.pause()
        swallow = app.query_one(Swallow)
        burst(app, "a", "b", "c")
        await pilot.pause(0.05)  # the lost-key timer's turn
        await pilot.pause()
        assert swallow.kept == ["a", "b", "c"] and app.keys_waiting == 0


async def test_a_key_a_priority_binding_takes_holds_nothing_back() -> None:
    app = Demo()
    async with app.run_test() as pilot:
        await pilot.pause()
        swallow = app.query_one(Swallow)
        burst(app, "ctrl+b", "x")
        await pilot.pause()
        assert app.bells == 1 and swallow.kept == ["x"]


# --- a key a binding takes comes after the keys typed before it -------------------------


class Field(Widget, can_focus=True):
    """A text field: it keeps the printable keys it is sent (as TextArea and Input do), one at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: list[str] = []

    def on_key(self, event: events.Key) -> None:
        if event.is_printable:
            event.stop()
            self.kept.append(event.key)


class Opener(Widget, can_focus=True):
    """A list whose key o moves the focus to the field (as n opens the note editor)."""


class Editing(KeysInOrder, App[None]):
    IN_ORDER_FOR = (Opener,)
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "save", "Save", priority=True),
        Binding("o", "open", "Open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.saved: list[list[str]] = []
        self.gate: asyncio.Event | None = None  # the open action waits on it (a slow mount)
        self.opening = False

    def compose(self) -> ComposeResult:
        yield Opener()
        yield Field()

    def on_mount(self) -> None:
        self.query_one(Opener).focus()

    def action_save(self) -> None:
        self.saved.append(list(self.query_one(Field).kept))

    async def action_open(self) -> None:
        self.opening = True
        if self.gate is not None:
            await self.gate.wait()
        self.query_one(Field).focus()


async def wait_for(condition, timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.001)


@pytest.mark.parametrize("save_key", ["ctrl+s", "escape"])
async def test_a_priority_key_acts_after_the_keys_the_field_has_not_handled_yet(save_key: str) -> None:
    """ctrl+s runs at the app at once; the letters before it were still queued at the field."""
    app = Editing()
    async with app.run_test() as pilot:
        await pilot.pause()
        field = app.query_one(Field)
        field.focus()
        await pilot.pause()
        assert app.focused is field
        burst(app, "a", "b", "c", save_key, "d")
        await pilot.pause()
        await wait_for(lambda: field.kept == ["a", "b", "c", "d"])
        assert app.saved == [["a", "b", "c"]]


async def test_keys_queued_behind_a_landing_key_wait_for_what_its_action_queued() -> None:
    """o's action moves the focus late (after keys already queued behind o): those keys follow the focus."""
    app = Editing()
    async with app.run_test() as pilot:
        await pilot.pause()
        field = app.query_one(Field)
        assert isinstance(app.focused, Opener)
        app.gate = asyncio.Event()
        burst(app, "o")
        await wait_for(lambda: app.opening)
        burst(app, "x", "y", "ctrl+s")  # queued at the app while o's action runs
        app.gate.set()
        await wait_for(lambda: app.saved != [])
        assert field.kept == ["x", "y"] and app.saved == [["x", "y"]]
        assert app.focused is field


async def test_keys_typed_during_a_hold_wait_for_its_release() -> None:
    """A save holds the keys typed after ctrl+s until the editor has closed."""
    app = Editing()
    async with app.run_test() as pilot:
        field = app.query_one(Field)
        field.focus()
        await pilot.pause()
        release = app.hold_keys()
        burst(app, "a", "b")
        await pilot.pause()
        assert field.kept == [] and app.keys_waiting == 2
        release()
        release()  # twice is once
        await wait_for(lambda: field.kept == ["a", "b"])
        assert app.keys_waiting == 0


async def test_a_hold_past_its_limit_lets_the_next_key_go(monkeypatch: pytest.MonkeyPatch) -> None:
    """A save that never ends (a hung disk) must not swallow what is typed next."""
    monkeypatch.setattr(keys_in_order, "HOLD_AT_MOST_S", 0.0)
    app = Editing()
    async with app.run_test() as pilot:
        field = app.query_one(Field)
        field.focus()
        await pilot.pause()
        app.hold_keys()
        await asyncio.sleep(0.01)
        burst(app, "a")
        await wait_for(lambda: field.kept == ["a"])
