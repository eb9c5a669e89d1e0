"""store.pipeline.extract.people: officials named once with their country, then by name alone (issue 14)."""

from __future__ import annotations

import pytest

from store.pipeline.extract.mentions import find_article_mentions
from store.pipeline.extract.people import learn_people, stand_ins
from store.pipeline.gazetteer import Gazetteer
from tests.test_extract_mentions import load_alliances


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(load_alliances())


def learnt(gaz: Gazetteer, *texts: str) -> dict[str, str]:
    mentions = find_article_mentions(gaz, list(texts))
    return {w: c.removeprefix("country:") for w, c in learn_people(list(texts), mentions).countries.items()}


def standing(gaz: Gazetteer, *texts: str) -> list[list[tuple[str, str]]]:
    """Per passage, the (text, country) of each name standing for its country."""
    mentions = find_article_mentions(gaz, list(texts))
    people = learn_people(list(texts), mentions)
    return [[(t[s.start:s.end], s.entity_id.removeprefix("country:")) for s in stand_ins(t, m, people)]
            for t, m in zip(texts, mentions, strict=True)]


@pytest.mark.parametrize("text, expected", [
    ("Philippine Secretary of National Defense Gilberto C. Teodoro, Jr. met reporters.",
     {"Gilberto": "PHL", "Teodoro": "PHL"}),
    ("Japan's Prime Minister Fumio Kishida arrived.", {"Fumio": "JPN", "Kishida": "JPN"}),
    ("It is my pleasure to introduce U.S. Secretary of Defense, Lloyd Austin III, Australia Deputy Prime Minister "
     "and Minister for Defence Richard Marles.",
     {"Lloyd": "USA", "Austin": "USA", "Richard": "AUS", "Marles": "AUS"}),
    ("Prime Minister Kishida Fumio of Japan visited.", {"Kishida": "JPN", "Fumio": "JPN"}),
    ("Grant Shapps, Britain's defence secretary, said so.", {"Grant": "GBR", "Shapps": "GBR"}),
    ("The Philippines' President Ferdinand Marcos Jr. and Secretary of National Defense Gilberto Teodoro received "
     "him.", {"Ferdinand": "PHL", "Marcos": "PHL", "Gilberto": "PHL", "Teodoro": "PHL"}),
])
def test_an_official_introduced_with_a_country(gaz: Gazetteer, text: str, expected: dict[str, str]) -> None:
    assert learnt(gaz, text) == expected


@pytest.mark.parametrize("text", [
    "The Japan-Philippines Foreign and Defense Ministerial Meeting was held.",  # no office: a meeting
    "Australia's First Nations peoples were honoured.",
    "The U.S. State Department said on Monday.",
    "Secretary Shapps said the UK would help.",  # an office, but no country tied to him
    "Lloyd Austin III, Australia Deputy Prime Minister Richard Marles and others",  # a list, not an apposition
])
def test_no_person_is_made_of_offices_institutions_or_lists(gaz: Gazetteer, text: str) -> None:
    learnt_words = learnt(gaz, text)
    assert "Austin" not in learnt_words and "Shapps" not in learnt_words
    assert not {"Meeting", "Ministerial", "Nations", "Department", "Monday"} & set(learnt_words)


def test_a_list_of_leaders_each_with_their_country_is_no_stand_in(gaz: Gazetteer) -> None:
    """Each "Prime Minister X of Country" is one mention of that country: the claims stage reads the list."""
    text = ("Today, we — Prime Minister Anthony Albanese of Australia, Prime Minister Narendra Modi of India, "
            "and President Joseph R. Biden, Jr. of the United States — met for the Quad Leaders' Summit.")
    assert learnt(gaz, text) == {"Anthony": "AUS", "Albanese": "AUS", "Narendra": "IND", "Modi": "IND",
                                 "Joseph": "USA", "Biden": "USA"}
    assert standing(gaz, text) == [[]]


def test_later_mentions_by_name_stand_for_the_country_with_their_titles(gaz: Gazetteer) -> None:
    first = ("Philippine Secretary of National Defense Gilberto Teodoro received United States Secretary of "
             "Defense Lloyd J. Austin III in Manila.")
    later = "Secretary Austin and Secretary Teodoro signed a General Security of Military Information Agreement."
    assert standing(gaz, first, later) == [[], [("Secretary Austin", "USA"), ("Secretary Teodoro", "PHL")]]


def test_the_introduction_itself_is_not_a_second_mention(gaz: Gazetteer) -> None:
    """"Japanese Prime Minister Fumio Kishida" names Japan once: the claims stage reads one subject."""
    assert standing(gaz, "Japanese Prime Minister Fumio Kishida met Australian Prime Minister Anthony Albanese.",
                    "Kishida and Albanese signed a pact.") == [[], [("Kishida", "JPN"), ("Albanese", "AUS")]]


def test_a_name_two_countries_share_names_no_one(gaz: Gazetteer) -> None:
    texts = ("South Korean Foreign Minister Park Jin met North Korean Vice Minister Park Myong.",
             "Park said the talks went well. Jin agreed.")
    assert learnt(gaz, *texts) == {"Jin": "KOR", "Myong": "PRK"}
    assert standing(gaz, *texts)[1] == [("Jin", "KOR")]


def test_a_name_neither_the_article_nor_the_table_ties_names_no_one(gaz: Gazetteer) -> None:
    assert standing(gaz, "Secretary Ortega and Minister Lindqvist signed an agreement.") == [[]]


@pytest.mark.parametrize("text, expected", [
    ("President Biden and Prime Minister Kishida met in Washington.",
     [("President Biden", "USA"), ("Prime Minister Kishida", "JPN")]),
    ("Lloyd J. Austin III signed it; Yoon Suk Yeol welcomed it.", [("Lloyd J. Austin III", "USA"), ("Yoon Suk Yeol", "KOR")]),
    # A surname others share names no one without the full name; a city is not a person.
    ("Lee said the talks in Austin went well.", []),
    ("Japan's Kishida met Albanese.", [("Albanese", "AUS")]),  # Japan is named already
])
def test_leaders_the_reader_is_expected_to_know(gaz: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert standing(gaz, text) == [expected]


def test_the_article_wins_over_the_table(gaz: Gazetteer) -> None:
    """An article's own Teodoro (a made-up Chilean minister) is not the table's Filipino one."""
    texts = ("Chilean Foreign Minister Ana Teodoro arrived.", "Teodoro said Chile would sign.")
    assert standing(gaz, *texts)[1] == [("Teodoro", "CHL")]
