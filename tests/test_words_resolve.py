"""store/words/resolve.py: one entity resolver for the export filters, the explorer and the article pipeline."""

from __future__ import annotations

import pytest

from store.errors import StoreError
from store.models import Entity, EntityKind, EntityProposal, Fact, FactStatus, is_live
from store.words.resolve import find, fold, named, names_of, resolve

USA = Entity(id="country:USA", kind=EntityKind.COUNTRY, name="United States", aliases=["U.S.", "America"],
             codes={"iso3": "USA", "iso2": "US"})
KOR = Entity(id="country:KOR", kind=EntityKind.COUNTRY, name="South Korea", aliases=["Republic of Korea", "ROK"],
             codes={"iso3": "KOR"})
PRK = Entity(id="country:PRK", kind=EntityKind.COUNTRY, name="North Korea", codes={"iso3": "PRK"})
NATO = Entity(id="alliance:nato", kind=EntityKind.ALLIANCE, name="North Atlantic Treaty Organization",
              short_name="NATO", aliases=["Atlantic Alliance"])
TRI = Entity(id="alliance:us-japan-rok", kind=EntityKind.ALLIANCE, name="US–Japan–ROK trilateral")
GONE = Entity(id="alliance:gone", kind=EntityKind.ALLIANCE, name="Rejected Grouping",
              proposal=EntityProposal(status="rejected", source_id="src:a"))
ALL = [USA, KOR, PRK, NATO, TRI, GONE]


@pytest.mark.parametrize(("a", "b"), [
    ("The U.S.", "US"), ("US–Japan–ROK trilateral", "us-japan-rok  Trilateral"), ("ROK", "rok"),
    ("Côte d’Ivoire", "Côte d'Ivoire"), ("the Quad", "Quad"),
])
def test_fold_sets_case_and_punctuation_aside(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_words_apart() -> None:
    assert fold("South Korea") != fold("SouthKorea")
    assert fold("US-Japan") == "us japan"


def test_an_entity_answers_to_every_name_and_code() -> None:
    assert names_of(USA) == ("United States", "U.S.", "America", "USA", "US")
    assert all(named(USA, t) for t in ("us", "the U.S.", "usa", "UNITED STATES", "country:usa"))
    assert not named(USA, "United")


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("KOR", EntityKind.COUNTRY, KOR), ("republic of korea", EntityKind.COUNTRY, KOR), ("country:kor", EntityKind.COUNTRY, KOR),
    ("nato", EntityKind.ALLIANCE, NATO), ("atlantic alliance", EntityKind.ALLIANCE, NATO),
    ("North Atlantic", EntityKind.ALLIANCE, NATO), ("US-Japan-ROK", EntityKind.ALLIANCE, TRI), ("U.S.", EntityKind.COUNTRY, USA),
])
def test_resolve_one(text: str, kind: EntityKind, expected: Entity) -> None:
    assert resolve(ALL, text, kind) == expected


def test_resolve_says_what_went_wrong() -> None:
    with pytest.raises(StoreError, match="matches several countries"):
        resolve(ALL, "korea", EntityKind.COUNTRY)
    with pytest.raises(StoreError, match="no alliance in this store matches"):
        resolve(ALL, "Warsaw Pact", EntityKind.ALLIANCE)
    with pytest.raises(StoreError, match="empty"):
        resolve(ALL, "  ", EntityKind.COUNTRY)


def test_find_ranks_whole_names_first_and_skips_rejected_entities() -> None:
    assert [e.id for e in find(ALL, "korea")] == [PRK.id, KOR.id]  # both contain it; by name
    assert find(ALL, "Republic of Korea")[0] == KOR
    assert find(ALL, "rejected") == []
    assert find(ALL, "us", EntityKind.ALLIANCE) == [TRI]  # part of a code ("AUS", "RUS") would be no hit
    assert find(ALL, "...") == []


def test_is_live_is_every_status_but_retracted() -> None:
    fact = Fact(id="fact:x", subject="country:KOR", relation="partner_of", object="alliance:nato")
    assert [is_live(fact.model_copy(update={"status": s})) for s in FactStatus] == [True, True, True, False]
    assert is_live("confirmed") and not is_live("retracted") and not is_live(FactStatus.RETRACTED)
