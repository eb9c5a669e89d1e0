"""Dates a passage writes: absolute ones ("10 May 2022", "June 2022", "in 2022") and, given the
article's publication date, relative ones ("on Friday", "last month", "earlier this year"),
each with the precision the words give it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.ingest import MONTHS, _MONTH_RE, fuzzy_date
from store.models import FuzzyDate


_DATE_PATTERNS = [
    # 2022-05-10
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), lambda m: fuzzy_date(m[1], m[2], m[3])),
    # May 10, 2022 / May 10 2022
    (re.compile(rf"\b({_MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b"),
     lambda m: fuzzy_date(m[3], MONTHS[m[1].rstrip(".").lower()], m[2])),
    # 10 May 2022 / 10th of May, 2022
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MONTH_RE}),? (\d{{4}})\b"),
     lambda m: fuzzy_date(m[3], MONTHS[m[2].rstrip(".").lower()], m[1])),
    # June 2022 / Sept. 2021
    (re.compile(rf"\b({_MONTH_RE}),? (\d{{4}})\b"), lambda m: fuzzy_date(m[2], MONTHS[m[1].rstrip(".").lower()])),
]
# A bare year counts only after a word that introduces a date: "in 2022", "since 2005",
# "the 2023 summit", "2022 and 2023"; not "2000 troops" or "1,340-kilometre".
_YEAR = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|of|to|and|or|early|late|mid|the|through|before|after|around|during|"
    r"year|spring|summer|autumn|fall|winter) |\bmid-|^|[(,–-] ?)"
    r"(?P<year>1[89]\d\d|20\d\d)(?![\d%s'’]|-(?:\d|year|strong|kilo|km|mile)|,\d)",
    re.I,
)


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    date: FuzzyDate


def find_dates(text: str) -> list[DateSpan]:
    """Dates written in a text, longest form first (a day inside a month inside a year)."""
    taken = bytearray(len(text))
    out: list[DateSpan] = []
    for pattern, make in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            date = make(m)
            if date is not None:
                taken[m.start():m.end()] = b"\1" * (m.end() - m.start())
                out.append(DateSpan(m.start(), m.end(), date))
    for m in _YEAR.finditer(text):
        s, e = m.span("year")
        if not any(taken[s:e]):
            date = fuzzy_date(m["year"])
            if date is not None:
                out.append(DateSpan(s, e, date))
    return sorted(out, key=lambda d: d.start)

