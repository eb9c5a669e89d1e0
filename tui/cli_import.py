"""The commands that write into a store from the command line: ``import``, ``import-atop`` and ``update-world``.

Each waits a while for another writer to let go of the store (``open_for_writing``),
and ``import`` of many files shows a progress bar on a terminal. Imported only when
one of them runs (see tui/cli.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui import memory
from tui.cli import create_if_missing, fail, one_line, open_existing

if TYPE_CHECKING:
    from store.repository import FactStore


# How long `import` waits for another writer: long enough for another import
# (well under a second for an article), short enough not to hang behind an
# explorer left open, which holds the store for its whole session.
IMPORT_WAIT = 10.0


def open_for_writing(folder: Path, seconds: float) -> FactStore:
    """Open the store for writing, waiting up to ``seconds`` for another alliances-tui to let go of it.

    Two imports started together (say, by a script) then both succeed, one
    after the other. The open itself is what is retried: a lock taken and let
    go before opening would leave a gap for the other process to win again.
    Past the wait the store is returned read-only, and says who holds it.
    """
    import time

    deadline = time.monotonic() + seconds
    said = False
    while True:
        store = open_existing(folder, readonly=False)
        if not store.readonly or time.monotonic() >= deadline:
            return store
        # A writable open only falls back to read-only when another process holds the lock.
        reason = store.readonly_reason
        store.close()
        if not said:
            print(f"alliances-tui: {one_line(reason)}; waiting up to {seconds:.0f} s…", file=sys.stderr, flush=True)
            said = True
        time.sleep(0.05)


def cmd_update_world(folder: Path, args: argparse.Namespace) -> int:
    from store.datasets.world_update import update_world

    store = open_for_writing(folder, IMPORT_WAIT)
    try:
        if store.readonly:
            return fail(store.readonly_reason)
        update = update_world(store)
    finally:
        store.close()
    print(one_line(update.summary()))
    return 0


def is_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://"))


def cmd_import(folder: Path, args: argparse.Namespace) -> int:
    from store.pipeline.extract.learned import use_model

    before = use_model(args.learned)
    try:
        return _cmd_import(folder, args)
    finally:
        use_model(before)  # the process's setting again (tests call main() in one process)


def _cmd_import(folder: Path, args: argparse.Namespace) -> int:
    from store.pipeline.batch import collect, no_articles, skipped_lines

    urls = [a for a in args.files if is_url(a)]
    paths = [Path(a).expanduser() for a in args.files if not is_url(a)]
    if args.dry_run:
        return _dry_run(folder, urls, paths)
    collected = collect(paths)
    for line in skipped_lines(collected):
        print(f"alliances-tui: {one_line(line)}", file=sys.stderr)
    if not collected.files and not urls:
        return 1 if collected.empty_folders else fail(no_articles(paths[0]))
    create_if_missing(folder)
    store = open_for_writing(folder, IMPORT_WAIT)
    memory.after_open()  # the store's records out of the collector's way, as in the app: a full collection
    try:  # over 100,000 facts took half of one article's import
        if store.readonly:
            return fail(store.readonly_reason)
        failed = _import_urls(store, urls, keep_going=args.keep_going)
        if failed and not args.keep_going:
            return 1
        if not collected.files:
            return 1 if failed else 0
        # One file named: its whole report, as it has always been; a folder or many: a line each and totals.
        one = len(args.files) == 1 and not paths[0].is_dir()
        return max(_import_batch(store, collected.files, keep_going=args.keep_going, one=one), 1 if failed else 0)
    finally:
        store.close()


def _import_urls(store: FactStore, urls: list[str], *, keep_going: bool) -> int:
    """Fetch and import each address; how many failed (a failure stops the rest unless ``keep_going``)."""
    from store.errors import StoreError
    from store.pipeline.importer import import_url

    failed = 0
    for url in urls:
        try:
            report = import_url(store, url)
        except StoreError as exc:
            failed += 1
            print(f"alliances-tui: {one_line(str(exc))}", file=sys.stderr)
            if not keep_going:
                break
            continue
        print(report.summary())
    return failed


def _dry_run(folder: Path, urls: list[str], paths: list[Path]) -> int:
    """What importing would add, read against the store as it is; nothing written, no store created."""
    from store.errors import StoreError
    from store.pipeline.batch import collect
    from store.pipeline.importer import import_files, import_url

    if not (folder / "facts.json").exists():
        return fail(f"no store at {folder}: a dry run reads one (start the explorer or import once to create it)")
    store = open_existing(folder, readonly=True)
    failed = 0
    try:
        print("Dry run: nothing is written.")
        targets: list[str | Path] = [*urls, *collect(paths).files]
        for target in targets:
            try:
                if isinstance(target, str):
                    report = import_url(store, target, dry_run=True)
                else:
                    (report,) = import_files(store, [target], dry_run=True)
            except StoreError as exc:
                failed += 1
                print(f"alliances-tui: {one_line(str(exc))}", file=sys.stderr)
                continue
            print(report.summary().replace(": imported ", ": would import ", 1))
    finally:
        store.close()
    return 1 if failed else 0


def cmd_import_atop(folder: Path, args: argparse.Namespace) -> int:
    from store.datasets.atop import import_atop, read_atop

    # Both files read and checked before a store is opened (or created): an error writes nothing.
    data = read_atop(args.folder.expanduser())
    create_if_missing(folder)
    store = open_for_writing(folder, IMPORT_WAIT)
    try:
        if store.readonly:
            return fail(store.readonly_reason)
        report = import_atop(store, data)
    finally:
        store.close()
    if report.unknown:
        print(f"alliances-tui: {one_line(report.unknown_line())}", file=sys.stderr)
    print(one_line(report.summary()))
    return 0


def _import_batch(store: FactStore, files: list[Path], *, keep_going: bool, one: bool) -> int:
    """Import ``files``, a bar on stderr if it is a terminal; a line per article and the totals on stdout."""
    from store.pipeline.batch import import_batch, outcome_line, stop_line, totals_line

    bar = _ImportBar(len(files)) if not one and sys.stderr.isatty() else None
    # Without a bar each article's line is printed as it is done, so a log shows how far a batch got;
    # with one, stdout may be the same terminal: the lines wait for the bar to be gone.
    streamed = bar is None and not one
    printer = _Lines(bar, streamed)
    if bar is not None:
        bar.__enter__()
    try:
        result = import_batch(store, files, keep_going=keep_going, progress=printer)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if one:
        if result.outcomes[0].report is not None:
            print(result.outcomes[0].report.summary())
            return 0
        return 1
    if not streamed:
        for outcome in result.outcomes:
            print(outcome_line(outcome, result.stopped_at))
    else:
        for outcome in result.outcomes[printer.printed:]:
            print(outcome_line(outcome, result.stopped_at))
    print(totals_line(result))
    failed = len(result.failed)
    said = stop_line(result) or (f"{failed} of {len(files)} files could not be imported" if failed else None)
    if said:
        print(f"alliances-tui: {one_line(said)}", file=sys.stderr)
    return 1 if failed else 0


class _Lines:
    """What the batch says while it runs: each failure on stderr as it happens (above the bar, if any)."""

    def __init__(self, bar: _ImportBar | None, streamed: bool) -> None:
        self.bar = bar
        self.streamed = streamed
        self.printed = 0

    def start(self, path: Path) -> None:
        if self.bar is not None:
            self.bar.start(path)

    def done(self, outcome: object) -> None:
        from store.pipeline.batch import Outcome, outcome_line

        assert isinstance(outcome, Outcome)
        if outcome.error is not None:
            line = f"alliances-tui: cannot import {one_line(str(outcome.path))}: {one_line(outcome.error)}"
            if self.bar is not None:
                self.bar.say(line)
            else:
                print(line, file=sys.stderr, flush=True)
        if self.streamed:
            print(outcome_line(outcome), flush=True)
            self.printed += 1
        if self.bar is not None:
            self.bar.advance()


class _ImportBar:
    """Rich's progress bar on stderr: the file being read, how many are done, the time left."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        # The bar's own console: stderr, as a terminal (the caller checked), never stdout.
        self.console = Console(file=sys.stderr, force_terminal=True, highlight=False)
        self.progress = Progress(
            TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=self.console, transient=True, redirect_stdout=False, redirect_stderr=False,
        )
        self.task = self.progress.add_task("importing", total=total)

    def __enter__(self) -> _ImportBar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start(self, path: Path) -> None:
        from store.pipeline.import_report import clip

        # A file name is text: markup=False above, and its control characters escaped here.
        self.progress.update(self.task, description=one_line(clip(path.name, 40)))

    def say(self, line: str) -> None:
        self.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def advance(self) -> None:
        self.progress.advance(self.task)
