"""Countries and alliances, and what a treaty binds its parties to.

An alliance carries its dates by kind, its directed obligations (ATOP's codes) and the data set
it comes from; an entity an import proposed waits for review (``EntityProposal``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_serializer, model_validator

from store.models.base import _ENTITY_ID_RE_TEXT, Date, DateKind, DatesByKind, EntityId, FuzzyDate, Record, _drop_empty
from store.words.names import display_name


# --- obligations and data sets ---------------------------------------------------

class ObligationType(StrEnum):
    """The obligations the ATOP project codes (Leeds et al., ATOP codebook)."""

    DEFENSE = "defense"
    OFFENSE = "offense"
    NEUTRALITY = "neutrality"
    NONAGGRESSION = "nonaggression"
    CONSULTATION = "consultation"

    @property
    def duty(self) -> str:
        """Reads 'A must … B'."""
        return _DUTY[self]


_DUTY = {
    ObligationType.DEFENSE: "defend",
    ObligationType.OFFENSE: "join offensive action with",
    ObligationType.NEUTRALITY: "stay neutral in a war of",
    ObligationType.NONAGGRESSION: "not attack",
    ObligationType.CONSULTATION: "consult",
}

EVERY_PARTY = "*"
PartyRef = Annotated[str, Field(pattern=rf"^(\*|{_ENTITY_ID_RE_TEXT})$")]


class Obligation(Record):
    """A directed obligation of an alliance: ``subject`` owes ``object`` this.

    ``*`` stands for every party, so NATO's Article 5 is one obligation
    ``* → *``; the US–Japan treaty's Article V is ``country:USA → country:JPN``
    (and Japan's narrower duty, with its location condition, a second one):
    "must the US defend Japan?" and "must Japan defend the US?" get their own answers.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    subject: PartyRef
    object: PartyRef
    type: ObligationType
    article: str = ""
    where: str = ""  # ATOP's location condition: where the obligation applies

    def binds(self, owes: str, to: str) -> bool:
        """Does this obligation make ``owes`` owe ``to`` (two parties of the alliance)?"""
        return owes != to and self.subject in (EVERY_PARTY, owes) and self.object in (EVERY_PARTY, to)


class DatasetRef(Record):
    """A record of a published data set: where a fact or an entity comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str = Field(min_length=1)  # "ATOP"
    version: str = Field(min_length=1)  # "5.1"
    record: str = ""  # "atopid 1234"

    def __str__(self) -> str:
        base = f"{self.name} {self.version}"
        return f"{base} ({self.record})" if self.record else base


# --- entities ----------------------------------------------------------------

class EntityKind(StrEnum):
    COUNTRY = "country"
    ALLIANCE = "alliance"


class EntityProposal(Record):
    """Why an entity is not (yet) an ordinary one: an import proposed it, for review.

    ``proposed`` waits for review; ``rejected`` is kept (hidden everywhere) so a later import
    naming the same grouping does not propose it again, as a rejected evidence link is kept.
    Accepting the entity drops its proposal: it becomes an ordinary entity.
    """

    status: Literal["proposed", "rejected"] = "proposed"
    # "import": an article named it (source_id is the article); "dataset": a data-set import
    # (the entity's ``dataset`` names it) found it may be an alliance the store holds (``match``).
    origin: Literal["import", "dataset"] = "import"
    source_id: str = ""  # the article that named it (required for an article's proposal)
    excerpt_ids: list[str] = Field(default_factory=list)  # the passages that name it
    members: list[str] = Field(default_factory=list)  # country ids the passage gives, sorted
    noun: str = ""  # what the article calls it: "trilateral", "agreement", "acronym" …
    # The store alliance a data-set record seems to be: accepting merges into it, rejecting keeps both.
    match: EntityId | None = None

    @model_validator(mode="after")
    def _article_named(self) -> EntityProposal:
        if self.origin == "import" and not self.source_id:
            raise ValueError("an article's proposal names its article (source_id)")
        return self

    @model_serializer(mode="wrap")
    def _without_empty_fields(self, handler: Any) -> Any:
        # Proposals written before ``match`` existed stay byte for byte what they were.
        return _drop_empty(handler(self), ("match",))


_ENTITY_OPTIONAL = (
    "proposal", "short_name", "dates", "obligations", "binding", "end_reason", "references", "dataset", "qualifiers",
)


class Entity(Record):
    id: EntityId
    kind: EntityKind
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    codes: dict[str, str] = Field(default_factory=dict)
    alliance_kind: str | None = None
    founded: Date | None = None
    # Optional with a default, left out of files when empty: stores written before it read unchanged.
    proposal: EntityProposal | None = None
    # Schema 3, all optional and left out when empty.
    short_name: str | None = None  # what lists show: "NATO", "US-Japan Security Treaty"
    # A treaty's signed / in_force / established / ended; a historical state's established / ended.
    dates: DatesByKind = Field(default_factory=dict)
    obligations: list[Obligation] = Field(default_factory=list)
    binding: bool | None = None  # a legally binding written agreement (ATOP codes only those)
    end_reason: str | None = None
    references: list[str] = Field(default_factory=list)  # source ids: treaty texts, official pages
    dataset: DatasetRef | None = None
    # What a data set says of it beyond the fields above, as text: ATOP's extra columns ("atop.milaid": "1").
    qualifiers: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _kind_matches_id(self) -> Entity:
        if not self.id.startswith(f"{self.kind.value}:"):
            raise ValueError(f"id {self.id!r} does not match kind {self.kind.value!r}")
        return self

    @model_serializer(mode="wrap")
    def _without_empty_fields(self, handler: Any) -> Any:
        # An ordinary entity is written as before these fields existed (files, journal, exports).
        return _drop_empty(handler(self), _ENTITY_OPTIONAL)

    @property
    def label(self) -> str:
        """The name the entity is shown and sorted by, everywhere (store/words/names.py)."""
        return display_name(self)

    @property
    def ended(self) -> FuzzyDate | None:
        """When a treaty ended or a state ceased to exist; None while it lasts."""
        return self.dates.get(DateKind.ENDED)

    def obligations_between(self, owes: str, to: str) -> list[Obligation]:
        """What ``owes`` must do for ``to`` under this alliance (both taken as parties)."""
        return [o for o in self.obligations if o.binds(owes, to)]

    @property
    def proposed(self) -> bool:
        """Proposed by an import and not reviewed yet."""
        return self.proposal is not None and self.proposal.status == "proposed"

    @property
    def rejected(self) -> bool:
        """Rejected in review: kept only so it is not proposed again, shown nowhere."""
        return self.proposal is not None and self.proposal.status == "rejected"
