"""A record found damaged mid-session: reported in one sentence, the session goes on read-only.

A sealed snapshot's records become models when first read (store/records.py),
so a file changed behind its seal fails there, in the middle of a key press,
not at open. The handlers that read the store are wrapped in
:func:`reports_damage`: the error becomes a notification naming the file and
the record, and from then on every write is refused with that sentence
(``StoreWriter.run``), instead of a traceback that ends the session.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol, TypeVar

from store.errors import StoreCorrupt

F = TypeVar("F", bound=Callable[..., Any])


class ReportsDamage(Protocol):
    def report_damage(self, exc: StoreCorrupt) -> None: ...


def reports_damage(method: F) -> F:
    """``method`` (sync or async), with a damaged record reported by ``self.report_damage`` instead of raised."""
    if inspect.iscoroutinefunction(method):

        @wraps(method)
        async def run_async(self: ReportsDamage, *args: Any, **kwargs: Any) -> Any:
            try:
                return await method(self, *args, **kwargs)
            except StoreCorrupt as exc:
                self.report_damage(exc)
                return None

        return run_async  # type: ignore[return-value]

    @wraps(method)
    def run(self: ReportsDamage, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except StoreCorrupt as exc:
            self.report_damage(exc)
            return None

    return run  # type: ignore[return-value]
