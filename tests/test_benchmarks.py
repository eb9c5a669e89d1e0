"""The benchmark scripts: the generator's stores are valid and as specified; the store figures run.

No timing is asserted here (issue 6): only shapes and validity, at a tiny size.
"""

from __future__ import annotations

import importlib.util
import math
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from store.check import check_store
from store.models import FactStatus
from store.repository import FactStore

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
N = 200


def load(name: str):
    """benchmarks/ is not a package: import a script by its path."""
    module_name = f"_bench_{name}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(module_name, BENCHMARKS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return sys.modules[module_name]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "store"
    assert load("generate").main(["--facts", str(N), "--out", str(out), "--seed", "7"]) == 0
    return out


@pytest.fixture()
def store(generated):
    s = FactStore.open(generated, readonly=True, create=False)
    yield s
    s.close()


def test_generated_store_passes_check(generated):
    assert check_store(generated) == []


def test_counts_follow_the_spec(store):
    assert len(store.facts) == N
    assert len(store.excerpts) == N // 5
    assert len([s for s in store.sources.values() if s.text]) == N // 50
    assert len(store.annotations) == N // 10
    assert len(store.history()) >= 1
    assert store.can_undo
    countries = [e for e in store.entities.values() if e.kind.value == "country"]
    alliances = [e for e in store.entities.values() if e.kind.value == "alliance"]
    assert 180 <= len(countries) <= 210
    assert len(alliances) == 1000


def test_united_states_is_the_busiest_country(store):
    counts = Counter(e for f in store.facts.values() for e in f.entities if e.startswith("country:"))
    (busiest, n), (_, second) = counts.most_common(2)
    assert busiest == "country:USA"
    assert n > second


def test_facts_cite_one_to_three_excerpts_and_are_dated_1949_2025(store):
    for fact in store.facts.values():
        assert 1 <= len(fact.evidence) <= 3
        assert all(e in store.excerpts for e in fact.evidence)
        for date in (fact.start, fact.end):
            if date is not None and not isinstance(date, str):
                assert 1949 <= date.year <= 2025
    precisions = {f.start.precision for f in store.facts.values() if f.start}
    assert len(precisions) == 3
    assert len({f.relation for f in store.facts.values()}) >= 8
    assert {f.status for f in store.facts.values()} >= {FactStatus.UNREVIEWED, FactStatus.CONFIRMED}


def test_excerpts_and_mentions_point_at_the_text(store):
    mentioned = 0
    for ex in store.excerpts.values():
        source = store.sources[ex.source_id]
        assert source.text[ex.start:ex.end] == ex.quote.exact
        assert source.text[:ex.start].endswith(ex.quote.prefix)
        assert source.text[ex.end:].startswith(ex.quote.suffix)
        for m in ex.mentions:
            entity = store.entities[m.entity_id]
            # A sentence may start with an alias: "The U.S." for "the U.S.".
            names = {n.casefold() for n in (entity.name, *entity.aliases)}
            assert ex.quote.exact[m.start:m.end].casefold() in names
            mentioned += 1
    assert mentioned > len(store.excerpts)


def test_notes_target_facts_and_excerpts_some_tagged(store):
    kinds = Counter(n.target.kind.value for n in store.annotations.values())
    assert kinds["fact"] and kinds["excerpt"]
    assert any(n.tags for n in store.annotations.values())


def test_same_seed_same_store(generated, tmp_path):
    # Another process with another string-hash seed: set order must not leak into the output.
    again = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, str(BENCHMARKS / "generate.py"), "--facts", str(N), "--out", str(again), "--seed", "7"],
        check=True, capture_output=True, env=env,
    )
    for name in ("facts.json", "sources.json", "notes.json", "journal.jsonl"):
        assert (again / name).read_bytes() == (generated / name).read_bytes(), name


def test_refuses_to_overwrite_without_force(generated, tmp_path, capsys):
    gen = load("generate")
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine")
    assert gen.main(["--facts", "50", "--out", str(taken)]) == 2
    assert (taken / "keep.txt").read_text() == "mine"
    assert "exists" in capsys.readouterr().err


def test_store_figures_run_at_a_tiny_size(generated):
    figures = load("store_figures").measure(generated, notes=3, repeat=1)
    assert figures["facts"] == N
    assert figures["check_problems"] == 0
    # Not timings (asserted nowhere), but what any run gives: something measured, a median under its tail.
    for key in ("open_s", "open_rss_mb", "first_note_ms", "note_ms_p50", "note_ms_p95", "check_s"):
        assert math.isfinite(figures[key]) and figures[key] > 0, (key, figures[key])
    assert figures["note_ms_p50"] <= figures["note_ms_p95"]
    assert figures["open_rss_mb"] >= figures["base_rss_mb"] > 0
