"""Bring the starter world to a store made before it (``alliances-tui update-world``).

A new store gets the researched world when it is created; an existing one
keeps what it has. This adds what the world has and the store lacks, by id:
its alliances (and the countries they need), its sources, and its facts.
Nothing the store holds is changed: a record whose id the store already has
is left as it is (the user may have edited it, noted it, judged it) and
reported. Everything added is one undoable change; running it again adds
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from store.models import Entity, EntityKind, Fact, Record, Source
from store.repository import FactStore

LABEL = "update from the starter world"


@dataclass
class WorldUpdate:
    """What an update adds and what it leaves alone (ids the store already has)."""

    alliances: list[Entity] = field(default_factory=list)
    countries: list[Entity] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    kept_alliances: list[str] = field(default_factory=list)
    kept_facts: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.alliances or self.countries or self.sources or self.facts)

    def records(self) -> list[tuple[str, Record]]:
        # Entities and sources first: the facts name them.
        return [*(("entities", e) for e in (*self.countries, *self.alliances)),
                *(("sources", s) for s in self.sources), *(("facts", f) for f in self.facts)]

    def summary(self) -> str:
        added = (f"added {len(self.alliances)} alliances, {len(self.countries)} countries, "
                 f"{len(self.sources)} sources, {len(self.facts)} facts")
        if self.empty:
            added = "nothing to add: the store has the whole starter world"
        kept = []
        if self.kept_alliances:
            kept.append(f"{len(self.kept_alliances)} alliances")
        if self.kept_facts:
            kept.append(f"{len(self.kept_facts)} facts")
        return added + (f"; left as they are (the store has them): {', '.join(kept)}" if kept else "")


def plan_world_update(store: FactStore, data: Path | None = None) -> WorldUpdate:
    """What the starter world would add to ``store`` (nothing is written)."""
    from store.datasets.starter import build_records

    records = build_records(data)
    update = WorldUpdate()
    for entity in records["entities"]:
        if entity.id in store.entities:
            if entity.kind is EntityKind.ALLIANCE:
                update.kept_alliances.append(entity.id)
        elif entity.kind is EntityKind.ALLIANCE:
            update.alliances.append(entity)
        else:
            update.countries.append(entity)
    cited: set[str] = set()
    for fact in records["facts"]:
        if not fact.references:
            continue  # the bundled article's own claims: the store has the article and what was read from it
        if fact.id in store.facts:
            update.kept_facts.append(fact.id)
            continue
        # The article's passages a world fact quotes, where the store still has them.
        evidence = [x for x in fact.evidence if x in store.excerpts]
        update.facts.append(fact.model_copy(update={"evidence": evidence}))
        cited.update(fact.references)
    cited.update(r for e in update.alliances for r in e.references)
    update.sources = [s for s in records["sources"] if s.id in cited and s.id not in store.sources]
    # Countries only the added facts or obligations name.
    needed = {i for f in update.facts for i in f.entities}
    needed |= {o for e in update.alliances for ob in e.obligations for o in (ob.subject, ob.object)}
    update.countries = [c for c in update.countries if c.id in needed]
    return update


def update_world(store: FactStore, data: Path | None = None) -> WorldUpdate:
    """Add the starter world's missing records to ``store`` as one undoable change; returns what it did."""
    update = plan_world_update(store, data)
    if not update.empty:
        store.add_records(LABEL, update.records())
    return update
