"""Which entity a piece of text means: a name, a short name, an alias or a code, case and punctuation aside.

One resolver for every way a person or an article names an entity: the export filters
(``--country KOR``), the explorer's start place and its list filters, and the article
pipeline's "is this grouping one the store knows?". Two names are the same name when
their :func:`fold` is: "The U.S." and "US", "US–Japan" and "US-Japan", "ROK" and "rok".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from store.errors import StoreError

if TYPE_CHECKING:
    from store.models import Entity, EntityKind

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# Dots and apostrophes join what they sit in ("U.S." is "US", "Côte d'Ivoire" one word);
# every other mark (dashes, hyphens, slashes, commas, brackets) parts words like a space.
_JOINING = re.compile(r"[.'’]")
_PARTING = re.compile(r"[^\w\s]|_")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``text`` as names are compared: case-folded, a leading 'the' dropped, punctuation aside, spaces single."""
    text = _LEADING_THE.sub("", text.strip())
    text = _PARTING.sub(" ", _JOINING.sub("", text))
    return " ".join(text.casefold().split())


def names_of(entity: Entity) -> tuple[str, ...]:
    """Every name ``entity`` answers to: its name, short name, aliases and codes (ISO, COW …), each once."""
    return tuple(dict.fromkeys(n for n in (entity.name, entity.short_name, *entity.aliases, *entity.codes.values()) if n))


def folded_names(entity: Entity) -> tuple[str, ...]:
    """:func:`names_of`, folded: what a name is compared with, and what a filter's text is looked for in."""
    # Not deduplicated: a filter asks this of every entity at each key typed, and a repeat matches alike.
    e = entity
    return tuple(fold(n) for n in (e.name, e.short_name, *e.aliases, *e.codes.values()) if n)


def named(entity: Entity, text: str) -> bool:
    """Whether ``text`` is one of the entity's names (or its id)."""
    return text.strip().casefold() == entity.id.casefold() or fold(text) in folded_names(entity)


def find(entities: Iterable[Entity], text: str, kind: EntityKind | None = None) -> list[Entity]:
    """Entities ``text`` names, best first: a whole name, then the start of the name, part of the name,
    part of another name. Rejected entities (kept only so a re-import does not propose them again) never."""
    needle = fold(text)
    if not needle:
        return []
    hits: list[tuple[int, str, Entity]] = []
    for e in entities:
        if e.rejected or (kind is not None and e.kind is not kind):
            continue
        name, *others = folded_names(e)
        if needle == name or needle in others:
            # "Republic of Korea" is South Korea's alias before it is part of a treaty's long name.
            hits.append((-1, name, e))
        elif needle in name:
            hits.append((0 if name.startswith(needle) else 1, name, e))
        elif any(needle in fold(n) for n in (e.short_name, *e.aliases) if n):
            hits.append((2, name, e))  # part of a code is no hit: "US" is in AUS and RUS
    return [e for _, _, e in sorted(hits, key=lambda h: (h[0], h[1]))]


def resolve(entities: Iterable[Entity], text: str, kind: EntityKind) -> Entity:
    """The one entity of ``kind`` that ``text`` names: its id, a whole name or code, else part of one name.

    Raises StoreError, saying what to give instead, when none or several match.
    """
    needle = text.strip()
    if not needle:
        raise StoreError(f"an empty {kind.value} name matches nothing")
    of_kind = [e for e in entities if e.kind is kind]
    by_id = [e for e in of_kind if e.id.casefold() == needle.casefold()]
    found = by_id or [e for e in of_kind if named(e, needle)] or find(of_kind, needle)
    unique = list({e.id: e for e in found}.values())
    if len(unique) == 1:
        return unique[0]
    if not unique:
        example = "a name, an alias or an ISO code such as KOR" if kind.value == "country" else "a name or an alias such as NATO"
        raise StoreError(f"no {kind.value} in this store matches {needle!r}; give {example}")
    names = ", ".join(sorted(e.name for e in unique)[:6]) + (", …" if len(unique) > 6 else "")
    plural = "countries" if kind.value == "country" else "alliances"
    raise StoreError(f"{needle!r} matches several {plural} ({names}); give more of the name")
