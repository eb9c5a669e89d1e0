"""Members named with their grouping: a sentence that names an alliance and every one of its members.

"Japan-Philippine defense cooperation … and signing of the Reciprocal Access Agreement", "the will of
Japan, ROK, and U.S. to promote trilateral interoperability", "the United States and the Philippines …
modernize the alliance": no verb ties the countries to the grouping, but a sentence that names all of a
grouping's members beside it, with a word of membership or of what members do together (signing,
meeting, cooperation …), states that they are in it. The members are the ones the grouping's own name
gives (``Gazetteer.members``: "the Japan-Philippines RAA", "the U.S.-Japan-ROK trilateral") or those of a
grouping the import proposes; a grouping whose members the name does not give (the Quad) is left to the
claim rules. Modality is read in the clause as for every claim (``frames.modality``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from store.models import MentionSpan, Relation
from store.pipeline.extract.claims import Claim
from store.pipeline.extract.frames import modality
from store.words.sentences import sentence_spans

# What members of a grouping do, or what being in one is called; read outside the mentions.
_CUE = re.compile(
    r"\b(?:sign(?:ed|ing|s)?|ratif\w+|(?:entry|entered|enters|enter) into force|in force|members?|party|parties|"
    r"alliances?|partnership|summit|meeting|met|meet|gathered|convened|ministerial|trilateral|cooperat\w+|"
    r"interoperability|commitments?|"
    r"dialogue|pact|treaty|agreement|programme|program|exercises?|drills?)\b", re.IGNORECASE)


def named_member_claims(text: str, mentions: Sequence[MentionSpan],
                        members: Mapping[str, frozenset[str]]) -> list[Claim]:
    """``member_of`` for each member of a grouping that a sentence of ``text`` names with all its members."""
    if not members:
        return []
    out: list[Claim] = []
    alliances = [m for m in mentions if m.entity_id.startswith("alliance:") and len(members.get(m.entity_id, ())) >= 2]
    if not alliances:
        return out
    in_passage = {m.entity_id for m in mentions if m.entity_id.startswith("country:")}
    for s_start, s_end in sentence_spans(text):
        here = [m for m in mentions if s_start <= m.start and m.end <= s_end]
        countries = {m.entity_id for m in here if m.entity_id.startswith("country:")}
        named_here = [m for m in alliances if s_start <= m.start and m.end <= s_end]
        groups = [members[e] for e in {m.entity_id for m in named_here}]
        for a in named_here:
            group = members[a.entity_id]
            # A grouping of two whose members the passage names ("Both sides … the Philippines-United States
            # Alliance … The Secretaries reaffirmed the importance of the 1998 VFA"): the passage is about the pair.
            pair = len(group) == 2 and group <= in_passage
            if not group <= countries and not pair and not _all_of(text, s_start, s_end, a, groups, len(group)):
                continue
            tpl, where = _tokens(text, s_start, s_end, here, a)
            # The grouping's own noun is a cue ("modernize the alliance", "the Reciprocal Access Agreement").
            if where < 0 or not _CUE.search(re.sub(r"@[AC]\d+@", " ", tpl) + " " + text[a.start:a.end]):
                continue
            first = min([where] + [tpl.find(t) for t in _member_tokens(tpl)])
            mood = modality(tpl, max(first, 0), where + 4)
            if mood is None:
                continue
            qualifiers = () if mood == "asserted" else (("modality", mood),)
            for country in sorted(group):
                out.append(Claim(country, Relation.MEMBER_OF, a.entity_id, cue="named with its members",
                                 qualifiers=qualifiers, sentence=(s_start, s_end), rule="named members"))
    return out


# "the first trilateral ministerial meeting of the three countries": all of a grouping of that size, by number.
_THE_N = re.compile(r"\b(?:the|their|these|all) (two|three|four) (?:countries|nations|governments|partners|allies)\b",
                    re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4}


def _all_of(text: str, start: int, end: int, alliance: MentionSpan, groups: Sequence[frozenset[str]],
            size: int) -> bool:
    """Whether the sentence counts a grouping's members after it ("a trilateral meeting of the three
    countries"), not as the mention itself ("welcomed the four countries", resolved to the IP4, says nothing more),
    and names no other grouping of that size."""
    if sum(len(g) == size for g in groups) != 1:
        return False
    # After the grouping ("trilateral ministerial meeting of the three countries", "announcing the GCAP …, the three
    # nations said"): the countries counted before a grouping ("commits the three countries …, like AUKUS") may be
    # another's.
    return any(_NUMBERS[m.group(1).lower()] == size and alliance.end <= m.start()
               for m in _THE_N.finditer(text, start, end))


def _member_tokens(tpl: str) -> list[str]:
    return re.findall(r"@C\d+@", tpl)


def _tokens(text: str, start: int, end: int, here: Sequence[MentionSpan], target: MentionSpan) -> tuple[str, int]:
    """The sentence with its top-level mentions as tokens, and where ``target``'s token is."""
    parts: list[str] = []
    pos = start
    where = -1
    n = 0
    for m in sorted(here, key=lambda m: (m.start, -m.end)):
        if m.start < pos:
            continue  # nested in a longer mention
        parts.append(text[pos:m.start])
        kind = "C" if m.entity_id.startswith("country:") else "A"
        if m is target:
            where = sum(len(p) for p in parts)
        parts.append(f"@{kind}{n}@")
        n += 1
        pos = m.end
    parts.append(text[pos:end])
    return "".join(parts), where
