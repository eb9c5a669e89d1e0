"""Following relations with enter, and going back along the breadcrumb with backspace."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import AUKUS, JPN, KOR, NATO, POL, USA, ids, move_to, notifications, prompts
from tui.app import build_app


def state(app) -> dict:
    return {
        "countries_title": app.countries.border_title,
        "country": app.countries.highlighted_id,
        "countries": ids(app.countries.option_list),
        "alliances_title": app.alliances.border_title,
        "alliance": app.alliances.highlighted_id,
        "excerpts_title": app.excerpts.border_title,
        "pane": app.focused_pane(),
        "crumbs": app.sub_title,
    }


async def test_follow_three_hops_and_back(starter_store: Path) -> None:
    """South Korea → NATO → the United States → AUKUS, then back along the trail."""
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        all_countries = ids(app.countries.option_list)
        start = state(app)
        assert start["crumbs"] == "South Korea"

        # Hop 1: South Korea's NATO → the countries pane lists NATO's members.
        await pilot.press("2")
        await move_to(pilot, app.alliances.option_list, lambda i: i == NATO)
        at_korea_nato = state(app)
        assert at_korea_nato["excerpts_title"] == "Excerpts · South Korea – NATO"
        assert at_korea_nato["crumbs"] == "South Korea › NATO"
        await pilot.press("enter")
        members = {link.entity.id for link in app.store.members_of(NATO)}
        assert app.countries.border_title == "Countries · members of NATO"
        assert set(ids(app.countries.option_list)) == members
        assert {USA, POL} <= members and KOR not in members
        assert app.focused_pane() == "countries"
        first_member = app.countries.highlighted_id
        assert first_member == ids(app.countries.option_list)[0]
        member_name = app.store.entities[first_member].name
        assert app.alliances.border_title == f"Alliances · {member_name}"
        assert app.excerpts.border_title == f"Excerpts · {member_name}"
        assert app.sub_title == f"South Korea › NATO › {member_name}"

        # Hop 2: move down to the United States, enter → its alliances pane, which has AUKUS and NATO.
        await move_to(pilot, app.countries.option_list, lambda i: i == USA)
        assert app.alliances.border_title == "Alliances · United States"
        assert app.sub_title == "South Korea › NATO › United States"
        await pilot.press("enter")
        assert app.focused_pane() == "alliances"
        assert app.countries.border_title == "Countries · members of NATO"
        assert app.countries.highlighted_id == USA
        us_alliances = ids(app.alliances.option_list)
        assert {AUKUS, NATO} <= set(us_alliances)
        assert any(p.startswith("AUKUS") for p in prompts(app.alliances.option_list))

        # Hop 3: AUKUS → its members (Australia, the United Kingdom, the United States).
        await move_to(pilot, app.alliances.option_list, lambda i: i == AUKUS)
        assert app.excerpts.border_title == "Excerpts · United States – AUKUS"
        assert app.sub_title == "South Korea › NATO › United States › AUKUS"
        at_us_aukus = state(app)
        await pilot.press("enter")
        assert app.countries.border_title == "Countries · members of AUKUS"
        assert set(ids(app.countries.option_list)) == {"country:AUS", "country:GBR", USA}
        assert app.countries.highlighted_id == USA  # the country we came from stays highlighted
        assert app.focused_pane() == "countries"
        assert app.sub_title.startswith("South Korea › NATO › United States › AUKUS")

        # Back, back: each previous place in turn, titles and breadcrumb with it.
        await pilot.press("backspace")
        assert state(app) == at_us_aukus
        assert app.countries.border_title == "Countries · members of NATO"
        await pilot.press("backspace")
        assert state(app) == at_korea_nato
        assert app.countries.border_title == "Countries"
        assert ids(app.countries.option_list) == all_countries
        assert app.countries.highlighted_id == KOR and app.alliances.highlighted_id == NATO
        assert app.sub_title == "South Korea › NATO"
        # Nothing left: the app says so and stays.
        await pilot.press("backspace")
        assert state(app) == at_korea_nato
        await pilot.pause()
        assert any("Nothing to go back to" in message for _, message, _ in notifications(app))


async def test_enter_on_a_country_focuses_its_alliances(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert app.focused_pane() == "alliances"
        assert app.alliances.border_title == "Alliances · South Korea"
        assert app.focused is app.alliances.option_list
        assert app.excerpts.border_title.startswith("Excerpts · South Korea – ")


async def test_enter_on_a_fact_jumps_to_the_other_country_or_alliance(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        # A country-to-country fact under South Korea (the arms sales to Poland): enter jumps to Poland.
        kor_pol = next(f for f in app.store.facts_of(KOR, POL))
        await pilot.press("3")
        await move_to(pilot, app.excerpts.fact_list, lambda key: key == f"f|{kor_pol.id}")
        await pilot.press("enter")
        assert app.countries.highlighted_id == POL
        assert app.alliances.border_title == "Alliances · Poland"
        assert app.excerpts.border_title == "Excerpts · Poland"
        assert app.sub_title.split(" › ")[-1] == "Poland"
        await pilot.press("backspace")
        assert app.countries.highlighted_id == KOR
        assert app.focused_pane() == "excerpts"
        assert app.excerpts.highlighted_row.fact_id == kor_pol.id

        # A country-to-alliance fact: enter follows the alliance (its members in the countries pane).
        kor_nato = next(f for f in app.store.facts_of(KOR, NATO))
        await move_to(pilot, app.excerpts.fact_list, lambda key: key == f"f|{kor_nato.id}", key="k")
        await pilot.press("enter")
        assert app.countries.border_title == "Countries · members of NATO"
        await pilot.press("backspace")
        assert app.countries.border_title == "Countries"
        assert app.countries.highlighted_id == KOR


async def palette_go_to(pilot, name: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.press(*f"Go to: {name}")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def test_palette_goes_to_an_alliance_the_country_has_no_part_in(starter_store: Path) -> None:
    five_eyes = "alliance:five-eyes"
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert five_eyes not in ids(app.alliances.option_list)
        await palette_go_to(pilot, "Five Eyes")
        assert app.alliances.border_title == "Alliances · all"
        assert app.alliances.highlighted_id == five_eyes
        assert app.focused_pane() == "alliances"
        assert app.excerpts.border_title == "Excerpts · Five Eyes"
        facts = {r.fact_id for r in app.excerpts.rows if r.fact_id}
        assert facts and all(five_eyes in app.store.facts[f].entities for f in facts)
        assert app.sub_title == "South Korea › Five Eyes"
        await pilot.press("backspace")
        assert app.countries.highlighted_id == KOR
        assert app.alliances.border_title == "Alliances · South Korea"


async def test_a_jump_clears_the_filter_that_would_hide_where_it_lands(starter_store: Path) -> None:
    from textual.widgets import Input

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"south kor", "enter")
        assert ids(app.countries.option_list) == [KOR]
        # Following NATO lists all its members, not those matching "south kor" (none).
        await pilot.press("2")
        await move_to(pilot, app.alliances.option_list, lambda i: i == NATO)
        await pilot.press("enter")
        members = {link.entity.id for link in app.store.members_of(NATO)}
        assert app.countries.border_title == "Countries · members of NATO"
        assert set(ids(app.countries.option_list)) == members
        assert not app.countries.query_one(Input).display
        assert app.countries.highlighted_id in members
        await pilot.press("backspace")
        assert app.countries.highlighted_id == KOR

        # The palette's Go to: Japan lands on Japan even if a filter was hiding it.
        await pilot.press("1", "slash", *"south kor", "enter")
        await palette_go_to(pilot, "Japan")
        assert app.countries.highlighted_id == JPN
        assert JPN in ids(app.countries.option_list)
        assert app.alliances.border_title == "Alliances · Japan"


async def test_b_lists_the_trail_and_goes_back_to_its_first_place(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("b")  # nothing behind yet: said
        assert any("Nothing to go back to" in m for _, m, _ in notifications(app))
        for name in ("Japan", "NATO", "AUKUS", "Poland", "Five Eyes", "Quad", "Philippines"):
            await palette_go_to(pilot, name)
        assert app.sub_title.startswith("… › ")  # the first places dropped off the breadcrumb
        await pilot.press("b")
        await pilot.pause(0.3)
        await pilot.press(*"South Korea", "enter")
        await pilot.pause()
        assert app.countries.highlighted_id == KOR and app.trail.depth == 0
        assert app.sub_title == "South Korea"


async def test_the_palette_finds_back_to_a_place_on_the_trail(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await palette_go_to(pilot, "Japan")
        await palette_go_to(pilot, "Poland")
        await pilot.press("ctrl+p", *"Back to: Japan")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.countries.highlighted_id == JPN and app.trail.depth == 1
