"""Each binding of the key map (DESIGN.md, tui/app.py BINDINGS) changes what the panes show."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from tui_helpers import KOR, highlighted_text, ids, screen_lines, screen_text, settle
from tui.app import build_app


def focused_pane(app) -> str:
    return app.focused_pane()


# --- panes -----------------------------------------------------------------------

async def test_tab_shift_tab_h_l_and_numbers_move_between_panes(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert focused_pane(app) == "countries"
        assert app.focused is app.countries.option_list
        for key, pane in [("tab", "alliances"), ("tab", "excerpts"), ("tab", "countries"), ("shift+tab", "excerpts"),
                          ("shift+tab", "alliances"), ("shift+tab", "countries"), ("l", "alliances"), ("l", "excerpts"),
                          ("l", "countries"), ("h", "excerpts"), ("h", "alliances"), ("h", "countries"),
                          ("3", "excerpts"), ("1", "countries"), ("2", "alliances"), ("2", "alliances")]:
            await pilot.press(key)
            assert focused_pane(app) == pane, f"after {key}"
        # The focused pane's list holds the keyboard focus.
        assert app.focused is app.alliances.option_list
        await pilot.press("3")
        assert app.focused is app.excerpts.fact_list


async def test_focus_on_alliances_narrows_excerpts_to_the_highlighted_alliance(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert app.excerpts.border_title == "Excerpts · South Korea"
        everything = len(app.excerpts.rows)
        await pilot.press("2")
        alliance = app.alliances.highlighted_id
        title = app.excerpts.border_title
        assert title.startswith("Excerpts · South Korea – ")
        narrowed = [r for r in app.excerpts.rows if r.fact_id]
        assert narrowed and all(alliance in app.store.facts[r.fact_id].entities for r in narrowed)
        assert len(app.excerpts.rows) < everything
        assert app.sub_title.startswith("South Korea › ")
        # Back to the countries pane: all of the country's facts again.
        await pilot.press("1")
        assert app.excerpts.border_title == "Excerpts · South Korea"
        assert len(app.excerpts.rows) == everything
        assert app.sub_title == "South Korea"


# --- moving within a pane -------------------------------------------------------------

async def test_j_k_arrows_g_G_move_in_the_countries_pane_and_the_other_panes_follow(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        ol = app.countries.option_list
        names = ids(ol)
        start = names.index(KOR)
        await pilot.press("j")
        assert app.countries.highlighted_id == names[start + 1]
        country = app.store.entities[names[start + 1]].name
        assert app.alliances.border_title == f"Alliances · {country}"
        assert app.excerpts.border_title == f"Excerpts · {country}"
        assert app.sub_title == country
        await pilot.press("k")
        assert app.countries.highlighted_id == KOR
        assert app.alliances.border_title == "Alliances · South Korea"
        await pilot.press("down", "down")
        assert app.countries.highlighted_id == names[start + 2]
        await pilot.press("up")
        assert app.countries.highlighted_id == names[start + 1]
        await pilot.press("g")
        assert ol.highlighted == 0
        assert app.countries.highlighted_id == names[0]
        assert app.alliances.border_title == f"Alliances · {app.store.entities[names[0]].name}"
        await pilot.press("G")
        assert ol.highlighted == len(names) - 1
        assert app.alliances.border_title == f"Alliances · {app.store.entities[names[-1]].name}"


async def test_pageup_pagedown_move_by_a_page(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 20)) as pilot:
        await pilot.pause()
        ol = app.countries.option_list
        await pilot.press("g")
        await pilot.press("pagedown")
        page = ol.highlighted
        assert page is not None and page >= ol.scrollable_content_region.height - 2 > 3
        assert app.alliances.border_title == f"Alliances · {app.store.entities[app.countries.highlighted_id].name}"
        await pilot.press("pageup")
        assert ol.highlighted == 0


async def test_moving_in_the_alliances_pane_narrows_the_excerpts(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2", "g")
        first = app.alliances.highlighted_id
        await pilot.press("j")
        second = app.alliances.highlighted_id
        assert second != first
        name = app.store.entities[second]
        assert app.excerpts.border_title.endswith(f"– {highlighted_text(app.alliances.option_list).split('  ')[0]}")
        facts = {r.fact_id for r in app.excerpts.rows if r.fact_id}
        assert facts and all(second in app.store.facts[f].entities for f in facts), name
        await pilot.press("G")
        assert app.alliances.option_list.highlighted == app.alliances.option_list.option_count - 1


async def test_j_k_g_G_move_in_the_excerpts_pane_skipping_year_headings(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        fl = app.excerpts.fact_list
        assert app.excerpts.highlighted_row is not None
        assert app.excerpts.highlighted_row.kind != "group"
        first = fl.highlighted
        await pilot.press("j")
        assert fl.highlighted > first
        assert app.excerpts.highlighted_row.kind != "group"
        await pilot.press("k")
        assert fl.highlighted == first
        await pilot.press("G")
        assert app.excerpts.highlighted_row is app.excerpts.rows[-1] or app.excerpts.highlighted_row == app.excerpts.rows[-1]
        await pilot.press("g")
        assert fl.highlighted == first  # the first row is a year heading: the cursor skips it


# --- all alliances --------------------------------------------------------------------------

async def test_a_lists_every_alliance_and_again_goes_back_to_the_countrys(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        own = ids(app.alliances.option_list)
        await pilot.press("a")
        every = ids(app.alliances.option_list)
        assert app.alliances.border_title == "Alliances · all"
        assert set(every) == {e.id for e, _ in app.store.alliances()}
        assert set(own) < set(every)
        assert "alliance:aukus" in every
        assert app.focused is app.alliances.option_list
        await pilot.press("a")
        assert app.alliances.border_title == "Alliances · South Korea"
        assert ids(app.alliances.option_list) == own


# --- help, palette, quit ------------------------------------------------------------------

async def test_question_mark_shows_every_binding_grouped_by_pane(starter_store: Path) -> None:
    from tui.screens.help import HelpScreen

    app = build_app(starter_store)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_screen = app.screen
        body = str(help_screen.query_one("#help-body").render())
        whole = str(help_screen.query_one("#help-title").render()) + body
        lines = body.splitlines()
        headings = [line for line in lines if line and not line.startswith(" ")]
        for group in ("Everywhere", "Countries", "Alliances", "Excerpts", "Note editor", "Confirmations", "Signs"):
            assert any(group in heading for heading in headings), group
        # A legend for every sign the panes draw.
        from store.models import FactStatus

        for status in FactStatus:
            assert any(line.split(None, 1) == [status.symbol, f"{status.value} fact"] for line in lines), status
        for sign, what in [("▤", "a reference"), ("✎", "a note")]:
            assert any(line.strip().startswith(sign) and what in line for line in lines), sign

        def shown(key: str) -> str:
            return app.get_key_display(Binding(key, ""))

        def listed(key: str, what: str) -> bool:
            return any(line.split(None, 1) == [shown(key), what] or line.strip().startswith(f"{shown(key)} ") and what in line
                       for line in lines)

        # Every app binding, with its key as displayed, and its tooltip.
        for binding in app.BINDINGS:
            key = binding.key_display or shown(binding.key)
            assert any(line.strip().startswith(key) and (binding.tooltip or binding.description) in line for line in lines), binding.id
        # The list keys (the vim ones beside the arrows), enter, the editor's and the confirm's.
        for key, what in [("j", "Down"), ("k", "Up"), ("g", "Top"), ("G", "Bottom"), ("down", "Down"), ("up", "Up"),
                          ("pageup", "Page Up"), ("pagedown", "Page Down"), ("enter", "Follow"), ("enter", "Jump"),
                          ("ctrl+s", "Save"), ("escape", "Close the editor"), ("y", "Yes")]:
            assert listed(key, what), (key, what)
        assert f"{shown(app.COMMAND_PALETTE_BINDING)} finds any action" in whole  # as the footer shows it
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        assert focused_pane(app) == "countries"


async def test_ctrl_p_palette_goes_to_japan(starter_store: Path) -> None:
    from textual.command import CommandPalette

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Go to: Japan")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert app.countries.highlighted_id == "country:JPN"
        assert app.alliances.border_title == "Alliances · Japan"
        assert app.excerpts.border_title == "Excerpts · Japan"
        assert app.sub_title.endswith("Japan")
        # It is a step of the trail: backspace returns to South Korea.
        await pilot.press("backspace")
        assert app.countries.highlighted_id == KOR


async def test_palette_lists_every_action(starter_store: Path) -> None:
    from textual.command import CommandPalette
    from tui.actions import palette_entries

    app = build_app(starter_store)
    async with app.run_test(size=(140, 60)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        text = screen_text(app)
        for entry in palette_entries()[:5]:
            assert entry.title in text


async def test_q_quits(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)
    assert not app.is_running


async def test_y_copies_the_highlighted_quote_with_its_citation(starter_store: Path) -> None:
    from tui_helpers import move_to

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await move_to(pilot, app.excerpts.fact_list, lambda key: key.startswith("e|"))
        from store.words.citations import full_citation

        excerpt = app.store.excerpts[app.excerpts.highlighted_row.excerpt_id]
        source = app.store.sources[excerpt.source_id]
        await pilot.press("y")
        # What is shown, whole or cut to its fact's sentences, then the full citation: title, publisher, date, link.
        shown = [line.strip() for line in highlighted_text(app.excerpts.fact_list).splitlines()]
        assert app.clipboard.splitlines() == shown
        assert app.clipboard.endswith(f"— {full_citation(source)}")
        assert f"“{source.title}”" in app.clipboard and source.url in app.clipboard and "published" in app.clipboard
        assert excerpt.quote.exact in app.clipboard or "…" in app.clipboard


async def test_mouse_click_highlights_and_double_click_follows(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        # A click on a country highlights it: the first below the top one that is in two alliances or more (the
        # rest of the test clicks the second of them).
        for row in range(1, 12):
            await pilot.click("#countries-list", offset=(3, row))
            await pilot.pause()
            assert app.countries.highlighted_id == ids(app.countries.option_list)[row]
            if len(ids(app.alliances.option_list)) >= 2:
                break
        second = app.countries.highlighted_id
        assert second is not None
        name = app.store.entities[second].name
        assert app.alliances.border_title == f"Alliances · {name}"
        assert app.focused_pane() == "countries"
        # A click on an alliance focuses its pane and narrows the excerpts to it. (The first entry
        # may wrap: click down the pane until the second is under the pointer.)
        second_alliance = ids(app.alliances.option_list)[1]
        for y in range(1, 4):
            await pilot.click("#alliances-list", offset=(3, y))
            await pilot.pause()
            if app.alliances.highlighted_id == second_alliance:
                break
        alliance = app.alliances.highlighted_id
        assert alliance == second_alliance
        assert app.focused_pane() == "alliances"
        assert app.countries.border_title == "Countries"
        assert app.excerpts.border_title.startswith(f"Excerpts · {name} – ")
        # A double click follows it, as enter does.
        await pilot.double_click("#alliances-list", offset=(3, y))
        await pilot.pause()
        assert app.countries.border_title.startswith("Countries · members of ")
        await pilot.press("backspace")
        assert app.countries.border_title == "Countries" and app.countries.highlighted_id == second


# --- the footer --------------------------------------------------------------------

async def test_footer_shows_the_keys_of_the_focused_pane_and_rebuilds_only_when_they_change(starter_store: Path) -> None:
    from tui.panes.footer import KeysFooter

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        rebuilds = footer.rebuilds
        shown = footer.shown

        assert shown()["Follow"]  # the countries pane: enter follows
        for _ in range(3):
            await pilot.press("j", "k")
        app.refresh_bindings()  # the same keys in the same states
        await pilot.pause()
        assert footer.rebuilds == rebuilds
        await pilot.press("3")  # the excerpts pane: the same keys (a row is highlighted there all along)
        await pilot.pause()
        assert footer.rebuilds == rebuilds
        await pilot.press("n")  # the note editor: its own keys, the explorer's asleep
        await pilot.pause()
        assert footer.rebuilds > rebuilds
        assert shown()["Save"] and not shown().get("Note", False)
        await pilot.press("escape")
        await pilot.pause()
        assert shown()["Note"] and "Save" not in shown()

        # A note saved: the editor's keys give way to the explorer's, with the
        # cursor on the new note (Delete, Tags), in one rebuild, not one per step.
        await pilot.press("n", *"a note")
        await pilot.pause()
        before = footer.rebuilds
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.excerpts.editor is None and app.excerpts.highlighted_row.kind == "note"
        assert footer.rebuilds - before == 1
        assert shown()["Delete"] and shown()["Tags"] and "Save" not in shown()
        # And what it shows is on the screen's last line.
        bottom = screen_lines(app)[-1]
        assert "n Note" in bottom and "d Delete" in bottom and "^p palette" in bottom, bottom


async def test_the_footer_follows_the_row_kind_in_the_frame_of_the_key(starter_store: Path) -> None:
    """A key moving from a note to a fact or its evidence changes the footer while it is handled, not in a frame after it."""
    from tui.panes.footer import KeysFooter

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        await pilot.press("3", "n", *"a note", "ctrl+s")
        await settle(pilot)
        assert app.excerpts.highlighted_row.kind == "note" and footer.shown()["Delete"]
        # Not a pilot press: that waits for the frames; the footer must be right before any.
        app.excerpts.fact_list.action_cursor_up()
        assert app.excerpts.highlighted_row.kind in ("fact", "evidence")
        assert not footer.shown().get("Delete", False)


async def test_a_click_on_a_footer_key_presses_it_and_the_pointer_shows_its_tooltip(starter_store: Path) -> None:
    from tui.panes.footer import KeysFooter

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        bottom = screen_lines(app)[-1]
        x = bottom.index("? Help")
        await pilot.hover(KeysFooter, offset=(x + 2, 0))
        assert footer.tooltip == "Every key, by pane"
        await pilot.click(KeysFooter, offset=(x + 2, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


async def test_pane_titles_on_screen_follow_the_cursor(starter_store: Path) -> None:
    """The titles on the panes' borders, as drawn (not only the attribute), name the selection."""
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        for _ in range(3):
            await pilot.press("j")
            country = app.store.entities[app.countries.highlighted_id].name
            top = screen_lines(app)[1]
            assert f"Alliances · {country}" in top, top
            assert f"Excerpts · {country}" in top, top
        await pilot.press("2", "enter")  # follow the alliance: its members
        await pilot.pause()
        top = screen_lines(app)[1]
        country = app.store.entities[app.countries.highlighted_id].name
        assert "Countries · members o" in top and f"Excerpts · {country}" in top, top  # (cut to the pane)


async def test_another_country_opens_its_excerpts_at_the_top(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3", "G")  # deep in South Korea's excerpts
        assert app.excerpts.fact_list.highlighted > 10
        await pilot.press("1", "k")  # the country above
        first = next(i for i, row in enumerate(app.excerpts.rows) if row.kind != "group")
        assert app.excerpts.fact_list.highlighted == first
        assert app.excerpts.fact_list.scroll_y == 0


# --- type-ahead ----------------------------------------------------------------------
# A paste, tmux send-keys or a fast typist delivers keys in one burst. Textual
# hands each key to the focused widget as it arrives, so without care the
# letters after `n` reach the list before the editor exists (and `q` quits).

def type_ahead(app, keys: str) -> None:
    """Deliver keys in one burst, as a terminal does for a paste (pilot.press waits between keys)."""
    from textual import events

    for key in keys:
        app.post_message(events.Key("slash" if key == "/" else key, key))


async def test_keys_typed_with_n_are_the_notes_first_letters(starter_store: Path) -> None:
    """`3`, `n` and the note in one burst (tmux send-keys 3 n "quick"): each key acts where the one before left the focus."""
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert focused_pane(app) == "countries"
        type_ahead(app, "3nquick")
        await settle(pilot)
        editor = app.excerpts.editor
        assert editor is not None and editor.text == "quick"
        assert app.is_running and app.focused is editor.field


async def test_keys_typed_with_slash_are_the_filter(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        type_ahead(app, "/jap")
        await settle(pilot)
        assert app.countries.filter_input.value == "jap"
        assert app.focused is app.countries.filter_input
        assert ids(app.countries.option_list) == ["country:JPN"]


async def test_keys_after_a_key_that_opens_nothing_still_act(starter_store: Path) -> None:
    """`t` on a fact (only notes have tags) opens nothing: the keys behind it are explorer keys again."""
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        korea = app.countries.option_list.highlighted
        await pilot.press("3")
        assert app.excerpts.highlighted_row.kind == "fact"
        type_ahead(app, "t1j")
        await settle(pilot)
        assert app.excerpts.editor is None
        assert focused_pane(app) == "countries"
        assert app.countries.option_list.highlighted == korea + 1


async def test_a_mouse_drag_over_a_list_then_ctrl_c_copies_the_text_selected(starter_store) -> None:
    """A drag in a list made a selection; ctrl+c then asked the list for its text and crashed the explorer.

    The lists now select text as Textual's Log does: ctrl+c copies the names dragged over.
    """
    from tui.app import build_app

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        countries = app.query_one("#countries")
        await pilot.mouse_down(countries, offset=(3, 2))
        await pilot.hover(countries, offset=(12, 6))
        await pilot.mouse_up(countries, offset=(12, 6))
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        selected = app.screen.get_selected_text()
        names = {e.name for e, _ in app.store.countries()}
        whole = selected.splitlines()[1:-1]  # the lines dragged over from end to end: a country and its count each
        assert len(whole) >= 3 and all(line.rsplit(None, 1)[0] in names for line in whole), selected
        assert app.clipboard == selected
