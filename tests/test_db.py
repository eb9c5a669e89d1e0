"""The files of a store: atomic replace, in-place tables, the journal, the lock, schema versions."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest

from conftest import ROOT, run_python, snapshot_bytes, patch_os
from store import backups, db, migrations
from store.errors import ReadOnlyError, SchemaTooNew, StoreError, WriteFailed
from store.memory_storage import MemoryStorage, StoreDB
from store.models import SCHEMA_VERSION, Target
from store.repository import FactStore

KOR = Target(kind="entity", id="country:KOR")
FACT = Target(kind="fact", id="fact:kor-nato")


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".*.tmp"))


# --- atomic_write ------------------------------------------------------------------

def test_atomic_write_replaces_the_content_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_bytes(b"old")
    path.chmod(0o640)
    db.atomic_write(path, b"new content")
    assert path.read_bytes() == b"new content"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert temp_files(tmp_path) == []


def test_atomic_write_creates_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    db.atomic_write(path, b"{}")
    assert path.read_bytes() == b"{}"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert temp_files(tmp_path) == []


def test_atomic_write_of_a_large_file(tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024)
    db.atomic_write(tmp_path / "big", data)
    assert (tmp_path / "big").read_bytes() == data


@pytest.mark.parametrize("failing", ["replace", "write", "fsync"])
def test_a_failed_atomic_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "facts.json"
    path.write_bytes(b"the old bytes")
    real_write = os.write
    calls = {"write": 0}

    def half_write(fd: int, data) -> int:
        # The first call writes part of the data, the second finds the disk full.
        calls["write"] += 1
        if calls["write"] == 1:
            return real_write(fd, bytes(data[: max(1, len(data) // 2)]))
        raise OSError(errno.ENOSPC, "No space left on device")

    def fail(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(db.os, {"replace": "replace", "write": "write", "fsync": "fsync"}[failing],
                        half_write if failing == "write" else fail)
    with pytest.raises(OSError) as info:
        db.atomic_write(path, b"x" * 100_000)
    monkeypatch.undo()
    assert info.value.errno == errno.ENOSPC
    assert path.read_bytes() == b"the old bytes"
    assert temp_files(tmp_path) == []


def test_stale_temp_files_are_removed_when_a_writer_opens(tiny_store: Path) -> None:
    stale = tiny_store / ".facts.json.abc123.tmp"
    stale.write_bytes(b"half a snapshot")
    FactStore.open(tiny_store, readonly=True).close()
    assert stale.exists()  # a reader changes nothing
    FactStore.open(tiny_store).close()
    assert not stale.exists()


# --- documents kept in memory, edited in place ----------------------------------------------

def make_files(tmp_path: Path) -> db.StoreFiles:
    data = db.new_tables()
    return db.StoreFiles(
        folder=tmp_path, readonly=False, journal_read=db.JournalRead(b"", False),
        dbs={name: StoreDB(tmp_path / name, d, storage=MemoryStorage) for name, d in data.items()},
    )


def test_documents_are_edited_in_place_without_copying_the_table(tmp_path: Path) -> None:
    files = make_files(tmp_path)
    files.put("facts", "fact:1", {"id": "fact:1", "body": "a"})
    raw_tables = files.storage("facts.json").read()
    raw_table = raw_tables["facts"]
    files.put("facts", "fact:2", {"id": "fact:2", "body": "b"})
    files.put("facts", "fact:1", {"id": "fact:1", "body": "c"})
    # The same dicts, edited: no copy of the table per write.
    assert files.storage("facts.json").read() is raw_tables and raw_tables["facts"] is raw_table
    assert raw_table == {"fact:1": {"id": "fact:1", "body": "c"}, "fact:2": {"id": "fact:2", "body": "b"}}
    assert files.storage("facts.json").dirty and not files.storage("notes.json").dirty
    files.remove("facts", "fact:2")
    files.remove("facts", "fact:3")  # nothing there: nothing to do
    assert list(files.raw("facts")) == ["fact:1"]


def test_put_replaces_a_document_rather_than_merging(tmp_path: Path) -> None:
    files = make_files(tmp_path)
    files.put("facts", "fact:1", {"id": "fact:1", "body": "a", "old_field": 1})
    files.put("facts", "fact:1", {"id": "fact:1", "body": "b"})
    assert files.raw("facts")["fact:1"] == {"id": "fact:1", "body": "b"}


def test_a_stored_document_is_a_copy_of_the_callers(tmp_path: Path) -> None:
    files = make_files(tmp_path)
    original = {"id": "fact:1", "tags": ["a"], "target": {"kind": "fact", "id": "f"}}
    files.put("facts", "fact:1", original)
    original["tags"].append("changed by the caller")
    original["target"]["id"] = "y"
    assert files.raw("facts")["fact:1"] == {"id": "fact:1", "tags": ["a"], "target": {"kind": "fact", "id": "f"}}


def test_a_note_is_stored_as_its_snapshot_line(tmp_path: Path) -> None:
    files = make_files(tmp_path)
    original = {"id": "note:1", "tags": ["a"]}
    files.put("annotations", "note:1", original)
    original["tags"].append("changed by the caller")
    assert files.raw("annotations")["note:1"] == b'"note:1":{"id":"note:1","tags":["a"]}'


def test_no_private_name_of_tinydb_is_used_or_overridden() -> None:
    source = (ROOT / "store" / "db.py").read_text()
    assert "_update_table" not in source and "._storage" not in source


# --- the lock ------------------------------------------------------------------------------

def test_a_second_opener_in_the_same_process_is_read_only(tiny: FactStore) -> None:
    # flock belongs to an open file description: a second open() conflicts even in one process.
    assert not tiny.readonly
    second = FactStore.open(tiny.folder)
    try:
        assert second.readonly
        assert "read-only" in second.readonly_reason
        assert f"pid {os.getpid()}" in second.readonly_reason
        assert second.notes_on("entity", "country:KOR") == []
    finally:
        second.close()
    # The first one still writes.
    tiny.add_note(KOR, "still mine")


def every_write(store: FactStore) -> dict[str, callable]:
    note_id = next(iter(store.annotations))
    return {
        "add_note": lambda: store.add_note(KOR, "x"),
        "edit_note": lambda: store.edit_note(note_id, "y"),
        "set_note_tags": lambda: store.set_note_tags(note_id, ["t"]),
        "delete_note": lambda: store.delete_note(note_id),
        "set_fact_status": lambda: store.set_fact_status("fact:kor-nato", "disputed"),
        "edit_fact": lambda: store.edit_fact("fact:kor-nato", start="2006"),
        "add_records": lambda: store.add_records("import", [("facts", store.fact("fact:kor-nato"))]),
        "undo": store.undo,
    }


def test_a_read_only_store_refuses_every_write_with_a_clear_message(tiny: FactStore) -> None:
    tiny.add_note(KOR, "a note")
    second = FactStore.open(tiny.folder)
    try:
        before = second.annotations.copy(), second.facts.copy()
        journal = (tiny.folder / db.JOURNAL).read_bytes()
        for name, write in every_write(second).items():
            with pytest.raises(ReadOnlyError) as info:
                write()
            message = str(info.value)
            assert "read-only" in message and "not saved" in message, name
            assert "another alliances-tui" in message
        assert (second.annotations, second.facts) == before
        assert (tiny.folder / db.JOURNAL).read_bytes() == journal
        second.checkpoint()  # a no-op, not an error
    finally:
        second.close()


def test_a_store_opened_read_only_on_purpose_says_so(tiny_store: Path) -> None:
    store = FactStore.open(tiny_store, readonly=True)
    try:
        with pytest.raises(ReadOnlyError, match="read-only"):
            store.add_note(KOR, "x")
    finally:
        store.close()


HOLD_LOCK = textwrap.dedent("""
    import sys
    from store import db
    files = db.open_files(sys.argv[1])
    assert not files.readonly
    print("locked", flush=True)
    sys.stdin.read()
""")


def start_holder(folder: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(folder)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked", proc.stderr.read() if proc.stderr else ""
    return proc


def test_another_process_holding_the_lock_makes_us_read_only(tiny_store: Path) -> None:
    holder = start_holder(tiny_store)
    try:
        store = FactStore.open(tiny_store)
        try:
            assert store.readonly
            assert f"pid {holder.pid}" in store.readonly_reason
            with pytest.raises(ReadOnlyError, match=f"pid {holder.pid}"):
                store.add_note(KOR, "refused")
        finally:
            store.close()
    finally:
        holder.communicate("", timeout=10)
    # Once the holder has exited, the lock is free.
    with FactStore.open(tiny_store) as store:
        assert not store.readonly


def test_a_lock_left_by_a_killed_process_is_taken_over(tiny_store: Path) -> None:
    holder = start_holder(tiny_store)
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=10)
    assert holder.returncode == -signal.SIGKILL
    # The lock file still names the dead process, but flock died with it.
    assert (tiny_store / db.LOCK).read_text().strip() == str(holder.pid)
    with FactStore.open(tiny_store) as store:
        assert not store.readonly
        store.add_note(KOR, "after the crash")
    assert (tiny_store / db.LOCK).read_text().strip() == str(os.getpid())


def test_closing_releases_the_lock(tiny_store: Path) -> None:
    FactStore.open(tiny_store).close()
    with FactStore.open(tiny_store) as again:
        assert not again.readonly


# --- schema versions -------------------------------------------------------------------------

def set_schema(folder: Path, name: str, version: int) -> None:
    data = orjson.loads((folder / name).read_bytes())
    data[db.META][db.META_ID]["schema_version"] = version
    (folder / name).write_bytes(orjson.dumps(data))


@pytest.mark.parametrize("name", list(db.FILES))
@pytest.mark.parametrize("readonly", [False, True])
def test_a_newer_schema_is_refused_and_nothing_is_written(tiny_store: Path, name: str, readonly: bool) -> None:
    with FactStore.open(tiny_store) as store:
        store.add_note(KOR, "kept")  # a journal and a backup exist too
    set_schema(tiny_store, name, SCHEMA_VERSION + 1)
    before = snapshot_bytes(tiny_store)
    with pytest.raises(SchemaTooNew) as info:
        FactStore.open(tiny_store, readonly=readonly)
    message = str(info.value)
    assert str(tiny_store / name) in message
    assert "newer" in message and "upgrade" in message
    assert snapshot_bytes(tiny_store) == before
    set_schema(tiny_store, name, SCHEMA_VERSION)
    with FactStore.open(tiny_store) as store:
        assert not store.readonly  # the refused writer did not keep the lock


NEXT = SCHEMA_VERSION + 1  # a schema this build does not have yet, to test the migration path itself


def test_an_older_schema_is_migrated_after_a_backup(tiny_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with FactStore.open(tiny_store) as store:
        store.add_note(KOR, f"from version {SCHEMA_VERSION}")
    old = snapshot_bytes(tiny_store)
    calls: list[int] = []

    def to_next(files: dict) -> None:
        calls.append(1)
        for doc in files["facts.json"]["facts"].values():
            doc["qualifiers"]["migrated"] = "yes"

    monkeypatch.setattr(db, "SCHEMA_VERSION", NEXT)
    monkeypatch.setitem(migrations.MIGRATIONS, SCHEMA_VERSION, to_next)
    with pytest.raises(StoreError, match="must be migrated"):
        FactStore.open(tiny_store, readonly=True)
    assert snapshot_bytes(tiny_store) == old
    with FactStore.open(tiny_store) as store:
        assert calls == [1]
        assert store.fact("fact:kor-nato").qualifiers["migrated"] == "yes"
        assert [n.body for n in store.notes_on("entity", "country:KOR")] == [f"from version {SCHEMA_VERSION}"]
    for name in db.FILES:
        assert orjson.loads((tiny_store / name).read_bytes())[db.META][db.META_ID]["schema_version"] == NEXT
    found = backups.list_backups(tiny_store)
    migration = [b for b in found if b.name.endswith(f"before-migration-{SCHEMA_VERSION}")]
    assert len(migration) == 1
    for name in db.FILES:
        assert (migration[0] / name).read_bytes() == old[name]


def test_a_missing_migration_is_an_error_not_a_crash(tiny_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "SCHEMA_VERSION", NEXT)
    with pytest.raises(StoreError, match=f"no migration from schema {SCHEMA_VERSION} to {NEXT}"):
        FactStore.open(tiny_store)


# --- the journal -----------------------------------------------------------------------------

def test_a_save_is_one_fsynced_journal_line(tiny: FactStore) -> None:
    journal = tiny.folder / db.JOURNAL
    notes_before = (tiny.folder / "notes.json").read_bytes()
    note = tiny.add_note(KOR, "durable")
    lines = journal.read_bytes().splitlines()
    assert len(lines) == 1
    [change] = orjson.loads(lines[0])
    assert change["op"] == "insert" and change["after"]["body"] == "durable" and change["id"] == note.id
    # The snapshot is written later, by a checkpoint.
    assert (tiny.folder / "notes.json").read_bytes() == notes_before
    tiny.checkpoint()
    snapshot = orjson.loads((tiny.folder / "notes.json").read_bytes())
    assert snapshot["annotations"][note.id]["body"] == "durable"
    assert snapshot[db.META][db.META_ID]["applied_seq"] == 1


def abandon(store: FactStore) -> None:
    """What a crash leaves: no checkpoint, the lock and the journal just dropped."""
    files = store._files
    assert files._journal is not None and files._lock is not None
    files._journal.close()
    files._lock.release()


def test_the_journal_is_replayed_over_stale_snapshots(tiny_store: Path) -> None:
    store = FactStore.open(tiny_store)
    kept = store.add_note(KOR, "one")
    store.checkpoint()
    gone = store.add_note(FACT, "two")
    edited = store.edit_note(kept.id, "one, edited")
    store.delete_note(gone.id)
    store.set_fact_status("fact:kor-nato", "disputed")
    three = store.add_note(FACT, "three")
    abandon(store)

    again = FactStore.open(tiny_store)
    try:
        assert {n.id: n.body for n in again.annotations.values()} == {kept.id: "one, edited", three.id: "three"}
        assert again.note(kept.id).rev == edited.rev == 2
        assert again.fact("fact:kor-nato").status.value == "disputed"
        # Nothing was applied twice and the history goes on from where it was.
        assert [c.seq for c in again.history()] == [1, 2, 3, 4, 5, 6]
        assert again.add_note(KOR, "four") and again.history()[-1].seq == 7
    finally:
        again.close()


def test_replay_after_a_process_exits_without_closing(tiny_store: Path) -> None:
    code = textwrap.dedent("""
        import os, sys
        from store.repository import FactStore
        from store.models import Target
        store = FactStore.open(sys.argv[1], create=False)
        for i in range(5):
            store.add_note(Target(kind="entity", id="country:KOR"), f"note {i}")
        store.edit_fact("fact:usa-nato", qualifiers={"treaty": "North Atlantic Treaty"})
        os._exit(0)  # no close, no checkpoint
    """)
    result = run_python(code, str(tiny_store))
    assert result.returncode == 0, result.stderr
    assert b"note 0" not in (tiny_store / "notes.json").read_bytes()
    with FactStore.open(tiny_store) as store:
        assert sorted(n.body for n in store.annotations.values()) == [f"note {i}" for i in range(5)]
        assert store.fact("fact:usa-nato").qualifiers == {"treaty": "North Atlantic Treaty"}


@pytest.mark.parametrize("tail", [b'[{"seq": 2, "op": "ins', b"garbage without a newline", b"\x00\x00\x00\n"])
def test_a_torn_journal_tail_is_ignored_and_cut_off_by_the_writer(tiny_store: Path, tail: bytes) -> None:
    with FactStore.open(tiny_store) as store:
        note = store.add_note(KOR, "acknowledged")
    journal = tiny_store / db.JOURNAL
    good = journal.read_bytes()
    journal.write_bytes(good + tail)

    with FactStore.open(tiny_store, readonly=True) as reader:
        assert reader.note(note.id).body == "acknowledged"
    assert journal.read_bytes() == good + tail  # a reader does not touch it

    with FactStore.open(tiny_store) as writer:
        assert journal.read_bytes() == good  # the writer cuts the torn tail
        writer.add_note(KOR, "next")
    lines = journal.read_bytes().splitlines()
    assert len(lines) == 2 and all(isinstance(orjson.loads(line), list) for line in lines)
    with FactStore.open(tiny_store) as store:
        assert sorted(n.body for n in store.annotations.values()) == ["acknowledged", "next"]


def test_a_damaged_line_inside_the_journal_is_reported_not_skipped(tiny_store: Path) -> None:
    with FactStore.open(tiny_store) as store:
        store.add_note(KOR, "one")
        store.add_note(KOR, "two")
    journal = tiny_store / db.JOURNAL
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(lines[0][:10] + b"\n" + lines[1])
    before = journal.read_bytes()
    with pytest.raises(StoreError, match=r"journal\.jsonl.*line 1"):
        FactStore.open(tiny_store)
    assert journal.read_bytes() == before


def test_a_failed_checkpoint_keeps_the_data_and_can_be_retried(tiny: FactStore, monkeypatch: pytest.MonkeyPatch) -> None:
    note = tiny.add_note(KOR, "in the journal")
    before = (tiny.folder / "notes.json").read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(db.os, "replace", full)
    with pytest.raises(WriteFailed, match="notes.json"):
        tiny.checkpoint()
    monkeypatch.undo()
    assert (tiny.folder / "notes.json").read_bytes() == before
    assert temp_files(tiny.folder) == []
    tiny.checkpoint()
    assert note.id in orjson.loads((tiny.folder / "notes.json").read_bytes())["annotations"]


def test_files_keep_their_mode_across_checkpoints(tiny: FactStore) -> None:
    path = tiny.folder / "notes.json"
    path.chmod(0o600)
    tiny.add_note(KOR, "private")
    tiny.checkpoint()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_open_files_refuses_a_file_and_a_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        db.open_files(tmp_path / "file")
    with pytest.raises(StoreError, match="does not exist"):
        db.open_files(tmp_path / "nowhere")


def test_a_folder_that_is_no_store_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreError, match="not an alliances-tui store"):
        FactStore.open(tmp_path / "photos")
    assert sorted(p.name for p in (tmp_path / "photos").iterdir()) == ["cat.jpg"]


def test_a_closed_store_refuses_writes_and_a_second_close_writes_nothing(tiny_store: Path) -> None:
    store = FactStore.open(tiny_store)
    store.add_note(KOR, "before close")
    store.close()
    files = snapshot_bytes(tiny_store)
    with pytest.raises(ReadOnlyError, match="closed"):
        store.add_note(KOR, "after close")
    store.close()
    assert snapshot_bytes(tiny_store) == files
    with FactStore.open(tiny_store) as again:  # the lock was let go
        assert not again.readonly


def test_a_partial_line_that_could_not_be_cut_is_cut_by_the_next_save(tiny: FactStore, monkeypatch) -> None:
    first = tiny.add_note(KOR, "first")
    journal = tiny.folder / db.JOURNAL
    good = journal.read_bytes()
    real_write = os.write

    class BrokenOS:
        def __getattr__(self, name):
            return getattr(os, name)

        @staticmethod
        def write(fd, data):
            real_write(fd, bytes(data[:7]))
            raise OSError(errno.EIO, "Input/output error")

        @staticmethod
        def ftruncate(fd, size):
            raise OSError(errno.EIO, "Input/output error")

    patch_os(monkeypatch, BrokenOS())
    with pytest.raises(WriteFailed):
        tiny.add_note(KOR, "lost")
    monkeypatch.undo()
    assert journal.read_bytes().startswith(good) and len(journal.read_bytes()) == len(good) + 7
    second = tiny.add_note(KOR, "second")
    assert [orjson.loads(line) for line in journal.read_bytes().splitlines()]  # every line parses
    tiny.close()
    with FactStore.open(tiny.folder) as again:
        assert {n.body for n in again.annotations.values()} == {"first", "second"}
        assert again.note(first.id) and again.note(second.id)


def test_a_journal_that_cannot_be_opened_is_one_clear_error_and_frees_the_lock(tiny_store: Path, monkeypatch) -> None:
    real_open = os.open

    def open_(path, flags, *args, **kwargs):
        if str(path).endswith(db.JOURNAL) and flags & os.O_WRONLY:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    class PatchedOS:
        def __getattr__(self, name):
            return open_ if name == "open" else getattr(os, name)

    patch_os(monkeypatch, PatchedOS())
    with pytest.raises(StoreError) as info:
        FactStore.open(tiny_store)
    monkeypatch.undo()
    assert str(tiny_store / db.JOURNAL) in str(info.value) and "Permission denied" in str(info.value)
    with FactStore.open(tiny_store) as store:
        assert not store.readonly
