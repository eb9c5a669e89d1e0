"""Helpers shared by the Pilot tests of the explorer (tests/test_tui_*.py).

Every test builds the app through ``tui.app.build_app`` (the one factory) on a
private copy of the starter store (the ``starter_store`` fixture of
conftest.py), presses real keys, and asserts on what the widgets show and on
what the store holds.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import OptionList

from tui.app import AlliancesApp
from tui.panes.rowlist import RowList

KOR = "country:KOR"
USA = "country:USA"
POL = "country:POL"
JPN = "country:JPN"
NATO = "alliance:nato"
AUKUS = "alliance:aukus"
US_ROK = "alliance:us-rok-alliance"
TRILATERAL = "alliance:us-japan-rok-trilateral"


async def settle(pilot: Pilot) -> None:
    """Wait for the writer thread to report back, then for the screen to follow."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def plain(renderable: object) -> str:
    """The text a prompt shows (Text, Padding, Group …), without styles, lines right-stripped."""
    if isinstance(renderable, str):
        return renderable
    if isinstance(renderable, Text):
        return renderable.plain
    console = Console(width=1000, file=io.StringIO(), color_system=None, legacy_windows=False)
    with console.capture() as capture:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in capture.get().rstrip("\n").split("\n"))


def prompts(option_list: OptionList | RowList) -> list[str]:
    """The plain text of every option loaded in a list."""
    return [plain(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


def ids(option_list: OptionList | RowList) -> list[str | None]:
    return [option_list.get_option_at_index(i).id for i in range(option_list.option_count)]


def highlighted_text(option_list: OptionList | RowList) -> str | None:
    option = option_list.highlighted_option
    if option is None:
        return None
    return plain(option.prompt)


def screen_lines(app: AlliancesApp) -> list[str]:
    """What the terminal shows, line by line, as plain text (the composited screen)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def notifications(app: AlliancesApp) -> list[tuple[str, str, str]]:
    """(title, message, severity) of each notification shown now, oldest first.

    Textual keeps them privately and offers no query (only ``clear_notifications``):
    this is the one place the tests read them.
    """
    return [(n.title, str(n.message), n.severity) for n in app._notifications]


def keep_notifications(app: AlliancesApp) -> list[str]:
    """Every message ``app`` notifies from now on, kept as it was given.

    A change's toast goes after two seconds, which a loaded machine can pass between the key and the assertion;
    what was said stays said.
    """
    kept: list[str] = []
    notify = app.notify

    def recording(message: str, *args: Any, **kwargs: Any) -> None:
        kept.append(str(message))
        notify(message, *args, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return kept


def screen_text(app: AlliancesApp) -> str:
    return "\n".join(screen_lines(app))


def excerpt_prompts(app: AlliancesApp) -> list[str]:
    """Every row of the excerpts pane as the pane draws it (the pane itself draws only those on screen)."""
    pane = app.excerpts
    return [plain(pane.prompt(row)) for row in pane.rows]


def notes_in_store(app: AlliancesApp) -> dict[str, str]:
    return {n.id: n.body for n in app.store.annotations.values()}


def row_index(app: AlliancesApp, kind: str, fact_id: str | None = None) -> int:
    for i, row in enumerate(app.excerpts.rows):
        if row.kind == kind and (fact_id is None or row.fact_id == fact_id):
            return i
    raise AssertionError(f"no {kind} row{' of ' + fact_id if fact_id else ''} in the excerpts pane")


async def move_to(pilot: Pilot, option_list: OptionList | RowList, predicate, *, key: str = "j", limit: int = 200) -> None:
    """Press ``key`` until the highlighted option satisfies ``predicate`` (option id) — the user's way."""
    for _ in range(limit):
        option = option_list.highlighted_option
        if option is not None and predicate(option.id):
            return
        await pilot.press(key)
    raise AssertionError(f"never reached the wanted option in #{option_list.id} (at {option_list.highlighted_option and option_list.highlighted_option.id}, of {ids(option_list)})")


async def type_text(pilot: Pilot, text: str) -> None:
    """Type characters one key at a time (spaces and punctuation included)."""
    await pilot.press(*text)  # Pilot turns " ", "[", "/" … into their key names


def all_text(lines: Iterable[str]) -> str:
    return "\n".join(lines)
