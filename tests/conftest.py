"""Shared fixtures for the store and CLI tests, and the unit/functional marks.

Building the starter store runs the article importer and the gazetteer, so it
is built once per session and each test gets its own copy of the folder. The
``tiny_store`` is a hand-made store of a few records that needs neither: the
storage and crash tests use it because it opens in milliseconds.

Every test is marked ``functional`` (it runs the app with Pilot, compares a
snapshot, starts another process, or lives in a file of such tests) or
``unit`` (the rest: the store and the explorer's model, fast):
``pytest -m unit`` runs the fast ones alone.
"""

from __future__ import annotations

import inspect
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from store import db
from store.models import Entity, EntityKind, Fact, FactStatus, Origin

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = tuple(db.FILES)  # facts.json, sources.json, notes.json


@pytest.fixture(autouse=True)
def _settings_out_of_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's own settings (tui/settings.py), nor a process it starts."""
    monkeypatch.setenv("ALLIANCES_TUI_CONFIG", str(tmp_path_factory.mktemp("config")))


def patch_os(monkeypatch: pytest.MonkeyPatch, fake: object) -> None:
    """Stand ``fake`` in for ``os`` where the store writes files: db.py, durable writes, the lock, backups, the journal."""
    from store import backups, durable, journal, lock

    for module in (db, durable, lock, backups, journal):
        monkeypatch.setattr(module, "os", fake)


# --- the starter store ---------------------------------------------------------

@pytest.fixture(scope="session")
def starter_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter store, built once per session. Never write to it: copy it."""
    from store.datasets.starter import build_starter

    folder = tmp_path_factory.mktemp("starter-template") / "store"
    build_starter(folder)
    return folder


@pytest.fixture
def starter_store(starter_template: Path, tmp_path: Path) -> Path:
    """A private copy of the starter store's folder, for one test."""
    folder = tmp_path / "store"
    shutil.copytree(starter_template, folder)
    return folder


@pytest.fixture
def starter(starter_store: Path):
    """The starter store, opened for writing; closed after the test."""
    from store.repository import FactStore

    store = FactStore.open(starter_store, create=False)
    yield store
    store.close()


# --- a tiny hand-made store -------------------------------------------------------

TINY_ENTITIES = [
    Entity(id="country:KOR", kind=EntityKind.COUNTRY, name="South Korea", codes={"iso3": "KOR"}),
    Entity(id="country:USA", kind=EntityKind.COUNTRY, name="United States", codes={"iso3": "USA"}),
    Entity(id="country:JPN", kind=EntityKind.COUNTRY, name="Japan", codes={"iso3": "JPN"}),
    Entity(id="alliance:nato", kind=EntityKind.ALLIANCE, name="NATO"),
]
TINY_FACTS = [
    Fact(id="fact:kor-nato", subject="country:KOR", relation="partner_of", object="alliance:nato",
         start="2005", origin=Origin.STARTER, created="2024-01-01T00:00:00.000Z", updated="2024-01-01T00:00:00.000Z"),
    Fact(id="fact:usa-nato", subject="country:USA", relation="member_of", object="alliance:nato",
         start="1949-04-04", status=FactStatus.CONFIRMED, origin=Origin.STARTER,
         created="2024-01-01T00:00:00.000Z", updated="2024-01-01T00:00:00.000Z"),
    Fact(id="fact:jpn-nato", subject="country:JPN", relation="partner_of", object="alliance:nato",
         start="2014", origin=Origin.STARTER, created="2024-01-01T00:00:00.000Z", updated="2024-01-01T00:00:00.000Z"),
]


def make_tiny_store(folder: Path) -> Path:
    tables = db.new_tables()
    for e in TINY_ENTITIES:
        tables["facts.json"]["entities"][e.id] = e.model_dump(mode="json")
    for f in TINY_FACTS:
        tables["facts.json"]["facts"][f.id] = f.model_dump(mode="json")
    db.write_new_store(folder, tables)
    return folder


@pytest.fixture
def tiny_store(tmp_path: Path) -> Path:
    return make_tiny_store(tmp_path / "tiny")


@pytest.fixture
def tiny(tiny_store: Path):
    from store.repository import FactStore

    store = FactStore.open(tiny_store, create=False)
    yield store
    store.close()


# --- helpers ---------------------------------------------------------------------

def snapshot_bytes(folder: Path) -> dict[str, bytes | None]:
    """The bytes of every data file of a store (None for a missing file or a folder)."""
    out: dict[str, bytes | None] = {}
    for name in [*DATA_FILES, db.JOURNAL]:
        path = folder / name
        out[name] = path.read_bytes() if path.is_file() else None
    return out


def run_python(code: str, *args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter of the test venv, from the repository root."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def no_db_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No ALLIANCES_TUI_DB from the environment the tests run in."""
    monkeypatch.delenv("ALLIANCES_TUI_DB", raising=False)
    yield


# --- a hand-made store of treaties coded as researchers code them (tests/treaty_world.py) ---

@pytest.fixture
def treaty_store(tmp_path: Path) -> Path:
    from treaty_world import make_treaty_store

    return make_treaty_store(tmp_path / "treaties")


@pytest.fixture
def treaties(treaty_store: Path):
    from store.repository import FactStore

    store = FactStore.open(treaty_store, create=False)
    yield store
    store.close()


# --- unit and functional tests ---------------------------------------------------------

# Files whose every test runs the real thing: benchmarks, a terminal, a browser, snapshots.
FUNCTIONAL_FILES = frozenset({
    "test_benchmark_run.py", "test_benchmarks.py", "test_burst_pty.py", "test_import_bench.py", "test_notes_bench.py",
    "test_serve.py", "test_snapshots.py", "test_snapshots_treaties.py", "test_snapshots_views.py",
})
# What a test (or a helper of its module that it calls) does when it runs the app or another process.
FUNCTIONAL_WORDS = ("run_test", "pilot", "subprocess", "run_python", "Popen", "pty.", "snap_compare")


def _source(obj: object) -> str:
    try:
        return inspect.getsource(obj)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return ""


_helpers: dict[str, frozenset[str]] = {}


def _functional_helpers(module: ModuleType) -> frozenset[str]:
    """The names of the helpers a test module has (its own, or imported from tests/) that run the app or another process."""
    name = module.__name__
    if name not in _helpers:
        here = Path(__file__).parent
        _helpers[name] = frozenset(
            attr for attr, value in vars(module).items()
            if inspect.isfunction(value) and not attr.startswith("test")
            and Path(inspect.getfile(value)).parent == here
            and any(word in _source(value) for word in FUNCTIONAL_WORDS)
        )
    return _helpers[name]


def is_functional(file_name: str, function: Callable[..., object], fixtures: list[str], module: ModuleType | None = None) -> bool:
    if file_name in FUNCTIONAL_FILES or "snap_compare" in fixtures or inspect.iscoroutinefunction(function):
        return True
    source = _source(function)
    if any(word in source for word in FUNCTIONAL_WORDS):
        return True
    return module is not None and any(f"{helper}(" in source for helper in _functional_helpers(module))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        function = getattr(item, "function", None)
        if function is None:
            continue
        functional = is_functional(item.path.name, function, list(getattr(item, "fixturenames", ())), getattr(item, "module", None))
        item.add_marker(pytest.mark.functional if functional else pytest.mark.unit)
