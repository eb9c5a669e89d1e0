"""The researched starter world (store/data/world/) as store records.

``treaties.tsv`` (and ``groupings.tsv`` one level up) become alliance entities,
``sources.tsv`` the sources every fact cites, ``memberships.tsv`` one
``member_of`` fact per membership spell (with ``applicant_to``, ``partner_of``
and ``suspended_from`` facts beside it) and ``events.tsv`` one fact per row.
store/data/world/README.md explains the columns and the coding rules.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from store.errors import StoreError
from store.models import (
    DateKind,
    Entity,
    EntityKind,
    Fact,
    FactStatus,
    FuzzyDate,
    Obligation,
    Origin,
    Relation,
    Source,
)

REF = "ref:"  # the prefix of a reference source's id: a document cited without a quote


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV whose leading '#' lines are comments and whose first other line is the header."""
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#") and line.strip()]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (v or "").strip() for k, v in row.items() if k}


def parse_qualifiers(text: str) -> dict[str, str]:
    """'a=1;b=2'. A part without '=' continues the previous value: notes may hold ';'."""
    out: dict[str, str] = {}
    key = None
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, sep, value = part.partition("=")
        if sep and name.strip().isidentifier():
            key = name.strip()
            out[key] = value.strip()
        elif key is not None:
            out[key] += f"; {part}"
        else:
            raise ValueError(f"qualifier {part!r} is not key=value")
    return out


def entity_id(code: str) -> str:
    return f"country:{code}" if len(code) == 3 and code.isupper() else f"alliance:{code}"


def fact_id(subject: str, relation: str, obj: str, start: str, qualifiers: dict[str, str]) -> str:
    key = "|".join([subject, relation, obj, start, *sorted(f"{k}={v}" for k, v in qualifiers.items())])
    return "fact:" + hashlib.sha1(key.encode()).hexdigest()[:12]


# --- obligations ---------------------------------------------------------------

_OBLIGATION_RE = re.compile(
    r"^(?P<subject>\*|[A-Z]{3})->(?P<object>\*|[A-Z]{3}):(?P<type>[a-z]+)"
    r"(?:@(?P<article>[A-Za-z0-9.]+))?(?:\(where=(?P<where>[^()]+)\))?$"
)


def _party(code: str) -> str:
    return code if code == "*" else entity_id(code)


def parse_obligations(text: str) -> list[Obligation]:
    """'USA->JPN:defense@V | *->*:consultation@IV(where=…)' as directed obligations."""
    out: list[Obligation] = []
    for token in filter(None, (t.strip() for t in text.split(" | "))):
        m = _OBLIGATION_RE.match(token)
        if not m:
            raise StoreError(f"starter data: obligation {token!r} does not parse")
        out.append(Obligation(
            subject=_party(m["subject"]), object=_party(m["object"]), type=m["type"],  # type: ignore[arg-type]
            article=m["article"] or "", where=m["where"] or "",
        ))
    return out


# --- alliances and sources -----------------------------------------------------

_ENTITY_DATES = (("signed", DateKind.SIGNED), ("in_force", DateKind.IN_FORCE),
                 ("established", DateKind.ESTABLISHED), ("ended", DateKind.ENDED))


def alliance_entity(row: dict[str, str]) -> Entity:
    """An alliance from a row of world/treaties.tsv or of groupings.tsv (which has only ``founded``)."""
    dates = {kind: FuzzyDate(row[col]) for col, kind in _ENTITY_DATES if row.get(col)}
    # One rule for `founded`: the signature of the instrument; a grouping with
    # no signed instrument was founded when it was established (its first
    # meeting or statement). Entry into force is a date of its own, never `founded`.
    founded = row.get("founded") or row.get("signed") or row.get("established")
    short = row.get("short_name") or None
    names = [a for a in row.get("aliases", "").split("|") if a and a != row["name"]]
    binding = {"yes": True, "no": False}.get(row.get("legally_binding", ""))
    return Entity(
        id=f"alliance:{row['slug']}",
        kind=EntityKind.ALLIANCE,
        name=row["name"],
        short_name=short if short != row["name"] else None,
        aliases=list(dict.fromkeys(names)),
        alliance_kind=row.get("kind") or None,
        founded=FuzzyDate(founded) if founded else None,
        dates=dates,
        binding=binding,
        end_reason=row.get("end_reason") or None,
        obligations=parse_obligations(row.get("obligations", "")),
        references=[REF + key for key in row.get("sources", "").split()],
    )


def world_alliances(data: Path) -> list[Entity]:
    rows = [*read_tsv(data / "world" / "treaties.tsv"), *read_tsv(data / "groupings.tsv")]
    return [alliance_entity(r) for r in rows]


def world_sources(data: Path) -> list[Source]:
    return [
        Source(id=REF + r["key"], title=r["title"], publisher=r["publisher"],
               published=r["date"] or None, url=r["url"])  # type: ignore[arg-type]
        for r in read_tsv(data / "world" / "sources.tsv")
    ]


# --- facts ---------------------------------------------------------------------

def world_fact(subject: str, relation: Relation | str, obj: str, *, start: str = "", end: str = "",
               qualifiers: dict[str, str] | None = None, references: list[str] | None = None,
               dates: dict[DateKind, str] | None = None) -> Fact:
    qualifiers = qualifiers or {}
    s, o = entity_id(subject), entity_id(obj)
    return Fact(
        id=fact_id(s, str(relation), o, start, qualifiers),
        subject=s, relation=relation, object=o,  # type: ignore[arg-type]
        start=start or None, end=end or "open",  # type: ignore[arg-type]
        qualifiers=qualifiers, status=FactStatus.CONFIRMED, origin=Origin.STARTER,
        references=list(dict.fromkeys(references or [])),
        dates={DateKind(k): FuzzyDate(v) for k, v in (dates or {}).items()},
    )


@dataclass
class _Spell:
    """A fact being built from several membership rows (a membership, an application, a suspension)."""

    start: str
    dates: dict[DateKind, str] = field(default_factory=dict)
    qualifiers: dict[str, str] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    end: str = ""

    def fact(self, country: str, relation: Relation, alliance: str) -> Fact:
        return world_fact(country, relation, alliance, start=self.start, end=self.end,
                          qualifiers=self.qualifiers, references=self.references, dates=self.dates)


_BEFORE_JOINING = {"applied": DateKind.APPLIED, "invited": DateKind.INVITED,
                   "accession_protocol_signed": DateKind.PROTOCOL_SIGNED}


def _membership_facts(alliance: Entity, country: str, rows: list[dict[str, str]]) -> list[Fact]:
    """The facts of one country's rows for one alliance, read in date order."""
    slug = alliance.id.removeprefix("alliance:")
    facts: list[Fact] = []
    spells: list[_Spell] = []  # member_of, in order
    applicant: _Spell | None = None
    pending: dict[DateKind, str] = {}  # application, invitation, protocol: dates of the membership to come
    suspensions: list[_Spell] = []
    for row in sorted(rows, key=lambda r: r["date"]):
        event, date, ref = row["event"], row["date"], REF + row["source"]
        qualifiers = parse_qualifiers(row.get("qualifiers", ""))
        if event in ("partner", "observer"):
            relation = Relation.PARTNER_OF if event == "partner" else Relation.OBSERVER_OF
            facts.append(world_fact(country, relation, slug, start=date, qualifiers=qualifiers, references=[ref]))
        elif event in _BEFORE_JOINING:
            pending[_BEFORE_JOINING[event]] = date
            if applicant is None:
                applicant = _Spell(start=date)
            applicant.dates[_BEFORE_JOINING[event]] = date
            applicant.qualifiers.update(qualifiers)
            applicant.references.append(ref)
        elif event in ("founding", "signed", "joined"):
            if event == "joined" or (event == "founding" and DateKind.SIGNED not in alliance.dates):
                kind = DateKind.JOINED  # a founder of a grouping joins when it is established
            else:
                kind = DateKind.SIGNED
            spell = _Spell(start=date, dates={**pending, kind: date}, qualifiers=qualifiers, references=[ref])
            if event == "founding":
                spell.qualifiers = {"role": "founding", **qualifiers}
                if kind is DateKind.SIGNED and DateKind.IN_FORCE in alliance.dates:
                    spell.dates[DateKind.IN_FORCE] = str(alliance.dates[DateKind.IN_FORCE])
            if applicant is not None:
                applicant.end = date  # the application ends when the country joins
            pending = {}
            spells.append(spell)
        elif event == "in_force":
            _current(spells, row).dates[DateKind.IN_FORCE] = date
        elif event == "left":
            spell = _current(spells, row)
            spell.end, spell.dates[DateKind.LEFT] = date, date
            spell.qualifiers.update(qualifiers)
            spell.references.append(ref)
        elif event == "suspended":
            suspensions.append(_Spell(start=date, dates={DateKind.SUSPENDED: date},
                                      qualifiers=qualifiers, references=[ref]))
        elif event == "resumed":
            open_ = [s for s in suspensions if not s.end]
            if not open_:
                raise StoreError(f"starter data: {country} resumed in {slug} without a suspension")
            open_[-1].end, open_[-1].dates[DateKind.RESUMED] = date, date
            open_[-1].references.append(ref)
        else:
            raise StoreError(f"starter data: unknown membership event {event!r}")
    ended = alliance.ended
    for spell in spells:
        if not spell.end and ended is not None:
            spell.end = str(ended)  # the treaty ended: so did every membership still running
        facts.append(spell.fact(country, _membership(alliance), slug))
    if applicant is not None:
        facts.append(applicant.fact(country, Relation.APPLICANT_TO, slug))
    facts += [s.fact(country, Relation.SUSPENDED_FROM, slug) for s in suspensions]
    return facts


def _membership(alliance: Entity) -> Relation:
    """Countries are parties to an agreement (a reciprocal access agreement) or a programme (GCAP), members of an
    alliance or grouping."""
    kind = alliance.alliance_kind or ""
    return Relation.PARTY_TO if "agreement" in kind or "programme" in kind else Relation.MEMBER_OF


def _current(spells: list[_Spell], row: dict[str, str]) -> _Spell:
    if not spells:
        raise StoreError(f"starter data: {row['country']} {row['event']} {row['alliance']} before joining it")
    return spells[-1]


def world_facts(data: Path, alliances: dict[str, Entity]) -> list[Fact]:
    """Every fact of memberships.tsv and events.tsv, each citing its sources."""
    by_member: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in read_tsv(data / "world" / "memberships.tsv"):
        by_member.setdefault((row["alliance"], row["country"]), []).append(row)
    facts: list[Fact] = []
    for (slug, country), rows in by_member.items():
        alliance = alliances.get(f"alliance:{slug}")
        if alliance is None:
            raise StoreError(f"starter data: memberships.tsv names an unknown alliance {slug!r}")
        facts += _membership_facts(alliance, country, rows)
    for row in read_tsv(data / "world" / "events.tsv"):
        facts.append(world_fact(
            row["subject"], row["relation"], row["object"], start=row["date"], end=row["end"],
            qualifiers=parse_qualifiers(row.get("qualifiers", "")), references=[REF + row["source"]],
        ))
    return facts
