"""The explorer's figures at several store sizes, against DESIGN.md's targets (issue 6).

    python benchmarks/run.py --sizes starter,10000,100000 --json FILE [--quick]

For each size, writes ``{size: {"launch_s", "key_ms_p50", "key_ms_p95",
"note_save_ms_p50", "note_save_ms_p95", "import_s", "peak_rss_mb", …}}`` (the
seven figures first, then the detail behind them) and prints a table with a
✓ or ✗ against DESIGN.md's target in every cell.

Stores: ``starter`` is a fresh starter store (what ``FactStore.open`` builds in
an empty folder); a number N is benchmarks/generate.py's store of N facts,
cached in benchmarks/out/N/ (gitignored) and reused when it is there.
Each measure gets its own copy of the store in --work (default benchmarks/out,
on the same disk as the cache, so an fsync costs what it costs there), and the
copies are removed afterwards.

- ``launch_s``, ``peak_rss_mb``: launch_figures.py: ``python -m tui --db COPY`` in
  a pseudo-terminal, to the end of the first frame with all three panes filled
  (median of 3 launches); then 50 ``j`` and VmHWM from /proc before ``q``. The
  first launch times those ``j`` one by one in the real process (``key_pty_ms_*``),
  a cross-check of the headless ``key_ms_*``.
- ``key_ms_*``, ``note_save_ms_*``: app_figures.py: the app from ``build_app``,
  headless (``run_test``, 140×40), in a fresh process: ≥ 200 j/k presses in
  the countries pane on the busiest country and ≥ 200 in the alliances pane on
  its busiest alliance; ≥ 100 notes written with n and saved with ctrl+s
  (``note_save_ms``: ctrl+s to the journal fsynced on the app's writer
  thread; ``note_shown_ms``: to the editor closed and the note drawn). Headless: Textual composites each frame and turns it into escape sequences,
  but nothing is written to a terminal and nothing drawn.
- ``import_s``: import_figures.py: ``store.pipeline.importer.import_files`` of a
  1,513-word article (tests/data/import/baltic-to-pacific.md) into fresh
  copies of the store, opened beforehand; median after a first import that
  also builds the gazetteer (``import_first_s``). ``import_cli_s`` is the whole
  ``python -m tui --db COPY import FILE`` command, once, for reference.

``--quick`` is a smoke run: one launch, 10 presses per pane, 3 saves, one
import after the first. Its figures are not the benchmark's.
"""

from __future__ import annotations

import argparse
import compileall
import json
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import launch_figures, launch_floor  # noqa: E402

BENCH = ROOT / "benchmarks"
CACHE = BENCH / "out"
ARTICLE = ROOT / "tests" / "data" / "import" / "baltic-to-pacific.md"

KEYS = ("launch_s", "key_ms_p50", "key_ms_p95", "note_save_ms_p50", "note_save_ms_p95", "import_s", "peak_rss_mb")

# DESIGN.md, "Figures to reach": starter store, 10,000 facts, 100,000 facts.
TARGETS: dict[str, dict[str, float]] = {
    "starter": {"launch_s": 0.6, "key_ms": 30, "note_save_ms": 10, "import_s": 0.3, "peak_rss_mb": 150},
    "10k": {"launch_s": 1.0, "key_ms": 30, "note_save_ms": 10, "import_s": 0.3, "peak_rss_mb": 250},
    "100k": {"launch_s": 2.0, "key_ms": 50, "note_save_ms": 10, "import_s": 0.5, "peak_rss_mb": 800},
}


def target_class(size: str) -> str:
    """The DESIGN.md column a size is judged by: starter; up to 10,000 facts; more."""
    if size == "starter":
        return "starter"
    return "10k" if int(size) <= 10_000 else "100k"


def target(size: str, key: str) -> float:
    t = TARGETS[target_class(size)]
    return t[key.rsplit("_p", 1)[0]] if key.endswith(("_p50", "_p95")) else t[key]


def parse_size(text: str) -> str:
    text = text.strip().lower().replace("_", "").replace(",", "")
    if text == "starter":
        return "starter"
    mult = 1
    if text.endswith("k"):
        text, mult = text[:-1], 1000
    try:
        n = int(float(text) * mult)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (starter or a number of facts)") from None
    if n < 1:
        raise argparse.ArgumentTypeError("a size is at least 1 fact")
    return str(n)


# --- stores -------------------------------------------------------------------------

def starter_store(folder: Path) -> Path:
    from store.repository import FactStore

    FactStore.open(folder).close()
    return folder


def generated_store(n: int, cache: Path) -> Path:
    """benchmarks/out/N, generated once and reused."""
    from store import db

    folder = cache / str(n)
    # A cache without seals.json predates sealed snapshots: every open would
    # validate it whole, which no store this version writes asks for.
    if folder.is_dir() and db.is_store(folder) and (folder / db.SEALS).is_file():
        return folder
    print(f"generating a store of {n:,} facts in {folder} …", flush=True)
    cmd = [sys.executable, str(BENCH / "generate.py"), "--facts", str(n), "--out", str(folder)]
    if folder.exists():  # a half-written folder from an interrupted run
        shutil.rmtree(folder)
    subprocess.run(cmd, check=True, cwd=ROOT)
    return folder


def copy_store(template: Path, into: Path) -> Path:
    shutil.copytree(template, into, ignore=shutil.ignore_patterns("backups", "lock"))
    return into


# --- measures ------------------------------------------------------------------------

def _run(cmd: list[str], timeout: float) -> str:
    """Run a helper script; its standard output, or an error with the end of what it said."""
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    if out.returncode != 0:
        tail = (out.stderr or out.stdout).strip().splitlines()[-6:]
        raise RuntimeError(f"{Path(cmd[1]).name} failed ({out.returncode}): " + " | ".join(tail))
    return out.stdout


def _json_of(cmd: list[str], timeout: float) -> dict[str, Any]:
    return json.loads(_run(cmd, timeout).strip().splitlines()[-1])


_COUNTRY_NAMES = """
import json, sys
from store.repository import FactStore
store = FactStore.open(sys.argv[1], readonly=True, create=False)
print(json.dumps([e.name for e, _ in store.countries()]))
store.close()
"""


def measure_size(size: str, template: Path, work: Path, opts: argparse.Namespace) -> dict[str, Any]:
    figures: dict[str, Any] = {k: None for k in KEYS}
    errors: list[str] = []

    def step(name: str, fn) -> None:
        t = time.perf_counter()
        print(f"  {name} …", end="", flush=True)
        try:
            fn()
            print(f" {time.perf_counter() - t:.1f} s", flush=True)
        except Exception as exc:  # one broken measure must not hide the others
            print(" failed", flush=True)
            errors.append(f"{name}: {exc}")

    names: list[str] = []

    def app() -> None:
        copy = copy_store(template, work / "app")
        json_file = work / "app.json"
        _run([sys.executable, str(BENCH / "app_figures.py"), str(copy), "--presses", str(opts.presses),
              "--first-visits", str(min(100, opts.presses)), "--saves", str(opts.saves), "--json", str(json_file)],
             timeout=3600)
        got = json.loads(json_file.read_text(encoding="utf-8"))
        names.extend(got.pop("country_names", []))
        figures.update(got)

    def launch() -> None:
        copy = copy_store(template, work / "launch")
        if not names:  # the app measure failed before it named them
            names.extend(json.loads(_run([sys.executable, "-c", _COUNTRY_NAMES, str(template)], timeout=600)))
        got = launch_figures.measure(copy, names, runs=opts.launches, presses=opts.launch_presses,
                                     app_command=shlex.split(opts.launch_command) if opts.launch_command else None)
        errors.extend(f"launch: {e}" for e in got.pop("launch_errors"))
        figures.update(got)
        figures["launch_command"] = opts.launch_command or "python -m tui (this tree)"

    def imports() -> None:
        if not opts.article.is_file():
            figures["import_error"] = f"no article at {opts.article}"
            return
        figures.update(_json_of([sys.executable, str(BENCH / "import_figures.py"), str(template), str(opts.article),
                                 "--runs", str(opts.imports), "--work", str(work)], timeout=3600))

    def cli_import() -> None:
        if not opts.article.is_file() or figures.get("import_s") is None:
            return
        copy = copy_store(template, work / "cli")
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "tui", "--db", str(copy), "import", str(opts.article)],
                             capture_output=True, text=True, cwd=ROOT, timeout=600)
        elapsed = time.perf_counter() - t
        if out.returncode != 0:
            raise RuntimeError(f"alliances-tui import failed: {out.stderr.strip()[-300:]}")
        figures["import_cli_s"] = round(elapsed, 3)

    step("keys and notes (headless app)", app)
    step(f"launch ×{opts.launches} (pty)", launch)
    step("import", imports)
    step("import via the CLI", cli_import)
    if errors:
        figures["errors"] = errors
    return figures


# --- output --------------------------------------------------------------------------

def fmt(key: str, value: Any) -> str:
    if value is None:
        return "—"
    if key.endswith("_s"):
        return f"{value:.2f}"
    if key == "peak_rss_mb":
        return f"{value:.0f}"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def table(results: dict[str, dict[str, Any]]) -> str:
    head = ["size", *KEYS]
    rows = [head]
    for size, fig in results.items():
        row = [size]
        for key in KEYS:
            v = fig.get(key)
            mark = "" if v is None else (" ✓" if v < target(size, key) else " ✗")
            row.append(fmt(key, v) + mark)
        rows.append(row)
    for cls in dict.fromkeys(target_class(s) for s in results):
        rows.append([f"target {cls}", *(f"< {_num(TARGETS[cls][k.rsplit('_p', 1)[0] if k.endswith(('_p50', '_p95')) else k])}"
                                        for k in KEYS)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = []
    for i, r in enumerate(rows):
        lines.append("  ".join(c.ljust(widths[0]) if j == 0 else c.rjust(widths[j]) for j, c in enumerate(r)))
        if i == 0 or i == len(results):
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _num(x: float) -> str:
    return f"{x:g}"


def details(results: dict[str, dict[str, Any]]) -> str:
    lines = []
    for size, f in results.items():
        def g(k: str, unit: str = "") -> str:
            v = f.get(k)
            return "—" if v is None else f"{v}{unit}"

        lines.append(
            f"{size}: {g('facts')} facts, busiest {g('busiest_country')} ({g('busiest_country_facts')} facts) "
            f"and {g('busiest_alliance')}; launches ({g('launch_command')}) {g('launch_runs_s')} s; "
            f"key CPU p50/p95 {g('key_cpu_ms_p50')}/{g('key_cpu_ms_p95')} ms "
            f"(countries pane p50 {g('key_ms_countries_p50')} ms, alliances pane p50 {g('key_ms_alliances_p50')} ms); "
            f"key on first visits (down the countries list) p50/p95 {g('key_first_ms_p50')}/{g('key_first_ms_p95')} ms "
            f"over {g('key_first_presses')} j; "
            f"key in the pty p50/p95 {g('key_pty_ms_p50')}/{g('key_pty_ms_p95')} ms over {g('key_pty_presses')} j; "
            f"note shown (ctrl+s → editor closed, note drawn) p50/p95 {g('note_shown_ms_p50')}/{g('note_shown_ms_p95')} ms, "
            f"first {g('note_shown_first_ms')} ms; FactStore.add_note alone p50 {g('store_add_note_ms_p50')} ms; "
            f"first import {g('import_first_s')} s, CLI import {g('import_cli_s')} s, "
            f"the day's backup (first write of a day) {g('backup_s')} s; "
            f"store open in-process {g('store_open_s')} s"
        )
        for e in f.get("errors", []):
            lines.append(f"{size}: ERROR {e}")
        if f.get("import_error"):
            lines.append(f"{size}: import not measured: {f['import_error']}")
    return "\n".join(lines)


def _terminated(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # so that the launched app is reaped and the copies removed


def main(argv: list[str] | None = None) -> int:
    if threading.current_thread() is not threading.main_thread():
        return _main(argv)
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return _main(argv)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(description="The explorer's figures at several store sizes (issue 6).")
    parser.add_argument("--sizes", default="starter,10000,100000",
                        help="comma-separated: starter and/or numbers of facts (10000, 100k …)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1 launch, 10 presses a pane, 3 saves, 1 import")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where generated stores are kept (default benchmarks/out)")
    parser.add_argument("--work", type=Path, help="where the copies of a store go (default: the cache folder)")
    parser.add_argument("--article", type=Path, default=ARTICLE, help="the ~1,500-word article to import")
    parser.add_argument("--launches", type=int, help="launches per size (default 3; --quick 1)")
    parser.add_argument("--presses", type=int, help="j/k presses per list pane (default 200; --quick 10)")
    parser.add_argument("--saves", type=int, help="notes saved through the app (default 100; --quick 5)")
    parser.add_argument("--launch-command", help="what the launches run, --db STORE added (default: this tree's "
                        "`python -m tui`); e.g. .venv/bin/alliances-tui of a `pip install .`, as a user runs it")
    args = parser.parse_args(argv)
    try:
        sizes = list(dict.fromkeys(parse_size(s) for s in args.sizes.split(",") if s.strip()))
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    q = args.quick
    args.launches = args.launches or (1 if q else 3)
    args.presses = args.presses or (10 if q else 200)
    args.saves = args.saves or (3 if q else 100)
    args.imports = 1 if q else 5
    args.launch_presses = 10 if q else launch_figures.PRESSES
    work_root = args.work or args.cache
    work_root.mkdir(parents=True, exist_ok=True)

    # Launches run `python -m tui` from this tree: compile it first, as pip does
    # when it installs the package (PYTHONDONTWRITEBYTECODE, set on some
    # machines, would otherwise make every launch compile the app's sources).
    # (force: compileall trusts a .pyc whose source changed within the same second.)
    compileall.compile_dir(ROOT / "store", quiet=1, force=True)
    compileall.compile_dir(ROOT / "tui", quiet=1, force=True)

    results: dict[str, dict[str, Any]] = {}
    for size in sizes:
        print(f"{size}:", flush=True)
        with tempfile.TemporaryDirectory(dir=work_root, prefix=".run-") as tmp:
            tmp_path = Path(tmp)
            template = starter_store(tmp_path / "starter") if size == "starter" else generated_store(int(size), args.cache)
            results[size] = measure_size(size, template, tmp_path, args)
        if args.json:  # after every size, so a long run keeps what it has measured
            args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    # What a bare Textual app with the same screen takes to launch here: the
    # floor under launch_s on this machine, at this hour (see launch_floor.py).
    print("launch floor (a bare Textual app with this layout) …", end="", flush=True)
    floor = launch_floor.measure(runs=3 if q else 7)
    print(f" {floor['launch_floor_s']} s", flush=True)
    for figures in results.values():
        figures.update(floor)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print()
    print(table(results))
    print()
    print(details(results))
    print(f"\nlaunch floor: a bare Textual app (header, three titled panes, footer) shows its first frame in "
          f"{floor['launch_floor_s']} s here (median of {len(floor['launch_floor_runs_s'])}); launch_s less that is the explorer's own.")
    if q:
        print("\n(--quick: a smoke run, too few presses and saves for the figures to mean much)")
    return 1 if any(f.get("errors") for f in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
