"""Constructions of the seventh round (issue 14), each with the trap beside it: an accession told as a noun, "the
NATO member" that is the sentence's first country, and an arms transfer told as a noun."""

from __future__ import annotations

from store.models import Mention
from tests.test_extract_claims import _gazetteer, claims

NATO = "alliance:nato"
FIN, SWE, LTU, TUR, PRK, RUS, DEU, UKR = (f"country:{c}" for c in ("FIN", "SWE", "LTU", "TUR", "PRK", "RUS", "DEU", "UKR"))


def test_an_accession_is_a_membership() -> None:
    assert claims("The historic accession of Finland and Sweden to NATO makes them safer.") == {
        (FIN, "member_of", NATO, "asserted"), (SWE, "member_of", NATO, "asserted")}
    # The alliance later in the sentence: "… makes them safer and NATO stronger".
    assert claims("The historic accession of Finland and Sweden makes them safer and NATO stronger.") == {
        (FIN, "member_of", NATO, "asserted"), (SWE, "member_of", NATO, "asserted")}


def test_an_accession_still_to_come_is_no_membership() -> None:
    assert not {c for c in claims("Turkey's parliament voted to ratify the accession of Sweden to NATO.")
                if c[1] == "member_of"}
    assert not claims("The accession of Sweden to NATO was blocked by Turkey for months.")
    assert not claims("The accession of Ukraine is blocked by Hungary, NATO said.")
    assert not claims("The accession of Ukraine would strengthen NATO.")


def test_the_alliance_member_later_in_the_sentence_is_its_first_country() -> None:
    text = ("Lithuania's Defence Council has decided to open negotiations with Germany on buying tanks, the minister "
            "told reporters on Tuesday, as the NATO member works to set up a tank battalion.")
    assert (LTU, "member_of", NATO, "asserted") in claims(text)
    assert (TUR, "member_of", NATO, "asserted") in claims("Turkey blocked the deal, and the NATO ally said it would "
                                                           "not move.")
    assert not claims("Sweden said on Monday that the NATO member from the north would send jets.")


def test_an_arms_transfer_told_as_a_noun() -> None:
    assert claims("Both sides underscored their concern on the Democratic People's Republic of Korea's (DPRK) export of "
                  "ballistic missiles, artillery shells, and other military materiel to Russia.") == {
        (PRK, "arms_supplier_to", RUS, "asserted")}
    assert claims("They condemned North Korea's transfer of artillery shells to Russia.") == {
        (PRK, "arms_supplier_to", RUS, "asserted")}
    assert not claims("China's export of rare earths to Japan fell.")  # no weapon


MDV, TURK, PAK, CHN, IDN, USA, GBR = (f"country:{c}" for c in ("MDV", "TUR", "PAK", "CHN", "IDN", "USA", "GBR"))


def test_arms_told_as_south_and_southeast_asian_news_tells_them() -> None:
    assert claims("The Maldives has bought its first military drones, from Turkey, to strengthen its security.") == {
        (TURK, "arms_supplier_to", MDV, "asserted")}
    assert claims("Türkiye has handed over a second MILGEM-class warship, PNS Khaibar, to Pakistan this week.") == {
        (TURK, "arms_supplier_to", PAK, "asserted")}
    assert (CHN, "arms_supplier_to", PAK, "asserted") in claims(
        "China has launched the first of eight Hangor-class submarines being built for Pakistan.")
    assert claims("Under the agreement China undertook to supply Pakistan with eight advanced submarines.") == {
        (CHN, "arms_supplier_to", PAK, "asserted")}
    assert claims("The Indonesian Air Force now flies fighter jets from countries including the US, Russia and "
                  "Britain.") == {(c, "arms_supplier_to", IDN, "asserted") for c in (USA, RUS, GBR)}


def test_arms_traps_of_the_same_shapes() -> None:
    assert claims("China refused to supply Pakistan with submarines.") == {(CHN, "arms_supplier_to", PAK, "negated")}
    assert not claims("Japan has launched the first of two ships built for its navy.")
    assert not claims("Indonesia flies tourists from countries including Japan.")  # no weapon


ARG, POL, ROU = (f"country:{c}" for c in ("ARG", "POL", "ROU"))


def test_one_member_is_one_country_of_a_list() -> None:
    """"NATO member Poland, Qatar, Azerbaijan …" makes Poland a member, not the rest of the customers."""
    assert claims("The drone has been exported to countries including NATO member Poland, Qatar, Azerbaijan and "
                  "Morocco.") == {(POL, "member_of", NATO, "asserted")}
    assert claims("NATO members Poland and Romania met.") == {(POL, "member_of", NATO, "asserted"),
                                                              (ROU, "member_of", NATO, "asserted")}


def test_joining_an_alliance_as_a_partner_is_a_partnership() -> None:
    assert claims("Argentina joined NATO as a global partner in 2024.") == {(ARG, "partner_of", NATO, "asserted")}
    assert {r for _, r, _, _ in claims("The minister asked for Argentina to join the North Atlantic Treaty "
                                       "Organization (NATO) as a \"global partner.\"")} == {"partner_of"}
    assert claims("Finland joined NATO in 2023.") == {(FIN, "member_of", NATO, "asserted")}


KOR, TURK2, EST = "country:KOR", "country:TUR", "country:EST"


def test_a_weapons_buyers_listed_after_it() -> None:
    """"Nine countries have ordered the K9 … -- Turkey, India, …": the K9 stands for its maker's country (the importer
    gives that mention; here it is given by hand), each listed country is a buyer."""
    text = "Nine countries have ordered the K9 self-propelled howitzer since 2001 -- Turkey and Estonia -- so far."
    gazetteer, _ = _gazetteer()
    mentions = sorted([*gazetteer.find(text), Mention(entity_id=KOR, start=text.index("K9"), end=text.index("K9") + 2)],
                      key=lambda m: m.start)
    assert claims(text, mentions) == {(KOR, "arms_supplier_to", TURK2, "asserted"), (KOR, "arms_supplier_to", EST, "asserted")}
    assert not claims("Nine countries have ordered the report since 2001 -- Turkey and Estonia -- so far.")


def test_observer_status_and_a_suspended_membership() -> None:
    assert claims("Afghanistan and Mongolia have observer status in the SCO.") == {
        ("country:AFG", "observer_of", "alliance:sco", "asserted"), ("country:MNG", "observer_of", "alliance:sco", "asserted")}
    assert claims("Pashinyan announced that Armenia's membership in the CSTO had in effect been suspended.") == {
        ("country:ARM", "suspended_from", "alliance:csto", "asserted")}


def test_a_grouping_founded_by_its_members() -> None:
    assert claims("The SCO, founded by China and Russia in 2001, met in Astana.") == {
        ("country:CHN", "member_of", "alliance:sco", "asserted"), ("country:RUS", "member_of", "alliance:sco", "asserted")}
