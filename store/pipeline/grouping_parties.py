"""Whose a new agreement or grouping is when the words that name it do not say (issue 14).

:func:`store.pipeline.extract.groupings.find_new_groupings` reads the members a passage gives with a name ("… between
Australia and Japan", "the US-Japan-Philippines trilateral"). News often gives them elsewhere, and
:func:`unstated_parties` reads them there, in this order:

- a plural reference in the name's sentence ("importance to both countries of the Special Strategic Partnership");
- the passage's two countries, when it names only two ("the Reciprocal Access Agreement" in a passage about Japan
  and the Philippines), unless the name is a trilateral's or an alliance's own ("the trilateral AUKUS … Agreement")
  or the two are named as the sides of a war ("amid Russia's war of aggression against Ukraine");
- the headline's two countries, when the headline tells an agreement and the passage names no other country ("We
  have prepared and signed an ambitious security agreement" under "Ukraine and France sign a security agreement");
- in a government's release, the publisher's country and the one other country the passage names ("The Defence
  Secretary has signed a refreshed security cooperation agreement … with the Kenyan Cabinet Secretary" on GOV.UK).

The last two apply to an agreement told by its kind only, never to one with a company ("a pact with Hindustan
Aeronautics").

Kept apart from :mod:`store.pipeline.grouping_proposals`, which decides what a candidate is (stored, new or a
description); this module only says whose it is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from store.models import MentionSpan
from store.pipeline.extract.groupings import GroupingCandidate
from store.pipeline.extract.plurals import PLURAL_OR_POSSESSIVE, CountryLists, at_war, lists_in
from store.pipeline.extract.references import sentence_end, sentence_start
from store.pipeline.known_groupings import AGREEMENT_NOUNS

if TYPE_CHECKING:
    from store.pipeline.gazetteer import Gazetteer

# A headline that tells an agreement: "… sign security pact", "… seal drone deal", "… upgrade ties to partnership".
_HEADLINE_AGREEMENT = re.compile(r"(?i)\b(?:agreements?|pacts?|deals?|treat(?:y|ies)|accords?|partnerships?|memorandum|"
                                 r"MoU)\b")
_MANY_SIDED = re.compile(r"(?i)\b(?:trilateral|multilateral|quadrilateral|plurilateral|AUKUS|Quad|NATO)\W+(?:\w+\W+){0,2}$")
# A publisher that is a government: its ministries, its leader's office, its forces.
_GOVERNMENT = re.compile(r"\b(?:Ministry|Department|Minister|President|Presidential|Government|Office|Embassy|Command|"
                         r"Navy|Army|Air Force|Forces|Cabinet|Secretariat)\b")
_GOVERNMENT_NAMES = ((re.compile(r"\bGOV\.UK\b|10 Downing Street"), "country:GBR"),
                     (re.compile(r"\bWhite House\b|\bDoD\b|\bDOD\b|\bPentagon\b"), "country:USA"),
                     (re.compile(r"\bKremlin\b"), "country:RUS"))
_WITH_NAME = re.compile(r"\s+with\s+(?:the\s+)?(?=[A-Z])")


def headline_pair(gazetteer: Gazetteer, title: str) -> frozenset[str]:
    """The two countries a headline that tells an agreement names (empty unless exactly two): not "Defence
    Secretary visits Kenya and Somalia", which tells a visit."""
    if not _HEADLINE_AGREEMENT.search(title):
        return frozenset()
    found = frozenset(m.entity_id for m in gazetteer.find(title) if m.entity_id.startswith("country:"))
    return found if len(found) == 2 else frozenset()


def publisher_country(gazetteer: Gazetteer, publisher: str) -> str | None:
    """The country whose government published the article ("U.S. Department of State", "Ministry of Defence
    (GOV.UK)", "President of Russia (Kremlin)"), or None for a newspaper, an agency or an alliance."""
    for words, country in _GOVERNMENT_NAMES:
        if words.search(publisher):
            return country
    if not _GOVERNMENT.search(publisher):
        return None
    found = {m.entity_id for m in gazetteer.find(publisher) if m.entity_id.startswith("country:")}
    return found.pop() if len(found) == 1 else None


def unstated_parties(c: GroupingCandidate, text: str, passage: list[MentionSpan], lists: CountryLists,
                     headline: frozenset[str], publisher: str | None = None) -> tuple[str, ...]:
    """The members of ``c`` (which names none) that its sentence, its passage, the headline or the publisher makes
    plain, sorted; empty when none does. ``passage`` holds the passage's mentions and the countries its people stand for; ``lists``
    the countries the article listed before it (what "both countries" means)."""
    referred = _referred(text, passage, c, lists)
    if referred:
        return referred
    if c.noun not in AGREEMENT_NOUNS and c.noun not in ("partnership", "declaration", "guidelines"):
        return ()
    countries = frozenset(m.entity_id for m in passage if m.entity_id.startswith("country:"))
    if len(countries) == 2 and not _MANY_SIDED.search(text, max(0, c.start - 30), c.start) and not at_war(text, passage):
        return tuple(sorted(countries))
    if c.generic and headline and countries <= headline and not _with_other(text, c.end, passage):
        return tuple(sorted(headline))
    if c.generic and publisher and len(countries - {publisher}) == 1 and not _with_other(text, c.end, passage):
        # A government's release: "The Defence Secretary has signed a refreshed security cooperation agreement
        # following talks with … Kenyan Cabinet Secretary" (GOV.UK) is the UK's and Kenya's.
        return tuple(sorted(countries | {publisher}))
    return ()


def _referred(text: str, mentions: list[MentionSpan], c: GroupingCandidate, lists: CountryLists) -> tuple[str, ...]:
    """The countries a plural reference in the candidate's sentence means, if there is one and it is plain."""
    start, end = sentence_start(text, c.start), sentence_end(text, c.end)
    for ref in PLURAL_OR_POSSESSIVE.finditer(text, start, end):
        found = CountryLists([*lists.lists, *lists_in(text, mentions, 0, ref.start())]).resolve(ref)
        if found:
            return found
    return ()


def _with_other(text: str, end: int, passage: list[MentionSpan]) -> bool:
    """"signed a pact with Hindustan Aeronautics": an agreement with someone named who is no country (a company)."""
    lead = _WITH_NAME.match(text, end)
    return lead is not None and not any(m.start == lead.end() and m.entity_id.startswith("country:") for m in passage)
