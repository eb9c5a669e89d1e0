"""``alliances-tui serve``: the explorer in a web browser, through textual-serve.

The quick tests check the command line and the command textual-serve is given
(with a stand-in for its server). The end-to-end test starts the real server,
loads the page in headless Chromium (Debian's ``chromium``; skipped without it)
and waits until the explorer's text reaches the browser.

xterm.js draws the terminal on a canvas, so the page's DOM holds no text to
look for. Instead the test drives Chromium over the DevTools protocol and, before
the page loads, wraps ``window.WebSocket`` so every binary message the page
receives (the app's terminal output) is also appended to ``window.__screen``.
Everything runs on 127.0.0.1: Chromium is told to resolve no other host.
"""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tui import cli

CHROMIUM = "/usr/bin/chromium"
SERVER_START_TIMEOUT = 20.0  # seconds until the server's port accepts connections
DEVTOOLS_TIMEOUT = 15.0  # seconds until Chromium prints its DevTools address
SCREEN_TIMEOUT = 30.0  # seconds until the explorer's text reaches the page
EXPECTED = ("Countries", "Alliances", "South Korea")

# Runs in the page before its own scripts: keeps a copy of the terminal output.
CAPTURE_SCRIPT = r"""
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder("utf-8");
  let pending = Promise.resolve();
  window.__screen = "";
  const append = (buffer) => {
    window.__screen += decoder.decode(new Uint8Array(buffer), {stream: true});
  };
  class CapturingWebSocket extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const data = event.data;
        if (data instanceof ArrayBuffer) {
          append(data);
        } else if (data instanceof Blob) {
          pending = pending.then(() => data.arrayBuffer()).then(append);
        }
      });
    }
  }
  window.WebSocket = CapturingWebSocket;
})();
"""

ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


# --- the command line --------------------------------------------------------------


def test_serve_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["serve", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--host" in out and "--port" in out and "--db" in out


def test_serve_defaults_to_loopback() -> None:
    args = cli.build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


class FakeServer:
    """Stands in for textual_serve.server.Server: records, never serves."""

    calls: list[dict] = []

    def __init__(self, command: str, **kwargs) -> None:
        db = Path(shlex.split(command)[-1])
        # The store must exist before the first browser asks for the app.
        kwargs["store_existed"] = (db / "facts.json").is_file()
        FakeServer.calls.append({"command": command, **kwargs})

    def serve(self, debug: bool = False) -> None:
        FakeServer.calls[-1]["served"] = True


def test_serve_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = pytest.importorskip("textual_serve.server", reason="textual-serve is not installed")
    monkeypatch.setattr(server, "Server", FakeServer)
    FakeServer.calls = []
    # A Python and a store whose paths need quoting for the shell textual-serve uses.
    python = "/opt/my python/bin/python3"
    monkeypatch.setattr(sys, "executable", python)
    folder = tmp_path / "it's a store; $(touch pwned)"
    monkeypatch.chdir(tmp_path)

    assert cli.main(["serve", "--port", "8123", "--db", folder.name]) == 0

    (call,) = FakeServer.calls
    assert shlex.split(call["command"]) == [python, "-m", "tui", "--db", str(folder)]
    assert call["host"] == "127.0.0.1" and call["port"] == 8123
    assert call["store_existed"], "the starter store is built before serving"
    assert call["served"]
    assert not (tmp_path / "pwned").exists()
    assert "http://127.0.0.1:8123" in capsys.readouterr().out


def test_serve_without_textual_serve(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    assert cli.main(["serve", "--db", str(tmp_path / "store")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "textual-serve" in err and "pip install" in err


# --- end to end, in headless Chromium ---------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"the server did not listen on port {port} within {timeout:.0f} s:\n{log.read_text(errors='replace')}")


def stop_group(process: subprocess.Popen | None) -> None:
    """End a process started with start_new_session=True, and all it started."""
    if process is None:
        return
    for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        if sig == signal.SIGTERM:
            # The leader is gone; its children (the apps) may not be.
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        break


class StderrReader(threading.Thread):
    """Drains a pipe (so the writer never blocks on it) and finds Chromium's DevTools address."""

    def __init__(self, pipe) -> None:
        super().__init__(daemon=True)
        self.pipe = pipe
        self.lines: list[str] = []
        self.devtools_url: str | None = None
        self.found = threading.Event()

    def run(self) -> None:
        for raw in self.pipe:
            line = raw.decode("utf-8", "replace").rstrip()
            self.lines.append(line)
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match and not self.found.is_set():
                self.devtools_url = match.group(1)
                self.found.set()
        self.found.set()  # the pipe closed: Chromium ended


async def read_screen(devtools_url: str, page_url: str) -> str:
    """Open ``page_url`` in a new tab and return the terminal output once it shows EXPECTED."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(devtools_url, max_msg_size=0) as ws:
            next_id = 0

            async def call(method: str, params: dict | None = None, session_id: str | None = None) -> dict:
                nonlocal next_id
                next_id += 1
                message = {"id": next_id, "method": method, "params": params or {}}
                if session_id:
                    message["sessionId"] = session_id
                await ws.send_json(message)
                while True:  # events arrive in between: skip them
                    reply = await ws.receive_json()
                    if reply.get("id") == next_id:
                        if "error" in reply:
                            raise AssertionError(f"DevTools {method}: {reply['error']}")
                        return reply["result"]

            target = await call("Target.createTarget", {"url": "about:blank"})
            attached = await call("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})
            sid = attached["sessionId"]
            await call("Page.enable", None, sid)  # without it the script below never runs
            await call("Page.addScriptToEvaluateOnNewDocument", {"source": CAPTURE_SCRIPT}, sid)
            navigated = await call("Page.navigate", {"url": page_url}, sid)
            assert "errorText" not in navigated, f"loading {page_url}: {navigated['errorText']}"

            screen = ""
            deadline = time.monotonic() + SCREEN_TIMEOUT
            while time.monotonic() < deadline:
                result = await call("Runtime.evaluate", {"expression": "window.__screen || ''", "returnByValue": True}, sid)
                screen = result["result"].get("value") or ""
                if all(text in screen for text in EXPECTED):
                    return screen
                await asyncio.sleep(0.25)
            return screen


def test_explorer_in_headless_chromium(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install -e '.[test]')")
    pytest.importorskip("aiohttp", reason="aiohttp (which comes with textual-serve) is not installed")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no headless browser: {CHROMIUM} is missing (Debian: apt-get install chromium; .ci/run installs it)")

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    folder = tmp_path / "new store"  # does not exist yet: `serve` builds the starter store
    server_log = tmp_path / "server.log"
    profile = Path(tempfile.mkdtemp(prefix="alliances-chromium-"))
    server = browser = None
    try:
        with server_log.open("wb") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "tui", "serve", "--port", str(port), "--db", str(folder)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        wait_for_port(port, server, server_log, SERVER_START_TIMEOUT)
        assert (folder / "facts.json").is_file(), "serve builds the store before it listens"

        browser = subprocess.Popen(
            [
                CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                # Nothing but loopback: the page also names a web font on fonts.googleapis.com.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--window-size=1600,1200", "about:blank",
            ],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )
        reader = StderrReader(browser.stderr)
        reader.start()
        reader.found.wait(DEVTOOLS_TIMEOUT)
        if reader.devtools_url is None:
            pytest.fail("Chromium printed no DevTools address:\n" + "\n".join(reader.lines[-30:]))

        # A small font gives the terminal enough rows for the whole country list.
        screen = asyncio.run(read_screen(reader.devtools_url, f"{url}/?fontsize=10"))
        missing = [text for text in EXPECTED if text not in screen]
        assert not missing, (
            f"the page never showed {missing}; terminal text seen:\n{ANSI.sub('', screen)[-3000:]}\n"
            f"server log:\n{server_log.read_text(errors='replace')[-3000:]}"
        )
    finally:
        stop_group(browser)
        stop_group(server)
        shutil.rmtree(profile, ignore_errors=True)
