"""Modules of one idea (issue 16): no module of store/ or tui/ grows past a size one can read whole."""

from __future__ import annotations

from conftest import ROOT

# A little above the ~400 lines issue 16 aims at: room for a docstring line, not for a second idea.
MAX_LINES = 420
PACKAGES = ("store", "tui")


def module_lengths() -> dict[str, int]:
    """Each .py file under the packages, as a path from the repository root, and its number of lines."""
    return {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def test_the_modules_are_found() -> None:
    # Without this a wrong root would find nothing, and the size check would pass on nothing.
    assert {"store/db.py", "store/pipeline/gazetteer.py", "tui/app.py"} <= set(module_lengths())


def test_no_module_is_longer_than_the_limit() -> None:
    long = {name: n for name, n in module_lengths().items() if n > MAX_LINES}
    assert not long, "\n".join(
        f"{name} has {n} lines (at most {MAX_LINES}): split it along a seam, one idea a module"
        for name, n in sorted(long.items())
    )
