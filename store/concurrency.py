"""How the writer thread and the readers share a FactStore: one rule, one lock.

The app writes on a writer thread (tui/writing.py) while the event loop
queries. The rule:

    **Memory changes only under the store's state lock, and every query
    holds that lock for its whole run.**

"Memory" is what queries read: the tables (``store.facts`` …), the indices,
the undo window, the query cache and the version. So a query sees the store
as it was before a group of changes or as it is after it, never between, and
whatever it returns stays true of that state.

What keeps the lock short, so the event loop never waits on the disk:

- The writer holds it only to apply a group already made durable. Building
  the changes, validating their models, the fsynced journal append, the
  TinyDB documents and every checkpoint, compaction and backup happen outside
  it (under the separate write lock, which serialises writers and which no
  query takes). Applying edits the tables in place (O(1) a record, whatever
  their size) and replaces the index entries a group moves.
- A query only reads memory; its answer is cached until the next group that
  changes facts, entities or links.

What readers do to memory: a table builds a record's model the first time it
is read and keeps it in place of the stored document (store/records.py); it
does so under the same lock, so a record being deleted is never put back.

Reads outside queries (``store.facts.get(id)`` from the UI) are single-record
reads: a record is always replaced whole, so each is one consistent record,
but two such reads may straddle a write. Iterating a table directly
(``store.facts.values()``) takes its keys in one step first and skips those
deleted since. Anything that needs several records to agree is a query here.

Which methods are queries: those wrapped by :func:`reads` (a test lists them:
every public method of FactStore is a query, a write, or named as neither).
tests/test_concurrency.py pauses the writer at each :data:`STEPS` and checks
what queries see there.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Concatenate, Literal, ParamSpec, Protocol, TypeVar

# The steps of a write at which a test may pause the writer (FactStore.on_write_step):
#   "journaling": changes built, nothing written;   "journaled": durable, memory unchanged;
#   "applying":   tables changed, indices not yet, the state lock held;   "applied": lock released.
Step = Literal["journaling", "journaled", "applying", "applied"]
STEPS: tuple[Step, ...] = ("journaling", "journaled", "applying", "applied")


class HasStateLock(Protocol):
    state_lock: threading.RLock


S = TypeVar("S", bound=HasStateLock)
P = ParamSpec("P")
T = TypeVar("T")


def reads(method: Callable[Concatenate[S, P], T]) -> Callable[Concatenate[S, P], T]:
    """A query: runs holding the state lock, so it sees one state of the store throughout."""

    @functools.wraps(method)
    def query(self: S, /, *args: P.args, **kwargs: P.kwargs) -> T:
        with self.state_lock:
            return method(self, *args, **kwargs)

    query.reads = True  # type: ignore[attr-defined]  # what the test of the rule looks for
    return query


def is_query(method: object) -> bool:
    """Whether a method (or a property's getter) was wrapped by :func:`reads`."""
    getter = method.fget if isinstance(method, property) else method
    return bool(getattr(getter, "reads", False))
