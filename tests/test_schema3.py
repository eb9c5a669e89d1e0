"""Schema 3: facts as researchers code them (dates by kind, directed obligations, provenance), and the migration to it."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from pydantic import ValidationError

from store import backups, db, migrations
from store.models import (
    SCHEMA_VERSION, DatasetRef, DateKind, Entity, EntityKind, Fact, Obligation, ObligationType, Origin, Relation,
    Target, TargetKind,
)
from store.repository import FactStore

USA, JPN, KOR = "country:USA", "country:JPN", "country:KOR"


def test_schema_3_is_in_force() -> None:
    # 4 (packed journal lines, store/packing.py) keeps schema 3's records as they are.
    assert SCHEMA_VERSION >= 3
    assert 2 in migrations.MIGRATIONS


# --- the model -----------------------------------------------------------------------------------

def test_a_fact_keeps_each_date_with_its_kind_and_precision_in_kind_order() -> None:
    fact = Fact(id="f", subject="country:FIN", relation=Relation.MEMBER_OF, object="alliance:nato",
                start="2023-04-04", dates={"joined": "2023-04-04", "applied": "2022-05-18", "protocol_signed": "2022-07-05"})
    assert list(fact.dates) == [DateKind.APPLIED, DateKind.PROTOCOL_SIGNED, DateKind.JOINED]
    assert fact.dates[DateKind.APPLIED].precision.value == "day"
    assert DateKind.PROTOCOL_SIGNED.label == "accession protocol signed" and DateKind.IN_FORCE.label == "in force"
    with pytest.raises(ValidationError):
        Fact(id="f", subject=USA, relation="member_of", object="alliance:nato", dates={"ratified": "1949"})
    with pytest.raises(ValidationError):
        Fact(id="f", subject=USA, relation="member_of", object="alliance:nato", dates={"signed": "1949-13"})


def test_empty_schema_3_fields_are_left_out_so_schema_2_records_read_and_write_unchanged() -> None:
    fact = Fact(id="f", subject=USA, relation="member_of", object="alliance:nato", start="1949")
    entity = Entity(id="alliance:nato", kind=EntityKind.ALLIANCE, name="NATO")
    assert not {"dates", "dataset"} & set(fact.model_dump(mode="json"))
    assert not {"dates", "obligations", "short_name", "binding", "end_reason", "references", "dataset"} & set(
        entity.model_dump(mode="json"))
    again = Fact.model_validate(fact.model_dump(mode="json"))
    assert again == fact


def test_obligations_are_directed_so_defending_japan_and_defending_the_us_are_two_answers() -> None:
    treaty = Entity(
        id="alliance:us-japan-alliance", kind=EntityKind.ALLIANCE, name="US-Japan alliance",
        obligations=[
            Obligation(subject=USA, object=JPN, type=ObligationType.DEFENSE, article="V"),
            Obligation(subject=JPN, object=USA, type=ObligationType.DEFENSE, article="V",
                       where="territories under the administration of Japan"),
            Obligation(subject="*", object="*", type=ObligationType.CONSULTATION, article="IV"),
        ],
    )
    us_for_japan = treaty.obligations_between(USA, JPN)
    japan_for_us = treaty.obligations_between(JPN, USA)
    assert [(o.type, o.where) for o in us_for_japan] == [(ObligationType.DEFENSE, ""), (ObligationType.CONSULTATION, "")]
    assert [(o.type, o.where) for o in japan_for_us] == [
        (ObligationType.DEFENSE, "territories under the administration of Japan"), (ObligationType.CONSULTATION, "")]
    assert treaty.obligations_between(USA, USA) == []
    assert ObligationType.DEFENSE.duty == "defend"
    with pytest.raises(ValidationError):
        Obligation(subject=USA, object=JPN, type="alliance")
    with pytest.raises(ValidationError):
        Obligation(subject="USA", object=JPN, type="defense")


def test_every_fact_names_where_it_comes_from() -> None:
    atop = DatasetRef(name="ATOP", version="5.1", record="atopid 3180")
    from_atop = Fact(id="a", subject=USA, relation="member_of", object="alliance:x", origin=Origin.DATASET, dataset=atop)
    cited = Fact(id="b", subject=USA, relation="member_of", object="alliance:x", references=["ref:nato"])
    quoted = Fact(id="c", subject=USA, relation="member_of", object="alliance:x", evidence=["exc:1"], origin=Origin.IMPORT)
    by_hand = Fact(id="d", subject=USA, relation="member_of", object="alliance:x")
    assert from_atop.provenance.kind == "dataset" and str(from_atop.provenance.dataset) == "ATOP 5.1 (atopid 3180)"
    assert cited.provenance.references == ("ref:nato",) and cited.provenance.kind == "source"
    assert quoted.provenance.excerpts == ("exc:1",)
    assert by_hand.provenance.kind == "user"
    with pytest.raises(ValidationError, match="data set"):
        Fact(id="e", subject=USA, relation="member_of", object="alliance:x", origin=Origin.DATASET)
    with pytest.raises(ValidationError, match="data set"):
        Fact(id="e", subject=USA, relation="member_of", object="alliance:x", dataset=atop)


def test_an_ended_treaty_and_a_historical_state_carry_their_dates() -> None:
    roc = Entity(id="alliance:us-roc", kind=EntityKind.ALLIANCE, name="US-ROC Mutual Defense Treaty",
                 short_name="US-ROC treaty", dates={"ended": "1980-01-01", "signed": "1954-12-02"}, end_reason="terminated")
    assert roc.label == "US-ROC treaty" and str(roc.ended) == "1980-01-01"
    assert list(roc.dates) == [DateKind.SIGNED, DateKind.ENDED]
    bavaria = Entity(id="country:XBV", kind=EntityKind.COUNTRY, name="Bavaria", dates={"established": "1816", "ended": "1871"})
    assert bavaria.ended is not None and bavaria.ended.year == 1871


# --- migration from schema 2 ---------------------------------------------------------------------

def as_schema_2(folder: Path) -> None:
    for name in db.FILES:
        data = orjson.loads((folder / name).read_bytes())
        data[db.META][db.META_ID]["schema_version"] = 2
        (folder / name).write_bytes(orjson.dumps(data))
    (folder / db.SEALS).unlink(missing_ok=True)


def test_a_schema_2_store_migrates_after_a_backup_with_notes_history_and_undo_intact(starter_store: Path) -> None:
    with FactStore.open(starter_store, create=False) as store:
        fact = next(f for f in store.facts.values() if f.evidence)
        note = store.add_note(Target(kind=TargetKind.FACT, id=fact.id), "written under schema 2", tags=["todo"])
        store.set_fact_status(fact.id, "disputed")
        store.checkpoint()
        facts = {f.id: f.model_dump(mode="json") for f in store.facts.values()}
        history = [(c.seq, c.op, c.id) for c in store.full_history()]
    as_schema_2(starter_store)
    old = {name: (starter_store / name).read_bytes() for name in db.FILES}
    with FactStore.open(starter_store, create=False) as store:
        assert {f.id: f.model_dump(mode="json") for f in store.facts.values()} == facts
        assert store.note(note.id).body == "written under schema 2" and store.note(note.id).tags == ["todo"]
        assert [(c.seq, c.op, c.id) for c in store.full_history()] == history
        assert all(f.provenance.kind in ("source", "user") for f in store.facts.values())
        assert store.undo() is not None  # the status change made under schema 2
        assert store.fact(fact.id).status.value != "disputed"
    for name in db.FILES:
        assert orjson.loads((starter_store / name).read_bytes())[db.META][db.META_ID]["schema_version"] == SCHEMA_VERSION
    [backup] = [b for b in backups.list_backups(starter_store) if b.name.endswith("before-migration-2")]
    for name in db.FILES:
        assert (backup / name).read_bytes() == old[name]
    assert backups.backup_is_sound(backup)


def test_a_schema_2_journal_line_replays_into_a_schema_3_store(tiny_store: Path) -> None:
    """Lines written before the upgrade and newer than the snapshots still apply."""
    with FactStore.open(tiny_store, create=False) as store:
        fact = next(iter(store.facts.values()))
        store.add_note(Target(kind=TargetKind.FACT, id=fact.id), "journal only")
        # no checkpoint: the note lives only in the journal
    as_schema_2(tiny_store)
    with FactStore.open(tiny_store, create=False) as store:
        assert [n.body for n in store.annotations.values()] == ["journal only"]


# --- data-set matches and entity qualifiers (issue 15, the ATOP importer) -------------------------

def test_a_dataset_entity_proposal_names_the_alliance_it_matches_and_entity_qualifiers_are_optional() -> None:
    from store.models import EntityProposal

    proposal = EntityProposal(origin="dataset", match="alliance:nato", members=["country:USA"])
    entity = Entity(id="alliance:atop-3180", kind=EntityKind.ALLIANCE, name="NATO (ATOP 3180, 1949)",
                    proposal=proposal, qualifiers={"atop.cowid": "160"})
    again = Entity.model_validate(orjson.loads(orjson.dumps(entity.model_dump(mode="json"))))
    assert again.proposal is not None and again.proposal.match == "alliance:nato" and again.proposal.source_id == ""
    assert again.qualifiers == {"atop.cowid": "160"}
    # An article's proposal still names its article; empty new fields are left out of files.
    with pytest.raises(ValidationError):
        EntityProposal(origin="import")
    old = EntityProposal(source_id="src:a", members=["country:JPN"])
    assert "match" not in old.model_dump(mode="json")
    plain = Entity(id="alliance:x", kind=EntityKind.ALLIANCE, name="X")
    assert "qualifiers" not in plain.model_dump(mode="json")
    with pytest.raises(ValidationError):
        EntityProposal(origin="dataset", match="not an id")


def test_a_migrated_store_stays_sealed_so_later_opens_stay_fast(starter_store: Path) -> None:
    """A sealed schema-2 file migrated is sealed again: its records were validated when written and the
    migration keeps them valid. Unsealed, every later open validated every record (100,000 facts: 6 s, not 1.5)."""
    with FactStore.open(starter_store, create=False):
        pass
    for name in db.FILES:  # what a schema-2 build wrote: sealed files of version 2
        data = orjson.loads((starter_store / name).read_bytes())
        data[db.META][db.META_ID]["schema_version"] = 2
        raw = orjson.dumps(data)
        (starter_store / name).write_bytes(raw)
        db.write_seals(starter_store, {name: raw})
    with FactStore.open(starter_store, create=False) as store:  # migrates
        assert store.facts.built() == 0
    seals = db.read_seals(starter_store)
    for name in db.FILES:
        assert seals[name] == db.seal_of((starter_store / name).read_bytes()), name
    with FactStore.open(starter_store, create=False) as store:
        assert store.facts.built() == 0  # nothing validated at open: the files are what we wrote
