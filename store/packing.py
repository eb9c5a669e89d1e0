"""Large journal lines packed: their changes compressed behind a plain head (schema 4).

Slim (store.slim), an import's line was still 3× its article: the article's
text, each passage's offsets and mentions, each proposed fact and link, and
each change's head. A line of ``PACK_FROM`` bytes or more is written packed
when that is smaller; a note save (a few hundred bytes) stays plain JSON and
costs nothing more. A packed line is a JSON list holding one dict, whose
fields come in this order::

    [{"~v": 1, "seq": [first, last], "group": g, "at": …, "label": …, "undoes": …, "redoes": …,
      "runs": [[table, op, count], …], "crc": <crc32 of the body>, "zlib": "<base64>"}]

``zlib`` is the slim line's JSON (exactly what would have been written plain),
zlib-compressed at level 6 and base64-encoded (the C codec: base85 is 6 %
smaller but some 70× slower in Python). ``undoes``/``redoes`` are there only when
set. The head before it stays legible whatever happens to the body, so
``check`` and ``check --restore`` still name every change of a damaged line by
seq, table, time and label (not by id: ids are in the body). The body is
checked twice: ``crc`` over its base64 text, and zlib's own Adler-32 over
what it inflates to; then the head is checked against the changes.

``~v`` is the line format. A line with a ``~v`` this build does not know is
refused with a sentence naming the version, never read as damage. Builds
before schema 4 do not know packed lines; they never see one, because a
store is migrated to schema 4 (its snapshots rewritten) before its first
packed line is written, and they refuse schema 4 by name. Should one reach
them anyway, its first change has no integer ``seq``: they refuse it as a
damaged line rather than skip it.
"""

from __future__ import annotations

import binascii
import zlib
from typing import Any

import orjson

VERSION = 1
KEY = "~v"
BODY = "zlib"
PACK_FROM = 4096  # bytes of plain JSON; a note save is a few hundred
# What a body may inflate to: an import's slim line is about 3× its article, and an article is at most
# 10 MB (store.pipeline.reading.MAX_BYTES). A body that inflates further is no line of ours (a "zip
# bomb" in a foreign or damaged journal): refused as damage, in bounded memory.
MAX_INFLATED = 64 * 1024 * 1024
LEVEL = 6  # 9–17 % smaller than level 1 on an import line, for 0.2 ms more (5 ms at 90 KB of article)
_GROUP_FIELDS = ("group", "at", "label", "undoes", "redoes")


class NewerLine(Exception):
    """A line in a format a newer alliances-tui writes."""

    def __init__(self, version: object) -> None:
        self.version = version
        super().__init__(f"journal line format {version}; this one reads up to {VERSION}")


class DamagedLine(Exception):
    """A packed line whose body or head does not hold together; the message says how."""


def is_packed(group: list[dict[str, Any]]) -> bool:
    return len(group) == 1 and KEY in group[0]


def pack(group: list[dict[str, Any]], plain: bytes) -> bytes:
    """The packed line (no newline) of ``group``, whose plain JSON is ``plain``."""
    head: dict[str, Any] = {KEY: VERSION, "seq": [group[0].get("seq"), group[-1].get("seq")]}
    first = group[0]
    for name in _GROUP_FIELDS:
        if first.get(name) is not None:
            head[name] = first[name]
    head["runs"] = runs_of(group)
    body = binascii.b2a_base64(zlib.compress(plain, LEVEL), newline=False)
    head["crc"] = zlib.crc32(body)
    head[BODY] = body.decode("ascii")
    return orjson.dumps([head])


def runs_of(group: list[dict[str, Any]]) -> list[list[Any]]:
    """[table, op, count] for each run of changes to one table with one op, in order."""
    runs: list[list[Any]] = []
    for change in group:
        key = [change.get("table"), change.get("op")]
        if runs and runs[-1][:2] == key:
            runs[-1][2] += 1
        else:
            runs.append([*key, 1])
    return runs


def unpack(head: dict[str, Any]) -> list[dict[str, Any]]:
    """The slim changes a packed line holds; NewerLine or DamagedLine when they cannot be had."""
    version = head.get(KEY)
    if version != VERSION:
        if type(version) is int and version > VERSION:
            raise NewerLine(version)
        raise DamagedLine(f"its format {version!r} is not one any alliances-tui writes")
    body = head.get(BODY)
    if not isinstance(body, str):
        raise DamagedLine("its compressed changes are missing")
    raw = body.encode("ascii", "replace")
    if zlib.crc32(raw) != head.get("crc"):
        raise DamagedLine("its compressed changes do not match their checksum")
    try:
        inflater = zlib.decompressobj()
        plain = inflater.decompress(binascii.a2b_base64(raw, strict_mode=True), MAX_INFLATED)
        if inflater.unconsumed_tail:
            raise DamagedLine(f"its compressed changes inflate past {MAX_INFLATED // 2**20} MB, more than any line "
                              "alliances-tui writes")
        if not inflater.eof:
            raise DamagedLine("its compressed changes are cut short")
        group = orjson.loads(plain)
    except (binascii.Error, zlib.error, orjson.JSONDecodeError) as exc:
        raise DamagedLine(f"its compressed changes cannot be read ({exc})") from None
    if not isinstance(group, list) or not group or not all(isinstance(c, dict) for c in group):
        raise DamagedLine("its compressed changes are not a group of changes")
    if (head.get("seq") != [group[0].get("seq"), group[-1].get("seq")] or head.get("runs") != runs_of(group)
            or any(head.get(name) != group[0].get(name) for name in _GROUP_FIELDS)):
        raise DamagedLine("its head does not match its changes")
    return group


def heads(head: dict[str, Any]) -> list[dict[str, Any]]:
    """What a packed line's head still tells of each change (seq, at, op, table, label; no id)."""
    try:
        first, last = head["seq"]
        runs = [(str(t), str(op), int(n)) for t, op, n in head["runs"]]
    except (KeyError, TypeError, ValueError):
        return []
    if type(first) is not int or type(last) is not int or sum(n for _, _, n in runs) != last - first + 1:
        return []  # seqs that do not follow one another (a restore dropped some): no change can be placed
    at, label = head.get("at"), head.get("label")
    found, seq = [], first
    for table, op, n in runs:
        for _ in range(n):
            found.append({"seq": seq, "at": at if isinstance(at, str) else "", "op": op, "table": table,
                          "id": None, "label": label if isinstance(label, str) else ""})
            seq += 1
    return found


def salvage(raw: bytes) -> list[dict[str, Any]]:
    """The heads of a packed line that no longer parses: its head comes before its body, so it is read alone."""
    start = raw.find(b'{"' + KEY.encode() + b'":')
    cut = raw.find(b',"' + BODY.encode() + b'":"')
    if start < 0 or cut < 0:
        return []
    try:
        head = orjson.loads(raw[start:cut] + b"}")
    except orjson.JSONDecodeError:
        return []
    return heads(head) if isinstance(head, dict) else []
