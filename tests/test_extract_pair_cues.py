"""Cooperation told without both countries in the clause (store/pipeline/extract/pair_cues.py)."""

from __future__ import annotations

from store.pipeline.extract.pair_cues import pair_cue
from tests.test_extract_claims import claims

AUS, JPN, IDN, CHN = "country:AUS", "country:JPN", "country:IDN", "country:CHN"


def test_our_cooperation_in_a_passage_of_two_countries_is_theirs() -> None:
    assert claims("Australia and Indonesia share a deep trust. We value our existing security and defence "
                  "cooperation.") == {(AUS, "cooperates_with", IDN, "asserted")}
    assert claims("Japan welcomed Australia's Prime Minister. Our significant trade, investment, defence and security "
                  "ties run deep.") == {(JPN, "cooperates_with", AUS, "asserted")}
    assert claims("Australia met Indonesia. We discussed strengthening our cooperation on regional and national "
                  "security.") == {(AUS, "cooperates_with", IDN, "asserted")}


def test_our_cooperation_names_no_pair_when_the_passage_has_three_countries_or_names_the_other() -> None:
    assert not claims("Australia, Japan and China met. Our defence cooperation matters.")
    assert pair_cue("our defence cooperation with @C1@", [AUS], [AUS, JPN]) is None
    assert not claims("Australia and Indonesia met. Our trade ties run deep.")  # no word of defence or security


def test_bilateral_cooperation_is_the_sentences_pair() -> None:
    found = pair_cue("@C1@ and @C2@ elevated bilateral security cooperation", [AUS, JPN], [AUS, JPN, CHN])
    assert found is not None and found[1] == (AUS, JPN)


def test_two_countries_tied_by_a_sentence_about_working_together_on_defence() -> None:
    assert claims("Vietnam and India agreed on closer naval cooperation last week.") == {
        ("country:VNM", "cooperates_with", "country:IND", "asserted")}
    # Named in one sentence, not tied by it; or tied, but not on defence.
    assert not claims("Missiles able to hit targets in China were brought to the Philippines for joint exercises.")
    assert not claims("Vietnam and India agreed on closer cooperation in tourism.")
