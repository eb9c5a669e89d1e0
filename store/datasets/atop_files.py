"""Reading ATOP's CSV files as the project distributes them (``atop5_1a.csv``, ``atop5_1m.csv``).

What the files mean, as far as we could establish without shipping or downloading ATOP (its terms
are its authors'). Sources, found with a search of stored public pages and code (no live web):

- ATOP (Leeds, Ritter, Mitchell and Long 2002; atopdata.org) comes in one file per unit of
  analysis: "the alliance, the alliance phase, the alliance member, the state-year, the dyad-year,
  and the directed dyad-year" (http://atop.rice.edu/data). Version 5.1 covers 1815–2018
  (https://datafinder.qog.gu.se/dataset/atop); its zip unpacks into a folder "ATOP 5.1 (.csv)"
  holding atop5_1a.csv and atop5_1m.csv (public R code reading it), so we look one folder down
  too. The file name carries the version (``atop5_1a`` → 5.1).
- Obligations: ``defense``, ``offense``, ``neutral``, ``nonagg``, ``consul`` are 0/1. ATOP codes
  them per member because they can be asymmetric; the QoG data finder's variable descriptions
  read "Coded 1 if the alliance member promises to …". So member X with ``defense`` = 1 owes
  defence to its partners: the directed obligation X → * : defense.
- The member file has one row per member and **phase**: ATOP starts a new phase of an alliance
  when its membership or its obligations change, so a member who leaves and rejoins (or whose
  obligations change) has several rows (public C# code reading atop5_1m merges "consecutive
  phases of one alliance" for that reason). We keep one membership per row, its phase as a qualifier.
- A member still in the alliance at the end of the data has ``yrexit`` = 0 (public R code reading
  atop5_1m counts ``yrexit == 0`` or missing as "still in"); an alliance still in effect has
  ``ineffect`` = 1 and ``endyr`` = 0. We take a year of 0 or less, or empty, as "no date".
- An unknown month or day: public Python code reading atop5_1a/atop5_1m treats "-9/0/blank" as
  unknown and coarsens the date; a C# test fixture writes a missing date as 0/0/0. We did not find
  the codebook's own words on it, so 0, negative codes and empty cells all count as unknown, and
  the date keeps the precision it has: a missing day gives YYYY-MM, a missing month YYYY.
- Members are Correlates of War state codes (``member``), mapped with our own table (store/cow.py).

Columns are read by name, in any order; those we do not interpret are kept as ``atop.<column>``
qualifiers, except where the cell is 0 or empty (ATOP's "no" or "not coded"). Files are read row by
row (csv module), UTF-8 with or without a byte-order mark.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from store.errors import StoreError
from store.models import FuzzyDate, ObligationType

# The obligation columns, in ATOP's names, strongest first (what names an alliance's kind).
OBLIGATION_COLUMNS: dict[str, ObligationType] = {
    "defense": ObligationType.DEFENSE,
    "offense": ObligationType.OFFENSE,
    "neutral": ObligationType.NEUTRALITY,
    "nonagg": ObligationType.NONAGGRESSION,
    "consul": ObligationType.CONSULTATION,
}
ALLIANCE_COLUMNS = ("atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "ineffect", "bilat", *OBLIGATION_COLUMNS)
MEMBER_COLUMNS = ("atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "phase", *OBLIGATION_COLUMNS)

_FILE_RE = re.compile(r"^atop(\d+)_(\d+)([am])\.csv$", re.IGNORECASE)
_MISSING = {"", "na", ".", "nan"}


class AtopError(StoreError):
    """A folder, file, column or value the importer cannot use: one sentence, nothing written."""


@dataclass(frozen=True)
class AtopFiles:
    alliances: Path
    members: Path
    version: str  # "5.1"


@dataclass
class AtopAlliance:
    atopid: str
    line: int
    begin: FuzzyDate | None
    end: FuzzyDate | None  # None while in effect
    bilateral: bool
    obligations: set[ObligationType]
    extras: dict[str, str] = field(default_factory=dict)


@dataclass
class AtopMember:
    atopid: str
    ccode: str
    line: int
    start: FuzzyDate | None
    end: FuzzyDate | None  # None: still a member at the end of the data
    phase: str
    obligations: set[ObligationType]
    extras: dict[str, str] = field(default_factory=dict)


def find_files(folder: Path) -> AtopFiles:
    """The alliance and member files in ``folder`` (or a folder inside it, as the zip unpacks), newest version first."""
    if not folder.is_dir():
        raise AtopError(f"no folder {folder} (give the folder holding atop5_1a.csv and atop5_1m.csv).")
    found: dict[tuple[int, int], dict[str, Path]] = {}
    for place in (folder, *sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))):
        for path in sorted(place.iterdir()):
            m = _FILE_RE.match(path.name)
            if m and path.is_file():
                found.setdefault((int(m[1]), int(m[2])), {}).setdefault(m[3].lower(), path)
        if found:
            break
    if not found:
        raise AtopError(f"{folder} holds no ATOP files (atop5_1a.csv and atop5_1m.csv, as ATOP distributes them).")
    (major, minor), pair = max(found.items())
    for kind, what in (("a", "alliance-level"), ("m", "member-level")):
        if kind not in pair:
            raise AtopError(f"{folder} has no {what} file atop{major}_{minor}{kind}.csv.")
    return AtopFiles(pair["a"], pair["m"], f"{major}.{minor}")


def rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row by lower-cased column name); a missing required column is one sentence."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [h.strip().lower() for h in next(reader, [])]
            for name in required:
                if name not in header:
                    raise AtopError(f"{path} has no column {name!r}.")
            for values in reader:
                if not any(v.strip() for v in values):
                    continue
                yield reader.line_num, dict(zip(header, (v.strip() for v in values)))
    except UnicodeDecodeError:
        raise AtopError(f"{path} is not UTF-8 text.") from None
    except csv.Error as exc:
        raise AtopError(f"{path} is not a CSV file ATOP's way ({exc}).") from None


def whole(path: Path, line: int, row: dict[str, str], column: str) -> int | None:
    text = row.get(column, "")
    if text.lower() in _MISSING:
        return None
    try:
        number = float(text)  # Stata exports may write 1951.0
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and number.is_integer()):
        raise AtopError(f"{path}, line {line}, column {column}: {text!r} is not a whole number.")
    return int(number)


def date(path: Path, line: int, row: dict[str, str], columns: tuple[str, str, str]) -> FuzzyDate | None:
    """A date known to the day, the month or the year; a year of 0 (or missing) is no date."""
    year, month, day = (whole(path, line, row, c) for c in columns)
    if year is None or year <= 0:
        return None
    if not 1000 <= year <= 9999:
        raise AtopError(f"{path}, line {line}, column {columns[0]}: {year} is not a year.")
    if month is None or month <= 0:
        return _fuzzy(f"{year:04d}")
    if month > 12:
        raise AtopError(f"{path}, line {line}, column {columns[1]}: {month} is not a month.")
    if day is None or day <= 0:
        return _fuzzy(f"{year:04d}-{month:02d}")
    try:
        datetime(year, month, day)
    except ValueError:
        raise AtopError(f"{path}, line {line}, column {columns[2]}: {year:04d}-{month:02d} has no day {day}.") from None
    return _fuzzy(f"{year:04d}-{month:02d}-{day:02d}")


@lru_cache(maxsize=65536)
def _fuzzy(text: str) -> FuzzyDate:
    # Thousands of rows share a few thousand dates: each is built once (a FuzzyDate is frozen).
    return FuzzyDate(text)


def _obligations(path: Path, line: int, row: dict[str, str]) -> set[ObligationType]:
    # 1 is "yes"; 0, empty and ATOP's negative missing codes are "no".
    return {kind for column, kind in OBLIGATION_COLUMNS.items() if (whole(path, line, row, column) or 0) > 0}


def _extras(row: dict[str, str], known: tuple[str, ...]) -> dict[str, str]:
    # ATOP's further columns are mostly 0/1 provisions (a hundred on the alliance file), nearly all 0:
    # a 0 or an empty cell is left out, so a qualifier present is a provision coded, and rows stay small.
    return {f"atop.{k}": v for k, v in row.items() if k and k not in known and v not in ("", "0")}


def read_alliances(path: Path) -> dict[str, AtopAlliance]:
    out: dict[str, AtopAlliance] = {}
    for line, row in rows(path, ALLIANCE_COLUMNS):
        atopid = whole(path, line, row, "atopid")
        if atopid is None or atopid <= 0:
            raise AtopError(f"{path}, line {line}, column atopid: {row.get('atopid', '')!r} is not an alliance number.")
        key = str(atopid)
        if key in out:
            raise AtopError(f"{path}, line {line}, column atopid: atopid {key} is on line {out[key].line} already.")
        begin = date(path, line, row, ("begyr", "begmo", "begday"))
        end = date(path, line, row, ("endyr", "endmo", "endday"))
        if begin is not None and end is not None and _before(end, begin):
            raise AtopError(f"{path}, line {line}, column endyr: the alliance ends ({end}) before it begins ({begin}).")
        out[key] = AtopAlliance(key, line, begin, end, (whole(path, line, row, "bilat") or 0) == 1,
                                _obligations(path, line, row), _extras(row, ALLIANCE_COLUMNS))
    return out


def read_members(path: Path, alliances: dict[str, AtopAlliance], alliance_file: Path) -> Iterator[AtopMember]:
    for line, row in rows(path, MEMBER_COLUMNS):
        atopid, ccode = whole(path, line, row, "atopid"), whole(path, line, row, "member")
        if str(atopid) not in alliances:
            raise AtopError(f"{path}, line {line}, column atopid: atopid {atopid} is not in {alliance_file.name}.")
        if ccode is None:
            raise AtopError(f"{path}, line {line}, column member: a member needs a state code.")
        start = date(path, line, row, ("yrent", "moent", "dayent"))
        end = date(path, line, row, ("yrexit", "moexit", "dayexit"))
        if start is not None and end is not None and _before(end, start):
            raise AtopError(f"{path}, line {line}, column yrexit: the member leaves ({end}) before it joins ({start}).")
        phase = whole(path, line, row, "phase")
        yield AtopMember(str(atopid), str(ccode), line, start, end, "" if phase is None else str(phase),
                         _obligations(path, line, row), _extras(row, MEMBER_COLUMNS))


def _before(end: FuzzyDate, start: FuzzyDate) -> bool:
    n = min(len(end.value), len(start.value))  # compared at the coarser precision, as Fact does
    return end.value[:n] < start.value[:n]
