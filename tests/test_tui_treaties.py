"""Issue 15, 'Show it': the explorer shows dates by kind, obligations each way, provenance,
ended alliances and suspended memberships, on a hand-made store (tests/treaty_world.py)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from store.repository import FactStore
from textual.widgets import Input

from tui_helpers import excerpt_prompts, ids, plain, prompts, screen_text
from tui.app import AlliancesApp, build_app
from treaty_world import ANZUS, FIN, IP4, JPN, KOR, NATO, NZL, US_JAPAN, US_JAPAN_1951, US_ROC, US_ROK


async def to_country(pilot: Pilot, app: AlliancesApp, name: str) -> None:
    """Filter the countries pane to ``name``, keep the match, clear the filter."""
    await pilot.press("1", "slash", *name, "enter", "escape")
    await pilot.pause()
    assert plain(app.countries.option_list.highlighted_option.prompt).startswith(name)


async def to_alliance(pilot: Pilot, app: AlliancesApp, alliance_id: str) -> None:
    """Move the alliances pane's cursor onto ``alliance_id`` with j."""
    await pilot.press("2")
    listed = ids(app.alliances.option_list)
    assert alliance_id in listed, listed
    await pilot.press("g", *["j"] * listed.index(alliance_id))
    await pilot.pause()
    assert app.alliances.highlighted_id == alliance_id


def alliance_line(app: AlliancesApp, alliance_id: str) -> str:
    return dict(zip(ids(app.alliances.option_list), prompts(app.alliances.option_list)))[alliance_id]


async def test_japan_and_its_treaty_obligations_each_way_dates_by_kind_and_source(treaty_store: Path) -> None:
    app = build_app(treaty_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await to_country(pilot, app, "Japan")
        await to_alliance(pilot, app, US_JAPAN)
        rows = excerpt_prompts(app)
        heading = rows[0]
        assert heading.startswith("US–Japan Security Treaty — Treaty of Mutual Cooperation")
        assert "signed 1960-01-19 · in force 1960-06-23" in heading
        assert "The United States must defend Japan (Art. V)" in heading
        assert "Japan must defend the United States (Art. V) only in territories under the administration of Japan" in heading
        assert "source: Treaty of Mutual Cooperation and Security between Japan and the United States of America · Ministry of Foreign Affairs of Japan" in heading
        fact = next(r for r in rows if r.startswith("● Japan member of US–Japan Security Treaty"))
        assert "signed 1960-01-19 · in force 1960-06-23" in fact and "since" not in fact
        assert "source: Treaty of Mutual Cooperation" in fact
        # The list shows the short name, and a live treaty carries no sign.
        assert alliance_line(app, US_JAPAN).startswith("US–Japan Security Treaty  member")
        assert "Treaty of Mutual Cooperation" in screen_text(app)


async def test_the_1951_treaty_ended_and_coded_without_obligation(treaty_store: Path) -> None:
    app = build_app(treaty_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await to_country(pilot, app, "Japan")
        line = alliance_line(app, US_JAPAN_1951)
        assert line.startswith("† US–Japan Security Treaty (1951)") and line.endswith("· ended 1960")
        assert not alliance_line(app, US_JAPAN).startswith("†")
        # A style as well as the sign: the ended treaty's line is dimmed, the live one's is not.
        options = app.alliances.option_list
        def dimmed_whole(alliance_id: str) -> bool:
            prompt = options.get_option_at_index(ids(options).index(alliance_id)).prompt
            return any(s.start == 0 and s.end >= len(prompt.plain) and "dim" in str(s.style) for s in prompt.spans)

        assert dimmed_whole(US_JAPAN_1951) and not dimmed_whole(US_JAPAN)
        await to_alliance(pilot, app, US_JAPAN_1951)
        rows = excerpt_prompts(app)
        assert "no obligation coded" in rows[0]
        assert "† ended 1960 (replaced by the 1960 treaty)" in rows[0]
        fact = next(r for r in rows if "Japan member of" in r)
        assert "signed 1951-09-08 · in force 1952-04-28 · ended 1960-06-23" in fact
        assert "† ended 1960" in fact
        assert "starter data, no source named" in fact


async def test_finland_applied_protocol_joined_and_natos_article_5(treaty_store: Path) -> None:
    app = build_app(treaty_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await to_country(pilot, app, "Finland")
        await to_alliance(pilot, app, NATO)
        rows = excerpt_prompts(app)
        assert "every party must defend any other party (Art. 5)" in rows[0]
        assert "every party must consult (Art. 4)" in rows[0]
        fact = next(r for r in rows if r.startswith("● Finland member of NATO"))
        assert "applied 2022-05-18 · protocol signed 2022-07-05 · joined 2023-04-04" in fact
        assert "source: NATO member countries · NATO · 2024 · https://www.nato.int/cps/en/natohq/topics_52044.htm" in fact
        # Once under the fact, with its sign: not again as a row of its own.
        assert "▤ source: NATO member countries" in fact
        assert sum("NATO member countries" in r for r in rows[1:]) == 1


async def test_new_zealand_suspended_from_anzus_looks_suspended(treaty_store: Path) -> None:
    app = build_app(treaty_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await to_country(pilot, app, "New Zealand")
        line = alliance_line(app, ANZUS)
        assert line.startswith("‖ ANZUS") and "suspended since 1986" in line
        assert not alliance_line(app, IP4).startswith(("‖", "†"))
        await to_alliance(pilot, app, ANZUS)
        rows = excerpt_prompts(app)
        assert "‖ New Zealand suspended since 1986 (by United States)" in rows[0]
        member = next(r for r in rows if "New Zealand member of ANZUS" in r)
        assert "‖ suspended since 1986" in member
        assert "added by you" in member  # made by hand: no source, no data set
        suspended = next(r for r in rows if "New Zealand suspended from ANZUS" in r)
        assert "article: ANZUS after 1986 · Example Review · 2020-05" in suspended
        # A grouping with nothing coded says so.
        await to_alliance(pilot, app, IP4)
        assert "no obligation coded" in excerpt_prompts(app)[0]


async def test_a_fact_from_atop_names_the_data_set(treaty_store: Path) -> None:
    app = build_app(treaty_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await to_country(pilot, app, "South Korea")
        await to_alliance(pilot, app, US_ROK)
        rows = excerpt_prompts(app)
        assert "data set: ATOP 5.1 (atopid 3180)" in rows[0]  # the alliance's record
        fact = next(r for r in rows if "South Korea member of US–ROK alliance" in r)
        assert "data set: ATOP 5.1 (atopid 3180)" in fact


async def test_a_country_alone_has_no_treaty_heading(treaty_store: Path) -> None:
    app = build_app(treaty_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await to_country(pilot, app, "Japan")
        assert app.excerpts.rows[0].kind == "group"


async def test_every_alliance_list_marks_the_ended_and_the_filter_finds_long_names(treaty_store: Path) -> None:
    app = build_app(treaty_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        listed = dict(zip(ids(app.alliances.option_list), prompts(app.alliances.option_list)))
        assert listed[US_ROC].startswith("† US–ROC treaty (ended 1980)")
        assert listed[US_ROK].startswith("US–ROK alliance")
        # Sorted by the names shown, not by the long names behind them.
        shown = [p.lstrip("† ").casefold() for p in listed.values()]
        assert shown == sorted(shown)
        await pilot.press("slash", *"Mutual Defense")
        assert app.alliances.query_one(Input).value == "Mutual Defense"
        found = ids(app.alliances.option_list)
        assert set(found) == {US_ROK, US_ROC}
        assert prompts(app.alliances.option_list)[found.index(US_ROK)].startswith("US–ROK alliance")
        await pilot.press("escape")
        await pilot.press("2", "slash", *"ip4")
        assert ids(app.alliances.option_list) == [IP4]


async def palette_go(pilot: Pilot, app: AlliancesApp, query: str, title: str) -> None:
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    hits: list[str] = []
    for _ in range(50):  # the palette searches in a worker: wait for its hits, a frame at a time
        await pilot.pause()
        hits = prompts(app.screen.query_one(CommandList))
        if any(title in h for h in hits):
            break
    assert any(title in h for h in hits), hits
    await pilot.press("enter")
    await pilot.pause()


async def test_palette_finds_an_alliance_by_short_and_long_name(treaty_store: Path) -> None:
    app = build_app(treaty_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await palette_go(pilot, app, "IP4", "Indo-Pacific Four")
        assert app.place.alliance == IP4
        await palette_go(pilot, app, "Indo-Pacific Four", "Indo-Pacific Four")
        assert app.place.alliance == IP4
        await palette_go(pilot, app, "US–ROK alliance", "Mutual Defense Treaty between the United States")
        assert app.place.alliance == US_ROK


async def test_help_lists_the_signs_of_ended_and_suspended(treaty_store: Path) -> None:
    app = build_app(treaty_store)
    async with app.run_test(size=(140, 60)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.query_one("#help-body").render()
        body = plain(text)
        assert "†" in body and "an alliance that has ended" in body
        assert "‖" in body and "a membership suspended at present" in body
    _ = (FIN, JPN, KOR, NZL)


def test_an_elided_quote_keeps_the_sentence_that_supports_its_fact(starter: FactStore) -> None:
    """South Korea in the US–ROK alliance: the franceinfo passage names the US only as 'the American military ally'."""
    from tui import format as fmt
    from tui.rows import stand_ins

    excerpt = starter.excerpts["exc:franceinfo-pacific-rapprochement:005"]
    fact = next(f for f in starter.facts.values() if excerpt.id in f.evidence and f.object == "alliance:us-rok-alliance")
    source = starter.sources[excerpt.source_id]
    shown = fmt.quote_text(excerpt, source, fact.entities, stand_ins=stand_ins(starter, fact.entities)).plain
    assert len(excerpt.quote.exact) > 420 and "…" in shown
    assert "distance from the American military ally" in shown
    assert "South Korea" in shown or "South Korean" in shown
    # Without the members standing in, it was lost: the test can fail.
    assert "American military ally" not in fmt.quote_text(excerpt, source, fact.entities).plain


def test_a_quote_cut_short_marks_only_real_gaps() -> None:
    from store.models import Excerpt, MentionSpan, QuoteSelector, Source
    from tui.format import quote_text, relevant_spans

    text = "Alpha talks went on. More filler here to pad it out. Korea applied. Korea joined NATO in 2020."
    korea = text.rindex("Korea")
    nato = text.index("NATO")
    excerpt = Excerpt(id="exc:x:1", source_id="src:x", start=0, end=len(text), quote=QuoteSelector(exact=text),
                      mentions=[MentionSpan(entity_id="country:KOR", start=text.index("Korea"), end=text.index("Korea") + 5),
                                MentionSpan(entity_id="country:KOR", start=korea, end=korea + 5),
                                MentionSpan(entity_id="alliance:nato", start=nato, end=nato + 4)])
    spans = relevant_spans(excerpt, ("country:KOR", "alliance:nato"), limit=45)
    assert [text[s:e] for s, e in spans] == ["Korea applied.", "Korea joined NATO in 2020."]
    shown = quote_text(excerpt, Source(id="src:x", title="x"), ("country:KOR", "alliance:nato"), limit=45).plain
    # One gap, before them; none between two sentences that follow each other.
    assert shown.startswith("“… Korea applied. Korea joined NATO in 2020.”")
