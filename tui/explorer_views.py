"""What the explorer shows: a frozen view of each pane, and the change a move makes.

tui/explorer.py computes these for the current place; the panes (tui/panes/) draw them.
A view says what a pane shows and what names it (``source``), so whether a pane changed is
decided without comparing its entries one by one. Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from store.models import Entity, Fact
from store.words.names import display_name
from store.words.resolve import folded_names
from tui.rows import LazyRows, proposed_mark
from tui.state import PaneName


def short_name(entity: Entity) -> str:
    """The name a list shows: 'NATO' for a long name, marked while an import proposes it."""
    return proposed_mark(entity, display_name(entity))


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One line of a list pane: an entity and what the line says of it.

    ``count`` (countries, every alliance) is its number of relations; ``facts``
    (a country's alliances) how the country is tied to it. The label and the
    filter's keys are made when asked for: a country with hundreds of
    alliances only pays for the lines on screen.
    """

    id: str
    entity: Entity
    count: int | None = None
    facts: tuple[Fact, ...] | None = None

    def label(self) -> str:
        return short_name(self.entity)

    def keys(self) -> tuple[str, ...]:
        """The long name, the short name, the aliases and the codes, folded (store/words/resolve.py): what a filter matches."""
        return folded_names(self.entity)

    def matches(self, needle: str) -> bool:
        """``needle``, folded as the keys are, is part of one of them."""
        return any(needle in key for key in self.keys())


@dataclass(frozen=True, eq=False)
class ListView:
    """What a list pane shows. ``source`` names the entries (same source, same entries: only the cursor may move)."""

    title: str
    entries: tuple[ListEntry, ...]
    highlighted_id: str | None
    filter: str
    source: tuple[object, ...]

    def same_as(self, other: ListView | None) -> bool:
        """Shows the same: the entries by what names them (never by comparing them one by one), the cursor, the title."""
        return other is not None and (self.source, self.highlighted_id, self.title) == (other.source, other.highlighted_id, other.title)


@dataclass(frozen=True, eq=False)
class ExcerptsView:
    """What the excerpts pane shows.

    ``selection`` names what the rows are about (a country, a country and an
    alliance, the review); ``source`` adds the store's state and the filter
    (same source: the same ``rows`` object). ``highlighted_key``: the row the
    cursor goes to; None: the first row of a new selection, or the row it is
    on when the same selection was refilled. ``anywhere``: look for that row
    however far down it is (back along the trail, a note just saved); else
    only near the cursor's old place.
    """

    title: str
    rows: LazyRows
    selection: tuple[object, ...]
    source: tuple[object, ...]
    highlighted_key: str | None
    anywhere: bool
    mode: Literal["facts", "review"]


@dataclass(frozen=True)
class Views:
    countries: ListView
    alliances: ListView
    excerpts: ExcerptsView
    crumbs: tuple[str, ...]
    focus: PaneName


@dataclass(frozen=True, eq=False)
class Change:
    """What a move changed: each pane's new view, or None where the pane stays as it is."""

    countries: ListView | None = None
    alliances: ListView | None = None
    excerpts: ExcerptsView | None = None
    crumbs: tuple[str, ...] | None = None
    focus: PaneName | None = None  # the pane to focus (a move to another place focuses its pane)
    message: str | None = None  # a sentence for the user (nothing to go back to …)

    @property
    def empty(self) -> bool:
        return all(v is None for v in (self.countries, self.alliances, self.excerpts, self.crumbs, self.focus, self.message))
