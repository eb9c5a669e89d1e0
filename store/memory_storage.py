"""TinyDB with in-memory documents: the storage under each of a store's snapshot files.

Why not TinyDB's stock storage: ``JSONStorage`` re-reads the file on every
operation, rewrites it in place and can leave it torn by a kill, and
``CachingMiddleware`` loses unflushed writes (see DESIGN.md, Storage). Here
the TinyDB storage keeps documents in memory and the snapshot is written whole,
later, by ``StoreFiles.checkpoint`` (store/db.py) with ``atomic_write``. Apart from
store/db.py because it is the one part that knows TinyDB; the journal, the lock and
the backups around it do not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from store.snapshot_lines import dump_lines
from store.snapshots import LINE_FILES


class MemoryStorage(Storage):
    """Holds the tables in memory; ``flush`` writes them with ``atomic_write``.

    ``write`` only marks the data dirty: the journal has already made the
    change durable, so the snapshot can be written later, off the hot path.
    """

    def __init__(self, path: Path, data: dict[str, dict[str, Any]]) -> None:
        self.path = path
        self._data = data
        self.dirty = False

    def read(self) -> dict[str, dict[str, Any]]:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data
        self.dirty = True

    def serialize(self) -> bytes:
        if self.path.name in LINE_FILES:
            # A record a line, so the next open keeps each record's bytes without parsing the file.
            return dump_lines(self._data)
        # Indented while small enough to read by eye; compact beyond (a third smaller).
        records = sum(len(table) for table in self._data.values())
        return orjson.dumps(self._data, option=orjson.OPT_INDENT_2 if records < 2000 else 0)

    def close(self) -> None:
        pass


class StoreDB(TinyDB):
    """A TinyDB whose storage is a MemoryStorage: documents are read and written through
    ``StoreFiles.put`` and ``StoreFiles.remove``, which edit the stored dict in place.

    Not through TinyDB's Table API: it copies the whole table twice per write
    (O(N)), hands out shallow copies whose nested lists alias the database,
    and its in-place hook is a private method of ``Table`` that a
    TinyDB release may change.
    """

    @property
    def memory(self) -> MemoryStorage:
        storage = self.storage
        assert isinstance(storage, MemoryStorage)
        return storage
