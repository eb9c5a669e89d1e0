"""The note editor's text area (its own module: TextArea is imported only when a note is written)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from store.words.clean import visible_same_length


class NoteArea(TextArea):
    """A TextArea that shows control characters instead of sending them to the terminal.

    The stock one hands each line to Rich as is: an ESC in a note (pasted, or
    an imported article's) would reach the terminal and clear it, retitle it …
    Only the display changes; the text saved is the text typed.
    """

    def get_line(self, line_index: int) -> Text:
        return Text(visible_same_length(self.document.get_line(line_index)), end="", no_wrap=True)
