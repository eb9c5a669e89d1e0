"""store/words/clean.py: one list of unsafe characters, and every way out (screen, editor, exports, stderr) uses it."""

from __future__ import annotations

import json
from collections.abc import Callable
import xml.etree.ElementTree as ET

import pytest
from rich.text import Text

from store.exports.graph import dot_quote
from store.pipeline.parsing import parse_document
from store.words.clean import (
    SAME_LENGTH,
    UNSAFE,
    escaped_json,
    escaped_line,
    visible,
    visible_line,
    visible_same_length,
    visible_xml,
    without_invisibles,
)
from tui import format as fmt
from tui.panes.editor import ShowControls

ESC_CLEAR = "\x1b[2J"
OSC_CLIPBOARD = "\x1b]52;c;cGF3bmVk\x07"
C1_CSI = "\x9b31m"
BIDI = "\u202eevil\u202c"
HOSTILE = f"a{ESC_CLEAR}b{OSC_CLIPBOARD}c{C1_CSI}d{BIDI}\x7f\u2028\ufeff\u061c"
EVERY_UNSAFE = "".join(chr(c) for c in SAME_LENGTH)
MARKUP = "[bold red]not bold[/] [link=https://x]y[/link]"


def obeyed(text: str) -> list[str]:
    """The characters of ``text`` a terminal would obey."""
    return UNSAFE.findall(text)


@pytest.mark.parametrize(
    "clean", [visible, visible_line, visible_same_length, visible_xml, escaped_line, escaped_json], ids=lambda f: f.__name__
)
def test_every_way_out_leaves_no_control(clean: Callable[[str], str]) -> None:
    assert obeyed(clean(HOSTILE)) == []
    assert obeyed(clean(EVERY_UNSAFE)) == []


def test_stand_ins_name_the_control() -> None:
    assert visible(OSC_CLIPBOARD) == "␛]52;c;cGF3bmVk␇"
    assert visible("\x9b") == "<U+009B>"
    assert visible_line("a\tb\nc") == "a␉b␊c"
    assert visible("a\tb\nc") == "a\tb\nc"
    assert escaped_line("\x1b\n") == "\\x1b\\n"


def test_the_editor_keeps_the_length_and_shows_the_same_characters_as_the_screen() -> None:
    assert len(visible_same_length(EVERY_UNSAFE)) == len(EVERY_UNSAFE)
    # Where a stand-in is one character, the editor shows the one the screen shows.
    for ch in EVERY_UNSAFE:
        if len(visible(ch)) == 1:
            assert visible_same_length(ch) == visible(ch)
    shown = Text(HOSTILE)  # Rich drops BEL, BS, VT, FF and CR itself: the rest reach the highlighter
    before = shown.plain
    ShowControls().highlight(shown)
    assert shown.plain == visible_same_length(before) and obeyed(shown.plain) == []


def test_escaped_json_is_the_same_data() -> None:
    assert json.loads(f'"{escaped_json(BIDI)}"') == BIDI


def test_graph_text_is_xml_and_dot_safe() -> None:
    text = "a\r\nb\rc\ufffe" + ESC_CLEAR
    assert visible_xml(text) == "a\nb\nc\ufffd␛[2J"
    element = ET.Element("x")
    element.text = visible_xml(EVERY_UNSAFE + chr(0xFFFF))
    assert ET.fromstring(ET.tostring(element)).text == element.text  # XML 1.0 takes it back
    assert obeyed(dot_quote(HOSTILE)) == []


def test_markup_stays_text_on_screen() -> None:
    assert fmt.plain(MARKUP).plain == MARKUP
    assert fmt.plain(MARKUP).spans == []


def test_an_article_read_in_loses_its_invisible_characters_and_controls_only() -> None:
    assert without_invisibles("co\u00adop\u200beration\x1b\x07 \u202e\tok\n") == "cooperation \u202e\tok\n"
    parsed = parse_document("Title: T\n\nJapan\u00ad and the U.S.\x1b[2J signed.\n", "text", "a.txt")
    assert "\x1b" not in parsed.article.body and "\u00ad" not in parsed.article.body
