"""The floor under ``launch_s``: how long a bare Textual app takes to show its first frame here.

    python benchmarks/launch_floor.py [--runs 7]

The app (``FloorApp`` below) is the explorer's screen with nothing of ours in
it: a header, three bordered panes titled Countries, Alliances and Excerpts
listing a few country names, and a footer. It is launched and timed exactly as
launch_figures.py times the explorer (a new process in a pseudo-terminal, until
the first complete frame shows the three titles and the names), so the
difference between the two is what the explorer adds: its imports (pydantic,
the store), opening the store and its own first frame. run.py prints it beside
the table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

NAMES = ["South Korea", "Japan", "Australia", "France"]


def run_floor_app() -> None:
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal
    from textual.widgets import Footer, Header, Static

    class FloorApp(App[None]):
        CSS = "Static { border: round $accent; width: 1fr; height: 1fr; }"
        BINDINGS = [("q", "quit", "Quit")]

        def compose(self) -> ComposeResult:
            yield Header()
            with Horizontal():
                for title in ("Countries", "Alliances", "Excerpts"):
                    pane = Static("\n".join(NAMES))
                    pane.border_title = title
                    yield pane
            yield Footer()

    FloorApp().run()


def measure(runs: int = 7) -> dict[str, float | None]:
    if __package__ in (None, ""):
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks import launch_figures

    command = [sys.executable, str(Path(__file__).resolve()), "--app"]
    times = [
        t
        for t in (launch_figures.launch_once(Path("."), NAMES, presses=0, command=command).launch_s for _ in range(runs))
        if t is not None
    ]
    return {"launch_floor_s": round(statistics.median(times), 3) if times else None,
            "launch_floor_runs_s": [round(t, 3) for t in times]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Launch time of a bare Textual app with the explorer's layout.")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--app", action="store_true", help=argparse.SUPPRESS)  # run the app itself
    args = parser.parse_args(argv)
    if args.app:
        run_floor_app()
        return 0
    print(json.dumps(measure(args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
