"""Hostile text in notes and articles (issue 4, store side): stored byte-exact, whatever it holds."""

from __future__ import annotations

import tempfile
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_tiny_store
from store import db
from store.check import check_store
from store.pipeline.ingest import make_excerpts, make_source, parse_article
from store.models import Target
from store.repository import FactStore

KOR = Target(kind="entity", id="country:KOR")
FACT = Target(kind="fact", id="fact:kor-nato")

HOSTILE = {
    "rich markup": "[bold]bold[/bold] [red]red[/] a lone [/] and [link=https://evil.example]click[/link] [@click=app.quit]x[/]",
    "unbalanced markup": "[/][/][[[]]]][bold",
    "ansi colour": "\x1b[31mred\x1b[0m \x1b[1;4;5mblink\x1b[m",
    "screen clear and cursor moves": "\x1b[2J\x1b[H\x1b[10;10H\x1b[?25l\x1b[?1049h",
    "osc title": "\x1b]0;pwned title\x07 and \x1b]2;other\x1b\\",
    "osc 52 clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "osc 8 hyperlink": "\x1b]8;;https://evil.example\x1b\\text\x1b]8;;\x1b\\",
    "nul and controls": "a\x00b\x01c\x07d\x08e\x0bf\x0cg\x7fh\x9bi\x85j",
    "rtl override": "abc\u202edcba\u202c \u2066isolate\u2069 \u200fmark",
    "combining marks": "e\u0301 Z\u0351\u0364\u036b\u0313a\u0300\u0301\u0302\u0303\u0304l\u0305g\u0306o",
    "zwj emoji": "👩\u200d👩\u200d👧\u200d👦 🏳\ufe0f\u200d🌈 👍🏽 🇰🇷",
    "crlf": "line one\r\nline two\r\n\r\nline four\rcr only\n",
    "surrounding space": "   \t leading and trailing \t  \n\n",
    "empty": "",
    "json lookalike": '"}]}, {"id": "note:x", "body": "injected"}\n[{"seq": 1}]',
    "noncharacters and private use": "\ufffe\uffff\U0010ffff\ue000\ufeff",
    "line and paragraph separators": "a\u2028b\u2029c\x1c\x1d\x1e",
}


def body_on_disk(folder: Path, note_id: str) -> str:
    return orjson.loads((folder / "notes.json").read_bytes())["annotations"][note_id]["body"]


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_note_is_stored_byte_exact(tiny_store: Path, name: str) -> None:
    body = HOSTILE[name]
    with FactStore.open(tiny_store) as store:
        note = store.add_note(FACT, body, tags=["[bold]", "\x1b[31m", "👩\u200d👩\u200d👧"])
        assert store.note(note.id).body == body
    assert body_on_disk(tiny_store, note.id) == body  # the snapshot
    with FactStore.open(tiny_store) as store:
        again = store.note(note.id)
        assert again.body == body
        assert again.body.encode("utf-8") == body.encode("utf-8")
        assert again.tags == ["[bold]", "\x1b[31m", "👩\u200d👩\u200d👧"]
        edited = store.edit_note(note.id, body + body)
    with FactStore.open(tiny_store, readonly=True) as store:
        assert store.note(edited.id).body == body + body
    assert check_store(tiny_store) == []


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_note_survives_journal_replay(tiny_store: Path, name: str) -> None:
    body = HOSTILE[name]
    store = FactStore.open(tiny_store)
    note = store.add_note(KOR, body)
    # A crash: no checkpoint, so the note lives only in the journal.
    store._files._journal.close()
    store._files._lock.release()
    with FactStore.open(tiny_store) as again:
        assert again.note(note.id).body == body


def test_every_hostile_text_in_one_store(tiny_store: Path) -> None:
    ids = {}
    with FactStore.open(tiny_store) as store:
        for name, body in HOSTILE.items():
            ids[name] = store.add_note(KOR, body).id
    with FactStore.open(tiny_store) as store:
        for name, body in HOSTILE.items():
            assert store.note(ids[name]).body == body, name
        assert [n.id for n in store.notes_on("entity", "country:KOR")] == list(ids.values())


def test_a_one_megabyte_note(tiny_store: Path) -> None:
    chunk = "".join(HOSTILE.values())
    body = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    assert len(body) == 1_000_000
    with FactStore.open(tiny_store) as store:
        note = store.add_note(KOR, body)
        store.delete_note(note.id)
        store.undo()
        assert store.note(note.id).body == body
    with FactStore.open(tiny_store) as store:
        assert store.note(note.id).body == body
        store.edit_note(note.id, body[::-1])
    with FactStore.open(tiny_store) as store:
        assert store.note(note.id).body == body[::-1]
    assert check_store(tiny_store) == []


def test_hostile_text_in_an_imported_article(tiny_store: Path) -> None:
    """The importer's building blocks: offsets and quotes stay exact in a hostile article."""
    body = "\n\n".join(HOSTILE[k] for k in ("rich markup", "ansi colour", "osc 52 clipboard", "rtl override",
                                             "combining marks", "zwj emoji", "nul and controls", "crlf"))
    text = "Title: [bold]Hostile[/] \x1b]0;t\x07\r\nSource: test\r\n\r\n" + body + "\r\nA last paragraph.\r\n"
    article = parse_article(text)
    source = make_source(article, source_id="src:hostile")
    excerpts = make_excerpts(source)
    assert "\r" not in source.text
    assert excerpts
    for excerpt in excerpts:
        assert source.text[excerpt.start:excerpt.end] == excerpt.quote.exact
    with FactStore.open(tiny_store) as store:
        store.add_records("import", [("sources", source), *(("excerpts", e) for e in excerpts)])
    with FactStore.open(tiny_store) as store:
        assert store.sources["src:hostile"] == source
        assert store.excerpts_of("src:hostile") == excerpts
    assert check_store(tiny_store) == []


# --- property: any text round-trips -------------------------------------------------------

@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.text(), tags=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs")), min_size=1), max_size=3))
def test_any_text_round_trips_through_save_close_and_reopen(body: str, tags: list[str]) -> None:
    tags = [t for t in tags if t.strip() and not any(c.isspace() for c in t)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_tiny_store(Path(tmp) / "store")
        with FactStore.open(folder, create=False) as store:
            note = store.add_note(KOR, body, tags=tags)
            journal_only = store.add_note(FACT, body)
        with FactStore.open(folder, create=False) as store:
            assert store.note(note.id).body == body
            assert store.note(journal_only.id).body == body
            assert store.note(note.id).tags == list(dict.fromkeys(tags))
            store.edit_note(journal_only.id, body + "\n" + body)
        with FactStore.open(folder, readonly=True, create=False) as store:
            assert store.note(journal_only.id).body == body + "\n" + body
        assert body_on_disk(folder, note.id) == body


@settings(max_examples=50, deadline=None)
@given(body=st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=200))
def test_any_text_round_trips_through_the_journal_alone(body: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_tiny_store(Path(tmp) / "store")
        store = FactStore.open(folder, create=False)
        note = store.add_note(KOR, body)
        store._files._journal.close()  # a crash: no checkpoint
        store._files._lock.release()
        with FactStore.open(folder, readonly=True, create=False) as again:
            assert again.note(note.id).body == body
        assert (folder / db.JOURNAL).stat().st_size > 0


# --- hostile metadata stays inert (issue 13) ---------------------------------------------------
# Escape sequences in a title, a publisher, an author, a front matter field, a file or a folder
# name: every output (the import summary, every export) shows them as text and never carries
# the bytes a terminal obeys or the bidi controls that reorder a line.

import re  # noqa: E402

from store.exports import formats as export  # noqa: E402
from store.pipeline.importer import ImportRefused, import_files, import_text  # noqa: E402
from store.models import Entity, EntityKind, Fact, Origin, Source  # noqa: E402

OSC52 = "\x1b]52;c;SGVsbG8=\x07"
CLEAR = "\x1b[2J"
RLO = "\u202e"
BAD = f"[/] [bold red]x {OSC52}{CLEAR}{RLO}end"
# What no output may carry: C0 controls but tab and new line, DEL, C1, bidi controls.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE_ARTICLE = (
    "---\n"
    'title: "Title [/] [bold red]x \\e]52;c;SGVsbG8=\\a\\e[2J\\u202eend"\n'
    'publisher: "Pub \\e]0;pwned\\a [/]"\n'
    'authors: ["Ann \\e[31mRed", "Bob \\u202eevil"]\n'
    'section: "\\e]52;c;SGVsbG8=\\a"\n'
    "---\n\n"
    "Japan and South Korea attended the NATO summit in Vilnius in 2023, a first for both.\n\n"
    "Finland joined NATO on April 4, 2023.\n"
)


def assert_inert(text: str, *, line_ends: str = "", literal: tuple[str, ...] = ("[/]", "[bold red]x")) -> None:
    """No byte a terminal obeys, and the markup-looking text shown as it is."""
    for end in line_ends:
        text = text.replace(end, "")
    assert not FORBIDDEN.findall(text), sorted(set(FORBIDDEN.findall(text)))
    for part in literal:
        assert part in text, part


def hostile_file(tmp_path: Path) -> Path:
    folder = tmp_path / f"folder {CLEAR}[bold red]x{RLO}"  # no "/" in a name: [/] comes from the title
    folder.mkdir()
    path = folder / f"article {OSC52}[link=x]y{RLO}.md"
    path.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return path


def test_the_cli_import_summary_of_hostile_metadata_is_inert(tiny_store: Path, tmp_path: Path, capsys) -> None:
    from tui.cli import main

    path = hostile_file(tmp_path)
    assert main(["--db", str(tiny_store), "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert_inert(out)
    assert "␛]52;c;SGVsbG8=␇" in out  # the sequence shown, as note bodies show it
    with FactStore.open(tiny_store) as store:  # stored as the file says it
        [source] = [s for s in store.sources.values() if s.title.startswith("Title")]
        assert "\x1b]52;c;SGVsbG8=\x07" in source.title


def test_the_import_headline_and_a_refusal_of_hostile_names_are_inert(tiny_store: Path, tmp_path: Path) -> None:
    path = hostile_file(tmp_path)
    with FactStore.open(tiny_store) as store:
        [report] = import_files(store, [path])
        assert_inert(report.headline() + " [/]")  # the headline names the title, not the file
        assert_inert(report.summary())
        assert "\n" not in report.headline()
    with pytest.raises(ImportRefused) as refused:
        import_text(FactStore.open(tiny_store, readonly=True), "", name=str(path))
    assert_inert(str(refused.value), literal=("␛]52;c;SGVsbG8=␇[link=x]y<U+202E>.md",))


def hostile_export_store(folder: Path) -> FactStore:
    store = FactStore.open(folder)
    evil = Entity(id="country:ZZZ", kind=EntityKind.COUNTRY, name=f"Land {BAD}", aliases=[BAD], codes={"iso3": "ZZZ"})
    source = Source(id="ref:evil", title=f"Title {BAD}", publisher=f"Pub {BAD}", authors=[f"Ann {BAD}"],
                    published="2024-05", url=f"http://evil.example/{OSC52}")
    fact = Fact(id="fact:evil", subject="country:ZZZ", relation="member_of", object="alliance:nato", start="2020",
                qualifiers={f"key {BAD}": f"value {BAD}"}, references=["ref:evil"], origin=Origin.USER)
    store.add_records("hostile", [("entities", evil), ("sources", source), ("facts", fact)])
    store.add_note(Target(kind="fact", id="fact:evil"), f"note {BAD}\nsecond line", tags=["[/]"])
    return store


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_exports_carry_no_terminal_controls_from_hostile_records(tiny_store: Path, fmt: str) -> None:
    store = hostile_export_store(tiny_store)
    try:
        text = export.render(store, fmt)
        # Markdown escapes the brackets, so that a reader shows them as they are.
        literal = ("\\[/\\]", "\\[bold red\\]x") if fmt == "markdown" else ("[/]", "[bold red]x")
        assert_inert(text, line_ends="\r\n" if fmt == "csv" else "", literal=literal)
        if fmt == "json":  # escaped, not dropped: the JSON export keeps every character
            doc = orjson.loads(text)
            assert next(e for e in doc["entities"] if e["id"] == "country:ZZZ")["name"] == f"Land {BAD}"
        else:
            assert ("␛\\]52;c;SGVsbG8=␇" if fmt == "markdown" else "␛]52;c;SGVsbG8=␇") in text
    finally:
        store.close()


# --- YAML cannot explode -------------------------------------------------------------------------

BILLION_LAUGHS = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "title: [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "---\n\nFinland joined NATO on April 4, 2023.\n"
)


def test_a_billion_laughs_front_matter_is_refused_in_one_sentence_in_constant_memory(tmp_path: Path) -> None:
    import subprocess
    import sys

    article = tmp_path / "laughs.md"
    article.write_text(BILLION_LAUGHS)
    assert len(BILLION_LAUGHS) < 800
    # In a child limited to 400 MB of address space: the blow-up would be a MemoryError there, not here.
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (400 * 2**20, 400 * 2**20))\n"
        "from store.pipeline.parsing import parse_document\n"
        "from store.pipeline.import_report import ImportRefused\n"
        "try:\n"
        f"    parse_document(open(sys.argv[1]).read(), 'markdown', sys.argv[1])\n"
        "except ImportRefused as exc:\n"
        "    print(exc)\n"
        "    sys.exit(3)\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(article)], capture_output=True, text=True, timeout=30)
    assert run.returncode == 3, run.stderr[-2000:]
    [line] = run.stdout.strip().splitlines()
    assert line.startswith(f"cannot import {article}: ") and "alias" in line


def test_yaml_aliases_and_deep_nesting_are_refused_in_one_sentence(tiny_store: Path) -> None:
    with FactStore.open(tiny_store) as store:
        for front in ("a: &x hello\nb: *x\n", "title: " + "[" * 5000 + "]" * 5000 + "\n"):
            with pytest.raises(ImportRefused) as refused:
                import_text(store, f"---\n{front}---\n\nFinland joined NATO on April 4, 2023.\n", name="f.md")
            assert str(refused.value).startswith("cannot import f.md: its YAML front matter")
            assert "\n" not in str(refused.value)
        # An anchor nobody refers to is harmless, and imports.
        report = import_text(store, "---\ntitle: &t Finland joins\n---\n\nFinland joined NATO on April 4, 2023.\n", name="g.md")
        assert report.source.title == "Finland joins"
