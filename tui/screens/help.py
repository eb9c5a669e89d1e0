"""The keys of the screen it was opened from, by group, as the user's keymap binds them (tui/actions.py)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from store.models import FactStatus
from tui import actions
from tui.panes.footer import KeysFooter
from tui.format import ENDED_SIGN, SUSPENDED_SIGN


class HelpScreen(ModalScreen[None]):
    BINDINGS = actions.bindings("help")

    def __init__(self, topic: str = "explorer") -> None:
        """``topic``: whose keys (a key of ``actions.HELP_TOPICS``: explorer, review, graph, timeline)."""
        super().__init__(id="help")
        self.topic = topic

    def compose(self) -> ComposeResult:
        app = self.app
        lines: list[str] = []
        for title, entries in actions.help_groups(self.topic, app):
            lines.append(f"\n{title}")
            lines.extend(f"  {keys:<14} {what}" for keys, what in entries)
        if self.topic in ("explorer", "review"):
            lines.append("\nSigns")
            for status in FactStatus:
                lines.append(f"  {status.symbol:<14} {status.value} fact")
            lines.append(f"  {'▤':<14} a reference: where the fact comes from (source, article, data set, or added by you)")
            lines.append(f"  {'✎':<14} a note of yours (its #tags beneath)")
            lines.append(f"  {'…':<14} a quote cut short: {actions.key_for('app.copy', app)} copies it whole")
            lines.append(f"  {ENDED_SIGN:<14} an alliance that has ended ('ended 1980', dimmed)")
            lines.append(f"  {SUSPENDED_SIGN:<14} a membership suspended at present ('suspended since 1986', in italics)")
        close = actions.key_for("help.close", app)
        palette = app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, ""))
        title = f"Keys  ({close} closes · {palette} finds any action, country or alliance)"
        with VerticalScroll(id="help-box"):
            yield Static(title, id="help-title", markup=False)
            yield Static("\n".join(lines), id="help-body", markup=False)
        # The keys of this dialog, not the explorer's beneath it.
        yield KeysFooter(show_command_palette=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
