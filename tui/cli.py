"""The ``alliances-tui`` command line: its parser, ``main``, the explorer and ``serve``.

The commands that read a store are in tui/cli_store.py, those that write into
one in tui/cli_import.py; ``main`` imports the module of the command it runs.
Only the default command (the explorer) and ``serve`` import Textual: the
others must stay quick, so every heavy import happens inside its command.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.repository import FactStore
    from tui.app import AlliancesApp

ENV_DB = "ALLIANCES_TUI_DB"
# Commands that read a store: a mistyped --db must not make them a new one.
READING_COMMANDS = ("export", "stats", "check", "update-world")


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


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from store.models import SCHEMA_VERSION

    try:
        number = version("alliances-tui")
    except PackageNotFoundError:  # run from a checkout that was never installed
        number = "(not installed)"
    return f"alliances-tui {number} (store schema {SCHEMA_VERSION})"


# FactStatus's values, written out: --help must not import the models (a test keeps them equal).
STATUSES = ("unreviewed", "confirmed", "disputed", "retracted")


class _VersionAction(argparse.Action):
    """--version, worked out only when asked: it imports the models, which --help need not."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="print the version and the store schema it reads, then exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        print(_version())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliances-tui",
        description="Explore security alliances and the evidence behind them, from the keyboard.",
        epilog="Run without a command to open the explorer.",
    )
    parser.add_argument("--version", action=_VersionAction)
    _add_db(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("export", help="print the store as JSON, CSV, Markdown, Graphviz DOT or GraphML")
    p.add_argument("--format", choices=["json", "csv", "markdown", "dot", "graphml"], default="json", help=(
        "json (default): the whole store with its history, or with filters only the matching facts and the records "
        "they use; csv: one row per fact, with its quotes, notes and tags (a cell starting with = + - @ gets a leading ' so spreadsheets do not run "
        "it); markdown: a report per country; dot, graphml: the relation graph; the filters apply to every format"))
    p.add_argument("--out", type=Path, help="write to this file instead of standard output")
    p.add_argument("--country", help="only facts of this country (name or ISO code)")
    p.add_argument("--alliance", help="only facts of this alliance (name or alias)")
    p.add_argument("--status", help=f"only facts with this status: {', '.join(STATUSES)}")
    _add_db(p, top=False)

    p = sub.add_parser("check", help="validate a store; exit non-zero on problems")
    p.add_argument("--restore", action="store_true", help="rebuild a damaged store from its intact files, backups and journal; name what is lost")
    _add_db(p, top=False)

    p = sub.add_parser("stats", help="print the number of records of each kind")
    _add_db(p, top=False)

    p = sub.add_parser("import", help="import articles (text, Markdown or HTML files, or folders of them)", description=(
        "Import articles, each as its own undoable change. A folder gives its .txt, .md and .html files (and their "
        "variants), recursively and sorted; hidden files and links leading out of it are skipped, and said. "
        "An http(s) address is fetched and its article extracted (the page's address becomes the source's URL). "
        "Prints a line per article (excerpts, mentions, links to facts, facts proposed) and the totals; "
        "exits non-zero if any file could not be imported. --dry-run says what would be added and writes nothing."))
    # str, not Path: Path("https://a/b") would fold the address's "//".
    p.add_argument("files", nargs="+", metavar="PATH_OR_URL",
                   help="an article file, a folder of them, or the http(s) address of a page (fetched, its article extracted)")
    p.add_argument("--keep-going", action="store_true",
                   help="import past a file that cannot be imported (say why, go on) instead of stopping there")
    p.add_argument("--dry-run", action="store_true",
                   help="show what each import would add (excerpts, mentions, links, facts), and write nothing")
    p.add_argument("--learned", action="store_true",
                   help="also propose what a learned model reads between countries and alliances the rules left "
                        "(a few more facts found, about as many wrong ones; their cue reads \"model 0.87\")")
    _add_db(p, top=False)

    p = sub.add_parser("import-atop", help="import the ATOP alliance data set from the folder of its CSV files", description=(
        "Import ATOP (Alliance Treaty Obligations and Provisions) from the files you downloaded from atopdata.org: "
        "the folder holding atop5_1a.csv and atop5_1m.csv (the version is read from the names). One alliance per "
        "atopid with its members, dates and obligations, as one undoable change; an alliance the store already holds "
        "is proposed as a match, to review (r). Importing again adds nothing."))
    p.add_argument("folder", type=Path, metavar="DIR", help="the folder of ATOP's CSV files")
    _add_db(p, top=False)

    p = sub.add_parser("update-world", help="add the starter world's alliances, sources and facts a store lacks", description=(
        "A store made before the starter world keeps what it has. This adds the world's alliances, sources and "
        "facts the store lacks, by id, as one undoable change; a record the store already has is left as it is "
        "(and counted), every note is kept. Running it again adds nothing."))
    _add_db(p, top=False)

    p = sub.add_parser("serve", help="serve the explorer to a web browser, for its user only", description=(
        "Serve the explorer to a web browser (textual-serve). Open the address it prints: it carries a secret "
        "token, made anew at each start. Requests without it, from another web page, or beyond --max-sessions are "
        "refused."))
    p.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000)")
    p.add_argument("--max-sessions", type=_positive, default=1, metavar="N",
                   help="browser sessions at once (default: 1; a second writer would be read-only)")
    _add_db(p, top=False)
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def one_line(text: str) -> str:
    """``text`` made safe to print: control characters shown escaped, never sent.

    Messages quote store files, and a damaged file may hold newlines, escape
    sequences (screen clears, OSC 52 clipboard writes) or bidi overrides.
    """
    from store.words.clean import escaped_line

    return escaped_line(text)


def fail(message: str, code: int = 1) -> int:
    print(f"alliances-tui: {one_line(message)}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    skip_pydantic_plugins()
    # Expanded here, not only when opened: "no store at ~/x" must mean that.
    folder: Path = (args.db or default_store()).expanduser()
    from store.errors import SchemaTooNew, StoreCorrupt, StoreError

    try:
        if args.command in READING_COMMANDS:
            from store.db import no_store_yet

            if no_store_yet(folder):
                return fail(f"no store at {folder} (create one by opening the explorer or importing an article)")
        if args.command is None:
            return run_app(folder)
        return command(args.command)(folder, args)
    except SchemaTooNew as exc:
        return fail(str(exc))  # not damage: restoring over it would lose what the newer version wrote
    except StoreCorrupt as exc:
        return fail(f"{exc} (`alliances-tui check --restore` rebuilds the store from what is intact)")
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


def command(name: str) -> Callable[[Path, argparse.Namespace], int]:
    """The function that runs subcommand ``name``, from the module of its kind (imported only now)."""
    if name == "serve":
        return cmd_serve
    if name in ("export", "check", "stats"):
        from tui import cli_store

        return {"export": cli_store.cmd_export, "check": cli_store.cmd_check, "stats": cli_store.cmd_stats}[name]
    from tui import cli_import

    return {"import": cli_import.cmd_import, "import-atop": cli_import.cmd_import_atop,
            "update-world": cli_import.cmd_update_world}[name]


def open_existing(folder: Path, *, readonly: bool = True) -> FactStore:
    from store.repository import FactStore

    return FactStore.open(folder, readonly=readonly, create=False)


def create_if_missing(folder: Path) -> bool:
    """Create the starter store if there is none at ``folder``, and say where on stderr.

    Only the explorer and ``import`` call this: they are what a user runs to
    start a store, and a store made silently at a mistyped path looks empty.
    """
    from store.datasets.starter import create_store_if_missing

    if not create_store_if_missing(folder):
        return False
    print(f"alliances-tui: {created_message(folder)}", file=sys.stderr, flush=True)
    return True


def created_message(folder: Path) -> str:
    return one_line(f"created a new store at {folder} from the starter data")


def inside_store(out: Path, folder: Path) -> bool:
    """Whether ``out`` lies in the store folder, once every link on either path is resolved."""
    real_out, real_store = Path(os.path.realpath(out)), Path(os.path.realpath(folder))
    return real_out == real_store or real_store in real_out.parents






def cmd_serve(folder: Path, args: argparse.Namespace) -> int:
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        return fail("serving needs textual-serve: pip install 'alliances-tui[serve]'")
    from tui.serve import serve

    # Create the starter store (and check the store opens) now, once: not in
    # the first browser's session, where an error would only be a dead page.
    create_if_missing(folder)
    open_existing(folder).close()
    serve(folder, host=args.host, port=args.port, max_sessions=args.max_sessions)
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


def explorer(folder: Path, *, own_process: bool = False) -> AlliancesApp:
    """The explorer on ``folder``, creating the store first if there is none, and saying so.

    Said twice: on stderr, which stays in the terminal after the app quits, and
    as a notification, which is what shows while it runs.
    """
    created = create_if_missing(folder)
    from tui.app import build_app

    from tui import settings

    # The real explorer remembers its theme and last selection; an app built in a test does not.
    app = build_app(folder, own_process=own_process, settings_folder=settings.folder() if own_process else None)
    if created:
        # Queued now, shown once the screen is up; a path is text, never markup.
        app.notify(created_message(folder), title="new store", timeout=10, markup=False)
    return app


def run_app(folder: Path) -> int:
    use_frame_rate()
    app = explorer(folder, own_process=True)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
