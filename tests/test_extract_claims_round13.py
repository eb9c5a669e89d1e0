"""Readings the thirteenth round's blind sets caught wrong (issue 14), each with the reading beside it that must hold:
"its ally" after a country a preposition governs, an opposition never voiced, a country visited to attend a summit,
an agreement to receive a weapon, a country named beside an alliance's members rather than as one, two countries each
"with" someone else; and a government's release, whose own country completes a trilateral it tells."""

from __future__ import annotations

import pytest

from store.models import Entity
from store.pipeline.importer import import_text
from store.repository import FactStore
from tests.test_extract_claims_round4 import maker_claims as claims
from tests.test_named_together import read


def _proposed(store: FactStore, text: str) -> list[Entity]:
    import_text(store, f"Title: T\nPublished: 2024-05-01\n\n{text}", name="t.txt")
    return [e for e in store.entities.values() if e.proposal is not None]


# --- "its ally" refers to a clause's subject, not to a country after a preposition ---------------------------------

def test_its_ally_is_not_the_ally_of_a_country_a_preposition_governs() -> None:
    text = ("Since late 2023 the Philippines has held maritime cooperative activities with foreign navies as part of its "
            "effort to push back against China's sweeping claims, among them joint passages with its treaty ally the "
            "United States.")
    assert not any(r == "treaty_ally_of" for _, r, _, _ in claims(text, published=None))


@pytest.mark.parametrize("text, subject", [
    ("Japan has been trying to widen its security ties beyond its traditional ally, the United States.", "country:JPN"),
    ("In a call with Japan's prime minister, the Philippines reaffirmed its ties with its treaty ally the United States.",
     "country:PHL"),
])
def test_its_ally_still_reads_the_clause_subject(text: str, subject: str) -> None:
    assert (subject, "treaty_ally_of", "country:USA", "asserted") in claims(text, published=None)


# --- an opposition never voiced is no fact --------------------------------------------------------------------------

def test_never_condemned_is_no_negated_opposition() -> None:
    text = "Beijing has never condemned Russia's invasion of Ukraine, and it has strengthened its ties with Moscow."
    assert not any(r == "opposes" for _, r, _, _ in claims(text, published=None))


def test_a_condemnation_voiced_is_still_an_opposition() -> None:
    assert ("country:FRA", "opposes", "country:RUS", "asserted") in claims(
        "France condemned Russia's invasion of Ukraine.", published=None)


# --- a country visited for a summit does not attend it --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Mr. KISHIDA Fumio, Prime Minister of Japan, who is visiting the U.S. to attend the NATO Summit, met the Dutch "
    "prime minister.",
    "The President of Finland, who is in the United States to attend the NATO summit, met reporters.",
])
def test_the_country_visited_to_attend_a_summit_is_its_venue(text: str) -> None:
    assert ("country:USA", "attended", "alliance:nato", "asserted") not in claims(text, published=None)


def test_a_country_that_attends_still_attends() -> None:
    assert ("country:USA", "attended", "alliance:nato", "asserted") in claims(
        "The United States attended the NATO summit in Vilnius.", published=None)


# --- an agreement to receive a weapon is a purchase, not a grouping -------------------------------------------------

_BARBARA = ("Poland has signed an agreement with the United States to receive a $960 million airspace reconnaissance "
            "system that will watch its north-eastern borders, the defence minister said on Wednesday.")


def test_an_agreement_to_receive_a_system_is_its_sale() -> None:
    assert claims(_BARBARA, published=None) == {("country:USA", "arms_supplier_to", "country:POL", "asserted")}


def test_an_agreement_to_receive_a_system_proposes_no_agreement(starter: FactStore) -> None:
    assert _proposed(starter, _BARBARA) == []


def test_a_defence_agreement_signed_with_a_country_is_still_proposed(starter: FactStore) -> None:
    found = _proposed(starter, "Poland has signed a defence cooperation agreement with the United States, the "
                                   "defence minister said on Wednesday.")
    assert [set(e.proposal.members) for e in found if e.proposal] == [{"country:POL", "country:USA"}]


# --- a country named beside an alliance's members is not one of them ------------------------------------------------

def test_a_country_beside_the_members_is_not_named_a_member(starter: FactStore) -> None:
    text = "Its staff will come from NATO member states and the Finnish Defence Forces."
    assert read(starter, text, "2024-05") == set()


def test_members_named_after_the_alliance_are_still_its_members(starter: FactStore) -> None:
    text = "Russia sent drones into the airspace of NATO members Poland and Finland."
    assert read(starter, text, "2024-05") == {(f"country:{c}", "member_of", "alliance:nato") for c in ("POL", "FIN")}


# --- two countries each "with" someone else are not partners of each other -----------------------------------------

@pytest.mark.parametrize("text", [
    "All three have cut their military and defence links with France and are seeking greater cooperation with Russia.",
    "The country, which shares the island of Hispaniola with Haiti, seized cocaine in a joint operation with US forces.",
])
def test_each_with_someone_else_is_no_pair(text: str) -> None:
    assert not any(r == "cooperates_with" for _, r, _, _ in claims(text, published=None))


def test_one_with_the_other_is_still_a_pair() -> None:
    assert ("country:VNM", "cooperates_with", "country:IND", "asserted") in claims(
        "Vietnam has stepped up its joint naval exercises with India.", published=None)


def test_a_pair_named_twice_with_one_outside_a_with_is_still_a_pair() -> None:
    text = "Pakistan has close military ties with China, and its relations with Beijing include many arms imports."
    assert ("country:PAK", "cooperates_with", "country:CHN", "asserted") in claims(text, published=None)


# --- a government's release: its own country is a party to what it tells ---------------------------------------------

_NSA = ("Today our National Security Advisor met his South Korean and Japanese counterparts. It is the second trilateral "
        "national security advisors meeting since the leaders of the three countries met at Camp David.")


@pytest.mark.parametrize("source, trilateral", [("The White House", True), ("Example Daily", False)])
def test_the_publishing_government_completes_a_trilateral(starter: FactStore, source: str, trilateral: bool) -> None:
    report = import_text(starter, f"Title: Gaggle\nSource: {source}\nPublished: 2024-09-01\n\n{_NSA}", name="t.txt")
    found = {m.entity_id for x in report.excerpts for m in x.mentions}
    assert ("alliance:us-japan-rok-trilateral" in found) is trilateral
