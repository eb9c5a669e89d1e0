"""``alliances-tui serve``: the explorer in a web browser, for its user only.

textual-serve starts one app process per browser websocket and relays the
terminal both ways. As it ships it checks nothing: any web page the user
visits could open that websocket, read the screen, write notes and import
local files. And it never ends an app process itself: it asks the app to quit
and waits, so an app that does not answer (or whose output nobody reads any
more) outlives the server and the tab. This module wraps its public Server:

- **A secret token.** Made with ``secrets.token_urlsafe`` at start and printed
  once, in the address to open (``/?token=…``). Every request needs it, in the
  query or in the cookie the first page load sets (HttpOnly, SameSite=Strict,
  named after the port). The page is then redirected to itself without the
  token, so it stays out of the address bar and the history; the page's own
  websocket (whose address textual-serve's script builds with no room for a
  token) carries the cookie. The access log shows ``token=…``, never the token.
- **Same origin only.** A request's Host must be this server's host:port
  (against DNS rebinding), and a request with an Origin header (a browser
  always sends one on a websocket) must come from this server's own origin.
  A websocket with the token and no Origin is a non-browser client that knows
  the secret: it is accepted.
- **A few sessions.** At most ``max_sessions`` at once (default 1: a second
  writer would be read-only anyway); a session beyond is told why, in its
  terminal, and gets no app process. A session still ending (a reloaded tab)
  is waited for, briefly.
- **No process left behind.** Each app runs in its own process group. When its
  websocket closes, or the server stops, the app is asked to quit, then its
  group gets SIGTERM, then SIGKILL. If the server itself is killed, the app
  notices: its parent-death signal (Linux), and its input reaching end of file,
  make it exit, with a hard deadline that does not depend on its event loop.

The app process's own side of this (ending when the server is gone, taking
SIGTERM even when its loop is stuck) is tui.serve_app.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import re
import secrets
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

QUIT_GRACE = 2.0  # seconds an app gets to quit when asked, before SIGTERM
TERM_GRACE = 2.0  # seconds between SIGTERM and SIGKILL
REUSE_WAIT = QUIT_GRACE + TERM_GRACE + 1.0  # how long a new session waits for one that is ending
TOKEN_PARAM = "token"
REDACTED = "…"
MAX_CELLS = 1000  # the widest or tallest terminal a browser may ask for


def app_command(folder: Path, parent: int) -> str:
    """The shell command textual-serve runs for each browser session.

    textual-serve starts it with a shell, so the paths are quoted; ``exec``
    makes the app the server's own child (the process it signals, and whose
    parent-death signal follows the server); the folder is absolute so the
    command does not depend on the server's working folder.
    """
    store = os.path.abspath(Path(folder).expanduser())
    python = shlex.quote(sys.executable)
    return f"exec {python} -m tui.serve_app --db {shlex.quote(store)} --parent {parent}"


# --- the server -------------------------------------------------------------------------


def base_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def origin_of(url: str) -> tuple[str, str, int] | None:
    """scheme, host, port of a URL or Origin header; None if it is not one (``null``)."""
    from yarl import URL

    try:
        parsed = URL(url)
    except (ValueError, TypeError):
        return None
    if not parsed.scheme or not parsed.host or parsed.port is None:
        return None
    return parsed.scheme.lower(), parsed.host.lower(), parsed.port


async def close_quietly(websocket: web.WebSocketResponse) -> None:
    """What textual-serve calls to end a session: close the socket (its result, whether it was open, is not needed)."""
    await websocket.close()


class RedactToken(logging.Filter):
    """Keeps the token out of the access log (a request line may carry it)."""

    PATTERN = re.compile(rf"({TOKEN_PARAM}=)[^&\s\"']+")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if TOKEN_PARAM + "=" in message:
            record.msg, record.args = self.PATTERN.sub(rf"\g<1>{REDACTED}", message), None
        return True


def app_process(service: Any) -> asyncio.subprocess.Process | None:
    """The app process a textual-serve AppService started.

    textual-serve 1.1 keeps it in a private attribute and offers no public way
    to reach it, and its own stop() only asks the app to quit and waits without
    end. Ending the process (and its group) needs it: this is the one place
    that reads textual-serve's private state (test_serve checks it is there).
    """
    return getattr(service, "_process", None)




class Session:
    """One browser websocket and the app process serving it."""

    def __init__(self, websocket: web.WebSocketResponse, service: AppService | None) -> None:
        self.websocket = websocket
        self.service = service
        self.closing = False
        self._ending: asyncio.Task[None] | None = None

    async def end(self) -> None:
        """Close the websocket and end the app process; once, however often it is called."""
        self.closing = True
        if self._ending is None:
            self._ending = asyncio.ensure_future(self._end())
        await asyncio.shield(self._ending)

    async def _end(self) -> None:
        # Both at once: closing waits for the browser's answer (up to aiohttp's
        # 10 s for a browser that vanished), and the app must not wait for that.
        closing = asyncio.ensure_future(self._close_websocket())
        try:
            if self.service is not None:
                await self._end_app(self.service)
        finally:
            await closing

    async def _close_websocket(self) -> None:
        if not self.websocket.closed:
            with contextlib.suppress(Exception):  # the connection may already be gone
                await self.websocket.close(code=WSCloseCode.GOING_AWAY, message=b"alliances-tui: session ended")

    @staticmethod
    async def _end_app(service: AppService) -> None:
        """Ask the app to quit; then SIGTERM its group; then SIGKILL."""
        process = app_process(service)

        async def quit() -> None:
            await service.stop()  # asks the app to quit, reads its output to the end
            if process is not None:
                await process.wait()

        # A timeout, or a pipe already broken: the signals below follow.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(quit(), QUIT_GRACE)
        if process is None:
            return
        for sig, grace in ((signal.SIGTERM, TERM_GRACE), (signal.SIGKILL, None)):
            if process.returncode is not None:
                return
            signal_group(process.pid, sig)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), grace)


def signal_group(pid: int, sig: int) -> None:
    """Signal the app's process group (the app itself, if it has not made its group yet)."""
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


class GuardedServer(Server):
    """textual-serve's Server, for the holder of its token, from its own origin, a few sessions at once."""

    def __init__(self, folder: Path, *, host: str, port: int, token: str, max_sessions: int = 1) -> None:
        self.url = base_url(host, port)
        super().__init__(app_command(folder, os.getpid()), host=host, port=port, public_url=self.url,
                         title="alliances-tui")
        self.token = token
        self.max_sessions = max_sessions
        self.origin = origin_of(self.url)
        self.cookie = f"alliances-tui-token-{port}"
        self.sessions: set[Session] = set()
        self.refused: set[web.WebSocketResponse] = set()
        self._slots: asyncio.Condition | None = None

    @property
    def address(self) -> str:
        """The address to open: the only place the token is shown."""
        return f"{self.url}/?{TOKEN_PARAM}={self.token}"

    def initialize_logging(self) -> None:
        super().initialize_logging()
        logging.getLogger("aiohttp.access").addFilter(RedactToken())

    async def on_startup(self, app: web.Application) -> None:
        # The gate sees every request, the static files included. Added here
        # because this hook is the one textual-serve gives the application to;
        # aiohttp freezes its middlewares only after the startup signals.
        app.middlewares.append(self.gate)
        print(f"alliances-tui: serving the explorer on {self.address} (Ctrl+C to stop)", flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        for websocket in list(self.refused):
            await websocket.close(code=WSCloseCode.GOING_AWAY)
        await asyncio.gather(*(session.end() for session in list(self.sessions)), return_exceptions=True)

    # --- who may come in

    def refusal(self, request: web.Request) -> str | None:
        """Why ``request`` is refused, in one sentence; None if it may go on."""
        if origin_of(f"{self.url.split(':', 1)[0]}://{request.host}") != self.origin:
            return f"this server answers only at {self.url}."
        origin = request.headers.get("Origin")
        if origin is not None and origin_of(origin) != self.origin:
            return "connections from other web pages are refused."
        given = request.query.get(TOKEN_PARAM) or request.cookies.get(self.cookie) or ""
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            return "open the address (with its token) that `alliances-tui serve` printed when it started."
        return None

    @web.middleware
    async def gate(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        reason = self.refusal(request)
        if reason is not None:
            raise web.HTTPForbidden(text=f"alliances-tui: {reason}\n")
        if TOKEN_PARAM in request.query and request.path != "/ws":
            # The token goes into a cookie and out of the address bar.
            rest = [(key, value) for key, value in request.query.items() if key != TOKEN_PARAM]
            response = web.HTTPSeeOther(location=str(request.rel_url.with_query(rest)))
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict", path="/")
            raise response
        return await handler(request)

    # --- sessions

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        if self._slots is None:
            self._slots = asyncio.Condition()
        async with self._slots:
            full = sum(not session.closing for session in self.sessions) >= self.max_sessions
            if not full:
                try:  # a session still ending (a reloaded tab) frees its slot in a moment
                    await asyncio.wait_for(
                        self._slots.wait_for(lambda: len(self.sessions) < self.max_sessions), REUSE_WAIT)
                except TimeoutError:
                    full = True
            if not full:
                session = Session(websocket, None)
                self.sessions.add(session)
        if full:
            return await self.refuse(request, websocket)
        try:
            await websocket.prepare(request)
            session.service = AppService(
                self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                close=partial(close_quietly, websocket), download_manager=self.download_manager, debug=self.debug,
            )
            await session.service.start(cells(request, "width", 80), cells(request, "height", 24))
            await relay(websocket, session.service)
        except Exception as error:  # noqa: BLE001 - a broken session must not stop the server
            logging.getLogger("textual-serve").warning("session failed: %s", error)
        finally:
            await session.end()
            async with self._slots:
                self.sessions.discard(session)
                self._slots.notify_all()
        return websocket

    async def refuse(self, request: web.Request, websocket: web.WebSocketResponse) -> web.WebSocketResponse:
        """Tell a session beyond the limit why, in its terminal, and start nothing.

        The message stays on screen until the tab goes: textual-serve's page
        covers the terminal with "Session ended" as soon as the socket closes.
        """
        self.refused.add(websocket)
        try:
            await websocket.prepare(request)
            limit = "one session" if self.max_sessions == 1 else f"{self.max_sessions} sessions"
            await websocket.send_bytes(
                f"\r\nalliances-tui: the explorer is already open elsewhere (at most {limit} at once, "
                "see --max-sessions).\r\nClose the other tab, then reload this page.\r\n".encode())
            async for _message in websocket:
                pass  # input is ignored; the heartbeat notices a vanished browser
        finally:
            self.refused.discard(websocket)
            await websocket.close(code=WSCloseCode.POLICY_VIOLATION, message=b"too many sessions")
        return websocket


def cells(request: web.Request, name: str, default: int) -> int:
    try:
        return max(1, min(MAX_CELLS, int(request.query.get(name, default))))
    except ValueError:
        return default


async def relay(websocket: web.WebSocketResponse, service: AppService) -> None:
    """Pass the browser's messages to the app (textual-serve's protocol); ignore malformed ones."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        except (ValueError, TypeError, IndexError, KeyError):
            continue
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            try:
                width, height = (max(1, min(MAX_CELLS, int(data[key]))) for key in ("width", "height"))
            except (KeyError, TypeError, ValueError):
                continue
            await service.set_terminal_size(width, height)
        elif kind == "ping":
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


def serve(folder: Path, *, host: str, port: int, max_sessions: int) -> None:
    """Serve the explorer of the store in ``folder`` until SIGINT or SIGTERM."""
    server = GuardedServer(folder, host=host, port=port, token=secrets.token_urlsafe(32), max_sessions=max_sessions)
    server.serve()

