"""The ground the records stand on: the base model, dates, entity ids.

A date is known to a year, a month or a day (``FuzzyDate``), stored as its ISO text and shared
between records; ``DateKind`` says what a date marks (signed, in force, joined, left …).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, ValidationError, field_validator, model_serializer, model_validator


def utcnow() -> str:
    """An ISO-8601 UTC timestamp to the millisecond: sortable as text."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Record(BaseModel):
    # defer_build: a model's validator is built when it is first used, not at
    # import; a launch uses a few of them (sealed records are read lazily).
    model_config = ConfigDict(extra="forbid", validate_assignment=False, frozen=False, defer_build=True)


# --- dates -------------------------------------------------------------------

class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class FuzzyDate(Record):
    """A calendar date known to a year, a month or a day.

    Stored as its ISO text (``2022``, ``2022-06``, ``2022-06-28``) so it sorts
    and reads naturally in the JSON files; the precision follows from the text.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    value: str

    def __init__(self, value: str | None = None, /, **data: Any) -> None:
        # FuzzyDate("2022-06") reads better than FuzzyDate(value="2022-06").
        if value is not None:
            data["value"] = value
        super().__init__(**data)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"value": data}
        if isinstance(data, dict) and "precision" in data:
            # Exports carry the precision for readers; it is derived, not stored.
            data = {k: v for k, v in data.items() if k != "precision"}
        return data

    @field_validator("value")
    @classmethod
    def _valid(cls, value: str) -> str:
        m = _DATE_RE.match(value)
        if not m:
            raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = m.groups()
        if month is not None and not 1 <= int(month) <= 12:
            raise ValueError(f"{value!r} has no month {month}")
        if day is not None:
            # datetime knows month lengths and leap years.
            try:
                datetime(int(year), int(month), int(day))
            except ValueError as exc:
                raise ValueError(f"{value!r} is not a real day ({exc})") from None
        return value

    @model_serializer(mode="plain")
    def _as_text(self) -> str:
        # The text is the whole date (precision follows from it): files and
        # exports read "start": "2022-06", as promised above.
        return self.value

    @property
    def precision(self) -> Precision:
        return (Precision.YEAR, Precision.MONTH, Precision.DAY)[self.value.count("-")]

    @property
    def year(self) -> int:
        return int(self.value[:4])

    def sort_key(self) -> str:
        return self.value

    def __str__(self) -> str:
        return self.value


EndMarker = Literal["open", "unknown"]


@lru_cache(maxsize=65536)
def _shared_date(text: str) -> FuzzyDate:
    return FuzzyDate(text)


def _date_from_text(value: Any) -> Any:
    """Dates in records are validated once per distinct text and shared.

    A store of 100,000 facts holds about 200,000 dates but only a few thousand
    distinct ones: building a model for each cost a second at load and tens of
    megabytes; a cached, frozen instance costs a dictionary lookup. (A plain
    validator, so pydantic does not validate the shared instance again.)
    """
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, str):
        if value in ("open", "unknown"):
            return value
        try:
            return _shared_date(value)
        except ValidationError as exc:
            raise ValueError(exc.errors()[0]["msg"].removeprefix("Value error, ")) from None
    if isinstance(value, dict):
        return FuzzyDate.model_validate(value)  # the older {"value": …} form
    raise ValueError(f"{value!r} is not a date")


_DATE_SCHEMA = PlainSerializer(lambda d: d if isinstance(d, str) else d.value, return_type=str)
Date = Annotated[FuzzyDate, PlainValidator(_date_from_text), _DATE_SCHEMA]
# A fact's end: a date, or "open" (it lasts) or "unknown".
EndDate = Annotated[FuzzyDate | EndMarker, PlainValidator(_date_from_text), _DATE_SCHEMA]


_ENTITY_ID_RE_TEXT = r"country:[A-Z]{3}|alliance:[a-z0-9][a-z0-9-]*"
_ENTITY_ID_RE = re.compile(rf"^({_ENTITY_ID_RE_TEXT})$")
EntityId = Annotated[str, Field(pattern=_ENTITY_ID_RE.pattern)]


# --- dates by kind ----------------------------------------------------------

class DateKind(StrEnum):
    """What a date of a treaty, a membership or a state marks.

    A treaty's signature and its entry into force are different days (NATO:
    1949-04-04 and 1949-08-24), and researchers code them apart; so does a
    member's application, accession protocol, joining and leaving.
    """

    SIGNED = "signed"
    IN_FORCE = "in_force"
    ESTABLISHED = "established"  # an organisation or grouping with no signed instrument
    APPLIED = "applied"
    INVITED = "invited"
    PROTOCOL_SIGNED = "protocol_signed"  # an accession protocol
    JOINED = "joined"
    SUSPENDED = "suspended"
    RESUMED = "resumed"
    LEFT = "left"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return _DATE_KIND_LABEL.get(self, self.value)


_DATE_KIND_LABEL = {DateKind.IN_FORCE: "in force", DateKind.PROTOCOL_SIGNED: "accession protocol signed"}
DATE_KIND_ORDER: dict[DateKind, int] = {kind: i for i, kind in enumerate(DateKind)}


def _dates_in_kind_order(dates: dict[DateKind, FuzzyDate]) -> dict[DateKind, FuzzyDate]:
    return dict(sorted(dates.items(), key=lambda kv: DATE_KIND_ORDER[DateKind(kv[0])]))


# Kept in kind order (signed before in force before ended), however they were given.
DatesByKind = Annotated[dict[DateKind, Date], AfterValidator(_dates_in_kind_order)]


def _drop_empty(data: Any, names: tuple[str, ...]) -> Any:
    """Optional fields added after schema 2 are left out of files when empty: old records read unchanged, files stay small."""
    if isinstance(data, dict):
        for name in names:
            if name in data and data[name] in (None, {}, []):
                del data[name]
    return data
