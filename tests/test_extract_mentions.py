"""store.pipeline.extract.mentions: the mention stage of article extraction (issue 14).

The gazetteer finds names; this stage adds what a reader gets from the way news is written:
hyphenated compounds of countries ("Japan-U.S.-ROK"), coordinated and plural forms ("the
Japan-U.S. and U.S.-ROK alliances"), descriptive references resolved from the article ("the
trilateral", "the alliance"), and blockers for names that only contain a country.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store.pipeline.extract.mentions import find_article_mentions, find_mentions
from store.pipeline.gazetteer import Gazetteer
from store.models import Entity, EntityKind, Mention



def load_alliances() -> list[Entity]:
    """The starter's alliances, as the importer hands them to the gazetteer."""
    from store.datasets.starter import starter_alliances

    return starter_alliances()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(load_alliances())


def ids(gaz: Gazetteer, text: str) -> set[str]:
    return {m.entity_id for m in find_mentions(gaz, text)}


def article_ids(gaz: Gazetteer, *texts: str) -> list[set[str]]:
    return [{m.entity_id for m in found} for found in find_article_mentions(gaz, texts)]


def alliances(found: set[str]) -> set[str]:
    return {i.removeprefix("alliance:") for i in found if i.startswith("alliance:")}


def countries(found: set[str]) -> set[str]:
    return {i.removeprefix("country:") for i in found if i.startswith("country:")}


# --- the API -----------------------------------------------------------------------------

def test_one_sorted_list_per_text_whose_offsets_slice_to_the_name(gaz: Gazetteer) -> None:
    texts = ["Japan and the US met.", "", "the Japan-U.S. and the U.S.-ROK alliances"]
    found = find_article_mentions(gaz, texts)
    assert len(found) == 3 and found[1] == []
    for text, mentions in zip(texts, found):
        assert all(isinstance(m, Mention) for m in mentions)
        assert [m.start for m in mentions] == sorted(m.start for m in mentions)
        assert all(0 <= m.start < m.end <= len(text) for m in mentions)
    assert [(m.entity_id, texts[2][m.start:m.end]) for m in found[2] if m.entity_id.startswith("alliance:")] == [
        ("alliance:us-japan-alliance", "Japan-U.S."),
        ("alliance:us-rok-alliance", "U.S.-ROK alliances"),
    ]


def test_a_name_the_gazetteer_finds_is_found_once(gaz: Gazetteer) -> None:
    text = "the US-Japan alliance"
    assert [m.entity_id for m in find_mentions(gaz, text)] == [
        "alliance:us-japan-alliance", "country:USA", "country:JPN"]


def test_same_kind_spans_never_overlap(gaz: Gazetteer) -> None:
    text = ("Kishida said the Japan-U.S. and the U.S.-ROK alliances and trilateral security cooperation "
            "among Japan, the US and South Korea would be reinforced.")
    found = find_mentions(gaz, text)
    for kind in ("country:", "alliance:"):
        spans = sorted((m.start, m.end) for m in found if m.entity_id.startswith(kind))
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


# --- hyphenated pairs and triples ---------------------------------------------------------

@pytest.mark.parametrize("text, slug", [
    ("the ROK-U.S. alliance", "us-rok-alliance"),
    ("the America-South Korea alliance", "us-rok-alliance"),
    ("the Japan-America security alliance", "us-japan-alliance"),
    ("the U.S.-ROK Alliance", "us-rok-alliance"),
    ("both US-Japan alliances", "us-japan-alliance"),
])
def test_a_pair_before_an_alliance_word_is_that_alliance_in_any_order_and_spelling(
        gaz: Gazetteer, text: str, slug: str) -> None:
    assert alliances(ids(gaz, text)) == {slug}


@pytest.mark.parametrize("text", [
    "Japan-US-South Korea cooperation deepened.",
    "the US-Japan-ROK summit",
    "the ROK-Japan-U.S. trilateral",
    "the American–Japanese–Korean trilateral pact",
])
def test_a_triple_of_exactly_the_members_is_the_trilateral(gaz: Gazetteer, text: str) -> None:
    assert alliances(ids(gaz, text)) == {"us-japan-rok-trilateral"}


@pytest.mark.parametrize("text, expected", [
    ("the Japan-U.S. and South Korea-U.S. strategic alliances", {"us-japan-alliance", "us-rok-alliance"}),
    ("coordination between the Japan-U.S. and the U.S.-ROK alliances", {"us-japan-alliance", "us-rok-alliance"}),
    ("girded by the ironclad U.S.-Japan and U.S.-ROK alliances", {"us-japan-alliance", "us-rok-alliance"}),
])
def test_coordinated_plural_forms_name_each_alliance(gaz: Gazetteer, text: str, expected: set[str]) -> None:
    assert alliances(ids(gaz, text)) == expected


@pytest.mark.parametrize("text", [
    "US-Japan trade talks resumed.",
    "a Japan-US summit in Tokyo",
    "the Japan-U.S. and China-U.S. relations",
])
def test_a_pair_without_an_alliance_word_is_not_the_alliance(gaz: Gazetteer, text: str) -> None:
    assert alliances(ids(gaz, text)) == set()


@pytest.mark.parametrize("text", [
    "the US-Japan-India trilateral",
    "advance the Australia-U.S. Alliance",  # not ANZUS, whose members differ
    "the Japan-New Zealand reciprocal access agreement",
])
def test_a_compound_of_countries_no_stored_alliance_has_names_none(gaz: Gazetteer, text: str) -> None:
    assert alliances(ids(gaz, text)) == set()


def test_ph_in_a_compound_is_the_philippines(gaz: Gazetteer) -> None:
    assert countries(ids(gaz, "the inaugural PH-Japan Foreign and Defense Ministerial Meeting")) == {"PHL", "JPN"}
    assert countries(ids(gaz, "a soil PH of 6 and a PH reading")) == set()


def test_us_written_without_its_last_dot_is_the_united_states_and_the_ussr_is_not(gaz: Gazetteer) -> None:
    assert ids(gaz, "emblematic of the U.S-Japan alliance") == {"country:USA", "country:JPN", "alliance:us-japan-alliance"}
    assert countries(ids(gaz, "The U.S and Japan met.")) == {"USA", "JPN"}
    # The Soviet Union, with or without its last dot, stands for Russia (a historical state counts as its successor).
    assert countries(ids(gaz, "The U.S.S.R fell, and the U.S.S.R. was gone.")) == {"RUS"}


# --- descriptive references -----------------------------------------------------------------

def test_a_trilateral_summit_of_the_named_members(gaz: Gazetteer) -> None:
    text = ("Cooperation among the Republic of Korea, the United States and Japan reached a new level "
            "during a trilateral summit at Camp David.")
    assert alliances(ids(gaz, text)) == {"us-japan-rok-trilateral"}


def test_a_trilateral_of_three_leaders_is_their_countries_trilateral(gaz: Gazetteer) -> None:
    # Two countries are named; the third only by its president (store/data/people.tsv), who is no mention of it.
    text = ("President Ferdinand R. Marcos Jr., United States President Joe Biden and Japan Prime Minister Fumio "
            "Kishida forged a stronger trilateral alliance on Thursday afternoon (Friday, Manila time).")
    found = ids(gaz, text)
    assert alliances(found) == {"us-japan-philippines-trilateral"}
    assert countries(found) == {"USA", "JPN"}
    # Without the third leader it is no trilateral the store holds.
    assert alliances(ids(gaz, text.replace("President Ferdinand R. Marcos Jr., ", ""))) == set()


def test_trilateral_security_cooperation_resolved_from_earlier_paragraphs(gaz: Gazetteer) -> None:
    found = article_ids(
        gaz,
        "Japanese Prime Minister Fumio Kishida, U.S. President Joe Biden and South Korean President "
        "Yoon Suk Yeol met at Camp David.",
        "Kishida said that trilateral security cooperation would be raised to a new height.",
        "It was the 13th trilateral summit for the leaders of the three countries.",
    )
    assert [alliances(f) for f in found[1:]] == [{"us-japan-rok-trilateral"}] * 2


@pytest.mark.parametrize("texts", [
    ("The trilateral summit lasted two hours.",),
    ("Ministers met in Canberra.", "The alliance has never been stronger."),
    ("Our partnership is based on shared values.",),
    ("The three leaders agreed to meet again.",),
])
def test_a_descriptive_reference_with_no_antecedent_names_nothing(gaz: Gazetteer, texts: tuple[str, ...]) -> None:
    assert all(alliances(f) == set() for f in article_ids(gaz, *texts))


def test_a_trilateral_of_other_countries_is_not_the_stored_trilateral(gaz: Gazetteer) -> None:
    found = article_ids(
        gaz,
        "Japan and South Korea both host US troops.",
        "Marcos said the trilateral meeting between the Philippines, the US and Japan is bound by a shared vision.",
        "And that's what this new trilateral is all about.",
    )
    assert all("us-japan-rok-trilateral" not in alliances(f) for f in found)
    # The store knows this one (the starter world's US-Japan-Philippines trilateral).
    assert alliances(found[1]) == {"us-japan-philippines-trilateral"}


def test_a_trilateral_of_a_three_country_pact_the_name_does_not_call_trilateral(gaz: Gazetteer) -> None:
    # In an AUKUS statement "trilateral" is AUKUS's own work, not the US-Japan-ROK grouping.
    found = article_ids(gaz, "Leaders of AUKUS met.", "We reviewed our trilateral programme with Japan and Korea.")
    assert alliances(found[1]) == set()


def test_the_alliance_is_the_alliance_named_last(gaz: Gazetteer) -> None:
    found = article_ids(gaz, "Finland joined NATO today.", "Finland is stronger and safer within the Alliance.")
    assert alliances(found[1]) == {"nato"}


@pytest.mark.parametrize("reference", ["the 75-year-old alliance", "the 70-year alliance", "the 32-member alliance",
                                       "the alliance"])
def test_the_alliance_described_with_numbers_is_the_alliance_named_last(gaz: Gazetteer, reference: str) -> None:
    found = article_ids(gaz, "NATO leaders met in Washington.", f"Japan took part in the summit of {reference}.")
    assert alliances(found[1]) == {"nato"}


def test_the_alliance_after_an_alliance_the_store_lacks_names_nothing(gaz: Gazetteer) -> None:
    found = article_ids(
        gaz,
        "NATO leaders met in Vilnius.",
        "Ministers met in Brisbane to advance the Australia-U.S. Alliance.",
        "They determined that the Alliance has never been stronger.",
    )
    assert alliances(found[2]) == set()


def test_the_alliance_with_a_country_is_the_pair_the_article_makes_clear(gaz: Gazetteer) -> None:
    found = article_ids(gaz, "Japan's prime minister spoke in Tokyo.", "He praised the alliance with the US.")
    assert alliances(found[1]) == {"us-japan-alliance"}
    # Japan and South Korea both named: which alliance with the US is meant is not clear.
    found = article_ids(gaz, "Japan and South Korea held talks.", "Each praised the alliance with the US.")
    assert alliances(found[1]) == set()


def test_a_summit_of_the_three_leaders_is_the_grouping_the_three_leaders_alone_are_not(gaz: Gazetteer) -> None:
    found = article_ids(
        gaz,
        "Kishida, Biden and Yoon met for a trilateral summit of Japan, the US and South Korea.",
        "The three leaders also agreed to reinforce their ties.",
        "It was the first stand-alone summit of the three leaders.",
    )
    assert [alliances(f) for f in found[1:]] == [set(), {"us-japan-rok-trilateral"}]


def test_our_partnership_is_the_partnership_named_before(gaz: Gazetteer) -> None:
    found = article_ids(
        gaz,
        "Japan, the ROK and the United States believe our trilateral partnership advances security.",
        "Camp David Principles",
        "We affirm a shared vision for our partnership.",
    )
    assert alliances(found[0]) == alliances(found[2]) == {"us-japan-rok-trilateral"}


# --- names that only contain a country -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Daily Mail Australia reported on Friday.",
    "according to Sky News Australia",
    "an editorial in the Korea JoongAng Daily",
    "The Korea Herald said.",
    "a report in The Japan Times",
])
def test_newspapers_are_not_their_country(gaz: Gazetteer, text: str) -> None:
    assert countries(ids(gaz, text)) == set()


@pytest.mark.parametrize("text", [
    "Korea Aerospace Industries will build the jets.",
    "Japan Steel Works supplies the barrels.",
    "BAE Systems Australia won the contract.",
    "Hanwha Aerospace and Korea Shipbuilding & Offshore Engineering signed.",
])
def test_companies_are_not_their_country(gaz: Gazetteer, text: str) -> None:
    assert countries(ids(gaz, text)) == set()


@pytest.mark.parametrize("text, expected", [
    ("South Korean defence companies signed contracts.", {"KOR"}),
    ("the Japan Self-Defense Forces and the Australian Defence Force", {"JPN", "AUS"}),
    ("Australia's Daily Mail reported.", {"AUS"}),
    ("the Korea Coast Guard", {"KOR"}),
])
def test_look_alikes_of_companies_and_newspapers_keep_their_country(gaz: Gazetteer, text: str, expected: set[str]) -> None:
    assert countries(ids(gaz, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("veterans of the Falklands War", set()),
    ("since the Korean War", set()),
    ("during the Vietnam War", set()),
    ("the war in Ukraine", {"UKR"}),
    ("Russia's war against Ukraine", {"RUS", "UKR"}),
])
def test_wars_are_not_their_country_but_a_war_in_a_country_is(gaz: Gazetteer, text: str, expected: set[str]) -> None:
    assert countries(ids(gaz, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("islands across Micronesia, Melanesia and Polynesia", set()),
    ("the Micronesia region", set()),
    ("Micronesia's president met Biden.", {"FSM"}),
    ("the Federated States of Micronesia and Melanesia", {"FSM"}),
])
def test_micronesia_as_a_region_is_not_the_country(gaz: Gazetteer, text: str, expected: set[str]) -> None:
    assert countries(ids(gaz, text)) == expected


# --- in the import --------------------------------------------------------------------------

def test_make_excerpts_resolves_a_reference_from_an_earlier_excerpt(gaz: Gazetteer) -> None:
    from store.pipeline.ingest import make_excerpts, make_source, parse_article

    source = make_source(parse_article(
        "Title: Camp David\n\nJapan, South Korea and the United States met at Camp David.\n\n"
        "Kishida said trilateral security cooperation would be raised to a new height.\n"))
    excerpts = make_excerpts(source, gaz)
    assert [alliances({m.entity_id for m in e.mentions}) for e in excerpts] == [set(), {"us-japan-rok-trilateral"}]
    second = excerpts[1]
    (m,) = [m for m in second.mentions if m.entity_id.startswith("alliance:")]
    assert second.quote.exact[m.start:m.end] == "trilateral security cooperation"


@pytest.mark.parametrize("text, expected", [
    ("one of the U.S.-led security alliances, including Quad Plus and AUKUS", {"aukus"}),
    ("the Quad-plus format", set()),
    ("The Quad met in Tokyo.", {"quad"}),
])
def test_a_format_named_after_a_grouping_plus_others_is_not_the_grouping(gaz: Gazetteer, text: str, expected: set[str]) -> None:
    assert alliances(ids(gaz, text)) == expected


@pytest.mark.parametrize("later", [
    "Russia and North Korea deepened their alliance.",
    "Moscow praised its alliance with Pyongyang.",
    "Russia and North Korea signed the pact between Russia and North Korea.",
])
def test_an_alliance_of_others_is_not_the_alliance_named_before(gaz: Gazetteer, later: str) -> None:
    found = article_ids(gaz, "Finland joined NATO and AUKUS leaders met.", later)
    assert alliances(found[1]) == set()


def test_it_with_its_members_is_the_grouping_named_last(gaz: Gazetteer) -> None:
    found = article_ids(gaz, "The Collective Security Treaty Organization met in Minsk.",
                        "It has six member states: Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan.")
    assert alliances(found[1]) == {"csto"}
    # No grouping named before, or "it" as something else: no mention.
    assert alliances(ids(gaz, "It has six member states: Armenia, Belarus and Russia.")) == set()
    assert alliances(article_ids(gaz, "The CSTO met in Minsk.", "It was cold, and the members left early.")[1]) == set()


def test_the_officials_of_a_groupings_members_meeting_are_that_grouping(gaz: Gazetteer) -> None:
    text = "The defense leaders of Australia, Japan, the Philippines and the United States met in Honolulu on Saturday."
    assert alliances(ids(gaz, text)) == {"squad"}
    # Not people of no office, nor officials who did not meet, nor a list that is no stored grouping's.
    assert alliances(ids(gaz, text.replace("The defense leaders of", "Tourists from"))) == set()
    assert alliances(ids(gaz, text.replace("met in Honolulu", "praised Honolulu"))) == set()
    assert alliances(ids(gaz, text.replace("Australia, ", "Canada, "))) == set()


def test_a_leader_completes_a_trilateral_only_into_a_stored_one(gaz: Gazetteer) -> None:
    # Yoon (South Korea) beside North Korea and the White House makes no stored trilateral: the one named before stands.
    found = article_ids(
        gaz,
        "The leaders of the United States, Japan and South Korea agreed on stronger trilateral cooperation.",
        "\"North Korea's threats make our trilateral partnership all the more significant,\" Mr Yoon said, according "
        "to a White House transcript.")
    assert alliances(found[1]) == {"us-japan-rok-trilateral"}


@pytest.mark.parametrize("reference", ["the Western defence alliance", "the Western military alliance",
                                       "the transatlantic alliance", "the U.S.-led Western military alliance",
                                       "the North Atlantic alliance"])
def test_what_news_calls_nato_is_nato_even_after_another_alliance(gaz: Gazetteer, reference: str) -> None:
    found = article_ids(gaz, "Leaders of AUKUS met.", f"Sweden and Finland applied to join {reference} last year.")
    assert alliances(found[1]) == {"nato"}


@pytest.mark.parametrize("text", ["The Western world stood together.", "Its Western partners met.",
                                  "The Western allies sent tanks."])
def test_the_west_is_no_alliance(gaz: Gazetteer, text: str) -> None:
    assert alliances(ids(gaz, text)) == set()
