"""benchmarks/run.py runs end to end at a tiny size and writes every figure.

A smoke test (issue 6): the starter store, ``--quick`` with fewer presses and
saves still (one launch in a pty, 5 key presses a pane, 2 note saves, one import). It asserts the shape of the JSON
and that every figure is a number, never how large the numbers are.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
KEYS = ("launch_s", "key_ms_p50", "key_ms_p95", "note_save_ms_p50", "note_save_ms_p95", "import_s", "peak_rss_mb")


def load_run():
    """benchmarks/run.py, imported by its path (as tests/test_benchmarks.py does for the generator)."""
    name = "_bench_run"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / "run.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the launch is measured in a Linux pty, memory from /proc")
def test_quick_run_at_the_starter_size_writes_every_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "figures.json"
    code = load_run().main(["--sizes", "starter", "--quick", "--presses", "5", "--saves", "2", "--json", str(out),
                            "--cache", str(tmp_path / "cache"), "--work", str(tmp_path)])
    printed = capsys.readouterr().out
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert list(figures) == ["starter"]
    starter = figures["starter"]
    assert starter.get("errors") is None, starter.get("errors")
    assert code == 0
    for key in KEYS:
        value = starter[key]
        assert isinstance(value, (int, float)) and not isinstance(value, bool), (key, value)
        assert math.isfinite(value) and value > 0, (key, value)
    assert starter["launch_command"].startswith("python -m tui")  # unless --launch-command names another
    # Keys on countries never shown before, as well as the busiest country's back and forth.
    assert starter["key_first_presses"] == 5 and starter["key_first_ms_p95"] > 0
    assert "first visits" in printed
    # The table: a header naming every figure, the starter row and the targets row.
    assert all(key in printed for key in KEYS)
    assert any(line.startswith("starter ") for line in printed.splitlines())
    assert "target starter" in printed
    # And the floor under the launch: a bare Textual app with the same screen, launched the same way.
    assert 0 < starter["launch_floor_s"] < 60 and "launch floor" in printed
    # Only the temporary folders were used, and they are gone.
    assert not any(p.name.startswith(".run-") for p in tmp_path.iterdir())


def test_sizes_and_targets() -> None:
    run = load_run()
    assert [run.parse_size(s) for s in ("starter", "10000", "100k", "1_000")] == ["starter", "10000", "100000", "1000"]
    with pytest.raises(Exception):
        run.parse_size("lots")
    assert run.target("starter", "launch_s") == 0.6
    assert run.target("10000", "key_ms_p95") == 30
    assert run.target("100000", "key_ms_p50") == 50
    assert run.target("100000", "peak_rss_mb") == 800
    assert run.target("200", "note_save_ms_p95") == 10
