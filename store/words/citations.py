"""A source cited in full, as the screen shows it under a quote and as ``y`` copies it.

'“South Korea, Japan and Australia, these Pacific countries …”, franceinfo (Radio France), by Rocca,
Nishimura, Plesse, published 2024-04, https://…': the title quoted, the publisher, the authors by
surname, the date labelled, the address. ``Source.citation()`` stays the short form lists use.
"""

from __future__ import annotations

from store.models import Source


def full_citation(source: Source) -> str:
    parts = [f"“{source.title}”"] if source.title else []
    if source.publisher and source.publisher != source.title:
        parts.append(source.publisher)
    if source.authors:
        parts.append("by " + ", ".join(a.split()[-1] for a in source.authors if a.split()))
    if source.published:
        parts.append(f"published {source.published}")
    if source.url:
        parts.append(source.url)
    return ", ".join(parts)
