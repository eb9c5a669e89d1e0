"""store.pipeline.extract.groupings: groupings and agreements a passage names that the store lacks (issue 14)."""

from __future__ import annotations

import pytest

from store.pipeline.extract.groupings import GroupingCandidate, find_new_groupings
from store.pipeline.gazetteer import Gazetteer
from tests.test_extract_mentions import load_alliances


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(load_alliances())


def found(gaz: Gazetteer, text: str) -> list[tuple[str, set[str]]]:
    out = []
    for c in find_new_groupings(gaz, text):
        assert isinstance(c, GroupingCandidate)
        assert text[c.start:c.end] == c.name  # the name as written, offsets into the passage
        out.append((c.name, {m.removeprefix("country:") for m in c.members}))
    return out


@pytest.mark.parametrize("text, expected", [
    ("Leaders met to deepen the US-Japan-India trilateral on Thursday.",
     [("the US-Japan-India trilateral", {"USA", "JPN", "IND"})]),
    ("They signed the Japan-New Zealand reciprocal access agreement in Wellington.",
     [("the Japan-New Zealand reciprocal access agreement", {"JPN", "NZL"})]),
    ("Ministers met to advance the Australia-U.S. Alliance.", [("the Australia-U.S. Alliance", {"AUS", "USA"})]),
    ("building on the UK-Japan-Italy Future Combat Air Programme",
     [("the UK-Japan-Italy Future Combat Air Programme", {"GBR", "JPN", "ITA"})]),
])
def test_a_compound_of_countries_with_a_grouping_word_the_store_lacks(
        gaz: Gazetteer, text: str, expected: list[tuple[str, set[str]]]) -> None:
    assert found(gaz, text) == expected


def test_coordinated_compounds_propose_only_the_unknown_one(gaz: Gazetteer) -> None:
    assert found(gaz, "the Japan-U.S. and U.S.-Vietnam alliances") == [("U.S.-Vietnam alliances", {"USA", "VNM"})]


def test_an_acronym_of_letters_and_a_number(gaz: Gazetteer) -> None:
    assert found(gaz, "Leaders of the AP5 met NATO allies in Washington.") == [("AP5", set())]


def test_a_named_grouping_with_its_members_listed_after_it(gaz: Gazetteer) -> None:
    text = ("The United States welcomes NATO's Indo-Pacific Partners (IPP) Australia, Japan, New Zealand, "
            "and the Republic of Korea (ROK) at the NATO Summit.")
    assert found(gaz, text) == [("Indo-Pacific Partners", {"AUS", "JPN", "NZL", "KOR"})]


def test_a_named_agreement_between_two_countries(gaz: Gazetteer) -> None:
    # (Not a reciprocal access agreement: the starter world has Japan's, and their name is a known one.)
    text = "The two leaders today signed the landmark Information Security Agreement between New Zealand and Japan."
    assert found(gaz, text) == [("Information Security Agreement", {"NZL", "JPN"})]


def test_a_named_partnership_whose_members_the_passage_does_not_give(gaz: Gazetteer) -> None:
    text = "The two leaders reaffirmed the importance of the Special Strategic Partnership."
    assert found(gaz, text) == [("Special Strategic Partnership", set())]


@pytest.mark.parametrize("text", [
    "the US-Japan alliance and the ROK-U.S. alliance",
    "the Japan-US-South Korea trilateral",
    "AUKUS and the Quad met; NATO allies too.",
    "the North Atlantic Treaty",  # part of NATO's own name
    "the Australia-United Kingdom-United States Security Partnership (AUKUS)",
    "Leaders of the IP4 met NATO allies in Washington.",
    "They signed the Japan-Philippines reciprocal access agreement in Manila.",
])
def test_groupings_the_store_has_are_not_proposed(gaz: Gazetteer, text: str) -> None:
    assert found(gaz, text) == []


@pytest.mark.parametrize("text", [
    "G7 and G20 leaders met at APEC.",
    "the Indo-Pacific Economic Framework and the Trans-Pacific Partnership",
    "Australia's Comprehensive Safeguards Agreement with the IAEA",
    "US-Japan-Philippines talks and a Japan-Philippines summit",  # a meeting is not a grouping
    "a French-Australian submarine contract",
])
def test_trade_bodies_meetings_and_contracts_are_not_groupings(gaz: Gazetteer, text: str) -> None:
    assert found(gaz, text) == []


@pytest.mark.parametrize("text", [
    "South Korea's Defense Acquisition Program Administration announced plans.",
    "Japan is one of the Philippines' four Strategic Partners.",
])
def test_agencies_and_plain_plurals_are_not_groupings(gaz: Gazetteer, text: str) -> None:
    assert found(gaz, text) == []


@pytest.mark.parametrize("text, expected", [
    ("The Tasman Quartet is a regional security grouping of Australia, New Zealand, Fiji and Tonga.",
     [("Tasman Quartet", {"AUS", "NZL", "FJI", "TON"})]),
    ("Protests went on. The Danube Triangle (Romanian: Triunghiul Dunării) was an informal alliance formed between "
     "Romania, Bulgaria and Serbia in 1999.", [("Danube Triangle", {"ROU", "BGR", "SRB"})]),
    ("Andes Four (A4) is a defence co-operation format that includes Peru, Chile, Bolivia and Ecuador.",
     [("Andes Four", {"PER", "CHL", "BOL", "ECU"})]),
    # In apposition, anywhere in the sentence; a name holding a capital city ("Kathmandu") is still a name.
    ("Nepal joined the Kathmandu Maritime Forum (KMF), a grouping whose other members are India and Bhutan.",
     [("Kathmandu Maritime Forum", {"IND", "BTN"})]),
])
def test_a_grouping_a_definition_names_with_its_members(gaz: Gazetteer, text: str,
                                                          expected: list[tuple[str, set[str]]]) -> None:
    assert found(gaz, text) == expected


@pytest.mark.parametrize("text", [
    "NATO is a military alliance of 32 countries in Europe and North America.",  # a stored alliance
    "Japan is a close partner of Australia and India.",  # a country defined
    "The Summit was a forum of France and Germany.",  # a one-word name: the mention stage's, if anyone's
    "The Pacific Trade Forum is an organisation of Fiji and Samoa.",  # trade bodies are not groupings
    "Leaders said the Tasman Quartet is a regional grouping of Australia and New Zealand.",  # not the subject
    "The Tasman Quartet is a regional grouping of four countries.",  # no members given
])
def test_definitions_that_name_no_new_grouping_with_members(gaz: Gazetteer, text: str) -> None:
    assert [name for name, members in found(gaz, text) if len(members) >= 2] == []


@pytest.mark.parametrize("kind, one", [
    ("visiting forces agreements", "visiting forces agreement"), ("RAAs", "RAA"), ("defence treaties", "defence treaty"),
    ("security pacts", "security pact"), ("strategic partnership", "strategic partnership"),
    ("reciprocal access", "reciprocal access"),
])
def test_one_agreement_of_a_kind_told_in_the_plural(kind: str, one: str) -> None:
    from store.pipeline.extract.agreement_kinds import singular

    assert singular(kind) == one


@pytest.mark.parametrize("text", [
    "Bayraktar TB2 unmanned aerial vehicles made by Baykar have been delivered.",
    "The air force wants more KF21 jets.",
])
def test_a_weapons_designation_is_no_grouping(gaz: Gazetteer, text: str) -> None:
    assert found(gaz, text) == []
