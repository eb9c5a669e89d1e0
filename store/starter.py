"""The starter store, built from store/data/ (a copy of the shared corpus).

- ``alliances.tsv`` and ``groupings.tsv``: the alliances and groupings.
- ``reference-sources.tsv`` and ``reference-facts.tsv``: public facts, each
  citing a reference document (no quote).
- ``franceinfo-pacific-rapprochement.txt``: the article, imported with the
  same functions a user's import goes through.
- ``article-facts.tsv``: the facts the article states, curated by hand, each
  citing verbatim snippets that resolve to the excerpts that hold them. A
  fact that restates a reference fact (same subject, relation, object and
  year) is merged into it, so the reference fact gains quoted evidence.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from store import db
from store.countries import country_entity
from store.errors import StoreError
from store.ingest import make_excerpts, make_source, parse_article
from store.models import Entity, EntityKind, Excerpt, Fact, FactStatus, FuzzyDate, Origin, Source

ARTICLES = ("franceinfo-pacific-rapprochement.txt",)


def data_dir() -> Path:
    return Path(str(resources.files("store") / "data"))


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


def alliance_entity(row: dict[str, str]) -> Entity:
    return Entity(
        id=f"alliance:{row['slug']}",
        kind=EntityKind.ALLIANCE,
        name=row["name"],
        aliases=[a for a in row.get("aliases", "").split("|") if a and a != row["name"]],
        alliance_kind=row.get("kind") or None,
        founded=FuzzyDate(row["founded"]) if row.get("founded") else None,
    )


def fact_id(subject: str, relation: str, obj: str, start: str, qualifiers: dict[str, str]) -> str:
    key = "|".join([subject, relation, obj, start, *sorted(f"{k}={v}" for k, v in qualifiers.items())])
    return "fact:" + hashlib.sha1(key.encode()).hexdigest()[:12]


def make_fact(row: dict[str, str], *, origin: Origin, evidence: list[str], references: list[str]) -> Fact:
    qualifiers = parse_qualifiers(row.get("qualifiers", ""))
    subject, obj = entity_id(row["subject"]), entity_id(row["object"])
    end = row.get("end") or "open"
    return Fact(
        id=fact_id(subject, row["relation"], obj, row.get("start", ""), qualifiers),
        subject=subject,
        relation=row["relation"],  # type: ignore[arg-type]
        object=obj,
        start=row.get("start") or None,  # type: ignore[arg-type]
        end=end,  # type: ignore[arg-type]
        qualifiers=qualifiers,
        status=FactStatus.CONFIRMED,
        evidence=evidence,
        references=references,
        origin=origin,
    )


def resolve_snippet(snippet: str, excerpts: list[Excerpt]) -> str:
    hits = [e.id for e in excerpts if snippet in e.quote.exact]
    if len(hits) != 1:
        raise StoreError(f"starter data: evidence {snippet[:60]!r} is in {len(hits)} excerpts, not one")
    return hits[0]


def _year(fact: Fact) -> str:
    return fact.start.value[:4] if fact.start else ""


def _same_claim(reference: Fact, fact: Fact) -> bool:
    """The article restates a reference fact: same ends and relation, same year if it gives one (and summit, if named)."""
    return (
        (reference.subject, reference.relation, reference.object) == (fact.subject, fact.relation, fact.object)
        and _year(fact) in ("", _year(reference))
        and fact.qualifiers.get("summit") in (None, reference.qualifiers.get("summit"))
    )


def build_records(data: Path | None = None) -> dict[str, list]:
    """Every record of the starter store, by table."""
    from store.gazetteer import Gazetteer

    data = data or data_dir()
    alliances = [alliance_entity(r) for r in read_tsv(data / "alliances.tsv")]
    if (data / "groupings.tsv").exists():
        alliances += [alliance_entity(r) for r in read_tsv(data / "groupings.tsv")]
    gazetteer = Gazetteer(alliances)

    sources: list[Source] = [
        Source(
            id=f"ref:{r['key']}",
            title=r["title"],
            publisher=r["publisher"],
            published=r["published"] or None,  # type: ignore[arg-type]
            url=r["url"],
        )
        for r in read_tsv(data / "reference-sources.tsv")
    ]
    excerpts: list[Excerpt] = []
    for name in ARTICLES:
        article = parse_article((data / name).read_text(encoding="utf-8"))
        source = make_source(article, source_id=f"src:{Path(name).stem}")
        source = source.model_copy(update={"retrieved": None})  # the starter store is reproducible
        sources.append(source)
        excerpts += make_excerpts(source, gazetteer)

    facts: dict[str, Fact] = {}
    for row in read_tsv(data / "reference-facts.tsv"):
        fact = make_fact(row, origin=Origin.STARTER, evidence=[], references=[f"ref:{row['source']}"])
        facts[fact.id] = fact
    for row in read_tsv(data / "article-facts.tsv"):
        evidence = [resolve_snippet(s.strip(), excerpts) for s in row["evidence"].split(" | ")]
        fact = make_fact(row, origin=Origin.STARTER, evidence=list(dict.fromkeys(evidence)), references=[])
        twin = next((f for f in facts.values() if f.references and _same_claim(f, fact)), None)
        if twin is not None:
            facts[twin.id] = twin.model_copy(update={
                "evidence": list(dict.fromkeys([*twin.evidence, *fact.evidence])),
                "qualifiers": {**fact.qualifiers, **twin.qualifiers},
            })
        else:
            facts[fact.id] = fact

    # Countries the article mentions are entities too, or excerpts would name
    # ids the store does not hold (check_store reports those).
    used = {e for f in facts.values() for e in f.entities} | {m.entity_id for x in excerpts for m in x.mentions}
    countries = [country_entity(e.split(":", 1)[1]) for e in sorted(used) if e.startswith("country:")]
    missing = {e for e in used if e.startswith("alliance:")} - {a.id for a in alliances}
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
