"""Mention detection: which countries and alliances an English news text names, and where.

One Aho-Corasick automaton (pyahocorasick) holds every surface form: pycountry's names via
``store.countries``, the demonyms, capitals and extra names of ``data/country-names.tsv``, and
the aliases of the alliance entities passed in. A scan yields every candidate in one pass;
candidates that do not sit on word boundaries are dropped, overlaps are resolved longest-first,
and a few cheap context rules remove look-alikes (people, US states, ships, currencies …).
This module is the matcher; the surface forms and their flags are built in
``store.pipeline.gazetteer_surfaces``, the context rules live in ``store.pipeline.gazetteer_context``.

Policy decisions (tests/data/gazetteer/ is labelled the same way):
- Matching is case-sensitive: "Chad", "Turkey", "Quad" are names, "chad", "turkey", "quad" are not.
- A capital names its country when it stands for the government ("Seoul said", "pressure from
  Washington", "the White House said"), not as a venue or inside a name: "in Tokyo", "a visit to
  Canberra", "at the White House", "WASHINGTON —", "the Madrid Summit", "the Washington Declaration",
  "Manila time" (the development set's labelling rules). Brussels is left out: it stands for the EU or NATO.
- Seas, straits, continents and regions named after a country are not mentions of it
  (South China Sea, Taiwan Strait, Korean Peninsula, Latin America); neither are currencies
  ("US$", "Australian dollar"), newspapers, ships, ship classes or languages ("in French.").
- Mentions of different kinds may nest: "the US-Japan alliance" yields the alliance and, inside
  it, the US and Japan; within a kind the longest match wins and spans never overlap.
- Bare "Korea"/"Korean" is South Korea unless the same text names North Korea; then it is
  ambiguous and dropped.
"""

from __future__ import annotations

from functools import cached_property

from collections.abc import Iterable

import ahocorasick

from store.models import Entity, EntityKind, Mention
from store.pipeline.gazetteer_context import context_of, plausible
from store.pipeline.gazetteer_surfaces import (
    ALLIANCE,
    BLOCK,
    CAPITAL,
    COUNTRY,
    DESCRIPTIVE,
    NORMALIZE,
    PREFIX,
    Surface,
    country_table,
    entity_names,
    flags_of,
    orders,
    strip_article,
    variants,
)


class Gazetteer:
    """Finds mentions of countries and of the given alliances in a text."""

    def __init__(self, alliances: Iterable[Entity] = ()) -> None:
        table: dict[str, Surface] = {}

        ended: set[str] = set()  # alliances that have ended: a name they share with a live one names the live one

        def add(name: str, entity_id: str | None, layer: int, extra: int = 0) -> None:
            flags = flags_of(strip_article(name.translate(NORMALIZE).strip()), layer) | extra
            for surface in variants(name, layer, bool(flags & DESCRIPTIVE)):
                old = table.get(surface)
                if old is not None and old.entity_id == entity_id and extra and not old.flags & CAPITAL:
                    continue  # a city-state's capital is its name: "Singapore" stays the country everywhere
                if old is None or (old.layer == layer and old.entity_id == entity_id):
                    table[surface] = Surface(len(surface), entity_id, layer, flags)
                elif old.layer == layer and layer == ALLIANCE and (old.entity_id in ended) != (entity_id in ended):
                    # "the Quad" of today, not the Quad of 2007-08: a shared name is the live alliance's.
                    if old.entity_id in ended:
                        table[surface] = Surface(len(surface), entity_id, layer, flags)
                elif old.layer == layer:
                    # Two entities of a kind under one name: ambiguous, so it names neither.
                    table[surface] = Surface(len(surface), None, layer, 0)
                elif layer < old.layer:
                    # Across kinds the deliberate blockers win, then countries, then aliases.
                    table[surface] = Surface(len(surface), entity_id, layer, flags)

        removed: set[str] = set()
        for entity_id, names, capitals, gone in country_table():
            layer = COUNTRY if entity_id else BLOCK
            for name in names:
                add(name, entity_id or None, layer)
            for name in capitals:
                add(name, entity_id or None, layer, CAPITAL if entity_id else 0)
            removed.update(gone)
        alliances = list(alliances)
        ended.update(e.id for e in alliances if e.ended is not None)
        for entity in alliances:
            layer = COUNTRY if entity.kind == EntityKind.COUNTRY else ALLIANCE
            for name in entity_names(entity):
                for order in orders(name, table) if layer == ALLIANCE else (name,):
                    add(order, entity.id, layer)
        for name in removed:
            for surface in variants(name, COUNTRY):
                table.pop(surface, None)

        self._automaton = ahocorasick.Automaton()
        for surface, info in table.items():
            self._automaton.add_word(surface, info)
        self._automaton.make_automaton()
        self.surfaces: frozenset[str] = frozenset(table)
        # The names of each alliance, for the stages that read more than names
        # (store.pipeline.extract.mentions derives the nouns a grouping is called by from them).
        self.alliance_names: dict[str, tuple[str, ...]] = {
            e.id: entity_names(e) for e in alliances if e.kind != EntityKind.COUNTRY}
        # The countries an alliance's own name names ("United States–Japan–South Korea
        # trilateral partnership"): a bare description of it needs them all in the text, and
        # a compound of exactly those countries ("Japan-U.S.-ROK") names it.
        self._members: dict[str, frozenset[str]] = {}
        for entity in alliances:
            self._members[entity.id] = self._countries_in(entity.name)
            if len(self._members[entity.id]) < 2:
                # "AUKUS" names no country; an alias may ("US-ROK alliance" for a short name).
                named = {self._countries_in(alias) for alias in entity.aliases}
                named = {m for m in named if len(m) >= 2}
                if len(named) == 1:
                    self._members[entity.id] = named.pop()
        self.members: dict[str, frozenset[str]] = self._members

    @cached_property
    def alliance_by_name(self) -> dict[str, str]:
        """Folded name, alias or short name → alliance id (the grouping stage's "Indo-Pacific Four")."""
        from store.words.resolve import fold

        return {fold(n): eid for eid, names in self.alliance_names.items() for n in names}

    def _countries_in(self, name: str) -> frozenset[str]:
        return frozenset(m.entity_id for m in self.find(name) if m.entity_id.startswith("country:"))

    def find(self, text: str, earlier: frozenset[str] = frozenset()) -> list[Mention]:
        """Every mention in ``text``, sorted by start (an enclosing span before a nested one). ``earlier``: the countries
        the article named before ``text``, whose pair a generic name may be ("the EDCA with the United States" in an
        article that named the Philippines)."""
        norm = text.translate(NORMALIZE)
        n = len(norm)
        by_layer: dict[int, list[tuple[int, int, Surface]]] = {COUNTRY: [], ALLIANCE: []}
        blocks: list[tuple[int, int, Surface]] = []
        for last, info in self._automaton.iter(norm):
            start, end = last - info.length + 1, last + 1
            # Word boundaries: "Niger" in "Nigeria", "Oman" in "Romania" are not names.
            if start > 0 and norm[start - 1].isalnum():
                continue
            if info.flags & PREFIX:
                end -= 1  # "Sino-US": the span is "Sino"
            elif end < n and norm[end].isalnum():
                continue
            (blocks if info.layer == BLOCK else by_layer[info.layer]).append((start, end, info))

        kept: list[tuple[int, int, Surface]] = []
        for cands in by_layer.values():
            # Longest first; blockers compete too and, when they win, hide what is inside them.
            taken = bytearray(n)
            for start, end, info in sorted(cands + blocks, key=lambda c: (c[0] - c[1], c[0])):
                if any(taken[start:end]):
                    continue
                taken[start:end] = b"\1" * (end - start)
                if info.entity_id is not None:
                    kept.append((start, end, info))

        ctx = context_of(norm, kept, earlier)
        mentions = [
            Mention(entity_id=info.entity_id, start=start, end=end)
            for start, end, info in kept
            if info.entity_id is not None and plausible(ctx, start, end, info, self._members)
        ]
        mentions.sort(key=lambda m: (m.start, -m.end, m.entity_id))
        return mentions
