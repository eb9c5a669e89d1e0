"""The world of a synthetic store: countries, alliances, who belongs where, and the facts to state.

Part of benchmarks/generate.py (see its docstring). Deterministic for a given random.Random.
"""

from __future__ import annotations

import bisect
import itertools
import random
from datetime import datetime, timezone
from typing import Any

from benchmarks import vocab as V
from store.countries import all_country_codes, country_entity
from store.pipeline.ingest import slugify
from store.models import Entity, EntityKind, Relation

N_ALLIANCES = 1000
COUNTRY_ZIPF = 0.75  # USA ≈ 11 % of the subjects, the 100th country ≈ 0.4 %
ALLIANCE_ZIPF = 0.9
LAST_YEAR = 2025  # facts are dated 1949–2025
MONTHS = "January February March April May June July August September October November December".split()
SPAN_RELATIONS = {Relation.MEMBER_OF, Relation.PARTNER_OF, Relation.OBSERVER_OF, Relation.APPLICANT_TO,
                  Relation.PARTY_TO, Relation.TREATY_ALLY_OF, Relation.DECLINES_TO_ARM}
TAKE_PART = {Relation.MEMBER_OF, Relation.ATTENDED, Relation.PARTNER_OF, Relation.OBSERVER_OF, Relation.APPLICANT_TO}


class Picker:
    """Weighted choice in O(log n) from fixed weights."""

    def __init__(self, items: list[Any], weights: list[float]) -> None:
        self.items = items
        self.cum = list(itertools.accumulate(weights))

    def __call__(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


def zipf(items: list[Any], s: float) -> Picker:
    return Picker(items, [1 / (r + 1) ** s for r in range(len(items))])


DATA_END = datetime(2026, 6, 30, tzinfo=timezone.utc).timestamp()  # the newest timestamp of the snapshots


def later(rng: random.Random, t: float, days: float) -> float:
    """A time up to ``days`` after t, never past DATA_END."""
    return t + rng.uniform(0, min(days * 86400, max(0.0, DATA_END - t)))


def iso_time(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def epoch(year: int, month: int = 1, day: int = 1) -> float:
    return datetime(year, month, day, tzinfo=timezone.utc).timestamp()


# --- entities ----------------------------------------------------------------------

class World:
    """Countries and alliances, with who belongs where and how busy each is."""

    def __init__(self, rng: random.Random, n_alliances: int) -> None:
        codes = [c for c in all_country_codes() if c not in V.TERRITORIES]
        rest = sorted(set(codes) - set(V.PROMINENT))
        rng.shuffle(rest)
        self.codes = [c for c in V.PROMINENT if c in codes] + rest
        self.countries = {c: country_entity(c) for c in self.codes}
        self.country = zipf(self.codes, COUNTRY_ZIPF)
        self.region = {name: [c for c in pool if c in self.countries] for name, pool in V.REGIONS.items()}
        self.alliances: list[Entity] = []
        self.pools: list[list[str]] = []
        self.dissolved: list[int] = []
        self._real()
        self._synthetic(rng, n_alliances)
        self.alliance = zipf(list(range(len(self.alliances))), ALLIANCE_ZIPF)
        weight = [1 / (r + 1) ** ALLIANCE_ZIPF for r in range(len(self.alliances))]
        by_country: dict[str, list[int]] = {c: [] for c in self.codes}
        for i, pool in enumerate(self.pools):
            for c in pool:
                by_country[c].append(i)
        self.alliances_of = {c: Picker(ix, [weight[i] for i in ix]) for c, ix in by_country.items() if ix}
        self.members = [set(p) for p in self.pools]

    def _add(self, slug: str, name: str, kind: str, founded: str | None, aliases: list[str], pool: list[str],
             dissolved: int = 0) -> None:
        self.alliances.append(Entity(
            id=f"alliance:{slug}", kind=EntityKind.ALLIANCE, name=name, alliance_kind=kind,
            aliases=[a for a in aliases if a and a != name], founded=founded,  # type: ignore[arg-type]
        ))
        self.pools.append(list(dict.fromkeys(c for c in pool if c in self.countries)))
        self.dissolved.append(dissolved)

    def _real(self) -> None:
        for slug, name, kind, founded, dissolved, aliases, members in V.REAL_ALLIANCES:
            pool = [c for m in members.split() for c in (self.region.get(m) or [m])]
            self._add(slug, name, kind, founded, aliases.split("|"), pool, dissolved)

    def _sample(self, rng: random.Random, pool: list[str], k: int) -> list[str]:
        """k countries of a pool, busy ones more likely (the pool's order follows the Zipf ranks)."""
        rank = {c: i for i, c in enumerate(self.codes)}
        ranked = sorted(pool, key=rank.__getitem__)
        pick = zipf(ranked, 0.6)
        out: dict[str, None] = {}
        for _ in range(k * 4):
            out[pick(rng)] = None
            if len(out) >= min(k, len(ranked)):
                break
        return list(out)

    def _synthetic(self, rng: random.Random, n: int) -> None:
        names = {a.name for a in self.alliances}
        slugs = {a.id for a in self.alliances}
        cname = lambda c: self.countries[c].name  # noqa: E731
        while len(self.alliances) < n:
            roll = rng.random()
            aliases: list[str] = []
            if roll < 0.35:
                adj, region = rng.choice(V.SEA_REGIONS)
                noun, kind = rng.choice(V.NOUNS)
                name = f"{adj} {rng.choice(V.DOMAINS)} {noun}"
                aliases.append("".join(w[0] for w in name.replace("-", " ").split() if w[0].isupper()))
                pool = self._sample(rng, self.region[region], rng.randint(4, 25))
                if rng.random() < 0.3:
                    pool.append("USA")
            elif roll < 0.60:
                a, b = self.country(rng), self.country(rng)
                if a == b:
                    continue
                treaty, kind = rng.choice(V.TREATIES)
                name, pool = f"{cname(a)}–{cname(b)} {treaty}", [a, b]
            elif roll < 0.68:
                trio = list(dict.fromkeys(self.country(rng) for _ in range(3)))
                if len(trio) < 3:
                    continue
                kind = "trilateral partnership"
                name = "–".join(map(cname, trio)) + rng.choice([" trilateral dialogue", " trilateral partnership"])
                pool = trio
            elif roll < 0.83:
                kind = rng.choice(V.OPERATION_TYPES)
                word = "Exercise" if kind == "multinational exercise" else "Operation"
                name = f"{word} {rng.choice(V.CODEWORDS_A)} {rng.choice(V.CODEWORDS_B)}"
                aliases.append(name.split(" ", 1)[1])
                pool = self._sample(rng, self.codes, rng.randint(3, 20))
            elif roll < 0.93:
                host = rng.choice(self.codes[20:])
                org = rng.choice(["UN", "EU", "AU", "OSCE"])
                what = rng.choice(["Stabilization Mission", "Training Mission", "Monitoring Mission", "Peacekeeping Force"])
                kind = "peacekeeping mission" if org in ("UN", "AU") else "training mission"
                name = f"{org} {what} in {cname(host)}"
                pool = self._sample(rng, self.codes, rng.randint(5, 30)) + [host]
            else:
                city = rng.choice(V.CITIES)
                name = f"{city} {rng.choice(['Process', 'Format', 'Security Conference', 'Declaration Group'])}"
                kind = "summit format"
                pool = self._sample(rng, self.codes, rng.randint(3, 12))
            if name in names:
                continue
            slug = slugify(name, 48)
            if f"alliance:{slug}" in slugs:
                slug = f"{slug}-{len(self.alliances)}"
            names.add(name)
            slugs.add(f"alliance:{slug}")
            year = 1949 + int((LAST_YEAR - 1949) * rng.random() ** 0.7)
            founded = rand_date(rng, year, year, day_share=0.4) if rng.random() < 0.85 else None
            self._add(slug, name, kind, founded, aliases, pool)


# --- dates -------------------------------------------------------------------------

def rand_date(rng: random.Random, lo: int, hi: int, *, day_share: float = 0.35, recent: bool = True) -> str:
    """A date between the years lo and hi, skewed towards recent years, at a random precision."""
    year = lo + int((hi - lo + 1) * (rng.random() ** 0.6 if recent else rng.random()))
    year = min(year, hi)
    r = rng.random()
    if r < day_share:
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        return f"{year}-{month:02d}-{day:02d}"
    if r < day_share + 0.3:
        return f"{year}-{rng.randint(1, 12):02d}"
    return str(year)


def say_date(value: str | None, *, since: bool = False) -> str:
    if value is None:
        return "recently"
    parts = value.split("-")
    if len(parts) == 1:
        return f"since {value}" if since else f"in {value}"
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"since {month} {parts[0]}" if since else f"in {month} {parts[0]}"
    return f"since {int(parts[2])} {month} {parts[0]}" if since else f"on {int(parts[2])} {month} {parts[0]}"


# --- facts (planned first, written into articles, then made records) ---------------

class Plan:
    __slots__ = ("subject", "relation", "object", "start", "end", "qualifiers", "excerpts")

    def __init__(self, subject: str, relation: Relation, obj: str, start: str | None, end: str,
                 qualifiers: dict[str, str]) -> None:
        self.subject, self.relation, self.object = subject, relation, obj
        self.start, self.end, self.qualifiers = start, end, qualifiers
        self.excerpts: list[int] = []


def plan_facts(rng: random.Random, world: World, n: int) -> list[Plan]:
    plans: list[Plan] = []
    seen: set[tuple[str, Relation, str]] = set()
    in_pool = [(Relation.MEMBER_OF, 45), (Relation.ATTENDED, 30), (Relation.PARTY_TO, 10),
               (Relation.PARTNER_OF, 6), (Relation.COOPERATES_WITH, 6), (Relation.OPPOSES, 3)]
    outside = [(Relation.PARTNER_OF, 30), (Relation.ATTENDED, 25), (Relation.OBSERVER_OF, 12),
               (Relation.APPLICANT_TO, 8), (Relation.OPPOSES, 12), (Relation.CONSULTS_WITH, 8), (Relation.COOPERATES_WITH, 5)]
    bilateral = [(Relation.ARMS_SUPPLIER_TO, 30), (Relation.COOPERATES_WITH, 25), (Relation.CONSULTS_WITH, 18),
                 (Relation.OPPOSES, 12), (Relation.TREATY_ALLY_OF, 10), (Relation.DECLINES_TO_ARM, 5)]
    pick_in = Picker(*zip(*in_pool))  # type: ignore[arg-type]
    pick_out = Picker(*zip(*outside))  # type: ignore[arg-type]
    pick_bi = Picker(*zip(*bilateral))  # type: ignore[arg-type]
    while len(plans) < n:
        subject = world.country(rng)
        if rng.random() < 0.7:
            mine = world.alliances_of.get(subject)
            i = mine(rng) if mine and rng.random() < 0.85 else world.alliance(rng)
            ally = world.alliances[i]
            relation = pick_in(rng) if subject in world.members[i] else pick_out(rng)
            kind = ally.alliance_kind or ""
            if kind in V.OPERATION_KINDS and relation in TAKE_PART:
                relation = Relation.PARTY_TO
            elif kind in V.TREATY_KINDS and relation in (Relation.ATTENDED, Relation.CONSULTS_WITH):
                relation = Relation.COOPERATES_WITH
            obj = ally.id
            lo = max(1949, ally.founded.year if ally.founded else 1949)
            hi = world.dissolved[i] or LAST_YEAR
        else:
            obj_code = world.country(rng)
            if obj_code == subject:
                continue
            relation = pick_bi(rng)
            if relation is Relation.ARMS_SUPPLIER_TO and subject not in V.EXPORTERS and obj_code in V.EXPORTERS:
                subject, obj_code = obj_code, subject
            obj = f"country:{obj_code}"
            lo, hi, kind, ally = 1949, LAST_YEAR, "", None
        if relation in SPAN_RELATIONS and (subject, relation, obj) in seen:
            if ally is None:
                relation = Relation.ARMS_SUPPLIER_TO
            elif kind in V.OPERATION_KINDS or kind in V.TREATY_KINDS:
                relation = Relation.COOPERATES_WITH
            else:
                relation = Relation.ATTENDED
        seen.add((subject, relation, obj))
        event = relation.event
        start = None if rng.random() < 0.03 else rand_date(rng, lo, hi, day_share=0.6 if event else 0.3)
        end = "open"
        if not event:
            r = rng.random()
            first = int(start[:4]) if start else lo
            if start is None:
                end = "unknown" if r < 0.3 else "open"
            elif hi < LAST_YEAR:  # the alliance was dissolved: so was the membership
                end = rand_date(rng, first, hi, recent=False)
            elif r < 0.08:
                end = "unknown"
            elif r < 0.25 and first < LAST_YEAR:
                end = rand_date(rng, first + 1, LAST_YEAR, recent=False)
            if end not in ("open", "unknown") and start and end[:4] == start[:4]:
                end = end[:4]  # same year: year precision keeps it after the start
        plans.append(Plan(f"country:{subject}", relation, obj, start, end, qualifiers(rng, relation, start, ally)))
    return plans


def qualifiers(rng: random.Random, relation: Relation, start: str | None, ally: Entity | None) -> dict[str, str]:
    q: dict[str, str] = {}
    if relation is Relation.ATTENDED:
        q["summit"] = rng.choice(V.CITIES)
        q["level"] = rng.choice(V.LEVELS)
    elif relation is Relation.MEMBER_OF and ally and ally.founded and start and start[:4] == str(ally.founded.year):
        q["role"] = "founding"
    elif relation is Relation.PARTNER_OF:
        q["role"] = rng.choice(V.PARTNER_ROLES)
    elif relation is Relation.ARMS_SUPPLIER_TO:
        q["deal"] = rng.choice(V.ARMS)
    elif relation is Relation.COOPERATES_WITH:
        q["domain"] = rng.choice(V.COOP_DOMAINS)
    elif relation is Relation.CONSULTS_WITH:
        q["level"] = rng.choice(V.LEVELS)
    elif relation is Relation.OPPOSES:
        q["issue"] = rng.choice(V.ISSUES)
    elif relation is Relation.TREATY_ALLY_OF:
        q["treaty"] = rng.choice([t for t, _ in V.TREATIES])
    elif relation is Relation.APPLICANT_TO:
        q["status"] = rng.choice(["pending", "possible", "withdrawn"])
    if rng.random() < 0.08:
        q["note"] = rng.choice(["according to the article", "reported by officials", "not confirmed by the ministry"])
    return q
