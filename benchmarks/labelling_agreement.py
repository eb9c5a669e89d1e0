"""How far two labellings of the same articles agree, beside how far the pipeline reaches (issue 14).

    PYTHONPATH=$PWD .venv/bin/python benchmarks/labelling_agreement.py [SET …]

``benchmarks/second_labelling/<set>/`` holds a second gold file per article of a spent held-out set,
labelled blind (by a helper who saw the articles and the labelling rules, never the first gold).
The second labelling is scored as if it were a pipeline against the first, with the scorer of
``extraction_eval`` (same triples, same matching of new entities, links by the researched world);
then the pipeline is scored against each. Precision of the second against the first is the recall
of the first against the second, so one direction says all.

What it tells: whether the issue's bar (facts P .80 / R .60) asks more than two careful readers agree on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

from benchmarks import extraction_eval as ev

SECOND = Path(__file__).resolve().parent / "second_labelling"


def labelled_sets() -> list[str]:
    return sorted((p.name for p in SECOND.iterdir() if p.is_dir()), key=lambda n: int(n.removeprefix("heldout") or 0))


def second_gold(article: Path) -> dict:
    return json.loads((SECOND / article.parent.parent.name / f"{article.stem}.json").read_text(encoding="utf-8"))


def as_pipeline(gold_of: Callable[[Path], dict]) -> ev.Pipeline:
    """A labelling read back as an :class:`~extraction_eval.Extraction`: what a perfect pipeline of that
    labeller would have found (its facts all proposals; the scorer files them by the world)."""

    def run(starter: Path, article: Path) -> ev.Extraction:
        gold = ev.with_store_names(gold_of(article), _starter_names(starter))
        out = ev.Extraction([{*(f"country:{c}" for c in p["countries"]), *(f"alliance:{a}" for a in p["alliances"])}
                             for p in gold["paragraphs"]])
        out.proposals = {(f["subject"], ev._relation_key(f["relation"], f["modality"]), f["object"])
                         for f in gold["facts"]}
        out.new_entities = {f"alliance:{e['slug']}": (e["name"], list(e.get("aliases", [])), list(e["members"]), e["kind"])
                            for e in gold.get("new_entities", [])}
        return out

    return run


_starter_names = cache(ev.starter_names)  # one read of the starter store per run, not one per article


def _line(label: str, score: ev.Score) -> str:
    return f"  {label:28} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}  ({score.tp} / {score.fp} / {score.fn})"


def main(argv: list[str]) -> int:
    names = argv or labelled_sets()
    totals = {k: ev.Score() for k in ("second vs first", "pipeline vs first", "pipeline vs second")}
    second = as_pipeline(second_gold)
    for name in names:
        articles = ev.article_paths((), name)
        print(f"{name}: {len(articles)} articles (facts: TP / FP / FN)")
        second_first = ev.evaluate(articles, second, known_from="world")
        pipeline_first = ev.evaluate(articles, known_from="world")
        pipeline_second = ev.evaluate(articles, known_from="world", gold_of=second_gold)
        for label, result in (("second vs first", second_first), ("pipeline vs first", pipeline_first),
                              ("pipeline vs second", pipeline_second)):
            print(_line(f"facts, {label}", result.facts))
            totals[label].tp += result.facts.tp
            totals[label].fp += result.facts.fp
            totals[label].fn += result.facts.fn
        print(_line("countries, second vs first", second_first.countries))
        print(_line("alliances, second vs first", second_first.alliances_all))
    if len(names) > 1:
        print("all sets:")
        for label, score in totals.items():
            print(_line(f"facts, {label}", score))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
