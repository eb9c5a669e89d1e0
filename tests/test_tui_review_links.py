"""Reviewing proposed evidence links in the 'To review' view (r): grouped, ordered by confidence, filtered,
accepted or rejected one at a time (v / x) or a group at a time (V / X), shown under their fact at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.pipeline.importer import import_files
from store.models import FactStatus, LinkStatus, Stance
from store.repository import FactStore
from tui.app import build_app
from tui.rows import row_text
from tui_helpers import plain, settle

ARTICLE = Path(__file__).resolve().parent / "data" / "import" / "baltic-to-pacific.md"


@pytest.fixture
def imported_store(starter_store: Path) -> Path:
    store = FactStore.open(starter_store, create=False)
    try:
        [report] = import_files(store, [ARTICLE])
        assert report.links_proposed and report.proposed
    finally:
        store.close()
    return starter_store


@pytest.fixture
def contradicted_store(starter_store: Path) -> Path:
    """As a store made before the starter world: the US-ROK memberships dated by entry into force
    (1954-11-17), so the article's "signed a mutual defense treaty in 1953" contradicts them."""
    store = FactStore.open(starter_store, create=False)
    try:
        for fact in [f for f in store.facts.values()
                     if f.relation.value == "member_of" and f.object == "alliance:us-rok-alliance"]:
            store.edit_fact(fact.id, start="1954-11-17")
        [report] = import_files(store, [ARTICLE])
        assert any(link.stance is Stance.CONTRADICTS for link in report.links_proposed)
    finally:
        store.close()
    return starter_store


def rows(app):
    return list(app.excerpts.lazy_rows)


async def move_to(pilot, test) -> None:
    """Press j until the highlighted row passes ``test`` (real keys, as a user would)."""
    app = pilot.app
    for _ in range(400):
        row = app.excerpts.highlighted_row
        if row is not None and test(row):
            return
        await pilot.press("j")
    raise AssertionError("row not reached")


async def test_import_then_review_a_link_and_a_fact_and_see_the_passage_under_its_fact(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        # Import through the app's own store (what the palette's import does), then review.
        [report] = import_files(app.store, [ARTICLE])
        await pilot.press("r")
        await pilot.pause()
        assert app.place.review and app.focused is app.excerpts.fact_list
        links = [r for r in rows(app) if r.kind == "link"]
        assert {r.link_id for r in links} == {l.id for l in report.links_proposed}
        assert "passages" in (app.excerpts.border_title or "")

        # A proposed fact: v confirms it.
        await move_to(pilot, lambda r: r.kind == "fact")
        fact_id = app.excerpts.highlighted_row.fact_id
        await pilot.press("v")
        await settle(pilot)
        assert app.store.facts[fact_id].status is FactStatus.CONFIRMED

        # A proposed link: South Korea's arms sales to Poland, found with the filter.
        await pilot.press("slash", *"poland", "enter")
        await pilot.pause()
        assert all("poland" in plain(row_text(app.store, r)).casefold() for r in rows(app) if r.kind == "link")
        await move_to(pilot, lambda r: r.kind == "link" and "country:POL" in app.store.facts[r.fact_id].entities)
        row = app.excerpts.highlighted_row
        link = app.store.evidence_links[row.link_id]
        fact = app.store.facts[link.fact_id]
        assert fact.subject == "country:KOR" and link.stance is Stance.SUPPORTS
        shown = plain(row_text(app.store, row))
        assert f"{link.confidence:.2f}" in shown and link.cue in shown
        await pilot.press("v")
        await settle(pilot)
        assert app.store.evidence_links[link.id].status is LinkStatus.ACCEPTED
        assert link.excerpt_id in app.store.facts[fact.id].evidence
        assert link.id not in {r.link_id for r in rows(app)}

        # Out of review, South Korea's facts: the passage is under its fact.
        await pilot.press("escape", "r")
        await pilot.pause()
        assert not app.place.review and app.place.country == "country:KOR"
        evidence = [r for r in rows(app) if r.kind == "evidence" and r.fact_id == fact.id]
        assert link.excerpt_id in {r.excerpt_id for r in evidence}


async def test_V_accepts_a_whole_group_in_one_step_and_u_undoes_it(imported_store: Path) -> None:
    app = build_app(imported_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("o")  # group by article: the whole article is one group
        await pilot.pause()
        assert "by article" in plain(row_text(app.store, next(r for r in rows(app) if r.key == "g|links")))
        await move_to(pilot, lambda r: r.kind == "link")
        proposed = {l.id for l in app.store.proposed_links()}
        await pilot.press("V")
        await settle(pilot)
        assert app.store.proposed_links() == []
        assert all(app.store.evidence_links[i].status is LinkStatus.ACCEPTED for i in proposed)
        assert not [r for r in rows(app) if r.kind == "link"]
        await pilot.press("u")
        await settle(pilot)
        assert {l.id for l in app.store.proposed_links()} == proposed


async def test_links_are_ordered_by_confidence_and_filtered_by_stance(contradicted_store: Path) -> None:
    app = build_app(contradicted_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        # By article (one article here): one group, most confident first.
        confidences = [app.store.evidence_links[r.link_id].confidence for r in rows(app) if r.kind == "link"]
        assert confidences == sorted(confidences, reverse=True) and len(set(confidences)) > 1
        await pilot.press("slash", *"contradicts", "enter")
        await pilot.pause()
        links = [app.store.evidence_links[r.link_id] for r in rows(app) if r.kind == "link"]
        assert links and all(l.stance is Stance.CONTRADICTS for l in links)
        await move_to(pilot, lambda r: r.kind == "link")
        await pilot.press("X")  # the group, as filtered: only the contradicting ones
        await settle(pilot)
        assert all(app.store.evidence_links[l.id].status is LinkStatus.REJECTED for l in links)
        assert any(l.stance is Stance.SUPPORTS for l in app.store.proposed_links())


async def test_a_hostile_cue_and_title_are_shown_as_text(imported_store: Path) -> None:
    store = FactStore.open(imported_store, create=False)
    try:
        link = store.proposed_links()[0]
        # A cue with markup and an escape code: written straight through the store's commit path.
        store._commit("test", [("evidence_links", link.id, link, link.model_copy(update={"cue": "[bold]x[/] \x1b[31m"}))])
    finally:
        store.close()
    app = build_app(imported_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        row = next(r for r in rows(app) if r.link_id == link.id)
        shown = plain(row_text(app.store, row))
        assert "[bold]x[/]" in shown and "\x1b" not in shown


async def test_help_and_palette_name_the_review_keys(starter_store: Path) -> None:
    from textual.widgets import Static

    from tui.actions import palette_entries

    app = build_app(starter_store)
    async with app.run_test(size=(140, 60)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        body = plain(app.screen.query_one("#help-body", Static).render())
        for key, words in (("V", "accept every passage"), ("X", "reject every passage"), ("o", "group proposed passages")):
            assert any(line.split()[:1] == [key] and words in line for line in body.splitlines()), key
    actions = {entry.run for entry in palette_entries()}
    assert {"verdict_group('accepted')", "verdict_group('rejected')", "review_group_by"} <= actions
