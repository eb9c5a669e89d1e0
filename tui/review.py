"""The 'To review' view's evidence links: proposed passages grouped by fact or by article (no widgets here).

Imports of a month of articles propose hundreds of links, so they come in
groups (one fact, or one article), the most confident group first and the
most confident link first within it, each showing its confidence and the cue
that proposed it. The pane's filter narrows them by any word of the fact's
entities and relation, the article's title and publisher, the stance
("contradicts"), the cue or the passage. Everything quoted from the store is
made into Text (never parsed as markup) with its control characters shown
as stand-ins.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from rich.text import Text

from store.words.clean import visible_line
from store.models import EvidenceLink, Stance

if TYPE_CHECKING:
    from store.repository import FactStore
    from tui.rows import Row

GroupBy = Literal["fact", "article"]


def link_search_text(store: FactStore, link: EvidenceLink) -> str:
    fact = store.facts.get(link.fact_id)
    excerpt = store.excerpts.get(link.excerpt_id)
    parts = [link.stance.value, link.cue]
    if fact is not None:
        parts += [e.name for i in fact.entities if (e := store.entities.get(i)) is not None]
        parts += [fact.relation.label, fact.relation.value, fact.relation.short]
    if excerpt is not None:
        parts.append(excerpt.quote.exact)
        source = store.sources.get(excerpt.source_id)
        if source is not None:
            parts += [source.title, source.publisher]
    return " ".join(parts).casefold()


def group_key(store: FactStore, link: EvidenceLink, by: GroupBy) -> str:
    if by == "fact":
        return link.fact_id
    return str(store.excerpts.field(link.excerpt_id, "source_id", ""))


def proposed_groups(store: FactStore, needle: str = "", by: GroupBy = "fact") -> dict[str, list[EvidenceLink]]:
    """Proposed links that pass the filter, grouped; groups and links most confident first."""
    links = store.proposed_links()  # most confident first: so are the groups, by their best link
    if needle:
        n = needle.casefold()
        links = [link for link in links if n in link_search_text(store, link)]
    groups: dict[str, list[EvidenceLink]] = {}
    for link in links:
        groups.setdefault(group_key(store, link, by), []).append(link)
    return groups


def group_of(store: FactStore, link_id: str, needle: str, by: GroupBy) -> list[str]:
    """The ids of the proposed links shown in the same group as ``link_id`` (what V / X act on)."""
    link = store.evidence_links.get(link_id)
    if link is None:
        return []
    return [other.id for other in proposed_groups(store, needle, by).get(group_key(store, link, by), [])]


def group_label(store: FactStore, key: str, by: GroupBy, count: int) -> str:
    from tui.rows import name_of

    if by == "fact":
        fact = store.facts.get(key)
        what = (f"{name_of(store, fact.subject)} — {fact.relation.label} → {name_of(store, fact.object)}"
                if fact is not None else key)
    else:
        source = store.sources.get(key)
        what = key if source is None else f"{source.title} · {source.citation()}"
    passages = f"{count} passage" + ("" if count == 1 else "s")
    return visible_line(f"{what} · {passages}")


def link_rows(store: FactStore, needle: str = "", by: GroupBy = "fact") -> Iterator[Row]:
    from tui.rows import Row

    groups = proposed_groups(store, needle, by)
    if not groups:
        return
    total = sum(len(g) for g in groups.values())
    yield Row("group", "g|links", label=f"evidence to review · by {by} ({total})")
    for key, links in groups.items():
        yield Row("group", f"lg|{key}", label=group_label(store, key, by, len(links)))
        for link in links:
            yield Row("link", f"l|{link.id}", fact_id=link.fact_id, excerpt_id=link.excerpt_id, link_id=link.id)


def link_text(store: FactStore, row: Row) -> Text:
    """'◇ supports · 0.95 · cue “joined” → the fact it backs', then the passage."""
    from tui import format as fmt
    from tui.rows import name_of

    assert row.link_id is not None
    link = store.evidence_links[row.link_id]
    symbol, style = ("◇", "green") if link.stance is Stance.SUPPORTS else ("⚠", "yellow")
    text = Text()
    text.append(f"{symbol} {link.stance.value}", style=f"bold {style}")
    text.append(f" · {link.confidence:.2f}", style="bold")
    if link.cue:
        text.append(" · cue “")
        text.append(visible_line(link.cue), style="italic")
        text.append("”")
    fact = store.facts.get(link.fact_id)
    if fact is not None:
        text.append(visible_line(f"  → {name_of(store, fact.subject)} — {fact.relation.label} → {name_of(store, fact.object)}"), style="dim")
    excerpt = store.excerpts.get(link.excerpt_id)
    if excerpt is not None and (source := store.sources.get(excerpt.source_id)) is not None:
        text.append("\n")
        text.append_text(fmt.quote_text(excerpt, source, fact.entities if fact is not None else ()))
    return text
