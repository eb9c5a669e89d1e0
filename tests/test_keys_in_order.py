"""KeysInOrder on a small app: what it does when a key never comes back, or a priority binding takes it."""

from __future__ import annotations

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
