"""Many articles at once: the files a batch is made of (:func:`collect`), their import one by one
(:func:`import_batch`), and the lines that say what each did and what the batch did in total.

- **Folders** give their files whose names end in :data:`ARTICLE_SUFFIXES`, recursively, sorted by
  name at each level. Hidden files and folders (a name starting with ".") are skipped, and so are
  links that lead out of the folder (or to nothing): each is listed in ``Collected.skipped`` so it
  can be said. A link to a file inside the folder is taken, once: the same file reached twice is one
  article. Other files are set apart in ``Collected.others``. A file named by the user is taken
  whatever its name: they chose it.
- **Each article is its own undoable group** (:func:`store.pipeline.importer.import_file`), written before
  the next is read, so a batch stopped at a bad file has imported exactly the files before it. A
  refused file (:class:`~store.pipeline.import_report.ImportRefused`) stops the batch unless ``keep_going``;
  a store that cannot be written stops it always, since no later article could be written either.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from store.words.clean import visible_line
from store.errors import StoreError
from store.pipeline.import_report import ImportRefused, ImportReport, clip
from store.pipeline.reading import HTML_SUFFIXES, MARKDOWN_SUFFIXES

if TYPE_CHECKING:
    from store.repository import FactStore

TEXT_SUFFIXES = (".txt", ".text")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES

State = Literal["imported", "updated", "already imported", "failed", "not imported"]


# --- the files of a batch -----------------------------------------------------------------------

@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str  # "a hidden file", "a link leading out of <folder>" …


@dataclass
class Collected:
    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    others: list[Path] = field(default_factory=list)  # in a folder, not an article by its name
    empty_folders: list[Path] = field(default_factory=list)  # folders that gave no article


def collect(paths: Iterable[Path | str]) -> Collected:
    """The files to import for ``paths`` (files and folders), in order, each real file once."""
    found = Collected()
    seen: set[str] = set()
    for given in map(Path, paths):
        if given.is_dir():
            before = len(found.files)
            _walk(given, given, os.path.realpath(given), found, seen)
            if len(found.files) == before:
                found.empty_folders.append(given)
            continue
        real = os.path.realpath(given)
        if real not in seen:  # a missing file stays in: its import says "no such file"
            seen.add(real)
            found.files.append(given)
    return found


def _walk(folder: Path, root: Path, root_real: str, found: Collected, seen: set[str]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        found.skipped.append(Skipped(folder, f"it cannot be read ({exc.strerror or exc})"))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            # Drafts, editors' swap files, .git: not what the user meant to import.
            kind = "folder" if entry.is_dir(follow_symlinks=False) else "file"
            found.skipped.append(Skipped(path, f"a hidden {kind}"))
            continue
        if entry.is_symlink():
            real = os.path.realpath(path)
            if not os.path.exists(real):
                found.skipped.append(Skipped(path, "a link to nothing"))
                continue
            if os.path.commonpath([real, root_real]) != root_real:
                # Importing a folder must not reach files the user did not put in it.
                found.skipped.append(Skipped(path, f"a link leading out of {root}"))
                continue
            if os.path.isdir(real):
                continue  # its files are walked where they are (and a loop is never entered)
        elif entry.is_dir(follow_symlinks=False):
            _walk(path, root, root_real, found, seen)
            continue
        elif not entry.is_file(follow_symlinks=False):
            found.others.append(path)  # a socket, a pipe: never read
            continue
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            found.others.append(path)
            continue
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            found.files.append(path)


# --- importing them -------------------------------------------------------------------------------

@dataclass
class Outcome:
    path: Path
    report: ImportReport | None = None
    error: str | None = None  # why it failed, one inert sentence without the file's name
    exception: Exception | None = None

    @property
    def state(self) -> State:
        if self.report is not None:
            return self.report.status  # type: ignore[return-value]
        return "failed" if self.error is not None else "not imported"


class Progress(Protocol):
    def start(self, path: Path) -> None: ...

    def done(self, outcome: Outcome) -> None: ...


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    stopped_at: Path | None = None
    fatal: Exception | None = None  # the store could not be written: nothing more could be

    def count(self, state: State) -> int:
        return sum(1 for o in self.outcomes if o.state == state)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.state == "failed"]

    @property
    def reports(self) -> list[ImportReport]:
        return [o.report for o in self.outcomes if o.report is not None]


def import_batch(store: FactStore, files: Sequence[Path], *, keep_going: bool = False,
                 progress: Progress | None = None) -> BatchResult:
    """Import ``files`` in order, each its own undoable group; stop at the first failure unless ``keep_going``."""
    from store.pipeline.importer import SourceIndex, import_file

    result = BatchResult([Outcome(path) for path in files])
    sources = SourceIndex(store) if files else None
    for outcome in result.outcomes:
        if progress is not None:
            progress.start(outcome.path)
        stop = False
        try:
            outcome.report = import_file(store, outcome.path, sources)
        except ImportRefused as exc:
            outcome.error, outcome.exception = visible_line(exc.reason), exc
            stop = not keep_going
        except (StoreError, OSError) as exc:
            outcome.error = visible_line(f"the store could not be written ({exc})")
            outcome.exception = result.fatal = exc
            stop = True
        except Exception as exc:  # noqa: BLE001 - a fault on one article's text: said in one line, not a traceback
            outcome.error = visible_line(f"an unexpected error ({type(exc).__name__}: {exc})")
            outcome.exception = exc
            stop = not keep_going
        if progress is not None:
            progress.done(outcome)
        if stop:
            result.stopped_at = outcome.path
            break
    return result


# --- what it says ---------------------------------------------------------------------------------

def links_of(report: ImportReport) -> int:
    """The passages of the article proposed as evidence for (or against) facts already in the store.

    Every summary (the command's lines, the app's notification) reads this one function.
    """
    return len(report.links_proposed)


@dataclass
class Counts:
    excerpts: int = 0
    mentions: int = 0
    links: int = 0
    proposed: int = 0

    @classmethod
    def of(cls, report: ImportReport) -> Counts:
        return cls(len(report.excerpts_added), sum(report.mentions.values()), links_of(report), len(report.proposed))

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.excerpts + other.excerpts, self.mentions + other.mentions,
                      self.links + other.links, self.proposed + other.proposed)

    def line(self, proposed: str = "proposed") -> str:
        return (f"{_n(self.excerpts, 'excerpt')}, {_n(self.mentions, 'mention')}, {_n(self.links, 'link')}, "
                f"{_n(self.proposed, 'fact')} {proposed}")


def totals(result: BatchResult) -> Counts:
    return sum((Counts.of(r) for r in result.reports), Counts())


def outcome_line(outcome: Outcome, stopped_at: Path | None = None) -> str:
    """One inert line: 'a.txt: imported "Title": 12 excerpts, 30 mentions, 2 links, 3 facts proposed'."""
    name = str(outcome.path)
    report = outcome.report
    if report is not None:
        title = clip(report.source.title, 80)
        if report.status == "already imported":
            text = f'{name}: already imported as "{title}"; nothing added'
        else:
            text = f'{name}: {report.status} "{title}": {Counts.of(report).line()}'
    elif outcome.error is not None:
        text = f"{name}: failed: {outcome.error}"
    else:
        text = f"{name}: not imported (the batch stopped at {stopped_at})"
    return visible_line(text)


def totals_line(result: BatchResult) -> str:
    """'total: 3 files, 1 imported, 1 failed, 1 not imported; 12 excerpts, …'."""
    states = ", ".join(f"{n} {state}" for state in ("imported", "updated", "already imported", "failed", "not imported")
                       if (n := result.count(state)))
    return f"total: {_n(len(result.outcomes), 'file')}, {states}; {totals(result).line()}"


def stop_line(result: BatchResult) -> str | None:
    """Where a stopped batch stopped, what it had imported and what it had not; None if it ran to its end."""
    if result.stopped_at is None:
        return None
    at = next(i for i, o in enumerate(result.outcomes) if o.path == result.stopped_at)
    after = len(result.outcomes) - at - 1
    hint = "" if result.fatal is not None else "; --keep-going imports past a bad file"
    if at == 0:
        said = f"nothing was imported (nor the {_n(after, 'file')} after it)" if after else "nothing was imported"
    else:
        said = (f"the {_n(at, 'file')} before it {'is' if at == 1 else 'are'} imported (each article is its own "
                f"undo step), {f'it and the {after} after it are not' if after else 'it is not'}")
    return visible_line(f"stopped at {result.stopped_at}: {said}{hint}")


def skipped_lines(collected: Collected) -> list[str]:
    """What a folder held that the batch leaves out, one inert line each (the others in one line)."""
    lines = [f"skipped {s.path}: {s.reason}" for s in collected.skipped]
    if collected.others:
        n = len(collected.others)
        shown = ", ".join(map(str, collected.others[:3])) + (f" and {n - 3} more" if n > 3 else "")
        what = "file that is not an article by its name" if n == 1 else "files that are not articles by their names"
        lines.append(f"skipped {n} {what}: {shown}")
    lines += [no_articles(folder) for folder in collected.empty_folders]
    return [visible_line(line) for line in lines]


def no_articles(folder: Path) -> str:
    return visible_line(f"no articles to import in {folder} (files ending in {', '.join(ARTICLE_SUFFIXES)})")


def failures_message(result: BatchResult) -> str | None:
    """The failures in one message of several lines (for one notification); None if none failed."""
    failed = result.failed
    if not failed:
        return None
    head = f"{len(failed)} of {_n(len(result.outcomes), 'file')} could not be imported:"
    lines = [head, *(visible_line(f"{o.path}: {o.error}") for o in failed)]
    if result.stopped_at is not None:
        lines.append(stop_line(result) or "")
    return "\n".join(lines)


def batch_headline(result: BatchResult) -> str:
    """'Imported 3 of 4 files: 40 excerpts, 120 mentions, 2 links, 5 facts to review'."""
    done = sum(1 for o in result.outcomes if o.report is not None and o.report.status != "already imported")
    already = result.count("already imported")
    extra = f" ({already} already imported)" if already else ""
    return f"Imported {done} of {_n(len(result.outcomes), 'file')}{extra}: {totals(result).line('to review')}"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
