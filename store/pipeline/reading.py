"""Reading an article file: its bytes, decoded, and its format (html, markdown or text).

At most :data:`MAX_BYTES` per file. Bytes are decoded as strict UTF-8 (a BOM is dropped), else
UTF-16/UTF-32 by their BOM (or UTF-16 without one, told by its NUL pattern), else the charset an
HTML page declares, else Windows-1252. A file with NUL bytes that is not UTF-16, with many control
characters, or with the signature of a PDF, an image or an archive is refused as not text.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from store.pipeline.import_report import ImportRefused

MAX_BYTES = 10 * 1024 * 1024  # one article; a larger file is refused, not truncated
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word, OpenDocument or EPUB file)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
)


def read_file(path: Path) -> tuple[str, str]:
    """(text, format) of an article file; format is "html", "markdown" or "text"."""
    path = Path(path)
    name = str(path)
    try:
        if path.is_dir():
            raise ImportRefused(name, "it is a folder, not a file")
        size = path.stat().st_size
        if not path.is_file():
            raise ImportRefused(name, "it is not a regular file")
        if size > MAX_BYTES:
            raise ImportRefused(name, f"it is {size / 1e6:.1f} MB, above the {MAX_BYTES // (1024 * 1024)} MB limit for one article")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused(name, "no such file") from None
    except PermissionError:
        raise ImportRefused(name, "permission denied") from None
    except IsADirectoryError:
        raise ImportRefused(name, "it is a folder, not a file") from None
    except OSError as exc:
        raise ImportRefused(name, f"it cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:  # it grew while being read
        raise ImportRefused(name, f"it is above the {MAX_BYTES // (1024 * 1024)} MB limit for one article")
    html = path.suffix.lower() in HTML_SUFFIXES
    text = decode_bytes(data, name, html=html)
    fmt = detect_format(text, path.name)
    if fmt != "html":
        _refuse_markup_that_is_not_html(text, name)
    return text, fmt


def detect_format(text: str, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES or _looks_like_html(text):
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


_XML_PROLOGUE = re.compile(r"\A(?:\s+|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S | re.I)
_ROOT_ELEMENT = re.compile(r"<([A-Za-z][\w:.-]*)")


def _refuse_markup_that_is_not_html(text: str, name: str) -> None:
    """An SVG drawing or another XML document is not an article, though it is text: its words are labels and tags."""
    head = text[:4096].lstrip("\ufeff")
    prologue = _XML_PROLOGUE.match(head)
    rest = head[prologue.end():] if prologue else head
    root = _ROOT_ELEMENT.match(rest)
    if root is None:
        return
    tag = root.group(1).lower().rsplit(":", 1)[-1]
    if tag == "svg":
        raise ImportRefused(name, "it is an SVG image, not an article")
    if head.startswith("<?xml") or Path(name).suffix.lower() in (".xml", ".rss", ".atom", ".svg"):
        raise ImportRefused(name, f"it is an XML document (<{tag}>), not an article: save the page as HTML or text")


def _looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return head.startswith(("<?xml", "<!--", "<head", "<meta")) and ("<html" in head or "<body" in text[:16384].lower())


def decode_bytes(data: bytes, name: str, *, html: bool = False) -> str:
    """The text of a file: UTF-8 (BOM or not), UTF-16/32 (BOM, or UTF-16 told by its NULs), else Windows-1252."""
    if not data:
        raise ImportRefused(name, "the file is empty")
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise ImportRefused(name, f"it is {what}, not text: save the article as text, Markdown or HTML")
    text: str | None = None
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = _try(data, "utf-32")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _try(data, "utf-16")
    elif data.startswith(codecs.BOM_UTF8):
        text = _try(data[3:], "utf-8")
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise ImportRefused(name, "it is not a text file (it holds NUL bytes)")
    if text is None:
        text = _try(data, "utf-8")
    if text is None and html:
        declared = re.search(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]+)""", data[:4096], re.I)
        if declared:
            try:
                text = data.decode(codecs.lookup(declared.group(1).decode("ascii")).name, errors="replace")
            except LookupError:
                text = None
    if text is None:
        text = _try(data, "cp1252")
    if text is None:
        text = data.decode("latin-1")  # the five bytes cp1252 leaves undefined
    text = text.lstrip("\ufeff")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise ImportRefused(name, "it is not a text file (it holds many control characters)")
    if not text.strip():
        raise ImportRefused(name, "the file has no text")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Cc but tab and line ends


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no BOM: mostly-ASCII text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    n = len(even)
    if odd.count(0) > 0.4 * n and even.count(0) < 0.05 * n:
        return _try(data, "utf-16-le")
    if even.count(0) > 0.4 * n and odd.count(0) < 0.05 * n:
        return _try(data, "utf-16-be")
    return None
