"""Launch time and peak memory of the real explorer, run in a pseudo-terminal.

    python benchmarks/launch_figures.py STORE [--runs 3] [--names "South Korea,Japan,..."]

Used by run.py; runnable alone. Each run starts ``python -m tui --db STORE`` on
the slave side of a new pty (TERM=xterm-256color, 140×40 set with TIOCSWINSZ)
and reads what the app writes on the master side until the first full paint:
once ANSI escapes are stripped, the output holds the three border titles
("Countries", "Alliances", "Excerpts") and at least ``MIN_NAMES`` distinct
country names (the titles and the header name one country, the highlighted
one: any more come from the painted lists).

Frames are told apart as a modern terminal tells them: the app asks whether
the terminal supports synchronized output (DECRQM ``CSI ? 2026 $ p``), this
script answers yes, and Textual then brackets every frame with ``CSI ? 2026 h``
… ``CSI ? 2026 l``. Only complete frames are searched, so ``launch_s`` ends
when the last byte of the first full frame has been read, never half-way
through one. (Should the app not ask, a frame is taken to end at the first
30 ms without output after the text is seen.) ``launch_s`` is measured from
just before the process is spawned, so it includes Python's start-up, the
imports, opening the store and Textual's first frame, but not the terminal's
own drawing (there is no terminal emulator here).

Then ``PRESSES`` ``j`` keys are sent (the countries pane is focused at start:
each press refills the alliances and excerpts panes), the output is drained
until it has been quiet for a moment, and the process's peak resident memory
is read from /proc/<pid>/status (VmHWM) before ``q`` is sent and the process
reaped.

In the first launch only, before those, ``PRESSES`` keys alternating ``j``
and ``k`` are sent one at a time and each is timed from the write to the end
of the last frame the app sends in response, the screen then staying quiet
for ``QUIET`` seconds (``key_pty_ms``): the figure app_figures.py measures
headless, here in the real process with the pty's I/O, as a cross-check.
(They move between the start country, South Korea, and the next one, not on
the busiest country.)
"""

from __future__ import annotations

import argparse
import codecs
import fcntl
import json
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS, ROWS = 140, 40
TITLES = ("Countries", "Alliances", "Excerpts")
MIN_NAMES = 3
PRESSES = 50
QUIET = 0.15  # no output for this long: the app has finished answering a key

# CSI … final byte; OSC … BEL or ST; DCS/SOS/PM/APC … ST; two-byte escapes; charset selection; other C0 controls.
ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[PX^_][^\x1b]*\x1b\\"
    r"|\x1b[()*+][0-9A-Za-z]"
    r"|\x1b[@-Z\\-_=>78]"
    r"|[\x00-\x08\x0b-\x1f\x7f]"
)


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


def painted(text: str, names: list[str]) -> bool:
    """The first full paint: the three titles and list content (country names) on screen."""
    plain = strip_ansi(text)
    if not all(t in plain for t in TITLES):
        return False
    found = 0
    for name in names:
        if name in plain:
            found += 1
            if found >= MIN_NAMES:
                return True
    return False


@dataclass
class Launch:
    launch_s: float | None
    peak_rss_mb: float | None
    exit_code: int | None
    error: str = ""
    key_ms: list[float] = field(default_factory=list)


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


SYNC_QUERY = "\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"  # DECRPM: mode 2026 known, currently reset
SYNC_END = "\x1b[?2026l"


class _Reader:
    """Accumulates the decoded output of the pty's master side; answers the sync-output query."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.text = ""
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.last_output = time.perf_counter()
        self.closed = False
        self.sync = False  # the app asked, and was told yes: frames end with SYNC_END
        self.last_frame_end = 0.0  # when the end of a frame was last read
        self._scanned = 0

    def read(self, timeout: float) -> bool:
        """Read what is there within ``timeout``; False when nothing came."""
        if self.closed:
            time.sleep(timeout)
            return False
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the slave side is closed (the child exited)
            data = b""
        if not data:
            self.closed = True
            return False
        self.text += self.decoder.decode(data)
        self.last_output = time.perf_counter()
        fresh = self.text[max(0, self._scanned - len(SYNC_QUERY)):]
        if not self.sync and SYNC_QUERY in fresh:
            os.write(self.fd, SYNC_REPLY)
            self.sync = True
        if SYNC_END in fresh:
            self.last_frame_end = self.last_output
        self._scanned = len(self.text)
        return True

    def complete_frames(self) -> str:
        """The output up to the end of the last complete frame (sync mode only)."""
        end = self.text.rfind(SYNC_END)
        return self.text[: end + len(SYNC_END)] if end >= 0 else ""

    def drain_until_quiet(self, quiet: float, limit: float) -> None:
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            self.read(0.05)
            if time.perf_counter() - self.last_output >= quiet:
                return


def _timed_keys(reader: _Reader, presses: int) -> list[float]:
    """j, k, j, k …: each from the write to the end of the last frame before QUIET s of silence."""
    times = []
    for i in range(presses):
        before = reader.last_frame_end
        t = time.perf_counter()
        os.write(reader.fd, b"jk"[i % 2 : i % 2 + 1])
        while reader.last_frame_end <= before and time.perf_counter() - t < 30 and not reader.closed:
            reader.read(0.01)  # the first frame: however long the app works before it
        if reader.last_frame_end <= before:
            continue  # the key changed nothing on screen
        reader.drain_until_quiet(QUIET, 30)  # and any frames that follow it
        times.append((reader.last_frame_end - t) * 1000)
    return times


def launch_once(store: Path, names: list[str], *, timeout: float = 60.0, presses: int = PRESSES,
                time_keys: bool = False, command: list[str] | None = None) -> Launch:
    """One launch of the explorer on ``store`` (or of ``command``, see launch_floor.py)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(ROWS))
    env.pop("TEXTUAL", None)  # no devtools
    env.pop("NO_COLOR", None)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        command or [sys.executable, "-m", "tui", "--db", str(store)],
        stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True, close_fds=True,
    )
    os.close(slave)
    reader = _Reader(master)
    launch_s: float | None = None
    rss: float | None = None
    error = ""
    key_ms: list[float] = []
    try:
        deadline = t0 + timeout
        seen_at: float | None = None  # without sync: when the text was first seen
        while time.perf_counter() < deadline:
            got = reader.read(0.005 if seen_at else 0.02)
            if got and reader.sync:
                if painted(reader.complete_frames(), names):
                    launch_s = reader.last_output - t0
                    break
            elif got and seen_at is None and painted(reader.text, names):
                seen_at = reader.last_output
            elif not got and seen_at is not None and time.perf_counter() - reader.last_output >= 0.03:
                launch_s = reader.last_output - t0
                break
            if not got and (reader.closed or proc.poll() is not None):
                break
        if launch_s is None:
            tail = strip_ansi(reader.complete_frames() or reader.text).strip()[-400:]
            error = f"no full paint within {timeout:.0f} s (exit {proc.poll()}): {tail!r}"
        else:
            reader.drain_until_quiet(0.3, 5)
            if time_keys and reader.sync:
                key_ms = _timed_keys(reader, presses)
            for _ in range(presses):
                os.write(master, b"j")
                reader.read(0.01)
            reader.drain_until_quiet(0.5, 30 + presses)
            rss = _vm_hwm_mb(proc.pid)
        if proc.poll() is None:
            os.write(master, b"q")
            end = time.perf_counter() + 30
            while proc.poll() is None and time.perf_counter() < end:
                reader.read(0.05)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        try:  # anything the app started in its session (it has none today)
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        os.close(master)
    return Launch(launch_s, rss, proc.returncode, error, key_ms)


def measure(store: Path, names: list[str], *, runs: int = 3, presses: int = PRESSES,
            app_command: list[str] | None = None) -> dict:
    """Median launch time of ``runs`` launches, and the highest peak RSS seen.

    ``app_command``: what launches the explorer, ``--db STORE`` added (default
    ``python -m tui`` from this tree; an installed ``alliances-tui`` measures
    what a user gets, without the editable install's import hook).
    """
    command = [*app_command, "--db", str(store)] if app_command else None
    launches = [launch_once(store, names, presses=presses, time_keys=i == 0, command=command) for i in range(runs)]
    times = [l.launch_s for l in launches if l.launch_s is not None]
    rss = [l.peak_rss_mb for l in launches if l.peak_rss_mb is not None]
    keys = sorted(launches[0].key_ms)
    return {
        "launch_s": round(statistics.median(times), 3) if times else None,
        "launch_runs_s": [round(t, 3) for t in times],
        "peak_rss_mb": round(max(rss), 1) if rss else None,
        "key_pty_ms_p50": round(statistics.median(keys), 1) if keys else None,
        "key_pty_ms_p95": round(keys[max(0, -(-95 * len(keys) // 100) - 1)], 1) if keys else None,
        "key_pty_presses": len(keys),
        "launch_errors": [l.error for l in launches if l.error],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Launch time and peak memory of the explorer in a pty.")
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--presses", type=int, default=PRESSES)
    parser.add_argument("--names", default="South Korea,Japan,United States,Australia,China,Germany,France",
                        help="comma-separated country names, any of which the painted list may show")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.store, args.names.split(","), runs=args.runs, presses=args.presses), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
