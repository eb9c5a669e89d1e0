"""Snapshots whose records stay JSON bytes until read: the one-record-a-line format, and splitting a sealed file.

A store of 100,000 notes held every note as a parsed dict (1.2 KB each) from
open to close, and ``orjson.loads`` of the whole 39 MB notes.json peaked at
250 MB on the way. The rows of :data:`RAW_TABLES` are instead kept as their
JSON bytes (a third of the size) and parsed when a record is read
(store/records.py). To find each record's bytes without parsing the file,
the files holding those tables are written one record a line::

    {
    "meta":{
    "store":{"schema_version":4,"applied_seq":12}
    },
    "annotations":{
    "note:1":{"id":"note:1",...},
    "note:2":{"id":"note:2",...}
    }
    }

still one JSON document of TinyDB tables (older builds read it unchanged). A
raw row is kept as its whole line, key and record (``"note:1":{...}``), so a
checkpoint writes a table of them as one join of a piece per row.
Only a sealed file is split (byte for byte what was written, so valid JSON
whose records were validated then); a file in the older whole-document forms
(indented, or compact on one line) is split by a scan of its braces, slower;
anything else is parsed whole by store/snapshots.py, as before.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

# Tables kept as JSON bytes: the user's notes, unbounded and read a few at a time (by target).
# Facts and excerpts stay dicts: the Sources view, search and the indices scan every one of them.
RAW_TABLES = ("annotations",)


class NotSplit(Exception):
    """The bytes are not in a form this module splits: the caller parses the file whole."""


# --- writing ---------------------------------------------------------------------------------------

def dump_lines(data: dict[str, dict[str, Any]]) -> bytes:
    """The tables as one JSON document, a line per record; rows may be dicts or their lines (bytes).

    A row kept as bytes is its whole line, key and record (``"id":{...}``, see :func:`encode_row`),
    from :func:`split_tables` or ``db.put``, neither of which keeps a line break in one. The document
    is one ``b",\\n".join`` of a piece per row, the file's head and each table's header and end glued
    onto the rows beside them: no Python step per row, and one buffer the size of the file (a second
    copy of 30 MB cost more than the join, in page faults). A checkpoint runs on the writer while the
    app draws and a save waits for it: with four pieces a row (key, colon, record, separator) and a
    second copy, notes.json at 100,000 notes took 2-3 times one orjson.dumps.
    """
    try:
        return _joined(data)
    except TypeError:  # a table of bytes with a dict among them: every row's line made here
        return _joined({name: {key: _line(key, row) for key, row in rows.items()} for name, rows in data.items()})


def _joined(data: dict[str, dict[str, Any]]) -> bytes:
    """The document, each table's rows taken as lines if its first row is bytes (TypeError if not all are)."""
    pieces: list[bytes] = []
    glue = b"{\n"  # written before the next piece
    for name, rows in data.items():
        glue += orjson.dumps(name) + b":{\n"
        if not rows:
            pieces.append(glue + b"}")
            glue = b""
            continue
        lines = list(rows.values())
        if type(lines[0]) is not bytes:  # a table kept as dicts (meta, facts): small, or written a line a row
            lines = [_line(key, row) for key, row in rows.items()]
        lines[0] = glue + lines[0]
        lines[-1] = lines[-1] + b"\n}"
        pieces += lines
        glue = b""
    if not pieces:
        return glue + b"}\n"
    pieces[-1] = pieces[-1] + b"\n}\n"
    return b",\n".join(pieces)


def _line(key: str, row: Any) -> bytes:
    return row if type(row) is bytes else orjson.dumps(key) + b":" + orjson.dumps(row)


def encode_row(key: str, doc: dict[str, Any]) -> bytes:
    """A record as a raw table keeps it: its line in the snapshot, ``"key":{...}`` (no line break)."""
    return orjson.dumps(key) + b":" + orjson.dumps(doc)  # a new bytes: orjson's own keeps a 4 KB buffer


def row_doc(line: bytes) -> Any:
    """The record of a row kept as its line (raises orjson.JSONDecodeError if the line is not one)."""
    [doc] = orjson.loads(b"{" + line + b"}").values()
    return doc


def rows_docs(lines: list[bytes]) -> list[Any] | None:
    """The records of many row lines, parsed as one object (a call per row cost twice as much);
    None if any line is not one key and its record."""
    try:
        docs = orjson.loads(b"{" + b",".join(lines) + b"}")
    except orjson.JSONDecodeError:
        return None
    return list(docs.values()) if len(docs) == len(lines) else None


# --- reading ---------------------------------------------------------------------------------------

_TABLE_HEADER = re.compile(rb'"([A-Za-z0-9_]+)":\{')
_CLOSE, _COMMA, _QUOTE, _COLON = b"}"[0], b","[0], b'"'[0], b":"[0]


def split_tables(raw: bytes, raw_tables: tuple[str, ...] = RAW_TABLES) -> tuple[dict[str, dict[str, Any]], bool]:
    """The tables of a sealed file, the rows of ``raw_tables`` as JSON bytes and the others parsed;
    and whether the file was in the one-record-a-line form (else it was scanned, see :func:`scan_tables`).

    Raises :class:`NotSplit` for bytes in neither form. Slices the bytes as it goes: no list of
    lines, no parsed record (each a copy that would double the peak).
    """
    if not raw.startswith(b"{\n\""):
        return scan_tables(raw, raw_tables), False
    tables: dict[str, dict[str, Any]] = {}
    pos = 2
    while True:
        nl = raw.find(b"\n", pos)
        header = _TABLE_HEADER.fullmatch(raw, pos, nl) if nl > 0 else None
        if header is None:
            raise NotSplit("a table header was expected")
        name = header[1].decode()
        rows: dict[str, bytes] = {}
        open_row = False  # the previous record line had no comma: only the table's end may follow
        while True:
            pos = nl + 1
            nl = raw.find(b"\n", pos)
            if nl < 0:
                raise NotSplit(f"table {name} is not closed")
            if raw[pos] == _CLOSE:
                closer = raw[pos:nl]
                if closer not in (b"}", b"},") or (rows and not open_row):
                    raise NotSplit(f"table {name} does not end as written")
                break
            if open_row:
                raise NotSplit("a record line lacks its comma")
            end = nl - 1 if raw[nl - 1] == _COMMA else nl
            open_row = end == nl
            q = raw.find(b'"', pos + 1, end)
            if raw[pos] != _QUOTE or q < 0 or raw.find(b"\\", pos + 1, q) >= 0 or raw[q + 1] != _COLON:
                key, value = _escaped_key(raw[pos:end])
            else:
                key, value = raw[pos + 1:q].decode(), raw[q + 2:end]
            if not (value[:1] == b"{" and value[-1:] == b"}"):
                raise NotSplit(f"record {key!r} is not a JSON object")
            rows[key] = raw[pos:end] if name in raw_tables else value  # a raw row: its line as written
        tables[name] = rows if name in raw_tables else {key: orjson.loads(value) for key, value in rows.items()}
        pos = nl + 1
        if closer == b"}":
            break
    if raw[pos:] != b"}\n":
        raise NotSplit("the document does not end after its last table")
    return tables, True


def _escaped_key(line: bytes) -> tuple[str, bytes]:
    """A record line whose key holds an escape (a quote, say): orjson reads the key."""
    try:
        parsed = orjson.loads(b"{" + line + b"}")
    except orjson.JSONDecodeError:
        raise NotSplit("a record line is not JSON") from None
    if not isinstance(parsed, dict) or len(parsed) != 1:
        raise NotSplit("a record line is not one key and its record")
    [(key, doc)] = parsed.items()
    return key, orjson.dumps(doc)  # a raw table keeps the line itself


# A run of anything but braces and strings, or a whole string, up to a brace outside strings.
# Possessive, so the scan is linear: each match ends at the next brace of the document's structure.
_TO_BRACE = re.compile(rb'(?:[^"{}]++|"(?:[^"\\]++|\\.)*+")*+[{}]', re.S)
_OPEN = ord("{")


def scan_tables(raw: bytes, raw_tables: tuple[str, ...] = RAW_TABLES) -> dict[str, dict[str, Any]]:
    """The tables of a sealed file in the older whole-document forms (indented, or on one line).

    Follows the braces outside strings: each object two deep is a record, whose
    key is the string just before it. About 0.3 s for 100,000 notes, against a
    fraction of that for a file a line per record.
    """
    tables: dict[str, dict[str, Any]] = {}
    rows: dict[str, Any] = {}
    depth, after, start, key = 0, 0, 0, ""
    for match in _TO_BRACE.finditer(raw):
        end = match.end()
        if raw[end - 1] == _OPEN:
            depth += 1
            if depth == 1:
                if raw[:end - 1].strip():
                    raise NotSplit("the document is not an object")
            elif depth == 2:
                name = _key_before(raw[after:end - 1], first=not tables)
                rows = tables[name] = {}
            elif depth == 3:
                key, start = _key_before(raw[after:end - 1], first=not rows), end - 1
            if depth <= 2:
                after = end
        else:
            if depth == 3:
                value = raw[start:end]
                # Indented (only small stores were, and the starter store): compact, a line each when written.
                value = _compact(value) if b"\n" in value else value
                # A raw row's line made now, a new bytes of its own size: kept until the end of the scan,
                # orjson's output (4 KB of buffer each) cost 400 MB at 100,000 notes.
                rows[key] = orjson.dumps(key) + b":" + value if name in raw_tables else value
            elif depth <= 2:
                if raw[after:end - 1].strip():
                    raise NotSplit("a table holds something other than records")
            if depth == 1:
                if raw[end:].strip():
                    raise NotSplit("the document does not end after its last table")
            if depth <= 3:
                after = end
            depth -= 1
            if depth < 0:
                raise NotSplit("unbalanced braces")
    if depth or not tables:
        raise NotSplit("the document is not a complete object of tables")
    for name in tables:
        if name not in raw_tables:
            tables[name] = {k: orjson.loads(v) for k, v in tables[name].items()}
    return tables


def _compact(value: bytes) -> bytes:
    return memoryview(orjson.dumps(orjson.loads(value))).tobytes()  # copied out of orjson's 4 KB buffer


def _key_before(between: bytes, *, first: bool) -> str:
    """The key of the object that follows ``between`` (the text since the previous brace of depth 2 or less)."""
    text = between.strip()
    if not first:
        if not text.startswith(b","):
            raise NotSplit("records are not separated by commas")
        text = text[1:].lstrip()
    if not text.endswith(b":"):
        raise NotSplit("a record has no key")
    text = text[:-1].rstrip()
    if not (text.startswith(b'"') and text.endswith(b'"') and len(text) >= 2):
        raise NotSplit("a key is not a string")
    inner = text[1:-1]
    if b"\\" not in inner and b'"' not in inner:
        return inner.decode()
    try:
        key = orjson.loads(text)
    except orjson.JSONDecodeError:
        raise NotSplit("a key is not a JSON string") from None
    if not isinstance(key, str):
        raise NotSplit("a key is not a string")
    return key


def raw_to_docs(data: dict[str, dict[str, Any]]) -> None:
    """Parse every JSON-bytes row in place (for code that needs dicts: a migration)."""
    for rows in data.values():
        for key, value in rows.items():
            if isinstance(value, bytes):
                rows[key] = row_doc(value)
