"""Import throughput (issue 14): 1,000 articles of ~800 words into a 100,000-fact store; target < 2 minutes.

    python benchmarks/import_bench.py [--articles 1000] [--words 800] [--facts 100000] [--store DIR]
                                      [--cache benchmarks/out] [--work DIR] [--seed 1] [--profile 25] [--json FILE]

The store is ``generate.py``'s store of ``--facts`` facts, generated into ``--cache``/N the first
time and reused after (as run.py does), or the folder given with ``--store``; it is copied to
``--work`` (default: a temporary folder on the cache's disk, so an fsync costs what it costs
there) and opened before the clock starts. The articles are made from the development set's
real texts (benchmarks/devset/articles): each takes the header of one of them and paragraphs
drawn from all of them until it reaches ``--words``, under a title and URL of its own, so every
article has its own sha256 and is a new source (not a new version of another), and the
extraction reads real news prose. They are imported with ``store.pipeline.batch.import_batch``, the
command's own path: each article read, extracted and written (one journal line, fsynced) before
the next.

Printed: the total seconds, articles a second, the split between the stages (reading and
parsing; excerpts and mentions; claims, i.e. ``store.pipeline.proposals.propose`` with the links to
existing facts; writing, i.e. ``FactStore.add_records``; the rest), the store's memory after
opening and the peak (VmHWM), and with ``--profile N`` cProfile's N costliest functions.
Figures only: tests/test_import_bench.py runs it tiny and asserts no timings.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import hashlib
import io
import json
import pstats
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEVSET = ROOT / "benchmarks" / "devset" / "articles"
CACHE = ROOT / "benchmarks" / "out"
HEADER_KEYS = ("Title", "Source", "Published", "URL", "Authors")


# --- the articles ---------------------------------------------------------------------------------

def _split(text: str) -> tuple[dict[str, str], list[str]]:
    head, _, body = text.partition("\n\n")
    header = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    return header, [p.strip() for p in body.split("\n\n") if p.strip()]


def make_articles(out: Path, n: int, words: int, seed: int) -> list[Path]:
    """``n`` articles of about ``words`` words, recombined from the development set's paragraphs."""
    originals = [_split(p.read_text(encoding="utf-8")) for p in sorted(DEVSET.glob("*.txt"))]
    paragraphs = [p for _, body in originals for p in body]
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    digests: set[str] = set()
    paths = []
    for i in range(n):
        header, body = originals[i % len(originals)]
        while True:
            # The original's first paragraph, then others drawn from every article: a story that
            # opens on its subject and goes on to related ones, as news analyses do.
            chosen = [body[0]]
            while sum(len(p.split()) for p in chosen) < words:
                chosen.append(rng.choice(paragraphs))
            text = "\n\n".join(chosen)
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest not in digests:
                digests.add(digest)
                break
        lines = [f"Title: {header.get('Title', 'Article')} (batch article {i + 1})"]
        lines += [f"{k}: {header[k]}" for k in ("Source", "Published", "Authors") if k in header]
        lines.append(f"URL: https://example.org/import-bench/{i + 1}")
        path = out / f"article-{i + 1:05d}.txt"
        path.write_text("\n".join(lines) + "\n\n" + text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


# --- the stages -----------------------------------------------------------------------------------

class Stages:
    """Wall time per stage, by wrapping the functions the importer calls (the module's own names)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, owner: Any, name: str, stage: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - t

        setattr(owner, name, timed)


def vm_mb(key: str) -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(key + ":")) / 1024


# --- the run --------------------------------------------------------------------------------------

def template_store(args: argparse.Namespace) -> Path:
    if args.store is not None:
        return args.store
    from benchmarks.run import generated_store

    return generated_store(args.facts, args.cache)


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    import store.pipeline.importer as importer
    from store.pipeline.batch import import_batch
    from store.repository import FactStore

    template = template_store(args)
    articles = make_articles(work / "articles", args.articles, args.words, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in articles)
    folder = work / "store"
    shutil.copytree(template, folder, ignore=shutil.ignore_patterns("backups", "lock"))

    stages = Stages()
    stages.wrap(importer, "read_file", "reading")
    stages.wrap(importer, "parse_document", "reading")
    stages.wrap(importer, "make_excerpts", "excerpts+mentions")
    stages.wrap(importer, "propose", "claims")

    t = time.perf_counter()
    store = FactStore.open(folder, create=False)
    open_s = time.perf_counter() - t
    from tui import memory

    memory.after_open()  # as the import command does once the store is read
    try:
        facts_before = len(store.facts)
        store.backup_if_due()  # the day's backup is the first write's, not the import's
        stages.wrap(store, "add_records", "writing")
        open_rss = vm_mb("VmRSS")
        profiler = cProfile.Profile() if args.profile else None
        t = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        result = import_batch(store, articles, keep_going=True)
        if profiler is not None:
            profiler.disable()
        total = time.perf_counter() - t
        peak = vm_mb("VmHWM")
        facts_after = len(store.facts)
    finally:
        store.close()
    failed = [o for o in result.outcomes if o.state == "failed"]
    split = {stage: stages.seconds.get(stage, 0.0)
             for stage in ("reading", "excerpts+mentions", "claims", "writing")}
    split["other"] = max(0.0, total - sum(split.values()))
    figures: dict[str, Any] = {
        "articles": len(articles),
        "words_per_article": round(words / max(1, len(articles))),
        "store_facts": facts_before,
        "facts_added": facts_after - facts_before,
        "imported": sum(1 for o in result.outcomes if o.state == "imported"),
        "failed": len(failed),
        "total_s": total,
        "articles_per_s": len(articles) / total if total else 0.0,
        "stages_s": split,
        "open_s": open_s,
        "open_rss_mb": open_rss,
        "peak_rss_mb": peak,
        "journal_mb": (folder / "journal.jsonl").stat().st_size / 1e6 if (folder / "journal.jsonl").exists() else 0.0,
    }
    if failed:
        figures["first_failure"] = f"{failed[0].path.name}: {failed[0].error}"
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.profile)
        figures["profile"] = out.getvalue()
    return figures


def report(figures: dict[str, Any]) -> str:
    total = figures["total_s"]
    lines = [
        f"{figures['articles']:,} articles of ~{figures['words_per_article']} words into a store of "
        f"{figures['store_facts']:,} facts: {figures['imported']:,} imported, {figures['failed']} failed, "
        f"{figures['facts_added']:,} facts proposed",
        f"total: {total:.1f} s, {figures['articles_per_s']:.1f} articles/s (target: 1,000 in < 120 s)",
        "stages: " + ", ".join(f"{k} {v:.1f} s ({100 * v / total if total else 0:.0f} %)"
                              for k, v in figures["stages_s"].items()),
        f"memory: {figures['open_rss_mb']:.0f} MB after opening the store (opened in {figures['open_s']:.1f} s), "
        f"peak {figures['peak_rss_mb']:.0f} MB; journal {figures['journal_mb']:.1f} MB",
    ]
    if "first_failure" in figures:
        lines.append(f"first failure: {figures['first_failure']}")
    if "profile" in figures:
        lines += ["", figures["profile"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=800, help="words per article, about (default 800)")
    parser.add_argument("--facts", type=int, default=100_000, help="the generated store's size (default 100,000)")
    parser.add_argument("--store", type=Path, help="a store folder to copy instead of a generated one")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where generated stores are kept (default benchmarks/out)")
    parser.add_argument("--work", type=Path, help="where the copy and the articles go (default: a temporary folder in --cache)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print cProfile's N costliest functions")
    parser.add_argument("--json", type=Path, help="write the figures to this file too")
    args = parser.parse_args(argv)

    if args.work is not None:
        args.work.mkdir(parents=True, exist_ok=True)
        figures = run(args, args.work)
    else:
        args.cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="import-bench-", dir=args.cache) as tmp:
            figures = run(args, Path(tmp))
    print(report(figures))
    if args.json is not None:
        args.json.write_text(json.dumps({k: v for k, v in figures.items() if k != "profile"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
