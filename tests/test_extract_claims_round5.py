"""The claims stage, fifth round (issue 14): constructions the spent held-out sets showed on unseen news, each
tested on sentences written for the test, with a trap that must give nothing.

- a grouping's deal "between" its members, and its members in brackets after it;
- forces flying "joint missions", a country taking part in exercises "with" others;
- a pair deepening "their countries' cooperation in the arms industry";
- "the two sides will hold consultations", a pair's "Defence Ministers' Meeting";
- purchases "from" several sellers, a maker that "won a competition to supply" a buyer;
- "these partner countries" as the countries listed before.
"""

from __future__ import annotations

from store.pipeline.extract.plurals import PLURAL_REFERENCE, CountryLists
from tests.test_extract_claims import claims
from tests.test_extract_claims_round4 import maker_claims

AUS, USA, JPN, IND, GBR = (f"country:{c}" for c in ("AUS", "USA", "JPN", "IND", "GBR"))
CHN, RUS, PRK, KOR, POL, FRA, ISR, MYS = (f"country:{c}" for c in ("CHN", "RUS", "PRK", "KOR", "POL", "FRA", "ISR",
                                                                    "MYS"))
AUKUS, QUAD = "alliance:aukus", "alliance:quad"


def test_a_groupings_deal_between_its_members() -> None:
    found = claims("The AUKUS submarine deal between Australia, Britain and the United States was reviewed.")
    assert found == {(c, "member_of", AUKUS, "asserted") for c in (AUS, GBR, USA)}
    # Not a deal: tensions between two countries over a grouping make neither a member.
    assert not claims("AUKUS tensions between China and Australia grew.")


def test_a_groupings_members_in_brackets() -> None:
    found = claims("The leaders of the Quad group (Japan, the US, India and Australia) met in Tokyo.")
    assert found == {(c, "member_of", QUAD, "asserted") for c in (JPN, USA, IND, AUS)}
    assert not claims("The Quad (Japan) met.")  # one country in brackets is no list of members


def test_warplanes_flying_joint_missions() -> None:
    assert claims("Chinese and Russian warplanes flew joint missions near Japan on Tuesday.") == {
        (CHN, "cooperates_with", RUS, "asserted")}
    assert not claims("Chinese and Russian warplanes flew near Japan on Tuesday.")


def test_taking_part_in_exercises_with_others() -> None:
    found = claims("Britain is to take part in military exercises with Washington and Tokyo.")
    assert found == {(GBR, "cooperates_with", USA, "planned"), (GBR, "cooperates_with", JPN, "planned")}


def test_deepening_their_countries_cooperation_in_the_arms_industry() -> None:
    found = claims("South Korea and Poland held talks on ways to deepen their countries' cooperation in the arms "
                   "industry.")
    assert found == {(KOR, "cooperates_with", POL, "asserted")}
    assert not claims("South Korea and Poland held talks on ways to deepen their cooperation in the film industry.")


def test_holding_consultations_and_a_ministers_meeting() -> None:
    assert claims("Russia and North Korea will hold consultations if either faces aggression.") == {
        (RUS, "consults_with", PRK, "planned")}
    assert claims("They spoke at the UK-Australia Defence Ministers' Meeting in Geelong.") == {
        (GBR, "consults_with", AUS, "asserted")}


def test_purchases_from_several_sellers() -> None:
    found = claims("India has modernised its military, making major purchases from France as well as from the "
                   "United States and Israel.")
    assert found == {(s, "arms_supplier_to", IND, "asserted") for s in (FRA, USA, ISR)}
    # Purchases with no word of arms in the sentence are trade.
    assert not claims("India kept making large purchases from Russia and Iraq.")


def test_a_maker_that_won_a_competition_to_supply_a_buyer() -> None:
    found = maker_claims("Korea Aerospace Industries has won a competition to supply light attack aircraft to "
                         "Malaysia.", published=None)
    assert found == {(KOR, "arms_supplier_to", MYS, "asserted")}


def test_these_partner_countries_are_the_countries_listed_before() -> None:
    lists = CountryLists([(AUS, JPN, KOR)])
    [m] = PLURAL_REFERENCE.finditer("Envoys of these partner countries met.")
    assert lists.resolve(m) == (AUS, JPN, KOR)
    text = "Australia and Japan signed a pact. These partner countries will hold consultations each year."
    assert claims(text, lists=CountryLists()) >= {(AUS, "consults_with", JPN, "planned")}


def test_a_trilateral_summit_of_the_three_a_sentence_lists_beside_another_country() -> None:
    from tests.test_extract_claims_round4 import article_claims

    text = ("On Thursday he will host the first trilateral summit of Japan, the Philippines and the United States, "
            "amid tensions with China.")
    found = article_claims(text)
    assert found == {(c, "member_of", "alliance:us-japan-philippines-trilateral", "planned")
                     for c in (JPN, "country:PHL", USA)}


def test_its_traditional_ally() -> None:
    found = claims("Japan has been trying to widen its security ties beyond its traditional ally, the United States.")
    assert found == {(JPN, "treaty_ally_of", USA, "asserted")}
    # "its" is the nearest country's: China's ally, not Japan's.
    assert claims("Japan said China was pressing its ally, Russia.") == {("country:CHN", "treaty_ally_of", RUS, "asserted")}


def test_a_meeting_named_by_the_countries_listed_before_it() -> None:
    from tests.test_extract_claims_round4 import mentioned

    assert "alliance:us-japan-rok-trilateral" in mentioned(
        "The exercise was announced at the Japan, ROK, and U.S. defense ministerial meeting in June.")
    # A list with no meeting after it, or a meeting of four with no stored grouping of them, names none.
    assert not {m for m in mentioned("Japan, the ROK and the U.S. agreed on Friday.") if m.startswith("alliance:")}
    assert not {m for m in mentioned("The Japan, ROK, U.S. and Canada defense ministerial meeting was held.")
                if m.startswith("alliance:")}


def test_its_treaty_with_a_country_is_their_one_treaty() -> None:
    from tests.test_extract_claims_round4 import mentioned

    assert "alliance:rus-prk" in mentioned("North Korea said its new treaty with Russia was in force.")
    # "its" before a grouping with no country after "with" is no reference here.
    assert "alliance:rus-prk" not in mentioned("North Korea said its new treaty was in force.")


def test_countries_in_talks_to_work_with_an_alliance() -> None:
    found = claims("The AUKUS partners said they are talking to Canada and Norway about possible collaboration on "
                   "hypersonics.")
    assert {(s, r, o) for s, r, o, _ in found} == {
        ("country:CAN", "considering_cooperation_with", AUKUS), ("country:NOR", "considering_cooperation_with", AUKUS)}
    found = claims("We are consulting with Canada to identify possibilities for collaboration under AUKUS Pillar II.")
    assert {(s, r, o) for s, r, o, _ in found} == {("country:CAN", "considering_cooperation_with", AUKUS)}
    assert claims("Canada was in talks with AUKUS about joining projects.") == {
        ("country:CAN", "considering_cooperation_with", AUKUS, "asserted")}
    # Talks about trade with no alliance named are no consideration of one.
    assert not claims("Britain is talking to Canada and Norway about possible cooperation on fisheries.")


def test_the_two_treaty_allies_of_a_country() -> None:
    text = ("South Korea and the Philippines raised their relationship on Monday, with wider cooperation between the "
            "two treaty allies of the United States.")
    found = claims(text, lists=CountryLists())
    assert {(s, o) for s, r, o, _ in found if r == "treaty_ally_of"} == {(KOR, USA), ("country:PHL", USA)}
    assert claims("Japan and Australia, both allies of the United States, met.") == {
        (JPN, "treaty_ally_of", USA, "asserted"), (AUS, "treaty_ally_of", USA, "asserted")}
    assert not claims("Recalling its envoys to the United States and Australia, both key allies of France, is rare.")


def test_buying_from_a_countrys_maker_and_being_equipped_with_its_weapons() -> None:
    assert claims("India is also likely to sign a deal to buy armed drones from the US manufacturer General "
                  "Atomics.") == {(USA, "arms_supplier_to", IND, "expected")}
    assert claims("Australia is to be equipped with nuclear-powered U.S. submarines.") == {
        (USA, "arms_supplier_to", AUS, "planned")}
    assert not claims("Australia is to be equipped with new ideas from the United States.")


def test_the_buyers_before_the_nth_buyer_of_a_weapon() -> None:
    found = maker_claims("Romania becomes the ninth country to acquire the K9 self-propelled howitzer, after Australia, "
                         "Egypt and Norway.", published=None)
    assert found == {(KOR, "arms_supplier_to", c, "asserted") for c in ("country:ROU", AUS, "country:EGY",
                                                                         "country:NOR")}


def test_working_together_with_a_partner_in_a_sentence_about_security() -> None:
    assert claims("The United States is glad to see Japan working more closely together with allies like Australia.") == {
        (JPN, "cooperates_with", AUS, "asserted")}
    assert claims("Japan is working together with Australia on defence.") == {(JPN, "cooperates_with", AUS, "asserted")}
    assert not claims("Japan is working together with Australia on trade.")  # nothing of security


def test_cooperation_between_two_countries_beside_the_agreement_they_signed() -> None:
    """An alliance named in the sentence makes "cooperation between" a security matter; without one, and without
    a word of defence, cooperation between two countries may be anything."""
    found = claims("The leaders discussed AUKUS, and called their talks a step in joint cooperation between the UK "
                   "and Japan.")
    assert (GBR, "cooperates_with", JPN, "asserted") in found or (JPN, "cooperates_with", GBR, "asserted") in found
    assert not claims("They called it a step in joint cooperation between the UK and Japan on farming.")
