"""The store rendered for other tools: JSON, CSV, Markdown, Graphviz DOT and GraphML.

``render(store, fmt, country=…, alliance=…, status=…)`` returns the text of one
export. The filters select facts: a fact is kept when it involves the country,
involves the alliance and has the status (each filter only when given). A
country is named by its name, an alias, an ISO code (``KOR``, ``KR``, ``410``)
or its id; an alliance by its name, an alias or its id; a name that matches
nothing, or several entities, raises :class:`StoreError` with one sentence.

What each format holds:

- ``json``: without filters, the whole store with its change history; with
  filters, only the matching facts and the records they use (their entities,
  sources, excerpts and the notes on any of these), without history.
- ``csv``: one row per fact (RFC 4180, written by the csv module): subject,
  relation, object, start, end, status, qualifiers (``k=v; k=v``), sources
  (the citations of the evidence's sources and of the references,
  ``; ``-joined), then fact_id, subject_id, object_id and source_ids. In the
  qualifiers and sources cells a literal ``\\`` or ``;`` inside an item is
  written ``\\\\`` or ``\\;`` (and ``=`` in a qualifier's key ``\\=``), so
  :func:`split_list_cell` and :func:`parse_qualifiers` give the items back.
  **Spreadsheet formula injection**: a cell that would start with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so a
  spreadsheet shows it as text instead of running it (OWASP's advice); a
  program reading the file drops that one quote (:func:`undefuse`).
- ``markdown``: a report per country (every country with a matching fact, or
  the ``--country`` one): ``# Country``, then its facts grouped by the
  alliance or country at their other end, each with its relation, dates,
  status, qualifiers, quoted evidence as blockquotes with their citation,
  references and notes. User text is escaped so a note cannot add headings,
  quotes, lists, code blocks, HTML or links to the report.
- ``dot``: a Graphviz digraph: countries are ellipses, alliances boxes, one
  edge per fact from subject to object, labelled with the relation and years.
- ``graphml``: the same graph as GraphML (nodes keyed by entity id with
  ``kind`` and ``name``; edges keyed by fact id with ``relation``, ``label``,
  ``start``, ``end``, ``status``), as ``networkx.read_graphml`` reads it.

In the graph formats the nodes are the entities the selected facts involve.
Retracted facts are exported like the others, with their status, unless
``status`` filters them out.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import orjson

from store.errors import StoreError
from store.models import SCHEMA_VERSION, Entity, EntityKind, Fact, FactStatus, FuzzyDate, Source, TargetKind

if TYPE_CHECKING:
    from store.repository import FactStore

FORMATS = ("json", "csv", "markdown", "dot", "graphml")

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
)


# --- selection ---------------------------------------------------------------

def resolve_entity(store: FactStore, text: str, kind: EntityKind) -> Entity:
    """The one entity of ``kind`` that ``text`` names: id, ISO code, exact name or alias, then part of a name."""
    needle = text.strip()
    if not needle:
        raise StoreError(f"an empty {kind.value} name matches nothing")
    folded = needle.casefold()
    of_kind = [e for e in store.entities.values() if e.kind is kind]
    for e in of_kind:
        if e.id.casefold() == folded:
            return e
    exact = [
        e
        for e in of_kind
        if e.name.casefold() == folded
        or any(a.casefold() == folded for a in e.aliases)
        or any(c.casefold() == folded for c in e.codes.values())
    ]
    if not exact:
        exact = [e for e in store.find_entities(needle) if e.kind is kind]
    unique = list({e.id: e for e in exact}.values())
    if len(unique) == 1:
        return unique[0]
    if not unique:
        example = "a name, an alias or an ISO code such as KOR" if kind is EntityKind.COUNTRY else "a name or an alias such as NATO"
        raise StoreError(f"no {kind.value} in this store matches {needle!r}; give {example}")
    names = ", ".join(sorted(e.name for e in unique)[:6]) + (", …" if len(unique) > 6 else "")
    plural = "countries" if kind is EntityKind.COUNTRY else "alliances"
    raise StoreError(f"{needle!r} matches several {plural} ({names}); give more of the name")


def parse_status(text: str) -> FactStatus:
    try:
        return FactStatus(text.strip().casefold())
    except ValueError:
        choices = ", ".join(s.value for s in FactStatus)
        raise StoreError(f"unknown status {text!r}; use one of {choices}") from None


class Selection:
    """The facts that pass the filters, and what the exports need to know about them."""

    def __init__(
        self,
        store: FactStore,
        *,
        country: str | None = None,
        alliance: str | None = None,
        status: str | None = None,
    ) -> None:
        self.store = store
        self.country = resolve_entity(store, country, EntityKind.COUNTRY) if country is not None else None
        self.alliance = resolve_entity(store, alliance, EntityKind.ALLIANCE) if alliance is not None else None
        self.status = parse_status(status) if status is not None else None
        facts: Iterable[Fact]
        if self.country is not None:
            facts = store.facts_of(self.country.id)
        elif self.alliance is not None:
            facts = store.facts_of(self.alliance.id)
        else:
            facts = store.facts.values()
        keep = [
            f
            for f in facts
            if (self.country is None or self.country.id in f.entities)
            and (self.alliance is None or self.alliance.id in f.entities)
            and (self.status is None or f.status is self.status)
        ]
        self.facts: list[Fact] = sorted(keep, key=self._order)

    @property
    def filtered(self) -> bool:
        return self.country is not None or self.alliance is not None or self.status is not None

    def name(self, entity_id: str) -> str:
        e = self.store.entities.get(entity_id)
        return e.name if e is not None else entity_id

    def _order(self, fact: Fact) -> tuple[str, str, str, str, str]:
        start = fact.start.value if fact.start else "9999"
        return (self.name(fact.subject).casefold(), start, fact.relation.value, self.name(fact.object).casefold(), fact.id)

    def entity_ids(self) -> list[str]:
        """The entities the facts involve: countries, then alliances, each by name."""
        ids = {e for f in self.facts for e in f.entities}

        def key(entity_id: str) -> tuple[int, str]:
            e = self.store.entities.get(entity_id)
            return (0 if e is None or e.kind is EntityKind.COUNTRY else 1, self.name(entity_id).casefold())

        return sorted(ids, key=key)

    def sources_of(self, fact: Fact) -> list[Source]:
        """The sources of the fact's evidence, then its references, each once."""
        seen: dict[str, Source] = {}
        for ev in self.store.evidence(fact.id):
            seen.setdefault(ev.source.id, ev.source)
        for src in self.store.references(fact.id):
            seen.setdefault(src.id, src)
        return list(seen.values())

    def filters(self) -> dict[str, str]:
        out = {}
        if self.country is not None:
            out["country"] = self.country.id
        if self.alliance is not None:
            out["alliance"] = self.alliance.id
        if self.status is not None:
            out["status"] = self.status.value
        return out


# --- dates ---------------------------------------------------------------------

def _end_text(fact: Fact) -> str:
    return str(fact.end) if isinstance(fact.end, FuzzyDate) else fact.end


def span_text(fact: Fact, *, short: bool = False) -> str:
    """'since 2006', '1949 – 1966', '2006 – end unknown', '2022-06' (an event); short: '2006–'."""
    start = str(fact.start) if fact.start else ""
    if isinstance(fact.end, FuzzyDate):
        end = str(fact.end)
        if short:
            return f"{start}–{end}" if start != end else start
        return f"{start or 'undated'} – {end}" if start != end else start
    if fact.relation.event and fact.end == "open":
        return start if (start or short) else "undated"
    if short:
        return f"{start}–" if start else ("" if fact.end == "open" else "–?")
    if not start:
        return "undated" if fact.end == "open" else "undated, end unknown"
    return f"since {start}" if fact.end == "open" else f"{start} – end unknown"


# --- json ----------------------------------------------------------------------

def as_json(store: FactStore) -> dict[str, Any]:
    """The whole store as one document, with the models' own field names."""

    def dump(records: dict[str, Any]) -> list[dict[str, Any]]:
        return [r.model_dump(mode="json") for r in records.values()]

    return {
        "schema_version": SCHEMA_VERSION,
        "entities": dump(store.entities),
        "facts": dump(store.facts),
        "sources": dump(store.sources),
        "excerpts": dump(store.excerpts),
        "annotations": dump(store.annotations),
        "changes": [c.model_dump(mode="json") for c in store.history()],
    }


def selection_json(sel: Selection) -> dict[str, Any]:
    """The selected facts and the records they use; no history."""
    store = sel.store
    entity_ids = sel.entity_ids()
    excerpt_ids: list[str] = []
    source_ids: list[str] = []
    for fact in sel.facts:
        for ev in store.evidence(fact.id):
            if ev.excerpt.id not in excerpt_ids:
                excerpt_ids.append(ev.excerpt.id)
            if ev.source.id not in source_ids:
                source_ids.append(ev.source.id)
        for src in store.references(fact.id):
            if src.id not in source_ids:
                source_ids.append(src.id)
    notes = []
    for kind, ids in ((TargetKind.ENTITY, entity_ids), (TargetKind.FACT, [f.id for f in sel.facts]), (TargetKind.EXCERPT, excerpt_ids)):
        for target_id in ids:
            notes.extend(store.notes_on(kind, target_id))
    return {
        "schema_version": SCHEMA_VERSION,
        "filters": sel.filters(),
        "entities": [store.entities[i].model_dump(mode="json") for i in entity_ids if i in store.entities],
        "facts": [f.model_dump(mode="json") for f in sel.facts],
        "sources": [store.sources[i].model_dump(mode="json") for i in source_ids],
        "excerpts": [store.excerpts[i].model_dump(mode="json") for i in excerpt_ids],
        "annotations": [n.model_dump(mode="json") for n in notes],
    }


# --- csv -----------------------------------------------------------------------

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
    for fact in sel.facts:
        sources = sel.sources_of(fact)
        row = [
            sel.name(fact.subject),
            fact.relation.value,
            sel.name(fact.object),
            str(fact.start) if fact.start else "",
            _end_text(fact),
            fact.status.value,
            qualifiers_cell(fact.qualifiers),
            join_list_cell(s.citation() for s in sources),
            fact.id,
            fact.subject,
            fact.object,
            join_list_cell(s.id for s in sources),
        ]
        writer.writerow([defuse(cell) for cell in row])
    return buf.getvalue()


# --- markdown ------------------------------------------------------------------

_MD_ALWAYS = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_LINE_START = re.compile(r"^([#>+=\-]|\d{1,9}(?=[.)]))")
_URL_OK = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>\x00-\x1f]*$")


def md_text(line: str, *, heading: bool = False) -> str:
    """One line of user text, escaped so Markdown shows it as it is."""
    line = line.replace("\t", "    ")
    stripped = line.lstrip(" ")
    # Leading spaces would make an indented code block or a list's continuation:
    # no-break spaces keep the indent and mean nothing to Markdown.
    indent = "\u00a0" * (len(line) - len(stripped))
    out = _MD_ENTITY.sub("&amp;", _MD_ALWAYS.sub(r"\\\1", stripped))
    m = _MD_LINE_START.match(out)
    if m:
        if m.group(1)[0].isdigit():
            # '1. ' or '1) ' opens an ordered list: escape the punctuation after the number.
            n = len(m.group(1))
            out = out[:n] + "\\" + out[n:]
        else:
            out = "\\" + out
    if heading:
        out = out.replace("#", "\\#")
    return indent + out


def md_lines(text: str) -> list[str]:
    """User text (any number of lines) as escaped lines; blank lines stay blank."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [md_text(l) if l.strip() else "" for l in lines]


def md_inline(text: str) -> str:
    """User text on one line (new lines become spaces)."""
    return md_text(" ".join(text.split()) if "\n" in text or "\r" in text else text)


def md_tag(tag: str) -> str:
    """'#tag', escaped as text in the middle of a line."""
    return "#" + md_text("x" + tag)[1:]


def md_heading(text: str) -> str:
    return md_text(" ".join(text.split()), heading=True)


def md_paragraph(text: str, indent: str = "") -> list[str]:
    """Escaped text kept line for line: hard breaks inside a paragraph, blank lines between."""
    lines = md_lines(text)
    out = []
    for i, line in enumerate(lines):
        more = i + 1 < len(lines) and lines[i + 1] != ""
        out.append((indent + line + ("  " if more and line else "")) if line else "")
    return out


def md_code(text: str) -> str:
    """An identifier as a code span, or as escaped text when it holds a backtick or a new line."""
    if "`" in text or "\n" in text or "\r" in text or not text.strip():
        return md_inline(text)
    return f"`{text}`"


def md_url(url: str) -> str:
    return f"<{url}>" if _URL_OK.match(url) else md_inline(url)


def md_citation(source: Source) -> str:
    """'franceinfo (Radio France), Nicolas Rocca, Karyn Nishimura, 2024-04: “Title”, <https://…>'."""
    parts = []
    if source.publisher:
        parts.append(md_inline(source.publisher))
    if source.authors:
        parts.append(", ".join(md_inline(a) for a in source.authors))
    if source.published:
        parts.append(str(source.published))
    text = ", ".join(parts)
    if source.title:
        text = f"{text}: “{md_inline(source.title)}”" if text else f"“{md_inline(source.title)}”"
    if source.url:
        text += f", {md_url(source.url)}"
    return text


def _when(timestamp: str) -> str:
    # '2024-05-01T10:00:00.000Z' -> '2024-05-01 10:00 UTC'
    m = re.match(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})", timestamp)
    return f"{m.group(1)} {m.group(2)} UTC" if m else md_inline(timestamp)


def md_notes(store: FactStore, kind: TargetKind, target_id: str, indent: str = "") -> list[str]:
    out: list[str] = []
    for note in store.notes_on(kind, target_id):
        meta = _when(note.created)
        if note.updated and note.updated != note.created:
            meta += f", edited {_when(note.updated)}"
        if note.tags:
            meta += "; tags: " + ", ".join(md_tag(t) for t in note.tags)
        out.append(f"{indent}- Note ({meta}):")
        body = md_paragraph(note.body, indent + "  ")
        if any(body):
            out.append("")
            out.extend(body)
            out.append("")
    return out


def _relation_sentence(sel: Selection, fact: Fact) -> str:
    return f"{sel.name(fact.subject)} {fact.relation.label} {sel.name(fact.object)}"


def md_fact(sel: Selection, fact: Fact) -> list[str]:
    store = sel.store
    out = [f"### {md_heading(_relation_sentence(sel, fact))}", ""]
    out.append(f"- Relation: {md_inline(fact.relation.label)} ({md_code(fact.relation.value)})")
    out.append(f"- Dates: {md_inline(span_text(fact))}")
    out.append(f"- Status: {fact.status.symbol} {fact.status.value}")
    if fact.qualifiers:
        out.append("- Qualifiers:")
        for key, value in fact.qualifiers.items():
            out.append(f"  - {md_inline(key)}: {md_inline(value)}")
    out.append(f"- Fact: {md_code(fact.id)}")
    out.append("")
    evidence = store.evidence(fact.id)
    if evidence:
        out.append("Evidence:")
        out.append("")
        for ev in evidence:
            quoted = md_lines(ev.excerpt.quote.exact)
            out.extend(f"> {line}".rstrip() if line else ">" for line in quoted)
            out.append(">")
            out.append(f"> — {md_citation(ev.source)}")
            out.append("")
            notes = md_notes(store, TargetKind.EXCERPT, ev.excerpt.id)
            if notes:
                out.extend(notes)
                out.append("")
    refs = store.references(fact.id)
    if refs:
        out.append("References:")
        out.append("")
        out.extend(f"- {md_citation(src)}" for src in refs)
        out.append("")
    notes = md_notes(store, TargetKind.FACT, fact.id)
    if notes:
        out.append("Notes:")
        out.append("")
        out.extend(notes)
        out.append("")
    return out


def _entity_line(e: Entity) -> str:
    bits = []
    if e.kind is EntityKind.COUNTRY:
        codes = [e.codes[k] for k in ("iso3", "iso2") if k in e.codes]
        if codes:
            bits.append("ISO " + " / ".join(md_inline(c) for c in codes))
    else:
        bits.append(md_inline(e.alliance_kind or "alliance"))
        if e.founded:
            bits.append(f"founded {e.founded}")
    if e.aliases:
        bits.append("also " + ", ".join(md_inline(a) for a in e.aliases))
    return "*" + " · ".join(bits) + "*" if bits else ""


def render_markdown(sel: Selection) -> str:
    store = sel.store
    if sel.country is not None:
        countries = [sel.country.id]
    else:
        countries = [
            i for i in sel.entity_ids() if i in store.entities and store.entities[i].kind is EntityKind.COUNTRY
        ]
    if not countries:
        return "*No facts match the filters.*\n"
    selected = {f.id for f in sel.facts}
    out: list[str] = []
    for country_id in countries:
        country = store.entities[country_id]
        out.extend([f"# {md_heading(country.name)}", ""])
        line = _entity_line(country)
        if line:
            out.extend([line, ""])
        notes = md_notes(store, TargetKind.ENTITY, country_id)
        if notes:
            out.extend(["Notes:", "", *notes, ""])
        links = [
            (link.entity, [f for f in link.facts if f.id in selected])
            for kind in (EntityKind.ALLIANCE, EntityKind.COUNTRY)
            for link in store.links(country_id, kind)
        ]
        links = [(e, facts) for e, facts in links if facts]
        if not links:
            out.extend(["*No facts match the filters.*", ""])
        for other, facts in links:
            out.extend([f"## {md_heading(other.name)}", ""])
            line = _entity_line(other)
            if line:
                out.extend([line, ""])
            notes = md_notes(store, TargetKind.ENTITY, other.id)
            if notes:
                out.extend(["Notes:", "", *notes, ""])
            for fact in facts:
                out.extend(md_fact(sel, fact))
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


# --- graphs ----------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _clean(text: str) -> str:
    """Text without the control characters XML 1.0 forbids (and Graphviz chokes on)."""
    return _CONTROL.sub("\ufffd", text)


def dot_quote(text: str) -> str:
    """A DOT quoted string whose escString value is ``text`` (new lines become \\n)."""
    text = _clean(text).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


_DOT_NODE_STYLE = {
    EntityKind.COUNTRY: 'shape=ellipse, style=filled, fillcolor="#fdf6e3"',
    EntityKind.ALLIANCE: 'shape=box, style="rounded,filled", fillcolor="#dce8f5"',
}
_DOT_EDGE_STYLE = {
    FactStatus.CONFIRMED: "style=solid",
    FactStatus.UNREVIEWED: 'style=solid, color="#555555"',
    FactStatus.DISPUTED: 'style=dashed, color="#c0392b", fontcolor="#c0392b"',
    FactStatus.RETRACTED: 'style=dotted, color="#999999", fontcolor="#999999"',
}


def _kind_of(sel: Selection, entity_id: str) -> EntityKind:
    e = sel.store.entities.get(entity_id)
    if e is not None:
        return e.kind
    return EntityKind.ALLIANCE if entity_id.startswith("alliance:") else EntityKind.COUNTRY


def edge_label(fact: Fact) -> str:
    span = span_text(fact, short=True)
    return f"{fact.relation.label}\n{span}" if span else fact.relation.label


def render_dot(sel: Selection) -> str:
    out = [
        "digraph alliances {",
        '  graph [rankdir=LR, overlap=false, fontname="Helvetica"];',
        '  node [fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for entity_id in sel.entity_ids():
        kind = _kind_of(sel, entity_id)
        out.append(
            f"  {dot_quote(entity_id)} [label={dot_quote(sel.name(entity_id))}, kind={dot_quote(kind.value)}, "
            f"{_DOT_NODE_STYLE[kind]}];"
        )
    for fact in sel.facts:
        attrs = [
            f"label={dot_quote(edge_label(fact))}",
            f"relation={dot_quote(fact.relation.value)}",
            f"status={dot_quote(fact.status.value)}",
            f"fact={dot_quote(fact.id)}",
            _DOT_EDGE_STYLE[fact.status],
        ]
        if fact.start:
            attrs.insert(2, f"start={dot_quote(str(fact.start))}")
        attrs.insert(3, f"end={dot_quote(_end_text(fact))}")
        out.append(f"  {dot_quote(fact.subject)} -> {dot_quote(fact.object)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_GRAPHML_KEYS = (
    # (id, for, attr.name)
    ("n_kind", "node", "kind"),
    ("n_name", "node", "name"),
    ("n_alliance_kind", "node", "alliance_kind"),
    ("e_relation", "edge", "relation"),
    ("e_label", "edge", "label"),
    ("e_start", "edge", "start"),
    ("e_end", "edge", "end"),
    ("e_status", "edge", "status"),
    ("e_fact", "edge", "fact"),
)


def render_graphml(sel: Selection) -> str:
    root = ET.Element(
        "graphml",
        {
            "xmlns": GRAPHML_NS,
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd",
        },
    )
    for key_id, domain, name in _GRAPHML_KEYS:
        ET.SubElement(root, "key", {"id": key_id, "for": domain, "attr.name": name, "attr.type": "string"})
    graph = ET.SubElement(root, "graph", {"id": "alliances", "edgedefault": "directed"})

    def data(parent: ET.Element, key: str, value: str | None) -> None:
        if value:
            ET.SubElement(parent, "data", {"key": key}).text = _clean(value)

    for entity_id in sel.entity_ids():
        node = ET.SubElement(graph, "node", {"id": _clean(entity_id)})
        entity = sel.store.entities.get(entity_id)
        data(node, "n_kind", _kind_of(sel, entity_id).value)
        data(node, "n_name", sel.name(entity_id))
        data(node, "n_alliance_kind", entity.alliance_kind if entity is not None else None)
    for fact in sel.facts:
        edge = ET.SubElement(
            graph, "edge", {"id": _clean(fact.id), "source": _clean(fact.subject), "target": _clean(fact.object)}
        )
        data(edge, "e_relation", fact.relation.value)
        data(edge, "e_label", edge_label(fact).replace("\n", " "))
        data(edge, "e_start", str(fact.start) if fact.start else None)
        data(edge, "e_end", _end_text(fact))
        data(edge, "e_status", fact.status.value)
        data(edge, "e_fact", fact.id)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


# --- entry point -------------------------------------------------------------------

def render(
    store: FactStore,
    fmt: str,
    *,
    country: str | None = None,
    alliance: str | None = None,
    status: str | None = None,
) -> str:
    """The export ``fmt`` (one of :data:`FORMATS`) of the facts that pass the filters."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    sel = Selection(store, country=country, alliance=alliance, status=status)
    if fmt == "json":
        doc = selection_json(sel) if sel.filtered else as_json(store)
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode() + "\n"
    renderer = {"csv": render_csv, "markdown": render_markdown, "dot": render_dot, "graphml": render_graphml}[fmt]
    return renderer(sel)
