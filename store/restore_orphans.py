"""What a restore sets aside after rebuilding the files: records that point at what it could not recover.

A rebuilt store may hold an excerpt whose source was lost, a fact naming a lost entity, an evidence
link or a note whose target is gone. Each is removed (or, for a fact's evidence and references,
trimmed) and named as lost, so the restored store passes the check. Apart from ``store.restore``:
the rest of a restore picks snapshots and replays journal lines, this step reads how records point
at each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from store import db


def prune_orphans(files: Mapping[str, dict[str, dict[str, Any]]], lost: list[str]) -> set[str]:
    """Set aside records that point at something that could not be recovered, so the store passes the check.

    ``files``: each snapshot file's tables, edited in place; ``lost`` takes one line a record set aside.
    The names of the files changed are returned.
    """
    facts_data, sources_data, notes_data = (files[n] for n in db.FILES)
    entities, facts = facts_data["entities"], facts_data["facts"]
    sources, excerpts = sources_data["sources"], sources_data["excerpts"]
    notes = notes_data["annotations"]
    changed: set[str] = set()
    for xid, ex in list(excerpts.items()):
        source = sources.get(ex["source_id"])
        if source is None or source["text"][ex["start"]:ex["end"]] != ex["quote"]["exact"]:
            del excerpts[xid]
            changed.add("sources.json")
            why = "its source could not be recovered" if source is None else "its quote is no longer its source's text"
            lost.append(f"excerpts/{xid} (from {ex['source_id']}): {why}")
            continue
        mentions = [m for m in ex.get("mentions", []) if m["entity_id"] in entities]
        if len(mentions) != len(ex.get("mentions", [])):
            ex["mentions"] = mentions
            changed.add("sources.json")
            lost.append(f"excerpts/{xid}: its mentions of entities that could not be recovered")
    for fid, fact in list(facts.items()):
        missing = [e for e in (fact["subject"], fact["object"]) if e not in entities]
        if missing:
            del facts[fid]
            changed.add("facts.json")
            lost.append(f"facts/{fid}: it names {missing[0]}, which could not be recovered")
            continue
        for key, table in (("evidence", excerpts), ("references", sources)):
            kept = [r for r in fact.get(key, []) if r in table]
            if len(kept) != len(fact.get(key, [])):
                lost.append(f"facts/{fid}: its {key} {', '.join(r for r in fact[key] if r not in table)} (the fact is kept)")
                fact[key] = kept
                changed.add("facts.json")
    links = facts_data.get("evidence_links", {})  # a schema-1 base has none
    for lid, link in list(links.items()):
        if link["fact_id"] not in facts or link["excerpt_id"] not in excerpts:
            del links[lid]
            changed.add("facts.json")
            lost.append(f"evidence_links/{lid}: its fact {link['fact_id']} or excerpt {link['excerpt_id']} could not be recovered")
    targets = {"fact": facts, "excerpt": excerpts, "entity": entities}
    for nid, note in list(notes.items()):
        target = note["target"]
        if target["id"] not in targets.get(target["kind"], {}):
            del notes[nid]
            changed.add("notes.json")
            lost.append(f"annotations/{nid} {note['body'][:60]!r}: its {target['kind']} {target['id']} could not be recovered")
    return changed
