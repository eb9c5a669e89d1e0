"""Facts: a subject, a relation from the fixed vocabulary, an object, a span, a review status.

Also where a fact comes from (``Provenance``) and whether it counts (``is_live``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, NamedTuple

from pydantic import Field, model_serializer, model_validator

from store.models.base import Date, DatesByKind, EndDate, EntityId, FuzzyDate, Record, _drop_empty, utcnow
from store.models.entities import DatasetRef


class Relation(StrEnum):
    """The fixed vocabulary of relations.

    ``label`` reads subject → object; ``inverse`` reads object → subject;
    ``event`` relations happen at a date (a summit, a deal) rather than hold
    over a span, which changes how their dates are shown.
    """

    MEMBER_OF = "member_of"
    PARTNER_OF = "partner_of"
    ATTENDED = "attended"
    OBSERVER_OF = "observer_of"
    APPLICANT_TO = "applicant_to"
    TREATY_ALLY_OF = "treaty_ally_of"
    PARTY_TO = "party_to"
    ARMS_SUPPLIER_TO = "arms_supplier_to"
    DECLINES_TO_ARM = "declines_to_arm"
    CONSULTS_WITH = "consults_with"
    COOPERATES_WITH = "cooperates_with"
    OPPOSES = "opposes"
    # Schema 3.
    SUSPENDED_FROM = "suspended_from"  # a membership suspended (start) and resumed (end)
    INVOKED_FOR = "invoked_for"  # a defence clause invoked for the object (qualifier treaty=)
    ACCREDITED_MISSION_TO = "accredited_mission_to"
    CONSIDERING_COOPERATION_WITH = "considering_cooperation_with"
    OPPOSES_PROPOSAL_OF = "opposes_proposal_of"  # the proposal is the qualifier proposal=

    @property
    def label(self) -> str:
        return _RELATION_INFO[self][0]

    @property
    def inverse(self) -> str:
        return _RELATION_INFO[self][1]

    @property
    def event(self) -> bool:
        return _RELATION_INFO[self][2]

    @property
    def short(self) -> str:
        """A word for lists: 'member', 'partner', 'summits' …"""
        return _RELATION_INFO[self][3]


_RELATION_INFO: dict[Relation, tuple[str, str, bool, str]] = {
    Relation.MEMBER_OF: ("member of", "has member", False, "member"),
    Relation.PARTNER_OF: ("partner of", "has partner", False, "partner"),
    Relation.ATTENDED: ("attended a summit of", "summit attended by", True, "summits"),
    Relation.OBSERVER_OF: ("observer of", "has observer", False, "observer"),
    Relation.APPLICANT_TO: ("applicant to", "has applicant", False, "applicant"),
    Relation.TREATY_ALLY_OF: ("treaty ally of", "treaty ally of", False, "treaty ally"),
    Relation.PARTY_TO: ("party to", "has party", False, "party"),
    Relation.ARMS_SUPPLIER_TO: ("supplies arms to", "buys arms from", True, "arms"),
    Relation.DECLINES_TO_ARM: ("declines to directly arm", "not directly armed by", False, "no arms"),
    Relation.CONSULTS_WITH: ("consults with", "consults with", False, "consults"),
    Relation.COOPERATES_WITH: ("cooperates with", "cooperates with", False, "cooperates"),
    Relation.OPPOSES: ("opposes", "opposed by", True, "opposes"),
    Relation.SUSPENDED_FROM: ("suspended from", "has suspended", False, "suspended"),
    Relation.INVOKED_FOR: ("invoked a defence clause for", "had a defence clause invoked by", True, "invoked"),
    Relation.ACCREDITED_MISSION_TO: ("has a mission accredited to", "hosts a mission of", False, "mission"),
    Relation.CONSIDERING_COOPERATION_WITH: ("considering cooperation with", "considered for cooperation by", True, "considering"),
    Relation.OPPOSES_PROPOSAL_OF: ("opposed a proposal of", "had a proposal opposed by", True, "opposes proposal"),
}


class FactStatus(StrEnum):
    UNREVIEWED = "unreviewed"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    RETRACTED = "retracted"

    @property
    def symbol(self) -> str:
        # A symbol as well as a colour, so status reads without colour.
        return {"unreviewed": "○", "confirmed": "●", "disputed": "✗", "retracted": "⊘"}[self.value]


class Origin(StrEnum):
    STARTER = "starter"
    IMPORT = "import"
    USER = "user"
    DATASET = "dataset"  # imported from a published data set (Fact.dataset names it)


_FACT_OPTIONAL = ("dates", "dataset")


class Fact(Record):
    id: str = Field(min_length=1)
    subject: EntityId
    relation: Relation
    object: EntityId
    start: Date | None = None
    end: EndDate = "open"
    qualifiers: dict[str, str] = Field(default_factory=dict)
    status: FactStatus = FactStatus.UNREVIEWED
    evidence: list[str] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)
    origin: Origin = Origin.USER
    created: str = Field(default_factory=utcnow)
    updated: str = Field(default_factory=utcnow)
    rev: int = Field(default=1, ge=1)
    # Schema 3, left out of files when empty.
    dates: DatesByKind = Field(default_factory=dict)  # signed / in_force / joined / left … beside the span start–end
    dataset: DatasetRef | None = None

    @model_serializer(mode="wrap")
    def _without_empty_fields(self, handler: Any) -> Any:
        return _drop_empty(handler(self), _FACT_OPTIONAL)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Fact:
        if self.subject == self.object:
            raise ValueError("subject and object are the same entity")
        if (self.origin is Origin.DATASET) != (self.dataset is not None):
            raise ValueError("a fact from a data set names it (dataset), and only such a fact does")
        if isinstance(self.end, FuzzyDate) and self.start is not None:
            # Compare at the coarser precision: 2022 may end in 2022-06.
            n = min(len(self.start.value), len(self.end.value))
            if self.end.value[:n] < self.start.value[:n]:
                raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    @property
    def entities(self) -> tuple[str, str]:
        return (self.subject, self.object)

    def other(self, entity_id: str) -> str:
        return self.object if entity_id == self.subject else self.subject

    def sort_key(self) -> tuple[str, str]:
        return (self.start.value if self.start else "9999", self.id)

    @property
    def provenance(self) -> Provenance:
        """Where the fact comes from: a data set, the sources it cites or quotes, or the user."""
        if self.dataset is not None:
            return Provenance("dataset", dataset=self.dataset)
        if self.references or self.evidence:
            return Provenance("source", references=tuple(self.references), excerpts=tuple(self.evidence))
        return Provenance("user")


_RETRACTED = FactStatus.RETRACTED.value


def is_live(fact: Fact | FactStatus | str) -> bool:
    """Whether a fact counts: every status but retracted (a retracted fact is kept, struck through, for its history).

    Takes the fact, its status, or the status as stored text (a record not yet read into a model).
    """
    # str first: FactStatus is one, and isinstance against a pydantic model is several times slower.
    status = fact if isinstance(fact, str) else fact.status
    return status != _RETRACTED


class Provenance(NamedTuple):
    """Where a fact comes from. ``source``: its references (sources without a quote) and
    evidence (excerpts, whose sources the store knows); ``user``: made by hand with neither."""

    kind: Literal["dataset", "source", "user"]
    dataset: DatasetRef | None = None
    references: tuple[str, ...] = ()
    excerpts: tuple[str, ...] = ()
