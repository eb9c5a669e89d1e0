"""The gazetteer's context rules: when a name found in a text is a look-alike, not a mention.

A country name may be a person ("Michael Jordan"), a US state ("Atlanta, Georgia"), a town
("Paris, Texas"), a ship ("HMAS Canberra"), a currency ("the Australian dollar") or a language
("speaks French"); an alliance alias may be an ordinary word ("quad bikes") or a description that
names the alliance only beside its members. The rules read the words around a match, and the word
lists here are what they look for. Kept apart from the matcher (``store.pipeline.gazetteer``):
the matcher finds every candidate, these rules only judge one, and they are where a false
positive is fixed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from store.pipeline.gazetteer_surfaces import (
    ALLIANCE,
    BARE_KOREA,
    CAPITAL,
    COMMON_WORD,
    COUNTRY,
    DESCRIPTIVE,
    GENERIC,
    LANGUAGE,
    LANGUAGES,
    PERSONISH,
    US_STATE,
    Surface,
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
# A capital as a place: after these words ("in Tokyo", "at the White House", "visiting Lima"), before these
# ("the Vilnius summit", "Manila time"), or after a journey's "to" ("a visit to Canberra", "welcomed him to the Pentagon").
_AT_PLACE = frozenset("in at near inside outside visiting visited via".split())
_GOVERNING = frozenset("officials official diplomats lawmakers policymakers leaders government authorities "
                       "republicans democrats politicians strategists".split())
_VENUE_AFTER = frozenset("summit summits time meeting meetings talks conference office headquarters airport "
                         "residence visit trip "
                         # Things named after the city: "the Ottawa convention", "the Paris climate agreement".
                         "convention process format principles consensus protocol declaration agreement agreements "
                         "accord accords treaty pact climate".split())
_TRAVEL = re.compile(r"\b(?:visit|trip|travel|flew|fly|flown|arriv|came|come|return|welcom|invit|head|went|journey|"
                     r"delegation)\w*\b[^.;:!?]*\bto(?: the)? $")
# "WASHINGTON —", "TOKYO/WASHINGTON -", "HELSINKI (AP) -", "SEOUL, Feb 5 (Reuters) -".
_DATELINE = re.compile(r"(?:[/, ][A-Z][A-Z .]*)*(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z. ]{1,20}\))?\s*[—–-]")
_DEFINITE = frozenset("the The this This that its their our".split())
_TITLES = frozenset("Mr Mrs Ms Dr Gen Sen Rep Gov Lt Col Capt Sgt Prof Rev Adm".split())
_WORDS = re.compile(r"[\w'.-]+")


@dataclass(slots=True)
class Context:
    """What the context rules need to know about the whole text."""

    text: str
    country_ends: set[int]
    country_starts: set[int]
    towns: set[int]
    has_prk: bool
    countries: set[str | None]
    country_spans: list[tuple[int, str | None]]  # where each country mention ends, and whose it is
    earlier: frozenset[str] = frozenset()  # the countries the article named before this text


def context_of(norm: str, kept: Sequence[tuple[int, int, Surface]], earlier: frozenset[str] = frozenset()) -> Context:
    """The context of a normalized text, given the matches kept after overlaps were resolved."""
    return Context(
        text=norm,
        country_ends={end for _, end, i in kept if i.layer == COUNTRY},
        country_starts={start for start, _, i in kept if i.layer == COUNTRY},
        towns={m.start() for m in _TOWN_STATE.finditer(norm)},
        has_prk=any(i.entity_id == "country:PRK" for _, _, i in kept),
        countries={i.entity_id for _, _, i in kept if i.layer == COUNTRY},
        country_spans=[(end, i.entity_id) for _, end, i in kept if i.layer == COUNTRY],
        earlier=earlier,
    )


def _pairs_own(ctx: Context, start: int, members: frozenset[str]) -> bool:
    """Whether a generic name ("Visiting Forces Agreement") is the stored pair's: the text names one and the text or
    the article before it the other, and no other country stands just before the name ("the Philippines-New Zealand
    Status of Visiting Forces Agreement")."""
    if not members or not members & ctx.countries or not members <= ctx.countries | ctx.earlier:
        return False
    return not any(start - 30 <= end <= start and entity not in members for end, entity in ctx.country_spans)


def plausible(ctx: Context, start: int, end: int, info: Surface, members: Mapping[str, frozenset[str]]) -> bool:
    """Whether the match ``ctx.text[start:end]`` is a mention; ``members``: the countries of each alliance."""
    s, flags = ctx.text, info.flags
    before, after = _word_before(s, start), _word_after(s, end)
    tail = s[end : end + 12]
    if info.layer == ALLIANCE:
        if flags & COMMON_WORD and (after in _COMMON_AFTER or tail.startswith("-core")):
            return False  # "quad bikes", "Quad muscles"
        if tail.startswith(("-like", "-style", "-type")):
            return False  # "a NATO-like security framework in Asia" is another, not NATO
        if flags & GENERIC and not _pairs_own(ctx, start, members.get(info.entity_id or "", frozenset())):
            return False
        if flags & DESCRIPTIVE:
            # "the trilateral partnership" is that grouping only in a text that names its
            # members; beside Japan, the Philippines and the US it is another trilateral.
            return before in _DEFINITE and members.get(info.entity_id or "", frozenset()) <= ctx.countries
        return True
    # Ships and ship classes named after places: "HMAS Canberra", "Canberra-class".
    if before in _SHIP_PREFIXES or _SHIP_CLASS.match(tail):
        return False
    # Currencies: "US$", "the Australian dollar" ("A$" is no name anyway).
    if tail.startswith("$") or after in _CURRENCIES:
        return False
    if end in ctx.towns:
        return False  # "Paris, Texas"
    if flags & CAPITAL and _is_venue(s, start, end, before, after):
        return False  # "in Tokyo", "at the White House", "the Madrid Summit": a place, not the government
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


def _is_venue(s: str, start: int, end: int, before: str, after: str) -> bool:
    """Whether a capital stands for a place ("talks in Tokyo", "the Madrid Summit") rather than for its
    government ("Seoul said", "pressure from Washington", "Beijing's claims")."""
    if s.startswith("'s", end):
        return False
    if after[:1].isupper() or after in _VENUE_AFTER:
        return True  # inside a name, or an event or time of the place
    if s[start:end].isupper() and end - start > 2 and _DATELINE.match(s, end):
        return True  # "WASHINGTON —", "TOKYO/WASHINGTON -"
    pos = _end_of_word_before(s, start) - len(before)  # where the word before starts
    if before.lower() in _DEFINITE:
        before = _word_before(s, pos)
        pos = _end_of_word_before(s, pos) - len(before)
    word = before.lower()
    if word == "in" and _word_before(s, pos).lower() in _GOVERNING:
        return False  # "officials in Canberra", "Republicans in Washington", "officials in the Kremlin": its government
    if word in _AT_PLACE:
        return True
    return word == "to" and _TRAVEL.search(s, max(0, start - 90), start) is not None


def _is_language(s: str, start: int, end: int, before: str) -> bool:
    if before.lower() in _LANGUAGE_BEFORE or s.startswith(_LANGUAGE_AFTER, end):
        return True
    if before.lower() == "in" and (end == len(s) or s[end] in ".,;:)!?\n"):
        return True  # "published in French."
    # "speaks French and Spanish": a list that a language verb opened.
    words = _WORDS.findall(s, max(0, start - 60), start)[-3:]
    return (len(words) == 3 and words[2] in ("and", "or") and words[1] in LANGUAGES
            and (words[0].lower() in _LANGUAGE_BEFORE or words[0].lower() == "in"))


def _is_us_state(ctx: Context, start: int, end: int, after: str) -> bool:
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
