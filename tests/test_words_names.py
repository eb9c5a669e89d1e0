"""store/words/names.py: one display name, said alike by the screen, the import report, the exports and the list order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import make_tiny_store
from store.exports.selection import Selection
from store.models import Entity, EntityKind, Fact
from store.pipeline.import_plan import ImportPlan
from store.repository import FactStore
from store.words.names import display_name, name_or_id, shorter_name
from tui.explorer import ListEntry
from tui.rows import name_of

QUAD = Entity(id="alliance:quad", kind=EntityKind.ALLIANCE, name="Quadrilateral Security Dialogue", aliases=["the Quad", "Quad"])
ANZUS = Entity(id="alliance:anzus", kind=EntityKind.ALLIANCE, short_name="ANZUS",
               name="Security Treaty between Australia, New Zealand and the United States of America")
BRICS = Entity(id="alliance:brics", kind=EntityKind.ALLIANCE, name="BRICS")
# Shown as "AMPO": sorted by its long name it would sit under T, where the list shows no T.
AMPO = Entity(id="alliance:ampo", kind=EntityKind.ALLIANCE, aliases=["AMPO"],
              name="Treaty of Mutual Cooperation and Security between Japan and the United States")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[FactStore]:
    s = FactStore.open(make_tiny_store(tmp_path / "s"), create=False)
    fact = Fact(id="fact:jpn-quad", subject="country:JPN", relation="member_of", object=QUAD.id, start="2007")
    s.add_records("add", [("entities", QUAD), ("entities", ANZUS), ("entities", BRICS), ("entities", AMPO), ("facts", fact)])
    yield s
    s.close()


def test_a_short_name_is_the_display_name() -> None:
    assert display_name(ANZUS) == "ANZUS"


def test_a_long_name_gives_way_to_its_shortest_capitalised_alias() -> None:
    assert display_name(QUAD) == "Quad"  # not "the Quad": an alias in lower case reads as prose
    assert shorter_name("Quadrilateral Security Dialogue", ["QSD", "Quad"]) == "QSD"


def test_a_title_many_pairs_share_does_not_stand_in_for_the_name_that_says_whose() -> None:
    name = "Australia–Japan Joint Declaration on Security Cooperation"
    assert shorter_name(name, ["Joint Declaration on Security Cooperation"]) == name
    assert shorter_name(name, ["Joint Declaration on Security Cooperation", "JDSC"]) == "JDSC"


def test_a_short_enough_name_is_kept_whatever_the_aliases() -> None:
    assert shorter_name("South Korea", ["ROK", "Korea"]) == "South Korea"
    assert shorter_name("A very long name of a group of states", ["x", "ab"]) == "A very long name of a group of states"


def test_entity_label_is_the_display_name() -> None:
    assert [e.label for e in (QUAD, ANZUS, BRICS)] == [display_name(e) for e in (QUAD, ANZUS, BRICS)]


def test_the_screen_row_the_import_report_and_the_export_say_the_same_name(store: FactStore) -> None:
    screen = name_of(store, QUAD.id)
    report = ImportPlan(store, "article.txt").entity_name(QUAD.id)
    export = Selection(store).name(QUAD.id)
    assert screen == report == export == "Quad"


def test_the_alliances_list_is_sorted_by_the_names_it_shows(store: FactStore) -> None:
    shown = [ListEntry(e.id, e).label() for e, _ in store.alliances()]
    assert shown == sorted(shown, key=str.casefold)
    assert shown == ["AMPO", "ANZUS", "BRICS", "NATO", "Quad"]


def test_an_unknown_id_is_named_by_itself(store: FactStore) -> None:
    assert name_or_id(store.entities, "alliance:gone") == "alliance:gone"
