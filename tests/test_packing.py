"""Large journal lines are packed (store/packing.py): an import's line near its article's size (issue 13).

Packed lines must read back exactly, old plain lines must still replay, a
damaged packed line is named like any damaged line (with what its head still
tells), a torn one is dropped like any torn line, and a line in a format a
newer alliances-tui writes is refused by name, never taken for damage.
"""

from __future__ import annotations

import binascii
import zlib
from pathlib import Path

import orjson
import pytest

from store import backups, db, journal, packing, slim
from store.check import check_store
from store.errors import SchemaTooNew, StoreCorrupt
from store.models import SCHEMA_VERSION, Entity, EntityKind, Fact, Origin, Target
from store.repository import FactStore
from store.restore import restore_store

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "data" / "import" / "baltic-to-pacific.md"
KOR = Target(kind="entity", id="country:KOR")


def lines(folder: Path) -> list[bytes]:
    path = folder / db.JOURNAL
    return path.read_bytes().splitlines(keepends=True) if path.exists() else []


def write_lines(folder: Path, new: list[bytes]) -> None:
    (folder / db.JOURNAL).write_bytes(b"".join(new))


def import_article(store: FactStore, article: Path = ARTICLE) -> bytes:
    from store.pipeline.importer import import_files

    before = len(b"".join(lines(store.folder)))
    import_files(store, [article])
    return b"".join(lines(store.folder))[before:]


def records(store: FactStore) -> dict[str, dict[str, object]]:
    return {name: {k: r.model_dump() for k, r in getattr(store, name).items()}
            for name in ("entities", "facts", "sources", "excerpts", "evidence_links", "annotations")}


def bulk_import(store: FactStore, n: int = 60, label: str = "import bulk") -> None:
    """An import of ``n`` facts: a line well past PACK_FROM, made without the article pipeline."""
    subject = next(iter(store.facts.values())).subject
    bulk = Entity(id="alliance:bulk", kind=EntityKind.ALLIANCE, name="Bulk")
    facts = [Fact(id=f"fact:bulk-{i}", subject=subject, relation="member_of", object="alliance:bulk",
                  start="2001", origin=Origin.IMPORT) for i in range(n)]
    store.add_records(label, [("entities", bulk), *(("facts", f) for f in facts)])


# --- the figure ------------------------------------------------------------------------------------

def test_an_import_line_is_at_most_1_2_times_its_article(starter: FactStore) -> None:
    """Was 3.0× slim and plain (8.2× before store.slim); packed: about 1.13×."""
    line = import_article(starter)
    assert line.count(b"\n") == 1 and line.startswith(b'[{"~v":1,')
    ratio = len(line) / ARTICLE.stat().st_size
    assert ratio <= 1.2, f"{ratio:.2f}× the article"


def test_a_note_save_stays_a_plain_line(tiny: FactStore) -> None:
    tiny.add_note(KOR, "short")
    [line] = lines(tiny.folder)
    [change] = orjson.loads(line)
    assert change["seq"] == 1 and change["after"]["body"] == "short"


# --- round trips -------------------------------------------------------------------------------------

def test_a_packed_line_reads_back_exactly_the_slim_changes_it_was_made_of(starter: FactStore) -> None:
    line = import_article(starter)
    group = journal.decode(line, Path("journal.jsonl"), 1)
    assert journal.encode(group) == line  # the same bytes again: packing is deterministic
    plain = orjson.dumps(group)
    assert len(plain) > 2.5 * len(line)
    whole = slim.expand_group(group)
    assert [c["seq"] for c in whole] == list(range(group[0]["seq"], group[-1]["seq"] + 1))
    assert slim.slim_group(whole) == group


def test_an_import_replays_undoes_and_redoes_whole_across_restarts(
    starter_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = starter_store
    with monkeypatch.context() as m:
        m.setattr(db.StoreFiles, "checkpoint", lambda self: None)  # a crash: only the journal has the import
        with FactStore.open(folder, create=False) as starter:
            before = records(starter)
            import_article(starter)
            after = records(starter)
            history = [c.model_dump() for c in starter.history()]
    with FactStore.open(folder, create=False) as store:  # replayed from the packed line
        assert records(store) == after
        assert [c.model_dump() for c in store.history()] == history
        label = store.undo_label()
        assert label and label.startswith("import ")
    with FactStore.open(folder, create=False) as store:
        assert store.undo() == label
        assert records(store) == before  # the import's group undone whole
    with FactStore.open(folder, create=False) as store:
        assert records(store) == before
        assert store.redo() == label
    with FactStore.open(folder, create=False) as store:
        assert records(store) == after
        assert store.undo() == label  # the redo's line is packed too, and reads back
        assert records(store) == before


def test_lines_written_plain_by_older_builds_still_replay(tiny_store: Path) -> None:
    """Whole lines (before store.slim) and slim ones (schema 3) beside packed ones, read in one journal."""
    with FactStore.open(tiny_store, create=False) as store:
        note = store.add_note(KOR, "first")
        bulk_import(store)
        store.edit_note(note.id, "second")
        expected = records(store)
    old = lines(tiny_store)
    assert old[1].startswith(b'[{"~v":1,')
    group = journal.decode(old[1], tiny_store / db.JOURNAL, 2)
    whole = orjson.dumps(slim.expand_group(journal.decode(old[0], tiny_store / db.JOURNAL, 1))) + b"\n"
    # As schema 3 wrote them: the import slim and plain, the first note whole (as before store.slim).
    write_lines(tiny_store, [whole, orjson.dumps(group) + b"\n", old[2]])
    for name in db.FILES:  # snapshots that lack all three lines: everything replays from the journal
        data = orjson.loads((tiny_store / name).read_bytes())
        data[db.META][db.META_ID]["applied_seq"] = 0
        for table in db.FILES[name]:
            data[table] = {k: v for k, v in data[table].items() if not (k.startswith("note:") or "bulk" in k)}
        (tiny_store / name).write_bytes(orjson.dumps(data))
    with FactStore.open(tiny_store, create=False) as store:
        assert records(store) == expected
        assert store.undo() == "edit note" and store.undo() == "import bulk"
        assert "fact:bulk-0" not in store.facts and store.note(note.id).body == "first"
    assert check_store(tiny_store) == []


def test_a_schema_3_store_is_migrated_before_its_first_packed_line(tiny_store: Path) -> None:
    with FactStore.open(tiny_store, create=False) as store:
        store.add_note(KOR, "from schema 3")
    for name in db.FILES:
        data = orjson.loads((tiny_store / name).read_bytes())
        data[db.META][db.META_ID]["schema_version"] = 3
        (tiny_store / name).write_bytes(orjson.dumps(data))
    plain = lines(tiny_store)
    with FactStore.open(tiny_store, create=False) as store:
        for name in db.FILES:  # on disk before anything can be appended
            assert orjson.loads((tiny_store / name).read_bytes())[db.META][db.META_ID]["schema_version"] == SCHEMA_VERSION == 4
        bulk_import(store)
        assert [n.body for n in store.annotations.values()] == ["from schema 3"]
    assert lines(tiny_store)[:1] == plain and lines(tiny_store)[1].startswith(b'[{"~v":1,')


def test_compaction_archives_packed_lines_as_they_are_and_history_reads_them(tiny_store: Path) -> None:
    with FactStore.open(tiny_store, create=False, undo_depth=2) as store:
        bulk_import(store)
        packed = lines(tiny_store)[0]
        for i in range(6):
            store.add_note(KOR, f"note {i}")
    archived = [line for _, _, path in journal.list_archives(tiny_store) for line in path.read_bytes().splitlines(keepends=True)]
    assert archived[0] == packed
    with FactStore.open(tiny_store, create=False, undo_depth=2) as store:
        history = store.full_history()
        assert sum(1 for c in history if c.label == "import bulk") == 61
        assert [c.seq for c in history] == list(range(1, len(history) + 1))


# --- damage --------------------------------------------------------------------------------------

def _flip_body_char(line: bytes) -> bytes:
    at = line.index(b'"zlib":"') + 200
    return line[:at] + (b"A" if line[at:at + 1] != b"A" else b"B") + line[at + 1:]


@pytest.mark.parametrize("damage", ["a changed character", "a bad sector"])
def test_a_damaged_packed_line_is_refused_at_open_named_by_check_and_restored(
    tiny_store: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    with FactStore.open(tiny_store, create=False) as store:
        store.add_note(KOR, "kept")
    with monkeypatch.context() as m:
        m.setattr(db.StoreFiles, "checkpoint", lambda self: None)  # the snapshots never see the import
        with FactStore.open(tiny_store, create=False) as store:
            bulk_import(store)
            store.add_note(KOR, "after")
    old = lines(tiny_store)
    head = orjson.loads(old[1])[0]
    if damage == "a changed character":
        old[1] = _flip_body_char(old[1])
        reason = "do not match their checksum"
    else:
        at = old[1].index(b'"zlib":"') + 100
        old[1] = old[1][:at] + b"\x00\xff a bad sector \xff\x00" + old[1][at + 20:]
        reason = "is not a group of changes"
    write_lines(tiny_store, old)

    with pytest.raises(StoreCorrupt, match="line 2"):
        FactStore.open(tiny_store, create=False)
    [problem] = check_store(tiny_store)
    assert str(tiny_store / db.JOURNAL) in problem and "line 2" in problem and reason in problem

    report = restore_store(tiny_store)
    assert check_store(tiny_store) == []
    with FactStore.open(tiny_store, create=False) as store:
        assert sorted(n.body for n in store.annotations.values()) == ["after", "kept"]  # everything intact kept
        assert "fact:bulk-0" not in store.facts
    # Each lost change named from the packed line's head: its seq, table, time and the import's label.
    assert len(report.lost) == 61
    assert all("'import bulk'" in line and head["at"] in line and "line 2 is damaged" in line for line in report.lost)
    assert any("insert facts/" in line and f"seq {head['seq'][1]}," in line for line in report.lost)
    assert any("insert entities/" in line and f"seq {head['seq'][0]}," in line for line in report.lost)


def test_a_packed_line_held_by_a_backup_is_recovered_whole(tiny_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as m:
        m.setattr(db.StoreFiles, "checkpoint", lambda self: None)  # only the journal has the import
        with FactStore.open(tiny_store, create=False) as store:
            bulk_import(store)
            expected = records(store)
    backups.backup(tiny_store, reason="test")  # its journal holds the packed line, its facts.json lacks the import
    old = lines(tiny_store)
    write_lines(tiny_store, [_flip_body_char(old[0])])
    (tiny_store / "facts.json").write_bytes(b"{ damaged")
    report = restore_store(tiny_store)
    assert report.lost == []
    [line] = lines(tiny_store)
    assert line.startswith(b'[{"~v":1,')  # the journal restore rewrites is written as a save writes it
    assert len(line) < len(_flip_body_char(old[0])) * 1.01
    with FactStore.open(tiny_store, create=False) as store:
        assert records(store) == expected
        assert store.undo() == "import bulk"


def test_a_head_that_does_not_match_its_body_is_damage() -> None:
    group = [{"seq": i, "op": "insert", "table": "facts", "id": f"f{i}", "group": 1} for i in range(1, 300)]
    [head] = orjson.loads(packing.pack(group, orjson.dumps(group)))
    assert packing.unpack(dict(head)) == group
    with pytest.raises(packing.DamagedLine, match="head does not match"):
        packing.unpack({**head, "seq": [2, 299]})
    body = binascii.b2a_base64(zlib.compress(orjson.dumps(group[:-1])), newline=False)
    with pytest.raises(packing.DamagedLine, match="head does not match"):
        packing.unpack({**head, "zlib": body.decode(), "crc": zlib.crc32(body)})


def test_a_body_that_inflates_past_any_line_of_ours_is_refused_in_bounded_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packing, "MAX_INFLATED", 1024 * 1024)
    bomb = binascii.b2a_base64(zlib.compress(b"[" + b" " * (8 * 1024 * 1024) + b"]", 9), newline=False)
    head = {"~v": 1, "seq": [1, 1], "runs": [["facts", "insert", 1]], "crc": zlib.crc32(bomb), "zlib": bomb.decode()}
    with pytest.raises(packing.DamagedLine, match="inflate past 1 MB"):
        packing.unpack(head)
    small = binascii.b2a_base64(zlib.compress(bytes(range(256)) * 64, 9), newline=False)
    cut = small[: len(small) // 2]
    cut = cut[: len(cut) - len(cut) % 4]
    with pytest.raises(packing.DamagedLine, match="cut short|cannot be read"):
        packing.unpack({**head, "zlib": cut.decode(), "crc": zlib.crc32(cut)})


def test_a_torn_packed_line_is_dropped_like_any_torn_append(tiny_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A kill mid-append leaves part of the line and no newline: that save was never acknowledged."""
    with FactStore.open(tiny_store, create=False) as store:
        store.add_note(KOR, "acknowledged")
        expected = records(store)
    with monkeypatch.context() as m:
        m.setattr(db.StoreFiles, "checkpoint", lambda self: None)
        with FactStore.open(tiny_store, create=False) as store:
            bulk_import(store)
    old = lines(tiny_store)
    for cut in (40, len(old[-1]) // 2, len(old[-1]) - 1):
        write_lines(tiny_store, [*old[:-1], old[-1][:cut]])
        with FactStore.open(tiny_store, create=False) as store:
            assert records(store) == expected
            store.add_note(KOR, "next")  # appended after the cut tail, not glued onto it
            store.undo()
        assert check_store(tiny_store) == []
        assert all(line.endswith(b"\n") for line in lines(tiny_store))


# --- a newer format --------------------------------------------------------------------------------

def test_a_line_in_a_newer_format_is_refused_by_name_not_taken_for_damage(tiny_store: Path) -> None:
    with FactStore.open(tiny_store, create=False) as store:
        bulk_import(store)
        store.add_note(KOR, "after")
    old = lines(tiny_store)
    head = orjson.loads(old[0])[0]
    old[0] = orjson.dumps([{**head, "~v": 2, "zlib": "something this build cannot know"}]) + b"\n"
    write_lines(tiny_store, old)
    before = {p.name: p.read_bytes() for p in tiny_store.iterdir() if p.is_file() and p.name != db.LOCK}
    sentence = f"{tiny_store / db.JOURNAL}: line 1 was written by a newer alliances-tui (journal line format 2; " \
               f"this one reads up to 1): upgrade alliances-tui to open it"
    for refused in (lambda: FactStore.open(tiny_store, create=False), lambda: FactStore.open(tiny_store, readonly=True),
                    lambda: check_store(tiny_store), lambda: restore_store(tiny_store)):
        with pytest.raises(SchemaTooNew) as info:
            refused()
        assert str(info.value) == sentence
    after = {p.name: p.read_bytes() for p in tiny_store.iterdir() if p.is_file() and p.name != db.LOCK}
    assert after == before  # nothing cut, nothing restored


def test_the_cli_says_a_newer_line_is_newer(tiny_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    with FactStore.open(tiny_store, create=False) as store:
        bulk_import(store)
    [line] = lines(tiny_store)
    write_lines(tiny_store, [line.replace(b'[{"~v":1,', b'[{"~v":7,', 1)])
    for args in (["check"], ["check", "--restore"], ["stats"]):
        assert main([*args, "--db", str(tiny_store)]) != 0
        err = capsys.readouterr().err
        assert "journal line format 7" in err and "upgrade" in err and "--restore" not in err.split("format 7")[1]
