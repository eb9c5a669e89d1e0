"""The claims stage, third round (issue 14): constructions the grown development set showed, each tested on
sentences written for the test (not taken from any article of the development or held-out sets), with a trap
that must give nothing.

- a grouping named with all its members in one sentence (``named_members``): "signing of the RAA" beside
  both parties, "trilateral interoperability" beside the three;
- "the alliance" with no alliance named before it: the pair the sentence names (``references``);
- a definition whose name carries its acronym in brackets ("The Five Eyes (FVEY) is an alliance comprising …");
- officials named by office and country meeting for a grouping's meeting ("the Foreign Ministers of …");
- a country's cooperation with an alliance named as a compound ("Japan-NATO cooperation"): a partnership.
"""

from __future__ import annotations

from store.models import Mention
from store.pipeline.extract.mentions import find_article_mentions
from store.pipeline.extract.named_members import named_member_claims
from tests.test_extract_claims import _gazetteer, claims

AUS, USA, JPN, KOR, PHL = (f"country:{c}" for c in ("AUS", "USA", "JPN", "KOR", "PHL"))
IND, GBR, CAN, NZL, CHN = (f"country:{c}" for c in ("IND", "GBR", "CAN", "NZL", "CHN"))
NATO, QUAD, FIVE = "alliance:nato", "alliance:quad", "alliance:five-eyes"
TRI, JP_PH_RAA, US_PH = "alliance:us-japan-rok-trilateral", "alliance:japan-philippines-raa", "alliance:us-philippines"


def named(text: str) -> set[tuple[str, str, str, str]]:
    """The claims ``named_members`` reads in ``text``, with the mention stage's mentions."""
    gazetteer, _ = _gazetteer()
    (mentions,) = find_article_mentions(gazetteer, [text])
    return {(c.subject, c.relation.value, c.object, c.modality)
            for c in named_member_claims(text, mentions, gazetteer.members)}


def mentioned(text: str) -> set[str]:
    gazetteer, _ = _gazetteer()
    (mentions,) = find_article_mentions(gazetteer, [text])
    return {m.entity_id for m in mentions}


# --- a grouping named with all its members ------------------------------------------------------

def test_an_agreement_named_beside_both_parties_states_that_they_are_parties() -> None:
    text = ("Officials in Tokyo and Manila said Japanese and Philippine troops would train together more often "
            "after the ratification of the Reciprocal Access Agreement.")
    assert named(text) == {(JPN, "member_of", JP_PH_RAA, "planned"), (PHL, "member_of", JP_PH_RAA, "planned")}
    # Trap: one party only is no statement about both.
    assert named("Japan hopes the Reciprocal Access Agreement will be ratified soon.") == set()


def test_a_trilateral_named_beside_its_three_members() -> None:
    text = "Destroyers from Japan, South Korea and the United States sailed together to deepen trilateral cooperation."
    assert named(text) == {(c, "member_of", TRI, "asserted") for c in (JPN, KOR, USA)}
    # Trap: a condition states nothing.
    assert named("If Japan, South Korea and the United States resume trilateral drills, Pyongyang may respond.") == set()


def test_a_denied_membership_is_kept_as_denied() -> None:
    text = "Seoul denied reports that Japan, South Korea and the United States had agreed a trilateral pact."
    assert named(text) == {(c, "member_of", TRI, "denied") for c in (JPN, KOR, USA)}


# --- "the alliance" as the pair its sentence names ------------------------------------------------

def test_the_alliance_with_no_antecedent_is_the_pair_the_sentence_names() -> None:
    text = "Ministers from the Philippines and the United States pledged to keep the alliance ready for any crisis."
    assert US_PH in mentioned(text)
    assert named(text) == {(PHL, "member_of", US_PH, "planned"), (USA, "member_of", US_PH, "planned")}
    # Trap: three countries name no one pair.
    assert US_PH not in mentioned("The Philippines, Japan and the United States said the alliance was strong.")


# --- definitions, officials, partnerships ---------------------------------------------------------

def test_a_definition_whose_name_carries_its_acronym() -> None:
    text = ("The Five Eyes (FVEY) is a signals intelligence alliance comprising Canada, Australia, New Zealand, "
            "the United States and the United Kingdom.")
    assert claims(text) >= {(c, "member_of", FIVE, "asserted") for c in (AUS, CAN, NZL, GBR, USA)}


def test_officials_named_by_office_and_country_meet_for_their_grouping() -> None:
    text = ("The Defence Ministers of India, Japan and Australia and the Secretary of Defense of the United States "
            "met in Honolulu on Monday for a Quad defence ministers' meeting.")
    assert claims(text) == {(c, "member_of", QUAD, "asserted") for c in (IND, JPN, AUS, USA)}
    # Trap: a wish to meet is no meeting.
    assert claims("The Foreign Ministers of India and Japan want to meet for a Quad meeting.") == set()


def test_a_country_alliance_compound_of_cooperation_is_a_partnership() -> None:
    assert claims("Tokyo and Brussels opened a new chapter of Japan-NATO cooperation on cyber defence.") >= {
        (JPN, "partner_of", NATO, "asserted")}
    # The partnership is stated; what is to come is the talks, after it.
    assert claims("Officials said NATO-Japan partnership talks would resume in the spring.") >= {
        (JPN, "partner_of", NATO, "asserted")}
    # Trap: a compound of two countries is no partnership with an alliance.
    assert not {c for c in claims("Japan-China cooperation on fisheries resumed.") if c[1] == "partner_of"}


def test_a_mention_covering_two_parties_inside_it_needs_a_cue_outside_the_countries() -> None:
    """The grouping's own noun is a cue, so its name beside its members is enough; no members, no claim."""
    gazetteer, _ = _gazetteer()
    text = "China criticised the weather."
    assert named_member_claims(text, [Mention(entity_id=CHN, start=0, end=5)], gazetteer.members) == []
