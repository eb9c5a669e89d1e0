"""Importing from where articles are: ``import URL`` fetches a page from a local HTTP server (issue 17)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from store.pipeline.fetch import fetch_url
from store.pipeline.import_report import ImportRefused
from store.pipeline.importer import import_url
from store.repository import FactStore

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Seoul and Tokyo agree</title>
<meta name="author" content="Kim Min-jung"><meta property="article:published_time" content="2024-07-28">
</head><body><nav>Home | World</nav><article><h1>Seoul and Tokyo sign a security pact</h1>
<p>South Korea and Japan signed a trilateral security cooperation framework with the United States on Sunday,
the three defence ministers said in Tokyo.</p>
<p>The agreement formalises the trilateral exercises the three countries have held since 2023, and commits
them to share missile warning data in real time.</p>
<p>Officials said the framework would survive changes of government in any of the three capitals, a concern
raised after elections in Seoul and Washington.</p></article><footer>Copyright</footer></body></html>"""

ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.encode()),
    "/latin1": (200, {"Content-Type": "text/html; charset=iso-8859-1"}, PAGE.replace("Seoul and Tokyo agree", "Séoul").encode("latin-1")),
    "/pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7 ..."),
    "/big": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 4096 + b"</p>"),
    "/missing": (404, {"Content-Type": "text/html"}, b"<p>not here</p>"),
    "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
    "/to-article": (301, {"Location": "/article"}, b""),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        status, headers, body = ROUTES.get(self.path, (404, {}, b""))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_is_fetched_with_its_address_and_charset(server: str) -> None:
    page = fetch_url(server + "/article")
    assert page.url == server + "/article"
    assert page.fmt == "html"
    assert "trilateral security cooperation" in page.text
    assert "Séoul" in fetch_url(server + "/latin1").text


def test_a_redirect_is_followed_and_the_final_address_kept(server: str) -> None:
    assert fetch_url(server + "/to-article").url == server + "/article"


@pytest.mark.parametrize("path, reason", [
    ("/pdf", "application/pdf"),
    ("/missing", "404"),
    ("/to-file", "http"),
])
def test_what_is_not_an_article_page_is_refused_in_one_sentence(server: str, path: str, reason: str) -> None:
    with pytest.raises(ImportRefused) as refused:
        fetch_url(server + path)
    assert reason in str(refused.value) and "\n" not in str(refused.value)


def test_a_page_over_the_limit_is_refused_not_truncated(server: str) -> None:
    with pytest.raises(ImportRefused, match="limit"):
        fetch_url(server + "/big", max_bytes=1024)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "javascript:alert(1)", "not a url", "http://"])
def test_only_http_addresses_are_fetched(url: str) -> None:
    with pytest.raises(ImportRefused):
        fetch_url(url)


def test_a_closed_port_is_a_sentence_not_a_traceback() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ImportRefused, match="cannot be fetched"):
        fetch_url(f"http://127.0.0.1:{port}/x", timeout=2)


def test_an_imported_page_keeps_its_address_as_the_source_url(server: str, tmp_path: Path) -> None:
    with FactStore.open(tmp_path / "s", create=True) as store:
        report = import_url(store, server + "/article")
        assert report.status == "imported"
        source = store.sources[report.source.id]
        assert source.url == server + "/article"
        assert source.title == "Seoul and Tokyo sign a security pact" or "Seoul" in source.title
        assert any("missile warning" in e.quote.exact for e in store.excerpts.values())
        assert "Home | World" not in source.text  # the page's furniture is left out


def test_a_dry_run_reports_and_writes_nothing(server: str, tmp_path: Path) -> None:
    with FactStore.open(tmp_path / "s", create=True) as store:
        version, sources = store.version, set(store.sources)
        report = import_url(store, server + "/article", dry_run=True)
        assert report.excerpts_added and report.status == "imported"
        assert store.version == version and set(store.sources) == sources
    with FactStore.open(tmp_path / "s") as again:
        assert set(again.sources) == sources and report.source.id not in again.sources


def test_a_page_trickled_past_the_deadline_is_refused() -> None:
    import io

    from store.pipeline import fetch

    with pytest.raises(ImportRefused, match="too slowly"):
        fetch._read(io.BytesIO(b"x" * 200_000), 10**6, deadline=0.0, name="http://slow.example/")
    assert fetch._read(io.BytesIO(b"abc"), 10, deadline=float("inf"), name="x") == b"abc"


# --- the command line: import URL, --dry-run ---------------------------------------------------------

def test_import_an_address_from_the_command_line(server: str, starter_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    assert main(["import", server + "/article", "--db", str(starter_store)]) == 0
    out = capsys.readouterr().out
    assert "Seoul and Tokyo sign a security pact" in out
    with FactStore.open(starter_store, create=False, readonly=True) as store:
        assert any(s.url == server + "/article" for s in store.sources.values())
    assert main(["import", server + "/pdf", "--db", str(starter_store)]) == 1
    assert "application/pdf" in capsys.readouterr().err


def test_a_dry_run_says_what_would_be_added_and_writes_nothing(server: str, starter_store: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    article = Path(__file__).parent / "data" / "import" / "baltic-to-pacific.md"
    before = sorted((p.name, p.stat().st_mtime_ns) for p in starter_store.iterdir())
    assert main(["import", "--dry-run", str(article), server + "/article", "--db", str(starter_store)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Dry run: nothing is written.")
    assert out.count(": would import ") == 2 and "excerpts:" in out
    assert sorted((p.name, p.stat().st_mtime_ns) for p in starter_store.iterdir()) == before
    assert main(["import", "--dry-run", str(article), "--db", str(starter_store.parent / "none")]) == 1
    assert "no store at" in capsys.readouterr().err and not (starter_store.parent / "none").exists()
