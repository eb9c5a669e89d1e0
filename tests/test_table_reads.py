"""Writes edit the tables in place; a table read directly iterates a snapshot of its keys (issue 13).

Queries hold the state lock (store/concurrency.py; tests/test_concurrency.py),
but the UI also reads tables directly: a write inserts into and deletes from
the live tables in place, so a save costs the same at 10 notes and at
100,000, and every iteration of a table goes through LazyRecords'
``__iter__``, ``values``, ``items`` or ``scan``, which take the keys in one C
call before the first step. These tests check that without racing threads:
a table whose every step of an iteration applies a write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from store.models import Entity, Fact, Target
from store.records import LazyRecords
from store.repository import FactStore

KOR, AUS, NATO = "country:KOR", "country:AUS", "alliance:nato"


def test_a_note_save_edits_the_table_in_place(starter: FactStore) -> None:
    """Before: every insert copied the whole annotations table and swapped it in (O(notes))."""
    notes, facts, entities = starter.annotations, starter.facts, starter.entities
    note = starter.add_note(Target(kind="entity", id=KOR), "in place")
    starter.add_records("import", [
        ("entities", Entity(id="alliance:in-place", kind="alliance", name="In place")),
        ("facts", Fact(id="fact:in-place", subject=KOR, relation="member_of", object="alliance:in-place")),
    ])
    starter.delete_note(note.id)
    starter.undo()
    assert starter.annotations is notes and starter.facts is facts and starter.entities is entities
    assert note.id in starter.annotations and "fact:in-place" in starter.facts


class _WritesWhileRead(LazyRecords[Any]):
    """A table that runs ``write`` at the first record an iteration reads (same thread: deterministic)."""

    __slots__ = ()
    write: Callable[[], None] | None = None

    def _model(self, key: str, value: Any) -> Any:
        hook, type(self).write = type(self).write, None
        if hook is not None:
            hook()
        return super()._model(key, value)


@pytest.fixture
def hooked(starter: FactStore):
    tables = [starter.entities, starter.facts, starter.excerpts, starter.sources, starter.annotations]
    for table in tables:
        table.__class__ = _WritesWhileRead
    yield starter
    _WritesWhileRead.write = None
    for table in tables:
        table.__class__ = LazyRecords


def _add_alliance(store: FactStore, n: int) -> Callable[[], None]:
    def write() -> None:
        store.add_records(f"import {n}", [
            ("entities", Entity(id=f"alliance:mid-{n}", kind="alliance", name=f"Mid {n}")),
            ("facts", Fact(id=f"fact:mid-{n}", subject=KOR, relation="member_of", object=f"alliance:mid-{n}")),
        ])
    return write


@pytest.mark.parametrize("query", [
    lambda s: s.countries(),
    lambda s: s.alliances(),
    lambda s: s.find_entities("a"),
    lambda s: s.alliances_of(KOR),
    lambda s: s.members_of(NATO),
    lambda s: s.facts_of(KOR),
], ids=["countries", "alliances", "find_entities", "alliances_of", "members_of", "facts_of"])
def test_a_query_survives_an_insert_between_two_of_its_steps(hooked: FactStore, query: Callable[[FactStore], Any]) -> None:
    hooked._invalidate()  # no cached answers: the query must read the tables
    _WritesWhileRead.write = _add_alliance(hooked, 1)
    query(hooked)  # a live-table iteration raises "dictionary changed size during iteration"
    assert _WritesWhileRead.write is None, "the query read no record: the test proves nothing"
    assert "fact:mid-1" in hooked.facts


@pytest.mark.parametrize("walk", [
    lambda t: iter(t), lambda t: t.values(), lambda t: t.items(), lambda t: t.scan("subject", "object"),
], ids=["iter", "values", "items", "scan"])
def test_a_table_iterator_survives_inserts_and_deletes_between_its_steps(starter: FactStore, walk: Callable[[Any], Any]) -> None:
    steps = walk(starter.facts)
    next(steps)
    for n in range(3):
        _add_alliance(starter, n)()
    starter.undo()
    assert len(list(steps)) >= len(starter.facts) - 3


def test_notes_survive_a_save_and_a_delete_while_they_are_read(hooked: FactStore) -> None:
    target = Target(kind="entity", id=KOR)
    first = hooked.add_note(target, "first")
    hooked.add_note(target, "second")
    _WritesWhileRead.write = lambda: (hooked.add_note(target, "third"), hooked.delete_note(first.id))
    seen = [n.body for n in hooked.annotations.values()]
    assert _WritesWhileRead.write is None
    assert "second" in seen
    assert [n.body for n in hooked.notes_on("entity", KOR)] == ["second", "third"]


def test_built_counts_without_iterating_a_live_table(starter: FactStore) -> None:
    records = starter.facts
    records.__class__ = _WritesWhileRead
    try:
        _WritesWhileRead.write = _add_alliance(starter, 2)
        list(records.values())
        assert records.built() > 0
    finally:
        records.__class__ = LazyRecords
