"""The records of one import, gathered before anything is written (:class:`ImportPlan`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.models import Entity, Record
from store.pipeline.extract.people import People
from store.words.names import display_name

if TYPE_CHECKING:
    from store.pipeline.import_report import ImportReport
    from store.repository import FactStore


class ImportPlan:
    """The records of one import, built completely before anything is written."""

    def __init__(self, store: FactStore, name: str) -> None:
        self.store = store
        self.name = name
        self.report: ImportReport | None = None
        self._records: dict[tuple[str, str], Record] = {}
        self.new_entities: dict[str, Entity] = {}
        self.named: set[str] = set()
        # (excerpt id, alliance id): a stored grouping the grouping stage found named another way
        # ("NATO's Indo-Pacific Partners (IPP) Australia, …"); the claims stage reads the passage without it too.
        self.renamed: set[tuple[str, str]] = set()
        # Who the article's people stand for ("Teodoro" → the Philippines), learnt before the grouping stage.
        self.people = People()
        # The country whose government published the article (its releases' "we"), if one did.
        self.publisher: str | None = None

    def put(self, table: str, record: Record) -> None:
        self._records[(table, record.id)] = record  # type: ignore[attr-defined]

    def records(self) -> list[tuple[str, Record]]:
        order = {"entities": 0, "sources": 1, "excerpts": 2, "facts": 3}
        items = sorted(self._records.items(), key=lambda kv: order.get(kv[0][0], 9))
        return [(table, record) for (table, _), record in items]

    def need_entity(self, entity_id: str) -> bool:
        """Make sure an entity exists (adding a country the store lacks); False if it cannot."""
        if entity_id in self.store.entities or entity_id in self.new_entities:
            return True
        if not entity_id.startswith("country:"):
            return False
        from store.countries import country_entity

        try:
            entity = country_entity(entity_id.split(":", 1)[1])
        except KeyError:
            return False
        self.new_entities[entity_id] = entity
        self.put("entities", entity)
        assert self.report is not None
        self.report.new_entities.append(entity)
        return True

    def entity_name(self, entity_id: str) -> str:
        entity = self.store.entities.get(entity_id) or self.new_entities.get(entity_id)
        return display_name(entity) if entity else entity_id
