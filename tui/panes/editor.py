"""The note editor that opens inside the excerpts pane, under the highlighted row."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from rich.highlighter import Highlighter
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from store.models import Target
from store.words.clean import visible_same_length
from tui import actions

if TYPE_CHECKING:
    from textual.widgets import TextArea

Mode = Literal["new", "edit", "tags"]

class ShowControls(Highlighter):
    """For an Input: control characters shown as stand-ins, not sent to the terminal."""

    def highlight(self, text: Text) -> None:
        text.plain = visible_same_length(text.plain)


class NoteEditor(Vertical):
    """A TextArea (or, for tags, an Input) with save and cancel keys.

    The editor only asks; the app saves (off the event loop) and closes it
    when the note is durable, or keeps it open with the text if saving failed.
    ``on_save`` is called at once with the text (a message would climb the
    widget tree, a queue at each step, before the save could start).
    """

    BINDINGS = actions.bindings("editor")

    class Cancel(Message):
        def __init__(self, editor: NoteEditor) -> None:
            super().__init__()
            self.editor = editor

    def __init__(
        self,
        mode: Mode,
        *,
        on_save: Callable[[NoteEditor, str], None],
        target: Target | None = None,
        note_id: str | None = None,
        text: str = "",
        about: str = "",
    ) -> None:
        super().__init__(id="note-editor")
        self.mode: Mode = mode
        self.on_save = on_save
        self.target = target
        self.note_id = note_id
        self.initial = text
        self.about = about
        self.saving = False
        self.closing = False  # being removed: the pane no longer counts it as open

    def compose(self) -> ComposeResult:
        title = {"new": "New note", "edit": "Edit note", "tags": "Tags (space-separated)"}[self.mode]
        yield Static(f"{title}{' on ' + self.about if self.about else ''}", classes="editor-title", markup=False)
        if self.mode == "tags":
            yield Input(self.initial, id="note-tags", highlighter=ShowControls())
        else:
            # Imported here: TextArea is a large module, and the first screen has no editor.
            from tui.panes.note_area import NoteArea

            area = NoteArea(self.initial, id="note-body", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            area.cursor_blink = not getattr(self.app, "testing", False)
            yield area
        # markup=False: the hint may quote an error, and errors quote file names and records.
        hint = actions.hint((("editor.save", "save"), ("editor.cancel", "cancel")), lambda a: actions.key_for(a, self.app))
        yield Static(hint, classes="editor-hint", id="editor-hint", markup=False)

    def on_mount(self) -> None:
        field = self.field
        field.focus()
        if not isinstance(field, Input):
            field.move_cursor(field.document.end)

    @property
    def field(self) -> TextArea | Input:
        return self.query_one("#note-body, #note-tags")  # type: ignore[return-value]

    @property
    def text(self) -> str:
        field = self.field
        return field.value if isinstance(field, Input) else field.text

    @property
    def changed(self) -> bool:
        return self.text != self.initial

    def set_status(self, message: str, *, error: bool = False) -> None:
        hint = self.query_one("#editor-hint", Static)
        # A one-line hint replacing a one-line hint needs no layout of the screen; an error may wrap.
        hint.update(message, layout=error or hint.has_class("error"))
        hint.set_class(error, "error")

    def action_save(self) -> None:
        if not self.saving:
            self.on_save(self, self.text)

    def action_cancel(self) -> None:
        self.post_message(self.Cancel(self))

    @on(Input.Submitted, "#note-tags")
    def _submit_tags(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
