"""tui.memory.tidy: which collection it makes after a key's frame, given the collector's counts."""

from __future__ import annotations

import gc

import pytest

from tui import memory


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((1500, 0, 0), []),  # nothing due: a young collection is the allocator's, and cheap
        ((10, memory.MIDDLE_DUE - 1, 50), []),
        ((10, memory.MIDDLE_DUE, 50), [1]),  # the middle generation is nearly due: now, not in the next key
        ((10, 9, memory.FULL_DUE), [2]),  # a full one is nearly due: that, which includes the middle one
        ((10, 0, memory.FULL_DUE + 5), [2]),
    ],
)
def test_tidy_collects_the_generation_that_is_nearly_due(monkeypatch: pytest.MonkeyPatch, counts: tuple[int, int, int],
                                                       expected: list[int]) -> None:
    made: list[int] = []
    monkeypatch.setattr(gc, "get_count", lambda: counts)
    monkeypatch.setattr(gc, "collect", lambda generation=2: made.append(generation) or 0)
    memory.tidy()
    assert made == expected


def test_the_thresholds_leave_tidy_room_to_act() -> None:
    """tidy must act before the allocator would: below the middle and full thresholds."""
    young, middle, full = memory.THRESHOLDS
    assert 0 < memory.MIDDLE_DUE < middle and 0 < memory.FULL_DUE < full
