"""An SVG snapshot of treaties coded as researchers code them (issue 15), on the hand-made store of
tests/treaty_world.py: every alliance listed (the ended ones marked †), ANZUS's heading (dates by kind,
its Article IV), New Zealand's membership suspended since 1986 (‖), and each fact's provenance."""

from __future__ import annotations

from pathlib import Path

from tui.app import build_app


def test_treaties_anzus_all_alliances_140x40(treaty_store: Path, snap_compare) -> None:
    # South Korea first; k: New Zealand; 2: its alliances (ANZUS); a: every alliance, ANZUS's facts.
    assert snap_compare(build_app(treaty_store), press=["k", "2", "a"], terminal_size=(140, 40))
