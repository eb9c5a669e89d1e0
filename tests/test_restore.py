"""Recovery keeps everything that is intact, and `check` tells the truth (issue 13).

`check --restore` rebuilds a store from the best of everything on disk: the
intact snapshot files as they are, the newest good backup copy of a damaged
one, then every journal line that applies; it names what it could not
recover. Backups are never rotated out by failed attempts, never written or
deleted through a symlink.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest

from conftest import snapshot_bytes
from store import backups, db, migrations
from store.check import check_store
from store.errors import StoreError
from store.models import SCHEMA_VERSION, Entity, EntityKind, Fact, Origin, Target
from store.repository import FactStore
from store.restore import restore_store
from tui.cli import main

KOR = Target(kind="entity", id="country:KOR")
FRA = Entity(id="country:FRA", kind=EntityKind.COUNTRY, name="France", codes={"iso3": "FRA"})
FRA_NATO = Fact(id="fact:fra-nato", subject="country:FRA", relation="member_of", object="alliance:nato",
                start="1949", origin=Origin.IMPORT, created="2024-04-02T00:00:00.000Z", updated="2024-04-02T00:00:00.000Z")


class Clock:
    now_value = datetime(2024, 4, 1, 9, 0, tzinfo=timezone.utc)

    @classmethod
    def now(cls, tz=None) -> datetime:
        cls.now_value += timedelta(seconds=1)
        return cls.now_value


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> type[Clock]:
    class Fresh(Clock):
        now_value = datetime(2024, 4, 1, 9, 0, tzinfo=timezone.utc)

    monkeypatch.setattr(backups, "datetime", Fresh)
    for module in ("store.check", "store.restore"):
        try:
            monkeypatch.setattr(f"{module}.datetime", Fresh)
        except (AttributeError, ImportError):
            pass
    return Fresh


def next_day(clock: type[Clock]) -> None:
    clock.now_value += timedelta(days=1)


def bodies(folder: Path) -> list[str]:
    with FactStore.open(folder, readonly=True) as store:
        return sorted(n.body for n in store.annotations.values())


def journal_lines(folder: Path) -> list[bytes]:
    return (folder / db.JOURNAL).read_bytes().splitlines(keepends=True)


def restore(folder: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Run `check --restore`; return its output lines (it must end sound)."""
    code = main(["check", "--restore", "--db", str(folder)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    assert check_store(folder) == []
    return out.splitlines()


def asides(folder: Path) -> list[Path]:
    root = folder / backups.BACKUPS
    return sorted(p for p in root.iterdir() if p.name.endswith(backups.DAMAGED)) if root.is_dir() else []


def crash_session(folder: Path, monkeypatch: pytest.MonkeyPatch, *notes: str) -> list:
    """A session that ends as a crash would: the journal holds the notes, the snapshots do not."""
    with monkeypatch.context() as m:
        m.setattr(db.StoreFiles, "checkpoint", lambda self: None)
        with FactStore.open(folder) as store:
            return [store.add_note(KOR, body) for body in notes]


# --- 1. restore keeps what is intact -----------------------------------------------------------

def a_day_of_work(folder: Path, clock: type[Clock]) -> None:
    with FactStore.open(folder) as store:
        store.add_note(KOR, "day 0")
    next_day(clock)
    with FactStore.open(folder) as store:  # the day's backup holds "day 0" only
        store.add_note(KOR, "day 1")
        store.add_records("import article", [("entities", FRA), ("facts", FRA_NATO)])
        store.set_fact_status("fact:kor-nato", "confirmed")


def test_a_damaged_facts_json_keeps_the_days_notes_and_imports(tiny_store: Path, clock, capsys) -> None:
    a_day_of_work(tiny_store, clock)
    notes = (tiny_store / "notes.json").read_bytes()
    damaged = b'{"entities": {"country:K'
    (tiny_store / "facts.json").write_bytes(damaged)
    out = restore(tiny_store, capsys)
    assert (tiny_store / "notes.json").read_bytes() == notes  # intact: kept as it is
    assert bodies(tiny_store) == ["day 0", "day 1"]
    with FactStore.open(tiny_store, readonly=True) as store:
        assert store.fact("fact:fra-nato").subject == "country:FRA"
        assert store.fact("fact:kor-nato").status.value == "confirmed"
    newest = backups.list_backups(tiny_store)[0]
    assert any("facts.json" in line and str(newest) in line for line in out), out
    assert any("nothing was lost" in line for line in out), out
    [aside] = asides(tiny_store)
    assert (aside / "facts.json").read_bytes() == damaged


def test_a_damaged_notes_json_gets_every_note_back_from_backup_and_journal(tiny_store: Path, clock, capsys) -> None:
    a_day_of_work(tiny_store, clock)
    facts = (tiny_store / "facts.json").read_bytes()
    (tiny_store / "notes.json").write_bytes(b"")
    out = restore(tiny_store, capsys)
    assert (tiny_store / "facts.json").read_bytes() == facts
    assert bodies(tiny_store) == ["day 0", "day 1"]
    assert any("nothing was lost" in line for line in out), out


def test_a_damaged_journal_line_already_in_the_snapshots_loses_nothing(tiny_store: Path, clock, capsys) -> None:
    for i in range(6):
        with FactStore.open(tiny_store) as store:
            store.add_note(KOR, f"note {i}")
    lines = journal_lines(tiny_store)
    lines[2] = b"\x00\x00 not json at all\n"
    (tiny_store / db.JOURNAL).write_bytes(b"".join(lines))
    snapshots = {name: (tiny_store / name).read_bytes() for name in db.FILES}
    out = restore(tiny_store, capsys)
    assert bodies(tiny_store) == [f"note {i}" for i in range(6)]
    assert {name: (tiny_store / name).read_bytes() for name in db.FILES} == snapshots
    assert any("nothing was lost" in line for line in out), out
    [aside] = asides(tiny_store)
    assert b"not json at all" in (aside / db.JOURNAL).read_bytes()


def test_a_damaged_journal_line_not_in_the_snapshots_is_named_and_the_rest_kept(
    tiny_store: Path, clock, capsys, monkeypatch
) -> None:
    with FactStore.open(tiny_store) as store:
        store.add_note(KOR, "checkpointed")
    crash_session(tiny_store, monkeypatch, "a", "b", "c")
    lines = journal_lines(tiny_store)
    [lost] = orjson.loads(lines[2])
    assert lost["after"]["body"] == "b"
    lines[2] = lines[2][:130] + b"\x00\xff a bad sector \xff\x00" + lines[2][150:]
    (tiny_store / db.JOURNAL).write_bytes(b"".join(lines))
    out = restore(tiny_store, capsys)
    assert bodies(tiny_store) == ["a", "c", "checkpointed"]
    [line] = [l for l in out if "lost" in l]
    assert lost["id"] in line and f"seq {lost['seq']}" in line and lost["at"] in line and "add note" in line


def test_an_unreadable_journal_line_is_named_by_its_seq_and_time_span(
    tiny_store: Path, clock, capsys, monkeypatch
) -> None:
    crash_session(tiny_store, monkeypatch, "a", "b", "c")
    lines = journal_lines(tiny_store)
    before, after = orjson.loads(lines[0])[0], orjson.loads(lines[2])[0]
    lines[1] = b"###\n"
    (tiny_store / db.JOURNAL).write_bytes(b"".join(lines))
    out = restore(tiny_store, capsys)
    assert bodies(tiny_store) == ["a", "c"]
    [line] = [l for l in out if "lost" in l]
    assert "seq 2" in line and before["at"] in line and after["at"] in line


def test_everything_damaged_uses_the_newest_good_backups_and_the_journal(tiny_store: Path, clock, capsys) -> None:
    a_day_of_work(tiny_store, clock)
    for name in db.FILES:
        (tiny_store / name).write_bytes(b"\x00")
    out = restore(tiny_store, capsys)
    assert bodies(tiny_store) == ["day 0", "day 1"]
    with FactStore.open(tiny_store, readonly=True) as store:
        assert "fact:fra-nato" in store.facts
    assert any("nothing was lost" in line for line in out), out


def test_without_the_journal_the_loss_since_the_backup_is_named(tiny_store: Path, clock, capsys) -> None:
    a_day_of_work(tiny_store, clock)
    (tiny_store / "notes.json").write_bytes(b"")
    (tiny_store / db.JOURNAL).unlink()
    newest = backups.list_backups(tiny_store)[0]
    out = restore(tiny_store, capsys)
    assert bodies(tiny_store) == ["day 0"]  # what the newest backup held
    [line] = [l for l in out if "lost" in l]
    made = datetime.strptime(newest.name[:15], "%Y%m%d-%H%M%S").strftime("%Y-%m-%dT%H:%M:%S")
    assert "notes.json" in line and made in line, line


def test_changes_compacted_into_the_journal_archive_are_replayed(tiny_store: Path, clock, capsys) -> None:
    with FactStore.open(tiny_store) as store:  # the backup: no notes
        for i in range(4):
            store.add_note(KOR, f"note {i}")
    lines = journal_lines(tiny_store)
    archive = tiny_store / "journal-archive"
    archive.mkdir()
    # What the journal helper's compaction leaves: old lines archived, the newest kept live.
    (archive / f"{1:020d}-{3:020d}.jsonl").write_bytes(b"".join(lines[:3]))
    (tiny_store / db.JOURNAL).write_bytes(lines[3])
    (tiny_store / "notes.json").write_bytes(b"{")
    out = restore(tiny_store, capsys)
    assert bodies(tiny_store) == [f"note {i}" for i in range(4)]
    assert any("nothing was lost" in line for line in out), out


# --- 2. a newer schema is not damage ---------------------------------------------------------------

@pytest.mark.parametrize("command", [["check"], ["check", "--restore"]])
def test_a_store_written_by_a_newer_version_is_refused_not_restored(
    tiny_store: Path, clock, capsys, command: list[str]
) -> None:
    a_day_of_work(tiny_store, clock)
    data = orjson.loads((tiny_store / "notes.json").read_bytes())
    data[db.META][db.META_ID]["schema_version"] = SCHEMA_VERSION + 1
    (tiny_store / "notes.json").write_bytes(orjson.dumps(data))
    before = snapshot_bytes(tiny_store)
    found = sorted((tiny_store / backups.BACKUPS).iterdir())
    assert main([*command, "--db", str(tiny_store)]) != 0
    out, err = capsys.readouterr()
    [line] = err.splitlines()
    assert f"written by a newer alliances-tui (schema {SCHEMA_VERSION + 1}; this one reads up to {SCHEMA_VERSION}): upgrade" in line
    assert "--restore" not in err and out == ""
    assert snapshot_bytes(tiny_store) == before
    assert sorted((tiny_store / backups.BACKUPS).iterdir()) == found


# --- 3. failed attempts never rotate good found out -------------------------------------------------

def five_days(folder: Path, clock: type[Clock]) -> list[Path]:
    for day in range(5):
        with FactStore.open(folder) as store:
            store.add_note(KOR, f"day {day}")
        next_day(clock)
    found = backups.list_backups(folder)
    assert len(found) == backups.KEEP_BACKUPS
    return found


def set_schema(folder: Path, name: str, version: int) -> None:
    data = orjson.loads((folder / name).read_bytes())
    data[db.META][db.META_ID]["schema_version"] = version
    (folder / name).write_bytes(orjson.dumps(data))


def test_five_failed_opens_of_an_unknown_schema_keep_every_good_backup(tiny_store: Path, clock) -> None:
    good = five_days(tiny_store, clock)
    set_schema(tiny_store, "notes.json", 0)
    for _ in range(5):
        with pytest.raises(StoreError, match="no migration"):
            FactStore.open(tiny_store)
    assert backups.list_backups(tiny_store) == good


def test_five_failed_migrations_keep_every_good_backup(tiny_store: Path, clock, monkeypatch) -> None:
    good = five_days(tiny_store, clock)

    def broken(files: dict) -> None:
        raise StoreError("the migration to schema 2 failed")

    monkeypatch.setattr(db, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, SCHEMA_VERSION, broken)
    for _ in range(5):
        with pytest.raises(StoreError, match="migration to schema 2 failed"):
            FactStore.open(tiny_store)
    assert backups.list_backups(tiny_store) == good


def test_a_backup_identical_to_the_newest_is_not_made(tiny_store: Path, clock) -> None:
    with FactStore.open(tiny_store) as store:
        store.add_note(KOR, "one")
    with FactStore.open(tiny_store) as store:
        store._files.backup(reason="manual")
        store._files.backup(reason="manual")
    assert len(backups.list_backups(tiny_store)) == 2  # the day's, then one of the new state


def test_rotation_keeps_the_good_backups_when_newer_ones_are_damaged(tiny_store: Path, clock) -> None:
    good = five_days(tiny_store, clock)
    for i in range(backups.KEEP_BACKUPS):  # failed attempts of an older version: newer than the good ones
        bad = tiny_store / backups.BACKUPS / f"20240405-23590{i}-000000-before-migration-0"
        bad.mkdir()
        for name in db.FILES:
            (bad / name).write_bytes(b"")
    with FactStore.open(tiny_store) as store:
        store.add_note(KOR, "day 5")  # its backup rotates
    kept = backups.list_backups(tiny_store)
    assert good[0] in kept
    assert sum(check_store(b) == [] for b in kept) >= backups.KEEP_BACKUPS


# --- 4. nothing outside the store is touched -------------------------------------------------------

def victim_folder(tmp_path: Path) -> Path:
    victim = tmp_path / "victim"
    for i in range(8):
        folder = victim / f"2023010{i}-000000-000000-daily"
        folder.mkdir(parents=True)
        (folder / "precious.txt").write_text(f"precious {i}")
    return victim


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"" for p in sorted(folder.rglob("*"))}


def test_a_symlinked_backups_folder_is_neither_written_nor_rotated(tiny_store: Path, tmp_path: Path, clock, capsys) -> None:
    victim = victim_folder(tmp_path)
    before = tree(victim)
    (tiny_store / backups.BACKUPS).symlink_to(victim, target_is_directory=True)
    with FactStore.open(tiny_store) as store:
        note = store.add_note(KOR, "saved all the same")
    assert tree(victim) == before
    with FactStore.open(tiny_store, readonly=True) as store:
        assert store.note(note.id).body == "saved all the same"
    assert main(["check", "--db", str(tiny_store)]) == 1
    err = capsys.readouterr().err
    assert str(tiny_store / backups.BACKUPS) in err and "symbolic link" in err
    assert main(["check", "--restore", "--db", str(tiny_store)]) == 1
    assert tree(victim) == before


def test_rotation_never_deletes_through_a_symlink_inside_backups(tiny_store: Path, tmp_path: Path, clock) -> None:
    victim = victim_folder(tmp_path)
    before = tree(victim)
    (tiny_store / backups.BACKUPS).mkdir()
    (tiny_store / backups.BACKUPS / "20200101-000000-000000-daily").symlink_to(victim / "20230100-000000-000000-daily")
    five_days(tiny_store, clock)
    assert tree(victim) == before
    assert all(not b.is_symlink() for b in backups.list_backups(tiny_store))


# --- 5. check tells the truth ---------------------------------------------------------------------------

def test_check_reports_a_lock_that_is_a_folder(tiny_store: Path, capsys) -> None:
    (tiny_store / db.LOCK).mkdir()
    assert main(["check", "--db", str(tiny_store)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert any(str(tiny_store / db.LOCK) in line and "folder" in line for line in err), err


def test_restore_puts_a_lock_folder_aside(tiny_store: Path, capsys) -> None:
    (tiny_store / db.LOCK).mkdir()
    restore(tiny_store, capsys)
    assert (tiny_store / db.LOCK).is_file() or not (tiny_store / db.LOCK).exists()
    [aside] = asides(tiny_store)
    assert (aside / db.LOCK).is_dir()


@pytest.mark.parametrize("seqs", [[1, 2**64 - 1], [1, 3, 2], [1, 1]])
def test_check_reports_absurd_journal_sequence_numbers(tiny: FactStore, capsys, seqs: list[int]) -> None:
    note = tiny.add_note(KOR, "x")
    tiny.close()
    [change] = orjson.loads(journal_lines(tiny.folder)[0])
    lines = []
    for i, seq in enumerate(seqs, 1):
        lines.append(orjson.dumps([{**change, "seq": seq, "group": i}]) + b"\n")
    (tiny.folder / db.JOURNAL).write_bytes(b"".join(lines))
    assert main(["check", "--db", str(tiny.folder)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert any(str(tiny.folder / db.JOURNAL) in line and "seq" in line for line in err), err
    assert note.id  # the note is in the snapshot: restore loses nothing
    restore(tiny.folder, capsys)


def test_creating_the_journal_fsyncs_the_folder(tmp_path: Path, monkeypatch) -> None:
    synced: list[Path] = []
    from store import journal as journal_module

    real = journal_module.fsync_dir
    monkeypatch.setattr(journal_module, "fsync_dir", lambda path: (synced.append(Path(path)), real(path)))
    journal = db.Journal(tmp_path / db.JOURNAL, 0)
    journal.close()
    assert synced == [tmp_path]


def test_restore_fsyncs_the_copies_before_replacing_live_files(tiny_store: Path, clock, monkeypatch, capsys) -> None:
    a_day_of_work(tiny_store, clock)
    (tiny_store / "facts.json").write_bytes(b"{")
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src, dst, **kw) -> None:
        events.append(("replace", str(dst)))
        real_replace(src, dst, **kw)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    restore(tiny_store, capsys)
    monkeypatch.undo()
    [aside] = asides(tiny_store)
    first_replace = next(i for i, e in enumerate(events) if e == ("replace", str(tiny_store / "facts.json")))
    synced_before = {path for kind, path in events[:first_replace] if kind == "fsync"}
    assert str(aside / "facts.json") in synced_before and str(aside) in synced_before
    last_replace = max(i for i, e in enumerate(events) if e[0] == "replace")
    assert ("fsync", str(tiny_store)) in events[last_replace:]


def test_a_note_whose_fact_could_not_be_recovered_is_named_and_kept_aside(tiny_store: Path, clock, capsys) -> None:
    with FactStore.open(tiny_store) as store:
        store.add_note(KOR, "day 0")
    next_day(clock)
    with FactStore.open(tiny_store) as store:  # the day's backup: no France
        store.add_records("import article", [("entities", FRA), ("facts", FRA_NATO)])
        orphan = store.add_note(Target(kind="fact", id="fact:fra-nato"), "France joined in 1949")
        store.add_note(KOR, "after")
    lines = journal_lines(tiny_store)
    lines[1] = b"\x00" * 40 + b"\n"  # the import's line
    (tiny_store / db.JOURNAL).write_bytes(b"".join(lines))
    (tiny_store / "facts.json").write_bytes(b"")
    notes = (tiny_store / "notes.json").read_bytes()
    out = restore(tiny_store, capsys)
    assert bodies(tiny_store) == ["after", "day 0"]
    lost = [l for l in out if l.startswith("lost:")]
    assert any("seq 2–3" in l and "facts.json" in l for l in lost), lost
    assert any(orphan.id in l and "France joined" in l and "fact:fra-nato" in l for l in lost), lost
    [aside] = asides(tiny_store)
    assert (aside / "notes.json").read_bytes() == notes  # the note's text is kept there


def test_restore_reads_slim_journal_lines_whole(tiny_store: Path) -> None:
    """Lines are written slim (store.slim); restore must replay them as the records they stand for."""
    with FactStore.open(tiny_store, create=False) as store:
        store.add_note(Target(kind="entity", id="country:KOR"), "kept by the journal")
        note_id = next(iter(store.annotations))
    (tiny_store / "notes.json").write_bytes(b"{ damaged")
    restore_store(tiny_store)
    with FactStore.open(tiny_store, create=False, readonly=True) as store:
        assert store.annotations[note_id].body == "kept by the journal"


def test_every_change_of_a_damaged_slim_line_is_named(tiny_store: Path, clock, capsys, monkeypatch) -> None:
    """Slim lines give only the group's first change its time: a damaged one still names every change."""
    with monkeypatch.context() as m:
        m.setattr(db.StoreFiles, "checkpoint", lambda self: None)
        with FactStore.open(tiny_store) as store:
            store.add_note(KOR, "before")
            store.add_records("import article", [("entities", FRA), ("facts", FRA_NATO)])
            store.add_note(KOR, "after")
    lines = journal_lines(tiny_store)
    changes = orjson.loads(lines[1])
    assert len(changes) == 2 and "at" not in changes[1]  # written slim
    lines[1] = lines[1][:-40] + b"\x00\xff a bad sector\n"
    (tiny_store / db.JOURNAL).write_bytes(b"".join(lines))
    out = restore(tiny_store, capsys)
    lost = [l for l in out if "lost" in l]
    for change in changes:
        assert any(change["id"] in l and f"seq {change['seq']}" in l and changes[0]["at"] in l for l in lost), lost
