"""The fact store: every query over the in-memory tables, and the one path every write takes.

- ``writes``   FactStore: opening a store folder, the writes, undo and redo, checkpoints
- ``queries``  what the store holds in memory and every question asked of it
- ``indices``  the in-memory indices, built at open and kept in step by each write
- ``history``  the undo window: the undo and redo stacks and the journal lines behind them
- ``opening``  tables from the snapshots, the journal replayed, the undo depth
- ``validation`` validation errors in words

Evidence links and entity review are FactStore's too (store/evidence_links.py,
store/entity_review.py). How writes and reads on different threads share the
store: store/concurrency.py, the one rule.
"""

from store.models import utcnow
from store.repository.opening import UNDO_DEPTH, UNDO_DEPTH_ENV, undo_depth_from_env
from store.repository.queries import Evidence, Link
from store.repository.validation import describe_validation_error
from store.repository.writes import FactStore

__all__ = [
    "UNDO_DEPTH", "UNDO_DEPTH_ENV", "Evidence", "FactStore", "Link", "describe_validation_error",
    "undo_depth_from_env", "utcnow",
]
