"""The claims stage (issue 14): facts as news writes them, one test per construction and per trap.

Each case is a sentence read with the starter gazetteer; a claim is shown as
(subject, relation, object, modality), modality "asserted" unless a qualifier says otherwise.
"""

from __future__ import annotations

from functools import cache

import pytest

from store.pipeline.extract.claims import find_claims
from store.models import FuzzyDate, Mention

AUS, GBR, USA, JPN, KOR, IND, NZL = (f"country:{c}" for c in ("AUS", "GBR", "USA", "JPN", "KOR", "IND", "NZL"))
FRA, POL, PRK, RUS, UKR = (f"country:{c}" for c in ("FRA", "POL", "PRK", "RUS", "UKR"))
NATO, AUKUS, QUAD = "alliance:nato", "alliance:aukus", "alliance:quad"


@cache
def _gazetteer():  # type: ignore[no-untyped-def]
    from store.pipeline.gazetteer import Gazetteer
    from store.datasets.starter import starter_alliances

    alliances = starter_alliances()
    return Gazetteer(alliances), {a.id: a.alliance_kind for a in alliances}


def claims(text: str, mentions: list[Mention] | None = None, **kw: object) -> set[tuple[str, str, str, str]]:
    gazetteer, kinds = _gazetteer()
    found = find_claims(text, gazetteer.find(text) if mentions is None else mentions, kinds, **kw)  # type: ignore[arg-type]
    return {(c.subject, c.relation.value, c.object, c.modality) for c in found}


def members(countries: tuple[str, ...], relation: str, obj: str, modality: str = "asserted") -> set[tuple[str, str, str, str]]:
    return {(c, relation, obj, modality) for c in countries}


# --- constructions ---------------------------------------------------------------------------

def test_reporting_frame_gives_the_speaker_the_reported_clause() -> None:
    found = claims("French President Emmanuel Macron said on Wednesday he opposed NATO's plan to open an office in Tokyo.")
    # The plan is NATO's: not France against Japan, and not France (a member) against NATO itself.
    assert found == {(FRA, "opposes_proposal_of", NATO, "asserted")}


def test_opposing_a_plan_of_an_alliance_names_the_plan_not_the_alliance() -> None:
    gazetteer, kinds = _gazetteer()
    for text, proposal in [
        ("French President Emmanuel Macron said he opposed NATO's plans for an office in Tokyo.",
         "plans for an office in Tokyo"),
        ("France opposes NATO's proposal for a liaison office in Japan, officials said.",
         "proposal for a liaison office in Japan"),
    ]:
        [claim] = find_claims(text, gazetteer.find(text), kinds)
        assert (claim.subject, claim.relation.value, claim.object) == (FRA, "opposes_proposal_of", NATO), text
        assert dict(claim.qualifiers)["proposal"] == proposal
    # Opposing the alliance, or its enlargement, is opposition to it.
    assert claims("China opposes NATO.") == {("country:CHN", "opposes", NATO, "asserted")}
    assert claims("Russia opposed NATO's enlargement.") == {("country:RUS", "opposes", NATO, "asserted")}


def test_reporting_frame_with_that_and_an_addressee() -> None:
    found = claims("Poland's defence minister told reporters that it had bought tanks from South Korea.")
    assert found == {(KOR, "arms_supplier_to", POL, "asserted")}


def test_definition_names_every_member() -> None:
    text = "AUKUS is a trilateral security partnership between Australia, the United Kingdom, and the United States."
    assert claims(text) == members((AUS, GBR, USA), "member_of", AUKUS)


def test_apposition_definition() -> None:
    text = "AUKUS, a trilateral security partnership between Australia, the United Kingdom and the United States, was announced in 2021."
    assert claims(text) == members((AUS, GBR, USA), "member_of", AUKUS)


def test_grouping_of_a_list() -> None:
    text = "Officials of the Quad grouping of the U.S., Japan, India and Australia met in Delhi."
    assert claims(text) == members((USA, JPN, IND, AUS), "member_of", QUAD)


def test_hyphenated_grouping_with_its_acronym() -> None:
    text = "Ministers of the Japan-Australia-India-US (Quad) met on Friday."
    assert claims(text) == members((JPN, AUS, IND, USA), "member_of", QUAD)


def test_compound_alliance_name_states_its_members() -> None:
    """A mention stage that reads "the U.S.-Japan alliance" as one alliance keeps its countries inside."""
    text = "They are girded by the ironclad U.S.-Japan alliance."
    s = text.index("U.S.-Japan")
    mentions = [Mention(entity_id="alliance:us-japan-alliance", start=s, end=s + len("U.S.-Japan alliance")),
                Mention(entity_id=USA, start=s, end=s + 4), Mention(entity_id=JPN, start=s + 5, end=s + 10)]
    assert claims(text, mentions) == members((USA, JPN), "member_of", "alliance:us-japan-alliance")


def test_named_consultation_between_two_countries() -> None:
    text = "The ministers met for the 33rd Australia-United States Ministerial Consultations (AUSMIN)."
    assert claims(text) == {(AUS, "consults_with", USA, "asserted")}


def test_pair_subject_with_their_cooperation() -> None:
    text = "Russia and North Korea committed to increasing their military and economic cooperation."
    assert claims(text) == {(RUS, "cooperates_with", PRK, "planned")}


def test_organisations_stand_for_their_country() -> None:
    text = "Two South Korean defence companies have signed contracts worth $5.76 billion to export tanks and howitzers to Poland."
    assert claims(text) == {(KOR, "arms_supplier_to", POL, "asserted")}


def test_deals_to_export_arms() -> None:
    text = "South Korea signed deals worth a combined $44.2 billion in 2022 to export arms and aircraft to Poland."
    assert claims(text) == {(KOR, "arms_supplier_to", POL, "asserted")}


def test_accusation() -> None:
    text = "Washington accused North Korea of supplying Russia with weapons."
    assert claims(text) == {(PRK, "arms_supplier_to", RUS, "asserted")}


def test_apposition_of_allies() -> None:
    text = "South Korea and Japan, both long-standing US allies, met in Seoul."
    assert claims(text) == {(KOR, "treaty_ally_of", USA, "asserted"), (JPN, "treaty_ally_of", USA, "asserted")}


def test_list_after_a_dash_is_every_partner() -> None:
    text = "NATO is strengthening relations with its partners in the Indo-Pacific region – Australia, Japan, the Republic of Korea and New Zealand."
    assert claims(text) == members((AUS, JPN, KOR, NZL), "partner_of", NATO)


def test_attendance_of_a_named_list() -> None:
    text = ("The United States warmly welcomes attendance by NATO's Indo-Pacific Partners Australia, Japan, "
            "New Zealand, and the Republic of Korea at the NATO Summit in Washington.")
    assert claims(text) == members((AUS, JPN, NZL, KOR), "attended", NATO) | members((AUS, JPN, NZL, KOR), "partner_of", NATO)


def test_apposition_partner_after_the_alliance() -> None:
    text = "The United States supports cooperation with its ally and NATO partner, Japan."
    assert (JPN, "partner_of", NATO, "asserted") in claims(text)


def test_our_ally_is_the_speakers() -> None:
    text = 'The United States supports enhanced cooperation with "our ally and NATO partner, Japan."'
    assert claims(text) == {(USA, "treaty_ally_of", JPN, "asserted"), (JPN, "partner_of", NATO, "asserted")}


def test_dates_resolved_against_publication() -> None:
    gazetteer, kinds = _gazetteer()
    text = "Sweden joined NATO on Thursday."
    [claim] = find_claims(text, gazetteer.find(text), kinds, published=FuzzyDate("2024-03-09"))
    assert claim.start == FuzzyDate("2024-03-07")


# --- modality and traps ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan is not a member of NATO.", {(JPN, "member_of", NATO, "negated")}),
        ("Japan will not join NATO.", {(JPN, "member_of", NATO, "negated")}),
        ("Leaders from Japan, South Korea, New Zealand and Australia, none of them NATO members, met.",
         members((JPN, KOR, NZL, AUS), "member_of", NATO, "negated")),
        ("Japan will join AUKUS.", {(JPN, "member_of", AUKUS, "planned")}),
        ("Japan plans to join AUKUS.", {(JPN, "member_of", AUKUS, "planned")}),
        ("Japan could join AUKUS.", {(JPN, "member_of", AUKUS, "possible")}),
        ("Japan is considering joining AUKUS.", {(JPN, "member_of", AUKUS, "considering")}),
        ("Prime Minister Fumio Kishida of Japan is expected to attend the NATO summit.", {(JPN, "attended", NATO, "expected")}),
        # "without delay" is haste, not a negation.
        ("We will welcome Sweden into NATO without delay.", {("country:SWE", "member_of", NATO, "planned")}),
        ("Seoul denied reports that South Korea had sold artillery shells to Ukraine.",
         {(KOR, "arms_supplier_to", UKR, "denied")}),
        # A purpose clause states an aim, not the fact.
        ("Hungary should ratify the protocols so we can welcome Sweden into NATO as soon as possible.",
         {("country:SWE", "member_of", NATO, "planned")}),
        ("Japan sent ministers in order to join AUKUS talks on Pillar II.", set()),
    ],
)
def test_modality_is_kept_as_a_qualifier(text: str, expected: set[tuple[str, str, str, str]]) -> None:
    assert claims(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Will Japan join NATO?",  # a question
        "If Ukraine joined NATO, Russia would respond.",  # a condition
        "South Korea and Japan, both hosting US troops, met in Seoul.",  # looks like the allies apposition
        "The Quad summit of the leaders took place in Hiroshima, Japan.",  # "of" the leaders, not of countries
        "Macron said he opposed NATO's plan to open an office in Tokyo.",  # "he" with no country before it
    ],
)
def test_traps_give_nothing(text: str) -> None:
    assert claims(text) == set()


def test_counterparts_listed_with_a_meeting_attended_it() -> None:
    text = ("Their foreign ministers participated in the NATO Foreign Ministers' meeting, together with their "
            "counterparts from then-partner Finland (now a member), Georgia, Sweden and Ukraine.")
    fin, geo, swe = "country:FIN", "country:GEO", "country:SWE"
    # Finland, "then-partner … (now a member)", is also both (tests/test_extract_claims_news.py).
    assert claims(text) == members((fin, geo, swe, UKR), "attended", NATO) | {
        (fin, "partner_of", NATO, "asserted"), (fin, "member_of", NATO, "asserted")}


def test_definition_of_a_pact_with_a_second_name() -> None:
    text = "AUKUS or the Pacific pact is a security pact between Japan, South Korea, and the United States."
    assert claims(text) == members((JPN, KOR, USA), "member_of", AUKUS)


def test_leaders_of_a_list_meeting_for_their_groupings_summit_are_its_members() -> None:
    text = ("Today, we — Prime Minister Anthony Albanese of Australia, Prime Minister Narendra Modi of India, "
            "Prime Minister Kishida Fumio of Japan, and President Joseph R. Biden, Jr. of the United States — "
            "met for the third in-person Quad Leaders' Summit.")
    assert claims(text) == members((AUS, IND, JPN, USA), "member_of", QUAD)


def test_leaders_meeting_at_a_military_alliances_summit_attended_it() -> None:
    text = "Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol met at the NATO summit."
    assert claims(text) == members((JPN, KOR), "attended", NATO)


def test_the_alliance_is_the_one_alliance_the_sentence_named() -> None:
    text = ("French President Emmanuel Macron has told NATO Secretary-General Jens Stoltenberg that he opposes "
            "the alliance's plan to open an office in Tokyo.")
    assert claims(text) == {(FRA, "opposes_proposal_of", NATO, "asserted")}


def test_we_the_leaders_of_a_list_speak_for_their_grouping() -> None:
    text = "Today, we, the leaders of Australia, the United Kingdom, and the United States mark the second anniversary of AUKUS."
    assert claims(text) == members((AUS, GBR, USA), "member_of", AUKUS)


def test_a_summit_between_leaders_named_with_their_countries() -> None:
    text = "They met during a Quad summit between Australian Prime Minister Anthony Albanese and Indian Prime Minister Narendra Modi."
    assert claims(text) == members((AUS, IND), "member_of", QUAD)


def test_we_the_leaders_at_a_military_alliances_summit_attended_it() -> None:
    text = "We, the leaders of Japan and South Korea, took part in the NATO summit in Vilnius."
    assert claims(text) == members((JPN, KOR), "attended", NATO)
