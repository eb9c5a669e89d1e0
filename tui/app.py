"""The explorer: three panes over a FactStore.

The app composes the screen; what it does is in three parts, one idea each:
tui/app_base.py (the explorer's state applied to the panes: an Explorer, see
tui/explorer.py, says where the user is and what each pane shows; a key or a
highlight is a move of it), tui/app_views.py (the actions that move or open
another view) and tui/app_writes.py (every write, run by the StoreWriter of
tui/writing.py on one thread, its outcome back as a message). The order of
keys typed in one burst is kept by tui/keys_in_order.py. ``build_app`` is the
one factory.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from store.words.clean import visible_line
from store.errors import StoreError
from store.repository import FactStore
from tui import actions, memory, settings
from tui.app_views import ViewActions
from tui.app_writes import WriteActions
from tui.commands import ExplorerCommands
from tui.damage import reports_damage
from tui.list_lines import entry_line
from tui.panes.excerpts import ExcerptsPane
from tui.panes.footer import KeysFooter
from tui.panes.lists import ListPane
from tui.panes.title import TitleBar


class AlliancesApp(WriteActions, ViewActions):
    CSS_PATH = "app.tcss"
    TITLE = "alliances-tui"
    COMMANDS = App.COMMANDS | {ExplorerCommands}
    BINDINGS = actions.bindings("app")

    # Where to remember the theme and the last selection between sessions (tui/settings.py);
    # None (tests, snapshots): nothing read or written.
    settings_folder: Path | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="panes"):
            yield ListPane("Countries", id="countries", line=entry_line, on_highlight=self._country_highlighted,
                           on_filter=partial(self._list_filtered, "countries"))
            yield ListPane("Alliances", id="alliances", line=entry_line, on_highlight=self._alliance_highlighted,
                           on_filter=partial(self._list_filtered, "alliances"))
            yield ExcerptsPane(self._render_row, on_highlight=self._row_highlighted)
        yield Static("", id="too-small", markup=False)
        yield KeysFooter()

    @reports_damage
    def on_mount(self) -> None:
        self._explorer_ready = True
        self.title = f"alliances-tui · {visible_line(self.store.folder.name)}"
        # Focused now, not after the first fill: the focused list draws its rows
        # in its own colours, and a focus that came later would draw them twice.
        self.screen.set_focus(self.countries.option_list)
        remembered = self._remembered()
        if remembered.country in self.store.entities:
            self._apply(self.explorer.start(remembered.country))
            alliance = remembered.alliance
            if alliance is not None and alliance in self.store.entities:
                self._apply(self.explorer.highlight("alliances", alliance))
        else:
            self._apply(self.explorer.start_at("South Korea"))
        self._fit_panes()
        if self._own_process:
            self.call_after_refresh(memory.settle)
        if self.store.readonly:
            self.notify(self.store.readonly_reason, title="read-only", severity="warning", timeout=8)
        else:
            # Off the first save's path: the copy of a large store takes a while.
            self.writer.quietly(self.store.backup_if_due, on_error=lambda exc: None)

    def on_key(self, event: events.Key) -> None:
        if self._own_process:
            self.call_after_refresh(memory.tidy)
        # A write key on a read-only store is hidden from the footer and the palette; pressed, it says why
        # rather than doing nothing (keys typed into an editor or a filter never come here).
        if self.not_writable is not None and self.screen.is_current and event.key in actions.write_keys(self.keymap):
            self._refuse_if_readonly()

    def _remembered(self) -> settings.Settings:
        if self.settings_folder is None:
            return settings.Settings()
        remembered = settings.load(self.settings_folder)
        if remembered.problem:
            self.log.warning(remembered.problem)
        if remembered.theme in self.available_themes:
            self.theme = remembered.theme
        if remembered.countries_width and remembered.alliances_width:
            self.pane_widths = (remembered.countries_width, remembered.alliances_width)
        self.theme_changed_signal.subscribe(self, lambda _theme: self._remember())
        return remembered

    def _remember(self) -> None:
        if self.settings_folder is None:
            return
        place = self.explorer.place
        countries, alliances = self.pane_widths or (None, None)
        problem = settings.save(settings.Settings(theme=self.theme, country=place.country, alliance=place.alliance,
                                                  countries_width=countries, alliances_width=alliances),
                                self.settings_folder)
        if problem:
            self.log.warning(problem)

    def on_unmount(self) -> None:
        self._remember()
        self.writer.shutdown()
        try:
            self.store.close()
        except (OSError, StoreError):
            pass  # the journal holds every change; the next open replays it


def build_app(folder: Path | str, *, readonly: bool = False, own_process: bool = False,
              settings_folder: Path | None = None) -> AlliancesApp:
    """The one factory: the CLI, the tests and the snapshots all build the app here.

    ``own_process``: the app is all this process runs (the CLI), so it may
    tune the garbage collector for it (see ``tui.memory``). ``settings_folder``:
    where the theme and the last selection are remembered (the CLI's is the
    user's config folder); None remembers nothing.
    """
    store = FactStore.open(Path(folder), readonly=readonly)
    if own_process:
        memory.after_open()
    app = AlliancesApp(store, own_process=own_process)
    app.settings_folder = settings_folder
    return app
