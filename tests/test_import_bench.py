"""benchmarks/import_bench.py runs tiny and prints every figure (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_the_import_benchmark_runs_tiny(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "import_bench.py"), "--articles", "4", "--words", "300",
         "--facts", "200", "--cache", str(tmp_path / "cache"), "--work", str(tmp_path / "work"),
         "--profile", "5", "--json", str(out)],
        check=True, capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    figures = json.loads(out.read_text())
    assert figures["articles"] == 4 and figures["imported"] == 4 and figures["failed"] == 0
    assert figures["store_facts"] >= 200
    for key in ("total_s", "articles_per_s", "open_rss_mb", "peak_rss_mb", "journal_mb"):
        assert isinstance(figures[key], (int, float)) and figures[key] > 0, (key, figures[key])
    assert figures["peak_rss_mb"] >= figures["open_rss_mb"]
    assert set(figures["stages_s"]) == {"reading", "excerpts+mentions", "claims", "writing", "other"}
    assert "articles/s" in result.stdout and "cumulative" in result.stdout
    # Each article is its own: distinct titles and texts, so none is "already imported" or a new version.
    articles = sorted((tmp_path / "work" / "articles").iterdir())
    assert len({p.read_text().splitlines()[0] for p in articles}) == 4
    assert all(len(p.read_text().split()) >= 300 for p in articles)
