"""The timeline: the dated facts of the selection along an axis of the selection's own years.

Memberships and other lasting relations are spans (━━━, open-ended ones run
to today); summits, deals and other events are points (●). The list moves
with j/k; the panel below shows the highlighted fact with its evidence;
enter shows it in the explorer. The axis spans the selection's years (the
Quad's 2007 to today, not 1949's); z zooms out to 1949–today and back.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.errors import StoreCorrupt
from store.models import Fact, FactStatus, FuzzyDate, is_live
from store.repository import FactStore
from tui import actions
from tui import format as fmt
from tui.panes.lists import VimOptionList
from tui.rows import Row, name_of, row_text
from tui.panes.footer import KeysFooter

FIRST_YEAR = 1949  # the zoomed-out axis starts with NATO (earlier if the selection does)
LABEL = 34  # columns for the label before the axis
MIN_YEARS = 6  # a zoomed axis spans at least this many years: one fact's year is not a whole axis


def year_fraction(d: FuzzyDate) -> float:
    """2022-07 → 2022.5: where on the axis a date of any precision falls."""
    parts = [int(p) for p in d.value.split("-")]
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    return parts[0] + (month - 1) / 12 + (day - 1) / 365


def dated_facts(store: FactStore, entity_id: str, other: str | None) -> list[Fact]:
    return [f for f in store.facts_of(entity_id, other) if f.start is not None and is_live(f)]


def years(facts: list[Fact], today: int, *, zoomed: bool) -> tuple[int, int]:
    """(first, last) year of the axis: the facts' own years when ``zoomed``, else FIRST_YEAR to today."""
    starts = [f.start.year for f in facts if f.start is not None]
    ends = [f.end.year for f in facts if isinstance(f.end, FuzzyDate)]
    running = any(not f.relation.event and not isinstance(f.end, FuzzyDate) for f in facts)
    last = max([*starts, *ends, today if running or not starts else 0])
    if not zoomed or not starts:
        return min([FIRST_YEAR, *starts]), max(last, today)
    first = min(starts) - 1
    if last - first + 1 < MIN_YEARS:
        first = last + 1 - MIN_YEARS
    return first, last


def column(x: float, width: int, first_year: int, last_year: int) -> int:
    span = max(last_year + 1 - first_year, 1)
    return max(0, min(width - 1, int((x - first_year) / span * width)))


def bar(fact: Fact, width: int, first_year: int, last_year: int) -> Text:
    """The fact drawn on an axis of ``width`` columns from ``first_year`` to ``last_year``."""

    def col(x: float) -> int:
        return column(x, width, first_year, last_year)

    assert fact.start is not None
    start = col(year_fraction(fact.start))
    cells = [" "] * width
    if fact.relation.event:
        cells[start] = "●"
    else:
        if isinstance(fact.end, FuzzyDate):
            end = col(year_fraction(fact.end))
        else:
            end = width - 1
        for i in range(start, end + 1):
            cells[i] = "━"
        cells[start] = "┣"
        if fact.end == "open":
            cells[end] = "▶"
    style = "green" if fact.status is FactStatus.CONFIRMED else "red" if fact.status is FactStatus.DISPUTED else "yellow"
    return Text("".join(cells), style=style)


def tick_years(width: int, first_year: int, last_year: int) -> list[int]:
    """Round years to label, as many as fit with room between them."""
    span = max(last_year + 1 - first_year, 1)
    step = next((s for s in (1, 2, 5, 10, 25, 50, 100) if span / s * 7 <= width), 100)
    start = -(-first_year // step) * step
    return list(range(start, last_year + 1, step))


def axis(width: int, first_year: int, last_year: int) -> Text:
    cells = [" "] * width
    for year in tick_years(width, first_year, last_year):
        x = column(year, width, first_year, last_year)
        label = str(year)
        if x + len(label) <= width:
            cells[x:x + len(label)] = list(label)
    return Text("".join(cells))


class TimelineScreen(Screen[str | None]):
    """Closes with the fact to show in the explorer (enter), or None."""

    HELP_TOPIC = "timeline"  # what ? shows here (tui/actions.py)
    BINDINGS = actions.bindings("timeline")

    def __init__(self, store: FactStore, entity_id: str, other: str | None = None) -> None:
        super().__init__(id="timeline")
        self.store = store
        self.entity_id = entity_id
        self.other = other
        self.facts = dated_facts(store, entity_id, other)
        self.zoomed = True
        self.first_year, self.last_year = years(self.facts, date.today().year, zoomed=True)

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-box"):
            yield Static("", id="timeline-title", markup=False)
            yield Static("", id="timeline-axis", markup=False)
            yield VimOptionList(id="timeline-list")
            with VerticalScroll(id="timeline-detail"):
                yield Static("", id="timeline-fact", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self._draw()
        self.query_one("#timeline-list", OptionList).focus()

    def on_resize(self) -> None:
        self._draw()

    def _axis_width(self) -> int:
        return max(self.size.width - LABEL - 4, 10)

    def _label(self, fact: Fact) -> Text:
        other = fact.other(self.entity_id) if self.entity_id in fact.entities else fact.object
        word = fact.relation.short
        label = f"{fact.start} {word} {name_of(self.store, other)}"
        if len(label) > LABEL - 1:
            label = label[: LABEL - 2] + "…"
        text = fmt.plain(label.ljust(LABEL))
        return text

    def _draw(self) -> None:
        width = self._axis_width()
        ol = self.query_one("#timeline-list", OptionList)
        keep = ol.highlighted
        names = name_of(self.store, self.entity_id) + (f" – {name_of(self.store, self.other)}" if self.other else "")
        zoom = actions.key_for("timeline.zoom", self.app)
        title = (f"Timeline · {names} · {len(self.facts)} dated facts, {self.first_year}–{self.last_year}"
                 f" · {zoom}: {'zoom out' if self.zoomed else 'zoom to the selection'}")
        self.query_one("#timeline-title", Static).update(fmt.visible_line(title))
        self.query_one("#timeline-axis", Static).update(Text(" " * LABEL) + axis(width, self.first_year, self.last_year))
        options = []
        for fact in self.facts:
            line = self._label(fact)
            line.append_text(bar(fact, width, self.first_year, self.last_year))
            options.append(Option(line, id=fact.id))
        ol.set_options(options)
        if options:
            ol.highlighted = keep if keep is not None and keep < len(options) else 0
        else:
            self.query_one("#timeline-fact", Static).update("No dated facts for this selection.")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        fact_id = event.option.id
        if fact_id is None:
            return
        try:
            text = row_text(self.store, Row("fact", f"f|{fact_id}", fact_id=fact_id))
            for ev in self.store.evidence(fact_id):
                text.append("\n")
                text.append_text(row_text(self.store, Row("evidence", "", fact_id=fact_id, excerpt_id=ev.excerpt.id)))
        except StoreCorrupt as exc:
            # A record found damaged: the explorer says so (tui/damage.py); the detail says little.
            report = getattr(self.app, "report_damage", None)
            if report is None:
                raise
            report(exc)
            text = Text("⚠ a damaged record: see `alliances-tui check`", style="bold red")
        self.query_one("#timeline-fact", Static).update(text)

    def action_zoom(self) -> None:
        self.zoomed = not self.zoomed
        self.first_year, self.last_year = years(self.facts, date.today().year, zoomed=self.zoomed)
        self._draw()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        ol = self.query_one("#timeline-list", OptionList)
        if ol.highlighted is not None:
            self.dismiss(ol.get_option_at_index(ol.highlighted).id)

    def action_close(self) -> None:
        self.dismiss(None)
