"""The articles of a synthetic store: paragraphs that state the facts, excerpts, mentions, sources.

Part of benchmarks/generate.py (see its docstring). Each fact becomes a sentence in one paragraph of an
article about its subject; offsets and quote selectors are checked against store.pipeline.ingest's paragraphs.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timezone
from typing import Any

from benchmarks import vocab as V
from benchmarks.synth_world import DATA_END, LAST_YEAR, Plan, World, epoch, iso_time, later, rand_date, say_date
from store.countries import EXTRA_ALIASES
from store.pipeline.ingest import paragraph_spans, quote_selector, sha256_text, slugify
from store.models import Excerpt, Mention, Relation, Source

# --- articles: text, excerpts, mentions --------------------------------------------

class Paragraph:
    """One paragraph's text, built piece by piece, with where each entity name lands."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.mentions: list[tuple[str, int, int]] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def sentence(self, pieces: list[Any]) -> None:
        """Pieces are text or (entity_id, name, lead) triples; a lead ("the ") is not part of the mention."""
        if self.pos:
            self.add(" ")
        for i, piece in enumerate(pieces):
            if isinstance(piece, str):
                self.add(_cap(piece) if i == 0 else piece)
                continue
            entity_id, name, lead = piece
            if lead:
                self.add(_cap(lead) if i == 0 else lead)
            elif i == 0:
                name = _cap(name)
            self.mentions.append((entity_id, self.pos, self.pos + len(name)))
            self.add(name)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lead(name: str, kind: str) -> str:
    """'the ' before a grouping's full name in running text, not before an acronym or an operation."""
    if name.isupper() or name.startswith(("the ", "Operation ", "Exercise ")):
        return ""
    if kind in V.OPERATION_KINDS and not name.startswith(("UN ", "EU ", "AU ", "OSCE ", "NATO", "United Nations")):
        return ""  # a code name: "took part in Iron Shield"
    return "the " if " " in name or "–" in name else ""


class Writer:
    """Words for the facts: entity names (now and then an alias) and a sentence per relation."""

    def __init__(self, world: World) -> None:
        self.names: dict[str, list[tuple[str, str]]] = {}  # entity id → [(name, lead), (alias, lead) …]
        for code, e in world.countries.items():
            lead = "the " if code in V.THE_COUNTRIES else ""
            aliases = [(a, "the " if a in V.THE_ALIASES else "") for a in EXTRA_ALIASES.get(code, [])[:3]]
            self.names[e.id] = [(e.name, lead), *aliases]
        self.operation = {c.id: False for c in world.countries.values()}
        for a in world.alliances:
            kind = a.alliance_kind or ""
            self.operation[a.id] = kind in V.OPERATION_KINDS
            self.names[a.id] = [(a.name, _lead(a.name, kind)), *((x, _lead(x, kind)) for x in a.aliases)]

    def name(self, rng: random.Random, entity_id: str, *, lead: bool = True) -> tuple[str, str, str]:
        names = self.names[entity_id]
        if len(names) > 1 and rng.random() < (0.35 if entity_id.startswith("alliance:") else 0.1):
            name, article = rng.choice(names[1:])
        else:
            name, article = names[0]
        return entity_id, name, article if lead else ""

    def full(self, entity_id: str) -> str:
        name, article = self.names[entity_id][0]
        return article + name

    def fact(self, rng: random.Random, p: Plan) -> list[Any]:
        S, O, q, when = self.name(rng, p.subject), self.name(rng, p.object), p.qualifiers, say_date(p.start)
        R = Relation
        dated_end = p.end not in ("open", "unknown")
        if p.relation is R.MEMBER_OF:
            if dated_end and p.start:
                return [S, " was a member of ", O, " from ", bare(p.start), " until ", bare(p.end), "."]
            if p.start is None:
                return [S, " is a member of ", O, "."]
            if rng.random() < 0.5:
                return [S, " joined ", O, " ", when, "."]
            return [S, " has been a member of ", O, " ", say_date(p.start, since=True), "."]
        body = {
            R.ATTENDED: lambda: ["at " if O[1].startswith("the ") else "at the ", (*O[:2], ""), f" summit in {q['summit']} {when}, ", S, f" was represented by its {q['level']}"],
            R.PARTY_TO: lambda: [S, " took part in " if self.operation[p.object] else " became a party to ", O, f" {when}"],
            R.PARTNER_OF: lambda: [S, f" became {'an' if q['role'][0] in 'aeiou' else 'a'} {q['role']} of ", O, f" {when}"],
            R.OBSERVER_OF: lambda: [S, " was granted observer status in ", O, f" {when}"],
            R.APPLICANT_TO: lambda: [S, " applied to join ", O, f" {when}"],
            R.COOPERATES_WITH: lambda: [S, " stepped up its cooperation with ", O, f" on {q['domain']} {when}"],
            R.CONSULTS_WITH: lambda: [S, " held talks with ", O, f" at {q['level']} level {when}"],
            R.OPPOSES: lambda: [S, " voiced its opposition to ", O, f" over {q['issue']} {when}"],
            R.ARMS_SUPPLIER_TO: lambda: [S, f" agreed to deliver {q['deal']} to ", O, f" {when}"],
            R.TREATY_ALLY_OF: lambda: [S, " and ", O, f" signed a {q['treaty']} {when}"],
            R.DECLINES_TO_ARM: lambda: [S, " has declined to send weapons directly to ", O, ", officials said"],
        }[p.relation]()
        if dated_end:
            body.append(f" (until {bare(p.end)})")
        return [*body, "."]

    def filler(self, rng: random.Random, country: str, pattern: str) -> list[Any]:
        head, sep, tail = pattern.format(city=rng.choice(V.CITIES), country="\0").partition("\0")
        if not sep:
            return [head]
        return [p for p in (head, self.name(rng, country), tail) if p]


def bare(value: str) -> str:
    return say_date(value).split(" ", 1)[1]


def split_counts(rng: random.Random, total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Integers proportional to weights that sum to total (largest remainder), each at least minimum."""
    n = len(weights)
    free = total - minimum * n
    scale = free / sum(weights)
    raw = [w * scale for w in weights]
    out = [int(r) for r in raw]
    order = sorted(range(n), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[: free - sum(out)]:
        out[i] += 1
    return [o + minimum for o in out]


class Articles:
    """N/50 articles of several paragraphs; each fact is written into one paragraph and cites 1–3."""

    def __init__(self, rng: random.Random, world: World, plans: list[Plan], n_articles: int, n_excerpts: int) -> None:
        self.sources: list[Source] = []
        self.excerpts: list[Excerpt] = []
        self.retrieved: list[float] = []  # per source, for the facts' created times
        self.fact_source: list[int] = [0] * len(plans)
        writer = Writer(world)
        sizes = split_counts(rng, n_excerpts, [rng.uniform(0.5, 1.5) for _ in range(n_articles)], minimum=1)
        headings = [sorted(rng.sample(range(2, k - 1), rng.choice([0, 0, 1, 2]))) if k >= 6 else [] for k in sizes]
        bodies = [k - len(h) for k, h in zip(sizes, headings)]
        shares = split_counts(rng, len(plans), [float(b) for b in bodies])
        order = sorted(range(len(plans)), key=lambda i: (plans[i].subject, plans[i].start or "", i))
        offset = 0
        for a, (k, heads, nb, nf) in enumerate(zip(sizes, headings, bodies, shares)):
            mine = order[offset:offset + nf]
            offset += nf
            self._article(rng, world, writer, plans, mine, k, set(heads), nb)
            for i in mine:
                self.fact_source[i] = a

    def _article(self, rng: random.Random, world: World, writer: Writer, plans: list[Plan], mine: list[int],
                 k: int, heads: set[int], nb: int) -> None:
        country = plans[mine[0]].subject if mine else f"country:{world.country(rng)}"
        paragraphs = [Paragraph() for _ in range(k)]
        body = [i for i in range(k) if i not in heads]
        for h in heads:
            paragraphs[h].sentence(writer.filler(rng, country, rng.choice(V.HEADINGS)))
        primary: list[list[int]] = [[] for _ in range(nb)]
        for j, i in enumerate(mine):
            b = j * nb // len(mine)
            primary[b].append(i)
            extra = min(nb - 1, rng.choices((0, 1, 2), (45, 35, 20))[0])
            others = rng.sample([x for x in range(nb) if x != b], extra) if extra else []
            plans[i].excerpts = [b, *others]
        for b, facts in enumerate(primary):
            para = paragraphs[body[b]]
            if not facts or rng.random() < 0.4:
                para.sentence(writer.filler(rng, country, rng.choice(V.FILLERS)))
            for i in facts:
                para.sentence(writer.fact(rng, plans[i]))
            if not facts:
                para.sentence(writer.filler(rng, country, rng.choice(V.FILLERS)))
        texts = [p.text for p in paragraphs]
        text = "\n\n".join(texts)
        spans, pos = [], 0
        for t in texts:
            spans.append((pos, pos + len(t)))
            pos += len(t) + 2
        if list(paragraph_spans(text)) != spans:  # the importer must see the same paragraphs
            raise AssertionError("generated paragraphs do not split as the importer splits them")

        objects = [plans[i].object for i in mine if plans[i].object != country]
        # Counter breaks ties by first occurrence: a set's order would change with PYTHONHASHSEED.
        other = Counter(objects).most_common(1)[0][0] if objects else "alliance:nato"
        title = _cap(rng.choice(V.TITLES).format(country=writer.full(country), other=writer.full(other)))
        starts = [plans[i].start for i in mine if plans[i].start]
        latest = max(starts) if starts else rand_date(rng, 1990, LAST_YEAR)
        y, m, d = int(latest[:4]), int(latest[5:7] or 1), int(latest[8:10] or 1)
        published_t = min(epoch(y, m, d) + rng.uniform(0, 60) * 86400, DATA_END - 86400)
        pub = datetime.fromtimestamp(published_t, timezone.utc)
        published = pub.strftime("%Y-%m") if rng.random() < 0.15 else pub.strftime("%Y-%m-%d")
        retrieved = later(rng, max(published_t, epoch(2023)), 900)
        digest = sha256_text(text)
        slug = slugify(title)
        source_id = f"src:{slug}-{digest[:6]}"
        publisher = rng.choice(V.PUBLISHERS)
        authors = [f"{rng.choice(V.FIRST_NAMES)} {rng.choice(V.LAST_NAMES)}" for _ in range(rng.choice([1, 1, 2, 3]))]
        self.sources.append(Source(
            id=source_id, title=title, publisher=publisher, authors=list(dict.fromkeys(authors)),
            published=published,  # type: ignore[arg-type]
            url=f"https://news.example/{slugify(publisher)}/{pub.year}/{slug}", retrieved=iso_time(retrieved),
            text=text, sha256=digest,
        ))
        self.retrieved.append(retrieved)
        key = source_id.removeprefix("src:")
        first = len(self.excerpts)
        for n, ((start, end), para) in enumerate(zip(spans, paragraphs), 1):
            self.excerpts.append(Excerpt(
                id=f"exc:{key}:{n:03d}", source_id=source_id, start=start, end=end,
                quote=quote_selector(text, start, end), heading=(n - 1) in heads,
                mentions=[Mention(entity_id=e, start=s, end=t) for e, s, t in para.mentions],
            ))
        for i in mine:  # body paragraph numbers → excerpt indices
            plans[i].excerpts = [first + body[b] for b in plans[i].excerpts]
