"""The Markdown export: a report per country, its facts grouped by their other end, with evidence,
references and notes; user text escaped so it cannot add markup to the report."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from store.words.clean import visible
from store.words.names import display_name, name_or_id
from store.words.spans import span_text
from store import treaties
from store.models import Entity, EntityKind, Fact, Source, TargetKind

if TYPE_CHECKING:
    from store.exports.selection import Selection
    from store.repository import FactStore

_MD_ALWAYS = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_LINE_START = re.compile(r"^([#>+=\-]|\d{1,9}(?=[.)]))")
_URL_OK = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>\x00-\x1f]*$")


def md_text(line: str, *, heading: bool = False) -> str:
    """One line of user text, escaped so Markdown shows it as it is (control characters as stand-ins)."""
    line = visible(line.replace("\t", "    "))
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
    return [md_text(line) if line.strip() else "" for line in lines]


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
    if "`" in text or "\n" in text or "\r" in text or not text.strip() or visible(text) != text:
        return md_inline(text)
    return f"`{text}`"


def md_url(url: str) -> str:
    return f"<{url}>" if _URL_OK.match(url) and visible(url) == url else md_inline(url)


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
    out.append(f"- Dates: {md_inline(treaties.dates_text(fact.dates) or span_text(fact))}")
    out.append(f"- Status: {fact.status.symbol} {fact.status.value}")
    if fact.qualifiers:
        out.append("- Qualifiers:")
        for key, value in fact.qualifiers.items():
            out.append(f"  - {md_inline(key)}: {md_inline(value)}")
    out.append(f"- Fact: {md_code(fact.id)}")
    out.extend(f"- Provenance: {line}" for line in _provenance(store, fact))
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
    if display_name(e) != e.name:  # the heading gives the short name: the long one is said here
        bits.append(md_inline(e.name))
    if e.kind is EntityKind.COUNTRY:
        codes = [e.codes[k] for k in ("iso3", "iso2") if k in e.codes]
        if codes:
            bits.append("ISO " + " / ".join(md_inline(c) for c in codes))
    else:
        bits.append(md_inline(e.alliance_kind or "alliance"))
        dates = treaties.dates_text(e.dates)
        if dates:
            bits.append(md_inline(dates))
        elif e.founded:
            bits.append(f"founded {e.founded}")
    if e.aliases:
        bits.append("also " + ", ".join(md_inline(a) for a in e.aliases))
    return "*" + " · ".join(bits) + "*" if bits else ""


def _provenance(store: FactStore, fact: Fact) -> list[str]:
    """The fact's provenance lines, Markdown already (citations carry their links)."""
    if fact.dataset is not None:
        return [md_inline(f"data set: {fact.dataset}")]
    lines = [f"{kind}: {md_citation(source)}" for kind, source in treaties.provenance_sources(store, fact)]
    return lines or [md_inline(treaties.no_source(fact.origin))]


def _treaty_lines(store: FactStore, alliance: Entity, country_id: str) -> list[str]:
    """An alliance's end, the country's suspension, the obligations each way and the alliance's sources."""
    if alliance.kind is not EntityKind.ALLIANCE or not treaties.has_treaty_record(alliance):
        return []
    def name(entity_id: str) -> str:
        return name_or_id(store.entities, entity_id)

    out: list[str] = []
    if alliance.ended is not None:
        reason = f" ({alliance.end_reason})" if alliance.end_reason else ""
        out.append(f"- † {md_inline(f'ended {alliance.ended}{reason}')}")
    suspended = treaties.suspension(store, country_id, alliance.id)
    if suspended is not None:
        by = suspended.qualifiers.get("by", "")
        since = f"suspended since {suspended.start.year}" if suspended.start else "suspended"
        out.append(f"- ‖ {md_inline(name(country_id) + ' ' + since + (f' (by {by})' if by else ''))}")
    out.append("- Obligations:")
    out.extend(f"  - {md_inline(line)}" for line in treaties.obligation_lines(alliance, name, country_id))
    provenance = treaties.entity_provenance_lines(store, alliance, md_citation)
    if provenance:
        out.append("- Sources of the treaty record:")
        out.extend(f"  - {line}" for line in provenance)
    out.append("")
    return out


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
        out.extend([f"# {md_heading(display_name(country))}", ""])
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
            out.extend([f"## {md_heading(display_name(other))}", ""])
            line = _entity_line(other)
            if line:
                out.extend([line, ""])
            out.extend(_treaty_lines(store, other, country_id))
            notes = md_notes(store, TargetKind.ENTITY, other.id)
            if notes:
                out.extend(["Notes:", "", *notes, ""])
            for fact in facts:
                out.extend(md_fact(sel, fact))
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"
