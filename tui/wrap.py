"""A row's text wrapped at a pane's width without parting a date from the word before it.

Rich breaks a line at any space, so "member since" could end one line and "1953-10-01" start the
next, or "in force" lose its date: read quickly, a date at the start of a line belongs to nothing.
The space before a date (or the "?" of an unknown one) and the one in "in force" are glued for the
wrap and given back after it.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console
from rich.containers import Lines
from rich.text import Text

# A private-use character: one cell wide and not a space, so Rich keeps the words it joins on one
# line; it never reaches the screen (each wrapped line gets its space back).
GLUE = "\ue000"
_GLUED_SPACE = re.compile(
    r"(?<=\S) (?=(?:\d{4}(?:-\d\d){0,2}|\?)(?:[\s,.;:·)\]]|$))"  # "since 2005", "signed 1953-10-01", "since ?"
    r"|(?<=\bin) (?=force\b)"  # "in force"
)
_SPACES = re.compile(r"(\s+)")


def glued(plain: str, width: int | None = None) -> str:
    """``plain`` with the spaces that must not break replaced by GLUE (the same length).

    A glued phrase wider than ``width`` stays apart: Rich would fold it inside a date instead.
    """
    joined = _GLUED_SPACE.sub(GLUE, plain)
    if width is None or joined == plain:
        return joined
    parts = _SPACES.split(joined)
    return "".join(p.replace(GLUE, " ") if GLUE in p and cell_len(p) > width else p for p in parts)


def wrap(text: Text, console: Console, width: int) -> Lines:
    """``text`` wrapped at ``width`` as Rich does, keeping each date with the word before it."""
    plain = text.plain
    joined = glued(plain, width)
    if joined == plain:
        return text.wrap(console, width)
    copy = text.copy()
    copy.plain = joined  # the same length: every style stays on its characters
    lines = copy.wrap(console, width)
    for line in lines:
        if GLUE in line.plain:
            line.plain = line.plain.replace(GLUE, " ")
    return lines
