"""Groupings named by a list of their members: "The members of the Gulf Cooperation Council are …", "The Craiova Group
brings together …", "The Visegrad Group's members are …", "The Lublin Triangle was founded in 2020. Its members are …".

Encyclopedia leads and explainers name a grouping once and list who is in it, without a noun that says what it is
("alliance", "pact"): the list is what makes it a grouping. :func:`member_lists` gives each such name with its members;
:mod:`store.pipeline.extract.groupings` decides, as for its other shapes, whether the store lacks it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from store.models import MentionSpan
from store.pipeline.extract.agreement_kinds import members_after
from store.pipeline.extract.references import sentence_start

# A name of two to six capitalised words, with "of", "on", "and", "for" or "the" inside.
_NAME = r"(?P<name>[A-Z][\w'-]*(?:\s+(?:(?:of|on|and|for|the)\s+)?[A-Z][\w'-]*){1,5})"
_OPENS = r"(?:^|(?<=[.;!?]\s)|(?<=\n))"
# A list's lead: "are the United Arab Emirates, …", "include six states: …".
_LEAD = r"\s+(?:(?:\w+\s+)?(?:countries|nations|states|members)\s*[:—–]\s*)?(?:the\s+)?"
_MEMBERS_OF = re.compile(_OPENS + r"(?:The\s+)?(?:(?:current|founding|full)\s+)?members\s+of\s+(?:the\s+)?" + _NAME +
                         r"\s+(?:are|were|include|included)" + _LEAD)
# Present tense only: "The summit brought together …" is a meeting.
_NAME_HAS = re.compile(_OPENS + r"(?:The\s+)?" + _NAME + r"(?:['’]s?\s+(?:(?:current|founding|full|\w+)\s+)?"
                       r"members\s+(?:are|include)|(?:\s+\([^()]{1,40}\))?\s+(?:consists\s+of|comprises|brings\s+together|"
                       r"unites|is\s+made\s+up\s+of|is\s+composed\s+of))" + _LEAD)
_ITS_MEMBERS = re.compile(_OPENS + r"Its\s+(?:\w+\s+)?(?:members|member\s+states|member\s+countries)\s+(?:are|include)" + _LEAD)
# The sentence before "Its members are …" opens with the name as its subject.
_SUBJECT = re.compile(r"(?:The\s+)?" + _NAME + r"(?:\s+\([^()]{1,40}\))?,?\s+(?:is|was|were|has|had|formed|founded|grew)\b")


def member_lists(s: str, countries: Sequence[MentionSpan]) -> list[tuple[int, int, frozenset[str]]]:
    """The names in ``s`` listed with two or more member countries, each as (start, end, members)."""
    out: list[tuple[int, int, frozenset[str]]] = []
    for pattern in (_MEMBERS_OF, _NAME_HAS):
        for m in pattern.finditer(s):
            members = members_after(s, m.end(), countries)
            if members:
                out.append((*m.span("name"), members))
    for m in _ITS_MEMBERS.finditer(s):
        if m.start() == 0:
            continue
        subject = _SUBJECT.match(s, sentence_start(s, m.start() - 1))
        members = members_after(s, m.end(), countries)
        if subject and members:
            out.append((*subject.span("name"), members))
    return out
