"""Search everything: one input over names, quotes, notes and tags, sources and qualifiers, as you type.

With nothing typed, the saved lists: every note, each tag, disputed, unreviewed and recently changed
facts. ``enter`` on a hit closes the screen with it (the app shows it in its pane: Explorer.reveal);
``enter`` on a saved list lists what it holds, and ``escape`` comes back (then closes).
Searching runs on a worker thread; a result that arrives after the query changed is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from store import search
from store.words.clean import visible_line
from store.models import Annotation, Fact, FactStatus
from store.repository import FactStore
from tui import actions
from tui import format as fmt
from tui.panes.footer import KeysFooter
from tui.rows import name_of

SEP = "\x1f"  # between a hit's kind and its id in an option's id (ids never hold it)
SNIPPET = 110


@dataclass(frozen=True)
class Found:
    """What the screen closes with: the kind of record and its id (a search.Hit's)."""

    kind: str
    id: str


@dataclass(frozen=True)
class SavedList:
    id: str  # "notes", "tag:<tag>", "status:<status>", "recent"
    title: str


class SearchScreen(ModalScreen[Found | None]):
    BINDINGS = actions.bindings("search")

    def __init__(self, store: FactStore) -> None:
        super().__init__(id="search")
        self.store = store
        self._listing: SavedList | None = None  # a saved list opened from the empty query

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static("Search everything", id="search-title", markup=False)
            yield Input(placeholder="names, quotes, notes, #tags, sources …", id="search-input")
            yield Static("", id="search-status", markup=False)
            yield OptionList(id="search-results")
        # The keys of this dialog, not the explorer's beneath it.
        yield KeysFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._show_saved_lists()

    # --- typing -----------------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self._listing = None
        if not search.words(event.value):
            self._show_saved_lists()
            return
        self._status("Searching …")
        self._search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        results = search.search(self.store, query)
        self.app.call_from_thread(self._show_results, query, results)

    def _show_results(self, query: str, results: search.Results) -> None:
        if query != self.query_one(Input).value or self._listing is not None:
            return  # typed on since: a newer search is on its way
        options: list[Option] = []
        for kind in search.KINDS:
            hits, total = results.hits[kind], results.totals[kind]
            if not hits:
                continue
            more = f" (first {len(hits)} of {total})" if total > len(hits) else f" ({total})"
            options.append(Option(Text(search.KIND_TITLES[kind] + more, style="bold"), disabled=True))
            options.extend(Option(self._hit_label(hit), id=f"{hit.kind}{SEP}{hit.id}") for hit in hits)
        self._fill(options)
        if results.empty:
            self._status("No matches. Every word must appear; try fewer words.")
        else:
            counts = ", ".join(search.counted(k, results.totals[k]) for k in search.KINDS if results.totals[k])
            self._status(f"{counts} · {self._keys_hint()}")

    def _hit_label(self, hit: search.Hit) -> Text:
        text = visible_line(hit.text)
        if len(text) > SNIPPET:
            text = text[: SNIPPET - 1] + "…"
        if hit.kind == "note":
            where = (visible_line(name_of(self.store, hit.target_id)) if hit.target_kind == "entity"
                     else self._fact_label(hit.target_id) if hit.target_kind == "fact" else "a passage")
            return Text.assemble(("✎ ", "bold"), text, (f"  · on {where}", "dim"))
        if hit.kind == "entity":
            return Text(text)
        if hit.kind == "fact":
            fact = self.store.facts.get(hit.id)
            quals = fmt.qualifier_text(fact) if fact is not None else None  # the screen's words ("context:")
            return Text.assemble(self._fact_label(hit.id), ("  · ", "dim"), (quals.plain if quals else text, "dim"))
        return Text(text)

    def _fact_label(self, fact_id: str) -> str:
        fact = self.store.facts.get(fact_id)
        if fact is None:
            return fact_id
        return visible_line(f"{name_of(self.store, fact.subject)} – {fact.relation.replace('_', ' ')} – {name_of(self.store, fact.object)}")

    # --- the saved lists ----------------------------------------------------------------------

    def _saved_lists(self) -> list[SavedList]:
        store = self.store
        notes = len(store.annotations)
        lists = [SavedList("notes", f"All notes ({notes})")]
        tags = search.all_tags(store)
        lists += [SavedList(f"tag:{t}", visible_line(f"Notes tagged #{t} ({tags[t]})")) for t in sorted(tags, key=str.casefold)]
        for status in (FactStatus.DISPUTED, FactStatus.UNREVIEWED):
            n = len(search.facts_with_status(store, status))
            lists.append(SavedList(f"status:{status.value}", f"{status.value.capitalize()} facts ({n})"))
        lists.append(SavedList("recent", "Recently changed facts"))
        return lists

    def _show_saved_lists(self) -> None:
        self._listing = None
        options = [Option(Text("Saved lists", style="bold"), disabled=True)]
        options += [Option(s.title, id=f"list{SEP}{s.id}") for s in self._saved_lists()]
        self._fill(options)
        self._status(f"Type to search · {self._keys_hint()}")

    def _open_list(self, saved: SavedList) -> None:
        self._listing = saved
        store = self.store
        options: list[Option] = [Option(Text(saved.title, style="bold"), disabled=True)]
        if saved.id == "notes" or saved.id.startswith("tag:"):
            tag = saved.id[4:] if saved.id.startswith("tag:") else None
            options += [self._note_option(n) for n in search.notes(store, tag)]
        else:
            facts: list[Fact] = (search.recently_changed(store) if saved.id == "recent"
                                 else search.facts_with_status(store, saved.id.split(":", 1)[1]))
            options += [Option(self._fact_label(f.id), id=f"fact{SEP}{f.id}") for f in facts]
        self._fill(options)
        self._status(f"{len(options) - 1} in this list · escape: back to the saved lists")

    def _note_option(self, note: Annotation) -> Option:
        hit = search.Hit("note", note.id, note.body, note.target.kind.value, note.target.id)
        return Option(self._hit_label(hit), id=f"note{SEP}{note.id}")

    # --- moving and choosing ------------------------------------------------------------------

    def _fill(self, options: list[Option]) -> None:
        results = self.query_one(OptionList)
        results.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        results.highlighted = first

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(text)

    def _keys_hint(self) -> str:
        return f"↓ results · enter: go there · {actions.key_for('search.close', self.app)}: close"

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        results = self.query_one(OptionList)
        if results.highlighted is not None:
            self._choose(results.get_option_at_index(results.highlighted))

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option)

    def _choose(self, option: Option) -> None:
        if option.id is None:
            return
        kind, _, rid = option.id.partition(SEP)
        if kind == "list":
            saved = next((s for s in self._saved_lists() if s.id == rid), None)
            if saved is not None:
                self._open_list(saved)
            return
        if kind == "tag":
            self._open_list(SavedList(f"tag:{rid}", visible_line(f"Notes tagged #{rid}")))
            return
        if kind == "source":
            self._open_source(rid)
            return
        self.dismiss(Found(kind, rid))

    def _open_source(self, source_id: str) -> None:
        """A source's passages and the facts that cite it, to choose one."""
        source = self.store.sources.get(source_id)
        title = visible_line(source.title if source else source_id)
        self._listing = SavedList(f"source:{source_id}", title)
        passages = self.store.excerpts_of(source_id)
        facts = search.citing(self.store, source_id)
        options: list[Option] = []
        if passages:
            options.append(Option(Text(f"Passages of {title}", style="bold"), disabled=True))
            options += [Option(self._hit_label(search.Hit("excerpt", x.id, x.quote.exact)), id=f"excerpt{SEP}{x.id}")
                        for x in passages]
        if facts:
            options.append(Option(Text(f"Facts citing {title}", style="bold"), disabled=True))
            options += [Option(self._fact_label(f.id), id=f"fact{SEP}{f.id}") for f in facts]
        if not options:
            options.append(Option(Text(f"{title}: no passage, and no fact cites it", style="dim"), disabled=True))
        self._fill(options)
        self._status(f"{search.counted('excerpt', len(passages))}, {search.counted('fact', len(facts))} · escape: back")

    def on_key(self, event: events.Key) -> None:
        # ↓ from the input goes to the results (the input has no use for it).
        results = self.query_one(OptionList)
        if event.key == "down" and self.query_one(Input).has_focus and results.option_count:
            results.focus()
            event.stop()

    def action_close(self) -> None:
        if self._listing is not None:
            self._listing = None
            query = self.query_one(Input).value
            if search.words(query):
                self._search(query)
            else:
                self._show_saved_lists()
            self.query_one(Input).focus()
            return
        self.dismiss(None)
