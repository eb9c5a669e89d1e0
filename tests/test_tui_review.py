"""Reviewing what an import proposed (issue 5): the "To review" view, v / x / e, undo, and the palette's import.

An article with proposals (tests/data/import/baltic-to-pacific.md: six facts
proposed, one negated, among them Finland and Sweden applicants to NATO) is imported into a
fresh starter store, either before the app is built or through the command
palette's "Import article…" dialog, whose path input completes file names.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, Select, Static

from store.pipeline.importer import import_files
from store.models import FactStatus, FuzzyDate, Relation
from store.repository import FactStore
from tui.app import build_app
from tui.panes.block import Block
from tui.screens.fact_edit import FactEditScreen
from tui.screens.import_article import ImportScreen
from tui_helpers import plain, settle, type_text

IMPORT_DIR = Path(__file__).resolve().parent / "data" / "import"
ARTICLE = IMPORT_DIR / "baltic-to-pacific.md"


def settle_starter_claims(folder: Path) -> Path:
    """Confirm the starter's own unreviewed claims (the article's invited, planned, possible ones), so
    that what these tests review is an import's proposals only. (test_a_new_store_offers_its_unsettled_claims_for_review
    checks that a new store does list them.)"""
    store = FactStore.open(folder, create=False)
    try:
        for fact in [f for f in store.facts.values() if f.status is FactStatus.UNREVIEWED]:
            store.set_fact_status(fact.id, FactStatus.CONFIRMED)
    finally:
        store.close()
    return folder


@pytest.fixture
def imported_store(starter_store: Path) -> Path:
    """The starter store with baltic-to-pacific.md imported (five facts proposed, two negated; Finland's
    and Sweden's applications restate the starter world's and are evidence links instead)."""
    store = FactStore.open(settle_starter_claims(starter_store), create=False)
    try:
        [report] = import_files(store, [ARTICLE])
        assert len(report.proposed) == 5
    finally:
        store.close()
    return starter_store


def unreviewed(app) -> list[str]:
    return [f.id for f in app.store.facts.values() if f.status is FactStatus.UNREVIEWED]


def fact_rows(app) -> list[str]:
    return [r.fact_id for r in app.excerpts.rows if r.kind == "fact"]


def review_title(app) -> str:
    return app.excerpts.border_title or ""


async def open_review(pilot) -> None:
    app = pilot.app
    await pilot.press("r")
    await pilot.pause()
    assert app.place.review
    assert app.focused is app.excerpts.fact_list


def highlighted_fact(app) -> str:
    row = app.excerpts.highlighted_row
    assert row is not None and row.kind == "fact", row
    return row.fact_id


# --- the view ------------------------------------------------------------------------------

async def test_r_lists_every_proposal_with_its_evidence_and_the_mentions_highlighted(imported_store: Path) -> None:
    app = build_app(imported_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        before = app.excerpts.border_title
        await open_review(pilot)
        waiting = unreviewed(app)
        assert len(waiting) == 5
        assert f"to review ({len(waiting)})" in review_title(app)
        assert sorted(fact_rows(app)) == sorted(waiting)

        fl = app.excerpts.fact_list
        for i, row in enumerate(app.excerpts.rows):
            if row.kind != "fact":
                continue
            fact = app.store.facts[row.fact_id]
            assert fact.origin.value == "import"
            prompt = plain(fl.get_option_at_index(i).prompt)
            assert "proposed by import" in prompt and "unreviewed" in prompt
            # Each proposal is followed by its evidence: the excerpt it was read from.
            evidence = [r for r in app.excerpts.rows if r.kind == "evidence" and r.fact_id == fact.id]
            assert [r.excerpt_id for r in evidence] == [ev.excerpt.id for ev in app.store.evidence(fact.id)]
            assert evidence, f"{fact.id} is listed without its excerpt"
            for ev_row in evidence:
                index = app.excerpts.rows.index(ev_row)
                option = fl.get_option_at_index(index).prompt
                assert isinstance(option, Block)  # the quote, indented under its fact
                [(text, indent)] = option.parts
                assert isinstance(text, Text) and indent > 0
                excerpt = app.store.excerpts[ev_row.excerpt_id]
                underlined = {text.plain[s.start:s.end] for s in text.spans if "underline" in str(s.style)}
                # The names the excerpt mentions are in the quote, highlighted: the fact's ends among them.
                for end in (fact.subject, fact.object):
                    names = {excerpt.quote.exact[m.start:m.end] for m in excerpt.mentions if m.entity_id == end}
                    assert names, f"{excerpt.id} has no mention of {end}"
                    assert names & underlined, f"no mention of {end} highlighted in {text.plain!r}"
                for name in underlined:
                    assert name in plain(option)

        # r again: back to South Korea's excerpts.
        await pilot.press("r")
        await pilot.pause()
        assert not app.place.review
        assert app.excerpts.border_title == before


async def test_a_new_store_offers_its_unsettled_claims_for_review(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await open_review(pilot)
        waiting = unreviewed(app)
        # The article's invited, expected, planned, implied and "every year" claims: the starter's own, to review.
        assert len(waiting) >= 3 and all(app.store.facts[f].origin.value == "starter" for f in waiting)
        assert f"to review ({len(waiting)})" in review_title(app)
        assert sorted(fact_rows(app)) == sorted(waiting)


async def test_r_with_nothing_to_review_says_so(starter_store: Path) -> None:
    app = build_app(settle_starter_claims(starter_store))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await open_review(pilot)
        assert "to review (0)" in review_title(app)
        assert fact_rows(app) == []
        assert any("Nothing to review" in n.message for n in app._notifications)


# --- v, x, e, and u after each -------------------------------------------------------------------

async def test_v_accepts_a_proposal_and_u_undoes_it(imported_store: Path) -> None:
    app = build_app(imported_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await open_review(pilot)
        fact_id = highlighted_fact(app)
        await pilot.press("v")
        await settle(pilot)
        assert app.store.facts[fact_id].status is FactStatus.CONFIRMED
        assert fact_id not in fact_rows(app)
        assert "to review (4)" in review_title(app)
        assert len(unreviewed(app)) == 4
        # The cursor is on the next proposal, ready for the next key.
        assert app.excerpts.highlighted_row.fact_id in unreviewed(app)

        await pilot.press("u")
        await settle(pilot)
        assert app.store.facts[fact_id].status is FactStatus.UNREVIEWED
        assert fact_id in fact_rows(app)
        assert "to review (5)" in review_title(app)


async def test_the_footer_names_v_and_x_for_what_they_do_in_review(imported_store: Path) -> None:
    """In 'To review' v accepts and x rejects: the footer says Accept / Reject, not Confirm / Dispute."""
    from tui.panes.footer import KeysFooter

    app = build_app(imported_store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        await pilot.press("3")
        await pilot.pause()
        assert {"Confirm", "Dispute"} <= footer.shown().keys()
        assert not {"Accept", "Reject"} & footer.shown().keys()
        await open_review(pilot)
        await pilot.pause()
        assert footer.shown()["Accept"] and footer.shown()["Reject"]
        assert not {"Confirm", "Dispute"} & footer.shown().keys()
        await pilot.press("r")  # out of review: the explorer's words again
        await pilot.pause()
        assert {"Confirm", "Dispute"} <= footer.shown().keys()


async def test_x_rejects_a_proposal_keeping_it_retracted_with_its_excerpt_and_u_undoes_it(imported_store: Path) -> None:
    app = build_app(imported_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await open_review(pilot)
        fact_id = highlighted_fact(app)
        fact = app.store.facts[fact_id]
        excerpts = [ev.excerpt.id for ev in app.store.evidence(fact_id)]
        assert excerpts
        await pilot.press("x")
        await settle(pilot)

        # Rejected: retracted (not disputed), still in the store with its evidence.
        kept = app.store.facts[fact_id]
        assert kept.status is FactStatus.RETRACTED
        assert (kept.subject, kept.relation, kept.object, kept.start) == (fact.subject, fact.relation, fact.object, fact.start)
        assert [ev.excerpt.id for ev in app.store.evidence(fact_id)] == excerpts
        assert all(e in app.store.excerpts for e in excerpts)
        assert fact_id not in fact_rows(app)
        assert "to review (4)" in review_title(app)

        await pilot.press("u")
        await settle(pilot)
        assert app.store.facts[fact_id].status is FactStatus.UNREVIEWED
        assert fact_id in fact_rows(app)
        assert "to review (5)" in review_title(app)


async def clear_and_type(pilot, text: str) -> None:
    await pilot.press("home", "ctrl+k")
    await type_text(pilot, text)


async def test_e_edits_relation_and_dates_then_save_and_confirm_and_u_undoes_it(imported_store: Path) -> None:
    app = build_app(imported_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await open_review(pilot)
        fact_id = highlighted_fact(app)
        before = app.store.facts[fact_id]
        assert before.relation is Relation.COOPERATES_WITH  # Japan cooperates with Australia, since 2019

        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FactEditScreen)
        relation = form.query_one("#fact-relation", Select)
        assert app.focused is relation

        # The relation, from the keyboard: open the list, walk to "consults with", enter.
        await pilot.press("enter")
        await pilot.pause()
        overlay = app.focused
        assert isinstance(overlay, OptionList)
        wanted = list(Relation).index(Relation.CONSULTS_WITH)
        for _ in range(len(Relation)):
            if overlay.highlighted == wanted:
                break
            await pilot.press("up" if (overlay.highlighted or 0) > wanted else "down")
        await pilot.press("enter")
        await pilot.pause()
        assert relation.value == Relation.CONSULTS_WITH.value

        # tab moves through the form (the explorer's keys sleep, not the dialog's).
        await pilot.press("tab")
        assert app.focused is form.query_one("#fact-start", Input)
        await clear_and_type(pilot, "2020-03")
        await pilot.press("tab")
        assert app.focused is form.query_one("#fact-end", Input)
        await clear_and_type(pilot, "2023-11")
        # past status, the dispute's reason, the qualifiers and Save
        await pilot.press("tab", "tab", "tab", "tab", "tab")
        assert app.focused is form.query_one("#confirm")
        await pilot.press("enter")  # "Save and confirm"
        await settle(pilot)

        assert app.screen is not form
        after = app.store.facts[fact_id]
        assert after.relation is Relation.CONSULTS_WITH
        assert after.start == FuzzyDate("2020-03")
        assert after.end == FuzzyDate("2023-11")
        assert after.status is FactStatus.CONFIRMED
        assert (after.subject, after.object, after.evidence) == (before.subject, before.object, before.evidence)
        assert fact_id not in fact_rows(app)
        assert "to review (4)" in review_title(app)

        # One u undoes the whole edit.
        await pilot.press("u")
        await settle(pilot)
        restored = app.store.facts[fact_id]
        assert (restored.relation, restored.start, restored.end, restored.status) == (
            before.relation, before.start, before.end, FactStatus.UNREVIEWED)
        assert fact_id in fact_rows(app)
        assert "to review (5)" in review_title(app)


async def test_e_refuses_a_bad_date_in_the_form_and_escape_changes_nothing(imported_store: Path) -> None:
    app = build_app(imported_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await open_review(pilot)
        fact_id = highlighted_fact(app)
        before = app.store.facts[fact_id]
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FactEditScreen)
        await pilot.press("tab")
        await clear_and_type(pilot, "next spring")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = plain(form.query_one("#fact-error", Static).content)
        assert error == "Not saved: start: 'next spring' is not a date (write 2005, 2005-05, 2005-05-10 or May 2005)"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FactEditScreen)
        assert app.store.facts[fact_id] == before


# --- importing from the palette ----------------------------------------------------------------

async def open_import_dialog(pilot) -> ImportScreen:
    app = pilot.app
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await type_text(pilot, "Import article")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ImportScreen)
    assert app.focused is app.screen.query_one("#import-path", Input)
    return app.screen


async def accept_suggestion(pilot, field: Input, expected: str) -> None:
    """→ takes the completion once the suggester has answered (it runs in the background)."""
    for _ in range(40):
        await pilot.press("right")
        if field.value == expected:
            return
        await pilot.pause(0.05)
    raise AssertionError(f"the path was not completed: {field.value!r} (wanted {expected!r})")


async def test_palette_import_completes_the_path_imports_and_r_reviews(starter_store: Path) -> None:
    app = build_app(settle_starter_claims(starter_store))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        sources = set(app.store.sources)
        dialog = await open_import_dialog(pilot)
        field = dialog.query_one("#import-path", Input)

        # A folder completes with its slash; then the file's name.
        await type_text(pilot, str(IMPORT_DIR.parent) + "/imp")
        await accept_suggestion(pilot, field, str(IMPORT_DIR) + "/")
        await type_text(pilot, "balt")
        await accept_suggestion(pilot, field, str(ARTICLE))
        await pilot.press("enter")
        await settle(pilot)

        assert not isinstance(app.screen, ImportScreen)
        [new] = set(app.store.sources) - sources
        assert app.store.sources[new].title.startswith("From the Baltic to the Pacific")
        # One line in the notification (the full report is the CLI's), and a hint to review.
        messages = [n.message for n in app._notifications]
        headline = next(m for m in messages if m.startswith("Imported \"From the Baltic"))
        assert "\n" not in headline and "5 facts to review" in headline
        assert any("Press r" in m for m in messages)
        assert "Imported" not in messages  # the headline says it; no second, bare toast

        # The same file again: said once, as already imported.
        app.clear_notifications()
        dialog = await open_import_dialog(pilot)
        await type_text(pilot, str(ARTICLE))
        await pilot.press("enter")
        await settle(pilot)
        again = [n.message for n in app._notifications]
        assert [m for m in again if "mported" in m] == [next(m for m in again if m.startswith("Already imported"))]

        await open_review(pilot)
        assert "to review (5)" in review_title(app)
        assert sorted(fact_rows(app)) == sorted(unreviewed(app))

        # The import is one change: u takes it all back.
        await pilot.press("u")
        await settle(pilot)
        assert set(app.store.sources) == sources
        assert unreviewed(app) == []
        assert "to review (0)" in review_title(app)


@pytest.mark.parametrize("bad", ["/no/such/folder/article.md", str(IMPORT_DIR / "baltic-to-pacific.md" / "x")])
async def test_palette_import_of_a_bad_path_says_so_in_the_dialog_and_imports_nothing(starter_store: Path, bad: str) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        sources = dict(app.store.sources)
        facts = len(app.store.facts)
        dialog = await open_import_dialog(pilot)
        await type_text(pilot, bad)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert plain(dialog.query_one("#import-error", Static).content) == f"{bad} is not a file or a folder"
        assert app.store.sources == sources and len(app.store.facts) == facts
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ImportScreen)
        assert app.store.sources == sources and len(app.store.facts) == facts


async def test_palette_import_of_a_file_that_is_no_article_keeps_the_dialog_and_the_path(starter_store: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.md"
    pdf.write_bytes(b"%PDF-1.7 not an article")
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        sources = dict(app.store.sources)
        dialog = await open_import_dialog(pilot)
        await type_text(pilot, str(pdf))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "it is a PDF document, not text" in plain(dialog.query_one("#import-error", Static).content)
        field = dialog.query_one(Input)
        assert field.value == str(pdf) and app.focused is field  # the path is there to correct; keys go to it
        await pilot.press("x")
        assert field.value == str(pdf) + "x"
        assert app.store.sources == sources


async def test_e_takes_dates_written_as_the_importer_reads_them(imported_store: Path) -> None:
    app = build_app(imported_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await open_review(pilot)
        fact_id = highlighted_fact(app)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FactEditScreen)
        await pilot.press("tab")
        await clear_and_type(pilot, "May 2005")
        await pilot.press("tab")
        await clear_and_type(pilot, "2024-13")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = plain(form.query_one("#fact-error", Static).content)
        assert error == "Not saved: end: '2024-13' is not a date (write 2005, 2005-05, 2005-05-10 or May 2005)"
        assert "pydantic" not in error
        await clear_and_type(pilot, "10 April 2024")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FactEditScreen)
        after = app.store.facts[fact_id]
        assert (after.start, after.end) == (FuzzyDate("2005-05"), FuzzyDate("2024-04-10"))
