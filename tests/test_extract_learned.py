"""The claims stage's learned fallback (store/pipeline/extract/learned.py): the pairs it reads, the
claims a model makes of them, and how the importer files those claims.

Models here are written by hand, a weight or two, so each test says which words make a claim;
one test checks the bundled model loads and reads a plain sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from store import db
from store.models import Entity, EntityKind, MentionSpan, Relation
from store.pipeline.extract import learned
from store.pipeline.extract.learned import LABELS, LearnedClaim, RelationModel, learned_claims, pairs
from store.pipeline.importer import import_text
from store.repository import FactStore

NAMES = {"Japan": "country:JPN", "Vietnam": "country:VNM", "Poland": "country:POL",
         "NATO": "alliance:nato", "AUKUS": "alliance:aukus", "Australia": "country:AUS"}


def mentions(text: str) -> list[MentionSpan]:
    return [MentionSpan(entity_id=NAMES[m.group(0)], start=m.start(), end=m.end())
            for m in re.finditer("|".join(NAMES), text)]


def no_members(alliance: str) -> frozenset[str] | None:
    return None


def model(threshold: float = 0.5, **weights: dict[str, float]) -> RelationModel:
    """A model that leans to ``label`` by ``weight`` on each feature given (``b__supply`` is the feature
    ``b:supply``), and to "none" by 1 always."""
    table: dict[str, list[float]] = {"bias": [1.0] + [0.0] * (len(LABELS) - 1)}
    for feature, by_label in weights.items():
        row = [0.0] * len(LABELS)
        for label, w in by_label.items():
            row[LABELS.index(label)] = w
        table[feature.replace("__", ":")] = row
    return RelationModel(table, threshold)


ARMS = model(**{"b__supply": {"arms>": 6.0}, "b__from": {"arms<": 6.0}})


def read(text: str, m: RelationModel = ARMS, skip: set[frozenset[str]] | None = None) -> list[LearnedClaim]:
    return learned_claims(text, mentions(text), no_members, skip or set(), m)


# --- pairs -----------------------------------------------------------------------------------

def test_pairs_are_in_reading_order_with_the_words_between_and_around() -> None:
    text = "Last year Japan quietly supplied Vietnam with six patrol boats."
    [pair] = pairs(text, mentions(text), no_members, set())
    assert (pair.first, pair.second) == ("country:JPN", "country:VNM")
    assert {"k:CC", "b:quietly", "b:supply", "bb:quietly_supply", "l:year", "r:with", "s:patrol"} <= set(pair.features)
    assert not any(f.startswith("mem:") for f in pair.features)


def test_two_alliances_a_pair_the_rules_related_and_a_question_are_not_read() -> None:
    assert pairs("NATO and AUKUS met.", mentions("NATO and AUKUS met."), no_members, set()) == []
    text = "Japan supplied Vietnam with boats."
    assert pairs(text, mentions(text), no_members, {frozenset(("country:JPN", "country:VNM"))}) == []
    question = "Did Japan supply Vietnam with boats?"
    assert pairs(question, mentions(question), no_members, set()) == []


def test_each_entity_is_read_once_per_sentence_and_sentences_apart() -> None:
    text = "Japan and Vietnam met. Japan supplied Vietnam with boats, Japan said."
    found = pairs(text, mentions(text), no_members, set())
    assert [(p.first, p.second) for p in found] == [("country:JPN", "country:VNM")] * 2
    assert found[0].sentence != found[1].sentence


def test_a_country_the_store_counts_a_member_of_the_alliance_is_a_feature() -> None:
    text = "Poland hosted NATO troops."

    def members(alliance: str) -> frozenset[str] | None:
        return frozenset({"country:POL"}) if alliance == "alliance:nato" else None

    [pair] = pairs(text, mentions(text), members, set())
    assert "mem:yes" in pair.features and "k:CA" in pair.features
    [unknown] = pairs(text, mentions(text), no_members, set())
    assert "mem:unknown" in unknown.features


# --- claims ----------------------------------------------------------------------------------

def test_the_label_with_the_most_weight_makes_the_claim_with_its_probability() -> None:
    [claim] = read("Japan supplied Vietnam with six patrol boats.")
    assert (claim.subject, claim.label, claim.object, claim.modality) == ("country:JPN", "arms", "country:VNM", "asserted")
    assert claim.probability > 0.9


def test_the_second_entity_can_be_the_supplier() -> None:
    [claim] = read("Vietnam took delivery of patrol boats from Japan.")
    assert (claim.subject, claim.object) == ("country:JPN", "country:VNM")


def test_below_the_threshold_there_is_no_claim() -> None:
    assert read("Japan and Vietnam held talks.") == []
    assert read("Japan supplied Vietnam with boats.", model(threshold=0.999, b__supply={"arms>": 6.0})) == []


def test_negation_hedges_and_conditions_are_read_as_the_rules_read_them() -> None:
    assert read("Japan did not supply Vietnam with boats.")[0].modality == "negated"
    assert read("Japan could supply Vietnam with boats.")[0].modality == "possible"
    assert read("If Japan supplied Vietnam with boats, China would protest.") == []


def test_a_membership_ties_a_country_to_an_alliance_whichever_comes_first() -> None:
    m = model(b__hail={"member": 6.0})
    [claim] = read("NATO hails Poland.", m)
    assert (claim.subject, claim.label, claim.object) == ("country:POL", "member", "alliance:nato")
    assert read("Japan hails Vietnam.", m) == []  # two countries are never members of each other


def test_a_relation_of_two_countries_is_never_made_with_an_alliance() -> None:
    assert read("NATO supplied Poland with tanks.") == []


def test_text_that_looks_like_markup_or_escapes_is_only_text() -> None:
    text = "Japan [bold]supplied[/] Vietnam \x1b[31mwith boats."
    [claim] = read(text)
    assert claim.subject == "country:JPN"


# --- the model as data -----------------------------------------------------------------------

def test_a_model_survives_its_json_and_refuses_other_labels() -> None:
    again = RelationModel.from_json(ARMS.to_json())
    assert again.threshold == ARMS.threshold
    assert again.probabilities(["bias", "b:supply"]) == pytest.approx(ARMS.probabilities(["bias", "b:supply"]), abs=1e-3)
    with pytest.raises(ValueError, match="other labels"):
        RelationModel.from_json('{"labels": ["none", "x"], "threshold": 0.5, "weights": {}}')


def test_the_bundled_model_loads_and_reads_a_plain_sale_and_plain_cooperation() -> None:
    bundled = learned.bundled_model()
    assert bundled is not None and 0 < bundled.threshold < 1
    for text, label in (("Japan will sell six patrol boats to Vietnam.", "arms>"),
                        ("Japan and Vietnam agreed to deepen defence cooperation.", "cooperates")):
        probabilities = bundled.probabilities(pairs(text, mentions(text), no_members, set())[0].features)
        assert max(range(len(LABELS)), key=probabilities.__getitem__) == LABELS.index(label), text


# --- through the importer --------------------------------------------------------------------

@pytest.fixture
def store(tmp_path: Path):
    tables = db.new_tables()
    nato = Entity(id="alliance:nato", kind=EntityKind.ALLIANCE, name="North Atlantic Treaty Organization",
                  aliases=["NATO"], alliance_kind="military alliance")
    tables["facts.json"]["entities"][nato.id] = nato.model_dump(mode="json")
    db.write_new_store(tmp_path / "db", tables)
    s = FactStore.open(tmp_path / "db", create=False)
    yield s
    s.close()


@pytest.fixture
def switched_on():
    before = learned.use_model(True)
    yield
    learned.use_model(before)


def test_the_importer_asks_no_model_unless_switched_on(store: FactStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "bundled_model", lambda: model(b__ferry={"arms>": 6.0}))
    assert import_text(store, "Japan ferried Vietnam six patrol boats last year.", name="boats.txt").proposed == []


@pytest.mark.usefixtures("switched_on")
def test_the_importer_proposes_the_model_claims_the_rules_left(store: FactStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "bundled_model", lambda: model(b__ferry={"arms>": 6.0}))
    report = import_text(store, "Japan ferried Vietnam six patrol boats last year.", name="boats.txt")
    [fact] = report.proposed
    assert (fact.subject, fact.relation, fact.object) == ("country:JPN", Relation.ARMS_SUPPLIER_TO, "country:VNM")
    assert fact.qualifiers["cue"].startswith("model 0.9")


@pytest.mark.usefixtures("switched_on")
def test_the_model_is_not_asked_about_a_pair_a_rule_related(store: FactStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # Would the model be asked, it would call the sale cooperation.
    monkeypatch.setattr(learned, "bundled_model", lambda: model(b__sold={"cooperates": 9.0}))
    report = import_text(store, "Japan sold six patrol boats to Vietnam.", name="boats.txt")
    assert {(f.subject, f.relation, f.object) for f in report.proposed} == {
        ("country:JPN", Relation.ARMS_SUPPLIER_TO, "country:VNM")}


@pytest.mark.usefixtures("switched_on")
def test_a_model_membership_takes_the_relation_the_store_codes(store: FactStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "bundled_model", lambda: model(b__flew={"member": 6.0}))
    report = import_text(store, "Poland flew NATO jets over the Baltic.", name="jets.txt")
    [fact] = report.proposed
    assert (fact.subject, fact.relation, fact.object) == ("country:POL", Relation.MEMBER_OF, "alliance:nato")


@pytest.mark.usefixtures("switched_on")
def test_without_a_model_file_the_rules_stand_alone(store: FactStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "bundled_model", lambda: None)
    assert import_text(store, "Japan ferried Vietnam six patrol boats.", name="boats.txt").proposed == []


@pytest.mark.usefixtures("switched_on")
def test_a_link_the_model_proposes_ranks_below_a_rules_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "bundled_model", lambda: model(b__flew={"member": 6.0}))
    starter = FactStore.open(tmp_path / "starter")  # the starter world: Australia is a member of ANZUS
    try:
        guessed = import_text(starter, "Australia flew ANZUS patrols over the Coral Sea.", name="guess.txt")
        stated = import_text(starter, "Australia is a member of ANZUS.", name="stated.txt")
    finally:
        starter.close()
    [guess] = guessed.links_proposed
    [rule] = stated.links_proposed
    assert guessed.linked_facts[guess.fact_id] == stated.linked_facts[rule.fact_id]
    assert guess.cue.startswith("model ") and guess.confidence < 0.5 < rule.confidence
