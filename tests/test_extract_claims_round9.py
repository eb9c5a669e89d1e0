"""Constructions of the ninth round (issue 14), each with the trap beside it: a membership told in apposition or
opening its sentence ("Romania, a member of both NATO and the EU", "As founding members of NATO, …"), allies told as
a pair ("are NATO allies"), the arms a buyer's forces already field ("operates a fleet of Dutch-built frigates"), and
an agreement told with any adjective or by its title in capitals."""

from __future__ import annotations

from store.pipeline.importer import import_text
from store.repository import FactStore
from tests.test_extract_claims import claims, members

NATO = "alliance:nato"
HRV, ROU, UKR, ISL, USA, DNK, NOR, TUR, JPN, AUS, SWE, NLD, CHL, EGY, THA, DEU, RUS, FRA, IND, KEN, GBR = (
    f"country:{c}" for c in "HRV ROU UKR ISL USA DNK NOR TUR JPN AUS SWE NLD CHL EGY THA DEU RUS FRA IND KEN GBR".split())


# --- memberships in apposition or opening the sentence ------------------------------------------------------

def test_a_member_of_in_apposition() -> None:
    assert claims("Croatia, a member of NATO, hosts the exercise.") == members((HRV,), "member_of", NATO)
    # "both NATO and the EU": the first alliance is read; the apposition is the last country's alone.
    assert claims("Moldova, lying between Ukraine and Romania, a member of both NATO and the EU, wants to join the EU.") \
        == members((ROU,), "member_of", NATO)
    # A partner is no member, and a negated apposition is none.
    assert not claims("Japan, a partner of NATO, attended.")
    assert not claims("Japan and Australia, not members of NATO, attended.")


def test_a_sentence_opening_with_a_membership() -> None:
    assert claims("As a member of NATO, Croatia hosts the exercise.") == members((HRV,), "member_of", NATO)
    assert claims("As founding members of the North Atlantic Treaty Organization, the U.S. and Iceland have long worked "
                  "together.") == members((ISL, USA), "member_of", NATO)
    assert claims("Today, as fellow NATO allies, Denmark and Norway agreed to share data.") == \
        members((DNK, NOR), "member_of", NATO)
    assert claims("As a NATO member, Turkey must approve.") == members((TUR,), "member_of", NATO)
    # A partner, an office-holder, and "as for" are no members.
    assert not claims("As a partner of NATO, Japan attended.")
    assert not claims("As NATO's secretary general, Rutte visited Japan.")
    assert not claims("As for NATO members, Hungary has not yet voted.")


def test_a_pair_of_allies_of_an_alliance() -> None:
    assert claims("The United States and Denmark are NATO allies.") == members((DNK, USA), "member_of", NATO)
    assert claims("The United States and Denmark have been close security partners and NATO Allies for decades.") == \
        members((DNK, USA), "member_of", NATO)
    # Partners of an alliance are partners.
    assert claims("Japan and Australia are NATO partners.") == members((AUS, JPN), "partner_of", NATO)


# --- arms the buyer's forces field --------------------------------------------------------------------------

def test_arms_a_buyer_fields_made_by_another() -> None:
    assert claims("Chile operates a fleet of Dutch-built frigates.") == {(NLD, "arms_supplier_to", CHL, "asserted")}
    assert claims("Egypt's army uses the American-made M109 howitzer.") == {(USA, "arms_supplier_to", EGY, "asserted")}
    assert claims("Thailand still operates the American-made F-16A/B Block 15 fighters.") == \
        {(USA, "arms_supplier_to", THA, "asserted")}
    assert claims("Ukraine used German-made tanks against Russia.") == {(DEU, "arms_supplier_to", UKR, "asserted")}
    # A place the aircraft fly from is not what they are.
    assert not claims("The jets, built by the French company Dassault, are expected to fly from Indian-made aircraft "
                      "carriers.")


def test_arms_a_buyer_fields_bought_or_leased_from_another() -> None:
    assert claims("Thailand now operates fighter jets bought from Sweden.") == \
        {(SWE, "arms_supplier_to", THA, "asserted")}
    assert claims("Egypt also flies aircraft leased from France.") == {(FRA, "arms_supplier_to", EGY, "asserted")}


# --- agreements told with an adjective, or by their title -----------------------------------------------------

def _proposed_members(store: FactStore) -> list[tuple[str, ...]]:
    return sorted(tuple(e.proposal.members) for e in store.entities.values() if e.proposal is not None)


def test_an_agreement_told_with_any_adjective_or_by_its_title(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2024-02-17\n\n"
                "In Paris the two presidents signed the Agreement on security cooperation between Ukraine and France.\n\n"
                "Britain signed a refreshed security cooperation agreement with Kenya on Friday.", name="t.txt")
    assert _proposed_members(starter) == [(FRA, UKR), (GBR, KEN)]


def test_an_adjective_of_a_process_is_no_agreement(starter: FactStore) -> None:
    # "a deepening strategic partnership" is a relationship described, not one signed; trade is no security subject.
    import_text(starter, "Title: T\nPublished: 2022-06-29\n\n"
                "We see a deepening strategic partnership between Moscow and Beijing.\n\n"
                "India and Japan signed a revised agreement on trade.", name="t.txt")
    assert _proposed_members(starter) == []


def test_an_agreement_whose_parties_only_the_headline_names(starter: FactStore) -> None:
    import_text(starter, "Title: Ukraine and France sign a security agreement\nPublished: 2024-02-17\n\n"
                "\"We have prepared and signed an ambitious security agreement,\" the president said.", name="t.txt")
    assert _proposed_members(starter) == [(FRA, UKR)]


def test_a_headline_that_tells_no_agreement_or_a_company_pact_gives_no_parties(starter: FactStore) -> None:
    # A visit is no agreement: the passage's Kenya and the headline's Somalia signed nothing together.
    import_text(starter, "Title: Defence Secretary visits Kenya and Somalia\nPublished: 2021-02-20\n\n"
                "The Defence Secretary signed a refreshed security cooperation agreement with Kenyan ministers.",
                name="t.txt")
    # A pact with a company is no agreement between the headline's countries.
    import_text(starter, "Title: Engine deals will boost India-US defence ties\nPublished: 2023-06-23\n\n"
                "GE Aerospace said it had signed a pact with Hindustan Aeronautics Limited to produce engines.",
                name="u.txt")
    assert _proposed_members(starter) == []


# --- cooperation told by working together, support or training --------------------------------------------------

def test_working_together_on_arms_support_and_training() -> None:
    assert claims("Germany and Norway are working together on a new submarine.") == \
        {(DEU, "cooperates_with", NOR, "asserted")}
    assert claims("Australia has long provided policing support to the Solomon Islands.") == \
        {(AUS, "cooperates_with", "country:SLB", "asserted")}
    assert claims("Britain will train Ukrainian soldiers.") == {(GBR, "cooperates_with", UKR, "planned")}
    # Not a trade matter, not the last two of a longer list, not a country's own forces; military aid is arms.
    assert not claims("Germany and France are working together on trade.")
    assert not claims("India, France and the United Arab Emirates set out a roadmap for working together in defence.") \
        & {(FRA, "cooperates_with", "country:ARE", "asserted"), ("country:ARE", "cooperates_with", FRA, "asserted")}
    assert not claims("Russia trained its own soldiers.")
    assert claims("The United States provided military assistance to Ukraine.") == \
        {(USA, "arms_supplier_to", UKR, "asserted")}


def test_a_government_release_is_its_countrys_side_of_an_agreement(starter: FactStore) -> None:
    import_text(starter, "Title: Defence Secretary visits Nairobi\nSource: Ministry of Defence (GOV.UK)\n"
                "Published: 2021-02-20\n\n"
                "The Defence Secretary has signed a refreshed security cooperation agreement following talks with the "
                "Kenyan Cabinet Secretary for Defence.", name="t.txt")
    assert _proposed_members(starter) == [(GBR, KEN)]


def test_a_newspaper_or_an_alliance_publishing_is_no_party(starter: FactStore) -> None:
    for publisher in ("Reuters", "NATO", "The Korea Herald"):
        import_text(starter, f"Title: Talks in Nairobi\nSource: {publisher}\nPublished: 2021-02-20\n\n"
                    "The minister signed a refreshed security cooperation agreement with the Kenyan Cabinet Secretary "
                    "for Defence.", name=f"{publisher}.txt")
    assert _proposed_members(starter) == []


def test_whose_government_published_an_article() -> None:
    from store.pipeline.grouping_parties import publisher_country
    from tests.test_extract_claims import _gazetteer

    gazetteer, _kinds = _gazetteer()
    assert [publisher_country(gazetteer, p) for p in (
        "U.S. Department of State", "Prime Minister's Office, 10 Downing Street (GOV.UK)", "President of Russia (Kremlin)",
        "Ministry of Foreign Affairs of Japan", "The White House", "Reuters", "NATO", "Philippine News Agency",
        "Korea JoongAng Daily")] == [USA, GBR, "country:RUS", JPN, USA, None, None, None, None]


def test_our_countries_in_a_government_release_are_the_publisher_and_the_other() -> None:
    text = "The visit strengthened the defence relationship between our countries."
    mentions_of_germany = "Germany is a trusted security partner. " + text
    assert claims(mentions_of_germany, publisher=AUS) == {(AUS, "cooperates_with", DEU, "asserted")}
    # Without a government publishing it, "our" names no one; a newspaper's "our countries" is a quote of someone.
    assert not claims(mentions_of_germany)
    # A passage naming two countries is theirs (a joint statement), whoever published it.
    assert claims("Germany and France are partners. " + text, publisher=AUS) == {(DEU, "cooperates_with", FRA, "asserted")}


def test_a_pairs_partnership_described_is_no_grouping_but_a_strategic_one_is(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2024-09-02\n\n"
                "The exercise reflects the strength of the U.S.-Indonesia defense partnership.\n\n"
                "Officials praised the Australia-Solomon Islands partnership.", name="t.txt")
    assert _proposed_members(starter) == []
    import_text(starter, "Title: U\nPublished: 2021-10-24\n\n"
                "The patrol would further develop the China-Russia comprehensive strategic partnership in the new era.",
                name="u.txt")
    assert _proposed_members(starter) == [("country:CHN", RUS)]


def test_the_end_of_a_war_is_no_alliance(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2024-03-04\n\n"
                "South Korea and the United States said the drills comply with the Armistice Agreement.\n\n"
                "Japan and the United States signed the San Francisco Peace Treaty in 1951.", name="t.txt")
    assert _proposed_members(starter) == []


def test_a_rival_named_with_with_is_no_partner() -> None:
    assert not claims("After a string of clashes with China in the contested waters, the Philippines has stepped up "
                      "defence cooperation with a number of allies.")
    assert claims("The Philippines has stepped up defence cooperation with Japan.") == \
        {("country:PHL", "cooperates_with", JPN, "asserted")}


# --- references to a stored grouping -----------------------------------------------------------------------------

def _alliances_named(store: FactStore, report) -> list[list[str]]:  # noqa: ANN001
    return [[x.quote.exact[m.start:m.end] + "=" + m.entity_id for m in x.mentions if m.entity_id.startswith("alliance:")]
            for x in sorted(store.excerpts_of(report.source.id), key=lambda x: x.start)]


def test_the_organisation_and_the_grouping_are_the_grouping_named_last(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2023-07-04\n\n"
                         "Iran became a full member of the Shanghai Cooperation Organisation on Tuesday.\n\n"
                         "The organisation's secretary general welcomed the decision.", name="t.txt")
    assert _alliances_named(starter, report)[1] == ["organisation=alliance:sco"]
    report = import_text(starter, "Title: U\nPublished: 2025-01-22\n\n"
                         "Foreign ministers of the Quad met in Washington.\n\n"
                         "Many see the grouping as a way to balance China.", name="u.txt")
    assert _alliances_named(starter, report)[1] == ["grouping=alliance:quad"]


def test_the_grouping_is_never_an_agreement(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2023-03-14\n\n"
                         "Australia will buy submarines under the AUKUS pact.\n\n"
                         "Many see the grouping as a way to balance China.", name="t.txt")
    assert _alliances_named(starter, report)[1] == []


def _with_makers(text: str) -> set[tuple[str, str, str, str]]:
    """Claims with the stand-ins of makers and weapons ("Dassault Aviation", "Gripen"), as the importer reads them."""
    from store.pipeline.extract.claims import find_claims
    from store.pipeline.extract.makers import maker_stand_ins
    from tests.test_extract_claims import _gazetteer

    gazetteer, kinds = _gazetteer()
    found = gazetteer.find(text)
    return {(c.subject, c.relation.value, c.object, c.modality)
            for c in find_claims(text, [*found, *maker_stand_ins(text, found)], kinds)}


def test_a_buyers_contract_for_arms_its_maker_places() -> None:
    assert _with_makers("Serbia today formally signed a contract for 12 Dassault Aviation Rafale fighter jets.") == \
        {(FRA, "arms_supplier_to", "country:SRB", "asserted")}
    assert _with_makers("The United Arab Emirates has signed up for 80 French-built Rafale fighter jets.") == \
        {(FRA, "arms_supplier_to", "country:ARE", "asserted")}
    assert _with_makers("Romania has signed a letter of offer and acceptance (LoA) to buy 32 F-35A fighters from the "
                        "United States.") == {(USA, "arms_supplier_to", ROU, "asserted")}
    # Its own country's arms are no import; a deal with no arms in it is no sale.
    assert not _with_makers("Poland signed a contract for 96 Polish-made Borsuk vehicles.")
    assert not _with_makers("Japan signed a deal for the purchase of land with its own funds.")


def test_consultations_told_as_talks_and_meetings_of_a_format() -> None:
    assert claims('The Philippines and the United States held "two-plus-two" talks in Manila.') == \
        {("country:PHL", "consults_with", USA, "asserted")}
    assert claims("Canada and South Korea held the inaugural Foreign and Defence (2+2) Ministerial Meeting.") == \
        {("country:CAN", "consults_with", "country:KOR", "asserted")}
    assert claims("Hungary and Serbia consult regularly at the highest level.") == \
        {("country:HUN", "consults_with", "country:SRB", "asserted")}
    # Talks on something else are no security consultations.
    assert not claims("Japan and China held talks on trade.")
    assert not claims("India and Pakistan held a ministerial meeting on water.")


def test_an_alliances_targets_are_its_members_whatever_the_clause_says_of_meeting_them() -> None:
    assert claims("Canada will at last meet its NATO defence spending commitment.") == \
        members(("country:CAN",), "member_of", NATO)
    assert claims("Spain has not reached its NATO target.") == members(("country:ESP",), "member_of", NATO)
    assert claims("Canada, Spain and Belgium have missed their NATO spending targets for years.") == \
        members(("country:BEL", "country:CAN", "country:ESP"), "member_of", NATO)
    # A partner's goal modelled on NATO's is no NATO target.
    assert not claims("Japan will meet its NATO-style spending goal.")


def test_an_initiative_its_subjects_join_is_a_new_grouping_of_them(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2023-07-07\n\n"
                "Austria and Switzerland formally joined the German-led European Sky Shield Initiative (ESSI).",
                name="t.txt")
    assert _proposed_members(starter) == [("country:AUT", "country:CHE")]
    # An economic programme is none, whoever joins it; a named initiative nobody joins is not proposed.
    import_text(starter, "Title: U\nPublished: 2019-03-23\n\nItaly joined the Belt and Road Initiative in 2019.\n\n"
                "Congress funded the Pacific Deterrence Initiative.", name="u.txt")
    assert _proposed_members(starter) == [("country:AUT", "country:CHE")]


def test_a_territory_is_never_one_of_the_two_countries(starter: FactStore) -> None:
    from store.pipeline.extract.plurals import CountryLists, PLURAL_REFERENCE
    from tests.test_extract_claims import _gazetteer

    gazetteer, _kinds = _gazetteer()
    text = "Marines will leave Okinawa in Japan for Guam."
    lists = CountryLists()
    lists.read(text, gazetteer.find(text))
    assert lists.resolve(PLURAL_REFERENCE.search("the two allies")) is None


def test_a_readouts_bilateral_cooperation_is_the_publishers_with_the_one_other() -> None:
    text = "The ministers discussed ways to deepen the bilateral defense relationship with Angola."
    assert claims(text, publisher=USA) == {(USA, "cooperates_with", "country:AGO", "asserted")}
    # No government published it: "bilateral" names one side only.
    assert not claims(text)


def test_a_sale_told_as_a_noun_and_a_buyers_demonym_or_weapon() -> None:
    assert _with_makers("The sale of 12 Rafale jets to Serbia was signed.") == \
        {(FRA, "arms_supplier_to", "country:SRB", "asserted")}
    assert _with_makers("China protested the sale of American weapons to Taiwan.") == \
        {(USA, "arms_supplier_to", "country:TWN", "asserted")}
    assert _with_makers("Poland's purchase of K2 tanks from South Korea was finalised.") == \
        {("country:KOR", "arms_supplier_to", "country:POL", "asserted")}
    assert _with_makers("Egypt took delivery of its first K9 howitzers.") == \
        {("country:KOR", "arms_supplier_to", EGY, "asserted")}
    assert _with_makers("Ukraine received German tanks.") == {(DEU, "arms_supplier_to", UKR, "asserted")}
    # A country's own arms, and arms used against another, are no sale.
    assert not _with_makers("Poland is buying Polish tanks.")
    assert not _with_makers("Russia fired Iranian drones at Ukraine.")


def test_a_bare_memorandum_or_agreement_two_signed_about_security(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2022-02-03\n\n"
                "Israel's Defence Minister Benny Gantz on Thursday signed a memorandum of understanding with his "
                "Bahraini counterpart, putting the security relationship on a formal footing.\n\n"
                "Morocco and Israel signed a defence memorandum of understanding (MoU) in Rabat.", name="t.txt")
    assert _proposed_members(starter) == [("country:BHR", "country:ISR"), ("country:ISR", "country:MAR")]


def test_a_bare_agreement_needs_its_signer_security_and_no_purchase(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2025-03-03\n\n"
                # Its signer is Manila, not New Zealand; a purchase is a contract; trade is no security matter.
                "Last month Manila signed a defence agreement with New Zealand for expanded military cooperation, and a "
                "similar agreement with Canada is expected soon.\n\n"
                "The Czech Republic signed an agreement with the United States on Monday to buy 24 F-35 fighter jets for "
                "its military.\n\n"
                "Japan signed an agreement with India on trade and security.", name="t.txt")
    assert ("country:CAN", "country:NZL") not in _proposed_members(starter)
    assert ("country:CZE", USA) not in _proposed_members(starter)
    assert (IND, JPN) not in _proposed_members(starter)


def test_the_two_militaries_are_the_pair_named_before() -> None:
    from store.pipeline.extract.plurals import PLURAL_REFERENCE, size_of

    m = PLURAL_REFERENCE.search("the memorandum on defence cooperation between the two militaries")
    assert m is not None and size_of(m) == 2


def test_joining_an_alliances_programme_is_no_membership_of_the_alliance(starter: FactStore) -> None:
    assert not claims("In 2013, Mauritania joined NATO's Defence Education Enhancement Programme.") & \
        members(("country:MRT",), "member_of", NATO)
    assert claims("Sweden joined NATO in March 2024.") == members((SWE,), "member_of", NATO)
    import_text(starter, "Title: T\nPublished: 2024-01-02\n\nMorocco joined the NATO Mediterranean Dialogue in 1995.",
                name="t.txt")
    assert _proposed_members(starter) == [("country:MAR",)]
    [dialogue] = [e for e in starter.entities.values() if e.proposal is not None]
    assert {(f.subject, f.relation.value) for f in starter.facts_of(dialogue.id)} == {("country:MAR", "member_of")}
    assert not [f for f in starter.facts_of(NATO) if f.subject == "country:MAR"]


def test_backing_a_membership_is_a_candidacy_and_members_listed_with_another() -> None:
    assert claims("Secretary Austin reiterated his support for Sweden's NATO membership.") == \
        {(SWE, "applicant_to", NATO, "asserted")}
    assert claims("Turkey backed Sweden's NATO membership in January.") == {(SWE, "applicant_to", NATO, "asserted")}
    assert claims("Finland's NATO membership changed the region.") == members(("country:FIN",), "member_of", NATO)
    assert claims("NATO's European members and Canada will have added $600 billion.") == \
        members(("country:CAN",), "member_of", NATO)


def test_a_defined_collaboration_of_states_and_its_members_in_the_next_sentence(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2025-01-01\n\n"
                "The Central European Defence Cooperation (CEDC) is a military collaboration consisting of the Central "
                "European states of Austria, Croatia, the Czech Republic, Hungary, Slovakia and Slovenia.\n\n"
                "The Nordic Defence Cooperation is a collaboration among the Nordic countries in the area of defence. Its "
                "five members are Denmark, Finland, Iceland, Norway, and Sweden.", name="t.txt")
    assert _proposed_members(starter) == [
        ("country:AUT", "country:CZE", "country:HRV", "country:HUN", "country:SVK", "country:SVN"),
        (DNK, "country:FIN", "country:ISL", NOR, SWE)]


def test_a_defined_collaboration_needs_its_members_named() -> None:
    from store.pipeline.extract.groupings import find_new_groupings
    from tests.test_extract_claims import _gazetteer

    gazetteer, _kinds = _gazetteer()
    text = "The Nordic Defence Cooperation is a collaboration among the Nordic countries. It was founded in 2009."
    assert not [c for c in find_new_groupings(gazetteer, text) if c.members]


def test_a_countrys_firms_contracting_with_a_buyer_are_the_sellers() -> None:
    assert _with_makers("South Korean defence firms signed contracts with Poland for K2 tanks.") == \
        {("country:KOR", "arms_supplier_to", "country:POL", "asserted")}
    assert _with_makers("Indian firms signed the contract with Armenia for these weapons two years ago.") == \
        {(IND, "arms_supplier_to", "country:ARM", "asserted")}
    # The buyer's own contract with a seller still reads the other way.
    assert _with_makers("Japan signed a contract with the United States for Tomahawk cruise missiles.") == \
        {(USA, "arms_supplier_to", JPN, "asserted")}


def test_a_delivery_begun_and_a_sale_approved_to_a_buyer_of_arms() -> None:
    assert _with_makers("India has begun delivering the highly capable Pinaka rockets to Armenia.") == \
        {(IND, "arms_supplier_to", "country:ARM", "asserted")}
    assert {c[:3] for c in _with_makers("The U.S. administration has approved a possible sale to Pakistan of F-16 "
                                        "aircraft sustainment.")} == {(USA, "arms_supplier_to", "country:PAK")}
    assert not _with_makers("Germany has stopped delivering tanks to Turkey.")


def test_agreements_with_n_other_countries_among_them_a_list(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2025-04-10\n\nThe Philippines has signed visiting forces agreements with "
                "three other countries, among them Australia and Japan.", name="t.txt")
    assert _proposed_members(starter) == [(AUS, "country:PHL")]


def test_a_memorandum_named_after_its_pair_but_not_a_trade_deal(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2024-09-19\n\n"
                "Following the signing of the Philippines-Singapore Memorandum of Understanding (MOU) on Defense "
                "Cooperation, the two countries reaffirmed their commitment.\n\n"
                "The US-China trade agreement was signed in 2020.\n\n"
                "The two sides signed the India-UAE investment memorandum.", name="t.txt")
    assert _proposed_members(starter) == [("country:PHL", "country:SGP")]


def test_partners_an_alliances_noun_lists_are_partners_not_members() -> None:
    gulf = tuple(f"country:{c}" for c in ("ARE", "BHR", "KWT", "QAT"))
    assert claims("NATO's four ICI partners (Bahrain, Kuwait, Qatar and the United Arab Emirates) attended.") == \
        members(gulf, "partner_of", NATO)
    four = (AUS, JPN, "country:KOR", "country:NZL")
    assert claims("The four were invited to the summit as NATO partner nations: Australia, Japan, New Zealand and "
                  "South Korea.") == members(four, "partner_of", NATO)
    assert claims("NATO members: Poland, Estonia and Latvia.") == \
        members(("country:EST", "country:LVA", "country:POL"), "member_of", NATO)


def test_an_alliances_ministerial_attended_as_its_summit_is() -> None:
    assert claims("The Foreign Ministers of Australia and Japan participated in the NATO Foreign Ministers' meeting.") \
        == members((AUS, JPN), "attended", NATO)
    assert claims("Japan took part in the NATO Foreign Ministers' meeting in Brussels.") == \
        members((JPN,), "attended", NATO)
    # Joining a summit is attending it, never a membership (the summit rules are read first).
    assert claims("Japan joined the NATO summit.") == members((JPN,), "attended", NATO)


def test_the_organisation_after_nato_is_the_other_one(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2022-05-16\n\n"
                         "Speaking at a summit of the Collective Security Treaty Organization (CSTO), Putin said NATO's "
                         "enlargement posed no direct threat.\n\n"
                         "Putin told the leaders of the organisation, which includes Belarus and Armenia.", name="t.txt")
    assert _alliances_named(starter, report)[1] == ["organisation=alliance:csto"]


def test_a_pact_on_energy_is_no_security_pact(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2025-03-04\n\nRussia and Myanmar have held joint military drills. The two "
                "countries signed a pact on developing nuclear power.", name="t.txt")
    assert _proposed_members(starter) == []


def test_the_heads_a_stored_grouping_is_called_by() -> None:
    from store.pipeline.extract.alliance_index import compound_index
    from tests.test_extract_claims import _gazetteer

    gazetteer, _kinds = _gazetteer()
    groupings = compound_index(gazetteer).groupings
    # "Trilateral" anywhere in a name, not only at its end: "the trilateral" is the Strategic Dialogue too.
    assert "trilateral" in groupings["alliance:us-japan-australia-tsd"].heads
    assert {"organisation", "grouping"} <= groupings["alliance:sco"].heads
    assert "organisation" not in groupings["alliance:nato"].heads and "alliance" in groupings["alliance:nato"].heads
    assert "grouping" not in groupings["alliance:aukus"].heads  # a pact, an agreement's head


def test_joining_an_alliance_on_a_day_named_after_it_is_membership() -> None:
    assert claims("Finland joined NATO Thursday.") == members(("country:FIN",), "member_of", NATO)
