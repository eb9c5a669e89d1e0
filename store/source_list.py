"""Sources as a reader meets them: what each one added, its passages with their facts, facts made by hand.

In: a store. Out: :class:`SourceSummary` per source (articles, then treaty texts and reference pages),
:class:`DatasetSummary` per data set facts came from, the facts each passage supports or is proposed for (:func:`passage_facts`), a fact's
first draft from a passage (:func:`draft_from_passage`: its two ends and its date from the passage's
mentions and dates) and the one write of this module, :func:`add_fact_from_passage`, through the store's
``add_records`` (one undoable group, journaled like every write).
"""

from __future__ import annotations

import re
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from store.models import EntityKind, Excerpt, Fact, FactStatus, FuzzyDate, LinkStatus, Origin, Relation, Source, is_live
from store.records import stored_field, stored_rows

if TYPE_CHECKING:
    from store.pipeline.extract.claims import Claim
    from store.repository import FactStore

SourceKind = Literal["article", "reference"]
KIND_ORDER: dict[SourceKind, int] = {"article": 0, "reference": 1}


@dataclass(frozen=True)
class SourceSummary:
    source: Source
    kind: SourceKind
    passages: int  # excerpts of it in the store
    facts: int  # facts it is evidence or a reference for
    proposed: int  # passages proposed as evidence, or facts proposed from it, waiting in review

    @property
    def date(self) -> str:
        return str(self.source.published) if self.source.published else ""


@dataclass(frozen=True)
class PassageFact:
    fact: Fact
    how: Literal["evidence", "accepted", "proposed"]  # in fact.evidence, an accepted link, a proposed link

    @property
    def proposed(self) -> bool:
        """Waiting in review: a proposed link, or a fact an import proposed that nobody reviewed yet."""
        return self.how == "proposed" or (self.fact.status is FactStatus.UNREVIEWED and self.fact.origin is Origin.IMPORT)


@dataclass
class Draft:
    """A fact as a passage suggests it, for the form to show and the user to correct."""

    subject: str | None
    relation: Relation
    object: str | None
    start: FuzzyDate | None
    candidates: list[str] = field(default_factory=list)  # every entity the passage mentions, in order


def kind_of(source: Source) -> SourceKind:
    """An imported article (``src:``), else a reference the world cites (``ref:``: treaty texts, official pages)."""
    return "article" if source.id.startswith("src:") else "reference"


def summaries(store: FactStore) -> list[SourceSummary]:
    """Every source with what it added: articles newest first, then references and data sets by title.

    Read from the tables as stored (store/records.py): at 100,000 facts, building every fact's
    model to count them took seconds.
    """
    passages: defaultdict[str, int] = defaultdict(int)
    excerpt_source: dict[str, str] = {}
    for eid, excerpt in stored_rows(store.excerpts):
        source_id = stored_field(excerpt, "source_id")
        passages[source_id] += 1
        excerpt_source[eid] = source_id
    facts: defaultdict[str, set[str]] = defaultdict(set)
    proposed: defaultdict[str, int] = defaultdict(int)
    for fid, fact in stored_rows(store.facts):
        for ref in stored_field(fact, "references") or ():
            facts[ref].add(fid)
        waiting = _value(stored_field(fact, "status")) in (None, "unreviewed") and _value(stored_field(fact, "origin")) == "import"
        for eid in stored_field(fact, "evidence") or ():
            if eid in excerpt_source:
                facts[excerpt_source[eid]].add(fid)
                if waiting:
                    proposed[excerpt_source[eid]] += 1
    for _, link in stored_rows(store.evidence_links):
        source_id = excerpt_source.get(stored_field(link, "excerpt_id"))
        if source_id is not None and _value(stored_field(link, "status")) in (None, "proposed"):
            proposed[source_id] += 1
    out = [SourceSummary(s, kind_of(s), passages[s.id], len(facts[s.id]), proposed[s.id]) for s in store.sources.values()]
    out.sort(key=lambda x: (KIND_ORDER[x.kind], _newest_first(x) if x.kind == "article" else x.source.title.casefold()))
    return out


def _value(field: object) -> object:
    """A stored enum field as its text, a model's member or a raw document's string alike."""
    return getattr(field, "value", field)


def _newest_first(summary: SourceSummary) -> str:
    # A date's characters inverted, so an ascending sort puts the newest first ("" last).
    return "".join(chr(0x10FFFF - ord(c)) for c in summary.date) if summary.date else "\U0010ffff"


@dataclass(frozen=True)
class DatasetSummary:
    name: str  # "ATOP 5.1"
    facts: int


def datasets(store: FactStore) -> list[DatasetSummary]:
    """The published data sets facts were imported from (they have no text to read: their facts do)."""
    counts: defaultdict[str, int] = defaultdict(int)
    for _, fact in stored_rows(store.facts):
        name = _dataset_name(stored_field(fact, "dataset"))
        if name:
            counts[name] += 1
    return [DatasetSummary(name, n) for name, n in sorted(counts.items())]


def dataset_facts(store: FactStore, name: str) -> list[Fact]:
    ids = [fid for fid, fact in stored_rows(store.facts) if _dataset_name(stored_field(fact, "dataset")) == name]
    return sorted((store.fact(i) for i in ids), key=lambda f: f.sort_key())


def _dataset_name(ref: object) -> str:
    """'ATOP 5.1' of a stored DatasetRef (model or raw document); '' for none."""
    if ref is None:
        return ""
    name, version = stored_field(ref, "name"), stored_field(ref, "version")
    return f"{name} {version}" if name else ""


def passage_facts(store: FactStore, excerpt_id: str) -> list[PassageFact]:
    """The facts the passage supports (evidence, accepted links) or is proposed for; rejected links left out."""
    return passages_facts(store, [excerpt_id])[excerpt_id]


def passages_facts(store: FactStore, excerpt_ids: Iterable[str]) -> dict[str, list[PassageFact]]:
    """:func:`passage_facts` of many passages (a source read whole), with one scan of the facts."""
    wanted = set(excerpt_ids)
    found: dict[str, dict[str, PassageFact]] = {eid: {} for eid in wanted}
    for eid in wanted:
        for link in store.links_of_excerpt(eid):
            fact = store.facts.get(link.fact_id)
            if fact is not None and link.status is not LinkStatus.REJECTED:
                found[eid][fact.id] = PassageFact(fact, "accepted" if link.status is LinkStatus.ACCEPTED else "proposed")
    for fid, fact in stored_rows(store.facts):
        for eid in (stored_field(fact, "evidence") or ()):
            if eid in wanted and fid not in found[eid]:
                found[eid][fid] = PassageFact(store.fact(fid), "evidence")
    return {eid: sorted(f.values(), key=lambda p: (p.how == "proposed", p.fact.sort_key())) for eid, f in found.items()}


def draft_from_passage(store: FactStore, excerpt: Excerpt) -> Draft:
    """The first relation the passage states, as the import's extraction reads it; else its first
    country as subject, its first alliance (else its next country) as object, membership (or
    cooperation between two countries) as relation. The start: the relation's date, else the
    passage's first date."""
    seen: list[str] = []
    for mention in sorted(excerpt.mentions, key=lambda m: m.start):
        if mention.entity_id not in seen and mention.entity_id in store.entities:
            seen.append(mention.entity_id)
    source = store.sources.get(excerpt.source_id)
    claim = _first_claim(store, excerpt, source)
    if claim is not None:
        return Draft(claim.subject, claim.relation, claim.object, claim.start or _first_date(excerpt.quote.exact, source), seen)
    countries = [e for e in seen if e.startswith("country:")]
    others = [e for e in seen if not e.startswith("country:")]
    subject = countries[0] if countries else (others[0] if others else None)
    rest = [e for e in (*others, *countries[1:]) if e != subject]
    obj = rest[0] if rest else None
    relation = Relation.MEMBER_OF if obj is not None and not obj.startswith("country:") else Relation.COOPERATES_WITH
    return Draft(subject, relation, obj, _first_date(excerpt.quote.exact, source), seen)


def _first_claim(store: FactStore, excerpt: Excerpt, source: Source | None) -> Claim | None:
    """The first relation the passage asserts between two entities the store holds (a denial or a plan
    is no fact to draft), read as the import reads it: with the people, makers and lists of countries the
    article's passages give ("Secretary Austin and Secretary Teodoro signed …", "the two sides")."""
    # The article pipeline, only when a form opens.
    from store.pipeline.extract.claims import find_claims
    from store.pipeline.extract.makers import maker_stand_ins
    from store.pipeline.extract.people import learn_people, stand_ins
    from store.pipeline.extract.plurals import CountryLists

    kinds = {e.id: e.alliance_kind for e in store.entities.values() if e.kind is EntityKind.ALLIANCE}
    published = source.published if source is not None else None
    passages = sorted(store.excerpts_of(excerpt.source_id), key=lambda x: x.start) if source is not None else []
    people = learn_people([x.quote.exact for x in passages], [x.mentions for x in passages])
    lists = CountryLists()
    for before in passages:
        if before.start >= excerpt.start:
            break
        lists.read(before.quote.exact, [*before.mentions, *stand_ins(before.quote.exact, before.mentions, people)])
    text = excerpt.quote.exact
    persons = stand_ins(text, excerpt.mentions, people)
    persons += maker_stand_ins(text, [*excerpt.mentions, *persons])
    for claim in find_claims(text, [*excerpt.mentions, *persons], kinds, published=published, lists=lists):
        if claim.modality == "asserted" and claim.subject in store.entities and claim.object in store.entities:
            return claim
    return None


def _first_date(text: str, source: Source | None) -> FuzzyDate | None:
    from store.pipeline.extract.dates import find_dates  # the article pipeline, only when a form opens

    spans = find_dates(text, source.published if source is not None else None)
    if spans:
        return min(spans, key=lambda s: s.start).date
    # A bare year ("its 1948 treaty") is no date the claims stage trusts, but a form may offer it.
    year = _YEAR.search(text)
    return FuzzyDate(value=year.group(0)) if year else None


_YEAR = re.compile(r"(?<![\d.,/-])(?:19[4-9]\d|20\d\d)(?![\d.,/-]\d)")


def new_fact_id() -> str:
    return f"fact:{secrets.token_hex(6)}"


def fact_it_restates(store: FactStore, *, subject: str, relation: Relation, object: str,
                     start: FuzzyDate | None = None) -> Fact | None:
    """The live fact the store already holds for these ends and relation (dated the same year, when both
    are dated); None if there is none. A passage that restates it is evidence, not a twin."""
    for fact in store.facts_of(subject, object, include_retracted=False):
        if (fact.subject, fact.relation, fact.object) != (subject, relation, object) or not is_live(fact):
            continue
        if start is None or fact.start is None or fact.start.year == start.year:
            return fact
    return None


def add_fact_from_passage(store: FactStore, excerpt_id: str, *, subject: str, relation: Relation, object: str,
                          start: FuzzyDate | None = None, status: FactStatus = FactStatus.CONFIRMED) -> Fact:
    """A fact made by hand with the passage as its evidence: one undoable change.

    When the store already holds that fact, the passage becomes one more piece of its evidence instead.
    """
    store.excerpts[excerpt_id]  # a KeyError for a passage that is gone, before anything is written
    for end in (subject, object):
        store.entity(end)
    same = fact_it_restates(store, subject=subject, relation=relation, object=object, start=start)
    if same is not None:
        if excerpt_id in same.evidence:
            return same
        # The import proposed this very link: accepting it is the same act, and the review view stops asking.
        proposed = [link.id for link in store.links_of_excerpt(excerpt_id) if link.fact_id == same.id
                    and link.status is LinkStatus.PROPOSED and link.stance.value == "supports"]
        if proposed:
            store.accept_links(proposed)
            return store.fact(same.id)
        return store.edit_fact(same.id, label="add passage as evidence", evidence=[*same.evidence, excerpt_id])
    fact = Fact(id=new_fact_id(), subject=subject, relation=relation, object=object, start=start,
                status=status, evidence=[excerpt_id], origin=Origin.USER)
    store.add_records("add fact from passage", [("facts", fact)])
    return store.fact(fact.id)
