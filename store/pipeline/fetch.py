"""Fetching an article from its address: ``http``/``https`` only, at most one article's size, text pages only.

In: a URL. Out: a :class:`Page` (decoded text, format, the address it was finally served from), or an
:class:`ImportRefused` saying in one sentence why not. The standard library's ``urllib`` does the
fetching: trafilatura (which extracts the article from the page, in ``parsing``) would fetch too, but
through urllib3 with its own size and redirect rules, and these are the rules an import must state.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO
from urllib.parse import urlsplit

from store.pipeline.import_report import ImportRefused
from store.pipeline.reading import MAX_BYTES, decode_bytes, detect_format

TIMEOUT_S = 20.0
_SCHEMES = ("http", "https")
# What a news page or a plain-text statement is served as; anything else (PDF, images, feeds) is not read.
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown")
_USER_AGENT = "alliances-tui (article import; +https://pypi.org/project/alliances-tui/)"


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    text: str
    fmt: str  # "html", "markdown" or "text", as reading.detect_format tells


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """urllib follows a redirect to ftp:// too; an import follows only http and https."""

    max_redirections = 5

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in _SCHEMES:
            raise ImportRefused(req.full_url, f"it redirects to {_short(newurl)}, which is not an http or https address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(url: str, *, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES) -> Page:
    """The page at ``url``, decoded; refused in one sentence if it is not a text page within the size limit."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SCHEMES or not parts.hostname:
        raise ImportRefused(_short(url), "only http and https addresses can be fetched")
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "text/html, text/plain;q=0.9"})
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            kind = response.headers.get_content_type()
            if kind not in _TEXT_TYPES:
                raise ImportRefused(_short(final), f"it is served as {kind}, not as a web page or text")
            data = _read(response, max_bytes + 1, time.monotonic() + 3 * timeout, final)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise ImportRefused(_short(url), f"the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise ImportRefused(_short(url), f"it cannot be fetched ({exc.reason})") from None
    except (TimeoutError, OSError, ValueError) as exc:
        raise ImportRefused(_short(url), f"it cannot be fetched ({exc})") from None
    if len(data) > max_bytes:
        raise ImportRefused(_short(final), f"it is above the {_size(max_bytes)} limit for one article")
    html = kind in ("text/html", "application/xhtml+xml")
    text = _decode(data, charset, final, html=html)
    fmt = "html" if html else detect_format(text, urlsplit(final).path or "page.txt")
    return Page(url=final, text=text, fmt=fmt)


def _decode(data: bytes, charset: str | None, name: str, *, html: bool) -> str:
    if charset:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            # The same checks a file gets (empty, binary, control characters), on the text as served.
            return decode_bytes(text.encode("utf-8"), name, html=html)
    return decode_bytes(data, name, html=html)


def _short(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "…"


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def _read(response: IO[bytes], limit: int, deadline: float, name: str) -> bytes:
    """Up to ``limit`` bytes; a server that trickles its page past the deadline is refused, not waited for."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = response.read(min(65536, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise ImportRefused(_short(name), "the server sends it too slowly")
    return b"".join(chunks)
