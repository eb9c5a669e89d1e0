"""Articles → a Source and its Excerpts, with the mentions found in each.

The starter article goes through the same functions as every import, so what
the starter store shows is what a user's own articles will show.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from store.models import Excerpt, FuzzyDate, Mention, QuoteSelector, Source, utcnow
from store.words.sentences import sentence_spans

if TYPE_CHECKING:
    from store.pipeline.gazetteer import Gazetteer


def find_article_mentions(gazetteer: Gazetteer, texts: list[str], publisher: str | None = None) -> list[list[Mention]]:
    # Deferred like the gazetteer itself: reading an article needs neither.
    from store.pipeline.extract.mentions import find_article_mentions as find

    return find(gazetteer, texts, publisher)

CONTEXT = 32  # characters of prefix and suffix in a quote selector
MAX_EXCERPT = 1200  # a longer paragraph is split at sentence ends
HEADER_KEYS = {"title", "source", "url", "published", "authors"}
# A first paragraph of "Key: value" lines is a header only if one key is one of these:
# "Washington: The State Department said …" is the article's first line, not a header.
HEADER_HINTS = HEADER_KEYS | {"author", "date", "publisher", "link", "byline", "retrieved"}

MONTHS = {
    name: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        1,
    )
    for name in names
}
MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9 _-]{0,40}):[ \t]*(.*)$")
_PARA_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass
class Article:
    body: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    published: FuzzyDate | None = None
    authors: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


def normalize(text: str) -> str:
    """Line ends and composed characters made canonical, so the same article hashes the same."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def parse_article(text: str) -> Article:
    """Split an optional ``Key: value`` header block from the body."""
    text = normalize(text).lstrip("\ufeff")
    head, sep, rest = text.partition("\n\n")
    lines = head.split("\n")
    fields: dict[str, str] = {}
    if (
        sep
        and lines
        and all(_HEADER_LINE.match(line) for line in lines)
        and any(line.split(":", 1)[0].strip().lower() in HEADER_HINTS for line in lines)
    ):
        for line in lines:
            m = _HEADER_LINE.match(line)
            assert m is not None
            fields[m.group(1).strip()] = m.group(2).strip()
        body = rest
    else:
        body = text
    return article_from_fields(body, fields)


def article_from_fields(body: str, fields: dict[str, str]) -> Article:
    lower = {k.lower(): v for k, v in fields.items()}
    published = parse_date(lower.get("published") or lower.get("date") or "")
    authors = [a.strip() for a in re.split(r",|;| and ", lower.get("authors") or lower.get("author", "")) if a.strip()]
    return Article(
        body=body.strip("\n"),
        title=lower.get("title", ""),
        publisher=lower.get("source") or lower.get("publisher", ""),
        url=lower.get("url") or lower.get("link", ""),
        published=published,
        authors=authors,
        # Unknown keys are kept; so is a date that could not be read, rather than lost.
        metadata={
            k: v for k, v in fields.items()
            if k.lower() not in _CONSUMED or (k.lower() in ("published", "date") and v.strip() and published is None)
        },
    )


_CONSUMED = HEADER_KEYS | {"author", "date", "publisher", "link"}
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({MONTH_RE}),? (\d{{4}})$", re.I)
_MONTH_DAY_YEAR = re.compile(rf"^({MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})$", re.I)
_MONTH_YEAR = re.compile(rf"^({MONTH_RE}),? (\d{{4}})$", re.I)


def month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def fuzzy_date(year: int | str, month: int | str | None = None, day: int | str | None = None) -> FuzzyDate | None:
    """A FuzzyDate from its parts, or None if they make no real date."""
    try:
        text = f"{int(year):04d}"
        if month is not None:
            text += f"-{int(month):02d}"
            if day is not None:
                text += f"-{int(day):02d}"
        return FuzzyDate(text)
    except ValueError:
        return None


def parse_date(text: str) -> FuzzyDate | None:
    """'2024-04-10', '2024-04-10T08:00:00Z', '10 April 2024', 'April 10, 2024', 'April 2024', '2024'.

    The precision is what the text gives; anything else is None.
    """
    text = " ".join(str(text).split()).strip(" .,")
    if not text:
        return None
    m = _ISO_DATE.match(text)
    if m:
        return fuzzy_date(*m.groups())
    m = _DAY_MONTH_YEAR.match(text)
    if m:
        return fuzzy_date(m.group(3), month_number(m.group(2)), m.group(1))
    m = _MONTH_DAY_YEAR.match(text)
    if m:
        return fuzzy_date(m.group(3), month_number(m.group(1)), m.group(2))
    m = _MONTH_YEAR.match(text)
    if m:
        return fuzzy_date(m.group(2), month_number(m.group(1)))
    return None


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def slugify(text: str, limit: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "article"


def make_source(article: Article, source_id: str | None = None) -> Source:
    digest = sha256_text(article.body)
    return Source(
        id=source_id or f"src:{slugify(article.title or article.body[:60])}-{digest[:6]}",
        title=article.title or article.body.split("\n", 1)[0][:120],
        publisher=article.publisher,
        authors=article.authors,
        published=article.published,
        url=article.url,
        retrieved=utcnow(),
        text=article.body,
        sha256=digest,
        metadata=article.metadata,
    )


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph, blank-line separated, surrounding space trimmed."""
    pos = 0
    for m in [*_PARA_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            yield pos + lead, pos + trail
        if m:
            pos = m.end()


def _split_long(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split a long paragraph at sentence ends into pieces of at most MAX_EXCERPT."""
    if end - start <= MAX_EXCERPT:
        yield start, end
        return
    # Where one sentence ends and the next starts: (end, start), abbreviations ("U.S.") not ends.
    sentences = list(sentence_spans(text[start:end]))
    cuts = [(start + a_end, start + b_start) for (_, a_end), (b_start, _) in zip(sentences, sentences[1:])]
    piece_start = start
    last_cut = None
    for cut in cuts:
        if cut[0] - piece_start > MAX_EXCERPT and last_cut is not None:
            yield piece_start, last_cut[0]
            piece_start = last_cut[1]
        last_cut = cut
    if last_cut is not None and end - piece_start > MAX_EXCERPT and last_cut[1] > piece_start:
        yield piece_start, last_cut[0]
        piece_start = last_cut[1]
    yield piece_start, end


def is_heading(paragraph: str) -> bool:
    """A one-line paragraph that does not end like a sentence."""
    stripped = paragraph.strip().lstrip("#").strip()
    return (
        "\n" not in paragraph.strip()
        and len(stripped) <= 140
        and not stripped.endswith((".", "!", "?", "…", '"', "”", ":"))
    )


def quote_selector(text: str, start: int, end: int) -> QuoteSelector:
    return QuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT):start],
        suffix=text[end:end + CONTEXT],
    )


def excerpt_spans(text: str, headings: set[int] | None = None) -> Iterator[tuple[int, int, bool]]:
    """(start, end, heading) of each excerpt of a text: paragraphs, long ones split at sentence ends.

    ``headings`` holds the start offsets of the paragraphs known to be headings (Markdown's);
    without it a heading is guessed by :func:`is_heading`.
    """
    for p_start, p_end in paragraph_spans(text):
        heading = p_start in headings if headings is not None else is_heading(text[p_start:p_end])
        for start, end in _split_long(text, p_start, p_end):
            yield start, end, heading


def make_excerpts(
    source: Source,
    gazetteer: Gazetteer | None = None,
    *,
    headings: set[int] | None = None,
    publisher: str | None = None,
) -> list[Excerpt]:
    text = source.text
    key = source.id.removeprefix("src:")
    spans = list(excerpt_spans(text, headings))
    quotes = [quote_selector(text, start, end) for start, end, _ in spans]
    # The whole article at once: "the alliance" in one passage is resolved from the earlier ones.
    mentions = find_article_mentions(gazetteer, [q.exact for q in quotes], publisher) if gazetteer else [[] for _ in quotes]
    return [
        Excerpt(
            id=f"exc:{key}:{i + 1:03d}",
            source_id=source.id,
            start=start,
            end=end,
            quote=quote,
            mentions=[*found],
            heading=heading,
        )
        for i, ((start, end, heading), quote, found) in enumerate(zip(spans, quotes, mentions))
    ]


def locate(text: str, quote: QuoteSelector) -> tuple[int, int] | None:
    """Find a quote again in a (possibly edited) text: exact with context, then exact alone."""
    candidates = [m.start() for m in re.finditer(re.escape(quote.exact), text)]
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0], candidates[0] + len(quote.exact)

    def score(i: int) -> int:
        before = text[max(0, i - len(quote.prefix)):i]
        after = text[i + len(quote.exact):i + len(quote.exact) + len(quote.suffix)]
        return (before == quote.prefix) + (after == quote.suffix)

    best = max(candidates, key=score)
    return best, best + len(quote.exact)
