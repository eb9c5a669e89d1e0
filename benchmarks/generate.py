"""Build a realistic synthetic fact store of N facts, in the project's own format.

    python benchmarks/generate.py --facts 100000 --out /tmp/store-100k [--seed 1] [--history 300] [--force]

What it holds, for N facts (DESIGN.md "Figures", issue 6):
- ~193 countries (real ISO alpha-3 codes, built by store.countries.country_entity)
  and 1,000 alliances and groupings (40 real ones, the rest plausible:
  regional initiatives, bilateral treaties, trilaterals, operations, missions);
- N facts, skewed like the news: the country picked as subject follows a Zipf
  law with the United States first (thousands of facts at 100k), then a long
  tail; 70 % country–alliance facts (memberships, summits with dates and
  cities, partnerships …), 30 % country–country (arms sales, cooperation,
  opposition …); dates 1949–2025, year, month or day precision, open,
  unknown or dated ends; each fact cites 1–3 excerpts;
- N/50 articles of several paragraphs (some with section headings), N/5
  excerpts whose offsets and quote selectors match the text exactly
  (store.pipeline.ingest.quote_selector, checked with paragraph_spans) and whose
  mentions point at the entity names written into the text;
- N/10 notes on facts, excerpts and a few entities, some tagged;
- a change history: the snapshot files are written directly
  (db.write_new_store), then the store is opened with FactStore and a few
  hundred changes (notes, tag and text edits, status changes, an undo and a
  redo) go through the real write path, so journal.jsonl holds real groups.

Deterministic for a given seed: the journal's timestamps come from a seeded
clock (FactStore's ``utcnow`` is swapped for the duration of the history).

Parts: synth_world.py (entities, dates, the facts to state), synth_text.py
(articles, excerpts, mentions), vocab.py (word lists); this file makes the
records, the notes and the history, and writes the store.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script, or loaded by path: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import vocab as V  # noqa: E402
from benchmarks.synth_text import Articles  # noqa: E402
from benchmarks.synth_world import DATA_END, N_ALLIANCES, Picker, Plan, World, iso_time, later, plan_facts  # noqa: E402
from store import db  # noqa: E402
from store.models import (  # noqa: E402
    Annotation, Excerpt, Fact, FactStatus, Origin, Source, Target, TargetKind,
)


# --- records -----------------------------------------------------------------------

STATUSES = Picker([FactStatus.UNREVIEWED, FactStatus.CONFIRMED, FactStatus.DISPUTED, FactStatus.RETRACTED], [55, 35, 7, 3])
ORIGINS = Picker([Origin.IMPORT, Origin.USER, Origin.STARTER], [85, 12, 3])


def make_facts(rng: random.Random, plans: list[Plan], articles: Articles, references: list[Source]) -> list[Fact]:
    facts: list[Fact] = []
    ids: set[str] = set()
    excerpt_ids = [e.id for e in articles.excerpts]
    for i, p in enumerate(plans):
        fid = f"fact:{rng.getrandbits(48):012x}"
        while fid in ids:
            fid = f"fact:{rng.getrandbits(48):012x}"
        ids.add(fid)
        created = later(rng, articles.retrieved[articles.fact_source[i]], 0.01)
        status = STATUSES(rng)
        updated = created if status is FactStatus.UNREVIEWED else later(rng, created, 200)
        refs = [rng.choice(references).id] if references and rng.random() < 0.05 else []
        facts.append(Fact(
            id=fid, subject=p.subject, relation=p.relation, object=p.object,
            start=p.start, end=p.end, qualifiers=p.qualifiers,  # type: ignore[arg-type]
            status=status, evidence=[excerpt_ids[x] for x in p.excerpts], references=refs, origin=ORIGINS(rng),
            created=iso_time(created), updated=iso_time(updated), rev=1 if updated == created else 2,
        ))
    return facts


def reference_sources(world: World) -> list[Source]:
    """Reference documents cited without a quote (treaty texts), as in the starter store."""
    return [
        Source(id=f"ref:{a.id.split(':', 1)[1]}-text", title=f"Founding text: {a.name}",
               publisher="Synthetic reference library", published=a.founded,
               url=f"https://reference.example/{a.id.split(':', 1)[1]}")
        for a in world.alliances[:20]
    ]


class NoteMaker:
    """Notes on facts (65 %), excerpts (30 %) and entities (5 %), some tagged."""

    def __init__(self, world: World, facts: list[Fact], excerpts: list[Excerpt]) -> None:
        self.world, self.facts, self.excerpts = world, facts, excerpts
        self.ids: set[str] = set()

    def make(self, rng: random.Random, created: float | None = None) -> Annotation:
        roll = rng.random()
        if roll < 0.65:
            fact = rng.choice(self.facts)
            target, country, after = Target(kind=TargetKind.FACT, id=fact.id), fact.subject, fact.created
        elif roll < 0.95:
            ex = rng.choice(self.excerpts)
            country = next((m.entity_id for m in ex.mentions if m.entity_id.startswith("country:")), "country:USA")
            target, after = Target(kind=TargetKind.EXCERPT, id=ex.id), "2023-01-01T00:00:00.000Z"
        else:
            country = f"country:{self.world.country(rng)}"
            target, after = Target(kind=TargetKind.ENTITY, id=country), "2023-01-01T00:00:00.000Z"
        nid = f"note:{rng.getrandbits(48):012x}"
        while nid in self.ids:
            nid = f"note:{rng.getrandbits(48):012x}"
        self.ids.add(nid)
        name = self.world.countries[country.split(":", 1)[1]].name
        body = rng.choice(V.NOTE_BODIES).format(country=name, city=rng.choice(V.CITIES))
        tags = rng.sample(V.TAGS, rng.randint(1, 3)) if rng.random() < 0.4 else []
        if created is None:
            t0 = datetime.fromisoformat(after.replace("Z", "+00:00")).timestamp()
            created = later(rng, t0, 400)
        stamp = iso_time(created)
        return Annotation(id=nid, target=target, body=body, tags=tags, created=stamp, updated=stamp)


# --- history through the real write path -------------------------------------------

@contextlib.contextmanager
def seeded_clock(rng: random.Random, start: float):
    """Swap FactStore's clock for a seeded one, so the journal is the same for the same seed."""
    from store.repository import writes as repository  # where FactStore reads its clock

    now = [start]

    def utcnow() -> str:
        now[0] += rng.uniform(5, 900)
        return iso_time(now[0])

    saved = getattr(repository, "utcnow", None)
    if saved is not None:
        repository.utcnow = utcnow  # type: ignore[attr-defined]
    try:
        yield utcnow
    finally:
        if saved is not None:
            repository.utcnow = saved  # type: ignore[attr-defined]


def write_history(rng: random.Random, folder: Path, notes: NoteMaker, snapshot_notes: list[Annotation],
                  api_notes: int, groups: int) -> int:
    """Changes through FactStore: notes, tags, edits, statuses, an undo and a redo. Returns the groups written."""
    from store.repository import FactStore

    n_status = max(1, groups * 25 // 100)
    n_tags = max(1, groups * 8 // 100) if snapshot_notes else 0
    n_edits = max(1, groups * 5 // 100) if snapshot_notes else 0
    ops = ["note"] * api_notes + ["status"] * n_status + ["tags"] * n_tags + ["edit"] * n_edits
    rng.shuffle(ops)
    ops += ["status", "undo", "redo", "status", "undo"]  # leaves one change undone: a redo is pending
    store = FactStore.open(folder, create=False)
    try:
        fact_ids = sorted(store.facts)
        with seeded_clock(rng, DATA_END + 86400) as clock:
            for op in ops:
                if op == "note":
                    note = notes.make(rng)
                    stamp = clock()
                    note = note.model_copy(update={"created": stamp, "updated": stamp})
                    store.add_records("add note", [("annotations", note)])
                elif op == "status":
                    store.set_fact_status(rng.choice(fact_ids), rng.choice([FactStatus.CONFIRMED, FactStatus.DISPUTED]))
                elif op == "tags":
                    store.set_note_tags(rng.choice(snapshot_notes).id, rng.sample(V.TAGS, rng.randint(1, 3)))
                elif op == "edit":
                    nid = rng.choice(snapshot_notes).id
                    store.edit_note(nid, store.note(nid).body + "\nChecked again: still holds.")
                elif op == "undo":
                    store.undo()
                else:
                    store.redo()
        store.checkpoint()
    finally:
        store.close()
    return len(ops)


# --- the whole store ---------------------------------------------------------------

def generate(n_facts: int, out: Path, *, seed: int = 1, history: int = 300, n_alliances: int = N_ALLIANCES,
             force: bool = False) -> dict[str, Any]:
    """Build the store at ``out``; returns counts and the seconds each step took."""
    if n_facts < 1:
        raise ValueError("--facts must be at least 1")
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        if not (force and out.is_dir() and db.is_store(out)):
            raise FileExistsError(f"{out} exists and is not empty (use --force to replace a store)")
    steps: dict[str, float] = {}
    t = time.perf_counter()

    def step(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        steps[name] = round(now - t, 3)
        t = now

    rng = random.Random(seed)
    world = World(rng, n_alliances)
    step("entities")
    plans = plan_facts(rng, world, n_facts)
    step("plan facts")
    n_articles = max(1, n_facts // 50)
    articles = Articles(rng, world, plans, n_articles, max(n_articles, n_facts // 5))
    step("articles")
    references = reference_sources(world)
    facts = make_facts(rng, plans, articles, references)
    step("facts")
    n_notes = n_facts // 10
    api_notes = min(history * 60 // 100, n_notes // 2)
    maker = NoteMaker(world, facts, articles.excerpts)
    snapshot_notes = [maker.make(rng) for _ in range(n_notes - api_notes)]
    step("notes")

    tables = db.new_tables()
    for table, records in (
        ("entities", [*world.countries.values(), *world.alliances]),
        ("facts", facts),
        ("sources", [*references, *articles.sources]),
        ("excerpts", articles.excerpts),
        ("annotations", snapshot_notes),
    ):
        target = tables[db.TABLE_FILE[table]][table]
        for record in records:
            target[record.id] = record.model_dump(mode="json")  # type: ignore[attr-defined]
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
    try:
        db.write_new_store(tmp, tables)
        del tables
        step("write snapshots")
        groups = write_history(rng, tmp, maker, snapshot_notes, api_notes, history)
        shutil.rmtree(tmp / db.BACKUPS, ignore_errors=True)  # the first save's daily backup of a store just made
        step("history via FactStore")
        if out.exists():
            shutil.rmtree(out)
        os.rename(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    by_entity: dict[str, int] = {}
    for f in facts:
        for e in f.entities:
            by_entity[e] = by_entity.get(e, 0) + 1
    busiest = sorted(by_entity.items(), key=lambda kv: -kv[1])
    return {
        "facts": len(facts), "entities": len(world.countries) + len(world.alliances),
        "countries": len(world.countries), "alliances": len(world.alliances),
        "sources": len(articles.sources), "reference_sources": len(references), "excerpts": len(articles.excerpts),
        "notes": n_notes, "history_groups": groups,
        "busiest": busiest[:5], "busiest_country": next(e for e, _ in busiest if e.startswith("country:")),
        "seconds": steps,
        "bytes": {p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.is_file()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a synthetic alliances-tui store of N facts.")
    parser.add_argument("--facts", type=int, required=True, help="number of facts (N); excerpts N/5, articles N/50, notes N/10")
    parser.add_argument("--out", type=Path, required=True, help="the store folder to create")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same store)")
    parser.add_argument("--history", type=int, default=300,
                        help="groups of changes written through FactStore into journal.jsonl (default 300)")
    parser.add_argument("--alliances", type=int, default=N_ALLIANCES, help="alliances and groupings (default 1000)")
    parser.add_argument("--force", action="store_true", help="replace an existing store at --out")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    gc.disable()  # hundreds of thousands of long-lived objects: collections would only rescan them
    try:
        stats = generate(args.facts, args.out, seed=args.seed, history=args.history, n_alliances=args.alliances,
                         force=args.force)
    except (FileExistsError, ValueError) as exc:
        print(f"generate.py: {exc}", file=sys.stderr)
        return 2
    finally:
        gc.enable()
    total = time.perf_counter() - t0
    size = sum(stats["bytes"].values())
    print(f"{args.out}: {stats['facts']:,} facts, {stats['entities']:,} entities "
          f"({stats['countries']} countries, {stats['alliances']} alliances), {stats['sources']:,} articles, "
          f"{stats['excerpts']:,} excerpts, {stats['notes']:,} notes, {stats['history_groups']} journal groups")
    print("busiest: " + ", ".join(f"{e} {n:,}" for e, n in stats["busiest"]))
    print("files: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in stats["bytes"].items()) + f" (total {size / 1e6:.1f} MB)")
    print("seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in stats["seconds"].items()) + f" (total {total:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
