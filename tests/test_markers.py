"""The unit/functional marks tests/conftest.py gives at collection: ``pytest -m unit`` must leave out
every test that runs the app or another process, and keep the store's and the model's own tests."""

from __future__ import annotations

import pytest

import conftest
import test_db
import test_models
import test_snapshots
import test_tui_keys


def test_this_test_is_marked_unit_and_only_unit(request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker("unit") is not None
    assert request.node.get_closest_marker("functional") is None


def test_a_store_test_is_unit() -> None:
    function = test_models.test_dates_are_stored_as_their_iso_text
    assert not conftest.is_functional("test_models.py", function, [], test_models)


def test_an_app_test_is_functional() -> None:
    function = test_tui_keys.test_the_footer_follows_the_row_kind_in_the_frame_of_the_key
    assert conftest.is_functional("test_tui_keys.py", function, ["starter_store"], test_tui_keys)


def test_a_test_starting_a_process_through_its_modules_helper_is_functional() -> None:
    function = test_db.test_another_process_holding_the_lock_makes_us_read_only
    assert conftest.is_functional("test_db.py", function, ["tiny_store"], test_db)
    assert not conftest.is_functional("test_db.py", function, ["tiny_store"], None)  # the helper is what tells


def test_a_snapshot_file_is_functional_whatever_its_tests_look_like() -> None:
    assert "test_snapshots.py" in conftest.FUNCTIONAL_FILES
    plain = test_models.test_dates_are_stored_as_their_iso_text
    assert conftest.is_functional("test_snapshots.py", plain, [], test_snapshots)
