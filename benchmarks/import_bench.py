"""Time the import of a ~1,500-word article into a fresh starter store (DESIGN.md: < 0.3 s).

    python benchmarks/import_bench.py [--runs 7] [--article tests/data/import/baltic-to-pacific.md]
                                      [--store DIR]

Each run copies a freshly built starter store (or the store given with --store, e.g. one of
benchmarks/generate.py's) to a temporary folder, opens it, and times ``import_files`` on the
article: reading, parsing, excerpts, mentions, proposals and the durable (fsynced) write of
the one group. Opening the store is not timed; the modules are imported once before the
first run, as in the app, where they are loaded when the store is. The first run also pays
for building the gazetteer's automaton (cached after it), so it is reported apart.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.importer import import_files  # noqa: E402
from store.repository import FactStore  # noqa: E402
from store.starter import build_starter  # noqa: E402

ARTICLE = ROOT / "tests" / "data" / "import" / "baltic-to-pacific.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--article", type=Path, default=ARTICLE)
    parser.add_argument("--store", type=Path, help="a store folder to copy for each run (default: the starter store)")
    args = parser.parse_args(argv)

    words = len(args.article.read_text(encoding="utf-8").split())
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        template = args.store
        if template is None:
            template = Path(tmp) / "template"
            build_starter(template)
        times: list[float] = []
        summary = ""
        for run in range(args.runs + 1):
            folder = Path(tmp) / f"run-{run}"
            shutil.copytree(template, folder)
            store = FactStore.open(folder, create=False)
            try:
                t0 = time.perf_counter()
                reports = import_files(store, [args.article])
                times.append(time.perf_counter() - t0)
                summary = reports[0].summary()
            finally:
                store.close()
                shutil.rmtree(folder, ignore_errors=True)
    first, rest = times[0], times[1:]
    print(summary)
    print()
    print(f"article: {args.article.name}, {words:,} words; store: {args.store or 'starter'}")
    print(f"first import (builds the gazetteer): {first * 1000:.0f} ms")
    print(f"import, median of {len(rest)} runs:  {statistics.median(rest) * 1000:.0f} ms "
          f"(min {min(rest) * 1000:.0f}, max {max(rest) * 1000:.0f}); target < 300 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
