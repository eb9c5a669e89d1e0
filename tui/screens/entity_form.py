"""An alliance, grouping or country added by hand, and two entities merged: the forms (store/entity_edit.py writes).

The add form takes a name, aliases and, for an alliance, its members by name (each resolved by the
store's one resolver; a name that means nothing is said, not guessed). The merge form lists the
entities of the same kind as the one merged away, narrowed as the user types.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from store.models import Entity, EntityKind
from store.repository import FactStore
from store.words.clean import visible_line
from tui import actions
from tui.panes.footer import KeysFooter
from tui.screens.fact_edit import FormScreen, FormScroll


@dataclass(frozen=True)
class NewEntity:
    kind: EntityKind
    name: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]  # country ids
    code: str | None


def split_names(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


class EntityFormScreen(FormScreen[NewEntity | None]):
    REFUSED = "Not added"

    def __init__(self, store: FactStore) -> None:
        super().__init__(id="entity-form")
        self.store = store

    def compose(self) -> ComposeResult:
        with FormScroll(id="fact-box"):
            yield Static("Add an alliance, a grouping or a country", id="fact-ends", markup=False)
            yield Label("Kind")
            yield Select([("alliance or grouping", "alliance"), ("country", "country")], value="alliance",
                         allow_blank=False, id="entity-kind")
            yield Label("Name")
            yield Input(id="entity-name")
            yield Label("Other names (comma-separated: short names, acronyms, other spellings)")
            yield Input(id="entity-aliases")
            yield Label("Members (countries, comma-separated; for an alliance or grouping)")
            yield Input(id="entity-members")
            yield Label("Code (a country's three letters, ISO 3166; found from the name when known)")
            yield Input(id="entity-code", max_length=3)
            yield Static("", id="fact-error", markup=False)
            with Horizontal(id="fact-buttons"):
                yield Button(f"Add ({actions.key_for('fact.save', self.app)})", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeysFooter(show_command_palette=False)

    def _field_text(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def action_save(self) -> None:
        kind = EntityKind(str(self.query_one("#entity-kind", Select).value))
        name = self._field_text("entity-name")
        if not name:
            return self._refuse("a name is needed")
        members: list[str] = []
        for member in split_names(self._field_text("entity-members")):
            found = [e for e in self.store.find_entities(member) if e.kind is EntityKind.COUNTRY]
            if not found:
                return self._refuse(f"members: no country named {member!r} in the store")
            members.append(found[0].id)
        if kind is EntityKind.COUNTRY and members:
            return self._refuse("a country has no members")
        code = self._field_text("entity-code") or None
        self.dismiss(NewEntity(kind, name, tuple(split_names(self._field_text("entity-aliases"))), tuple(members), code))



class MergeScreen(ModalScreen[str | None]):
    """Choose the entity ``gone`` is merged into; closes with its id."""

    BINDINGS = actions.bindings("fact")

    def __init__(self, store: FactStore, gone: Entity) -> None:
        super().__init__(id="merge-form")
        self.store = store
        self.gone = gone

    def compose(self) -> ComposeResult:
        with Vertical(id="fact-box"):
            yield Static(visible_line(f"Merge {self.gone.name} into…"), id="fact-ends", markup=False)
            yield Static("Its facts, notes and mentions move to the one chosen, its names become that one's other names; "
                         "one undo step takes it back.", markup=False)
            yield Input(placeholder="type to narrow", id="merge-filter")
            yield OptionList(id="merge-choices")
        yield KeysFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _candidates(self, text: str) -> list[Entity]:
        kind = self.gone.kind
        pool = self.store.find_entities(text) if text.strip() else sorted(self.store.entities.values(), key=lambda e: e.label.casefold())
        return [e for e in pool if e.kind is kind and e.id != self.gone.id and not e.rejected]

    def _fill(self, text: str) -> None:
        choices = self.query_one(OptionList)
        choices.set_options([Option(visible_line(e.label if e.label == e.name else f"{e.label} · {e.name}"), id=e.id)
                             for e in self._candidates(text)[:200]])
        choices.highlighted = 0 if choices.option_count else None

    @on(Input.Changed, "#merge-filter")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#merge-filter")
    def _submitted(self) -> None:
        self.action_save()

    @on(OptionList.OptionSelected, "#merge-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_save(self) -> None:
        choices = self.query_one(OptionList)
        if choices.highlighted is not None:
            self.dismiss(choices.get_option_at_index(choices.highlighted).id)

    def action_dismiss_form(self) -> None:
        self.dismiss(None)
