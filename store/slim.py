"""Journal lines without repetition: what a group of changes writes, and how it is read back.

An import's line was about 8× the article (a 90 KB article wrote 700 KB):
every excerpt repeated its passage (the source's text, already in the same
line) with a prefix and a suffix, every change repeated the group's label,
time and nulls, every update carried two whole records, and every record its
id and its default values. :func:`slim_group` drops what can be rebuilt
exactly; :func:`expand_group` rebuilds it. A line stays a JSON list of change
dicts with the keys of ``store.models.Change`` (older code parses it and
validates each change); only the records inside ``before``/``after`` may be
slim, marked with ``"~slim": 1``:

- ``id`` left out when it is the change's id; fields equal to the model's
  default left out (restored by validating the record and dumping it again);
- an excerpt whose source is written by the same group: ``quote`` becomes
  ``[len(prefix), len(suffix)]`` (the passage is ``text[start:end]``),
  ``source_id`` is left out when the excerpt's id names it
  (``exc:<key>:<n>`` of ``src:<key>``), mentions become ``[entity, start, end]``;
- a record's references to the group's own excerpts (``excerpt_id`` of an
  evidence link, ``evidence`` of a fact) become ``~:<n>`` when the group
  writes exactly one source ``src:<key>`` and the excerpt is ``exc:<key>:<n>``;
- ``updated`` left out when it equals ``created`` (every inserted record), and
  ``created`` when it equals the one the group's previous record wrote (an
  import stamps its links and facts with one time);
- an update's ``before`` becomes ``{"~patch": {field: old value}, "~drop":
  [fields it did not have]}`` against its ``after``;
- in a group, only the first change carries ``label``, ``at``, ``undoes`` and
  ``redoes``; ``before``/``after``/``undoes``/``redoes`` that are null are left out.

Nothing is slimmed unless expanding it gives back exactly the original
change: undo, redo and replay see the same records as before.

Slim, an import's line was still 3× the article; a line of 4 KB or more is
then packed, compressed behind a plain head (``store.packing``), and is
about the article's size.
"""

from __future__ import annotations

from typing import Any

from store.models import MODELS

SLIM = "~slim"
PATCH = "~patch"
DROP = "~drop"
_GROUP_FIELDS = ("label", "at", "undoes", "redoes")
_NULLABLE = ("before", "after", "undoes", "redoes")


def slim_group(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The changes (as ``Change.model_dump(mode="json")`` gives them) as the journal writes them."""
    if not changes:
        return changes
    texts = {c["id"]: c["after"].get("text", "") for c in changes if c["table"] == "sources" and c.get("after")}
    prefix = _excerpt_prefix(texts)
    head = changes[0]
    out = []
    for i, change in enumerate(changes):
        slim = _slim_change(change, texts, prefix)
        if i:
            for name in _GROUP_FIELDS:
                if slim.get(name) == head.get(name):
                    slim.pop(name, None)
        for name in _NULLABLE:
            if name in slim and slim[name] is None:
                del slim[name]
        out.append(slim)
    _share_created(out, drop=True)
    if expand_group(out) != changes:
        return changes  # whatever this module cannot rebuild exactly is written whole
    return out


def expand_group(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A journal line's changes, whole again (a line written whole is returned equal)."""
    if not changes:
        return changes
    if all(_whole(c) for c in changes):
        return changes  # written whole (by an older build, or not slimmable): nothing to rebuild
    head = changes[0]
    full = []
    for change in changes:
        c = dict(change)
        for name in _NULLABLE:
            c.setdefault(name, None)
        if change is not head:
            for name in _GROUP_FIELDS:
                if name not in change and name in head:
                    c[name] = head[name]
        full.append(c)
    _share_created(full, drop=False)
    # Everything but excerpts first: the group's excerpts take their passages from its sources' text.
    for c in full:
        if c.get("table") != "excerpts" and isinstance(c["after"], dict) and SLIM in c["after"]:
            c["after"] = _expand_record(c["table"], c["id"], c["after"], {}, keep_refs=True)
    texts = {c["id"]: c["after"].get("text", "") for c in full
             if c.get("table") == "sources" and isinstance(c["after"], dict)}
    prefix = _excerpt_prefix(texts)
    for c in full:
        if c.get("table") != "excerpts" and isinstance(c["after"], dict) and SLIM in c["after"]:
            _expand_refs(c["table"], c["after"], prefix)
            c["after"] = _expand_record(c["table"], c["id"], c["after"], {})
        if c.get("table") == "excerpts" and isinstance(c["after"], dict) and SLIM in c["after"]:
            c["after"] = _expand_record(c["table"], c["id"], c["after"], texts)
        if isinstance(c["before"], dict) and PATCH in c["before"]:
            base = c["after"] if isinstance(c["after"], dict) else {}
            drop = set(c["before"].get(DROP, ()))
            c["before"] = {**{k: v for k, v in base.items() if k not in drop}, **c["before"][PATCH]}
        elif isinstance(c["before"], dict) and SLIM in c["before"]:
            c["before"] = _expand_record(c["table"], c["id"], c["before"], {})
    return full


_KEYS = frozenset(("before", "after", "label", "at", "undoes", "redoes"))


def _whole(change: dict[str, Any]) -> bool:
    if not _KEYS <= change.keys():
        return False
    before, after = change["before"], change["after"]
    return not (isinstance(after, dict) and SLIM in after) and not (isinstance(before, dict) and (PATCH in before or SLIM in before))


# --- one change ----------------------------------------------------------------------

def _slim_change(change: dict[str, Any], texts: dict[str, str], prefix: str | None) -> dict[str, Any]:
    slim = dict(change)
    after, before = change.get("after"), change.get("before")
    if isinstance(after, dict):
        slim["after"] = _slim_record(change["table"], change["id"], after, texts)
        if prefix is not None:
            _slim_refs(change["table"], slim["after"], prefix)
    if isinstance(before, dict):
        if isinstance(after, dict):
            patch = {k: v for k, v in before.items() if after.get(k, _MISSING) != v}
            drop = [k for k in after if k not in before]
            slim["before"] = {PATCH: patch, **({DROP: drop} if drop else {})}
        else:
            slim["before"] = _slim_record(change["table"], change["id"], before, {})
    return slim


_MISSING = object()


def _defaults(table: str) -> dict[str, Any]:
    model = MODELS[table]
    found = {}
    for name, field in model.model_fields.items():
        if not field.is_required():
            value = field.get_default(call_default_factory=True)
            found[name] = value.value if hasattr(value, "value") and not isinstance(value, (str, int)) else value
    return found


_DEFAULTS: dict[str, dict[str, Any]] = {}


def _slim_record(table: str, rid: str, record: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    defaults = _DEFAULTS.get(table)
    if defaults is None:
        defaults = _DEFAULTS[table] = _defaults(table)
    slim: dict[str, Any] = {SLIM: 1}
    for key, value in record.items():
        if key == "id" and value == rid:
            continue
        if key in defaults and defaults[key] == value:
            continue
        if key == "updated" and "created" in record and value == record["created"]:
            continue
        slim[key] = value
    if table == "excerpts":
        _slim_excerpt(rid, record, slim, texts)
    return slim


def _slim_excerpt(rid: str, record: dict[str, Any], slim: dict[str, Any], texts: dict[str, str]) -> None:
    source_id = record.get("source_id", "")
    text = texts.get(source_id)
    quote = record.get("quote")
    start, end = record.get("start"), record.get("end")
    if text is not None and isinstance(quote, dict) and isinstance(start, int) and isinstance(end, int):
        prefix, suffix = quote.get("prefix", ""), quote.get("suffix", "")
        if (set(quote) <= {"exact", "prefix", "suffix"} and quote.get("exact") == text[start:end]
                and start >= len(prefix) and text[start - len(prefix):start] == prefix
                and text[end:end + len(suffix)] == suffix):
            slim["quote"] = [len(prefix), len(suffix)]
    if _source_of(rid) == source_id:
        slim.pop("source_id", None)
    mentions = record.get("mentions")
    if isinstance(mentions, list) and all(isinstance(m, dict) and list(m) == ["entity_id", "start", "end"] for m in mentions):
        if mentions:
            slim["mentions"] = [[m["entity_id"], m["start"], m["end"]] for m in mentions]


def _source_of(excerpt_id: str) -> str | None:
    """exc:<key>:<n> is an excerpt of src:<key>, as the importer names them."""
    if not excerpt_id.startswith("exc:") or ":" not in excerpt_id[4:]:
        return None
    return "src:" + excerpt_id[4:].rsplit(":", 1)[0]


def _expand_record(table: str, rid: str, slim: dict[str, Any], texts: dict[str, str], *,
                   keep_refs: bool = False) -> dict[str, Any]:
    record = {k: v for k, v in slim.items() if k != SLIM}
    record.setdefault("id", rid)
    if "created" in record and "updated" not in record and "updated" in MODELS[table].model_fields:
        record["updated"] = record["created"]
    if keep_refs and any(_is_ref(v) for name in REFS.get(table, ()) for v in _as_list(record.get(name))):
        # Left slim until the group's source is known (expand_group): the record is validated once its
        # references are whole.
        record[SLIM] = 1
        return record
    if table == "excerpts":
        if "source_id" not in record:
            record["source_id"] = _source_of(rid) or ""
        quote = record.get("quote")
        if isinstance(quote, list):
            text = texts.get(record["source_id"], "")
            start, end = record["start"], record["end"]
            plen, slen = quote
            record["quote"] = {"exact": text[start:end], "prefix": text[start - plen:start], "suffix": text[end:end + slen]}
        mentions = record.get("mentions")
        if isinstance(mentions, list):
            record["mentions"] = [
                {"entity_id": m[0], "start": m[1], "end": m[2]} if isinstance(m, list) else m for m in mentions
            ]
    try:
        # Defaults back, in the model's field order: the record as model_dump wrote it.
        return MODELS[table].model_validate(record).model_dump(mode="json")
    except Exception:  # noqa: BLE001 - a damaged record is reported by whoever validates it next
        return record


# --- references to the group's own excerpts ----------------------------------------------------

# Fields that name excerpts, by table: an import's links and facts point at the passages it writes.
REFS: dict[str, tuple[str, ...]] = {"evidence_links": ("excerpt_id",), "facts": ("evidence",)}
_REF = "~:"


def _excerpt_prefix(texts: dict[str, str]) -> str | None:
    """``exc:<key>:`` when the group writes exactly one source ``src:<key>``: its excerpts' ids begin so."""
    if len(texts) != 1:
        return None
    (source_id,) = texts
    return "exc:" + source_id[4:] + ":" if source_id.startswith("src:") else None


def _is_ref(value: object) -> bool:
    return isinstance(value, str) and value.startswith(_REF)


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _slim_refs(table: str, slim: dict[str, Any], prefix: str) -> None:
    for name in REFS.get(table, ()):
        value = slim.get(name)
        if isinstance(value, str) and value.startswith(prefix):
            slim[name] = _REF + value[len(prefix):]
        elif isinstance(value, list) and any(isinstance(v, str) and v.startswith(prefix) for v in value):
            slim[name] = [_REF + v[len(prefix):] if isinstance(v, str) and v.startswith(prefix) else v for v in value]


def _expand_refs(table: str, record: dict[str, Any], prefix: str | None) -> None:
    """Full excerpt ids back in a record that waited for them (see ``_expand_record``)."""
    if prefix is None:
        return  # no single source in the group: "~:n" stays as written, and validation reports it
    for name in REFS.get(table, ()):
        value = record.get(name)
        if isinstance(value, str) and _is_ref(value):
            record[name] = prefix + value[len(_REF):]
        elif isinstance(value, list):
            record[name] = [prefix + v[len(_REF):] if _is_ref(v) else v for v in value]


def _share_created(changes: list[dict[str, Any]], *, drop: bool) -> None:
    """``created`` left out of (``drop``) or put back into slim records, where it repeats the previous one's."""
    last: str | None = None
    for change in changes:
        record = change.get("after")
        model = MODELS.get(change.get("table", ""))
        if not (isinstance(record, dict) and SLIM in record and model is not None and "created" in model.model_fields):
            continue
        if "created" not in record:
            if not drop and last is not None:
                change["after"] = {**record, "created": last}
        elif drop and record["created"] == last:
            change["after"] = {k: v for k, v in record.items() if k != "created"}
        else:
            last = record["created"]
