"""Notes typed in one burst through the real terminal driver: `python -m tui` in a pseudo-terminal.

tmux send-keys, a paste or a fast typist sends ``n``, the note and ctrl+s a
few milliseconds apart (or in one write). Textual's Linux driver parses them on
its own thread and hands them to the app as fast as they come; the Pilot tests
(tests/test_tui_notes.py) post the same keys, this one writes the bytes. Each
note must be stored whole: every letter typed before ctrl+s, nothing else.
"""

from __future__ import annotations

import codecs
import fcntl
import json
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from store.repository import FactStore

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux pseudo-terminal")

ROOT = Path(__file__).resolve().parent.parent
COLUMNS, ROWS = 140, 40
ROUNDS = 5
CTRL_S = b"\x13"
SYNC_QUERY = "\x1b[?2026$p"  # the app asks whether the terminal knows synchronized output
SYNC_REPLY = b"\x1b[?2026;2$y"


def sentence(i: int) -> str:
    # Letters that are explorer keys (q quits, 1 2 3 change pane, n e t d open things).
    return f"quick note {i}, typed in one burst: the whole sentence (every letter)"


class Terminal:
    """The explorer on the slave side of a new pty; its output read (and drained) as it comes."""

    def __init__(self, store: Path) -> None:
        self.store = store
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(ROWS))
        env.pop("TEXTUAL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tui", "--db", str(store)],
            stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True, close_fds=True,
        )
        os.close(slave)
        self.fd = master
        self.output = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._answered = False

    def read(self, timeout_s: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], timeout_s)
        if not ready:
            return
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the app has exited
            data = b""
        if not data:
            time.sleep(timeout_s)
            return
        self.output += self._decoder.decode(data)
        if not self._answered and SYNC_QUERY in self.output:
            os.write(self.fd, SYNC_REPLY)
            self._answered = True

    def wait_for(self, condition, what: str, timeout_s: float = 30.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                pytest.fail(f"no {what} within {timeout_s:.0f} s (exit {self.proc.poll()}); saved: {self.saved_bodies()}")
            self.read(0.01)

    def type(self, data: bytes, gap_ms: int) -> None:
        """Write the bytes ``gap_ms`` apart (0: in one write, as tmux send-keys does)."""
        if not gap_ms:
            os.write(self.fd, data)
            return
        for byte in data:
            os.write(self.fd, bytes([byte]))
            end = time.monotonic() + gap_ms / 1000
            while time.monotonic() < end:  # the gap is what is tested; the output is drained meanwhile
                self.read(max(0.0, end - time.monotonic()))

    def saved_bodies(self) -> list[str]:
        """The note bodies the journal on disk holds (what a save made durable)."""
        journal = self.store / "journal.jsonl"
        if not journal.exists():
            return []
        bodies = []
        for line in journal.read_text(encoding="utf-8").splitlines():
            try:
                group = json.loads(line)
            except ValueError:
                continue  # a line being written
            for change in group:
                if change["table"] == "annotations" and change["op"] == "insert":
                    bodies.append(change["after"]["body"])
        return bodies

    def close(self) -> int | None:
        try:
            if self.proc.poll() is None:
                os.write(self.fd, b"q")
                self.wait_for(lambda: self.proc.poll() is not None, "exit after q", 30)
        finally:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(5)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            os.close(self.fd)
        return self.proc.returncode


@pytest.mark.parametrize("gap_ms", [0, 3, 10])
def test_notes_typed_in_one_burst_through_the_terminal_are_saved_whole(starter_store: Path, gap_ms: int) -> None:
    term = Terminal(starter_store)
    try:
        term.wait_for(lambda: "Countries" in term.output and "South Korea" in term.output, "first paint")
        for i in range(1, ROUNDS + 1):
            term.type(b"n" + sentence(i).encode() + CTRL_S, gap_ms)
            term.wait_for(lambda: len(term.saved_bodies()) == i, f"note {i} in the journal")
            assert term.saved_bodies()[-1] == sentence(i)
    finally:
        code = term.close()
    assert code == 0
    with FactStore.open(starter_store, create=False, readonly=True) as store:
        assert sorted(n.body for n in store.annotations.values()) == sorted(sentence(i) for i in range(1, ROUNDS + 1))


def test_notes_after_notes_in_one_write_are_each_saved_whole(starter_store: Path) -> None:
    """Five notes, each n … ctrl+s, in one write: the keys after a ctrl+s wait for its save, then open the next note."""
    term = Terminal(starter_store)
    try:
        term.wait_for(lambda: "Countries" in term.output and "South Korea" in term.output, "first paint")
        term.type(b"".join(b"n" + sentence(i).encode() + CTRL_S for i in range(1, ROUNDS + 1)), 0)
        term.wait_for(lambda: len(term.saved_bodies()) == ROUNDS, f"{ROUNDS} notes in the journal")
    finally:
        code = term.close()
    assert code == 0
    with FactStore.open(starter_store, create=False, readonly=True) as store:
        assert sorted(n.body for n in store.annotations.values()) == sorted(sentence(i) for i in range(1, ROUNDS + 1))
