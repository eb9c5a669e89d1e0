"""Sources, the passages quoted from them, and the evidence links that tie a passage to a fact.

An excerpt is anchored by offsets *and* by an exact/prefix/suffix quote (W3C Web Annotation
selectors), so it can be found again when a text changes.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum

from pydantic import Field, model_validator

from store.models.base import Date, EntityId, Record, utcnow


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
