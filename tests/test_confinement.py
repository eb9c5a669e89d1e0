"""Nothing outside the store folder is written or deleted, and two commands may create one store at once.

A symbolic link inside a store that alliances-tui did not make (a `lock` or
`journal.jsonl` pointing at a file elsewhere) once had its target truncated
or appended to. Now every write refuses such a link with one sentence, and a
victim folder outside the store stays byte for byte as it was. A store
folder that is itself a link (the user's `--db`) is the user's choice and
works through the link.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from store import db
from store.datasets import starter
from store.errors import StoreError
from store.models import Target
from store.repository import FactStore
from tui.cli import main

ARTICLE = ROOT / "tests" / "data" / "import" / "baltic-to-pacific.md"
LINKED = ["lock", "journal.jsonl", "seals.json", "facts.json", "sources.json", "notes.json"]


def link_sentence(path: Path) -> str:
    return (
        f"{path} is a symbolic link; alliances-tui does not write through links inside a store: "
        "replace it with the file it points to"
    )


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder``: a file's bytes, a link's target, a folder's name."""
    out: dict[str, bytes | str] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                out[rel] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = path.read_bytes()
    return out


def with_a_note(folder: Path) -> Path:
    """The store with one saved note and a checkpoint, so every file of a store exists."""
    with FactStore.open(folder, create=False) as store:
        store.add_note(Target(kind="entity", id="country:KOR"), "written before the link")
        store.checkpoint()
    return folder


def use_the_store(folder: Path) -> None:
    """Open, save a note, checkpoint, close: every kind of write a session makes."""
    store = FactStore.open(folder, create=False)
    try:
        store.add_note(Target(kind="entity", id="country:USA"), "written through the link?")
        store.checkpoint()
    finally:
        store.close()


# --- a symlinked file inside the store --------------------------------------------------

@pytest.mark.parametrize("name", LINKED)
def test_a_linked_store_file_is_refused_and_its_target_untouched(tiny_store: Path, tmp_path: Path, name: str) -> None:
    folder = with_a_note(tiny_store)
    victim = tmp_path / "victim"
    victim.mkdir()
    # The target holds the file's own bytes, so reading through the link works and
    # only a write could tell the difference.
    shutil.move(folder / name, victim / name)
    (folder / name).symlink_to(victim / name)
    (victim / "unrelated.txt").write_bytes(b"precious\n")
    before = tree(victim)

    with pytest.raises(StoreError) as info:
        use_the_store(folder)

    assert str(info.value) == link_sentence(folder / name)
    assert tree(victim) == before
    assert (folder / name).is_symlink()


@pytest.mark.parametrize("name", ["lock", "journal.jsonl"])
def test_a_dangling_link_creates_nothing_outside_the_store(tiny_store: Path, tmp_path: Path, name: str) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (tiny_store / name).unlink(missing_ok=True)
    (tiny_store / name).symlink_to(victim / "created-by-alliances-tui")

    with pytest.raises(StoreError) as info:
        use_the_store(tiny_store)

    assert str(info.value) == link_sentence(tiny_store / name)
    assert tree(victim) == {}


def test_a_store_opened_read_only_still_reads_through_a_link(tiny_store: Path, tmp_path: Path) -> None:
    # Reading cannot harm a target: `export` and `stats` keep working, and say nothing.
    folder = with_a_note(tiny_store)
    shutil.move(folder / "notes.json", tmp_path / "notes.json")
    (folder / "notes.json").symlink_to(tmp_path / "notes.json")
    with FactStore.open(folder, readonly=True, create=False) as store:
        assert [n.body for n in store.annotations.values()] == ["written before the link"]


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_a_stale_temp_link_is_left_alone_and_does_not_block_writing(tiny_store: Path, tmp_path: Path, kind: str) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.txt").write_bytes(b"precious\n")
    target = victim / "precious.txt" if kind == "file" else victim
    (tiny_store / ".facts.json.abc123.tmp").symlink_to(target)
    (tiny_store / ".notes.json.def456.tmp").mkdir()  # not a file this program writes either
    before = tree(victim)

    use_the_store(tiny_store)

    assert tree(victim) == before
    assert (tiny_store / ".facts.json.abc123.tmp").is_symlink()


def test_a_stale_temp_file_is_still_removed(tiny_store: Path) -> None:
    (tiny_store / ".facts.json.abc123.tmp").write_bytes(b"half a snapshot")
    use_the_store(tiny_store)
    assert not (tiny_store / ".facts.json.abc123.tmp").exists()


@pytest.mark.parametrize("name", ["lock", "journal.jsonl"])
def test_the_explorer_names_the_link_in_one_sentence(
    tiny_store: Path, tmp_path: Path, name: str, capsys, monkeypatch
) -> None:
    from tui.app import AlliancesApp

    def started(self: AlliancesApp) -> None:
        raise AssertionError("the explorer started on a store with a linked file")

    monkeypatch.setattr(AlliancesApp, "run", started)
    (tmp_path / "elsewhere").write_bytes(b"precious\n")
    (tiny_store / name).unlink(missing_ok=True)
    (tiny_store / name).symlink_to(tmp_path / "elsewhere")

    assert main(["--db", str(tiny_store)]) == 1

    assert capsys.readouterr().err == f"alliances-tui: {link_sentence(tiny_store / name)}\n"
    assert (tmp_path / "elsewhere").read_bytes() == b"precious\n"


def test_check_lists_a_linked_file_as_a_problem(tiny_store: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "elsewhere").write_bytes(b"")
    (tiny_store / "lock").unlink(missing_ok=True)
    (tiny_store / "lock").symlink_to(tmp_path / "elsewhere")

    assert main(["check", "--db", str(tiny_store)]) == 1

    assert link_sentence(tiny_store / "lock") in capsys.readouterr().err.splitlines()


# --- a store folder that is itself a link ---------------------------------------------------

def test_a_linked_store_folder_works_end_to_end(tiny_store: Path, tmp_path: Path, capsys) -> None:
    link = tmp_path / "my-store"
    link.symlink_to(tiny_store)

    use_the_store(link)
    assert main(["import", str(ARTICLE), "--db", str(link)]) == 0
    assert main(["stats", "--db", str(link)]) == 0

    assert link.is_symlink()
    with FactStore.open(tiny_store, readonly=True, create=False) as store:
        assert [n.body for n in store.annotations.values()] == ["written through the link?"]
        assert any(s.title for s in store.sources.values())
    assert "notes" in capsys.readouterr().out


@pytest.mark.parametrize("target", ["empty folder", "nothing yet"])
def test_a_new_store_is_created_where_the_link_points(tmp_path: Path, target: str, capsys) -> None:
    real = tmp_path / "real"
    if target == "empty folder":
        real.mkdir()
    link = tmp_path / "my-store"
    link.symlink_to(real)

    assert main(["import", str(ARTICLE), "--db", str(link)]) == 0

    assert link.is_symlink() and os.readlink(link) == str(real)
    assert db.is_store(real)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# --- two commands creating one store ---------------------------------------------------------

def test_two_creators_racing_both_get_the_one_store(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "new-store"
    both_built = threading.Barrier(2, timeout=60)
    write_new_store = db.write_new_store

    def built_then_wait(where: Path, files: dict) -> None:
        write_new_store(where, files)
        both_built.wait()  # both temp stores are complete: exactly one rename can win

    monkeypatch.setattr(db, "write_new_store", built_then_wait)
    results: list[object] = [None, None]

    def create(i: int) -> None:
        try:
            with FactStore.open(folder, readonly=True) as store:
                results[i] = len(store.facts)
        except Exception as exc:  # reported below, with the other thread's result
            results[i] = exc

    threads = [threading.Thread(target=create, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert all(isinstance(r, int) and r > 0 for r in results), results
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new-store"]  # no temp folder left
    assert db.is_store(folder)


def test_two_processes_creating_one_store_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "new-store"
    code = (
        "import sys; from pathlib import Path; from store.repository import FactStore\n"
        "with FactStore.open(Path(sys.argv[1]), readonly=True) as s: print(len(s.facts))\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(folder)], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert outs[0][0] == outs[1][0] and int(outs[0][0]) > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new-store"]


def test_creating_over_a_folder_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "notes-of-mine"
    folder.mkdir()
    (folder / "todo.txt").write_text("keep me")
    with pytest.raises(StoreError):
        starter.build_starter(folder)
    assert (folder / "todo.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes-of-mine"]


def test_two_imports_into_a_store_that_does_not_exist_yet_both_succeed(tmp_path: Path) -> None:
    folder = tmp_path / "new-store"
    articles = [ARTICLE, ROOT / "tests" / "data" / "import" / "finland-joins-nato.html"]
    procs = [
        subprocess.Popen([sys.executable, "-m", "tui", "import", str(article), "--db", str(folder)], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for article in articles
    ]
    outs = [p.communicate(timeout=120) for p in procs]

    assert [p.returncode for p in procs] == [0, 0], outs
    # One of them created it and said so once (either may also have waited for the other's lock: said too).
    created = [line for _, err in outs for line in err.splitlines() if "created a new store" in line]
    assert created == [f"alliances-tui: created a new store at {folder} from the starter data"]
    with FactStore.open(folder, readonly=True, create=False) as store:
        titles = [s.title for s in store.sources.values()]
    assert any("Baltic to the Pacific" in t for t in titles) and any("Finland joins NATO" in t for t in titles)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new-store"]


def test_compaction_never_writes_into_a_linked_archive_folder(tiny_store: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / ".keep.tmp").write_text("not the store's")
    (tiny_store / "journal-archive").symlink_to(victim)
    before = tree(victim)
    store = FactStore.open(tiny_store, create=False, undo_depth=2)
    try:
        for i in range(12):
            store.add_note(Target(kind="entity", id="country:KOR"), f"note {i}")
        with pytest.raises(StoreError, match="symbolic link"):
            store.checkpoint()
    finally:
        store._files.release()
    assert tree(victim) == before
    with FactStore.open(tiny_store, create=False) as again:  # every note is still in the live journal
        assert len(again.annotations) == 12
