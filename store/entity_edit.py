"""Alliances, groupings and countries made by hand, and two entities merged when they turn out to be one.

In: what the user typed (a name, aliases, members) or two entity ids. Out: one undoable group of
changes through ``FactStore.write_group``, journaled like every write. A merge moves everything that
names the entity merged away (its facts, the notes on it, the passages that mention it) onto the one
kept, keeps its names as aliases (so a later import finds the kept one by them), folds a fact that
becomes a duplicate into the one it repeats (evidence and references joined), and deletes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from store.errors import StoreError
from store.models import (
    Entity, EntityKind, Excerpt, Fact, FactStatus, MentionSpan, Origin, Record, Relation, Target, TargetKind,
)
from store.source_list import new_fact_id

if TYPE_CHECKING:
    from store.repository import FactStore


def _slug(name: str) -> str:
    from store.pipeline.ingest import slugify

    return slugify(name, limit=40)


def country_code(name: str) -> str | None:
    """The ISO 3166 alpha-3 code pycountry gives a country name (or its common or official name)."""
    import pycountry

    try:
        found = pycountry.countries.lookup(name.strip())
    except LookupError:
        return None
    return str(found.alpha_3)


def add_entity(store: FactStore, kind: EntityKind, name: str, *, aliases: Iterable[str] = (), short_name: str | None = None,
               members: Sequence[str] = (), code: str | None = None) -> Entity:
    """A new alliance or grouping (with its ``members``: country ids, each a confirmed membership) or country.

    A country's id is its ISO code (``code``, else the one pycountry knows for the name); refused in one
    sentence if the store has it, or if no code is known.
    """
    name = " ".join(name.split())
    if not name:
        raise StoreError("a name is needed")
    clean_aliases = list(dict.fromkeys(a.strip() for a in aliases if a.strip() and a.strip() != name))
    if kind is EntityKind.COUNTRY:
        iso = (code or country_code(name) or "").strip().upper()
        if len(iso) != 3 or not iso.isalpha():
            raise StoreError(f"no country code is known for {name!r}: give its three-letter code (ISO 3166, e.g. XKX)")
        entity_id = f"country:{iso}"
        if entity_id in store.entities:
            raise StoreError(f"{store.entity(entity_id).name} ({iso}) is already in the store")
        if members:
            raise StoreError("a country has no members")
    else:
        base = f"alliance:{_slug(name)}"
        entity_id, n = base, 1
        while entity_id in store.entities:
            n += 1
            entity_id = f"{base}-{n}"
    for member in members:
        if not member.startswith("country:"):
            raise StoreError(f"{member} is not a country: an alliance's members are countries")
        store.entity(member)
    entity = Entity(id=entity_id, kind=kind, name=name, aliases=clean_aliases, short_name=short_name or None)
    records: list[tuple[str, Record]] = [("entities", entity)]
    records += [("facts", Fact(id=new_fact_id(), subject=m, relation=Relation.MEMBER_OF, object=entity_id,
                               status=FactStatus.CONFIRMED, origin=Origin.USER)) for m in dict.fromkeys(members)]
    store.write_group(f"add {name}", records)
    return store.entity(entity_id)


def merge_entities(store: FactStore, keep_id: str, gone_id: str) -> Entity:
    """Merge ``gone_id`` into ``keep_id`` (same kind): one undoable step. Returns the kept entity."""
    keep, gone = store.entity(keep_id), store.entity(gone_id)
    if keep.id == gone.id:
        raise StoreError(f"{keep.name} cannot be merged into itself")
    if keep.kind is not gone.kind:
        raise StoreError(f"{gone.name} is a {gone.kind.value} and {keep.name} a {keep.kind.value}: only two of a kind merge")
    names = [n for n in (gone.name, gone.short_name, *gone.aliases) if n]
    kept = keep.model_copy(update={
        "aliases": list(dict.fromkeys(a for a in (*keep.aliases, *names) if a not in (keep.name, keep.short_name))),
        "codes": {**gone.codes, **keep.codes},
        "references": list(dict.fromkeys((*keep.references, *gone.references))),
        "dates": {**gone.dates, **keep.dates},
        # An alliance's obligations (the ATOP codes of a record merged in) are kept from both, each once.
        "obligations": list(dict.fromkeys((*keep.obligations, *gone.obligations))),
        "qualifiers": {**gone.qualifiers, **keep.qualifiers},
        "dataset": keep.dataset or gone.dataset,
    })
    puts: list[tuple[str, Record]] = [("entities", kept)]
    deletes: list[tuple[str, str]] = [("entities", gone.id)]
    existing = {(f.subject, f.relation, f.object): f for f in store.facts_of(keep.id)}
    replaced: dict[str, str] = {}  # fact id of a duplicate → the fact it is folded into
    dropped: set[str] = set()  # a tie between the two: its notes go to the kept entity, its links with it
    for fact in store.facts_of(gone.id):
        moved = fact.model_copy(update={
            "subject": keep.id if fact.subject == gone.id else fact.subject,
            "object": keep.id if fact.object == gone.id else fact.object,
        })
        if moved.subject == moved.object:  # a tie between the two: no fact once they are one
            deletes.append(("facts", fact.id))
            dropped.add(fact.id)
            continue
        same = existing.get((moved.subject, moved.relation, moved.object))
        if same is not None:
            merged = same.model_copy(update={
                "evidence": list(dict.fromkeys((*same.evidence, *fact.evidence))),
                "references": list(dict.fromkeys((*same.references, *fact.references))),
            })
            existing[(moved.subject, moved.relation, moved.object)] = merged
            puts.append(("facts", merged))
            deletes.append(("facts", fact.id))
            replaced[fact.id] = same.id
        else:
            existing[(moved.subject, moved.relation, moved.object)] = moved
            puts.append(("facts", moved))
    for link in store.evidence_links.values():
        if link.fact_id in replaced:
            puts.append(("evidence_links", link.model_copy(update={"fact_id": replaced[link.fact_id]})))
        elif link.fact_id in dropped:
            deletes.append(("evidence_links", link.id))
    for note in [*store.notes_on("entity", gone.id), *(n for f in dropped for n in store.notes_on("fact", f))]:
        # Nothing written on either is lost: a note on a tie that no longer exists goes to the entity kept.
        puts.append(("annotations", note.model_copy(update={"target": Target(kind=TargetKind.ENTITY, id=keep.id)})))
    for fact_id, into in replaced.items():
        for note in store.notes_on("fact", fact_id):
            puts.append(("annotations", note.model_copy(update={"target": Target(kind=note.target.kind, id=into)})))
    puts += [("excerpts", e) for e in _mentions_moved(store.excerpts.values(), gone.id, keep.id)]
    puts += [("entities", e) for e in _references_moved(store.entities.values(), gone.id, keep.id)]
    store.write_group(f"merge {gone.name} into {keep.name}", _last_wins(puts), deletes)
    return store.entity(keep.id)


def _mentions_moved(excerpts: Iterable[Excerpt], gone: str, keep: str) -> list[Excerpt]:
    out = []
    for excerpt in excerpts:
        if any(m.entity_id == gone for m in excerpt.mentions):
            spans = [MentionSpan(entity_id=keep if m.entity_id == gone else m.entity_id, start=m.start, end=m.end)
                     for m in excerpt.mentions]
            out.append(excerpt.model_copy(update={"mentions": spans}))
    return out


def _references_moved(entities: Iterable[Entity], gone: str, keep: str) -> list[Entity]:
    """Other entities that name ``gone``: an obligation's parties, a proposal's members or data-set match."""
    def moved(party: str) -> str:
        return keep if party == gone else party

    out = []
    for entity in entities:
        if entity.id in (gone, keep):
            continue
        update: dict[str, object] = {}
        if any(gone in (o.subject, o.object) for o in entity.obligations):
            update["obligations"] = list(dict.fromkeys(
                o.model_copy(update={"subject": moved(o.subject), "object": moved(o.object)}) for o in entity.obligations))
        proposal = entity.proposal
        if proposal is not None and (gone in proposal.members or proposal.match == gone):
            update["proposal"] = proposal.model_copy(update={
                "members": sorted({moved(m) for m in proposal.members}),
                "match": moved(proposal.match) if proposal.match else proposal.match,
            })
        if update:
            out.append(entity.model_copy(update=update))
    return out


def _last_wins(puts: list[tuple[str, Record]]) -> list[tuple[str, Record]]:
    """One change per record: a fact folded into twice is written once, as it ends."""
    last: dict[tuple[str, str], Record] = {}
    for table, record in puts:
        last[(table, record.id)] = record  # type: ignore[attr-defined]
    return [(table, record) for (table, _), record in last.items()]
