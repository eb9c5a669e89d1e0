"""The in-memory indices queries answer from: facts by entity and by pair, links, excerpts by source, notes by target.

Built once at open from the stored fields (no model per record), then kept in
step by each group the writer applies: records whose index entries move leave
the indices before their tables change and enter them after. An index entry
(a set or a list of ids) is replaced, never edited in place, once per group:
an import of thousands of facts of one alliance copies its set once, not once
per fact, and a list a query returned is never changed under its caller.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from operator import itemgetter
from typing import Any

from store.evidence_links import pair_key
from store.models import is_live
from store.records import LazyRecords


def index_entry(table: str, record: Any) -> tuple[Any, ...] | None:
    """What decides where a record sits in the indices (None: it is in none)."""
    if record is None:
        return None
    if table == "facts":
        return (record.subject, record.object)
    if table == "excerpts":
        return (record.source_id, record.start)
    if table == "annotations":
        return (record.target.kind.value, record.target.id, record.created)
    if table == "evidence_links":
        return (record.fact_id, record.excerpt_id, record.status.value)
    return ()


class Indices:
    """Ids by what queries look them up by; every entry holds ids of records in their tables."""

    def __init__(self) -> None:
        self.facts_by_entity: defaultdict[str, set[str]] = defaultdict(set)
        # Linking looks facts up by their two ends: an index, so its cost does not grow with the store.
        self.facts_by_pair: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
        self.links_by_fact: defaultdict[str, set[str]] = defaultdict(set)
        self.links_by_excerpt: defaultdict[str, set[str]] = defaultdict(set)
        self.links_by_status: defaultdict[str, set[str]] = defaultdict(set)
        self.excerpts_by_source: defaultdict[str, list[str]] = defaultdict(list)
        self.notes_by_target: defaultdict[tuple[str, str], list[str]] = defaultdict(list)

    def _set_indices(self) -> tuple[defaultdict[Any, set[str]], ...]:
        """The indices whose entries are sets of ids."""
        return (self.facts_by_entity, self.facts_by_pair, self.links_by_fact, self.links_by_excerpt, self.links_by_status)

    def build(self, tables: Mapping[str, LazyRecords[Any]]) -> dict[str, int]:
        """Every index from the stored fields; returns each entity's number of live facts (counted in the same pass).

        At 100k facts counting them again for the first screen took a quarter of a second.
        """
        facts, excerpts, notes = tables["facts"], tables["excerpts"], tables["annotations"]
        by_entity, by_pair = self.facts_by_entity, self.facts_by_pair
        live: defaultdict[str, int] = defaultdict(int)
        for fid, (subject, obj, status) in facts.scan("subject", "object", "status"):
            by_entity[subject].add(fid)
            by_entity[obj].add(fid)
            by_pair[pair_key(subject, obj)].add(fid)
            if status is None or is_live(status):
                live[subject] += 1
                if obj != subject:
                    live[obj] += 1
        starts: dict[str, int] = {}
        for eid, (source_id, start) in excerpts.scan("source_id", "start"):
            self.excerpts_by_source[source_id].append(eid)
            starts[eid] = start or 0
        for ids in self.excerpts_by_source.values():
            ids.sort(key=starts.__getitem__)
        # One scan (notes kept as JSON bytes are parsed a batch at a time, store/records.py), then each
        # target's notes by creation, a stable sort: notes saved within one millisecond keep the order
        # they were saved in. Per target, so a target's id is held once, not once per note until the sort.
        by_target: defaultdict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for nid, (created, target) in notes.scan("created", "target"):
            kind, tid = (target["kind"], target["id"]) if isinstance(target, dict) else (target.kind.value, target.id)
            by_target[(kind, tid)].append((created or "", nid))
        for key, rows in by_target.items():
            rows.sort(key=itemgetter(0))
            self.notes_by_target[key] = [nid for _, nid in rows]
        del by_target
        for lid, (fact_id, excerpt_id, status) in tables["evidence_links"].scan("fact_id", "excerpt_id", "status"):
            self.links_by_fact[fact_id].add(lid)
            self.links_by_excerpt[excerpt_id].add(lid)
            self.links_by_status[status].add(lid)
        return live

    def _slots(self, table: str, record: Any) -> list[tuple[dict[Any, Any], Any]]:
        """The (index, key) pairs under which a record is listed."""
        if table == "facts":
            return [(self.facts_by_entity, e) for e in dict.fromkeys(record.entities)] + [
                (self.facts_by_pair, pair_key(record.subject, record.object))
            ]
        if table == "evidence_links":
            return [(self.links_by_fact, record.fact_id), (self.links_by_excerpt, record.excerpt_id),
                    (self.links_by_status, record.status.value)]
        if table == "excerpts":
            return [(self.excerpts_by_source, record.source_id)]
        if table == "annotations":
            return [(self.notes_by_target, (record.target.kind.value, record.target.id))]
        return []

    def _by_slot(self, records: list[tuple[str, Any]]) -> tuple[dict[int, dict[Any, Any]], defaultdict[tuple[int, Any], list[str]]]:
        """The records' ids grouped by (index, key), so each entry is replaced once."""
        ids: defaultdict[tuple[int, Any], list[str]] = defaultdict(list)
        indices: dict[int, dict[Any, Any]] = {}
        for table, record in records:
            for index, key in self._slots(table, record):
                indices[id(index)] = index
                ids[(id(index), key)].append(record.id)
        return indices, ids

    def remove(self, records: list[tuple[str, Any]]) -> None:
        indices, drop = self._by_slot(records)
        for (index_id, key), ids in drop.items():
            index = indices[index_id]
            current = index.get(key)
            if current:
                gone = set(ids)
                index[key] = current - gone if isinstance(current, set) else [i for i in current if i not in gone]

    def add(self, records: list[tuple[str, Any]], excerpts: LazyRecords[Any], notes: LazyRecords[Any]) -> None:
        indices, add = self._by_slot(records)
        for (index_id, key), ids in add.items():
            index = indices[index_id]
            if any(index is s for s in self._set_indices()):
                index[key] = index.get(key, set()) | set(ids)
            elif index is self.excerpts_by_source:
                index[key] = sorted(dict.fromkeys([*index.get(key, ()), *ids]), key=lambda i: excerpts.field(i, "start", 0))
            else:
                current = index.get(key, [])
                created = [notes.field(i, "created", "") for i in ids]
                if created == sorted(created) and (not current or notes.field(current[-1], "created", "") <= created[0]) \
                        and not set(ids) & set(current):
                    # The usual case, a new note newer than the others on its target: no sort.
                    index[key] = [*current, *ids]
                else:
                    # Stable: notes saved within one millisecond keep the order they were saved in.
                    index[key] = sorted(dict.fromkeys([*current, *ids]), key=lambda i: notes.field(i, "created", ""))
