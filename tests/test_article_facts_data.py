"""The facts curated from the bundled franceinfo article, checked on their own.

store/data/article-facts.tsv holds what the article states, each row with the
verbatim snippets that support it and whether the article states it as settled;
store/data/groupings.tsv holds the operations and coalitions those rows need
besides the world's treaties (store/data/world/treaties.tsv). These tests
read the files directly (no importer), so a bad row is reported with its line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from store.countries import country_entity
from store.models import Fact, FuzzyDate, Relation

DATA = Path(__file__).resolve().parent.parent / "store" / "data"
ARTICLE = DATA / "franceinfo-pacific-rapprochement.txt"
FACTS = DATA / "article-facts.tsv"
ALLIANCES = DATA / "world" / "treaties.tsv"
SOURCES = DATA / "world" / "sources.tsv"
GROUPINGS = DATA / "groupings.tsv"

FACT_COLUMNS = ["subject", "relation", "object", "start", "end", "qualifiers", "evidence", "settled"]
GROUPING_COLUMNS = ["slug", "name", "kind", "founded", "aliases", "sources"]
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
QUALIFIER_KEY_RE = re.compile(r"^[a-z][a-z_]*$")
STATUS_VALUES = {"invited", "expected", "planned", "possible"}


# --- readers -------------------------------------------------------------------

def read_tsv(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated file with leading '#' comments, as (line number, row)."""
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        if header is None:
            if line.startswith("#"):
                continue
            header = line.split("\t")
            assert header == columns, f"{path.name}:{lineno}: header {header} is not {columns}"
            continue
        assert not line.startswith("#"), f"{path.name}:{lineno}: comments belong before the header"
        fields = line.split("\t")
        assert len(fields) == len(columns), (
            f"{path.name}:{lineno}: {len(fields)} fields, expected {len(columns)}"
        )
        rows.append((lineno, dict(zip(columns, fields))))
    assert header is not None, f"{path.name} has no header line"
    return rows


def article_paragraphs() -> list[str]:
    text = ARTICLE.read_text(encoding="utf-8").replace("\r\n", "\n")
    head, sep, body = text.partition("\n\n")
    assert sep, "the article has no blank line after its header"
    assert all(re.match(r"^[A-Za-z]+: ", line) for line in head.splitlines()), "bad header lines"
    return [p.strip() for p in re.split(r"\n[ \t]*\n", body) if p.strip()]


def parse_qualifiers(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if not text:
        return out
    for pair in text.split(";"):
        key, sep, value = pair.partition("=")
        assert sep, f"qualifier {pair!r} is not key=value"
        assert QUALIFIER_KEY_RE.match(key), f"qualifier key {key!r} is not a lower-case word"
        assert value.strip() == value and value, f"qualifier {key} has an empty or padded value"
        assert key not in out, f"qualifier {key} given twice"
        out[key] = value
    return out


def snippets(evidence: str) -> list[str]:
    return evidence.split(" | ") if evidence else []


def alliance_slugs() -> set[str]:
    from store.datasets.starter import read_tsv as read_rows

    return {row["slug"] for row in read_rows(ALLIANCES)}


def grouping_slugs() -> set[str]:
    return {row["slug"] for _, row in read_tsv(GROUPINGS, GROUPING_COLUMNS)}


def entity_id(ref: str, slugs: set[str]) -> str:
    if re.fullmatch(r"[A-Z]{3}", ref):
        return country_entity(ref).id  # raises KeyError for a code ISO 3166 lacks
    assert ref in slugs, f"{ref!r} is neither a country code nor a known alliance or grouping slug"
    return f"alliance:{ref}"


def facts() -> list[tuple[int, dict[str, str]]]:
    return read_tsv(FACTS, FACT_COLUMNS)


def has(subject: str, relation: str, obj: str | None = None, **qualifiers: str) -> bool:
    """Whether some row matches; obj=None matches any object, qualifier values match case-insensitively."""
    for _, row in facts():
        if row["subject"] != subject or row["relation"] != relation:
            continue
        if obj is not None and row["object"] != obj:
            continue
        q = parse_qualifiers(row["qualifiers"])
        if all(q.get(k, "").lower() == v.lower() for k, v in qualifiers.items()):
            return True
    return False


def find(subject: str, relation: str, obj: str, **qualifiers: str) -> list[dict[str, str]]:
    out = []
    for _, row in facts():
        if (row["subject"], row["relation"], row["object"]) != (subject, relation, obj):
            continue
        q = parse_qualifiers(row["qualifiers"])
        if all(q.get(k, "").lower() == v.lower() for k, v in qualifiers.items()):
            out.append(row)
    return out


# --- the groupings file --------------------------------------------------------

def test_groupings_file_is_well_formed():
    known = alliance_slugs()
    seen: set[str] = set()
    rows = read_tsv(GROUPINGS, GROUPING_COLUMNS)
    assert rows, "groupings.tsv has no rows"
    for lineno, row in rows:
        where = f"groupings.tsv:{lineno}"
        assert SLUG_RE.match(row["slug"]), f"{where}: bad slug {row['slug']!r}"
        assert row["slug"] not in known, f"{where}: {row['slug']} is already in world/treaties.tsv"
        assert row["slug"] not in seen, f"{where}: {row['slug']} given twice"
        seen.add(row["slug"])
        assert row["name"].strip() and row["kind"].strip(), f"{where}: empty name or kind"
        FuzzyDate.model_validate(row["founded"])
        aliases = row["aliases"].split("|")
        assert all(a.strip() == a and a for a in aliases), f"{where}: empty or padded alias"
        from store.datasets.starter import read_tsv as read_rows

        sources = {r["key"]: r for r in read_rows(SOURCES)}
        assert row["sources"].split(), f"{where}: no source"
        for key in row["sources"].split():
            assert sources[key]["url"].startswith("http"), f"{where}: source {key} has no URL"


def test_every_grouping_is_used():
    used = {row["subject"] for _, row in facts()} | {row["object"] for _, row in facts()}
    unused = grouping_slugs() - used
    assert not unused, f"groupings no fact uses: {sorted(unused)}"


# --- the facts file ------------------------------------------------------------

def test_at_least_25_facts():
    assert len(facts()) >= 25


def test_every_row_is_a_valid_fact():
    slugs = alliance_slugs() | grouping_slugs()
    for lineno, row in facts():
        where = f"article-facts.tsv:{lineno}"
        try:
            subject = entity_id(row["subject"], slugs)
            obj = entity_id(row["object"], slugs)
            relation = Relation(row["relation"])
            start = FuzzyDate.model_validate(row["start"]) if row["start"] else None
            end = row["end"] or "open"
            if end != "unknown" and end != "open":
                end = FuzzyDate.model_validate(end)
            qualifiers = parse_qualifiers(row["qualifiers"])
            # The model checks what the fields cannot check one by one: the
            # subject is not the object, the end is not before the start.
            Fact(
                id=f"article-{lineno}",
                subject=subject,
                relation=relation,
                object=obj,
                start=start,
                end=end,
                qualifiers=qualifiers,
                evidence=snippets(row["evidence"]),
            )
        except Exception as exc:  # name the line, whatever failed
            pytest.fail(f"{where}: {type(exc).__name__}: {exc}")
        if "status" in qualifiers:
            assert qualifiers["status"] in STATUS_VALUES, f"{where}: status={qualifiers['status']}"
        assert row["settled"] in ("yes", "no"), f"{where}: settled={row['settled']!r}"
        if "status" in qualifiers or "frequency" in qualifiers:
            assert row["settled"] == "no", f"{where}: a claim with modality or a generality is not settled"


def test_no_duplicate_rows():
    seen: dict[tuple[str, ...], int] = {}
    for lineno, row in facts():
        key = tuple(row[c] for c in FACT_COLUMNS[:6])
        assert key not in seen, f"article-facts.tsv:{lineno} repeats line {seen[key]}"
        seen[key] = lineno


def test_every_snippet_lies_in_exactly_one_paragraph():
    paragraphs = article_paragraphs()
    assert len(paragraphs) >= 10
    for lineno, row in facts():
        parts = snippets(row["evidence"])
        assert parts, f"article-facts.tsv:{lineno}: no evidence"
        for snippet in parts:
            assert snippet.strip() == snippet and len(snippet) >= 12, (
                f"article-facts.tsv:{lineno}: snippet {snippet!r} is padded or too short"
            )
            hits = [i for i, p in enumerate(paragraphs) if snippet in p]
            assert len(hits) == 1, (
                f"article-facts.tsv:{lineno}: {snippet!r} is in {len(hits)} paragraphs, not 1"
            )


# --- the claims the article makes ------------------------------------------------

def test_summit_attendance_named_with_persons():
    expected = [
        ("KOR", "Madrid", "2022", "Yoon Suk-yeol"),
        ("KOR", "Vilnius", "2023", "Yoon Suk-yeol"),
        ("KOR", "Washington", "2024-07", "Yoon Suk-yeol"),
        ("AUS", "Vilnius", "2023", "Anthony Albanese"),
        ("AUS", "Washington", "2024-07", "Anthony Albanese"),
        ("JPN", "Madrid", "2022", "Fumio Kishida"),
        ("JPN", "Vilnius", "2023", "Fumio Kishida"),
    ]
    for country, summit, start, person in expected:
        rows = find(country, "attended", "nato", summit=summit, person=person)
        assert rows, f"no row: {country} attended nato summit={summit} person={person}"
        assert any(r["start"] == start for r in rows), f"{country} at {summit}: start is not {start}"


def test_future_summits_are_marked_not_done():
    for country in ("KOR", "AUS"):
        rows = find(country, "attended", "nato", summit="Washington")
        assert rows and all(parse_qualifiers(r["qualifiers"]).get("status") == "invited" for r in rows)
    # "It should be the same this year."
    rows = find("JPN", "attended", "nato", summit="Washington")
    assert rows and all(parse_qualifiers(r["qualifiers"]).get("status") for r in rows)


def test_south_korea_and_nato():
    mission = find("KOR", "accredited_mission_to", "nato", place="Brussels")
    assert mission, "no row for South Korea's diplomatic mission to NATO in Brussels"
    assert not find("KOR", "partner_of", "nato"), "the mission is no qualifier of a partnership"
    info = [r for r in find("KOR", "cooperates_with", "nato")
            if "cybersecurity" in r["qualifiers"] and "cybersecurity" in r["evidence"]]
    assert info, "no row for South Korea's information sharing with NATO"


def test_australia_and_nato():
    assert has("AUS", "partner_of", "nato") or has("AUS", "cooperates_with", "nato")
    assert not has("AUS", "member_of", "nato"), "the article says Australia is not a member"
    assert has("AUS", "attended", "nato")


def test_aukus():
    for country in ("AUS", "USA", "GBR"):
        rows = find(country, "member_of", "aukus")
        assert rows and rows[0]["start"] == "2021-09", f"{country} member_of aukus since 2021-09"
    # Japan never applied: the article only speculates that AUKUS may take in new members one day.
    assert not find("JPN", "member_of", "aukus") and not find("JPN", "applicant_to", "aukus")


def test_japan_with_the_united_states_and_nato():
    assert has("JPN", "member_of", "us-japan-alliance") or has("JPN", "treaty_ally_of", "USA")
    assert has("JPN", "cooperates_with", "nato")
    for country in ("JPN", "KOR"):
        # The article dates the rapprochement, not the cooperation (NATO's programmes date from 2014 and 2012).
        assert all(r["start"] == "" and parse_qualifiers(r["qualifiers"])["closer_since"].startswith("2022")
                   for r in find(country, "cooperates_with", "nato"))
    assert has("JPN", "cooperates_with", "USA", domain="military")
    visit = find("JPN", "consults_with", "USA", person="Fumio Kishida")
    assert visit and visit[0]["start"] == "2024-04"


def test_trilateral():
    for country in ("KOR", "JPN", "USA"):
        assert has(country, "member_of", "us-japan-rok-trilateral"), f"{country} in the trilateral"
    assert has("KOR", "member_of", "us-rok-alliance") or has("KOR", "treaty_ally_of", "USA")
    assert has("KOR", "cooperates_with", "USA")


def test_country_to_country_claims():
    assert has("KOR", "arms_supplier_to", "POL")
    assert has("KOR", "declines_to_arm", "UKR")
    rapprochement = find("KOR", "cooperates_with", "JPN") + find("JPN", "cooperates_with", "KOR")
    assert rapprochement and rapprochement[0]["start"].startswith("2022")
    assert has("CHN", "opposes", "KOR") or has("CHN", "opposes", "nato")
    tokyo = [r for r in find("FRA", "opposes_proposal_of", "nato", person="Emmanuel Macron")
             if "Tokyo" in parse_qualifiers(r["qualifiers"])["proposal"]]
    assert tokyo, "no row for Macron's opposition to a NATO office in Tokyo"
    assert not find("FRA", "opposes", "nato"), "France opposed a proposal, not the alliance it belongs to"


def test_australia_in_nato_led_operations():
    slugs = grouping_slugs()
    parties = {r["object"]: r for _, r in facts() if r["subject"] == "AUS" and r["relation"] == "party_to"}
    assert set(parties) >= {"global-coalition-against-daesh", "ocean-shield", "nato-afghanistan"}
    assert set(parties) <= slugs | alliance_slugs()
    assert parties["nato-afghanistan"]["end"] == "2021"
