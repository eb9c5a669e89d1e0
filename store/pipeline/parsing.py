"""A decoded article → its metadata and its plain body (:func:`parse_document`).

HTML (by extension or content) goes through trafilatura, which drops navigation, ads and captions
and reads the title, date, author and site from the page's metadata; its Markdown output then goes
the way of any Markdown file. Text and Markdown may open with YAML front matter (``---`` … ``---``,
read with PyYAML's safe loader, aliases and deep nesting refused) or with a block of ``Key: value`` lines (Title, Source, URL,
Published, Authors; other keys kept in ``Source.metadata``). Markdown markup is removed from the
stored text (links keep their text, images go, ``#`` headings become paragraphs of their own);
lines wrapped inside a paragraph are joined so a name split over two lines is still found.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from store.pipeline.import_report import ImportRefused
from store.pipeline.ingest import Article, article_from_fields, normalize, parse_article, parse_date
from store.words.clean import without_invisibles

MIN_HTML_WORDS = 4  # less main text than this in a page is navigation, not an article


@dataclass
class Parsed:
    article: Article
    headings: set[int] | None  # start offsets of heading paragraphs, if the markup says


def parse_document(text: str, fmt: str, name: str) -> Parsed:
    """The article a decoded file holds: its metadata and its plain body."""
    text = without_invisibles(normalize(text).lstrip("\ufeff"))
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
        data = _safe_yaml(raw, name) if raw.strip() else {}
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


MAX_YAML_DEPTH = 32  # front matter is "key: value" lines; a few levels of lists or maps at most


@lru_cache(maxsize=1)
def _loader() -> type:
    """PyYAML's SafeLoader refusing aliases and deep nesting, before it builds anything.

    An alias (``*name``) repeats what its anchor holds: nine nested levels of
    nine aliases are 800 bytes that expand to 9⁹ strings (a "billion laughs"),
    1.5 GB before the title was even read. Refusing them as the parser meets
    them keeps memory in proportion to the front matter itself. Deep nesting
    (``[[[[…``) would exhaust Python's recursion instead.
    """
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise _Refused("uses an alias (*name), which is refused because a few aliases can expand to gigabytes")
            if self.depth >= MAX_YAML_DEPTH:
                raise _Refused(f"nests lists or maps more than {MAX_YAML_DEPTH} levels deep")
            self.depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return NoAliasLoader


class _Refused(Exception):
    """Front matter refused before it is built; the message is the reason."""


def _safe_yaml(raw: str, name: str) -> Any:
    loader = _loader()(raw)
    try:
        return loader.get_single_data()
    except _Refused as exc:
        raise ImportRefused(name, f"its YAML front matter {exc}") from None
    finally:
        loader.dispose()


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
