"""Readings the sixteenth round added (issue 14), each with the reading beside it that must still hold.

From the misses of the fifteenth round's blind sets, once spent: arms a buyer receives by their maker's demonym
("French-built Rafale jets": the weapon's name no longer hides the demonym), a purchase intended "made in" another
country, a deal signed to acquire arms from a seller, a contract with the seller signed with "has", "agreed in principle
to supply", arms delivered by a seller (passive), a supplier named by its customer ("Russia is India's largest arms
supplier", "the chief supplier of arms to Iran"), mortar rounds and jet trainers as arms; NATO's members listed after
"NATO allies" and "As NATO Allies, …"; a generic agreement name ("the EDCA") whose other party the article named
before; and "the first Quad" of a later Quad's event, which is no name of the Quad of 2007. After heldout109-116 ran:
the IP4 by its older names, a grouping's members after a spaced hyphen, "Treaty allies" opening a sentence, "were both
part of", a grouping led by one "with" the others. After heldout117-124 ran: the acronyms of one country's forces, a
purchase of another country's weapon, "hand" with two objects, a donor of military assistance."""

from __future__ import annotations

import pytest

from tests.test_extract_claims_round4 import maker_claims as claims
from tests.test_extract_claims_round15 import _alliances_by_passage

NATO = "alliance:nato"


def _arms(text: str) -> set[tuple[str, str, str]]:
    return {(s.removeprefix("country:"), o.removeprefix("country:"), mood)
            for s, r, o, mood in claims(text, published=None) if r == "arms_supplier_to"}


# --- arms -------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("Indonesia has received its first French-built Rafale fighter jets.", {("FRA", "IDN", "asserted")}),
    ("Bangladesh intends to buy 20 fighter jets made in China.", {("CHN", "BGD", "planned")}),
    ("Poland signed an agreement to acquire 250 M1A2 Abrams tanks from the United States.",
     {("USA", "POL", "asserted")}),
    ("Spain has signed a contract with Turkey to buy 30 HÜRJET jet trainers.", {("TUR", "ESP", "asserted")}),
    ("Myanmar has supplied 120 mm mortar rounds to Russia, the report said.", {("MMR", "RUS", "asserted")}),
    ("Britain agreed in principle to supply StarStreak short-range air defence missiles to Ukraine.",
     {("GBR", "UKR", "asserted")}),
    ("More than 85,000 military drones have been delivered by the UK to Ukraine.", {("GBR", "UKR", "asserted")}),
])
def test_arms_as_the_fifteenth_rounds_sets_told_them(text: str, found: set[tuple[str, str, str]]) -> None:
    assert _arms(text) == found


@pytest.mark.parametrize("text, found", [
    ("Russia is India's largest arms supplier.", {("RUS", "IND")}),
    ("Russia is the largest arms supplier to India.", {("RUS", "IND")}),
    ("China was the main source of weapons for Pakistan.", {("CHN", "PAK")}),
    ("Russia is the chief supplier of arms and weaponry to Iran.", {("RUS", "IRN")}),
    ("China, Pakistan's main weapons supplier, objected to the report.", {("CHN", "PAK")}),
    ("India's top arms supplier, Russia, objected to the report.", {("RUS", "IND")}),
])
def test_a_supplier_named_by_its_customer(text: str, found: set[tuple[str, str]]) -> None:
    assert {(s, o) for s, o, _ in _arms(text)} == found


@pytest.mark.parametrize("text", [
    "Russia is India's largest trading partner.",
    "China is the largest source of imports for Pakistan.",
    "Russia is the largest supplier of oil to India, which buys its weapons elsewhere.",
    "South Korea's Hanwha Aerospace opened an office in Poland.",
])
def test_no_supplier_of_other_goods_and_no_maker_twice(text: str) -> None:
    assert _arms(text) == set()


# --- NATO's members listed ----------------------------------------------------------------------------------------------

def _members(text: str) -> set[str]:
    return {s.removeprefix("country:") for s, r, o, _ in claims(text, published=None) if r == "member_of" and o == NATO}


@pytest.mark.parametrize("text, members", [
    ("The United States is the framework nation, joined by NATO allies Romania, Croatia and the United Kingdom.",
     {"ROU", "HRV", "GBR"}),
    ("Two NATO Allies, the UK and Türkiye, recently agreed to work more closely together.", {"GBR", "TUR"}),
    ("As North Atlantic Treaty Organization (NATO) Allies, the United States and Romania work closely.", {"USA", "ROU"}),
    ("As NATO Allies, Norway and the United States train together.", {"NOR", "USA"}),
])
def test_nato_allies_listed(text: str, members: set[str]) -> None:
    assert _members(text) == members


@pytest.mark.parametrize("text", [
    "Biden told NATO allies Russia would pay a price.",  # one country after the noun: the clause's subject
    "NATO partners Japan and Australia attended the summit.",
    "Austria and Ireland, as non-NATO countries, stayed away.",
    # A list of parties, the allies one of them (heldout110, after its blind run).
    "New Zealand will work together with the NATO Allies, Sweden, Australia, Japan, Korea, and the European Union.",
])
def test_no_member_from_a_subject_or_a_partner(text: str) -> None:
    assert _members(text) == set()


# --- mentions -----------------------------------------------------------------------------------------------------------

def test_a_generic_name_is_the_pair_the_article_named_before() -> None:
    texts = ["The Philippines said on Friday it welcomed the new sites.",
             "Mayors expressed support for the EDCA with the United States."]
    assert _alliances_by_passage(texts) == [set(), {"alliance:us-philippines-edca"}]


@pytest.mark.parametrize("texts", [
    ["Mayors expressed support for the EDCA with the United States."],  # one party named
    ["Japan said on Friday it would join.", "Mayors expressed support for the EDCA with the United States."],
    ["The Philippines said on Friday it welcomed the new sites.", "Mayors expressed support for the EDCA."],
])
def test_a_generic_name_without_its_pair_is_none(texts: list[str]) -> None:
    assert _alliances_by_passage(texts)[-1] == set()


@pytest.mark.parametrize("text", [
    "India hosted the first Quad Ports of the Future Conference in Mumbai.",
    "It was the first Quad summit held in person, in September 2021.",
])
def test_the_first_quad_event_is_the_live_quads(text: str) -> None:
    assert _alliances_by_passage([text]) == [{"alliance:quad"}]


# --- the IP4 by its older names, its members after a spaced hyphen ------------------------------------------------------

@pytest.mark.parametrize("text", [
    'Australia, New Zealand, Japan and South Korea, the "Asia-Pacific Four", were invited.',
    'New Zealand and its other "Asia-Pacific 4" partners, Australia, South Korea and Japan, attended.',
])
def test_the_asia_pacific_four_is_the_ip4(text: str) -> None:
    assert _alliances_by_passage([text]) == [{"alliance:ip4"}]


def test_a_groupings_members_after_a_spaced_hyphen() -> None:
    text = 'The "Asia-Pacific Four" - Australia, New Zealand, Japan and South Korea - were invited.'
    assert {s.removeprefix("country:") for s, r, o, _ in claims(text, published=None)
            if r == "member_of" and o == "alliance:ip4"} == {"AUS", "NZL", "JPN", "KOR"}


# --- from heldout109-116, after they ran ----------------------------------------------------------------------------------

def _triples(text: str) -> set[tuple[str, str, str]]:
    return {(s.removeprefix("country:"), r, o) for s, r, o, _ in claims(text, published=None)}


def test_treaty_allies_opening_a_sentence() -> None:
    assert _triples("Treaty allies the United States and the Philippines have held drills.") == {
        ("USA", "treaty_ally_of", "country:PHL")}


def test_both_part_of_a_grouping() -> None:
    text = "New Zealand and the Philippines were both part of the Southeast Asia Treaty Organization from 1954 to 1977."
    assert _triples(text) == {("NZL", "member_of", "alliance:seato"), ("PHL", "member_of", "alliance:seato")}


@pytest.mark.parametrize("text", ["Finland was part of NATO's exercise.", "Sweden was part of the NATO mission in Kosovo."])
def test_part_of_an_alliances_undertaking_is_no_membership(text: str) -> None:
    assert _triples(text) == set()


def test_a_grouping_led_by_one_with_the_others() -> None:
    text = ("Trudeau says Canada is considering whether to join the second phase of AUKUS, the U.S.-led security "
            "partnership with the United Kingdom and Australia.")
    assert {s for s, r, o in _triples(text) if r == "member_of" and o == "alliance:aukus"} == {"USA", "GBR", "AUS"}


def test_a_grouping_with_countries_and_no_leader_names_no_members() -> None:
    assert _triples("AUKUS, the pact with Japan and Canada in talks, grew.") == set()


# --- from heldout117-124, after they ran: forces' acronyms that name one country ----------------------------------------

def _countries_by_passage(text: str) -> set[str]:
    from store.pipeline.extract.mentions import find_article_mentions
    from tests.test_extract_claims import _gazetteer

    gazetteer, _ = _gazetteer()
    (found,) = find_article_mentions(gazetteer, [text])
    return {m.entity_id for m in found if m.entity_id.startswith("country:")}


@pytest.mark.parametrize("text, found", [
    ("The exercise deepens understanding between the Indian Air Force and the USAF.", {"country:IND", "country:USA"}),
    ("Ships of the JMSDF and JASDF aircraft took part.", {"country:JPN"}),
    ("The IAF contingent arrived in France on November 10.", {"country:FRA"}),  # India's or Israel's air force
])
def test_the_acronyms_of_one_countrys_forces(text: str, found: set[str]) -> None:
    assert _countries_by_passage(text) == found


# --- from heldout117-124, after they ran: arms ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("Germany's purchase of Israel's Arrow 3 for the Sky Shield Initiative was criticised.", {("ISR", "DEU")}),
    ("India's purchase of Russia's S-400 systems angered Washington.", {("RUS", "IND")}),
    ("Japan is going to hand Bangladesh five patrol vessels.", {("JPN", "BGD")}),
    ("Germany is the second-largest donor of military assistance to Ukraine.", {("DEU", "UKR")}),
])
def test_arms_as_the_sixteenth_rounds_second_batch_told_them(text: str, found: set[tuple[str, str]]) -> None:
    assert {(s, o) for s, o, _ in _arms(text)} == found


@pytest.mark.parametrize("text", [
    "Germany's purchase of Norway's gas rose.",
    "Japan handed Bangladesh a letter.",
    "Under the document, Romania will hand the Patriot system over to Ukraine.",  # the weapon's maker is no buyer
])
def test_no_arms_from_other_goods_or_a_weapon_handed_over(text: str) -> None:
    assert _arms(text) == set()
