"""The name an entity is shown by, everywhere: lists, rows, import reports, exports, and the order of lists.

One rule, so the screen and an import report name an alliance alike and a list is sorted by
the names it shows: the short name the data gives ("NATO", "US-Japan Security Treaty"); else,
for a long name, its shortest capitalised alias ("Quad" for "Quadrilateral Security
Dialogue") that is not the name without the words that say whose it is; else the name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.models import Entity

# Longer than this, a name crowds a list's line: an alias stands in for it.
LONG_NAME = 24


def shorter_name(name: str, aliases: Sequence[str]) -> str:
    """``name``, or for a long one its shortest capitalised alias of three letters or more. Not an alias the name
    ends with: "Joint Declaration on Security Cooperation" is the title of many pairs' texts, and the name
    "Australia–Japan Joint Declaration on Security Cooperation" says whose this one is."""
    if len(name) <= LONG_NAME:
        return name
    short = [a for a in aliases if a[:1].isupper() and len(a) >= 3 and len(a) < len(name) and not name.endswith(" " + a)]
    return min(short, key=len) if short else name


def display_name(entity: Entity) -> str:
    """The name to show and to sort by (:attr:`store.models.Entity.label` is this)."""
    return entity.short_name or shorter_name(entity.name, entity.aliases)


def name_or_id(entities: Mapping[str, Entity], entity_id: str) -> str:
    """The display name of ``entity_id``, or the id itself when the store has no such entity."""
    entity = entities.get(entity_id)
    return display_name(entity) if entity is not None else entity_id
