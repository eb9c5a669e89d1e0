"""The held-out set (benchmarks/heldout/): every gold file is valid against its article and the
researched world's slugs. No pipeline runs here: the set is for measuring, not tuning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import extraction_eval as ev
from store.countries import all_country_codes
from store.pipeline.ingest import parse_article
from store.models import FuzzyDate, Relation

HELDOUT = ev.SETS["heldout"]
ARTICLES = sorted((HELDOUT / "articles").glob("*.txt"))
GOLD = HELDOUT / "gold"
MODALITIES = {"asserted", "planned", "possible", "expected", "considering", "denied", "negated"}
ISO3 = set(all_country_codes())


@pytest.fixture(scope="module")
def world_slugs() -> set[str]:
    return ev.world_slugs()


@pytest.fixture(scope="module")
def world_facts() -> set[ev.Triple]:
    symmetric = ev.symmetric_relations()
    return {ev.canonical(t, symmetric) for t in ev.world_triples()}


def test_the_set_is_as_the_brief_asks() -> None:
    publishers = {parse_article(p.read_text(encoding="utf-8")).publisher for p in ARTICLES}
    assert 8 <= len(ARTICLES) <= 10
    assert len(publishers) >= 6
    assert {p.stem for p in ARTICLES} == {p.stem for p in GOLD.glob("*.json")}


def test_no_article_is_in_the_development_set() -> None:
    def urls(folder: Path) -> set[str]:
        return {parse_article(p.read_text(encoding="utf-8")).url for p in folder.glob("*.txt")}

    assert not urls(HELDOUT / "articles") & urls(ev.ARTICLES)
    assert not {p.stem for p in ARTICLES} & {p.stem for p in ev.ARTICLES.glob("*.txt")}


def test_world_renames_are_applied(world_slugs: set[str]) -> None:
    assert {"us-japan-alliance", "us-rok-alliance", "fpda", "csto", "rus-prk"} <= world_slugs
    assert not {"us-japan-1960", "us-rok"} & world_slugs


def check_header(article: Path) -> None:
    """The importer's header with a licence, and `Restatement: yes` exactly on the `restatement-…` files."""
    parsed = parse_article(article.read_text(encoding="utf-8"))
    assert parsed.title and parsed.publisher and parsed.url.startswith("http")
    assert parsed.published is not None and 2021 <= parsed.published.year <= 2026
    assert parsed.metadata.get("Licence")
    restated = parsed.metadata.get("Restatement") == "yes"
    assert restated == article.stem.startswith("restatement-")


def check_gold(article: Path, world_slugs: set[str], world_facts: set[ev.Triple], gold_file: Path | None = None) -> None:
    """The article's gold file (or ``gold_file``, a second labelling of it) against its text, the world's slugs and
    the world's triples (link flags)."""
    if gold_file is None:
        gold_file = article.parent.parent / "gold" / f"{article.stem}.json"
        assert ev.gold_path(article) == gold_file.resolve()
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    assert gold["article"] == article.name
    body = ev.read_body(article)
    spans = ev.paragraphs(article)
    assert [p["i"] for p in gold["paragraphs"]] == list(range(len(spans)))
    new = {e["slug"]: e for e in gold["new_entities"]}
    assert not set(new) & world_slugs, "a new entity must be one the researched world lacks"
    for e in new.values():
        assert e["name"] and e["kind"] and e["members"] and set(e["members"]) <= ISO3
    alliances = world_slugs | set(new)
    for p in gold["paragraphs"]:
        assert p["countries"] == sorted(set(p["countries"])) and set(p["countries"]) <= ISO3
        assert p["alliances"] == sorted(set(p["alliances"])) and set(p["alliances"]) <= alliances
    used: set[str] = set()
    symmetric = ev.symmetric_relations()
    for f in gold["facts"]:
        assert Relation(f["relation"])
        assert f["modality"] in MODALITIES
        for end in (f["subject"], f["object"]):
            kind, _, key = end.partition(":")
            assert (kind == "country" and key in ISO3) or (kind == "alliance" and key in alliances), end
            if kind == "alliance":
                used.add(key)
        assert f["subject"].startswith("country:")
        assert f["paragraphs"] and all(0 <= i < len(spans) for i in f["paragraphs"])
        start, end = spans[f["paragraphs"][0]]
        assert f["quote"] and f["quote"] in body[start:end], f["quote"]
        if f["start"] is not None:
            FuzzyDate(f["start"])
        triple = ev.canonical((f["subject"], f["relation"], f["object"]), symmetric)
        assert f["link"] == (triple in world_facts), f"link flag of {triple}"
    triples = [(f["subject"], ev._relation_key(f["relation"], f["modality"]), f["object"]) for f in gold["facts"]]
    assert len(triples) == len(set(triples)), "one fact per (subject, relation, object)"
    assert set(new) <= used | {a for p in gold["paragraphs"] for a in p["alliances"]}


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_article_header(article: Path) -> None:
    check_header(article)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_gold_is_valid(article: Path, world_slugs: set[str], world_facts: set[ev.Triple]) -> None:
    check_gold(article, world_slugs, world_facts)


def test_world_alliances_missing_from_the_store_count_as_new_entities() -> None:
    """A pipeline that proposes FPDA as a new entity, by name, is scored as having found alliance:fpda."""
    gold = json.loads((GOLD / "restatement-malaymail-fpda-2024.json").read_text(encoding="utf-8"))
    world = ev.world_alliances()
    extended = ev.with_world_entities(gold, {"nato", "quad"}, world)
    assert [e["slug"] for e in extended["new_entities"]] == ["fpda"]
    found = ev.Extraction([set() for _ in gold["paragraphs"]],
                          new_entities={"alliance:five-power-defence-arrangements":
                                        ("Five Power Defence Arrangements", ["FPDA"], ["MYS"], "arrangement")})
    assert ev.match_new_entities(found, extended) == {"alliance:five-power-defence-arrangements": "alliance:fpda"}
    assert ev.with_world_entities(gold, {"fpda"}, world) is gold


def test_a_world_treaty_alliance_matches_on_members_whatever_its_sort() -> None:
    """The world's us-philippines is a 'bilateral defence treaty'; proposed as 'the U.S.-Philippine
    Alliance' (an alliance) with the same two members, it is still the same entity."""
    gold = {"paragraphs": [{"i": 0, "countries": [], "alliances": ["us-philippines"]}], "facts": [], "new_entities": []}
    extended = ev.with_world_entities(gold, set(), ev.world_alliances())
    found = ev.Extraction([set()], new_entities={"alliance:u-s-philippine-alliance":
                                                 ("U.S.-Philippine Alliance", [], ["PHL", "USA"], "alliance")})
    assert ev.match_new_entities(found, extended) == {"alliance:u-s-philippine-alliance": "alliance:us-philippines"}


def test_a_gold_name_written_with_its_acronym_matches_the_name_alone() -> None:
    """heldout31's "Gulf Cooperation Council (GCC)", labelled an agreement's sort, proposed as the grouping "Gulf
    Cooperation Council": the same entity by its name (the sorts differ, so the members alone do not tell)."""
    entry = {"slug": "gcc", "name": "Gulf Cooperation Council (GCC)",
             "kind": "regional organisation (joint defence agreement)", "members": ["ARE", "BHR", "KWT", "OMN", "QAT", "SAU"]}
    gold = {"paragraphs": [{"i": 0, "countries": [], "alliances": []}], "facts": [], "new_entities": [entry]}

    def matched(name: str) -> dict[str, str]:
        found = ev.Extraction([set()], new_entities={"alliance:x": (name, [], entry["members"], "grouping")})
        return ev.match_new_entities(found, gold)

    assert matched("Gulf Cooperation Council") == {"alliance:x": "alliance:gcc"}
    assert matched("GCC") == {"alliance:x": "alliance:gcc"}
    assert matched("Gulf Council") == {}


def test_one_of_two_agreements_of_a_pair_is_told_by_its_subject_or_its_kind() -> None:
    """A pair with two agreements in the gold: the proposal is the one whose words it shares, or whose kind it has;
    neither, and it is none of them (a false positive, as before)."""
    gold = {"paragraphs": [{"i": 0, "countries": [], "alliances": []}], "facts": [], "new_entities": [
        {"slug": "jc-info", "name": "Japan-Canada Security of Information Agreement", "kind": "information security "
         "agreement", "members": ["CAN", "JPN"]},
        {"slug": "jc-equip", "name": "Japan-Canada equipment transfer agreement", "kind": "defence equipment transfer "
         "agreement", "members": ["CAN", "JPN"]},
        {"slug": "jc-mou", "name": "Japan-Canada memorandum on exchanges", "kind": "memorandum of understanding",
         "members": ["CAN", "JPN"]}]}

    def matched(name: str, kind: str) -> dict[str, str]:
        found = ev.Extraction([set()], new_entities={"alliance:x": (name, [], ["CAN", "JPN"], kind)})
        return ev.match_new_entities(found, gold)

    assert matched("Canada–Japan agreement on information security", "agreement") == {"alliance:x": "alliance:jc-info"}
    assert matched("Canada–Japan memorandum of understanding", "memorandum of understanding") == {
        "alliance:x": "alliance:jc-mou"}
    assert matched("Canada–Japan pact", "pact") == {}


def test_a_memorandum_is_an_agreement_and_a_partnership_is_not() -> None:
    """The labelling rules give a memorandum's, an arrangement's and an agreement's parties ``party_to``: one sort."""
    gold = {"paragraphs": [{"i": 0, "countries": [], "alliances": []}], "facts": [], "new_entities": [
        {"slug": "us-ago-mou", "name": "US-Angola defence memorandum of understanding (2017)",
         "kind": "memorandum of understanding", "members": ["AGO", "USA"]}]}
    found = ev.Extraction([set()], new_entities={"alliance:x": ("Angola–US security cooperation agreement", [],
                                                                ["AGO", "USA"], "agreement")})
    assert ev.match_new_entities(found, gold) == {"alliance:x": "alliance:us-ago-mou"}
    found = ev.Extraction([set()], new_entities={"alliance:y": ("Angola–US strategic partnership", [], ["AGO", "USA"],
                                                                "strategic partnership")})
    assert ev.match_new_entities(found, gold) == {}


def test_a_framework_roadmap_or_plan_is_an_agreement_and_a_gloss_in_brackets_is_not() -> None:
    """The labelling rules give a framework's, a roadmap's and a plan's parties ``party_to``, as an agreement's."""
    for kind in ("defence cooperation framework", "bilateral roadmap", "cooperation action plan"):
        gold = {"paragraphs": [{"i": 0, "countries": [], "alliances": []}], "facts": [], "new_entities": [
            {"slug": "in-us", "name": "Framework for the U.S.-India Major Defense Partnership", "kind": kind,
             "members": ["IND", "USA"]}]}
        found = ev.Extraction([set()], new_entities={"alliance:x": ("India–US defence cooperation framework", [],
                                                                    ["IND", "USA"], "framework agreement")})
        assert ev.match_new_entities(found, gold) == {"alliance:x": "alliance:in-us"}, kind
    assert not ev._agreement("security and defence partnership (non-binding political framework with the EU)")
    assert not ev._agreement("partner grouping")


def test_a_treaty_with_a_mutual_defence_clause_is_an_alliance_of_its_members() -> None:
    gold = {"paragraphs": [{"i": 0, "countries": [], "alliances": []}], "facts": [], "new_entities": [
        {"slug": "fr-pl", "name": "Treaty of Nancy", "kind": "treaty with a mutual defence clause", "members": ["FRA", "POL"]}]}
    found = ev.Extraction([set()], new_entities={"alliance:x": ("France–Poland treaty", [], ["FRA", "POL"],
                                                                "bilateral alliance")})
    assert ev.match_new_entities(found, gold) == {"alliance:x": "alliance:fr-pl"}
    # A partnership of the same pair is not its defence treaty.
    found = ev.Extraction([set()], new_entities={"alliance:y": ("France–Poland partnership", [], ["FRA", "POL"],
                                                                "strategic partnership")})
    assert ev.match_new_entities(found, gold) == {}


def test_a_new_entity_the_store_has_gained_is_scored_as_the_stores() -> None:
    """A set labelled before the store held the Bucharest Nine names it "Bucharest Nine (B9)" with a slug of its own;
    once the store holds it (as ``b9``, called "B9"), the gold's mentions and facts are the store's."""
    gold = {"paragraphs": [{"i": 0, "countries": ["POL"], "alliances": ["bucharest-format", "nato"]}],
            "facts": [{"subject": "country:POL", "relation": "member_of", "object": "alliance:bucharest-format",
                       "paragraphs": [0], "modality": "asserted"}],
            "new_entities": [{"slug": "bucharest-format", "name": "Bucharest Nine (Bucharest Format, B9)",
                              "kind": "format", "members": ["POL", "ROU"]},
                             {"slug": "other", "name": "Something Else", "kind": "grouping", "members": []}]}
    renamed = ev.with_store_names(gold, {"b9": "b9", "nato": "nato"})
    assert renamed["paragraphs"][0]["alliances"] == ["b9", "nato"]
    assert renamed["facts"][0]["object"] == "alliance:b9"
    assert [e["slug"] for e in renamed["new_entities"]] == ["other"]
    assert ev.with_store_names(gold, {"nato": "nato"}) is gold  # no name in common: untouched
