"""``import-atop``: the ATOP alliance data set imported into a store, as one undoable step.

ATOP is read from the files its users download (store/atop_files.py says how they are coded and
where we learnt it); nothing of ATOP is shipped with this project. Per atopid one alliance
``alliance:atop-N`` (named from its members and start year, its kind from ``bilat`` and its
strongest obligation, its signature and end dated with their precision, its obligations directed
from the member file), and per member row one ``member_of`` fact. State codes go through our COW
table (store/cow.py); an unknown code skips its rows and is reported once.

Ids are deterministic and existing records are never rewritten (a user's review of an imported
fact stays), so a second import adds nothing and writes nothing, not even a journal line. An ATOP
alliance that is an alliance the store holds is proposed for review as a match instead of being
added as a second one (store/atop_match.py: the rule, and what accepting merges).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from store.datasets.atop_files import AtopAlliance, AtopError, AtopFiles, AtopMember, find_files, read_alliances, read_members
from store.datasets.atop_match import Matcher, atop_founders, restates
from store.countries import country_entity, country_name
from store.datasets.cow import cow_states
from store.models import (
    EVERY_PARTY,
    DatasetRef,
    DateKind,
    Entity,
    EntityKind,
    EntityProposal,
    Fact,
    FactStatus,
    Obligation,
    ObligationType,
    Origin,
    Record,
    Relation,
)

if TYPE_CHECKING:
    from store.repository import FactStore

__all__ = ["AtopData", "AtopError", "AtopReport", "import_atop", "read_atop"]

_KIND_WORDS = {
    ObligationType.DEFENSE: "defence pact",
    ObligationType.OFFENSE: "offence pact",
    ObligationType.NEUTRALITY: "neutrality pact",
    ObligationType.NONAGGRESSION: "non-aggression pact",
    ObligationType.CONSULTATION: "consultation pact",
}
_NAMED = 4  # members named in an alliance's name; more are counted


@dataclass
class AtopReport:
    version: str
    alliances: int = 0  # alliances added (proposed matches included)
    memberships: int = 0
    states: int = 0  # states the files name (known codes)
    new_states: int = 0
    matches: int = 0
    unknown: dict[str, str] = field(default_factory=dict)  # state code → the first atopid naming it
    added: int = 0  # records written

    @property
    def nothing_new(self) -> bool:
        return self.added == 0

    def summary(self) -> str:
        if self.nothing_new:
            return f"ATOP {self.version}: nothing new"
        return (f"ATOP {self.version}: {_n(self.alliances, 'alliance')}, {_n(self.memberships, 'membership')}, "
                f"{_n(self.states, 'state')} ({self.new_states} new), {_n(self.matches, 'match', 'matches')} proposed, "
                f"{_n(len(self.unknown), 'unknown state code')}")

    def unknown_line(self) -> str:
        """'2 unknown state codes: 998 (atopid 9005), 999 (atopid 9005); their rows were skipped', or ''."""
        if not self.unknown:
            return ""
        codes = ", ".join(f"{c} (atopid {a})" for c, a in sorted(self.unknown.items(), key=lambda kv: int(kv[0])))
        noun = "state code" if len(self.unknown) == 1 else "state codes"
        return f"{len(self.unknown)} unknown {noun}: {codes}; their rows were skipped"


def _reason(exc: ValidationError) -> str:
    from store.repository import describe_validation_error

    return describe_validation_error(exc)


def _n(count: int, noun: str, plural: str = "") -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


@dataclass
class AtopData:
    """ATOP's two files, read and checked: everything an import needs before it writes anything."""

    version: str
    files: AtopFiles
    alliances: dict[str, AtopAlliance]
    members: dict[str, list[tuple[AtopMember, str]]]  # atopid → (row, country id), known states only
    countries: dict[str, Entity]  # every country id the rows name → its entity, should the store lack it
    unknown: dict[str, str]  # state code → the first atopid naming it


def read_atop(folder: Path) -> AtopData:
    """Read the ATOP files in ``folder`` (row by row); a missing file, column or a bad value is one sentence."""
    files = find_files(Path(folder))
    alliances = read_alliances(files.alliances)
    data = AtopData(files.version, files, alliances, defaultdict(list), {}, {})
    states = cow_states()
    for row in read_members(files.members, alliances, files.alliances):
        state = states.get(row.ccode)
        eid = f"country:{state.iso3}" if state is not None else ""
        if state is not None and eid not in data.countries:
            try:
                entity = country_entity(state.iso3)
            except KeyError:  # the table names a code pycountry lacks: reported, not guessed
                state = None
            else:
                data.countries[eid] = entity
        if state is None:
            data.unknown.setdefault(row.ccode, row.atopid)
            continue
        data.members[row.atopid].append((row, eid))
    return data


def import_atop(store: FactStore, source: Path | AtopData) -> AtopReport:
    """Import ATOP (a folder of its files, or what :func:`read_atop` read); every record goes in through
    ``add_records``, as one undoable step, or nothing is written."""
    data = source if isinstance(source, AtopData) else read_atop(source)
    dataset = "ATOP"
    alliances, members = data.alliances, data.members
    report = AtopReport(data.version, unknown=dict(data.unknown))
    records: list[tuple[str, Record]] = []
    report.states = len(data.countries)
    for eid, country in sorted(data.countries.items()):
        if eid not in store.entities:
            records.append(("entities", country))
            report.new_states += 1
    names = {eid: _name(store, eid) for eid in data.countries}

    matcher = Matcher(store)
    merged = {e.codes["atop"]: e.id for e in store.entities.values()
              if e.kind is EntityKind.ALLIANCE and "atop" in e.codes and not e.id.startswith("alliance:atop-")}
    for atopid, alliance in alliances.items():
        rows = sorted(members.get(atopid, []), key=lambda re: (re[0].start.value if re[0].start else "9999", re[0].line))
        ref = DatasetRef(name=dataset, version=data.version, record=f"atopid {atopid}")
        own_id = f"alliance:atop-{atopid}"
        target = merged.get(atopid) or own_id
        if target == own_id and own_id not in store.entities:
            try:
                entity = _alliance(alliance, rows, names, ref)
            except ValidationError as exc:
                raise AtopError(f"{data.files.alliances}, line {alliance.line}: {_reason(exc)}.") from None
            founders = atop_founders(alliance.begin, ((eid, r.start or alliance.begin) for r, eid in rows))
            match = matcher.match(alliance.begin, founders)
            if match is not None:
                entity = entity.model_copy(update={"proposal": EntityProposal(
                    origin="dataset", match=match.id, members=sorted(founders), noun="ATOP alliance")})
                report.matches += 1
            records.append(("entities", entity))
            report.alliances += 1
        existing = [f for f in store.facts_of(target) if f.object == target] if target != own_id else []
        taken: set[str] = set()
        for row, eid in rows:
            try:
                fact = _membership(row, eid, target, alliance, ref, taken)
            except ValidationError as exc:  # a member leaving before the alliance it joins at begins
                raise AtopError(f"{data.files.members}, line {row.line}: {_reason(exc)}.") from None
            if fact.id in store.facts or (existing and restates(fact, existing)):
                continue
            records.append(("facts", fact))
            report.memberships += 1

    report.added = len(records)
    if records:
        store.add_records(f"import {dataset} {data.version}", records)
    return report


def _name(store: FactStore, eid: str) -> str:
    entity: Entity | None = store.entities.get(eid)
    if entity is not None:
        return entity.label
    try:
        return country_name(eid.split(":", 1)[1])
    except KeyError:
        return eid


def _alliance(alliance: AtopAlliance, rows: list[tuple[AtopMember, str]], names: dict[str, str], ref: DatasetRef) -> Entity:
    parties = list(dict.fromkeys(eid for _, eid in rows))
    shown = [names[e] for e in parties[:_NAMED]] if len(parties) <= _NAMED else [names[e] for e in parties[:_NAMED - 1]]
    who = "–".join(shown) + (f" and {len(parties) - len(shown)} others" if len(shown) < len(parties) else "")
    year = f", {alliance.begin.year}" if alliance.begin else ""
    name = f"{who} (ATOP {alliance.atopid}{year})" if who else f"ATOP {alliance.atopid}{year}"
    strongest = next((k for k in _KIND_WORDS if k in alliance.obligations), None)
    kind = f"{'bilateral' if alliance.bilateral else 'multilateral'} {_KIND_WORDS[strongest] if strongest else 'alliance'}"
    dates: dict[DateKind, Any] = {}
    if alliance.begin:
        dates[DateKind.SIGNED] = alliance.begin  # ATOP's begin date: the agreement's signature
    if alliance.end:
        dates[DateKind.ENDED] = alliance.end
    return Entity(
        id=f"alliance:atop-{alliance.atopid}",
        kind=EntityKind.ALLIANCE,
        name=name,
        codes={"atop": alliance.atopid},
        alliance_kind=kind,
        dates=dates,
        obligations=_obligations(alliance, rows),
        binding=True,  # ATOP codes only written agreements signed by official representatives
        dataset=ref,
        qualifiers=alliance.extras,
    )


def _obligations(alliance: AtopAlliance, rows: list[tuple[AtopMember, str]]) -> list[Obligation]:
    """Directed, from the member rows: X owes its partners what X's row codes; '*' when every member owes it."""
    parties = {eid for _, eid in rows}
    out: list[Obligation] = []
    for kind in ObligationType:
        owing = sorted({eid for row, eid in rows if kind in row.obligations})
        if owing and set(owing) == parties or (not owing and kind in alliance.obligations):
            # Every member owes it; or only the alliance-level row codes it (no member row does).
            out.append(Obligation(subject=EVERY_PARTY, object=EVERY_PARTY, type=kind))
        else:
            out += [Obligation(subject=eid, object=EVERY_PARTY, type=kind) for eid in owing]
    return out


def _membership(row: AtopMember, eid: str, target: str, alliance: AtopAlliance, ref: DatasetRef, taken: set[str]) -> Fact:
    base = f"fact:atop-{row.atopid}-{row.ccode}-{row.phase or 'x'}"
    fid, n = base, 1
    while fid in taken:  # the same member twice in one phase: kept apart, deterministically by file order
        n += 1
        fid = f"{base}-{n}"
    taken.add(fid)
    start = row.start or alliance.begin
    dates: dict[DateKind, Any] = {}
    if start:
        dates[DateKind.JOINED] = start
    if row.end:
        dates[DateKind.LEFT] = row.end
    return Fact(
        id=fid,
        subject=eid,
        relation=Relation.MEMBER_OF,
        object=target,
        start=start,
        end=row.end or "open",
        qualifiers={"atop.phase": row.phase, **row.extras} if row.phase else dict(row.extras),
        # Confirmed: a published data set, coded from the treaty texts and reviewed by its authors;
        # the user can still dispute any of its facts.
        status=FactStatus.CONFIRMED,
        origin=Origin.DATASET,
        dataset=ref,
        dates=dates,
    )
