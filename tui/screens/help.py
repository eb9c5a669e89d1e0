"""Every key of the app, by pane, read from the live bindings (and any user keymap)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from store.models import FactStatus
from tui.format import ENDED_SIGN, SUSPENDED_SIGN
from tui.panes.editor import NoteEditor
from tui.panes.lists import FollowList
from tui.panes.rowlist import RowList
from tui.screens.confirm import ConfirmScreen


def _groups(app_bindings: list[Binding]) -> list[tuple[str, list[Binding]]]:
    everywhere = [b for b in app_bindings if not (b.id or "").endswith(("_note", "edit", "tags", "confirm", "dispute", "accept", "reject", "group_by", "copy"))]
    notes = [b for b in app_bindings if b not in everywhere]
    lists = [b for b in RowList.BINDINGS if isinstance(b, Binding) and b.action != "select"]
    return [
        ("Everywhere", everywhere),
        ("Countries · Alliances · Excerpts (lists)", lists),
        ("Countries, Alliances", [
            *(b.__class__(b.key, b.action, "Follow: a country's alliances, an alliance's members", id=b.id) for b in FollowList.BINDINGS),  # type: ignore[union-attr]
            Binding("slash", "", "Filter by name or alias, as you type", key_display="/"),
        ]),
        ("Excerpts (the highlighted fact, excerpt or note)", [*notes, Binding("enter", "", "Jump to the other country or alliance of the fact")]),
        ("Note editor", list(NoteEditor.BINDINGS)),  # type: ignore[arg-type]
        ("Confirmations", list(ConfirmScreen.BINDINGS)),  # type: ignore[arg-type]
    ]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "_keymap", {}) or {}
        lines: list[str] = []
        for title, bindings in _groups(list(self.app.BINDINGS)):  # type: ignore[arg-type]
            lines.append(f"\n{title}")
            for b in bindings:
                key = keymap.get(b.id, b.key) if b.id else b.key
                shown = b.key_display if b.key_display and key == b.key else self.app.get_key_display(Binding(key.split(",")[0], ""))
                if "," in key:
                    shown = " ".join(self.app.get_key_display(Binding(k, "")) for k in key.split(","))
                lines.append(f"  {shown:<14} {b.tooltip or b.description}")
        lines.append("\nSigns")
        for status in FactStatus:
            lines.append(f"  {status.symbol:<14} {status.value} fact")
        lines.append(f"  {'▤':<14} a reference: where the fact comes from (source, article, data set, or added by you)")
        lines.append(f"  {'✎':<14} a note of yours (its #tags beneath)")
        lines.append(f"  {'…':<14} a quote cut short: y copies it whole")
        lines.append(f"  {ENDED_SIGN:<14} an alliance that has ended ('ended 1980', dimmed)")
        lines.append(f"  {SUSPENDED_SIGN:<14} a membership suspended at present ('suspended since 1986', in italics)")
        with VerticalScroll(id="help-box"):
            yield Static("Keys  (escape closes · ctrl+p finds any action, country or alliance)", id="help-title", markup=False)
            yield Static("\n".join(lines), id="help-body", markup=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
