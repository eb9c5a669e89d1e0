"""The CSV export: one row per fact (RFC 4180) with its quotes, notes and tags, list and qualifier cells that split back into their
items, and cells defused against spreadsheet formula injection; control characters shown as stand-ins (store/words/clean.py)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from store.words.clean import visible
from store import treaties
from store.models import EntityKind, Fact, TargetKind
from store.words.spans import end_text

if TYPE_CHECKING:
    from store.exports.selection import Selection

CSV_COLUMNS = (
    "subject",
    "relation",
    "object",
    "start",
    "end",
    "status",
    "qualifiers",
    "sources",
    "fact_id",
    "subject_id",
    "object_id",
    "source_ids",
    # After the ids, so a reader that takes columns by position still finds the first twelve.
    "quotes",
    "notes",
    "tags",
    # Schema 3, at the end for the same reason: dates by kind (kind=date; …), the obligations of the
    # fact's country under its alliance (in words, and as codes), where the fact comes from.
    "dates",
    "obligations",
    "obligation_codes",
    "provenance",
    "dataset",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(cell: str) -> str:
    """A leading ``'`` on a cell a spreadsheet would read as a formula.

    A cell that already starts with ``'`` gets one too, so :func:`undefuse`
    can always strip exactly one and give back what was there.
    """
    return "'" + cell if cell.startswith((*_FORMULA_START, "'")) else cell


def undefuse(cell: str) -> str:
    """The cell as it was before :func:`defuse`."""
    return cell[1:] if cell.startswith("'") else cell


def _escape_item(text: str, extra: str = "") -> str:
    text = text.replace("\\", "\\\\").replace(";", "\\;")
    for ch in extra:
        text = text.replace(ch, "\\" + ch)
    return text


def join_list_cell(items: Iterable[str]) -> str:
    return "; ".join(_escape_item(i) for i in items)


def split_list_cell(cell: str) -> list[str]:
    """The items of a ``; ``-joined cell, unescaped (the inverse of :func:`join_list_cell`)."""
    items: list[str] = []
    buf: list[str] = []
    i = 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell):
            buf.append(cell[i + 1])
            i += 2
            continue
        if ch == ";":
            items.append("".join(buf))
            buf = []
            i += 2 if cell[i + 1 : i + 2] == " " else 1
            continue
        buf.append(ch)
        i += 1
    if buf or items:
        items.append("".join(buf))
    return items


def qualifiers_cell(qualifiers: dict[str, str]) -> str:
    return "; ".join(f"{_escape_item(k, '=')}={_escape_item(v)}" for k, v in qualifiers.items())


def parse_qualifiers(cell: str) -> dict[str, str]:
    """The qualifiers of a ``k=v; k=v`` cell (the inverse of :func:`qualifiers_cell`)."""
    out: dict[str, str] = {}
    # Split on unescaped ';' first, then each item on its first unescaped '='.
    for n, raw in enumerate(_split_raw(cell, ";")):
        if n:
            raw = raw.removeprefix(" ")  # the space of the "; " separator
        key_raw, _, value_raw = _partition_raw(raw, "=")
        out[_unescape(key_raw)] = _unescape(value_raw)
    return out


def _split_raw(cell: str, sep: str) -> list[str]:
    if not cell:
        return []
    parts, start, i = [], 0, 0
    while i < len(cell):
        if cell[i] == "\\":
            i += 2
            continue
        if cell[i] == sep:
            parts.append(cell[start:i])
            start = i + 1
        i += 1
    parts.append(cell[start:])
    return parts


def _partition_raw(text: str, sep: str) -> tuple[str, str, str]:
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == sep:
            return text[:i], sep, text[i + 1 :]
        i += 1
    return text, "", ""


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def render_csv(sel: Selection) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    store = sel.store
    for fact in sel.facts:
        sources = sel.sources_of(fact)
        notes = store.notes_on(TargetKind.FACT, fact.id)
        row = [
            sel.name(fact.subject),
            fact.relation.value,
            sel.name(fact.object),
            str(fact.start) if fact.start else "",
            end_text(fact),
            fact.status.value,
            qualifiers_cell(fact.qualifiers),
            join_list_cell(s.citation() for s in sources),
            fact.id,
            fact.subject,
            fact.object,
            join_list_cell(s.id for s in sources),
            join_list_cell(ev.excerpt.quote.exact for ev in store.evidence(fact.id)),
            join_list_cell(n.body for n in notes),
            join_list_cell(sorted({tag for n in notes for tag in n.tags})),
            qualifiers_cell({kind.value: str(date) for kind, date in fact.dates.items()}),
            *_obligation_cells(sel, fact),
            join_list_cell(treaties.provenance_lines(store, fact)),
            str(fact.dataset) if fact.dataset is not None else "",
        ]
        # Cleaned before defused: a cell that starts with a control character starts with its stand-in.
        writer.writerow([defuse(visible(cell)) for cell in row])
    return buf.getvalue()


def _obligation_cells(sel: Selection, fact: Fact) -> tuple[str, str]:
    """What the fact's country owes and is owed under the fact's alliance: in words, and as codes.

    Empty when the fact does not tie a country to an alliance coded with its obligations (older stores).
    """
    store = sel.store
    alliance = store.entities.get(fact.object)
    if alliance is None or alliance.kind is not EntityKind.ALLIANCE or not treaties.has_treaty_record(alliance):
        return "", ""
    country = fact.subject if fact.subject.startswith("country:") else None
    words = treaties.obligation_lines(alliance, sel.name, country)
    codes = [treaties.obligation_code(o) for o in treaties.obligations_concerning(alliance, country)]
    return join_list_cell(words), join_list_cell(codes)
