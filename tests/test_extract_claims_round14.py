"""Readings the fourteenth round added (issue 14), each with the reading beside it that must still hold: a memorandum
of understanding of no stated subject, signed for arms or the military; a weapon named by its maker's product, then
"systems"; a buyer's deal completed with its seller, or under negotiation; a grouping that is the subject of a verb of
membership, or whose apposition says whose it is; "the … bloc" after the grouping the passage has just named; British
spellings of alliances' names; the sides of a war, which are no pair of parties; a government's "our alliance"."""

from __future__ import annotations

import pytest

from store.models import Entity
from store.pipeline.importer import import_text
from store.repository import FactStore
from tests.test_extract_claims_round4 import maker_claims as claims


def _proposed(store: FactStore, text: str) -> list[Entity]:
    import_text(store, f"Title: T\nPublished: 2024-05-01\n\n{text}", name="t.txt")
    return [e for e in store.entities.values() if e.proposal is not None]


# --- a memorandum of understanding is a defence one when its clause is about arms -----------------------------------

@pytest.mark.parametrize("text, members", [
    ("Turkey and Spain signed a memorandum of understanding (MoU) on Friday for the purchase of Hurjet jet trainers.",
     {"country:ESP", "country:TUR"}),
    ("Israel and Morocco signed a memorandum of understanding on Wednesday that opens the way to arms sales.",
     {"country:ISR", "country:MAR"}),
])
def test_a_memorandum_signed_for_arms_is_proposed(starter: FactStore, text: str, members: set[str]) -> None:
    found = _proposed(starter, text)
    assert [set(e.proposal.members) for e in found if e.proposal] == [members]
    assert [e.alliance_kind for e in found] == ["memorandum of understanding"]


@pytest.mark.parametrize("text", [
    "Japan and India signed a memorandum of understanding on Friday on semiconductors.",
    "Turkey and Spain signed a memorandum of understanding on tourism. Spain also bought jet trainers.",
])
def test_a_memorandum_of_another_subject_is_not(starter: FactStore, text: str) -> None:
    assert _proposed(starter, text) == []


# --- a maker's product, then "systems" -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Germany has supplied IRIS-T systems to Ukraine.",
    "Kyiv received IRIS-T systems from Germany.",
])
def test_a_product_named_for_its_maker_then_systems_is_arms(text: str) -> None:
    assert ("country:DEU", "arms_supplier_to", "country:UKR", "asserted") in claims(text, published=None)


def test_a_country_then_systems_is_still_no_weapon() -> None:
    assert claims("Germany has supplied power systems to Ukraine.", published=None) == set()


# --- a buyer's deal completed with its seller ------------------------------------------------------------------------

@pytest.mark.parametrize("text, seller, buyer", [
    ("Iran has completed a deal with Russia to buy Sukhoi Su-35 fighter jets.", "country:RUS", "country:IRN"),
    ("Indonesia finalised a contract with France for 42 Rafale jets.", "country:FRA", "country:IDN"),
])
def test_a_deal_completed_with_a_seller_is_a_sale(text: str, seller: str, buyer: str) -> None:
    assert (seller, "arms_supplier_to", buyer, "asserted") in claims(text, published=None)


def test_a_makers_export_contract_with_a_buyer_is_not_the_buyers_purchase_from_it() -> None:
    text = ("Turkish drone maker Baykar has completed a $367 million export contract with the Kuwaiti government for "
            "Bayraktar TB2 unmanned combat aerial vehicles (UCAVs).")
    assert ("country:KWT", "arms_supplier_to", "country:TUR", "asserted") not in claims(text, published=None)


# --- a grouping that is the subject of a verb of membership, or whose apposition says whose it is -------------------

@pytest.mark.parametrize("text, alliance, members", [
    ("AUKUS, announced in 2021, brings together Australia, the United Kingdom and the United States.", "alliance:aukus",
     {"AUS", "GBR", "USA"}),
    ("The Quad groups the United States, Japan, India and Australia.", "alliance:quad", {"USA", "JPN", "IND", "AUS"}),
    ("AUKUS, the security pact of Australia, Britain and the United States, was announced in 2021.", "alliance:aukus",
     {"AUS", "GBR", "USA"}),
])
def test_a_grouping_says_who_its_members_are(text: str, alliance: str, members: set[str]) -> None:
    found = {s.removeprefix("country:") for s, r, o, _ in claims(text, published=None) if r == "member_of" and o == alliance}
    assert found == members


@pytest.mark.parametrize("text", [
    "NATO's plan includes Poland and Romania.",
    "AUKUS brought a new submarine to Australia.",
])
def test_what_a_grouping_holds_or_brings_is_no_member(text: str) -> None:
    assert not any(r == "member_of" for _, r, _, _ in claims(text, published=None))


# --- "the … bloc" is the grouping the passage has just named --------------------------------------------------------

def _stated(store: FactStore, text: str) -> set[tuple[str, str, str]]:
    """The facts an import of ``text`` proposes or links a passage to."""
    report = import_text(store, f"Title: T\nPublished: 2025-06-26\n\n{text}", name="t.txt")
    found = {(f.subject, f.relation.value, f.object) for f in report.proposed}
    linked = (report.linked_facts[link.fact_id] for link in report.links_proposed)
    return found | {(f.subject, f.relation.value, f.object) for f in linked}


def test_the_bloc_after_the_sco_is_the_sco(starter: FactStore) -> None:
    text = ("NATO leaders met in The Hague last week.\n\nThe ministers met for the yearly gathering of the member "
            "states of the Shanghai Co-operation Organisation. Besides China and Russia, the China-led security bloc "
            "includes Belarus, India and Kazakhstan.")
    found = _stated(starter, text)
    assert {(f"country:{c}", "member_of", "alliance:sco") for c in ("BLR", "IND", "KAZ")} <= found
    assert not any(o == "alliance:nato" for _, _, o in found)


def test_the_bloc_is_not_a_grouping_an_earlier_passage_named(starter: FactStore) -> None:
    text = ("Leaders of the Shanghai Cooperation Organization met in Tianjin.\n\nThe ministers met in Qingdao. Besides "
            "China and Russia, the China-led security bloc includes Belarus and India.")
    assert not any(o == "alliance:sco" and s in ("country:BLR", "country:IND") for s, _, o in _stated(starter, text))


# --- British spellings of an alliance's name ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "the member states of the Shanghai Co-operation Organisation",
    "the member states of the Shanghai Cooperation Organisation",
    "the member states of the Shanghai Cooperation Organization",
])
def test_an_alliance_is_found_under_its_british_spelling(text: str) -> None:
    from store.pipeline.extract.mentions import find_article_mentions
    from tests.test_extract_claims import _gazetteer

    (found,) = find_article_mentions(_gazetteer()[0], [text])
    assert [m.entity_id for m in found] == ["alliance:sco"]


# --- the sides of a war are not a partnership's parties ---------------------------------------------------------------

def test_the_sides_of_a_war_are_not_the_parties_both_sides_means(starter: FactStore) -> None:
    text = ("On 19 May, the European Union and the United Kingdom concluded a Security and Defence Partnership.\n\n"
            "The Partnership comes at a pivotal time, amid Russia's illegal war of aggression against Ukraine.\n\n"
            "The Leaders welcomed agreement on the Security and Defence Partnership reflecting the shared commitment "
            "of both sides to deeper cooperation.")
    members = {m for e in _proposed(starter, text) if e.proposal for m in e.proposal.members}
    assert not members & {"country:RUS", "country:UKR"}


@pytest.mark.parametrize("text, listed", [
    ("The Partnership comes at a pivotal time, amid Russia's illegal war of aggression against Ukraine.", []),
    ("It came weeks after Russia's full-scale invasion of Ukraine.", []),
    ("Japan's Prime Minister met Australia's in Tokyo.", [("country:JPN", "country:AUS")]),
    ("Russia's talks with Ukraine on grain exports resumed.", [("country:RUS", "country:UKR")]),
])
def test_a_sentence_names_a_pair_unless_they_are_at_war(text: str, listed: list[tuple[str, ...]]) -> None:
    from store.models import MentionSpan
    from store.pipeline.extract.mentions import find_article_mentions
    from store.pipeline.extract.plurals import lists_in
    from tests.test_extract_claims import _gazetteer

    (found,) = find_article_mentions(_gazetteer()[0], [text])
    spans = [MentionSpan(entity_id=m.entity_id, start=m.start, end=m.end) for m in found]
    assert lists_in(text, spans, 0, len(text)) == listed


# --- a purchase under negotiation -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, sellers, buyer", [
    ("Iran is reported to be in talks with China to buy advanced J-10C fighter jets.", {"country:CHN"}, "country:IRN"),
    ("Turkey is negotiating with Qatar and Oman over the purchase of used Eurofighter Typhoon jets.",
     {"country:QAT", "country:OMN"}, "country:TUR"),
])
def test_a_purchase_under_negotiation_is_a_sale_considered(text: str, sellers: set[str], buyer: str) -> None:
    found = {(s, m) for s, r, o, m in claims(text, published=None) if r == "arms_supplier_to" and o == buyer}
    assert found == {(s, "considering") for s in sellers}


def test_talks_about_a_deal_already_made_name_no_seller() -> None:
    text = "India and France were in talks on Monday about the Rafale deal."
    assert not any(r == "arms_supplier_to" for _, r, _, _ in claims(text, published=None))


# --- a government's "our alliance" ------------------------------------------------------------------------------------

def _alliances_named(store: FactStore, text: str, source: str) -> set[str]:
    report = import_text(store, f"Title: T\nSource: {source}\nPublished: 2022-01-07\n\n{text}", name="t.txt")
    return {m.entity_id for x in report.excerpts for m in x.mentions if m.entity_id.startswith("alliance:")}


_TRIP = ("In 2021, the very first foreign trip that Secretary Austin and I made was to Japan.\n\n"
         "That was because our alliance of more than 60 years has long been a cornerstone of peace and security.")


def test_a_governments_our_alliance_is_its_own_with_the_country_named(starter: FactStore) -> None:
    assert _alliances_named(starter, _TRIP, "U.S. Department of State") == {"alliance:us-japan-alliance"}


@pytest.mark.parametrize("text, source", [
    (_TRIP, "Reuters"),
    (_TRIP.replace("to Japan", "to Japan and South Korea"), "U.S. Department of State"),
])
def test_our_alliance_names_none_when_whose_is_not_plain(starter: FactStore, text: str, source: str) -> None:
    assert _alliances_named(starter, text, source) == set()
