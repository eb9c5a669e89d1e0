"""Constructions of the twelfth round (issue 14), each with the trap beside it: signed texts named by their title
("the Australia-Japan Joint Declaration on Security Cooperation", "the U.S.-Japan Guidelines for Defense Cooperation")
proposed with their parties; memberships told by what the members are ("are the NATO nations holding …", "a bloc
that brings together six post-Soviet states: …")."""

from __future__ import annotations

import pytest

from store.models import Entity
from store.pipeline.extract.mentions import find_mentions
from store.pipeline.extract.people import introduced
from store.pipeline.gazetteer import Gazetteer
from store.pipeline.importer import import_text
from store.repository import FactStore
from tests.test_extract_claims_round4 import maker_claims as claims
from tests.test_extract_mentions import load_alliances


def _proposed(store: FactStore, text: str) -> list[Entity]:
    import_text(store, f"Title: T\nPublished: 2025-01-01\n\n{text}", name="t.txt")
    return [e for e in store.entities.values() if e.proposal is not None]


def _parties(store: FactStore, entity: Entity) -> set[tuple[str, str]]:
    return {(f.subject.removeprefix("country:"), f.relation.value) for f in store.facts.values() if f.object == entity.id}


@pytest.mark.parametrize("text, name, kind, members", [
    ("We will build on the Australia-Japan Joint Declaration on Security Cooperation of 2007.",
     "Australia–Japan Joint Declaration on Security Cooperation", "joint declaration", {"AUS", "JPN"}),
    ("Defence Ministers signed the updated Australia-New Zealand Joint Statement on Closer Defence Relations.",
     "Australia–New Zealand Joint Statement on Closer Defence Relations", "joint declaration", {"AUS", "NZL"}),
    ("The ministers welcomed the revision of the U.S.-Japan Guidelines for Defense Cooperation.",
     "Japan–US Guidelines for Defense Cooperation", "cooperation guidelines", {"JPN", "USA"}),
    ("Japan and Indonesia signed the Agreement concerning the Transfer of Defense Equipment and Technology.",
     "Indonesia–Japan Agreement concerning the Transfer of Defense Equipment and Technology", "agreement",
     {"IDN", "JPN"}),
    # The title, not the compound before it: a pair has many arrangements.
    ("Ministers welcomed the signing of the Australia-India Implementing Arrangement on Mutual Submarine Rescue "
     "Support and Cooperation.",
     "Australia–India Implementing Arrangement on Mutual Submarine Rescue Support and Cooperation", "arrangement",
     {"AUS", "IND"}),
    # The place it is named after is part of the name; its parties follow it.
    ("The presidents signed the Shusha Declaration on Allied Relations between Azerbaijan and Turkey.",
     "Azerbaijan–Türkiye Shusha Declaration on Allied Relations", "joint declaration", {"AZE", "TUR"}),
])
def test_a_signed_text_named_by_its_title_is_proposed_with_its_parties(starter: FactStore, text: str, name: str,
                                                                       kind: str, members: set[str]) -> None:
    [entity] = _proposed(starter, text)
    assert (entity.name, entity.alliance_kind) == (name, kind)
    assert entity.proposal is not None and {m.removeprefix("country:") for m in entity.proposal.members} == members
    # Its parties are parties to it, as to an agreement.
    assert _parties(starter, entity) == {(m, "party_to") for m in members}


@pytest.mark.parametrize("text", [
    # Not about defence or security.
    "Japan and India signed the Joint Declaration on Economic Cooperation.",
    "Russia and Kazakhstan signed the Declaration on the Transition of Interstate Relations.",
    # A title of a stored grouping's cooperation is that grouping's mention.
    "India and Vietnam issued the Joint Statement on Quad Cooperation.",
])
def test_no_declaration_is_proposed_for_other_subjects(starter: FactStore, text: str) -> None:
    assert not [e for e in _proposed(starter, text) if "declaration" in (e.alliance_kind or "")]


def test_an_agreement_on_security_cooperation_is_read_once_as_before(starter: FactStore) -> None:
    [entity] = _proposed(starter, "Ukraine and France signed the Agreement on Security Cooperation.")
    assert entity.alliance_kind == "agreement"
    assert _parties(starter, entity) == {("FRA", "party_to"), ("UKR", "party_to")}


# --- memberships told by what the members are -------------------------------------------------

def _members(text: str) -> set[tuple[str, str]]:
    return {(s.removeprefix("country:"), m) for s, r, o, m in claims(text) if r == "member_of" and o == "alliance:nato"}


@pytest.mark.parametrize("text, members", [
    ("Belgium, Germany, Italy, the Netherlands, and Turkey are the NATO nations holding B61 nuclear bombs in Europe.",
     {"BEL", "DEU", "ITA", "NLD", "TUR"}),
    ("Poland and Romania are the NATO countries most exposed.", {"POL", "ROU"}),
    ("Norway is the only NATO member bordering Russia in the Arctic.", {"NOR"}),
])
def test_countries_that_are_the_alliances_nations(text: str, members: set[str]) -> None:
    assert _members(text) == {(m, "asserted") for m in members}


@pytest.mark.parametrize("text", [
    "Poland and Romania are the NATO nations' closest partners.",  # the partners of NATO's nations, not NATO's
    "Sweden and Finland are the NATO hopefuls.",  # not its countries
])
def test_no_membership_from_the_alliances_neighbours(text: str) -> None:
    assert not _members(text)


def test_a_bloc_that_brings_together_its_members() -> None:
    text = ("The Collective Security Treaty Organization (CSTO) is a military bloc that brings together six post-Soviet "
            "states: Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan.")
    assert {(s, r, o) for s, r, o, _ in claims(text)} == {
        (f"country:{c}", "member_of", "alliance:csto") for c in ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")}


@pytest.mark.parametrize("text, name, members", [
    ("Established to implement the Washington Declaration between the United States and Republic of Korea in April "
     "2023, the NCG is an enduring bilateral consultative body.", "South Korea–US Washington Declaration", {"KOR", "USA"}),
    ("Britain and France signed the Northwood Declaration on nuclear deterrence.", "France–UK Northwood Declaration",
     {"FRA", "GBR"}),
    # Signers the sentence before names.
    ("Keir Starmer and Emmanuel Macron met at Northwood. They signed the Northwood Declaration, which established the "
     "UK-France Nuclear Steering Group.", "France–UK Northwood Declaration", {"FRA", "GBR"}),
])
def test_a_declaration_named_after_a_place_with_its_signers(starter: FactStore, text: str, name: str,
                                                            members: set[str]) -> None:
    [entity] = _proposed(starter, text)
    assert entity.name == name
    assert _parties(starter, entity) == {(m, "party_to") for m in members}


@pytest.mark.parametrize("text", [
    # A summit's declaration, whose signers the sentence does not give (the two countries it names are not they).
    "Anchored in the Wilmington Declaration adopted at the Quad Leaders' Summit (September 2024), the mission reflects "
    "the collective resolve of India and Japan.",
    # An organisation's.
    "The heads of state met in Paris to further the G7 Vilnius Declaration adopted in July 2023 by Ukraine and France.",
    # No place.
    "The Summit Declaration of Japan and Italy was adopted.",
])
def test_no_declaration_named_after_a_place_without_its_signers(starter: FactStore, text: str) -> None:
    assert not [e for e in _proposed(starter, text) if "Declaration" in e.name]


# --- a multilateral exercise: its host with each country taking part ------------------------------

def _with_host(text: str) -> set[tuple[str, str, str]]:
    return {(s.removeprefix("country:"), o.removeprefix("country:"), m) for s, r, o, m in claims(text)
            if r == "cooperates_with"}


@pytest.mark.parametrize("text, host, guests", [
    ("The exercise, hosted by Australia, involved forces from Singapore, India and Japan.", "AUS", {"SGP", "IND", "JPN"}),
    ("Singapore, India and Japan took part in the Australian-hosted Pitch Black exercise.", "AUS", {"SGP", "IND", "JPN"}),
    ("Troops from Singapore and Japan joined the Australia-led exercise.", "AUS", {"SGP", "JPN"}),
    ("The US-led drills with Japan and South Korea began on Monday.", "USA", {"JPN", "KOR"}),
    ("The Philippines hosts the Balikatan exercises, in which the United States, Australia and Japan participate.", "PHL",
     {"USA", "AUS", "JPN"}),
    ("A total of 13 countries took part in the exercise, which, in addition to Russia, included China, India and Belarus.",
     "RUS", {"CHN", "IND", "BLR"}),
])
def test_the_host_of_an_exercise_cooperates_with_each_guest(text: str, host: str, guests: set[str]) -> None:
    # One claim per guest, none between guests.
    assert _with_host(text) == {(host, g, "asserted") for g in guests}


def test_a_refusal_to_join_an_exercise_is_kept_as_one() -> None:
    assert _with_host("Japan will not join the US-led exercise.") == {("USA", "JPN", "negated")}


@pytest.mark.parametrize("text", [
    "Japan joined the US-led coalition.",  # no exercise
    "The exercise, hosted by Australia, was cancelled after a storm hit Darwin.",  # no guests
    "India took part in the exercise, which was held in the Russian Far East.",  # no host
])
def test_no_host_and_guest_without_both(text: str) -> None:
    assert not _with_host(text)


def test_two_titled_arrangements_of_one_pair_are_two(starter: FactStore) -> None:
    found = _proposed(starter, "Ministers welcomed the signing of the Australia-India Implementing Arrangement on Mutual "
                      "Submarine Rescue Support and Cooperation. They welcomed progress towards operationalising the "
                      "Australia-India Implementing Arrangement on Air-to-Air Refuelling signed in 2024.")
    assert sorted(e.name for e in found) == [
        "Australia–India Implementing Arrangement on Air-to-Air Refuelling",
        "Australia–India Implementing Arrangement on Mutual Submarine Rescue Support and Cooperation"]


def test_a_declaration_whose_parties_a_possessive_plural_gives(starter: FactStore) -> None:
    [entity] = _proposed(starter, "President Biden and President Yoon met in April to bolster the U.S.-South Korean "
                         "alliance. The Washington Declaration, unveiled during the visit, outlines the two countries' "
                         "commitment to deterrence.")
    assert entity.name == "South Korea–US Washington Declaration"


# --- arms ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, modality", [
    ("Under the AUKUS security pact, the U.S. is scheduled to begin selling a limited number of Virginia-class "
     "nuclear-powered submarines to Australia in the early 2030s.", "planned"),
    ("The U.S. is slated to deliver the submarines to Australia.", "planned"),
])
def test_a_sale_scheduled(text: str, modality: str) -> None:
    assert {c for c in claims(text) if c[1] == "arms_supplier_to"} == {
        ("country:USA", "arms_supplier_to", "country:AUS", modality)}


def test_a_designation_with_a_slash_is_part_of_the_arms() -> None:
    text = "China recently delivered four 'Type 054A/P' guided missile frigates to Pakistan."
    assert ("country:CHN", "arms_supplier_to", "country:PAK", "asserted") in claims(text)


# --- an exercise's host named sentences before its guests -------------------------------------------

def _cooperation(store: FactStore, *paragraphs: str) -> set[tuple[str, ...]]:
    report = import_text(store, "Title: T\nPublished: 2024-07-20\n\n" + "\n\n".join(paragraphs), name="x.txt")
    return {tuple(sorted((f.subject.removeprefix("country:"), f.object.removeprefix("country:"))))
            for f in report.proposed if f.relation.value == "cooperates_with"}


def test_guests_listed_after_the_host_was_named(starter: FactStore) -> None:
    found = _cooperation(
        starter,
        "Exercise Pitch Black 2024, the largest iteration of the Royal Australian Air Force's biennial flying exercise, "
        "opened on July 12 in Darwin.",
        # "this year" is a date here (the article has a publication date).
        "One significant aspect of this year's exercise is the participation of six new countries: Philippines, Spain, "
        "Italy, Papua New Guinea, Fiji, and Brunei.",
        "Though Pitch Black is an Australian-led exercise, the U.S. Air Force has been a participating member since 1983.")
    assert found == {tuple(sorted(("AUS", c))) for c in ("PHL", "ESP", "ITA", "PNG", "FJI", "BRN", "USA")}


def test_a_host_named_again_replaces_the_one_before(starter: FactStore) -> None:
    found = _cooperation(starter, "Exercise Talisman Sabre is Australian-led.", "Exercise Cobra Gold is hosted by Thailand.",
                         "Japan and South Korea took part in the exercise.")
    assert found == {("JPN", "THA"), ("KOR", "THA")}


@pytest.mark.parametrize("paragraphs", [
    # No exercise in the later sentence: "the talks" are not the exercise.
    ("Exercise Talisman Sabre is Australian-led.", "Japan and South Korea took part in the talks."),
    # No host named before.
    ("The exercise opened in Darwin.", "Japan and South Korea took part in the exercise."),
])
def test_no_guest_without_a_host_and_an_exercise(starter: FactStore, paragraphs: tuple[str, ...]) -> None:
    assert not {p for p in _cooperation(starter, *paragraphs) if "AUS" in p}


# --- consultations told as meetings --------------------------------------------------------------

@pytest.mark.parametrize("text, pair, modality", [
    ('Japan and Indonesia agreed to hold "two plus two" security talks between the foreign and defence ministers of the '
     "two countries.", ("JPN", "IDN"), "planned"),
    ("The Seventh Japan-France Foreign and Defense Ministers' Meeting (\"2+2\") was held.", ("JPN", "FRA"), "asserted"),
    ("The foreign and defence ministers of Japan and the Philippines met for their first 2+2 talks.", ("JPN", "PHL"),
     "asserted"),
])
def test_a_two_plus_two_meeting_is_a_consultation(text: str, pair: tuple[str, str], modality: str) -> None:
    assert {c for c in claims(text) if c[1] == "consults_with"} == {
        (f"country:{pair[0]}", "consults_with", f"country:{pair[1]}", modality)}


def test_a_meeting_on_trade_is_no_consultation() -> None:
    assert not claims("Japan and the Philippines met for talks on trade.")


# --- "the two countries" beside an agreement of two -------------------------------------------------

def test_the_two_countries_beside_an_agreement_are_its_parties(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2021-10-14\n\n"
                         "Greece and the United States signed an amendment to their Mutual Defense Cooperation "
                         "Agreement (MDCA) on Thursday.\n\n"
                         "Dendias also spoke of the strong ties Greece has built with Israel and the United Arab Emirates."
                         "\n\nThe MDCA will strengthen defense cooperation between the two countries.", name="m.txt")
    cooperation = {frozenset((f.subject, f.object)) for f in report.proposed if f.relation.value == "cooperates_with"}
    assert frozenset(("country:GRC", "country:USA")) in cooperation
    assert frozenset(("country:ARE", "country:ISR")) not in cooperation
    # A mutual defence cooperation agreement is an agreement its parties are party to, not an alliance.
    [entity] = [e for e in starter.entities.values() if e.proposal is not None]
    assert entity.alliance_kind == "agreement"


# --- what the spent sets showed: no grouping of trade, of "This", or of a list cut by an apposition ------------

@pytest.mark.parametrize("text", [
    "The United States and Thailand recognize the 1833 Treaty of Amity and Commerce and the 1966 Treaty of Amity and "
    "Economic Relations.",
    "Lai expressed hope of signing a bilateral economic partnership agreement with Japan.",
    # "This" opens the sentence, not the name: a one-word name is no grouping's.
    "This Compact fulfills the promise the United States made to Ukraine.",
])
def test_no_grouping_of_trade_or_of_a_demonstrative(starter: FactStore, text: str) -> None:
    assert not _proposed(starter, text)


def test_a_possessive_apposition_does_not_cut_the_sentences_three_countries(starter: FactStore) -> None:
    [entity] = _proposed(starter, "Turkey is still withholding its approval of the membership bid of Sweden, Finland's "
                         "neighbour. The three countries signed a pact on the issue last year.")
    assert entity.proposal is not None and entity.proposal.members == ["country:FIN", "country:SWE", "country:TUR"]


# --- alliances told by description (what heldout58-59 showed, after their blind run) ---------------------

def _alliances_per_paragraph(store: FactStore, *paragraphs: str) -> list[set[str]]:
    report = import_text(store, "Title: T\nPublished: 2025-06-01\n\n" + "\n\n".join(paragraphs), name="d.txt")
    excerpts = sorted(report.excerpts_added, key=lambda x: x.start)
    return [{m.entity_id for m in x.mentions if m.entity_id.startswith("alliance:")} for x in excerpts if not x.heading]


def test_the_alliance_of_the_pair_in_the_sentence_before(starter: FactStore) -> None:
    [found] = _alliances_per_paragraph(
        starter, "This was followed by the Japan-U.S. Defense Ministerial Meeting. We reaffirmed that we will cooperate "
        "to strengthen the Alliance capabilities to deter and respond.")
    assert "alliance:us-japan-alliance" in found


def test_an_alliance_described_through_a_row_of_adjectives(starter: FactStore) -> None:
    [found] = _alliances_per_paragraph(
        starter, "The progress made since the establishment of the U.S.-ROK Nuclear Consultative Group demonstrates the "
        "truly global, comprehensive, strategic alliance between the two countries.")
    assert "alliance:us-rok-alliance" in found


@pytest.mark.parametrize("paragraph", [
    "Japan is one of NATO's partners in the Indo-Pacific region, together with Australia and New Zealand.",
    "NATO has strengthened its ties with Japan and three other partners in the Indo-Pacific, Australia, New Zealand "
    "and South Korea.",
    "NATO leaders met the representatives of the Indo-Pacific partners.",
])
def test_natos_indo_pacific_partners_are_the_ip4(starter: FactStore, paragraph: str) -> None:
    [found] = _alliances_per_paragraph(starter, paragraph)
    assert "alliance:ip4" in found


def test_indo_pacific_partners_of_another_are_not_the_ip4(starter: FactStore) -> None:
    [found] = _alliances_per_paragraph(starter, "The European Union met the representatives of its Indo-Pacific "
                                       "partners.")
    assert "alliance:ip4" not in found


def test_a_nato_like_framework_is_not_nato(starter: FactStore) -> None:
    [found] = _alliances_per_paragraph(starter, "Ishiba has called for a NATO-like security framework in Asia.")
    assert "alliance:nato" not in found


@pytest.mark.parametrize("paragraph", [
    "NATO is an alliance. Japan is one of NATO's partners in the Indo-Pacific region, together with Australia, the "
    "Republic of Korea and New Zealand.",
    "NATO has strengthened its ties with Japan and three other partners in the Indo-Pacific, Australia, New Zealand and "
    "South Korea.",
])
def test_the_ip4_described_with_all_four(starter: FactStore, paragraph: str) -> None:
    report = import_text(starter, f"Title: T\nPublished: 2025-06-01\n\n{paragraph}", name="i.txt")
    linked = [report.linked_facts[link.fact_id] for link in report.links_proposed]
    assert {f.subject for f in linked if f.object == "alliance:ip4"} == {
        "country:AUS", "country:JPN", "country:KOR", "country:NZL"}


def test_an_agreement_for_the_transfer_of_defence_equipment(starter: FactStore) -> None:
    [entity] = _proposed(starter, "Japan and Mongolia signed a basic agreement for the transfer of defence equipment and "
                         "technology.")
    assert _parties(starter, entity) == {("JPN", "party_to"), ("MNG", "party_to")}



def test_an_agreement_for_a_purchase_is_no_agreement_between_governments(starter: FactStore) -> None:
    assert not _proposed(starter, "Japan and Chile signed an agreement for the purchase of defence equipment.")


@pytest.mark.parametrize("text, seller, buyer", [
    ("Mariusz Błaszczak, Poland's outgoing national defence minister, has signed the last big arms purchase, an order "
     "for about 152 self-propelled howitzers from South Korea's Hanwha Defense.", "KOR", "POL"),
    ("This is the first designation in response to Russia's attempt to secure weapons from the DPRK.", "PRK", "RUS"),
    ("Hanwha Aerospace signed a contract worth 1.3 trillion won (about 920.7 million USD) to supply Romania with K9 "
     "howitzers.", "KOR", "ROU"),
])
def test_orders_attempts_and_contracts_to_supply(text: str, seller: str, buyer: str) -> None:
    assert {c for c in claims(text) if c[1] == "arms_supplier_to"} == {
        (f"country:{seller}", "arms_supplier_to", f"country:{buyer}", "asserted")}


@pytest.mark.parametrize("text", [
    "Poland's defence minister cancelled an order for tanks from Germany.",  # no order placed
    "Russia's attempt to secure oil from Iraq failed.",  # no arms
])
def test_no_order_cancelled_and_no_arms_without_arms(text: str) -> None:
    assert not {c for c in claims(text) if c[1] == "arms_supplier_to"}


@pytest.mark.parametrize("text, pair, modality", [
    ("Estonia has worked with South Korea on defence before.", ("EST", "KOR"), "asserted"),
    ("Estonia has never worked with South Korea on defence.", ("EST", "KOR"), "negated"),
    ("The leaders welcomed Japan–ROK and Japan–ROK–U.S. security cooperation.", ("JPN", "KOR"), "asserted"),
])
def test_cooperation_worked_with_or_beside_a_trilaterals(text: str, pair: tuple[str, str], modality: str) -> None:
    assert {c for c in claims(text) if c[1] == "cooperates_with"} == {
        (f"country:{pair[0]}", "cooperates_with", f"country:{pair[1]}", modality)}


def test_work_on_trade_is_no_defence_cooperation() -> None:
    assert not claims("Estonia has worked with South Korea on trade.")


@pytest.mark.parametrize("text, modality", [
    ("Poland has been a strong NATO Ally since its accession to the Alliance in 1999.", "asserted"),
    ("Poland is not a NATO member.", "negated"),
    ("Poland would be a NATO member by 2030.", "planned"),
])
def test_one_country_an_ally_or_a_member(text: str, modality: str) -> None:
    assert _members(text) == {("POL", modality)}


@pytest.mark.parametrize("text", [
    "Poland is a non-NATO member.",
    "He is a NATO member of parliament for Poland.",
    "Poland is a NATO partner.",  # a partnership (the partner rules read it)
    "Every country on the Baltic Sea except Poland is now a NATO member.",  # the exception is not one
    "Every NATO hopeful except the Philippines is a NATO member.",
])
def test_no_membership_from_non_members_or_partners(text: str) -> None:
    assert not _members(text)


def test_a_stored_bloc_defined_with_its_members() -> None:
    text = ("The CSTO is an alliance of six former Soviet states: Russia, Armenia, Belarus, Kazakhstan, Kyrgyzstan, and "
            "Tajikistan.")
    assert {s for s, r, o, _ in claims(text) if r == "member_of" and o == "alliance:csto"} == {
        f"country:{c}" for c in ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")}


# --- "the two leaders" are the two people named, not the last two countries listed ---------------------------

def test_the_two_leaders_are_the_people_named_not_the_countries_listed_between(starter: FactStore) -> None:
    report = import_text(starter, "Title: T\nPublished: 2023-03-01\n\n"
                         "Secretary of Defense Lloyd J. Austin III spoke by phone with Brazilian Minister of Defense Jóse "
                         "Múcio Monteiro.\n\n"
                         "Secretary Austin recognized the role of Brazilian military forces in relief efforts in Turkiye "
                         "and Chile.\n\n"
                         "The two leaders agreed to work together to advance the security of the Western Hemisphere.",
                         name="l.txt")
    pairs = {frozenset((f.subject, f.object)) for f in report.proposed if f.relation.value == "cooperates_with"}
    pairs |= {frozenset((report.linked_facts[x.fact_id].subject, report.linked_facts[x.fact_id].object))
              for x in report.links_proposed if report.linked_facts[x.fact_id].relation.value == "cooperates_with"}
    assert frozenset(("country:TUR", "country:CHL")) not in pairs
    assert frozenset(("country:USA", "country:BRA")) in pairs


@pytest.mark.parametrize("text, name", [
    ("Austin spoke with Brazilian Minister of Defense Jóse Múcio Monteiro.",
     "Brazilian Minister of Defense Jóse Múcio Monteiro"),
    ("Austin met Poland's Defence Minister Mariusz Błaszczak.", "Poland's Defence Minister Mariusz Błaszczak"),
])
def test_a_person_with_an_accented_name_is_introduced(text: str, name: str) -> None:
    [person] = introduced(text, find_mentions(Gazetteer(load_alliances()), text))
    assert text[person.start:person.end] == name
