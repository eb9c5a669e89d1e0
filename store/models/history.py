"""The append-only history (``Change``), the tables it names, and the schema version.

``MODELS`` maps each table to the model of its records.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, model_validator

from store.models.base import Record, utcnow
from store.models.entities import Entity
from store.models.facts import Fact
from store.models.notes import Annotation
from store.models.sources import EvidenceLink, Excerpt, Source

# 2: evidence links, a table of their own (EvidenceLink); see store/migrations.py.
# 3: facts as researchers code them: dates by kind, directed obligations, data-set provenance.
# 4: large journal lines packed (store/packing.py); the records are those of schema 3.
SCHEMA_VERSION = 4


class Op(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


TableName = Literal["entities", "facts", "sources", "excerpts", "annotations", "evidence_links"]


class Change(Record):
    """One entry of the append-only history.

    ``before`` and ``after`` are whole records (None for an insert or a
    delete), which is all undo and redo need. Changes made together (an
    import, an undo of several) share a ``group``.
    """

    seq: int = Field(ge=1)
    at: str = Field(default_factory=utcnow)
    op: Op
    table: TableName
    id: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    group: int = Field(ge=1)
    label: str = ""
    undoes: int | None = None
    redoes: int | None = None

    @model_validator(mode="after")
    def _shape(self) -> Change:
        expected = {Op.INSERT: (False, True), Op.UPDATE: (True, True), Op.DELETE: (True, False)}[self.op]
        if ((self.before is not None), (self.after is not None)) != expected:
            article = "an" if self.op is Op.INSERT else "a"
            raise ValueError(f"{article} {self.op.value} needs before={expected[0]} and after={expected[1]}")
        return self


MODELS: dict[str, type[Record]] = {
    "entities": Entity,
    "facts": Fact,
    "sources": Source,
    "excerpts": Excerpt,
    "annotations": Annotation,
    "evidence_links": EvidenceLink,
}
