"""Exports of the starter store, parsed back by the tools they are meant for.

CSV by the csv module, GraphML by networkx, DOT by Graphviz's ``dot`` when it
is installed (else by pydot through networkx when that is, else skipped),
Markdown by markdown-it (which rich already depends on).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.exports import formats as export
from store.errors import StoreError
from store.models import Entity, EntityKind, Fact, FactStatus, Origin, Source, Target, TargetKind
from store.repository import FactStore
from tui.cli import main

HOSTILE_NOTE = (
    "# not a heading\n"
    "> not a quote\n"
    "- not a list\n"
    "1. not ordered\n"
    "```\nnot code\n"
    "    not indented code\n"
    "<script>alert('x')</script> [link](http://evil.example) *not em* _nor this_ | a | b |\n"
    "\n"
    "===\n"
    "after a blank line &amp; a backslash \\ at the end \\"
)


# --- fixtures ------------------------------------------------------------------------

@pytest.fixture
def folder(starter_store: Path) -> Path:
    """A private copy of the starter store (conftest builds it once per session)."""
    return starter_store


@pytest.fixture
def store(starter: FactStore) -> FactStore:
    return starter


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def graph_of(text: str):
    nx = pytest.importorskip("networkx")
    return nx.read_graphml(io.StringIO(text))


def involved(facts) -> set[str]:
    return {e for f in facts for e in f.entities}


def add_hostile_records(store: FactStore) -> tuple[Fact, Source, Entity]:
    """A country, a source and a fact whose text is built to break exports."""
    evil = Entity(
        id="country:ZZZ", kind=EntityKind.COUNTRY, name='-Evil, "Land"\n=1+1 \\ back', codes={"iso3": "ZZZ"}
    )
    source = Source(
        id="ref:evil",
        title='Title with "quotes", commas; and\nnew lines',
        publisher='=HYPERLINK("http://evil.example","click")',
        authors=["@Mallory O'Neil"],
        published="2024-05",
        url="http://evil.example/a b<c>",
    )
    fact = Fact(
        id="fact:evil",
        subject="country:ZZZ",
        relation="member_of",
        object="alliance:nato",
        start="2020",
        qualifiers={
            "note": 'line one\nline two, "quoted"; semi; back\\slash',
            "=k": "@SUM(A1)",
            "+plus": "-1",
            "a=b": "x=y",
        },
        references=["ref:evil", "ref:nato-members"],
        origin=Origin.USER,
    )
    store.add_records("hostile", [("entities", evil), ("sources", source), ("facts", fact)])
    return fact, source, evil


# --- csv -------------------------------------------------------------------------------

def test_csv_has_one_row_per_fact_with_names_dates_and_sources(store: FactStore) -> None:
    rows = rows_of(export.render(store, "csv"))
    assert len(rows) == len(store.facts)
    assert list(rows[0]) == list(export.CSV_COLUMNS)
    assert {r["fact_id"] for r in rows} == set(store.facts)

    by_id = {r["fact_id"]: r for r in rows}
    fact = next(f for f in store.facts.values() if f.evidence and f.references and f.qualifiers)
    row = by_id[fact.id]
    assert row["subject"] == store.entities[fact.subject].label  # the name the screen shows
    assert row["object"] == store.entities[fact.object].label
    assert (row["subject_id"], row["relation"], row["object_id"]) == (fact.subject, fact.relation.value, fact.object)
    assert row["start"] == (str(fact.start) if fact.start else "")
    assert row["status"] == fact.status.value
    assert export.parse_qualifiers(row["qualifiers"]) == fact.qualifiers
    sources = []
    for src in [ev.source for ev in store.evidence(fact.id)] + store.references(fact.id):
        if src not in sources:
            sources.append(src)
    assert export.split_list_cell(row["sources"]) == [s.citation() for s in sources]
    assert export.split_list_cell(row["source_ids"]) == [s.id for s in sources]


def test_csv_carries_the_quotes_notes_and_tags_of_each_fact(store: FactStore) -> None:
    fact = next(f for f in store.facts.values() if f.evidence)
    store.add_note(Target(kind=TargetKind.FACT, id=fact.id), "check the date; against the treaty", tags=["todo", "date"])
    store.add_note(Target(kind=TargetKind.FACT, id=fact.id), "second note", tags=["todo"])
    by_id = {r["fact_id"]: r for r in rows_of(export.render(store, "csv"))}
    row = by_id[fact.id]
    assert export.split_list_cell(row["quotes"]) == [ev.excerpt.quote.exact for ev in store.evidence(fact.id)]
    assert export.split_list_cell(row["notes"]) == ["check the date; against the treaty", "second note"]
    assert export.split_list_cell(row["tags"]) == ["date", "todo"]
    other = next(f for f in store.facts.values() if not f.evidence)
    assert (by_id[other.id]["quotes"], by_id[other.id]["notes"], by_id[other.id]["tags"]) == ("", "", "")


def test_csv_is_rfc4180_and_hostile_text_survives_a_round_trip(store: FactStore) -> None:
    fact, source, evil = add_hostile_records(store)
    text = export.render(store, "csv")
    assert text.endswith("\r\n")
    raw_rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(raw_rows) == len(store.facts) + 1
    # No cell can start a spreadsheet formula.
    for r in raw_rows:
        for cell in r:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell

    row = {r["fact_id"]: r for r in rows_of(text)}["fact:evil"]
    assert row["subject"].startswith("'-")
    assert export.undefuse(row["subject"]) == evil.name
    assert export.parse_qualifiers(export.undefuse(row["qualifiers"])) == fact.qualifiers
    citations = export.split_list_cell(export.undefuse(row["sources"]))
    assert citations == [source.citation(), store.sources["ref:nato-members"].citation()]
    assert row["sources"].startswith("'=HYPERLINK")

    # A cell that merely contains a formula character is left alone.
    assert export.defuse("a=b") == "a=b"
    assert export.defuse("'plain") == "''plain" and export.undefuse(export.defuse("'plain")) == "'plain"


@given(st.dictionaries(st.text(), st.text(), max_size=5))
def test_qualifier_cells_round_trip(qualifiers: dict[str, str]) -> None:
    cell = export.defuse(export.qualifiers_cell(qualifiers))
    buf = io.StringIO(newline="")
    csv.writer(buf).writerow([cell, "x"])
    (read, _), = csv.reader(io.StringIO(buf.getvalue(), newline=""))
    assert export.parse_qualifiers(export.undefuse(read)) == qualifiers


@given(st.lists(st.text(min_size=1), max_size=5))
def test_list_cells_round_trip(items: list[str]) -> None:
    assert export.split_list_cell(export.join_list_cell(items)) == items


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"country": "South Korea"}, lambda s: s.facts_of("country:KOR")),
        ({"country": "kor"}, lambda s: s.facts_of("country:KOR")),
        ({"country": "Republic of Korea"}, lambda s: s.facts_of("country:KOR")),
        ({"country": "KR"}, lambda s: s.facts_of("country:KOR")),
        ({"alliance": "NATO"}, lambda s: s.facts_of("alliance:nato")),
        ({"alliance": "aukus"}, lambda s: s.facts_of("alliance:aukus")),
        ({"country": "Japan", "alliance": "NATO"}, lambda s: s.facts_of("country:JPN", "alliance:nato")),
        ({"status": "confirmed"}, lambda s: [f for f in s.facts.values() if f.status is FactStatus.CONFIRMED]),
    ],
)
def test_csv_filters_narrow_the_rows(store: FactStore, filters, expected) -> None:
    want = expected(store)
    assert 0 < len(want) < len(store.facts) or "status" in filters
    rows = rows_of(export.render(store, "csv", **filters))
    assert sorted(r["fact_id"] for r in rows) == sorted(f.id for f in want)


def test_status_filter_after_a_review(store: FactStore) -> None:
    # The starter's own unsettled claims (the article's invited, planned … ones) start unreviewed.
    waiting = sorted(f.id for f in store.facts.values() if f.status is FactStatus.UNREVIEWED)
    some = sorted(i for i in store.facts if i not in waiting)[:3]
    store.set_fact_status(some[0], "disputed")
    store.set_fact_status(some[1], FactStatus.RETRACTED)
    assert [r["fact_id"] for r in rows_of(export.render(store, "csv", status="disputed"))] == [some[0]]
    assert [r["fact_id"] for r in rows_of(export.render(store, "csv", status="Retracted"))] == [some[1]]
    assert len(rows_of(export.render(store, "csv", status="confirmed"))) == len(store.facts) - 2 - len(waiting)
    assert sorted(r["fact_id"] for r in rows_of(export.render(store, "csv", status="unreviewed"))) == waiting


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"country": "Atlantis"}, "no country in this store matches 'Atlantis'"),
        ({"country": "a"}, "matches several countries"),
        ({"alliance": "Warsaw Pact"}, "no alliance in this store matches 'Warsaw Pact'"),
        ({"status": "maybe"}, "unknown status 'maybe'"),
    ],
)
@pytest.mark.parametrize("fmt", export.FORMATS)
def test_unknown_filters_raise_a_store_error(store: FactStore, fmt: str, filters, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        export.render(store, fmt, **filters)


# --- graphs ---------------------------------------------------------------------------

def test_graphml_is_read_by_networkx_with_the_store_counts(store: FactStore) -> None:
    G = graph_of(export.render(store, "graphml"))
    assert G.is_directed()
    assert G.number_of_edges() == len(store.facts)
    assert set(G.nodes) == involved(store.facts.values())
    for node, data in G.nodes(data=True):
        entity = store.entities[node]
        assert (data["kind"], data["name"]) == (entity.kind.value, entity.label)
    kinds = {d["kind"] for _, d in G.nodes(data=True)}
    assert kinds == {"country", "alliance"}
    for subject, obj, data in G.edges(data=True):
        fact = store.facts[data["fact"]]
        assert (subject, obj, data["relation"], data["status"]) == (
            fact.subject, fact.object, fact.relation.value, fact.status.value,
        )
        assert data.get("start") == (str(fact.start) if fact.start else None)
        assert data["end"] == str(fact.end)


def test_graphml_filters_and_hostile_text(store: FactStore) -> None:
    add_hostile_records(store)
    store.edit_fact("fact:evil", qualifiers={"note": "bell \x07 and nul-free"})
    G = graph_of(export.render(store, "graphml", alliance="NATO"))
    facts = store.facts_of("alliance:nato")
    assert G.number_of_edges() == len(facts)
    assert set(G.nodes) == involved(facts)
    assert G.nodes["country:ZZZ"]["name"] == store.entities["country:ZZZ"].name

    G = graph_of(export.render(store, "graphml", country="ZZZ"))
    assert (G.number_of_nodes(), G.number_of_edges()) == (2, 1)


def test_dot_has_a_node_per_entity_and_an_edge_per_fact(store: FactStore) -> None:
    text = export.render(store, "dot")
    assert text.startswith("digraph alliances {")
    edges = [line for line in text.splitlines() if " -> " in line]
    assert len(edges) == len(store.facts)
    nodes = [line for line in text.splitlines() if line.startswith('  "') and " -> " not in line]
    assert len(nodes) == len(involved(store.facts.values()))
    assert '"alliance:nato" [label="NATO", kind="alliance", shape=box' in text
    assert '"country:KOR" [label="South Korea", kind="country", shape=ellipse' in text


def test_dot_quoting() -> None:
    assert export.dot_quote('say "hi"\\n\nnext') == '"say \\"hi\\"\\\\n\\nnext"'
    assert export.dot_quote("ends with \\") == '"ends with \\\\"'


def test_dot_is_read_by_graphviz_or_pydot(store: FactStore, tmp_path: Path) -> None:
    add_hostile_records(store)
    text = export.render(store, "dot")
    if shutil.which("dot"):
        path = tmp_path / "graph.dot"
        path.write_text(text, encoding="utf-8")
        done = subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "<svg" in done.stdout
        # The hostile label is drawn as text (its quotes escaped), not as DOT syntax.
        assert "Evil, &quot;Land&quot;" in done.stdout
        return
    pytest.importorskip("pydot")
    from networkx.drawing.nx_pydot import read_dot

    path = tmp_path / "graph.dot"
    path.write_text(text, encoding="utf-8")
    G = read_dot(str(path))
    assert G.number_of_edges() == len(store.facts)
    assert G.number_of_nodes() == len(involved(store.facts.values()))


# --- markdown --------------------------------------------------------------------------

def _parser():
    markdown_it = pytest.importorskip("markdown_it")
    try:
        return markdown_it.MarkdownIt("gfm-like")
    except Exception:  # gfm-like needs linkify-it-py
        return markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _plain(tokens, i: int) -> str:
    """The text of the inline token at ``i``, as a reader sees it."""
    parts = []
    for child in tokens[i].children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            parts.append(child.content)
    return "".join(parts)


def _token_types(tokens) -> Counter[str]:
    out: Counter[str] = Counter()
    for t in tokens:
        out[t.type] += 1
        for c in t.children or []:
            out[c.type] += 1
    return out


def test_markdown_report_has_a_section_per_country_with_evidence_and_notes(store: FactStore) -> None:
    fact = next(f for f in store.facts_of("country:KOR") if f.evidence)
    store.add_note(Target(kind=TargetKind.FACT, id=fact.id), "First ROK president at a NATO summit", ["summit", "rok"])
    text = export.render(store, "markdown")
    tokens = _parser().parse(text)
    h1 = [_plain(tokens, i + 1) for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"]
    countries = sorted(
        {store.entities[e].name for e in involved(store.facts.values()) if e.startswith("country:")}, key=str.casefold
    )
    assert h1 == countries

    quote = store.evidence(fact.id)[0].excerpt.quote.exact
    assert f"> {export.md_text(quote)}" in text
    # The note and its tags, under the fact.
    assert "First ROK president at a NATO summit" in text
    assert "tags: #summit, #rok" in text
    source = store.evidence(fact.id)[0].source
    assert f"> — {export.md_citation(source)}" in text
    assert all(a in text for a in source.authors)


def test_markdown_for_one_country(store: FactStore) -> None:
    text = export.render(store, "markdown", country="AUS")
    assert text.startswith("# Australia\n")
    assert text.count("\n# ") == 0
    assert text.count("\n### ") == len(store.facts_of("country:AUS"))
    assert "\n## AUKUS\n" in text

    text = export.render(store, "markdown", country="AUS", alliance="AUKUS")
    assert text.count("\n### ") == len(store.facts_of("country:AUS", "alliance:aukus"))

    text = export.render(store, "markdown", country="AUS", status="retracted")
    assert text.startswith("# Australia\n") and "No facts match" in text


def test_a_hostile_note_cannot_break_the_report(store: FactStore) -> None:
    fact = next(f for f in store.facts_of("country:JPN") if f.evidence)
    note = store.add_note(Target(kind=TargetKind.FACT, id=fact.id), HOSTILE_NOTE, ["*bold*", "x|y"])
    store.add_note(Target(kind=TargetKind.ENTITY, id="country:JPN"), "## also not a heading")
    text = export.render(store, "markdown", country="Japan")
    tokens = _parser().parse(text)
    types = {t.type for t in tokens}
    assert not types & {"html_block", "fence", "code_block", "table_open", "hr", "ordered_list_open"}
    headings = [_plain(tokens, i + 1) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not any("heading" in h for h in headings)
    assert headings[0] == "Japan"
    assert len([t for t in tokens if t.type == "blockquote_open"]) == len(store.evidence(fact.id)) + sum(
        len(store.evidence(f.id)) for f in store.facts_of("country:JPN") if f.id != fact.id
    )
    # Compared with the report without the note, the note adds only paragraphs, list items and text.
    store.delete_note(note.id)
    before = _token_types(_parser().parse(export.render(store, "markdown", country="Japan")))
    added = _token_types(tokens) - before
    assert set(added) <= {
        "paragraph_open", "paragraph_close", "inline", "text", "softbreak", "hardbreak",
        "list_item_open", "list_item_close", "bullet_list_open", "bullet_list_close",
        "link_open", "link_close",  # GFM turns a bare URL into a link...
    }, added
    for t in tokens:  # ...which shows its destination: no link hides where it goes.
        children = t.children or []
        for i, c in enumerate(children):
            if c.type == "link_open":
                assert children[i + 1].content in c.attrs["href"], (c.attrs, children[i + 1].content)
    # Every line of the note reads back as written.
    shown = "\n".join(_plain(tokens, i) for i, t in enumerate(tokens) if t.type == "inline")
    for line in HOSTILE_NOTE.splitlines():
        if line.strip():
            assert line.strip() in shown.replace("\u00a0", " "), line
    assert "*bold*" in shown and "x|y" in shown


def test_markdown_escaping_helpers() -> None:
    assert export.md_text("# h") == "\\# h"
    assert export.md_text("12. x") == "12\\. x"
    assert export.md_text("a *b* <c> [d](e) `f` | ~g~ \\") == "a \\*b\\* \\<c\\> \\[d\\](e) \\`f\\` \\| \\~g\\~ \\\\"
    assert export.md_text("    code") == "\u00a0" * 4 + "code"
    assert export.md_text("AT&T &amp;") == "AT&T &amp;amp;"
    assert export.md_url("https://example.org/a?b=c") == "<https://example.org/a?b=c>"
    assert export.md_url("javascript x<y>") == "javascript x\\<y\\>"


# --- json --------------------------------------------------------------------------------

def test_json_is_the_whole_store_without_filters_and_a_subset_with(store: FactStore) -> None:
    fact = next(f for f in store.facts_of("country:KOR") if f.evidence)
    store.add_note(Target(kind=TargetKind.FACT, id=fact.id), "kept")
    store.add_note(Target(kind=TargetKind.ENTITY, id="country:FRA"), "not about Korea")
    whole = json.loads(export.render(store, "json"))
    assert len(whole["facts"]) == len(store.facts)
    assert len(whole["entities"]) == len(store.entities)
    assert whole["changes"]

    sub = json.loads(export.render(store, "json", country="South Korea"))
    assert sub["filters"] == {"country": "country:KOR"}
    assert "changes" not in sub
    assert {f["id"] for f in sub["facts"]} == {f.id for f in store.facts_of("country:KOR")}
    assert {e["id"] for e in sub["entities"]} == involved(store.facts_of("country:KOR"))
    assert [n["body"] for n in sub["annotations"]] == ["kept"]
    excerpt_ids = {e["id"] for e in sub["excerpts"]}
    assert set(fact.evidence) <= excerpt_ids
    assert {e["source_id"] for e in sub["excerpts"]} <= {s["id"] for s in sub["sources"]}


# --- the command line ----------------------------------------------------------------------

def test_cli_exports_csv_to_a_file(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.csv"
    assert main(["--db", str(folder), "export", "--format", "csv", "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with FactStore.open(folder, readonly=True) as s:
        assert len(rows) == len(s.facts)


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_cli_exports_every_format_with_filters(folder: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    code = main(["--db", str(folder), "export", "--format", fmt, "--country", "KOR", "--alliance", "NATO", "--out", str(out)])
    assert code == 0
    text = out.read_text(encoding="utf-8")
    with FactStore.open(folder, readonly=True) as s:
        want = s.facts_of("country:KOR", "alliance:nato")
    if fmt == "csv":
        assert len(rows_of(text)) == len(want)
    elif fmt == "graphml":
        assert graph_of(text).number_of_edges() == len(want)
    elif fmt == "dot":
        assert sum(" -> " in line for line in text.splitlines()) == len(want)
    elif fmt == "markdown":
        assert text.startswith("# South Korea\n") and text.count("\n### ") == len(want)
    else:
        assert len(json.loads(text)["facts"]) == len(want)


def test_cli_export_to_standard_output(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(folder), "export", "--format", "dot", "--alliance", "AUKUS"]) == 0
    assert capsys.readouterr().out.startswith("digraph alliances {")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--country", "Atlantis"], "no country in this store matches 'Atlantis'"),
        (["--status", "maybe"], "unknown status 'maybe'"),
        (["--alliance", "Warsaw Pact"], "no alliance in this store matches"),
    ],
)
def test_cli_unknown_filter_is_one_clear_line(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    out = tmp_path / "never.csv"
    assert main(["--db", str(folder), "export", "--format", "csv", *args, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("alliances-tui: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


# --- evidence links in the JSON export -------------------------------------------------------------

def test_json_shows_each_facts_excerpts_with_stance_and_whether_reviewed(store: FactStore) -> None:
    from store.models import EvidenceLink, Stance, link_id

    fact = next(f for f in store.facts_of("country:KOR") if f.evidence and f.status is not FactStatus.UNREVIEWED)
    spare = [x for x in store.excerpts if x not in fact.evidence][:3]

    def link(x: str, stance: Stance = Stance.SUPPORTS) -> EvidenceLink:
        return EvidenceLink(id=link_id(fact.id, x, stance), fact_id=fact.id, excerpt_id=x, stance=stance, cue="cue")

    accepted, proposed, contra = store.propose_links([link(spare[0]), link(spare[1]), link(spare[2], Stance.CONTRADICTS)])
    store.accept_links([accepted.id])
    for doc in (json.loads(export.render(store, "json")), json.loads(export.render(store, "json", country="South Korea"))):
        [exported] = [f for f in doc["facts"] if f["id"] == fact.id]
        by_excerpt = {e["excerpt_id"]: e for e in exported["excerpts"]}
        for x in fact.evidence:  # came with the fact: reviewed with it
            assert by_excerpt[x]["stance"] == "supports" and by_excerpt[x]["reviewed"] is True
            assert by_excerpt[x]["status"] == "accepted" and by_excerpt[x]["link_id"] is None
        assert by_excerpt[spare[0]] | {"confidence": 0} == {
            "excerpt_id": spare[0], "source_id": store.excerpts[spare[0]].source_id, "stance": "supports",
            "status": "accepted", "reviewed": True, "origin": "import", "cue": "cue", "confidence": 0,
            "link_id": accepted.id,
        }
        assert (by_excerpt[spare[1]]["status"], by_excerpt[spare[1]]["reviewed"]) == ("proposed", False)
        assert (by_excerpt[spare[2]]["stance"], by_excerpt[spare[2]]["reviewed"]) == ("contradicts", False)
        assert set(by_excerpt) == {*fact.evidence, *spare}
        assert set(spare) <= {e["id"] for e in doc["excerpts"]}  # every linked passage is in the file
    whole = json.loads(export.render(store, "json"))
    assert {l["id"] for l in whole["evidence_links"]} == {accepted.id, proposed.id, contra.id}


def test_json_of_an_unreviewed_proposal_says_its_passage_is_not_reviewed(store: FactStore) -> None:
    from store.pipeline.importer import import_text

    report = import_text(store, "Title: New\n\nMongolia joined NATO in 2030.", name="mn.txt")
    [fact] = report.proposed
    doc = json.loads(export.render(store, "json"))
    [exported] = [f for f in doc["facts"] if f["id"] == fact.id]
    assert [(e["excerpt_id"], e["reviewed"]) for e in exported["excerpts"]] == [(fact.evidence[0], False)]
