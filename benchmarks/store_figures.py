"""Figures of the store layer alone (no Textual) for stores made by generate.py.

    python benchmarks/store_figures.py /tmp/store-10k /tmp/store-100k [--notes 50] [--json FILE]

For each store, each measure runs in a fresh Python process, so imports,
caches and peak memory do not leak from one measure to the next:
- ``open_s``: FactStore.open (writable, as the app opens it), median of --repeat runs, and
  ``open_cpu_s``, its CPU time (steadier than wall time on a shared machine);
- ``open_rss_mb``: peak resident memory of that process (resource.getrusage), and
  ``base_rss_mb``, the same process after its imports, before the open;
- ``first_note_ms``: the first add_note of a session (it makes the day's backup copy);
- ``note_ms_p50`` / ``note_ms_p95``: the next --notes add_note calls (journal append + fsync);
- ``checkpoint_s``: writing the snapshots afterwards (close);
- ``check_s``: store.check.check_store, what `alliances-tui check` runs.
Notes are written into a copy of the store, which is deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_OPEN = r"""
import json, resource, sys, time
from store.repository import FactStore
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t, c = time.perf_counter(), time.process_time()
store = FactStore.open(sys.argv[1], create=False)
open_s, open_cpu_s = time.perf_counter() - t, time.process_time() - c
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
n = len(store.facts)
store.close()
print(json.dumps({"open_s": open_s, "open_cpu_s": open_cpu_s, "base_rss_mb": base / 1024, "open_rss_mb": peak / 1024, "facts": n}))
"""

_NOTES = r"""
import json, sys, time
from store.models import Target
from store.repository import FactStore
store = FactStore.open(sys.argv[1], create=False)
n = int(sys.argv[2])
usa = store.facts_of("country:USA")
targets = [Target(kind="fact", id=f.id) for f in usa[: n + 1]] or [Target(kind="entity", id="country:USA")]
times = []
for i in range(n + 1):
    t = time.perf_counter()
    store.add_note(targets[i % len(targets)], f"benchmark note {i}: é — “quoted”", tags=["bench"])
    times.append((time.perf_counter() - t) * 1000)
t = time.perf_counter()
store.close()
print(json.dumps({"first_note_ms": times[0], "note_ms": times[1:], "checkpoint_s": time.perf_counter() - t}))
"""

_CHECK = r"""
import json, sys, time
from store.check import check_store
t = time.perf_counter()
problems = check_store(sys.argv[1])
print(json.dumps({"check_s": time.perf_counter() - t, "problems": len(problems)}))
"""


def _run(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(folder: Path, *, notes: int = 50, repeat: int = 3) -> dict:
    opens = [_run(_OPEN, str(folder)) for _ in range(repeat)]
    figures = {
        "facts": opens[0]["facts"],
        "size_mb": round(sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1e6, 1),
        "open_s": round(statistics.median(o["open_s"] for o in opens), 3),
        "open_cpu_s": round(statistics.median(o["open_cpu_s"] for o in opens), 3),
        "base_rss_mb": round(max(o["base_rss_mb"] for o in opens), 1),
        "open_rss_mb": round(max(o["open_rss_mb"] for o in opens), 1),
    }
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=f".{folder.name}.bench-") as tmp:
        copy = Path(tmp) / "store"
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("backups", "lock"))
        r = _run(_NOTES, str(copy), str(notes))
    times = sorted(r["note_ms"])
    figures.update(
        first_note_ms=round(r["first_note_ms"], 2),
        note_ms_p50=round(statistics.median(times), 3),
        note_ms_p95=round(times[min(len(times) - 1, int(0.95 * len(times)))], 3),
        checkpoint_s=round(r["checkpoint_s"], 3),
    )
    c = _run(_CHECK, str(folder))
    figures.update(check_s=round(c["check_s"], 2), check_problems=c["problems"])
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Store-layer figures for stores made by generate.py.")
    parser.add_argument("stores", type=Path, nargs="+")
    parser.add_argument("--notes", type=int, default=50, help="add_note calls to time (default 50)")
    parser.add_argument("--repeat", type=int, default=3, help="opens to time (default 3, median)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    results = {str(s): measure(s, notes=args.notes, repeat=args.repeat) for s in args.stores}
    cols = ["facts", "size_mb", "open_s", "open_cpu_s", "base_rss_mb", "open_rss_mb", "first_note_ms", "note_ms_p50",
            "note_ms_p95", "checkpoint_s", "check_s"]
    print("store".ljust(16) + "".join(c.rjust(max(len(c) + 2, 9)) for c in cols))
    for name, fig in results.items():
        print(Path(name).name.ljust(16) + "".join(str(fig[c]).rjust(max(len(c) + 2, 9)) for c in cols))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
