"""The relation graph (m) and the timeline (T) of issue 7, driven from the keyboard.

Graph: the neighbours on their sides, re-centring (enter), back (backspace),
opening the centre in the explorer (o), AUKUS's web, a canvas too small or too
short for the star. Timeline: the dated facts of the selection in date order,
each bar where its year falls on the 1949 → today axis, the detail panel
following the cursor.
"""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import OptionList, Static

from store.models import EntityKind, FactStatus
from tui.app import build_app
from tui.screens.graph import GraphCanvas, GraphScreen
from tui.screens.timeline import FIRST_YEAR, LABEL, MIN_YEARS, TimelineScreen, year_fraction
from tui_helpers import (
    AUKUS,
    JPN,
    KOR,
    NATO,
    POL,
    TRILATERAL,
    US_ROK,
    USA,
    ids,
    plain,
    screen_lines,
    screen_text,
    type_text,
)

AUS = "country:AUS"
GBR = "country:GBR"


async def palette(pilot, command: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await type_text(pilot, command)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


# --- the relation graph -------------------------------------------------------------------------

def canvas(app) -> GraphCanvas:
    assert isinstance(app.screen, GraphScreen), app.screen
    return app.screen.query_one(GraphCanvas)


def side_ids(c: GraphCanvas, side: int) -> list[str]:
    return [n.entity_id for n in c.sides[side]]


def graph_title(app) -> str:
    return plain(app.screen.query_one("#graph-title", Static).content)


def live_links(app, entity_id: str, kind: EntityKind) -> list[str]:
    return [l.entity.id for l in app.store.links(entity_id, kind) if any(f.status is not FactStatus.RETRACTED for f in l.facts)]


async def open_graph(pilot) -> GraphCanvas:
    await pilot.press("m")
    await pilot.pause()
    c = canvas(pilot.app)
    assert pilot.app.focused is c
    return c


async def test_m_on_south_korea_draws_its_alliances_and_countries(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert app.countries.highlighted_id == KOR
        c = await open_graph(pilot)
        assert c.centre == KOR
        # The starter world adds the IP4, the ADMM-Plus and AUKUS's Pillar II consultations with Korea.
        assert set(side_ids(c, 1)) == {NATO, US_ROK, TRILATERAL, "alliance:ip4", "alliance:admm-plus", AUKUS}
        assert {JPN, POL, USA} <= set(side_ids(c, 0))
        assert side_ids(c, 0) == live_links(app, KOR, EntityKind.COUNTRY)
        assert side_ids(c, 1) == live_links(app, KOR, EntityKind.ALLIANCE)
        assert graph_title(app) == f"Relation graph · South Korea · {len(c.sides[0])} countries, 6 alliances"
        # Every neighbour is drawn, with its edge label, and the centre in the middle.
        text = screen_text(app)
        assert "[ South Korea ]" in text
        for n in (*c.sides[0], *c.sides[1]):
            assert f"{n.name} ─{n.edge_label(0)}─" in text or f"─{n.edge_label(1)}─ {n.name}" in text, n
        # The cursor starts on the first alliance, and the detail line names it.
        assert c.selected is not None and c.selected.entity_id == c.sides[1][0].entity_id
        assert plain(app.screen.query_one("#graph-detail", Static).content).startswith(f"{c.selected.name}: {c.selected.sentences[0]}")


async def test_graph_moves_recentres_goes_back_and_opens_the_centre_in_the_explorer(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        c = await open_graph(pilot)

        # l / j / enter: to the second alliance, then re-centre on it.
        await pilot.press("h", "l", "j")
        assert (c.side, c.index) == (1, 1)
        second = c.selected
        assert second is not None
        await pilot.press("enter")
        await pilot.pause()
        assert c.centre == second.entity_id
        assert graph_title(app).startswith(f"Relation graph · {second.name} · ")
        assert f"[ {second.name} ]" in screen_text(app)
        assert KOR in side_ids(c, 0)  # South Korea is one of its members

        # backspace: South Korea again, and nothing further back.
        await pilot.press("backspace")
        await pilot.pause()
        assert c.centre == KOR
        assert graph_title(app).startswith("Relation graph · South Korea · ")
        await pilot.press("backspace")
        assert c.centre == KOR

        # h / j / enter on the countries side: the second country.
        await pilot.press("h")
        assert c.side == 0
        await pilot.press("j")
        country = c.selected
        assert country is not None and country.entity_id == side_ids(c, 0)[1]
        await pilot.press("enter")
        await pilot.pause()
        assert c.centre == country.entity_id
        assert graph_title(app).startswith(f"Relation graph · {country.name} · ")

        # o: the graph closes and the explorer shows the highlighted neighbour (a country here).
        await pilot.press("h")
        chosen = c.selected
        assert chosen is not None and chosen.entity_id != country.entity_id
        await pilot.press("o")
        await pilot.pause()
        assert not isinstance(app.screen, GraphScreen)
        assert app.countries.highlighted_id == chosen.entity_id
        assert app.excerpts.border_title == f"Excerpts · {chosen.name}"


async def test_o_on_a_highlighted_alliance_selects_it_in_the_explorer(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        c = await open_graph(pilot)
        while c.selected.entity_id != TRILATERAL:
            await pilot.press("j")
        await pilot.press("o")
        await pilot.pause()
        assert not isinstance(app.screen, GraphScreen)
        assert app.alliances.highlighted_id == TRILATERAL
        assert app.place.alliance == TRILATERAL


async def test_aukus_graph_shows_its_three_members(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await palette(pilot, "Go to: AUKUS")
        assert app.alliances.highlighted_id == AUKUS
        c = await open_graph(pilot)
        assert c.centre == AUKUS
        members = [n.entity_id for n in c.sides[0] if n.label == "member"]
        assert sorted(members) == sorted([AUS, GBR, USA])
        assert sorted(members) == sorted(l.entity.id for l in app.store.members_of(AUKUS))
        # Japan is no applicant: AUKUS is considering cooperation with it (Pillar II), drawn as such.
        assert side_ids(c, 0) == live_links(app, AUKUS, EntityKind.COUNTRY)
        assert {n.entity_id: n.label for n in c.sides[0]}[JPN] == "considering"
        assert c.sides[1] == []
        text = screen_text(app)
        for n in c.sides[0]:  # each one drawn: an even count once lost its last row
            assert f"{n.name} ─{n.edge_label(0)}─" in text, n
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, GraphScreen)


async def test_aukus_reached_by_recentring_from_australia(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await palette(pilot, "Go to: Australia")
        assert app.countries.highlighted_id == AUS
        c = await open_graph(pilot)
        assert c.side == 1
        while c.selected.entity_id != AUKUS:
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        assert c.centre == AUKUS
        assert sorted(n.entity_id for n in c.sides[0] if n.label == "member") == sorted([AUS, GBR, USA])
        assert graph_title(app).startswith("Relation graph · AUKUS · ")


async def test_a_tall_star_scrolls_to_the_cursor(starter_store: Path) -> None:
    """NATO's countries outnumber the canvas's rows at 100×30: the highlighted one stays on screen."""
    app = build_app(starter_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await palette(pilot, "Go to: NATO")
        assert app.alliances.highlighted_id == NATO
        c = await open_graph(pilot)
        assert c.centre == NATO
        assert len(c.sides[0]) > c.size.height
        await pilot.press("h")
        for i, n in enumerate(c.sides[0]):
            assert c.selected == n
            lines = screen_lines(app)
            row = next((y for y, line in enumerate(lines) if f"{n.name} ─{n.edge_label(0)}─" in line), None)
            assert row is not None, f"{n.name} (#{i}) is not on screen"
            assert c.region.y <= row < c.region.bottom
            await pilot.press("j")
        assert c.index == 0  # j wraps round


async def test_graph_survives_a_1x1_terminal(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        c = await open_graph(pilot)
        await pilot.resize_terminal(1, 1)
        await pilot.pause()
        await pilot.press("h", "j", "enter", "backspace", "l", "k")
        await pilot.pause()
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert isinstance(app.screen, GraphScreen)
        assert c.centre == KOR
        assert "[ South Korea ]" in screen_text(app)
        await pilot.press("j", "enter")
        await pilot.pause()
        assert c.centre != KOR


async def test_palette_view_relation_graph_opens_it(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await palette(pilot, "View: relation graph")
        c = canvas(app)
        assert c.centre == KOR
        await pilot.press("q")  # q closes the view, it does not quit
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, GraphScreen)


# --- the timeline ---------------------------------------------------------------------------------

def timeline_list(app) -> OptionList:
    assert isinstance(app.screen, TimelineScreen), app.screen
    return app.screen.query_one("#timeline-list", OptionList)


def detail(app) -> str:
    return plain(app.screen.query_one("#timeline-fact", Static).content)


def expected_column(screen: TimelineScreen, fact) -> int:
    width = screen._axis_width()
    span = screen.last_year + 1 - screen.first_year
    return max(0, min(width - 1, int((year_fraction(fact.start) - screen.first_year) / span * width)))


def check_bars(app) -> None:
    """Each option's marker (● or ┣) at its year's column; on screen under the axis's own columns."""
    screen = app.screen
    ol = timeline_list(app)
    width = screen._axis_width()
    span = screen.last_year + 1 - screen.first_year
    axis = plain(screen.query_one("#timeline-axis", Static).content)
    tick = next(y for y in range(screen.first_year, screen.last_year + 1) if f"{y}" in axis)
    assert axis.index(str(tick)) == LABEL + int((tick - screen.first_year) / span * width)
    for i in range(ol.option_count):
        fact = app.store.facts[ol.get_option_at_index(i).id]
        line = plain(ol.get_option_at_index(i).prompt)
        bar = line[LABEL:]
        assert len(bar) == width
        col = expected_column(screen, fact)
        assert bar[col] == ("●" if fact.relation.event else "┣"), (fact.id, bar)
        assert bar[:col].strip() == "", (fact.id, bar)


async def test_T_on_south_korea_lists_its_dated_facts_with_bars_on_the_axis(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        ol = timeline_list(app)
        assert app.focused is ol
        dated = [f for f in app.store.facts_of(KOR) if f.start is not None and f.status is not FactStatus.RETRACTED]
        assert ids(ol) == [f.id for f in dated]
        starts = [year_fraction(f.start) for f in dated]
        assert starts == sorted(starts)
        assert len(dated) < len(app.store.facts_of(KOR))  # the undated ones are left out
        title = plain(app.screen.query_one("#timeline-title", Static).content)
        first_year = min(f.start.year for f in dated) - 1  # the selection's own years
        assert title.startswith(f"Timeline · South Korea · {len(dated)} dated facts, {first_year}–")
        check_bars(app)

        # On screen: the 1954 membership's ┣ stands in the column the axis gives 1954.
        screen = app.screen
        first = dated[0]
        lines = screen_lines(app)
        line = next(l for l in lines if l.lstrip().startswith(str(first.start)))
        axis_line = next(l for l in lines if "1960" in l and "2000" in l)
        pad = axis_line.index("1960") - LABEL - int((1960 - screen.first_year) / (screen.last_year + 1 - screen.first_year) * screen._axis_width())
        assert line.index("┣") == pad + LABEL + expected_column(screen, first)

        # The detail panel: the highlighted fact and its quote; j moves both.
        assert ol.highlighted == 0
        text = detail(app)
        assert "South Korea member of US-ROK Mutual Defense Treaty · signed 1953-10-01 · in force 1954-11-17" in text
        assert "Mutual Defense Treaty" in text
        for ev in app.store.evidence(first.id):
            assert ev.excerpt.quote.exact[:30] in text.replace("\n", " ")
        await pilot.press("j")
        await pilot.pause()
        assert ol.highlighted == 1
        second = dated[1]
        text = detail(app)
        assert "South Korea partner of NATO" in text
        for ev in app.store.evidence(second.id):
            assert ev.excerpt.quote.exact[:30] in text.replace("\n", " ")

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)
        assert app.countries.highlighted_id == KOR


async def test_timeline_of_nato_opens_with_its_founders_in_1949(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await palette(pilot, "Go to: NATO")
        await pilot.press("T")
        await pilot.pause()
        ol = timeline_list(app)
        facts = [app.store.facts[i] for i in ids(ol)]
        assert facts[0].start.year == 1949
        founders = [f for f in facts if f.start.year == 1949]
        assert len(founders) == 12
        assert all(f.relation.value == "member_of" for f in founders)
        assert facts[: len(founders)] == founders
        assert "member of NATO" in detail(app) and "1949-04-04" in detail(app)
        check_bars(app)


async def test_timeline_follows_a_resize(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("T", "j", "j")
        await pilot.pause()
        ol = timeline_list(app)
        await pilot.resize_terminal(1, 1)
        await pilot.pause()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert ol.highlighted == 2
        check_bars(app)


async def test_the_timeline_zooms_out_and_in_and_enter_opens_the_fact(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await palette(pilot, "Go to: Quad")
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        quad = [app.store.facts[i] for i in ids(timeline_list(app))]
        # The first Quad (2007–2008): its years, widened to a few, not 1949's.
        assert 2000 < screen.first_year < min(f.start.year for f in quad)
        assert screen.last_year >= max(f.end.year for f in quad) and screen.last_year - screen.first_year + 1 >= MIN_YEARS
        check_bars(app)
        await pilot.press("z")
        await pilot.pause()
        assert screen.first_year == FIRST_YEAR
        assert "1949–" in plain(screen.query_one("#timeline-title", Static).content)
        check_bars(app)
        await pilot.press("z", "j")
        await pilot.pause()
        assert screen.first_year > 2000
        chosen = ids(timeline_list(app))[1]
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)
        assert app.excerpts.highlighted_row is not None and app.excerpts.highlighted_row.fact_id == chosen


async def test_palette_view_timeline_opens_it(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await palette(pilot, "View: timeline")
        ol = timeline_list(app)
        assert ol.option_count > 0
        assert plain(app.screen.query_one("#timeline-title", Static).content).startswith("Timeline · South Korea ·")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)


async def test_arrows_read_from_the_one_who_acts_on_either_side(starter_store: Path) -> None:
    """South Korea arms Poland: 'arms▶ Poland' right of Korea; 'Poland ◀arms' left of it; either way round."""
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        c = await open_graph(pilot)
        poland = next(n for n in c.sides[0] if n.entity_id == POL)
        assert poland.words == (("arms", 1),) and poland.edge_label(0) == "◀arms"
        assert "Poland ─◀arms─" in screen_text(app)
        assert poland.sentences == ("South Korea supplies arms to Poland",)
        while c.selected is None or c.selected.entity_id != POL:
            await pilot.press("h", "j") if c.side == 1 else await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        korea = next(n for n in c.sides[0] if n.entity_id == KOR)
        assert korea.words == (("arms", -1),) and korea.edge_label(0) == "arms▶"
        members = [n for n in c.sides[1] if n.label == "member"]
        assert members and all(n.edge_label(1) == "member" for n in members)  # a membership needs no arrow


async def test_g_and_G_and_hiding_a_kind_of_relation(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        c = await open_graph(pilot)
        await pilot.press("G")
        assert c.index == len(c.sides[1]) - 1
        await pilot.press("g")
        assert c.index == 0
        await pilot.press("h")
        while c.selected is None or c.selected.entity_id != POL:
            await pilot.press("j")
        await pilot.press("x")  # hide 'arms'
        await pilot.pause()
        assert POL not in side_ids(c, 0)
        assert "hidden: arms" in graph_title(app)
        await pilot.press("a")
        await pilot.pause()
        assert POL in side_ids(c, 0) and "hidden" not in graph_title(app)
