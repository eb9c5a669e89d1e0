"""Dates a passage writes: absolute ones ("10 May 2022", "June 2022", "in 2022") and, given the
article's publication date, relative ones ("on Friday", "last month", "earlier this year"),
each with the precision the words give it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from store.pipeline.ingest import MONTH_RE, MONTHS, fuzzy_date
from store.models import FuzzyDate

_DATE_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], FuzzyDate | None]]] = [
    # 2022-05-10
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), lambda m: fuzzy_date(m[1], m[2], m[3])),
    # May 10, 2022 / May 10 2022
    (re.compile(rf"\b({MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b"),
     lambda m: fuzzy_date(m[3], MONTHS[m[1].rstrip(".").lower()], m[2])),
    # 10 May 2022 / 10th of May, 2022
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({MONTH_RE}),? (\d{{4}})\b"),
     lambda m: fuzzy_date(m[3], MONTHS[m[2].rstrip(".").lower()], m[1])),
    # June 2022 / Sept. 2021
    (re.compile(rf"\b({MONTH_RE}),? (\d{{4}})\b"), lambda m: fuzzy_date(m[2], MONTHS[m[1].rstrip(".").lower()])),
]
# A bare year counts only after a word that introduces a date: "in 2022", "since 2005",
# "the 2023 summit", "2022 and 2023"; not "2000 troops" or "1,340-kilometre".
_YEAR = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|of|to|and|or|early|late|mid|the|through|before|after|around|during|"
    r"year|spring|summer|autumn|fall|winter) |\bmid-|^|[(,–-] ?)"
    r"(?P<year>1[89]\d\d|20\d\d)(?![\d%s'’]|-(?:\d|year|strong|kilo|km|mile)|,\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    date: FuzzyDate


def find_dates(text: str, published: FuzzyDate | None = None) -> list[DateSpan]:
    """Dates written in a text, longest form first (a day inside a month inside a year); given the
    publication date, relative ones too ("on Friday", "last month"), at the precision they have."""
    taken = bytearray(len(text))
    out: list[DateSpan] = []

    def add(s: int, e: int, date: FuzzyDate | None) -> None:
        if date is not None and not any(taken[s:e]):
            taken[s:e] = b"\1" * (e - s)
            out.append(DateSpan(s, e, date))

    for pattern, make in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            add(m.start(), m.end(), make(m))
    if published is not None:
        for m in _RELATIVE.finditer(text):
            group = next(g for g in _SPAN_GROUPS if m[g] is not None)
            e = m.end(group)
            if text[e - 1] == "." and _FULL_MONTH.search(text[m.start(group): e - 1]):
                e -= 1  # the sentence's full stop, not an abbreviation's
            add(m.start(group), e, _resolve(m, text, published))
    for m in _YEAR.finditer(text):
        s, e = m.span("year")
        add(s, e, fuzzy_date(m["year"]))
    return sorted(out, key=lambda d: d.start)


# --- relative dates ------------------------------------------------------------------------
# A small resolver of our own rather than dateparser: dateparser costs 0.26 s to import and
# 0.45 s on its first call, took 4 s to give up on "earlier this year", returns a day where the
# words give a month ("last month" → the 27th), and finds no spans in running text by itself.

_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBERS = {w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])}
_RELATIVE = re.compile(
    # A weekday is a date only where it reads as one: "on Friday", "last Friday", "Friday afternoon".
    rf"(?:\b(?P<wd_rel>on|last|this|next|since|until|by|from)\s+(?:last\s+)?(?P<date>(?P<wd>{_WEEKDAY_RE}))\b"
    rf"|\b(?P<date2>(?P<wd2>{_WEEKDAY_RE}))(?=\s+(?:morning|afternoon|evening|night)\b|,\s*[A-Z][\w ]{{0,20}}time\b))"
    r"|\b(?P<date3>(?P<day_word>today|yesterday|tomorrow|this (?:morning|afternoon|evening)|tonight))\b"
    r"|\b(?P<date4>(?P<span_rel>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arlier this|[Ll]ater this) (?P<unit>month|year))\b"
    r"|\b(?P<date5>(?P<n>\d{1,2}|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Aa]) "
    r"(?P<ago_unit>years?|months?) ago)\b"
    rf"|\b(?P<date6>(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<dm_month>{MONTH_RE}))(?!,? \d)"
    rf"|\b(?P<date7>(?P<md_month>{MONTH_RE}) (?P<md_day>\d{{1,2}})(?:st|nd|rd|th)?)\b(?!,? \d|\d)"
    rf"|\b(?:in|since|by|until|till|during|of|early|late|mid-|from) (?P<date8>(?P<m_month>{MONTH_RE}))(?![\w.]|,? \d)"
)
_FULL_MONTH = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)$")
_SPAN_GROUPS = ("date", "date2", "date3", "date4", "date5", "date6", "date7", "date8")
# Words before a date that put it ahead of the publication: "will meet on Thursday".
_FUTURE = re.compile(
    r"\b(?:will|set to|due to|is to|are to|to be|expected|plans? to|scheduled|going to|next|upcoming|later)\b[^.;]*$"
)


def _resolve(m: re.Match[str], text: str, published: FuzzyDate) -> FuzzyDate | None:
    parts = [int(x) for x in published.value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else None
    day = parts[2] if len(parts) > 2 else None
    future = bool(_FUTURE.search(text[max(0, m.start() - 80): m.start()]))
    if m["wd"] or m["wd2"]:
        if day is None:
            return None
        base = date(year, month or 1, day)
        target = _WEEKDAYS[(m["wd"] or m["wd2"]).lower()]
        rel = (m["wd_rel"] or "").lower()
        if rel == "next" or (future and rel != "last"):
            shift = (target - base.weekday()) % 7
        else:
            shift = -((base.weekday() - target) % 7 or (7 if rel == "last" else 0))
        return _day(base + timedelta(days=shift))
    if m["day_word"]:
        if day is None:
            return None
        word = m["day_word"].lower()
        delta = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        return _day(date(year, month or 1, day) + timedelta(days=delta))
    if m["unit"]:
        rel = m["span_rel"].lower()
        step = {"last": -1, "next": 1}.get(rel, 0)
        if m["unit"] == "year":
            return fuzzy_date(year + step)
        if month is None:
            return None
        y, mo = divmod(year * 12 + month - 1 + step, 12)
        return fuzzy_date(y, mo + 1)
    if m["ago_unit"]:
        word = m["n"].lower()
        n = 1 if word == "a" else _NUMBERS.get(word) or int(word)
        if m["ago_unit"].startswith("year"):
            return fuzzy_date(year - n)
        if month is None:
            return None
        y, mo = divmod(year * 12 + month - 1 - n, 12)
        return fuzzy_date(y, mo + 1)
    if m["dm_month"] or m["md_month"]:
        name = (m["dm_month"] or m["md_month"]).rstrip(".").lower()
        return fuzzy_date(year, MONTHS[name], m["dm_day"] or m["md_day"])
    if m["m_month"]:
        target = MONTHS[m["m_month"].rstrip(".").lower()]
        if month is None:
            return fuzzy_date(year, target)
        if future:
            return fuzzy_date(year + (target < month), target)
        return fuzzy_date(year - (target > month), target)
    return None


def _day(d: date) -> FuzzyDate:
    return FuzzyDate(d.isoformat())
