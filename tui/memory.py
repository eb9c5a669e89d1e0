"""How the explorer keeps Python's garbage collector out of the way of key presses.

Only for a process the app has to itself (the CLI): tests and other hosts keep
the interpreter's defaults.
"""

from __future__ import annotations

import gc

# gc.set_threshold: (allocations before a young collection, young collections
# before a middle one, middle collections before a full one).
THRESHOLDS = (2000, 10, 100)
# Collect a generation after a frame once its count is this far along: the
# collection then runs while the user reads, not inside the next key.
MIDDLE_DUE = 5
FULL_DUE = 90


def after_open() -> None:
    """Right after the store is read: its records live as long as the app.

    Frozen, they are out of the collector's way before the first frame: a
    full collection over 100,000 records cost 0.3 s of the launch. (The
    store only pauses the collector while it reads; what the process does
    with the records afterwards is the app's policy, not the store's.)
    """
    gc.freeze()


def settle() -> None:
    """After the first frame: what it made lives as long as the app.

    Frozen, those objects are out of the collector's way (as the store's
    records are at open): each full collection scans only what browsing made,
    and younger generations are collected less often. Pauses of 30-70 ms,
    every few dozen keys at 100k facts, were the slowest key presses.
    """
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


def tidy() -> None:
    """After the frame that answers a key: collect what is nearly due.

    A middle-generation collection costs 7-12 ms (it walks every live strip
    the screen caches); left to the allocator it falls inside a key press
    every few keys and was the slow tail of key latency. Collected here, the
    next key rarely needs one.
    """
    _, middle, old = gc.get_count()
    if old >= FULL_DUE:
        gc.collect()
    elif middle >= MIDDLE_DUE:
        gc.collect(1)
