"""Navigation as a model: where the user is, and what each of the three panes shows there.

The explorer holds the trail of places (tui/state.py) and computes, for the
current place, a frozen view of each pane: the countries and alliances
lists (their entries, the highlighted entry, the filter) and the excerpts
pane (its rows, made lazily, and the row the cursor should be on), plus the
breadcrumb. Every move (a highlight, following an alliance, back, a jump
from a fact, the palette's go-to, a filter, the review view …) returns a
:class:`Change` naming only the panes whose view changed; the screen applies
it to the widgets, which never write back into the explorer: a widget's
highlight comes back as another move.

Whether a pane changed is decided by what it shows (the ids of the place,
the store's version, the filter), never by comparing titles. The store is
read through FactStore's public queries and tui/rows.py's builders only;
nothing here imports Textual (a test enforces it), so the model is tested
in plain pytest in milliseconds (tests/test_explorer.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from store.errors import StoreCorrupt
from store.models import Entity, EntityKind
from store.repository import FactStore, Link
from store.words.resolve import find, fold
from tui.actions import KeyFor, default_key_for
from tui.places import breadcrumb, describe, fact_citing, place_of_fact
from tui.explorer_views import Change, ExcerptsView, ListEntry, ListView, Views, short_name
from tui.review import GroupBy
from tui.rows import LazyRows, build_rows, name_of, review_facts, review_rows
from tui.state import PaneName, Place, Trail

# The views are defined in tui/explorer_views.py and named here too, where the screen and tests import them.
__all__ = ["Change", "ExcerptsView", "Explorer", "ListEntry", "ListPaneName", "ListView", "Views", "short_name"]

ListPaneName = Literal["countries", "alliances"]


@dataclass
class _Filters:
    countries: str = ""
    alliances: str = ""
    excerpts: str = ""
    # Bumped by refresh(): a note leaves the store's version as it is, yet changes the rows.
    writes: int = field(default=0)


class Explorer:
    """The trail, the current place, and each pane's view of it."""

    def __init__(self, store: FactStore, *, on_damage: Callable[[StoreCorrupt], None] | None = None,
                 key_for: KeyFor = default_key_for) -> None:
        """``key_for``: the key the user's keymap binds to an action id (titles name keys: tui/actions.py)."""
        self.store = store
        self._on_damage = on_damage
        self._key_for = key_for
        self.trail = Trail(Place())
        self._filters = _Filters()
        self._row: str | None = None  # the excerpts row the cursor is on (told by highlight_row)
        self._views: Views | None = None

    # --- what is shown ----------------------------------------------------------------

    @property
    def place(self) -> Place:
        return self.trail.current

    @property
    def views(self) -> Views:
        if self._views is None:
            self._views = self._compute(None, anywhere=False)
        return self._views

    @property
    def highlighted_row(self) -> str | None:
        """The key of the excerpts row the cursor is on, as the pane last told."""
        return self._row

    def filter_text(self, pane: PaneName) -> str:
        return str(getattr(self._filters, pane))

    # --- moves ----------------------------------------------------------------------------

    def start(self, country: str | None = None) -> Change:
        """The first place: ``country`` (or the first country) highlighted, every pane shown."""
        self.trail = Trail(Place(country=country))
        self._views = None
        self._views = self._compute(None, anywhere=False)
        v = self._views
        return Change(v.countries, v.alliances, v.excerpts, v.crumbs, v.focus)

    def start_at(self, name: str) -> Change:
        """The first place: the first country whose name matches ``name``."""
        found = find(self.store.entities.values(), name, EntityKind.COUNTRY)
        return self.start(found[0].id if found else None)

    def highlight(self, pane: ListPaneName, entity_id: str) -> Change:
        """The cursor rests on an entry of a list: the panes to its right follow."""
        place = self.place
        if pane == "countries":
            if entity_id == place.country:
                return Change()
            self.trail.update(place.with_(country=entity_id, alliance=None))
        else:
            if entity_id == place.alliance:
                return Change()
            self.trail.update(place.with_(alliance=entity_id))
        return self._moved()

    def highlight_row(self, key: str | None) -> Change:
        """The cursor rests on an excerpts row: remembered for back, nothing else moves."""
        self._row = key
        return Change()

    def focus(self, pane: PaneName) -> Change:
        """The focus moved to ``pane``: coming through the alliances pane narrows the excerpts to the pair."""
        place = self.place
        if pane == place.focus:
            return Change()
        narrow = {"countries": False, "alliances": True}.get(pane, place.narrow)
        self.trail.update(place.with_(focus=pane, narrow=narrow))
        return self._moved()

    def enter_country(self, country_id: str) -> Change:
        """Enter on a country: its alliances pane takes the focus."""
        self.trail.update(self.place.with_(country=country_id))
        change = self._moved()
        return Change(change.countries, change.alliances, change.excerpts, change.crumbs, focus="alliances")

    def members(self, alliance_id: str) -> list[Entity]:
        """The alliance's members, by name like the full list (the store gives them in order of joining)."""
        return sorted((link.entity for link in self.store.members_of(alliance_id)), key=lambda e: e.name.casefold())

    def follow(self, alliance_id: str) -> Change:
        """Enter on an alliance: the countries pane lists its members, the country we came from kept if it is one."""
        members = [e.id for e in self.members(alliance_id)]
        if not members:
            return Change(message=f"{name_of(self.store, alliance_id)} has no members in this store")
        place = self.place
        country = place.country if place.country in members else members[0]
        return self._go(Place(members_of=alliance_id, country=country, alliance=alliance_id, focus="countries"))

    def jump(self, fact_id: str) -> Change:
        """Enter on a fact: to the other country (its place), or the alliance followed."""
        fact = self.store.fact(fact_id)
        here = self.place.country if self.place.country in fact.entities else fact.subject
        other = fact.other(here) if here else fact.object
        if other.startswith("country:"):
            return self._go(Place(country=other, focus="countries"))
        return self.follow(other)

    def go_to(self, entity_id: str) -> Change:
        """The palette's 'Go to': a country, or an alliance (with the country if it has a part in it)."""
        place = self.place
        if entity_id.startswith("country:"):
            return self._go(Place(country=entity_id))
        country = place.country
        if country and any(link.entity.id == entity_id for link in self.store.alliances_of(country)):
            return self._go(place.with_(alliance=entity_id, focus="alliances", narrow=True, row=None))
        return self._go(Place(country=None, all_alliances=True, alliance=entity_id, focus="alliances", narrow=True))

    def reveal(self, kind: str, record_id: str) -> Change:
        """Search's enter: the place that shows the record, with the cursor on its row.

        ``kind`` is a search hit's: an entity is gone to; a fact is shown between its country and its
        other end; a quote under the fact it is evidence for; a note under what it is written on.
        """
        store = self.store
        if kind == "entity":
            return self.go_to(record_id)
        if kind == "fact":
            return self._show_fact(record_id, f"f|{record_id}")
        if kind == "excerpt":
            fact_id = fact_citing(self.store, record_id)
            if fact_id is None:
                return Change(message="No fact cites this passage yet: 'To review' lists what its import proposed")
            return self._show_fact(fact_id, f"e|{fact_id}|{record_id}")
        if kind == "note":
            note = store.note(record_id)
            target = note.target.id
            if note.target.kind.value == "entity":
                change = self.go_to(target)
                return self._land(f"n|{target}|{record_id}") if change.message is None else change
            fact_id = target if note.target.kind.value == "fact" else fact_citing(self.store, target)
            if fact_id is None:
                return Change(message="This note is on a passage no fact cites yet")
            return self._show_fact(fact_id, f"n|{fact_id}|{record_id}")
        return Change(message=f"Nothing to show for {kind}")

    def _show_fact(self, fact_id: str, row: str) -> Change:
        return self._go(place_of_fact(self.store, fact_id, row))

    def _land(self, row: str) -> Change:
        """After a move: the excerpts pane's cursor on ``row``, the focus there."""
        self.trail.update(self.place.with_(focus="excerpts"))
        change = self._moved(highlight=row, anywhere=True)
        return Change(change.countries, change.alliances, change.excerpts, change.crumbs, focus="excerpts")

    def all_alliances(self) -> Change:
        """Toggle the middle pane between the country's alliances and every alliance."""
        return self._go(self.place.with_(all_alliances=not self.place.all_alliances, focus="alliances", row=None))

    def back(self) -> Change:
        """The previous place along the trail that shows something else, with the row the cursor was on there.

        A place that differs from this one only by its focus is passed over: back that only moved the
        focus, to a pane that may not even be shown on a narrow terminal, looked like a key that did nothing.
        """
        here = self.place.looks
        past = self.trail.places[:-1]
        depth = next((i for i in range(len(past) - 1, -1, -1) if past[i].looks != here), None)
        if depth is None:
            return Change(message="Nothing to go back to")
        return self.back_to(depth)

    def back_to(self, depth: int) -> Change:
        """Back to the place ``depth`` steps from the trail's start (the "Back to" list: the first places too)."""
        place = self.trail.back_to(depth)
        if place is None:
            return Change(message="That place is no longer on the trail")
        return self._arrive(place)

    def trail_stops(self) -> list[tuple[int, str]]:
        """Every place behind the current one, the nearest first: its depth and what it showed."""
        stops = [(depth, describe(self.store, p)) for depth, p in enumerate(self.trail.places[:-1])]
        return stops[::-1]

    def review(self) -> Change:
        """Toggle the 'To review' view: the facts and passages imports proposed, across the store."""
        review = not self.place.review
        self.trail.update(self.place.with_(review=review))
        change = self._moved()
        return Change(change.countries, change.alliances, change.excerpts, change.crumbs, focus="excerpts" if review else None)

    def review_group_by(self) -> Change:
        """In 'To review': proposed passages grouped by fact, or by article."""
        by: GroupBy = "article" if self.place.review_by == "fact" else "fact"
        self.trail.update(self.place.with_(review_by=by))
        return self._moved()

    def filter(self, pane: PaneName, text: str) -> Change:
        """A filter typed (or cleared) in ``pane``: a list's cursor goes to its first entry, unless cleared."""
        if text == self.filter_text(pane):
            return Change()
        setattr(self._filters, pane, text)
        if pane != "excerpts" and text:
            # Typed: the first entry that matches; cleared: the cursor stays where it was.
            first = self._list_source(pane)[1]
            needle = fold(text)
            hit = next((e.id for e in first if e.matches(needle)), None)
            if hit is not None:
                key = "country" if pane == "countries" else "alliance"
                changes: dict[str, object] = {key: hit}
                if pane == "countries" and hit != self.place.country:
                    changes["alliance"] = None
                self.trail.update(self.place.with_(**changes))
        return self._moved()

    def refresh(self, *, note: str | None = None) -> Change:
        """The store changed (a write, an undo …): every pane that shows it again; ``note``: the row key to land on."""
        self._filters.writes += 1
        return self._moved(highlight=note, anywhere=note is not None)

    # --- the steps behind the moves ---------------------------------------------------------

    def _go(self, place: Place) -> Change:
        """Leave the current place for ``place``, remembering the excerpts row the cursor is on."""
        self.trail.update(self.place.with_(row=self._row))
        self.trail.go(place)
        return self._arrive(place)

    def _arrive(self, place: Place) -> Change:
        # A filter typed for the last list would hide the members followed, the country jumped to.
        self._filters.countries = self._filters.alliances = ""
        self.trail.update(place.with_(row=None))  # the row is for this arrival only
        change = self._moved(highlight=place.row, anywhere=place.row is not None)
        return Change(change.countries, change.alliances, change.excerpts, change.crumbs, focus=place.focus)

    def _moved(self, highlight: str | None = None, *, anywhere: bool = False) -> Change:
        old = self.views
        new = self._compute(old, highlight=highlight, anywhere=anywhere)
        self._views = new
        return Change(
            countries=None if new.countries.same_as(old.countries) else new.countries,
            alliances=None if new.alliances.same_as(old.alliances) else new.alliances,
            excerpts=new.excerpts if new.excerpts is not old.excerpts else None,
            crumbs=new.crumbs if new.crumbs != old.crumbs else None,
        )

    def _list_source(self, pane: PaneName) -> tuple[tuple[object, ...], tuple[ListEntry, ...]]:
        """The entries of a list pane before its filter, and what names them."""
        place, store = self.place, self.store
        if pane == "countries":
            if place.members_of:
                source: tuple[object, ...] = ("members", place.members_of, store.version)
                links = sorted(store.members_of(place.members_of), key=lambda link: link.entity.name.casefold())
                return source, tuple(ListEntry(link.entity.id, link.entity, store.relation_count(link.entity.id)) for link in links)
            return ("countries", store.version), tuple(ListEntry(e.id, e, n) for e, n in store.countries())
        if place.all_alliances or place.country is None:
            return ("alliances", store.version), tuple(ListEntry(e.id, e, n) for e, n in store.alliances())
        links_of: list[Link] = store.alliances_of(place.country)
        return ("of", place.country, store.version), tuple(ListEntry(link.entity.id, link.entity, facts=link.facts) for link in links_of)

    def _list_view(self, pane: ListPaneName, old: ListView | None, wanted: str | None) -> ListView:
        text = self.filter_text(pane)
        key = self._list_key(pane) + (text,)
        if old is not None and old.source == key:
            entries = old.entries  # the same entries: only the cursor may move
        else:
            _, every = self._list_source(pane)
            needle = fold(text)
            entries = tuple(e for e in every if e.matches(needle)) if needle else every
        ids = (e.id for e in entries)
        highlighted = wanted if wanted is not None and any(i == wanted for i in ids) else (entries[0].id if entries else None)
        return ListView(self._list_title(pane), entries, highlighted, text, key)

    def _list_key(self, pane: PaneName) -> tuple[object, ...]:
        place, version = self.place, self.store.version
        if pane == "countries":
            return ("members", place.members_of, version) if place.members_of else ("countries", version)
        if place.all_alliances or place.country is None:
            return ("alliances", version)
        return ("of", place.country, version)

    def _list_title(self, pane: PaneName) -> str:
        place, store = self.place, self.store
        if pane == "countries":
            return f"Countries · members of {name_of(store, place.members_of)}" if place.members_of else "Countries"
        if place.all_alliances or place.country is None:
            return "Alliances · all"
        return f"Alliances · {name_of(store, place.country)}"

    def _compute(self, old: Views | None, *, highlight: str | None = None, anywhere: bool) -> Views:
        """Each pane's view of the current place; the place settled on what the lists highlight."""
        countries = self._list_view("countries", old.countries if old else None, self.place.country)
        if countries.highlighted_id is not None and countries.highlighted_id != self.place.country:
            # (the alliance stays: the alliances list below keeps it if it has it, as "Go to: AUKUS" needs)
            self.trail.update(self.place.with_(country=countries.highlighted_id))
        alliances = self._list_view("alliances", old.alliances if old else None, self.place.alliance)
        if alliances.highlighted_id != self.place.alliance:
            self.trail.update(self.place.with_(alliance=alliances.highlighted_id))
        excerpts = self._excerpts_view(old.excerpts if old else None, highlight, anywhere)
        return Views(countries, alliances, excerpts, self.breadcrumb(), self.place.focus)

    def _selection(self) -> tuple[object, ...]:
        place = self.place
        if place.review:
            return ("review", place.review_by)
        if place.country is None and place.alliance is None:
            return ("nothing",)
        if place.country is None or (place.all_alliances and place.focus != "countries"):
            return ("entity", place.alliance)
        if place.narrowed:
            return ("pair", place.country, place.alliance)
        return ("entity", place.country)

    def _excerpts_view(self, old: ExcerptsView | None, highlight: str | None, anywhere: bool) -> ExcerptsView:
        selection = self._selection()
        text = self._filters.excerpts
        source = (*selection, self.store.version, self._filters.writes, text)
        same = old is not None and old.selection == selection
        if old is not None and old.source == source:
            if highlight is None:
                return old
            title, rows = old.title, old.rows  # the same rows, another row to land on
        else:
            title, rows = self._rows(selection, text)
        # The same selection refilled (a write, a filter): the cursor stays on its row; another starts at the top.
        key = highlight if highlight is not None else (self._row if same else None)
        mode: Literal["facts", "review"] = "review" if selection[0] == "review" else "facts"
        return ExcerptsView(title, rows, selection, source, key, anywhere, mode)

    def _rows(self, selection: tuple[object, ...], text: str) -> tuple[str, LazyRows]:
        store, place, damage = self.store, self.place, self._on_damage
        kind = selection[0]
        if kind == "review":
            rows = review_rows(store, text, damage, by=place.review_by)
            passages = len(store.proposed_links())
            # Short enough for the pane's border at 140 columns; the footer and help say the rest.
            k = self._key_for
            keys = f"{k('app.accept')}/{k('app.reject')} · {k('app.group_accept')}/{k('app.group_reject')} group"
            return f"Excerpts · to review ({len(review_facts(store))}) · {passages} passages · {keys}", rows
        if kind == "nothing":
            return "Excerpts", LazyRows()
        if kind == "pair":
            assert place.country is not None and place.alliance is not None
            rows = build_rows(store, place.country, place.alliance, text, damage)
            return f"Excerpts · {name_of(store, place.country)} – {short_name(store.entity(place.alliance))}", rows
        entity = selection[1]
        assert isinstance(entity, str)
        return f"Excerpts · {name_of(store, entity)}", build_rows(store, entity, None, text, damage)

    def breadcrumb(self) -> tuple[str, ...]:
        """The names along the trail, each once in a row: 'South Korea › NATO › United States'."""
        return breadcrumb(self.store, self.trail.places)
