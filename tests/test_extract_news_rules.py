"""store/pipeline/extract/news_rules.py and the fifth round's frames: a grouping's members and a country's allies told
in passing, as wire copy does, each on sentences written for the test, with a trap that must give nothing."""

from __future__ import annotations

from tests.test_extract_claims import claims

AUS, USA, JPN, IND, GBR, CAN, NZL, KOR, PHL, FIN = (
    f"country:{c}" for c in ("AUS", "USA", "JPN", "IND", "GBR", "CAN", "NZL", "KOR", "PHL", "FIN"))
FIVE, QUAD, AUKUS, ANZUS, IP4 = "alliance:five-eyes", "alliance:quad", "alliance:aukus", "alliance:anzus", "alliance:ip4"


def _members(countries: tuple[str, ...], obj: str, modality: str = "asserted") -> set[tuple[str, str, str, str]]:
    return {(c, "member_of", obj, modality) for c in countries}


def test_a_grouping_with_its_members_after_a_dash_or_comprising() -> None:
    assert claims("Leaders of the Five Eyes intelligence partnership—the United States, Britain, Canada, Australia and "
                  "New Zealand—met in California.") == _members((USA, GBR, CAN, AUS, NZL), FIVE)
    assert claims("The Quad, comprising the US, Japan, India and Australia, met.") == _members((USA, JPN, IND, AUS), QUAD)
    assert not claims("The Quad — and Japan — met.")  # one country is no list of members


def test_countries_that_make_up_a_grouping() -> None:
    found = claims("South Korea and Australia, which together with Japan and New Zealand are close partners, make up "
                   "the IP4.")
    assert found >= _members((KOR, AUS, JPN, NZL), IP4)


def test_a_summit_that_brought_leaders_together() -> None:
    found = claims("The first summit of the Quad brought together US President Joe Biden, Australian Prime Minister "
                   "Scott Morrison and Japanese Prime Minister Yoshihide Suga.")
    assert found == _members((USA, AUS, JPN), QUAD)


def test_suspended_from_an_alliance() -> None:
    assert claims("New Zealand was suspended from ANZUS in 1986.") == {(NZL, "suspended_from", ANZUS, "asserted")}


def test_a_country_apposed_as_an_ally() -> None:
    assert claims("China and the Philippines, a U.S. defence treaty ally, clash at sea.") == {
        (PHL, "treaty_ally_of", USA, "asserted")}
    assert claims("South Korea and Australia, which together with Japan are key U.S. allies, stayed away.") == {
        (c, "treaty_ally_of", USA, "asserted") for c in (KOR, AUS, JPN)}
    assert not claims("Finland, a U.S. partner, met.")


def test_a_contraction_negates() -> None:
    found = claims('"New Zealand isn\'t part of AUKUS at this point," the prime minister said.')
    assert found == {(NZL, "member_of", AUKUS, "negated")}


def test_forces_training_and_willing_to_talk_about_cooperation() -> None:
    assert claims("Filipino and U.S. forces were still training with the missile system.") == {
        (PHL, "cooperates_with", USA, "asserted")}
    found = claims("New Zealand is willing to talk about non-nuclear cooperation with AUKUS, its minister said.")
    assert {(s, r, o) for s, r, o, _ in found} == {(NZL, "considering_cooperation_with", AUKUS)}


def test_a_summit_that_brought_together_a_leader_named_without_a_country() -> None:
    from store.models import MentionSpan

    text = "The summit of the Quad brought together Prime Minister Narendra Modi and US President Joe Biden."
    from tests.test_extract_claims import _gazetteer

    gazetteer, _ = _gazetteer()
    start = text.index("Prime Minister Narendra Modi")
    modi = MentionSpan(entity_id=IND, start=start, end=start + len("Prime Minister Narendra Modi"))
    found = claims(text, sorted([*gazetteer.find(text), modi], key=lambda m: m.start))
    assert found == _members((IND, USA), QUAD)


def test_accused_in_the_passive_and_a_contract_with_its_value() -> None:
    from tests.test_extract_claims_round4 import maker_claims

    assert claims("North Korea has also been accused of supplying Russia with artillery systems and missiles.") == {
        ("country:PRK", "arms_supplier_to", "country:RUS", "asserted")}
    found = maker_claims("LIG Nex1 had secured a $3.2 billion contract to sell surface-to-air missiles to Saudi "
                         "Arabia.", published=None)
    assert found == {(KOR, "arms_supplier_to", "country:SAU", "asserted")}
    assert claims("Plans for Japan to export second-hand destroyers to the Philippines were announced.") == {
        (JPN, "arms_supplier_to", PHL, "planned")}


def test_non_nato_is_no_mention_of_nato() -> None:
    from tests.test_extract_claims_round4 import mentioned

    assert "alliance:nato" not in mentioned("Washington designated Thailand a Major Non-NATO Ally in 2003.")
    assert "alliance:nato" in mentioned("Thailand is not a NATO member.")


def test_a_definition_naming_its_members_exercises_begun_and_a_deal_with_its_value() -> None:
    assert claims("The Five Power Defence Arrangements (FPDA) are a series of defence relationships established by "
                  "agreements between Australia, Malaysia, New Zealand, Singapore and the United Kingdom.") == {
        (c, "member_of", "alliance:fpda", "asserted") for c in (AUS, "country:MYS", NZL, "country:SGP", GBR)}
    assert claims("Indonesia and Russia have started their first joint naval exercises.") == {
        ("country:IDN", "cooperates_with", "country:RUS", "asserted")}
    assert claims("Egypt has signed a $1.7 billion deal to buy howitzers from South Korea.") == {
        (KOR, "arms_supplier_to", "country:EGY", "asserted")}


def test_of_which_a_country_is_a_member_and_a_members_treaty_commitments() -> None:
    assert claims("The Quad, of which India is a member, met.") == _members((IND,), QUAD)
    assert claims("The pact fits Australia's ANZUS treaty commitments.") == _members((AUS,), ANZUS)
    assert not claims("Australia's NATO partners met.")


def test_a_country_apposed_as_an_alliances_ally_and_a_commitment_to_anothers_defence() -> None:
    assert claims("Congress approved the sale to Turkey, a NATO ally, on Friday.") == _members(("country:TUR",),
                                                                                             "alliance:nato")
    assert claims("NATO member Poland asked for consultations.") == _members(("country:POL",), "alliance:nato")
    assert claims("They reaffirmed the United States' unwavering commitment to the defense of Japan and the ROK.") == {
        (USA, "treaty_ally_of", JPN, "asserted"), (USA, "treaty_ally_of", KOR, "asserted")}


def test_arms_bought_from_a_countrys_weapon_sent_and_an_order_won() -> None:
    from tests.test_extract_claims_round4 import maker_claims

    assert claims("The Philippines bought India's BrahMos supersonic cruise missile system in 2022.") == {
        (IND, "arms_supplier_to", PHL, "asserted")}
    assert claims("Pakistan intends to buy 40 of China's advanced J-35 stealth fighters.") == {
        ("country:CHN", "arms_supplier_to", "country:PAK", "planned")}
    assert claims("Japan said it would send Patriot air defence missiles to the United States.") == {
        (JPN, "arms_supplier_to", USA, "planned")}
    assert maker_claims("LIG Nex1 won an order worth 3.71 trillion won ($2.8 billion) from Iraq for its missiles.",
                        published=None) == {(KOR, "arms_supplier_to", "country:IRQ", "asserted")}
    assert not claims("Samsung won an order worth $2 billion from Iraq for power plants.")
