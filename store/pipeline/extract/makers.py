"""Arms makers and their weapons stand for the country that sells them: "KAI concluded a contract for 48
FA-50 fighter jets with Poland", "The Philippines has signed a contract for 12 more FA-50 fighter jets".

``store/data/makers.tsv`` lists makers and weapons, each with its country. :func:`maker_stand_ins`
returns, for a passage, a country span for each one named, which the claims stage reads as it reads a
country: "@C0@ concluded a contract for 48 @C1@ fighter jets with the @C2@ …" (the seller, the weapon's
maker, the buyer), and "@C0@ has signed a contract for 12 more @C1@ fighter jets" is read as "Philippines
bought South Korean fighter jets" is. Like the people of :mod:`store.pipeline.extract.people`, they are
never stored as the passage's mentions: "Korea Aerospace Industries" names no country (the gazetteer's
blockers), and the Excerpts pane shows what the text names.

A maker or weapon right after a country ("South Korea's Hanwha Aerospace", "French-built Rafale jets") is not
read: the country is named already.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from store.models import MentionSpan

MAKERS_TSV = Path(__file__).parents[2] / "data" / "makers.tsv"
_AFTER_COUNTRY = re.compile(r"(?:['’]s?|-(?:made|built|designed|manufactured|produced|supplied))?\s+$")
_COMPANY_SUFFIX = re.compile(r",?\s+(?:Co\.,?\s+)?(?:Ltd|Inc|Corp|Co|LLC|plc|PLC|AG|SA|SE)\b\.?")


@lru_cache(maxsize=2)
def table(kinds: frozenset[str] = frozenset({"maker", "weapon", "agency"})) -> tuple[dict[str, str], re.Pattern[str] | None]:
    """The names of ``store/data/makers.tsv`` of the given kinds → their countries, and a pattern finding them."""
    names: dict[str, str] = {}
    for line in MAKERS_TSV.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, iso3, kind = (line.split("\t") + [""])[:3]
            if kind in kinds:
                names[name] = f"country:{iso3}"
    words = sorted(names, key=len, reverse=True)
    # Case as written ("Patriot" the missile, not "patriot"); a plural ("FA-50s") is the weapon too.
    pattern = re.compile(r"(?<![\w/-])(?:" + "|".join(map(re.escape, words)) + r")(?=s?(?![\w/-]))") if words else None
    return names, pattern


def maker_stand_ins(text: str, mentions: Sequence[MentionSpan]) -> list[MentionSpan]:
    """A country span for each maker or weapon of ``store/data/makers.tsv`` that ``text`` names."""
    names, pattern = table()
    if pattern is None:
        return []
    taken = [(m.start, m.end) for m in mentions]
    country_ends = {m.end for m in mentions if m.entity_id.startswith("country:")}
    out: list[MentionSpan] = []
    for m in pattern.finditer(text):
        start, end = m.span()
        if any(a < end and start < b for a, b in taken):
            continue
        gap = _AFTER_COUNTRY.search(text, max(0, start - 14), start)
        if gap and gap.start() in country_ends:
            continue  # "South Korea's Hanwha Aerospace", "French-built Rafale": the country is named
        suffix = _COMPANY_SUFFIX.match(text, end)
        if suffix:
            end = suffix.end()  # "Korea Aerospace Industries, Ltd. (KAI)" is one maker
        out.append(MentionSpan(entity_id=names[m.group()], start=start, end=end))
        taken.append((start, end))
    return out
