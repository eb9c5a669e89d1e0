"""The relation graph: the selected entity in the centre, its neighbours around it.

Countries tied to the centre stand on the left, alliances on the right, each
edge labelled with its relations and, where a relation has a direction, an
arrow from the one who does it to the one it is done to ("South Korea ─arms▶
Poland" whichever side Poland stands on). The cursor moves among neighbours;
enter re-centres on one, backspace goes back, o opens the highlighted one in
the explorer; x hides the highlighted edge's kinds of relation, a shows all.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from store.errors import StoreCorrupt
from store.models import EntityKind, Relation, is_live
from store.repository import FactStore
from tui import actions
from tui import format as fmt
from tui.rows import name_of
from tui.panes.footer import KeysFooter

MAX_SIDE = 40  # neighbours drawn per side; the rest are counted


@dataclass(frozen=True)
class Neighbour:
    entity_id: str
    name: str
    # Each relation once: its word, and +1 if the centre does it to the neighbour, -1 the other way, 0 no direction.
    words: tuple[tuple[str, int], ...]
    relations: frozenset[Relation]
    sentences: tuple[str, ...]  # "South Korea arms Poland", for the detail line

    @property
    def label(self) -> str:
        """The relations, without arrows (the edge draws them: ``edge_label``)."""
        return ", ".join(word for word, _ in self.words)

    def edge_label(self, side: int) -> str:
        """The relations as the edge reads them, left to right, on ``side`` (0: left of the centre)."""
        parts = []
        for word, direction in self.words:
            # Left of the centre the edge reads neighbour → centre, on the right centre → neighbour.
            towards_right = direction == (1 if side == 1 else -1)
            parts.append(word if direction == 0 else f"{word}▶" if towards_right else f"◀{word}")
        return ", ".join(parts)


def neighbours(store: FactStore, centre: str, hidden: frozenset[Relation] = frozenset()) -> tuple[list[Neighbour], list[Neighbour]]:
    """(countries, alliances) tied to ``centre`` by live facts of relations not ``hidden``, with edge labels."""
    sides: tuple[list[Neighbour], list[Neighbour]] = ([], [])
    for kind, side in ((EntityKind.COUNTRY, sides[0]), (EntityKind.ALLIANCE, sides[1])):
        for link in store.links(centre, kind):
            live = [f for f in link.facts if is_live(f) and f.relation not in hidden]
            if not live:
                continue
            words: list[tuple[str, int]] = []
            sentences: list[str] = []
            for f in live:
                # No arrow where the relation reads the same both ways ("consults with") or where the kinds
                # of the two ends tell the direction (a country is a member of an alliance); an event
                # (arms, opposes, attended) or a tie between two countries goes from subject to object.
                same_kind = f.subject.split(":", 1)[0] == f.object.split(":", 1)[0]
                directed = f.relation.label != f.relation.inverse and (same_kind or f.relation.event)
                word = (f.relation.short, (1 if f.subject == centre else -1) if directed else 0)
                if word not in words:
                    words.append(word)
                sentence = f"{name_of(store, f.subject)} {f.relation.label} {name_of(store, f.object)}"
                if sentence not in sentences:
                    sentences.append(sentence)
            side.append(Neighbour(link.entity.id, name_of(store, link.entity.id), tuple(words),
                                  frozenset(f.relation for f in live), tuple(sentences)))
    return sides


class GraphCanvas(Widget, can_focus=True):
    """Draws the star of relations around the centre; the cursor is a (side, index)."""

    BINDINGS = actions.bindings("graph-canvas")

    centre: reactive[str] = reactive("", always_update=True)
    side: reactive[int] = reactive(1)
    index: reactive[int] = reactive(0)

    def __init__(self, store: FactStore, centre: str) -> None:
        super().__init__(id="graph-canvas")
        self.store = store
        self.history: list[str] = []
        self.hidden: frozenset[Relation] = frozenset()
        self.sides: tuple[list[Neighbour], list[Neighbour]] = ([], [])
        self.set_reactive(GraphCanvas.centre, centre)
        self._load(centre)

    def _load(self, centre: str) -> None:
        try:
            self.sides = neighbours(self.store, centre, self.hidden)
        except StoreCorrupt as exc:
            # A record found damaged on the way: the explorer says so (tui/damage.py); the star stays empty.
            report = getattr(self.app, "report_damage", None)
            if report is None:
                raise
            self.sides = ([], [])
            self.app.call_later(report, exc)
        self.side = 1 if self.sides[1] or not self.sides[0] else 0
        self.index = 0

    @property
    def selected(self) -> Neighbour | None:
        side = self.sides[self.side]
        return side[self.index] if 0 <= self.index < len(side) else None

    def action_move(self, step: int) -> None:
        count = min(len(self.sides[self.side]), MAX_SIDE)
        if count:
            self.index = (self.index + step) % count

    def action_side(self, side: int) -> None:
        if self.sides[side]:
            self.side = side
            self.index = min(self.index, min(len(self.sides[side]), MAX_SIDE) - 1)

    def action_first(self) -> None:
        self.index = 0

    def action_last(self) -> None:
        self.index = max(min(len(self.sides[self.side]), MAX_SIDE) - 1, 0)

    def action_hide(self) -> None:
        """Hide the highlighted edge's kinds of relation, everywhere in the graph, until ``show_all``."""
        target = self.selected
        if target is None:
            return
        self.hidden = self.hidden | target.relations
        self._reload()

    def action_show_all(self) -> None:
        if self.hidden:
            self.hidden = frozenset()
            self._reload()

    def _reload(self) -> None:
        side = self.side
        self._load(self.centre)
        if self.sides[side]:
            self.side = side
        self.centre = self.centre  # always_update: redraw and tell the screen

    def action_recentre(self) -> None:
        target = self.selected
        if target is None:
            return
        self.history.append(self.centre)
        self._load(target.entity_id)
        self.centre = target.entity_id

    def action_back(self) -> None:
        if not self.history:
            self.notify("Nothing to go back to", timeout=2)
            return
        previous = self.history.pop()
        self._load(previous)
        self.centre = previous

    class Moved(Message):
        """The centre or the cursor changed."""

    def watch_centre(self) -> None:
        self.post_message(self.Moved())

    def watch_index(self) -> None:
        self.post_message(self.Moved())

    def watch_side(self) -> None:
        self.post_message(self.Moved())

    def render(self) -> Text:
        width, height = max(self.size.width, 1), max(self.size.height, 1)
        left, right = (s[:MAX_SIDE] for s in self.sides)
        rows = max(len(left), len(right), 1)
        mid = (rows - 1) // 2  # (rows // 2 pushed the last of an even count below the last row)
        centre = f"[ {fmt.visible(name_of(self.store, self.centre))} ]"
        # Each side as wide as its longest "name ─ label ─" so the edges stay short.
        lw = max((len(n.name) + len(n.edge_label(0)) + 6 for n in left), default=0)
        rw = max((len(n.name) + len(n.edge_label(1)) + 6 for n in right), default=0)
        spare = width - lw - rw - len(centre)
        if spare < 0:  # too narrow: shrink both sides alike
            lw = max(lw + spare // 2, 0)
            rw = max(width - lw - len(centre), 0)
        indent = " " * max(spare // 2, 0)
        more = sum(1 for items in self.sides if len(items) > MAX_SIDE)
        shown = range(rows)
        if rows > height - more:  # taller than the canvas: the rows around the cursor
            room = max(height - more, 1)
            n = len((left, right)[self.side])
            cursor = mid - (max(n, 1) - 1) // 2 + self.index
            first = max(0, min(cursor - room // 2, rows - room))
            shown = range(first, first + room)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("\n" * max((height - rows) // 2 - 1, 0))
        for row in shown:
            text.append(indent)
            text.append_text(self._side_cell(left, row, mid, lw, 0))
            text.append(centre if row == mid else " " * len(centre), style="bold reverse" if row == mid else "")
            text.append_text(self._side_cell(right, row, mid, rw, 1))
            text.append("\n")
        for side, items in ((0, self.sides[0]), (1, self.sides[1])):
            if len(items) > MAX_SIDE:
                text.append(f"{indent}… and {len(items) - MAX_SIDE} more {'countries' if side == 0 else 'alliances'}\n", style="dim")
        if not left and not right:
            text.append(f"{indent}(no relations recorded)", style="dim")
        return text

    def _side_cell(self, items: list[Neighbour], row: int, mid: int, width: int, side: int) -> Text:
        """One side of one row: the name, its edge label, and the bus that joins the centre."""
        if width < 4:
            return Text(" " * width)
        n = len(items)
        top = mid - (max(n, 1) - 1) // 2
        i = row - top
        inside = bool(n) and 0 <= i < n
        lo, hi = (min(top, mid), max(top + n - 1, mid)) if n else (mid, mid)
        if not n or not lo <= row <= hi:
            bus = " "
        elif row == mid:
            bus = "┼" if inside and lo < row < hi else ("┤" if side == 0 else "├") if not inside else "─"
            if inside and lo == hi:
                bus = "─"
            elif inside and row == lo:
                bus = "┬"
            elif inside and row == hi:
                bus = "┴"
        elif inside:
            bus = ("┐" if side == 0 else "┌") if row == lo else ("┘" if side == 0 else "└") if row == hi else ("┤" if side == 0 else "├")
        else:
            bus = "│"
        joint = "─" if row == mid and n else " "
        edge = Text(no_wrap=True)
        if inside:
            item = items[i]
            chosen = side == self.side and i == self.index
            style = "bold reverse" if chosen else ("bold cyan" if side == 0 else "bold magenta")
            label = item.edge_label(side)
            dashes = "─" * max(width - 2 - len(item.name) - len(label) - 3, 1)
            if side == 0:
                edge.append(fmt.visible(item.name), style=style)
                edge.append(f" ─{label}─{dashes}", style="dim")
            else:
                edge.append(f"{dashes}─{label}─ ", style="dim")
                edge.append(fmt.visible(item.name), style=style)
        edge.truncate(width - 2)
        cell = Text(no_wrap=True)
        if side == 0:
            cell.append(" " * (width - 2 - edge.cell_len))
            cell.append_text(edge)
            cell.append(bus + joint, style="dim")
        else:
            cell.append(joint + bus, style="dim")
            cell.append_text(edge)
            cell.append(" " * (width - 2 - edge.cell_len))
        return cell


class GraphScreen(Screen[str | None]):
    """Full screen; returns the centre on close so the explorer can follow it."""

    HELP_TOPIC = "graph"  # what ? shows here (tui/actions.py)

    BINDINGS = actions.bindings("graph")

    def __init__(self, store: FactStore, centre: str) -> None:
        super().__init__(id="graph")
        self.store = store
        self.start = centre

    def compose(self) -> ComposeResult:
        with Vertical(id="graph-box"):
            yield Static("", id="graph-title", markup=False)
            yield GraphCanvas(self.store, self.start)
            yield Static("", id="graph-detail", markup=False)
        yield KeysFooter()

    @property
    def canvas(self) -> GraphCanvas:
        return self.query_one(GraphCanvas)

    def on_mount(self) -> None:
        self.canvas.focus()
        self._describe()

    def on_graph_canvas_moved(self) -> None:
        self._describe()

    def _describe(self) -> None:
        canvas = self.canvas
        left, right = canvas.sides
        title = f"Relation graph · {name_of(self.store, canvas.centre)} · {len(left)} countries, {len(right)} alliances"
        if canvas.hidden:
            title += " · hidden: " + ", ".join(sorted(r.short for r in canvas.hidden))
            title += f" ({actions.key_for('graph.show_all', self.app)} shows all)"
        self.query_one("#graph-title", Static).update(fmt.visible_line(title))
        chosen = canvas.selected
        keys = actions.hint((("graph.recentre", "re-centre"), ("graph.back", "back"), ("graph.open", "open in explorer"),
                             ("graph.hide", "hide these relations")),
                            lambda a: f"{actions.key_for(a, self.app)}:")
        detail = f"{chosen.name}: {'; '.join(chosen.sentences)}  ({keys})" if chosen else ""
        self.query_one("#graph-detail", Static).update(fmt.visible_line(detail))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_open(self) -> None:
        """The highlighted neighbour in the explorer (the centre when there is none)."""
        chosen = self.canvas.selected
        self.dismiss(chosen.entity_id if chosen is not None else self.canvas.centre)
