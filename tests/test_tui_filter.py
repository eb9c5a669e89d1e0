"""`/` filters the focused pane at each key (names and aliases, any case); enter keeps it, escape clears it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tui_helpers import KOR, NATO, excerpt_prompts, ids
from tui.app import build_app


def matching_countries(app, needle: str) -> list[str]:
    """The countries whose name, an alias or a code contains ``needle``, ignoring case (from the store)."""
    needle = needle.casefold()
    out = []
    for entity, _ in app.store.countries():
        keys = [entity.name, *entity.aliases, *entity.codes.values()]
        if any(needle in k.casefold() for k in keys):
            out.append(entity.id)
    return out


async def test_countries_filter_narrows_at_each_key_then_enter_then_escape(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        everyone = ids(app.countries.option_list)
        await pilot.press("j", "j")  # the cursor away from South Korea
        assert app.countries.highlighted_id != KOR
        await pilot.press("slash")
        field = app.countries.query_one(Input)
        assert field.display and app.focused is field
        typed = ""
        for key in "Rok":
            await pilot.press(key)
            typed += key
            assert field.value == typed
            assert ids(app.countries.option_list) == matching_countries(app, typed), typed
        assert ids(app.countries.option_list) == [KOR]  # "ROK" is an alias of South Korea only
        # The other panes follow the first match as the list narrows.
        assert app.alliances.border_title == "Alliances · South Korea"

        await pilot.press("enter")
        assert app.focused is app.countries.option_list
        assert app.countries.highlighted_id == KOR
        assert ids(app.countries.option_list) == [KOR]  # the filter stays until escape
        assert field.display

        await pilot.press("escape")
        assert ids(app.countries.option_list) == everyone
        assert app.countries.highlighted_id == KOR  # the match stays highlighted
        assert not field.display
        assert app.focused is app.countries.option_list


async def test_filter_matches_names_and_aliases_in_any_case(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        for needle, expected in [("KOREA", ["country:PRK", "country:KOR"]), ("holland", ["country:NLD"]), ("turkey", ["country:TUR"]),
                                 ("america", ["country:USA"]), ("south kor", ["country:KOR"])]:
            await pilot.press("slash", *needle)
            assert ids(app.countries.option_list) == expected, needle
            await pilot.press("enter")
            assert app.countries.highlighted_id == expected[0]
            assert app.alliances.border_title == f"Alliances · {app.store.entities[expected[0]].name}"
            await pilot.press("escape")


async def test_filter_keys_are_typed_not_obeyed(starter_store: Path) -> None:
    """Letters bound elsewhere (q quits, j moves, a lists all alliances) are text in the filter."""
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"qja")
        assert app.is_running
        assert app.countries.query_one(Input).value == "qja"
        assert ids(app.countries.option_list) == []
        assert app.alliances.border_title == "Alliances · South Korea"  # nothing highlighted: the panes stay
        await pilot.press("enter")  # no match: nothing breaks
        await pilot.press("escape")
        assert len(ids(app.countries.option_list)) == len(app.store.countries())


async def test_backspace_in_the_filter_widens_it_again(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"pol")
        assert ids(app.countries.option_list) == matching_countries(app, "pol")
        await pilot.press("backspace")
        assert ids(app.countries.option_list) == matching_countries(app, "po")
        assert app.trail.depth == 0  # backspace edits the filter; it does not go back


async def test_alliances_filter(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2", "slash", *"atlantic")  # an alias of NATO, not its short name
        assert ids(app.alliances.option_list) == [NATO]
        await pilot.press("enter")
        assert app.focused is app.alliances.option_list
        assert app.alliances.highlighted_id == NATO
        assert app.excerpts.border_title == "Excerpts · South Korea – NATO"
        await pilot.press("escape")
        assert len(ids(app.alliances.option_list)) == len(app.store.alliances_of(KOR))
        assert app.alliances.highlighted_id == NATO


async def test_excerpts_filter(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        before = [r.fact_id for r in app.excerpts.rows if r.kind == "fact"]
        await pilot.press("3", "slash", *"VILNIUS")
        shown = [r.fact_id for r in app.excerpts.rows if r.kind == "fact"]
        assert shown and len(shown) < len(before)
        for fact_id in shown:
            fact = app.store.facts[fact_id]
            text = " ".join([*fact.qualifiers.values(), *(e.excerpt.quote.exact for e in app.store.evidence(fact_id))])
            assert "vilnius" in text.casefold()
        assert any("Vilnius" in p for p in excerpt_prompts(app))
        await pilot.press("enter")
        assert app.focused is app.excerpts.fact_list
        assert app.excerpts.highlighted_row is not None and app.excerpts.highlighted_row.fact_id in shown
        await pilot.press("escape")
        assert [r.fact_id for r in app.excerpts.rows if r.kind == "fact"] == before


async def test_a_filter_says_how_many_match_and_when_none_does(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert app.countries.border_subtitle == "# relations"  # the count column, labelled
        await pilot.press("slash")
        field = app.countries.query_one(Input)
        assert "enter: to the list" in field.placeholder and "esc: clear" in field.placeholder
        await pilot.press(*"rok")
        assert app.countries.border_subtitle == "1 match"
        await pilot.press(*"zz")
        assert ids(app.countries.option_list) == []
        assert app.countries.border_subtitle == "no matches for “rokzz”"
        await pilot.press("escape")
        assert app.countries.border_subtitle == "# relations"
