"""Precision and recall of article extraction on the development set (issue 14).

    PYTHONPATH=$PWD .venv/bin/python benchmarks/extraction_eval.py [-v] [--set devset|heldout|heldout2]
        [--known store|world] [--learned] [ARTICLE.txt …]

The development set is ``benchmarks/devset/``: real articles in ``articles/`` and, for each, a
hand-labelled gold file in ``gold/`` (the rules are in ``benchmarks/devset/README.md``). Three
scores are printed, each as precision, recall and F1 with the counts behind them:

- **mentions**: the countries and alliances named in each paragraph, micro-averaged over
  paragraphs as in ``gazetteer_eval.py`` (a country named five times in a paragraph counts once);
- **links**: the gold facts that the starter store already holds (same subject, relation and
  object; symmetric relations in either order), against the (subject, relation, object) triples
  the pipeline attached the article's passages to;
- **proposals**: the other gold facts, against the triples the pipeline proposed as new facts.
  A proposal that restates a starter fact counts as a link, and a link to a fact the gold calls a
  proposal counts as a proposal: what is scored is the triple, wherever the pipeline filed it.
- **facts**: links and proposals together, per article, as the issue's figures are stated.

Facts are compared per article as (subject, relation, object) triples, ignoring dates and
paragraphs. Modality is kept only where it flips the claim: a gold fact that is ``negated`` or
``denied`` is the triple ``(subject, "not relation", object)``, and so is a pipeline's fact whose
qualifiers carry such a modality; asserting what an article negates is a false positive.
Alliance mentions are scored twice: over the alliances the starter store knows ("store"), and
over every grouping the gold names, new ones included ("all"). ``-v`` lists every miss (FN) and false positive (FP) with its article and paragraph.

``--learned`` switches the claims stage's learned fallback on (``import --learned``; off by default).

``--set heldout`` scores the held-out set ``benchmarks/heldout/`` instead (never tune on it; see its
README). Its gold uses the slugs of the researched world (``store/data/world/``): a world alliance
the starter store lacks counts as a new entity the pipeline may propose. ``--known world`` splits
links from proposals by the facts that world holds instead of the starter store's.

A new pipeline plugs in through one function: :func:`run_pipeline` takes the starter store's
folder and an article's path and returns an :class:`Extraction`. Replace it (or pass another
callable to :func:`evaluate`) to score another extractor on the same gold.
"""

from __future__ import annotations

import re
import json
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "benchmarks" / "devset"
ARTICLES = DEVSET / "articles"
GOLD = DEVSET / "gold"
SETS = {"devset": DEVSET, **{name: ROOT / "benchmarks" / name for name in (
    "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9",
    "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17",
    "heldout18", "heldout19", "heldout20", "heldout21", "heldout22", "heldout23", "heldout24", "heldout25",
    "heldout26", "heldout27", "heldout28", "heldout29", "heldout30", "heldout31", "heldout32", "heldout33",
    "heldout34", "heldout35", "heldout36", "heldout37",
    "heldout38", "heldout39", "heldout40", "heldout41",
    "heldout42", "heldout43", "heldout44", "heldout45", "heldout46", "heldout47", "heldout48", "heldout49",
    "heldout50", "heldout51", "heldout52", "heldout53", "heldout54", "heldout55", "heldout56", "heldout57",
    "heldout58", "heldout59", "heldout60", "heldout61",
    "heldout62", "heldout63", "heldout64", "heldout65",
    "heldout66", "heldout67", "heldout68", "heldout69", "heldout70", "heldout71", "heldout72", "heldout73",
    "heldout74", "heldout75", "heldout76", "heldout77", "heldout78", "heldout79", "heldout80", "heldout81",
    "heldout82", "heldout83", "heldout84", "heldout85", "heldout86", "heldout87", "heldout88", "heldout89",
    "heldout90", "heldout91", "heldout92", "heldout93", "heldout94", "heldout95", "heldout96", "heldout97",
    "heldout98", "heldout99", "heldout100", "heldout101", "heldout102", "heldout103", "heldout104", "heldout105",
    "heldout106", "heldout107", "heldout108", "heldout109", "heldout110", "heldout111", "heldout112", "heldout113",
    "heldout114", "heldout115", "heldout116", "heldout117", "heldout118", "heldout119", "heldout120", "heldout121",
    "heldout122", "heldout123", "heldout124", "heldout125", "heldout127", "heldout128", "heldout129", "heldout130",
    "heldout131", "heldout132")}}
WORLD = ROOT / "store" / "data" / "world"
# Slugs of store/data/world/treaties.tsv that the store will carry under another name.
WORLD_RENAMES = {"us-japan-1960": "us-japan-alliance", "us-rok": "us-rok-alliance"}

Triple = tuple[str, str, str]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, found: set, expected: set, where: str) -> None:
        self.tp += len(found & expected)
        self.fp += len(found - expected)
        self.fn += len(expected - found)
        self.errors += [f"FP {_show(e):48} {where}" for e in sorted(found - expected)]
        self.errors += [f"FN {_show(e):48} {where}" for e in sorted(expected - found)]

    def line(self, label: str) -> str:
        return (f"{label:18} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
                f"  (tp {self.tp}, fp {self.fp}, fn {self.fn})")


def _show(item: object) -> str:
    return " ".join(item) if isinstance(item, tuple) else str(item)


# --- the article as the importer reads it ---------------------------------------------------

def read_body(path: Path) -> str:
    """The article's body exactly as the importer stores it (``Source.text``)."""
    from store.pipeline.parsing import parse_document
    from store.pipeline.reading import read_file

    text, fmt = read_file(path)
    return parse_document(text, fmt, str(path)).article.body


def paragraphs(path: Path) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of the article's body, as the importer splits it."""
    from store.pipeline.ingest import paragraph_spans

    return list(paragraph_spans(read_body(path)))


# --- what a pipeline returns ----------------------------------------------------------------

@dataclass
class Extraction:
    """What a pipeline found in one article.

    ``mentions[i]``: the entity ids (``country:JPN``, ``alliance:quad`` …) found in paragraph i
    of the body (paragraphs as :func:`paragraphs` gives them). ``links``: triples of facts already
    in the store that the article's passages were attached to. ``proposals``: triples proposed as
    new facts. ``detail`` maps a triple to a short note for ``-v`` (paragraph, cue).
    """

    mentions: list[set[str]]
    links: set[Triple] = field(default_factory=set)
    proposals: set[Triple] = field(default_factory=set)
    detail: dict[Triple, str] = field(default_factory=dict)
    # Entities the pipeline proposed as new: id → (name, aliases, member iso3 codes, alliance kind).
    new_entities: dict[str, tuple[str, list[str], list[str], str]] = field(default_factory=dict)


Pipeline = Callable[[Path, Path], Extraction]


def run_pipeline(starter: Path, article: Path) -> Extraction:
    """Today's pipeline: import the article into a copy of the starter store and read back
    the excerpts' mentions, the facts it proposed and the existing facts it proposed evidence links to."""
    from store.pipeline.importer import import_files
    from store.repository import FactStore

    spans = paragraphs(article)
    with tempfile.TemporaryDirectory(prefix="devset-") as tmp:
        folder = Path(tmp) / "store"
        shutil.copytree(starter, folder)
        store = FactStore.open(folder, create=False)
        try:
            (report,) = import_files(store, [article])
        finally:
            store.close()
    return extraction_of(report, spans)


def extraction_of(report: Any, spans: Sequence[tuple[int, int]]) -> Extraction:
    """What an import's report says the pipeline found, by paragraph (``spans``)."""
    mentions: list[set[str]] = [set() for _ in spans]
    where: dict[str, int] = {}
    for excerpt in report.excerpts:
        i = _paragraph_of(spans, excerpt.start)
        where[excerpt.id] = i
        mentions[i].update(m.entity_id for m in excerpt.mentions)
    out = Extraction(mentions)
    for e in report.groupings_proposed:
        members = [m.removeprefix("country:") for m in e.proposal.members] if e.proposal else []
        out.new_entities[e.id] = (e.name, list(e.aliases), members, e.alliance_kind or "")
    for fact in report.proposed:
        triple = (fact.subject, _relation_key(fact.relation.value, fact.qualifiers.get("modality")), fact.object)
        out.proposals.add(triple)
        out.detail[triple] = _note(fact.evidence, where, fact.qualifiers.get("cue", ""))
    for link in report.links_proposed:
        if link.stance.value != "supports":
            continue  # a passage that contradicts a fact does not state it
        f = report.linked_facts[link.fact_id]
        triple = (f.subject, f.relation.value, f.object)
        out.links.add(triple)
        out.detail[triple] = _note([link.excerpt_id], where, f"link proposed ({link.cue})")
    return out


NEGATING = frozenset({"negated", "denied"})


def _relation_key(relation: str, modality: str | None) -> str:
    return f"not {relation}" if modality in NEGATING else relation


def _paragraph_of(spans: Sequence[tuple[int, int]], offset: int) -> int:
    for i, (start, end) in enumerate(spans):
        if start <= offset < end:
            return i
    raise ValueError(f"offset {offset} lies in no paragraph")


def _note(excerpt_ids: Iterable[str], where: dict[str, int], cue: str) -> str:
    paras = sorted({where[x] for x in excerpt_ids if x in where})
    return f"¶{','.join(map(str, paras))} {cue}".strip()


# --- the gold and the starter store ----------------------------------------------------------

def gold_path(article: Path) -> Path:
    """The gold file of ``article``: ``gold/<stem>.json`` beside its ``articles/`` folder."""
    return article.resolve().parent.parent / "gold" / (article.stem + ".json")


def load_gold(article: Path) -> dict:
    return json.loads(gold_path(article).read_text(encoding="utf-8"))


# --- the researched world (store/data/world/), for the held-out set --------------------------

def _world_rows(name: str) -> list[dict[str, str]]:
    from store.datasets.starter import read_tsv

    return list(read_tsv(WORLD / name))


def _world_id(code: str) -> str:
    return f"country:{code}" if code.isupper() else "alliance:" + WORLD_RENAMES.get(code, code)


def world_alliances() -> dict[str, dict]:
    """Each alliance of the world (renamed as the store will name it) as a gold ``new_entities`` entry:
    slug, name, kind, founding and later members, and its short name and aliases."""
    members: dict[str, set[str]] = {}
    for row in _world_rows("memberships.tsv"):
        if row["event"] in MEMBER_EVENTS:
            members.setdefault(row["alliance"], set()).add(row["country"])
    out = {}
    for row in _world_rows("treaties.tsv"):
        slug = WORLD_RENAMES.get(row["slug"], row["slug"])
        aliases = [a for a in (row.get("short_name") or "", *(row.get("aliases") or "").split("|")) if a]
        out[slug] = {"slug": slug, "name": row["name"], "kind": row["kind"],
                     "members": sorted(members.get(row["slug"], ())), "aliases": aliases, "world": True}
    return out


def world_slugs() -> set[str]:
    """The alliance slugs the store will have once the world data lands: the world's (renamed)
    and ``groupings.tsv``'s."""
    from store.datasets.starter import read_tsv

    groupings = {row["slug"] for row in read_tsv(ROOT / "store" / "data" / "groupings.tsv")}
    return set(world_alliances()) | groupings


# membership events → the relation the world's loader is expected to give them
MEMBER_EVENTS = frozenset({"founding", "signed", "in_force", "joined", "left", "resumed"})
EVENT_RELATION = {**{e: "member_of" for e in MEMBER_EVENTS},
                  "applied": "applicant_to", "invited": "applicant_to",
                  "accession_protocol_signed": "applicant_to",
                  "partner": "partner_of", "observer": "observer_of", "suspended": "suspended_from"}


def world_triples() -> set[Triple]:
    """(subject, relation, object) of every fact the researched world holds: memberships as
    ``EVENT_RELATION`` maps their events, and every row of ``events.tsv``."""
    out: set[Triple] = set()
    for row in _world_rows("memberships.tsv"):
        out.add((_world_id(row["country"]), EVENT_RELATION[row["event"]], _world_id(row["alliance"])))
    for row in _world_rows("events.tsv"):
        out.add((_world_id(row["subject"]), row["relation"], _world_id(row["object"])))
    return out


def build_starter(folder: Path) -> Path:
    """A fresh starter store at ``folder`` (what every import is scored against)."""
    from store.repository import FactStore

    FactStore.open(folder).close()
    return folder


def starter_triples(folder: Path) -> set[Triple]:
    from store.repository import FactStore

    store = FactStore.open(folder, readonly=True, create=False)
    try:
        return {(f.subject, f.relation.value, f.object) for f in store.facts.values()}
    finally:
        store.close()


def starter_alliances(folder: Path) -> set[str]:
    """Slugs of the alliances and groupings the starter store holds."""
    from store.repository import FactStore

    store = FactStore.open(folder, readonly=True, create=False)
    try:
        return {i.removeprefix("alliance:") for i in store.entities if i.startswith("alliance:")}
    finally:
        store.close()


def starter_names(folder: Path) -> dict[str, str]:
    """Each name, short name and alias of the starter store's alliances (folded) → its slug, where only one has it."""
    from store.repository import FactStore

    store = FactStore.open(folder, readonly=True, create=False)
    try:
        seen: dict[str, set[str]] = {}
        for i, e in store.entities.items():
            if i.startswith("alliance:") and e.proposal is None:
                for n in (e.name, e.short_name or "", *e.aliases):
                    if n:
                        seen.setdefault(_fold(n), set()).add(i.removeprefix("alliance:"))
        return {n: next(iter(s)) for n, s in seen.items() if len(s) == 1}
    finally:
        store.close()


_PARENTHESES = re.compile(r"\s*\(([^)]*)\)")


def _gold_names(entry: dict) -> set[str]:
    """A gold entity's names: its name with and without what it puts in parentheses, each name there, its aliases."""
    name = entry["name"]
    inside = [p.strip() for m in _PARENTHESES.finditer(name) for p in m.group(1).split(",")]
    return {_fold(n) for n in (name, _PARENTHESES.sub("", name), *inside, *entry.get("aliases", ())) if n.strip()}


def with_store_names(gold: dict, names: dict[str, str]) -> dict:
    """``gold`` with each new entity that the starter store holds under one of its names renamed to the store's
    slug (and no longer new): a set labelled before the store gained a grouping scores its mentions and facts as
    the store's. Ids are compared by name only, as a reader would: "Bucharest Nine (B9)" is the store's B9."""
    rename: dict[str, str] = {}
    for entry in gold.get("new_entities", []):
        slugs = {names[n] for n in _gold_names(entry) if n in names}
        if len(slugs) == 1 and entry["slug"] not in names.values():
            rename[entry["slug"]] = slugs.pop()
    if not rename:
        return gold

    def ids(e: str) -> str:
        return "alliance:" + rename[e.removeprefix("alliance:")] if e.removeprefix("alliance:") in rename else e

    return {**gold,
            "paragraphs": [{**p, "alliances": [rename.get(a, a) for a in p["alliances"]]} for p in gold["paragraphs"]],
            "facts": [{**f, "subject": ids(f["subject"]), "object": ids(f["object"])} for f in gold["facts"]],
            "new_entities": [e for e in gold.get("new_entities", []) if e["slug"] not in rename]}


def symmetric_relations() -> frozenset[str]:
    from store.pipeline.extract.claims import SYMMETRIC

    return frozenset(r.value for r in SYMMETRIC)


def canonical(triple: Triple, symmetric: frozenset[str]) -> Triple:
    """Symmetric relations compared in either order (negated ones too)."""
    s, r, o = triple
    return (min(s, o), r, max(s, o)) if r.removeprefix("not ") in symmetric else triple


# --- scoring ---------------------------------------------------------------------------------

@dataclass
class Result:
    countries: Score = field(default_factory=Score)
    alliances: Score = field(default_factory=Score)  # the starter store's alliances only
    alliances_all: Score = field(default_factory=Score)  # new groupings of the gold included
    links: Score = field(default_factory=Score)
    proposals: Score = field(default_factory=Score)
    facts: Score = field(default_factory=Score)
    # The same, with ``member_of`` and ``party_to`` one relation: the labellers' largest disagreement (a programme's or
    # an agreement's members as one or the other; benchmarks/devset/README.md, the fourteenth and fifteenth rounds).
    facts_belonging: Score = field(default_factory=Score)
    articles: int = 0
    paragraphs: int = 0


def evaluate(articles: Sequence[Path], pipeline: Pipeline = run_pipeline,
             starter: Path | None = None, known_from: str = "store",
             gold_of: Callable[[Path], dict] | None = None) -> Result:
    """Score ``pipeline`` on ``articles`` (each with its gold file, or what ``gold_of`` reads for it).

    ``known_from``: ``"store"`` files a gold fact as a link when the starter store holds it,
    ``"world"`` when the researched world (``store/data/world/``) does."""
    symmetric = symmetric_relations()
    world = world_alliances()
    with tempfile.TemporaryDirectory(prefix="devset-starter-") as tmp:
        folder = starter or build_starter(Path(tmp) / "starter")
        triples = world_triples() if known_from == "world" else starter_triples(folder)
        known = {canonical(t, symmetric) for t in triples}
        slugs = starter_alliances(folder)
        names = starter_names(folder)
        result = Result()
        for article in articles:
            gold = with_world_entities(with_store_names((gold_of or load_gold)(article), names), slugs, world)
            found = pipeline(folder, article)
            _score_article(result, article, gold, found, known, symmetric, slugs)
    return result


def with_world_entities(gold: dict, slugs: set[str], world: dict[str, dict]) -> dict:
    """``gold`` with each world alliance it names that the starter store lacks added to its
    ``new_entities``: a pipeline that proposes it as a new entity has found it."""
    named = {a for p in gold["paragraphs"] for a in p["alliances"]}
    named |= {e.removeprefix("alliance:") for f in gold["facts"] for e in (f["subject"], f["object"])
              if e.startswith("alliance:")}
    have = {e["slug"] for e in gold.get("new_entities", [])}
    extra = [world[a] for a in sorted(named - slugs - have) if a in world]
    return {**gold, "new_entities": [*gold.get("new_entities", []), *extra]} if extra else gold


_SPELLINGS = (("programme", "program"), ("defence", "defense"), ("organisation", "organization"))


def _fold(name: str) -> str:
    """A name as the scorer compares it: case, dashes and British or American spelling aside."""
    name = name.replace("–", "-").replace("—", "-").casefold().strip()
    for british, american in _SPELLINGS:
        name = name.replace(british, american)
    return " ".join(name.removeprefix("the ").split())


def _agreement(kind: str) -> bool:
    """Whether a kind is one its parties are ``party_to``, as the labelling rules code them: "an agreement, plan or
    memorandum" (a memorandum of understanding is the same sort as the pipeline's "agreement")."""
    # A framework, roadmap or plan of cooperation too ("defence cooperation framework", "bilateral roadmap"), by its own
    # name, not by a gloss in brackets ("partnership (non-binding political framework …)" is a partnership).
    return (any(w in kind.lower() for w in ("agreement", "accord", "treaty", "programme", "pact", "memorandum", "mou",
                                             "arrangement", "letter of intent", "compact"))
            or re.search(r"\b(?:framework|roadmap|plan)\b", re.sub(r"\([^)]*\)", "", kind.lower())) is not None)


def _alliance_like(kind: str) -> bool:
    """A defence treaty is both sorts: "a treaty with a mutual defence clause" is "a bilateral alliance"."""
    return bool(re.search(r"alliance|defen[cs]e treaty|defen[cs]e pact|mutual defen[cs]e", kind.lower()))


def _name_parts(g: dict) -> list[str]:
    """The name and the acronym of a gold name written with both ("Gulf Cooperation Council (GCC)")."""
    return [part for n in (g["name"], *g.get("aliases", ())) if (m := re.fullmatch(r"(.+?)\s*\(([^()]+)\)", n))
            for part in m.groups()]


def match_new_entities(found: Extraction, gold: dict) -> dict[str, str]:
    """Each entity the pipeline proposed → the gold's ``new_entities`` entry it is (``alliance:<slug>``).

    The same member set and the same sort (an agreement, or a grouping), or else the same name,
    alias or acronym (the gold entry's ``aliases`` too, where it has them). A world alliance
    (``world``) matches on members whatever the sort: a defence treaty there is both an alliance
    and an agreement; one proposed entity maps to at most one gold entry and back. Unmatched
    entities keep their ids and count as false positives wherever they appear.
    """
    wanted = gold.get("new_entities", [])
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for eid, (name, aliases, members, kind) in found.new_entities.items():
        names = {_fold(n) for n in (name, *aliases)}
        by_members = [g for g in wanted if g["slug"] not in taken and members
                      and set(g["members"]) == set(members)
                      and (g.get("world") or _agreement(g["kind"]) == _agreement(kind)
                           or _alliance_like(g["kind"]) and _alliance_like(kind))]
        by_name = [g for g in wanted if g["slug"] not in taken
                   and ({_fold(n) for n in (g["name"], *g.get("aliases", ()))} & names
                        or g["slug"] in {n.replace(" ", "-") for n in names})]
        if len(by_members) > 1:
            # Two agreements of one pair ("the VFA and the EDCA"): the one the name or acronym tells, else the one
            # whose name and kind share the most words of what the proposal is about ("agreement on information
            # security" is the pair's information security agreement, not its equipment transfer agreement).
            by_members = ([g for g in by_members if _names_overlap(names, g)] or _most_alike(names, kind, by_members)
                          or by_members)
        # Last, a gold name written with its acronym, "Gulf Cooperation Council (GCC)": the name alone.
        by_part = [g for g in wanted if g["slug"] not in taken and {_fold(n) for n in _name_parts(g)} & names]
        match = (by_members[0] if len(by_members) == 1 else by_name[0] if by_name else
                 by_part[0] if len(by_part) == 1 else None)
        if match is not None:
            mapping[eid] = "alliance:" + match["slug"]
            taken.add(match["slug"])
    return mapping


_GENERIC_WORDS = frozenset("""the of on and for a an to in with between related concerning regarding agreement accord
    treaty pact arrangement memorandum understanding letter intent declaration joint bilateral trilateral""".split())


def _content_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", _fold(text))) - _GENERIC_WORDS


def _most_alike(names: set[str], kind: str, candidates: list[dict]) -> list[dict]:
    """The one candidate sharing the most content words with the proposal's names, or the one of the proposal's
    kind ("memorandum of understanding"); none when that does not single one out."""
    same_kind = [g for g in candidates if _fold(g["kind"]) == _fold(kind)]
    if len(same_kind) == 1:
        return same_kind
    described = [_content_words(" ".join((g["name"], g["kind"], *g.get("aliases", ())))) for g in candidates]
    shared = set.intersection(*described)  # the pair's own names tell none of them apart
    words = set().union(*(_content_words(n) for n in names)) - shared
    scored = sorted(((len(words & d), i) for i, d in enumerate(described)), reverse=True)
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return [candidates[scored[0][1]]]
    return []


def _names_overlap(names: set[str], gold_entity: dict) -> bool:
    """A name of the pipeline's inside the gold's ("visiting forces agreement" in "Visiting Forces Agreement
    (Philippines–United States)"), or its acronym a word of the gold's slug ("vfa" of ``us-philippines-vfa``)."""
    gold_names = [_fold(n) for n in (gold_entity["name"], *gold_entity.get("aliases", ()))]
    slug_words = set(gold_entity["slug"].split("-"))
    return any(n in g for n in names for g in gold_names) or bool(names & slug_words)


def _renamed(found: Extraction, gold: dict) -> Extraction:
    """``found`` with its proposed entities under the gold's ids."""
    mapping = match_new_entities(found, gold)
    if not mapping:
        return found

    def t(triple: Triple) -> Triple:
        s, r, o = triple
        return (mapping.get(s, s), r, mapping.get(o, o))

    return Extraction(
        [{mapping.get(i, i) for i in ids} for ids in found.mentions],
        {t(x) for x in found.links}, {t(x) for x in found.proposals},
        {t(x): d for x, d in found.detail.items()}, found.new_entities,
    )


def _score_article(result: Result, article: Path, gold: dict, found: Extraction,
                   known: set[Triple], symmetric: frozenset[str], slugs: set[str]) -> None:
    found = _renamed(found, gold)
    paras = gold["paragraphs"]
    if len(paras) != len(found.mentions):
        raise ValueError(f"{article.name}: the gold has {len(paras)} paragraphs, the importer {len(found.mentions)}")
    result.articles += 1
    result.paragraphs += len(paras)
    for p, ids in zip(paras, found.mentions):
        where = f"{article.stem} ¶{p['i']}"
        result.countries.add({i.removeprefix("country:") for i in ids if i.startswith("country:")},
                             set(p["countries"]), where)
        found_alliances = {i.removeprefix("alliance:") for i in ids if i.startswith("alliance:")}
        result.alliances.add(found_alliances & slugs, set(p["alliances"]) & slugs, where)
        result.alliances_all.add(found_alliances, set(p["alliances"]), where)
    gold_facts: dict[Triple, dict] = {}
    for f in gold["facts"]:
        triple = (f["subject"], _relation_key(f["relation"], f["modality"]), f["object"])
        gold_facts.setdefault(canonical(triple, symmetric), f)
    found_all = {canonical(t, symmetric) for t in found.links | found.proposals}
    details = {canonical(t, symmetric): d for t, d in found.detail.items()}

    def where(t: Triple) -> str:
        g = gold_facts.get(t)
        note = f"¶{','.join(map(str, g['paragraphs']))} {g.get('modality', '')}" if g else details.get(t, "")
        return f"{article.stem} {note}".rstrip()

    for label, score, wanted in (("links", result.links, lambda t: t in known),
                                 ("proposals", result.proposals, lambda t: t not in known)):
        expected = {t for t in gold_facts if wanted(t)}
        got = {t for t in found_all if wanted(t)}
        for t in sorted(got | expected):
            score.add(got & {t}, expected & {t}, where(t))
    for t in sorted(found_all | set(gold_facts)):
        result.facts.add(found_all & {t}, set(gold_facts) & {t}, where(t))
    found_in, gold_in = {_belonging(t) for t in found_all}, {_belonging(t) for t in gold_facts}
    for t in sorted(found_in | gold_in):
        result.facts_belonging.add(found_in & {t}, gold_in & {t}, article.stem)


def _belonging(t: Triple) -> Triple:
    """A membership and a party's share in an agreement as one relation."""
    return (t[0], t[1].replace("party_to", "member_of"), t[2])


def article_paths(names: Sequence[str] = (), which: str = "devset") -> list[Path]:
    folder = SETS[which] / "articles"
    if names:
        return [Path(n) if Path(n).exists() else folder / n for n in names]
    return sorted(folder.glob("*.txt"))


def _option(argv: list[str], name: str, choices: Iterable[str], default: str) -> tuple[str, list[str]]:
    """``--name value`` or ``--name=value`` taken out of ``argv``."""
    rest, value = [], default
    args = iter(argv)
    for a in args:
        if a == name:
            value = next(args, "")
        elif a.startswith(name + "="):
            value = a.split("=", 1)[1]
        else:
            rest.append(a)
    if value not in choices:
        raise SystemExit(f"{name}: one of {', '.join(choices)}")
    return value, rest


def main(argv: list[str]) -> int:
    which, argv = _option(argv, "--set", SETS, "devset")
    known_from, argv = _option(argv, "--known", ("store", "world"), "store")
    verbose = "-v" in argv
    if "--learned" in argv:
        from store.pipeline.extract.learned import use_model

        use_model(True)
    names = [a for a in argv if not a.startswith("-")]
    articles = article_paths(names, which)
    result = evaluate(articles, known_from=known_from)
    # Every set after the first held-out one is named by its number: "held-out set 30".
    label = {"devset": "development set", "heldout": "held-out set"}.get(which) or f"held-out set {which[7:]}"
    split = "" if known_from == "store" else ", links by the researched world"
    print(f"{label}: {result.articles} articles, {result.paragraphs} paragraphs{split}")
    print(result.countries.line("mentions countries"))
    print(result.alliances.line("alliances (store)"))
    print(result.alliances_all.line("alliances (all)"))
    print(result.links.line("links"))
    print(result.proposals.line("proposals"))
    print(result.facts.line("facts (all)"))
    print(result.facts_belonging.line("facts, member=party"))
    if verbose:
        for label, s in (("countries", result.countries), ("alliances", result.alliances_all),
                         ("links", result.links), ("proposals", result.proposals)):
            if s.errors:
                print(f"\n{label}:")
                for line in s.errors:
                    print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
