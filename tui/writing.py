"""The store writer: every write of the explorer, on one writer thread, its outcome sent back as a message.

Every write goes through the FactStore API, on one background thread, in the
order it was asked for, so a slow disk never freezes the screen. When the
store reports a change durable the writer posts :class:`StoreWriter.Saved`
to the app (what to tell the user, and the note the change made, by id and
by the row it shows in); when a write fails, :class:`StoreWriter.Failed`
with the sentence to show. The app refills its panes from the message: the
writer knows nothing of panes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol, TypeVar, runtime_checkable

from textual.app import App
from textual.message import Message

from store.errors import ReadOnlyError, StoreCorrupt, StoreError, damaged_mid_session
from store.models import Annotation
from store.repository import FactStore

T = TypeVar("T")


class StoreWriter:
    """Runs writes on the writer thread; the app hears of each outcome by message."""

    class Saved(Message):
        """A write is durable. ``note_id``/``note_key``: the note it made or changed, and its row's key."""

        def __init__(self, message: str, *, result: object = None, note_id: str | None = None,
                     note_key: str | None = None, token: object = None) -> None:
            super().__init__()
            self.message = message
            self.result = result
            self.note_id = note_id
            self.note_key = note_key
            self.token = token  # what the write was asked for (a note editor): the app's to match

    class Failed(Message):
        """A write failed: ``sentence`` says why; nothing saved before is lost."""

        def __init__(self, sentence: str, *, error: Exception, token: object = None) -> None:
            super().__init__()
            self.sentence = sentence
            self.error = error
            self.token = token

    def __init__(self, app: App[Any], store: FactStore) -> None:
        self.app = app
        self.store = store
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-writer")
        self._damage: str | None = None  # set when a record is found damaged mid-session: no more writes

    @property
    def not_writable(self) -> str | None:
        """Why nothing can be saved now (a read-only store, a damaged record), or None."""
        if self._damage is not None:
            return self._damage
        return self.store.readonly_reason if self.store.readonly else None

    def damaged(self, exc: StoreCorrupt) -> str | None:
        """A record failed validation: from now on every write is refused. The sentence, the first time only."""
        if self._damage is not None:
            return None
        self._damage = damaged_mid_session(exc)
        return self._damage

    def on_thread(self, work: Callable[[], T]) -> Future[T]:
        """``work`` on the writer thread, after the writes asked for before it (benchmarks time the store there)."""
        return self._executor.submit(work)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)

    # --- writes ---------------------------------------------------------------------------

    def write(self, work: Callable[[], T], message: str | Callable[[T], str], *, token: object = None,
              note_key: Callable[[str], str] | None = None) -> None:
        """Run ``work``; then post Saved with ``message`` (or ``message(result)``), or Failed.

        ``note_key``: the write makes or changes a note (its result): the key of
        the row it shows in, from its id, so the app lands on it without looking.
        """

        def saved(result: T) -> Message:
            text = message(result) if callable(message) else message
            if note_key is not None and isinstance(result, Annotation):
                return self.Saved(text, result=result, note_id=result.id, note_key=note_key(result.id), token=token)
            return self.Saved(text, result=result, token=token)

        self.run(work, saved, token=token)

    def run(self, work: Callable[[], T], saved: Callable[[T], Message | None], *, token: object = None) -> None:
        """Run ``work`` on the writer thread; post what ``saved`` makes of its result (None: nothing), or Failed.

        Refused at once, with a Failed, once a record was found damaged.
        """
        app = self.app
        if self._damage is not None:
            refused = ReadOnlyError(self._damage)
            app.post_message(self.Failed(f"Not saved: {refused}", error=refused, token=token))
            return
        # Handed to the writer thread now, not when the worker's task first
        # runs: a frame drawn in between would delay the save by its length.
        # One thread, so the writes still run in the order they were asked for.
        future = self._executor.submit(work)

        async def wait() -> None:
            try:
                result = await asyncio.wrap_future(future)
            except (StoreError, OSError) as exc:
                app.post_message(self.Failed(f"Not saved: {exc}", error=exc, token=token))
                return
            outcome = saved(result)
            if outcome is not None:
                app.post_message(outcome)

        app.run_worker(wait(), group="writes")

    def quietly(self, work: Callable[[], object], on_error: Callable[[Exception], None]) -> None:
        """A write nobody waits for (a snapshot, a backup): its failure is only logged."""
        if self._damage is not None:
            return
        future = self._executor.submit(work)

        async def wait() -> None:
            try:
                await asyncio.wrap_future(future)
            except (StoreError, OSError) as exc:
                on_error(exc)

        self.app.run_worker(wait(), group="writes")


@runtime_checkable
class WritesStore(Protocol):
    """An app with a store writer: what a view that writes (Sources) asks of the app."""

    writer: StoreWriter


@runtime_checkable
class ShowsStore(Protocol):
    """A screen over the explorer that shows the store: told when a write it asked for is durable."""

    def store_changed(self) -> None: ...
