"""An ATOP alliance that is an alliance the store already holds: found, proposed, merged.

**The match rule.** An ATOP alliance matches a store alliance when

- their *founding members* are the same set of countries: for ATOP, the members whose entry is
  within a year (366 days) of the alliance's begin date; for the store, the countries with a
  ``member_of`` or ``party_to`` fact whose start is within a year of the alliance's start; and
- their starts are within a year of each other. A store alliance starts at its ``signed`` date,
  else ``established``, else ``in_force``, else its ``founded`` date.

Comparing founding members, not all members, is what lets ATOP's NATO (which stops in 2018)
match the store's (which has Finland and Sweden). A date known only to the year or month is
taken at its first day. When several store alliances match, the nearest start wins.

**Merging (accepting a match)**, one undoable step: the store alliance gains ``codes["atop"]`` (no alias: a
list would show "ATOP 3180" for a long name), the dated kinds it lacks (signed, ended), the ATOP obligations it does not already
imply (``* → *: defense`` implies ``USA → *: defense``) and the ``atop.*`` qualifiers it lacks; the
ATOP alliance is removed. An ATOP membership *restates* a store membership when it is the same
country, ``member_of`` or ``party_to`` the store alliance, and their spans overlap (open ends run
on): a restating membership is dropped, the others move to the store alliance, keeping their ids.
Rejecting keeps the ATOP alliance as an ordinary one; since it then exists, no re-import proposes
it again, as no re-import proposes an atopid that a store alliance carries in ``codes["atop"]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date as Day
from typing import TYPE_CHECKING, Any

from store.errors import StoreError
from store.models import DateKind, Entity, EntityKind, Fact, FuzzyDate, Obligation, Relation

if TYPE_CHECKING:
    from store.repository import FactStore

WITHIN = 366  # days: "within a year"
MEMBERSHIP = (Relation.MEMBER_OF, Relation.PARTY_TO)


def first_day(d: FuzzyDate) -> Day:
    parts = [int(p) for p in d.value.split("-")]
    return Day(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def near(a: FuzzyDate | None, b: FuzzyDate | None) -> bool:
    return a is not None and b is not None and abs((first_day(a) - first_day(b)).days) <= WITHIN


def alliance_start(entity: Entity) -> FuzzyDate | None:
    for kind in (DateKind.SIGNED, DateKind.ESTABLISHED, DateKind.IN_FORCE):
        if kind in entity.dates:
            return entity.dates[kind]
    return entity.founded


class Matcher:
    """Store alliances by start year, and their founding members worked out once each."""

    def __init__(self, store: FactStore) -> None:
        self._store = store
        self._by_year: dict[int, list[tuple[Entity, FuzzyDate]]] = {}
        for entity in store.entities.values():
            start = alliance_start(entity) if entity.kind is EntityKind.ALLIANCE else None
            # An alliance from ATOP itself, or one an import proposed, is not what a match merges into.
            if start is None or entity.proposal is not None or (entity.dataset and entity.dataset.name == "ATOP"):
                continue
            self._by_year.setdefault(start.year, []).append((entity, start))
        self._founders: dict[str, frozenset[str]] = {}

    def founders(self, entity: Entity, start: FuzzyDate) -> frozenset[str]:
        if entity.id not in self._founders:
            self._founders[entity.id] = frozenset(
                f.subject for f in self._store.facts_of(entity.id)
                if f.relation in MEMBERSHIP and f.object == entity.id and near(f.start, start)
            )
        return self._founders[entity.id]

    def match(self, begin: FuzzyDate | None, founders: frozenset[str]) -> Entity | None:
        if begin is None or not founders:
            return None
        candidates = [
            (abs((first_day(start) - first_day(begin)).days), entity.id, entity)
            for year in (begin.year - 1, begin.year, begin.year + 1)
            for entity, start in self._by_year.get(year, ())
            if near(start, begin) and self.founders(entity, start) == founders
        ]
        return min(candidates)[2] if candidates else None


def atop_founders(begin: FuzzyDate | None, members: Iterable[tuple[str, FuzzyDate | None]]) -> frozenset[str]:
    return frozenset(eid for eid, start in members if near(start, begin))


def _span(fact: Fact) -> tuple[Day, Day]:
    start = first_day(fact.start) if fact.start else Day.min
    end = first_day(fact.end) if isinstance(fact.end, FuzzyDate) else Day.max
    return start, end


def restates(fact: Fact, existing: Iterable[Fact]) -> bool:
    """Does ``fact`` (an ATOP membership) say what one of ``existing`` already says?"""
    a0, a1 = _span(fact)
    for other in existing:
        if other.subject == fact.subject and other.relation in MEMBERSHIP and other.id != fact.id:
            b0, b1 = _span(other)
            if a0 <= b1 and b0 <= a1:
                return True
    return False


def implied(obligation: Obligation, by: Iterable[Obligation]) -> bool:
    return any(
        o.type is obligation.type and o.subject in ("*", obligation.subject) and o.object in ("*", obligation.object)
        for o in by
    )


def merged_alliance(target: Entity, atop: Entity) -> Entity:
    """The store alliance with what the ATOP record adds and it lacks."""
    obligations = list(target.obligations)
    for o in atop.obligations:
        if not implied(o, obligations):
            obligations.append(o)
    dates: Mapping[DateKind, FuzzyDate] = {**atop.dates, **target.dates}
    update: dict[str, Any] = {
        "codes": {**target.codes, "atop": atop.codes["atop"]},
        "dates": dict(dates),
        "obligations": obligations,
        "qualifiers": {**atop.qualifiers, **target.qualifiers},
    }
    return Entity.model_validate({**target.model_dump(mode="json"), **{
        k: (v if k != "obligations" else [o.model_dump(mode="json") for o in v]) for k, v in update.items()
    }})


def merge_ops(store: FactStore, atop: Entity) -> list[tuple[str, str, Any, Any]]:
    """The changes that accepting the match of ``atop`` makes (see the module's rule)."""
    assert atop.proposal is not None and atop.proposal.match is not None
    target = store.entities.get(atop.proposal.match)
    if target is None:
        raise StoreError(f"{atop.name} is not merged: the alliance it matched ({atop.proposal.match}) is no longer in the store")
    ops: list[tuple[str, str, Any, Any]] = [("entities", target.id, target, merged_alliance(target, atop))]
    existing = [f for f in store.facts_of(target.id) if f.object == target.id]
    for fact in store.facts_of(atop.id):
        if fact.object == atop.id and fact.relation in MEMBERSHIP and restates(fact, existing):
            ops.append(("facts", fact.id, fact, None))
        else:
            moved = fact.model_copy(update={
                "subject": target.id if fact.subject == atop.id else fact.subject,
                "object": target.id if fact.object == atop.id else fact.object,
            })
            ops.append(("facts", fact.id, fact, moved))
            existing.append(moved)
    ops.append(("entities", atop.id, atop, None))
    return ops
