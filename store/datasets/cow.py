"""Correlates of War state codes → ISO 3166, from our own table store/data/world/cow-iso.tsv.

The table (its header and store/data/world/README.md say how it was made) maps each of the 217
codes of the COW State System Membership list to an ISO 3166-1 alpha-3 code, an ISO 3166-3 code of
a withdrawn state (DDR, CSK, YMD), or a code of our own from ISO's user-assigned range X.. for a
state ISO never coded (Bavaria XBV, Austria-Hungary XAH …). Only state identifiers are used; no
COW alliance data is read anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from store.models import DateKind, Entity, EntityKind, FuzzyDate


@dataclass(frozen=True)
class CowState:
    ccode: str
    abbreviation: str
    name: str
    iso3: str
    iso_kind: str  # "iso3166-1", "iso3166-3" or "own"
    start: str  # first year in the state system
    end: str  # last year, "" while it lasts

    @property
    def historical(self) -> bool:
        """A state ISO 3166-1 does not list today: a country of its own, with its years."""
        return self.iso_kind != "iso3166-1"


@lru_cache(maxsize=1)
def cow_states() -> dict[str, CowState]:
    """Every state of the table by its COW code (as text, without leading zeros)."""
    from store.datasets.starter import data_dir
    from store.datasets.world import read_tsv

    return {
        row["ccode"]: CowState(row["ccode"], row["cow_abb"], row["cow_name"], row["iso3"], row["iso_kind"],
                               row["start"], row["end"])
        for row in read_tsv(data_dir() / "world" / "cow-iso.tsv")
    }


@lru_cache(maxsize=1)
def historical_by_iso3() -> dict[str, CowState]:
    """The states of the table that ISO 3166-1 lacks, by the code the store gives them."""
    return {s.iso3: s for s in cow_states().values() if s.historical}


def historical_entity(state: CowState) -> Entity:
    """A state ISO 3166-1 does not list (a withdrawn ISO 3166-3 code, or ours): named from the table, with its years."""
    dates = {DateKind.ESTABLISHED: FuzzyDate(state.start)}
    if state.end:
        dates[DateKind.ENDED] = FuzzyDate(state.end)
    aliases = [state.abbreviation] if state.abbreviation and state.abbreviation != state.iso3 else []
    return Entity(
        id=f"country:{state.iso3}",
        kind=EntityKind.COUNTRY,
        name=state.name,
        aliases=aliases,
        codes={"cow": state.ccode, "iso3": state.iso3},
        dates=dates,
    )
