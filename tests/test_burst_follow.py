"""Moves typed in one burst act as if typed slowly: a pane key, then enter on it, then enter again."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import events

from tui.app import AlliancesApp, build_app
from tui_helpers import KOR, settle


def burst(app: AlliancesApp, *keys: str) -> None:
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def until(condition, timeout_s: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(timeout_s * 100)):
        if condition():
            return
        await asyncio.sleep(0.01)


async def test_pane_key_enter_enter_in_one_burst_follows_the_alliance(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await pilot.pause()
        burst(app, "1", "enter", "enter")
        await until(lambda: app.keys_waiting == 0 and (app.countries.border_title or "").startswith("Countries · members"))
        await settle(pilot)
        assert app.place.members_of is not None, app.countries.border_title
        assert app.countries.highlighted_id == KOR


async def test_follow_then_back_in_one_burst_returns_where_it_started(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        start = app.place
        burst(app, "2", "enter", "j", "backspace")  # follow an alliance, move in its members, back
        await until(lambda: app.keys_waiting == 0 and app.trail.depth == 0 and app.focused_pane() == "alliances")
        await settle(pilot)
        assert app.trail.depth == 0 and app.place.members_of is None
        assert (app.place.country, app.place.alliance) == (start.country, start.alliance)
        assert app.focused_pane() == "alliances"
