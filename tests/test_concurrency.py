"""The one concurrency rule (store/concurrency.py), checked with controlled interleavings.

The writer runs on a thread of its own, as in the app, and stops at each step
of a write (FactStore.on_write_step); the test thread queries the store there.
Outside the state lock a query must see the store before the write; while the
writer holds it no query may start, and one waiting for it sees the store
after the write; after it, the new state. No sleeps, no probabilities: every
interleaving asserted here is forced by events.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from store.concurrency import STEPS, Step, is_query
from store.models import Entity, Fact, Target
from store.records import LazyRecords
from store.repository import FactStore

KOR, NATO = "country:KOR", "alliance:nato"
WAIT = 60  # seconds: only a broken writer ever waits this long (the test then fails, it does not hang)


def view(store: FactStore) -> tuple[Any, ...]:
    """What the panes ask of the store, as plain values: the state a query saw."""
    return (
        [(e.id, n) for e, n in store.countries()][:5],
        [(e.id, n) for e, n in store.alliances()],
        [link.entity.id for link in store.alliances_of(KOR)],
        [f.id for f in store.facts_of(KOR)],
        store.relation_count(KOR),
        [link.entity.id for link in store.members_of(NATO)],
        [n.body for n in store.notes_on("entity", KOR)],
        [e.id for e in store.find_entities("paused")],
        store.undo_label(),
        store.can_redo,
        len(store.history()),
    )


class PausedWriter:
    """One write on a thread of its own, stopped at ``step`` until :meth:`finish`."""

    def __init__(self, store: FactStore, step: Step, write: Callable[[], object]) -> None:
        self.store, self.step, self.write = store, step, write
        self.reached, self.go_on = threading.Event(), threading.Event()
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self._run)

    def _at(self, step: Step) -> None:
        if step == self.step:
            self.reached.set()
            assert self.go_on.wait(WAIT)

    def _run(self) -> None:
        try:
            self.write()
        except BaseException as exc:  # reported by finish()
            self.errors.append(exc)
        finally:
            self.reached.set()

    def start(self) -> None:
        self.store.on_write_step = self._at
        self.thread.start()
        assert self.reached.wait(WAIT)
        assert not self.errors, self.errors

    def finish(self) -> None:
        self.go_on.set()
        self.thread.join(WAIT)
        assert not self.thread.is_alive()
        assert not self.errors, self.errors


@contextmanager
def paused(store: FactStore, step: Step, write: Callable[[], object]) -> Iterator[PausedWriter]:
    writer = PausedWriter(store, step, write)
    writer.start()
    try:
        yield writer
    finally:
        writer.finish()


def an_import(store: FactStore) -> Callable[[], object]:
    """An alliance and KOR's membership in it: a group that moves the fact indices and the lists."""
    return lambda: store.add_records("import paused", [
        ("entities", Entity(id="alliance:paused", kind="alliance", name="Paused Pact")),
        ("facts", Fact(id="fact:paused", subject=KOR, relation="member_of", object="alliance:paused")),
    ])


def a_moved_fact(store: FactStore) -> Callable[[], object]:
    """KOR's NATO partnership re-pointed at a new end: the fact leaves one index entry for another."""
    fact = next(f for f in store.facts_of(KOR) if f.object == NATO)
    return lambda: store.edit_fact(fact.id, object="country:JPN")


def an_undo(store: FactStore) -> Callable[[], object]:
    an_import(store)()
    return store.undo


def a_note(store: FactStore) -> Callable[[], object]:
    return lambda: store.add_note(Target(kind="entity", id=KOR), "written while read")


WRITES = {"import": an_import, "moved fact": a_moved_fact, "undo": an_undo, "note": a_note}


def expected_after(starter_store: Any, tmp_path: Any, name: str) -> tuple[Any, ...]:
    """The state the same write leaves when nothing runs beside it (a copy of the store)."""
    import shutil

    copy = tmp_path / "alone"
    shutil.copytree(starter_store, copy)
    with FactStore.open(copy) as alone:
        WRITES[name](alone)()
        return view(alone)


@pytest.mark.parametrize("name", WRITES)
@pytest.mark.parametrize("step", STEPS)
def test_a_query_sees_a_write_wholly_or_not_at_all(starter_store: Any, tmp_path: Any, name: str, step: Step) -> None:
    after = expected_after(starter_store, tmp_path, name)
    with FactStore.open(starter_store) as store:
        write = WRITES[name](store)
        before = view(store)
        assert before != after  # the write is one a query can see
        with paused(store, step, write) as writer:
            if step in ("journaling", "journaled"):
                # Outside the state lock: the journal may hold the group, memory does not yet.
                assert view(store) == before
            elif step == "applying":
                # Mid-apply the writer holds the lock: no query can start until the group is whole.
                assert not store.state_lock.acquire(blocking=False)
                seen: list[tuple[Any, ...]] = []
                reader = threading.Thread(target=lambda: seen.append(view(store)))
                reader.start()
                writer.finish()
                reader.join(WAIT)
                assert seen == [after]
            else:
                assert view(store) == after
        assert view(store) == after


def test_mid_apply_the_tables_and_indices_disagree(starter_store: Any) -> None:
    """Why the lock matters: at the "applying" pause the new fact is in its table but not yet indexed."""
    with FactStore.open(starter_store) as store, paused(store, "applying", an_import(store)):
        assert "fact:paused" in store.facts
        assert "fact:paused" not in store.indices.facts_by_entity.get(KOR, set())


def test_a_failed_journal_write_leaves_queries_the_old_state(starter_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with FactStore.open(starter_store) as store:
        before = view(store)

        def full(group: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(store._files, "append", full)
        with pytest.raises(OSError):
            an_import(store)()
        assert view(store) == before


# --- the rule is checkable: every public method is a query, a write, or named here ------------

WRITERS = {
    "add_note", "edit_note", "set_note_tags", "delete_note", "set_fact_status", "edit_fact", "add_records", "write_group",
    "undo", "redo", "propose_links", "accept_links", "reject_links", "review_links", "accept_entity",
    "reject_entity",
}
# Neither: they read no shared memory, or take the locks themselves.
OTHERS = {
    "open", "folder", "readonly", "readonly_reason", "undo_depth", "backup_if_due", "checkpoint", "close",
    "change_counts", "full_history", "on_write_step", "COMPACT_BYTES", "TABLES",
}


def test_every_public_method_is_a_query_a_write_or_named() -> None:
    unclassified = []
    for name, member in inspect.getmembers(FactStore):
        if name.startswith("_") or name in WRITERS or name in OTHERS:
            continue
        if not is_query(inspect.getattr_static(FactStore, name)):
            unclassified.append(name)
    assert unclassified == []


def test_queries_and_writes_are_told_apart() -> None:
    assert is_query(inspect.getattr_static(FactStore, "facts_of"))
    assert is_query(inspect.getattr_static(FactStore, "can_undo"))
    assert not is_query(inspect.getattr_static(FactStore, "add_note"))


# --- a model built on first read never puts back a record the writer deleted ------------------

def test_a_model_built_while_its_record_is_deleted_is_not_put_back(starter: FactStore) -> None:
    facts = starter.facts
    raw = next(k for k in list(dict.keys(facts)) if isinstance(dict.__getitem__(facts, k), dict))

    class DeletedWhileBuilt:
        @staticmethod
        def model_validate(doc: Any) -> Fact:
            dict.pop(facts, raw)  # the writer's delete, between the read and the store of the model
            return Fact.model_validate(doc)

    facts.model = DeletedWhileBuilt  # type: ignore[assignment]
    try:
        assert facts.get(raw).id == raw  # the reader gets the record it read
    finally:
        facts.model = Fact
    assert raw not in facts


def test_a_tables_lock_is_the_stores(starter: FactStore) -> None:
    assert all(table.lock is starter.state_lock for table in starter.tables.values())
    copy: LazyRecords[Any] = starter.facts.copy()
    assert copy.lock is starter.state_lock
