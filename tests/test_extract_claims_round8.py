"""Constructions of the eighth round (issue 14), each with the trap beside it: memberships told in passing (who leads
a grouping, a list after its members' noun, "all members of"), arms told by the buyer or by a gift, and exercises held
with other countries' forces."""

from __future__ import annotations

from tests.test_extract_claims import claims, members

NATO, CSTO, QUAD = "alliance:nato", "alliance:csto", "alliance:quad"
(POL, LTU, LVA, EST, RUS, ARM, BLR, KAZ, KGZ, TJK, FIN, IND, JPN, AUS, PHL, USA, DEU, TUR, MYS, NOR, CZE, NLD, DNK,
 UKR, PAK, BGD, VNM, ITA, FRA, NPL, ARG, SAU, GBR, CAN) = (
    f"country:{c}" for c in ("POL LTU LVA EST RUS ARM BLR KAZ KGZ TJK FIN IND JPN AUS PHL USA DEU TUR MYS NOR CZE NLD "
                             "DNK UKR PAK BGD VNM ITA FRA NPL ARG SAU GBR CAN").split())
CSTO_SIX = (ARM, BLR, KAZ, KGZ, RUS, TJK)


# --- memberships told in passing ----------------------------------------------------------------------------

def test_all_members_of_an_alliance_in_apposition() -> None:
    assert claims("Poland, Lithuania, Latvia and Estonia, all members of NATO, said they would leave the treaty.") == \
        members((POL, LTU, LVA, EST), "member_of", NATO)
    # The apposition is asserted whatever the clause around it says.
    assert claims("Finland and Lithuania, both members of NATO, are expected to buy tanks.") == \
        members((FIN, LTU), "member_of", NATO)
    assert not claims("Japan and Australia, none of them members of NATO, attended as partners.") & \
        members((JPN, AUS), "member_of", NATO)


def test_who_leads_a_grouping_is_in_it() -> None:
    # The clause is a plan of Armenia's; the apposition is a fact.
    assert claims("Armenia is going to leave the Russian-led Collective Security Treaty Organization (CSTO).") == {
        (RUS, "member_of", CSTO, "asserted")}
    assert claims("Kazakhstan has long relied on the Russian-led CSTO.") == {(RUS, "member_of", CSTO, "asserted")}
    # Leading an attack on an alliance is no membership of it.
    assert not claims("Officials warned of a Russian-led attack on NATO.")
    # A country leading something else is no member: "a German-led battlegroup in Lithuania".
    assert not {c for c in claims("Germany sent troops to the German-led battlegroup in Lithuania under NATO.")
                if c[0] == DEU and c[1] == "member_of"} - {(DEU, "member_of", NATO, "asserted")}


def test_a_list_after_the_members_noun() -> None:
    assert claims("The CSTO is a military alliance consisting of six post-Soviet states: Armenia, Belarus, "
                  "Kazakhstan, Kyrgyzstan, Russia, and Tajikistan.") == members(CSTO_SIX, "member_of", CSTO)
    assert claims("Of the CSTO's members -- Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan -- only "
                  "one stayed away.") == members(CSTO_SIX, "member_of", CSTO)
    assert claims("Members of the CSTO are Armenia, Belarus and Russia.") == members((ARM, BLR, RUS), "member_of", CSTO)
    # Former members are no longer members.
    assert not claims("Former members of the CSTO were Azerbaijan, Georgia and Uzbekistan.")


def test_members_listed_after_a_colon_or_introduced_by_its() -> None:
    nordic = ("ISL", "NOR", "FIN", "DNK", "SWE", "CAN", "USA")
    assert claims("Ministers of the seven NATO countries with territory in the High North: Iceland, Norway, Finland, "
                  "Denmark, Sweden, Canada and the United States.") == \
        members(tuple(f"country:{c}" for c in nordic), "member_of", NATO)
    assert not claims("NATO countries agreed on three points: Finland and Sweden must act.")
    # "Its" opening a sentence is the one alliance the sentence before named; two, and it is neither.
    assert claims("The CSTO met in Astana. Its members include Armenia, Belarus and Russia.") == \
        members((ARM, BLR, RUS), "member_of", CSTO)
    assert not claims("NATO and the CSTO met. Its members are Armenia and Russia.")


def test_a_membership_that_took_effect() -> None:
    assert claims("Finland's membership in NATO became official earlier this month.") == {
        (FIN, "member_of", NATO, "asserted")}
    # A membership debated is none.
    assert not claims("Ukraine's membership in NATO is not on the agenda.")
    assert not claims("Ukraine's membership in NATO would provoke Russia.")


def test_members_working_within_their_grouping() -> None:
    assert members((IND, JPN), "member_of", QUAD) <= claims(
        "India and Japan have also increased their security cooperation within the Quad format.")
    # Working with an alliance is no membership of it.
    assert not {c for c in claims("Japan and Australia cooperate with NATO on cyber defence.") if c[1] == "member_of"}


def test_a_candidacy_told_as_a_request_a_path_or_help() -> None:
    assert claims("Sweden and Finland asked to join NATO last year.") == members(
        ("country:SWE", FIN), "applicant_to", NATO)
    assert (UKR, "applicant_to", NATO, "planned") in claims(
        "The summit will light Ukraine's path toward EU accession and NATO membership.")
    assert claims("He thanked him for helping Ukraine become a member of the European Union and NATO.") == {
        (UKR, "applicant_to", NATO, "asserted")}
    # A bid is no membership; a membership is.
    assert claims("Ukraine's NATO membership bid was discussed.") == {(UKR, "applicant_to", NATO, "asserted")}
    assert claims("Finland's NATO membership is a success.") == {(FIN, "member_of", NATO, "asserted")}
    assert not claims("Argentina asked to join NATO as a global partner.") & {("country:ARG", "applicant_to", NATO,
                                                                                 "asserted")}


def test_consultations_told_as_dialogues() -> None:
    assert claims("The United States and Vietnam have held 11 Political, Security, and Defense Dialogues.") == {
        (USA, "consults_with", VNM, "asserted")}
    assert claims("Marles travelled to Canberra for the inaugural Australia-India Defence Ministers' Dialogue.") == {
        (AUS, "consults_with", IND, "asserted")}
    assert not claims("Japan and China held an economic dialogue on trade.")


def test_treaty_allies_named_as_a_pair() -> None:
    assert claims("The longtime treaty allies Manila and Washington held talks.") == {
        (PHL, "treaty_ally_of", USA, "asserted")}
    # Allies in an alliance are its members, not treaty allies of each other.
    assert not {c for c in claims("The NATO allies France and Germany disagreed.") if c[1] == "treaty_ally_of"}


# --- arms -----------------------------------------------------------------------------------------------------

def test_arms_told_by_the_buyer_and_the_makers_country() -> None:
    assert claims("Lithuania has just received the last of 91 German-made Boxer armoured fighting vehicles.") == {
        (DEU, "arms_supplier_to", LTU, "asserted")}
    assert claims("Malaysia moved toward buying three Turkish-built corvettes.") == {
        (TUR, "arms_supplier_to", MYS, "planned")}
    # Troops moving toward a place plan nothing.
    assert claims("Malaysia received three Turkish-built corvettes as its troops moved toward the border.") == {
        (TUR, "arms_supplier_to", MYS, "asserted")}
    assert claims("Japan signed a contract to buy the Norwegian-made Joint Strike Missile.") == {
        (NOR, "arms_supplier_to", JPN, "asserted")}
    # The seller named after the weapon is the seller, not its maker: a second-hand sale.
    assert (USA, "arms_supplier_to", ARG, "asserted") not in claims(
        "Argentina received US-built F-16 jets from Denmark.")


def test_arms_told_by_the_buyers_contract_with_its_seller() -> None:
    assert claims("Japan signed a contract with the United States for Tomahawk cruise missiles.") == {
        (USA, "arms_supplier_to", JPN, "asserted")}
    assert claims("The Czech Republic signed an agreement with the United States on Monday to buy 24 U.S. F-35 "
                  "fighter jets.") == {(USA, "arms_supplier_to", CZE, "asserted")}
    assert not claims("Japan signed a contract with the United States for cooperation in space.")


def test_arms_given() -> None:
    assert claims("The Netherlands, Denmark and Norway have announced their intent to donate F-16 fighter aircraft to "
                  "Ukraine.") == members((NLD, DNK, NOR), "arms_supplier_to", UKR, "planned")
    assert claims("The U.S. and partner nations have provided to Ukraine air defense systems.") == {
        (USA, "arms_supplier_to", UKR, "asserted")}
    assert claims("Austin said the U.S. may send Ukraine more air-defence missiles.") == {
        (USA, "arms_supplier_to", UKR, "possible")}
    assert claims("Washington authorized the export of more than $32.3 million in defense articles to Vietnam.") == {
        (USA, "arms_supplier_to", VNM, "asserted")}
    assert (PAK, "arms_supplier_to", BGD, "possible") in claims(
        "Pakistan is in talks on a possible deal to sell JF-17 Thunder fighter jets to Bangladesh.")
    assert claims("Australia is providing $116 million of defensive military assistance to Ukraine.") == {
        ("country:AUS", "arms_supplier_to", UKR, "asserted")}
    # No weapon, no sale.
    assert not claims("Japan sent humanitarian aid to Turkey.")
    assert not claims("Germany sent Ukraine a letter of support.")
    assert not claims("Denmark has announced its intent to donate money to Ukraine.")


def test_arms_told_by_a_purchase_or_a_fleet() -> None:
    assert claims("Argentina's government has finalised the purchase of 24 F-16 fighter jets from Denmark.") == {
        (DNK, "arms_supplier_to", ARG, "asserted")}
    assert claims("Romania brought in 54 U.S. Abrams tanks.") == {(USA, "arms_supplier_to", "country:ROU", "asserted")}
    assert claims("Pakistan flies its ageing fleet of American F-16s over Lahore.") == {
        (USA, "arms_supplier_to", PAK, "asserted")}
    assert claims("The US is to sell Australia up to five of its Virginia-class submarines.") == {
        (USA, "arms_supplier_to", AUS, "planned")}
    # A fleet of something else, an idea sold: no arms.
    assert not claims("Pakistan's fleet of American cars is ageing.")
    assert not claims("Japan sold Australia its idea of a treaty.")


# --- exercises --------------------------------------------------------------------------------------------------

def test_exercises_with_other_countries_forces() -> None:
    assert claims("Italy held joint drills in the Pacific Ocean with the U.S. and Australian navies.") == {
        (ITA, "cooperates_with", USA, "asserted"), (ITA, "cooperates_with", AUS, "asserted")}
    assert claims("A French navy ship is joining U.S. and Philippine navy ships in large-scale exercises.") == {
        (FRA, "cooperates_with", USA, "asserted"), (FRA, "cooperates_with", PHL, "asserted")}
    assert claims("The 16th India-Nepal Joint Military Exercise began on Monday.") == {
        (IND, "cooperates_with", NPL, "asserted")}
    # An exercise named by three countries is the trilateral's, not a pair's; a place is no partner.
    assert not claims("The US-Japan-Philippines maritime exercise began.")
    assert not claims("China staged drills around Taiwan as Russia watched.")
