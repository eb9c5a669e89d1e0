"""The starter store, built from store/data/ (store/data/README.md says where each file comes from).

- ``world/``: the researched world (treaties, memberships, events, sources),
  read by :mod:`store.datasets.world`; ``groupings.tsv``: the operations and coalitions
  the article's facts need besides it.
- ``franceinfo-pacific-rapprochement.txt``: the article, imported with the
  same functions a user's import goes through.
- ``article-facts.tsv``: the facts the article states, curated by hand, each
  citing verbatim snippets that resolve to the excerpts that hold them.

Merging the article into the world: a claim never changes a reference fact.
A claim that restates one (same subject, relation and object, a date that
agrees) adds its passages to that fact's evidence and nothing else: the
article's status, person or frequency belong to the article's claim, not to
the researched fact. Any other claim is a fact of its own, ``unreviewed``
unless the article states it as settled (the ``settled`` column).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from store import db
from store.countries import country_entity
from store.errors import StoreError
from store.pipeline.ingest import make_excerpts, make_source, parse_article
from store.models import Entity, Excerpt, Fact, FactStatus, Origin, Relation, Source
from store.datasets.world import (  # noqa: F401  (read_tsv, parse_qualifiers, entity_id: this module's interface since issue 3)
    alliance_entity,
    entity_id,
    fact_id,
    parse_qualifiers,
    read_tsv,
    world_alliances,
    world_facts,
    world_sources,
)

ARTICLES = ("franceinfo-pacific-rapprochement.txt",)
# Qualifiers that say which event a claim is about: a claim naming another summit or proposal restates another fact.
IDENTIFYING = ("summit", "proposal")


def data_dir() -> Path:
    return Path(str(resources.files("store") / "data"))


def starter_alliances(data: Path | None = None) -> list[Entity]:
    """The alliances and groupings of the starter store (what the gazetteer of a new store knows)."""
    return world_alliances(data or data_dir())


def article_fact(row: dict[str, str], evidence: list[str]) -> Fact:
    """A claim of article-facts.tsv: unreviewed unless the article states it as settled."""
    qualifiers = parse_qualifiers(row.get("qualifiers", ""))
    subject, obj = entity_id(row["subject"]), entity_id(row["object"])
    settled = row.get("settled", "")
    if settled not in ("yes", "no"):
        raise StoreError(f"starter data: article fact {row['subject']} {row['relation']} {row['object']}: settled is {settled!r}, not yes or no")
    return Fact(
        id=fact_id(subject, row["relation"], obj, row.get("start", ""), qualifiers),
        subject=subject,
        relation=row["relation"],  # type: ignore[arg-type]
        object=obj,
        start=row.get("start") or None,  # type: ignore[arg-type]
        end=row.get("end") or "open",  # type: ignore[arg-type]
        qualifiers=qualifiers,
        status=FactStatus.CONFIRMED if settled == "yes" else FactStatus.UNREVIEWED,
        evidence=evidence,
        origin=Origin.STARTER,
    )


def resolve_snippet(snippet: str, excerpts: list[Excerpt]) -> str:
    hits = [e.id for e in excerpts if snippet in e.quote.exact]
    if len(hits) != 1:
        raise StoreError(f"starter data: evidence {snippet[:60]!r} is in {len(hits)} excerpts, not one")
    return hits[0]


def _dates_agree(a: str, b: str) -> bool:
    """2024-07 agrees with 2024-07-09; 2022 with 2022-06-28 (compared at the coarser precision)."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def restated_fact(claim: Fact, facts: list[Fact]) -> Fact | None:
    """The one reference fact ``claim`` restates, or None (then the claim is a fact of its own).

    A generality ("every year") restates no single fact. A dated claim restates
    the fact whose start agrees with its date; an undated one restates a lasting
    fact (a membership: the earliest spell, where it dates from) or the only
    event of its kind. Two candidates for one claim are a doubt: no merge.
    """
    if "frequency" in claim.qualifiers:
        return None
    same = [
        f for f in facts
        if f.references and (f.subject, f.relation, f.object) == (claim.subject, claim.relation, claim.object)
        and all(claim.qualifiers.get(k, "").casefold() in ("", f.qualifiers.get(k, "").casefold()) for k in IDENTIFYING)
    ]
    if claim.start is not None:
        same = [f for f in same if f.start is not None and _dates_agree(f.start.value, claim.start.value)]
        return same[0] if len(same) == 1 else None
    if Relation(claim.relation).event:
        return same[0] if len(same) == 1 else None
    return min(same, key=Fact.sort_key) if same else None


def merge_claim(facts: dict[str, Fact], claim: Fact) -> str:
    """Add an article's claim to ``facts``; returns the id of the fact that now holds its passages.

    The reference fact it restates gains the passages as evidence and nothing
    else: qualifiers, status and dates stay the researched ones.
    """
    twin = restated_fact(claim, list(facts.values()))
    if twin is None:
        if claim.id in facts:
            raise StoreError(f"starter data: two article facts give {claim.subject} {claim.relation} {claim.object} alike")
        facts[claim.id] = claim
        return claim.id
    facts[twin.id] = twin.model_copy(update={"evidence": list(dict.fromkeys([*twin.evidence, *claim.evidence]))})
    return twin.id


def build_records(data: Path | None = None) -> dict[str, list[Any]]:
    """Every record of the starter store, by table."""
    from store.pipeline.gazetteer import Gazetteer

    data = data or data_dir()
    alliances = world_alliances(data)
    by_id = {a.id: a for a in alliances}
    if len(by_id) != len(alliances):
        raise StoreError("starter data: an alliance slug is given twice")
    gazetteer = Gazetteer(alliances)

    sources: list[Source] = world_sources(data)
    excerpts: list[Excerpt] = []
    for name in ARTICLES:
        article = parse_article((data / name).read_text(encoding="utf-8"))
        source = make_source(article, source_id=f"src:{Path(name).stem}")
        source = source.model_copy(update={"retrieved": None})  # the starter store is reproducible
        sources.append(source)
        excerpts += make_excerpts(source, gazetteer)

    facts: dict[str, Fact] = {}
    for fact in world_facts(data, by_id):
        if fact.id in facts:
            raise StoreError(f"starter data: {fact.subject} {fact.relation} {fact.object} {fact.start} is given twice")
        facts[fact.id] = fact
    for row in read_tsv(data / "article-facts.tsv"):
        evidence = [resolve_snippet(s.strip(), excerpts) for s in row["evidence"].split(" | ")]
        merge_claim(facts, article_fact(row, list(dict.fromkeys(evidence))))

    known_sources = {s.id for s in sources}
    cited = {r for f in facts.values() for r in f.references} | {r for a in alliances for r in a.references}
    if cited - known_sources:
        raise StoreError(f"starter data: unknown sources {sorted(cited - known_sources)}")
    # Countries the article mentions are entities too, or excerpts would name
    # ids the store does not hold (check_store reports those).
    used = {e for f in facts.values() for e in f.entities} | {m.entity_id for x in excerpts for m in x.mentions}
    used |= {o for a in alliances for ob in a.obligations for o in (ob.subject, ob.object) if o != "*"}
    countries = [country_entity(e.split(":", 1)[1]) for e in sorted(used) if e.startswith("country:")]
    missing = {e for e in used if e.startswith("alliance:")} - set(by_id)
    if missing:
        raise StoreError(f"starter data: facts name unknown alliances {sorted(missing)}")
    now = "2024-04-01T00:00:00.000Z"
    return {
        "entities": countries + alliances,
        "facts": [f.model_copy(update={"created": now, "updated": now}) for f in facts.values()],
        "sources": sources,
        "excerpts": excerpts,
        "annotations": [],
    }


def create_store_if_missing(folder: Path) -> bool:
    """Create the starter store at ``folder`` unless one is there; True if this call created it."""
    folder = Path(folder).expanduser()
    return db.no_store_yet(folder) and build_starter(folder)


def build_starter(folder: Path, data: Path | None = None) -> bool:
    """Create a new store at ``folder`` holding the starter data, all or nothing.

    Built in a temp folder beside the target and renamed into place, so two
    commands creating one store at once both end up with the same complete
    store: the rename that loses finds the winner's store there and keeps it.
    Returns False in that case, True when this call's store is the one in place.
    """
    folder = Path(folder)
    if folder.is_symlink():
        # The user's link to where the store lives: create it there, and keep
        # the link (renaming onto the link would replace it with a folder).
        folder = Path(os.path.realpath(folder))
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder} is a file, not a store folder")
    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.new-"))
    except PermissionError:
        raise StoreError(f"cannot create a store at {folder}: permission denied") from None
    try:
        tables = db.new_tables()
        for table, records in build_records(data).items():
            target = tables[db.TABLE_FILE[table]][table]
            for record in records:
                target[record.id] = record.model_dump(mode="json")
        db.write_new_store(tmp, tables)
        try:
            # rename(2) replaces a missing or empty folder, never a folder with files.
            os.rename(tmp, folder)
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
            if db.is_store(folder):
                shutil.rmtree(tmp, ignore_errors=True)
                return False  # another command created it first: that store is the one
            raise StoreError(
                f"cannot create a store at {folder}: the folder holds other files (choose an empty or new folder)"
            ) from None
        db.fsync_dir(parent)
        return True
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
