"""Notes kept as their JSON bytes: the one-record-a-line snapshot, the older forms split, the fallbacks."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store import db
from store.errors import StoreCorrupt
from store.models import Target
from store.records import stored_doc, stored_field
from store.repository import FactStore
from store.snapshot_lines import NotSplit, dump_lines, encode_row, scan_tables, split_tables

NOTE = {"id": "note:1", "target": {"kind": "fact", "id": "fact:a"}, "body": 'braces { } "quoted" \\ and a\nbreak',
        "tags": ["x"], "created": "2025-01-01T00:00:00.000Z", "updated": "2025-01-01T00:00:00.000Z", "rev": 1}
TABLES = {
    "meta": {"store": {"schema_version": 3, "applied_seq": 7}},
    "annotations": {"note:1": NOTE, 'odd "key" \\ }{': {**NOTE, "id": "odd"}, "note:3": {**NOTE, "id": "note:3", "tags": []}},
}


def parsed(tables: dict) -> dict:
    return {name: {k: stored_doc(v) for k, v in rows.items()} for name, rows in tables.items()}


def test_a_record_a_line_round_trips_and_is_one_json_document() -> None:
    raw = dump_lines(TABLES)
    assert orjson.loads(raw) == TABLES  # older builds read it as they read any snapshot
    lines = raw.split(b"\n")
    assert lines[:3] == [b"{", b'"meta":{', b'"store":{"schema_version":3,"applied_seq":7}'] and len(lines) == 11
    tables, in_lines = split_tables(raw)
    assert in_lines and parsed(tables) == TABLES
    assert all(isinstance(v, bytes) for v in tables["annotations"].values())
    assert tables["meta"]["store"] == {"schema_version": 3, "applied_seq": 7}  # tables not kept raw are parsed
    assert dump_lines(tables) == raw  # rows kept as bytes are written back as they are


def test_a_sealed_row_is_kept_as_its_line_so_a_checkpoint_joins_the_rows_as_they_are() -> None:
    # At 100,000 notes a checkpoint runs on the writer while a save waits: each row kept as its ready
    # line ('"id":{...}') makes notes.json one join of a piece per note, not four.
    raw = dump_lines(TABLES)
    tables, _ = split_tables(raw)
    rows = tables["annotations"]
    assert list(rows.values()) == [orjson.dumps(k) + b":" + orjson.dumps(v) for k, v in TABLES["annotations"].items()]
    assert b",\n".join(rows.values()) in raw
    assert {k: stored_doc(v) for k, v in rows.items()} == TABLES["annotations"]
    assert dump_lines(tables) == raw == dump_lines({**tables, "annotations": {
        k: encode_row(k, doc) for k, doc in TABLES["annotations"].items()}})


def test_empty_tables_round_trip() -> None:
    tables = {"meta": {"store": {"schema_version": 3}}, "annotations": {}}
    assert split_tables(dump_lines(tables)) == (tables, True)


@pytest.mark.parametrize("option", [0, orjson.OPT_INDENT_2], ids=["compact", "indented"])
def test_older_whole_document_snapshots_are_split_by_a_scan(option: int) -> None:
    raw = orjson.dumps(TABLES, option=option)
    tables, in_lines = split_tables(raw)
    assert not in_lines and parsed(tables) == TABLES
    # Indented records are compacted: written back, each is one line.
    assert all(b"\n" not in v for v in tables["annotations"].values())
    assert orjson.loads(dump_lines(tables)) == TABLES


@pytest.mark.parametrize("raw", [
    b"", b"[]", b'{"meta":{}', b'{"meta":{"store":{}}} {}', b'{"annotations":{"a":5}}', b'{"annotations":[{"a":{}}]}',
    b'{\n"annotations":{\n"a":{}\n"b":{}\n}\n}\n', b'{\n"annotations":{\n"a":[]\n}\n}\n', b'{\n"annotations":{\n"a":{},\n}\n}\n',
])
def test_bytes_in_neither_form_are_not_split(raw: bytes) -> None:
    with pytest.raises(NotSplit):
        split_tables(raw)


def test_a_scan_skips_braces_and_quotes_inside_strings() -> None:
    raw = b'{"t":{"a":{"s":"}{\\"}","n":{"x":"{"}},"b":{}}}'
    assert parsed(scan_tables(raw, ("t",))) == orjson.loads(raw)


def test_a_store_of_notes_reopens_with_its_notes_as_bytes(starter_store: Path) -> None:
    kor = Target(kind="entity", id="country:KOR")
    with FactStore.open(starter_store) as store:
        ids = [store.add_note(kor, f"note {i}", tags=["t"] if i % 2 else []).id for i in range(5)]
    raw = (starter_store / "notes.json").read_bytes()
    assert raw.startswith(b'{\n"meta":{\n') and raw.count(b"\n") == 5 + 7
    with FactStore.open(starter_store) as store:
        assert store.annotations.built() == 0
        assert all(isinstance(dict.__getitem__(store.annotations, i), bytes) for i in ids)
        assert [n.id for n in store.notes_on("entity", "country:KOR")] == ids  # the index, in the order they were saved
        assert store.annotations.built() == 5
        assert sorted(store.annotations.scan("body", "tags")) == sorted((i, (f"note {n}", ["t"] if n % 2 else [])) for n, i in enumerate(ids))


def test_an_old_whole_document_notes_file_opens_and_is_written_a_line_a_record(starter_store: Path) -> None:
    kor = Target(kind="entity", id="country:KOR")
    with FactStore.open(starter_store) as store:
        ids = [store.add_note(kor, f"note {i}").id for i in range(3)]
    path = starter_store / "notes.json"
    old = orjson.dumps(orjson.loads(path.read_bytes()))  # what the build before wrote: one line
    path.write_bytes(old)
    db.write_seals(starter_store, {"notes.json": old})
    with FactStore.open(starter_store) as store:
        assert "notes.json" in store._files.sealed and store.annotations.built() == 0
        assert [n.id for n in store.notes_on("entity", "country:KOR")] == ids
    assert path.read_bytes().startswith(b'{\n"meta":{\n')  # rewritten at the close
    with FactStore.open(starter_store, readonly=True) as store:
        assert [n.body for n in store.notes_on("entity", "country:KOR")] == ["note 0", "note 1", "note 2"]


def test_a_damaged_note_in_a_sealed_file_is_reported_naming_file_and_record(starter_store: Path) -> None:
    kor = Target(kind="entity", id="country:KOR")
    with FactStore.open(starter_store) as store:
        note = store.add_note(kor, "a note")
    path = starter_store / "notes.json"
    # A record that is an object to the split but not valid JSON, under a matching seal (a forged one).
    raw = path.read_bytes().replace(b'"body":"a note"', b'"body":"a note}')
    path.write_bytes(raw)
    db.write_seals(starter_store, {"notes.json": raw})
    with pytest.raises(StoreCorrupt) as caught:
        with FactStore.open(starter_store) as store:
            store.note(note.id)
    assert str(path) in str(caught.value) and f"annotations/{note.id}" in str(caught.value)


def test_stored_rows_read_alike_as_bytes_dicts_and_models() -> None:
    raw = encode_row("note:1", NOTE)
    assert stored_field(raw, "body") == NOTE["body"] == stored_field(NOTE, "body")
    assert stored_doc(raw) == NOTE and stored_doc(NOTE) is NOTE


def test_rows_of_dicts_and_bytes_mixed_are_written_alike() -> None:
    rows = {"note:1": encode_row("note:1", NOTE), "note:2": {**NOTE, "id": "note:2"},
            "note:3": encode_row("note:3", {**NOTE, "id": "note:3"})}
    raw = dump_lines({"meta": TABLES["meta"], "annotations": rows})
    assert raw == dump_lines({"meta": TABLES["meta"], "annotations": {k: stored_doc(v) for k, v in rows.items()}})
    assert parsed(split_tables(raw)[0])["annotations"] == parsed({"a": rows})["a"]
