"""The first screen: South Korea, its alliances with their dates, and the evidence quoted."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import KOR, NATO, TRILATERAL, US_ROK, excerpt_prompts, ids, prompts, screen_lines, screen_text
from tui.app import build_app


async def test_first_screen_shows_south_korea_and_its_alliances_with_dates(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        # Countries: every country with a count; South Korea highlighted.
        assert app.countries.border_title == "Countries"
        assert app.countries.highlighted_id == KOR
        countries = prompts(app.countries.option_list)
        korea = next(p for p in countries if p.startswith("South Korea"))
        assert korea.split()[-1].isdigit()
        assert any(p.startswith("Japan") for p in countries) and any(p.startswith("United States") for p in countries)

        # Alliances of South Korea: NATO, the US–ROK alliance, the trilateral, with relation and dates.
        assert app.alliances.border_title == "Alliances · South Korea"
        assert set(ids(app.alliances.option_list)) >= {NATO, US_ROK, TRILATERAL}
        by_id = dict(zip(ids(app.alliances.option_list), prompts(app.alliances.option_list)))
        assert by_id[NATO].startswith("NATO")
        assert "partner since 2005" in by_id[NATO]
        assert "summits 2022, 2023, 2024" in by_id[NATO]
        # The membership dates from the treaty's signature (1953-10-01; in force 1954-11-17).
        assert "member since 1953" in by_id[US_ROK]
        assert "2023" in by_id[TRILATERAL]

        # Excerpts: South Korea's facts, grouped by year, with quoted passages naming their source.
        assert app.excerpts.border_title == "Excerpts · South Korea"
        rows = excerpt_prompts(app)
        assert any(r.startswith("── 2022") for r in rows)
        quotes = [r for r in rows if r.lstrip().startswith("“")]
        assert quotes and all("—" in q for q in quotes)
        assert any("franceinfo" in q.casefold() for q in quotes)

        # The header: the store's name and the breadcrumb; the footer shows keys.
        assert app.title == f"alliances-tui · {starter_store.name}"
        assert app.sub_title == "South Korea"
        text = screen_text(app)
        assert "Countries" in text and "Alliances · South Korea" in text and "Excerpts · South Korea" in text
        assert "South Korea" in text.splitlines()[0]
        assert "Help" in text.splitlines()[-1]


async def test_at_80x24_each_country_keeps_its_name_and_count_on_one_line(starter_store: Path) -> None:
    app = build_app(starter_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.countries.option_list
        region = pane.rows_region  # without the scrollbar
        lines = screen_lines(app)[region.y : region.y + region.height]
        cells = [line[region.x : region.x + region.width].rstrip() for line in lines]
        counts = dict((e.name, n) for e, n in app.store.countries())
        assert all(cells), cells  # no line of the list is a lone count or blank
        for cell in cells:
            words = cell.split()
            assert words[-1].isdigit(), f"{cell!r}: the count is not on the name's line"
            name = " ".join(words[:-1])
            full = next((n for n in counts if n == name or (name.endswith("…") and n.startswith(name[:-1]))), None)
            assert full is not None, cell
            assert int(words[-1]) == counts[full]
        # South Korea is on screen with its count (its name cut with … if the pane is narrow).
        assert any(cell.startswith("South Ko") and cell.endswith(f" {counts['South Korea']}") for cell in cells)


def test_the_app_run_by_the_cli_tunes_the_collector_after_its_first_screen(starter_store: Path) -> None:
    """In a process of its own (the CLI's), the first screen's objects are frozen out of the collector,
    and after each key's frame the collections that are nearly due are made (tui.memory.tidy).

    Run in a subprocess: freezing is for a process that runs one app, not for
    this test process that runs hundreds.
    """
    import subprocess
    import sys

    script = f"""
import asyncio, gc
from tui import memory
from tui.app import build_app

tidied = []
memory.tidy = lambda: tidied.append(1)

async def main():
    for own in (False, True):
        gc.unfreeze()
        gc.set_threshold(700, 10, 10)
        app = build_app({str(starter_store)!r}, own_process=own)
        frozen_at_open = gc.get_freeze_count()  # the app's process freezes the store's records after the open
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.pause()
            tidied.clear()
            await pilot.press("j", "j", "k")
            await pilot.pause()
            print(own, frozen_at_open > 0, gc.get_freeze_count() > frozen_at_open, gc.get_threshold(), len(tidied))

asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.split("\n")
    # As tests and snapshots build it: untouched, even by the store's open (its policy is the app's).
    assert "False False False (700, 10, 10) 0" in lines
    assert "True True True (2000, 10, 100) 3" in lines
