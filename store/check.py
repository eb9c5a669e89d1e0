"""Validate a store folder and report every problem found, one line each; restore from backups."""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

from pydantic import ValidationError

from store import db
from store.errors import StoreError
from store.models import MODELS, SCHEMA_VERSION, Change


def check_store(folder: Path) -> list[str]:
    """Every problem of a store, as 'path, record: reason' lines; [] if it is sound."""
    folder = Path(folder)
    if not folder.exists():
        return [f"{folder}: no store here"]
    if not folder.is_dir():
        return [f"{folder}: is a file, not a store folder"]
    problems: list[str] = []
    for name, tables in db.FILES.items():
        path = folder / name
        try:
            data = db._read_tables(path)
        except StoreError as exc:
            problems.append(str(exc))
            continue
        version = data[db.META][db.META_ID]["schema_version"]
        if version > SCHEMA_VERSION:
            problems.append(f"{path}: written by a newer alliances-tui (schema {version} > {SCHEMA_VERSION})")
            continue
        for table in tables:
            for key, doc in data.get(table, {}).items():
                try:
                    record = MODELS[table].model_validate(doc)
                except ValidationError as exc:
                    from store.repository import describe_validation_error

                    problems.append(f"{path}, record {table}/{key}: {describe_validation_error(exc)}")
                    continue
                if record.id != key:  # type: ignore[attr-defined]
                    problems.append(f"{path}, record {table}/{key}: stored under a key that is not its id")
    try:
        journal = db.read_journal(folder / db.JOURNAL)
        for lineno, group in enumerate(journal.groups, 1):
            for change in group:
                try:
                    Change.model_validate(change)
                except ValidationError as exc:
                    from store.repository import describe_validation_error

                    problems.append(f"{folder / db.JOURNAL}, record line {lineno}: {describe_validation_error(exc)}")
    except StoreError as exc:
        problems.append(str(exc))
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
    except StoreError as exc:
        return [str(exc)]
    problems: list[str] = []
    facts_file = folder / "facts.json"
    sources_file = folder / "sources.json"
    for fact in store.facts.values():
        for eid in fact.entities:
            if eid not in store.entities:
                problems.append(f"{facts_file}, record facts/{fact.id}: names {eid}, which is not in the store")
        for ex in fact.evidence:
            if ex not in store.excerpts:
                problems.append(f"{facts_file}, record facts/{fact.id}: cites excerpt {ex}, which is not in the store")
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
    targets = {"fact": store.facts, "excerpt": store.excerpts, "entity": store.entities}
    for note in store.annotations.values():
        if note.target.id not in targets[note.target.kind.value]:
            problems.append(
                f"{folder / 'notes.json'}, record annotations/{note.id}: its {note.target.kind.value} "
                f"{note.target.id} is not in the store"
            )
    return problems


def restore_newest_good_backup(folder: Path) -> Path:
    """Put back the newest backup that passes the check; the damaged files are kept aside."""
    folder = Path(folder)
    if not folder.is_dir():
        raise StoreError(f"{folder} is a file, not a store folder" if folder.exists() else f"{folder}: no store here")
    lock = db.StoreLock(folder)
    if not lock.acquire():
        raise StoreError(f"{folder} is open in another alliances-tui (pid {lock.holder}): close it before restoring")
    try:
        for backup in db.list_backups(folder):
            if check_store(backup) in ([], [f"{backup}: cannot be written to (permission denied), so nothing could be saved"]):
                stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
                aside = folder / db.BACKUPS / f"{stamp}{db.DAMAGED}"
                aside.mkdir(parents=True)
                for name in [*db.FILES, db.JOURNAL]:
                    current = folder / name
                    if current.is_dir():
                        shutil.move(str(current), aside / name)
                    elif current.exists():
                        shutil.copy2(current, aside / name)
                for name in [*db.FILES, db.JOURNAL]:
                    src = backup / name
                    if src.is_file():
                        db.atomic_write(folder / name, src.read_bytes())
                    else:
                        (folder / name).unlink(missing_ok=True)
                return backup
        raise StoreError(f"{folder}: no backup passes the check, nothing was changed")
    finally:
        lock.release()
