"""Readings the fifteenth round added (issue 14), each with the reading beside it that must still hold.

Before its first blind batch: the ways news calls a country an alliance's member without a verb of joining ("NATO
allies such as Germany", "France, a NATO country", "Germany and several other NATO countries", "its fellow NATO
allies", "Greece is our long-standing NATO ally"); "the two NATO allies" for the two countries just named; "have each
joined"; a grouping that welcomes a member; "among the closest allies of"; a government's "our allies"; a grouping the
store lacks named with its members' list. After the first batch: a count before the members' list; two countries'
accession approved; "the Baltic states"; "the RAA" for the agreement named before; a meeting's hyphenated chain. After
the second: a treaty and its name in apposition as one; consultations of two countries only; arms a country operates or
is equipped with; "one of NATO's twelve founding members"."""

from __future__ import annotations

import pytest

from store.models import Entity
from store.pipeline.extract.plurals import CountryLists
from store.pipeline.importer import import_text
from store.repository import FactStore
from tests.test_extract_claims_round4 import maker_claims as claims

NATO = "alliance:nato"


def _members(text: str) -> set[tuple[str, str]]:
    """The (country, modality) pairs the passage makes NATO members, read as the importer reads an article (with the
    lists of countries its sentences name, which "the two allies" refer to)."""
    found = claims(text, published=None, lists=CountryLists())
    return {(s, mood) for s, r, o, mood in found if r == "member_of" and o == NATO}


def _proposed(store: FactStore, text: str) -> list[Entity]:
    import_text(store, f"Title: T\nPublished: 2024-05-01\n\n{text}", name="t.txt")
    return [e for e in store.entities.values() if e.proposal is not None]


def _asserted(*codes: str) -> set[tuple[str, str]]:
    return {(f"country:{c}", "asserted") for c in codes}


# --- an alliance's noun of its members, with the countries it lists ---------------------------------------------------

@pytest.mark.parametrize("text, members", [
    ("NATO allies such as Germany and the Netherlands have sent ships to the Baltic.", ("DEU", "NLD")),
    ("NATO Allies like Germany and the Netherlands have been operating the aircraft for years.", ("DEU", "NLD")),
    ("NATO countries including Poland and Romania have raised their budgets.", ("POL", "ROU")),
    ("Germany and several other NATO countries sent air defence systems.", ("DEU",)),
    ("Poland, Romania and other NATO members agreed on the plan.", ("POL", "ROU")),
    ("The deal with Germany and fellow NATO allies was signed in June.", ("DEU",)),
])
def test_an_alliances_noun_with_the_countries_it_lists(text: str, members: tuple[str, ...]) -> None:
    assert _members(text) == _asserted(*members)


@pytest.mark.parametrize("text", [
    "NATO partners such as Japan and Australia attended the summit.",
    "Austria and other non-NATO countries sent aid.",
    "NATO allies such as the United States have pressed Japan and Australia to spend more.",
])
def test_partners_and_non_members_listed_are_no_members(text: str) -> None:
    found = _members(text)
    assert not {c for c, _ in found} & {"country:JPN", "country:AUS", "country:AUT"}


# --- one country called a member in an apposition or after "is" -------------------------------------------------------

@pytest.mark.parametrize("text, members", [
    ("France, a NATO country, sent troops to Romania.", ("FRA",)),
    ("Poland, a NATO ally, bought the tanks.", ("POL",)),
    ("France is a NATO country.", ("FRA",)),
    ("Greece is our long-standing NATO ally.", ("GRC",)),
    ("Greece is a close partner and NATO Ally.", ("GRC",)),
])
def test_one_country_called_a_member(text: str, members: tuple[str, ...]) -> None:
    assert _members(text) == _asserted(*members)


@pytest.mark.parametrize("text, found", [
    ("Ukraine, a NATO partner, sent troops.", set()),
    # The starter article's: a close ally of the alliance, outside it.
    ("Australia, a close NATO ally, participates in its summits every year.", set()),
    ("Japan is a close partner of NATO.", set()),
    ("Japan is not a NATO country.", {("country:JPN", "negated")}),
])
def test_a_partner_or_a_negated_member_is_no_member(text: str, found: set[tuple[str, str]]) -> None:
    assert _members(text) == found


# --- "its fellow NATO allies": the clause's subject is a member -------------------------------------------------------

@pytest.mark.parametrize("text, members", [
    ("Spain will press its fellow NATO allies to spend more.", ("ESP",)),
    ("Slovakia is buying the jets, enhancing its interoperability with fellow NATO allies.", ("SVK",)),
])
def test_a_subject_with_its_fellow_allies(text: str, members: tuple[str, ...]) -> None:
    assert _members(text) == _asserted(*members)


def test_fellow_allies_of_no_country_named_make_no_member() -> None:
    assert _members("Officials urged fellow NATO allies to spend more.") == set()


# --- "the two NATO allies": the two countries just named ---------------------------------------------------------------

@pytest.mark.parametrize("text, members", [
    ("Italy signed a deal with Turkey on Monday. The two NATO allies also agreed to build drones together.",
     ("ITA", "TUR")),
    ("Bulgaria, Romania and Turkey signed a mine-clearing accord. These three NATO Allies will patrol the Black Sea.",
     ("BGR", "ROU", "TUR")),
    ("Drones crashed in Poland and Romania last week, violating the airspace of the two NATO countries.",
     ("POL", "ROU")),
])
def test_the_two_nato_allies_are_the_two_countries_just_named(text: str, members: tuple[str, ...]) -> None:
    assert _members(text) == _asserted(*members)


@pytest.mark.parametrize("text", [
    # Three named, "the two" cannot say which.
    "Italy, Spain and Turkey met on Monday. The two NATO allies agreed to build drones together.",
    # No number: which of the alliance's members is not said.
    "Italy signed a deal with Turkey on Monday. The NATO allies also agreed to build drones together.",
])
def test_a_reference_the_text_does_not_resolve_makes_no_member(text: str) -> None:
    assert _members(text) == set()


# --- a quantifier floated before the verb -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Finland and Sweden have each joined NATO.",
    "Finland and Sweden have both joined NATO since 2022.",
    "Finland and Sweden each joined NATO after Russia's invasion.",
])
def test_have_each_joined(text: str) -> None:
    assert _members(text) == _asserted("FIN", "SWE")


def test_have_each_applied_is_no_membership() -> None:
    assert _members("Sweden and Finland have each applied to join NATO.") == set()


# --- a grouping that welcomes a country as its member ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "NATO welcomed Sweden as its 32nd member on Thursday.",
    "NATO formally welcomed Sweden as a new member.",
])
def test_a_grouping_welcomes_a_member(text: str) -> None:
    assert _members(text) == _asserted("SWE")


@pytest.mark.parametrize("text", [
    "NATO welcomed Sweden as a partner.",
    "NATO welcomed Sweden's decision to apply for membership.",
])
def test_a_welcome_of_no_member(text: str) -> None:
    assert _members(text) == set()


# --- a treaty ally among the closest ---------------------------------------------------------------------------------

def _allies(text: str) -> set[tuple[str, str, str]]:
    return {(s, o, mood) for s, r, o, mood in claims(text, published=None) if r == "treaty_ally_of"}


@pytest.mark.parametrize("text, found", [
    ("Australia is among the closest military allies of the United States.",
     {("country:AUS", "country:USA", "asserted")}),
    ("Norway is one of the most capable allies of the United States.", {("country:NOR", "country:USA", "asserted")}),
    ("Ukraine is not among the allies of Russia.", {("country:UKR", "country:RUS", "negated")}),
])
def test_an_ally_among_the_closest(text: str, found: set[tuple[str, str, str]]) -> None:
    assert _allies(text) == found


@pytest.mark.parametrize("text", [
    # A country's "closest ally in Southeast Asia" need be no treaty ally (heldout17's gold reads it so): not read.
    "Cambodia is China's closest ally in Southeast Asia.",
    "Poland is among the closest partners of Ukraine.",
])
def test_anothers_ally_or_a_partner_is_no_treaty_ally(text: str) -> None:
    assert _allies(text) == set()


# --- a government's "our allies" ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("Norway is one of our most capable and long-standing allies.", {("country:NOR", "country:USA", "asserted")}),
    ("Denmark is a close and longstanding ally.", {("country:DNK", "country:USA", "asserted")}),
    ("Australia is among our closest allies.", {("country:AUS", "country:USA", "asserted")}),
])
def test_a_governments_our_allies_are_its_own(text: str, found: set[tuple[str, str, str]]) -> None:
    published = {(s, o, mood) for s, r, o, mood in claims(text, published=None, publisher="country:USA")
                 if r == "treaty_ally_of"}
    assert published == found


@pytest.mark.parametrize("text, publisher", [
    ("Norway is one of our most capable and long-standing allies.", None),  # a newspaper's "our": nobody's
    ("Denmark is a close and longstanding ally of Ukraine's cause.", "country:USA"),  # the ally of something named
    ("Denmark is a close ally in our fight against drug trafficking.", "country:USA"),
    ("Denmark and Norway are close allies.", "country:USA"),  # two countries: each other's, which the rules read
    ("Greece is our long-standing NATO ally.", "country:GBR"),  # a NATO ally: a member, read above
])
def test_an_ally_that_is_not_the_governments(text: str, publisher: str | None) -> None:
    found = {(s, o) for s, r, o, _ in claims(text, published=None, publisher=publisher) if r == "treaty_ally_of"}
    assert not {(s, o) for s, o in found if o == publisher or s == publisher}


# --- a grouping the store lacks, named with its members' list -----------------------------------------------------

@pytest.mark.parametrize("text, name, members", [
    ("The members of the Gulf Cooperation Council are the United Arab Emirates, Bahrain, Saudi Arabia, Oman, Qatar and "
     "Kuwait.", "Gulf Cooperation Council", {"ARE", "BHR", "SAU", "OMN", "QAT", "KWT"}),
    ("The Lublin Triangle was founded in 2020. Its members are Lithuania, Poland and Ukraine.", "Lublin Triangle",
     {"LTU", "POL", "UKR"}),
    ("The Craiova Group brings together Bulgaria, Greece, Romania and Serbia.", "Craiova Group",
     {"BGR", "GRC", "ROU", "SRB"}),
    ("The Visegrad Group's members are the Czech Republic, Hungary, Poland and Slovakia.", "Visegrad Group",
     {"CZE", "HUN", "POL", "SVK"}),
])
def test_a_named_grouping_with_its_members_listed_is_proposed(
        starter: FactStore, text: str, name: str, members: set[str]) -> None:
    found = _proposed(starter, text)
    assert [(e.name, set(e.proposal.members)) for e in found if e.proposal] == [
        (name, {f"country:{c}" for c in members})]


@pytest.mark.parametrize("text", [
    "The European Economic Area's members are Iceland, Liechtenstein and Norway.",  # a trade body
    "The summit brought together Japan, India and Australia.",  # a meeting, named by no name
    "The Prime Minister said the members are Japan, India and Australia.",
    "The Lublin Triangle was founded in 2020. Its members met in Kyiv with Poland and Ukraine.",  # no list after "are"
])
def test_no_grouping_without_a_name_and_its_list(starter: FactStore, text: str) -> None:
    assert _proposed(starter, text) == []


# --- a count of members before their list; a coordinated accession; the Baltic states ------------------------------

def test_a_count_of_members_before_their_list() -> None:
    found = {(s, o) for s, r, o, _ in claims("The Quad groups four countries, India, Australia, Japan and the United "
                                            "States.", published=None) if r == "member_of"}
    assert found == {(f"country:{c}", "alliance:quad") for c in ("IND", "AUS", "JPN", "USA")}


def test_two_countries_accession_approved() -> None:
    found = {(s, r) for s, r, o, _ in claims("Turkey approved Finland and Sweden's accession to NATO.", published=None)
             if o == NATO}
    assert found == {("country:FIN", "applicant_to"), ("country:SWE", "applicant_to")}


@pytest.mark.parametrize("text, members", [
    ("Since March 2004, when the Baltic States joined NATO, allies have policed their skies.", ("EST", "LVA", "LTU")),
    ("All three Baltic states joined NATO in 2004.", ("EST", "LVA", "LTU")),
])
def test_the_baltic_states_are_their_three_countries(text: str, members: tuple[str, ...]) -> None:
    assert _members(text) == _asserted(*members)


@pytest.mark.parametrize("text", [
    "Budapest said it supported both Nordic countries joining NATO.",  # two of them, which the text does not say
    "It is the first such agreement concluded between Japan and Nordic countries.",
])
def test_some_nordic_countries_are_not_the_region(text: str) -> None:
    assert not any(o in {"country:DNK", "country:ISL", "country:NOR"} or s in {"country:DNK", "country:ISL"}
                   for s, _, o, _ in claims(text, published=None))


# --- "the RAA" after the agreement its countries named ---------------------------------------------------------------

def _alliances_by_passage(texts: list[str]) -> list[set[str]]:
    from store.pipeline.extract.mentions import find_article_mentions
    from tests.test_extract_claims import _gazetteer

    gazetteer, _ = _gazetteer()
    return [{m.entity_id for m in found if m.entity_id.startswith("alliance:")}
            for found in find_article_mentions(gazetteer, texts)]


def test_the_raa_is_the_agreement_its_countries_named_before() -> None:
    texts = ["The Reciprocal Access Agreement, a major defence pact that will let Japanese forces hold joint exercises "
             "with Filipino troops in the Philippines, was approved by Japan's Diet yesterday.",
             "The two countries signed the RAA in July 2024.",
             "When the RAA takes effect, Japan will be able to join the Balikatan exercise."]
    assert _alliances_by_passage(texts) == [{"alliance:japan-philippines-raa"}] * 3


def test_the_raa_with_no_agreement_named_before_is_none() -> None:
    assert _alliances_by_passage(["The two countries signed the RAA in July 2024."]) == [set()]


@pytest.mark.parametrize("text, found", [
    ("The Japan-Australia-Philippines-U.S. Defense Ministers' Meeting was held in Honolulu.", {"alliance:squad"}),
    ("Japan -Australia-Philippines-U.S. Senior Officials' Meeting was convened in Manila.", {"alliance:squad"}),
])
def test_a_meeting_named_by_its_countries_hyphenated_even_spaced(text: str, found: set[str]) -> None:
    assert _alliances_by_passage([text]) == [found]


# --- a description, then its name in apposition: one agreement ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Ministers met to begin our pathway from defence partners to allies under the PNG-Australia Mutual Defence Treaty - "
    "the Pukpuk Treaty.",
    "Ministers met under the PNG-Australia Mutual Defence Treaty, the Pukpuk Treaty, on Monday.",
    "Australia and Papua New Guinea signed the Pukpuk Treaty, the PNG-Australia Mutual Defence Treaty, on Monday.",
])
def test_a_treaty_and_its_name_in_apposition_are_one(starter: FactStore, text: str) -> None:
    found = _proposed(starter, text)
    assert [set(e.proposal.members) for e in found if e.proposal] == [{"country:AUS", "country:PNG"}]
    assert any("Pukpuk" in n for n in (found[0].name, *found[0].aliases))


def test_two_agreements_of_a_pair_named_each_are_still_two(starter: FactStore) -> None:
    text = ("Australia and Papua New Guinea signed the Pukpuk Treaty on Monday and the Kokoda Agreement, a second "
            "accord, on Tuesday.")
    assert len(_proposed(starter, text)) == 2


@pytest.mark.parametrize("text, found", [
    ("The Australia-United States Ministerial Consultations were held in Brisbane.",
     {("country:AUS", "consults_with", "country:USA")}),
    ("Japan -Australia-India-U.S. Consultations was convened in Delhi.", set()),  # the four's, not India's and the US's
    ("The Japan-Australia-India-U.S. Consultations was convened in Delhi.", set()),
])
def test_consultations_named_by_two_countries_only(text: str, found: set[tuple[str, str, str]]) -> None:
    assert {(s, r, o) for s, r, o, _ in claims(text, published=None) if r == "consults_with"} == found


# --- arms a country operates, is equipped with or takes delivery of, by its maker's country ----------------------------

def _arms(text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, r, o, mood in claims(text, published=None) if r == "arms_supplier_to" and mood == "asserted"}


@pytest.mark.parametrize("text, found", [
    ("India's ageing Russian-made equipment needs spare parts.", {("RUS", "IND")}),
    ("Azerbaijan, equipped with Turkish and Pakistani weapons, won the war.", {("TUR", "AZE"), ("PAK", "AZE")}),
    ("Poland operates American-made F-16 fighter jets.", {("USA", "POL")}),
    ("India took delivery of the last two squadrons of the Russian S-400 air defence system.", {("RUS", "IND")}),
])
def test_arms_operated_or_received_by_their_makers_country(text: str, found: set[tuple[str, str]]) -> None:
    assert _arms(text) == {(f"country:{s}", f"country:{o}") for s, o in found}


@pytest.mark.parametrize("text", [
    "Ukraine used captured Russian tanks against their former owners.",
    "Ukraine destroyed Russian-made tanks near Kharkiv.",
    "Poland operates its own Polish-made howitzers.",
    "Ukraine's drones hit Russian-made air defence systems.",
])
def test_arms_captured_destroyed_or_homemade_are_no_supply(text: str) -> None:
    assert _arms(text) == set()


@pytest.mark.parametrize("text, found", [
    ("Iceland is one of NATO's twelve founding members.", {("country:ISL", "asserted")}),
    ("Finland is among NATO's newest members.", {("country:FIN", "asserted")}),
    ("Japan is not one of NATO's members.", {("country:JPN", "negated")}),
    ("Japan is one of NATO's partners.", set()),
])
def test_one_of_an_alliances_members(text: str, found: set[tuple[str, str]]) -> None:
    assert _members(text) == found
