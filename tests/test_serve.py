"""``alliances-tui serve``: the explorer in a web browser, for its user only.

The quick tests check the command line and the command each session runs.
The guard tests start the real server on a free loopback port and talk to it
as a browser and as a hostile page would (aiohttp's client, no browser): no
token, another origin, another host, too many sessions are refused with no
app process started; the token from the printed address is accepted; closing
the websocket, or stopping or killing the server, leaves no app process.
The end-to-end test loads the page in headless Chromium (Debian's
``chromium``; skipped without it) and waits until the explorer's text
reaches the browser.

xterm.js draws the terminal on a canvas, so the page's DOM holds no text to
look for. Instead the test drives Chromium over the DevTools protocol and, before
the page loads, wraps ``window.WebSocket`` so every binary message the page
receives (the app's terminal output) is also appended to ``window.__screen``.
Everything runs on 127.0.0.1: Chromium is told to resolve no other host.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
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
    assert all(option in out for option in ("--host", "--port", "--db", "--max-sessions"))


def test_serve_defaults_to_loopback_and_one_session() -> None:
    args = cli.build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.max_sessions) == ("127.0.0.1", 8000, 1)


def test_serve_refuses_zero_sessions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["serve", "--max-sessions", "0"])
    assert exit_.value.code == 2 and "--max-sessions" in capsys.readouterr().err


def test_app_command_is_quoted_for_the_shell(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    from tui import serve
    # textual-serve runs the command with /bin/sh: run it there, with a Python
    # that only echoes its arguments, a path that needs quoting and a store
    # name that tries to run a command.
    echo = tmp_path / "my python"
    echo.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    echo.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(echo))
    monkeypatch.chdir(tmp_path)
    folder = Path("it's a store; $(touch pwned)")
    command = serve.app_command(folder, parent=4242)
    assert command.startswith("exec "), "the shell gives way to the app: it is the server's own child"
    out = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["-m", "tui.serve_app", "--db", str(tmp_path / folder), "--parent", "4242"]
    assert not (tmp_path / "pwned").exists()


def test_serve_builds_the_store_before_serving(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    from tui import serve
    calls: list[dict] = []

    def fake_serve(folder: Path, **kwargs) -> None:
        calls.append({"store_existed": (folder / "facts.json").is_file(), **kwargs})

    monkeypatch.setattr(serve, "serve", fake_serve)
    folder = tmp_path / "new store"
    assert cli.main(["serve", "--port", "8123", "--max-sessions", "2", "--db", str(folder)]) == 0
    assert calls == [{"store_existed": True, "host": "127.0.0.1", "port": 8123, "max_sessions": 2}]
    assert f"created a new store at {folder}" in capsys.readouterr().err  # as the explorer and import say


def test_serve_without_textual_serve(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    assert cli.main(["serve", "--db", str(tmp_path / "store")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "textual-serve" in err and "pip install" in err


def test_the_private_attribute_we_read_is_still_there() -> None:
    """tui.serve.app_process reads AppService._process: fail here, loudly, if textual-serve renames it."""
    pytest.importorskip("textual_serve")
    from textual_serve.app_service import AppService
    from textual_serve.download_manager import DownloadManager

    async def nothing(*_args) -> None:
        return None

    service = AppService("true", write_bytes=nothing, write_str=nothing, close=nothing,
                         download_manager=DownloadManager())
    assert "_process" in vars(service)


def test_the_token_never_reaches_the_log() -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    from tui import serve
    record = logging.LogRecord("aiohttp.access", logging.INFO, __file__, 1, '%s "GET %s HTTP/1.1" 303', (
        "127.0.0.1", "/ws?width=80&token=s3cr3t-_x&height=24"), None)
    assert serve.RedactToken().filter(record)
    assert "s3cr3t" not in record.getMessage() and "token=…&height=24" in record.getMessage()

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

    profile = Path(tempfile.mkdtemp(prefix="alliances-chromium-"))
    served = browser = None
    apps: list[int] = []
    try:
        served = Served(tmp_path)  # its store does not exist yet: `serve` builds the starter store
        assert (tmp_path / "store" / "facts.json").is_file(), "serve builds the store before it listens"

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

        # The printed address, as the user opens it; a small font gives the
        # terminal enough rows for the whole country list.
        page = f"{served.url}/?token={served.token}&fontsize=10"
        screen = asyncio.run(read_screen(reader.devtools_url, page))
        missing = [text for text in EXPECTED if text not in screen]
        assert not missing, (
            f"the page never showed {missing}; terminal text seen:\n{ANSI.sub('', screen)[-3000:]}\n"
            f"server log:\n{served.log.read_text(errors='replace')[-3000:]}"
        )

        # The browser goes away without a word: its app must not stay behind.
        apps = served.apps()
        assert len(apps) == 1
        os.killpg(browser.pid, signal.SIGKILL)
        browser.wait(timeout=DEVTOOLS_TIMEOUT)
        assert wait_until(lambda: not alive(apps[0]), GONE_WITHIN), "the app outlived its browser"
        assert served.process.poll() is None, "the server goes on"
    finally:
        stop_group(browser)
        if served is not None:
            stop_group(served.process)
        for pid in apps:
            stop_group_of(pid)
        shutil.rmtree(profile, ignore_errors=True)


# --- the guard, without a browser -------------------------------------------------------

GONE_WITHIN = 5.0  # seconds in which an app process must end once its session or server has
FOREIGN_ORIGINS = ("http://evil.example", "http://127.0.0.1", "https://127.0.0.1:{port}", "http://localhost:{port}",
                   "null")


class Served:
    """An ``alliances-tui serve`` started in a subprocess on a free loopback port."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / f"server-{self.port}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tui", "serve", "--port", str(self.port), "--db", str(tmp_path / "store"),
                 *args],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        try:
            wait_for_port(self.port, self.process, self.log, SERVER_START_TIMEOUT)
            printed = re.search(rf"{re.escape(self.url)}/\?token=([\w-]+)", self.log.read_text())
            assert printed, f"the server printed no address with a token:\n{self.log.read_text()}"
        except BaseException:
            stop_group(self.process)
            raise
        self.token = printed.group(1)
        self.cookie = {f"alliances-tui-token-{self.port}": self.token}

    def apps(self) -> list[int]:
        """The app processes (children) of the server."""
        return children(self.process.pid)


def proc_stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (state first); None if no such process."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None


def alive(pid: int) -> bool:
    stat = proc_stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")  # a zombie has ended: only its parent's wait is left


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = proc_stat(int(entry.name))
            if stat is not None and int(stat[1]) == pid and stat[0] not in ("Z", "X"):
                found.append(int(entry.name))
    return found


def wait_until(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


async def read_until(ws, text: bytes, timeout: float = SCREEN_TIMEOUT) -> bytes:
    import aiohttp

    seen = b""
    deadline = time.monotonic() + timeout
    while text not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        try:
            message = await ws.receive(timeout=left)
        except TimeoutError:
            break
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            break
    return seen


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    """One server for the refusals: none of them may start a process."""
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install -e '.[test]')")
    served = Served(tmp_path_factory.mktemp("serve"))
    try:
        yield served
    finally:
        stop_group(served.process)


@pytest.fixture
def fresh_server(tmp_path: Path):
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install -e '.[test]')")
    servers: list[Served] = []

    def start(*args: str) -> Served:
        servers.append(Served(tmp_path, *args))
        return servers[-1]

    try:
        yield start
    finally:
        for served in servers:
            leftovers = served.apps()
            stop_group(served.process)
            for pid in leftovers:  # the apps have their own groups
                stop_group_of(pid)


def stop_group_of(pid: int) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        if wait_until(lambda: not alive(pid), 3.0):
            return


async def refused(server: Served, path: str, **kwargs) -> int:
    """The HTTP status a websocket handshake to ``path`` gets (101 if it is accepted)."""
    import aiohttp

    async with aiohttp.ClientSession(cookies=kwargs.pop("cookies", None)) as session:
        try:
            async with session.ws_connect(server.url + path, **kwargs):
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


async def get(server: Served, path: str, **kwargs):
    import aiohttp

    async with aiohttp.ClientSession(cookies=kwargs.pop("cookies", None)) as session:
        async with session.get(server.url + path, allow_redirects=False, **kwargs) as response:
            return response.status, response.headers.copy(), await response.text()


async def test_page_and_files_need_the_token(server: Served) -> None:
    for path in ("/", "/?token=wrong", f"/?token={server.token}x", "/static/js/textual.js", "/download/x"):
        status, _, text = await get(server, path)
        assert status == 403, path
        assert "printed" in text and server.token not in text
    status, _, _ = await get(server, "/static/js/textual.js", cookies=server.cookie)
    assert status == 200


async def test_the_token_becomes_a_strict_cookie_and_leaves_the_address(server: Served) -> None:
    status, headers, _ = await get(server, f"/?token={server.token}&fontsize=10")
    assert status == 303 and headers["Location"] == "/?fontsize=10"
    cookie = headers["Set-Cookie"]
    assert f"alliances-tui-token-{server.port}={server.token}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    status, _, page = await get(server, "/?fontsize=10", cookies=server.cookie)
    assert status == 200 and f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws"' in page


async def test_another_host_name_is_refused(server: Served) -> None:
    """A DNS-rebound page (evil.example resolving to 127.0.0.1) gets nothing, even with the token."""
    status, _, _ = await get(server, f"/?token={server.token}", headers={"Host": f"evil.example:{server.port}"})
    assert status == 403
    status = await refused(server, f"/ws?token={server.token}", headers={"Host": f"evil.example:{server.port}"})
    assert status == 403
    assert server.apps() == []


async def test_websocket_from_another_origin_is_refused(server: Served) -> None:
    for origin in FOREIGN_ORIGINS:
        origin = origin.format(port=server.port)
        assert await refused(server, "/ws", headers={"Origin": origin}, cookies=server.cookie) == 403, origin
        assert await refused(server, f"/ws?token={server.token}", headers={"Origin": origin}) == 403, origin
    assert server.apps() == [], "a refused websocket started an app"


async def test_websocket_without_the_token_is_refused(server: Served) -> None:
    same = {"Origin": server.url}
    assert await refused(server, "/ws", headers=same) == 403
    assert await refused(server, "/ws?token=wrong", headers=same) == 403
    assert await refused(server, "/ws", headers=same, cookies={f"alliances-tui-token-{server.port}": "x"}) == 403
    assert await refused(server, "/ws") == 403
    assert server.apps() == [], "a refused websocket started an app"


async def test_same_origin_with_the_token_shows_the_explorer_and_closing_ends_it(fresh_server) -> None:
    import aiohttp

    served = fresh_server()
    async with aiohttp.ClientSession(cookies=served.cookie) as session:  # as the page does: cookie and Origin
        async with session.ws_connect(f"{served.url}/ws?width=100&height=30", headers={"Origin": served.url}) as ws:
            screen = await read_until(ws, b"Countries")
            assert b"Countries" in screen, f"no explorer:\n{served.log.read_text()[-2000:]}"
            (app,) = served.apps()
            assert os.getpgid(app) == app, "the app runs in its own process group"
    closed = time.monotonic()
    assert wait_until(lambda: not alive(app), GONE_WITHIN), "the app outlived its websocket"
    print(f"app gone {time.monotonic() - closed:.2f} s after its websocket closed")
    logged = [line for line in served.log.read_text().splitlines() if "serving the explorer on" not in line]
    assert served.token not in "\n".join(logged), "the token was logged"


async def test_sessions_beyond_the_limit_are_refused(fresh_server) -> None:
    import aiohttp

    served = fresh_server()  # --max-sessions 1
    async with aiohttp.ClientSession() as session:
        # A client with the token and no Origin is not a browser (a browser
        # always sends one on a websocket): it knows the secret, it may come in.
        async with session.ws_connect(f"{served.url}/ws?token={served.token}") as first:
            assert b"Countries" in await read_until(first, b"Countries")
            (app,) = served.apps()
            async with session.ws_connect(f"{served.url}/ws?token={served.token}") as second:
                said = await read_until(second, b"reload", timeout=10)
                assert b"already open" in said and b"--max-sessions" in said
                assert served.apps() == [app], "a refused session started an app"
            assert not first.closed, "the first session goes on"
        # A reload: the old page's socket closes as the new one opens, while
        # the old app is still ending. The new page waits for its slot.
        async with session.ws_connect(f"{served.url}/ws?token={served.token}") as reloaded:
            assert b"Countries" in await read_until(reloaded, b"Countries"), "a reloaded tab was refused"
            assert not alive(app) and len(served.apps()) == 1
    assert wait_until(lambda: served.apps() == [], GONE_WITHIN)


async def test_the_app_honours_sigterm(fresh_server) -> None:
    import aiohttp

    served = fresh_server()
    async with aiohttp.ClientSession(cookies=served.cookie) as session:
        async with session.ws_connect(f"{served.url}/ws", headers={"Origin": served.url}) as ws:
            assert b"Countries" in await read_until(ws, b"Countries")
            (app,) = served.apps()
            os.kill(app, signal.SIGTERM)
            assert wait_until(lambda: not alive(app), GONE_WITHIN), "the app ignored SIGTERM"
            await read_until(ws, b"never", timeout=GONE_WITHIN)
            assert ws.closed, "the server closed the session of an app that ended"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=lambda sig: sig.name)
async def test_stopping_the_server_ends_its_apps(fresh_server, sig: signal.Signals) -> None:
    import aiohttp

    served = fresh_server("--max-sessions", "2")
    async with aiohttp.ClientSession(cookies=served.cookie) as session:
        async with session.ws_connect(f"{served.url}/ws", headers={"Origin": served.url}) as ws:
            assert b"Countries" in await read_until(ws, b"Countries")
            (app,) = served.apps()
            served.process.send_signal(sig)  # the server alone, not its group: as `kill PID` would
            stopped = time.monotonic()
            assert wait_until(lambda: not alive(app), GONE_WITHIN), f"the app outlived a {sig.name} to its server"
            print(f"app gone {time.monotonic() - stopped:.2f} s after {sig.name} to the server")
    served.process.wait(timeout=GONE_WITHIN)


# --- the app process on its own (as textual-serve starts it, without a server) ---------


def packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


@pytest.fixture
def lone_app(tmp_path: Path):
    """``python -m tui.serve_app`` on pipes, this test as its server; yields it once its screen is drawn."""
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install -e '.[test]')")
    import select

    env = dict(os.environ, TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver", COLUMNS="160", ROWS="50")
    app = subprocess.Popen(
        [sys.executable, "-m", "tui.serve_app", "--db", str(tmp_path / "store"), "--parent", str(os.getpid())],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
    )
    try:
        seen = b""
        deadline = time.monotonic() + SCREEN_TIMEOUT
        while b"Countries" not in seen and time.monotonic() < deadline and app.poll() is None:
            if select.select([app.stdout], [], [], 0.5)[0]:
                seen += os.read(app.stdout.fileno(), 1 << 16)
        assert b"Countries" in seen, f"the app drew no explorer (exit code {app.poll()})"
        yield app
    finally:
        if app.poll() is None:
            stop_group_of(app.pid)
        app.wait(timeout=GONE_WITHIN)


def test_the_app_ends_when_its_input_ends(lone_app: subprocess.Popen) -> None:
    """The server (or its session) is gone: nobody will ever type here again."""
    lone_app.stdin.close()
    assert wait_until(lambda: lone_app.poll() is not None, GONE_WITHIN), "the app idles on with no input"


def test_the_app_honours_sigterm_while_its_output_is_unread(lone_app: subprocess.Popen) -> None:
    """textual-serve stops reading an app whose browser vanished: the app blocks writing, SIGTERM must still end it."""
    # Redraws that fill the pipe nobody reads: moves, and resizes that repaint everything.
    for i in range(400):
        lone_app.stdin.write(packet(b"D", b"j" if i % 2 else b"k"))
        size = {"type": "resize", "width": 160 + i % 2, "height": 50}
        lone_app.stdin.write(packet(b"M", json.dumps(size).encode()))
    lone_app.stdin.flush()
    assert wait_until(lambda: Path(f"/proc/{lone_app.pid}/wchan").read_text() == "anon_pipe_write", 15.0), (
        "the app never blocked on its unread output: the test did not set the scene")
    lone_app.send_signal(signal.SIGTERM)
    assert wait_until(lambda: lone_app.poll() is not None, GONE_WITHIN), "the app ignored SIGTERM"
