"""The graph exports: Graphviz DOT and GraphML (as ``networkx.read_graphml`` reads it); the nodes
are the entities the selected facts involve, one edge per fact from subject to object."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from store.words.clean import visible_xml
from store.words.spans import end_text, span_text
from store.models import Entity, EntityKind, Fact, FactStatus

if TYPE_CHECKING:
    from store.exports.selection import Selection

def dot_quote(text: str) -> str:
    """A DOT quoted string whose escString value is ``text`` (new lines become \\n)."""
    text = visible_xml(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
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
    e: Entity | None = sel.store.entities.get(entity_id)
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
        attrs.insert(3, f"end={dot_quote(end_text(fact))}")
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
            ET.SubElement(parent, "data", {"key": key}).text = visible_xml(value)

    for entity_id in sel.entity_ids():
        node = ET.SubElement(graph, "node", {"id": visible_xml(entity_id)})
        entity = sel.store.entities.get(entity_id)
        data(node, "n_kind", _kind_of(sel, entity_id).value)
        data(node, "n_name", sel.name(entity_id))
        data(node, "n_alliance_kind", entity.alliance_kind if entity is not None else None)
    for fact in sel.facts:
        edge = ET.SubElement(
            graph, "edge", {"id": visible_xml(fact.id), "source": visible_xml(fact.subject), "target": visible_xml(fact.object)}
        )
        data(edge, "e_relation", fact.relation.value)
        data(edge, "e_label", edge_label(fact).replace("\n", " "))
        data(edge, "e_start", str(fact.start) if fact.start else None)
        data(edge, "e_end", end_text(fact))
        data(edge, "e_status", fact.status.value)
        data(edge, "e_fact", fact.id)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
