"""FactStore: every query on the starter store, every write with undo and redo."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store import db
from store.errors import NotFound, StoreError
from store.models import (
    Annotation,
    Change,
    DateKind,
    Entity,
    EntityKind,
    Excerpt,
    Fact,
    FactStatus,
    FuzzyDate,
    Op,
    Relation,
    Source,
    Target,
    TargetKind,
)
from store.repository import Evidence, FactStore, Link

ARTICLE = "src:franceinfo-pacific-rapprochement"
KOR, JPN, AUS, USA, GBR = "country:KOR", "country:JPN", "country:AUS", "country:USA", "country:GBR"
NATO, AUKUS = "alliance:nato", "alliance:aukus"
US_ROK, TRILATERAL = "alliance:us-rok-alliance", "alliance:us-japan-rok-trilateral"


@pytest.fixture(scope="module")
def ro(starter_template: Path):
    """The starter store, read-only, shared by the query tests of this module."""
    store = FactStore.open(starter_template, readonly=True, create=False)
    yield store
    store.close()


def find_fact(store: FactStore, subject: str, relation: str, obj: str, start: str | None = None) -> Fact:
    hits = [
        f for f in store.facts.values()
        if (f.subject, f.relation.value, f.object) == (subject, relation, obj)
        and (start is None or (f.start is not None and f.start.value.startswith(start)))
    ]
    assert len(hits) == 1, hits
    return hits[0]


def ids(links: list[Link]) -> list[str]:
    return [link.entity.id for link in links]


# --- queries -----------------------------------------------------------------------

def test_countries_with_counts(ro: FactStore) -> None:
    countries = ro.countries()
    assert all(isinstance(e, Entity) and e.kind is EntityKind.COUNTRY for e, _ in countries)
    names = [e.name for e, _ in countries]
    assert names == sorted(names, key=str.casefold)
    counts = {e.id: n for e, n in countries}
    # Each count is what a full scan finds: the index agrees with the data.
    for entity_id, n in counts.items():
        assert n == sum(1 for f in ro.facts.values() if entity_id in f.entities and f.status is not FactStatus.RETRACTED)
    assert {KOR, JPN, AUS, USA, GBR, "country:POL", "country:FRA", "country:UKR", "country:CHN"} <= set(counts)
    # Only countries that have facts are listed, though mentioned ones exist as entities.
    assert all(n > 0 for n in counts.values())
    assert counts[KOR] == len(ro.facts_of(KOR)) >= 10


def test_alliances_with_counts(ro: FactStore) -> None:
    alliances = dict((e.id, n) for e, n in ro.alliances())
    assert {NATO, AUKUS, US_ROK, TRILATERAL, "alliance:anzus", "alliance:quad", "alliance:five-eyes",
            "alliance:us-japan-alliance"} <= set(alliances)
    assert alliances[NATO] == max(alliances.values())


def test_alliances_of_south_korea(ro: FactStore) -> None:
    links = ro.alliances_of(KOR)
    assert all(isinstance(link, Link) for link in links)
    # Memberships first (by date), then partnerships.
    assert ids(links) == [US_ROK, "alliance:admm-plus", "alliance:ip4", TRILATERAL, NATO, AUKUS]
    us_rok, _admm_plus, _ip4, trilateral, nato, _aukus = links
    assert [f.relation for f in us_rok.facts] == [Relation.MEMBER_OF]
    # The membership dates from the signature; entry into force is a date of its own.
    assert us_rok.facts[0].start == FuzzyDate("1953-10-01")
    assert str(us_rok.facts[0].dates[DateKind.IN_FORCE]) == "1954-11-17"
    assert trilateral.facts[0].start == FuzzyDate("2023-08-18")
    relations = [f.relation for f in nato.facts]
    assert relations[0] is Relation.PARTNER_OF and nato.facts[0].start == FuzzyDate("2005")
    assert [f.start.value for f in nato.facts if f.relation is Relation.ATTENDED] == ["2022-06-28", "2023-07-11", "2024-07-09"]


def test_alliances_of_japan_and_australia(ro: FactStore) -> None:
    assert set(ids(ro.alliances_of(JPN))) >= {"alliance:us-japan-alliance", "alliance:quad", TRILATERAL, NATO, AUKUS}
    aus = ro.alliances_of(AUS)
    # In order of start: the UN Command (Australia's first forces under it, 1950), then ANZUS (1951).
    assert ids(aus)[:5] == ["alliance:united-nations-command", "alliance:anzus", "alliance:manila-pact",
                            "alliance:five-eyes", "alliance:fpda"]
    assert {NATO, "alliance:global-coalition-against-daesh", "alliance:nato-afghanistan"} <= set(ids(aus))


@pytest.mark.parametrize(
    ("alliance", "members"),
    [(AUKUS, {AUS, GBR, USA}), (US_ROK, {KOR, USA}), (TRILATERAL, {JPN, KOR, USA}),
     ("alliance:anzus", {AUS, "country:NZL", USA}), ("alliance:quad", {AUS, "country:IND", JPN, USA}),
     ("alliance:five-eyes", {AUS, "country:CAN", GBR, "country:NZL", USA}), ("alliance:us-japan-alliance", {JPN, USA})],
)
def test_members_of(ro: FactStore, alliance: str, members: set[str]) -> None:
    links = ro.members_of(alliance)
    assert set(ids(links)) == members and len(links) == len(members)
    assert all(any(f.relation is Relation.MEMBER_OF for f in link.facts) for link in links)


def test_members_of_nato(ro: FactStore) -> None:
    members = set(ids(ro.members_of(NATO)))
    assert len(members) == 32
    assert {USA, GBR, "country:FRA", "country:TUR", "country:POL", "country:FIN", "country:SWE"} <= members
    assert KOR not in members and JPN not in members and AUS not in members  # partners, not members


def test_facts_of_with_and_without_other(ro: FactStore) -> None:
    everything = ro.facts_of(KOR)
    assert all(isinstance(f, Fact) and KOR in f.entities for f in everything)
    assert everything == sorted(everything, key=Fact.sort_key)
    narrowed = ro.facts_of(KOR, NATO)
    assert [f.relation for f in narrowed] == [
        Relation.PARTNER_OF, Relation.PARTNER_OF, Relation.ATTENDED, Relation.ACCREDITED_MISSION_TO,
        Relation.PARTNER_OF, Relation.ATTENDED, Relation.ATTENDED, Relation.COOPERATES_WITH,
    ]
    assert all(set(f.entities) == {KOR, NATO} for f in narrowed)
    assert all(f in everything for f in narrowed)
    # Country-to-country facts: arms to Poland, no arms to Ukraine directly.
    poland = ro.facts_of(KOR, "country:POL")
    assert poland and all(f.relation is Relation.ARMS_SUPPLIER_TO for f in poland)
    assert [f.relation for f in ro.facts_of(KOR, "country:UKR")] == [Relation.DECLINES_TO_ARM]
    assert [f.relation for f in ro.facts_of("country:FRA", NATO) if f.relation is Relation.OPPOSES_PROPOSAL_OF]
    assert ro.facts_of(KOR, "alliance:anzus") == []
    assert ro.facts_of("country:XXX") == []


def test_evidence_and_references(ro: FactStore) -> None:
    fact = find_fact(ro, KOR, "accredited_mission_to", NATO)
    evidence = ro.evidence(fact.id)
    assert evidence and all(isinstance(e, Evidence) for e in evidence)
    for item in evidence:
        assert isinstance(item.excerpt, Excerpt) and isinstance(item.source, Source)
        assert item.source.id == ARTICLE
        assert item.source.text[item.excerpt.start:item.excerpt.end] == item.excerpt.quote.exact
    assert [e.excerpt.id for e in evidence] == fact.evidence
    references = ro.references(fact.id)
    assert [s.id for s in references] == ["ref:yonhap-kor-mission"]
    assert all(isinstance(s, Source) for s in references)
    # A reference-only fact has no evidence; an article-only fact no reference.
    reference_only = find_fact(ro, "country:ALB", "member_of", NATO)
    assert ro.evidence(reference_only.id) == [] and ro.references(reference_only.id)
    with pytest.raises(NotFound, match="no fact"):
        ro.evidence("fact:nowhere")


def test_excerpts_of_the_article_in_text_order(ro: FactStore) -> None:
    excerpts = ro.excerpts_of(ARTICLE)
    assert len(excerpts) >= 10
    assert [e.start for e in excerpts] == sorted(e.start for e in excerpts)
    assert ro.excerpts_of("src:nowhere") == []


def test_find_entities(ro: FactStore) -> None:
    assert ro.find_entities("South Korea")[0].id == KOR
    assert ro.find_entities("south korea")[0].id == KOR
    assert ro.find_entities("ROK")[0].id == KOR or KOR in [e.id for e in ro.find_entities("ROK")]
    assert [e.id for e in ro.find_entities("Republic of Korea")][0] == KOR
    assert [e.id for e in ro.find_entities("aukus")] == [AUKUS]
    assert ro.find_entities("Turkey")[0].id == "country:TUR"  # an alias
    assert ro.find_entities("Türkiye")[0].name == "Türkiye"
    assert NATO in [e.id for e in ro.find_entities("Atlantic Alliance")]
    assert ro.find_entities("no such thing at all") == []
    assert all(isinstance(e, Entity) for e in ro.find_entities("a"))
    # Names that start with the text come before names that contain it.
    hits = [e.name for e in ro.find_entities("united")]
    assert hits[:3] == ["United Kingdom", "United Nations Command", "United States"]


def test_lookups_raise_not_found_with_a_sentence(ro: FactStore) -> None:
    for lookup, key in ((ro.entity, "country:XXX"), (ro.fact, "fact:x"), (ro.note, "note:x")):
        with pytest.raises(NotFound) as info:
            lookup(key)
        assert key in str(info.value) and not str(info.value).startswith('"')
        assert isinstance(info.value, KeyError)


def test_queries_return_models_not_documents(ro: FactStore) -> None:
    assert isinstance(ro.entity(KOR), Entity)
    assert all(type(v) is Fact for v in ro.facts.values())
    assert all(type(v) is Excerpt for v in ro.excerpts.values())
    assert all(type(v) is Source for v in ro.sources.values())
    for link in ro.alliances_of(KOR):
        assert type(link.entity) is Entity and all(type(f) is Fact for f in link.facts)
    assert not any(isinstance(x, dict) for x in ro.facts_of(KOR))


# --- notes -------------------------------------------------------------------------

def test_notes_on_a_fact_an_excerpt_and_an_entity(starter: FactStore) -> None:
    fact = find_fact(starter, KOR, "accredited_mission_to", NATO)
    excerpt_id = fact.evidence[0]
    a = starter.add_note(Target(kind="fact", id=fact.id), "first", tags=["summit", " korea ", "summit"])
    b = starter.add_note(Target(kind=TargetKind.FACT, id=fact.id), "second")
    c = starter.add_note(Target(kind="excerpt", id=excerpt_id), "on the passage")
    d = starter.add_note(Target(kind="entity", id=KOR), "on the country")
    assert isinstance(a, Annotation) and a.tags == ["summit", "korea"] and a.rev == 1
    assert [n.id for n in starter.notes_on("fact", fact.id)] == [a.id, b.id]
    assert [n.id for n in starter.notes_on(TargetKind.EXCERPT, excerpt_id)] == [c.id]
    assert [n.id for n in starter.notes_on("entity", KOR)] == [d.id]
    assert starter.notes_on("entity", JPN) == []
    assert all(type(n) is Annotation for n in starter.notes_on("fact", fact.id))
    with pytest.raises(ValueError):
        starter.notes_on("country", KOR)


def test_a_note_needs_an_existing_target(starter: FactStore) -> None:
    journal = starter.folder / db.JOURNAL
    for target in (Target(kind="fact", id="fact:nowhere"), Target(kind="excerpt", id=KOR), Target(kind="entity", id="country:XXX")):
        with pytest.raises(NotFound, match="cannot add a note"):
            starter.add_note(target, "lost?")
    assert starter.annotations == {}
    assert not journal.exists() or journal.read_bytes() == b""


def test_edit_tags_and_delete_a_note(starter: FactStore) -> None:
    target = Target(kind="entity", id=KOR)
    note = starter.add_note(target, "draft")
    edited = starter.edit_note(note.id, "final")
    assert edited.body == "final" and edited.rev == 2 and edited.created == note.created
    assert edited.updated >= note.updated
    assert starter.note(note.id) == edited
    tagged = starter.set_note_tags(note.id, ["b", "a", "b"])
    assert tagged.tags == ["b", "a"] and tagged.body == "final" and tagged.rev == 3
    with pytest.raises(StoreError, match="tags"):
        starter.set_note_tags(note.id, ["has space"])
    assert starter.note(note.id).tags == ["b", "a"]
    starter.delete_note(note.id)
    assert starter.notes_on("entity", KOR) == []
    with pytest.raises(NotFound):
        starter.note(note.id)
    with pytest.raises(NotFound):
        starter.edit_note(note.id, "again")
    with pytest.raises(NotFound):
        starter.delete_note(note.id)


# --- facts -------------------------------------------------------------------------

def test_counts_taken_at_open_match_a_full_scan_after_writes_and_a_reopen(starter: FactStore) -> None:
    def scanned(store: FactStore, entity_id: str) -> int:
        return sum(1 for f in store.facts.values() if entity_id in f.entities and f.status is not FactStatus.RETRACTED)

    fact = find_fact(starter, KOR, "partner_of", NATO, "2005")
    starter.set_fact_status(fact.id, FactStatus.RETRACTED)
    folder = starter.folder
    starter.close()
    reopened = FactStore.open(folder, readonly=True, create=False)
    try:
        for entity_id in reopened.entities:
            assert reopened.relation_count(entity_id) == scanned(reopened, entity_id), entity_id
        assert reopened.relation_count(KOR) == scanned(reopened, KOR) > 0
    finally:
        reopened.close()


def test_set_fact_status(starter: FactStore) -> None:
    fact = find_fact(starter, KOR, "partner_of", NATO, "2005")
    count = starter.relation_count(KOR)
    disputed = starter.set_fact_status(fact.id, "disputed")
    assert disputed.status is FactStatus.DISPUTED and disputed.rev == fact.rev + 1
    assert starter.fact(fact.id).status is FactStatus.DISPUTED
    starter.set_fact_status(fact.id, FactStatus.RETRACTED)
    assert starter.relation_count(KOR) == count - 1
    assert fact.id not in [f.id for f in starter.facts_of(KOR, include_retracted=False)]
    assert fact.id in [f.id for f in starter.facts_of(KOR)]
    with pytest.raises(ValueError):
        starter.set_fact_status(fact.id, "maybe")


def test_an_edit_that_changes_nothing_is_no_undo_step(starter: FactStore) -> None:
    fact = find_fact(starter, KOR, "partner_of", NATO, "2005")
    disputed = starter.set_fact_status(fact.id, "disputed")
    changes = len(starter.history())
    assert starter.set_fact_status(fact.id, "disputed") == disputed  # x on a fact already disputed
    assert starter.edit_fact(fact.id, start=disputed.start) == disputed
    assert len(starter.history()) == changes
    assert starter.undo() == "mark disputed"
    assert starter.fact(fact.id).status is fact.status


def test_a_retracted_membership_is_not_a_member(starter: FactStore) -> None:
    fact = find_fact(starter, GBR, "member_of", AUKUS)
    starter.set_fact_status(fact.id, "retracted")
    assert set(ids(starter.members_of(AUKUS))) == {AUS, USA}
    starter.undo()
    assert set(ids(starter.members_of(AUKUS))) == {AUS, GBR, USA}


def test_edit_fact_fields(starter: FactStore) -> None:
    fact = find_fact(starter, KOR, "partner_of", NATO, "2005")
    edited = starter.edit_fact(fact.id, start="2006-03", end="unknown", qualifiers={"note": "checked"})
    assert edited.start == FuzzyDate("2006-03") and edited.end == "unknown" and edited.qualifiers == {"note": "checked"}
    assert edited.evidence == fact.evidence and edited.created == fact.created and edited.rev == fact.rev + 1
    assert starter.fact(fact.id) == edited


def test_edit_fact_moves_it_between_entities_in_the_indices(starter: FactStore) -> None:
    fact = find_fact(starter, KOR, "partner_of", NATO, "2005")
    starter.edit_fact(fact.id, subject=JPN)
    assert fact.id not in [f.id for f in starter.facts_of(KOR)]
    assert fact.id in [f.id for f in starter.facts_of(JPN, NATO)]
    starter.undo()
    assert fact.id in [f.id for f in starter.facts_of(KOR, NATO)]
    assert fact.id not in [f.id for f in starter.facts_of(JPN)]


@pytest.mark.parametrize(
    ("fields", "words"),
    [({"start": "2022-13"}, "start"), ({"end": "1999"}, "before start"), ({"relation": "friend_of"}, "relation"),
     ({"object": KOR}, "same entity"), ({"status": "sure"}, "status"), ({"colour": "red"}, "colour"),
     ({"subject": "KOR"}, "subject"), ({"evidence": "exc:1"}, "evidence")],
)
def test_an_invalid_fact_edit_changes_nothing(starter: FactStore, fields: dict, words: str) -> None:
    fact = find_fact(starter, KOR, "partner_of", NATO, "2005")
    journal = starter.folder / db.JOURNAL
    history = starter.history()
    indexed = starter.facts_of(KOR, NATO)
    with pytest.raises(StoreError) as info:
        starter.edit_fact(fact.id, **fields)
    message = str(info.value)
    assert message.startswith("not saved: ") and words in message and "\n" not in message
    assert starter.fact(fact.id) == fact
    assert starter.history() == history
    assert not journal.exists() or journal.read_bytes() == b""
    assert starter.facts_of(KOR, NATO) == indexed  # the indices as they were


def test_edit_fact_refuses_unknown_entities_and_id_changes(starter: FactStore) -> None:
    fact = find_fact(starter, KOR, "partner_of", NATO, "2005")
    with pytest.raises(NotFound, match="country:XXX"):
        starter.edit_fact(fact.id, subject="country:XXX")
    with pytest.raises(StoreError, match="id cannot be changed"):
        starter.edit_fact(fact.id, id="fact:new")
    with pytest.raises(NotFound):
        starter.edit_fact("fact:nowhere", status="confirmed")
    assert starter.fact(fact.id) == fact and starter.history() == []


# --- undo and redo -----------------------------------------------------------------

def bodies(store: FactStore) -> dict[str, str]:
    return {n.id: n.body for n in store.annotations.values()}


def test_undo_and_redo_a_chain_of_writes(starter: FactStore) -> None:
    fact = find_fact(starter, KOR, "partner_of", NATO, "2005")
    assert not starter.can_undo and not starter.can_redo and starter.undo() is None and starter.redo() is None
    note = starter.add_note(Target(kind="fact", id=fact.id), "one")
    starter.edit_note(note.id, "two")
    starter.set_note_tags(note.id, ["t"])
    starter.set_fact_status(fact.id, "disputed")
    starter.delete_note(note.id)
    states = []

    def state():
        return bodies(starter), starter.fact(fact.id).status, [n.tags for n in starter.annotations.values()]

    assert starter.undo_label() == "delete note"
    labels = []
    for _ in range(5):
        states.append(state())
        labels.append(starter.undo())
    assert labels == ["delete note", "mark disputed", "edit tags", "edit note", "add note"]
    assert state() == ({}, fact.status, [])
    assert not starter.can_undo and starter.can_redo
    assert starter.redo_label() == "add note"
    redone = []
    for expected in reversed(states):
        redone.append(starter.redo())
        assert state() == expected
    assert redone == list(reversed(labels))
    assert not starter.can_redo and starter.can_undo
    # Undo after redo walks back again.
    assert starter.undo() == "delete note"
    assert bodies(starter) == {note.id: "two"}


def test_a_new_change_clears_redo(starter: FactStore) -> None:
    target = Target(kind="entity", id=KOR)
    a = starter.add_note(target, "a")
    starter.edit_note(a.id, "a2")
    starter.undo()
    assert starter.can_redo
    starter.add_note(target, "b")
    assert not starter.can_redo and starter.redo() is None
    assert sorted(bodies(starter).values()) == ["a", "b"]
    # and the stacks stay so across a reopen
    starter.close()
    with FactStore.open(starter.folder) as again:
        assert not again.can_redo
        assert again.undo() == "add note"
        assert sorted(bodies(again).values()) == ["a"]


def test_undo_across_close_and_reopen(starter: FactStore) -> None:
    fact = find_fact(starter, KOR, "partner_of", NATO, "2005")
    note = starter.add_note(Target(kind="fact", id=fact.id), "from yesterday")
    starter.set_fact_status(fact.id, "confirmed" if fact.status is not FactStatus.CONFIRMED else "disputed")
    starter.close()

    with FactStore.open(starter.folder) as second:
        assert second.undo_label() == f"mark {second.fact(fact.id).status.value}"
        second.undo()
        assert second.fact(fact.id).status is fact.status
    with FactStore.open(starter.folder) as third:
        assert third.can_redo and third.undo_label() == "add note"
        third.undo()
        assert third.annotations == {}
    with FactStore.open(starter.folder) as fourth:
        assert fourth.redo() == "add note"
        assert fourth.note(note.id).body == "from yesterday"
        assert fourth.redo() is not None
        assert fourth.fact(fact.id).status is not fact.status
        assert not fourth.can_redo


def test_undo_of_an_import_is_one_step(starter: FactStore) -> None:
    new_fact = Fact(id="fact:new", subject=KOR, relation="consults_with", object=AUS, start="2024")
    old = find_fact(starter, KOR, "partner_of", NATO, "2005")
    changed = old.model_copy(update={"qualifiers": {"note": "from the import"}})
    starter.add_records("import an article", [("facts", new_fact), ("facts", changed)])
    assert starter.fact("fact:new") == new_fact
    assert [c.op for c in starter.history()] == [Op.INSERT, Op.UPDATE]
    assert len({c.group for c in starter.history()}) == 1
    assert starter.undo() == "import an article"
    with pytest.raises(NotFound):
        starter.fact("fact:new")
    assert starter.fact(old.id) == old
    assert "fact:new" not in [f.id for f in starter.facts_of(AUS)]


def test_the_history_records_every_change(starter: FactStore) -> None:
    note = starter.add_note(Target(kind="entity", id=KOR), "x")
    starter.edit_note(note.id, "y")
    starter.undo()
    history = starter.history()
    assert all(type(c) is Change for c in history)
    assert [c.seq for c in history] == [1, 2, 3]
    assert [(c.op, c.label) for c in history] == [(Op.INSERT, "add note"), (Op.UPDATE, "edit note"), (Op.UPDATE, "undo edit note")]
    assert history[1].before["body"] == "x" and history[1].after["body"] == "y"
    assert history[2].undoes == history[1].group
    journal = [orjson.loads(line) for line in (starter.folder / db.JOURNAL).read_bytes().splitlines()]
    assert [c["seq"] for group in journal for c in group] == [1, 2, 3]


def test_history_cannot_be_changed_through_what_queries_return(starter: FactStore) -> None:
    note = starter.add_note(Target(kind="entity", id=KOR), "x", tags=["a"])
    starter.history()[0].after["tags"].append("sneaky")
    starter.checkpoint()
    raw = orjson.loads((starter.folder / "notes.json").read_bytes())["annotations"][note.id]
    assert raw["tags"] == ["a"]


def test_a_readonly_store_has_the_history_but_no_undo(starter_store: Path) -> None:
    with FactStore.open(starter_store) as store:
        store.add_note(Target(kind="entity", id=KOR), "x")
    with FactStore.open(starter_store, readonly=True) as ro_store:
        assert ro_store.can_undo and len(ro_store.history()) == 1
        with pytest.raises(StoreError, match="read-only"):
            ro_store.undo()
        assert len(ro_store.annotations) == 1


# Reads on the event loop while the app's writer thread writes: tests/test_concurrency.py.

def test_an_edit_that_moves_nothing_leaves_the_indices_alone(starter: FactStore) -> None:
    """A status edit at 100,000 facts must not copy an alliance's whole index (it cost 27 ms once)."""
    fact = find_fact(starter, KOR, "partner_of", NATO, "2005")
    nato_index = starter.indices.facts_by_entity[NATO]
    note = starter.add_note(Target(kind="fact", id=fact.id), "x")
    notes_index = starter.indices.notes_by_target[("fact", fact.id)]
    starter.set_fact_status(fact.id, "disputed")
    starter.edit_note(note.id, "y")
    assert starter.indices.facts_by_entity[NATO] is nato_index
    assert starter.indices.notes_by_target[("fact", fact.id)] is notes_index


def test_a_group_that_changes_one_record_twice(starter: FactStore) -> None:
    first = Fact(id="fact:twice", subject=KOR, relation="consults_with", object=AUS)
    second = first.model_copy(update={"object": JPN})
    starter.add_records("import", [("facts", first), ("facts", second)])
    assert starter.fact("fact:twice").object == JPN
    assert "fact:twice" in [f.id for f in starter.facts_of(JPN)]
    assert "fact:twice" not in [f.id for f in starter.facts_of(AUS)]
    starter.close()
    with FactStore.open(starter.folder) as again:
        assert again.fact("fact:twice").object == JPN
        assert "fact:twice" not in [f.id for f in again.facts_of(AUS)]
        again.undo()
        assert "fact:twice" not in again.facts
        assert "fact:twice" not in [f.id for f in again.facts_of(KOR)]


def test_groupings_of_a_set_of_countries_and_their_members(starter) -> None:  # noqa: ANN001
    """The grouping stage's lookup: every alliance all the countries are in, with all its members and parties."""
    countries = frozenset({"country:AUS", "country:GBR", "country:USA"})
    found = starter.groupings_of(countries)
    assert found["alliance:aukus"] == frozenset(countries)
    assert all(countries <= members for members in found.values())
    assert "alliance:quad" not in found  # the UK is not in the Quad
    assert starter.members_and_parties("alliance:aukus") == countries
    assert starter.groupings_of(frozenset({"country:AUS", "country:PRK"})) == {}


def test_member_countries_stop_past_the_limit_and_groupings_of_exactly_those_countries(starter) -> None:  # noqa: ANN001
    """The bounded lookups an import makes: a small grouping's members, or None for a larger one (NATO), and the
    alliances whose members are exactly a set of countries (AUKUS for its three, not NATO for the US and the UK)."""
    aukus = frozenset({"country:AUS", "country:GBR", "country:USA"})
    assert starter.member_countries("alliance:aukus", 4) == aukus
    assert starter.member_countries("alliance:aukus", 2) is None
    assert starter.member_countries("alliance:nato", 4) is None
    assert starter.member_countries("alliance:nato", 100) == frozenset(
        m for m in starter.members_and_parties("alliance:nato") if m.startswith("country:"))
    assert starter.groupings_of_exactly(aukus) == ["alliance:aukus"]
    assert "alliance:nato" not in starter.groupings_of_exactly(frozenset({"country:GBR", "country:USA"}))
    assert starter.groupings_of_exactly(frozenset({"country:AUS", "country:PRK"})) == []
    # The same answer as reading every member: the exact groupings are those groupings_of gives with exactly them.
    for countries in (aukus, frozenset({"country:JPN", "country:USA"}), frozenset({"country:JPN", "country:PHL"})):
        assert starter.groupings_of_exactly(countries) == sorted(
            a for a, members in starter.groupings_of(countries).items()
            if frozenset(m for m in members if m.startswith("country:")) == countries)


def test_membership_answers_follow_membership_writes_and_undo_whatever_else_is_written(starter: FactStore) -> None:
    """The ends of an entity's memberships are kept across writes that change no membership (an import's excerpts
    and links): a new membership, an edit of one, its removal and undo each show at once."""
    quad = frozenset({"country:AUS", "country:IND", "country:JPN", "country:USA"})
    before = starter.groupings_of_exactly(quad)
    other = Fact(id="fact:talks", subject=KOR, relation="consults_with", object=AUS, start="2024")
    starter.add_records("talks", [("facts", other)])
    assert starter.groupings_of_exactly(quad) == before
    joined = Fact(id="fact:kor-quad", subject=KOR, relation="member_of", object="alliance:quad", start="2030")
    starter.add_records("a fifth member", [("facts", joined)])
    assert "alliance:quad" not in starter.groupings_of_exactly(quad)
    assert "alliance:quad" in starter.groupings_of(frozenset({KOR, AUS}))
    starter.add_records("an edit", [("facts", joined.model_copy(update={"relation": Relation.PARTNER_OF}))])
    assert starter.groupings_of_exactly(quad) == before
    assert "alliance:quad" not in starter.groupings_of(frozenset({KOR, AUS}))
    assert starter.undo() == "an edit"
    assert "alliance:quad" in starter.groupings_of(frozenset({KOR, AUS}))
    assert starter.undo() == "a fifth member"
    assert starter.groupings_of_exactly(quad) == before
    assert "alliance:quad" not in starter.groupings_of(frozenset({KOR, AUS}))
