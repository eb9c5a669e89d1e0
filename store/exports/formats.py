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
  sources, excerpts and the notes on any of these), without history. Each
  fact carries ``excerpts``: every passage linked to it, with its ``stance``
  (supports / contradicts), ``status`` (proposed / accepted / rejected) and
  whether it is ``reviewed``; a passage that came with the fact (no link of
  its own) is reviewed when the fact is.
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

Each format lives in its own module, re-exported here: :mod:`store.exports.selection` (the filters),
:mod:`store.exports.csv_table`, :mod:`store.exports.markdown` and :mod:`store.exports.graph` (DOT, GraphML).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

from store.words.clean import escaped_json
from store.exports.csv_table import (
    CSV_COLUMNS,
    defuse,
    join_list_cell,
    parse_qualifiers,
    qualifiers_cell,
    render_csv,
    split_list_cell,
    undefuse,
)
from store.exports.graph import GRAPHML_NS, dot_quote, edge_label, render_dot, render_graphml
from store.exports.markdown import (
    md_citation,
    md_code,
    md_fact,
    md_heading,
    md_inline,
    md_lines,
    md_notes,
    md_paragraph,
    md_tag,
    md_text,
    md_url,
    render_markdown,
)
from store.exports.selection import Selection, parse_status, resolve_entity
from store.words.spans import span_text
from store.models import SCHEMA_VERSION, EvidenceLink, Fact, FactStatus, LinkStatus, Stance, TargetKind

if TYPE_CHECKING:
    from store.repository import FactStore

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "GRAPHML_NS",
    "Selection",
    "as_json",
    "defuse",
    "dot_quote",
    "edge_label",
    "join_list_cell",
    "md_citation",
    "md_code",
    "md_fact",
    "md_heading",
    "md_inline",
    "md_lines",
    "md_notes",
    "md_paragraph",
    "md_tag",
    "md_text",
    "md_url",
    "parse_qualifiers",
    "parse_status",
    "qualifiers_cell",
    "render",
    "render_csv",
    "render_dot",
    "render_graphml",
    "render_markdown",
    "resolve_entity",
    "selection_json",
    "span_text",
    "split_list_cell",
    "undefuse",
]

FORMATS = ("json", "csv", "markdown", "dot", "graphml")


# --- json ----------------------------------------------------------------------

def as_json(store: FactStore) -> dict[str, Any]:
    """The whole store as one document, with the models' own field names."""

    def dump(records: dict[str, Any]) -> list[dict[str, Any]]:
        return [r.model_dump(mode="json") for r in records.values()]

    return {
        "schema_version": SCHEMA_VERSION,
        "entities": dump(store.entities),
        "facts": [fact_json(store, f) for f in store.facts.values()],
        "sources": dump(store.sources),
        "excerpts": dump(store.excerpts),
        "annotations": dump(store.annotations),
        "evidence_links": dump(store.evidence_links),
        "changes": [c.model_dump(mode="json") for c in store.full_history()],
    }


def fact_json(store: FactStore, fact: Fact) -> dict[str, Any]:
    """A fact as stored, with ``excerpts``: its linked passages, their stance and review."""
    return {**fact.model_dump(mode="json"), "excerpts": fact_excerpts(store, fact)}


def fact_excerpts(store: FactStore, fact: Fact) -> list[dict[str, Any]]:
    """The passages of a fact: its evidence first (in order), then the links not (or not yet) evidence."""
    links = store.links_of_fact(fact.id)
    accepted = {link.excerpt_id: link for link in links if link.stance is Stance.SUPPORTS and link.status is LinkStatus.ACCEPTED}
    out = []
    for x in fact.evidence:
        link = accepted.get(x)
        if link is not None:
            out.append(_link_json(store, link))
            continue
        out.append({
            "excerpt_id": x, "source_id": store.excerpts.field(x, "source_id"), "stance": Stance.SUPPORTS.value,
            "status": LinkStatus.ACCEPTED.value, "reviewed": fact.status is not FactStatus.UNREVIEWED,
            "origin": fact.origin.value, "cue": fact.qualifiers.get("cue", ""), "confidence": None, "link_id": None,
        })
    in_evidence = set(fact.evidence)
    out += [_link_json(store, link) for link in links if not (link.stance is Stance.SUPPORTS and link.excerpt_id in in_evidence)]
    return out


def _link_json(store: FactStore, link: EvidenceLink) -> dict[str, Any]:
    return {
        "excerpt_id": link.excerpt_id, "source_id": store.excerpts.field(link.excerpt_id, "source_id"),
        "stance": link.stance.value, "status": link.status.value, "reviewed": link.reviewed,
        "origin": link.origin.value, "cue": link.cue, "confidence": link.confidence, "link_id": link.id,
    }


def selection_json(sel: Selection) -> dict[str, Any]:
    """The selected facts and the records they use; no history."""
    store = sel.store
    entity_ids = sel.entity_ids()
    excerpt_ids: list[str] = []
    source_ids: list[str] = []
    facts = [fact_json(store, f) for f in sel.facts]
    for fact in facts:
        for ex in fact["excerpts"]:
            if ex["excerpt_id"] not in excerpt_ids and ex["excerpt_id"] in store.excerpts:
                excerpt_ids.append(ex["excerpt_id"])
            if ex["source_id"] is not None and ex["source_id"] not in source_ids and ex["source_id"] in store.sources:
                source_ids.append(ex["source_id"])
    for chosen in sel.facts:
        for src in store.references(chosen.id):
            if src.id not in source_ids:
                source_ids.append(src.id)
    notes = []
    for kind, ids in ((TargetKind.ENTITY, entity_ids), (TargetKind.FACT, [f.id for f in sel.facts]), (TargetKind.EXCERPT, excerpt_ids)):
        for target_id in ids:
            notes.extend(store.notes_on(kind, target_id))
    return {
        "schema_version": SCHEMA_VERSION,
        "filters": sel.filters(),
        "entities": [e.model_dump(mode="json") for i in entity_ids if (e := store.entities.get(i)) is not None],
        "facts": facts,
        "sources": [store.sources[i].model_dump(mode="json") for i in source_ids],
        "excerpts": [store.excerpts[i].model_dump(mode="json") for i in excerpt_ids],
        "annotations": [n.model_dump(mode="json") for n in notes],
    }


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
        # orjson escapes C0 controls, not C1 or bidi ones: escaped here, so the file reads safely in a terminal.
        return escaped_json(orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode()) + "\n"
    renderer = {"csv": render_csv, "markdown": render_markdown, "dot": render_dot, "graphml": render_graphml}[fmt]
    return renderer(sel)
