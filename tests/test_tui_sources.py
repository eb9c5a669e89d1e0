"""The Sources view (S): every source with what it added, read whole; a fact and a note made from a passage (issue 17)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Select, TextArea

from store.models import FactStatus, Origin, TargetKind
from store.pipeline.importer import import_files
from store.repository import FactStore
from tui.app import build_app
from tui.screens.passage_fact import PassageFactScreen, PassageNoteScreen
from tui.screens.sources import SEP, SourcesScreen
from tui_helpers import keep_notifications, settle

ARTICLE = Path(__file__).parent / "data" / "import" / "baltic-to-pacific.md"


def ids(ol: OptionList) -> list[str]:
    return [o.id for o in (ol.get_option_at_index(i) for i in range(ol.option_count)) if o.id]


def index_of(ol: OptionList, option_id: str) -> int:
    return next(i for i in range(ol.option_count) if ol.get_option_at_index(i).id == option_id)


async def open_sources(pilot) -> SourcesScreen:  # type: ignore[no-untyped-def]
    await pilot.press("S")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SourcesScreen)
    return screen


def imported(folder: Path) -> str:
    with FactStore.open(folder, create=False) as store:
        (report,) = import_files(store, [ARTICLE])
        return report.source.id


async def test_an_imported_article_is_listed_first_and_read_whole(starter_store: Path) -> None:
    source_id = imported(starter_store)
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = await open_sources(pilot)
        assert ids(screen.sources)[0] == f"source{SEP}{source_id}"
        passages = [i for i in ids(screen.reader) if i.startswith("excerpt")]
        assert len(passages) == len(app.store.excerpts_of(source_id))
        await pilot.press("enter")
        assert screen.focused is screen.reader
        await pilot.press("escape")
        assert screen.focused is screen.sources
        await pilot.press("escape")
        assert not isinstance(app.screen, SourcesScreen)


async def fact_form_on(pilot, screen: SourcesScreen, excerpt_id: str) -> PassageFactScreen:  # type: ignore[no-untyped-def]
    """``f`` on the passage in the reader: the form it opens."""
    await pilot.press("enter")
    screen.reader.highlighted = index_of(screen.reader, f"excerpt{SEP}{excerpt_id}")
    await pilot.press("f")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, PassageFactScreen)
    return form


def fill(form: PassageFactScreen, subject: str, relation: str, obj: str, start: str) -> None:
    form.query_one("#new-subject", Select).value = subject
    form.query_one("#new-relation", Select).value = relation
    form.query_one("#new-object", Select).value = obj
    form.query_one("#new-start", Input).value = start


async def test_f_makes_a_fact_from_a_passage_shown_in_the_three_panes_with_its_quote(starter_store: Path) -> None:
    source_id = imported(starter_store)
    app = build_app(starter_store)
    said = keep_notifications(app)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = await open_sources(pilot)
        store = app.store
        excerpt = next(x for x in store.excerpts_of(source_id) if "Finland and Sweden applied" in x.quote.exact)
        form = await fact_form_on(pilot, screen, excerpt.id)
        # Prefilled with what the passage states ("Finland and Sweden applied to join NATO in May 2022"),
        # not with its first country (Russia, who invaded) and first date (the invasion's).
        assert form.query_one("#new-subject", Select).value == "country:FIN"
        assert form.query_one("#new-relation", Select).value == "applicant_to"
        assert form.query_one("#new-object", Select).value == "alliance:nato"
        assert form.query_one("#new-start", Input).value == "2022-05"
        fill(form, "country:FIN", "cooperates_with", "alliance:nato", "May 2022")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SourcesScreen)
        made = [f for f in store.facts.values() if f.origin is Origin.USER and f.evidence == [excerpt.id]]
        assert len(made) == 1 and made[0].relation.value == "cooperates_with" and str(made[0].start) == "2022-05"
        assert made[0].status is FactStatus.CONFIRMED
        assert any(m.startswith("Fact added: Finland cooperates with NATO") for m in said)
        # The reader shows it under the passage; o shows it in the explorer with its quote.
        assert "Finland cooperates with NATO" in str(screen.reader.get_option_at_index(index_of(screen.reader, f"excerpt{SEP}{excerpt.id}")).prompt)
        await pilot.press("o")
        await pilot.pause()
        assert not isinstance(app.screen, SourcesScreen)
        assert app.place.country == "country:FIN" and app.place.alliance == "alliance:nato"
        keys = [r.key for r in app.excerpts.rows]
        assert f"f|{made[0].id}" in keys and f"e|{made[0].id}|{excerpt.id}" in keys
        await pilot.press("u")  # one undo takes the fact back
        await settle(pilot)
        assert made[0].id not in store.facts


async def test_f_on_a_passage_that_restates_a_fact_makes_it_evidence_of_that_fact(starter_store: Path) -> None:
    source_id = imported(starter_store)
    app = build_app(starter_store)
    said = keep_notifications(app)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = await open_sources(pilot)
        store = app.store
        excerpt = next(x for x in store.excerpts_of(source_id) if "Finland and Sweden applied" in x.quote.exact)
        held = next(f for f in store.facts_of("country:FIN", "alliance:nato") if f.relation.value == "applicant_to")
        facts = len(store.facts)
        fill(await fact_form_on(pilot, screen, excerpt.id), "country:FIN", "applicant_to", "alliance:nato", "May 2022")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(store.facts) == facts and store.fact(held.id).evidence == [*held.evidence, excerpt.id]
        assert any(m.startswith("Passage added as evidence: Finland applicant to NATO") for m in said)
        await pilot.press("o")
        await pilot.pause()
        assert f"e|{held.id}|{excerpt.id}" in [r.key for r in app.excerpts.rows]
        await pilot.press("u")
        await settle(pilot)
        assert store.fact(held.id).evidence == held.evidence


async def test_n_writes_a_note_on_a_passage(starter_store: Path) -> None:
    source_id = imported(starter_store)
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = await open_sources(pilot)
        await pilot.press("enter", "j")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PassageNoteScreen)
        app.screen.query_one(TextArea).text = "check [bold]this[/] \x1b[2J"
        await pilot.press("ctrl+s")
        await settle(pilot)
        (note,) = app.store.annotations.values()
        assert note.target.kind is TargetKind.EXCERPT and note.body == "check [bold]this[/] \x1b[2J"
        assert app.store.excerpts[note.target.id].source_id == source_id
        assert "✎ check [bold]this[/] ␛[2J" in str(screen.reader.get_option_at_index(screen.reader.highlighted).prompt)


async def test_f_on_a_read_only_store_says_so_and_writes_nothing(starter_store: Path) -> None:
    imported(starter_store)
    app = build_app(starter_store, readonly=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await open_sources(pilot)
        await pilot.press("enter", "j", "f")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        assert not any(f.origin is Origin.USER for f in app.store.facts.values())


async def test_a_hostile_article_reads_inert_in_the_sources_view(starter_store: Path, tmp_path: Path) -> None:
    from tui_helpers import screen_text

    evil = tmp_path / "evil.md"
    filler = "Japan and Australia signed a reciprocal access agreement in January 2022, officials said. " * 4
    evil.write_text("Title: Pwned \x1b]52;c;SGVsbG8=\x07 [bold red]x[/]\nSource: Pub [/]\nURL: https://e.example/\n\n"
                    f"{filler}[/] and more \u202e reversed.\n\nA second paragraph about NATO, {filler}\n", encoding="utf-8")
    with FactStore.open(starter_store, create=False) as store:
        (report,) = import_files(store, [evil])
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = await open_sources(pilot)
        screen.sources.highlighted = index_of(screen.sources, f"source{SEP}{report.source.id}")
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown  # the title's and the text's
        # (the importer drops control characters from what it stores; markup stays text)
        assert "[bold red]x[/]" in report.source.title and report.source.title.split(" [")[0] in shown
        assert "[bold red]x[/]" in shown and "[/] and more" in shown


async def test_f_on_a_passage_that_names_nobody_opens_the_form_blank(starter_store: Path) -> None:
    """A passage with no mention drafts no ends: the form opens with nothing chosen (it crashed the explorer)."""
    source_id = imported(starter_store)
    app = build_app(starter_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_sources(pilot)
        bare = next(x for x in app.store.excerpts_of(source_id) if not x.mentions and not x.heading)
        await pilot.press("enter")
        screen.reader.highlighted = index_of(screen.reader, f"excerpt{SEP}{bare.id}")
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PassageFactScreen) and app.is_running
        assert form.query_one("#new-subject", Select).value is Select.NULL
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "choose the subject" in str(form.query_one("#fact-error").render())
