"""The records of a fact store, as pydantic v2 models.

Shaped after Wikidata statements (a fact carries qualifiers, evidence and a
rank-like status), W3C Web Annotation selectors (an excerpt is anchored by
offsets *and* by an exact/prefix/suffix quote, so it can be found again when a
text changes) and the ATOP / Correlates of War alliance datasets (dated
memberships with an open or unknown end).

Every model forbids unknown fields, so a typo in a store file is reported with
the field's name instead of being dropped silently.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, ValidationError, field_validator, model_serializer, model_validator

from store.words.names import display_name

# 2: evidence links, a table of their own (EvidenceLink); see store/migrations.py.
# 3: facts as researchers code them: dates by kind, directed obligations, data-set provenance.
SCHEMA_VERSION = 3


def utcnow() -> str:
    """An ISO-8601 UTC timestamp to the millisecond: sortable as text."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Record(BaseModel):
    # defer_build: a model's validator is built when it is first used, not at
    # import; a launch uses a few of them (sealed records are read lazily).
    model_config = ConfigDict(extra="forbid", validate_assignment=False, frozen=False, defer_build=True)


# --- dates -------------------------------------------------------------------

class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class FuzzyDate(Record):
    """A calendar date known to a year, a month or a day.

    Stored as its ISO text (``2022``, ``2022-06``, ``2022-06-28``) so it sorts
    and reads naturally in the JSON files; the precision follows from the text.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    value: str

    def __init__(self, value: str | None = None, /, **data: Any) -> None:
        # FuzzyDate("2022-06") reads better than FuzzyDate(value="2022-06").
        if value is not None:
            data["value"] = value
        super().__init__(**data)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"value": data}
        if isinstance(data, dict) and "precision" in data:
            # Exports carry the precision for readers; it is derived, not stored.
            data = {k: v for k, v in data.items() if k != "precision"}
        return data

    @field_validator("value")
    @classmethod
    def _valid(cls, value: str) -> str:
        m = _DATE_RE.match(value)
        if not m:
            raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = m.groups()
        if month is not None and not 1 <= int(month) <= 12:
            raise ValueError(f"{value!r} has no month {month}")
        if day is not None:
            # datetime knows month lengths and leap years.
            try:
                datetime(int(year), int(month), int(day))
            except ValueError as exc:
                raise ValueError(f"{value!r} is not a real day ({exc})") from None
        return value

    @model_serializer(mode="plain")
    def _as_text(self) -> str:
        # The text is the whole date (precision follows from it): files and
        # exports read "start": "2022-06", as promised above.
        return self.value

    @property
    def precision(self) -> Precision:
        return (Precision.YEAR, Precision.MONTH, Precision.DAY)[self.value.count("-")]

    @property
    def year(self) -> int:
        return int(self.value[:4])

    def sort_key(self) -> str:
        return self.value

    def __str__(self) -> str:
        return self.value


EndMarker = Literal["open", "unknown"]


@lru_cache(maxsize=65536)
def _shared_date(text: str) -> FuzzyDate:
    return FuzzyDate(text)


def _date_from_text(value: Any) -> Any:
    """Dates in records are validated once per distinct text and shared.

    A store of 100,000 facts holds about 200,000 dates but only a few thousand
    distinct ones: building a model for each cost a second at load and tens of
    megabytes; a cached, frozen instance costs a dictionary lookup. (A plain
    validator, so pydantic does not validate the shared instance again.)
    """
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, str):
        if value in ("open", "unknown"):
            return value
        try:
            return _shared_date(value)
        except ValidationError as exc:
            raise ValueError(exc.errors()[0]["msg"].removeprefix("Value error, ")) from None
    if isinstance(value, dict):
        return FuzzyDate.model_validate(value)  # the older {"value": …} form
    raise ValueError(f"{value!r} is not a date")


_DATE_SCHEMA = PlainSerializer(lambda d: d if isinstance(d, str) else d.value, return_type=str)
Date = Annotated[FuzzyDate, PlainValidator(_date_from_text), _DATE_SCHEMA]


_ENTITY_ID_RE_TEXT = r"country:[A-Z]{3}|alliance:[a-z0-9][a-z0-9-]*"
_ENTITY_ID_RE = re.compile(rf"^({_ENTITY_ID_RE_TEXT})$")
EntityId = Annotated[str, Field(pattern=_ENTITY_ID_RE.pattern)]


# --- dates by kind, obligations, data sets ---------------------------------------

class DateKind(StrEnum):
    """What a date of a treaty, a membership or a state marks.

    A treaty's signature and its entry into force are different days (NATO:
    1949-04-04 and 1949-08-24), and researchers code them apart; so does a
    member's application, accession protocol, joining and leaving.
    """

    SIGNED = "signed"
    IN_FORCE = "in_force"
    ESTABLISHED = "established"  # an organisation or grouping with no signed instrument
    APPLIED = "applied"
    INVITED = "invited"
    PROTOCOL_SIGNED = "protocol_signed"  # an accession protocol
    JOINED = "joined"
    SUSPENDED = "suspended"
    RESUMED = "resumed"
    LEFT = "left"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return _DATE_KIND_LABEL.get(self, self.value)


_DATE_KIND_LABEL = {DateKind.IN_FORCE: "in force", DateKind.PROTOCOL_SIGNED: "accession protocol signed"}
DATE_KIND_ORDER: dict[DateKind, int] = {kind: i for i, kind in enumerate(DateKind)}


def _dates_in_kind_order(dates: dict[DateKind, FuzzyDate]) -> dict[DateKind, FuzzyDate]:
    return dict(sorted(dates.items(), key=lambda kv: DATE_KIND_ORDER[DateKind(kv[0])]))


# Kept in kind order (signed before in force before ended), however they were given.
DatesByKind = Annotated[dict[DateKind, Date], AfterValidator(_dates_in_kind_order)]


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


def _drop_empty(data: Any, names: tuple[str, ...]) -> Any:
    """Optional fields added after schema 2 are left out of files when empty: old records read unchanged, files stay small."""
    if isinstance(data, dict):
        for name in names:
            if name in data and data[name] in (None, {}, []):
                del data[name]
    return data


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


# --- relations ---------------------------------------------------------------

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
    end: Annotated[FuzzyDate | EndMarker, PlainValidator(_date_from_text), _DATE_SCHEMA] = "open"
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


# --- sources and excerpts ----------------------------------------------------

class Source(Record):
    id: str = Field(min_length=1)
    title: str
    publisher: str = ""
    authors: list[str] = Field(default_factory=list)
    published: Date | None = None
    url: str = ""
    retrieved: str | None = None
    text: str = ""
    sha256: str = ""
    metadata: dict[str, str] = Field(default_factory=dict)

    def citation(self) -> str:
        """'franceinfo (Radio France), Rocca, Nishimura, Plesse, 2024-04'."""
        parts = [self.publisher or self.title]
        if self.authors:
            parts.append(", ".join(a.split()[-1] for a in self.authors))
        if self.published:
            parts.append(str(self.published))
        return ", ".join(p for p in parts if p)


class QuoteSelector(Record):
    exact: str = Field(min_length=1)
    prefix: str = ""
    suffix: str = ""


class MentionSpan(Record):
    """A mention as an excerpt stores it; the excerpt checks the spans of all its mentions at once."""

    entity_id: EntityId
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Mention(MentionSpan):
    """A mention made on its own (by the gazetteer, by a test): checked as it is made."""

    @model_validator(mode="after")
    def _span(self) -> Mention:
        if self.end <= self.start:
            raise ValueError(f"mention end {self.end} is not after start {self.start}")
        return self


class Excerpt(Record):
    """A passage of a source. Mention offsets are relative to the excerpt."""

    id: str = Field(min_length=1)
    source_id: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: QuoteSelector
    # MentionSpan, not Mention: one check per excerpt instead of one Python call per mention.
    mentions: list[MentionSpan] = Field(default_factory=list)
    heading: bool = False

    @model_validator(mode="after")
    def _span(self) -> Excerpt:
        if self.end <= self.start:
            raise ValueError(f"excerpt end {self.end} is not after start {self.start}")
        if len(self.quote.exact) != self.end - self.start:
            raise ValueError("quote.exact does not have the length of the start–end span")
        for m in self.mentions:
            if m.end <= m.start:
                raise ValueError(f"mention of {m.entity_id}: end {m.end} is not after start {m.start}")
            if m.end > len(self.quote.exact):
                raise ValueError(f"mention of {m.entity_id} ends past the excerpt")
        return self


# --- evidence links ------------------------------------------------------------

class Stance(StrEnum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"


class LinkStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class LinkOrigin(StrEnum):
    IMPORT = "import"
    USER = "user"


class EvidenceLink(Record):
    """A passage proposed as evidence for (or against) a fact, and what review made of it.

    One source of truth: a fact's ``evidence`` list is what supports it.
    Accepting a *supports* link puts its excerpt there in the same undoable
    step; the link stays as the record of the review (its cue, confidence and
    origin). A *rejected* link is kept so a re-import does not propose it
    again; an accepted *contradicts* link is the only record that the passage
    contradicts the fact.
    """

    id: str = Field(min_length=1)
    fact_id: str = Field(min_length=1)
    excerpt_id: str = Field(min_length=1)
    stance: Stance = Stance.SUPPORTS
    status: LinkStatus = LinkStatus.PROPOSED
    origin: LinkOrigin = LinkOrigin.IMPORT
    cue: str = ""  # the words that proposed it
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    created: str = Field(default_factory=utcnow)
    updated: str = Field(default_factory=utcnow)
    rev: int = Field(default=1, ge=1)

    @property
    def reviewed(self) -> bool:
        return self.status is not LinkStatus.PROPOSED


def link_id(fact_id: str, excerpt_id: str, stance: Stance | str) -> str:
    """The same fact, passage and stance always give the same id: a link is proposed at most once."""
    key = "|".join((fact_id, excerpt_id, Stance(stance).value))
    return "link:" + hashlib.sha1(key.encode()).hexdigest()[:16]


# --- annotations -------------------------------------------------------------

class TargetKind(StrEnum):
    FACT = "fact"
    EXCERPT = "excerpt"
    ENTITY = "entity"


class Target(Record):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    kind: TargetKind
    id: str = Field(min_length=1)


class Annotation(Record):
    """A user's note. ``body`` is plain text, kept byte for byte."""

    id: str = Field(min_length=1)
    target: Target
    body: str
    tags: list[str] = Field(default_factory=list)
    created: str = Field(default_factory=utcnow)
    updated: str = Field(default_factory=utcnow)
    rev: int = Field(default=1, ge=1)

    @field_validator("tags")
    @classmethod
    def _clean_tags(cls, tags: list[str]) -> list[str]:
        out: list[str] = []
        for tag in tags:
            tag = tag.strip()
            if not tag:
                continue
            if any(c.isspace() for c in tag):
                raise ValueError(f"tag {tag!r} contains white space")
            if tag not in out:
                out.append(tag)
        return out


# --- history -----------------------------------------------------------------

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
