"""The command line: where the store lives, export, stats, check, --help, and no Textual import."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, run_python, snapshot_bytes
from tui_helpers import notifications
from store.models import SCHEMA_VERSION, Target
from store.repository import FactStore
from tui import cli
from tui.cli import main

SUBCOMMANDS = ["export", "check", "stats", "import", "update-world", "serve"]
ARTICLE = ROOT / "tests" / "data" / "import" / "baltic-to-pacific.md"
EXPORT_KEYS = ["schema_version", "entities", "facts", "sources", "excerpts", "annotations", "evidence_links", "changes"]


def stats_folder(out: str) -> str:
    first = out.splitlines()[0]
    assert first.startswith("store")
    return first.split(None, 1)[1]


# --- where the store lives ---------------------------------------------------------

@pytest.mark.parametrize("where", ["before", "after"])
def test_db_before_or_after_the_subcommand(starter_store: Path, where: str, capsys, no_db_env) -> None:
    argv = ["--db", str(starter_store), "stats"] if where == "before" else ["stats", "--db", str(starter_store)]
    assert main(argv) == 0
    assert stats_folder(capsys.readouterr().out) == str(starter_store)


def test_db_after_the_subcommand_wins_over_before(starter_store: Path, tmp_path: Path, capsys, no_db_env) -> None:
    assert main(["--db", str(tmp_path / "other"), "stats", "--db", str(starter_store)]) == 0
    assert stats_folder(capsys.readouterr().out) == str(starter_store)
    assert not (tmp_path / "other").exists()


def test_the_environment_variable_names_the_store(starter_store: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("ALLIANCES_TUI_DB", str(starter_store))
    assert main(["stats"]) == 0
    assert stats_folder(capsys.readouterr().out) == str(starter_store)


def test_db_wins_over_the_environment(starter_store: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("ALLIANCES_TUI_DB", str(tmp_path / "from-env"))
    assert main(["export", "--db", str(starter_store)]) == 0
    capsys.readouterr()
    assert not (tmp_path / "from-env").exists()


def test_the_default_store_is_in_the_user_data_directory(tmp_path: Path, monkeypatch, capsys, no_db_env) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = tmp_path / "data" / "alliances-tui" / "store"
    assert cli.default_store() == expected
    # A reading command does not create it; it names where it looked.
    assert main(["stats"]) == 1
    assert capsys.readouterr().err == f"alliances-tui: {no_store(expected)}\n"
    assert main(["import", str(ARTICLE)]) == 0
    assert (expected / "facts.json").is_file()
    capsys.readouterr()
    assert main(["stats"]) == 0
    assert stats_folder(capsys.readouterr().out) == str(expected)


def test_a_tilde_in_the_environment_is_expanded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("ALLIANCES_TUI_DB", "~/stores/main")
    assert cli.default_store() == tmp_path / "stores" / "main"


# --- export ---------------------------------------------------------------------------

@pytest.fixture
def exported(starter_store: Path, capsys) -> dict:
    with FactStore.open(starter_store) as store:
        fact = next(f for f in store.facts_of("country:KOR", "alliance:nato"))
        store.add_note(Target(kind="fact", id=fact.id), "first ROK president at a summit", tags=["summit"])
        store.set_fact_status(fact.id, "disputed")
    assert main(["export", "--format", "json", "--db", str(starter_store)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def test_export_json_shape(exported: dict) -> None:
    assert list(exported) == EXPORT_KEYS
    assert exported["schema_version"] == SCHEMA_VERSION
    for key in EXPORT_KEYS[1:]:
        assert isinstance(exported[key], list) and (exported[key] or key == "evidence_links"), key


def test_export_entities_and_facts(exported: dict) -> None:
    entities = {e["id"]: e for e in exported["entities"]}
    assert entities["country:KOR"]["name"] == "South Korea" and entities["country:KOR"]["kind"] == "country"
    assert entities["alliance:nato"]["kind"] == "alliance"
    assert entities["alliance:nato"]["founded"] == "1949-04-04"
    fact = exported["facts"][0]
    assert {"id", "subject", "relation", "object", "start", "end", "qualifiers", "status", "evidence",
            "references", "origin", "created", "updated", "rev"} <= set(fact)
    ids = {e["id"] for e in exported["entities"]}
    for fact in exported["facts"]:
        assert fact["subject"] in ids and fact["object"] in ids
        assert fact["start"] is None or isinstance(fact["start"], str)
        assert fact["end"] in ("open", "unknown") or isinstance(fact["end"], str)
    assert "disputed" in {f["status"] for f in exported["facts"]}


def test_export_excerpts(exported: dict) -> None:
    sources = {s["id"]: s for s in exported["sources"]}
    for excerpt in exported["excerpts"]:
        assert {"id", "source_id", "start", "end", "quote", "mentions"} <= set(excerpt)
        text = sources[excerpt["source_id"]]["text"]
        assert excerpt["quote"]["exact"] == text[excerpt["start"]:excerpt["end"]]
        assert {"exact", "prefix", "suffix"} <= set(excerpt["quote"])
        for m in excerpt["mentions"]:
            assert set(m) == {"entity_id", "start", "end"}


def test_export_annotations_and_changes(exported: dict) -> None:
    [note] = exported["annotations"]
    assert note["target"]["kind"] == "fact" and note["target"]["id"].startswith("fact:")
    assert note["body"] == "first ROK president at a summit" and note["tags"] == ["summit"]
    assert [c["op"] for c in exported["changes"]] == ["insert", "update"]
    assert [c["table"] for c in exported["changes"]] == ["annotations", "facts"]
    assert exported["changes"][0]["after"]["body"] == note["body"]
    assert {"seq", "at", "op", "table", "id", "before", "after"} <= set(exported["changes"][0])


def test_export_to_a_file(starter_store: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.json"
    assert main(["export", "--db", str(starter_store), "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert list(json.loads(out.read_text(encoding="utf-8"))) == EXPORT_KEYS


def test_export_to_a_file_that_cannot_be_written(starter_store: Path, tmp_path: Path, capsys) -> None:
    assert main(["export", "--db", str(starter_store), "--out", str(tmp_path / "no" / "such" / "dir.json")]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "dir.json" in line and "Traceback" not in line


def test_a_failed_export_leaves_the_old_file_and_no_temp_file(starter_store: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    from store.exports import formats as export
    from store.errors import StoreError

    out = tmp_path / "exports" / "report.json"
    out.parent.mkdir()
    out.write_text("the export of last week\n")

    def render_fails(*args, **kwargs) -> str:
        raise StoreError("the render failed half way")

    monkeypatch.setattr(export, "render", render_fails)
    assert main(["export", "--db", str(starter_store), "--out", str(out)]) == 1
    monkeypatch.undo()
    assert out.read_text() == "the export of last week\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.json"]
    capsys.readouterr()


def test_an_export_onto_a_full_disk_leaves_the_old_file_and_no_temp_file(
    starter_store: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    out = tmp_path / "exports" / "report.json"
    out.parent.mkdir()
    out.write_text("the export of last week\n")
    write = os.write
    calls = {"n": 0}

    def half_then_full(fd: int, data) -> int:
        # The first write lands half, as on a disk that fills up mid-file.
        calls["n"] += 1
        if calls["n"] == 1:
            return write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    code = main(["export", "--db", str(starter_store), "--out", str(out)])
    monkeypatch.undo()

    assert code == 1
    assert capsys.readouterr().err == f"alliances-tui: could not write {out}: No space left on device\n"
    assert out.read_text() == "the export of last week\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.json"]


def test_an_export_replaces_the_file_in_one_rename(starter_store: Path, tmp_path: Path, capsys) -> None:
    # A reader holding the old file keeps reading the old export whole.
    out = tmp_path / "report.json"
    out.write_text("old")
    with out.open() as reader:
        assert main(["export", "--db", str(starter_store), "--out", str(out)]) == 0
        assert reader.read() == "old"
    assert list(json.loads(out.read_text())) == EXPORT_KEYS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "store"]


@pytest.mark.parametrize("where", ["a store file", "a new file in the store", "a subfolder", "through a link"])
def test_an_export_into_the_store_folder_is_refused(starter_store: Path, tmp_path: Path, where: str, capsys) -> None:
    link = tmp_path / "link-to-store"
    link.symlink_to(starter_store)
    (starter_store / "backups").mkdir(exist_ok=True)
    out = {
        "a store file": starter_store / "facts.json",
        "a new file in the store": starter_store / "export.json",
        "a subfolder": starter_store / "backups" / "export.json",
        "through a link": link / "notes.json",
    }[where]
    files = snapshot_bytes(starter_store)

    assert main(["export", "--db", str(starter_store), "--out", str(out)]) == 1

    err = capsys.readouterr().err
    assert err == (f"alliances-tui: will not write the export to {out}: it is inside the store folder "
                   f"{starter_store}; choose a file outside it\n")
    assert snapshot_bytes(starter_store) == files
    assert not (starter_store / "export.json").exists() and not (starter_store / "backups" / "export.json").exists()


# --- a missing store is not a new store ----------------------------------------------------

def no_store(folder: Path) -> str:
    return f"no store at {folder} (create one by opening the explorer or importing an article)"


@pytest.mark.parametrize("command", ["export", "stats", "check"])
@pytest.mark.parametrize("missing", ["no folder", "an empty folder"])
def test_a_reading_command_on_a_missing_store_says_so(tmp_path: Path, command: str, missing: str, capsys) -> None:
    folder = tmp_path / "mistyped"
    if missing == "an empty folder":
        folder.mkdir()
    assert main([command, "--db", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert err == f"alliances-tui: {no_store(folder)}\n" and out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == (["mistyped"] if missing == "an empty folder" else [])
    assert not folder.exists() or list(folder.iterdir()) == []


def test_import_creates_a_store_and_says_where(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "new"
    assert main(["import", str(ARTICLE), "--db", str(folder)]) == 0
    err = capsys.readouterr().err
    assert err == f"alliances-tui: created a new store at {folder} from the starter data\n"
    assert main(["import", str(ARTICLE), "--db", str(folder)]) == 0
    assert capsys.readouterr().err == ""


async def test_the_explorer_creates_a_store_and_says_where(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "a [b]new[/b] store [/]"  # a folder name is text, never markup
    app = cli.explorer(folder)
    line = f"created a new store at {folder} from the starter data"
    assert capsys.readouterr().err == f"alliances-tui: {line}\n"
    async with app.run_test() as pilot:
        await pilot.pause()
        assert [message for _, message, _ in notifications(app)] == [line]
    assert (folder / "facts.json").is_file()
    again = cli.explorer(folder)
    assert capsys.readouterr().err == ""
    async with again.run_test() as pilot:
        await pilot.pause()
        assert notifications(again) == []


def test_export_works_while_the_app_holds_the_store(starter_store: Path, capsys) -> None:
    with FactStore.open(starter_store) as app:
        app.add_note(Target(kind="entity", id="country:KOR"), "journaled, not checkpointed")
        assert main(["export", "--db", str(starter_store)]) == 0
        data = json.loads(capsys.readouterr().out)
        assert [n["body"] for n in data["annotations"]] == ["journaled, not checkpointed"]
        assert not app.readonly
        app.add_note(Target(kind="entity", id="country:KOR"), "still writable")


# --- stats and check ---------------------------------------------------------------------

def test_stats(starter_store: Path, capsys) -> None:
    with FactStore.open(starter_store) as store:
        store.add_note(Target(kind="entity", id="country:KOR"), "x")
        counts = {"facts": len(store.facts), "excerpts": len(store.excerpts), "sources": len(store.sources),
                  "countries": len(store.countries()), "alliances": len(store.alliances())}
    assert main(["stats", "--db", str(starter_store)]) == 0
    lines = dict(line.split(None, 1) for line in capsys.readouterr().out.splitlines())
    assert {k: int(v.replace(",", "")) for k, v in lines.items() if k != "store"} == {**counts, "notes": 1, "changes": 1, "archived": 0}


def test_check_accepts_the_starter_store(starter_store: Path, capsys) -> None:
    assert main(["check", "--db", str(starter_store)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == f"{starter_store}: ok" and err == ""


def test_check_does_not_create_a_store(tmp_path: Path, capsys) -> None:
    assert main(["check", "--db", str(tmp_path / "none")]) == 1
    assert "no store at" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()


# --- help ----------------------------------------------------------------------------------

def test_top_level_help(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "--db" in out
    for command in SUBCOMMANDS:
        assert command in out


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: alliances-tui {command}")
    assert "--db DIR" in out


def test_a_bad_argument_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "yaml"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


# --- real processes ----------------------------------------------------------------------------

def test_the_console_script_checks_and_exports(starter_store: Path) -> None:
    script = Path(sys.executable).parent / "alliances-tui"
    if not script.exists():
        pytest.skip("the console script is not installed in this environment")
    env = {**os.environ, "ALLIANCES_TUI_DB": str(starter_store)}
    result = subprocess.run([str(script), "check"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{starter_store}: ok"
    result = subprocess.run([str(script), "export", "--format", "json"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0 and list(json.loads(result.stdout)) == EXPORT_KEYS


def test_python_dash_m_tui_on_a_damaged_store(starter_store: Path) -> None:
    (starter_store / "facts.json").write_bytes(b"{")
    result = subprocess.run([sys.executable, "-m", "tui", "export", "--db", str(starter_store)],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("alliances-tui: ") and str(starter_store / "facts.json") in line


def test_export_into_a_closed_pipe_is_quiet(starter_store: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "tui", "export", "--db", str(starter_store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # the reader leaves, like `| head`
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert b"Traceback" not in err and b"BrokenPipe" not in err


NO_TEXTUAL = textwrap.dedent("""
    import sys
    from tui.cli import main
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
    loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith(("textual.", "rich.")) or m == "rich")
    print("LOADED", ",".join(loaded), file=sys.stderr)
    sys.exit(code)
""")


@pytest.mark.parametrize(
    "argv", [["--help"], ["check"], ["export", "--format", "json"], ["stats"], ["export", "--help"], ["check", "--help"]]
)
def test_commands_without_the_screen_do_not_import_textual(starter_store: Path, argv: list[str]) -> None:
    result = run_python(NO_TEXTUAL, *argv, "--db", str(starter_store)) if argv[-1] != "--help" else run_python(NO_TEXTUAL, *argv)
    assert result.returncode == 0, result.stderr
    loaded = result.stderr.strip().splitlines()[-1]
    assert loaded.startswith("LOADED")
    assert "textual" not in loaded.split(None, 1)[-1].split(","), loaded


def test_importtime_shows_no_textual_for_check(starter_store: Path) -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "tui", "check", "--db", str(starter_store)],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")]
    assert "store.repository" in imported
    assert not [m for m in imported if m == "textual" or m.startswith("textual.")]


def test_the_explorer_asks_textual_for_120_frames_a_second_unless_told_otherwise(monkeypatch) -> None:
    monkeypatch.delenv("TEXTUAL_FPS", raising=False)
    cli.use_frame_rate()
    assert os.environ["TEXTUAL_FPS"] == "120"
    monkeypatch.setenv("TEXTUAL_FPS", "30")  # the user's choice stands
    cli.use_frame_rate()
    assert os.environ["TEXTUAL_FPS"] == "30"


def test_the_cli_tells_pydantic_not_to_scan_for_plugins_unless_told_otherwise(monkeypatch, starter_store) -> None:
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    assert cli.main(["stats", "--db", str(starter_store)]) == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")  # the user's choice stands: plugins load
    cli.skip_pydantic_plugins()
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == ""


def test_the_explorer_imports_the_text_area_only_when_a_note_is_written() -> None:
    # TextArea is a large module: the first screen, which has no editor, goes without it.
    code = "import sys, tui.app; print('textual.widgets._text_area' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.split() == ["False"], result.stderr


def test_version_names_the_installed_version_and_its_schema(capsys) -> None:
    from importlib.metadata import version

    from store.models import SCHEMA_VERSION

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"alliances-tui {version('alliances-tui')} (store schema {SCHEMA_VERSION})"


def test_export_help_lists_every_status(capsys) -> None:
    from store.models import FactStatus

    assert cli.STATUSES == tuple(s.value for s in FactStatus)
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "unreviewed, confirmed, disputed, retracted" in " ".join(capsys.readouterr().out.split())
