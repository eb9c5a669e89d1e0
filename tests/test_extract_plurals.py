"""store.pipeline.extract.plurals and its readers: "the two sides", "these countries" as the countries meant (issue 14)."""

from __future__ import annotations

import pytest

from store.models import Relation
from store.pipeline.extract.claims import find_claims
from store.pipeline.extract.mentions import find_article_mentions
from store.pipeline.extract.plurals import PLURAL_REFERENCE, CountryLists, size_of
from store.pipeline.gazetteer import Gazetteer
from store.pipeline.importer import import_text
from store.repository import FactStore
from tests.test_extract_mentions import load_alliances


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(load_alliances())


def resolved(gaz: Gazetteer, before: str, reference: str) -> tuple[str, ...] | None:
    lists = CountryLists()
    [mentions] = find_article_mentions(gaz, [before])
    lists.read(before, mentions)
    m = PLURAL_REFERENCE.search(reference)
    assert m is not None
    found = lists.resolve(m)
    return tuple(c.removeprefix("country:") for c in found) if found else None


@pytest.mark.parametrize("reference, size", [
    ("the two sides", 2), ("both countries", 2), ("Both leaders", 2), ("the three countries", 3),
    ("these countries", 0), ("our two countries", 2), ("all four nations", 4),
    ("the countries", None), ("their countries", None), ("the leaders", None), ("these partners", None),
])
def test_what_a_reference_says_of_its_size(reference: str, size: int | None) -> None:
    m = PLURAL_REFERENCE.search(reference)
    assert (size_of(m) if m else None) == size


@pytest.mark.parametrize("before, reference, expected", [
    ("The Five Eyes comprises Australia, Canada, New Zealand, the United Kingdom, and the United States.",
     "These countries are party to it.", ("AUS", "CAN", "NZL", "GBR", "USA")),
    ("Japan and Australia met. Then India, Japan and the US met.", "the two sides", ("JPN", "AUS")),
    ("Japan and Australia met. Then India, Japan and the US met.", "the three countries", ("IND", "JPN", "USA")),
    ("Japan's Prime Minister welcomed Australia's.", "Both leaders agreed.", ("JPN", "AUS")),
    ("Japan, Australia, India and the US met.", "the two sides", None),  # no pair was named
    ("Japan met.", "these countries", None),
    # A grouping coordinated with a country: the two sides are not the earlier pair.
    ("Japan and Australia met. Then NATO and South Korea met.", "the two sides", None),
    # An apposition with a possessive cuts no list: the sentence's three countries.
    ("Turkey objects to the bid of Sweden, Finland's neighbour.", "the three countries", ("TUR", "SWE", "FIN")),
])
def test_the_countries_a_reference_means(gaz: Gazetteer, before: str, reference: str,
                                         expected: tuple[str, ...] | None) -> None:
    assert resolved(gaz, before, reference) == expected


def test_the_claims_stage_reads_a_reference_to_an_earlier_sentence(gaz: Gazetteer) -> None:
    text = ("Australia, Canada and New Zealand form the group. These countries are party to the ANZUS Treaty.")
    [mentions] = find_article_mentions(gaz, [text])
    claims = find_claims(text, mentions, {}, lists=CountryLists())
    # A party to a treaty the store codes as an alliance is a member (the importer makes an agreement's party_to).
    party = {c.subject.removeprefix("country:") for c in claims if c.cue == "party"}
    assert party == {"AUS", "CAN", "NZL"}
    assert {c.relation for c in claims if c.cue == "party"} == {Relation.MEMBER_OF}


def test_the_lists_run_across_passages(gaz: Gazetteer) -> None:
    texts = ["Japan and the Philippines held talks in Manila.",
             "The two sides agreed to deepen defence cooperation with each other."]
    mentions = find_article_mentions(gaz, texts)
    lists = CountryLists()
    find_claims(texts[0], mentions[0], {}, lists=lists)
    second = find_claims(texts[1], mentions[1], {}, lists=lists)
    assert not second or {(c.subject, c.object) for c in second} <= {("country:JPN", "country:PHL"),
                                                                   ("country:PHL", "country:JPN")}
    assert lists.lists[-1] == ("country:JPN", "country:PHL")


def test_a_new_partnership_of_both_countries_and_its_later_names(starter: FactStore) -> None:
    report = import_text(starter, "Title: Leaders\nPublished: 2022-01-06\n\n"
                         "Prime Minister Morrison and Prime Minister Kishida met virtually on 6 January 2022.\n\n"
                         "The two leaders reaffirmed the importance to both countries of the Special Strategic "
                         "Partnership.\n\n"
                         "The SSP is based on shared values. The partnership will grow.", name="l.txt")
    [entity] = [e for e in starter.entities.values() if e.proposal is not None]
    assert entity.proposal.members == ["country:AUS", "country:JPN"]
    last = max(starter.excerpts_of(report.source.id), key=lambda x: x.start)
    named = [last.quote.exact[m.start:m.end] for m in last.mentions if m.entity_id == entity.id]
    assert named == ["SSP", "The partnership"]
    assert "SSP" not in entity.aliases  # the initials read this article; they are no name of record
