"""Mention detection: which countries and alliances an English news text names, and where.

One Aho-Corasick automaton (pyahocorasick) holds every surface form: pycountry's names via
``store.countries``, the demonyms, capitals and extra names of ``data/country-names.tsv``, and
the aliases of the alliance entities passed in. A scan yields every candidate in one pass;
candidates that do not sit on word boundaries are dropped, overlaps are resolved longest-first,
and a few cheap context rules remove look-alikes (people, US states, ships, currencies …).

Policy decisions (tests/data/gazetteer/ is labelled the same way):
- Matching is case-sensitive: "Chad", "Turkey", "Quad" are names, "chad", "turkey", "quad" are not.
- A capital names its country wherever it stands, also as a venue: "the Washington summit",
  "in Vilnius" count as USA and Lithuania. Brussels is left out: it stands for the EU or NATO.
- Seas, straits, continents and regions named after a country are not mentions of it
  (South China Sea, Taiwan Strait, Korean Peninsula, Latin America); neither are currencies
  ("US$", "Australian dollar"), newspapers, ships, ship classes or languages ("in French.").
- Mentions of different kinds may nest: "the US-Japan alliance" yields the alliance and, inside
  it, the US and Japan; within a kind the longest match wins and spans never overlap.
- Bare "Korea"/"Korean" is South Korea unless the same text names North Korea; then it is
  ambiguous and dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations
from pathlib import Path

import ahocorasick

from store.countries import all_country_codes, country_entity
from store.models import Entity, EntityKind, Mention

COUNTRY_NAMES_TSV = Path(__file__).parents[1] / "data" / "country-names.tsv"

# Flags on a surface form, checked after overlaps are resolved.
PERSONISH = 1  # also a person's name: "Michael Jordan", "Chad Smith", "Denzel Washington"
US_STATE = 2  # also a US state: "Atlanta, Georgia", "Georgia Senate"
BARE_KOREA = 4  # South Korea only when North Korea is not in the text
LANGUAGE = 8  # also a language: "speaks French", "Spanish-speaking"
COMMON_WORD = 16  # an alliance alias that is also an ordinary word: "Quad"
DESCRIPTIVE = 32  # an all-lowercase alias ("trilateral partnership"), a description more than a name
PREFIX = 64  # a combining form written before a hyphen: "Sino-" in "Sino-US"

BLOCK, COUNTRY, ALLIANCE = 0, 1, 2

_PERSONISH = frozenset(
    "Jordan Chad Washington Georgia Israel Paris Holland Berlin London Sofia Wellington "
    "Cuba Jamaica Kenya Ireland Jersey Guernsey Wales Lima Santiago".split()
)
_US_STATES = frozenset({"Georgia", "Washington"})
_BARE_KOREA = frozenset({"Korea", "Korean", "Koreans", "KOREA", "KOREAN", "KOREANS"})
_LANGUAGES = frozenset(
    "French Spanish Portuguese German Italian Russian Chinese Japanese Korean Dutch Greek "
    "Turkish Polish Ukrainian Vietnamese Thai Indonesian Swedish Danish Norwegian Finnish "
    "Czech Hungarian Romanian Bulgarian Serbian Croatian Icelandic Somali Lao Burmese "
    "Nepali Filipino Malagasy Albanian Armenian Georgian Mongolian Irish".split()
)
_CALENDAR = """January February March April May June July August September October November
    December Monday Tuesday Wednesday Thursday Friday Saturday Sunday"""
# Capitalised words that may stand right before a country name without making it a surname:
# sentence openers, prepositions, compass points, months and days.
_STOP_BEFORE = frozenset(_CALENDAR.lower().split()) | frozenset(
    """the a an in on at for from to with by and but or nor as if when while since after before
    then now meanwhile however yet so both either neither why how what that this these those also
    today yesterday tomorrow last next even only under over between among against like unlike
    without despite although though because until once where whether did does do has have had
    will would can could should may might must is was are were of not here there said says told
    toward towards into onto upon via about around across beyond within during through all many
    most some every each neighbouring neighboring official officially central north south east
    west northern southern eastern western northeastern northwestern southeastern southwestern
    greater modern ancient rural coastal mainland pro anti post pre non visit visiting""".split()
)
# Capitalised words that may follow a person-like name and still leave it a place.
_OK_AFTER = frozenset(_CALENDAR.split()) | frozenset(
    """Summit Treaty Declaration Agreement Agreements Accord Accords Conference Forum Process
    Dialogue Charter Communique Communiqué Consensus Peace Climate Naval Defense Defence Police
    Army Navy Air Armed Government Ministry Parliament Cabinet Embassy Ambassador Coast President
    Prime Minister Foreign King Queen Crown""".split()
)
_STATE_AFTER = frozenset(
    """State state Senate senator Senator Governor governor Legislature legislature Tech
    Republican Republicans Democrat Democrats Democratic voters primary runoff Bulldogs Huskies
    County county University Nationals Commanders Wizards Capitals Mystics Redskins""".split()
)
_STATE_HINTS = ("Atlanta", "Savannah", "Peach State")
# "Sen. Jon Ossoff of Georgia", "a Republican congressman from Georgia" (not for Washington:
# "Republicans in Washington" are the US government).
_US_POLITICS = frozenset(
    """Sen. Senator senator Rep. Representative Gov. Governor governor Republican Democrat GOP
    congressman congresswoman Congressman Congresswoman""".split()
)
# "Paris, Texas", "Moscow, Idaho", "London, Ontario": a town named after a capital or country.
_TOWN_STATE = re.compile(
    r", (?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
    r"Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    r"Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    r"New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    r"Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    r"Vermont|Virginia|West Virginia|Wisconsin|Wyoming|Ontario|Quebec|Alberta|Manitoba|"
    r"Saskatchewan|Nova Scotia|New Brunswick)\b"
)
_CURRENCIES = frozenset(
    """dollar dollars yen yuan renminbi rupee rupees rouble roubles ruble rubles peso pesos franc
    francs lira riyal riyals dinar dinars dirham dirhams baht ringgit rupiah krona kronor krone
    kroner zloty forint rand shekel shekels hryvnia sterling""".split()
)
_SHIP_PREFIXES = frozenset(
    "USS USNS HMS HMAS HMCS HMNZS INS JS ROKS RSS BRP KRI RFS FS TCG HNLMS HDMS KD ARA BNS ESPS ITS".split()
)
_SHIP_CLASS = re.compile(r"[ -][Cc]lass\b")
_LANGUAGE_BEFORE = frozenset(
    "speak speaks spoke spoken speaking learn learning learned fluent translated translate".split()
)
_LANGUAGE_AFTER = ("-speaking", "-language", " language", " speaker", "-speaker", " translation")
_COMMON_AFTER = frozenset(
    "bike bikes biking bikers muscle muscles core city cities City Cities copter copters skate "
    "skates stretch squat squats tendon racing".split()
)
_DEFINITE = frozenset("the The this This that its their our".split())
_TITLES = frozenset("Mr Mrs Ms Dr Gen Sen Rep Gov Lt Col Capt Sgt Prof Rev Adm".split())
_WORDS = re.compile(r"[\w'.-]+")

# Typographic variants mapped one character to one, so offsets into the copy are offsets into
# the caller's text.
_NORMALIZE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-", "\u2012": "-",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
})
_US_TOKEN = re.compile(r"(?<![\w.])(US|U\.S\.)(?![\w])")


@dataclass(frozen=True, slots=True)
class _Surface:
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


def _strip_article(name: str) -> str:
    # "the US" and "the Quad": the article is not part of the name, and keeping it out makes
    # every span start at the name itself.
    return name[4:] if name.lower().startswith("the ") and len(name) > 4 else name


def _variants(name: str, layer: int, descriptive: bool = False) -> set[str]:
    name = _strip_article(name.translate(_NORMALIZE).strip())
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
            # NATO → Nato (British usage), US ↔ U.S., Organization ↔ Organisation.
            out.add(" ".join(w.capitalize() if len(w) >= 4 and w.isalpha() and w.isupper() else w
                             for w in v.split(" ")))
            out.add(_US_TOKEN.sub(lambda m: "U.S." if m.group(1) == "US" else "US", v))
            out.add(v.replace("Organization", "Organisation"))
    if not descriptive and sum(c.isalpha() for c in name) >= 4:
        out.update({v.upper() for v in out})  # datelines and headlines: "SEOUL, South Korea (AP)"
    return {v for v in out if v}


@lru_cache(maxsize=1)
def _country_table() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]:
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


def _orders(name: str, table: dict[str, _Surface]) -> list[str]:
    """"US-ROK alliance" is also written "ROK-US alliance": every order of the countries."""
    words = name.translate(_NORMALIZE).split(" ")
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


def _names(entity: Entity) -> tuple[str, ...]:
    """An entity's name, its short name (what lists show: "CSTO", "Manila Pact") and its aliases."""
    return tuple(dict.fromkeys(n for n in (entity.name, entity.short_name, *entity.aliases) if n))


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


class Gazetteer:
    """Finds mentions of countries and of the given alliances in a text."""

    def __init__(self, alliances: Iterable[Entity] = ()) -> None:
        table: dict[str, _Surface] = {}

        ended: set[str] = set()  # alliances that have ended: a name they share with a live one names the live one

        def add(name: str, entity_id: str | None, layer: int) -> None:
            base = _strip_article(name.translate(_NORMALIZE).strip())
            flags = PREFIX * base.endswith("-")
            if layer == COUNTRY:
                flags |= PERSONISH * (base in _PERSONISH) | US_STATE * (base in _US_STATES)
                flags |= BARE_KOREA * (base in _BARE_KOREA) | LANGUAGE * (base in _LANGUAGES)
            elif layer == ALLIANCE:
                if " " not in base and base.isalpha() and not base.isupper():
                    flags |= COMMON_WORD
                if not any(c.isupper() for c in base):
                    flags |= DESCRIPTIVE
            for surface in _variants(name, layer, bool(flags & DESCRIPTIVE)):
                old = table.get(surface)
                if old is None or (old.layer == layer and old.entity_id == entity_id):
                    table[surface] = _Surface(len(surface), entity_id, layer, flags)
                elif old.layer == layer and layer == ALLIANCE and (old.entity_id in ended) != (entity_id in ended):
                    # "the Quad" of today, not the Quad of 2007-08: a shared name is the live alliance's.
                    if old.entity_id in ended:
                        table[surface] = _Surface(len(surface), entity_id, layer, flags)
                elif old.layer == layer:
                    # Two entities of a kind under one name: ambiguous, so it names neither.
                    table[surface] = _Surface(len(surface), None, layer, 0)
                elif layer < old.layer:
                    # Across kinds the deliberate blockers win, then countries, then aliases.
                    table[surface] = _Surface(len(surface), entity_id, layer, flags)

        removed: set[str] = set()
        for entity_id, names, capitals, gone in _country_table():
            layer = COUNTRY if entity_id else BLOCK
            for name in (*names, *capitals):
                add(name, entity_id or None, layer)
            removed.update(gone)
        alliances = list(alliances)
        ended.update(e.id for e in alliances if e.ended is not None)
        for entity in alliances:
            layer = COUNTRY if entity.kind == EntityKind.COUNTRY else ALLIANCE
            for name in _names(entity):
                for order in _orders(name, table) if layer == ALLIANCE else (name,):
                    add(order, entity.id, layer)
        for name in removed:
            for surface in _variants(name, COUNTRY):
                table.pop(surface, None)

        self._automaton = ahocorasick.Automaton()
        for surface, info in table.items():
            self._automaton.add_word(surface, info)
        self._automaton.make_automaton()
        self.surfaces: frozenset[str] = frozenset(table)
        # The names of each alliance, for the stages that read more than names
        # (store.pipeline.extract.mentions derives the nouns a grouping is called by from them).
        self.alliance_names: dict[str, tuple[str, ...]] = {
            e.id: _names(e) for e in alliances if e.kind != EntityKind.COUNTRY}
        # The countries an alliance's own name names ("United States–Japan–South Korea
        # trilateral partnership"): a bare description of it needs them all in the text, and
        # a compound of exactly those countries ("Japan-U.S.-ROK") names it.
        self._members: dict[str, frozenset[str]] = {}
        for entity in alliances:
            self._members[entity.id] = self._countries_in(entity.name)
            if len(self._members[entity.id]) < 2:
                # "AUKUS" names no country; an alias may ("US-ROK alliance" for a short name).
                named = {self._countries_in(alias) for alias in entity.aliases}
                named = {m for m in named if len(m) >= 2}
                if len(named) == 1:
                    self._members[entity.id] = named.pop()
        self.members: dict[str, frozenset[str]] = self._members

    def _countries_in(self, name: str) -> frozenset[str]:
        return frozenset(m.entity_id for m in self.find(name) if m.entity_id.startswith("country:"))

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, sorted by start (an enclosing span before a nested one)."""
        norm = text.translate(_NORMALIZE)
        n = len(norm)
        by_layer: dict[int, list[tuple[int, int, _Surface]]] = {COUNTRY: [], ALLIANCE: []}
        blocks: list[tuple[int, int, _Surface]] = []
        for last, info in self._automaton.iter(norm):
            start, end = last - info.length + 1, last + 1
            # Word boundaries: "Niger" in "Nigeria", "Oman" in "Romania" are not names.
            if start > 0 and norm[start - 1].isalnum():
                continue
            if info.flags & PREFIX:
                end -= 1  # "Sino-US": the span is "Sino"
            elif end < n and norm[end].isalnum():
                continue
            (blocks if info.layer == BLOCK else by_layer[info.layer]).append((start, end, info))

        kept: list[tuple[int, int, _Surface]] = []
        for cands in by_layer.values():
            # Longest first; blockers compete too and, when they win, hide what is inside them.
            taken = bytearray(n)
            for start, end, info in sorted(cands + blocks, key=lambda c: (c[0] - c[1], c[0])):
                if any(taken[start:end]):
                    continue
                taken[start:end] = b"\1" * (end - start)
                if info.entity_id is not None:
                    kept.append((start, end, info))

        ctx = _Context(
            text=norm,
            country_ends={end for _, end, i in kept if i.layer == COUNTRY},
            country_starts={start for start, _, i in kept if i.layer == COUNTRY},
            towns={m.start() for m in _TOWN_STATE.finditer(norm)},
            has_prk=any(i.entity_id == "country:PRK" for _, _, i in kept),
            countries={i.entity_id for _, _, i in kept if i.layer == COUNTRY},
        )
        mentions = [
            Mention(entity_id=info.entity_id, start=start, end=end)
            for start, end, info in kept
            if info.entity_id is not None and self._plausible(ctx, start, end, info)
        ]
        mentions.sort(key=lambda m: (m.start, -m.end, m.entity_id))
        return mentions

    # --- context rules ------------------------------------------------------------------

    def _plausible(self, ctx: _Context, start: int, end: int, info: _Surface) -> bool:
        s, flags = ctx.text, info.flags
        before, after = _word_before(s, start), _word_after(s, end)
        tail = s[end : end + 12]
        if info.layer == ALLIANCE:
            if flags & COMMON_WORD and (after in _COMMON_AFTER or tail.startswith("-core")):
                return False  # "quad bikes", "Quad muscles"
            if flags & DESCRIPTIVE:
                # "the trilateral partnership" is that grouping only in a text that names its
                # members; beside Japan, the Philippines and the US it is another trilateral.
                members = self._members.get(info.entity_id or "", frozenset())
                return before in _DEFINITE and members <= ctx.countries
            return True
        # Ships and ship classes named after places: "HMAS Canberra", "Canberra-class".
        if before in _SHIP_PREFIXES or _SHIP_CLASS.match(tail):
            return False
        # Currencies: "US$", "the Australian dollar" ("A$" is no name anyway).
        if tail.startswith("$") or after in _CURRENCIES:
            return False
        if end in ctx.towns:
            return False  # "Paris, Texas"
        if flags & BARE_KOREA and ctx.has_prk:
            return False
        if flags & LANGUAGE and _is_language(s, start, end, before):
            return False
        if flags & US_STATE and _is_us_state(ctx, start, end, after):
            return False
        if flags & PERSONISH:
            # A capitalised neighbour that is no sentence opener makes it a person's name:
            # "Michael Jordan", "Denzel Washington", "Chad Smith", "Jordan Peterson".
            # A neighbour that is itself a place ("Iran Israel war") is no first name.
            if before.endswith(".") and not _is_name_word(before):
                before = ""  # the previous sentence's last word
            if before and _end_of_word_before(s, start) in ctx.country_ends:
                before = ""
            if after and s.find(after, end) in ctx.country_starts:
                after = ""
            if before and _is_name_word(before) and before.lower() not in _STOP_BEFORE:
                return False
            if after and _is_name_word(after) and after not in _OK_AFTER:
                return False
        return True


@dataclass(slots=True)
class _Context:
    """What the context rules need to know about the whole text."""

    text: str
    country_ends: set[int]
    country_starts: set[int]
    towns: set[int]
    has_prk: bool
    countries: set[str | None]


def _is_language(s: str, start: int, end: int, before: str) -> bool:
    if before.lower() in _LANGUAGE_BEFORE or s.startswith(_LANGUAGE_AFTER, end):
        return True
    if before.lower() == "in" and (end == len(s) or s[end] in ".,;:)!?\n"):
        return True  # "published in French."
    # "speaks French and Spanish": a list that a language verb opened.
    words = _WORDS.findall(s, max(0, start - 60), start)[-3:]
    return (len(words) == 3 and words[2] in ("and", "or") and words[1] in _LANGUAGES
            and (words[0].lower() in _LANGUAGE_BEFORE or words[0].lower() == "in"))


def _is_us_state(ctx: _Context, start: int, end: int, after: str) -> bool:
    s = ctx.text
    if after in _STATE_AFTER:
        return True
    # "Atlanta, Georgia." / "Seattle, Washington,": a town, a comma, then the state;
    # "Tbilisi, Georgia" and "Moscow, Washington" are lists of places.
    if start >= 2 and s[start - 2 : start] == ", " and (end == len(s) or s[end] in ".,;:)\n"):
        town = _word_before(s, start - 2, allow_punct=True)
        if town[:1].isupper() and (start - 2) not in ctx.country_ends:
            return True
    if s[start:end] != "Georgia":
        return False
    if _US_POLITICS.intersection(_WORDS.findall(s, max(0, start - 50), start)[-5:]):
        return True
    return any(h in s for h in _STATE_HINTS) and "Tbilisi" not in s


def _is_name_word(word: str) -> bool:
    """A capitalised word that can be part of a person's name ("George", "T.", "Mr.")."""
    if word.endswith("."):
        # An initial or a title; any other word before a full stop ended a sentence.
        return (len(word) == 2 and word[0].isupper()) or word[:-1] in _TITLES
    return word[0].isupper() and any(c.islower() for c in word)


def _word_before(s: str, i: int, allow_punct: bool = False) -> str:
    """The word that ends one run of spaces before ``i``; '' after punctuation or a line break."""
    j = i
    if not allow_punct:
        while j > 0 and s[j - 1] in " \t":
            j -= 1
        if j == i:
            return ""
    k = j
    while k > 0 and (s[k - 1].isalnum() or s[k - 1] in ".'-"):
        k -= 1
    return s[k:j]


def _end_of_word_before(s: str, i: int) -> int:
    while i > 0 and s[i - 1] in " \t":
        i -= 1
    return i


def _word_after(s: str, i: int) -> str:
    """The word that starts one run of spaces after ``i``; '' if punctuation comes first."""
    j = i
    while j < len(s) and s[j] in " \t":
        j += 1
    if j == i:
        return ""
    k = j
    while k < len(s) and (s[k].isalnum() or s[k] in "'-"):
        k += 1
    return s[j:k].split("'")[0]
