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
"""

from __future__ import annotations

import re

# The one definition of "unsafe"; tab and new line are added by the one-line variants.
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
UNSAFE = re.compile(f"[{_UNSAFE}]")
UNSAFE_IN_A_LINE = re.compile(f"[\t\n{_UNSAFE}]")


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
