"""The commands that read a store and print what it holds: ``export``, ``check`` and ``stats``.

Imported only when one of them runs (see tui/cli.py): each imports what it needs inside.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tui.cli import fail, inside_store, one_line, open_existing


def cmd_export(folder: Path, args: argparse.Namespace) -> int:
    from store.exports import formats as export
    from store.db import atomic_write

    out: Path | None = args.out.expanduser() if args.out else None
    if out is not None and inside_store(out, folder):
        # It could overwrite a store file, or be swept up by backups and restores.
        return fail(f"will not write the export to {out}: it is inside the store folder {folder}; choose a file outside it")
    store = open_existing(folder)
    try:
        text = export.render(store, args.format, country=args.country, alliance=args.alliance, status=args.status)
    finally:
        store.close()
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        # A temp file beside the target, fsynced, then renamed: a failure (a full
        # disk) leaves the previous export whole. Written at the link's target,
        # so a link the user made to their export stays a link.
        atomic_write(Path(os.path.realpath(out)), text.encode("utf-8"))
    except OSError as exc:
        return fail(f"could not write {out}: {exc.strerror or exc}")
    return 0


def cmd_check(folder: Path, args: argparse.Namespace) -> int:
    from store.check import check_store
    from store.restore import restore_store

    if args.restore:
        if folder.is_dir() and not check_store(folder):
            # A sound store is kept: a backup is older, so restoring it would drop recent notes.
            print(f"{folder}: ok, nothing to restore")
            return 0
        for line in restore_store(folder).lines():
            print(one_line(line))
    problems = check_store(folder)
    for line in problems:
        print(one_line(line), file=sys.stderr)
    if problems:
        print(
            f"{len(problems)} problem(s) found; `alliances-tui check --restore` rebuilds the store "
            "from its intact files, backups and journal",
            file=sys.stderr,
        )
        return 1
    print(f"{folder}: ok")
    return 0


def cmd_stats(folder: Path, args: argparse.Namespace) -> int:
    store = open_existing(folder)
    try:
        counts = {
            "countries": len(store.countries()),
            "alliances": len(store.alliances()),
            "facts": len(store.facts),
            "sources": len(store.sources),
            "excerpts": len(store.excerpts),
            "notes": len(store.annotations),
        }
        live, archived = store.change_counts()
        # The whole history: the live journal (what undo reaches) and journal-archive/.
        counts["changes"] = live + archived
        counts["archived"] = archived
    finally:
        store.close()
    width = max(map(len, counts))
    print(f"{'store':<{width}}  {folder}")
    for key, value in counts.items():
        print(f"{key:<{width}}  {value:>7,}")
    return 0
