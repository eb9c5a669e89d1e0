"""The ``alliances-tui`` command line.

Only the default command (the explorer) and ``serve`` import Textual: the
others must stay quick, so every heavy import happens inside its command.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

ENV_DB = "ALLIANCES_TUI_DB"


def default_store() -> Path:
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("alliances-tui", appauthor=False) / "store"


def _add_db(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Defined on the main parser and on every subcommand, so `--db` is accepted
    # before or after the subcommand; SUPPRESS keeps a subcommand's absent
    # option from overwriting the main parser's value.
    parser.add_argument(
        "--db",
        metavar="DIR",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        help=f"the store folder (default: ${ENV_DB}, else the user data directory)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliances-tui",
        description="Explore security alliances and the evidence behind them, from the keyboard.",
        epilog="Run without a command to open the explorer.",
    )
    _add_db(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("export", help="print the store as JSON, CSV, Markdown, Graphviz DOT or GraphML")
    p.add_argument("--format", choices=["json", "csv", "markdown", "dot", "graphml"], default="json", help=(
        "json (default): the whole store with its history, or with filters only the matching facts and the records "
        "they use; csv: one row per fact (a cell starting with = + - @ gets a leading ' so spreadsheets do not run "
        "it); markdown: a report per country; dot, graphml: the relation graph; the filters apply to every format"))
    p.add_argument("--out", type=Path, help="write to this file instead of standard output")
    p.add_argument("--country", help="only facts of this country (name or ISO code)")
    p.add_argument("--alliance", help="only facts of this alliance (name or alias)")
    p.add_argument("--status", help="only facts with this status")
    _add_db(p, top=False)

    p = sub.add_parser("check", help="validate a store; exit non-zero on problems")
    p.add_argument("--restore", action="store_true", help="put back the newest backup that passes the check")
    _add_db(p, top=False)

    p = sub.add_parser("stats", help="print the number of records of each kind")
    _add_db(p, top=False)

    p = sub.add_parser("import", help="import articles (text, Markdown or HTML)")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    _add_db(p, top=False)

    p = sub.add_parser("serve", help="serve the explorer to a web browser")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    _add_db(p, top=False)
    return parser


def one_line(text: str) -> str:
    """``text`` made safe to print: control characters shown escaped, never sent.

    Messages quote store files, and a damaged file may hold newlines, escape
    sequences (screen clears, OSC 52 clipboard writes) or bidi overrides.
    """
    import unicodedata

    return "".join(
        ch if ch == " " or unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp") else ascii(ch)[1:-1]
        for ch in text
    )


def fail(message: str, code: int = 1) -> int:
    print(f"alliances-tui: {one_line(message)}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    skip_pydantic_plugins()
    folder: Path = args.db or default_store()
    from store.errors import StoreError

    try:
        if args.command is None:
            return run_app(folder)
        handler = {"export": cmd_export, "check": cmd_check, "stats": cmd_stats, "import": cmd_import, "serve": cmd_serve}
        return handler[args.command](folder, args)
    except StoreError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `alliances-tui export | head`: the reader left; not an error of ours.
        sys.stderr.close()
        return 0
    except OSError as exc:
        # A path that is not what it should be (a file where a folder goes, a
        # full disk for --out): one sentence, not a traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        return fail(f"{where}{exc.strerror or exc}")


def _open(folder: Path, *, readonly: bool):
    from store.repository import FactStore

    return FactStore.open(folder, readonly=readonly)


def cmd_export(folder: Path, args: argparse.Namespace) -> int:
    from store import export

    store = _open(folder, readonly=True)
    try:
        text = export.render(store, args.format, country=args.country, alliance=args.alliance, status=args.status)
    finally:
        store.close()
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_check(folder: Path, args: argparse.Namespace) -> int:
    from store.check import check_store, restore_newest_good_backup

    if args.restore:
        if folder.is_dir() and not check_store(folder):
            # A sound store is kept: a backup is older, so restoring it would drop recent notes.
            print(f"{folder}: ok, nothing to restore")
            return 0
        backup = restore_newest_good_backup(folder)
        print(f"restored {folder} from {backup}")
    problems = check_store(folder)
    for line in problems:
        print(one_line(line), file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found; `alliances-tui check --restore` puts back the newest good backup", file=sys.stderr)
        return 1
    print(f"{folder}: ok")
    return 0


def cmd_stats(folder: Path, args: argparse.Namespace) -> int:
    store = _open(folder, readonly=True)
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


def cmd_import(folder: Path, args: argparse.Namespace) -> int:
    store = _open(folder, readonly=False)
    try:
        if store.readonly:
            return fail(store.readonly_reason)
        try:
            from store.importer import import_files
        except ModuleNotFoundError:
            return fail("importing articles is not available in this version yet")
        for report in import_files(store, args.files):
            print(report.summary())
    finally:
        store.close()
    return 0


def serve_command(folder: Path) -> str:
    """The shell command textual-serve runs for each browser: this Python, this store.

    textual-serve starts it with a shell, so both paths are quoted; the folder is
    made absolute so the command does not depend on the server's working folder.
    """
    store = os.path.abspath(Path(folder).expanduser())
    return f"{shlex.quote(sys.executable)} -m tui --db {shlex.quote(store)}"


def serve_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def cmd_serve(folder: Path, args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        return fail("serving needs textual-serve: pip install 'alliances-tui[serve]'")
    # Create the starter store (and check the store opens) now, once: not in
    # the first browser's session, where an error would only be a dead page.
    _open(folder, readonly=True).close()
    url = serve_url(args.host, args.port)
    print(f"alliances-tui: serving the explorer on {url} (Ctrl+C to stop)", flush=True)
    Server(serve_command(folder), host=args.host, port=args.port, public_url=url, title="alliances-tui").serve()
    return 0


def skip_pydantic_plugins() -> None:
    """Tell pydantic not to look for plugins, unless ``PYDANTIC_DISABLE_PLUGINS`` is set.

    To find them, pydantic reads the entry points of every installed
    distribution when the first model is built: 0.1 s of a launch in a
    virtual environment with the test tools installed, for plugins (tracing,
    instrumentation) this program does not use. Set the variable (even empty)
    to have them loaded.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


FRAME_RATE = "120"


def use_frame_rate() -> None:
    """Let Textual draw up to 120 frames a second unless ``TEXTUAL_FPS`` says otherwise.

    Textual composites at most TEXTUAL_FPS frames a second (60 by default), so
    a key's effect waits for the next frame: up to 1/60 s of DESIGN.md's
    30 ms from key to panes. At 120 the wait is half that. The app draws only
    what changed, when it changed, so an idle app costs nothing more. Read
    when Textual is imported: call this first.
    """
    os.environ.setdefault("TEXTUAL_FPS", FRAME_RATE)


def run_app(folder: Path) -> int:
    use_frame_rate()
    from tui.app import build_app

    app = build_app(folder, own_process=True)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
