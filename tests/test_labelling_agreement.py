"""The second labellings of spent held-out sets (benchmarks/second_labelling/) and the agreement script: each second
gold file is as valid as a first one, and a labelling scored against itself agrees wholly."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import extraction_eval as ev
from benchmarks import labelling_agreement as agreement
from tests.test_heldout import check_gold



@pytest.fixture(scope="module")
def world_slugs() -> set[str]:
    return ev.world_slugs()


@pytest.fixture(scope="module")
def world_facts() -> set[ev.Triple]:
    symmetric = ev.symmetric_relations()
    return {ev.canonical(t, symmetric) for t in ev.world_triples()}


SECONDS = [(name, article) for name in agreement.labelled_sets() for article in ev.article_paths((), name)]


def test_each_second_labelling_covers_its_whole_set() -> None:
    assert agreement.labelled_sets()
    for name in agreement.labelled_sets():
        stems = {p.stem for p in (agreement.SECOND / name).glob("*.json")}
        assert stems == {a.stem for a in ev.article_paths((), name)}


@pytest.mark.parametrize("name, article", SECONDS, ids=lambda x: x if isinstance(x, str) else x.stem)
def test_a_second_gold_file_is_valid(name: str, article: Path, world_slugs: set[str],
                                     world_facts: set[ev.Triple]) -> None:
    check_gold(article, world_slugs, world_facts, agreement.SECOND / name / f"{article.stem}.json")


def test_a_labelling_agrees_wholly_with_itself() -> None:
    articles = ev.article_paths((), "heldout64")[:4]
    result = ev.evaluate(articles, agreement.as_pipeline(ev.load_gold), known_from="world")
    assert result.facts.tp > 0 and result.facts.fp == result.facts.fn == 0
    assert result.countries.fp == result.countries.fn == 0


def test_the_pipeline_is_scored_against_the_second_labelling_when_asked() -> None:
    articles = ev.article_paths((), "heldout64")[:4]
    second = agreement.second_gold
    result = ev.evaluate(articles, agreement.as_pipeline(second), known_from="world", gold_of=second)
    assert result.facts.tp > 0 and result.facts.fp == result.facts.fn == 0
