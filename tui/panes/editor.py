"""The note editor that opens inside the excerpts pane, under the highlighted row."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static, TextArea

from store.models import Target

Mode = Literal["new", "edit", "tags"]


class NoteEditor(Vertical):
    """A TextArea (or, for tags, an Input) with save and cancel keys.

    The editor only asks; the app saves (off the event loop) and closes it
    when the note is durable, or keeps it open with the text if saving failed.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="editor.save", tooltip="Save the note (durably)"),
        Binding("escape", "cancel", "Cancel", priority=True, id="editor.cancel", tooltip="Close the editor"),
    ]

    class Save(Message):
        def __init__(self, editor: NoteEditor, text: str) -> None:
            super().__init__()
            self.editor = editor
            self.text = text

    class Cancel(Message):
        def __init__(self, editor: NoteEditor) -> None:
            super().__init__()
            self.editor = editor

    def __init__(
        self,
        mode: Mode,
        *,
        target: Target | None = None,
        note_id: str | None = None,
        text: str = "",
        about: str = "",
    ) -> None:
        super().__init__(id="note-editor")
        self.mode: Mode = mode
        self.target = target
        self.note_id = note_id
        self.initial = text
        self.about = about
        self.saving = False

    def compose(self) -> ComposeResult:
        title = {"new": "New note", "edit": "Edit note", "tags": "Tags (space-separated)"}[self.mode]
        yield Static(f"{title}{' on ' + self.about if self.about else ''}", classes="editor-title", markup=False)
        if self.mode == "tags":
            yield Input(self.initial, id="note-tags")
        else:
            area = TextArea(self.initial, id="note-body", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            area.cursor_blink = not getattr(self.app, "testing", False)
            yield area
        yield Static("ctrl+s save · escape cancel", classes="editor-hint", id="editor-hint")

    def on_mount(self) -> None:
        self.field.focus()
        if isinstance(self.field, TextArea):
            self.field.move_cursor(self.field.document.end)

    @property
    def field(self) -> TextArea | Input:
        return self.query_one("#note-body, #note-tags")  # type: ignore[return-value]

    @property
    def text(self) -> str:
        field = self.field
        return field.text if isinstance(field, TextArea) else field.value

    @property
    def changed(self) -> bool:
        return self.text != self.initial

    def set_status(self, message: str, *, error: bool = False) -> None:
        hint = self.query_one("#editor-hint", Static)
        hint.update(message)
        hint.set_class(error, "error")

    def action_save(self) -> None:
        if not self.saving:
            self.post_message(self.Save(self, self.text))

    def action_cancel(self) -> None:
        self.post_message(self.Cancel(self))

    @on(Input.Submitted, "#note-tags")
    def _submit_tags(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
