"""The app process of one ``alliances-tui serve`` session: ``python -m tui.serve_app``.

tui.serve starts one for each browser websocket, through textual-serve, with
textual's web driver on its standard input and output. This module makes sure
it ends once nobody can reach it: when the server is gone (its parent-death
signal on Linux; its input reaching end of file anywhere), and on SIGTERM even
when its event loop is stuck. It is started by the server, not by hand.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from textual import messages
from textual.drivers.web_driver import WebDriver

EXIT_DEADLINE = 3.0  # seconds an app left alone (no server, SIGTERM) takes before it exits hard


class Lifeline:
    """Ends the app process once nobody can reach it, even if its event loop cannot run.

    textual-serve stops reading an app's output when a write to a vanished
    browser fails; the app then fills the pipe and its main thread blocks in a
    write, so an asyncio signal handler would never run: SIGTERM is taken by a
    thread of its own instead, and a deadline ends the process if the app has
    not managed to exit by then.
    """

    def __init__(self) -> None:
        self.driver: ServedDriver | None = None
        self._left = threading.Event()

    def watch_signals(self) -> None:
        """Take SIGTERM and SIGINT in a thread. Call before any other thread starts (they inherit the mask)."""
        signals = {signal.SIGTERM, signal.SIGINT}
        signal.pthread_sigmask(signal.SIG_BLOCK, signals)

        def wait() -> None:
            sig = signal.sigwait(signals)
            self.leave(128 + sig)

        threading.Thread(target=wait, name="alliances-tui-signals", daemon=True).start()

    def leave(self, code: int) -> None:
        if self._left.is_set():
            return
        self._left.set()
        driver = self.driver
        if driver is None:  # the app is not running yet: there is nothing to close
            os._exit(code)
        driver.process_message(messages.ExitApp())  # thread-safe: it goes through the app's loop
        timer = threading.Timer(EXIT_DEADLINE, os._exit, args=(code,))
        timer.daemon = True
        timer.start()


LIFELINE = Lifeline()


class ServedDriver(WebDriver):
    """textual's web driver, made to end when nobody can reach it any more."""

    def start_application_mode(self) -> None:
        super().start_application_mode()
        LIFELINE.driver = self

    def run_input_thread(self) -> None:
        super().run_input_thread()
        # The loop ends on end of file or a read error, as well as when the app
        # stops it. In the first two cases the server (or its session) is gone:
        # the app would otherwise idle on forever, unseen, holding the store.
        if not self.exit_event.is_set():
            LIFELINE.leave(0)


def die_with_parent(parent: int) -> None:
    """Get SIGTERM when the server ends, however it ends (Linux); exit now if it already has."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the end-of-file watch still ends the app
    # The server may have died before prctl: then this process was already
    # handed to another parent, and no signal will come.
    if os.getppid() != parent:
        raise SystemExit(0)


def app_main(argv: Sequence[str] | None = None) -> int:
    """The app process of one browser session (``python -m tui.serve``)."""
    parser = argparse.ArgumentParser(prog="python -m tui.serve_app", description="one served explorer session")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--parent", type=int, required=True, help="the server's process id")
    args = parser.parse_args(argv)
    LIFELINE.watch_signals()
    try:
        # Its own group, so the server can end it with whatever it started;
        # its own session, so a Ctrl+C in the server's terminal reaches the
        # server (which ends the apps in order), not the apps directly.
        os.setsid()
    except OSError:
        pass
    die_with_parent(args.parent)

    from tui import cli

    cli.skip_pydantic_plugins()
    cli.use_frame_rate()
    from tui.app import build_app

    app = build_app(args.db, own_process=True)
    app.driver_class = ServedDriver
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(app_main())
