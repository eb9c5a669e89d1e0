"""Text from a file or a store made inert for a terminal, a notification, a clipboard or an export.

What is stored stays byte for byte what the user wrote or the article held; it is
cleaned on its way OUT, by the one function here (:func:`visible`) and its two
variants. Unsafe are the characters a terminal obeys or that change what a line
appears to say: C0 controls (but tab and new line), DEL, C1 controls (U+0080–U+009F:
CSI, OSC … in their one-byte form), the bidi controls of "Trojan source" (U+202A–U+202E,
U+2066–U+2069, the marks U+200E, U+200F, U+061C), the line and paragraph separators
and the BOM. Each becomes a visible stand-in, so an escape sequence reads as text
(``␛]52;c;…␇``) instead of writing to the clipboard, and nothing is silently dropped.
Rich markup is no concern here: callers never parse store text as markup.

On the way IN (an article being read) the invisible characters that only break words
apart (soft hyphens, zero-width spaces) and stray controls are dropped instead:
:func:`without_invisibles`. Both use the one list of controls below.
"""

from __future__ import annotations

import re

# The controls a terminal obeys: C0 (but tab and new line), DEL and C1.
_CONTROLS = [(0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F)]
# The one definition of "unsafe"; tab and new line are added by the one-line variants.
_UNSAFE_RANGES = [*_CONTROLS, (0x061C, 0x061C), (0x200E, 0x200F), (0x2028, 0x202E), (0x2066, 0x2069), (0xFEFF, 0xFEFF)]


def _class(ranges: list[tuple[int, int]]) -> str:
    return "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in ranges)


UNSAFE = re.compile(f"[{_class(_UNSAFE_RANGES)}]")
UNSAFE_IN_A_LINE = re.compile(f"[\\t\\n{_class(_UNSAFE_RANGES)}]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␇ for BEL, ␊ for LF
    if code == 0x7F:
        return "␡"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` with every unsafe character replaced by a visible stand-in; tab and new line kept.

    For text shown on several lines (a note, a quote, a notification) and for
    exports whose format allows new lines (CSV cells, Markdown, GraphML).
    """
    return UNSAFE.sub(_stand_in, text)


def visible_line(text: str) -> str:
    """:func:`visible` for one line (a title, a name, a breadcrumb): tab and new line shown too (␉, ␊)."""
    return UNSAFE_IN_A_LINE.sub(_stand_in, text)


def escaped_line(text: str) -> str:
    """The same characters as Python escapes (``\\x1b``, ``\\n``, ``\\u202e``): for messages on stderr.

    A message may quote a damaged file; escapes say exactly which bytes it held.
    """
    return UNSAFE_IN_A_LINE.sub(lambda m: ascii(m.group())[1:-1], text)


def escaped_json(text: str) -> str:
    """JSON text whose unsafe characters are written as ``\\uXXXX`` escapes: the same data, nothing lost.

    orjson escapes the C0 controls but writes C1 and bidi controls as they are;
    they can only occur inside strings, where an escape means the same character.
    """
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# One character for one character, so a text widget's columns still match the text it edits.
SAME_LENGTH = {
    code: (chr(0x2400 + code) if code < 0x20 else "␡" if code == 0x7F else "\ufffd")
    for lo, hi in _UNSAFE_RANGES
    for code in range(lo, hi + 1)
}


def visible_same_length(text: str) -> str:
    """:func:`visible` keeping the length: C1 and bidi controls become U+FFFD (an editor's columns stay put)."""
    return text.translate(SAME_LENGTH)


_NOT_XML = re.compile("[\ufffe\uffff]")


def visible_xml(text: str) -> str:
    """:func:`visible` for XML 1.0 and Graphviz: line ends as new lines, U+FFFE and U+FFFF (not XML) as U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("\ufffd", visible(text))


# Characters an article holds that only break its words apart: soft hyphen, zero-width space,
# non-joiner, joiner, word joiner and BOM, with the controls (tab and new line aside).
_INVISIBLE = re.compile(f"[{_class(_CONTROLS)}\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def without_invisibles(text: str) -> str:
    """``text`` as read from an article: invisible characters and stray controls dropped, the rest kept."""
    return _INVISIBLE.sub("", text)
