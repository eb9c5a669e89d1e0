"""Time ``import-atop`` on synthetic files of ATOP 5.1's size, into a copy of the starter store.

ATOP itself is never downloaded or shipped: the script writes a pair of files in its format
(``atop5_1a.csv``, ``atop5_1m.csv``) with random but valid values: about 770 alliances and 2,500
member rows, state codes drawn from our COW table (store/data/world/cow-iso.tsv), a tenth of the
members in two phases, some days and months missing. Then it imports them into a fresh copy of
the starter store, and imports them again (which must add nothing).

    python benchmarks/atop_bench.py [--alliances 770] [--members 2500] [--seed 1] [--keep DIR]

Prints the import time, the second import's time, the store's open time after it and the counts.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store.datasets.atop import import_atop
from store.datasets.cow import cow_states
from store.repository import FactStore
from store.datasets.starter import build_starter

ALLIANCE_HEADER = ["atopid", "cowid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "ineffect", "bilat",
                   "defense", "offense", "neutral", "nonagg", "consul", "active", "milaid", "conditio", "specthrt"]
MEMBER_HEADER = ["atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "phase",
                 "defense", "offense", "neutral", "nonagg", "consul", "defcon", "ecaid"]


def write_files(folder: Path, alliances: int, members: int, seed: int) -> None:
    rng = random.Random(seed)
    states = list(cow_states().values())
    # Members per alliance: about members / alliances on average, two at least (most are bilateral).
    sizes = [2] * alliances
    for _ in range(max(0, members - 2 * alliances)):
        sizes[rng.randrange(alliances)] += 1
    with (folder / "atop5_1a.csv").open("w", encoding="utf-8", newline="") as fa, \
            (folder / "atop5_1m.csv").open("w", encoding="utf-8", newline="") as fm:
        wa, wm = csv.writer(fa), csv.writer(fm)
        wa.writerow(ALLIANCE_HEADER)
        wm.writerow(MEMBER_HEADER)
        for i, size in enumerate(sizes):
            atopid = 1001 + i * 5
            year = rng.randrange(1816, 2015)
            alive = [s for s in states if int(s.start) <= year and (not s.end or int(s.end) >= year)] or states
            chosen = rng.sample(alive, min(size, len(alive)))
            month = rng.choice([0, rng.randrange(1, 13), rng.randrange(1, 13), rng.randrange(1, 13)])
            day = rng.randrange(1, 29) if month and rng.random() < 0.8 else 0
            ended = rng.random() < 0.7
            end_year = rng.randrange(year, min(year + 60, 2018) + 1) if ended else 0
            end_month = rng.randrange(1, 13) if ended else 0
            if ended and end_year == year:
                end_month = max(end_month, month)
            flags = [int(rng.random() < p) for p in (0.5, 0.1, 0.2, 0.3, 0.5)]
            wa.writerow([atopid, rng.choice(["", rng.randrange(1, 300)]), year, month, day, end_year, end_month, 0,
                         int(not ended), int(len(chosen) == 2), *flags, rng.randrange(2), rng.randrange(2),
                         rng.randrange(2), rng.randrange(2)])
            for state in chosen:
                own = [f if rng.random() < 0.9 else 0 for f in flags]
                if rng.random() < 0.1 and end_year - year > 4 or (not ended and rng.random() < 0.1):
                    split = year + 2
                    wm.writerow([atopid, state.ccode, year, month, day, split, 1, 1, 1, *own, 0, 0])
                    wm.writerow([atopid, state.ccode, split, 1, 1, end_year, end_month if ended else 0, 0, 2, *own, 0, 0])
                else:
                    wm.writerow([atopid, state.ccode, year, month, day, end_year, end_month if ended else 0, 0, 1, *own, 0, 0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--alliances", type=int, default=770)
    parser.add_argument("--members", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build the store here (kept) instead of in a temp folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="atop-bench-") as tmp:
        files = Path(tmp) / "atop"
        files.mkdir()
        write_files(files, args.alliances, args.members, args.seed)
        folder = args.keep or Path(tmp) / "store"
        build_starter(folder)
        with FactStore.open(folder, create=False) as store:
            t0 = time.perf_counter()
            report = import_atop(store, files)
            first = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = import_atop(store, files)
            second = time.perf_counter() - t0
            t0 = time.perf_counter()
        close = time.perf_counter() - t0
        t0 = time.perf_counter()
        with FactStore.open(folder, readonly=True, create=False) as store:
            opened = time.perf_counter() - t0
            alliances, facts = len(store.alliances()), len(store.facts)
    print(report.summary())
    if report.unknown:
        print(report.unknown_line())
    print(f"import: {first:.2f} s; second import: {second:.2f} s ({again.summary()}); close: {close:.2f} s")
    print(f"open after it: {opened:.2f} s; {alliances} alliances, {facts} facts in the store")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
