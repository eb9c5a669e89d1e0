"""Key-press and note-save latency of the explorer, measured in-process and headless.

    python benchmarks/app_figures.py STORE [--presses 200] [--first-visits 100] [--saves 100] [--json FILE]

Used by run.py (one fresh process per store); runnable alone. The app is the
real one, built by ``tui.app.build_app`` and run with ``App.run_test(size=(140, 40))``.
Saves write notes into STORE: give it a copy.

Why not ``pilot.press()`` + ``pilot.pause()`` around each key: both sleep in
steps of 20 ms until the process looks idle (``textual._wait.wait_for_idle``),
so a press timed that way takes at least 60 ms, in 20 ms steps, however fast
the app is. Instead each timed key is posted as a ``Key`` event to the app
(as the terminal driver does) and the benchmark watches, without sleeping in
steps, for three things in turn:

1. every message queue of the app and its widgets empty (the key handled, the
   cursor moved, the panes refilled);
2. the screen no longer dirty: the frame that shows it composited. Textual
   composites on its own timer, at most TEXTUAL_FPS frames a second (120 as
   the CLI runs the app, see ``tui.cli.use_frame_rate``), so this includes
   the wait for the next frame tick (0 to 8.3 ms), as in a terminal;
3. headless Textual skips turning a frame into escape sequences; the benchmark
   does that work too (``render_segments`` of the update, thrown away), so a
   frame costs what it costs in a terminal except the write and the drawing.

``key_ms`` is from posting the key to the end of that frame; ``key_cpu_ms`` is
the process's CPU time over the same span (the work, without the frame wait).

First visits: ``1``, ``g``, then ``first-visits`` j down the countries list,
each onto a country shown for the first time (``key_first_ms``): nothing of it
queried or rendered before. The lists keep rendered rows across refills, so
the back and forth below is mostly revisits; this is the cold figure.

Keys: the countries pane is focused and the cursor put on the busiest country
(``/``, its name, enter, escape: the filter keeps the highlight), then
``presses`` keys alternate j and k there (each refills the alliances and the
excerpts panes); then the alliances pane (``2``) with the cursor on that
country's busiest alliance, and ``presses`` more j/k (each refills the
excerpts pane).

Notes: ``1`` then ``3`` (the excerpts pane lists all of the busiest country's
facts), then for each save: ``j`` until the cursor is on the next fact row,
``n``, a short note typed, and ``ctrl+s`` timed until the editor is closed,
the writer thread done, the cursor on the new note's row and the frame drawn
(``note_shown_ms``). ``note_save_ms`` is the save itself, as the issue
defines it: ``ctrl+s`` to ``add_note`` returning on the app's writer thread,
the journal line appended and fsynced. ``store_add_note_ms`` is ``FactStore.add_note``
alone, timed on the app's writer thread, for reference.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import statistics
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SIZE = (140, 40)


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(name: str, values: list[float]) -> dict[str, float | None]:
    return {
        f"{name}_p50": _r(percentile(values, 50)),
        f"{name}_p95": _r(percentile(values, 95)),
    }


def _r(x: float | None, digits: int = 2) -> float | None:
    return None if x is None else round(x, digits)


class Meter:
    """Posts keys to a running app and waits, without fixed sleeps, for the frame that shows their effect."""

    def __init__(self, app: Any) -> None:
        from textual._compositor import CompositorUpdate

        self.app = app
        self.frames = 0
        self.last_frame_end = 0.0
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            if app.is_headless:  # do what a terminal driver would: turn the update into escape sequences
                if isinstance(renderable, CompositorUpdate):
                    renderable.render_segments(app.console)
                else:
                    app.console._render_buffer(app.console.render(renderable))
            self.frames += 1
            self.last_frame_end = time.perf_counter()

        app._display = display  # Screen calls app._display(...): the instance attribute wins

    def _pending(self) -> bool:
        app = self.app
        screen = app.screen
        if app._message_queue.qsize():
            return True
        return any(node._message_queue.qsize() for node in screen.walk_children(with_self=True))

    def _dirty(self) -> bool:
        s = self.app.screen
        return bool(s._dirty_widgets or s._layout_required or s._repaint_required or s._scroll_required
                    or s._recompose_required or s._callbacks)

    async def settle(self, timeout: float = 30.0) -> None:
        """Until no message is queued anywhere and the screen has drawn everything it was asked to."""
        end = time.perf_counter() + timeout
        quiet = 0
        while time.perf_counter() < end:
            await asyncio.sleep(0)
            if self._pending():
                quiet = 0
                continue
            if self._dirty():
                quiet = 0
                await asyncio.sleep(0.0002)  # the frame timer's turn
                continue
            quiet += 1
            if quiet >= 3:  # three turns of the loop with nothing queued and nothing to draw
                return
        raise TimeoutError("the app did not settle")

    def post_key(self, key: str) -> None:
        """Post one key, as the terminal driver does: a single character ("j", "/", " ") or a key name ("ctrl+s")."""
        from textual import events
        from textual.keys import _character_to_key

        if len(key) == 1:
            char, key = key, _character_to_key(key)
        else:
            char = {"space": " ", "enter": "\r", "tab": "\t", "escape": "\x1b", "slash": "/"}.get(key)
        event = events.Key(key, char)
        event.set_sender(self.app)
        self.app.post_message(event)

    async def press(self, *keys: str) -> None:
        """Untimed keys (setting up), each handled and drawn before the next: pilot.press without its sleeps."""
        for key in keys:
            self.post_key(key)
            await self.settle()

    async def timed_key(self, key: str) -> tuple[float, float]:
        """(wall ms, CPU ms) from posting ``key`` to the end of the frame that shows its effect."""
        frames = self.frames
        c0 = time.process_time()
        t0 = time.perf_counter()
        self.post_key(key)
        await self.settle()
        t1 = self.last_frame_end if self.frames > frames else time.perf_counter()
        return (t1 - t0) * 1000, (time.process_time() - c0) * 1000


def busiest(store: Any) -> tuple[str, str, str | None, str | None]:
    """(country id, country name, alliance id, alliance name): the busiest country and its busiest alliance."""
    country, _ = max(store.countries(), key=lambda en: en[1])
    links = store.alliances_of(country.id)
    alliance = max(links, key=lambda l: len(l.facts)).entity if links else None
    return country.id, country.name, (alliance.id if alliance else None), (alliance.name if alliance else None)


async def _put_cursor(meter: Meter, option_list: Any, entity_id: str) -> None:
    """Move the cursor straight to ``entity_id`` (positioning, not timed)."""
    if option_list.highlighted_option is not None and option_list.highlighted_option.id == entity_id:
        return
    option_list.highlighted = option_list.get_option_index(entity_id)
    await meter.settle()


async def _alternate(meter: Meter, option_list: Any, presses: int) -> tuple[list[float], list[float]]:
    """j/k (or k/j when the cursor is on the last row) ``presses`` times."""
    at_end = option_list.highlighted is not None and option_list.highlighted >= option_list.option_count - 1
    keys = ("k", "j") if at_end else ("j", "k")
    wall, cpu = [], []
    for i in range(presses):
        w, c = await meter.timed_key(keys[i % 2])
        wall.append(w)
        cpu.append(c)
    return wall, cpu


async def measure(folder: Path, *, presses: int = 200, saves: int = 100, reference_notes: int = 30,
                  first_visits: int = 100) -> dict[str, Any]:
    from store.models import Target, TargetKind
    from tui.cli import use_frame_rate

    use_frame_rate()  # as the CLI runs the app (before Textual is imported)
    from tui.app import build_app

    t = time.perf_counter()
    app = build_app(folder, own_process=True)  # as the CLI runs it
    open_s = time.perf_counter() - t
    store = app.store
    country_id, country_name, alliance_id, alliance_name = busiest(store)
    out: dict[str, Any] = {
        "store_open_s": round(open_s, 3),
        "facts": len(store.facts),
        "busiest_country": country_id,
        "busiest_country_facts": len(store.facts_of(country_id)),
        "busiest_alliance": alliance_id,
        "country_names": [e.name for e, _ in store.countries()],
    }
    async with app.run_test(size=SIZE) as pilot:
        meter = Meter(app)
        await pilot.pause()
        await meter.settle()

        # First visits: down the countries list from the top, each country
        # shown for the first time (nothing of it queried or rendered before,
        # so the rows the lists keep across refills cannot help; the busiest
        # country's back and forth below is mostly revisits).
        await meter.press("1", "g")
        countries = app.countries.option_list
        wall_f: list[float] = []
        for _ in range(min(first_visits, countries.option_count - 1)):
            wall_f.append((await meter.timed_key("j"))[0])
        out.update(summary("key_first_ms", wall_f))
        out["key_first_presses"] = len(wall_f)

        # The busiest country, found the user's way: the filter.
        await meter.press("1", "/", *country_name.casefold(), "enter", "escape")
        countries = app.countries.option_list
        out["found_with_filter"] = app.countries.highlighted_id == country_id
        await _put_cursor(meter, countries, country_id)  # if the filter did not land there
        wall_c, cpu_c = await _alternate(meter, countries, presses)
        await _put_cursor(meter, countries, country_id)

        # Its busiest alliance, in the alliances pane.
        wall_a: list[float] = []
        cpu_a: list[float] = []
        if alliance_id is not None:
            await meter.press("2")
            await _put_cursor(meter, app.alliances.option_list, alliance_id)
            wall_a, cpu_a = await _alternate(meter, app.alliances.option_list, presses)
        out.update(summary("key_ms", wall_c + wall_a))
        out.update(summary("key_cpu_ms", cpu_c + cpu_a))
        out.update(summary("key_ms_countries", wall_c))
        out.update(summary("key_ms_alliances", wall_a))
        out["key_presses"] = len(wall_c) + len(wall_a)

        # Notes, in the excerpts pane listing all of the country's facts.
        await meter.press("1")
        await _put_cursor(meter, countries, country_id)
        await meter.press("3")
        pane = app.excerpts
        saved: list[tuple[float, str]] = []  # (when add_note returned, the note's id)
        real_add_note = store.add_note

        def add_note(*args: Any, **kw: Any) -> Any:
            note = real_add_note(*args, **kw)
            saved.append((time.perf_counter(), note.id))
            return note

        async def next_fact(previous: str | None) -> str:
            """j until the cursor is on a fact other than ``previous`` (the user's way down the pane; not timed)."""
            for _ in range(2000):
                row = pane.highlighted_row
                if row is not None and row.kind == "fact" and row.fact_id != previous:
                    return row.fact_id
                before = pane.fact_list.highlighted
                await meter.press("j")
                if pane.fact_list.highlighted == before:  # the end of the pane: start again from the top
                    await meter.press("g")
            raise RuntimeError(f"no fact row reached in the excerpts pane of {country_id}")

        store.add_note = add_note  # the app's save calls store.add_note on its writer thread
        shown, durable, cpu_n, fact_ids = [], [], [], []
        fact_id: str | None = None
        for i in range(saves):
            fact_id = await next_fact(fact_id)
            fact_ids.append(fact_id)
            await meter.press("n")
            if pane.editor is None:
                raise RuntimeError("n did not open the note editor")
            await meter.press(*f"note {i}")
            n_saved = len(saved)
            frames = meter.frames
            c0 = time.process_time()
            t0 = time.perf_counter()
            meter.post_key("ctrl+s")
            while pane.editor is not None:
                await asyncio.sleep(0.0005)  # not sleep(0): a spinning loop would hold the GIL from the writer thread
                if time.perf_counter() - t0 > 60:
                    raise TimeoutError("the note editor did not close")
            await app.workers.wait_for_complete()
            await meter.settle()
            t1 = meter.last_frame_end if meter.frames > frames else time.perf_counter()
            if len(saved) != n_saved + 1:
                raise RuntimeError("ctrl+s closed the editor without one add_note")
            row = pane.highlighted_row
            if row is None or row.note_id != saved[-1][1]:
                raise RuntimeError(f"the cursor is not on the saved note's row but on {row}")
            shown.append((t1 - t0) * 1000)
            cpu_n.append((time.process_time() - c0) * 1000)
            durable.append((saved[-1][0] - t0) * 1000)
        store.add_note = real_add_note
        # The figure: a note saved durably through the app's path.
        out.update(summary("note_save_ms", durable))
        out.update(summary("note_shown_ms", shown))
        out.update(summary("note_shown_cpu_ms", cpu_n))
        out["note_shown_first_ms"] = _r(shown[0]) if shown else None
        out["note_saves"] = len(shown)

        # FactStore.add_note alone, on the app's writer thread.
        await app.workers.wait_for_complete()

        def one(i: int) -> float:
            t = time.perf_counter()
            real_add_note(Target(kind=TargetKind.FACT, id=fact_ids[i % len(fact_ids)]), f"reference note {i}")
            return (time.perf_counter() - t) * 1000

        ref = [await asyncio.wrap_future(app.writer.on_thread(lambda i=i: one(i))) for i in range(reference_notes)]
        out["store_add_note_ms_p50"] = _r(statistics.median(ref), 3) if ref else None
        await pilot.press("q")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Key-press and note-save latency of the explorer (headless).")
    parser.add_argument("store", type=Path, help="a store folder (saves write into it: use a copy)")
    parser.add_argument("--presses", type=int, default=200, help="j/k presses in each list pane (default 200)")
    parser.add_argument("--first-visits", type=int, default=100,
                        help="j presses down the countries list, each on a country not shown before (default 100)")
    parser.add_argument("--saves", type=int, default=100, help="notes saved through the app (default 100)")
    parser.add_argument("--json", type=Path, help="write the figures here (default: print them)")
    args = parser.parse_args(argv)
    import resource

    figures = asyncio.run(measure(args.store, presses=args.presses, saves=args.saves, first_visits=args.first_visits))
    figures["process_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    text = json.dumps(figures, indent=2)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
