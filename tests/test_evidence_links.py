"""Evidence links: the record, the schema-2 migration, proposing and reviewing links, the pair index.

Store logic only (no Textual); the import side is in tests/test_link_proposals.py.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from pydantic import ValidationError

from store import backups, db
from store.errors import StoreError
from store.models import (
    SCHEMA_VERSION,
    EvidenceLink,
    LinkOrigin,
    LinkStatus,
    Stance,
    Target,
    TargetKind,
    link_id,
)
from store.repository import FactStore
from tests.conftest import snapshot_bytes

KOR = Target(kind=TargetKind.ENTITY, id="country:KOR")


# --- the record ---------------------------------------------------------------------------------

def test_a_link_has_defaults_and_is_checked() -> None:
    link = EvidenceLink(id="link:1", fact_id="fact:a", excerpt_id="exc:a:1")
    assert (link.stance, link.status, link.origin) == (Stance.SUPPORTS, LinkStatus.PROPOSED, LinkOrigin.IMPORT)
    assert 0 <= link.confidence <= 1 and link.rev == 1 and not link.reviewed
    with pytest.raises(ValidationError):
        EvidenceLink(id="link:1", fact_id="fact:a", excerpt_id="exc:a:1", confidence=1.5)
    with pytest.raises(ValidationError):
        EvidenceLink(id="link:1", fact_id="fact:a", excerpt_id="exc:a:1", stance="refutes")
    with pytest.raises(ValidationError):
        EvidenceLink(id="link:1", fact_id="fact:a", excerpt_id="exc:a:1", unknown="x")


def test_a_link_id_depends_on_fact_passage_and_stance_only() -> None:
    a = link_id("fact:a", "exc:1", Stance.SUPPORTS)
    assert a == link_id("fact:a", "exc:1", "supports")
    assert len({a, link_id("fact:b", "exc:1", "supports"), link_id("fact:a", "exc:2", "supports"),
                link_id("fact:a", "exc:1", "contradicts")}) == 4


def test_links_arrived_with_schema_2_and_live_in_facts_json() -> None:
    assert SCHEMA_VERSION >= 2 and db.TABLE_SINCE["evidence_links"] == 2
    assert "evidence_links" in db.FILES["facts.json"]


# --- migration ------------------------------------------------------------------------------------

def as_schema_1(folder: Path) -> None:
    """What a store written by the previous version looks like: schema 1, no links table, no seals."""
    for name in db.FILES:
        data = orjson.loads((folder / name).read_bytes())
        data[db.META][db.META_ID]["schema_version"] = 1
        data.pop("evidence_links", None)
        (folder / name).write_bytes(orjson.dumps(data))
    (folder / db.SEALS).unlink(missing_ok=True)


def test_a_schema_1_store_migrates_after_a_backup_keeping_every_note_and_evidence(starter_store: Path) -> None:
    with FactStore.open(starter_store, create=False) as store:
        note = store.add_note(KOR, "written under schema 1")
        evidence = {f.id: list(f.evidence) for f in store.facts.values()}
        notes = {n.id: n.body for n in store.annotations.values()}
        facts = len(store.facts)
    assert any(evidence.values())
    as_schema_1(starter_store)
    old = snapshot_bytes(starter_store)
    with FactStore.open(starter_store, create=False) as store:
        assert {f.id: list(f.evidence) for f in store.facts.values()} == evidence
        assert {n.id: n.body for n in store.annotations.values()} == notes and note.id in notes
        assert len(store.facts) == facts
        assert store.proposed_links() == []
    for name in db.FILES:
        data = orjson.loads((starter_store / name).read_bytes())
        assert data[db.META][db.META_ID]["schema_version"] == SCHEMA_VERSION
    assert "evidence_links" in orjson.loads((starter_store / "facts.json").read_bytes())
    [backup] = [b for b in backups.list_backups(starter_store) if b.name.endswith("before-migration-1")]
    for name in db.FILES:
        assert (backup / name).read_bytes() == old[name]
    assert backups.backup_is_sound(backup)  # a schema-1 backup without the links table is still a good one


def test_a_schema_1_file_without_the_links_table_is_not_called_damaged(tiny_store: Path) -> None:
    as_schema_1(tiny_store)
    data = orjson.loads((tiny_store / "facts.json").read_bytes())
    assert "evidence_links" not in data
    data[db.META][db.META_ID]["schema_version"] = 2
    (tiny_store / "facts.json").write_bytes(orjson.dumps(data))
    # A schema-2 file that lost its links table has lost data: refused, named.
    with pytest.raises(StoreError, match="has no evidence_links table"):
        FactStore.open(tiny_store, create=False)


# --- proposing, reviewing, undo ----------------------------------------------------------------------

def a_fact_and_passages(store: FactStore, n: int = 2) -> tuple[str, list[str]]:
    """A starter fact and n excerpts of the store that are not its evidence."""
    fact = next(f for f in store.facts.values() if f.evidence)
    others = [x for x in store.excerpts if x not in fact.evidence][:n]
    return fact.id, others


def proposal(fact_id: str, excerpt_id: str, stance: Stance = Stance.SUPPORTS, confidence: float = 0.7) -> EvidenceLink:
    return EvidenceLink(id=link_id(fact_id, excerpt_id, stance), fact_id=fact_id, excerpt_id=excerpt_id,
                        stance=stance, cue="joined", confidence=confidence)


def test_proposed_links_are_queried_by_fact_excerpt_source_and_status(starter: FactStore) -> None:
    fact_id, (x1, x2) = a_fact_and_passages(starter)
    added = starter.propose_links([proposal(fact_id, x1), proposal(fact_id, x2, Stance.CONTRADICTS)])
    assert len(added) == 2
    assert {l.excerpt_id for l in starter.links_of_fact(fact_id)} == {x1, x2}
    assert [l.fact_id for l in starter.links_of_excerpt(x1)] == [fact_id]
    source = starter.excerpts[x1].source_id
    assert x1 in {l.excerpt_id for l in starter.links_of_source(source)}
    assert {l.id for l in starter.proposed_links()} == {l.id for l in added}
    # The fact's evidence is untouched until a link is accepted.
    assert x1 not in starter.fact(fact_id).evidence


def test_accepting_a_supports_link_makes_it_evidence_and_undo_takes_it_back(starter: FactStore) -> None:
    fact_id, (x1, _) = a_fact_and_passages(starter)
    [link] = starter.propose_links([proposal(fact_id, x1)])
    before = starter.fact(fact_id)
    [accepted] = starter.accept_links([link.id])
    assert accepted.status is LinkStatus.ACCEPTED and accepted.rev == 2
    assert starter.fact(fact_id).evidence == [*before.evidence, x1]
    assert x1 in [ev.excerpt.id for ev in starter.evidence(fact_id)]
    assert starter.proposed_links() == []
    assert starter.undo() is not None
    assert starter.evidence_links[link.id].status is LinkStatus.PROPOSED
    assert starter.fact(fact_id).evidence == before.evidence
    assert [l.id for l in starter.proposed_links()] == [link.id]
    starter.redo()
    assert x1 in starter.fact(fact_id).evidence


def test_a_group_of_links_is_reviewed_in_one_undoable_step(starter: FactStore) -> None:
    fact_id, xs = a_fact_and_passages(starter, 3)
    links = starter.propose_links([proposal(fact_id, x) for x in xs])
    before = starter.fact(fact_id)
    evidence = before.evidence
    starter.accept_links([l.id for l in links])
    assert starter.fact(fact_id).evidence == [*evidence, *xs]
    assert starter.fact(fact_id).rev == before.rev + 1  # one edit of the fact, not three
    starter.undo()
    assert starter.fact(fact_id).evidence == evidence
    assert all(starter.evidence_links[l.id].status is LinkStatus.PROPOSED for l in links)


def test_rejecting_keeps_the_link_out_of_evidence_and_remembers_it(starter: FactStore) -> None:
    fact_id, (x1, _) = a_fact_and_passages(starter)
    [link] = starter.propose_links([proposal(fact_id, x1)])
    starter.reject_links([link.id])
    assert starter.evidence_links[link.id].status is LinkStatus.REJECTED
    assert x1 not in starter.fact(fact_id).evidence
    # Proposed again (a re-import): not proposed, the rejection stands.
    assert starter.propose_links([proposal(fact_id, x1)]) == []
    assert starter.evidence_links[link.id].status is LinkStatus.REJECTED
    assert starter.remembered(fact_id, starter.excerpts[x1].quote.exact, Stance.SUPPORTS)


def test_rejecting_an_accepted_link_takes_the_passage_out_of_evidence(starter: FactStore) -> None:
    fact_id, (x1, _) = a_fact_and_passages(starter)
    [link] = starter.propose_links([proposal(fact_id, x1)])
    starter.accept_links([link.id])
    starter.reject_links([link.id])
    assert x1 not in starter.fact(fact_id).evidence


def test_accepting_a_contradicting_link_does_not_make_it_evidence(starter: FactStore) -> None:
    fact_id, (x1, _) = a_fact_and_passages(starter)
    [link] = starter.propose_links([proposal(fact_id, x1, Stance.CONTRADICTS)])
    starter.accept_links([link.id])
    assert x1 not in starter.fact(fact_id).evidence
    assert [l.excerpt_id for l in starter.links_of_fact(fact_id, stance=Stance.CONTRADICTS)] == [x1]


def test_a_link_to_a_missing_fact_or_passage_is_refused(starter: FactStore) -> None:
    fact_id, (x1, _) = a_fact_and_passages(starter)
    with pytest.raises(StoreError, match="no fact"):
        starter.propose_links([proposal("fact:nowhere", x1)])
    with pytest.raises(StoreError, match="no excerpt"):
        starter.propose_links([proposal(fact_id, "exc:nowhere")])
    with pytest.raises(StoreError, match="no evidence link"):
        starter.accept_links(["link:nowhere"])


def test_links_survive_a_reopen_and_the_indices_are_rebuilt(starter_store: Path) -> None:
    with FactStore.open(starter_store, create=False) as store:
        fact_id, (x1, x2) = a_fact_and_passages(store)
        store.propose_links([proposal(fact_id, x1), proposal(fact_id, x2)])
        store.reject_links([link_id(fact_id, x2, Stance.SUPPORTS)])
    with FactStore.open(starter_store, create=False) as store:
        assert [l.excerpt_id for l in store.proposed_links()] == [x1]
        assert {l.status for l in store.links_of_fact(fact_id)} == {LinkStatus.PROPOSED, LinkStatus.REJECTED}


# --- the pair index -----------------------------------------------------------------------------------

def test_facts_between_two_entities_come_from_the_pair_index(starter: FactStore) -> None:
    for fact in list(starter.facts.values())[:50]:
        pair = starter.facts_between(fact.subject, fact.object)
        assert fact.id in {f.id for f in pair}
        assert {f.id for f in pair} == {f.id for f in starter.facts_between(fact.object, fact.subject)}
        assert {f.id for f in pair} == {f.id for f in starter.facts_of(fact.subject, fact.object)}


def test_the_pair_index_follows_edits_and_undo(tiny: FactStore) -> None:
    assert [f.id for f in tiny.facts_between("country:KOR", "alliance:nato")] == ["fact:kor-nato"]
    tiny.edit_fact("fact:kor-nato", subject="country:JPN")
    assert tiny.facts_between("country:KOR", "alliance:nato") == []
    assert {f.id for f in tiny.facts_between("alliance:nato", "country:JPN")} == {"fact:kor-nato", "fact:jpn-nato"}
    tiny.undo()
    assert [f.id for f in tiny.facts_between("country:KOR", "alliance:nato")] == ["fact:kor-nato"]


def test_facts_between_does_not_scan_the_facts(tiny: FactStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_scan(*args: object) -> object:
        raise AssertionError("facts_between scanned the facts table")

    monkeypatch.setattr(type(tiny.facts), "values", no_scan)
    monkeypatch.setattr(type(tiny.facts), "items", no_scan)
    assert [f.id for f in tiny.facts_between("country:USA", "alliance:nato")] == ["fact:usa-nato"]


def test_check_names_a_link_whose_passage_is_gone(starter_store: Path) -> None:
    from store.check import check_store

    with FactStore.open(starter_store, create=False) as store:
        fact_id, (x1, _) = a_fact_and_passages(store)
        [link] = store.propose_links([proposal(fact_id, x1)])
    data = orjson.loads((starter_store / "sources.json").read_bytes())
    del data["excerpts"][x1]
    (starter_store / "sources.json").write_bytes(orjson.dumps(data))
    problems = check_store(starter_store)
    assert any(f"evidence_links/{link.id}: links excerpt {x1}" in p for p in problems), problems


def test_relations_between_reads_the_pair_as_facts_between_does(starter: FactStore) -> None:
    # The cheap form of facts_between the import asks for every pair a sentence names: the same facts, either way round.
    expected = sorted((f.relation.value, f.subject, f.start.value if f.start else None)
                      for f in starter.facts_between("country:FIN", "alliance:nato"))
    assert ("member_of", "country:FIN", "2023-04-04") in expected
    assert sorted(starter.relations_between("country:FIN", "alliance:nato")) == expected
    assert sorted(starter.relations_between("alliance:nato", "country:FIN")) == expected
    assert starter.relations_between("country:FIN", "alliance:aukus") == []
