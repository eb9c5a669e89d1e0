"""Constructions of the eleventh round (issue 14), each with the trap beside it: arms whose name is its maker's
country ("F-16", "Virginia-class", "Lockheed Martin") inside a sale told by the buyer, the seller or the approval;
sales given two objects, undertaken, or made through a sales programme; a weapon's customers named after it
(``arms_customers``); exercises by name or host; a pair's cooperation named by the pair; frameworks and arrangements
as agreements; a member's part in its grouping and a summit it hosts; and what the spent heldout50–57 showed."""

from __future__ import annotations

import pytest

from store.pipeline.importer import import_text
from store.repository import FactStore
from tests.test_extract_claims_round4 import maker_claims as claims

ARMS = "arms_supplier_to"


@pytest.mark.parametrize("text, seller, buyer, modality", [
    # A weapon named after its maker's country between the verb and the arms.
    ("Argentina's government has finalised the purchase of 24 F-16 fighter jets from Denmark.", "DNK", "ARG", "asserted"),
    ("Norway will buy 54 Leopard 2A7 tanks from Germany.", "DEU", "NOR", "planned"),
    ("Morocco's purchase of F-16 fighter jets from the United States was approved.", "USA", "MAR", "asserted"),
    ("The sale of F-16 fighter jets by Denmark to Argentina was approved.", "DNK", "ARG", "asserted"),
    ("The US is to sell Australia up to five of its Virginia-class submarines.", "USA", "AUS", "planned"),
    ("The UK is giving Ukraine two former Royal Navy Sandown-class minehunters.", "GBR", "UKR", "asserted"),
    # An undertaking is read as the act, as "China undertook to supply Pakistan with … submarines" is (round 7).
    ("Sweden had undertaken to buy some weapons from Poland.", "POL", "SWE", "asserted"),
    ("Sweden had refused to buy any weapons from Poland.", "POL", "SWE", "negated"),  # kept, as a refusal
    ("LIG Nex1's sale of missiles worth $3.5 billion to the United Arab Emirates was its largest.", "KOR", "ARE",
     "asserted"),
    ("Romania has signed a letter of offer and acceptance (LoA) to buy 32 Lockheed Martin F-35A Joint Strike Fighters "
     "through the US Foreign Military Sales programme.", "USA", "ROU", "asserted"),
])
def test_arms_whose_name_is_a_country_and_sales_with_two_objects(text: str, seller: str, buyer: str,
                                                                  modality: str) -> None:
    assert claims(text) == {(f"country:{seller}", ARMS, f"country:{buyer}", modality)}


@pytest.mark.parametrize("text", [
    "Argentina's government has finalised the purchase of 24 buses from Denmark.",  # no arms
    "The US is to sell Australia up to five of its bonds.",  # no arms
    "The UK is giving Ukraine two former Royal Navy officers.",  # people, not arms
    "Sweden had undertaken to buy some grain from Poland.",  # no arms
    "Romania has signed a letter of intent on training through the US Foreign Military Sales programme.",  # no arms
])
def test_no_arms_sale_without_arms(text: str) -> None:
    assert not {c for c in claims(text) if c[1] == ARMS}


# --- the customers of a weapon the article named before ----------------------------------------

def _article_claims(*sentences: str) -> set[tuple[str, str, str, str]]:
    """The arms claims of a passage read sentence after sentence, as the import reads an article."""
    return {c for c in claims(" ".join(sentences)) if c[1] == ARMS}


def _sales(seller: str, *buyers: str) -> set[tuple[str, str, str, str]]:
    return {(f"country:{seller}", ARMS, f"country:{b}", "asserted") for b in buyers}


@pytest.mark.parametrize("sentences, seller, buyers", [
    (("Hanwha Aerospace makes the K9 self-propelled howitzer.",
      "The howitzer already serves in India, Australia, Romania, Poland and Korea."), "KOR", ("IND", "AUS", "ROU", "POL")),
    (("The K9 is a self-propelled howitzer.", "Turkey, Poland, India and Estonia already have it in service."),
     "KOR", ("TUR", "POL", "IND", "EST")),
    (("The FA-50 is a light combat aircraft.", "Indonesia, the Philippines and Thailand already operate the type."),
     "KOR", ("IDN", "PHL", "THA")),
    (("The Rafale is a twin-engine fighter.", "Its foreign customers now include Qatar, India, Egypt and Greece."),
     "FRA", ("QAT", "IND", "EGY", "GRC")),
    (("The Bayraktar TB2 is an armed drone.", "The drone has already been exported to countries including NATO member "
      "Poland."), "TUR", ("POL",)),
    (("India and Armenia already operate the K9.",), "KOR", ("IND", "ARM")),
    (("The FA-50 is a light warplane.", "The Philippines, which has yet to confirm the deal, bought a dozen of the light "
      "warplanes in 2014."), "KOR", ("PHL",)),
])
def test_the_customers_of_the_weapon_named_before(sentences: tuple[str, ...], seller: str, buyers: tuple[str, ...]) -> None:
    assert _article_claims(*sentences) == _sales(seller, *buyers)


@pytest.mark.parametrize("sentences", [
    # No weapon named before: "it" is no weapon.
    ("The plan was announced in May.", "Turkey, Poland and Estonia already have it in service."),
    # The reference is no weapon: a programme, a treaty.
    ("The K9 is a self-propelled howitzer.", "The programme already serves in India and Poland."),
    ("The FA-50 is a light combat aircraft.", "Indonesia and Thailand already operate the port."),
    # Its customers of something else.
    ("The Rafale is a twin-engine fighter.", "The bank's customers now include Qatar and India."),
    # The weapon's deployment condemned: no sale, and no opposition to its maker's country.
    ("The Typhon is a missile system.", "China and Russia have condemned the system's first deployment."),
    # A country is no weapon: "operate the United States" says nothing.
    ("India and Armenia already operate with the United States.",),
])
def test_no_customers_without_a_weapon(sentences: tuple[str, ...]) -> None:
    assert not claims(" ".join(sentences))


# --- exercises named, hosted, taken part in ----------------------------------------------------

COOP = "cooperates_with"


@pytest.mark.parametrize("text, pair, modality", [
    ("South Korea and the United States are conducting Freedom Shield 2024, a large exercise.", ("KOR", "USA"),
     "asserted"),
    ("Indonesian and US troops took part in the Super Garuda Shield exercise.", ("IDN", "USA"), "asserted"),
    ("India and France will hold the Varuna naval exercise next month.", ("IND", "FRA"), "planned"),
    ("Thailand hosts the annual Cobra Gold training exercises with the United States.", ("THA", "USA"), "asserted"),
    ("Australia co-hosted the Pitch Black air exercise with Singapore.", ("AUS", "SGP"), "asserted"),
])
def test_exercises_named_or_hosted(text: str, pair: tuple[str, str], modality: str) -> None:
    found = {c for c in claims(text) if c[1] == COOP}
    assert {(tuple(sorted((c[0][8:], c[2][8:]))), c[3]) for c in found} == {(tuple(sorted(pair)), modality)}


@pytest.mark.parametrize("text", [
    "South Korea and the United States are conducting Freedom Shield talks.",  # talks, no exercise
    "India and France will hold the Paris Summit, not an exercise.",  # a summit named, the exercise denied
    "Thailand hosts the annual Cobra Gold film festival with the United States.",  # no exercise
    "South Korea and the United States joined the World Trade Organization.",  # no exercise
])
def test_no_exercise_without_one(text: str) -> None:
    assert not {c for c in claims(text) if c[1] == COOP}


# --- a pair's cooperation named by the pair ----------------------------------------------------

@pytest.mark.parametrize("text, pair", [
    ("The statement condemned the deepening DPRK-Russia cooperation, including arms transfers.", ("PRK", "RUS")),
    ("The base hosted joint Cambodian-United States training and naval exercises.", ("KHM", "USA")),
    ("Washington is wary of growing China-Russia military collaboration.", ("CHN", "RUS")),
    ("Fiji's security ties to the U.S. remain strong.", ("FJI", "USA")),
    ("Fiji will keep its security ties to the U.S. and its allies, Rabuka said.", ("FJI", "USA")),
])
def test_a_pairs_cooperation_named_by_the_pair_or_its_ties(text: str, pair: tuple[str, str]) -> None:
    found = {c for c in claims(text) if c[1] == COOP}
    assert {tuple(sorted((c[0][8:], c[2][8:]))) for c in found} == {tuple(sorted(pair))}


@pytest.mark.parametrize("text", [
    "The China-US trade cooperation has grown.",  # trade, in a sentence about no defence
    "The deepening China-Russia cooperation on energy worries Europe.",  # energy
    "The US-Japan-Philippines cooperation was discussed at the summit.",  # a trilateral's name, not a pair
    "Fiji's trade ties to the U.S. remain strong.",  # trade
    "Fiji will cut its security ties to the U.S., Rabuka said.",  # cut: not read as kept
])
def test_no_pair_cooperation_outside_defence(text: str) -> None:
    assert not {c for c in claims(text) if c[1] == COOP}


def test_a_name_in_quotes_is_the_name() -> None:
    quad = {(f"country:{c}", "member_of", "alliance:quad", "asserted") for c in ("AUS", "IND", "JPN", "USA")}
    assert claims("Last week the leaders of the 'Quad' grouping of Australia, India, Japan and the United States widened "
                  "joint security steps.") == quad
    assert claims("Japan, India, Australia and the US make up the “Quad”.") == quad


# --- arms as the news of the Indian and Taiwanese sets tells them -----------------------------

@pytest.mark.parametrize("text, seller, buyer, modality", [
    ("A Russian official has said that his country has started delivering the S-400 surface-to-air missile system to "
     "India.", "RUS", "IND", "asserted"),
    ("The U.S. administration on Wednesday approved about $93 million in military sales to India.", "USA", "IND",
     "asserted"),
    ("The US government has informed Congress of the US$180 million sale of Volcano anti-tank mine-laying systems "
     "to Taiwan.", "USA", "TWN", "asserted"),
    ("Australia has handed over a new Guardian-class patrol boat – HMTSS Te Mataili III – to Prime Minister of Tuvalu "
     "Feleti Teo at a ceremony.", "AUS", "TUV", "asserted"),
    ("Japan has delivered defensive supplies to Ukraine.", "JPN", "UKR", "asserted"),
    ("The Armenian military reportedly signed contracts to buy $245 million worth of Indian multiple-launch rocket "
     "systems.", "IND", "ARM", "asserted"),
    ("The Philippines has signed a contract to buy three batteries of the BrahMos missile.", "IND", "PHL", "asserted"),
    ("China was the first export customer for the S-400.", "RUS", "CHN", "asserted"),
])
def test_arms_as_indian_and_taiwanese_news_tells_them(text: str, seller: str, buyer: str, modality: str) -> None:
    assert claims(text) == {(f"country:{seller}", ARMS, f"country:{buyer}", modality)}


def test_an_interest_in_buying_the_weapon_named_before_is_considered() -> None:
    found = _article_claims("The Philippines is the first country to which India will export the BrahMos missile.",
                            "Several other nations, among them Vietnam and Thailand, have shown interest in buying it.")
    assert {c for c in found if c[2] != "country:PHL"} == {
        ("country:IND", ARMS, "country:VNM", "considering"), ("country:IND", ARMS, "country:THA", "considering")}


@pytest.mark.parametrize("text", [
    "The U.S. administration on Wednesday approved about $93 million in food aid to India.",  # no arms
    "Japan has delivered food supplies to Ukraine.",  # no arms
    "Australia has handed over a new hospital – the Te Mataili clinic – to Prime Minister of Tuvalu Feleti Teo.",
    "The official said his country would buy tanks from South Korea.",  # whose country: no country named
    "China was the first customer for the new railway.",  # no weapon
])
def test_no_arms_from_aid_buildings_or_unnamed_countries(text: str) -> None:
    assert not {c for c in claims(text) if c[1] == ARMS}


# --- agreements told as frameworks, roadmaps and arrangements ----------------------------------

def _parties(store: FactStore) -> list[tuple[tuple[str, ...], str, str]]:
    """Each proposed grouping's members, kind, and the relation its members' proposed facts give."""
    out = []
    for e in store.entities.values():
        if e.proposal is None:
            continue
        relations = {f.relation.value for f in store.facts.values() if f.object == e.id}
        out.append((tuple(e.proposal.members), e.alliance_kind or "", ",".join(sorted(relations))))
    return sorted(out)


@pytest.mark.parametrize("text, parties, kind", [
    ("The sale comes after the recent announcement of a 10-year defense cooperation framework between Washington and "
     "New Delhi.", ("IND", "USA"), "framework agreement"),
    ("Australia and India have signed an arrangement that will allow the Royal Australian Air Force and the Indian Armed "
     "Forces to carry out air-to-air refuelling.", ("AUS", "IND"), "arrangement"),
])
def test_frameworks_and_arrangements_are_agreements_with_parties(starter: FactStore, text: str, parties: tuple[str, ...],
                                                                 kind: str) -> None:
    import_text(starter, "Title: T\nPublished: 2025-11-01\n\n" + text, name="t.txt")
    assert _parties(starter) == [(tuple(f"country:{p}" for p in parties), kind, "party_to")]


@pytest.mark.parametrize("text", [
    "Australia and India have signed an arrangement on tourism.",  # no defence
    "Australia and India reached an agreement that the talks would go on.",  # an act of agreeing
    "The two sides unveiled a trade framework between Washington and New Delhi.",  # trade
])
def test_no_agreement_of_trade_or_of_agreeing(starter: FactStore, text: str) -> None:
    import_text(starter, "Title: T\nPublished: 2025-11-01\n\n" + text, name="t.txt")
    assert _parties(starter) == []


# --- a member's part in its grouping, and its host ---------------------------------------------

@pytest.mark.parametrize("text, member, alliance", [
    ("Several US lawmakers argued that India should be given a waiver because of New Delhi's involvement in the Quad.",
     "IND", "quad"),
    ("Turkey's role in NATO is central.", "TUR", "nato"),
    ("In recent weeks Japan has hosted a summit of the Quad grouping.", "JPN", "quad"),
    ("Lithuania hosted the NATO summit in Vilnius.", "LTU", "nato"),
])
def test_a_members_part_in_its_grouping_or_its_summit_hosted(text: str, member: str, alliance: str) -> None:
    assert claims(text) == {(f"country:{member}", "member_of", f"alliance:{alliance}", "asserted")}


@pytest.mark.parametrize("text", [
    "India's participation in the NATO summit was noted.",  # a summit others attend
    "Japan hosted a meeting of NATO officials in Tokyo.",  # a partner may host a meeting
    "India's role in the Quad talks was small.",  # talks
])
def test_no_membership_from_a_summit_attended_or_a_meeting_hosted(text: str) -> None:
    assert not {c for c in claims(text) if c[1] == "member_of"}


def test_planning_together_is_cooperation_not_a_plan() -> None:
    assert claims("The deployment is part of contingency planning between the United States and Japan.") == {
        ("country:USA", COOP, "country:JPN", "asserted")}
    assert not claims("The deployment is part of city planning between the United States and Japan.")


def test_their_long_standing_strategic_partnership_is_the_pairs(starter: FactStore) -> None:
    import_text(starter, "Title: T\nPublished: 2023-07-15\n\nIndia and France on Friday night presented a 25-year roadmap "
                "to deepen their long-standing strategic partnership.", name="t.txt")
    assert _parties(starter) == [(("country:FRA", "country:IND"), "strategic partnership", "member_of")]


# --- what the air-defence and Americas sets missed (spent after their blind run) -----------------

def test_arms_given_and_weapons_developed_together() -> None:
    assert claims("Germany has given several of the advanced air defence systems to Ukraine.") == {
        ("country:DEU", ARMS, "country:UKR", "asserted")}
    assert claims("The missile was built by the Israeli and US partners who developed the system together.") == {
        ("country:ISR", COOP, "country:USA", "asserted")}
    assert claims("India and Russia jointly developed the BrahMos missile.") == {
        ("country:IND", COOP, "country:RUS", "asserted")}


@pytest.mark.parametrize("text", [
    "Germany has given its approval to Ukraine.",  # no arms
    "India and Russia jointly developed a vaccine.",  # no weapon
])
def test_nothing_given_or_developed_without_arms(text: str) -> None:
    assert not claims(text)


def test_the_american_states_and_inter_american_name_no_united_states() -> None:
    from store.pipeline.gazetteer import Gazetteer
    from store.datasets.starter import starter_alliances

    gazetteer = Gazetteer(starter_alliances())
    text = ("The Inter-American Treaty of Reciprocal Assistance was signed in 1947 in Rio de Janeiro, Brazil, at a meeting "
            "of the American states.")
    assert {m.entity_id for m in gazetteer.find(text)} == {"country:BRA"}
    assert {m.entity_id for m in gazetteer.find("The American ambassador met the president.")} == {"country:USA"}
