"""Time the import of one article into fresh copies of a store.

    python benchmarks/import_figures.py STORE ARTICLE [--runs 5] [--work DIR]

Used by run.py (in a fresh process per store); runnable alone. Each run copies
STORE to a new folder under --work (the copy is not timed), opens it with
``FactStore.open`` (not timed), and times ``store.pipeline.importer.import_files(store,
[ARTICLE])``: reading, parsing, excerpts, mentions, proposed facts and the
durable (fsynced) write of the one change group. The first run of the process
also builds the gazetteer's automaton, which later imports reuse, so it is
reported apart (``import_first_s``);
``import_s`` is the median of the --runs imports after it (the first's time when --runs is 0).
The first write of a day copies the whole store (the day's backup); the app
makes that copy when it opens, so here it is made before the clock starts and
reported apart (``backup_s``, at 100,000 facts most of what an import took). After each open the
process freezes what the store read (``tui.memory.after_open``), as the app and the import command do:
left to the collector, a full collection over 100,000 facts fell inside the import half the time.
Prints one JSON object; ``import_s`` is null, with a reason, when the store has
no importer.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def measure(store: Path, article: Path, *, runs: int = 5, work: Path | None = None) -> dict:
    try:
        from store.pipeline.importer import import_files
    except ModuleNotFoundError as exc:
        return {"import_s": None, "import_first_s": None, "import_error": f"no importer: {exc}"}
    from store.repository import FactStore
    from tui import memory

    times: list[float] = []
    backups: list[float] = []
    summary = ""
    with tempfile.TemporaryDirectory(dir=work, prefix=".import-") as tmp:
        for run in range(max(0, runs) + 1):
            copy = Path(tmp) / f"run-{run}"
            shutil.copytree(store, copy, ignore=shutil.ignore_patterns("backups", "lock"))
            fs = FactStore.open(copy, create=False)
            memory.after_open()  # as the app (and the import command) do once the store is read
            try:
                # The day's backup (a copy of the whole store) is made by the first
                # write of the day; the app makes it when it opens, off the screen's
                # way. Made here untimed, so that import_s is the import itself.
                t0 = time.perf_counter()
                fs.backup_if_due()
                backups.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                reports = list(import_files(fs, [article]))
                times.append(time.perf_counter() - t0)
                summary = reports[0].summary().splitlines()[0] if reports else ""
            finally:
                fs.close()
                shutil.rmtree(copy, ignore_errors=True)
    rest = times[1:] or times
    return {
        "import_s": round(statistics.median(rest), 3),
        "import_first_s": round(times[0], 3),
        "backup_s": round(statistics.median(backups), 3) if backups else None,
        "import_runs": len(times),
        "import_words": len(article.read_text(encoding="utf-8").split()),
        "import_summary": summary,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the import of one article into copies of a store.")
    parser.add_argument("store", type=Path)
    parser.add_argument("article", type=Path)
    parser.add_argument("--runs", type=int, default=5, help="timed imports after the first (default 5)")
    parser.add_argument("--work", type=Path, help="where the copies go (default: the system's temp folder)")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.store, args.article, runs=args.runs, work=args.work)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
