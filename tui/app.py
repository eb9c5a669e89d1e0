"""The explorer: three panes over a FactStore.

The app only presents: every query and every write goes through FactStore.
The writes (notes, status, undo …) and the writer thread they run on are in
tui/writing.py; the order of keys typed in one burst in tui/keys_in_order.py.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget

from store.clean import visible, visible_line
from store.errors import StoreCorrupt, StoreError
from store import treaties
from store.models import EntityKind
from store.repository import FactStore
from tui import format as fmt
from tui import memory
from tui.commands import ExplorerCommands
from tui.damage import reports_damage
from tui.keys_in_order import KeysInOrder
from tui.panes.excerpts import ExcerptsPane
from tui.panes.footer import KeysFooter
from tui.panes.lists import Entry, ListPane
from tui.panes.rowlist import RowList
from tui.panes.title import TitleBar, set_border_title
from tui.rows import LazyRows, build_rows, name_of, proposed_mark, render_row, review_facts, review_rows
from tui.screens.help import HelpScreen
from tui.state import PANES, PaneName, Place, Trail
from tui.writing import Writing

def B(key: str, action: str, description: str, id: str, tooltip: str = "", show: bool = True, **kw: Any) -> Binding:
    """A binding with an id (for user keymaps) and a tooltip."""
    return Binding(key, action, description, show=show, id=f"app.{id}", tooltip=tooltip or description, **kw)


class AlliancesApp(KeysInOrder, Writing, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "alliances-tui"
    COMMANDS = App.COMMANDS | {ExplorerCommands}
    IN_ORDER_FOR = (RowList,)
    BINDINGS = [
        B("tab", "pane(1)", "Next pane", "next_pane", show=False),
        B("shift+tab", "pane(-1)", "Previous pane", "previous_pane", show=False),
        B("l", "pane(1)", "Next pane", "right", show=False),
        B("h", "pane(-1)", "Previous pane", "left", show=False),
        B("1", "focus_pane('countries')", "Countries", "pane_countries", show=False),
        B("2", "focus_pane('alliances')", "Alliances", "pane_alliances", show=False),
        B("3", "focus_pane('excerpts')", "Excerpts", "pane_excerpts", show=False),
        B("backspace", "back", "Back", "back", "Go back along the breadcrumb"),
        # Help and quit early: the footer is cut at the right on narrow terminals.
        B("question_mark", "help", "Help", "help", "Every key, by pane", key_display="?"),
        B("q", "quit", "Quit", "quit"),
        B("slash", "filter", "Filter", "filter", "Filter the focused pane", key_display="/"),
        B("escape", "clear_filter", "Clear filter", "clear_filter", show=False),
        B("a", "all_alliances", "All alliances", "all_alliances", "List every alliance in the middle pane", show=False),
        B("n", "new_note", "Note", "new_note", "Write a note on the highlighted fact or excerpt"),
        B("e", "edit", "Edit", "edit", "Edit the highlighted note, or the fact"),
        B("d", "delete_note", "Delete", "delete_note", "Delete the highlighted note (asks first)"),
        B("t", "tags", "Tags", "tags", "Edit the tags of the highlighted note"),
        B("v", "status('confirmed')", "Confirm", "confirm", "Mark the fact confirmed"),
        B("x", "status('disputed')", "Dispute", "dispute", "Mark the fact disputed"),
        # The same keys in 'To review' (r), where the footer must say what they do there.
        B("v", "verdict('confirmed')", "Accept", "accept", "To review: accept the proposed fact (confirmed) or passage (evidence)"),
        B("x", "verdict('retracted')", "Reject", "reject", "To review: reject the proposal (a fact kept retracted; a passage remembered, not proposed again)"),
        B("V", "verdict_group('accepted')", "Accept group", "group_accept", "To review: accept every passage of the highlighted passage's group"),
        B("X", "verdict_group('rejected')", "Reject group", "group_reject", "To review: reject every passage of the highlighted passage's group"),
        B("o", "review_group_by", "Group by", "review_group_by", "To review: group proposed passages by fact or by article", show=False),
        B("m", "graph", "Graph", "graph", "View: relation graph of the selection"),
        B("T", "timeline", "Timeline", "timeline", "View: timeline of the selection"),
        B("r", "review", "To review", "review", "View: facts and passages proposed by imports, to review", show=False),
        B("y", "copy_quote", "Copy", "copy", "Copy the highlighted quote with its citation", show=False),
        B("u", "undo", "Undo", "undo", "Undo the last change"),
        B("ctrl+r", "redo", "Redo", "redo", "Redo the last undone change"),
    ]

    def __init__(self, store: FactStore, *, own_process: bool = False) -> None:
        super().__init__()
        self.store = store
        self._own_process = own_process
        self.trail = Trail(Place())
        self._lists_version = -1  # the store version the list panes were filled at
        self._excerpts_title: str | None = None  # names the selection the excerpts pane shows
        self._loading = False  # the panes are being refilled: their highlight callbacks wait
        # Footer and palette ask check_action before the panes exist (App.is_mounted is
        # not a flag but a method taking a widget, so it cannot say that).
        self._explorer_ready = False

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification shown as text: never parsed as markup, control characters as stand-ins.

        Messages quote titles, names, file names and errors that quote files; a
        "[/]" in a title parsed as markup crashed the explorer. Widgets and
        screens pass ``markup=True`` explicitly (Widget.notify does): ignored
        here, since nothing of ours needs markup in a notification.
        """
        super().notify(visible(message), title=visible_line(title), severity=severity, timeout=timeout, markup=False)

    # --- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="panes"):
            yield ListPane("Countries", id="countries", on_highlight=self._country_highlighted)
            yield ListPane("Alliances", id="alliances", on_highlight=self._alliance_highlighted)
            yield ExcerptsPane(self._render_row)
        yield KeysFooter()

    @reports_damage
    def on_mount(self) -> None:
        self._explorer_ready = True
        self.title = f"alliances-tui · {visible_line(self.store.folder.name)}"
        # Focused now, not after the first fill: the focused list draws its rows
        # in its own colours, and a focus that came later would draw them twice.
        self.screen.set_focus(self.countries.option_list)
        first = self.store.find_entities("South Korea")
        start = next((e.id for e in first if e.kind is EntityKind.COUNTRY), None)
        self._show_place(Place(country=start))
        if self._own_process:
            self.call_after_refresh(memory.settle)
        if self.store.readonly:
            self.notify(self.store.readonly_reason, title="read-only", severity="warning", timeout=8)
        else:
            # Off the first save's path: the copy of a large store takes a while.
            self._write(self.store.backup_if_due, done=lambda _: None, failed=lambda exc: None)

    def _render_row(self, row: Any) -> Any:
        try:
            return render_row(self.store, row)
        except StoreCorrupt as exc:
            # Drawn while the screen paints: a raise here would end the session.
            self.call_later(self.report_damage, exc)
            return Text("⚠ a damaged record: see `alliances-tui check`", style="bold red")

    def on_key(self, event: events.Key) -> None:
        if self._own_process:
            self.call_after_refresh(memory.tidy)

    def on_unmount(self) -> None:
        self._writer.shutdown(wait=True)
        try:
            self.store.close()
        except (OSError, StoreError):
            pass  # the journal holds every change; the next open replays it

    # --- panes -------------------------------------------------------------------

    @property
    def place(self) -> Place:
        return self.trail.current

    def pane(self, name: PaneName) -> Widget:
        return self.query_one(f"#{name}")

    @property
    def countries(self) -> ListPane:
        return self.query_one("#countries", ListPane)

    @property
    def alliances(self) -> ListPane:
        return self.query_one("#alliances", ListPane)

    @property
    def excerpts(self) -> ExcerptsPane:
        return self.query_one(ExcerptsPane)

    def focused_pane(self) -> PaneName:
        node = self.focused
        while node is not None:
            if node.id in PANES:
                return node.id  # type: ignore[return-value]
            node = node.parent  # type: ignore[assignment]
        return self.place.focus

    def _show_place(self, place: Place) -> None:
        """Fill all three panes for ``place`` and focus its pane."""
        self._loading = True
        try:
            # A filter typed for the last list would hide the members followed, the country jumped to.
            self.countries.reset_filter()
            self.alliances.reset_filter()
            self.trail.update(place.with_(row=None))  # the row is for this fill only
            self._fill_countries()
            self._fill_alliances()
            self._fill_excerpts(place.row)
        finally:
            self._loading = False
        # No trail.update(place) again here: the fills record what the lists highlight
        # (undoing that made "Go to: AUKUS" land on the first alliance, ANZUS).
        self._focus(place.focus)
        self._update_titles()

    def _fill_countries(self) -> None:
        place = self.place
        store = self.store
        self._lists_version = store.version
        if place.members_of:
            links = self._members_by_name(place.members_of)
            entries = [Entry(l.entity.id, fmt.entity_line(l.entity.name, store.relation_count(l.entity.id)), partial(_keys, l.entity)) for l in links]
            set_border_title(self.countries, f"Countries · members of {name_of(store, place.members_of)}")
        else:
            entries = [Entry(e.id, fmt.entity_line(e.name, n), partial(_keys, e)) for e, n in store.countries()]
            set_border_title(self.countries, "Countries")
        self.countries.set_entries(entries, place.country)
        self.trail.update(self.place.with_(country=self.countries.highlighted_id))

    def _fill_alliances(self) -> None:
        place = self.place
        store = self.store
        if place.all_alliances or place.country is None:
            entries = [Entry(e.id, partial(_alliance_line, e, n), partial(_keys, e)) for e, n in store.alliances()]
            set_border_title(self.alliances, "Alliances · all")
        else:
            entries = [Entry(link.entity.id, partial(_link_line, link), partial(_keys, link.entity)) for link in store.alliances_of(place.country)]
            set_border_title(self.alliances, f"Alliances · {name_of(store, place.country)}")
        self.alliances.set_entries(entries, place.alliance)
        self.trail.update(self.place.with_(alliance=self.alliances.highlighted_id))

    def _fill_excerpts(self, highlight: str | None = None) -> None:
        place = self.place
        pane = self.excerpts
        if place.review:
            rows = review_rows(self.store, pane.filter_text, self.report_damage, by=place.review_by)
            passages = len(self.store.proposed_links())
            # Short enough for the pane's border at 140 columns; the footer and help say the rest.
            title = f"Excerpts · to review ({len(review_facts(self.store))}) · {passages} passages · v/x · V/X group"
        elif place.country is None and place.alliance is None:
            rows = LazyRows()
            title = "Excerpts"
        elif place.country is None or (place.all_alliances and place.focus != "countries"):
            rows = build_rows(self.store, place.alliance, None, pane.filter_text, self.report_damage)
            title = f"Excerpts · {name_of(self.store, place.alliance)}" if place.alliance else "Excerpts"
        elif place.narrowed:
            rows = build_rows(self.store, place.country, place.alliance, pane.filter_text, self.report_damage)
            title = f"Excerpts · {name_of(self.store, place.country)} – {_short_name(self.store.entity(place.alliance))}"  # type: ignore[arg-type]
        else:
            rows = build_rows(self.store, place.country, None, pane.filter_text, self.report_damage)
            title = f"Excerpts · {name_of(self.store, place.country)}"
        set_border_title(pane, title)
        self._excerpts_title, same = title, title == self._excerpts_title
        if highlight is not None:  # a row asked for (back along the trail): wherever it is
            pane.set_rows(rows, highlight, reach=None)
            return
        # Near the cursor's old place only for the same selection (a change
        # written, a filter typed): another country starts at its top.
        current = pane.highlighted_row
        near = (pane.fact_list.highlighted or 0) if same else 0
        pane.set_rows(rows, current.key if current else None, near)

    def _update_titles(self) -> None:
        crumbs: list[str] = []
        for p in self.trail.places:
            # With every alliance listed and the focus past the countries, the country shows nothing.
            country = None if p.all_alliances and p.focus != "countries" else p.country
            for part in (country, p.alliance if p.narrowed else None):
                if part and (not crumbs or crumbs[-1] != name_of(self.store, part)):
                    crumbs.append(name_of(self.store, part))
        sub = visible_line(fmt.joined(crumbs[-6:]))
        if self.not_writable is not None:
            sub = f"read-only · {sub}"
        if sub != self.sub_title:
            # Assigning App.sub_title repaints the whole screen (it is a repaint
            # reactive of the app): set it quietly and redraw the title line only.
            self.set_reactive(App.sub_title, sub)
            self.query_one(TitleBar).show_title()

    def _focus(self, name: PaneName) -> None:
        if name == "excerpts":
            self.excerpts.fact_list.focus()
        else:
            self.query_one(f"#{name}-list").focus()

    # --- following the cursor -------------------------------------------------------

    @reports_damage
    def _country_highlighted(self, entity_id: str) -> None:
        if self._loading or entity_id == self.place.country:
            return
        self.trail.update(self.place.with_(country=entity_id, alliance=None))
        self._loading = True
        try:
            self._fill_alliances()
            self._fill_excerpts()
        finally:
            self._loading = False
        self._update_titles()

    @reports_damage
    def _alliance_highlighted(self, entity_id: str) -> None:
        if self._loading or entity_id == self.place.alliance:
            return
        self.trail.update(self.place.with_(alliance=entity_id))
        if self.place.focus != "countries":
            self._fill_excerpts()
            self._update_titles()

    @reports_damage
    def on_descendant_focus(self, event: Any) -> None:
        pane = self.focused_pane()
        if pane == self.place.focus:
            return
        was_narrowed = self.place.narrowed
        was_focus = self.place.focus
        narrow = {"countries": False, "alliances": True}.get(pane, self.place.narrow)
        self.trail.update(self.place.with_(focus=pane, narrow=narrow))
        if self.place.narrowed != was_narrowed or (self.place.all_alliances and "countries" in (pane, was_focus)):
            self._fill_excerpts()
        self._update_titles()
        self.refresh_bindings()

    @on(ListPane.Chosen, "#alliances")
    @reports_damage
    def _follow_alliance(self, event: ListPane.Chosen) -> None:
        self._follow(event.entity_id)

    @on(ListPane.Chosen, "#countries")
    @reports_damage
    def _into_country(self, event: ListPane.Chosen) -> None:
        self.trail.update(self.place.with_(country=event.entity_id))
        self._focus("alliances")

    @on(RowList.Selected, "#facts")
    @reports_damage
    def _jump_from_fact(self, event: RowList.Selected) -> None:
        event.stop()
        row = self.excerpts.highlighted_row
        if row is None or row.fact_id is None:
            return
        fact = self.store.facts[row.fact_id]
        here = self.place.country if self.place.country in fact.entities else fact.subject
        other = fact.other(here) if here else fact.object
        if other.startswith("country:"):
            self._step()
            self._show_place(Place(country=other, focus="countries"))
        else:
            self._follow(other)

    def _step(self) -> None:
        """Leave the current place for another, remembering the excerpts row the cursor is on."""
        row = self.excerpts.highlighted_row
        self.trail.update(self.place.with_(row=row.key if row else None))
        self.trail.go(self.place)  # (go keeps the current place and makes its argument current)

    def _members_by_name(self, alliance_id: str) -> list[Any]:
        # By name, like the full list (the store gives them in order of joining).
        return sorted(self.store.members_of(alliance_id), key=lambda l: l.entity.name.casefold())

    def _follow(self, alliance_id: str) -> None:
        """Enter on an alliance: the countries pane lists its members."""
        place = self.place
        members = [l.entity.id for l in self._members_by_name(alliance_id)]
        if not members:
            self.notify(f"{name_of(self.store, alliance_id)} has no members in this store", severity="warning")
            return
        self._step()
        country = place.country if place.country in members else members[0]
        self._show_place(Place(members_of=alliance_id, country=country, alliance=alliance_id, focus="countries"))

    @on(ExcerptsPane.FilterChanged)
    @reports_damage
    def _excerpts_filter(self) -> None:
        self._fill_excerpts()

    # --- actions: moving ----------------------------------------------------------------

    def action_pane(self, step: int) -> None:
        i = PANES.index(self.focused_pane())
        self._focus(PANES[(i + step) % len(PANES)])

    def action_focus_pane(self, name: PaneName) -> None:
        self._focus(name)

    @reports_damage
    def action_back(self) -> None:
        place = self.trail.back()
        if place is None:
            self.notify("Nothing to go back to", timeout=2)
            return
        self._show_place(place)

    @reports_damage
    def action_all_alliances(self) -> None:
        self._step()
        self._show_place(self.place.with_(all_alliances=not self.place.all_alliances, focus="alliances"))

    @reports_damage
    def action_review(self) -> None:
        """Toggle the 'To review' view: the facts imports proposed, across the store."""
        review = not self.place.review
        self.trail.update(self.place.with_(review=review))
        self._fill_excerpts()
        if review:
            self._focus("excerpts")
            if not self.excerpts.lazy_rows:
                self.notify("Nothing to review: imports propose facts and passages here", timeout=3)
        self._update_titles()
        self.refresh_bindings()  # v and x change meaning (and footer words) even when the focus stays

    @reports_damage
    def action_review_group_by(self) -> None:
        """In 'To review': group the proposed passages by fact, or by article."""
        by = "article" if self.place.review_by == "fact" else "fact"
        self.trail.update(self.place.with_(review_by=by))
        self._fill_excerpts()
        self.notify(f"Proposed passages grouped by {by}", timeout=2)

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
            self._fill_excerpts()
        else:
            self.query_one(f"#{pane}", ListPane).clear_filter()

    @reports_damage
    def go_to(self, entity_id: str) -> None:
        """Jump to any entity (the command palette's 'Go to')."""
        self._step()
        if entity_id.startswith("country:"):
            self._show_place(Place(country=entity_id))
        else:
            country = self.place.country
            if country and any(l.entity.id == entity_id for l in self.store.alliances_of(country)):
                self._show_place(self.place.with_(alliance=entity_id, focus="alliances", narrow=True))
            else:
                self._show_place(Place(country=None, all_alliances=True, alliance=entity_id, focus="alliances", narrow=True))

    # --- actions: writing ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._explorer_ready and len(self.screen_stack) > 1 and action not in ("quit", "command_palette", "help", "focus_next", "focus_previous"):
            return False  # the explorer's keys sleep while a view or dialog is on top (tab still moves its focus)
        row = self.excerpts.highlighted_row if self._explorer_ready and self.screen.is_current else None
        editing = self._explorer_ready and self.excerpts.editor is not None
        if editing and action not in ("quit", "command_palette", "help", "pane", "focus_pane"):
            return False  # while a note is written, the footer shows the editor's keys
        if action == "new_note":
            return row is not None and row.note_target is not None
        if action in ("delete_note", "tags"):
            return row is not None and row.kind == "note"
        if action == "edit":
            return row is not None and (row.kind == "note" or row.fact_id is not None)
        if action in ("verdict_group", "review_group_by"):
            return self.place.review and (action == "review_group_by" or (row is not None and row.kind == "link"))
        if action in ("status", "verdict"):
            # One pair of v / x bindings is live at a time: the other is hidden (False).
            reviewable = row is not None and (row.fact_id is not None or (row.kind == "entity" and action == "verdict"))
            return reviewable and (action == "verdict") == self.place.review
        if action == "copy_quote":
            return row is not None and row.kind == "evidence"
        if action == "undo":
            return self.store.can_undo or None
        if action == "redo":
            return self.store.can_redo or None
        return True

    @reports_damage
    def action_copy_quote(self) -> None:
        row = self.excerpts.highlighted_row
        if row is None or row.excerpt_id is None:
            return
        excerpt = self.store.excerpts[row.excerpt_id]
        source = self.store.sources[excerpt.source_id]
        # Pasted later into a terminal or a document: controls as stand-ins, as on screen.
        self.copy_to_clipboard(visible(f"“{excerpt.quote.exact}” — {source.citation()}"))
        self.notify("Quote copied with its citation", timeout=2)

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
        self.push_screen(TimelineScreen(self.store, centre, other))

    def action_import(self) -> None:
        """Ask for a file or a folder, import it on the writer thread, show what it added."""
        from tui.screens.import_article import ImportScreen

        if self._refuse_if_readonly():
            return

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            from store.batch import batch_headline, collect, failures_message, import_batch, skipped_lines

            collected = collect([path])
            files = collected.files
            one = files == [path]

            def imported(result: Any) -> None:
                if isinstance(result.fatal, StoreCorrupt):
                    self.report_damage(result.fatal)
                self._after_change("Imported" if result.reports else "Nothing imported")
                if one:
                    for report in result.reports:
                        self.notify(report.headline(), title="Import", timeout=12, markup=False)
                else:
                    lines = [batch_headline(result), *skipped_lines(collected)]
                    self.notify("\n".join(lines), title="Import", timeout=12, markup=False)
                failures = failures_message(result)
                if failures:
                    # Every failure in one notification: a folder's twenty bad files are not twenty toasts.
                    self.notify(failures, title="Not imported", severity="error", timeout=20, markup=False)
                if any(r.proposed for r in result.reports):
                    self.notify("Press r to review the proposed facts", timeout=6)

            # The app goes on past a bad file: the failures are listed after, and each article is its own undo.
            self._write(lambda: import_batch(self.store, files, keep_going=True), done=imported)

        self.push_screen(ImportScreen(), chosen)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

def _link_line(link: Any) -> Text:
    """An alliance of the country: its short name, then how the country is tied to it.

    An ended alliance and a suspended membership carry a sign and a style, not colour alone.
    """
    ended = fmt.ended_mark(link.entity)
    suspension = treaties.live_suspension(link.facts)  # the facts are at hand: no lookup
    text = Text()
    if ended:
        text.append(f"{fmt.ENDED_SIGN} ", style="bold")
    elif suspension is not None:
        text.append(f"{fmt.SUSPENDED_SIGN} ", style=f"bold {fmt.SUSPENDED_STYLE}")
    text.append_text(fmt.plain(_short_name(link.entity), "bold"))
    text.append("  ")
    text.append(fmt.link_summary(link.facts), style="dim")
    if suspension is not None:
        text.stylize("italic")  # the summary says "suspended since …" (its own relation)
    if ended:
        text.append(f" · {ended}", style="bold")
        text.stylize(fmt.ENDED_STYLE)
    return text


def _alliance_line(entity: Any, count: int) -> Any:
    """An alliance in the list of all: an ended one carries its sign and is dimmed."""
    if entity.ended is not None:
        return fmt.entity_line(f"{fmt.ENDED_SIGN} {_short_name(entity)} ({fmt.ended_mark(entity)})", count, 26, fmt.ENDED_STYLE)
    return fmt.entity_line(_short_name(entity), count, 26)


def _keys(entity: Any) -> tuple[str, ...]:
    """What the filter matches: the long name, the short name, the aliases and the codes."""
    return tuple(k.casefold() for k in (entity.name, entity.short_name or "", *entity.aliases, *entity.codes.values()) if k)


def _short_name(entity: Any) -> str:
    return proposed_mark(entity, entity.short_name or fmt.display_name(entity.name, entity.aliases))


def build_app(folder: Path | str, *, readonly: bool = False, own_process: bool = False) -> AlliancesApp:
    """The one factory: the CLI, the tests and the snapshots all build the app here.

    ``own_process``: the app is all this process runs (the CLI), so it may
    tune the garbage collector for it (see ``tui.memory``).
    """
    store = FactStore.open(Path(folder), readonly=readonly)
    if own_process:
        memory.after_open()
    return AlliancesApp(store, own_process=own_process)
