"""A yes/no question in a small modal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui import actions
from tui.panes.footer import KeysFooter


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = actions.bindings("confirm")

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(id="confirm")
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, markup=False, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} ({actions.key_for('confirm.yes', self.app)})", id="yes", variant="error")
                yield Button(f"{self.no} ({actions.key_for('confirm.no', self.app)})", id="no", variant="primary")
        # The keys of this dialog, not the explorer's beneath it.
        yield KeysFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
