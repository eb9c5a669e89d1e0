"""The journal read at open: its lines kept as bytes and parsed one at a time, a torn tail left out."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store import db, journal, packing
from store.errors import SchemaTooNew, StoreCorrupt
from store.models import Target
from store.repository import FactStore
from store.repository.history import Unread

LINE = orjson.dumps([{"seq": 1, "group": 1}]) + b"\n"


@pytest.mark.parametrize(("data", "good", "torn"), [
    (b"", 0, False),
    (LINE, len(LINE), False),
    (LINE + b'[{"seq"', len(LINE), True),  # an append cut short before its newline
    (LINE + b"garbage\n", len(LINE), True),  # a crash mid-write with a stray newline
    (LINE + b"garbage\n  ", len(LINE), True),
    (LINE + b"  ", len(LINE), True),
])
def test_a_torn_tail_is_left_out(tmp_path: Path, data: bytes, good: int, torn: bool) -> None:
    path = tmp_path / db.JOURNAL
    path.write_bytes(data)
    read = journal.read_journal(path)
    assert (read.good_size, read.torn) == (good, torn)
    assert read.groups == ([[{"seq": 1, "group": 1}]] if good else [])


def test_a_damaged_line_before_the_last_is_damage_named_when_read(tmp_path: Path) -> None:
    path = tmp_path / db.JOURNAL
    path.write_bytes(LINE + b"garbage\n" + LINE)
    read = journal.read_journal(path)
    assert not read.torn
    with pytest.raises(StoreCorrupt, match="line 2 is not a group of changes"):
        read.groups


def test_the_undo_window_keeps_its_lines_as_bytes_until_undo_reads_them(starter_store: Path) -> None:
    kor = Target(kind="entity", id="country:KOR")
    with FactStore.open(starter_store) as store:
        for i in range(3):
            store.add_note(kor, f"note {i}")
    with FactStore.open(starter_store) as store:
        entries = list(store.undo_window.groups.values())
        assert entries and all(isinstance(e, Unread) and isinstance(e.line, bytes) for e in entries)
        assert store.undo_label() == "add note"
        assert store.undo() == "add note"
        assert [n.body for n in store.notes_on("entity", "country:KOR")] == ["note 0", "note 1"]


def _packed(seq: int, text: str = "x" * 5000) -> bytes:
    group = [{"seq": seq, "group": seq, "table": "notes", "op": "put", "id": f"n{seq}", "record": {"body": text}}]
    return packing.pack(group, orjson.dumps(group)) + b"\n"


def test_a_packed_line_is_unpacked_when_read(tmp_path: Path) -> None:
    path = tmp_path / db.JOURNAL
    path.write_bytes(LINE + _packed(2))
    read = journal.read_journal(path)
    assert (read.torn, read.good_size) == (False, path.stat().st_size)
    assert read.groups[1][0]["record"] == {"body": "x" * 5000}


@pytest.mark.parametrize("last", [False, True])
def test_a_damaged_packed_line_is_damage_named_when_read_never_a_torn_tail(tmp_path: Path, last: bool) -> None:
    head = orjson.loads(_packed(2))
    head[0]["crc"] += 1
    damaged = orjson.dumps(head) + b"\n"
    path = tmp_path / db.JOURNAL
    path.write_bytes(LINE + damaged + (b"" if last else LINE))
    read = journal.read_journal(path)
    assert not read.torn
    with pytest.raises(StoreCorrupt, match="line 2 is damaged"):
        read.groups


def test_a_packed_line_in_a_newer_format_is_refused_by_name_when_read(tmp_path: Path) -> None:
    head = orjson.loads(_packed(2))
    head[0][packing.KEY] = packing.VERSION + 1
    path = tmp_path / db.JOURNAL
    path.write_bytes(LINE + orjson.dumps(head) + b"\n")
    read = journal.read_journal(path)
    with pytest.raises(SchemaTooNew, match="line 2 was written by a newer alliances-tui"):
        read.groups
