"""The seventh held-out set (benchmarks/heldout7/), labelled blind: every gold file is valid against its
article and the researched world, with the same checks as tests/test_heldout.py. No pipeline runs here,
and none may: the set is for final figures only (see benchmarks/heldout7/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import extraction_eval as ev
from store.pipeline.ingest import parse_article
from tests.test_heldout import check_gold, check_header

HELDOUT7 = Path(__file__).resolve().parent.parent / "benchmarks" / "heldout7"
ARTICLES = sorted((HELDOUT7 / "articles").glob("*.txt"))
GOLD = HELDOUT7 / "gold"


@pytest.fixture(scope="module")
def world_slugs() -> set[str]:
    return ev.world_slugs()


@pytest.fixture(scope="module")
def world_facts() -> set[ev.Triple]:
    symmetric = ev.symmetric_relations()
    return {ev.canonical(t, symmetric) for t in ev.world_triples()}


def _urls(folder: Path) -> set[str]:
    return {parse_article(p.read_text(encoding="utf-8")).url for p in folder.glob("*.txt")}


def test_the_set_is_as_the_brief_asks() -> None:
    """12 articles from at least 8 publishers; at most 6 restatements, at least 6 verbatim texts."""
    parsed = [parse_article(p.read_text(encoding="utf-8")) for p in ARTICLES]
    assert len(ARTICLES) == 12
    assert len({a.publisher for a in parsed}) >= 8
    restated = [p for p in ARTICLES if p.stem.startswith("restatement-")]
    assert len(restated) <= 6 and len(ARTICLES) - len(restated) >= 6
    assert {p.stem for p in ARTICLES} == {p.stem for p in GOLD.glob("*.json")}
    assert ev.SETS["heldout7"] == HELDOUT7


@pytest.mark.parametrize("other", ["devset", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6"])
def test_no_article_is_in_an_earlier_set(other: str) -> None:
    """Neither the tuned-on development set nor the earlier held-out sets share a page or a file."""
    folder = ev.SETS[other] / "articles"
    assert not _urls(HELDOUT7 / "articles") & _urls(folder)
    assert not {p.stem for p in ARTICLES} & {p.stem for p in folder.glob("*.txt")}


def test_every_article_states_facts_and_some_are_links() -> None:
    """A set whose facts were all proposals (or all links) could not measure both halves of the scorer."""
    golds = [json.loads((GOLD / f"{p.stem}.json").read_text(encoding="utf-8")) for p in ARTICLES]
    assert all(g["facts"] for g in golds)
    links = [f["link"] for g in golds for f in g["facts"]]
    assert any(links) and not all(links)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_article_header(article: Path) -> None:
    check_header(article)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_gold_is_valid(article: Path, world_slugs: set[str], world_facts: set[ev.Triple]) -> None:
    check_gold(article, world_slugs, world_facts)
