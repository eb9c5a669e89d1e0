"""Where a record is shown, and what a place along the trail is called: the explorer's lookups.

Kept out of tui/explorer.py, which moves between places: these only read the store (through its
public queries) to answer "which place shows this fact?", "which fact does this passage support?"
and "what do the breadcrumb and the 'Back to' list call this place?". No Textual here either.
"""

from __future__ import annotations

from collections.abc import Sequence

from store.models import is_live
from store.records import stored_field, stored_rows
from store.repository import FactStore
from tui.rows import name_of
from tui.state import Place

CRUMBS_SHOWN = 6  # the header's room; the "Back to" list (b) has every place


def fact_citing(store: FactStore, excerpt_id: str) -> str | None:
    """A fact the passage is evidence for: an accepted link's, else a reviewed fact citing it (the
    newest), else any fact citing it, else a proposed link's; None if there is none."""
    links = [link for link in store.links_of_excerpt(excerpt_id) if link.fact_id in store.facts]
    accepted = [link.fact_id for link in links if link.status.value == "accepted"]
    if accepted:
        return accepted[0]
    # The facts as stored: a scan that built 100,000 models to read their evidence took seconds.
    citing = [store.fact(fid) for fid, f in stored_rows(store.facts) if excerpt_id in (stored_field(f, "evidence") or ())]
    citing = [f for f in citing if is_live(f)]
    if citing:
        return max(citing, key=lambda f: (f.status.value != "unreviewed", f.updated)).id
    proposed = [link.fact_id for link in links if link.status.value == "proposed"]
    return proposed[0] if proposed else None


def place_of_fact(store: FactStore, fact_id: str, row: str) -> Place:
    """The place that shows the fact (between its country and its other end), the cursor on ``row``."""
    fact = store.fact(fact_id)
    country = next((e for e in (fact.subject, fact.object) if e.startswith("country:")), None)
    other = fact.other(country) if country else fact.object
    if country is None:
        return Place(all_alliances=True, alliance=fact.subject, focus="excerpts", row=row)
    if other.startswith("country:"):
        return Place(country=country, focus="excerpts", row=row)
    return Place(country=country, alliance=other, narrow=True, focus="excerpts", row=row)


def breadcrumb(store: FactStore, places: Sequence[Place]) -> tuple[str, ...]:
    """The names along the trail, each once in a row: 'South Korea › NATO › United States'."""
    crumbs: list[str] = []
    for p in places:
        # With every alliance listed and the focus past the countries, the country shows nothing.
        country = None if p.all_alliances and p.focus != "countries" else p.country
        for part in (country, p.alliance if p.narrowed else None):
            if part and (not crumbs or crumbs[-1] != name_of(store, part)):
                crumbs.append(name_of(store, part))
    # The first places drop off a long trail: "…" says so, and the "Back to" list (b) reaches them.
    return tuple(crumbs) if len(crumbs) <= CRUMBS_SHOWN else ("…", *crumbs[-(CRUMBS_SHOWN - 1):])


def describe(store: FactStore, place: Place) -> str:
    """What a place showed, for the "Back to" list: "members of NATO › Japan", "all alliances › AUKUS"."""
    if place.review:
        return "To review"
    names = [f"members of {name_of(store, place.members_of)}"] if place.members_of else []
    if place.all_alliances and place.focus != "countries":
        names.append("all alliances")
    elif place.country:
        names.append(name_of(store, place.country))
    if place.alliance and (place.narrowed or place.all_alliances):
        names.append(name_of(store, place.alliance))
    return " › ".join(names) or "the start"
