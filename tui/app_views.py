"""The app's actions that move the user or open another view: panes, back, filters, review, graph, timeline,
search, sources, help.

None of them writes: the writes are in tui/app_writes.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui import layout
from tui.app_base import AppBase
from tui.damage import reports_damage
from tui.panes.lists import ListPane
from tui.rows import row_text
from tui.screens.help import HelpScreen
from tui.state import PANES, PaneName

if TYPE_CHECKING:
    from tui.screens.search import Found  # the screens load when opened


class ViewActions(AppBase):
    """Moving between panes and places, filtering, and the views pushed over the explorer."""

    def action_pane(self, step: int) -> None:
        i = PANES.index(self.focused_pane())
        self._focus(PANES[(i + step) % len(PANES)])

    def action_focus_pane(self, name: PaneName) -> None:
        self._focus(name)

    def action_resize_pane(self, direction: int) -> None:
        """Widen (1) or narrow (-1) the focused pane by a step; the excerpts take the rest."""
        delta = direction * layout.STEP
        total = self.size.width
        focus = self.focused_pane()
        shown = layout.visible_panes(total, focus, self._last_list)
        if len(shown) == 1:
            self.notify("One pane at this width: it takes the whole terminal", timeout=2)
            return
        if self.pane_widths is None:
            # As drawn; a list this terminal hides (no width) starts from the stylesheet's.
            usual = layout.usual_widths(max(total, layout.THREE_PANES))
            widths = (self.countries.outer_size.width or usual[0], self.alliances.outer_size.width or usual[1])
        else:
            widths = self.pane_widths
        start = layout.fitted(widths, shown, total)  # remembered widths, as drawn on this terminal
        moved = layout.resized(start, focus, delta, total, shown)
        if moved == start:
            if not self._limit_said:
                self.notify(f"The {focus} pane is as {'wide' if delta > 0 else 'narrow'} as it can be", timeout=2)
                self._limit_said = True
            return
        self._limit_said = False
        self.pane_widths = moved
        self._fit_panes()

    def action_reset_widths(self) -> None:
        """The panes back to the stylesheet's widths."""
        if self.pane_widths is None:
            return
        self.pane_widths = None
        for name in ("countries", "alliances"):
            styles = self.pane(name).styles
            styles.clear_rule("width")
            styles.clear_rule("max_width")
            self.pane(name).refresh(layout=True)  # clearing a rule does not lay out again by itself

    # Not action_back: that is Textual's own (the previous screen), with another meaning.
    @reports_damage
    def action_go_back(self) -> None:
        self._apply(self.explorer.back())

    @reports_damage
    def back_to(self, depth: int) -> None:
        """The "Back to" list's choice: the place ``depth`` steps from the trail's start."""
        self._apply(self.explorer.back_to(depth))

    def action_trail(self) -> None:
        """Every place along the trail, the nearest first: back to any of them, the first ones too."""
        if not self.explorer.trail_stops():
            self.notify("Nothing to go back to: the trail starts here", timeout=2)
            return
        from textual.command import CommandPalette

        from tui.commands import TrailCommands

        self.push_screen(CommandPalette(providers=[TrailCommands], placeholder="Back to…"))

    @reports_damage
    def action_all_alliances(self) -> None:
        self._apply(self.explorer.all_alliances())

    @reports_damage
    def action_review(self) -> None:
        """Toggle the 'To review' view: the facts imports proposed, across the store."""
        self._apply(self.explorer.review())
        if self.place.review and not self.excerpts.lazy_rows:
            self.notify("Nothing to review: imports propose facts and passages here", timeout=3)
        self.refresh_bindings()  # v and x change meaning (and footer words) even when the focus stays

    @reports_damage
    def action_review_group_by(self) -> None:
        """In 'To review': group the proposed passages by fact, or by article."""
        self._apply(self.explorer.review_group_by())
        self.notify(f"Proposed passages grouped by {self.place.review_by}", timeout=2)

    def action_filter(self) -> None:
        pane = self.focused_pane()
        if pane == "excerpts":
            self.excerpts.open_filter()
        else:
            self.query_one(f"#{pane}", ListPane).open_filter()

    @reports_damage
    def action_clear_filter(self) -> None:
        pane = self.focused_pane()
        if pane == "excerpts":
            self.excerpts.clear_filter()
        else:
            self.query_one(f"#{pane}", ListPane).clear_filter()
        self._apply(self.explorer.filter(pane, ""))

    @reports_damage
    def go_to(self, entity_id: str) -> None:
        """Jump to any entity (the command palette's 'Go to')."""
        self._apply(self.explorer.go_to(entity_id))

    @reports_damage
    def action_copy_quote(self) -> None:
        row = self.excerpts.highlighted_row
        if row is None or row.excerpt_id is None:
            return
        # What the row shows (a long passage cut to the sentences of its fact) with its full citation;
        # pasted later into a terminal or a document: controls as stand-ins, as on screen.
        shown = row_text(self.store, row, self.key_for).plain
        self.copy_to_clipboard("\n".join(line.strip() for line in shown.splitlines()))
        self.notify("Quote copied as shown, with its citation", timeout=2)

    def _selected_entity(self) -> str | None:
        place = self.place
        if place.focus != "countries" and place.alliance:
            return place.alliance
        return place.country or place.alliance

    @reports_damage
    def action_graph(self) -> None:
        from tui.screens.graph import GraphScreen

        centre = self._selected_entity()
        if centre is None:
            self.notify("Highlight a country or an alliance first", timeout=2)
            return

        def opened(entity_id: str | None) -> None:
            if entity_id and entity_id != centre:
                self.go_to(entity_id)

        self.push_screen(GraphScreen(self.store, centre), opened)

    @reports_damage
    def action_timeline(self) -> None:
        from tui.screens.timeline import TimelineScreen

        centre = self._selected_entity()
        if centre is None:
            self.notify("Highlight a country or an alliance first", timeout=2)
            return
        other = self.place.alliance if self.place.narrowed and centre != self.place.alliance else None

        def opened(fact_id: str | None) -> None:
            if fact_id is not None:
                self._apply(self.explorer.reveal("fact", fact_id))

        self.push_screen(TimelineScreen(self.store, centre, other), opened)

    def action_search(self) -> None:
        """Search everything; what is chosen is shown in its pane (Explorer.reveal)."""
        from tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(self.store), self._reveal)

    def action_sources(self) -> None:
        """Every source, read whole; what is chosen there is shown in its pane."""
        from tui.screens.sources import SourcesScreen

        self.push_screen(SourcesScreen(self.store), self._reveal)

    def _reveal(self, found: Found | None) -> None:
        if found is not None:
            self._apply(self.explorer.reveal(found.kind, found.id))

    def action_help(self) -> None:
        # Each view's own keys: the graph's help is the graph's.
        topic = getattr(self.screen, "HELP_TOPIC", None) or ("review" if self.place.review else "explorer")
        self.push_screen(HelpScreen(topic))
