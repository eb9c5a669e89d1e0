"""Damaged stores (issues 2 and 4): one clear line naming the file, no traceback, no byte changed.

And the backups that let a user recover: made on each day's first write, at
most five kept, brought back by ``alliances-tui check --restore``.
"""

from __future__ import annotations

import errno
import os
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest

from conftest import snapshot_bytes
from store import backups, db
from store.check import check_store
from store.restore import restore_store
from store.errors import StoreError
from store.models import SCHEMA_VERSION, Target
from store.repository import FactStore
from tui.cli import main

KOR = Target(kind="entity", id="country:KOR")

# A record of each table made invalid, and the words the message must hold.
BAD_FIELD = {
    "facts": ("start", "2022-13", "no month 13"),
    "sources": ("published", "2024-02-30", "not a real day"),
    "annotations": ("tags", ["two words"], "white space"),
}


@pytest.fixture
def store_with_note(starter_store: Path) -> Path:
    """The starter store with one note, checkpointed: every file has records."""
    with FactStore.open(starter_store) as store:
        store.add_note(KOR, "a note to keep")
    return starter_store


def load(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def first_key(path: Path, table: str) -> str:
    return next(iter(load(path)[table]))


def damage(folder: Path, name: str, kind: str, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """Damage one file; return the record the message must name, if any."""
    path = folder / name
    raw = path.read_bytes()
    table = {"facts.json": "facts", "sources.json": "excerpts", "notes.json": "annotations"}[name]
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "blank":
        path.write_bytes(b"  \n\n ")
    elif kind == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif kind == "not-json":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00 not a store file")
    elif kind == "a-list":
        path.write_bytes(b"[1, 2, 3]")
    elif kind == "table-is-a-list":
        data = load(path)
        data[table] = list(data[table].values())
        path.write_bytes(orjson.dumps(data))
    elif kind == "table-missing":
        data = load(path)
        del data[table]
        path.write_bytes(orjson.dumps(data))
    elif kind == "record-is-a-string":
        data = load(path)
        key = next(iter(data[table]))
        data[table][key] = "not an object"
        path.write_bytes(orjson.dumps(data))
        return f"{table}/{key}"
    elif kind == "invalid-record":
        table = {"facts.json": "facts", "sources.json": "sources", "notes.json": "annotations"}[name]
        field, value, _ = BAD_FIELD[table]
        data = load(path)
        key = next(iter(data[table]))
        data[table][key][field] = value
        path.write_bytes(orjson.dumps(data))
        return f"{table}/{key}"
    elif kind == "unknown-field":
        data = load(path)
        key = next(iter(data[table]))
        data[table][key]["colour"] = "red"
        path.write_bytes(orjson.dumps(data))
        return f"{table}/{key}"
    elif kind == "newer-schema":
        data = load(path)
        data[db.META][db.META_ID]["schema_version"] = SCHEMA_VERSION + 1
        path.write_bytes(orjson.dumps(data))
    elif kind == "no-schema":
        data = load(path)
        del data[db.META]
        path.write_bytes(orjson.dumps(data))
    elif kind == "missing":
        path.unlink()
    elif kind == "a-folder":
        path.unlink()
        path.mkdir()
        (path / "inside").write_text("x")
    elif kind == "permission-denied":
        # Tests run as root, for whom chmod denies nothing: make the read fail instead.
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self == path:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    else:
        raise AssertionError(kind)
    return None


KINDS = ["empty", "blank", "truncated", "not-json", "a-list", "table-is-a-list", "table-missing", "record-is-a-string",
         "invalid-record", "unknown-field", "newer-schema", "no-schema", "missing", "a-folder", "permission-denied"]


def assert_unchanged(folder: Path, before: dict[str, bytes | None], name: str, kind: str) -> None:
    assert snapshot_bytes(folder) == before
    if kind == "a-folder":
        assert (folder / name / "inside").read_text() == "x"
    if kind == "missing":
        assert not (folder / name).exists()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(db.FILES))
def test_check_names_the_damaged_file_in_one_line(
    store_with_note: Path, name: str, kind: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = store_with_note
    record = damage(folder, name, kind, monkeypatch)
    before = snapshot_bytes(folder) if kind != "permission-denied" else None

    code = main(["check", "--db", str(folder)])
    out, err = capsys.readouterr()
    assert code == 1
    lines = err.strip().splitlines()
    assert "Traceback" not in err
    if kind == "newer-schema":  # not damage: one sentence, and no advice to restore over it
        [problem] = lines
        assert str(folder / name) in problem and "newer" in problem and "upgrade" in problem
        return
    assert len(lines) == 2, lines  # the problem, then what to do about it
    problem, advice = lines
    assert str(folder / name) in problem
    if record:
        assert f"record {record}" in problem
    assert "--restore" in advice
    assert out == ""
    monkeypatch.undo()
    if before is not None:
        assert_unchanged(folder, before, name, kind)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(db.FILES))
def test_export_refuses_a_damaged_store_in_one_line(
    store_with_note: Path, name: str, kind: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = store_with_note
    record = damage(folder, name, kind, monkeypatch)
    before = snapshot_bytes(folder) if kind != "permission-denied" else None

    code = main(["export", "--format", "json", "--db", str(folder)])
    out, err = capsys.readouterr()
    assert code != 0
    assert out == ""
    assert "Traceback" not in err
    [line] = err.strip().splitlines()
    assert line.startswith("alliances-tui: ")
    assert str(folder / name) in line
    if record:
        assert f"record {record}" in line
    monkeypatch.undo()
    if before is not None:
        assert_unchanged(folder, before, name, kind)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(db.FILES))
def test_opening_a_damaged_store_for_writing_changes_nothing(
    store_with_note: Path, name: str, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's path: a writable open. It fails, writes nothing, and keeps no lock."""
    folder = store_with_note
    (folder / db.JOURNAL).write_bytes((folder / db.JOURNAL).read_bytes() + b'[{"torn')  # a torn tail too
    damage(folder, name, kind, monkeypatch)
    before = snapshot_bytes(folder) if kind != "permission-denied" else None
    with pytest.raises(StoreError) as info:
        FactStore.open(folder)
    assert str(folder / name) in str(info.value)
    assert "\n" not in str(info.value)
    monkeypatch.undo()
    if before is not None:
        assert_unchanged(folder, before, name, kind)
    # The failed open let go of the lock.
    lock = db.StoreLock(folder)
    assert lock.acquire()
    lock.release()


def test_a_fixed_store_opens_for_writing_in_the_same_process(store_with_note: Path, monkeypatch) -> None:
    folder = store_with_note
    good = (folder / "notes.json").read_bytes()
    damage(folder, "notes.json", "invalid-record", monkeypatch)
    with pytest.raises(StoreError):
        FactStore.open(folder)
    (folder / "notes.json").write_bytes(good)
    with FactStore.open(folder) as store:
        assert not store.readonly


def test_a_record_stored_under_another_key_is_reported(store_with_note: Path, capsys) -> None:
    path = store_with_note / "facts.json"
    data = load(path)
    key = next(iter(data["facts"]))
    data["facts"]["fact:elsewhere"] = data["facts"].pop(key)
    path.write_bytes(orjson.dumps(data))
    assert main(["check", "--db", str(store_with_note)]) == 1
    assert "record facts/fact:elsewhere" in capsys.readouterr().err


def test_broken_links_between_records_are_reported(store_with_note: Path, capsys) -> None:
    path = store_with_note / "facts.json"
    data = load(path)
    key = next(k for k, f in data["facts"].items() if f["evidence"])
    data["facts"][key]["evidence"].append("exc:nowhere")
    path.write_bytes(orjson.dumps(data))
    assert main(["check", "--db", str(store_with_note)]) == 1
    err = capsys.readouterr().err
    assert f"record facts/{key}: cites excerpt exc:nowhere" in err


def test_a_damaged_journal_line_is_reported(store_with_note: Path, capsys) -> None:
    with FactStore.open(store_with_note) as store:
        store.add_note(KOR, "second")
    journal = store_with_note / db.JOURNAL
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(b"{not json}\n" + b"".join(lines))
    before = snapshot_bytes(store_with_note)
    assert main(["check", "--db", str(store_with_note)]) == 1
    assert f"{journal}: line 1" in capsys.readouterr().err
    assert main(["export", "--db", str(store_with_note)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert str(journal) in line
    assert snapshot_bytes(store_with_note) == before


def test_hostile_characters_in_a_damaged_file_are_not_sent_to_the_terminal(store_with_note: Path, capsys) -> None:
    path = store_with_note / "notes.json"
    data = load(path)
    key = next(iter(data["annotations"]))
    bad = "note:x\n\x1b[2J\x1b]0;pwned\x07\u202e"
    data["annotations"][bad] = {**data["annotations"].pop(key), "id": bad, "tags": ["a b"]}
    path.write_bytes(orjson.dumps(data))
    for argv in (["check"], ["export"]):
        assert main([*argv, "--db", str(store_with_note)]) == 1
        err = capsys.readouterr().err
        assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
        assert len(err.strip().splitlines()) == (2 if argv == ["check"] else 1)
        assert "\\x1b" in err  # shown, escaped


# --- what --db points at ---------------------------------------------------------------

@pytest.mark.parametrize("command", [["check"], ["export"], ["stats"], ["import", "article.txt"], ["check", "--restore"]])
def test_a_db_that_is_a_file(tmp_path: Path, command: list[str], capsys) -> None:
    path = tmp_path / "store"
    path.write_bytes(b"I am a file")
    assert main([*command, "--db", str(path)]) == 1
    out, err = capsys.readouterr()
    [line] = [l for l in err.splitlines() if "--restore" not in l]
    assert str(path) in line and "is a file" in line
    assert "Traceback" not in err
    assert path.read_bytes() == b"I am a file"


def test_a_db_inside_a_file(tmp_path: Path, capsys) -> None:
    (tmp_path / "file").write_text("x")
    for command in (["export"], ["stats"], ["check", "--restore"]):
        code = main([*command, "--db", str(tmp_path / "file" / "store")])
        err = capsys.readouterr().err
        assert code == 1 and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
        assert str(tmp_path / "file") in err


def test_a_folder_without_write_permission(store_with_note: Path, monkeypatch, capsys) -> None:
    real = os.access
    monkeypatch.setattr(db.os, "access", lambda p, mode, **kw: False if Path(p) == store_with_note and mode & os.W_OK else real(p, mode, **kw))
    before = snapshot_bytes(store_with_note)
    with pytest.raises(StoreError, match="cannot be written to"):
        FactStore.open(store_with_note)
    assert main(["check", "--db", str(store_with_note)]) == 1
    err = capsys.readouterr().err
    assert f"{store_with_note}: cannot be written to" in err
    # Reading still works: export is not refused.
    assert main(["export", "--db", str(store_with_note)]) == 0
    capsys.readouterr()
    assert snapshot_bytes(store_with_note) == before


def test_a_store_that_cannot_be_created(tmp_path: Path, monkeypatch, capsys) -> None:
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("store.datasets.starter.tempfile.mkdtemp", denied)
    assert main(["import", str(tmp_path / "article.txt"), "--db", str(tmp_path / "new")]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert str(tmp_path / "new") in line and "permission denied" in line


# --- backups ----------------------------------------------------------------------------------

class Clock:
    """Stands in for store.backups.datetime, so a test can move through days."""

    now_value = datetime(2024, 4, 1, 9, 0, tzinfo=timezone.utc)

    @classmethod
    def now(cls, tz=None) -> datetime:
        cls.now_value += timedelta(seconds=1)  # distinct, increasing stamps
        return cls.now_value


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> type[Clock]:
    class Fresh(Clock):
        now_value = datetime(2024, 4, 1, 9, 0, tzinfo=timezone.utc)

    monkeypatch.setattr(backups, "datetime", Fresh)
    monkeypatch.setattr("store.restore.datetime", Fresh)
    return Fresh


def next_day(clock: type[Clock]) -> None:
    clock.now_value += timedelta(days=1)


def test_opening_and_reading_make_no_backup(tiny_store: Path, clock) -> None:
    FactStore.open(tiny_store).close()
    FactStore.open(tiny_store, readonly=True).close()
    assert backups.list_backups(tiny_store) == []


def test_the_first_write_of_a_day_makes_a_backup_of_the_state_before_it(tiny_store: Path, clock) -> None:
    before = snapshot_bytes(tiny_store)
    with FactStore.open(tiny_store) as store:
        store.add_note(KOR, "one")
        store.add_note(KOR, "two")
    with FactStore.open(tiny_store) as store:
        store.add_note(KOR, "three")
    [backup] = backups.list_backups(tiny_store)
    assert backup.name.startswith("20240401-") and backup.name.endswith("-daily")
    for name in db.FILES:
        assert (backup / name).read_bytes() == before[name]
    assert check_store(backup) == []
    next_day(clock)
    with FactStore.open(tiny_store) as store:
        store.add_note(KOR, "four")
    newest = backups.list_backups(tiny_store)[0]
    assert newest.name.startswith("20240402-")
    with FactStore(db.open_files(newest, readonly=True)) as old:
        assert sorted(n.body for n in old.annotations.values()) == ["one", "three", "two"]


def test_a_store_open_across_midnight_backs_up_on_the_new_day(tiny: FactStore, clock) -> None:
    tiny.add_note(KOR, "before midnight")
    next_day(clock)
    tiny.add_note(KOR, "after midnight")
    assert [b.name[:8] for b in backups.list_backups(tiny.folder)] == ["20240402", "20240401"]


def test_at_most_five_backups_are_kept(tiny_store: Path, clock) -> None:
    for day in range(8):
        with FactStore.open(tiny_store) as store:
            store.add_note(KOR, f"day {day}")
        next_day(clock)
    found = backups.list_backups(tiny_store)
    assert [b.name[:8] for b in found] == ["20240408", "20240407", "20240406", "20240405", "20240404"]
    assert sorted(p.name for p in (tiny_store / backups.BACKUPS).iterdir()) == sorted(b.name for b in found)


def test_a_failed_backup_does_not_lose_the_note(tiny: FactStore, clock, monkeypatch) -> None:
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups.shutil, "copy2", full)
    note = tiny.add_note(KOR, "saved even so")
    monkeypatch.undo()
    assert backups.list_backups(tiny.folder) == []
    leftovers = list((tiny.folder / backups.BACKUPS).iterdir()) if (tiny.folder / backups.BACKUPS).exists() else []
    assert leftovers == []  # the partial copy was cleaned up
    tiny.add_note(KOR, "second")  # the backup is tried again
    assert len(backups.list_backups(tiny.folder)) == 1
    tiny.close()
    with FactStore.open(tiny.folder) as again:
        assert again.note(note.id).body == "saved even so"


def test_a_backup_cut_short_by_a_crash_is_not_a_backup(tiny_store: Path, clock) -> None:
    # What a kill in the middle of copying leaves: a hidden, partial folder.
    partial = tiny_store / backups.BACKUPS / ".20240401-090000-000000-daily.tmp"
    partial.mkdir(parents=True)
    (partial / "facts.json").write_bytes(b'{"entit')
    assert backups.list_backups(tiny_store) == []
    with FactStore.open(tiny_store) as store:
        store.add_note(KOR, "x")
    [backup] = backups.list_backups(tiny_store)
    assert check_store(backup) == []


def days_of_notes(folder: Path, clock, days: int) -> None:
    for day in range(days):
        with FactStore.open(folder) as store:
            store.add_note(KOR, f"day {day}")
        next_day(clock)


def test_check_restore_rebuilds_a_damaged_file_from_its_backup_and_the_journal(clock, store_with_note: Path, capsys) -> None:
    folder = store_with_note
    days_of_notes(folder, clock, 3)  # backups of days 0, 1, 2: the newest holds days 0 and 1
    (folder / "notes.json").write_bytes(b'{"annotations": {"note:')
    damaged = snapshot_bytes(folder)
    assert main(["check", "--db", str(folder)]) == 1
    capsys.readouterr()

    assert main(["check", "--restore", "--db", str(folder)]) == 0
    out, err = capsys.readouterr()
    newest = backups.list_backups(folder)[0]
    assert f"restored {folder}: notes.json from {newest}" in out and f"{folder}: ok" in out
    assert "nothing was lost" in out
    assert err == ""
    with FactStore.open(folder) as store:
        bodies = sorted(n.body for n in store.annotations.values())
    assert bodies == ["a note to keep", "day 0", "day 1", "day 2"]  # day 2 from the journal
    # The damaged file was kept aside, byte for byte; the intact ones stayed in place.
    [aside] = [p for p in (folder / backups.BACKUPS).iterdir() if p.name.endswith("-damaged")]
    assert (aside / "notes.json").read_bytes() == damaged["notes.json"]
    assert snapshot_bytes(folder)["facts.json"] == damaged["facts.json"]


def test_restore_skips_a_damaged_backup(clock, store_with_note: Path) -> None:
    folder = store_with_note
    days_of_notes(folder, clock, 3)
    newest, older = backups.list_backups(folder)[:2]
    (newest / "facts.json").write_bytes(b"")
    (folder / "facts.json").write_bytes(b"")
    assert restore_store(folder).replaced == {"facts.json": older}
    assert check_store(folder) == []


def test_restore_puts_back_a_file_that_became_a_folder(clock, store_with_note: Path) -> None:
    folder = store_with_note
    days_of_notes(folder, clock, 1)
    (folder / "notes.json").unlink()
    (folder / "notes.json").mkdir()
    restore_store(folder)
    assert check_store(folder) == []
    [aside] = [p for p in (folder / backups.BACKUPS).iterdir() if p.name.endswith("-damaged")]
    assert (aside / "notes.json").is_dir()


def test_restore_without_a_good_backup_changes_nothing(store_with_note: Path, capsys) -> None:
    folder = store_with_note
    shutil.rmtree(folder / backups.BACKUPS)  # the fixture's note made one
    (folder / "facts.json").write_bytes(b"")
    before = snapshot_bytes(folder)
    assert main(["check", "--restore", "--db", str(folder)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "no backup" in line and str(folder) in line
    assert snapshot_bytes(folder) == before


def test_restore_is_refused_while_the_store_is_open(clock, store_with_note: Path) -> None:
    days_of_notes(store_with_note, clock, 1)
    with FactStore.open(store_with_note) as store:
        with pytest.raises(StoreError, match="close it before restoring"):
            restore_store(store_with_note)
        assert not store.readonly


def test_a_damaged_aside_is_not_counted_as_a_backup(clock, store_with_note: Path) -> None:
    folder = store_with_note
    days_of_notes(folder, clock, 1)
    (folder / "facts.json").write_bytes(b"")
    restore_store(folder)
    assert not any(b.name.endswith("-damaged") for b in backups.list_backups(folder))
    # The day's first write after a restore still makes its backup.
    with FactStore.open(folder) as store:
        store.add_note(KOR, "after the restore")
    assert backups.list_backups(folder)[0].name.startswith("20240402")


def test_a_newer_schema_with_new_tables_is_named_as_newer(store_with_note: Path, capsys) -> None:
    """A newer alliances-tui may add tables: the message must say 'newer', not 'another program's file'."""
    path = store_with_note / "facts.json"
    data = load(path)
    data[db.META][db.META_ID]["schema_version"] = SCHEMA_VERSION + 1
    data["treaties"] = {"t:1": {"id": "t:1"}}
    data["facts"][next(iter(data["facts"]))]["confidence"] = 0.9  # a field this version does not know
    path.write_bytes(orjson.dumps(data))
    before = snapshot_bytes(store_with_note)
    assert main(["check", "--db", str(store_with_note)]) == 1
    problem = capsys.readouterr().err.splitlines()[0]
    assert str(path) in problem and "newer" in problem
    assert main(["export", "--db", str(store_with_note)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert str(path) in line and "newer" in line and "upgrade" in line
    assert snapshot_bytes(store_with_note) == before


def test_restore_on_a_sound_store_changes_nothing(clock, store_with_note: Path, capsys) -> None:
    """`check --restore` must not swap a healthy store for an older backup: that would drop recent notes."""
    days_of_notes(store_with_note, clock, 2)
    with FactStore.open(store_with_note) as store:
        store.add_note(KOR, "written after the last backup")
    before = snapshot_bytes(store_with_note)
    assert main(["check", "--restore", "--db", str(store_with_note)]) == 0
    out, err = capsys.readouterr()
    assert "nothing to restore" in out and err == ""
    assert snapshot_bytes(store_with_note) == before
    assert not [p for p in (store_with_note / backups.BACKUPS).iterdir() if p.name.endswith("-damaged")]


@pytest.mark.parametrize("command", [[], ["export"], ["stats"]])
def test_a_damaged_store_names_the_way_back(store_with_note: Path, command: list[str], monkeypatch, capsys) -> None:
    """Launching on a damaged store says what is damaged and how to rebuild it, in one line."""
    damage(store_with_note, "facts.json", "invalid-record", monkeypatch)
    assert main([*command, "--db", str(store_with_note)]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert str(store_with_note / "facts.json") in line
    assert line.endswith("(`alliances-tui check --restore` rebuilds the store from what is intact)")
