"""Validate a store folder and report every problem found, one line each (restore: store/restore.py)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from store import backups, db, history
from store.errors import SchemaTooNew, StoreError
from store.models import MODELS, SCHEMA_VERSION


def newer_schema(path: Path, version: int) -> SchemaTooNew:
    """The refusal for a file a newer alliances-tui wrote: not damage, so never restored over."""
    return SchemaTooNew(
        f"{path} was written by a newer alliances-tui (schema {version}; "
        f"this one reads up to {SCHEMA_VERSION}): upgrade alliances-tui to open it"
    )


def check_file(path: Path) -> tuple[list[str], dict[str, dict[str, Any]] | None]:
    """The problems of one snapshot file, and its tables when it can be read.

    Raises SchemaTooNew for a file written by a newer version.
    """
    try:
        data = db.read_tables(path)
    except StoreError as exc:
        return [str(exc)], None
    version = data[db.META][db.META_ID]["schema_version"]
    if version > SCHEMA_VERSION:
        raise newer_schema(path, version)
    problems: list[str] = []
    for table in db.FILES[path.name]:
        for key, doc in data.get(table, {}).items():
            try:
                record = MODELS[table].model_validate(doc)
            except ValidationError as exc:
                from store.repository import describe_validation_error

                problems.append(f"{path}, record {table}/{key}: {describe_validation_error(exc)}")
                continue
            if record.id != key:  # type: ignore[attr-defined]
                problems.append(f"{path}, record {table}/{key}: stored under a key that is not its id")
    return problems, data


def check_journal(folder: Path) -> list[str]:
    """Every damaged journal line, and lines whose sequence numbers go backwards, one line each."""
    path = folder / db.JOURNAL
    try:
        lines = history.read_lines(path)
    except SchemaTooNew:
        raise  # a line a newer version wrote: not a problem of the store
    except StoreError as exc:
        return [str(exc)]
    problems = [line.problem for line in lines if line.changes is None]
    last = 0
    for line in lines:
        if line.changes:
            if line.seqs[0] <= last:
                problems.append(
                    f"{path}, record line {line.lineno}: seq {line.seqs[0]} does not follow seq {last} "
                    "of an earlier line (the journal's order is broken)"
                )
            last = max(last, line.seqs[-1])
    return problems


def check_store(folder: Path) -> list[str]:
    """Every problem of a store, as 'path, record: reason' lines; [] if it is sound.

    Raises SchemaTooNew for a store a newer version wrote: that is no problem
    of the store, and `--restore` must not "repair" it.
    """
    folder = Path(folder)
    if not folder.exists():
        return [f"{folder}: no store here"]
    if not folder.is_dir():
        return [f"{folder}: is a file, not a store folder"]
    problems: list[str] = []
    for name in db.FILES:
        problems.extend(check_file(folder / name)[0])
    problems.extend(check_journal(folder))
    lock = folder / db.LOCK
    if lock.is_dir() and not lock.is_symlink():
        problems.append(f"{lock}: is a folder, so no alliances-tui can take the store's lock (`check --restore` sets it aside)")
    backups_dir = folder / backups.BACKUPS
    if backups_dir.is_symlink():
        problems.append(f"{backups_dir}: is a symbolic link, so no backup is written there (make it a real folder of the store)")
    problems.extend(str(link) for link in db.linked_files(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        problems.append(f"{folder}: cannot be written to (permission denied), so nothing could be saved")
    if problems:
        return problems
    return _check_links(folder)


def _check_links(folder: Path) -> list[str]:
    """Cross-record checks on a store whose files are each sound."""
    from store.repository import FactStore

    try:
        store = FactStore(db.open_files(folder, readonly=True))
    except SchemaTooNew:
        raise
    except StoreError as exc:
        return [str(exc)]
    problems: list[str] = []
    facts_file = folder / "facts.json"
    sources_file = folder / "sources.json"
    for fact in store.facts.values():
        for eid in fact.entities:
            if eid not in store.entities:
                problems.append(f"{facts_file}, record facts/{fact.id}: names {eid}, which is not in the store")
        for excerpt_id in fact.evidence:
            if excerpt_id not in store.excerpts:
                problems.append(f"{facts_file}, record facts/{fact.id}: cites excerpt {excerpt_id}, which is not in the store")
        for ref in fact.references:
            if ref not in store.sources:
                problems.append(f"{facts_file}, record facts/{fact.id}: cites source {ref}, which is not in the store")
    for ex in store.excerpts.values():
        source = store.sources.get(ex.source_id)
        if source is None:
            problems.append(f"{sources_file}, record excerpts/{ex.id}: its source {ex.source_id} is not in the store")
        elif source.text[ex.start:ex.end] != ex.quote.exact:
            problems.append(f"{sources_file}, record excerpts/{ex.id}: its quote is not the text at {ex.start}–{ex.end}")
        for m in ex.mentions:
            if m.entity_id not in store.entities:
                problems.append(f"{sources_file}, record excerpts/{ex.id}: mentions {m.entity_id}, which is not in the store")
    for link in store.evidence_links.values():
        for what, table, rid in (("fact", store.facts, link.fact_id), ("excerpt", store.excerpts, link.excerpt_id)):
            if rid not in table:
                problems.append(f"{facts_file}, record evidence_links/{link.id}: links {what} {rid}, which is not in the store")
    targets: dict[str, Mapping[str, object]] = {"fact": store.facts, "excerpt": store.excerpts, "entity": store.entities}
    for note in store.annotations.values():
        if note.target.id not in targets[note.target.kind.value]:
            problems.append(
                f"{folder / 'notes.json'}, record annotations/{note.id}: its {note.target.kind.value} "
                f"{note.target.id} is not in the store"
            )
    return problems
