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
  front matter (``---`` … ``---``, read with PyYAML's safe loader; aliases refused) or with a block of
  ``Key: value`` lines (Title, Source, URL, Published, Authors; other keys kept in
  ``Source.metadata``). Markdown markup is removed from the stored text (links keep their text,
  images go, ``#`` headings become paragraphs of their own); lines wrapped inside a paragraph
  are joined so a name split over two lines is still found.
- **Excerpts** as the starter article's: one per paragraph, long ones split at sentence ends,
  exact offsets, quote selectors, the gazetteer's mentions.
- **Proposals.** :func:`store.pipeline.extract.claims.find_claims` reads each excerpt, and
  :mod:`store.pipeline.extract.learned` (when switched on) the pairs its rules left; a claim becomes a new
  fact (``unreviewed``, origin ``import``, the excerpt as evidence), or, when the store already
  has that subject, relation and object, a proposed evidence link to that fact (reviewed like a
  fact), and the report says so.
- **Idempotence.** A body whose sha256 is already a source's is "already imported". A new version
  of a source (same URL, or same title) is re-anchored: its excerpts keep their ids (so notes and
  evidence follow them) and are found again in the new text by their quote (exact, then
  prefix/suffix, then fuzzy). Excerpts that cannot be placed are never dropped: they move, with
  the old text, to an archived copy of the source (``<id>@<sha8>``) and are reported as orphans.
  A "new version" in which fewer than 30 % of the old passages can be found is taken for
  another article under the same title, and imported as a source of its own.

The steps live in their own modules, re-exported here: :mod:`store.pipeline.import_report` (the report and
:class:`ImportRefused`), :mod:`store.pipeline.reading` (bytes → text and format), :mod:`store.pipeline.parsing`
(front matter, HTML, Markdown → an article), :mod:`store.pipeline.import_plan` (the records of one import),
:mod:`store.pipeline.reanchor` (a new version) and :mod:`store.pipeline.proposals` (facts to review).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from store.pipeline.extract.people import learn_people
from store.pipeline.grouping_parties import publisher_country
from store.pipeline.grouping_proposals import propose_groupings
from store.pipeline.import_plan import ImportPlan
from store.pipeline.import_report import ImportRefused, ImportReport, clip
from store.pipeline.ingest import Article, make_excerpts, make_source, sha256_text
from store.models import Entity, EntityKind, Source
from store.pipeline.parsing import MIN_HTML_WORDS, Parsed, markdown_to_text, parse_document
from store.pipeline.proposals import propose
from store.pipeline.reading import HTML_SUFFIXES, MARKDOWN_SUFFIXES, MAX_BYTES, decode_bytes, detect_format, read_file
from store.pipeline.reanchor import CONTEXT_MIN_RATIO, FUZZY_MIN_RATIO, MIN_KEPT, reanchor, relocate

if TYPE_CHECKING:
    from store.pipeline.gazetteer import Gazetteer
    from store.repository import FactStore

__all__ = [
    "CONTEXT_MIN_RATIO",
    "FUZZY_MIN_RATIO",
    "HTML_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "MAX_BYTES",
    "MIN_HTML_WORDS",
    "MIN_KEPT",
    "ImportRefused",
    "ImportReport",
    "Parsed",
    "decode_bytes",
    "detect_format",
    "gazetteer_for",
    "import_file",
    "import_files",
    "import_text",
    "markdown_to_text",
    "parse_document",
    "read_file",
    "relocate",
]


# --- the gazetteer of a store -------------------------------------------------------------------

def _alliances(store: FactStore) -> list[Entity]:
    # A rejected grouping is kept only to be remembered: it names nothing in later articles.
    # Nor does a data set's record (ATOP's ~800 alliances, named by us from their members): articles do not
    # name "United States–Japan (ATOP 3180, 1951)", and a compound such as "US-UK-France" would match one of them.
    return sorted((e for e in store.entities.values()
                   if e.kind is EntityKind.ALLIANCE and not e.rejected and e.dataset is None), key=lambda e: e.id)


@lru_cache(maxsize=4)
def _gazetteer_for(signature: tuple[tuple[str, str, str, tuple[str, ...], str], ...]) -> Gazetteer:
    from store.pipeline.gazetteer import Gazetteer
    from store.models import DateKind

    # The short name is a name articles use ("CSTO"); the end date makes a name two alliances
    # share (the Quad of 2007 and of 2017) the live one's.
    return Gazetteer(
        Entity(id=i, kind=EntityKind.ALLIANCE, name=n, short_name=s or None, aliases=list(a),
               dates={DateKind.ENDED: ended} if ended else {})  # type: ignore[dict-item]
        for i, n, s, a, ended in signature
    )


# store → (its version, its gazetteer): the signature alone is a pass over every entity, a fifth of a
# 1,000-article batch's time in a store of 1,196 entities. The version moves with any change of an entity.
_BY_VERSION: WeakKeyDictionary[FactStore, tuple[int, Gazetteer]] = WeakKeyDictionary()


def gazetteer_for(store: FactStore) -> Gazetteer:
    """The gazetteer of the store's alliances (cached while they do not change)."""
    version = store.version
    known = _BY_VERSION.get(store)
    if known is not None and known[0] == version:
        return known[1]
    signature = tuple((e.id, e.name, e.short_name or "", tuple(e.aliases), str(e.ended or ""))
                      for e in _alliances(store))
    gazetteer = _gazetteer_for(signature)
    if store.version == version:  # not if a write landed meanwhile (the writer thread)
        _BY_VERSION[store] = (version, gazetteer)
    return gazetteer


# --- importing -------------------------------------------------------------------------------------

def import_files(store: FactStore, paths: Sequence[Path | str], *, dry_run: bool = False) -> list[ImportReport]:
    """Import each file as its own undoable group; every file is read and checked before any is written.

    ``dry_run``: the reports of what each import would add, with nothing written.
    """
    documents = []
    for path in paths:
        text, fmt = read_file(Path(path))
        documents.append((str(path), parse_document(text, fmt, str(path))))
    gazetteer = gazetteer_for(store) if documents else None
    sources = SourceIndex(store) if documents else None
    reports = []
    for name, parsed in documents:
        reports.append(_import(store, parsed, name, gazetteer, sources, dry_run=dry_run))
        gazetteer = gazetteer_for(store)
    return reports


def import_url(store: FactStore, url: str, *, dry_run: bool = False) -> ImportReport:
    """Fetch the page at ``url`` and import the article it holds; its address becomes the source's URL."""
    from store.pipeline.fetch import fetch_url  # urllib.request only when a page is fetched

    page = fetch_url(url)
    parsed = parse_document(page.text, page.fmt, page.url)
    if not parsed.article.url:
        parsed.article.url = page.url
    return _import(store, parsed, page.url, gazetteer_for(store), dry_run=dry_run)


def import_file(store: FactStore, path: Path | str, sources: SourceIndex | None = None) -> ImportReport:
    """Import one file as one undoable group: read, parsed, built, then written (or refused, writing nothing).

    A batch passes the one :class:`SourceIndex` it keeps for all its files.
    """
    text, fmt = read_file(Path(path))
    return _import(store, parse_document(text, fmt, str(path)), str(path), None, sources)


def import_text(store: FactStore, text: str, *, name: str = "pasted text") -> ImportReport:
    """Import an article given as text (its format told by ``name``'s extension or its content)."""
    if not text or not text.strip():
        raise ImportRefused(name, "the text is empty")
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise ImportRefused(name, f"it is above the {MAX_BYTES // (1024 * 1024)} MB limit for one article")
    parsed = parse_document(text, detect_format(text, name), name)
    return _import(store, parsed, name, gazetteer_for(store))


def _import(store: FactStore, parsed: Parsed, name: str, gazetteer: Gazetteer | None,
            sources: SourceIndex | None = None, *, dry_run: bool = False) -> ImportReport:
    article = parsed.article
    if not article.body.strip():
        raise ImportRefused(name, "it has no text once its header is set aside")
    gazetteer = gazetteer or gazetteer_for(store)
    sources = sources or SourceIndex(store)
    digest = sha256_text(article.body)
    same = sources.same_text(digest)
    if same is not None:
        return ImportReport(name=name, status="already imported", source=same)
    previous = sources.previous_version(article)
    plan = ImportPlan(store, name)
    if previous is None or not reanchor(plan, previous, article, parsed.headings, gazetteer, digest):
        source = make_source(article)
        while source.id in store.sources:  # same title and hash prefix, different text: keep both
            source = source.model_copy(update={"id": source.id + "-" + digest[6:10]})
        excerpts = make_excerpts(source, gazetteer, headings=parsed.headings,
                                 publisher=publisher_country(gazetteer, source.publisher))
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
    # Who the article's people stand for, read once for the grouping and claims stages.
    ordered = sorted(report.excerpts, key=lambda x: x.start)
    plan.people = learn_people([x.quote.exact for x in ordered], [x.mentions for x in ordered])
    plan.publisher = publisher_country(gazetteer, report.source.publisher)
    # New groupings next, so the claims stage reads the passages with their mentions.
    report.excerpts_reanchored, claims = propose_groupings(plan, gazetteer, report.excerpts_reanchored)
    report.excerpts_added, more = propose_groupings(plan, gazetteer, report.excerpts_added)
    propose(plan, report.excerpts, extra={**claims, **more}, members=gazetteer.members)
    report.names = {eid: plan.entity_name(eid) for eid in {*report.mentions, *plan.named}}
    label = f"import {clip(report.source.title, 60)}"
    records = plan.records()
    if dry_run:
        return report
    store.add_records(label, records)
    for table, record in records:
        if table == "sources":
            sources.add(record)  # type: ignore[arg-type]
    return report


def _archived(source: Source) -> bool:
    return "superseded_by" in source.metadata


class SourceIndex:
    """The store's sources by sha256, URL and title: the three questions an import asks of every source.

    Asked by scanning, they cost a pass over all sources per article (a third of the time of
    1,000 articles into a store of 2,000 sources, benchmarks/import_bench.py). Built once, it is
    kept up to date by the imports that use it, and each answer is checked against the store's
    record, so an entry a later write changed is passed over. It does not see sources written by
    others: it lives for one import or one batch, which holds the writer (the command's lock,
    the app's one writer thread) for its whole length.
    """

    def __init__(self, store: FactStore) -> None:
        self.store = store
        # An ordered set of ids per key (a dict): a generated store's thousands of sources share one title.
        self._ids: defaultdict[tuple[str, str], dict[str, None]] = defaultdict(dict)
        # From the stored fields, not the models: at 2,000 sources the models took most of an import's time.
        for sid, (sha256, url, title) in store.sources.scan("sha256", "url", "title"):
            self._add(sid, _keys_of(sha256 or "", url or "", title or ""))

    def add(self, source: Source) -> None:
        self._add(source.id, _keys(source))

    def _add(self, source_id: str, keys: Iterable[tuple[str, str]]) -> None:
        for key in keys:
            self._ids[key].setdefault(source_id)

    def _live(self, key: tuple[str, str]) -> list[Source]:
        """The sources under ``key`` as the store holds them now, in the store's order."""
        found = []
        for sid in self._ids.get(key, ()):
            source = self.store.sources.get(sid)
            if source is not None and key in _keys(source) and not _archived(source):
                found.append(source)
        if len(found) > 1:  # rare (two sources with one URL or title): the first in the store wins, as a scan's would
            order = {sid: i for i, sid in enumerate(self.store.sources)}
            found.sort(key=lambda s: order.get(s.id, len(order)))
        return found

    def same_text(self, digest: str) -> Source | None:
        """The source whose text has this sha256, if any (not an archived earlier version)."""
        return next(iter(self._live(("sha", digest))), None)

    def previous_version(self, article: Article) -> Source | None:
        """The source this article is a new version of: the same URL, else the same title."""
        url = article.url.rstrip("/")
        if url:
            for s in self._live(("url", url)):
                if s.text:
                    return s
        title = _title_key(article.title)
        if len(title) >= 12:
            for s in self._live(("title", title)):
                # Two pages at different addresses are two articles, whatever their titles.
                if s.text and not (url and s.url and s.url.rstrip("/") != url):
                    return s
        return None


def _title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def _keys(source: Source) -> Iterator[tuple[str, str]]:
    return _keys_of(source.sha256, source.url or "", source.title)


def _keys_of(sha256: str, url: str, title: str) -> Iterator[tuple[str, str]]:
    yield ("sha", sha256)
    if url:
        yield ("url", url.rstrip("/"))
    yield ("title", _title_key(title))
