"""What every export starts from: the facts that pass the filters (:class:`Selection`) and the
entities the filters name (:func:`resolve_entity`). Names and dates as text are store/words'."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from store.errors import StoreError
from store.models import Entity, EntityKind, Fact, FactStatus, Source
from store.words.names import name_or_id
from store.words.resolve import resolve

if TYPE_CHECKING:
    from store.repository import FactStore


def resolve_entity(store: FactStore, text: str, kind: EntityKind) -> Entity:
    """The one entity of ``kind`` that ``text`` names (store/words/resolve.py); StoreError when none or several."""
    return resolve(store.entities.values(), text, kind)


def parse_status(text: str) -> FactStatus:
    try:
        return FactStatus(text.strip().casefold())
    except ValueError:
        choices = ", ".join(s.value for s in FactStatus)
        raise StoreError(f"unknown status {text!r}; use one of {choices}") from None


class Selection:
    """The facts that pass the filters, and what the exports need to know about them."""

    def __init__(
        self,
        store: FactStore,
        *,
        country: str | None = None,
        alliance: str | None = None,
        status: str | None = None,
    ) -> None:
        self.store = store
        self.country = resolve_entity(store, country, EntityKind.COUNTRY) if country is not None else None
        self.alliance = resolve_entity(store, alliance, EntityKind.ALLIANCE) if alliance is not None else None
        self.status = parse_status(status) if status is not None else None
        facts: Iterable[Fact]
        if self.country is not None:
            facts = store.facts_of(self.country.id)
        elif self.alliance is not None:
            facts = store.facts_of(self.alliance.id)
        else:
            facts = store.facts.values()
        keep = [
            f
            for f in facts
            if (self.country is None or self.country.id in f.entities)
            and (self.alliance is None or self.alliance.id in f.entities)
            and (self.status is None or f.status is self.status)
        ]
        self.facts: list[Fact] = sorted(keep, key=self._order)

    @property
    def filtered(self) -> bool:
        return self.country is not None or self.alliance is not None or self.status is not None

    def name(self, entity_id: str) -> str:
        """The name the screen shows (store/words/names.py): an export and the explorer agree."""
        return name_or_id(self.store.entities, entity_id)

    def _order(self, fact: Fact) -> tuple[str, str, str, str, str]:
        start = fact.start.value if fact.start else "9999"
        return (self.name(fact.subject).casefold(), start, fact.relation.value, self.name(fact.object).casefold(), fact.id)

    def entity_ids(self) -> list[str]:
        """The entities the facts involve: countries, then alliances, each by name."""
        ids = {e for f in self.facts for e in f.entities}

        def key(entity_id: str) -> tuple[int, str]:
            e = self.store.entities.get(entity_id)
            return (0 if e is None or e.kind is EntityKind.COUNTRY else 1, self.name(entity_id).casefold())

        return sorted(ids, key=key)

    def sources_of(self, fact: Fact) -> list[Source]:
        """The sources of the fact's evidence, then its references, each once."""
        seen: dict[str, Source] = {}
        for ev in self.store.evidence(fact.id):
            seen.setdefault(ev.source.id, ev.source)
        for src in self.store.references(fact.id):
            seen.setdefault(src.id, src)
        return list(seen.values())

    def filters(self) -> dict[str, str]:
        out = {}
        if self.country is not None:
            out["country"] = self.country.id
        if self.alliance is not None:
            out["alliance"] = self.alliance.id
        if self.status is not None:
            out["status"] = self.status.value
        return out
