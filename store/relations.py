"""Relations stated in a passage: kept importable here; the stage lives in :mod:`store.extract.claims`."""

from store.extract.claims import SYMMETRIC, Claim, find_claims
from store.extract.dates import DateSpan, find_dates
from store.extract.sentences import sentence_spans

__all__ = ["SYMMETRIC", "Claim", "DateSpan", "find_claims", "find_dates", "sentence_spans"]
