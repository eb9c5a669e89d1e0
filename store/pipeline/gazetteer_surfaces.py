"""The gazetteer's surface forms: every spelling a name is matched under, and what each one is.

A surface form is a string the automaton of ``store.pipeline.gazetteer`` finds: a country's
names, demonyms and capitals (pycountry via ``store.countries`` and ``data/country-names.tsv``), an
alliance's names and their variants ("Aukus Pact", "Nato", "ROK-US alliance"), and blockers that
name nothing. Each carries its layer (blocker, country, alliance) and flags that say which context
rule of ``store.pipeline.gazetteer_context`` it needs. Kept apart from the matcher: this is what
the gazetteer knows of names, the matcher only how to find them in a text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations
from pathlib import Path

from store.countries import all_country_codes, country_entity
from store.models import Entity

COUNTRY_NAMES_TSV = Path(__file__).parents[1] / "data" / "country-names.tsv"

# Flags on a surface form, checked after overlaps are resolved.
PERSONISH = 1  # also a person's name: "Michael Jordan", "Chad Smith", "Denzel Washington"
US_STATE = 2  # also a US state: "Atlanta, Georgia", "Georgia Senate"
BARE_KOREA = 4  # South Korea only when North Korea is not in the text
LANGUAGE = 8  # also a language: "speaks French", "Spanish-speaking"
COMMON_WORD = 16  # an alliance alias that is also an ordinary word: "Quad"
DESCRIPTIVE = 32  # an all-lowercase alias ("trilateral partnership"), a description more than a name
PREFIX = 64  # a combining form written before a hyphen: "Sino-" in "Sino-US"
# A kind of agreement many pairs have ("Visiting Forces Agreement", "VFA", "EDCA"): one pair's only beside that pair.
GENERIC = 128
CAPITAL = 256  # a capital or a seat of government ("Tokyo", "the White House"): the country only as its government
_KIND_WORDS = frozenset("""visiting forces status of agreement agreements on enhanced defense defence cooperation
    co-operation reciprocal access mutual logistics support supporting arrangement acquisition and cross-servicing
    general security military information""".split())
_GENERIC_INITIALS = frozenset("VFA SOFA SOVFA RAA EDCA DCA ACSA MLSA GSOMIA".split())

BLOCK, COUNTRY, ALLIANCE = 0, 1, 2

_PERSONISH = frozenset(
    "Jordan Chad Washington Georgia Israel Paris Holland Berlin London Sofia Wellington "
    "Cuba Jamaica Kenya Ireland Jersey Guernsey Wales Lima Santiago".split()
)
_US_STATES = frozenset({"Georgia", "Washington"})
_BARE_KOREA = frozenset({"Korea", "Korean", "Koreans", "KOREA", "KOREAN", "KOREANS"})
LANGUAGES = frozenset(
    "French Spanish Portuguese German Italian Russian Chinese Japanese Korean Dutch Greek "
    "Turkish Polish Ukrainian Vietnamese Thai Indonesian Swedish Danish Norwegian Finnish "
    "Czech Hungarian Romanian Bulgarian Serbian Croatian Icelandic Somali Lao Burmese "
    "Nepali Filipino Malagasy Albanian Armenian Georgian Mongolian Irish".split()
)

# Typographic variants mapped one character to one, so offsets into the copy are offsets into
# the caller's text.
NORMALIZE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-", "\u2012": "-",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
})
_US_TOKEN = re.compile(r"(?<![\w.])(US|U\.S\.)(?![\w])")


@dataclass(frozen=True, slots=True)
class Surface:
    length: int
    entity_id: str | None  # None: a blocker that names no entity
    layer: int
    flags: int


def _fold(name: str) -> str:
    """Côte d'Ivoire → Cote d'Ivoire: articles often drop the diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _plural(noun: str) -> str | None:
    if noun.endswith(("s", "sh", "ch", "x", "z", "ese")):
        return None
    return noun + "s"


def strip_article(name: str) -> str:
    # "the US" and "the Quad": the article is not part of the name, and keeping it out makes
    # every span start at the name itself.
    return name[4:] if name.lower().startswith("the ") and len(name) > 4 else name


def flags_of(base: str, layer: int) -> int:
    """The flags of a name (article stripped, normalized): which context rules it needs."""
    flags = PREFIX * base.endswith("-")
    if layer == COUNTRY:
        flags |= PERSONISH * (base in _PERSONISH) | US_STATE * (base in _US_STATES)
        flags |= BARE_KOREA * (base in _BARE_KOREA) | LANGUAGE * (base in LANGUAGES)
    elif layer == ALLIANCE:
        if " " not in base and base.isalpha() and not base.isupper():
            flags |= COMMON_WORD
        if not any(c.isupper() for c in base):
            flags |= DESCRIPTIVE
        if base in _GENERIC_INITIALS or all(w in _KIND_WORDS for w in base.lower().split()):
            flags |= GENERIC
    return flags


def variants(name: str, layer: int, descriptive: bool = False) -> set[str]:
    name = strip_article(name.translate(NORMALIZE).strip())
    out = {name, _fold(name)}
    if layer != COUNTRY:
        words = name.split(" ")
        out.add(name[:1].upper() + name[1:])
        if len(words) > 1 and not descriptive:
            last = words[-1]
            flipped = last[:1].lower() if last[:1].isupper() else last[:1].upper()
            out.add(" ".join([*words[:-1], flipped + last[1:]]))  # Aukus pact / Aukus Pact
        if layer == BLOCK and len(words) > 1:
            out.add(" ".join([words[0], *(w.lower() for w in words[1:])]))  # Korean peninsula
    if layer == ALLIANCE:
        for v in list(out):
            # NATO → Nato (British usage), US ↔ U.S., Organization ↔ Organisation, Cooperation → Co-operation,
            # Defense ↔ Defence: "the Shanghai Co-operation Organisation", "the Ukraine Defence Contact Group".
            out.add(" ".join(w.capitalize() if len(w) >= 4 and w.isalpha() and w.isupper() else w
                             for w in v.split(" ")))
            out.add(_US_TOKEN.sub(lambda m: "U.S." if m.group(1) == "US" else "US", v))
            british = v.replace("Organization", "Organisation").replace("Cooperation", "Co-operation")
            out.update({v.replace("Organization", "Organisation"), british, british.replace("Defense", "Defence"),
                        v.replace("Defence", "Defense")})
    if not descriptive and sum(c.isalpha() for c in name) >= 4:
        out.update({v.upper() for v in out})  # datelines and headlines: "SEOUL, South Korea (AP)"
    return {v for v in out if v}


@lru_cache(maxsize=1)
def country_table() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]:
    """Per country: (entity id, names, capitals, removed names), then ("", blockers, (), ()).

    Demonyms count as names. Cached: the data never changes while the program runs.
    """
    extra: dict[str, tuple[list[str], list[str], list[str]]] = {}
    blocked: list[str] = []
    for line in COUNTRY_NAMES_TSV.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("iso3\t"):
            continue
        iso3, demonyms, capitals, names = (line.split("\t") + ["", "", ""])[:4]
        if iso3 == "-":
            blocked.extend(_split(names))
            continue
        dem, cap, nam = extra.setdefault(iso3, ([], [], []))
        dem.extend(_split(demonyms))
        cap.extend(_split(capitals))
        nam.extend(_split(names))
    rows = []
    for iso3 in all_country_codes():
        entity = country_entity(iso3)
        dem, cap, nam = extra.pop(iso3, ([], [], []))
        plurals = [p for d in dem if (p := _plural(d))]
        every_name = [entity.name, *entity.aliases, *dem, *plurals, *(n for n in nam if n[0] != "!")]
        removed = tuple(n[1:] for n in nam if n[0] == "!")
        rows.append((entity.id, tuple(every_name), tuple(cap), removed))
    if extra:
        raise ValueError(f"{COUNTRY_NAMES_TSV.name}: unknown ISO codes {sorted(extra)}")
    rows.append(("", tuple(blocked), (), ()))
    return tuple(rows)


def orders(name: str, table: dict[str, Surface]) -> list[str]:
    """"US-ROK alliance" is also written "ROK-US alliance": every order of the countries."""
    words = name.translate(NORMALIZE).split(" ")
    i = len(words)
    while i > 1 and words[i - 1].islower():
        i -= 1
    parts = " ".join(words[:i]).split("-")
    if not 2 <= len(parts) <= 3 or i == len(words):
        return [name]
    if not all(p in table and table[p].layer == COUNTRY for p in parts):
        return [name]
    tail = " ".join(words[i:])
    return [name, *("-".join(order) + " " + tail for order in permutations(parts))]


def entity_names(entity: Entity) -> tuple[str, ...]:
    """An entity's name, its short name (what lists show: "CSTO", "Manila Pact") and its aliases."""
    return tuple(dict.fromkeys(n for n in (entity.name, entity.short_name, *entity.aliases) if n))


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]
