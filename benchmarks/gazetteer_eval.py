"""Precision, recall and speed of store.pipeline.gazetteer on the labelled paragraphs.

    PYTHONPATH=/work/main /work/venv/bin/python benchmarks/gazetteer_eval.py [-v]

Scores are micro-averaged over paragraphs: each paragraph contributes the set of entities it
mentions, so naming Japan five times in a paragraph counts once, as in the labels.
``-v`` lists every false positive and false negative with its paragraph.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "gazetteer"
ARTICLE = ROOT / "store" / "data" / "franceinfo-pacific-rapprochement.txt"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, found: set[str], expected: set[str], text: str) -> None:
        self.tp += len(found & expected)
        self.fp += len(found - expected)
        self.fn += len(expected - found)
        for e in sorted(found - expected):
            self.errors.append(f"FP {e:28} {text[:110]!r}")
        for e in sorted(expected - found):
            self.errors.append(f"FN {e:28} {text[:110]!r}")


def load_alliances() -> list:
    """The starter store's alliances and groupings (store/data/world/treaties.tsv, groupings.tsv)."""
    from store.datasets.starter import starter_alliances

    return starter_alliances()


def load_labels(folder: Path = LABELS) -> list[dict]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                row["file"] = path.name
                rows.append(row)
    return rows


def evaluate(gazetteer, rows: Iterable[dict]) -> tuple[Score, Score]:
    countries, alliances = Score(), Score()
    for row in rows:
        ids = {m.entity_id for m in gazetteer.find(row["text"])}
        countries.add({i[8:] for i in ids if i.startswith("country:")}, set(row["countries"]), row["text"])
        alliances.add({i[9:] for i in ids if i.startswith("alliance:")}, set(row["alliances"]), row["text"])
    return countries, alliances


def article_of_words(words: int = 1500) -> str:
    """The starter article repeated to ``words`` words: a realistic mention density."""
    body = ARTICLE.read_text(encoding="utf-8").split("\n\n", 1)[1]
    tokens = body.split(" ")
    return " ".join((tokens * (words // len(tokens) + 1))[:words])


def main(argv: list[str]) -> int:
    t0 = time.perf_counter()
    from store.pipeline.gazetteer import Gazetteer  # imports pycountry, pydantic, pyahocorasick

    alliances = load_alliances()
    t1 = time.perf_counter()
    gazetteer = Gazetteer(alliances)
    t2 = time.perf_counter()
    builds = []
    for _ in range(5):
        s = time.perf_counter()
        Gazetteer(alliances)
        builds.append(time.perf_counter() - s)

    rows = load_labels()
    countries, alliance_score = evaluate(gazetteer, rows)
    print(f"labelled paragraphs: {len(rows)} in {len({r['file'] for r in rows})} files")
    for label, s in (("countries", countries), ("alliances", alliance_score)):
        print(f"{label:10} precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}"
              f"  (tp {s.tp}, fp {s.fp}, fn {s.fn})")
    for name in sorted({r["file"] for r in rows}):
        c, a = evaluate(gazetteer, [r for r in rows if r["file"] == name])
        print(f"  {name:28} countries P {c.precision:.3f} R {c.recall:.3f} | "
              f"alliances P {a.precision:.3f} R {a.recall:.3f}")

    text = article_of_words(1500)
    times = []
    for _ in range(50):
        s = time.perf_counter()
        mentions = gazetteer.find(text)
        times.append(time.perf_counter() - s)
    print(f"import {1000 * (t1 - t0):.0f} ms; first build {1000 * (t2 - t1):.1f} ms "
          f"(loads pycountry and the TSV); rebuild median {1000 * statistics.median(builds):.1f} ms; "
          f"{len(gazetteer.surfaces)} surface forms")
    print(f"find on 1,500 words ({len(text)} chars, {len(mentions)} mentions): "
          f"median {1000 * statistics.median(times):.2f} ms, max {1000 * max(times):.2f} ms")
    if "-v" in argv:
        for line in countries.errors + alliance_score.errors:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
