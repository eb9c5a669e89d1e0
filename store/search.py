"""Search everything, and the saved lists: what "Search everything" and its lists find in a store.

In: a store and what the user typed. Out: :class:`Hit`\\ s grouped by kind (alliances and countries,
facts, quotes, notes, tags, sources), each naming the record to go to. A query is words that must all
appear (case and accents ignored), in any field of the record: names and aliases, quotes, note bodies
and tags (``#todo`` or ``todo``), source titles, publishers and addresses, fact qualifiers.

Records are read as the table holds them: a snapshot file's records stay raw documents until a
query needs their model (store/records.py), so a search over 100,000 quotes reads the documents'
fields instead of building 100,000 models.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal
from weakref import WeakKeyDictionary

from store.models import Annotation, Fact, FactStatus, TargetKind
from store.records import stored_doc, stored_field, stored_rows

if TYPE_CHECKING:
    from store.repository import FactStore

Kind = Literal["entity", "fact", "excerpt", "note", "tag", "source"]
KINDS: tuple[Kind, ...] = ("entity", "fact", "excerpt", "note", "tag", "source")
KIND_TITLES: dict[Kind, str] = {
    "entity": "Alliances and countries", "fact": "Facts", "excerpt": "Quotes",
    "note": "Notes", "tag": "Tags", "source": "Sources",
}
_TABLES: tuple[tuple[str, Kind], ...] = (
    ("entities", "entity"), ("facts", "fact"), ("excerpts", "excerpt"), ("annotations", "note"), ("sources", "source"),
)
# What a count of each kind is called: "1 quote", "3 notes".
KIND_NOUNS: dict[Kind, tuple[str, str]] = {
    "entity": ("name", "names"), "fact": ("fact", "facts"), "excerpt": ("quote", "quotes"),
    "note": ("note", "notes"), "tag": ("tag", "tags"), "source": ("source", "sources"),
}
PER_KIND = 50  # hits kept per kind: the screen shows a page of each, and says how many more


@dataclass(frozen=True, slots=True)
class Hit:
    kind: Kind
    id: str  # the record's id; for a tag, the tag
    text: str  # what matched, as stored (the screen cleans it)
    target_kind: str = ""  # a note's target ("fact", "entity", "excerpt"), where enter goes
    target_id: str = ""


@dataclass(frozen=True)
class Results:
    hits: dict[Kind, list[Hit]]
    totals: dict[Kind, int]  # before the PER_KIND cut

    @property
    def empty(self) -> bool:
        return not any(self.totals.values())


def counted(kind: Kind, n: int) -> str:
    return f"{n} {KIND_NOUNS[kind][0 if n == 1 else 1]}"


def citing(store: FactStore, source_id: str) -> list[Fact]:
    """The facts that name the source among their references (a treaty text, a data set's page)."""
    ids = [fid for fid, f in _rows(store.facts) if source_id in (_get(f, "references") or ())]
    return [store.fact(i) for i in ids if i in store.facts]


def fold(text: str) -> str:
    """Text as a query compares it: case folded, accents dropped ("Séoul" finds "seoul")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)) if not decomposed.isascii() else decomposed


def words(query: str) -> list[str]:
    """The words a record must all contain; a leading '#' (a tag as notes show it) is not part of the word."""
    return [w.lstrip("#") for w in fold(query).split() if w.lstrip("#")]


def search(store: FactStore, query: str, *, per_kind: int = PER_KIND) -> Results:
    needles = words(query)
    hits: dict[Kind, list[Hit]] = {k: [] for k in KINDS}
    totals: dict[Kind, int] = dict.fromkeys(KINDS, 0)
    if not needles:
        return Results(hits, totals)
    index = _INDEXES.setdefault(store, _Index())
    tags: Counter[str] = Counter()
    for table, kind in _TABLES:
        for hit, haystack, note_tags in index.entries(table, getattr(store, table)):
            tags.update(note_tags)
            if all(n in haystack for n in needles):
                totals[kind] += 1
                if len(hits[kind]) < per_kind:
                    hits[kind].append(hit)
    for tag in sorted(tags, key=str.casefold):
        if all(n in fold(tag) for n in needles):
            totals["tag"] += 1
            if len(hits["tag"]) < per_kind:
                hits["tag"].append(Hit("tag", tag, f"#{tag} ({tags[tag]})"))
    return Results(hits, totals)


Entry = tuple[Hit, str, tuple[str, ...]]  # the hit, the folded text it is found by, a note's tags


class _Index:
    """Each record's folded text, kept while the record is the same object.

    A write replaces a record (never edits it in place), and a raw document is replaced once by its
    model: either way the entry is made again. Folding 130,000 records took a second; comparing
    identities and searching folded text takes a tenth of that.
    """

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, tuple[Any, Entry | None]]] = {}

    def entries(self, name: str, table: Mapping[str, Any]) -> Iterator[Entry]:
        cache = self._tables.setdefault(name, {})
        rows = _rows(table)
        if len(cache) > 2 * len(rows) + 1000:
            live = {rid for rid, _ in rows}
            for gone in [rid for rid in cache if rid not in live]:
                del cache[gone]
        for rid, record in rows:
            kept = cache.get(rid)
            if kept is None or kept[0] is not record:
                kept = cache[rid] = (record, _entry(name, rid, record))
            if kept[1] is not None:
                yield kept[1]


_INDEXES: WeakKeyDictionary[FactStore, _Index] = WeakKeyDictionary()


def _entry(table: str, rid: str, r: Any) -> Entry | None:
    r = stored_doc(r)  # a note kept as JSON bytes: parsed once for its fields
    if table == "entities":
        if _get(r, "rejected"):
            return None
        name = _get(r, "name") or rid
        return Hit("entity", rid, name), fold(" ".join((name, _get(r, "short_name") or "", *(_get(r, "aliases") or ())))), ()
    if table == "facts":
        qualifiers = _get(r, "qualifiers") or {}
        if not qualifiers:
            return None
        text = "; ".join(f"{k}: {v}" for k, v in qualifiers.items())
        return Hit("fact", rid, text), fold(text), ()
    if table == "excerpts":
        quote = _get(r, "quote")
        exact = quote.get("exact", "") if isinstance(quote, dict) else getattr(quote, "exact", "")
        return Hit("excerpt", rid, exact), fold(exact), ()
    if table == "annotations":
        target = _get(r, "target")
        kind, target_id = (target.get("kind", ""), target.get("id", "")) if isinstance(target, dict) else (target.kind.value, target.id)
        tags = tuple(_get(r, "tags") or ())
        body = _get(r, "body") or ""
        return Hit("note", rid, body, kind, target_id), fold(" ".join((body, *("#" + t for t in tags)))), tags
    title = _get(r, "title") or rid
    return Hit("source", rid, title), fold(" ".join((title, _get(r, "publisher") or "", _get(r, "url") or ""))), ()


# --- saved lists ---------------------------------------------------------------------------------

def all_tags(store: FactStore) -> Counter[str]:
    """Every tag on a note, with how many notes carry it."""
    found: Counter[str] = Counter()
    for _, (tags, _) in store.annotations.scan("tags", "id"):  # a scan parses notes kept as bytes a batch at a time
        found.update(tags or ())
    return found


def notes(store: FactStore, tag: str | None = None) -> list[Annotation]:
    """Every note (or those tagged ``tag``), newest change first."""
    chosen = [(updated or "", nid) for nid, (tags, updated) in store.annotations.scan("tags", "updated")
              if tag is None or tag in (tags or ())]
    chosen.sort(key=itemgetter(0), reverse=True)
    return [store.note(nid) for _, nid in chosen]


def facts_with_status(store: FactStore, status: FactStatus | str) -> list[Fact]:
    wanted = FactStatus(status).value
    ids = [fid for fid, f in _rows(store.facts) if _status(f) == wanted]
    return [store.fact(i) for i in ids if i in store.facts]


def recently_changed(store: FactStore, limit: int = 50) -> list[Fact]:
    """Facts by their last change, newest first."""
    stamped = sorted(((_get(f, "updated") or "", fid) for fid, f in _rows(store.facts)), reverse=True)[:limit]
    return [store.fact(fid) for _, fid in stamped if fid in store.facts]


def note_target(note: Annotation) -> tuple[TargetKind, str]:
    return note.target.kind, note.target.id


# --- reading rows raw or built -------------------------------------------------------------------

_rows = stored_rows
_get = stored_field


def _status(fact: Any) -> str:
    status = _get(fact, "status")
    return str(status.value if isinstance(status, FactStatus) else status or FactStatus.UNREVIEWED.value)
