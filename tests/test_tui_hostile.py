"""Hostile text in a note: Rich markup and terminal escape sequences are shown, never obeyed, and stored byte-exact."""

from __future__ import annotations

from pathlib import Path

from textual import events

import orjson

from store.repository import FactStore
from tui.screens.confirm import ConfirmScreen
from tui_helpers import excerpt_prompts, highlighted_text, screen_lines, screen_text, settle
from tui.app import build_app

MARKUP = "[bold]x[/] then a lone [/] and [link=http://x]y"
ESCAPES = "clear\x1b[2J title\x1b]0;title\x07 red\x1b[31mR"
HOSTILE = f"{MARKUP}\n{ESCAPES}"


def assert_shown_literally(text: str) -> None:
    assert "[bold]x[/]" in text
    assert "a lone [/]" in text
    assert "[link=http://x]y" in text
    assert "\x1b" not in text and "\x07" not in text
    assert "␛[2J" in text  # ESC made visible, the rest of the sequence as typed
    assert "␛]0;title␇" in text
    assert "␛[31mR" in text


async def write_hostile_note(pilot) -> str:
    app = pilot.app
    await pilot.press("3", "n")
    await pilot.press(*MARKUP)  # typed, key by key
    await pilot.press("enter")
    app.post_message(events.Paste(ESCAPES))  # as the terminal driver does: escape sequences arrive pasted
    await pilot.pause()
    assert app.excerpts.editor.text == HOSTILE
    await pilot.press("ctrl+s")
    await settle(pilot)
    [note] = app.store.annotations.values()
    return note.id


async def test_markup_and_escape_codes_in_a_note_are_shown_literally_and_stored_exactly(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        note_id = await write_hostile_note(pilot)
        assert app.store.note(note_id).body == HOSTILE

        # The option's prompt, as plain text, and what the terminal would show.
        assert app.excerpts.highlighted_row.note_id == note_id
        assert_shown_literally(highlighted_text(app.excerpts.fact_list))
        shown = "\n".join(screen_lines(app))
        assert_shown_literally(shown)

        # The delete question quotes it literally too.
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        screen = "\n".join(screen_lines(app))
        assert "[bold]x[/]" in screen and "\x1b" not in screen
        await pilot.press("n")
        await pilot.pause()

        # Editing it: the editor holds the text exactly; the terminal gets no raw escape.
        await pilot.press("e")
        assert app.excerpts.editor.text == HOSTILE
        screen = "\n".join(screen_lines(app))
        assert "\x1b" not in screen and "\x07" not in screen
        assert "[bold]x[/]" in screen and "␛[2J" in screen and "␇" in screen
        await pilot.press("end", "x", "backspace")  # moving and typing on such a line: nothing breaks
        assert app.excerpts.editor.text == HOSTILE
        await pilot.press("escape")
        await pilot.pause()
        assert app.excerpts.editor is None

    # Byte-exact on disk: another process reads the same string.
    with FactStore.open(starter_store, create=False, readonly=True) as store:
        assert store.note(note_id).body == HOSTILE

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        rows = [p for p in excerpt_prompts(app) if "✎" in p]
        assert len(rows) == 1
        assert_shown_literally(rows[0])


async def test_escape_codes_in_tags_are_not_sent_to_the_terminal(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        note_id = await write_hostile_note(pilot)
        await pilot.press("t")
        app.post_message(events.Paste("bad\x1b[2Jtag"))
        await pilot.pause()
        screen = "\n".join(screen_lines(app))
        assert "\x1b" not in screen
        await pilot.press("enter")
        await settle(pilot)
        assert app.store.note(note_id).tags == ["bad\x1b[2Jtag"]
        assert "#bad␛[2Jtag" in highlighted_text(app.excerpts.fact_list)
        assert "\x1b" not in "\n".join(screen_lines(app))


async def test_escape_codes_pasted_into_a_list_filter_are_not_sent_to_the_terminal(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        app.post_message(events.Paste("k\x1b[2J"))
        await pilot.pause()
        assert app.countries.filter_text == "k\x1b[2J"  # filtered on exactly what was pasted
        screen = "\n".join(screen_lines(app))
        assert "\x1b" not in screen and "k␛[2J" in screen


# --- hostile metadata (issue 13): titles, names, file and folder names ----------------------------
# Escape sequences (an OSC 52 clipboard write, a screen clear), a bidi override and Rich markup in
# an article's front matter, a file's and a folder's name, an entity's name, the store folder's
# name: shown as text in the header, the panes, the notifications, the palette and what `y`
# copies; never obeyed, never parsed as markup (a title with "[/]" crashed the explorer).

import re  # noqa: E402
import shutil  # noqa: E402

from textual.command import CommandPalette  # noqa: E402
from textual.widgets import Input  # noqa: E402
from textual.widgets._toast import Toast  # noqa: E402

from store.models import Entity, EntityKind, Fact, Origin  # noqa: E402
from tui.screens.import_article import ImportScreen  # noqa: E402

OSC52 = "\x1b]52;c;SGVsbG8=\x07"
BAD_NAME = f"Zed [/] [bold red]x {OSC52}\x1b[2J\u202eend"
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE_ARTICLE = (
    "---\n"
    'title: "Title [/] [bold red]x \\e]52;c;SGVsbG8=\\a\\e[2J\\u202eend"\n'
    'publisher: "Pub \\e]0;pwned\\a [/]"\n'
    'authors: ["Ann \\e[31mRed", "Bob \\u202eevil"]\n'
    "---\n\n"
    "Japan and South Korea attended the NATO summit in Vilnius in 2023, a first for both.\n\n"
    "Finland joined NATO on April 4, 2023.\n"
)


def assert_inert(text: str, *literal: str) -> None:
    assert not FORBIDDEN.findall(text), sorted(set(FORBIDDEN.findall(text)))
    for part in literal:
        assert part in text, (part, text[:2000])


def notifications(app) -> list[str]:
    """Every toast on screen as it draws itself (title and message), as plain text."""
    return [toast.render().plain for toast in app.screen.query(Toast)]


async def test_an_in_app_import_of_hostile_metadata_neither_crashes_nor_reaches_the_terminal(starter_store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "folder \x1b[2J[bold red]x\u202e"
    folder.mkdir()
    article = folder / f"article {OSC52}[link=x]y.md"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    app = build_app(starter_store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.pause()
        sources = set(app.store.sources)
        app.action_import()
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one("#import-path", Input).value = str(article)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running and not isinstance(app.screen, ImportScreen)
        [new] = set(app.store.sources) - sources
        assert "\x1b]52;c;SGVsbG8=\x07" in app.store.sources[new].title  # stored as the file says
        shown = "\n".join(notifications(app))
        assert_inert(shown, 'Imported "Title [/] [bold red]x ␛]52;c;SGVsbG8=␇␛[2J<U+202E>end"')
        assert_inert(screen_text(app), "[/] [bold red]x")

        # y on one of its passages (evidence for a fact already there, once its proposed link is accepted)
        # copies it with its citation.
        excerpts = {e.id for e in app.store.excerpts_of(new)}
        app.store.accept_links([l.id for l in app.store.links_of_source(new)])
        fact = next(f for f in app.store.facts.values() if excerpts & set(f.evidence))
        app.go_to(fact.subject)
        await pilot.press("3")
        await pilot.pause()
        evidence = app.excerpts.lazy_rows.find_where(lambda r: r.kind == "evidence" and r.excerpt_id in excerpts, 500)
        assert evidence is not None
        app.excerpts.select_key(app.excerpts.lazy_rows[evidence].key, evidence)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert_inert(app.clipboard, "Pub ␛]0;pwned␇ [/]")
        assert_inert(screen_text(app))

        # A refused import names the file: inert too.
        bad = folder / f"empty {OSC52}.md"
        bad.write_text("---\ntitle: x\n---\n", encoding="utf-8")
        app.action_import()
        await pilot.pause()
        app.screen.query_one("#import-path", Input).value = str(bad)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        # Refused in the dialog itself (the path kept to correct), the name shown, not obeyed.
        assert_inert(str(app.screen.query_one("#import-error").render()), "empty ␛]52;c;SGVsbG8=␇.md")
        assert_inert(screen_text(app))


async def test_hostile_names_in_the_header_breadcrumb_titles_and_palette_are_shown_not_obeyed(starter_store: Path, tmp_path: Path) -> None:
    folder = tmp_path / f"store {OSC52}[bold red]x\u202e"
    shutil.move(starter_store, folder)
    with FactStore.open(folder, create=False) as store:
        evil = Entity(id="country:ZZZ", kind=EntityKind.COUNTRY, name=BAD_NAME, aliases=[f"alias {OSC52}[/]"], codes={"iso3": "ZZZ"})
        fact = Fact(id="fact:zzz-nato", subject="country:ZZZ", relation="member_of", object="alliance:nato",
                    start="2020", qualifiers={"note": f"[/] {OSC52}"}, origin=Origin.USER)
        store.add_records("hostile", [("entities", evil), ("facts", fact)])
    app = build_app(folder)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.pause()
        assert_inert(app.title, "␛]52;c;SGVsbG8=␇[bold red]x<U+202E>")
        app.go_to("country:ZZZ")
        await pilot.pause()
        assert app.place.country == "country:ZZZ"
        assert_inert(app.sub_title, "Zed [/] [bold red]x ␛]52")
        assert_inert(screen_text(app), "[/] [bold red]x")
        await pilot.press("2")
        await pilot.press("enter")  # NATO's members, the hostile one among them
        await pilot.pause()
        assert_inert(screen_text(app))

        # The views and the palette name it too.
        for key in ("m", "T"):
            app.go_to("country:ZZZ")
            await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            assert_inert(screen_text(app), "Zed [/]")
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Zed")
        await pilot.pause(0.3)
        assert app.is_running
        assert_inert(screen_text(app), "Go to: Zed [/] [bold red]x")
        await pilot.press("escape")
        await pilot.pause()

        # A notification that quotes a name: its markup is not parsed, its escapes not sent.
        app.notify(f"about {BAD_NAME}", title=BAD_NAME)
        await pilot.pause()
        assert app.is_running
        assert_inert("\n".join(notifications(app)), "about Zed [/] [bold red]x ␛]52;c;SGVsbG8=␇")


# --- a lying seal (issue 13) ------------------------------------------------------------------------
# A sealed snapshot's records are validated when first read (store/records.py): one that fails then,
# mid-session, is reported in one sentence and the session goes on, read-only.

async def test_a_record_found_damaged_mid_session_is_reported_and_the_session_goes_on_read_only(starter_store: Path) -> None:
    from store import db

    path = starter_store / "facts.json"
    data = orjson.loads(path.read_bytes())
    bad_id = next(
        i for i, f in sorted(data["facts"].items())
        if "country:JPN" in (f["subject"], f["object"]) and "country:KOR" not in (f["subject"], f["object"])
    )
    data["facts"][bad_id]["relation"] = "bogus"
    raw = orjson.dumps(data)
    path.write_bytes(raw)
    db.write_seals(starter_store, {"facts.json": raw})  # the seal now vouches for the damaged file
    with FactStore.open(starter_store, create=False, readonly=True) as store:
        assert "facts.json" in store._files.sealed  # so nothing is validated at open

    app = build_app(starter_store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.pause()
        notes = len(app.store.annotations)
        journal = (starter_store / db.JOURNAL).read_bytes()
        app.go_to("country:JPN")  # Japan's facts are read now: one of them is damaged
        await pilot.pause()
        await pilot.press("j", "k", "tab")
        await pilot.pause()
        assert app.is_running
        [said] = [m for m in notifications(app) if "damaged" in m]
        assert "facts.json" in said and f"facts/{bad_id}" in said and "alliances-tui check" in said
        assert "read-only" in app.sub_title
        for view in ("m", "T"):  # the views read Japan's facts too
            await pilot.press("1", view)
            await pilot.pause()
            assert app.is_running
            await pilot.press("escape")
            await pilot.pause()

        # Every write is refused with that sentence; nothing reaches the disk.
        await pilot.press("3")
        await pilot.pause()
        assert app.excerpts.highlighted_row is not None
        await pilot.press("n", "z", "z", "ctrl+s")
        await settle(pilot)
        assert app.is_running and app.excerpts.editor is None
        refused = [m for m in notifications(app) if m.startswith("read-only")]
        assert refused and f"facts/{bad_id}" in refused[-1]
        for key in ("v", "u"):
            await pilot.press(key)
            await settle(pilot)
        assert app.is_running
        assert len(app.store.annotations) == notes
        assert (starter_store / db.JOURNAL).read_bytes() == journal
