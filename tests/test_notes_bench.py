"""benchmarks/notes_bench.py runs at a small size and prints every figure (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from store.check import check_store


def test_the_notes_benchmark_runs_small(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    work = tmp_path / "work"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "notes_bench.py"), "--notes", "300", "--saves", "3",
         "--work", str(work), "--json", str(out)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )
    figures = json.loads(out.read_text())
    for key in ("open1_s", "open1_rss_mb", "open_s", "open_rss_mb", "note_ms_p50", "note_ms_p95",
                "journal_mb", "import_line_bytes", "article_bytes", "import_ratio"):
        assert isinstance(figures[key], (int, float)) and figures[key] > 0, (key, figures[key])
    assert figures["note_ms_p50"] <= figures["note_ms_p95"]
    assert figures["notes"] == 300
    assert check_store(work / "notes-300") == []  # the store it builds is a valid store
