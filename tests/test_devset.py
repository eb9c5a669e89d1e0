"""The extraction development set (issue 14): every gold file is well-formed against its article and
the starter store, and benchmarks/extraction_eval.py scores a pipeline on it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks import extraction_eval as ev
from store.countries import all_country_codes
from store.pipeline.ingest import parse_article
from store.models import FuzzyDate, Relation

ARTICLES = sorted(ev.ARTICLES.glob("*.txt"))
MODALITIES = {"asserted", "planned", "possible", "expected", "considering", "denied", "negated"}
ISO3 = set(all_country_codes())


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ev.build_starter(tmp_path_factory.mktemp("devset") / "starter")


@pytest.fixture(scope="module")
def starter_alliances(starter: Path) -> set[str]:
    return ev.starter_alliances(starter)


def test_the_set_is_as_large_as_the_issue_asks() -> None:
    publishers = {parse_article(p.read_text(encoding="utf-8")).publisher for p in ARTICLES}
    assert len(ARTICLES) >= 25
    assert len(publishers) >= 8
    assert {p.stem for p in ARTICLES} == {p.stem for p in ev.GOLD.glob("*.json")}


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_article_header(article: Path) -> None:
    parsed = parse_article(article.read_text(encoding="utf-8"))
    assert parsed.title and parsed.publisher and parsed.url.startswith("http")
    assert parsed.published is not None and 2021 <= parsed.published.year <= 2026
    assert parsed.metadata.get("Licence")
    restated = parsed.metadata.get("Restatement") == "yes"
    assert restated == article.stem.startswith("restatement-")


def test_restatements_are_at_most_eleven() -> None:
    # Five in the first 37 articles; h-devset4 adds six (news prose, the brief allowing about half of its twelve).
    assert sum(p.stem.startswith("restatement-") for p in ARTICLES) <= 11


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_gold_is_valid(article: Path, starter_alliances: set[str]) -> None:
    gold = json.loads((ev.GOLD / f"{article.stem}.json").read_text(encoding="utf-8"))
    assert gold["article"] == article.name
    body = ev.read_body(article)
    spans = ev.paragraphs(article)
    assert [p["i"] for p in gold["paragraphs"]] == list(range(len(spans)))
    new = {e["slug"]: e for e in gold["new_entities"]}
    assert not set(new) & starter_alliances, "a new entity must be one the store lacks"
    for e in new.values():
        assert e["name"] and e["kind"] and e["members"] and set(e["members"]) <= ISO3
    alliances = starter_alliances | set(new)
    for p in gold["paragraphs"]:
        assert p["countries"] == sorted(set(p["countries"])) and set(p["countries"]) <= ISO3
        assert p["alliances"] == sorted(set(p["alliances"])) and set(p["alliances"]) <= alliances
    used: set[str] = set()
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
    assert set(new) <= used | {a for p in gold["paragraphs"] for a in p["alliances"]}


def test_a_perfect_pipeline_scores_one(starter: Path) -> None:
    """The scorer's plug-in point: a pipeline that returns the gold scores 1.0 everywhere."""
    article = ev.ARTICLES / "restatement-ap-nato-ip4-2024.txt"

    def oracle(_starter: Path, path: Path) -> ev.Extraction:
        gold = ev.load_gold(path)
        mentions = [{f"country:{c}" for c in p["countries"]} | {f"alliance:{a}" for a in p["alliances"]}
                    for p in gold["paragraphs"]]
        triples = {(f["subject"], ev._relation_key(f["relation"], f["modality"]), f["object"])
                   for f in gold["facts"]}
        return ev.Extraction(mentions, proposals=triples)

    result = ev.evaluate([article], oracle, starter=starter)
    for score in (result.countries, result.alliances_all, result.links, result.proposals, result.facts):
        assert (score.precision, score.recall) == (1.0, 1.0)
    assert result.links.tp == 4 and result.proposals.tp == 4  # attended (known) and "not member_of" (new)


def test_asserting_a_negated_fact_is_a_false_positive(starter: Path) -> None:
    article = ev.ARTICLES / "restatement-ap-nato-ip4-2024.txt"

    def wrong(_starter: Path, path: Path) -> ev.Extraction:
        n = len(ev.load_gold(path)["paragraphs"])
        return ev.Extraction([set() for _ in range(n)], proposals={("country:JPN", "member_of", "alliance:nato")})

    result = ev.evaluate([article], wrong, starter=starter)
    assert result.facts.tp == 0 and result.facts.fp == 1
    assert result.proposals.fp == 1 and result.proposals.fn == 4  # the gold has it as "not member_of"
    assert any(re.search(r"FP country:JPN member_of alliance:nato", e) for e in result.proposals.errors)


def test_member_and_party_are_one_relation_only_in_the_belonging_score(starter: Path) -> None:
    """A party to an agreement read as its member: wrong in the facts' score, right in the score that takes the two
    relations as one (the labellers' largest disagreement); a negation stays a negation in both."""
    article = ev.ARTICLES / "restatement-ap-nato-ip4-2024.txt"
    gold = ev.load_gold(article)

    def swapped(_starter: Path, path: Path) -> ev.Extraction:
        triples = {(f["subject"], ev._relation_key(f["relation"], f["modality"]).replace("member_of", "party_to"),
                    f["object"]) for f in gold["facts"]}
        return ev.Extraction([set() for _ in gold["paragraphs"]], proposals=triples)

    result = ev.evaluate([article], swapped, starter=starter)
    members = sum("member_of" in ev._relation_key(f["relation"], f["modality"]) for f in gold["facts"])
    assert members and result.facts.fp == members
    assert (result.facts_belonging.precision, result.facts_belonging.recall) == (1.0, 1.0)


def test_today_s_pipeline_runs_on_one_article(starter: Path) -> None:
    article = ev.ARTICLES / "restatement-reuters-k2-deal-2022.txt"
    result = ev.evaluate([article], starter=starter)
    assert result.articles == 1 and result.paragraphs == len(ev.paragraphs(article))
    assert result.countries.tp > 0
    assert result.facts.tp + result.facts.fn == len(ev.load_gold(article)["facts"])
