"""Where the user is in the graph of relations, and the trail that led there."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

PaneName = Literal["countries", "alliances", "excerpts"]
PANES: tuple[PaneName, ...] = ("countries", "alliances", "excerpts")


@dataclass(frozen=True)
class Place:
    """What the three panes show.

    ``members_of``: the countries pane lists that alliance's members (None: all
    countries). ``all_alliances``: the alliances pane lists every alliance
    rather than the country's.
    """

    members_of: str | None = None
    country: str | None = None
    all_alliances: bool = False
    alliance: str | None = None
    focus: PaneName = "countries"
    narrow: bool = False  # the user came through the alliances pane
    review: bool = False  # the excerpts pane lists the facts and evidence links imports proposed
    review_by: Literal["fact", "article"] = "fact"  # how the review view groups proposed links
    row: str | None = None  # the excerpts row the cursor was on when the user left: back returns to it

    def with_(self, **changes: object) -> Place:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def narrowed(self) -> bool:
        """The excerpts pane shows country × alliance facts, not all the country's.

        Only when the user came through the alliances pane: jumping straight
        from a country to its excerpts (``3``) shows all of its facts,
        country-to-country ones included.
        """
        return self.narrow and self.focus != "countries" and self.alliance is not None

    @property
    def looks(self) -> tuple[object, ...]:
        """What the panes show here, the focus and the cursor's row aside: two places that look
        the same are one step to a user, who would see back do nothing but move the focus."""
        return (self.members_of, self.country, self.all_alliances, self.alliance, self.narrowed, self.review, self.review_by)


class Trail:
    """The places left by following relations; ``back`` walks it in reverse."""

    def __init__(self, start: Place) -> None:
        self.current = start
        self._past: list[Place] = []

    def go(self, place: Place) -> None:
        self._past.append(self.current)
        self.current = place

    def back(self) -> Place | None:
        if not self._past:
            return None
        self.current = self._past.pop()
        return self.current

    def back_to(self, depth: int) -> Place | None:
        """Back to the place ``depth`` steps from the start (0: where the trail began)."""
        if not 0 <= depth < len(self._past):
            return None
        self.current = self._past[depth]
        del self._past[depth:]
        return self.current

    def update(self, place: Place) -> None:
        """Move within the current place (cursor, focus) without leaving a step."""
        self.current = place

    @property
    def depth(self) -> int:
        return len(self._past)

    @property
    def places(self) -> list[Place]:
        return [*self._past, self.current]
