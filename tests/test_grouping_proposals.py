"""New groupings an article names and the store lacks: proposed as entities, for review (issue 14).

An import proposes each as an alliance entity marked ``proposal`` (its source, the passages, the
members the passage gives), with its members as proposed facts and a mention in the passages that
name it, all in the article's one undoable group. Review accepts it (an ordinary entity) or rejects
it (kept hidden, with its proposed facts removed), and a rejected grouping is not proposed again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store.exports.formats import as_json
from store.pipeline.importer import gazetteer_for, import_text
from store.models import Entity, EntityKind, FactStatus, Origin, Relation
from store.repository import FactStore

TRILATERAL = (
    "Title: Leaders meet\nPublished: 2024-04-12\n\n"
    "Leaders met on Thursday to deepen the US-Japan-India trilateral in the South China Sea.\n\n"
    "The US-Japan-India trilateral will hold joint patrols, officials said."
)


@pytest.fixture
def store(starter: FactStore) -> FactStore:
    """conftest's starter store, a private copy opened for writing."""
    return starter


def proposed(store: FactStore) -> list[Entity]:
    return [e for e in store.entities.values() if e.proposal is not None]


def test_an_article_naming_a_new_trilateral_proposes_it_with_its_members(store: FactStore) -> None:
    report = import_text(store, TRILATERAL, name="tri.txt")
    [entity] = proposed(store)
    assert entity.kind is EntityKind.ALLIANCE and entity.proposed
    assert entity.name == "US–Japan–India trilateral"
    assert "US-Japan-India trilateral" in entity.aliases
    assert entity.alliance_kind == "trilateral partnership"
    assert entity.proposal.source_id == report.source.id
    assert entity.proposal.members == ["country:IND", "country:JPN", "country:USA"]
    excerpts = store.excerpts_of(report.source.id)
    assert set(entity.proposal.excerpt_ids) == {x.id for x in excerpts}  # named in both, proposed once
    members = [f for f in store.facts_of(entity.id) if f.relation is Relation.MEMBER_OF]
    assert sorted(f.subject for f in members) == entity.proposal.members
    assert all(f.status is FactStatus.UNREVIEWED and f.origin is Origin.IMPORT and f.evidence for f in members)
    for x in excerpts:  # the claims stage sees it: a mention in each passage that names it
        [m] = [m for m in x.mentions if m.entity_id == entity.id]
        assert x.quote.exact[m.start:m.end].endswith("US-Japan-India trilateral")
    assert report.groupings_proposed == [entity]
    assert "1 new grouping to review" in report.headline()
    assert "new groupings proposed for review (1): US–Japan–India trilateral" in report.summary()


def test_undo_of_the_import_removes_the_proposed_grouping(store: FactStore) -> None:
    import_text(store, TRILATERAL, name="tri.txt")
    assert proposed(store)
    store.undo()
    assert proposed(store) == []
    assert not [f for f in store.facts.values() if f.origin is Origin.IMPORT]


def test_a_grouping_the_store_has_is_not_proposed_again(store: FactStore) -> None:
    import_text(store, TRILATERAL, name="tri.txt")
    [first] = proposed(store)
    again = TRILATERAL.replace("Leaders meet", "Another day").replace("Thursday", "Friday")
    report = import_text(store, again + "\n\nThe Japan-India-US trilateral is new.", name="tri2.txt")
    assert proposed(store) == [first]  # by its name, and by its member set and noun
    assert report.groupings_proposed == []
    # The stored (proposed) grouping is mentioned in the new article, so its claims can be read.
    assert any(m.entity_id == first.id for x in report.excerpts for m in x.mentions)


def test_a_name_and_an_acronym_are_proposed_once_and_read_by_their_acronym_later(store: FactStore) -> None:
    text = ("Title: RAA\n\n"
            "Japan and New Zealand signed the Reciprocal Access Agreement (RAA) between Japan and New Zealand.\n\n"
            "The RAA will enter into force next year.")
    report = import_text(store, text, name="raa.txt")
    [entity] = proposed(store)
    assert "RAA" in entity.aliases and entity.alliance_kind == "reciprocal access agreement"
    assert entity.proposal.members == ["country:JPN", "country:NZL"]
    parties = [f for f in store.facts_of(entity.id) if f.object == entity.id]
    assert {f.relation for f in parties} == {Relation.PARTY_TO}  # an agreement has parties, as the gold codes it
    second = store.excerpts_of(report.source.id)[1]
    assert any(m.entity_id == entity.id for m in second.mentions)


def test_a_second_agreement_between_two_treaty_allies_is_a_new_agreement_not_their_treaty(store: FactStore) -> None:
    """Two countries have many agreements (the US and the Philippines: the 1951 treaty, the VFA, the EDCA,
    the MLSA …): only a grouping of three or more is recognised by its members alone (the held-out set's
    EDCA, now stored; here the MLSA, which the store lacks)."""
    text = ("Title: MLSA\n\n"
            "The Philippines and the United States signed the Mutual Logistics Support Agreement (MLSA) in 2002.")
    import_text(store, text, name="mlsa.txt")
    [entity] = proposed(store)
    assert "MLSA" in entity.aliases and entity.proposal.members == ["country:PHL", "country:USA"]
    assert not any(f.origin is Origin.IMPORT for f in store.facts_of("alliance:us-philippines"))


def test_accept_makes_an_ordinary_entity_and_undo_brings_the_proposal_back(store: FactStore) -> None:
    import_text(store, TRILATERAL, name="tri.txt")
    [entity] = proposed(store)
    store.accept_entity(entity.id)
    assert store.entity(entity.id).proposal is None
    assert entity.id in {e.id for e, _ in store.alliances()}
    store.undo()
    assert store.entity(entity.id).proposed


def test_reject_hides_the_grouping_and_removes_only_its_proposed_facts(store: FactStore) -> None:
    import_text(store, TRILATERAL, name="tri.txt")
    [entity] = proposed(store)
    others = {f.id for f in store.facts.values() if entity.id not in f.entities}
    store.reject_entity(entity.id)
    assert store.entity(entity.id).rejected
    assert not store.facts_of(entity.id)
    assert {f.id for f in store.facts.values()} == others
    assert entity.id not in {e.id for e, _ in store.alliances()}
    assert entity.id not in gazetteer_for(store).alliance_names
    store.undo()
    assert store.entity(entity.id).proposed and store.facts_of(entity.id)


def test_a_rejected_grouping_is_remembered_by_a_reimport(store: FactStore) -> None:
    import_text(store, TRILATERAL, name="tri.txt")
    [entity] = proposed(store)
    store.reject_entity(entity.id)
    report = import_text(store, TRILATERAL.replace("Leaders meet", "Leaders meet again") + "\n\nMore.", name="t2.txt")
    assert report.groupings_proposed == []
    assert [e.id for e in proposed(store)] == [entity.id]  # only the rejected one, still rejected
    assert store.entity(entity.id).rejected
    assert not any(m.entity_id == entity.id for x in report.excerpts for m in x.mentions)


def test_confirming_a_fact_about_a_proposed_grouping_accepts_the_grouping_too(store: FactStore) -> None:
    import_text(store, TRILATERAL, name="tri.txt")
    [entity] = proposed(store)
    fact = next(f for f in store.facts_of(entity.id) if f.relation is Relation.MEMBER_OF)
    store.set_fact_status(fact.id, FactStatus.CONFIRMED)
    assert store.entity(entity.id).proposal is None
    store.undo()  # one step: the fact and the grouping together
    assert store.entity(entity.id).proposed and store.fact(fact.id).status is FactStatus.UNREVIEWED


def test_the_json_export_says_an_entity_is_proposed(store: FactStore, tmp_path: Path) -> None:
    import_text(store, TRILATERAL, name="tri.txt")
    [entity] = proposed(store)
    data = as_json(store)
    [row] = [e for e in data["entities"] if e["id"] == entity.id]
    assert row["proposal"]["status"] == "proposed"
    assert all("proposal" not in e for e in data["entities"] if e["id"] != entity.id)


def test_hostile_names_stay_text(store: FactStore) -> None:
    text = "Title: x\n\nThe [/]bold[b] \x1b[31mRed Security Partnership between Japan and the Philippines was signed."
    report = import_text(store, text, name="x.txt")
    for e in report.groupings_proposed:
        assert "\x1b" not in report.summary() and "\x1b" not in report.headline()
        assert "[/]" not in e.id


@pytest.mark.parametrize("what", ["note", "disputed"])
def test_rejecting_a_grouping_never_drops_a_fact_the_user_noted_or_judged(store: FactStore, what: str) -> None:
    from store.errors import StoreError
    from store.models import FactStatus, Target

    import_text(store, TRILATERAL, name="tri.txt")
    [entity] = proposed(store)
    fact = store.facts_of(entity.id)[0]
    if what == "note":
        store.add_note(Target(kind="fact", id=fact.id), "check this one against the joint statement")
    else:
        store.edit_fact(fact.id, status=FactStatus.DISPUTED)
    before = dict(store.facts)
    with pytest.raises(StoreError, match=entity.name):
        store.reject_entity(entity.id)
    assert store.entity(entity.id).proposed and dict(store.facts) == before


def test_two_named_agreements_of_one_pair_are_two_entities(store: FactStore) -> None:
    import_text(store, "Title: 2+2\nPublished: 2024-07-30\n\n"
                "The Philippines and the United States reaffirmed the 2002 Mutual Logistics Support Agreement (MLSA) "
                "and 2024 General Security of Military Information Agreement (GSOMIA) as pillars of their alliance.",
                name="a.txt")
    names = sorted(e.name for e in proposed(store))
    assert names == ["Philippines–US General Security of Military Information Agreement",
                     "Philippines–US Mutual Logistics Support Agreement"]
    for e in proposed(store):
        parties = {f.subject for f in store.facts_of(e.id) if f.relation is Relation.PARTY_TO}
        assert parties == {"country:PHL", "country:USA"}



def test_the_stored_vfa_and_edca_are_found_not_proposed(store: FactStore) -> None:
    """The world holds both (us-philippines-vfa, us-philippines-edca): an article naming them links them."""
    report = import_text(store, "Title: 2+2\nPublished: 2024-07-30\n\n"
                         "The Philippines and the United States reaffirmed the 1998 Visiting Forces Agreement (VFA) and "
                         "2014 Enhanced Defense Cooperation Agreement (EDCA) as the foundation of their alliance.",
                         name="a.txt")
    assert not proposed(store)
    mentioned = {m.entity_id for x in store.excerpts_of(report.source.id) for m in x.mentions}
    assert {"alliance:us-philippines-vfa", "alliance:us-philippines-edca"} <= mentioned

def test_an_agreement_signed_by_officials_named_earlier_has_their_countries_as_parties(store: FactStore) -> None:
    report = import_text(store, "Title: Visit\nPublished: 2024-11-19\n\n"
                "Philippine Secretary of National Defense Gilberto Teodoro received U.S. Secretary of Defense "
                "Lloyd J. Austin III in Manila.\n\n"
                "Secretary Austin and Secretary Teodoro signed a General Security of Military Information "
                "Agreement (GSOMIA).", name="b.txt")
    [entity] = proposed(store)
    assert entity.name == "Philippines–US General Security of Military Information Agreement"
    assert "GSOMIA" in entity.aliases
    parties = {f.subject for f in store.facts_of(entity.id) if f.relation is Relation.PARTY_TO}
    assert parties == {"country:PHL", "country:USA"}
    # The names stood for their countries in the claims stage only: the passage names no country.
    [second] = [x for x in store.excerpts_of(report.source.id) if "GSOMIA" in x.quote.exact]
    assert not [m for m in second.mentions if m.entity_id.startswith("country:")]


def _alliance_mentions(store: FactStore, report) -> list[set[str]]:  # noqa: ANN001
    return [{m.entity_id for m in x.mentions if m.entity_id.startswith("alliance:")}
            for x in sorted(store.excerpts_of(report.source.id), key=lambda x: x.start)]


def test_a_grouping_described_with_its_members_is_named_by_the_description_later(store: FactStore) -> None:
    report = import_text(store, "Title: Partners\nPublished: 2023-04-11\n\n"
                         "NATO is strengthening relations with its partners in the Indo-Pacific region – Australia, "
                         "Japan, the Republic of Korea and New Zealand.\n\n"
                         "The first meeting with the partners from the Indo-Pacific was held in 2020.\n\n"
                         "The four partners attended again.", name="p.txt")
    assert not proposed(store)  # a description of a grouping the store has is no new grouping
    mentions = _alliance_mentions(store, report)
    assert "alliance:ip4" in mentions[0] and "alliance:ip4" in mentions[1] and "alliance:ip4" in mentions[2]
    members = {f.subject for f in store.facts_of("alliance:ip4") if f.relation is Relation.MEMBER_OF
               and report.source.id in {store.excerpts[x].source_id for x in f.evidence if x in store.excerpts}}
    links = {store.facts[link.fact_id].subject for link in report.links_proposed
             if store.facts[link.fact_id].object == "alliance:ip4"}
    assert members | links == {"country:AUS", "country:JPN", "country:KOR", "country:NZL"}


def test_a_grouping_spelt_out_by_size_and_region(store: FactStore) -> None:
    report = import_text(store, "Title: Summit\nPublished: 2024-07-11\n\n"
                         "Four Indo-Pacific countries attending the NATO summit issued a joint statement.\n\n"
                         "Officials of the four countries met the Secretary-General.", name="s.txt")
    mentions = _alliance_mentions(store, report)
    assert "alliance:ip4" in mentions[0] and "alliance:ip4" in mentions[1]


def test_a_size_and_region_is_the_four_the_article_listed_last_when_they_are_others(store: FactStore) -> None:
    report = import_text(store, "Title: Malabar\nPublished: 2025-11-20\n\n"
                         "Australia, India, Japan and U.S. forces participated in Exercise Malabar.\n\n"
                         "Our Australian, Indian and Japanese friends came. The exercise united service members "
                         "from four Indo-Pacific nations.", name="m.txt")
    assert "alliance:ip4" not in set().union(*_alliance_mentions(store, report))


@pytest.mark.parametrize("text", [
    "The United States and its Indo-Pacific partners held talks.",  # whose partners: not said
    "Australia works with its partners in the Pacific – Fiji and Tonga.",  # no stored grouping of these
    "The four countries signed a trade deal.",  # no grouping of four named before
])
def test_a_description_that_names_no_stored_grouping_names_nothing(store: FactStore, text: str) -> None:
    report = import_text(store, f"Title: T\nPublished: 2024-01-01\n\n{text}", name="t.txt")
    assert not proposed(store)
    assert "alliance:ip4" not in set().union(*_alliance_mentions(store, report))


@pytest.mark.parametrize("text, name, members", [
    ("The United States has signed a 10-year defence framework agreement with India, officials said.",
     "India–US defence framework agreement", {"IND", "USA"}),
    ("South Korea and Romania marked the 15th anniversary of their strategic partnership.",
     "Romania–South Korea strategic partnership", {"KOR", "ROU"}),
    ("Ratifying it affirms the strategic partnership between Japan and the Philippines.",
     "Japan–Philippines strategic partnership", {"JPN", "PHL"}),
])
def test_an_agreement_told_by_its_kind_with_its_parties(store: FactStore, text: str, name: str,
                                                        members: set[str]) -> None:
    import_text(store, f"Title: T\nPublished: 2025-01-01\n\n{text}", name="k.txt")
    [entity] = proposed(store)
    assert entity.name == name
    assert {m.removeprefix("country:") for m in entity.proposal.members} == members


@pytest.mark.parametrize("text", [
    "Officials said a defence agreement was under discussion.",  # whose: not said
    "The United States has signed a 10-year trade agreement with India.",  # not a security agreement
])
def test_a_kind_without_parties_or_of_trade_is_no_grouping(store: FactStore, text: str) -> None:
    import_text(store, f"Title: T\nPublished: 2025-01-01\n\n{text}", name="k.txt")
    assert not proposed(store)


def test_a_kind_followed_by_its_name_is_one_grouping(store: FactStore) -> None:
    import_text(store, "Title: T\nPublished: 2023-05-18\n\nPrime Minister Rishi Sunak and Japan's Prime Minister "
                "Fumio Kishida will agree a landmark new global strategic partnership, 'The Hiroshima Accord'.",
                name="h.txt")
    [entity] = proposed(store)
    assert entity.name == "Japan–UK Hiroshima Accord"
    assert entity.proposal.members == ["country:GBR", "country:JPN"]


def test_a_kind_whose_members_the_store_has_grouped_is_that_grouping(store: FactStore) -> None:
    report = import_text(store, "Title: T\nPublished: 2023-08-18\n\nThe leaders agreed a security pact between "
                         "Japan, South Korea and the United States.", name="t.txt")
    assert not proposed(store)
    [x] = store.excerpts_of(report.source.id)
    assert "alliance:us-japan-rok-trilateral" in {m.entity_id for m in x.mentions}


def test_a_declaration_on_a_partnership_names_the_partnership_and_one_pair_has_one(store: FactStore) -> None:
    import_text(store, "Title: T\nPublished: 2023-09-08\n\n"
                "President Ferdinand R. Marcos Jr. and Prime Minister Anthony Albanese witnessed the signing of the "
                "Joint Declaration on Strategic Partnership (JDSP).\n\n"
                "The Philippines and Australia marked the elevation of their relations from a Comprehensive "
                "Partnership to a Strategic Partnership.", name="d.txt")
    [entity] = proposed(store)
    assert entity.name == "Australia–Philippines Strategic Partnership"
    assert entity.proposal.members == ["country:AUS", "country:PHL"]


def test_a_mutual_defence_treaty_is_an_alliance_its_parties_are_members_of(store: FactStore) -> None:
    import_text(store, "Title: T\nPublished: 2025-10-06\n\nToday we sign the Pukpuk Treaty, the Papua New "
                "Guinea-Australia Mutual Defence Treaty.", name="m.txt")
    [entity] = proposed(store)
    assert entity.alliance_kind == "mutual defence treaty"
    assert entity.name == "Australia–Papua New Guinea Pukpuk Treaty"  # the name, with its description's members
    assert "Papua New Guinea-Australia Mutual Defence Treaty" in entity.aliases
    relations = {f.relation for f in store.facts_of(entity.id)}
    assert relations == {Relation.MEMBER_OF}


@pytest.mark.parametrize("clause, kind, relation", [
    ("under which each side promises to help the other if it is attacked", "bilateral alliance", Relation.MEMBER_OF),
    ("on cultural exchanges and schools", "treaty", Relation.PARTY_TO),
])
def test_a_treaty_told_with_a_mutual_defence_clause_is_an_alliance(store: FactStore, clause: str, kind: str,
                                                                  relation: Relation) -> None:
    import_text(store, f"Title: T\nPublished: 2025-05-09\n\nFrance and Poland signed a treaty on Friday {clause}.",
                name="n.txt")
    [entity] = proposed(store)
    assert (entity.name, entity.alliance_kind) == ("France–Poland treaty", kind)
    assert {f.relation for f in store.facts_of(entity.id)} == {relation}


def test_a_joint_venture_of_companies_is_no_grouping_of_countries(store: FactStore) -> None:
    import_text(store, "Title: T\nPublished: 2024-11-21\n\nItaly, Japan and the UK welcomed industry partners who "
                "will soon sign a Joint Venture Agreement.", name="j.txt")
    assert not proposed(store)


@pytest.mark.parametrize("text, alliance", [
    ("The treaty is a defense pact between the People's Republic of China and North Korea.", "alliance:chn-prk"),
    ("The comprehensive strategic partnership treaty between Russia and North Korea was signed on Wednesday.",
     "alliance:rus-prk"),
    # A joint communiqué, not a treaty by its kind, but it binds the US to Thailand's defence: the pair's alliance.
    ("The exercise shows the strength of the U.S.-Thailand security alliance.", "alliance:thanat-rusk"),
])
def test_a_kind_the_pairs_stored_treaty_is_that_treaty(store: FactStore, text: str, alliance: str) -> None:
    assert alliance in store.entities  # the starter world's treaty
    report = import_text(store, f"Title: T\nPublished: 2024-06-20\n\n{text}", name="p.txt")
    assert not proposed(store)
    [x] = store.excerpts_of(report.source.id)
    assert alliance in {m.entity_id for m in x.mentions}


def test_a_pairs_alliance_without_a_defence_obligation_is_a_new_one(store: FactStore) -> None:
    # The US and Vietnam have no stored alliance: "the U.S.-Vietnam alliance" is proposed, not matched to anything.
    import_text(store, "Title: T\nPublished: 2024-06-20\n\nThey spoke of a U.S.-Vietnam alliance.", name="v.txt")
    assert [e.proposal.members for e in proposed(store)] == [["country:USA", "country:VNM"]]


def test_a_pairs_agreement_named_otherwise_is_not_their_stored_raa(store: FactStore) -> None:
    report = import_text(store, "Title: T\nPublished: 2026-01-15\n\nJapan and the Philippines also signed an "
                         "Acquisition and Cross-Servicing Agreement that allows their forces to share supplies.",
                         name="a.txt")
    [entity] = proposed(store)
    assert entity.name == "Japan–Philippines Acquisition and Cross-Servicing Agreement"
    [x] = store.excerpts_of(report.source.id)
    assert "alliance:japan-philippines-raa" not in {m.entity_id for m in x.mentions}


def test_descriptions_of_one_pairs_security_deal_are_one_grouping(store: FactStore) -> None:
    import_text(store, "Title: T\nPublished: 2022-04-20\n\nChina said it had signed a security agreement with the "
                "Solomon Islands.\n\nAustralia asked the Solomon Islands not to sign the security pact with Beijing.",
                name="s.txt")
    [entity] = proposed(store)
    assert entity.proposal.members == ["country:CHN", "country:SLB"]
    assert {"security agreement", "security pact"} <= {entity.name.split(" ", 2)[-1], *entity.aliases}


def test_a_trilateral_memorandum_has_parties_and_a_pair_raising_their_relationship_a_partnership(
        store: FactStore) -> None:
    import_text(store, "Title: T\nPublished: 2022-07-05\n\nLeaders agreed to invite Finland and Sweden to join NATO "
                "following the agreement of a trilateral memorandum between Türkiye, Finland, and Sweden.\n\n"
                "South Korea and the Philippines raised their relationship to a strategic partnership on Monday.",
                name="m.txt")
    by_name = {e.name: e for e in proposed(store)}
    memo = next(e for n, e in by_name.items() if "memorandum" in n)
    assert {f.subject for f in store.facts_of(memo.id)} == {"country:FIN", "country:SWE", "country:TUR"}
    assert {f.relation for f in store.facts_of(memo.id)} == {Relation.PARTY_TO}
    sp = next(e for n, e in by_name.items() if "strategic partnership" in n)
    assert sp.proposal.members == ["country:KOR", "country:PHL"]


def test_a_named_treaty_of_a_pair_is_their_stored_treaty_by_its_words(store: FactStore) -> None:
    report = import_text(store, "Title: T\nPublished: 2024-12-05\n\nThe Treaty of Comprehensive Strategic "
                         "Partnership between Russia and North Korea entered into force on Wednesday.", name="t.txt")
    assert not proposed(store)
    [x] = store.excerpts_of(report.source.id)
    assert "alliance:rus-prk" in {m.entity_id for m in x.mentions}


def test_the_act_of_agreeing_is_no_later_name_of_a_new_agreement(store: FactStore) -> None:
    report = import_text(store, "Title: T\nPublished: 2024-11-19\n\nJapan and the Philippines signed the Manila "
                         "Logistics Agreement.\n\nThey welcomed the agreement of new exercises. The agreement will "
                         "enter into force next year.", name="g.txt")
    [entity] = proposed(store)
    last = max(store.excerpts_of(report.source.id), key=lambda x: x.start)
    named = [last.quote.exact[m.start:m.end] for m in last.mentions if m.entity_id == entity.id]
    assert named == ["The agreement"]
