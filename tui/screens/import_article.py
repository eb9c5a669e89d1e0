"""'Import article…': a path input that completes file names, then the import's report.

A folder is taken too, with the command line's rules (store/pipeline/batch.py): its articles,
recursively; hidden files and links leading out of it left out. A folder without
articles is said here, and the dialog stays open with the path in it. A checkbox asks for the
learned fallback too, as ``import --learned`` does (store/pipeline/extract/learned.py): off
unless ticked, since its additions are right about two times in three.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Checkbox, Input, Static

from store.pipeline.batch import collect, no_articles
from store.words.clean import visible_line
from tui import actions
from tui.panes.footer import KeysFooter


class PathSuggester(Suggester):
    """Completes the last component of a path from what is on disk."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        expanded = os.path.expanduser(value)
        folder, _, prefix = expanded.rpartition(os.sep)
        base = Path(folder or ".") if folder or not expanded.startswith(os.sep) else Path(os.sep)
        try:
            names = sorted(p.name + (os.sep if p.is_dir() else "") for p in base.iterdir() if p.name.startswith(prefix))
        except OSError:
            return None
        visible = [n for n in names if not n.startswith(".") or prefix.startswith(".")]
        if not visible:
            return None
        # Keep what the user typed (e.g. "~/") and add the rest of the first match.
        return value + visible[0][len(prefix):]


@dataclass(frozen=True)
class ImportChoice:
    """What the dialog was asked to import, and whether the learned fallback reads it too."""

    path: Path
    learned: bool = False


class ImportScreen(ModalScreen[ImportChoice | None]):
    BINDINGS = actions.bindings("import")

    def __init__(self, learned: bool = False) -> None:
        super().__init__()
        self._learned = learned  # the last import's choice: the dialog opens with it

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box"):
            yield Static("Import articles: a text, Markdown or HTML file, or a folder of them", id="import-title", markup=False)
            yield Input(placeholder="path/to/article.txt or path/to/folder  (→ completes, enter imports)",
                        suggester=PathSuggester(), id="import-path")
            yield Checkbox("Learned model too: more proposals, right about 2 in 3", self._learned,
                           id="import-learned")
            yield Static("", id="import-error", markup=False)
        # The keys of this dialog, not the explorer's beneath it.
        yield KeysFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            return
        path = Path(value).expanduser()
        error = self.query_one("#import-error", Static)
        if path.is_dir():
            if not collect([path]).files:
                error.update(no_articles(path))
                return
        elif not path.is_file():
            error.update(visible_line(f"{path} is not a file or a folder"))
            return
        else:
            refused = _refused(path)
            if refused is not None:  # said here, the path still in the field to correct
                error.update(refused)
                return
        self.dismiss(ImportChoice(path, self.query_one("#import-learned", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _refused(path: Path) -> str | None:
    """Why one file cannot be imported (not text, too large, no article in it), read before the dialog closes."""
    from store.pipeline.import_report import ImportRefused
    from store.pipeline.parsing import parse_document
    from store.pipeline.reading import read_file

    try:
        text, fmt = read_file(path)
        parse_document(text, fmt, str(path))
    except ImportRefused as exc:
        return str(exc)
    return None
