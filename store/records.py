"""A table of records whose models are built when first asked for.

Opening a store of 100,000 facts spent two of its four seconds building a
pydantic model for every record, most of which a session never shows. When a
snapshot file is byte for byte the one this program wrote (its seal matches,
see ``db.StoreFiles.sealed``), every record in it was validated before it was
written, so its models can wait until a query needs them. A file without a
matching seal (edited by hand, restored, from another program) is validated
whole at open, as before.

A record may also wait as its JSON bytes, its line in the snapshot (the notes of a
sealed notes.json, store/snapshot_lines.py): a third of the memory of a parsed document, parsed
when read. A scan of a whole table parses such rows a batch at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from operator import itemgetter
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from store.errors import StoreCorrupt
from store.models import Record
from store.snapshot_lines import row_doc, rows_docs

M = TypeVar("M", bound=Record)


class LazyRecords(dict[str, Any], Generic[M]):
    """A dict of id → model whose values may still be the raw documents.

    Reading a raw value validates it, keeps the model in its place and returns
    it; a record that fails is reported as a damaged file, naming the record.
    The writer inserts and deletes keys in place, so every iteration here
    starts from a snapshot of the keys taken in one C call; a model built in
    place of its document is put there under ``lock``, the store's state lock,
    so a record the writer deletes meanwhile is not put back (store/concurrency.py).
    """

    __slots__ = ("lock", "model", "path", "table")

    def __init__(self, data: dict[str, Any], model: type[M], path: Path, table: str) -> None:
        super().__init__(data)
        self.model = model
        self.path = path
        self.table = table
        self.lock: AbstractContextManager[Any] = nullcontext()  # a store's table gets its state lock

    def copy(self) -> LazyRecords[M]:
        """A shallow copy that keeps raw documents raw (dict(self) would build every model)."""
        new: LazyRecords[M] = LazyRecords({}, self.model, self.path, self.table)
        new.lock = self.lock
        dict.update(new, dict.items(self))
        return new

    def _doc(self, key: str, value: bytes) -> dict[str, Any]:
        try:
            doc = row_doc(value)
        except ValueError as exc:  # orjson.JSONDecodeError, or not one key and its record
            raise StoreCorrupt(self.path, f"is not valid JSON ({exc})", record=f"{self.table}/{key}") from None
        if not isinstance(doc, dict):
            raise StoreCorrupt(self.path, f"is a JSON {type(doc).__name__}, not an object", record=f"{self.table}/{key}")
        return doc

    def _model(self, key: str, value: Any) -> M:
        if isinstance(value, (dict, bytes)):
            try:
                model = self.model.model_validate(self._doc(key, value) if isinstance(value, bytes) else value)
            except ValidationError as exc:
                from store.repository.validation import describe_validation_error

                raise StoreCorrupt(self.path, describe_validation_error(exc), record=f"{self.table}/{key}") from None
            with self.lock:
                current = dict.get(self, key)
                if current is value:  # not replaced or deleted by the writer meanwhile
                    dict.__setitem__(self, key, model)
                elif current is not None and not isinstance(current, (dict, bytes)):
                    model = current  # built by another reader meanwhile: one model per record
            return model
        return value  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        # Over a snapshot of the keys: safe while the writer thread inserts and deletes records.
        # (Overriding __iter__ also makes dict(records) read through __getitem__,
        # so a copy holds models, not a mix of models and raw documents.)
        return iter(list(dict.keys(self)))

    def __getitem__(self, key: str) -> M:
        return self._model(key, dict.__getitem__(self, key))

    def get(self, key: str, default: Any = None) -> Any:
        value = dict.get(self, key, _MISSING)
        return default if value is _MISSING else self._model(key, value)

    def values(self) -> Iterator[M]:  # type: ignore[override]
        for key in list(dict.keys(self)):
            value = dict.get(self, key, _MISSING)
            if value is not _MISSING:
                yield self._model(key, value)

    def items(self) -> Iterator[tuple[str, M]]:  # type: ignore[override]
        for key in list(dict.keys(self)):
            value = dict.get(self, key, _MISSING)
            if value is not _MISSING:
                yield key, self._model(key, value)

    def __eq__(self, other: object) -> bool:
        # Compare records, not their current form (a raw document equals its model).
        if not isinstance(other, dict):
            return NotImplemented
        mine = dict(self.items())
        theirs = dict(other.items()) if isinstance(other, LazyRecords) else other
        return mine == theirs

    __hash__ = None

    def field(self, key: str, name: str, default: Any = None) -> Any:
        """One field of a record, read without building its model (status, start …)."""
        value = dict.get(self, key, _MISSING)
        if value is _MISSING:
            return default
        if isinstance(value, (dict, bytes)):
            return (self._doc(key, value) if isinstance(value, bytes) else value).get(name, default)
        attr = getattr(value, name, default)
        return getattr(attr, "value", attr) if attr is not None else default

    def scan(self, *names: str) -> Iterator[tuple[str, tuple[Any, ...]]]:
        """(id, fields) of every record, read as ``field`` reads them: the indices at open use it."""
        pick = itemgetter(*names, names[0])  # two names at least: itemgetter then always returns a tuple
        batch: list[tuple[str, bytes]] = []
        for key, value in list(dict.items(self)):
            if type(value) is bytes:
                batch.append((key, value))
                if len(batch) >= _BATCH:
                    yield from self._scan_batch(batch, pick, names)
                    batch = []
                continue
            if batch:  # rows come out in the table's order
                yield from self._scan_batch(batch, pick, names)
                batch = []
            if type(value) is dict:
                try:
                    yield key, pick(value)[:-1]
                    continue
                except KeyError:
                    pass
            yield key, tuple(self.field(key, name) for name in names)
        yield from self._scan_batch(batch, pick, names)

    def _scan_batch(
        self, batch: list[tuple[str, bytes]], pick: itemgetter[Any], names: tuple[str, ...]
    ) -> Iterator[tuple[str, tuple[Any, ...]]]:
        """Fields of rows kept as their lines (JSON bytes), parsed as one object: a call per row cost twice as much."""
        if not batch:
            return
        docs = rows_docs([value for _, value in batch])
        if docs is None or not all(type(doc) is dict for doc in docs):
            docs = [self._doc(key, value) for key, value in batch]  # names the damaged record
        for (key, _), doc in zip(batch, docs):
            try:
                yield key, pick(doc)[:-1]
            except KeyError:
                yield key, tuple(doc.get(name) for name in names)

    def built(self) -> int:
        """How many models exist so far (for tests and benchmarks)."""
        return sum(1 for v in list(dict.values(self)) if not isinstance(v, (dict, bytes)))


_MISSING = object()
_BATCH = 512


# --- reading a table without building its models ---------------------------------------------------

def stored_rows(table: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """(id, record) of every row as the table holds it: a raw document not yet read stays raw.

    For scans of a whole table (search, the Sources view) that read a field or two of each row:
    building 100,000 models to read them took seconds. One C call takes the snapshot (the writer
    thread may change the table meanwhile).
    """
    return list(dict.items(table)) if isinstance(table, dict) else list(table.items())


def stored_doc(record: Any) -> Any:
    """A row from :func:`stored_rows` with JSON bytes parsed (a dict), to read several fields of it."""
    return row_doc(record) if isinstance(record, bytes) else record


def stored_field(record: Any, name: str) -> Any:
    """A field of a row from :func:`stored_rows`, raw document or model alike (None if absent)."""
    if isinstance(record, bytes):
        record = row_doc(record)
    return record.get(name) if isinstance(record, dict) else getattr(record, name, None)
