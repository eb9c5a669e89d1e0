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
- an update's ``before`` becomes ``{"~patch": {field: old value}, "~drop":
  [fields it did not have]}`` against its ``after``;
- in a group, only the first change carries ``label``, ``at``, ``undoes`` and
  ``redoes``; ``before``/``after``/``undoes``/``redoes`` that are null are left out.

Nothing is slimmed unless expanding it gives back exactly the original
change: undo, redo and replay see the same records as before.
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
    head = changes[0]
    out = []
    for i, change in enumerate(changes):
        slim = _slim_change(change, texts)
        if i:
            for name in _GROUP_FIELDS:
                if slim.get(name) == head.get(name):
                    slim.pop(name, None)
        for name in _NULLABLE:
            if name in slim and slim[name] is None:
                del slim[name]
        out.append(slim)
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
    # Everything but excerpts first: the group's excerpts take their passages from its sources' text.
    for c in full:
        if c.get("table") != "excerpts" and isinstance(c["after"], dict) and SLIM in c["after"]:
            c["after"] = _expand_record(c["table"], c["id"], c["after"], {})
    texts = {c["id"]: c["after"].get("text", "") for c in full
             if c.get("table") == "sources" and isinstance(c["after"], dict)}
    for c in full:
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

def _slim_change(change: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    slim = dict(change)
    after, before = change.get("after"), change.get("before")
    if isinstance(after, dict):
        slim["after"] = _slim_record(change["table"], change["id"], after, texts)
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


def _expand_record(table: str, rid: str, slim: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    record = {k: v for k, v in slim.items() if k != SLIM}
    record.setdefault("id", rid)
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
