"""Evidence for the partnerships, agreements and memberships the store already holds: a sentence that names both ends
with a word of the relation.

The claim rules read constructions; news restates a known partnership or agreement in more ways than they know
("Australia, Japan, New Zealand and the Republic of Korea took part as NATO's partners", "the Comprehensive Military
Agreement, which North Korea scrapped after South Korea suspended parts of it"). For partnerships and agreements the
store's own facts settle who is in what, so a passage needs less: both ends in one sentence, a word of the relation
there ("partner", "partnership"; "signed", "agreement", "treaty" …), and no negation. What this reads becomes a claim
of the stored fact only, so it proposes evidence links and never a new fact.

Memberships need more (:func:`_members_near`): read as loosely, a member named beside its alliance with "ally" or
"member" was as often a candidate, a partner listed among "non-members" or the ally-holder as a member (+54 right,
+54 wrong on the spent labelled sets), where partnerships and agreements were right 15 times in 16. Held to a few
words between the member (or its list) and the alliance, memberships were right 17 times in 19.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from store.models import FuzzyDate, MentionSpan, Relation
from store.pipeline.extract.claims import Claim
from store.words.sentences import sentence_spans

if TYPE_CHECKING:
    from store.repository import FactStore

_CUES = {
    Relation.PARTNER_OF.value: re.compile(r"\bpartners?(?:hips?)?\b", re.IGNORECASE),
    # "partners in the GCAP project": a programme's parties are its partners.
    Relation.PARTY_TO.value: re.compile(r"\b(?:signator(?:y|ies)|part(?:y|ies)|sign(?:s|ed|ing)?|ratif\w+|concluded|"
                                  r"agreements?|treat(?:y|ies)|pacts?|accords?|under|partners?)\b", re.IGNORECASE),
}
# A sentence that denies something, or asks whether, says nothing a supporting link could rest on.
_DENIAL = re.compile(r"\b(?:not|never|no longer|neither|nor|none|non|whether)\b|n['’]t\b", re.IGNORECASE)


# Memberships need more: "NATO members Poland and Lithuania", "Poland, Lithuania, Latvia and Estonia, all members of
# NATO", "Poland has been a strong NATO Ally", "the Joint Expeditionary Force (JEF) – comprising Denmark, Estonia, …":
# the member (or the list it is in) and the alliance at most a few words apart with "ally", "member" or "comprising"
# between them or just after, in a sentence about no candidacy or partnership.
_MEMBER = re.compile(r"\b(?:all(?:y|ies)|members?|compris(?:es|ed|ing)|consist(?:s|ed|ing)? of|made up of)\b",
                     re.IGNORECASE)
_NOT_MEMBERSHIP = re.compile(r"\b(?:join(?:s|ed|ing)?|accession|accede\w*|appl(?:y|ie[sd]|ying|ications?)|candida\w+|bids?|"
                             r"invit\w+|ratif\w+|protocols?|aspir\w+|hopefuls?|partners?\w*)\b|\b(?:non|extra)-",
                             re.IGNORECASE)
_COORDINATED = re.compile(r"\b(?:and|or|plus|as well as|together with|alongside)\b")
# "Turkey's first export of a jet aircraft to a NATO ally", "the security of a NATO Ally": an ally the sentence does
# not name, not the country before it (unlike "Denmark, a NATO ally").
_SOME_ALLY = re.compile(r"\b(?:to|of|for|with|from|by|at|on|against|towards?|into|than|like)\s+(?:a|an|another|one)\s+$",
                        re.IGNORECASE)
# After the members' noun, a comma may only open their list: not "Denmark, a NATO ally, in front of American troops",
# "a NATO ally, a symbolic milestone for Ankara's industry" (another phrase's country).
_LIST_OPENS = re.compile(r"[^,]*(?:,\s*\(?(?:(?:i\.e\.|e\.g\.|such as|including|namely|like|notably),?\s+)?(?:the\s+)?)?",
                         re.IGNORECASE)
_LIST_GAP = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")
_NEAR = 9  # words between the member's list and the alliance


def _runs(text: str, countries: list[MentionSpan]) -> list[tuple[int, int, list[str]]]:
    """(start, end, countries) of each coordinated list of countries, a country alone being a list of one."""
    out: list[tuple[int, int, list[str]]] = []
    for m in sorted(countries, key=lambda m: m.start):
        if out and _LIST_GAP.fullmatch(text, out[-1][1], m.start):
            out[-1] = (out[-1][0], m.end, [*out[-1][2], m.entity_id])
        else:
            out.append((m.start, m.end, [m.entity_id]))
    return out


def _began_after(start: str | None, published: FuzzyDate | None) -> bool:
    """Whether a fact that began at ``start`` began after the article was published: "Finland, a NATO member" in 2022
    is no evidence of the membership of 2023 (the words are another's, or wrong)."""
    if published is None or not start:
        return False
    n = min(len(start), len(published.value))
    return start[:n] > published.value[:n]


def _members_near(store: FactStore, text: str, here: list[MentionSpan],
                  published: FuzzyDate | None) -> list[tuple[str, str, str]]:
    """(country, alliance, cue) of each stored membership the sentence tells as the few words between them do."""
    out: list[tuple[str, str, str]] = []
    countries = [m for m in here if m.entity_id.startswith("country:")]
    for a in (m for m in here if m.entity_id.startswith("alliance:")):
        for start, end, run in _runs(text, countries):
            lo, hi = (end, a.start) if end <= a.start else (a.end, start)
            if lo > hi or len(text[lo:hi].split()) > _NEAR:
                continue
            if end <= a.start and _SOME_ALLY.search(text[lo:hi]):
                continue
            cue_here = _MEMBER.search(text, lo, hi) if a.end <= start else None
            if cue_here and not _LIST_OPENS.fullmatch(text, cue_here.end(), hi):
                continue
            after = " ".join(text[max(end, a.end):].split()[:2])
            if end <= a.start and any(a.end <= c.start <= a.end + len(after) + 1 for c in countries):
                after = ""  # "the sale to NATO ally Germany": the ally is the country after it
            between = _MEMBER.search(text, lo, hi)
            if between and end > a.start and _COORDINATED.search(text, between.end(), hi):
                continue  # "NATO member states and the Finnish Defence Forces": beside the members, not one of them
            cue = between or _MEMBER.search(after)
            if cue is None:
                continue
            for country in run:
                if any(relation == Relation.MEMBER_OF.value and subject == country and not _began_after(began, published)
                       for relation, subject, began in store.relations_between(country, a.entity_id)):
                    out.append((country, a.entity_id, cue.group()))
    return out


def named_together(store: FactStore, text: str, mentions: Sequence[MentionSpan],
                   published: FuzzyDate | None = None) -> list[Claim]:
    """A claim of each stored partnership, agreement or membership fact whose two ends a sentence of ``text`` names
    with a word of the relation (the store's pair index: the cost does not grow with the store); ``published``: the
    article's date, before which no fact that began later is backed."""
    out: dict[tuple[str, str, str], Claim] = {}  # one claim a pair and relation: a pair may hold several such facts
    for start, end in sentence_spans(text):
        here = [m for m in mentions if start <= m.start < end]
        countries = sorted({m.entity_id for m in here if m.entity_id.startswith("country:")})
        alliances = sorted({m.entity_id for m in here if m.entity_id.startswith("alliance:")})
        if not countries or not alliances:
            continue
        sentence = text[start:end]
        if _DENIAL.search(sentence):
            continue
        for country in countries:
            for alliance in alliances:
                for relation, subject, began in store.relations_between(country, alliance):
                    cue = _CUES.get(relation)
                    found = (cue.search(sentence) if cue is not None and subject == country
                             and not _began_after(began, published) else None)
                    if found:
                        out.setdefault((country, relation, alliance), Claim(
                            country, Relation(relation), alliance, cue=f"named together: {found.group()}",
                            sentence=(start, end), rule="named together"))
        if _MEMBER.search(sentence) and not _NOT_MEMBERSHIP.search(sentence):
            for country, alliance, word in _members_near(store, text, here, published):
                out.setdefault((country, Relation.MEMBER_OF.value, alliance), Claim(
                    country, Relation.MEMBER_OF, alliance, cue=f"named together: {word}", sentence=(start, end),
                    rule="named together"))
    return list(out.values())
