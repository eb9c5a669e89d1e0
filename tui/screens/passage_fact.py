"""A fact made from a passage (f in Sources), and a note written on a passage (n): two small forms.

The fact form is prefilled from the passage (store.source_list.draft_from_passage): its first country,
its first alliance or next country, its first date. Both forms close with what to write; the Sources
screen hands it to the app's store writer, so the write is journaled and undoable like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from store.words.clean import visible_line
from store.models import Excerpt, FuzzyDate, Relation
from store.pipeline.ingest import parse_date
from store.repository import FactStore
from store.source_list import Draft
from tui import actions
from tui.panes.footer import KeysFooter
from tui.rows import name_of
from tui.screens.fact_edit import FormScreen, FormScroll


@dataclass(frozen=True)
class NewFact:
    excerpt_id: str
    subject: str
    relation: Relation
    object: str
    start: FuzzyDate | None


class PassageFactScreen(FormScreen[NewFact | None]):
    REFUSED = "Not added"

    def __init__(self, store: FactStore, excerpt: Excerpt, draft: Draft) -> None:
        super().__init__(id="passage-fact")
        self.store = store
        self.excerpt = excerpt
        self.draft = draft

    def _entities(self) -> list[tuple[str, str]]:
        # The passage's own mentions first, then every country and alliance by name.
        store, seen = self.store, self.draft.candidates
        rest = sorted((e for e in store.entities.values() if e.id not in seen and not e.rejected), key=lambda e: e.label.casefold())
        return [(visible_line(name_of(store, i)), i) for i in seen] + [(visible_line(e.label), e.id) for e in rest]

    def compose(self) -> ComposeResult:
        draft, entities = self.draft, self._entities()
        quote = visible_line(self.excerpt.quote.exact)
        with FormScroll(id="fact-box"):
            yield Static("New fact from this passage", id="fact-ends", markup=False)
            yield Static(quote if len(quote) <= 300 else quote[:299] + "…", id="passage-quote", markup=False)
            yield Label("Subject")
            yield Select(entities, value=draft.subject or Select.NULL, id="new-subject")
            yield Label("Relation")
            yield Select([(r.label, r.value) for r in Relation], value=draft.relation.value, allow_blank=False, id="new-relation")
            yield Label("Object")
            yield Select(entities, value=draft.object or Select.NULL, id="new-object")
            yield Label("Start (2005, 2005-05, 2005-05-12 or May 2005; empty if unknown)")
            yield Input(str(draft.start or ""), id="new-start")
            yield Static("", id="fact-error", markup=False)
            with Horizontal(id="fact-buttons"):
                yield Button(f"Add ({actions.key_for('fact.save', self.app)})", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        # The keys of this dialog, not the explorer's beneath it.
        yield KeysFooter(show_command_palette=False)

    def action_save(self) -> None:
        subject = self.query_one("#new-subject", Select).value
        obj = self.query_one("#new-object", Select).value
        relation = self.query_one("#new-relation", Select).value
        start_text = self.query_one("#new-start", Input).value.strip()
        if not isinstance(subject, str):
            return self._refuse("choose the subject")
        if not isinstance(obj, str):
            return self._refuse("choose the object")
        if subject == obj:
            return self._refuse("the subject and the object are the same")
        start = parse_date(start_text) if start_text else None
        if start_text and start is None:
            return self._refuse(f"start: {start_text!r} is not a date (write 2005, 2005-05, 2005-05-12 or May 2005)")
        assert isinstance(relation, str)
        self.dismiss(NewFact(self.excerpt.id, subject, Relation(relation), obj, start))



class PassageNoteScreen(ModalScreen[str | None]):
    """A note on a passage: its text, ctrl+s to save, escape to drop it."""

    BINDINGS = actions.bindings("editor")

    def __init__(self, excerpt: Excerpt) -> None:
        super().__init__(id="passage-note")
        self.excerpt = excerpt

    def compose(self) -> ComposeResult:
        quote = visible_line(self.excerpt.quote.exact)
        with Vertical(id="fact-box"):
            yield Static("Note on this passage", id="fact-ends", markup=False)
            yield Static(quote if len(quote) <= 300 else quote[:299] + "…", id="passage-quote", markup=False)
            yield TextArea(id="passage-note-text")
            yield Static(f"{actions.key_for('editor.save', self.app)} saves · {actions.key_for('editor.cancel', self.app)} cancels",
                         markup=False)
        # The keys of this dialog, not the explorer's beneath it.
        yield KeysFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        body = self.query_one(TextArea).text
        self.dismiss(body if body.strip() else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
