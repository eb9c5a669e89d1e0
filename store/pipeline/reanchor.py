"""Re-anchoring a new version of a source: its excerpts keep their ids (so notes and evidence follow
them) and are found again in the new text by their quote (exact, then prefix/suffix, then fuzzy).
Excerpts that cannot be placed are never dropped: they move, with the old text, to an archived
copy of the source (``<id>@<sha8>``) and are reported as orphans. A "new version" in which fewer
than 30 % of the old passages can be found is taken for another article under the same title.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from store.pipeline.import_report import ImportReport
from store.pipeline.ingest import Article, excerpt_spans, quote_selector
from store.models import Excerpt, Source, utcnow

if TYPE_CHECKING:
    from store.pipeline.gazetteer import Gazetteer
    from store.pipeline.import_plan import ImportPlan

FUZZY_MIN_RATIO = 0.75  # difflib ratio under which an edited passage counts as gone
MIN_KEPT = 0.3  # a "new version" that keeps fewer of the old passages is another article
CONTEXT_MIN_RATIO = 0.5  # the same, for a passage found between its unchanged prefix and suffix


def reanchor(
    plan: ImportPlan, old: Source, article: Article, headings: set[int] | None, gazetteer: Gazetteer, digest: str
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
            mentions=[*gazetteer.find(quote.exact)], heading=heading_at.get(s, ex.heading),
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
            mentions=[*gazetteer.find(quote.exact)], heading=heading,
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
    from store.pipeline.ingest import locate

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
