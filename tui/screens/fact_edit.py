"""Edit a fact's relation, dates, qualifiers and review status in a modal form.

Dates take every form the importer takes ("May 2005", "2005", "2005-05-12"); a field that is wrong
says so in one sentence naming it. The status may go back to unreviewed; a dispute keeps its reason
(the ``dispute`` qualifier, shown with the fact).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from store.words.clean import visible_line
from store.pipeline.ingest import parse_date
from store.models import Fact, FactStatus, FuzzyDate, Relation
from store.repository import describe_validation_error
from store.repository import FactStore
from tui import actions
from tui.panes.footer import KeysFooter
from tui.panes.editor import ShowControls
from tui.rows import name_of


class FormScroll(VerticalScroll, can_focus=False):
    """A form's box: it scrolls when the terminal is short, and leaves the focus to its fields."""


ResultT = TypeVar("ResultT")


class FormScreen(ModalScreen[ResultT]):
    """A modal form: ctrl+s saves (``action_save``), escape or Cancel closes with None, and
    ``_refuse`` says in the form what is wrong (``#fact-error``)."""

    BINDINGS = actions.bindings("fact")
    REFUSED = "Not saved"

    def action_save(self) -> None:
        raise NotImplementedError

    def _refuse(self, reason: str) -> None:
        self.query_one("#fact-error", Static).update(visible_line(f"{self.REFUSED}: {reason}"))

    def action_dismiss_form(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # (Textual calls the handler of each class in the MRO: a form tells its buttons apart in ``pressed``.)
        event.stop()
        self.pressed(event.button.id)

    def pressed(self, button_id: str | None) -> None:
        if button_id == "cancel":
            self.dismiss(None)
        else:
            self.action_save()


DISPUTE = "dispute"  # the qualifier that keeps why a fact is disputed


def parse_qualifiers(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"qualifier {part!r} is not key=value")
        out[key.strip()] = value.strip()
    return out


class FactEditScreen(FormScreen[dict[str, Any] | None]):

    def __init__(self, fact: Fact, store: FactStore) -> None:
        super().__init__(id="fact-edit")
        self.fact = fact
        self.store = store

    def compose(self) -> ComposeResult:
        fact = self.fact
        with FormScroll(id="fact-box"):
            ends = f"{name_of(self.store, fact.subject)} → {name_of(self.store, fact.object)}"
            yield Static(visible_line(ends), markup=False, id="fact-ends")
            yield Label("Relation")
            yield Select([(r.label, r.value) for r in Relation], value=fact.relation.value, allow_blank=False, id="fact-relation")
            yield Label("Start (2005, May 2005, 2005-05 or 2005-05-12; empty if unknown)")
            yield Input(str(fact.start or ""), id="fact-start")
            yield Label("End (a date as above, 'open' or 'unknown')")
            yield Input(str(fact.end), id="fact-end")
            yield Label("Status")
            yield Select([(f"{st.symbol} {st.value}", st.value) for st in FactStatus], value=fact.status.value,
                         allow_blank=False, id="fact-status")
            yield Label("Why disputed (optional; kept with the fact)")
            yield Input(fact.qualifiers.get(DISPUTE, ""), id="fact-dispute", highlighter=ShowControls())
            yield Label("Qualifiers (key=value; key=value)")
            # A qualifier read from an article may hold control characters: shown, not sent.
            yield Input("; ".join(f"{k}={v}" for k, v in fact.qualifiers.items() if k != DISPUTE), id="fact-qualifiers",
                        highlighter=ShowControls())
            yield Static("", id="fact-error", markup=False)
            with Horizontal(id="fact-buttons"):
                yield Button(f"Save ({actions.key_for('fact.save', self.app)})", id="save", variant="primary")
                yield Button("Save and confirm", id="confirm", variant="success")
                yield Button("Cancel", id="cancel")
        # The keys of this dialog, not the explorer's beneath it.
        yield KeysFooter(show_command_palette=False)

    def _changes(self, confirm: bool) -> dict[str, Any] | None:
        try:
            start = self.query_one("#fact-start", Input).value.strip()
            end = self.query_one("#fact-end", Input).value.strip() or "open"
            relation = self.query_one("#fact-relation", Select).value
            if not isinstance(relation, str):
                raise ValueError("choose a relation")
            status = self.query_one("#fact-status", Select).value
            qualifiers = parse_qualifiers(self.query_one("#fact-qualifiers", Input).value)
            reason = self.query_one("#fact-dispute", Input).value.strip()
            chosen = FactStatus.CONFIRMED if confirm else FactStatus(str(status))
            if reason and chosen is FactStatus.DISPUTED:
                qualifiers[DISPUTE] = reason
            changes: dict[str, Any] = {
                "relation": Relation(relation),
                "start": _date("start", start) if start else None,
                "end": end if end in ("open", "unknown") else _date("end", end),
                "qualifiers": qualifiers,
                "status": chosen,
            }
            Fact.model_validate({**self.fact.model_dump(), **changes})
        except ValidationError as exc:
            self._refuse(describe_validation_error(exc))
            return None
        except ValueError as exc:
            self._refuse(str(exc))
            return None
        return changes

    def action_save(self, confirm: bool = False) -> None:
        changes = self._changes(confirm)
        if changes is not None:
            self.dismiss(changes)

    def pressed(self, button_id: str | None) -> None:
        if button_id == "cancel":
            self.dismiss(None)
        else:
            self.action_save(confirm=button_id == "confirm")


def _date(field: str, text: str) -> FuzzyDate:
    """A date typed in the form, read as the importer reads an article's (2005, 2005-05, May 2005 …)."""
    date = parse_date(text)
    if date is None:
        raise ValueError(f"{field}: {text!r} is not a date (write 2005, 2005-05, 2005-05-10 or May 2005)")
    return date
