"""Evidence for stored partnerships and agreements from a sentence that names both ends with a word of the relation
(store/pipeline/named_together.py): links only, never new facts, never from a denial, never for a membership."""

from __future__ import annotations

import pytest

from store.models import FuzzyDate, MentionSpan, Relation, Stance
from store.pipeline.extract.mentions import find_mentions
from store.pipeline.importer import gazetteer_for, import_text
from store.pipeline.named_together import named_together
from store.repository import FactStore


def read(store: FactStore, text: str, published: str | None = None) -> set[tuple[str, str, str]]:
    found = find_mentions(gazetteer_for(store), text)
    mentions = [MentionSpan(entity_id=m.entity_id, start=m.start, end=m.end) for m in found]
    date = FuzzyDate(published) if published else None
    return {(c.subject, c.relation.value, c.object) for c in named_together(store, text, mentions, date)}


def test_partners_listed_beside_the_alliance_are_its_stored_partners(starter: FactStore) -> None:
    text = "Australia, Japan, New Zealand and South Korea took part in the talks as NATO's partners in the Indo-Pacific."
    assert read(starter, text) == {(f"country:{c}", "partner_of", "alliance:nato") for c in ("AUS", "JPN", "NZL", "KOR")}


def test_parties_named_with_their_agreement(starter: FactStore) -> None:
    text = "Japan and the Philippines signed the Reciprocal Access Agreement in Manila, officials said."
    assert read(starter, text) == {("country:JPN", "party_to", "alliance:japan-philippines-raa"),
                                   ("country:PHL", "party_to", "alliance:japan-philippines-raa")}


def test_a_programmes_partners_are_its_parties(starter: FactStore) -> None:
    assert read(starter, "Together with Britain, Italy and Japan are partners in the GCAP project.") == {
        (f"country:{c}", "party_to", "alliance:gcap") for c in ("GBR", "ITA", "JPN")}


def test_no_evidence_from_before_the_fact_began(starter: FactStore) -> None:
    # Finland joined NATO in April 2023: an article of 2022 calling it a member backs no membership.
    text = "Finland and Estonia, both NATO members, share a border with Russia."
    assert read(starter, text, "2022-05") == {("country:EST", "member_of", "alliance:nato")}
    assert read(starter, text, "2024-05") == {(f"country:{c}", "member_of", "alliance:nato") for c in ("FIN", "EST")}


@pytest.mark.parametrize("text, members", [
    ("Russia sent drones into the airspace of NATO members Poland and Romania.", ("POL", "ROU")),
    ("Poland, Lithuania, Latvia and Estonia, all members of NATO, intend to leave the convention.",
     ("POL", "LTU", "LVA", "EST")),
    ("Poland has been a strong NATO Ally for decades.", ("POL",)),
    ("The United States approved the sale to NATO ally Germany of missiles.", ("DEU",)),
    ("The defence ministers of NATO – comprising Poland, Estonia and Latvia among others – met.", ("POL", "EST", "LVA")),
    ("Poland, Estonia and Latvia, NATO members, held joint drills.", ("POL", "EST", "LVA")),  # "joint" is no joining
    ("Vance criticised Denmark, a NATO ally, in front of American troops.", ("DNK",)),  # the troops' country is none
])
def test_members_named_beside_their_alliance_with_ally_or_member(starter: FactStore, text: str,
                                                                 members: tuple[str, ...]) -> None:
    assert read(starter, text) == {(f"country:{c}", "member_of", "alliance:nato") for c in members}


def test_members_listed_after_the_noun_and_an_i_e(starter: FactStore) -> None:
    text = "Service members from 12 United Nations Command Member States, (i.e., France, Greece and the U.S.), took part."
    assert read(starter, text) == {(f"country:{c}", "member_of", "alliance:united-nations-command")
                                   for c in ("FRA", "GRC", "USA")}


@pytest.mark.parametrize("text", [
    "Japan is not a NATO partner, the minister said.",  # a denial backs nothing
    "Japan and NATO officials met in Brussels.",  # no word of the relation
    "Japan and the NATO members met in Brussels.",  # no stored membership: nothing to back
    "Finland's bid to join NATO, whose members must all ratify it, stalled.",  # a candidacy
    "Qatar became a major non-NATO ally of the United States.",  # not NATO's ally
    "Poland hosted the summit where NATO leaders, after long talks, finally named the allies' new strategy.",  # far apart
    "Japan's partners met; NATO was not mentioned until later.",  # the words are there, the denial too
    # An ally the sentence does not name, not the country before it.
    "Officials called it Turkey's first export of a jet aircraft to a NATO ally.",
    "The sale will support the foreign policy of the United States by improving the security of a NATO Ally.",
    "It was a NATO ally, a symbolic milestone for Ankara's defence industry.",
])
def test_nothing_without_a_word_of_the_relation_or_with_a_denial(starter: FactStore, text: str) -> None:
    assert read(starter, text) == set()


def test_an_import_proposes_links_to_the_stored_facts_and_no_new_fact(starter: FactStore) -> None:
    facts = len(starter.facts)
    report = import_text(starter, "Title: Partners\n\nAustralia, Japan, New Zealand and South Korea took part in the "
                                  "talks as NATO's partners in the Indo-Pacific.", name="partners.txt")
    assert len(starter.facts) == facts and not report.proposed
    linked = {(starter.facts[l.fact_id].subject, starter.facts[l.fact_id].relation) for l in report.links_proposed}
    assert {s for s, r in linked if r is Relation.PARTNER_OF} == {f"country:{c}" for c in ("AUS", "JPN", "NZL", "KOR")}
    assert all(link.stance is Stance.SUPPORTS and link.confidence < 0.6 for link in report.links_proposed
               if "named together" in link.cue)
