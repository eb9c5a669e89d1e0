"""The explorer model (tui/explorer.py): every move, in plain pytest, without a screen.

Each test drives the model as the screen does (a highlight, enter, back …)
and checks the views it returns: which panes changed, what they list, what
is highlighted, the breadcrumb.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, run_python
from store.models import Target, TargetKind
from store.repository import FactStore
from tui.explorer import Change, Explorer

KOR, USA, POL, JPN = "country:KOR", "country:USA", "country:POL", "country:JPN"
NATO, AUKUS = "alliance:nato", "alliance:aukus"


@pytest.fixture(scope="module")
def store(starter_template: Path) -> Iterator[FactStore]:
    """The starter store, read-only: shared by the tests that only move."""
    s = FactStore.open(starter_template, create=False, readonly=True)
    yield s
    s.close()


@pytest.fixture
def ex(store: FactStore) -> Explorer:
    e = Explorer(store)
    e.start(KOR)
    return e


def ids(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.id for e in view.entries]


def keys(ex: Explorer) -> list[str]:
    return [r.key for r in ex.views.excerpts.rows]


def test_the_model_imports_no_textual() -> None:
    result = run_python("import sys, tui.explorer; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_start_shows_the_country_its_alliances_and_its_facts(ex: Explorer, store: FactStore) -> None:
    v = ex.views
    assert v.countries.title == "Countries" and v.countries.highlighted_id == KOR
    assert ids(v.countries) == [e.id for e, _ in store.countries()]
    assert v.alliances.title == "Alliances · South Korea"
    assert ids(v.alliances) == [l.entity.id for l in store.alliances_of(KOR)]
    # Nothing highlighted asked for: the first alliance is the highlighted one, and the place says so.
    assert v.alliances.highlighted_id == ids(v.alliances)[0] == ex.place.alliance
    assert v.excerpts.title == "Excerpts · South Korea" and v.excerpts.mode == "facts"
    assert {f"f|{f.id}" for f in store.facts_of(KOR)} <= set(keys(ex))
    assert v.crumbs == ("South Korea",)


def test_highlighting_a_country_changes_the_panes_to_its_right_only(ex: Explorer) -> None:
    before = ex.views.countries
    change = ex.highlight("countries", JPN)
    # The same entries (no rebuild), the cursor where the widget already put it.
    assert change.countries is not None and change.countries.entries is before.entries
    assert change.countries.highlighted_id == JPN
    assert change.alliances is not None and change.alliances.title == "Alliances · Japan"
    assert change.excerpts is not None and change.excerpts.title == "Excerpts · Japan"
    assert change.excerpts.highlighted_key is None  # another selection: from its top
    assert change.crumbs == ("Japan",)
    # The same country again (a widget echoing the cursor it was given): nothing changes.
    assert ex.highlight("countries", JPN).empty


def test_highlighting_an_alliance_from_the_countries_pane_keeps_the_excerpts(ex: Explorer) -> None:
    other = ids(ex.views.alliances)[1]
    change = ex.highlight("alliances", other)
    assert change.countries is None and change.alliances is not None and change.alliances.highlighted_id == other
    assert change.alliances.entries is not None
    assert change.excerpts is None  # the focus is on the countries: all of South Korea's facts still


def test_coming_through_the_alliances_pane_narrows_to_the_pair(ex: Explorer, store: FactStore) -> None:
    change = ex.focus("alliances")
    assert change.excerpts is not None
    first = ex.place.alliance
    assert first is not None
    assert change.excerpts.title.startswith("Excerpts · South Korea – ")
    assert change.crumbs is not None and len(change.crumbs) == 2
    change = ex.highlight("alliances", NATO)
    assert change.excerpts is not None and change.excerpts.title == "Excerpts · South Korea – NATO"
    assert {r.fact_id for r in change.excerpts.rows if r.kind == "fact"} == {f.id for f in store.facts_of(KOR, NATO)}
    assert ex.views.crumbs == ("South Korea", "NATO")
    # Straight on to the excerpts (3) keeps the pair; back to the countries shows all the country's facts.
    assert ex.focus("excerpts").excerpts is None
    assert ex.focus("countries").excerpts is not None
    assert ex.views.excerpts.title == "Excerpts · South Korea"


def test_follow_lists_the_members_and_back_restores_the_place_and_the_row(ex: Explorer, store: FactStore) -> None:
    ex.focus("alliances")
    ex.highlight("alliances", NATO)
    ex.focus("excerpts")
    row = keys(ex)[3]
    ex.highlight_row(row)
    change = ex.follow(NATO)
    assert change.focus == "countries"
    assert change.countries is not None and change.countries.title == "Countries · members of NATO"
    members = sorted((l.entity for l in store.members_of(NATO)), key=lambda e: e.name.casefold())
    assert ids(change.countries) == [e.id for e in members]
    assert change.countries.highlighted_id == members[0].id  # South Korea is no member: the first one
    assert ex.views.crumbs == ("South Korea", "NATO", members[0].name)
    assert ex.trail.depth == 1

    ex.highlight("countries", USA)
    change = ex.back()
    assert change.focus == "excerpts"
    assert change.countries is not None and change.countries.title == "Countries" and change.countries.highlighted_id == KOR
    assert change.alliances is not None and change.alliances.highlighted_id == NATO
    assert change.excerpts is not None and change.excerpts.title == "Excerpts · South Korea – NATO"
    assert (change.excerpts.highlighted_key, change.excerpts.anywhere) == (row, True)
    assert ex.views.crumbs == ("South Korea", "NATO")
    # Nothing left: said, and nothing moves.
    change = ex.back()
    assert change.message == "Nothing to go back to" and change.countries is None and change.excerpts is None


def test_follow_keeps_the_country_we_came_from_when_it_is_a_member(ex: Explorer) -> None:
    ex.highlight("countries", USA)
    change = ex.follow(AUKUS)
    assert change.countries is not None and change.countries.highlighted_id == USA
    assert set(ids(change.countries)) == {"country:AUS", "country:GBR", USA}


def test_enter_on_a_country_focuses_its_alliances(ex: Explorer) -> None:
    change = ex.enter_country(KOR)
    assert change.focus == "alliances" and ex.trail.depth == 0


def test_jump_from_a_fact_to_the_other_country_and_back(ex: Explorer, store: FactStore) -> None:
    kor_pol = store.facts_of(KOR, POL)[0]
    ex.focus("excerpts")
    ex.highlight_row(f"f|{kor_pol.id}")
    change = ex.jump(kor_pol.id)
    assert change.countries is not None and change.countries.highlighted_id == POL
    assert change.excerpts is not None and change.excerpts.title == "Excerpts · Poland"
    assert change.focus == "countries" and ex.views.crumbs[-1] == "Poland"
    change = ex.back()
    assert change.excerpts is not None and change.excerpts.highlighted_key == f"f|{kor_pol.id}"
    assert change.focus == "excerpts"
    # A country-to-alliance fact follows the alliance.
    kor_nato = store.facts_of(KOR, NATO)[0]
    change = ex.jump(kor_nato.id)
    assert change.countries is not None and change.countries.title == "Countries · members of NATO"


def test_go_to_an_alliance_the_country_has_no_part_in_lists_every_alliance(ex: Explorer) -> None:
    csto = "alliance:csto"  # South Korea has a part in AUKUS (considered for Pillar II), none in the CSTO
    change = ex.go_to(csto)
    assert change.alliances is not None and change.alliances.title == "Alliances · all"
    assert change.alliances.highlighted_id == csto and change.focus == "alliances"
    assert change.excerpts is not None and change.excerpts.title == "Excerpts · CSTO"
    assert ex.views.crumbs[-1] == "CSTO"
    # One of the country's own: the pair.
    ex.back()
    change = ex.go_to(NATO)
    assert change.alliances is not None and change.alliances.title == "Alliances · South Korea"
    assert change.excerpts is not None and change.excerpts.title == "Excerpts · South Korea – NATO"
    # A country: its place.
    change = ex.go_to(JPN)
    assert change.countries is not None and change.countries.highlighted_id == JPN and change.focus == "countries"


def test_all_alliances_toggles_the_middle_pane(ex: Explorer, store: FactStore) -> None:
    change = ex.all_alliances()
    assert change.alliances is not None and change.alliances.title == "Alliances · all"
    assert ids(change.alliances) == [e.id for e, _ in store.alliances()]
    assert change.excerpts is not None and change.excerpts.title.startswith("Excerpts · ")
    assert ex.views.excerpts.selection == ("entity", ex.place.alliance)
    change = ex.all_alliances()
    assert change.alliances is not None and change.alliances.title == "Alliances · South Korea"


def test_a_list_filter_narrows_moves_to_the_first_match_and_a_clear_keeps_the_cursor(ex: Explorer) -> None:
    change = ex.filter("countries", "jap")
    assert change.countries is not None and ids(change.countries) == [JPN] and change.countries.filter == "jap"
    assert change.countries.highlighted_id == JPN and ex.place.country == JPN
    assert change.alliances is not None and change.alliances.title == "Alliances · Japan"
    change = ex.filter("countries", "")
    assert change.countries is not None and change.countries.highlighted_id == JPN and len(change.countries.entries) > 1
    assert change.alliances is None and change.excerpts is None
    # Aliases and codes count, in any case.
    ex.filter("countries", "rok")
    assert KOR in ids(ex.views.countries)
    # A move to another place forgets the list filters.
    change = ex.go_to(USA)
    assert change.countries is not None and change.countries.filter == "" and ex.filter_text("countries") == ""


def test_the_alliances_filter(ex: Explorer) -> None:
    change = ex.filter("alliances", "nato")
    assert change.alliances is not None and ids(change.alliances) == [NATO] and ex.place.alliance == NATO


def test_the_excerpts_filter_refills_the_same_selection_keeping_the_row(ex: Explorer, store: FactStore) -> None:
    kor_pol = store.facts_of(KOR, POL)[0]
    ex.highlight_row(f"f|{kor_pol.id}")
    change = ex.filter("excerpts", "poland")
    assert change.excerpts is not None and change.countries is None and change.alliances is None
    assert change.excerpts.highlighted_key == f"f|{kor_pol.id}" and not change.excerpts.anywhere
    facts = {r.fact_id for r in change.excerpts.rows if r.kind == "fact"}
    assert kor_pol.id in facts and len(facts) < len(store.facts_of(KOR))
    assert ex.filter("excerpts", "poland").empty


def test_review_mode_and_its_grouping(ex: Explorer) -> None:
    change = ex.review()
    assert ex.place.review and change.focus == "excerpts"
    assert change.excerpts is not None and change.excerpts.mode == "review"
    assert change.excerpts.title.startswith("Excerpts · to review (")
    assert ex.views.excerpts.selection == ("review", "fact")
    change = ex.review_group_by()
    assert change.excerpts is not None and change.excerpts.selection == ("review", "article")
    change = ex.review()
    assert not ex.place.review and change.excerpts is not None and change.excerpts.title == "Excerpts · South Korea"


def test_moving_in_the_excerpts_changes_no_pane(ex: Explorer) -> None:
    assert ex.highlight_row(keys(ex)[2]).empty
    assert ex.highlighted_row == keys(ex)[2]


def test_refresh_after_a_note_lands_on_it_and_keeps_the_lists(starter: FactStore) -> None:
    ex = Explorer(starter)
    ex.start(KOR)
    fact = starter.facts_of(KOR)[0]
    ex.highlight_row(f"f|{fact.id}")
    note = starter.add_note(Target(kind=TargetKind.FACT, id=fact.id), "a note")
    change = ex.refresh(note=f"n|{fact.id}|{note.id}")
    # A note leaves the facts as they are: the lists stay, the excerpts show it, the cursor on it.
    assert change.countries is None and change.alliances is None
    assert change.excerpts is not None and change.excerpts.highlighted_key == f"n|{fact.id}|{note.id}"
    assert f"n|{fact.id}|{note.id}" in keys(ex)
    # A change of the facts (a status) refills the lists too, the cursor kept on its row.
    ex.highlight_row(f"f|{fact.id}")
    starter.set_fact_status(fact.id, "disputed")  # type: ignore[arg-type]
    change = ex.refresh()
    assert change.countries is not None and change.countries.highlighted_id == KOR
    assert change.excerpts is not None and change.excerpts.highlighted_key == f"f|{fact.id}"


def test_change_is_empty_only_when_nothing_changed() -> None:
    assert Change().empty and not Change(message="x").empty and not Change(focus="excerpts").empty


# --- search's enter: reveal what was found ----------------------------------------------------------

def test_reveal_a_fact_shows_it_between_its_country_and_alliance(ex: Explorer, store: FactStore) -> None:
    fact = next(f for f in store.facts_of(KOR) if f.object.startswith("alliance:") and f.subject == KOR)
    change = ex.reveal("fact", fact.id)
    assert change.focus == "excerpts"
    assert (ex.place.country, ex.place.alliance) == (KOR, fact.object)
    assert ex.views.excerpts.highlighted_key == f"f|{fact.id}"
    assert f"f|{fact.id}" in keys(ex)
    ex.back()
    assert ex.place.country == KOR


def test_reveal_a_quote_lands_on_its_evidence_row(ex: Explorer, store: FactStore) -> None:
    fact = next(f for f in store.facts.values() if f.evidence and any(e.startswith("country:") for e in f.entities))
    excerpt = fact.evidence[0]
    ex.reveal("excerpt", excerpt)
    row = ex.views.excerpts.highlighted_key
    assert row is not None and row.startswith("e|") and row.endswith(excerpt)
    assert row in keys(ex)


def test_reveal_a_passage_no_fact_cites_says_so(ex: Explorer, store: FactStore) -> None:
    cited = {e for f in store.facts.values() for e in f.evidence}
    loose = next((x for x in store.excerpts if x not in cited and not store.links_of_excerpt(x)), None)
    if loose is None:
        pytest.skip("every starter passage is cited")
    change = ex.reveal("excerpt", loose)
    assert change.message and "No fact cites" in change.message


def test_reveal_a_note_on_a_country_and_on_a_fact(starter: FactStore) -> None:
    ex = Explorer(starter)
    ex.start(USA)
    on_kor = starter.add_note(Target(kind=TargetKind.ENTITY, id=KOR), "seen in Seoul")
    fact = next(f for f in starter.facts_of(JPN) if f.evidence)
    on_fact = starter.add_note(Target(kind=TargetKind.FACT, id=fact.id), "check")
    ex.refresh()
    ex.reveal("note", on_kor.id)
    assert ex.place.country == KOR and ex.views.excerpts.highlighted_key == f"n|{KOR}|{on_kor.id}"
    ex.reveal("note", on_fact.id)
    assert ex.views.excerpts.highlighted_key == f"n|{fact.id}|{on_fact.id}"
    assert ex.views.excerpts.highlighted_key in keys(ex)


def test_back_passes_over_a_place_that_differs_only_by_its_focus(ex: Explorer, store: FactStore) -> None:
    # A go-to to where the user already is leaves a step that looks like this one.
    ex.go_to(JPN)
    ex.go_to(JPN)
    assert ex.trail.depth == 2
    ex.focus("excerpts")
    change = ex.back()  # not to Japan with the countries focused: to South Korea
    assert change.countries is not None and change.countries.highlighted_id == KOR
    assert ex.trail.depth == 0
    assert ex.back().message == "Nothing to go back to"


def test_back_to_any_place_along_the_trail_even_the_first(ex: Explorer, store: FactStore) -> None:
    for target in (JPN, NATO, USA, AUKUS, "country:AUS", "country:GBR", POL):
        ex.go_to(target)
    assert ex.views.crumbs[0] == "…" and len(ex.views.crumbs) == 6  # the breadcrumb drops the first places
    stops = ex.trail_stops()
    assert [label for _, label in stops][-1] == "South Korea"  # the nearest first, the start last
    assert stops[0][1] == "United Kingdom"
    depth, _ = stops[-1]
    change = ex.back_to(depth)
    assert change.countries is not None and change.countries.highlighted_id == KOR
    assert ex.trail.depth == 0 and ex.trail_stops() == []
    assert ex.back_to(3).message == "That place is no longer on the trail"
