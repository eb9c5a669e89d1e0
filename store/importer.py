"""Import articles: a file (text, Markdown, HTML) → a Source, its Excerpts, new countries and proposed Facts.

``import_files(store, paths)`` and ``import_text(store, text, name=...)`` each write one article
as ONE journaled, undoable group (``FactStore.add_records``): everything is read, parsed, checked
and built first, then written all at once, so a refused or failing article leaves nothing behind.

- **Reading.** At most :data:`MAX_BYTES` per file. Bytes are decoded as strict UTF-8 (a BOM is
  dropped), else UTF-16/UTF-32 by their BOM (or UTF-16 without one, told by its NUL pattern),
  else the charset an HTML page declares, else Windows-1252. A file with NUL bytes that is not
  UTF-16, with many control characters, or with the signature of a PDF, an image or an archive
  is refused as not text.
- **Formats.** HTML (by extension or content) goes through trafilatura, which drops navigation,
  ads and captions and reads the title, date, author and site from the page's metadata; its
  Markdown output then goes the way of any Markdown file. Text and Markdown may open with YAML
  front matter (``---`` … ``---``, read with PyYAML's ``safe_load``) or with a block of
  ``Key: value`` lines (Title, Source, URL, Published, Authors; other keys kept in
  ``Source.metadata``). Markdown markup is removed from the stored text (links keep their text,
  images go, ``#`` headings become paragraphs of their own); lines wrapped inside a paragraph
  are joined so a name split over two lines is still found.
- **Excerpts** as the starter article's: one per paragraph, long ones split at sentence ends,
  exact offsets, quote selectors, the gazetteer's mentions.
- **Proposals.** :func:`store.relations.find_claims` reads each excerpt; a claim becomes a new
  fact (``unreviewed``, origin ``import``, the excerpt as evidence), or, when the store already
  has that subject, relation and object, the excerpt is added to that fact's evidence (its
  status untouched) and the report says so.
- **Idempotence.** A body whose sha256 is already a source's is "already imported". A new version
  of a source (same URL, or same title) is re-anchored: its excerpts keep their ids (so notes and
  evidence follow them) and are found again in the new text by their quote (exact, then
  prefix/suffix, then fuzzy). Excerpts that cannot be placed are never dropped: they move, with
  the old text, to an archived copy of the source (``<id>@<sha8>``) and are reported as orphans.
  A "new version" in which fewer than 30 % of the old passages can be found is taken for
  another article under the same title, and imported as a source of its own.
"""

from __future__ import annotations

import codecs
import difflib
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.errors import StoreError
from store.ingest import (
    Article,
    article_from_fields,
    excerpt_spans,
    make_excerpts,
    make_source,
    normalize,
    parse_article,
    parse_date,
    quote_selector,
    sha256_text,
)
from store.models import (
    Entity,
    EntityKind,
    Excerpt,
    Fact,
    FactStatus,
    FuzzyDate,
    Origin,
    Record,
    Relation,
    Source,
    utcnow,
)
from store.relations import SYMMETRIC, Claim, find_claims

if TYPE_CHECKING:
    from store.gazetteer import Gazetteer
    from store.repository import FactStore

MAX_BYTES = 10 * 1024 * 1024  # one article; a larger file is refused, not truncated
FUZZY_MIN_RATIO = 0.75  # difflib ratio under which an edited passage counts as gone
MIN_KEPT = 0.3  # a "new version" that keeps fewer of the old passages is another article
CONTEXT_MIN_RATIO = 0.5  # the same, for a passage found between its unchanged prefix and suffix
MIN_HTML_WORDS = 4  # less main text than this in a page is navigation, not an article
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


class ImportRefused(StoreError):
    """An article that cannot be imported; the message names the file and the reason in one sentence."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"cannot import {name}: {reason}")


# --- the report -------------------------------------------------------------------------

@dataclass
class EvidenceAdded:
    fact: Fact  # the fact after the excerpt was added
    excerpt_id: str


@dataclass
class ImportReport:
    """What one import did; ``summary()`` says it in a few lines."""

    name: str
    status: str  # "imported", "updated" (a new version, re-anchored) or "already imported"
    source: Source
    excerpts_added: list[Excerpt] = field(default_factory=list)
    excerpts_reanchored: list[Excerpt] = field(default_factory=list)
    orphans: list[Excerpt] = field(default_factory=list)
    archived_source: Source | None = None
    mentions: Counter[str] = field(default_factory=Counter)  # entity id → mentions
    new_entities: list[Entity] = field(default_factory=list)
    proposed: list[Fact] = field(default_factory=list)
    evidence_added: list[EvidenceAdded] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # entity id → name, for the summary

    @property
    def excerpts(self) -> list[Excerpt]:
        return [*self.excerpts_reanchored, *self.excerpts_added]

    def _name(self, entity_id: str) -> str:
        return self.names.get(entity_id, entity_id)

    def fact_line(self, fact: Fact) -> str:
        """'South Korea — member of → NATO (2022)'."""
        line = f"{self._name(fact.subject)} — {fact.relation.label} → {self._name(fact.object)}"
        dates = str(fact.start) if fact.start else ""
        if fact.end not in ("open", "unknown") and fact.end is not None:
            dates = f"{dates}–{fact.end}" if dates else f"until {fact.end}"
        return f"{line} ({dates})" if dates else line

    def headline(self) -> str:
        """One line for a notification: 'Imported "Title": 12 excerpts, 3 facts to review, evidence for 2 facts'."""
        if self.status == "already imported":
            return f'Already imported: "{_clip(self.source.title, 60)}"'
        verb = "Updated" if self.status == "updated" else "Imported"
        parts = [_n(len(self.excerpts_added), "new excerpt" if self.status == "updated" else "excerpt"),
                 _n(len(self.proposed), "fact") + " to review"]
        if self.evidence_added:
            parts.append("evidence for " + _n(len({a.fact.id for a in self.evidence_added}), "fact"))
        if self.orphans:
            parts.append(_n(len(self.orphans), "orphaned excerpt"))
        return f'{verb} "{_clip(self.source.title, 60)}": ' + ", ".join(parts)

    def summary(self) -> str:
        title = self.source.title
        cite = ", ".join(x for x in (self.source.publisher, str(self.source.published or "")) if x)
        head = f'"{title}"' + (f" ({cite})" if cite else "")
        if self.status == "already imported":
            return f"{self.name}: already imported as {head} [{self.source.id}]; nothing added."
        lines: list[str] = []
        if self.status == "updated":
            lines.append(f"{self.name}: updated {head} [{self.source.id}] to a new version")
            lines.append(
                f"  excerpts: {len(self.excerpts_reanchored)} re-anchored, {len(self.excerpts_added)} new, "
                f"{len(self.orphans)} orphaned"
            )
        else:
            headings = sum(1 for e in self.excerpts_added if e.heading)
            lines.append(f"{self.name}: imported {head} [{self.source.id}]")
            lines.append(
                f"  excerpts: {len(self.excerpts_added)}" + (f" ({headings} headings)" if headings else "")
            )
        if self.mentions:
            top = sorted(self.mentions.items(), key=lambda kv: (-kv[1], self._name(kv[0])))
            lines.append("  mentions: " + ", ".join(f"{self._name(k)} ×{n}" for k, n in top))
        else:
            lines.append("  mentions: none found")
        if self.new_entities:
            lines.append("  countries added: " + ", ".join(e.name for e in self.new_entities))
        if self.proposed:
            lines.append(f"  facts proposed for review ({len(self.proposed)}):")
            lines += [f"    {f.status.symbol} {self.fact_line(f)}" for f in self.proposed]
        else:
            lines.append("  facts proposed for review: none")
        if self.evidence_added:
            per_fact: dict[str, tuple[Fact, int]] = {}
            for a in self.evidence_added:
                per_fact[a.fact.id] = (a.fact, per_fact.get(a.fact.id, (a.fact, 0))[1] + 1)
            lines.append(f"  evidence added to existing facts ({len(per_fact)}):")
            lines += [
                f"    {fact.status.symbol} {self.fact_line(fact)}: added evidence to existing fact "
                f"{fact.id} ({fact.status.value})" + (f", {n} excerpts" if n > 1 else "")
                for fact, n in per_fact.values()
            ]
        if self.orphans:
            where = f" (kept with the earlier version {self.archived_source.id})" if self.archived_source else ""
            lines.append(f"  orphans: {_n(len(self.orphans), 'excerpt')} not found in the new version{where}:")
            lines += [f"    {e.id}: \"{_clip(e.quote.exact, 70)}\"" for e in self.orphans]
        return "\n".join(lines)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# --- reading a file -------------------------------------------------------------------------

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
    return text, detect_format(text, path.name)


def detect_format(text: str, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES or _looks_like_html(text):
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


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
# Soft hyphens, zero-width characters and control characters other than tab and line feed.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u200c\u200d\u2060\ufeff]")


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


# --- parsing ------------------------------------------------------------------------------

@dataclass
class Parsed:
    article: Article
    headings: set[int] | None  # start offsets of heading paragraphs, if the markup says


def parse_document(text: str, fmt: str, name: str) -> Parsed:
    """The article a decoded file holds: its metadata and its plain body."""
    text = _clean_characters(normalize(text).lstrip("\ufeff"))
    if fmt == "html":
        return _parse_html(text, name)
    if re.match(r"---[ \t]*\n", text):
        fields, body = _front_matter(text, name)
        article = article_from_fields(body, fields)
    else:
        article = parse_article(text)
    body, headings = markdown_to_text(article.body, markdown=fmt == "markdown")
    if not article.title:
        # A Markdown article's first heading is its title when no header names one.
        first = next(iter(sorted(headings)), None) if headings else None
        if first == 0:
            article.title = body.split("\n", 1)[0]
    article.body = body
    if not body.strip():
        raise ImportRefused(name, "it has no text once its header is set aside")
    return Parsed(article, headings if headings else None)


def _clean_characters(text: str) -> str:
    """Drop soft hyphens, zero-width characters and stray control characters; keep the rest."""
    return _INVISIBLE.sub("", text)


def _front_matter(text: str, name: str) -> tuple[dict[str, str], str]:
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if end is None:
        raise ImportRefused(name, "its YAML front matter has no closing '---' line")
    raw = text[4: 4 + end.start()]
    body = text[4 + end.end():].lstrip("\n")
    try:
        import yaml
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ImportRefused(name, "reading YAML front matter needs PyYAML (pip install PyYAML)") from None
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        raise ImportRefused(name, f"its YAML front matter is invalid ({problem}{where})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ImportRefused(name, "its YAML front matter is not a set of 'key: value' lines")
    fields = {str(k): _yaml_text(v) for k, v in data.items() if v is not None}
    if not body.strip():
        raise ImportRefused(name, "it has front matter but no text")
    return fields, body


def _yaml_text(value: Any) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(_yaml_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value).strip()


def _parse_html(html: str, name: str) -> Parsed:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ImportRefused(name, "reading HTML needs trafilatura (pip install trafilatura)") from None
    try:
        doc = trafilatura.bare_extraction(
            html,
            output_format="python",
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=True,
            favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises what lxml raises on broken input
        raise ImportRefused(name, f"its HTML cannot be read ({type(exc).__name__})") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_HTML_WORDS:
        raise ImportRefused(name, "no article text was found in the page")
    body, headings = markdown_to_text(normalize(text), markdown=True)
    authors = [a.strip() for a in re.split(r";|,| and ", getattr(doc, "author", None) or "") if a.strip()]
    metadata = {}
    for key in ("description", "hostname", "sitename"):
        value = getattr(doc, key, None)
        if value and key != "sitename":
            metadata[key] = str(value)
    title = (getattr(doc, "title", None) or "").strip()
    article = Article(
        body=body,
        title=title,
        publisher=(getattr(doc, "sitename", None) or "").strip(),
        url=(getattr(doc, "url", None) or "").strip(),
        published=parse_date(getattr(doc, "date", None) or ""),
        authors=authors,
        metadata=metadata,
    )
    return Parsed(article, headings if headings else None)


# --- Markdown → plain text ----------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```+|~~~+)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
_INLINE = [
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references
    (re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"<br\s*/?>", re.I), " "),
    (re.compile(r"</?(?:span|em|strong|b|i|u|a|sup|sub|small|mark|abbr|cite)\b[^>]*>", re.I), ""),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),
]


def _inline(text: str) -> str:
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text


def markdown_to_text(body: str, *, markdown: bool) -> tuple[str, set[int]]:
    """Plain paragraphs separated by blank lines, and the start offsets of the headings.

    Both formats: ``#`` headings become paragraphs of their own, lines wrapped inside a
    paragraph are joined with a space (list items and hard breaks keep their line).
    Markdown only: setext headings, rules, fences, links, emphasis and images are resolved.
    """
    blocks: list[tuple[str, bool]] = []  # (text, is heading)
    para: list[str] = []
    breaks: list[bool] = []  # per line of para: starts a new line (list item, hard break)

    def flush() -> None:
        if para:
            out = para[0]
            for line, newline in zip(para[1:], breaks[1:]):
                out += ("\n" if newline else " ") + line
            text = _inline(out) if markdown else out
            text = re.sub(r"[ \t]+", lambda m: m.group(0) if "\t" in m.group(0) else " ", text).strip()
            if text:
                blocks.append((text, False))
        para.clear()
        breaks.clear()

    lines = body.split("\n")
    i = 0
    fence: str | None = None
    while i < len(lines):
        raw = lines[i]
        line = raw.rstrip()
        i += 1
        if markdown and fence is not None:
            if line.strip().startswith(fence):
                fence = None
                flush()
            else:
                para.append(line)
                breaks.append(True)
            continue
        if markdown:
            f = _FENCE.match(line)
            if f:
                flush()
                fence = f.group(1)[:3]
                continue
        if not line.strip():
            flush()
            continue
        atx = _ATX.match(line)
        if atx and (markdown or atx.group(2)):
            flush()
            heading = (_inline(atx.group(2) or "") if markdown else (atx.group(2) or "")).strip()
            if heading:
                blocks.append((heading, True))
            continue
        if markdown:
            if para and len(para) == 1 and _SETEXT.match(line) and not _LIST_ITEM.match(para[0]):
                heading = _inline(para[0]).strip()
                para.clear()
                breaks.clear()
                if heading:
                    blocks.append((heading, True))
                continue
            if _RULE.match(line):
                flush()
                continue
            if _REF_DEF.match(line):
                continue
            line = re.sub(r"^ {0,3}(?:> ?)+", "", line)  # block quotes
            if not line.strip():
                flush()
                continue
        hard = bool(para) and (raw.endswith("  ") or para[-1].endswith("\\"))
        if hard and para[-1].endswith("\\"):
            para[-1] = para[-1][:-1]
        breaks.append(bool(_LIST_ITEM.match(line)) or hard or (bool(para) and line.startswith("|")))
        para.append(line.strip() if not _LIST_ITEM.match(line) else line.rstrip())
    flush()
    out: list[str] = []
    headings: set[int] = set()
    pos = 0
    for text, heading in blocks:
        if out:
            pos += 2
        if heading:
            headings.add(pos)
        out.append(text)
        pos += len(text)
    return "\n\n".join(out), headings


# --- the gazetteer of a store -------------------------------------------------------------------

def _alliances(store: FactStore) -> list[Entity]:
    return sorted((e for e in store.entities.values() if e.kind is EntityKind.ALLIANCE), key=lambda e: e.id)


@lru_cache(maxsize=4)
def _gazetteer_for(signature: tuple[tuple[str, str, tuple[str, ...]], ...]) -> Gazetteer:
    from store.gazetteer import Gazetteer

    return Gazetteer(
        Entity(id=i, kind=EntityKind.ALLIANCE, name=n, aliases=list(a)) for i, n, a in signature
    )


def gazetteer_for(store: FactStore) -> Gazetteer:
    """The gazetteer of the store's alliances (cached while they do not change)."""
    signature = tuple((e.id, e.name, tuple(e.aliases)) for e in _alliances(store))
    return _gazetteer_for(signature)


# --- importing -------------------------------------------------------------------------------------

def import_files(store: FactStore, paths: Sequence[Path | str]) -> list[ImportReport]:
    """Import each file as its own undoable group; every file is read and checked before any is written."""
    documents = []
    for path in paths:
        text, fmt = read_file(Path(path))
        documents.append((str(path), parse_document(text, fmt, str(path))))
    gazetteer = gazetteer_for(store) if documents else None
    reports = []
    for name, parsed in documents:
        reports.append(_import(store, parsed, name, gazetteer))
        gazetteer = gazetteer_for(store)
    return reports


def import_text(store: FactStore, text: str, *, name: str = "pasted text") -> ImportReport:
    """Import an article given as text (its format told by ``name``'s extension or its content)."""
    if not text or not text.strip():
        raise ImportRefused(name, "the text is empty")
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise ImportRefused(name, f"it is above the {MAX_BYTES // (1024 * 1024)} MB limit for one article")
    parsed = parse_document(text, detect_format(text, name), name)
    return _import(store, parsed, name, gazetteer_for(store))


def _import(store: FactStore, parsed: Parsed, name: str, gazetteer: Gazetteer | None) -> ImportReport:
    article = parsed.article
    if not article.body.strip():
        raise ImportRefused(name, "it has no text once its header is set aside")
    gazetteer = gazetteer or gazetteer_for(store)
    digest = sha256_text(article.body)
    same = next((s for s in store.sources.values() if s.sha256 == digest and not _archived(s)), None)
    if same is not None:
        return ImportReport(name=name, status="already imported", source=same)
    previous = _previous_version(store, article)
    plan = _Plan(store, name)
    if previous is None or not _reanchor(plan, previous, article, parsed.headings, gazetteer, digest):
        source = make_source(article)
        while source.id in store.sources:  # same title and hash prefix, different text: keep both
            source = source.model_copy(update={"id": source.id + "-" + digest[6:10]})
        excerpts = make_excerpts(source, gazetteer, headings=parsed.headings)
        plan.report = ImportReport(name=name, status="imported", source=source, excerpts_added=excerpts)
        plan.put("sources", source)
        for e in excerpts:
            plan.put("excerpts", e)
    report = plan.report
    assert report is not None
    for group in (report.excerpts_reanchored, report.excerpts_added):
        for i, excerpt in enumerate(group):
            kept = [m for m in excerpt.mentions if plan.need_entity(m.entity_id)]
            if len(kept) != len(excerpt.mentions):  # an entity the store cannot hold: no mention of it
                group[i] = excerpt = excerpt.model_copy(update={"mentions": kept})
                plan.put("excerpts", excerpt)
            for m in kept:
                report.mentions[m.entity_id] += 1
    _propose(plan, report.excerpts)
    report.names = {eid: plan.entity_name(eid) for eid in {*report.mentions, *plan.named}}
    label = f"import {_clip(report.source.title, 60)}"
    store.add_records(label, plan.records())
    return report


def _archived(source: Source) -> bool:
    return "superseded_by" in source.metadata


def _previous_version(store: FactStore, article: Article) -> Source | None:
    """The source this article is a new version of: the same URL, else the same title."""
    candidates = [s for s in store.sources.values() if s.text and not _archived(s)]
    url = article.url.rstrip("/")
    if url:
        for s in candidates:
            if s.url and s.url.rstrip("/") == url:
                return s
    title = " ".join(article.title.split()).casefold()
    if len(title) >= 12:
        for s in candidates:
            # Two pages at different addresses are two articles, whatever their titles.
            if " ".join(s.title.split()).casefold() == title and not (url and s.url and s.url.rstrip("/") != url):
                return s
    return None


class _Plan:
    """The records of one import, built completely before anything is written."""

    def __init__(self, store: FactStore, name: str) -> None:
        self.store = store
        self.name = name
        self.report: ImportReport | None = None
        self._records: dict[tuple[str, str], Record] = {}
        self.new_entities: dict[str, Entity] = {}
        self.named: set[str] = set()

    def put(self, table: str, record: Record) -> None:
        self._records[(table, record.id)] = record  # type: ignore[attr-defined]

    def records(self) -> list[tuple[str, Record]]:
        order = {"entities": 0, "sources": 1, "excerpts": 2, "facts": 3}
        items = sorted(self._records.items(), key=lambda kv: order.get(kv[0][0], 9))
        return [(table, record) for (table, _), record in items]

    def need_entity(self, entity_id: str) -> bool:
        """Make sure an entity exists (adding a country the store lacks); False if it cannot."""
        if entity_id in self.store.entities or entity_id in self.new_entities:
            return True
        if not entity_id.startswith("country:"):
            return False
        from store.countries import country_entity

        try:
            entity = country_entity(entity_id.split(":", 1)[1])
        except KeyError:
            return False
        self.new_entities[entity_id] = entity
        self.put("entities", entity)
        assert self.report is not None
        self.report.new_entities.append(entity)
        return True

    def entity_name(self, entity_id: str) -> str:
        entity = self.store.entities.get(entity_id) or self.new_entities.get(entity_id)
        return display_name(entity) if entity else entity_id


def display_name(entity: Entity) -> str:
    """A name for one line of text: an alliance's acronym (NATO) rather than its long name."""
    if entity.kind is EntityKind.ALLIANCE and len(entity.name) > 24:
        short = [a for a in entity.aliases if a.isupper() and a.isalpha() and len(a) <= 8]
        if short:
            return short[0]
    return entity.name


# --- re-anchoring a new version ------------------------------------------------------------------

def _reanchor(
    plan: _Plan, old: Source, article: Article, headings: set[int] | None, gazetteer: Gazetteer, digest: str
) -> bool:
    """Plan ``old``'s update to the new text; False (nothing planned) if the texts share too little."""
    store = plan.store
    text = article.body
    segments = list(excerpt_spans(text, headings))
    old_excerpts = store.excerpts_of(old.id)
    located: dict[str, tuple[int, int]] = {}
    for ex in old_excerpts:
        span = relocate(text, ex.quote, segments)
        if span is not None:
            located[ex.id] = span
    if len(located) < MIN_KEPT * len(old_excerpts):
        return False  # another article under the same title: imported as a source of its own

    # Each new segment goes to the located excerpt that covers most of it.
    claimed: dict[int, str] = {}
    for ex_id, (s, e) in located.items():
        best = max(range(len(segments)), key=lambda i: _overlap((s, e), segments[i][:2]), default=None)
        if best is None:
            continue
        seg = segments[best]
        overlap = _overlap((s, e), seg[:2])
        if overlap >= 0.6 * (seg[1] - seg[0]) and overlap >= 0.6 * (e - s) and best not in claimed:
            claimed[best] = ex_id
            located[ex_id] = (seg[0], seg[1])

    source = old.model_copy(update={
        "title": article.title or old.title,
        "publisher": article.publisher or old.publisher,
        "authors": article.authors or old.authors,
        "published": article.published or old.published,
        "url": article.url or old.url,
        "retrieved": utcnow(),
        "text": text,
        "sha256": digest,
        "metadata": {**old.metadata, **article.metadata, "previous_sha256": old.sha256},
    })
    source = Source.model_validate(source.model_dump(mode="json"))
    report = ImportReport(name=plan.name, status="updated", source=source)
    plan.report = report
    plan.put("sources", source)

    heading_at = {s: h for s, _, h in segments}
    for ex in old_excerpts:
        if ex.id not in located:
            continue
        s, e = located[ex.id]
        quote = quote_selector(text, s, e)
        moved = Excerpt(
            id=ex.id, source_id=source.id, start=s, end=e, quote=quote,
            mentions=gazetteer.find(quote.exact), heading=heading_at.get(s, ex.heading),
        )
        report.excerpts_reanchored.append(moved)
        plan.put("excerpts", moved)

    covered = [(s, e) for s, e in located.values()]
    key = source.id.removeprefix("src:")
    used = {ex.id for ex in store.excerpts.values() if ex.id.startswith(f"exc:{key}:")}
    number = len(used)
    for i, (s, e, heading) in enumerate(segments):
        if i in claimed or any(_overlap((s, e), c) >= 0.5 * (e - s) for c in covered):
            continue
        number += 1
        while f"exc:{key}:{number:03d}" in used:
            number += 1
        quote = quote_selector(text, s, e)
        new = Excerpt(
            id=f"exc:{key}:{number:03d}", source_id=source.id, start=s, end=e, quote=quote,
            mentions=gazetteer.find(quote.exact), heading=heading,
        )
        report.excerpts_added.append(new)
        plan.put("excerpts", new)

    orphans = [ex for ex in old_excerpts if ex.id not in located]
    if orphans:
        # The orphans keep their offsets into the old text, which an archived copy keeps.
        archive = old.model_copy(update={
            "id": f"{old.id}@{old.sha256[:8] or 'old'}",
            "title": f"{old.title} (earlier version)",
            "metadata": {**old.metadata, "superseded_by": old.id},
        })
        report.archived_source = archive
        plan.put("sources", archive)
        for ex in orphans:
            kept = ex.model_copy(update={"source_id": archive.id})
            report.orphans.append(kept)
            plan.put("excerpts", kept)
    report.excerpts_reanchored.sort(key=lambda x: x.start)
    report.excerpts_added.sort(key=lambda x: x.start)
    return True


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def relocate(
    text: str, quote: Any, segments: Sequence[tuple[int, int, bool]] | None = None
) -> tuple[int, int] | None:
    """Where a quote is in a new text: exactly (its context breaking ties), by its prefix and suffix, or fuzzily."""
    from store.ingest import locate

    found = locate(text, quote)
    if found is not None:
        return found
    found = _by_context(text, quote)
    if found is not None:
        return found
    return _fuzzy(text, quote.exact, segments if segments is not None else list(excerpt_spans(text)))


def _by_context(text: str, quote: Any) -> tuple[int, int] | None:
    """The passage between the quote's unchanged prefix and suffix, if it has about the old length."""
    n = len(quote.exact)
    prefix, suffix = quote.prefix, quote.suffix
    if len(prefix.strip()) < 8 and len(suffix.strip()) < 8:
        return None
    starts = [m.end() for m in re.finditer(re.escape(prefix), text)] if prefix else [0]
    if len(starts) != 1:
        return None
    start = starts[0]
    if suffix:
        ends = [m.start() for m in re.finditer(re.escape(suffix), text) if m.start() >= start]
        if not ends:
            return None
        end = ends[0]
    else:
        end = len(text)
    if not 0.5 * n <= end - start <= 2 * n:
        return None
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk.rstrip())
    if trail <= lead:
        return None
    # Between the same neighbours, but still recognisably the same passage.
    if difflib.SequenceMatcher(None, quote.exact, chunk[lead:trail], autojunk=False).ratio() < CONTEXT_MIN_RATIO:
        return None
    return start + lead, start + trail


def _fuzzy(text: str, exact: str, segments: Sequence[tuple[int, int, bool]]) -> tuple[int, int] | None:
    best, best_ratio = None, FUZZY_MIN_RATIO
    for s, e, _ in segments:
        candidate = text[s:e]
        matcher = difflib.SequenceMatcher(None, exact, candidate, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = (s, e), ratio
    return best


# --- proposing facts ----------------------------------------------------------------------------

def _propose(plan: _Plan, excerpts: Iterable[Excerpt]) -> None:
    """Turn the claims of the excerpts into new facts, or into evidence for the facts they restate."""
    store = plan.store
    report = plan.report
    assert report is not None
    kinds = {e.id: e.alliance_kind for e in store.entities.values() if e.kind is EntityKind.ALLIANCE}
    new_facts: dict[tuple[str, ...], Fact] = {}
    edited: dict[str, Fact] = {}
    for excerpt in excerpts:
        if excerpt.heading:
            continue
        for claim in find_claims(excerpt.quote.exact, excerpt.mentions, kinds):
            for c in _rewrite(store, claim):
                if not (plan.need_entity(c.subject) and plan.need_entity(c.object)):
                    continue
                plan.named.update((c.subject, c.object))
                target = _existing_fact(store, edited, c, excerpt.id)
                if target is _ALREADY:
                    continue
                if isinstance(target, Fact):
                    edited[target.id] = target.model_copy(update={"evidence": [*target.evidence, excerpt.id]})
                else:
                    _add_proposal(new_facts, c, excerpt.id, report.source.id)
    now = utcnow()
    for fact in edited.values():
        before = store.facts[fact.id]
        after = Fact.model_validate({**fact.model_dump(mode="json"), "updated": now, "rev": before.rev + 1})
        plan.put("facts", after)
        report.evidence_added += [EvidenceAdded(after, x) for x in after.evidence if x not in before.evidence]
    for fact in new_facts.values():
        plan.put("facts", fact)
        report.proposed.append(fact)


_ALREADY = object()  # the passage already supports a fact that states the claim


def _existing_fact(store: FactStore, edited: dict[str, Fact], claim: Claim, excerpt_id: str) -> Any:
    """The store's fact that the claim restates (_ALREADY if it cites the passage), or None."""
    existing = [edited.get(f.id, f) for f in store.facts_of(claim.subject, claim.object) if _same_ends(f, claim)]
    if not existing:
        return None
    event = claim.relation.event
    for f in existing:
        if excerpt_id in f.evidence and (not event or claim.start is None or _compatible(f.start, claim.start)):
            return _ALREADY
    live = [f for f in existing if f.status is not FactStatus.RETRACTED] or existing
    if not event:
        # One membership (partnership …) however many times it is told: the excerpt joins its evidence.
        dated = [f for f in live if claim.start is None or f.start is None or _compatible(f.start, claim.start)]
        return (dated or live)[0]
    if claim.start is not None:
        same = [f for f in live if f.start is not None and _compatible(f.start, claim.start)]
        return same[0] if same else None  # another summit, another sale: a new fact
    undated = [f for f in live if f.start is None]
    if undated:
        return undated[0]
    return live[0] if len(live) == 1 else _ALREADY  # several dated events, no date to choose one: leave them


def _add_proposal(new_facts: dict[tuple[str, ...], Fact], claim: Claim, excerpt_id: str, source_id: str) -> None:
    """A new fact, or one more excerpt for a fact this import already proposes."""
    triple = (claim.subject, claim.relation.value, claim.object)
    if claim.relation in SYMMETRIC and (claim.object, claim.relation.value, claim.subject) in new_facts:
        triple = (claim.object, claim.relation.value, claim.subject)
    if not claim.relation.event:
        key: tuple[str, ...] = triple  # one proposal per state, dated if a passage dates it
    elif claim.start is None:
        dated = [k for k in new_facts if k[:3] == triple]
        key = dated[0] if len(dated) == 1 else (*triple, "")
    else:
        key = (*triple, claim.start.value)
    fact = new_facts.get(key)
    if fact is None:
        now = utcnow()
        new_facts[key] = Fact(
            id=_fact_id(claim, source_id),
            subject=claim.subject,
            relation=claim.relation,
            object=claim.object,
            start=claim.start,
            end=claim.end if claim.end is not None else "open",
            qualifiers={"cue": claim.cue, **dict(claim.qualifiers)},
            status=FactStatus.UNREVIEWED,
            evidence=[excerpt_id],
            origin=Origin.IMPORT,
            created=now,
            updated=now,
        )
        return
    update: dict[str, Any] = {}
    if excerpt_id not in fact.evidence:
        update["evidence"] = [*fact.evidence, excerpt_id]
    if fact.start is None and claim.start is not None:
        update["start"] = claim.start
    if update:
        new_facts[key] = fact.model_copy(update=update)


def _rewrite(store: FactStore, claim: Claim) -> list[Claim]:
    """Two countries called allies, when the store has their bilateral alliance: memberships of it."""
    if claim.relation is not Relation.TREATY_ALLY_OF:
        return [claim]

    def member(alliance_id: str, country: str) -> bool:
        return any(
            f.relation is Relation.MEMBER_OF and f.subject == country and f.status is not FactStatus.RETRACTED
            for f in store.facts_of(alliance_id, country)
        )

    for alliance in store.entities.values():
        if alliance.kind is not EntityKind.ALLIANCE or "bilateral" not in (alliance.alliance_kind or ""):
            continue
        if not (member(alliance.id, claim.subject) and member(alliance.id, claim.object)):
            continue
        members = {
            f.subject
            for f in store.facts_of(alliance.id)
            if f.relation is Relation.MEMBER_OF and f.object == alliance.id and f.status is not FactStatus.RETRACTED
        }
        if members == {claim.subject, claim.object}:
            return [
                Claim(country, Relation.MEMBER_OF, alliance.id, claim.start, claim.end, claim.cue,
                      claim.qualifiers, claim.sentence)
                for country in (claim.subject, claim.object)
            ]
    return [claim]


def _compatible(a: FuzzyDate | None, b: FuzzyDate | None) -> bool:
    """Two dates that may be the same day, compared at the coarser precision."""
    if a is None or b is None:
        return a is None and b is None
    n = min(len(a.value), len(b.value))
    return a.value[:n] == b.value[:n]


def _same_ends(fact: Fact, claim: Claim) -> bool:
    if fact.relation is not claim.relation:
        return False
    if (fact.subject, fact.object) == (claim.subject, claim.object):
        return True
    return claim.relation in SYMMETRIC and (fact.subject, fact.object) == (claim.object, claim.subject)


def _fact_id(claim: Claim, source_id: str) -> str:
    key = "|".join(["import", source_id, claim.subject, claim.relation.value, claim.object,
                    claim.start.value if claim.start else ""])
    return "fact:" + hashlib.sha1(key.encode()).hexdigest()[:12]
