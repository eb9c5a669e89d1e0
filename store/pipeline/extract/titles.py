"""Signed texts named by their title (issue 14, twelfth round).

Government releases name what two countries signed by its title: "the Australia-Japan Joint Declaration on Security
Cooperation", "the Joint Statement on Closer Defence Relations", "the U.S.-Japan Guidelines for Defense Cooperation",
"the Agreement concerning the Transfer of Defense Equipment and Technology", "the Shusha Declaration on Allied Relations
between Azerbaijan and Turkey", or by the place it was signed ("the Washington Declaration"). :func:`titles` finds each
whose subject is defence or security, with the capitalised words before it that are part of its name;
:func:`title_parties` says whose it is. Whether the store already has it, and proposing it, is
:mod:`store.pipeline.extract.groupings`' business.

Two titles are left to others: a declaration of partnership names the partnership ("the Joint Declaration on Strategic
Partnership", read by the names of groupings), and "the Agreement on Security Cooperation" is an agreement told by its
kind (``agreement_kinds.KIND_OF_AGREEMENT``), read as such since the tenth round.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from store.models import MentionSpan
from store.pipeline.extract.agreement_kinds import members_after, sentence_pair, with_and_subject
from store.pipeline.extract.plurals import PLURAL_OR_POSSESSIVE
from store.pipeline.extract.references import sentence_end, sentence_start

_TITLED = re.compile(
    r"\b(?P<head>(?:Joint\s+)?(?:Vision\s+|Political\s+)?(?:Declaration|Statement)|Guidelines|Roadmap|"
    r"(?:Implementing\s+|Framework\s+)?(?:Agreement|Arrangement)|Memorandum\s+of\s+Understanding)\s+"
    # Its subject in capitals, small words between: "on Mutual Submarine Rescue Support and Cooperation".
    r"(?P<tail>(?:on|for|concerning|regarding|of)\s+(?:the\s+)?(?:[A-Z][\w'’-]*,?\s+(?:(?:and|of|on|for|to|the|in)\s+)*){0,7}?"
    r"(?:Cooperation|Co-operation|Relations|Technology|Assistance|Interaction|Refuell?ing))\b")
_SUBJECT = re.compile(r"Defen[cs]e|Security|Military|Allied|Submarine|Refuell?ing|Deterrence")
_KIND_TITLE = re.compile(r"(?:Agreement|Arrangement|Memorandum\s+of\s+Understanding)\s+(?:on|concerning|regarding)\s+"
                         r"(?:(?:Defen[cs]e|Security|Military)(?:\s+and\s+)?)+\s*(?:Cooperation|Co-operation)?")
# "the Washington Declaration", "the Northwood Declaration": a declaration named after the place it was signed (one with
# a subject after it is a title above; "Joint", "Summit" and the like name no place; "the G7 Vilnius Declaration" is an
# organisation's).
_PLACE_DECLARATION = re.compile(r"\b(?!(?:Joint|Summit|Final|Political|Common|Island|Islands|Ministerial|Leaders|Vision|"
                                r"Bilateral|Trilateral|Special|Strategic)\b)"
                                r"(?<![A-Z]\d )(?<![A-Z]{2} )(?<![A-Z]{3} )(?<![A-Z]\d\d )"
                                r"[A-Z][a-z]{3,}\s+Declaration\b(?!\s+(?:on|of|for)\s+(?:the\s+)?[A-Z])")
# "They signed the Northwood Declaration": signers the sentence before names.
_SIGNED_BY_THEM = re.compile(r"(?:\b[Tt]hey|\b[Tt]he two (?:leaders|sides|presidents|prime ministers|ministers|governments)|"
                             r"\b[Bb]oth (?:leaders|sides|governments)) (?:[a-z]+ ){0,2}?(?:signed|adopted|issued|agreed on|"
                             r"concluded) (?:the )?$")
# What each is called; a joint statement of two governments is a declaration as much as a joint declaration is.
_NOUNS = {"declaration": "declaration", "statement": "declaration", "guidelines": "guidelines", "roadmap": "roadmap",
          "agreement": "agreement", "arrangement": "arrangement", "understanding": "memorandum"}
# "the Shusha Declaration": capitalised words right before the head (a country among them is trimmed by the caller).
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,3}$")
_COMPOUND_BEFORE = re.compile(r"(?P<run>(?:[^\s-]+-)+[^\s-]+)\s+$")


@dataclass(frozen=True, slots=True)
class Title:
    start: int
    end: int
    noun: str
    place: bool = False  # named after a place: whose it is must be said beside it (see :func:`title_parties`)


def titles(s: str) -> Iterator[Title]:
    """The titles of defence or security texts in ``s``, and the declarations named after a place, each from the first
    capitalised word of its name (a country or "The" there is for the caller to trim)."""
    for m in _TITLED.finditer(s):
        if not _SUBJECT.search(m.group("tail")) or _KIND_TITLE.fullmatch(m.group()):
            continue
        before = _NAME_BEFORE.search(s, max(0, m.start() - 60), m.start())
        yield Title(before.start() if before else m.start(), m.end(), _NOUNS[m.group("head").split()[-1].lower()])
    for m in _PLACE_DECLARATION.finditer(s):
        yield Title(m.start(), m.end(), "declaration", place=True)


def title_parties(s: str, title: Title, start: int, countries: Sequence[MentionSpan]) -> frozenset[str] | None:
    """Whose the text titled at ``start:title.end`` is: the compound right before it ("the Australia-Japan Joint
    Declaration"), the countries after it ("… between Azerbaijan and Turkey"), its signers in the sentence ("Japan and
    Indonesia signed the Agreement …"), or the sentence's only two countries. None when it is no grouping: a
    declaration named after a place, whose signers neither these words nor a plural ("the two countries") give, is
    as likely a summit's or an organisation's ("the Wilmington Declaration adopted at the Quad Leaders' Summit")."""
    end = title.end
    found = (_compound_before(s, start, countries) or members_after(s, end, countries)
             or with_and_subject(s, start, end, countries))
    if found or not title.place:
        return found or sentence_pair(s, start, countries)
    first = sentence_start(s, start)
    if PLURAL_OR_POSSESSIVE.search(s, first, sentence_end(s, start)) or _SIGNED_BY_THEM.search(s, first, start):
        return frozenset()  # whose the passage and the article say (grouping_parties.unstated_parties)
    return None


def _compound_before(s: str, start: int, countries: Sequence[MentionSpan]) -> frozenset[str]:
    run = _COMPOUND_BEFORE.search(s, max(0, start - 80), start)
    if run is None:
        return frozenset()
    inside = frozenset(c.entity_id for c in countries if run.start("run") <= c.start and c.end <= run.end("run"))
    return inside if len(inside) >= 2 else frozenset()
