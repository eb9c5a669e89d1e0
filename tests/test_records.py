"""Sealed snapshots: records become models when first read; anything else is validated at open."""

from __future__ import annotations

import json
from pathlib import Path

from store import db
from store.models import Target
from store.repository import FactStore


def test_a_sealed_store_builds_no_fact_model_at_open(starter_store: Path) -> None:
    with FactStore.open(starter_store) as store:
        assert store._files.sealed == frozenset(db.FILES)
        assert store.facts.built() == 0 and store.excerpts.built() == 0 and store.sources.built() == 0
        kor = store.facts_of("country:KOR")
        assert kor and store.facts.built() == len(kor)
        # Sources (the articles, their texts the largest part of the snapshot) wait for a citation too.
        [evidence, *_] = store.evidence(kor[0].id)
        assert store.sources.built() == 1 and store.sources[evidence.excerpt.source_id].id == evidence.excerpt.source_id


def test_a_file_changed_behind_our_back_is_validated_whole_at_open(starter_store: Path) -> None:
    path = starter_store / "facts.json"
    path.write_text(json.dumps(json.loads(path.read_text()), indent=1))  # same records, other bytes
    with FactStore.open(starter_store) as store:
        assert "facts.json" not in store._files.sealed
        assert store.facts.built() == len(store.facts)


def test_a_write_neither_builds_every_model_nor_loses_the_seal(starter_store: Path) -> None:
    kor = Target(kind="entity", id="country:KOR")
    with FactStore.open(starter_store) as store:
        for i in range(5):
            store.add_note(kor, f"note {i}")
    with FactStore.open(starter_store) as store:  # the checkpoint at close sealed what it wrote
        assert store._files.sealed == frozenset(db.FILES)
        assert store.annotations.built() == 0
        # Adding a record swaps in a copy of its table: the copy keeps the others raw.
        store.add_note(kor, "one more")
        assert store.annotations.built() == 1 and store.facts.built() == 0
        copy = store.annotations.copy()
        assert copy.built() == 1 and copy == store.annotations
        assert sorted(n.body for n in store.annotations.values()) == [*(f"note {i}" for i in range(5)), "one more"]
