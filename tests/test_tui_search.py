"""Search everything (s): typed words find a tag, a quote and a source; enter shows the hit in its pane (issue 17)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from store.models import Target, TargetKind
from store.repository import FactStore
from tui.app import build_app
from tui.screens.search import SEP, SearchScreen
from tui_helpers import KOR, settle


def option_ids(screen: SearchScreen) -> list[str]:
    results = screen.query_one(OptionList)
    return [o.id for o in (results.get_option_at_index(i) for i in range(results.option_count)) if o.id]


def index_of(screen: SearchScreen, option_id: str) -> int:
    results = screen.query_one(OptionList)
    return next(i for i in range(results.option_count) if results.get_option_at_index(i).id == option_id)


async def search_for(pilot, text: str) -> SearchScreen:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    screen.query_one(Input).value = ""
    await pilot.press(*text)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_a_tag_found_from_s_and_enter_shows_the_note_in_its_pane(starter_store: Path) -> None:
    with FactStore.open(starter_store, create=False) as store:
        fact = next(f for f in store.facts_of(KOR) if f.object.startswith("alliance:") and f.subject == KOR)
        note = store.add_note(Target(kind=TargetKind.FACT, id=fact.id), "ask the embassy [bold]why[/]", tags=["todo"])
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        screen = await search_for(pilot, "#todo")
        ids = option_ids(screen)
        assert f"tag{SEP}todo" in ids and f"note{SEP}{note.id}" in ids
        # down: from the input to the results, the cursor where it was.
        screen.query_one(OptionList).highlighted = index_of(screen, f"note{SEP}{note.id}")
        await pilot.press("down")
        assert screen.focused is screen.query_one(OptionList)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert app.excerpts.highlighted_row is not None and app.excerpts.highlighted_row.note_id == note.id
        assert app.place.country == KOR and app.focused is app.excerpts.fact_list


async def test_a_quote_and_a_source_are_found_and_nothing_says_no_matches(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        store = app.store
        fact = next(f for f in store.facts.values() if f.evidence and any(e.startswith("country:") for e in f.entities))
        excerpt = store.excerpts[fact.evidence[0]]
        words = " ".join(excerpt.quote.exact.split()[1:4])
        await pilot.press("s")
        screen = await search_for(pilot, words)
        assert any(i.startswith(f"excerpt{SEP}") for i in option_ids(screen))
        source = store.sources[excerpt.source_id]
        screen = await search_for(pilot, source.title.split(":")[0][:30])
        assert f"source{SEP}{source.id}" in option_ids(screen)
        screen = await search_for(pilot, "qqqzzz nothing")
        assert option_ids(screen) == []
        assert "No matches" in str(screen.query_one("#search-status").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, SearchScreen)


async def test_saved_lists_open_and_escape_comes_back(starter_store: Path) -> None:
    with FactStore.open(starter_store, create=False) as store:
        fact_id = next(iter(store.facts))
        store.add_note(Target(kind=TargetKind.FACT, id=fact_id), "one", tags=["todo"])
        store.set_fact_status(fact_id, "disputed")
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        ids = option_ids(screen)
        assert ids[:2] == [f"list{SEP}notes", f"list{SEP}tag:todo"] and f"list{SEP}status:disputed" in ids
        results = screen.query_one(OptionList)
        results.focus()
        results.highlighted = index_of(screen, f"list{SEP}status:disputed")
        await pilot.press("enter")
        assert option_ids(screen) == [f"fact{SEP}{fact_id}"]
        await pilot.press("escape")  # back to the saved lists, not closed
        assert isinstance(app.screen, SearchScreen) and option_ids(screen) == ids
        await pilot.press("escape")
        assert not isinstance(app.screen, SearchScreen)
