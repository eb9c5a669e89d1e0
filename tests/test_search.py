"""Search everything and the saved lists (issue 17): plain store tests on the starter world."""

from __future__ import annotations

from store import search
from store.models import FactStatus, Target
from store.repository import FactStore


def test_a_tag_is_found_with_or_without_its_hash(starter: FactStore) -> None:
    fact_id = next(iter(starter.facts))
    note = starter.add_note(Target(kind="fact", id=fact_id), "check the date against the treaty", tags=["todo"])
    for query in ("#todo", "todo", "TODO"):
        found = search.search(starter, query)
        assert [h.id for h in found.hits["tag"]] == ["todo"], query
        assert note.id in [h.id for h in found.hits["note"]]
    hit = next(h for h in search.search(starter, "#todo").hits["note"] if h.id == note.id)
    assert (hit.target_kind, hit.target_id) == ("fact", fact_id)


def test_a_quote_a_source_and_an_alliance_are_found_by_their_words(starter: FactStore) -> None:
    excerpt = next(x for x in starter.excerpts.values() if len(x.quote.exact.split()) > 8)
    words = excerpt.quote.exact.split()[2:5]
    assert excerpt.id in [h.id for h in search.search(starter, " ".join(words), per_kind=10_000).hits["excerpt"]]
    source = next(s for s in starter.sources.values() if s.publisher)
    assert source.id in [h.id for h in search.search(starter, source.title, per_kind=10_000).hits["source"]]
    assert "alliance:aukus" in [h.id for h in search.search(starter, "aukus").hits["entity"]]


def test_every_word_must_match_and_accents_and_case_are_ignored(starter: FactStore) -> None:
    korea = search.search(starter, "korea south").hits["entity"]
    assert "country:KOR" in [h.id for h in korea]
    assert "country:PRK" not in [h.id for h in korea]
    assert search.fold("Séoul ÉTÉ") == "seoul ete"
    assert search.search(starter, "zzzz-nothing-has-this").empty
    assert search.search(starter, "   ").empty


def test_hits_are_cut_per_kind_but_counted_whole(starter: FactStore) -> None:
    found = search.search(starter, "the", per_kind=3)
    assert len(found.hits["excerpt"]) == 3 and found.totals["excerpt"] > 3


def test_markup_and_escape_codes_in_a_note_are_found_as_text(starter: FactStore) -> None:
    fact_id = next(iter(starter.facts))
    starter.add_note(Target(kind="fact", id=fact_id), "[bold]x[/] \x1b]52;c;aGk=\x07 hidden")
    (hit,) = search.search(starter, "[bold]x[/]").hits["note"]
    assert "\x1b" in hit.text  # the store keeps the body as typed; the screen shows it inert


def test_saved_lists(starter: FactStore) -> None:
    ids = list(starter.facts)
    starter.add_note(Target(kind="fact", id=ids[0]), "one", tags=["todo"])
    starter.add_note(Target(kind="fact", id=ids[1]), "two", tags=["todo", "check"])
    starter.add_note(Target(kind="fact", id=ids[2]), "three")
    assert search.all_tags(starter) == {"todo": 2, "check": 1}
    assert [n.body for n in search.notes(starter, "todo")] == ["two", "one"]
    assert len(search.notes(starter)) == 3
    starter.set_fact_status(ids[3], FactStatus.DISPUTED)
    assert ids[3] in [f.id for f in search.facts_with_status(starter, "disputed")]
    assert all(f.status is FactStatus.UNREVIEWED for f in search.facts_with_status(starter, FactStatus.UNREVIEWED))
    assert search.recently_changed(starter, 1)[0].id == ids[3]


def test_the_facts_citing_a_reference_source(starter: FactStore) -> None:
    fact = next(f for f in starter.facts.values() if f.references)
    assert fact.id in [f.id for f in search.citing(starter, fact.references[0])]
    assert search.counted("excerpt", 1) == "1 quote" and search.counted("excerpt", 2) == "2 quotes"
