"""Later references to a grouping the grouping stage found (issue 14): a short name in capitals ("the
Agreement", "the Treaty"), initials with their small words ("SOFA"), a programme's "project", and "the treaty"
after a stored treaty the stage recognised by its members."""

from __future__ import annotations

from store.pipeline.importer import import_text
from store.repository import FactStore


def _named(store: FactStore, report, entity_id: str) -> list[list[str]]:  # noqa: ANN001
    """Per passage, the words that mention ``entity_id``."""
    return [[x.quote.exact[m.start:m.end] for m in x.mentions if m.entity_id == entity_id]
            for x in sorted(store.excerpts_of(report.source.id), key=lambda x: x.start)]


def _proposed(store: FactStore) -> list[str]:
    return [e.id for e in store.entities.values() if e.proposal is not None]


def test_a_new_agreement_is_named_by_its_initials_and_by_its_noun_in_capitals(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2025-03-02\n\n"
                         "Ministers of Tonga and Australia signed a Status of Forces Agreement on Monday.\n\n"
                         "Officials said the SOFA would ease exercises.\n\n"
                         "Under the Agreement, visiting forces may wear uniform. The Agreement enters into force "
                         "next year.", name="t.txt")
    [eid] = _proposed(starter)
    assert _named(starter, report, eid)[1:] == [["SOFA"], ["the Agreement", "The Agreement"]]


def test_a_stored_treaty_found_by_its_members_is_the_treaty_later(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2024-12-05\n\n"
                         "The Treaty of Comprehensive Strategic Partnership between Russia and North Korea has come "
                         "into force.\n\n"
                         "“The treaty has effect from today,” the agency said. Article 4 of the treaty is a mutual "
                         "defence clause.", name="t.txt")
    assert not _proposed(starter)
    assert _named(starter, report, "alliance:rus-prk")[1] == ["The treaty", "the treaty"]


def test_a_programme_is_the_project_later(starter: FactStore) -> None:
    # A programme the store lacks (the Global Combat Air Programme, used before, is now the stored gcap).
    report = import_text(starter, "Title: T\nPublished: 2025-05-02\n\n"
                         "Japan and Britain are building a fighter jet in the Future Combat Air Programme.\n\n"
                         "The project will deliver the aircraft by 2035.", name="t.txt")
    [eid] = _proposed(starter)
    assert _named(starter, report, eid)[1] == ["The project"]


def test_another_treaty_named_in_full_is_no_reference(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2025-07-26\n\n"
                         "Australia and Britain signed the Nuclear-Powered Submarine Partnership and Collaboration "
                         "Treaty on Saturday.\n\n"
                         "It is consistent with the Treaty on the Non-Proliferation of Nuclear Weapons.",
                         name="t.txt")
    [eid] = _proposed(starter)
    assert _named(starter, report, eid)[1] == []


def test_a_nickname_in_quotes_is_a_new_grouping_of_the_sentences_list_and_the_four_countries_later(
        starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2025-11-02\n\n"
                         "Talks among Canada, Japan, India and France could turn the “Quartz” group of nations into a "
                         "formal grouping.\n\n"
                         "The defence chiefs of the four countries met on Saturday. The “Quartz” first met in 2023.",
                         name="t.txt")
    [eid] = _proposed(starter)
    entity = starter.entities[eid]
    assert entity.name == "Quartz"
    assert entity.proposal is not None
    assert entity.proposal.members == ["country:CAN", "country:FRA", "country:IND", "country:JPN"]
    assert _named(starter, report, eid)[1] == ["the four countries", "Quartz"]


def test_a_quoted_name_without_a_grouping_noun_is_no_grouping(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2025-07-14\n\nAustralia, the United States and Japan held exercises "
                "dubbed “Talisman Sabre” on Monday.", name="t.txt")
    assert not _proposed(starter)


def test_the_store_says_how_belonging_to_an_alliance_is_coded(starter: FactStore) -> None:
    from store.models import Relation

    assert starter.membership_relation("alliance:rus-prk") is Relation.MEMBER_OF  # a mutual defence treaty
    assert starter.membership_relation("alliance:japan-philippines-raa") is Relation.PARTY_TO
    assert starter.membership_relation("alliance:no-such-thing") is None


def test_a_stored_treaty_named_by_its_kind_gets_its_members_as_the_store_codes_them(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2025-04-28\n\n"
                         "North Korea said it sent troops under the comprehensive strategic partnership treaty "
                         "between Russia and North Korea.", name="t.txt")
    assert not [f for f in report.proposed if f.object == "alliance:rus-prk"]  # no party_to beside the members
    linked = {(report.linked_facts[x.fact_id].subject, report.linked_facts[x.fact_id].relation.value)
              for x in report.links_proposed if report.linked_facts[x.fact_id].object == "alliance:rus-prk"}
    assert linked == {("country:PRK", "member_of"), ("country:RUS", "member_of")}


def test_a_treaty_named_after_a_place_is_a_new_agreement_of_the_pair(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2026-02-06\n\n"
                         "Australia and Indonesia signed the Treaty of Jakarta 2026 on Friday.\n\n"
                         "I was delighted to sign this Treaty with the President.", name="t.txt")
    [eid] = _proposed(starter)
    assert starter.entities[eid].proposal.members == ["country:AUS", "country:IDN"]
    assert _named(starter, report, eid) == [["Treaty of Jakarta 2026"], ["this Treaty"]]


def test_kinds_of_agreement_told_as_news_tells_them(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2025-02-06\n\n"
                "Philippine Defence Secretary Gilberto Teodoro and his German counterpart Boris Pistorius signed an "
                "\"arrangement concerning defence cooperation\" in Berlin.\n\n"
                "South Korea and Saudi Arabia signed a memorandum of understanding on bilateral military cooperation "
                "on Sunday.\n\n"
                "The minister came for the signing of defense cooperation agreements between Manila and Hanoi.",
                name="t.txt")
    members = sorted(tuple(starter.entities[e].proposal.members) for e in _proposed(starter))
    assert members == [("country:DEU", "country:PHL"), ("country:KOR", "country:SAU"), ("country:PHL", "country:VNM")]
    kinds = {starter.entities[e].alliance_kind for e in _proposed(starter)}
    assert kinds == {"arrangement", "memorandum of understanding", "agreement"}


def test_an_agreement_told_by_its_subject_of_security(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2025-04-09\n\n"
                "On Wednesday the U.S. and Panama signed a memorandum of understanding related to cooperative security "
                "activities in the region.\n\n"
                "Japan and Canada have signed a bilateral agreement on information security.\n\n"
                "Japan and India signed an agreement on trade and investment.", name="t.txt")
    members = sorted(tuple(starter.entities[e].proposal.members) for e in _proposed(starter))
    # Trade is no security subject: no third agreement.
    assert members == [("country:CAN", "country:JPN"), ("country:PAN", "country:USA")]


def test_an_agreement_with_a_year_a_police_subject_or_its_parties_after_by(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2023-04-09\n\n"
                "On Monday China and the Solomon Islands signed an agreement on police cooperation, four years after "
                "the Solomon Islands moved its ties from Taiwan to China.\n\n"
                "The Solomon Islands has a 2017 security treaty with Australia.\n\n"
                "They recalled the signing of an MoU on Defence Cooperation by India and Vietnam in November 2009.",
                name="t.txt")
    found = {tuple(starter.entities[e].proposal.members): starter.entities[e] for e in _proposed(starter)}
    assert sorted(found) == [("country:AUS", "country:SLB"), ("country:CHN", "country:SLB"), ("country:IND", "country:VNM")]
    # "MoU" is a memorandum, and its parties are parties (not members of a grouping).
    mou = found[("country:IND", "country:VNM")]
    assert mou.alliance_kind == "memorandum of understanding"
    assert {f.relation.value for f in starter.facts_of(mou.id)} == {"party_to"}


def test_a_treaty_named_after_what_it_is_of(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2025-02-06\n\nChina and Russia signed the Treaty of Good-Neighborliness "
                "and Friendly Cooperation in 2001.", name="t.txt")
    [eid] = _proposed(starter)
    assert "Treaty of Good-Neighborliness and Friendly Cooperation" in starter.entities[eid].name


def test_an_acronym_with_a_year_is_no_grouping(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2025-06-10\n\nThe UK-led Carrier Strike Group (CSG25) exercised with "
                "Australia, Japan and India.", name="t.txt")
    assert not _proposed(starter)


def test_a_name_after_a_place_and_the_agreement_for_a_treaty(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2025-01-17\n\n"
                         "Britain and South Korea welcomed the agreement of the Downing Street Accord on Tuesday.\n\n"
                         "Russia and Iran signed a comprehensive strategic partnership treaty.\n\n"
                         "Putin hailed the agreement as a breakthrough.", name="t.txt")
    names = {starter.entities[e].name: e for e in _proposed(starter)}
    accord = next(e for n, e in names.items() if "Downing Street Accord" in n)
    assert starter.entities[accord].proposal.members == ["country:GBR", "country:KOR"]
    treaty = next(e for n, e in names.items() if "treaty" in n)
    assert _named(starter, report, treaty)[2] == ["the agreement"]


def test_a_pairs_dialogue_is_consultation_not_a_grouping(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2023-05-07\n\nThe leaders welcomed the resumption of the "
                         "Japan-ROK Security Dialogue.", name="t.txt")
    assert not _proposed(starter)
    assert {(f.subject, f.relation.value, f.object) for f in report.proposed} == {
        ("country:JPN", "consults_with", "country:KOR")}


def test_a_pair_that_signed_a_treaty_and_a_trilateral_arrangement_of_three(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2025-05-09\n\nFrance and Poland signed a treaty on Friday under which "
                "each promises to help the other.\n\nIt follows the trilateral maritime security arrangement of India, "
                "the Maldives and Sri Lanka.\n\nSaudi Arabia and Pakistan signed a strategic mutual defence agreement.",
                name="t.txt")
    by_members = {tuple(starter.entities[e].proposal.members): starter.entities[e] for e in _proposed(starter)}
    assert set(by_members) == {("country:FRA", "country:POL"), ("country:IND", "country:LKA", "country:MDV"),
                               ("country:PAK", "country:SAU")}
    arrangement = by_members[("country:IND", "country:LKA", "country:MDV")]
    assert {f.relation.value for f in starter.facts_of(arrangement.id)} == {"member_of"}


def test_this_agreement_is_no_stored_alliance_named_after_a_treaty(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2025-08-31\n\nNorway, a NATO member, will buy British "
                         "frigates.\n\nRecruits will serve on the frigates built under this agreement.", name="t.txt")
    assert _named(starter, report, "alliance:nato")[1] == []


def test_agreements_with_a_list_are_one_agreement_of_the_owner_with_each(starter: FactStore) -> None:
    """"X has visiting forces agreements with A and B" is X–A and X–B, never one agreement of A and B (which
    used to link the stored Japan–Australia RAA to a Philippine sentence)."""
    report = import_text(starter, "Title: T\nPublished: 2025-03-02\n\n"
                         "The Philippines also has visiting forces agreements with Australia and Japan.", name="t.txt")
    [eid] = _proposed(starter)
    assert starter.entities[eid].proposal.members == ["country:AUS", "country:PHL"]
    assert starter.entities[eid].name == "Australia–Philippines visiting forces agreement"
    linked = {report.linked_facts[x.fact_id].object for x in report.links_proposed}
    assert linked == {"alliance:japan-philippines-raa"}  # the pair's stored agreement, whatever it is called


def test_plural_initials_name_each_stored_agreement_of_the_owner(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2024-07-05\n\n"
                         "Japan has already signed RAAs with Australia and the United Kingdom.", name="t.txt")
    assert not _proposed(starter)
    linked = {(report.linked_facts[x.fact_id].subject, report.linked_facts[x.fact_id].object)
              for x in report.links_proposed}
    assert linked == {("country:JPN", "alliance:japan-australia-raa"), ("country:AUS", "alliance:japan-australia-raa"),
                      ("country:JPN", "alliance:japan-uk-raa"), ("country:GBR", "alliance:japan-uk-raa")}


def test_agreements_whose_owner_an_earlier_sentence_named_propose_nothing(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2024-07-05\n\n"
                         "Japan announced a build-up. It has signed RAAs with Australia and the United Kingdom.",
                         name="t.txt")
    assert not _proposed(starter)
    assert not report.links_proposed  # not an agreement of Australia with Britain


def test_a_treaty_told_by_the_country_after_with(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2025-01-10\n\n"
                         "The treaty is China's only defence pact, while North Korea signed a similar treaty with "
                         "Russia in June 2024.\n\n"
                         "Moscow said how it implemented a partnership treaty with Pyongyang was its own business.\n\n"
                         "Japan signed a peace treaty with Vietnam.", name="t.txt")
    assert not _proposed(starter)  # a peace treaty is no security agreement: nothing proposed
    assert _named(starter, report, "alliance:rus-prk")[:2] == [["treaty"], ["partnership treaty"]]


def test_a_small_stored_grouping_named_with_all_its_members(starter: FactStore) -> None:
    """GCAP's name does not say who is in it, but the store does: a sentence naming it with all three parties and
    a cue links their party_to facts (as the store codes them); two of the three are not enough."""
    report = import_text(starter, "Title: T\nPublished: 2023-05-18\n\n"
                         "In six months we launched the UK-Japan-Italy Global Combat Air Programme.\n\n"
                         "The UK and Japan will keep building on the Global Combat Air Programme.", name="t.txt")
    linked = {(report.linked_facts[x.fact_id].subject, report.linked_facts[x.fact_id].relation.value)
              for x in report.links_proposed if report.linked_facts[x.fact_id].object == "alliance:gcap"}
    assert linked == {("country:GBR", "party_to"), ("country:ITA", "party_to"), ("country:JPN", "party_to")}
    assert not [f for f in report.proposed if f.object == "alliance:gcap"]
    first, second = sorted(starter.excerpts_of(report.source.id), key=lambda x: x.start)
    passages = {x.excerpt_id for x in report.links_proposed if report.linked_facts[x.fact_id].object == "alliance:gcap"}
    assert passages == {first.id}  # the second names two of the three parties


def test_a_definition_that_counts_its_members_before_listing_them(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2024-03-01\n\n"
                "The Lublin Triangle (Polish: Trójkąt Lubelski) is an alliance of three European countries – "
                "Lithuania, Poland, and Ukraine – formed in 2020.", name="t.txt")
    [eid] = _proposed(starter)
    assert starter.entities[eid].name == "Lublin Triangle"
    assert starter.entities[eid].proposal.members == ["country:LTU", "country:POL", "country:UKR"]


def test_the_three_countries_of_a_trilateral_are_its_members(starter: FactStore) -> None:
    """"A trilateral meeting of the three countries" names all three members by number; "welcomed the four countries"
    resolved to the IP4 is only the mention, and a sentence naming two groupings of three says nothing of either."""
    report = import_text(starter, "Title: T\nPublished: 2025-07-02\n\n"
                         "Japan, the Philippines and the United States held a summit in April.\n\n"
                         "At the first trilateral ministerial meeting of the three countries since January, the "
                         "ministers confirmed their opposition.\n\n"
                         "Leaders of the IP4 came to The Hague. The White House welcomed the four countries at the summit.",
                         name="t.txt")
    by_passage: dict[str, set[str]] = {}
    for x in report.links_proposed:
        fact = report.linked_facts[x.fact_id]
        if fact.relation.value == "member_of":
            by_passage.setdefault(x.excerpt_id, set()).add(f"{fact.subject} {fact.object}")
    first, second, third = sorted(starter.excerpts_of(report.source.id), key=lambda x: x.start)
    assert by_passage.get(second.id) == {f"country:{c} alliance:us-japan-philippines-trilateral"
                                         for c in ("JPN", "PHL", "USA")}
    assert third.id not in by_passage


def test_the_three_countries_beside_two_groupings_of_three_are_neither_ones(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2024-01-02\n\n"
                         "The trilateral pact commits the three countries to a set of agreements, like AUKUS.",
                         name="t.txt")
    assert not [x for x in report.links_proposed
                if report.linked_facts[x.fact_id].object in ("alliance:aukus", "alliance:us-japan-rok-trilateral")]


def test_another_pairs_visiting_forces_agreement_is_proposed_not_the_stored_one(starter: FactStore) -> None:
    """The store holds the US-Philippines VFA and EDCA under names many pairs' agreements have: Britain's VFA with
    the Philippines, or Singapore's EDCA with Australia, is another agreement to propose, not a link to those."""
    report = import_text(starter, "Title: T\nPublished: 2025-02-04\n\n"
                         "Britain has formally said it intends to discuss a Visiting Forces Agreement with the "
                         "Philippines.\n\n"
                         "Australia and Singapore signed an Enhanced Defence Cooperation Agreement.", name="t.txt")
    names = sorted(starter.entities[e].name for e in _proposed(starter))
    assert names == ["Australia–Singapore Enhanced Defence Cooperation Agreement",
                     "Philippines–UK Visiting Forces Agreement"]
    linked = {report.linked_facts[x.fact_id].object for x in report.links_proposed}
    assert not linked & {"alliance:us-philippines-vfa", "alliance:us-philippines-edca"}


def test_a_stored_grouping_with_its_new_member_and_the_others(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2024-07-11\n\n"
                         "Bangladesh was formally admitted on Wednesday as the fifth member state of the Colombo "
                         "Security Conclave (CSC), a grouping whose other members are India, Sri Lanka, Mauritius and "
                         "the Maldives.", name="t.txt")
    linked = {report.linked_facts[x.fact_id].subject for x in report.links_proposed
              if report.linked_facts[x.fact_id].object == "alliance:colombo-security-conclave"}
    assert linked == {f"country:{c}" for c in ("BGD", "IND", "LKA", "MUS", "MDV")}


def test_a_two_party_agreement_in_a_passage_about_its_pair(starter: FactStore) -> None:
    """"Both sides … the Philippines-United States Alliance … The Secretaries reaffirmed the 1998 VFA": the passage
    names the pair, so the agreement's parties are linked; a passage naming one of them is not enough."""
    report = import_text(starter, "Title: T\nPublished: 2024-07-30\n\n"
                         "Both sides celebrated progress in the Philippines-United States Alliance. The Secretaries "
                         "also reaffirmed the critical importance of the 1998 Visiting Forces Agreement (VFA).\n\n"
                         "The Philippines hosted the talks. The Enhanced Defense Cooperation Agreement was discussed.",
                         name="t.txt")
    first, _ = sorted(starter.excerpts_of(report.source.id), key=lambda x: x.start)
    linked = {(x.excerpt_id, report.linked_facts[x.fact_id].subject, report.linked_facts[x.fact_id].object)
              for x in report.links_proposed if report.linked_facts[x.fact_id].relation.value == "party_to"}
    assert linked == {(first.id, "country:PHL", "alliance:us-philippines-vfa"),
                      (first.id, "country:USA", "alliance:us-philippines-vfa")}


def test_a_quoted_mechanism_established_by_its_members(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2024-07-10\n\n"
                "The SCO has its origins in the “Shanghai Five” mechanism, established by China, Russia, Kazakhstan, "
                "Kyrgyzstan and Tajikistan in 1996.", name="t.txt")
    [eid] = _proposed(starter)
    assert starter.entities[eid].name == "Shanghai Five"
    assert starter.entities[eid].proposal.members == [f"country:{c}" for c in ("CHN", "KAZ", "KGZ", "RUS", "TJK")]
