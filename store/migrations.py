"""Schema migrations: the raw tables of an older store upgraded in memory, one version at a time.

The caller (``db.open_files``) migrates in memory first and backs up only then,
so a migration that cannot run makes no backup and rotates no good one out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from store.errors import StoreError
from store.models import SCHEMA_VERSION
from store.snapshots import meta_of

def _add_evidence_links(files: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Schema 1 → 2: an empty evidence_links table in facts.json.

    Facts keep their ``evidence`` lists as they are: that list stays the one
    answer to "which passages support this fact" (see EvidenceLink), so
    nothing moves and nothing can be lost; links only record proposals and
    their review from now on.
    """
    files["facts.json"].setdefault("evidence_links", {})


def _facts_as_researchers_code_them(files: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Schema 2 → 3: nothing to move.

    The fields schema 3 adds (a fact's and a treaty's dates by kind, directed
    obligations, data-set provenance, short names) are optional and left out
    of files when empty, so every schema-2 record is already a valid schema-3
    record with the same meaning: a fact's provenance follows from its
    references, evidence and origin (``Fact.provenance``). The version is
    raised (after the backup ``migrate``'s caller makes) so an older
    alliances-tui refuses the store instead of dropping fields it does not know.
    """


def _packed_journal_lines(files: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Schema 3 → 4: nothing to move; the journal may hold packed lines from now on (store/packing.py).

    An alliances-tui of schema 3 reads every line as a plain list of changes:
    given a packed one it would call it damaged, or, were it the last line, a
    torn save and cut it off. ``db.open_files`` writes the migrated snapshots
    before the journal takes any line, so a store whose journal can hold a
    packed line says schema 4 in every file, and an older alliances-tui
    refuses it by name. The journal's plain lines stay as they are: they read
    as before.
    """


# version → function that upgrades the raw tables of all files from that version.
MIGRATIONS: dict[int, Callable[[dict[str, dict[str, dict[str, Any]]]], None]] = {
    1: _add_evidence_links,
    2: _facts_as_researchers_code_them,
    3: _packed_journal_lines,
}


def migrate(folder: Path, files: dict[str, dict[str, dict[str, Any]]], version: int, target: int = SCHEMA_VERSION) -> None:
    for v in range(version, target):
        step = MIGRATIONS.get(v)
        if step is None:
            raise StoreError(f"{folder}: no migration from schema {v} to {v + 1}")
        step(files)
    for data in files.values():
        meta_of(data)["schema_version"] = target


