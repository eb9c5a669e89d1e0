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
from store.ingest import make_excerpts, make_source, parse_article
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
