"""The 'To review' view's new groupings: entities an import proposed (no widgets here).

Each shows as "New grouping: <name> · <kind> · members …", then the passage that named it and its
source; v accepts it (an ordinary entity), x rejects it (with the proposed facts that need it).
Every string comes from an article: made into Text, never parsed as markup, controls shown as stand-ins.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.text import Text

from store.words.clean import visible_line
from store.models import Entity
from tui.actions import KeyFor, default_key_for, hint

if TYPE_CHECKING:
    from store.repository import FactStore
    from tui.rows import Row


def grouping_search_text(store: FactStore, entity: Entity) -> str:
    parts = [entity.name, *entity.aliases, entity.alliance_kind or "", "new grouping"]
    if entity.proposal is not None:
        parts += [store.entities[m].name for m in entity.proposal.members if m in store.entities]
        match = entity.proposal.match
        if match is not None and match in store.entities:
            parts += ["same as", store.entities[match].name, str(entity.dataset or "")]
        source = store.sources.get(entity.proposal.source_id)
        if source is not None:
            parts += [source.title, source.publisher]
    return " ".join(parts).casefold()


def grouping_rows(store: FactStore, needle: str = "") -> Iterator[Row]:
    from tui.rows import Row

    entities = store.proposed_entities()
    if needle:
        entities = [e for e in entities if needle.casefold() in grouping_search_text(store, e)]
    if not entities:
        return
    yield Row("group", "g|groupings", label=f"new groupings to review ({len(entities)})")
    for e in entities:
        yield Row("entity", f"ent|{e.id}", entity_id=e.id)


def grouping_text(store: FactStore, entity: Entity, key: KeyFor = default_key_for) -> Text:
    """'New grouping: US–Japan–Philippines trilateral · trilateral partnership · members Japan, …', then the passage."""
    from tui import format as fmt

    if entity.proposal is not None and entity.proposal.match is not None:
        return match_text(store, entity, key)
    text = Text()
    text.append("✚ New grouping: ", style="bold green")
    text.append(visible_line(entity.name), style="bold")
    if entity.alliance_kind:
        text.append(visible_line(f" · {entity.alliance_kind}"), style="dim")
    proposal = entity.proposal
    if proposal is None:
        return text
    members = sorted(store.entities[m].name if m in store.entities else m for m in proposal.members)
    text.append(visible_line(" · members " + ", ".join(members)) if members else " · members not named")
    for excerpt_id in proposal.excerpt_ids[:1]:  # the first passage that names it; the others are under its facts
        excerpt = store.excerpts.get(excerpt_id)
        source = store.sources.get(excerpt.source_id) if excerpt is not None else None
        if excerpt is not None and source is not None:
            text.append("\n")
            text.append_text(fmt.quote_text(excerpt, source, (entity.id, *proposal.members)))
    review = hint((("app.accept", "accept"), ("app.reject", "reject (its proposed facts too)")), key)
    text.append(f"\n  proposed by import: {review}", style="dim italic")
    return text


def match_text(store: FactStore, entity: Entity, key: KeyFor = default_key_for) -> Text:
    """'Same as NATO? ATOP 5.1 (atopid 3180) · <its name> · signed 1949-04-04 · 12 founding members: …'."""
    assert entity.proposal is not None and entity.proposal.match is not None
    target = store.entities.get(entity.proposal.match)
    target_name = target.name if target is not None else entity.proposal.match
    text = Text()
    text.append("≟ Same as ", style="bold cyan")
    text.append(visible_line(target_name), style="bold")
    text.append(visible_line(f"? {entity.dataset or 'a data set'}"), style="bold cyan")
    text.append(visible_line(f" · {entity.name}"))
    for kind, date in entity.dates.items():
        text.append(visible_line(f" · {kind.label} {date}"), style="dim")
    founders = sorted(store.entities[m].name if m in store.entities else m for m in entity.proposal.members)
    text.append("\n")
    text.append(visible_line(f"  {len(founders)} founding members, as the store's: " + ", ".join(founders)))
    text.append("\n")
    review = hint((("app.accept", f"merge into {target_name}"), ("app.reject", "keep apart (an alliance of its own)")), key)
    text.append(visible_line(f"  {review}"), style="dim italic")
    return text
