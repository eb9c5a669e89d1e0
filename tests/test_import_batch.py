"""Many articles at once (issue 14): `alliances-tui import` of folders and many files, --keep-going,
the per-article summary and its totals, what a stopped batch imported, and the import dialog given a folder.

The articles are texts of the development set (benchmarks/devset/articles), copied into a
temporary folder, so each import does the real work of an article.
"""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from conftest import ROOT
from store.pipeline.batch import ARTICLE_SUFFIXES, collect, import_batch, links_of, outcome_line
from store.pipeline.import_report import ImportReport
from store.models import Source
from store.repository import FactStore
from tui.cli import main
from tui.screens.import_article import ImportScreen
from tui_helpers import settle, type_text

DEVSET = ROOT / "benchmarks" / "devset" / "articles"
GOOD = ["wikipedia-aukus.txt", "nato-sweden-flag-2024.txt", "kocis-camp-david-2023.txt"]


def copy(name: str, to: Path) -> Path:
    to.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DEVSET / name, to)
    return to


def titles(folder: Path) -> set[str]:
    store = FactStore.open(folder, readonly=True, create=False)
    try:
        return {s.title for s in store.sources.values()}
    finally:
        store.close()


def title_of(name: str) -> str:
    return (DEVSET / name).read_text(encoding="utf-8").splitlines()[0].removeprefix("Title: ")


@pytest.fixture
def batch_with_a_bad_file(tmp_path: Path) -> Path:
    """a.txt, b.txt (empty: refused), c/d.md: sorted, the bad file in the middle."""
    folder = tmp_path / "articles"
    copy(GOOD[0], folder / "a.txt")
    (folder / "b.txt").write_bytes(b"")
    copy(GOOD[1], folder / "c" / "d.md")
    return folder


def out_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


# --- which files a folder gives ---------------------------------------------------------------

def test_a_folder_gives_its_articles_recursively_and_sorted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for name in ["b.md", "a.txt", "z/y.html", "m/n.markdown", "UPPER.TXT", "notes.pdf", "image.png", "README"]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x")
    files = collect([folder])
    assert [p.relative_to(folder).as_posix() for p in files.files] == ["UPPER.TXT", "a.txt", "b.md", "m/n.markdown", "z/y.html"]
    assert sorted(p.name for p in files.others) == ["README", "image.png", "notes.pdf"]
    assert files.skipped == []
    assert {".txt", ".md", ".html", ".htm", ".markdown"} <= set(ARTICLE_SUFFIXES)


def test_a_file_named_on_the_command_line_is_taken_whatever_its_name(tmp_path: Path) -> None:
    named = tmp_path / ".hidden-but-named.notes"
    named.write_text("x")
    assert collect([named, tmp_path / "missing.txt"]).files == [named, tmp_path / "missing.txt"]


def test_hidden_files_and_folders_are_skipped_and_said(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for name in ["a.txt", ".draft.txt", ".git/b.txt", "sub/.c.md"]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x")
    files = collect([folder])
    assert files.files == [folder / "a.txt"]
    assert [(s.path.relative_to(folder).as_posix(), s.reason) for s in files.skipped] == [
        (".draft.txt", "a hidden file"), (".git", "a hidden folder"), ("sub/.c.md", "a hidden file")]


def test_links_out_of_the_folder_are_skipped_and_links_inside_are_followed_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("x")
    outside = tmp_path / "secret.txt"
    outside.write_text("not for this batch")
    (tmp_path / "elsewhere").mkdir()
    (folder / "out.txt").symlink_to(outside)
    (folder / "out-folder").symlink_to(tmp_path / "elsewhere")
    (folder / "sub" / "again.txt").symlink_to(folder / "a.txt")  # the same article: imported once
    (folder / "broken.txt").symlink_to(tmp_path / "gone.txt")
    files = collect([folder])
    assert files.files == [folder / "a.txt"]
    reasons = {s.path.name: s.reason for s in files.skipped}
    assert reasons["out.txt"] == f"a link leading out of {folder}"
    assert reasons["out-folder"] == f"a link leading out of {folder}"
    assert reasons["broken.txt"] == "a link to nothing"
    assert "again.txt" not in reasons


# --- the command ------------------------------------------------------------------------------

def test_a_folder_imports_every_article_with_a_line_each_and_totals(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "articles"
    copy(GOOD[0], folder / "a.txt")
    copy(GOOD[1], folder / "sub" / "b.md")
    (folder / "figure.png").write_bytes(b"\x89PNG")
    db = tmp_path / "db"
    assert main(["import", str(folder), "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    lines = out_lines(out)
    assert len(lines) == 3, out
    assert lines[0].startswith(f'{folder / "a.txt"}: imported "{title_of(GOOD[0])}"')
    assert lines[1].startswith(f'{folder / "sub" / "b.md"}: imported "{title_of(GOOD[1])}"')
    assert lines[2].startswith("total: 2 files, 2 imported;")
    assert {title_of(GOOD[0]), title_of(GOOD[1])} <= titles(db)
    # Said on stderr: the store made, and the file left out of the batch (not an article by its name).
    assert f"skipped 1 file that is not an article by its name: {folder / 'figure.png'}" in err
    assert "Traceback" not in err


def test_the_summary_counts_are_the_stores(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "articles"
    for i, name in enumerate(GOOD):
        copy(name, folder / f"{i}.txt")
    db = tmp_path / "db"
    assert main(["import", str(folder), "--db", str(db)]) == 0
    lines = out_lines(capsys.readouterr().out)
    store = FactStore.open(db, readonly=True, create=False)
    try:
        by_title = {s.title: s.id for s in store.sources.values()}
        totals = Counter[str]()
        for i, name in enumerate(GOOD):
            source = by_title[title_of(name)]
            excerpts = [e for e in store.excerpts.values() if e.source_id == source]
            ids = {e.id for e in excerpts}
            mentions = sum(len(e.mentions) for e in excerpts)
            proposed = [f for f in store.facts.values() if f.origin.value == "import" and set(f.evidence) & ids]
            counts = re.search(r": (\d+) excerpts?, (\d+) mentions?, (\d+) links?, (\d+) facts? proposed$", lines[i])
            assert counts, lines[i]
            links = [l for l in store.evidence_links.values() if l.excerpt_id in ids]
            assert (int(counts[1]), int(counts[2]), int(counts[3]), int(counts[4])) == (
                len(excerpts), mentions, len(links), len(proposed)), lines[i]
            totals.update({"excerpts": len(excerpts), "mentions": mentions, "links": int(counts[3]), "proposed": len(proposed)})
    finally:
        store.close()
    assert lines[-1] == (f"total: 3 files, 3 imported; {totals['excerpts']} excerpts, {totals['mentions']} mentions, "
                         f"{totals['links']} links, {totals['proposed']} facts proposed")


def test_one_line_per_article_counts_links_and_proposals_from_the_report() -> None:
    source = Source(id="src:x", title="A [b]title[/b]\x1b[2J")
    fact_ids = ["fact:1", "fact:2"]
    from store.models import EvidenceLink, Fact, LinkOrigin, Stance

    facts = [Fact(id=f, subject="country:JPN", relation="member_of", object="alliance:nato", evidence=["ex:1"]) for f in fact_ids]
    links = [EvidenceLink(id=f"link:{i}", fact_id=facts[1].id, excerpt_id=f"ex:{i}", stance=Stance.SUPPORTS,
                          origin=LinkOrigin.IMPORT) for i in (1, 2)]
    report = ImportReport(name="dir/x.txt", status="imported", source=source, proposed=[facts[0]],
                          links_proposed=links, mentions=Counter({"country:JPN": 3, "alliance:nato": 2}))
    assert links_of(report) == 2
    line = outcome_line(import_batch_outcome(report))
    assert line == 'dir/x.txt: imported "A [b]title[/b]␛[2J": 0 excerpts, 5 mentions, 2 links, 1 fact proposed'


def import_batch_outcome(report: ImportReport):
    from store.pipeline.batch import Outcome

    return Outcome(path=Path(report.name), report=report)


def test_without_keep_going_the_first_bad_file_stops_the_batch_and_says_what_was_imported(
        batch_with_a_bad_file: Path, tmp_path: Path, capsys) -> None:
    folder = batch_with_a_bad_file
    db = tmp_path / "db"
    assert main(["import", str(folder), "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    lines = out_lines(out)
    assert lines[0].startswith(f'{folder / "a.txt"}: imported "{title_of(GOOD[0])}"')
    assert lines[1] == f"{folder / 'b.txt'}: failed: the file is empty"
    assert lines[2] == f"{folder / 'c' / 'd.md'}: not imported (the batch stopped at {folder / 'b.txt'})"
    assert lines[3].startswith("total: 3 files, 1 imported, 1 failed, 1 not imported;")
    errors = [line for line in err.splitlines() if "created a new store" not in line]
    assert errors == [
        f"alliances-tui: cannot import {folder / 'b.txt'}: the file is empty",
        f"alliances-tui: stopped at {folder / 'b.txt'}: the 1 file before it is imported (each article is its own "
        "undo step), it and the 1 after it are not; --keep-going imports past a bad file",
    ]
    assert title_of(GOOD[0]) in titles(db) and title_of(GOOD[1]) not in titles(db)


def test_with_keep_going_every_good_file_is_imported_and_the_exit_status_says_one_failed(
        batch_with_a_bad_file: Path, tmp_path: Path, capsys) -> None:
    folder = batch_with_a_bad_file
    db = tmp_path / "db"
    assert main(["import", "--keep-going", str(folder), "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    lines = out_lines(out)
    assert [line.split(":")[1].split('"')[0].strip() for line in lines[:3]] == ["imported", "failed", "imported"]
    assert lines[3].startswith("total: 3 files, 2 imported, 1 failed;")
    errors = [line for line in err.splitlines() if "created a new store" not in line]
    assert errors == [f"alliances-tui: cannot import {folder / 'b.txt'}: the file is empty",
                      "alliances-tui: 1 of 3 files could not be imported"]
    assert {title_of(GOOD[0]), title_of(GOOD[1])} <= titles(db)


def test_each_article_of_a_batch_is_its_own_undo_step(batch_with_a_bad_file: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "db"
    assert main(["import", "--keep-going", str(batch_with_a_bad_file), "--db", str(db)]) == 1
    store = FactStore.open(db, create=False)
    try:
        assert store.undo() == f"import {title_of(GOOD[1])}"
        assert {s.title for s in store.sources.values()} >= {title_of(GOOD[0])}
        assert title_of(GOOD[1]) not in {s.title for s in store.sources.values()}
    finally:
        store.close()


def test_a_bad_file_named_among_good_ones_no_longer_hides_what_was_imported(tmp_path: Path, capsys) -> None:
    good = copy(GOOD[0], tmp_path / "good.txt")
    db = tmp_path / "db"
    assert main(["import", str(good), str(tmp_path / "nope.txt"), "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    assert f"{tmp_path / 'nope.txt'}: failed: no such file" in out
    assert f"alliances-tui: cannot import {tmp_path / 'nope.txt'}: no such file" in err
    assert title_of(GOOD[0]) in titles(db)


def test_an_empty_folder_is_one_line_and_a_failure(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".hidden.txt").write_text("x")
    db = tmp_path / "db"
    FactStore.open(db).close()
    assert main(["import", str(empty), "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"alliances-tui: skipped {empty / '.hidden.txt'}: a hidden file",
        f"alliances-tui: no articles to import in {empty} (files ending in {', '.join(ARTICLE_SUFFIXES)})",
    ]


def test_links_and_hidden_files_are_said_on_stderr_and_not_imported(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "articles"
    copy(GOOD[0], folder / "a.txt")
    secret = copy(GOOD[1], tmp_path / "outside" / "secret.txt")
    (folder / "leak.txt").symlink_to(secret)
    copy(GOOD[2], folder / ".draft.txt")
    db = tmp_path / "db"
    assert main(["import", str(folder), "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert f"alliances-tui: skipped {folder / '.draft.txt'}: a hidden file" in err.splitlines()
    assert f"alliances-tui: skipped {folder / 'leak.txt'}: a link leading out of {folder}" in err.splitlines()
    assert titles(db) >= {title_of(GOOD[0])}
    assert not titles(db) & {title_of(GOOD[1]), title_of(GOOD[2])}
    assert len(out_lines(out)) == 2  # a.txt and the totals


def test_one_file_keeps_the_full_report(tmp_path: Path, capsys) -> None:
    article = copy(GOOD[0], tmp_path / "a.txt")
    assert main(["import", str(article), "--db", str(tmp_path / "db")]) == 0
    out = capsys.readouterr().out
    assert "  excerpts: " in out and "  mentions: " in out and "total:" not in out


def test_no_bar_when_stderr_is_not_a_terminal_and_a_bar_when_it_is(
        batch_with_a_bad_file: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["import", "--keep-going", str(batch_with_a_bad_file), "--db", str(tmp_path / "db1")]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\r" not in err and "━" not in err

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stderr = Terminal()
    monkeypatch.setattr("sys.stderr", stderr)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert main(["import", "--keep-going", str(batch_with_a_bad_file), "--db", str(tmp_path / "db2")]) == 1
    drawn = stderr.getvalue()
    assert "━" in drawn and "3/3" in drawn
    # The failure is still one line of its own, above the bar.
    assert f"cannot import {batch_with_a_bad_file / 'b.txt'}: the file is empty" in drawn


def test_a_file_name_with_escapes_is_printed_inert(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "articles"
    copy(GOOD[0], folder / "a.txt")
    (folder / "b\x1b[2J.txt").write_bytes(b"")
    assert main(["import", "--keep-going", str(folder), "--db", str(tmp_path / "db")]) == 1
    out, err = capsys.readouterr()
    assert "\x1b" not in out and "\x1b" not in err
    assert "b\\x1b[2J.txt" in err


# --- the store's batch, without the command ---------------------------------------------------

def test_import_batch_reports_each_file_in_order(batch_with_a_bad_file: Path, starter) -> None:
    seen: list[str] = []

    class Progress:
        def start(self, path: Path) -> None:
            seen.append(f"start {path.name}")

        def done(self, outcome) -> None:
            seen.append(f"done {outcome.path.name} {outcome.state}")

    files = collect([batch_with_a_bad_file]).files
    result = import_batch(starter, files, keep_going=True, progress=Progress())
    assert seen == ["start a.txt", "done a.txt imported", "start b.txt", "done b.txt failed",
                    "start d.md", "done d.md imported"]
    assert [o.state for o in result.outcomes] == ["imported", "failed", "imported"]
    stopped = import_batch(starter, files, keep_going=False)
    assert [o.state for o in stopped.outcomes] == ["already imported", "failed", "not imported"]
    assert stopped.stopped_at == batch_with_a_bad_file / "b.txt"


# --- the dialog -------------------------------------------------------------------------------

async def test_the_import_dialog_takes_a_folder_and_reports_failures_in_one_notification(
        starter_store: Path, tmp_path: Path) -> None:
    from tui.app import build_app

    folder = tmp_path / "articles [b]x"
    copy(GOOD[0], folder / "a.txt")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c [red]bad.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    copy(GOOD[1], folder / "sub" / "d.md")
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        before = set(app.store.sources)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "Import article")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        field = app.screen.query_one("#import-path", Input)
        field.value = str(folder)  # typed keys would be completed by the suggester's guesses
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ImportScreen)
        added = {app.store.sources[s].title for s in set(app.store.sources) - before}
        assert added == {title_of(GOOD[0]), title_of(GOOD[1])}
        notes = list(app._notifications)
        failures = [n for n in notes if "could not be imported" in n.message]
        assert len(failures) == 1
        failure = failures[0]
        assert failure.markup is False and failure.severity == "error"
        assert failure.message.splitlines() == [
            "2 of 4 files could not be imported:",
            f"{folder / 'b.txt'}: the file is empty",
            f"{folder / 'c [red]bad.md'}: " + failure.message.splitlines()[2].split(".md: ", 1)[1],
        ]
        assert "front matter is invalid" in failure.message
        # Each article is its own step: u takes back the last one only.
        await pilot.press("u")
        await settle(pilot)
        assert {app.store.sources[s].title for s in set(app.store.sources) - before} == {title_of(GOOD[0])}


async def test_the_import_dialog_says_an_empty_folder_has_no_articles_and_stays_open(
        starter_store: Path, tmp_path: Path) -> None:
    from textual.widgets import Static

    from tui.app import build_app
    from tui_helpers import plain

    empty = tmp_path / "empty"
    empty.mkdir()
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        app.action_import()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportScreen)
        dialog.query_one("#import-path", Input).value = str(empty)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert plain(dialog.query_one("#import-error", Static).content).startswith(f"no articles to import in {empty}")


def test_a_batch_sees_what_its_earlier_articles_imported(tmp_path: Path, starter) -> None:
    """The batch's lookup of sources (by sha256, URL, title) follows its own writes: a copy is 'already
    imported', a new version of an article of the batch (same URL) updates it, another URL is its own."""
    text = (DEVSET / GOOD[0]).read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1.txt").write_text(text, encoding="utf-8")
    (folder / "2.txt").write_text(text, encoding="utf-8")
    (folder / "3.txt").write_text(text.replace("Initially announced", "First announced"), encoding="utf-8")
    other_url = text.replace("URL: https://en.wikipedia.org/wiki/AUKUS", "URL: https://example.org/aukus")
    (folder / "4.txt").write_text(other_url.replace("Initially announced", "Announced"), encoding="utf-8")
    result = import_batch(starter, collect([folder]).files)
    assert [o.state for o in result.outcomes] == ["imported", "already imported", "updated", "imported"]
    assert import_batch(starter, collect([folder]).files[2:]).outcomes[0].state == "already imported"


def test_the_gazetteer_follows_a_change_of_alliance(starter) -> None:
    from store.pipeline.importer import gazetteer_for

    first = gazetteer_for(starter)
    assert gazetteer_for(starter) is first
    nato = starter.entities["alliance:nato"]
    starter.add_records("alias", [("entities", nato.model_copy(update={"aliases": [*nato.aliases, "Zorblax Pact"]}))])
    second = gazetteer_for(starter)
    assert second is not first
    assert [m.entity_id for m in second.find("The Zorblax Pact met.")] == ["alliance:nato"]


@pytest.mark.parametrize(("names", "said"), [
    (["a.txt"], "nothing was imported; --keep-going imports past a bad file"),
    (["a.txt", "b.txt"], "nothing was imported (nor the 1 file after it); --keep-going imports past a bad file"),
])
def test_a_batch_stopped_at_its_first_file_says_so_plainly(tmp_path: Path, capsys, names: list[str], said: str) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / names[0]).write_text("")
    for name in names[1:]:
        copy(GOOD[0], folder / name)
    assert main(["import", str(folder), "--db", str(tmp_path / "db")]) == 1
    err = capsys.readouterr().err
    assert f"alliances-tui: stopped at {folder / 'a.txt'}: {said}" in err.splitlines()


def test_the_learned_models_guesses_come_only_with_learned(tmp_path: Path, capsys) -> None:
    article = ROOT / "tests" / "data" / "import" / "baltic-to-pacific.md"

    def guesses(db: Path) -> tuple[int, int]:
        store = FactStore.open(db, readonly=True, create=False)
        try:
            facts = sum(f.qualifiers.get("cue", "").startswith("model ") for f in store.facts.values())
            links = sum(link.cue.startswith("model ") for link in store.evidence_links.values())
            return facts, links
        finally:
            store.close()

    assert main(["import", "--learned", str(article), "--db", str(tmp_path / "learned")]) == 0
    assert main(["import", str(article), "--db", str(tmp_path / "rules")]) == 0
    capsys.readouterr()
    assert sum(guesses(tmp_path / "learned")) > 0
    assert guesses(tmp_path / "rules") == (0, 0)  # and the switch did not outlive its command
