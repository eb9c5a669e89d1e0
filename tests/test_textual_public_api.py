"""tui/ uses Textual through its public API: no private name of Textual overridden, read or called.

A private name is Textual's to change in any release: RowList's ``_render``
shadowed ``Widget._render`` and a drag-selection then crashed the explorer.
"""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.widget import Widget
from textual.widgets import Input, Static

TUI = Path(__file__).resolve().parent.parent / "tui"

# Private names tui/ used once, each now done with a public name: some live on
# classes not instantiated below (OptionList), some are reached through getattr.
REMOVED = {
    "_start_widget", "_vertical_scrollbar", "_scroll_update", "_keymap", "_update_lines",
    "_get_left_gutter_width", "_on_click", "_on_focus", "_on_blur", "_render",
}


def textual_private_names() -> set[str]:
    names: set[str] = set()
    for obj in (App(), Widget(), ScrollView(), Screen(), ModalScreen(), Static(), Input(), ScrollBar()):
        names |= {n for n in (*vars(obj), *dir(obj)) if n.startswith("_") and not n.startswith("__")}
    return names


def test_the_names_checked_are_textuals() -> None:
    names = textual_private_names()
    assert {"_render", "_start_widget", "_vertical_scrollbar", "_scroll_update", "_keymap", "_on_click"} <= names


def test_no_module_of_tui_reads_calls_or_overrides_a_private_name_of_textual() -> None:
    private = textual_private_names() | REMOVED
    # An attribute (``x._name``), a name in a string (``getattr(app, "_name")``) or a method (``def _name``).
    pattern = re.compile(r"""(?:(?<!\bos)\.|["']|\bdef\s+)(_[A-Za-z]\w*)""")  # (os._exit is Python's)
    found = []
    for path in sorted(TUI.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "textual" not in source:
            continue  # a Textual-free module (tui/explorer.py) may name its own things as it likes
        for number, line in enumerate(source.splitlines(), 1):
            code = line.split("#", 1)[0]
            for name in pattern.findall(code):
                if name in private:
                    found.append(f"{path.relative_to(TUI.parent)}:{number}: {name}")
    assert not found, "\n".join(found)
