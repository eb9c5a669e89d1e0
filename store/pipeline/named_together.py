"""Evidence for the partnerships and agreements the store already holds: a sentence that names both ends with a word
of the relation.

The claim rules read constructions; news restates a known partnership or agreement in more ways than they know
("Australia, Japan, New Zealand and the Republic of Korea took part as NATO's partners", "the Comprehensive Military
Agreement, which North Korea scrapped after South Korea suspended parts of it"). For these two relations the store's
own facts settle who is in what, so a passage needs less: both ends in one sentence, a word of the relation there
("partner", "partnership"; "signed", "agreement", "treaty" …), and no negation. What this reads becomes a claim of the
stored fact only, so it proposes evidence links and never a new fact.

Not memberships: on the labelled sets a member named beside its alliance with "ally" or "member" was as often a
candidate, a partner listed among "non-members" or a venue as a member (+54 right, +54 wrong), where partnerships and
agreements were right 20 times in 21.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from store.models import MentionSpan, Relation
from store.pipeline.extract.claims import Claim
from store.words.sentences import sentence_spans

if TYPE_CHECKING:
    from store.repository import FactStore

_CUES = {
    Relation.PARTNER_OF: re.compile(r"\bpartners?(?:hips?)?\b", re.IGNORECASE),
    Relation.PARTY_TO: re.compile(r"\b(?:signator(?:y|ies)|part(?:y|ies)|sign(?:s|ed|ing)?|ratif\w+|concluded|"
                                  r"agreements?|treat(?:y|ies)|pacts?|accords?|under)\b", re.IGNORECASE),
}
# A sentence that denies something, or asks whether, says nothing a supporting link could rest on.
_DENIAL = re.compile(r"\b(?:not|never|no longer|neither|nor|none|non|whether)\b|n['’]t\b", re.IGNORECASE)


def named_together(store: FactStore, text: str, mentions: Sequence[MentionSpan]) -> list[Claim]:
    """A claim of each stored partnership or agreement fact whose two ends a sentence of ``text`` names with a word
    of the relation (the store's pair index: the cost does not grow with the store)."""
    out: list[Claim] = []
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
                for fact in store.facts_between(country, alliance):
                    cue = _CUES.get(fact.relation)
                    found = cue.search(sentence) if cue is not None and fact.subject == country else None
                    if found:
                        out.append(Claim(country, fact.relation, alliance, cue=f"named together: {found.group()}",
                                         sentence=(start, end), rule="named together"))
    return out
