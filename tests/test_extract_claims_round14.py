"""Readings the fourteenth round added (issue 14), each with the reading beside it that must still hold: a memorandum
of understanding of no stated subject, signed for arms or the military; a weapon named by its maker's product, then
"systems"; a buyer's deal completed with its seller."""

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
