"""The lines of the countries and alliances lists: a name, a count, and how a country is tied to an alliance."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from store import treaties
from store.models import EntityKind
from tui import format as fmt
from tui.explorer import ListEntry


def entry_line(entry: ListEntry) -> RenderableType:
    """A list line: a country and its count; an alliance of the country and how the country is tied to it;
    or an alliance in the list of all. An ended alliance and a suspended membership carry a sign and a
    style, not colour alone."""
    entity = entry.entity
    if entry.facts is not None:
        return _link_line(entry)
    if entity.kind is EntityKind.COUNTRY:
        return fmt.entity_line(entry.label(), entry.count or 0)
    if entity.ended is not None:
        return fmt.entity_line(f"{fmt.ENDED_SIGN} {entry.label()} ({fmt.ended_mark(entity)})", entry.count or 0, 26, fmt.ENDED_STYLE)
    return fmt.entity_line(entry.label(), entry.count or 0, 26)


def _link_line(entry: ListEntry) -> Text:
    assert entry.facts is not None
    ended = fmt.ended_mark(entry.entity)
    suspension = treaties.live_suspension(entry.facts)  # the facts are at hand: no lookup
    text = Text()
    if ended:
        text.append(f"{fmt.ENDED_SIGN} ", style="bold")
    elif suspension is not None:
        text.append(f"{fmt.SUSPENDED_SIGN} ", style=f"bold {fmt.SUSPENDED_STYLE}")
    text.append_text(fmt.plain(entry.label(), "bold"))
    text.append("  ")
    text.append(fmt.link_summary(entry.facts), style="dim")
    if suspension is not None:
        text.stylize("italic")  # the summary says "suspended since …" (its own relation)
    if ended:
        text.append(f" · {ended}", style="bold")
        text.stylize(fmt.ENDED_STYLE)
    return text
