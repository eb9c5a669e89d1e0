"""Cooperation told without naming both countries in the clause: read from the sentence's or the passage's pair.

- "signed the RAA between Australia and Japan, underscoring their commitment to further elevating bilateral
  security and defence cooperation": *bilateral*, between the sentence's two countries;
- "Vietnam and India agreed on closer naval cooperation": two countries the sentence ties (coordinated, or one
  "with" the other) and no alliance, with a word of working together and one of defence;
- "Our significant trade, investment, defence and security ties", "strengthening our cooperation on regional
  and national security": *our*, in a passage that names two countries and no other (a joint statement, a
  leader's remarks beside a counterpart), those two. Not "our cooperation with …": the other side is named there,
  and the claim rules read it. In a government's release ("to further strengthen the defence relationship between
  our countries"), a passage naming one other country: the publisher and that country.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_BILATERAL = re.compile(
    r"\bbilateral (?:defen[cs]e|security|military)(?: and (?:defen[cs]e|security|military))? (?:cooperation|ties|"
    r"relationship|relations|partnership)\b")
_DEFENCE = r"(?:defen[cs]e|security|military)"
_OUR = re.compile(
    r"\b[Oo]ur (?:(?:[\w-]+,?|and) ){0,5}?" + _DEFENCE + r"(?: and " + _DEFENCE + r")? (?:cooperation|ties)\b(?! with\b)"
    r"|\b(?:strengthen|deepen|expand|enhanc|bolster|elevat)\w* our (?:" + _DEFENCE + r" )?cooperation on "
    r"(?:[\w-]+,? ){0,4}?" + _DEFENCE + r"\b"
    # "the defence relationship between our countries", "our two nations' security cooperation".
    r"|\b" + _DEFENCE + r" (?:ties|relations|relationship|cooperation|partnership) between our (?:two )?(?:countries|nations)\b"
    r"|\bour (?:two )?(?:countries|nations)['’] (?:[\w-]+ ){0,2}?" + _DEFENCE + r" (?:ties|relations|relationship|cooperation|"
    r"partnership)\b")


# A sentence that names two countries and no other, with a word of their working together on defence.
_TOGETHER = re.compile(
    r"\b(?:cooperat\w*|co-operat\w*|collaborat\w*|(?:joint|combined|bilateral) (?:[\w-]+ )?(?:exercises?|drills?|patrols?|"
    r"training|operations?|missions?|manoeuvres|maneuvers)|(?:defen[cs]e|security|military) (?:ties|relations|relationship|"
    r"links|partnership))\b")
# The two tied by the sentence, not merely named in it ("… able to hit targets in China, was brought in for joint
# exercises"): coordinated, or one "with" the other.
# Not a rival's "with": "after a string of clashes with China …, the Philippines has stepped up defence cooperation".
_TIED = re.compile(r"@C\d+@(?:['’]s?)?(?: [\w-]+){0,3}? and (?:the )?@C\d+@|(?<!\bclashes )(?<!\bclash )(?<!\bwar )"
                   r"(?<!\bconflict )(?<!\btensions )(?<!\bdisputes )(?<!\bdispute )(?<!\bstandoff )(?<!\brow )"
                   r"(?<!\bconfrontations )(?<!\bconfrontation )(?<!\bspat )\bwith (?:the )?@C\d+@")
# Every country after a "with": each the partner of someone else ("cut their defence links with France and are seeking
# greater cooperation with Russia"), not of each other.
_WITH_EACH = re.compile(r"\bwith (?:the )?@C\d+@")
_COUNTRY_TOKEN = re.compile(r"@C\d+@")
_DEFENCE_WORD = re.compile(r"(?i)\b(?:defen[cs]e|security|military|nav(?:y|al)|army|air force|forces|troops|exercises?|drills?)\b")


def pair_cue(tpl: str, sentence_countries: Sequence[str], passage_countries: Sequence[str], publisher: str | None = None
             ) -> tuple[re.Match[str], tuple[str, str]] | None:
    """The cue and the pair it ties, if the sentence (as a template) states a pair's cooperation without a rule.
    ``publisher``: the country whose government published the passage (its "our"), if one did."""
    if publisher and len(passage_countries) == 1 and passage_countries[0] != publisher:
        passage_countries = [publisher, passage_countries[0]]
    if publisher and len(sentence_countries) == 1 and sentence_countries[0] != publisher:
        # A readout of the publisher's minister: "They discussed bilateral defense cooperation with Angola".
        found = _BILATERAL.search(tpl)
        if found:
            return found, (publisher, sentence_countries[0])
    if len(sentence_countries) == 2:
        found = _BILATERAL.search(tpl)
        if found:
            return found, (sentence_countries[0], sentence_countries[1])
    if (len(sentence_countries) == 2 and "@A" not in tpl and _DEFENCE_WORD.search(tpl) and _TIED.search(tpl)
            and len(_WITH_EACH.findall(tpl)) < len(_COUNTRY_TOKEN.findall(tpl))):
        found = _TOGETHER.search(tpl)
        if found:
            return found, (sentence_countries[0], sentence_countries[1])
    if len(passage_countries) == 2 and set(sentence_countries) <= set(passage_countries):
        found = _OUR.search(tpl)
        if found:
            return found, (passage_countries[0], passage_countries[1])
    return None


# "Norway is one of our most capable and long-standing allies", "Denmark is a close and longstanding ally": in a
# government's release, an ally called so without "of" is the publisher's (not "an ally in our fight against …", nor "a
# NATO ally": a member, which the membership rules read).
_OUR_ALLY = re.compile(
    r"(?P<subj>@C\d+@)(?P<be>,? (?:is|was|remains|remained|has been|has long been|has always been|had been|will remain|"
    r"continues to be)) (?P<lead>one of our|among our|our|an?|one of the|among the) "
    r"(?:(?!@|of\b|not\b|no\b|non\b)[\w-]+,? ){0,5}?(?:[Aa]lly|[Aa]llies)\b(?!['’-]| (?:of|to|in|on|for|against|and)\b)")


def our_allies(template: str, tokens: dict[str, tuple[str, int, int]], publisher: str, at: int) -> str:
    """The template with a government's ally written as an ally of the publisher ("@C0@ is an ally of @C9@"), which
    the rules then read. Without "our" ("a close and longstanding ally") only when the sentence names no other
    country: "an ally" beside a second country may be that one's. ``at``: where the sentence starts in the text."""
    m = _OUR_ALLY.search(template)
    if m is None:
        return template
    own = {v[0]: t for t, v in tokens.items() if t.startswith("@C")}
    others = {tokens[t][0] for t in _COUNTRY_TOKEN.findall(template)} - {publisher}
    if "our" not in m.group("lead") and others != {tokens[m.group("subj")][0]}:
        return template
    token = own.get(publisher)
    if token is None:
        token = f"@C{2000 + len(tokens)}@"
        tokens[token] = (publisher, at, at)
    return f"{template[:m.start()]}{m.group('subj')}{m.group('be')} an ally of {token}{template[m.end():]}"
