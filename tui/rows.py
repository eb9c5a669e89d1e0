"""The rows of the excerpts pane, built from store queries (no widgets here).

A row is cheap (ids only); its Rich text is made only when the pane shows it,
so a country with thousands of facts costs thousands of small tuples, not
thousands of rendered options.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from dataclasses import dataclass
from typing import Literal, overload

from rich.text import Text

from store.errors import StoreCorrupt
from store import treaties
from store.models import Entity, EntityKind, Fact, FactStatus, Relation, Target, TargetKind, is_live
from store.repository import FactStore
from store.words.names import display_name
from tui import format as fmt
from tui.actions import KeyFor, default_key_for, hint
from tui.panes.block import Block
from tui.review import GroupBy, link_rows, link_text
from tui.review_groupings import grouping_rows, grouping_text

RowKind = Literal["group", "treaty", "fact", "evidence", "reference", "note", "link", "entity"]


@dataclass(frozen=True, slots=True)
class Row:
    kind: RowKind
    key: str  # the option id: unique in the pane
    fact_id: str | None = None
    excerpt_id: str | None = None
    source_id: str | None = None
    note_id: str | None = None
    label: str = ""  # group headings
    link_id: str | None = None  # a proposed evidence link (the review view)
    entity_id: str | None = None  # a proposed entity, a new grouping (the review view); the alliance of a treaty heading
    country_id: str | None = None  # the country of a treaty heading (its obligations each way)

    @property
    def note_target(self) -> Target | None:
        """What a new note written on this row is about."""
        if self.kind in ("evidence", "link") and self.excerpt_id:
            return Target(kind=TargetKind.EXCERPT, id=self.excerpt_id)
        if self.fact_id:
            return Target(kind=TargetKind.FACT, id=self.fact_id)
        return None


def _year_label(fact_start: str | None) -> str:
    return fact_start[:4] if fact_start else "undated"


class LazyRows:
    """Rows made as they are asked for.

    The pane asks only for the rows it shows, so a country with thousands of
    facts only pays for the rows on screen: evidence, references and notes are
    looked up when their fact's turn comes. ``len()`` makes every row; the
    pane uses ``head``, ``get`` and ``find`` instead.
    """

    def __init__(self, rows: Iterable[Row] = (), on_damage: Callable[[StoreCorrupt], None] | None = None) -> None:
        self._source: Iterator[Row] = iter(rows)
        self._rows: list[Row] = []
        self._done = False
        self._on_damage = on_damage

    def _fill(self, count: float) -> None:
        rows, source = self._rows, self._source
        while not self._done and len(rows) < count:
            try:
                rows.append(next(source))
            except StopIteration:
                self._done = True
            except StoreCorrupt as exc:
                # Rows are made while the pane draws: the rows so far stay, the damage is reported.
                self._done = True
                if self._on_damage is None:
                    raise
                self._on_damage(exc)

    @property
    def loaded(self) -> list[Row]:
        """The rows made so far."""
        return self._rows

    def head(self, count: int) -> list[Row]:
        self._fill(count)
        return self._rows[:count]

    def get(self, index: int) -> Row | None:
        self._fill(index + 1)
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def find(self, key: str, limit: float) -> int | None:
        """The index of the row with ``key`` among the first ``limit`` rows (rows are made only as far as it)."""
        return self.find_where(lambda r: r.key == key, limit)

    def find_where(self, test: Callable[[Row], bool], limit: float) -> int | None:
        i = 0
        while i < limit:
            row = self.get(i)
            if row is None:
                return None
            if test(row):
                return i
            i += 1
        return None

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            self._fill(float("inf") if index.stop is None or index.stop < 0 else index.stop)
            return self._rows[index]
        self._fill(float("inf") if index < 0 else index + 1)
        return self._rows[index]

    def __iter__(self) -> Iterator[Row]:
        i = 0
        while True:
            row = self.get(i)
            if row is None:
                return
            yield row
            i += 1

    def __len__(self) -> int:
        self._fill(float("inf"))
        return len(self._rows)

    def __bool__(self) -> bool:
        return self.get(0) is not None


def build_rows(
    store: FactStore,
    entity_id: str | None,
    other_id: str | None = None,
    needle: str = "",
    on_damage: Callable[[StoreCorrupt], None] | None = None,
) -> LazyRows:
    """Facts of the selection, grouped by year, each followed by its evidence, references and notes."""
    if entity_id is None:
        return LazyRows()
    facts = rows_for_facts(store, store.facts_of(entity_id, other_id), needle, notes_of=entity_id)
    heading = treaty_heading_row(store, entity_id, other_id)
    return LazyRows(chain(heading, facts), on_damage)


def treaty_heading_row(store: FactStore, entity_id: str, other_id: str | None) -> list[Row]:
    """An alliance's heading (its dates, obligations and sources) above its facts, or a country's with it.

    Only for an alliance coded as researchers code treaties (schema 3): older stores show as before.
    """
    country, alliance = (entity_id, other_id) if other_id is not None else (None, entity_id)
    if country is not None and not country.startswith("country:"):
        country, alliance = alliance, country
    entity = store.entities.get(alliance) if alliance else None
    if entity is None or entity.kind is not EntityKind.ALLIANCE or not treaties.has_treaty_record(entity):
        return []
    if country is not None and not country.startswith("country:"):
        return []
    return [Row("treaty", f"h|{alliance}|{country or ''}", entity_id=alliance, country_id=country)]


def review_facts(store: FactStore) -> list[Fact]:
    """The facts that imports proposed and nobody has reviewed yet."""
    return sorted((f for f in store.facts.values() if f.status is FactStatus.UNREVIEWED), key=lambda f: f.sort_key())


def review_rows(
    store: FactStore, needle: str = "", on_damage: Callable[[StoreCorrupt], None] | None = None, by: GroupBy = "fact"
) -> LazyRows:
    """The proposed facts (each with its passage), then the proposed evidence links, grouped by fact or by article."""

    def rows() -> Iterator[Row]:
        # New groupings first: the proposed facts after them need them, and accepting a fact accepts its grouping.
        yield from grouping_rows(store, needle)
        yield from rows_for_facts(store, review_facts(store), needle)
        yield from link_rows(store, needle, by)

    return LazyRows(rows(), on_damage)


def rows_for_facts(store: FactStore, facts: Iterable[Fact], needle: str = "", notes_of: str | None = None) -> Iterator[Row]:
    if needle:
        facts = (f for f in facts if needle.casefold() in _search_text(store, f.id))
    if notes_of is not None:
        notes = store.notes_on(TargetKind.ENTITY, notes_of)
        if notes:
            yield Row("group", "g|notes", label=f"notes on {name_of(store, notes_of)}")
        for note in notes:
            yield Row("note", f"n|{notes_of}|{note.id}", note_id=note.id)
    group = None
    for fact in facts:
        label = _year_label(fact.start.value if fact.start else None)
        if label != group:
            group = label
            yield Row("group", f"g|{label}", label=label)
        yield Row("fact", f"f|{fact.id}", fact_id=fact.id)
        for ev in store.evidence(fact.id):
            yield Row("evidence", f"e|{fact.id}|{ev.excerpt.id}", fact_id=fact.id, excerpt_id=ev.excerpt.id)
            for note in store.notes_on(TargetKind.EXCERPT, ev.excerpt.id):
                yield Row("note", f"n|{fact.id}|{note.id}", fact_id=fact.id, excerpt_id=ev.excerpt.id, note_id=note.id)
        # No row per reference: the fact's own provenance lines name each source (title, publisher, date, URL).
        for note in store.notes_on(TargetKind.FACT, fact.id):
            yield Row("note", f"n|{fact.id}|{note.id}", fact_id=fact.id, note_id=note.id)


def _mark_state(store: FactStore, fact: Fact, text: Text) -> None:
    """An ended alliance and a suspended membership look different from live ones (dictionary lookups only)."""
    country, alliance = fact.subject, fact.object
    entity = store.entities.get(alliance)
    if entity is None or entity.kind is not EntityKind.ALLIANCE or not country.startswith("country:"):
        return
    suspended = ""
    if fact.relation in (Relation.MEMBER_OF, Relation.SUSPENDED_FROM) and is_live(fact):
        live = treaties.live_suspension([fact]) if fact.relation is Relation.SUSPENDED_FROM else treaties.suspension(store, country, alliance)
        if live is not None:
            # The suspension's own row has its date already: the sign says it still holds.
            suspended = "still suspended" if fact.relation is Relation.SUSPENDED_FROM else fmt.suspended_mark(live)
    fmt.state_marks(text, ended=fmt.ended_mark(entity), suspended=suspended)


def _treaty_text(store: FactStore, alliance: Entity, country_id: str | None) -> Text:
    def name(entity_id: str) -> str:
        entity: Entity | None = store.entities.get(entity_id)
        return entity.name if entity is not None else entity_id

    return fmt.treaty_heading(
        alliance,
        obligations=treaties.obligation_lines(alliance, name, country_id),
        provenance=treaties.entity_provenance_lines(store, alliance),
        country=name(country_id) if country_id else "",
        suspension=treaties.suspension(store, country_id, alliance.id) if country_id else None,
    )


def _search_text(store: FactStore, fact_id: str) -> str:
    fact = store.facts[fact_id]
    parts = [e.name for i in fact.entities if (e := store.entities.get(i)) is not None]
    parts += [fact.relation.label, *fact.qualifiers.values(), fact.status.value]
    parts += [ev.excerpt.quote.exact for ev in store.evidence(fact_id)]
    parts += [n.body for n in store.notes_on(TargetKind.FACT, fact_id)]
    return " ".join(parts).casefold()


def name_of(store: FactStore, entity_id: str) -> str:
    """The name to show: short forms for long alliance names ('NATO')."""
    entity = store.entities.get(entity_id)
    if entity is None:
        return entity_id
    return proposed_mark(entity, display_name(entity))


def proposed_mark(entity: Entity, name: str) -> str:
    """An entity an import proposed is marked wherever it is named, until it is accepted."""
    return f"{name} (proposed)" if entity.proposed else name


def render_row(store: FactStore, row: Row, key: KeyFor = default_key_for) -> Block | Text:
    """A row as shown: indented blocks, so wrapped lines keep their margin.

    ``key``: the key the user's keymap binds to an action id (the hints name it).
    """
    text = row_text(store, row, key)
    if row.kind in ("evidence", "reference", "note", "link", "entity"):
        return Block(((text, 4 if row.excerpt_id and row.kind == "note" else 2),))
    if row.kind in ("fact", "treaty") and "\n" in text.plain:
        head, *rest = text.split("\n")
        return Block(((head, 0), (Text("\n").join(rest), 2)))
    return text


def stand_ins(store: FactStore, entities: Sequence[str]) -> dict[str, list[str]]:
    """An alliance's members stand for it in a passage that names them and not it ("the American military ally")."""
    return {e: [link.entity.id for link in store.members_of(e)] for e in entities if e.startswith("alliance:")}


def row_text(store: FactStore, row: Row, key: KeyFor = default_key_for) -> Text:
    if row.kind == "group":
        return Text(f"── {row.label} ", style="bold dim")
    if row.kind == "treaty" and row.entity_id and row.entity_id in store.entities:
        return _treaty_text(store, store.entities[row.entity_id], row.country_id)
    if row.kind == "fact" and row.fact_id:
        fact = store.facts[row.fact_id]
        text = fmt.fact_title(fact, name_of(store, fact.subject), name_of(store, fact.object))
        _mark_state(store, fact, text)
        quals = fmt.qualifier_text(fact)
        if quals is not None:
            text.append("\n")
            text.append_text(quals)
        if fact.status is FactStatus.UNREVIEWED and fact.origin.value == "import":
            review = hint((("app.accept", "accept"), ("app.reject", "reject"), ("app.edit", "edit")), key)
            text.append(f"\n  proposed by import: {review}", style="dim italic")
        text.append("\n")
        text.append_text(fmt.lines_text(f"{fmt.SOURCE_SIGN} {line}" for line in treaties.provenance_lines(store, fact)))
        return text
    if row.kind == "evidence" and row.excerpt_id:
        excerpt = store.excerpts[row.excerpt_id]
        entities = store.facts[row.fact_id].entities if row.fact_id else ()
        # Stand-ins matter only to a passage cut short: a short one is shown whole (and members_of costs).
        long = len(excerpt.quote.exact) > fmt.QUOTE_LIMIT
        return fmt.quote_text(excerpt, store.sources[excerpt.source_id], entities,
                              stand_ins=stand_ins(store, entities) if long else None)
    if row.kind == "link" and row.link_id and row.link_id in store.evidence_links:
        return link_text(store, row)
    if row.kind == "entity" and row.entity_id and row.entity_id in store.entities:
        return grouping_text(store, store.entities[row.entity_id], key)
    if row.kind == "reference" and row.source_id:
        return fmt.reference_text(store.sources[row.source_id])
    if row.kind == "note" and row.note_id and row.note_id in store.annotations:
        return fmt.note_text(store.annotations[row.note_id])
    return Text("")
