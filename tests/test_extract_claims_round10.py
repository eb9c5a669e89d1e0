"""Constructions of the tenth round (issue 14), each with the trap beside it: arms told by a delivery taken, a choice,
an approval given, a weapon named by its code ("IRIS-T systems"), or made or designed by another country; security
deals as agreements, and a sale's support programmes as no groupings."""

from __future__ import annotations

import pytest

from store.pipeline.importer import import_text
from store.repository import FactStore
from tests.test_extract_claims import claims

ARMS = "arms_supplier_to"


@pytest.mark.parametrize("text, seller, buyer, modality", [
    ("Taiwan has taken delivery of 38 advanced Abrams battle tanks from the United States.", "USA", "TWN", "asserted"),
    ("Japan took delivery of its first F-35B jets from the United States on Monday.", "USA", "JPN", "asserted"),
    ("Germany has supplied IRIS-T systems to Ukraine.", "DEU", "UKR", "asserted"),
    ("The United States gave approval to a possible sale of up to 25 F-35A radar-evading fighters and related equipment "
     "to South Korea.", "USA", "KOR", "possible"),
    ("The Philippines received two more fast attack craft from Israel.", "ISR", "PHL", "asserted"),
    ("Pakistan added six modern J-10C fighter aircraft made in China.", "CHN", "PAK", "asserted"),
    ("Brazil launched its third submarine of French design.", "FRA", "BRA", "asserted"),
    ("Poland chose South Korean tanks.", "KOR", "POL", "asserted"),
    ("The German government agreed to provide 50 Cheetah anti-aircraft systems to Ukraine.", "DEU", "UKR", "planned"),
    ("Russia has already delivered eight S-300 air defence launchers to Tajikistan.", "RUS", "TJK", "asserted"),
    ("Israel will supply Morocco with its Barak MX air and missile defence system.", "ISR", "MAR", "planned"),
    ("Poland signed an agreement with Turkey to buy 24 Turkish-made drones.", "TUR", "POL", "asserted"),
    ("Zagreb's purchase of 12 French-built Rafale fighter jets was completed.", "FRA", "HRV", "asserted"),
    ("Estonia is strengthening its defences by buying an advanced U.S. rocket artillery system.", "USA", "EST",
     "asserted"),
    ("Japan has commenced its transfer of air surveillance radar systems to the Philippines.", "JPN", "PHL", "asserted"),
])
def test_arms_told_by_the_buyer_the_approval_or_the_weapon(text: str, seller: str, buyer: str, modality: str) -> None:
    assert claims(text) == {(f"country:{seller}", ARMS, f"country:{buyer}", modality)}


@pytest.mark.parametrize("text", [
    "Japan took delivery of rice from Thailand.",  # no arms
    "Germany has supplied heating systems to Ukraine.",  # "systems" alone, after no weapon's name
    "Germany has supplied Windows systems to Ukraine.",  # a name, but no maker's code
    "The Philippines received two more craft from Israel.",  # a craft of no military kind
    "Pakistan added six modern fighter aircraft made in Pakistan.",  # its own
    "Poland chose a South Korean candidate.",  # a choice of no arms
    "Estonia is strengthening its economy by buying American bonds.",  # no arms
    "Japan has commenced its transfer of funds to the Philippines.",  # no arms
    "Zagreb's purchase of 12 French-built cars was completed.",  # no arms
])
def test_no_arms_sale_without_arms_or_a_seller(text: str) -> None:
    assert not {c for c in claims(text) if c[1] == ARMS}


def _proposed(store: FactStore) -> list[tuple[tuple[str, ...], str]]:
    return sorted((tuple(e.proposal.members), e.name) for e in store.entities.values() if e.proposal is not None)


def test_security_deals_are_agreements_and_a_defence_deal_a_sale(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2024-03-01\n\n"
                "Ukraine had already signed similar security deals with Denmark and Finland.\n\n"
                "Poland signed a $2 billion defence deal with South Korea for tanks.", name="t.txt")
    assert [(members, name.split(" ", 1)[1]) for members, name in _proposed(starter)] == [
        (("country:DNK", "country:UKR"), "security agreement"), (("country:FIN", "country:UKR"), "security agreement")]


def test_a_sales_support_programme_is_no_grouping(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2021-06-01\n\n"
                "The Government of Greece has requested to buy U.S. Government support services for the F-16 Aircraft "
                "Structural Integrity Program and participation in the International Engine Management Program.",
                name="t.txt")
    assert _proposed(starter) == []
