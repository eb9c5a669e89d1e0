"""The errors a store raises. Each message is one sentence a user can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Anything that stops a store from opening or saving."""


class StoreCorrupt(StoreError):
    """A store file that cannot be read as what it should be."""

    def __init__(self, path: Path | str, reason: str, record: str | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.record = record
        where = f"{self.path}" + (f", record {record}" if record else "")
        super().__init__(f"{where}: {reason}")


def damaged_mid_session(exc: StoreCorrupt) -> str:
    """The one sentence for a record that failed validation when first read, after the store opened.

    A sealed snapshot's records are validated when a query first needs them
    (store/records.py); one that fails then was changed behind the seal's back.
    """
    record = f", record {exc.record}," if exc.record else ""
    return (
        f"{exc.path}{record} is damaged ({exc.reason}), so nothing more is saved in this session:"
        " run `alliances-tui check` to find and repair it"
    )


class SchemaTooNew(StoreError):
    pass


class ReadOnlyError(StoreError):
    """A write asked of a store opened read-only."""


class WriteFailed(StoreError):
    """A save that did not reach the disk; nothing was changed."""


class NotFound(StoreError, KeyError):
    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""
