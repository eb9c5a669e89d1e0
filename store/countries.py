"""Country names and codes: pycountry's ISO 3166 data, named the way people write.

pycountry's ``name`` is the ISO short name ("Korea, Republic of"); its
``common_name`` covers some countries ("South Korea") but not all the ones
articles use ("Russian Federation", "United States", "Türkiye" …). The table
below fills that gap; everything else comes from pycountry.
"""

from __future__ import annotations

from functools import lru_cache
from types import ModuleType

from store.models import Entity, EntityKind

# The name readers expect, where pycountry's name or common_name is not it.
COMMON_NAMES: dict[str, str] = {
    "USA": "United States",
    "GBR": "United Kingdom",
    "RUS": "Russia",
    "TUR": "Türkiye",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "IRN": "Iran",
    "SYR": "Syria",
    "VNM": "Vietnam",
    "LAO": "Laos",
    "BOL": "Bolivia",
    "VEN": "Venezuela",
    "TZA": "Tanzania",
    "MDA": "Moldova",
    "TWN": "Taiwan",
    "COD": "DR Congo",
    "COG": "Republic of the Congo",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "VAT": "Vatican City",
    "BRN": "Brunei",
    "CZE": "Czechia",
    "MKD": "North Macedonia",
    "CPV": "Cabo Verde",
    "SWZ": "Eswatini",
    "CIV": "Côte d'Ivoire",
    "FLK": "Falkland Islands",
    "VGB": "British Virgin Islands",
    "VIR": "US Virgin Islands",
}

# Names in wide use besides the common one; the gazetteer adds demonyms and capitals.
EXTRA_ALIASES: dict[str, list[str]] = {
    "USA": ["United States of America", "the US", "the U.S.", "the USA", "America"],
    "GBR": ["Great Britain", "Britain", "the UK", "the U.K."],
    "KOR": ["Republic of Korea", "ROK"],
    "PRK": ["Democratic People's Republic of Korea", "DPRK"],
    "RUS": ["Russian Federation"],
    "TUR": ["Turkey", "Turkiye"],
    "CHN": ["People's Republic of China", "PRC"],
    "CZE": ["Czech Republic"],
    "NLD": ["Holland"],
}


def _pycountry() -> ModuleType:
    import pycountry  # deferred: pycountry loads its JSON data on first use

    return pycountry


@lru_cache(maxsize=None)
def country_name(iso3: str) -> str:
    iso3 = iso3.upper()
    if iso3 in COMMON_NAMES:
        return COMMON_NAMES[iso3]
    record = _pycountry().countries.get(alpha_3=iso3)
    if record is None:
        from store.datasets.cow import historical_by_iso3

        state = historical_by_iso3().get(iso3)
        if state is None:
            raise KeyError(f"{iso3!r} is not an ISO 3166-1 alpha-3 country code")
        return state.name
    name: str = getattr(record, "common_name", None) or record.name
    return name


def country_entity(iso3: str) -> Entity:
    """The Entity of a country, from its ISO 3166-1 alpha-3 code.

    A historical state (an ISO 3166-3 code such as DDR, or a code of our own from ISO's
    user-assigned range, such as XBV for Bavaria) comes from the COW table (store/datasets/cow.py):
    named as the table names it, with the years it existed.
    """
    iso3 = iso3.upper()
    record = _pycountry().countries.get(alpha_3=iso3)
    if record is None:
        from store.datasets.cow import historical_by_iso3, historical_entity

        state = historical_by_iso3().get(iso3)
        if state is None:
            raise KeyError(f"{iso3!r} is not an ISO 3166-1 alpha-3 country code")
        return historical_entity(state)
    name = country_name(iso3)
    aliases: list[str] = []
    for alias in (
        record.name,
        getattr(record, "common_name", None),
        getattr(record, "official_name", None),
        *EXTRA_ALIASES.get(iso3, []),
    ):
        if alias and alias != name and alias not in aliases:
            aliases.append(alias)
    return Entity(
        id=f"country:{iso3}",
        kind=EntityKind.COUNTRY,
        name=name,
        aliases=aliases,
        codes={"iso3": iso3, "iso2": record.alpha_2, "numeric": record.numeric},
    )


def all_country_codes() -> list[str]:
    return sorted(c.alpha_3 for c in _pycountry().countries)
