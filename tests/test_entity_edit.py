"""Entities made by hand and merged (issue 17): plain store tests on the starter world."""

from __future__ import annotations

import pytest

from store import entity_edit
from store.errors import StoreError
from store.models import EntityKind, FactStatus, MentionSpan, Origin, Relation, Target, TargetKind
from store.repository import FactStore


def test_a_grouping_made_by_hand_with_its_members_is_one_undo_step(starter: FactStore) -> None:
    squad = entity_edit.add_entity(starter, EntityKind.ALLIANCE, "  The  Squad ", aliases=["Squad", "US-Japan-Australia-Philippines"],
                                   members=["country:USA", "country:JPN", "country:AUS", "country:PHL"])
    assert squad.id == "alliance:the-squad" and squad.name == "The Squad" and squad.aliases == ["Squad", "US-Japan-Australia-Philippines"]
    members = sorted(link.entity.id for link in starter.members_of(squad.id))
    assert members == ["country:AUS", "country:JPN", "country:PHL", "country:USA"]
    assert all(f.origin is Origin.USER and f.status is FactStatus.CONFIRMED for f in starter.facts_of(squad.id))
    assert squad.id in [e.id for e in starter.find_entities("squad")]
    starter.undo()
    assert squad.id not in starter.entities and not starter.facts_of(squad.id)


def test_a_country_by_hand_takes_its_iso_code_or_asks_for_one(starter: FactStore) -> None:
    assert "country:BTN" not in starter.entities
    bhutan = entity_edit.add_entity(starter, EntityKind.COUNTRY, "Bhutan")
    assert bhutan.id == "country:BTN"
    with pytest.raises(StoreError, match="already in the store"):
        entity_edit.add_entity(starter, EntityKind.COUNTRY, "Bhutan")
    with pytest.raises(StoreError, match="three-letter code"):
        entity_edit.add_entity(starter, EntityKind.COUNTRY, "Kosovo")
    assert entity_edit.add_entity(starter, EntityKind.COUNTRY, "Kosovo", code="xkx").id == "country:XKX"
    with pytest.raises(StoreError, match="not a country"):
        entity_edit.add_entity(starter, EntityKind.ALLIANCE, "Odd", members=["alliance:nato"])


def test_a_merge_moves_facts_notes_and_mentions_and_folds_duplicates(starter: FactStore) -> None:
    quad = "alliance:quad"
    copy = entity_edit.add_entity(starter, EntityKind.ALLIANCE, "Quadrilateral dialogue (copy)", aliases=["QSD"],
                                  members=["country:JPN", "country:BTN"] if "country:BTN" in starter.entities else ["country:JPN"])
    duplicate = next(f for f in starter.facts_of(copy.id) if f.subject == "country:JPN")
    original = next(f for f in starter.facts_of(quad) if f.subject == "country:JPN" and f.relation is Relation.MEMBER_OF)
    excerpt = next(iter(starter.excerpts.values()))
    starter.add_records("evidence", [("facts", duplicate.model_copy(update={"evidence": [excerpt.id]}))])
    note = starter.add_note(Target(kind=TargetKind.ENTITY, id=copy.id), "same as the Quad?")
    on_fact = starter.add_note(Target(kind=TargetKind.FACT, id=duplicate.id), "dated?")
    mentioned = excerpt.model_copy(update={"mentions": [*excerpt.mentions, MentionSpan(entity_id=copy.id, start=0, end=1)]})
    starter.add_records("mention", [("excerpts", mentioned)])
    facts_before = len(starter.facts)

    kept = entity_edit.merge_entities(starter, quad, copy.id)
    assert copy.id not in starter.entities
    assert {"Quadrilateral dialogue (copy)", "QSD"} <= set(kept.aliases)
    assert duplicate.id not in starter.facts and len(starter.facts) == facts_before - 1
    assert excerpt.id in starter.fact(original.id).evidence  # the duplicate's evidence joined the fact it repeated
    assert starter.note(note.id).target.id == quad and starter.note(on_fact.id).target.id == original.id
    assert any(m.entity_id == quad for m in starter.excerpts[excerpt.id].mentions)
    assert not any(m.entity_id == copy.id for m in starter.excerpts[excerpt.id].mentions)
    assert starter.undo_label() == f"merge Quadrilateral dialogue (copy) into {starter.entity(quad).name}"
    starter.undo()
    assert copy.id in starter.entities and duplicate.id in starter.facts
    assert starter.note(note.id).target.id == copy.id


def test_a_merge_refuses_two_kinds_and_itself(starter: FactStore) -> None:
    with pytest.raises(StoreError, match="only two of a kind"):
        entity_edit.merge_entities(starter, "alliance:nato", "country:KOR")
    with pytest.raises(StoreError, match="into itself"):
        entity_edit.merge_entities(starter, "alliance:nato", "alliance:nato")


def test_a_merge_of_two_tied_entities_keeps_the_notes_on_their_tie(starter: FactStore) -> None:
    a = entity_edit.add_entity(starter, EntityKind.ALLIANCE, "Pact A")
    b = entity_edit.add_entity(starter, EntityKind.ALLIANCE, "Pact B")
    from store.models import Fact

    tie = Fact(id="fact:tie", subject=a.id, relation=Relation.CONSULTS_WITH, object=b.id, origin=Origin.USER)
    starter.add_records("tie", [("facts", tie)])
    note = starter.add_note(Target(kind=TargetKind.FACT, id=tie.id), "they talk")
    entity_edit.merge_entities(starter, a.id, b.id)
    assert "fact:tie" not in starter.facts
    assert starter.note(note.id).target == Target(kind=TargetKind.ENTITY, id=a.id)  # kept, on the entity kept


def test_a_merge_rewrites_what_names_the_entity_gone_obligations_and_proposals(starter: FactStore) -> None:
    from store.models import Obligation, ObligationType
    from store.models.entities import EntityProposal

    # A country made twice, named by an alliance's obligation and by two proposals.
    twin = entity_edit.add_entity(starter, EntityKind.COUNTRY, "Republic of Korea (copy)", code="ROX")
    pact = entity_edit.add_entity(starter, EntityKind.ALLIANCE, "Pact of the twin", members=[twin.id, "country:USA"])
    owed = Obligation(subject="country:USA", object=twin.id, type=ObligationType.DEFENSE, article="III")
    proposed = entity_edit.add_entity(starter, EntityKind.ALLIANCE, "Proposed trio")
    excerpt = next(iter(starter.excerpts.values()))
    proposal = EntityProposal(source_id=excerpt.source_id, members=sorted(["country:USA", twin.id]), noun="trilateral")
    starter.add_records("set up", [
        ("entities", starter.entity(pact.id).model_copy(update={"obligations": [owed]})),
        ("entities", starter.entity(proposed.id).model_copy(update={"proposal": proposal})),
    ])
    entity_edit.merge_entities(starter, "country:KOR", twin.id)
    assert starter.entity(pact.id).obligations == [owed.model_copy(update={"object": "country:KOR"})]
    assert starter.entity(proposed.id).proposal.members == ["country:KOR", "country:USA"]  # type: ignore[union-attr]
    starter.undo()
    assert starter.entity(pact.id).obligations == [owed]


def test_a_merge_of_alliances_keeps_the_obligations_of_both_and_repoints_a_data_set_match(starter: FactStore) -> None:
    from store.models import Obligation, ObligationType
    from store.models.entities import EntityProposal

    every = Obligation(subject="*", object="*", type=ObligationType.DEFENSE, article="5")
    consult = Obligation(subject="*", object="*", type=ObligationType.CONSULTATION, article="4")
    a = entity_edit.add_entity(starter, EntityKind.ALLIANCE, "Pact A")
    b = entity_edit.add_entity(starter, EntityKind.ALLIANCE, "Pact B")
    record = entity_edit.add_entity(starter, EntityKind.ALLIANCE, "ATOP 9999")
    starter.add_records("set up", [
        ("entities", starter.entity(a.id).model_copy(update={"obligations": [every]})),
        ("entities", starter.entity(b.id).model_copy(update={"obligations": [every, consult]})),
        ("entities", starter.entity(record.id).model_copy(update={"proposal": EntityProposal(origin="dataset", match=b.id)})),
    ])
    entity_edit.merge_entities(starter, a.id, b.id)
    assert starter.entity(a.id).obligations == [every, consult]  # each once
    assert starter.entity(record.id).proposal.match == a.id  # type: ignore[union-attr]
