"""People who stand for their country: "Austin and Teodoro signed …" after the article has said who they are.

News names an official once with the country ("Philippine Secretary of National Defense Gilberto
Teodoro", "Prime Minister Kishida Fumio of Japan", "Grant Shapps, Britain's defence secretary") and
then by name alone ("Secretary Austin and Secretary Teodoro signed a General Security of Military
Information Agreement"). A reader takes the country from the first mention; so does the claims stage:

- :func:`learn_people` reads an article's passages in order and keeps, for each word of each name
  introduced with a title and a country, that country. A word two people of different countries share
  is dropped: it names no one for sure.
- :func:`stand_ins` returns, for one passage, a span per later mention of such a name (with the titles
  before it: "Secretary Austin"), as a mention of the country. The claims stage reads them as subjects
  and objects; they are never stored as the passage's mentions (a person is not a mention of a country
  in the development set's labels, and the Excerpts pane shows what the text names).

News also names leaders it expects its reader to know ("President Biden", "Prime Minister Sunak" in a
release of his own office). ``store/data/people.tsv`` lists heads of state and government and foreign
and defence ministers of the countries these alliances concern: a full name there stands for its
country in any article, and so does a surname the table marks as naming no one else ("Kishida", not
"Lee" or "Austin"). What the article itself says wins over the table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from store.models import MentionSpan

# Words of an office (capitalised as news writes them before a name, lower-case after "Britain's").
_TITLE_WORDS = frozenset(
    """President Vice Prime Minister Ministers Secretary Secretaries Deputy Foreign Defense Defence Affairs National
    State Chief Cabinet General Admiral Ambassador Chancellor Premier Senior Mr. Ms. Mrs. Dr. Gen. Adm. Lt. Col.
    Commander Navy Army Chair Chairman Chairwoman Home Trade Finance Security Adviser Advisor Lieutenant Assistant
    Under Undersecretary Parliamentary King Queen Emperor Crown Prince Princess Marshal Air Force Staff Joint
    External Internal Interior Justice Counselor Envoy Special Acting Defense-Secretary Commander-in-Chief
    counterpart president vice prime minister secretary deputy foreign defense defence chief ambassador chancellor premier
    national security adviser advisor envoy special acting state affairs""".split())
_CONNECTORS = frozenset({"of", "for", "and", "the"})
# The word an office is named by: "Secretary of National Defense", "Foreign Minister", not "Defense Ministerial".
_HEADS = frozenset(
    """President Minister Secretary Secretaries Chancellor Premier Ambassador General Admiral Adviser Advisor King
    Queen Emperor Prince Princess Envoy Chairman Chair Chairwoman Commander Undersecretary Counselor Marshal Mr. Ms.
    Mrs. Dr. Gen. Adm. Lt. Col. Lieutenant Chief Commander-in-Chief president minister secretary chancellor premier
    ambassador adviser advisor envoy chief counterpart""".split())
# Capitalised words of institutions and events, which the words after an office can be ("Foreign
# Ministry Spokesperson", "Defense Acquisition Program Administration"): never a person's name.
_NOT_NAMES = frozenset(
    """Meeting Meetings Ministerial Statement Department Ministry Partnership Nations Program Programme Administration
    Acquisition Agency Office Council Committee Forces Force Alliance Agreement Summit House Government Embassy
    Strategy Dialogue Treaty Group Union Command Service Services Guard Coast Corps Institute University Center
    Centre Bureau Board Commission Cabinet Parliament Congress Senate Assembly Day Week Spokesperson Spokesman
    Spokeswoman Press Release Joint Consultations Cooperation Conference Talks Visit Year Forum Framework
    January February March April May June July August September October November December Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday""".split())
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "II", "III", "IV"})
_INITIAL = re.compile(r"[A-Z]\.$")
# A capitalised word of letters, accented ones too ("Múcio", "Błaszczak"), parts joined by an apostrophe or a hyphen.
_NAME_WORD = re.compile(r"[^\W\d_]{2,}(?:['’-][^\W\d_]{2,})*$")
_POSSESSIVE = re.compile(r"['’]s?")
_WORD = re.compile(r"\S+")


@dataclass
class People:
    """The name words an article has tied to a country: "Teodoro" → ``country:PHL``."""

    countries: dict[str, str] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)

    def add(self, words: Sequence[str], country: str) -> None:
        for word in words:
            if word in self.ambiguous or len(word) < 3:
                continue
            known = self.countries.setdefault(word, country)
            if known != country:
                del self.countries[word]
                self.ambiguous.add(word)

    def __bool__(self) -> bool:
        return bool(self.countries)


@dataclass(frozen=True, slots=True)
class _Token:
    word: str
    start: int
    end: int  # of the word, without the punctuation after it
    comma: bool  # a comma follows ("Secretary of Defense, Lloyd Austin III,")
    stops: bool  # other punctuation follows: the name cannot go on


_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+$|(?:Jr|Sr|Mr|Ms|Mrs|Dr|Gen|Adm|Lt|Col|St)\.$")


def _tokens(text: str, pos: int, limit: int = 12) -> list[_Token]:
    """The words from ``pos``, each with the punctuation that ends it ("Teodoro," "Austin."): a name stops there."""
    out: list[_Token] = []
    for m in _WORD.finditer(text, pos):
        if len(out) == limit or (out and "\n" in text[out[-1].end: m.start()]):
            break
        raw = m.group()
        word = raw.rstrip(",;:)\"'”’")
        comma = raw[len(word):].startswith(",")
        stops = len(word) < len(raw) and not comma
        if word.endswith(".") and not _ABBREVIATION.match(word):
            word, stops = word[:-1], True  # "Austin." ends a sentence
        if not word:
            break
        out.append(_Token(word, m.start(), m.start() + len(word), comma, stops))
        if stops or (comma and len(out) > 1 and out[-2].comma):
            break
    return out


def _is_name_word(word: str) -> bool:
    return (bool(_NAME_WORD.match(word)) and word[0].isupper()
            and all(part[1:].islower() for part in re.split(r"['’-]", word))
            and word not in _TITLE_WORDS and word not in _CONNECTORS and word not in _NOT_NAMES)


def _name(tokens: Sequence[_Token]) -> tuple[list[str], int]:
    """The words of a name at the start of ``tokens`` (initials and suffixes skipped) and its end offset."""
    words: list[str] = []
    end = -1
    for t in tokens[:5]:
        if _is_name_word(t.word):
            words.append(t.word)
        elif not (_INITIAL.match(t.word) or t.word in _SUFFIXES) or not words:
            break
        end = t.end
        if t.stops or t.word in _SUFFIXES or (t.comma and not _is_suffix_next(tokens, t)):
            break
    return words, end


def _is_suffix_next(tokens: Sequence[_Token], t: _Token) -> bool:
    """"Gilberto C. Teodoro, Jr.": the comma is the suffix's."""
    i = tokens.index(t)
    return i + 1 < len(tokens) and tokens[i + 1].word in _SUFFIXES


def _titled_name_after(text: str, pos: int) -> tuple[list[str], int]:
    """``Secretary of National Defense Gilberto Teodoro`` from ``pos``: the name's words, or none."""
    tokens = _tokens(text, pos)
    i = 0
    head = False
    while i < len(tokens):
        word = tokens[i].word
        if word in _TITLE_WORDS:
            head = head or word in _HEADS
        elif not (word in _CONNECTORS and i and i + 1 < len(tokens) and tokens[i + 1].word in _TITLE_WORDS):
            break
        if tokens[i].stops:
            return [], -1
        i += 1
        if tokens[i - 1].comma:
            break  # "U.S. Secretary of Defense, Lloyd Austin III,"
    if not head:
        return [], -1
    return _name(tokens[i:])


def _introductions(text: str, mentions: Sequence[MentionSpan]) -> list[tuple[list[str], str, int, int]]:
    """(name words, country, start, end) of each person the passage names with an office and a country."""
    out: list[tuple[list[str], str, int, int]] = []
    for m in mentions:
        if not m.entity_id.startswith("country:"):
            continue
        # "Philippine Secretary … Gilberto Teodoro", "Japan's Prime Minister Fumio Kishida".
        possessive = _POSSESSIVE.match(text, m.end)
        words, end = _titled_name_after(text, possessive.end() if possessive else m.end)
        if words:
            out.append((words, m.entity_id, m.start, end))
            # "… President Ferdinand Marcos Jr. and Secretary of National Defense Gilberto C. Teodoro":
            # an office right after "and" is the same country's.
            more = _AND_OFFICE.match(text, end)
            while more:
                words, end2 = _titled_name_after(text, more.end())
                if not words:
                    break
                out.append((words, m.entity_id, more.end(), end2))
                end = end2
                more = _AND_OFFICE.match(text, end)
            continue
        before = text[max(0, m.start - 90): m.start]
        # "Prime Minister Kishida Fumio of Japan", "President Yoon Suk Yeol of the Republic of Korea".
        of = _OF_COUNTRY.search(before)
        if of:
            start = m.start - len(before) + of.start(1)
            words, _ = _titled_name_after(text, start)
            if words:
                out.append((words, m.entity_id, start, m.end))
                continue
        # "Grant Shapps, Britain's defence secretary", "Richard Marles, the Australian Defence Minister".
        apposition = _APPOSITION.search(before)
        possessive = _POSSESSIVE.match(text, m.end)
        office = _tokens(text, possessive.end() if possessive else m.end, 4)
        if apposition and (possessive or apposition.group(2)) and any(t.word in _HEADS for t in office):
            names = apposition.group(1).split()
            if all(_is_name_word(w) or w in _SUFFIXES or _INITIAL.match(w) for w in names):
                start = m.start - len(before) + apposition.start(1)
                out.append(([w for w in names if _is_name_word(w)], m.entity_id, start, m.end))
    return out


_AND_OFFICE = re.compile(r",? and (?=[A-Z])")
_OF_COUNTRY = re.compile(r"((?:[A-Z][\w.'’-]*(?:,(?= [JS]r\b))? ){1,8})of (?:the )?$")
_APPOSITION = re.compile(r"((?:[A-Z][\w.'’-]* ){0,3}[A-Z][\w.'’-]*), (the )?$")


PEOPLE_TSV = Path(__file__).parents[2] / "data" / "people.tsv"


@dataclass(frozen=True)
class KnownPeople:
    """``store/data/people.tsv``: full names and lone surnames → country id."""

    names: dict[str, str]
    pattern: re.Pattern[str] | None
    # "Prime Minister Morrison", "Secretary Austin": a surname too common to stand alone, after an office.
    titled: re.Pattern[str] | None = None


_OFFICES = (r"(?:President|Vice President|Prime Minister|Deputy Prime Minister|Secretary|Secretary of State|"
            r"Secretary of Defen[cs]e|Defen[cs]e Secretary|Foreign Secretary|Minister|Foreign Minister|"
            r"Defen[cs]e Minister|Chancellor|Premier|Mr\.|Ms\.|Mrs\.|Dr\.) ")


@lru_cache(maxsize=1)
def known_people(path: Path = PEOPLE_TSV) -> KnownPeople:
    names: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, iso3, surname, alone = (line.split("\t") + ["", "", ""])[:4]
        names[name] = f"country:{iso3}"
        surnames.setdefault(surname, set()).add(f"country:{iso3}")
        if alone.strip() == "yes":
            names[surname] = f"country:{iso3}"
    for surname, countries in surnames.items():
        if len(countries) == 1 and surname not in names:
            names[f"#{surname}"] = next(iter(countries))  # only after an office (see ``titled``)
    words = sorted((w for w in names if not w.startswith("#")), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])") if words else None
    titled_words = sorted((w[1:] for w in names if w.startswith("#")), key=len, reverse=True)
    titled = (re.compile(r"\b" + _OFFICES + r"(" + "|".join(map(re.escape, titled_words)) + r")(?![\w-])")
              if titled_words else None)
    return KnownPeople(names, pattern, titled)


def learn_people(texts: Sequence[str], mentions: Sequence[Sequence[MentionSpan]]) -> People:
    """The people an article introduces with a country, from its passages in reading order."""
    people = People()
    for text, found in zip(texts, mentions, strict=True):
        for words, country, _, _ in _introductions(text, found):
            people.add(words, country)
    return people


def introduced(text: str, mentions: Sequence[MentionSpan]) -> list[MentionSpan]:
    """The people ``text`` introduces with their country ("Brazilian Minister of Defense José Múcio Monteiro"), each
    as a mention of the country over the name: who "the two leaders" are, with the people of :func:`stand_ins`."""
    return [MentionSpan(entity_id=country, start=start, end=end) for _, country, start, end in _introductions(text, mentions)]


def stand_ins(text: str, mentions: Sequence[MentionSpan], people: People,
              known: KnownPeople | None = None) -> list[MentionSpan]:
    """A country mention for each person ``text`` names who is not already tied to a country there:
    by a name the article introduced (``people``), else by one of ``store/data/people.tsv``."""
    known = known if known is not None else known_people()
    taken = [(m.start, m.end) for m in mentions]
    taken += [(s, e) for _, _, s, e in _introductions(text, mentions)]
    out: list[MentionSpan] = []

    def add(start: int, end: int, country: str, countries: Mapping[str, str]) -> None:
        if any(a < end and start < b for a, b in taken):
            return
        start, end = _widen(text, start, end, countries, country)
        if any(a < end and start < b for a, b in taken) or _after_country(text, start, mentions):
            return
        out.append(MentionSpan(entity_id=country, start=start, end=end))
        taken.append((start, end))

    if people:
        words = sorted(people.countries, key=len, reverse=True)
        for m in re.finditer(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", text):
            add(m.start(), m.end(), people.countries[m.group()], people.countries)
    if known.pattern is not None:
        for m in known.pattern.finditer(text):
            word = m.group()
            if word in people.ambiguous or (word in people.countries and people.countries[word] != known.names[word]):
                continue  # the article's own Park, Lee or Austin
            add(m.start(), m.end(), known.names[word], {w: known.names[word] for w in word.split()})
    if known.titled is not None:
        for m in known.titled.finditer(text):
            word = m.group(1)
            if word in people.ambiguous or word in people.countries:
                continue  # the article's own Park, Lee or Austin
            add(m.start(1), m.end(1), known.names["#" + word], {word: known.names["#" + word]})
    out.sort(key=lambda x: x.start)
    return out


def _after_country(text: str, start: int, mentions: Sequence[MentionSpan]) -> bool:
    """"Japan's Kishida", "the Philippines' Teodoro": the country is named already."""
    before = text[max(0, start - 4): start]
    gap = re.search(r"(?:['’]s?)?\s$", before)
    if not gap:
        return False
    at = start - (len(before) - gap.start())
    return any(m.end == at and m.entity_id.startswith("country:") for m in mentions)


_TITLE_BEFORE = re.compile(r"(?:[\w.-]+ )$")


def _widen(text: str, start: int, end: int, countries: Mapping[str, str], country: str) -> tuple[int, int]:
    """The whole of "Secretary Lloyd Austin III" around "Austin": titles and the same person's other names."""
    while True:
        m = _TITLE_BEFORE.search(text, max(0, start - 40), start)
        if not m:
            break
        word = m.group()[:-1]
        if word in _TITLE_WORDS or countries.get(word) == country or _INITIAL.match(word):
            start = m.start()
        else:
            break
    for t in _tokens(text, end, 4):
        if t.start > end + 1 or not (countries.get(t.word) == country or _INITIAL.match(t.word) or t.word in _SUFFIXES):
            break
        end = t.end
        if t.stops:
            break
    return start, end
