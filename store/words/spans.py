"""A fact's dates as text: one wording for the screen, the exports and the import reports.

'since 2006', '1949 – 1966', '2006 – end unknown', '2022-06' (an event), 'undated':
the screen's fact titles and the Markdown export say the same words of the same fact.
The short variant ('2006–', '1949–1966') is for labels with little room (graph edges).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.models import FuzzyDate

if TYPE_CHECKING:
    from store.models import Fact

# What a fact without a start date says in place of its dates.
UNDATED = "undated"


def end_text(fact: Fact) -> str:
    """The end as a field's value: a date, 'open' (it lasts) or 'unknown'."""
    return str(fact.end) if isinstance(fact.end, FuzzyDate) else fact.end


def span_text(fact: Fact, *, short: bool = False) -> str:
    """'since 2006', '1949 – 1966', '2006 – end unknown', '2022-06' (an event), 'undated'; short: '2006–'."""
    start = str(fact.start) if fact.start else ""
    if isinstance(fact.end, FuzzyDate):
        end = str(fact.end)
        if short:
            return f"{start}–{end}" if start != end else start
        return f"{start or UNDATED} – {end}" if start != end else start
    if fact.relation.event and fact.end == "open":
        return start if (start or short) else UNDATED
    if short:
        return f"{start}–" if start else ("" if fact.end == "open" else "–?")
    if not start:
        return UNDATED if fact.end == "open" else f"{UNDATED}, end unknown"
    return f"since {start}" if fact.end == "open" else f"{start} – end unknown"
