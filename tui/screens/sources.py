"""Sources: every article, reference and data set, what each added, and each one read whole.

Left, the sources (imported articles newest first, then the references the world cites, then data
sets), each with its passages, facts and what waits in review. Right, the highlighted source read whole:
its passages in order, mentions highlighted, each followed by the facts it supports (● evidence,
○ proposed) and the notes on it. From a passage, ``f`` makes a fact with it as evidence and ``n``
writes a note on it; ``enter`` on a passage shows its fact in the explorer.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store import source_list
from store.words.clean import visible_line
from store.models import Excerpt, Source, Target, TargetKind
from store.repository import FactStore
from store.search import citing
from store.words.spans import span_text
from tui import actions
from tui import format as fmt
from tui.panes.footer import KeysFooter
from tui.panes.lists import VimOptionList
from tui.rows import name_of
from tui.screens.search import Found
from tui.writing import StoreWriter, WritesStore

SEP = "\x1f"
KIND_TITLES = {"article": "Articles", "reference": "References (treaty texts, official pages)"}


class SourcesScreen(Screen[Found | None]):
    """Closes with a fact to show in the explorer, or None."""

    HELP_TOPIC = "sources"
    BINDINGS = actions.bindings("sources")

    def __init__(self, store: FactStore) -> None:
        super().__init__(id="sources")
        self.store = store
        self.shown: str | None = None  # the option id of the source the reader shows

    def compose(self) -> ComposeResult:
        with Vertical(id="sources-box"):
            yield Static("", id="sources-title", markup=False)
            with Horizontal(id="sources-panes"):
                yield VimOptionList(id="sources-list")
                yield VimOptionList(id="sources-reader")
            yield Static("", id="sources-detail", markup=False)
        yield KeysFooter()

    @property
    def sources(self) -> OptionList:
        return self.query_one("#sources-list", OptionList)

    @property
    def reader(self) -> OptionList:
        return self.query_one("#sources-reader", OptionList)

    def on_mount(self) -> None:
        self._fill_sources()
        self.sources.focus()

    # --- the list of sources ------------------------------------------------------------------

    def _fill_sources(self) -> None:
        summaries = source_list.summaries(self.store)
        datasets = source_list.datasets(self.store)
        options: list[Option] = []
        kind = None
        for s in summaries:
            if s.kind != kind:
                kind = s.kind
                options.append(Option(Text(KIND_TITLES[s.kind], style="bold"), disabled=True))
            options.append(Option(self._source_label(s), id=f"source{SEP}{s.source.id}"))
        if datasets:
            options.append(Option(Text("Data sets", style="bold"), disabled=True))
            options += [Option(Text.assemble(visible_line(d.name), (f"\n  {counted(d.facts, 'fact')}", "dim")),
                               id=f"dataset{SEP}{d.name}") for d in datasets]
        keep = self.sources.highlighted
        self.sources.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        self.sources.highlighted = keep if keep is not None and keep < len(options) and not options[keep].disabled else first
        articles = sum(1 for s in summaries if s.kind == "article")
        self.query_one("#sources-title", Static).update(visible_line(
            f"Sources · {articles} articles, {len(summaries) - articles} references, {len(datasets)} data sets"))

    def _source_label(self, s: source_list.SourceSummary) -> Text:
        source = s.source
        parts = [p for p in (source.publisher, s.date) if p]
        # A reference has no passages of its own (its facts cite it whole): only its facts are counted.
        added = ([counted(s.passages, "passage")] if s.kind == "article" else []) + [counted(s.facts, "fact")]
        if s.proposed:
            added.append(f"{s.proposed} to review")
        return Text.assemble((visible_line(source.title), "bold"), ("\n  " + visible_line(" · ".join([*parts, *added])), "dim"))

    @on(OptionList.OptionHighlighted, "#sources-list")
    def _source_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None and event.option.id != self.shown:
            self._read(event.option.id)

    @on(OptionList.OptionSelected, "#sources-list")
    def _source_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.reader.option_count:
            self.reader.focus()

    # --- the reader ---------------------------------------------------------------------------

    def _read(self, option_id: str) -> None:
        self.shown = option_id
        kind, _, rid = option_id.partition(SEP)
        options: list[Option] = []
        if kind == "dataset":
            options += [Option(self._fact_line(f.id, "●"), id=f"fact{SEP}{f.id}") for f in source_list.dataset_facts(self.store, rid)]
        else:
            source = self.store.sources.get(rid)
            if source is not None:
                options.append(Option(self._heading(source), disabled=True))
                passages = self.store.excerpts_of(rid)
                facts = source_list.passages_facts(self.store, [x.id for x in passages])  # one scan for them all
                for excerpt in passages:
                    options.append(Option(self._passage(excerpt, facts[excerpt.id]), id=f"excerpt{SEP}{excerpt.id}"))
                if not self.store.excerpts_of(rid):
                    if source.text.strip():
                        options.append(Option(Text(visible_line(source.text[:2000]), style="dim"), disabled=True))
                    options += [Option(self._fact_line(f.id, "▤"), id=f"fact{SEP}{f.id}") for f in citing(self.store, rid)]
        keep = self.reader.highlighted if self.reader.has_focus else None
        self.reader.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        self.reader.highlighted = keep if keep is not None and keep < len(options) and not options[keep].disabled else first
        self._describe()

    def _heading(self, source: Source) -> Text:
        lines = [visible_line(source.title)]
        lines.append(visible_line(" · ".join(p for p in (source.publisher, ", ".join(source.authors),
                                                           f"published {source.published}" if source.published else "") if p)))
        if source.url:
            lines.append(visible_line(source.url))
        return Text("\n".join(line for line in lines if line), style="bold")

    def _passage(self, excerpt: Excerpt, facts: list[source_list.PassageFact]) -> Text:
        exact = visible_line(excerpt.quote.exact) if "\n" not in excerpt.quote.exact else fmt.visible(excerpt.quote.exact)
        text = Text(exact, style="bold" if excerpt.heading else "")
        if len(exact) == len(excerpt.quote.exact):  # offsets hold: nothing was replaced by a longer stand-in
            for m in excerpt.mentions:
                text.stylize("underline cyan" if m.entity_id.startswith("country:") else "underline magenta", m.start, m.end)
        for found in facts:
            text.append("\n")
            text.append_text(self._fact_line(found.fact.id, "○" if found.proposed else "●", proposed=found.proposed))
        for note in self.store.notes_on(TargetKind.EXCERPT, excerpt.id):
            text.append("\n  ✎ ", style="bold")
            text.append(visible_line(note.body))
        return text

    def _fact_line(self, fact_id: str, mark: str, *, proposed: bool = False) -> Text:
        fact = self.store.facts.get(fact_id)
        if fact is None:
            return Text(fact_id)
        words = f"{name_of(self.store, fact.subject)} {fact.relation.label} {name_of(self.store, fact.object)}"
        when = f" · {span_text(fact)}" if fact.start else ""
        return Text.assemble(f"  {mark} ", (visible_line(words + when), "dim italic" if proposed else ""),
                             (" (to review)" if proposed else "", "dim"))

    def _describe(self) -> None:
        k = actions.key_for
        hint = actions.hint((("sources.fact", "fact from passage"), ("sources.note", "note"), ("sources.open", "show in explorer")),
                            lambda a: f"{k(a, self.app)}:")
        self.query_one("#sources-detail", Static).update(hint)

    def _highlighted(self) -> tuple[str, str] | None:
        reader = self.reader
        if reader.highlighted is None:
            return None
        option = reader.get_option_at_index(reader.highlighted)
        if option.id is None:
            return None
        kind, _, rid = option.id.partition(SEP)
        return kind, rid

    # --- actions ------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#sources-reader")
    def _passage_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """The highlighted passage's fact (or the fact) in the explorer."""
        found = self._highlighted()
        if found is None:
            return
        kind, rid = found
        if kind == "excerpt" and not source_list.passage_facts(self.store, rid):
            self.notify(f"No fact cites this passage yet: {actions.key_for('sources.fact', self.app)} makes one", timeout=3)
            return
        self.dismiss(Found(kind, rid))

    def action_fact(self) -> None:
        from tui.screens.passage_fact import NewFact, PassageFactScreen

        excerpt = self._passage_highlighted()
        if excerpt is None or self._refused():
            return

        def made(new: NewFact | None) -> None:
            if new is None:
                return
            store = self.store

            def work() -> object:
                return source_list.add_fact_from_passage(store, new.excerpt_id, subject=new.subject, relation=new.relation,
                                                         object=new.object, start=new.start)

            words = f"{name_of(store, new.subject)} {new.relation.label} {name_of(store, new.object)}"
            # A fact the store holds already gains the passage as evidence (store/source_list.py): said so.
            held = source_list.fact_it_restates(store, subject=new.subject, relation=new.relation, object=new.object,
                                                start=new.start)
            said = "Passage added as evidence" if held is not None else "Fact added"
            self.app_writer().write(work, visible_line(f"{said}: {words}"), token=self)

        self.app.push_screen(PassageFactScreen(self.store, excerpt, source_list.draft_from_passage(self.store, excerpt)), made)

    def action_note(self) -> None:
        from tui.screens.passage_fact import PassageNoteScreen

        excerpt = self._passage_highlighted()
        if excerpt is None or self._refused():
            return

        def written(body: str | None) -> None:
            if body is not None:
                store = self.store
                self.app_writer().write(lambda: store.add_note(Target(kind=TargetKind.EXCERPT, id=excerpt.id), body),
                                        "Note saved", token=self)

        self.app.push_screen(PassageNoteScreen(excerpt), written)

    def _passage_highlighted(self) -> Excerpt | None:
        found = self._highlighted()
        if found is None or found[0] != "excerpt":
            self.notify("Highlight a passage in the reader first", timeout=2)
            return None
        excerpt = self.store.excerpts.get(found[1])
        return excerpt if isinstance(excerpt, Excerpt) else None

    def _refused(self) -> bool:
        why = self.app_writer().not_writable
        if why:
            self.notify(visible_line(why), title="Read-only", severity="warning", timeout=4, markup=False)
        return bool(why)

    def app_writer(self) -> StoreWriter:
        app = self.app
        assert isinstance(app, WritesStore), "the Sources view needs the explorer's store writer"
        return app.writer

    def store_changed(self) -> None:
        """A write is durable (the app tells the screen on top): the counts and the passage show it."""
        shown = self.shown
        self._fill_sources()
        if shown is not None:
            self._read(shown)

    def action_back_or_close(self) -> None:
        if self.reader.has_focus:
            self.sources.focus()
        else:
            self.dismiss(None)


def counted(n: int, noun: str) -> str:
    """"1 passage", "3 facts"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


