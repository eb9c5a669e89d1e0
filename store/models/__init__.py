"""The records of a fact store, as pydantic v2 models.

Shaped after Wikidata statements (a fact carries qualifiers, evidence and a
rank-like status), W3C Web Annotation selectors (an excerpt is anchored by
offsets *and* by an exact/prefix/suffix quote, so it can be found again when a
text changes) and the ATOP / Correlates of War alliance datasets (dated
memberships with an open or unknown end).

Every model forbids unknown fields, so a typo in a store file is reported with
the field's name instead of being dropped silently.

What lives where (import every name from here, ``from store.models import Fact``):

- ``base``: ``Record`` (the base model), ``utcnow``, dates (``FuzzyDate``, ``Date``,
  ``DateKind``, ``DatesByKind``) and entity ids;
- ``entities``: ``Entity``, ``EntityKind``, ``EntityProposal``, ``Obligation``, ``DatasetRef``;
- ``facts``: ``Fact``, the ``Relation`` vocabulary, ``FactStatus``, ``Origin``, ``Provenance``, ``is_live``;
- ``sources``: ``Source``, ``Excerpt`` and its quote and mentions, ``EvidenceLink``, ``link_id``;
- ``notes``: ``Annotation`` and its ``Target``;
- ``history``: ``Change`` (the append-only history), ``Op``, ``TableName``, ``MODELS``, ``SCHEMA_VERSION``.

Each module imports only the ones above it, so there is no import cycle.
"""

from __future__ import annotations

from store.models.base import (
    DATE_KIND_ORDER,
    Date,
    DateKind,
    DatesByKind,
    EndDate,
    EndMarker,
    EntityId,
    FuzzyDate,
    Precision,
    Record,
    utcnow,
)
from store.models.entities import (
    EVERY_PARTY,
    DatasetRef,
    Entity,
    EntityKind,
    EntityProposal,
    Obligation,
    ObligationType,
    PartyRef,
)
from store.models.facts import Fact, FactStatus, Origin, Provenance, Relation, is_live
from store.models.history import MODELS, SCHEMA_VERSION, Change, Op, TableName
from store.models.notes import Annotation, Target, TargetKind
from store.models.sources import (
    EvidenceLink,
    Excerpt,
    LinkOrigin,
    LinkStatus,
    Mention,
    MentionSpan,
    QuoteSelector,
    Source,
    Stance,
    link_id,
)

__all__ = [
    # base
    "DATE_KIND_ORDER",
    "Date",
    "DateKind",
    "DatesByKind",
    "EndDate",
    "EndMarker",
    "EntityId",
    "FuzzyDate",
    "Precision",
    "Record",
    "utcnow",
    # entities
    "EVERY_PARTY",
    "DatasetRef",
    "Entity",
    "EntityKind",
    "EntityProposal",
    "Obligation",
    "ObligationType",
    "PartyRef",
    # facts
    "Fact",
    "FactStatus",
    "Origin",
    "Provenance",
    "Relation",
    "is_live",
    # sources
    "EvidenceLink",
    "Excerpt",
    "LinkOrigin",
    "LinkStatus",
    "Mention",
    "MentionSpan",
    "QuoteSelector",
    "Source",
    "Stance",
    "link_id",
    # notes
    "Annotation",
    "Target",
    "TargetKind",
    # history
    "MODELS",
    "SCHEMA_VERSION",
    "Change",
    "Op",
    "TableName",
]
