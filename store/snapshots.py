"""The snapshot files of a store: which tables each holds, reading and checking them, and their seals.

A snapshot is a TinyDB file (JSON: table -> id -> document) with a ``meta``
table that says its schema version and the last journal ``seq`` it holds.
A seal (seals.json) records the size and checksum of each snapshot as this
program wrote it: a file whose bytes still match was validated before it was
written, so its records' models may be built when first read (store/records.py).
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import orjson

from store.durable import atomic_write
from store.errors import StoreCorrupt
from store.models import SCHEMA_VERSION
from store.snapshot_lines import RAW_TABLES, NotSplit, split_tables

FILES: dict[str, tuple[str, ...]] = {
    "facts.json": ("entities", "facts", "evidence_links"),
    "sources.json": ("sources", "excerpts"),
    "notes.json": ("annotations",),
}
TABLE_FILE: dict[str, str] = {table: name for name, tables in FILES.items() for table in tables}
# Tables added after schema 1, by the schema that added them: an older file lacks them until migrated.
TABLE_SINCE: dict[str, int] = {"evidence_links": 2}
META = "meta"
META_ID = "store"
# The files written a record a line, their rows kept as JSON bytes when sealed (store/snapshot_lines.py).
LINE_FILES = frozenset(TABLE_FILE[table] for table in RAW_TABLES)


def read_tables(path: Path) -> dict[str, dict[str, Any]]:
    return parse_tables(path, read_bytes(path))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreCorrupt(path, "is missing from the store (restore it from backups/ with `alliances-tui check --restore`)") from None
    except IsADirectoryError:
        raise StoreCorrupt(path, "is a folder where a store file should be") from None
    except PermissionError:
        raise StoreCorrupt(path, "cannot be read: permission denied") from None


def parse_tables(path: Path, raw: bytes) -> dict[str, dict[str, Any]]:
    if not raw.strip():
        raise StoreCorrupt(path, "is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreCorrupt(path, f"is not valid JSON, perhaps truncated ({exc})") from None
    if not isinstance(data, dict):
        raise StoreCorrupt(path, f"holds a JSON {type(data).__name__}, not TinyDB tables")
    return check_tables(path, data)


def parse_sealed(path: Path, raw: bytes) -> tuple[dict[str, dict[str, Any]], bool]:
    """The tables of a file whose seal matches, and whether it should be written again a record a line.

    In :data:`LINE_FILES` the rows of the raw tables stay JSON bytes (store/snapshot_lines.py): a
    file in an older form is split by a slower scan, and is worth rewriting once. Any form the
    split does not know is parsed whole, as an unsealed file is.
    """
    if path.name not in LINE_FILES:
        return parse_tables(path, raw), False
    try:
        data, in_lines = split_tables(raw)
    except NotSplit:
        return parse_tables(path, raw), True
    return check_tables(path, data), not in_lines


def check_tables(path: Path, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The shape of a file's tables: a schema version, the tables its name says, records that are objects."""
    meta = data.get(META, {}).get(META_ID) if isinstance(data.get(META), dict) else None
    if not isinstance(meta, dict) or not isinstance(meta.get("schema_version"), int):
        raise StoreCorrupt(path, "has no schema version (is it another program's file?)")
    if meta["schema_version"] > SCHEMA_VERSION:
        # A newer version may have other tables and shapes: the caller says "newer", not "damaged".
        return data
    for name, table in data.items():
        if not isinstance(table, dict):
            raise StoreCorrupt(path, f"table {name!r} is a JSON {type(table).__name__}, not an object of records")
        for key, doc in table.items():
            if not isinstance(doc, (dict, bytes)):  # bytes: a JSON object kept unparsed (parse_sealed)
                raise StoreCorrupt(path, f"is a JSON {type(doc).__name__}, not an object", record=f"{name}/{key}")
    version = meta["schema_version"]
    missing = [t for t in FILES[path.name] if t not in data and TABLE_SINCE.get(t, 1) <= version]
    if missing:
        # Not "no records": a file that lost a table has lost data.
        raise StoreCorrupt(path, f"has no {', '.join(missing)} table (is it damaged or another program's file?)")
    unknown = set(data) - set(FILES[path.name]) - {META}
    if unknown:
        raise StoreCorrupt(path, f"holds tables this store does not know: {', '.join(sorted(unknown))} (is it another program's file?)")
    return data


# --- seals: which snapshots are byte for byte what this program wrote ----------------

SEALS = "seals.json"


COVERED = "covered"  # seals.json: file name -> the last archived seq that file's snapshot is known to hold


def covered(seals: dict[str, Any]) -> dict[str, int]:
    covered = seals.get(COVERED)
    if not isinstance(covered, dict):
        return {}
    return {k: v for k, v in covered.items() if isinstance(v, int) and k in FILES}


def seal_of(data: bytes) -> dict[str, int]:
    return {"size": len(data), "crc32": zlib.crc32(data)}


def read_seals(folder: Path) -> dict[str, Any]:
    try:
        seals = orjson.loads((folder / SEALS).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}  # no seals: every record is validated at open, nothing is lost
    return seals if isinstance(seals, dict) else {}


def write_seals(folder: Path, written: dict[str, bytes]) -> None:
    """Record what was just written, so the next open can trust those files' records.

    Written after the snapshot itself: a crash in between leaves an old seal
    that no longer matches, which only costs a full validation.
    """
    seals = read_seals(folder)
    seals.update({name: seal_of(data) for name, data in written.items()})
    atomic_write(folder / SEALS, orjson.dumps(seals))


def meta_of(data: dict[str, dict[str, Any]]) -> dict[str, Any]:
    meta: dict[str, Any] = data[META][META_ID]
    return meta
