"""The journal stays small: bounded undo, compaction into journal-archive/, the full history kept (issue 13)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import orjson
import pytest

from store import db, journal
from store.errors import StoreCorrupt, StoreError, WriteFailed
from store.models import Change, Entity, EntityKind, Fact, Origin, Target
from store.repository import UNDO_DEPTH, UNDO_DEPTH_ENV, FactStore

KOR = Target(kind="entity", id="country:KOR")


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True) if path.exists() else []


def archived_lines(folder: Path) -> list[bytes]:
    return [line for _, _, path in journal.list_archives(folder) for line in lines(path)]


def stacks(store: FactStore) -> tuple[list[int], list[int], str | None, str | None]:
    return list(store.undo_window.undo), list(store.undo_window.redo), store.undo_label(), store.redo_label()


# --- the undo depth ---------------------------------------------------------------------

def test_undo_stops_at_the_depth_and_says_nothing_older(tiny_store: Path) -> None:
    with FactStore.open(tiny_store, undo_depth=3) as store:
        for i in range(5):
            store.add_note(KOR, f"note {i}")
        assert [store.undo() for _ in range(3)] == ["add note"] * 3
        assert store.undo() is None and not store.can_undo
        assert store.undo_cut  # the app says "nothing older to undo", not "nothing to undo"
        assert sorted(n.body for n in store.annotations.values()) == ["note 0", "note 1"]
        assert [store.redo() for _ in range(3)] == ["add note"] * 3 and store.redo() is None
        assert len(store.annotations) == 5


def test_within_the_depth_undo_is_unchanged(tiny_store: Path) -> None:
    with FactStore.open(tiny_store) as store:
        assert store.undo_depth == UNDO_DEPTH
        for i in range(5):
            store.add_note(KOR, f"note {i}")
        assert [store.undo() for _ in range(5)] == ["add note"] * 5
        assert store.undo() is None and not store.undo_cut


def test_the_depth_comes_from_the_environment(tiny_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(UNDO_DEPTH_ENV, "2")
    with FactStore.open(tiny_store) as store:
        assert store.undo_depth == 2
    with FactStore.open(tiny_store, undo_depth=7) as store:
        assert store.undo_depth == 7
    monkeypatch.setenv(UNDO_DEPTH_ENV, "lots")
    with pytest.raises(StoreError, match=UNDO_DEPTH_ENV):
        FactStore.open(tiny_store)


@pytest.mark.parametrize("seed", range(6))
def test_bounded_undo_matches_unbounded_undo_within_the_depth_across_compactions_and_reopens(
    tiny_store: Path, tmp_path: Path, seed: int
) -> None:
    """The same random session on a deep store and a shallow one: the shallow one's stacks are the deep
    one's, cut to the depth, after every step, every checkpoint (compaction) and every reopen."""
    rng = random.Random(seed)
    deep_folder = tmp_path / "deep"
    shutil.copytree(tiny_store, deep_folder)
    depth = 4
    deep = FactStore.open(deep_folder, undo_depth=10_000)
    shallow = FactStore.open(tiny_store, undo_depth=depth)
    made: dict[str, list[str]] = {"deep": [], "shallow": []}  # note ids (random) in the order made

    def live(name: str, store: FactStore) -> list[str]:
        return [i for i in made[name] if i in store.annotations]

    try:
        for step in range(160):
            roll = rng.random()
            notes = live("shallow", shallow)
            if roll < 0.35 or not notes:
                action = ("add", f"note {step}")
            elif roll < 0.5:
                action = ("edit", rng.randrange(len(notes)))
            elif roll < 0.75:
                action = ("undo",) if shallow.can_undo else ("add", f"note {step}")
            elif roll < 0.9:
                action = ("redo",) if shallow.can_redo else ("edit", rng.randrange(len(notes)))
            else:
                action = ("reopen",)
            for name, store in (("deep", deep), ("shallow", shallow)):
                if action[0] == "add":
                    made[name].append(store.add_note(KOR, action[1]).id)
                elif action[0] == "edit":
                    store.edit_note(live(name, store)[action[1]], f"edit {step}")
                elif action[0] == "undo":
                    store.undo()
                elif action[0] == "redo":
                    store.redo()
            if action[0] == "reopen":
                before = stacks(shallow)
                shallow.close()
                shallow = FactStore.open(tiny_store, undo_depth=depth)
                assert stacks(shallow) == before, step
            elif rng.random() < 0.2:
                shallow.checkpoint()
            assert len(shallow.undo_window.undo) <= depth
            assert shallow.undo_window.undo == deep.undo_window.undo[len(deep.undo_window.undo) - len(shallow.undo_window.undo):], step
            assert len(shallow.undo_window.undo) == min(depth, len(deep.undo_window.undo)) or shallow.undo_window.cut, step
            assert shallow.undo_window.redo == deep.undo_window.redo, step
            assert shallow.undo_label() == (deep.undo_label() if shallow.undo_window.undo else None)
            assert shallow.redo_label() == deep.redo_label()
            assert [shallow.note(i).body for i in live("shallow", shallow)] == [deep.note(i).body for i in live("deep", deep)]
            assert [c.seq for c in shallow.history()] == [c.seq for c in deep.history() if c.group in shallow.undo_window.groups]
        assert journal.list_archives(tiny_store), "the session never compacted: the test proves little"
    finally:
        deep.close()
        shallow.close()


# --- compaction ---------------------------------------------------------------------

def test_compaction_moves_old_lines_to_an_archive_byte_for_byte(tiny_store: Path) -> None:
    path = tiny_store / db.JOURNAL
    with FactStore.open(tiny_store, undo_depth=5) as store:
        for i in range(30):
            store.add_note(KOR, f"note {i}")
        written = lines(path)
        assert len(written) == 30
        store.checkpoint()
        assert len(lines(path)) == 5  # the undo window
        assert archived_lines(tiny_store) + lines(path) == written
        [(first, last, archive)] = journal.list_archives(tiny_store)
        assert archive.name == f"{first:020d}-{last:020d}.jsonl" and (first, last) == (1, 25)
        assert archive.parent == tiny_store / journal.ARCHIVE
        assert store.change_counts() == (5, 25)
        assert [store.undo() for _ in range(6)] == ["add note"] * 5 + [None]
    with FactStore.open(tiny_store, undo_depth=5) as again:
        assert len(again.annotations) == 25
        assert [c.seq for c in again.full_history()] == list(range(1, 36))
        assert again.can_redo and not again.can_undo and again.undo_cut


def test_compaction_waits_for_the_snapshots(tiny_store: Path) -> None:
    with FactStore.open(tiny_store, undo_depth=1) as store:
        for i in range(20):
            store.add_note(KOR, f"note {i}")
        assert store._files.compact(10_000) == 0  # notes.json is dirty: nothing leaves the journal
        assert not journal.list_archives(tiny_store) and len(lines(tiny_store / db.JOURNAL)) == 20
        store._files.checkpoint()
        assert store._files.compact(10_000) == 19  # never the newest line


def test_a_note_save_never_compacts(tiny_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> int:
        raise AssertionError("compaction on a save's path")

    monkeypatch.setattr(db, "compact", boom)
    with FactStore.open(tiny_store, undo_depth=1) as store:
        for i in range(50):
            store.add_note(KOR, f"note {i}")
        with pytest.raises(AssertionError):
            store.checkpoint()
        monkeypatch.undo()


def test_a_crash_between_the_archive_and_the_journal_rewrite_loses_and_repeats_nothing(
    tiny_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tiny_store / db.JOURNAL
    with FactStore.open(tiny_store, undo_depth=2) as store:
        for i in range(10):
            store.add_note(KOR, f"note {i}")
        written = lines(path)

        def crash(self: journal.Journal, data: bytes) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(journal.Journal, "replace", crash)
        with pytest.raises(WriteFailed, match="compact"):
            store.checkpoint()
        monkeypatch.undo()
        assert lines(path) == written and archived_lines(tiny_store) == written[:8]  # in both places
        assert [c.seq for c in store.full_history()] == list(range(1, 11))
        store.add_note(KOR, "after")
    with FactStore.open(tiny_store, undo_depth=2) as again:
        assert len(again.annotations) == 11
        assert [c.seq for c in again.full_history()] == list(range(1, 12))
        assert again.change_counts()[0] + again.change_counts()[1] >= 11
    with FactStore.open(tiny_store, undo_depth=2) as third:
        third.checkpoint()
        assert [c.seq for c in third.full_history()] == list(range(1, 12))


def test_a_snapshot_older_than_the_archives_is_brought_up_to_date_from_them(tiny_store: Path) -> None:
    old_notes = (tiny_store / "notes.json").read_bytes()
    with FactStore.open(tiny_store, undo_depth=2) as store:
        ids = [store.add_note(KOR, f"note {i}").id for i in range(12)]
    assert journal.list_archives(tiny_store)
    db.atomic_write(tiny_store / "notes.json", old_notes)  # e.g. put back from a backup
    with FactStore.open(tiny_store, undo_depth=2) as again:
        assert sorted(again.annotations) == sorted(ids)


def test_stats_counts_the_whole_history(tiny_store: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    from tui.cli import main

    monkeypatch.setenv(UNDO_DEPTH_ENV, "3")
    with FactStore.open(tiny_store) as store:
        for i in range(20):
            store.add_note(KOR, f"note {i}")
    assert main(["stats", "--db", str(tiny_store)]) == 0
    out = capsys.readouterr().out
    rows = {line.split("  ")[0].strip(): line.split()[-1] for line in out.splitlines()}
    assert rows["changes"] == "20"
    assert rows["archived"] == "17"


def test_export_keeps_the_archived_changes(tiny_store: Path) -> None:
    from store.exports.formats import as_json

    with FactStore.open(tiny_store, undo_depth=2) as store:
        for i in range(10):
            store.add_note(KOR, f"note {i}")
        store.checkpoint()
        assert journal.list_archives(tiny_store)
        assert [c["seq"] for c in as_json(store)["changes"]] == list(range(1, 11))


def test_a_long_old_journal_is_compacted_at_close(tiny_store: Path) -> None:
    """A journal written before compaction existed (every note since the first) shrinks at the next close."""
    with FactStore.open(tiny_store, undo_depth=100_000) as store:
        for i in range(60):
            store.add_note(KOR, f"note {i}")
    assert len(lines(tiny_store / db.JOURNAL)) == 60
    with FactStore.open(tiny_store, undo_depth=10) as store:
        assert len(store.undo_window.groups) == 10  # memory holds the window only
    assert len(lines(tiny_store / db.JOURNAL)) == 10
    assert len(archived_lines(tiny_store)) == 50
    assert [orjson.loads(line)[0]["seq"] for line in archived_lines(tiny_store)] == list(range(1, 51))


# --- an import's journal line --------------------------------------------------------

ARTICLE = Path(__file__).parent / "data" / "import" / "baltic-to-pacific.md"


def long_article(folder: Path, size: int = 90_000) -> Path:
    """A ~90 KB article: the test article's body again and again, each time a part of its own."""
    header, _, body = ARTICLE.read_text().partition("\n\n# ")
    parts, n = [header.replace("From the Baltic", "A long read: from the Baltic"), ""], 0
    while sum(len(p) for p in parts) < size:
        n += 1
        parts.append(("# " + body).replace("# From the Baltic to the Pacific", f"## Part {n}").replace("2024", str(2024 - n % 3)))
    path = folder / "long-read.md"
    path.write_text("\n\n".join(parts))
    return path


def import_line(store: FactStore, article: Path) -> bytes:
    from store.pipeline.importer import import_files

    path = store.folder / db.JOURNAL
    before = path.stat().st_size if path.exists() else 0
    import_files(store, [article])
    return path.read_bytes()[before:]


# "long" was 2.7× until imports proposed evidence links (200 link records, new content), 3.3× with
# undated summits linked too. Naming the import's own passages as "~:<n>" and sharing "created" brought
# both to 3.0× / 2.9×: what was left was new information the article does not hold (each passage's
# offsets and mentions, each link) and each change's head (seq, op, table, id). Packing a large line
# (store/packing.py: zlib, base64, a plain head) brought the test article to 1.13×; "long" repeats
# one text, so it packs far smaller than a real 90 KB article (0.75×).
@pytest.mark.parametrize("article, was, limit", [("test", 8.2, 1.2), ("long", 5.8, 1.2)])
def test_an_import_writes_a_line_near_the_articles_size(starter: FactStore, tmp_path: Path, article: str, was: float, limit: float) -> None:
    """Before: 8.2× the test article (its 25 updated facts carry before and after), 5.8× a 90 KB one."""
    path = ARTICLE if article == "test" else long_article(tmp_path)
    facts = {k: f.model_dump() for k, f in starter.facts.items()}
    line = import_line(starter, path)
    assert line.count(b"\n") == 1
    assert len(line) < limit * path.stat().st_size, f"{len(line) / path.stat().st_size:.2f}× the article"
    after = ({k: r.model_dump() for k, r in starter.facts.items()}, {k: r.model_dump() for k, r in starter.excerpts.items()},
             {k: r.model_dump() for k, r in starter.sources.items()})
    history = [c.model_dump() for c in starter.history()]
    starter.close()
    with FactStore.open(starter.folder) as again:  # replayed from the slim line
        assert ({k: r.model_dump() for k, r in again.facts.items()}, {k: r.model_dump() for k, r in again.excerpts.items()},
                {k: r.model_dump() for k, r in again.sources.items()}) == after
        assert [c.model_dump() for c in again.history()] == history
        again.undo()
        assert {k: f.model_dump() for k, f in again.facts.items()} == facts


def test_a_slim_line_keeps_the_changes_keys_and_a_whole_line_reads_as_before(starter: FactStore) -> None:
    from store import slim
    from store.models import Change

    import_line(starter, ARTICLE)
    starter.edit_note(starter.add_note(KOR, "x").id, "y")
    path = starter.folder / db.JOURNAL
    for raw in (journal.decode(line, path, n) for n, line in enumerate(lines(path), 1)):
        for change in raw:  # what schema-3 code did with each change of a line (it never sees a packed one)
            Change.model_validate(change)
        whole = slim.expand_group(raw)
        assert slim.expand_group(whole) == whole
        assert slim.slim_group(whole) == raw


def test_an_open_after_compaction_does_not_read_the_archives(tiny_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """facts.json has no change since it was written (applied_seq 0), yet holds all it should: no archive read."""
    with FactStore.open(tiny_store, undo_depth=2) as store:
        for i in range(12):
            store.add_note(KOR, f"note {i}")
    assert journal.list_archives(tiny_store)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the archives were read at open")

    monkeypatch.setattr(journal, "read_history", refuse)
    with FactStore.open(tiny_store, undo_depth=2) as again:
        assert len(again.annotations) == 12


# --- the undo window is read when undo needs it -----------------------------------------------------

def _import_many(folder: Path, n: int) -> None:
    with FactStore.open(folder, create=False) as store:
        subject = next(iter(store.facts.values())).subject
        facts = [
            Fact(id=f"fact:bulk-{i}", subject=subject, relation="member_of", object="alliance:bulk",
                 start="2001", origin=Origin.IMPORT)
            for i in range(n)
        ]
        bulk = Entity(id="alliance:bulk", kind=EntityKind.ALLIANCE, name="Bulk")
        store.add_records("import bulk", [("entities", bulk), *(("facts", f) for f in facts)])
        store.checkpoint()  # the snapshots hold the import: its line is only the undo window's


def test_an_applied_import_in_the_undo_window_is_not_parsed_at_open(tiny_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _import_many(tiny_store, 500)
    parsed: list[int] = []
    original = Change.model_validate.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Change], obj: object, *args: object, **kw: object) -> Change:
        parsed.append(1)
        return original(cls, obj, *args, **kw)  # type: ignore[no-any-return]

    monkeypatch.setattr(Change, "model_validate", classmethod(counting))
    with FactStore.open(tiny_store, create=False) as store:
        assert parsed == []  # 500 changes the snapshots hold: not one model built
        assert store.undo_label() == "import bulk"
        assert len(store.facts) >= 500
        assert store.undo() == "import bulk"  # read now, when undo needs it
        assert len(parsed) == 501
        assert "fact:bulk-0" not in store.facts and "alliance:bulk" not in store.entities
        assert store.redo() == "import bulk"
        assert "fact:bulk-499" in store.facts


def test_a_damaged_line_the_snapshots_hold_is_refused_by_undo_naming_it(tiny_store: Path) -> None:
    _import_many(tiny_store, 3)
    path = tiny_store / db.JOURNAL
    lines = path.read_bytes().splitlines(keepends=True)
    group = orjson.loads(lines[-1])
    group[1]["op"] = "explode"  # a shape only a full read finds
    lines[-1] = orjson.dumps(group) + b"\n"
    path.write_bytes(b"".join(lines))
    with FactStore.open(tiny_store, create=False) as store:
        assert "fact:bulk-2" in store.facts  # the snapshots hold it: nothing to replay
        with pytest.raises(StoreCorrupt, match=f"line {len(lines)}"):
            store.undo()
        assert "fact:bulk-2" in store.facts  # nothing half undone
    from store.check import check_journal

    assert any(f"line {len(lines)}" in problem for problem in check_journal(tiny_store))  # and `check` names it


def test_an_import_line_names_its_own_passages_once(starter: FactStore) -> None:
    """Links and facts point at the import's passages as ``~:<n>``; the full id is only in each excerpt's head."""
    group = journal.decode(import_line(starter, ARTICLE), starter.folder / db.JOURNAL, 1)
    line = orjson.dumps(group)  # what the packed line holds
    (source,) = [c["id"] for c in group if c["table"] == "sources"]
    prefix = "exc:" + source[4:] + ":"
    heads = sum(1 for c in group if c["table"] == "excerpts")
    assert line.count(prefix.encode()) == heads
    assert b'"~:' in line
    starter.close()
    with FactStore.open(starter.folder) as again:
        linked = [link.excerpt_id for link in again.evidence_links.values()]
        assert linked and all(e in again.excerpts for e in linked)
