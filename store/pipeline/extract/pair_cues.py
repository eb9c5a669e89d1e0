"""Cooperation told without naming both countries in the clause: read from the sentence's or the passage's pair.

- "signed the RAA between Australia and Japan, underscoring their commitment to further elevating bilateral
  security and defence cooperation": *bilateral*, between the sentence's two countries;
- "Our significant trade, investment, defence and security ties", "strengthening our cooperation on regional
  and national security": *our*, in a passage that names two countries and no other (a joint statement, a
  leader's remarks beside a counterpart), those two. Not "our cooperation with …": the other side is named there,
  and the claim rules read it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_BILATERAL = re.compile(
    r"\bbilateral (?:defen[cs]e|security|military)(?: and (?:defen[cs]e|security|military))? (?:cooperation|ties)\b")
_DEFENCE = r"(?:defen[cs]e|security|military)"
_OUR = re.compile(
    r"\b[Oo]ur (?:(?:[\w-]+,?|and) ){0,5}?" + _DEFENCE + r"(?: and " + _DEFENCE + r")? (?:cooperation|ties)\b(?! with\b)"
    r"|\b(?:strengthen|deepen|expand|enhanc|bolster|elevat)\w* our (?:" + _DEFENCE + r" )?cooperation on "
    r"(?:[\w-]+,? ){0,4}?" + _DEFENCE + r"\b")


def pair_cue(tpl: str, sentence_countries: Sequence[str], passage_countries: Sequence[str]
             ) -> tuple[re.Match[str], tuple[str, str]] | None:
    """The cue and the pair it ties, if the sentence (as a template) states a pair's cooperation without a rule."""
    if len(sentence_countries) == 2:
        found = _BILATERAL.search(tpl)
        if found:
            return found, (sentence_countries[0], sentence_countries[1])
    if len(passage_countries) == 2 and set(sentence_countries) <= set(passage_countries):
        found = _OUR.search(tpl)
        if found:
            return found, (passage_countries[0], passage_countries[1])
    return None
