"""`alliances-tui update-world`: a store made before the starter world gets what it lacks, by id,
as one undoable change, keeping every note and every record it already has."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import db
from store.models import FactStatus, Target
from store.repository import FactStore
from store.datasets.starter import build_records
from store.datasets.world_update import LABEL, plan_world_update, update_world
from tui.cli import main

T51 = "alliance:us-japan-1951"
PHILIPPINES = "alliance:us-philippines"


def older_store(folder: Path) -> Path:
    """The starter store without part of the world: two treaties, their facts and their sources."""
    records = build_records()
    gone = {T51, PHILIPPINES}
    facts = [f for f in records["facts"] if not gone & set(f.entities)]
    kept_refs = {r for f in facts for r in f.references} | {
        r for e in records["entities"] if e.id not in gone for r in e.references}
    sources = [s for s in records["sources"] if not s.id.startswith("ref:") or s.id in kept_refs]
    used = {i for f in facts for i in f.entities} | {m.entity_id for x in records["excerpts"] for m in x.mentions}
    entities = [e for e in records["entities"] if e.id not in gone and (e.id.startswith("alliance:") or e.id in used)]
    tables = db.new_tables()
    for table, rows in {**records, "entities": entities, "facts": facts, "sources": sources}.items():
        for record in rows:
            tables[db.TABLE_FILE[table]][table][record.id] = record.model_dump(mode="json")
    db.write_new_store(folder, tables)
    return folder


@pytest.fixture
def store(tmp_path: Path):
    folder = older_store(tmp_path / "store")
    with FactStore.open(folder, create=False) as s:
        yield s


def test_an_older_store_gets_what_it_lacks_and_keeps_its_notes(store: FactStore) -> None:
    assert T51 not in store.entities and PHILIPPINES not in store.entities
    nato_fact = next(f for f in store.facts.values() if f.object == "alliance:nato" and f.references)
    note = store.add_note(Target(kind="fact", id=nato_fact.id), "my note")
    before = {f.id: f.model_dump() for f in store.facts.values()}

    update = update_world(store)

    assert {e.id for e in update.alliances} == {T51, PHILIPPINES}
    t51 = store.entity(T51)
    assert str(t51.ended) == "1960-06-23" and all(r in store.sources for r in t51.references)
    added = [f for f in store.facts.values() if T51 in f.entities or PHILIPPINES in f.entities]
    assert added and all(f.references and f.status is FactStatus.CONFIRMED for f in added)
    assert all(all(r in store.sources and store.sources[r].url for r in f.references) for f in added)
    # Nothing the store had is changed: its facts, its notes.
    assert {i: store.facts[i].model_dump() for i in before} == before
    assert store.note(note.id).body == "my note"
    assert len(update.kept_facts) == len(before) - sum(1 for f in before.values() if not f["references"])
    assert "added 2 alliances" in update.summary() and "left as they are" in update.summary()


def test_it_is_one_undoable_change_and_a_second_run_adds_nothing(store: FactStore) -> None:
    facts, sources = len(store.facts), len(store.sources)
    update_world(store)
    assert store.undo_label() == LABEL
    store.undo()
    assert T51 not in store.entities and len(store.facts) == facts and len(store.sources) == sources
    store.redo()
    assert T51 in store.entities
    again = update_world(store)
    assert again.empty and "nothing to add" in again.summary()
    assert store.undo_label() == LABEL  # no second change was made


def test_a_world_fact_the_user_edited_is_left_as_the_user_left_it(store: FactStore) -> None:
    fact = next(f for f in store.facts.values() if f.relation.value == "member_of" and f.object == "alliance:anzus")
    store.set_fact_status(fact.id, FactStatus.DISPUTED)
    update = plan_world_update(store)
    assert fact.id in update.kept_facts and fact.id not in {f.id for f in update.facts}
    update_world(store)
    assert store.facts[fact.id].status is FactStatus.DISPUTED


def test_the_command_line(tmp_path: Path, capsys) -> None:
    folder = older_store(tmp_path / "store")
    assert main(["update-world", "--db", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "added 2 alliances" in out
    assert main(["update-world", "--db", str(folder)]) == 0
    assert "nothing to add" in capsys.readouterr().out
    assert main(["update-world", "--db", str(tmp_path / "none")]) == 1
    assert "no store at" in capsys.readouterr().err
