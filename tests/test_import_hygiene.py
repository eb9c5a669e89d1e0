"""`store` never imports Textual (DESIGN.md): checked in a fresh interpreter and in the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT, run_python

STORE = ROOT / "store"
# Every module, in every sub-package (pipeline/, datasets/, exports/ …), as a dotted path under store.
MODULES = sorted(
    ".".join(p.relative_to(STORE).with_suffix("").parts)
    for p in STORE.rglob("*.py")
    if p.stem != "__init__" and "__pycache__" not in p.parts
)

CHECK = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "tui"))
print(",".join(bad))
"""


def test_there_are_store_modules_to_check() -> None:
    assert {"models.facts", "db", "repository.writes", "concurrency", "backups", "datasets.starter", "check", "exports.formats", "pipeline.ingest", "pipeline.extract.claims"} <= set(MODULES)


def test_importing_every_store_module_loads_no_textual() -> None:
    result = run_python(CHECK, "store", *(f"store.{m}" for m in MODULES))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"store imported {result.stdout.strip()}"


def test_using_the_store_loads_no_textual(tmp_path: Path) -> None:
    code = CHECK.replace(
        'print(",".join(bad))',
        "from store.repository import FactStore\n"
        "from store.check import check_store\n"
        "from store.exports import formats as export\n"
        f"store = FactStore.open({str(tmp_path / 's')!r})\n"
        "export.render(store, 'json')\n"
        "store.close()\n"
        f"assert check_store({str(tmp_path / 's')!r}) == []\n"
        'bad = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "tui"))\n'
        'print(",".join(bad))',
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("module", MODULES)
def test_store_source_has_no_textual_or_tui_import(module: str) -> None:
    tree = ast.parse((STORE / f"{module.replace('.', '/')}.py").read_text(encoding="utf-8"))
    imported: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.append(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module", "__import__"
        ):
            imported += [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    offenders = [name for name in imported if name.split(".")[0] in ("textual", "tui")]
    assert offenders == [], f"store/{module}.py imports {offenders}"


def test_store_source_never_mentions_a_textual_import() -> None:
    for path in STORE.glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            code = line.split("#", 1)[0]
            assert "import textual" not in code and "from textual" not in code, f"{path.name}: {line}"
