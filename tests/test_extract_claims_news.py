"""The claims stage on news prose (issue 14), second round: constructions the development set's misses
showed, each with its real sentence and a trap that must give nothing.

Sentences are read with the starter gazetteer; where the article's mention stage names an alliance
by a description ("a trilateral summit"), the test adds that mention as the stage would.
"""

from __future__ import annotations

from store.models import Mention
from tests.test_extract_claims import _gazetteer, claims

AUS, USA, JPN, KOR, PHL = (f"country:{c}" for c in ("AUS", "USA", "JPN", "KOR", "PHL"))
FIN, GEO, SWE, UKR, GBR = (f"country:{c}" for c in ("FIN", "GEO", "SWE", "UKR", "GBR"))
NATO, TRI = "alliance:nato", "alliance:us-japan-rok-trilateral"


def with_alliance(text: str, words: str, alliance: str) -> set[tuple[str, str, str, str]]:
    """The claims of ``text`` when ``words`` in it are a mention of ``alliance``."""
    gazetteer, _ = _gazetteer()
    s = text.index(words)
    mentions = [*gazetteer.find(text), Mention(entity_id=alliance, start=s, end=s + len(words))]
    return claims(text, sorted(mentions, key=lambda m: m.start))


def test_a_security_cooperation_between_two_countries_or_their_forces() -> None:
    # pmgovau-japan-raa-remarks-2022 (asserted: the modality is read in the clause after the comma; the
    # development set labels it so, the cooperation being under way)
    assert claims("It will underpin greater and more complex engagement, interoperability and cooperation between "
                  "the Australian Defence Force and the Japanese Self-Defence Forces.") == {
        (AUS, "cooperates_with", JPN, "asserted")}
    # mofa-japan-philippines-raa-2024: the modality is read as for any claim.
    assert claims("It is expected that the Japan-Philippines RAA will facilitate the implementation of cooperative "
                  "activities, such as joint exercises and disaster relief between Japan and the Philippines.") >= {
        (JPN, "cooperates_with", PHL, "expected")}
    # Trap: cooperation that is not about security is not this relation.
    assert claims("The leaders discussed cooperation on semiconductors between the UK and Japan.") == set()


def test_the_two_countries_are_the_two_the_sentence_named() -> None:
    # mofa-japan-philippines-raa-2024
    found = claims("As the security environment in the region becomes increasingly severe, the signing of this "
                   "important security-related agreement with the Philippines, a strategic partner located at a "
                   "strategic juncture on the sea lanes and sharing fundamental values and principles with Japan, "
                   "will further promote security and defense cooperation between the two countries.")
    assert found == {(PHL, "cooperates_with", JPN, "planned")}
    # Three countries named: "the two countries" is not read.
    assert claims("Australia, Japan and India discussed defence cooperation between the two countries.") == set()


def test_a_grouping_or_agreement_between_its_members() -> None:
    # pmgovau-australia-japan-leaders-statement-2022 (the store's kind makes it party_to, in proposals)
    assert claims("The two leaders today signed the landmark Reciprocal Access Agreement between Australia and "
                  "Japan (Australia-Japan RAA).") == {
        (AUS, "member_of", "alliance:japan-australia-raa", "asserted"),
        (JPN, "member_of", "alliance:japan-australia-raa", "asserted")}
    # pco-ph-us-japan-trilateral-2024
    text = ("In his opening remarks, President Marcos said that the trilateral meeting between the Philippines, "
            "the US and Japan is bound by a shared vision.")
    assert with_alliance(text, "trilateral meeting", TRI) == {(c, "member_of", TRI, "asserted") for c in (PHL, USA, JPN)}


def test_leaders_meeting_in_a_summit_the_mention_names() -> None:
    # restatement-yomiuri-camp-david-2023: the mention is the summit, no "summit" after it.
    text = ("Japanese Prime Minister Fumio Kishida, U.S. President Joe Biden and South Korean President Yoon Suk "
            "Yeol met for a trilateral summit on Friday at Camp David.")
    assert with_alliance(text, "trilateral summit", TRI) == {(c, "member_of", TRI, "asserted") for c in (JPN, USA, KOR)}
    # kocis-camp-david-2023: the publisher's own president is named without his country.
    text = ("Cooperation reached a new level during a trilateral summit between President Yoon Suk Yeol, U.S. "
            "President Joe Biden and Japanese Prime Minister Fumio Kishida at Camp David.")
    assert with_alliance(text, "trilateral summit", TRI) == {(c, "member_of", TRI, "asserted") for c in (USA, JPN)}


def test_then_partner_now_a_member() -> None:
    # nato-indo-pacific-partners-2023
    found = claims("In April 2022, the Foreign Ministers of these partner countries participated in the NATO Foreign "
                   "Ministers' meeting, together with their counterparts from then-partner Finland (now a member), "
                   "Georgia, Sweden and Ukraine.")
    assert {(FIN, "partner_of", NATO, "asserted"), (FIN, "member_of", NATO, "asserted")} <= found
    assert not {(c, r, NATO, "asserted") for c in (GEO, SWE, UKR) for r in ("member_of", "partner_of")} & found


def test_now_a_member_takes_no_date_from_the_sentence() -> None:
    from tests.test_extract_claims import _gazetteer as g
    from store.pipeline.extract.claims import find_claims

    gazetteer, kinds = g()
    text = ("In April 2022, the Foreign Ministers participated in the NATO Foreign Ministers' meeting, together with "
            "their counterparts from then-partner Finland (now a member) and Sweden.")
    [member] = [c for c in find_claims(text, gazetteer.find(text), kinds) if c.relation.value == "member_of"]
    assert member.start is None  # Finland joined in 2023: "now" is not April 2022


def test_bilateral_security_cooperation_is_between_the_sentences_two_countries() -> None:
    # pmgovau-australia-japan-leaders-statement-2022
    found = claims("The two leaders today signed the landmark Reciprocal Access Agreement between Australia and Japan, "
                   "underscoring their commitment to further elevating bilateral security and defence cooperation.")
    assert (AUS, "cooperates_with", JPN, "asserted") in found
    # Three countries: whose bilateral cooperation is not said.
    assert not any(r == "cooperates_with" for _, r, _, _ in claims(
        "Australia, Japan and India discussed bilateral security cooperation."))
