"""The journal's figures: the starter store with N notes (issue 13, "the journal stays small").

    python benchmarks/notes_bench.py [--notes 100000] [--saves 200] [--code DIR] [--work DIR] [--json FILE]

Builds the starter store, then N notes on its facts, excerpts and countries as
a store holds them after N saves: every note in notes.json, and one
journal.jsonl line per save, in the whole-record form older builds wrote (the
fast path, as generate.py does for facts; N saves through the real API with an
fsync each would take minutes, and hours on a build whose saves grow with the
notes). Then, each in a fresh process run with ``--code`` first on the path (a
checkout of another build, e.g. /work/main, for "before" figures):

- ``open1_s`` / ``open1_rss_mb``: FactStore.open of that store (wall time; peak RSS
  from /proc's VmHWM), and the close after it (``close1_s``: a build that
  compacts moves the journal's old lines to journal-archive/ there);
- ``open_s`` / ``open_rss_mb``: the next open, the steady state;
- ``note_ms_p50`` / ``note_ms_p95``: ``--saves`` add_note calls after the day's backup
  (journal append with fsync, apply), and ``journal_mb`` / ``archive_mb`` after the close;
- ``import_line_bytes`` / ``article_bytes``: the journal line an import of
  tests/data/import/baltic-to-pacific.md writes, and the article's size.

Figures only: tests/test_notes_bench.py runs it small and asserts no timings.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "data" / "import" / "baltic-to-pacific.md"

_OPEN = r"""
import json, sys, time
from store.repository import FactStore
t = time.perf_counter()
store = FactStore.open(sys.argv[1], create=False)
open_s = time.perf_counter() - t
# VmHWM, not getrusage's ru_maxrss: Linux keeps ru_maxrss across fork and exec,
# so a child of this (large) benchmark process would report the parent's peak.
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")) / 1024
notes = len(store.annotations)
t = time.perf_counter()
store.close()
print(json.dumps({"open_s": open_s, "rss_mb": peak, "close_s": time.perf_counter() - t, "notes": notes}))
"""

_SAVES = r"""
import json, sys, time
from store.models import Target
from store.repository import FactStore
store = FactStore.open(sys.argv[1], create=False)
store.backup_if_due()  # the app makes the day's backup on its writer thread when it opens
facts = sorted(store.facts)
times = []
for i in range(int(sys.argv[2])):
    t = time.perf_counter()
    store.add_note(Target(kind="fact", id=facts[i % len(facts)]), f"a note saved by the benchmark, number {i}")
    times.append((time.perf_counter() - t) * 1000)
store.close()
print(json.dumps({"note_ms": times}))
"""

_IMPORT = r"""
import json, sys
from pathlib import Path
from store.pipeline.importer import import_files
from store.repository import FactStore
store = FactStore.open(sys.argv[1], create=False)
path = Path(sys.argv[1]) / "journal.jsonl"
before = path.stat().st_size if path.exists() else 0
import_files(store, [sys.argv[2]])
after = path.stat().st_size
store.close()
print(json.dumps({"import_line_bytes": after - before, "article_bytes": Path(sys.argv[2]).stat().st_size}))
"""


def _run(code_dir: Path, script: str, *args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code_dir)}
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, cwd=code_dir)
    if out.returncode:
        raise SystemExit(f"a measure failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def build(folder: Path, notes: int, seed: int = 1) -> None:
    """The starter store, then ``notes`` notes in notes.json and one whole journal line each."""
    from store import db
    from store.repository import FactStore

    FactStore.open(folder).close()  # builds the starter store
    for stale in (folder / db.JOURNAL, folder / "journal-archive", folder / db.BACKUPS):
        if stale.is_dir():
            shutil.rmtree(stale)
        else:
            stale.unlink(missing_ok=True)
    files = {name: orjson.loads((folder / name).read_bytes()) for name in db.FILES}
    targets = [("fact", i) for i in files["facts.json"]["facts"]] + [("excerpt", i) for i in files["sources.json"]["excerpts"]]
    targets += [("entity", i) for i in files["facts.json"]["entities"] if i.startswith("country:")]
    rng = random.Random(seed)
    table = files["notes.json"]["annotations"]
    lines = []
    for n in range(1, notes + 1):
        kind, tid = rng.choice(targets)
        at = f"2025-{1 + n * 12 // (notes + 1):02d}-01T00:00:{n % 60:02d}.{n % 1000:03d}Z"
        note = {"id": f"note:{n:012x}", "target": {"kind": kind, "id": tid}, "body": f"note {n}: " + "a few words " * rng.randint(1, 12),
                "tags": ["bench"] if n % 3 == 0 else [], "created": at, "updated": at, "rev": 1}
        table[note["id"]] = note
        change = {"seq": n, "at": at, "op": "insert", "table": "annotations", "id": note["id"], "before": None,
                  "after": note, "group": n, "label": "add note", "undoes": None, "redoes": None}
        lines.append(orjson.dumps([change]))
    meta = files["notes.json"][db.META][db.META_ID]
    meta["applied_seq"] = notes
    db.write_new_store(folder, files)
    (folder / db.JOURNAL).write_bytes(b"\n".join(lines) + (b"\n" if lines else b""))


def _size_mb(path: Path) -> float:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6
    return path.stat().st_size / 1e6 if path.exists() else 0.0


def measure(notes: int, saves: int, code: Path, work: Path) -> dict:
    template = work / f"notes-{notes}"
    if not (template / "notes.json").exists():
        shutil.rmtree(template, ignore_errors=True)
        build(template, notes)
    copy = work / f"copy-{os.getpid()}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(template, copy)
    try:
        figures: dict = {"notes": notes, "journal_mb_before": round(_size_mb(copy / "journal.jsonl"), 1)}
        first = _run(code, _OPEN, str(copy))
        second = _run(code, _OPEN, str(copy))
        figures.update(open1_s=round(first["open_s"], 3), open1_rss_mb=round(first["rss_mb"], 1),
                       close1_s=round(first["close_s"], 3), open_s=round(second["open_s"], 3),
                       open_rss_mb=round(second["rss_mb"], 1))
        times = _run(code, _SAVES, str(copy), str(saves))["note_ms"]
        q = statistics.quantiles(times, n=20) if len(times) > 1 else times * 19
        figures.update(note_ms_p50=round(statistics.median(times), 2), note_ms_p95=round(q[18], 2))
        figures.update(journal_mb=round(_size_mb(copy / "journal.jsonl"), 2),
                       archive_mb=round(_size_mb(copy / "journal-archive"), 1))
        figures.update(_run(code, _IMPORT, str(copy), str(ARTICLE)))
        figures["import_ratio"] = round(figures["import_line_bytes"] / figures["article_bytes"], 2)
        return figures
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose store code is measured")
    parser.add_argument("--work", type=Path, default=None, help="where stores are built (default: a temp folder)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    work = args.work or Path(tempfile.mkdtemp(prefix="notes-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        figures = measure(args.notes, args.saves, args.code.resolve(), work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    for key, value in figures.items():
        print(f"{key:<18} {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
