"""Linking at import: a passage that restates a fact is a *proposed* supports link, one that dates it
otherwise a proposed contradicts link; a rejected link is not proposed again; new facts stay proposals."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.pipeline.import_report import ImportReport
from store.pipeline.importer import import_files, import_text
from store.models import FactStatus, LinkStatus, Relation, Stance
from store.repository import FactStore

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "import"


@pytest.fixture
def store(starter: FactStore) -> FactStore:
    """conftest's starter store, a private copy opened for writing."""
    return starter


def finland_in_nato(store: FactStore):
    [fin] = [f for f in store.facts_between("country:FIN", "alliance:nato") if f.relation is Relation.MEMBER_OF]
    return fin


def test_a_restated_fact_gets_a_proposed_supports_link_not_evidence(store: FactStore) -> None:
    fin = finland_in_nato(store)
    report = import_text(store, "Title: Finland's accession\n\nFinland joined NATO on April 4, 2023.", name="fin.txt")
    [excerpt] = store.excerpts_of(report.source.id)
    assert report.proposed == []
    assert store.fact(fin.id) == fin  # untouched until reviewed
    [link] = report.links_proposed
    assert (link.fact_id, link.excerpt_id, link.stance, link.status) == (fin.id, excerpt.id, Stance.SUPPORTS, LinkStatus.PROPOSED)
    assert link.cue and 0 < link.confidence <= 1
    assert [l.id for l in store.links_of_fact(fin.id)] == [link.id]
    assert "evidence links proposed (1):" in report.summary()
    assert "1 evidence link to review" in report.headline()
    store.accept_links([link.id])
    assert store.fact(fin.id).evidence == [*fin.evidence, excerpt.id]


def test_a_passage_that_dates_a_fact_otherwise_is_a_contradiction_not_a_twin(store: FactStore) -> None:
    fin = finland_in_nato(store)
    assert str(fin.start).startswith("2023")
    facts = len(store.facts)
    report = import_text(store, "Title: A wrong date\n\nFinland joined NATO in 2019.", name="wrong.txt")
    assert report.proposed == [] and len(store.facts) == facts
    [link] = report.links_proposed
    assert (link.fact_id, link.stance) == (fin.id, Stance.CONTRADICTS)
    assert "contradicts" in report.summary()


def test_a_rejected_link_is_not_proposed_again_by_a_reimport(store: FactStore) -> None:
    text = "Finland joined NATO on April 4, 2023."
    first = import_text(store, f"Title: Finland's accession\n\n{text}", name="fin.txt")
    [link] = first.links_proposed
    store.reject_links([link.id])
    # The same passage again, in another article (another source, another excerpt id).
    again = import_text(store, f"Title: Another paper\n\nSome other opening.\n\n{text}", name="again.txt")
    assert again.links_proposed == []
    assert store.proposed_links() == []
    # A passage the store has not seen is still proposed.
    other = import_text(store, "Title: Third\n\nFinland became a member of NATO in April 2023.", name="third.txt")
    assert [l.fact_id for l in other.links_proposed] == [link.fact_id]


def test_a_new_fact_stays_a_proposal_with_its_passage(store: FactStore) -> None:
    report = import_text(store, "Title: New\n\nMongolia joined NATO in 2030.", name="mn.txt")
    [fact] = report.proposed
    [excerpt] = store.excerpts_of(report.source.id)
    assert fact.status is FactStatus.UNREVIEWED and fact.evidence == [excerpt.id]
    assert report.links_proposed == []


def test_undo_of_an_import_takes_its_links_back(store: FactStore) -> None:
    report = import_files(store, [DATA / "baltic-to-pacific.md"])[0]
    assert report.links_proposed and report.proposed
    ids = {l.id for l in report.links_proposed}
    assert ids <= {l.id for l in store.proposed_links()}
    store.undo()
    assert not ids & set(store.evidence_links)


def test_the_long_article_links_passages_to_the_facts_it_restates(store: FactStore) -> None:
    report = import_files(store, [DATA / "baltic-to-pacific.md"])[0]
    linked = {(store.facts[l.fact_id].subject, store.facts[l.fact_id].object) for l in report.links_proposed}
    assert ("country:FIN", "alliance:nato") in linked and ("country:KOR", "country:POL") in linked
    assert all(store.excerpts[l.excerpt_id].source_id == report.source.id for l in report.links_proposed)
    # Linking never cites a passage already in the fact's evidence.
    assert all(l.excerpt_id not in store.facts[l.fact_id].evidence for l in report.links_proposed)


def test_a_report_without_links_says_none() -> None:
    from store.models import Source

    report = ImportReport(name="x.txt", status="imported", source=Source(id="src:x", title="X"))
    assert "evidence links proposed: none" in report.summary()


@pytest.mark.parametrize(
    "sentence",
    [
        "Finland is not a member of NATO, the minister said.",
        "Helsinki officials denied reports that Finland had joined NATO.",
    ],
)
def test_a_passage_that_denies_a_fact_contradicts_it(store: FactStore, sentence: str) -> None:
    fin = finland_in_nato(store)
    report = import_text(store, f"Title: A denial\n\n{sentence}", name="deny.txt")
    links = [l for l in report.links_proposed if l.fact_id == fin.id]
    assert [l.stance for l in links] == [Stance.CONTRADICTS]
    assert store.fact(fin.id) == fin


def test_an_undated_report_of_a_recurring_event_backs_the_one_of_its_publication_year(store: FactStore) -> None:
    summits = {str(f.start)[:4]: f for f in store.facts_between("country:KOR", "alliance:nato")
               if f.relation is Relation.ATTENDED and f.start is not None}
    assert {"2022", "2023", "2024"} <= set(summits)
    text = "Title: Summit\nPublished: 2023-07-12\n\nSouth Korea attended the NATO summit in Vilnius."
    report = import_text(store, text, name="vilnius.txt")
    assert [(l.fact_id, l.stance) for l in report.links_proposed] == [(summits["2023"].id, Stance.SUPPORTS)]
    # Published in a year with no such event: nothing to choose from, no link and no twin.
    other = import_text(store, text.replace("2023-07-12", "2019-07-12").replace("Vilnius", "Vilnius again"), name="v2.txt")
    assert other.links_proposed == [] and other.proposed == []


def test_an_undated_sale_backs_the_one_of_its_publication_month_among_a_years_several(store: FactStore) -> None:
    sales = {str(f.start)[:7]: f for f in store.facts_between("country:KOR", "country:POL")
             if f.relation is Relation.ARMS_SUPPLIER_TO and f.start is not None and str(f.start).startswith("2022")}
    # The framework of July 2022, the K2/K9 contracts of August, the FA-50s of September (and one dated to the year).
    assert {"2022-07", "2022-08", "2022-09"} <= set(sales)
    text = "Title: Sale\nPublished: {}\n\nSouth Korea sold tanks and howitzers to Poland."
    report = import_text(store, text.format("2022-08-27"), name="k2.txt")
    assert [(link.fact_id, link.stance) for link in report.links_proposed] == [(sales["2022-08"].id, Stance.SUPPORTS)]
    # Published in a month of none of them: several that year, no date to choose by.
    other = import_text(store, text.format("2022-11-02").replace("tanks", "more tanks"), name="k2b.txt")
    assert other.links_proposed == []


def test_a_summit_of_the_alliance_described_backs_the_attendance_of_that_year(store: FactStore) -> None:
    [summit] = [f for f in store.facts_between("country:KOR", "alliance:nato")
                if f.relation is Relation.ATTENDED and str(f.start).startswith("2024")]
    text = ("Title: Washington\nPublished: 2024-07-11\n\nNATO leaders met in Washington.\n\n"
            "Leaders from South Korea, none of them NATO members, took part in the summit of the 75-year-old alliance.")
    report = import_text(store, text, name="dc.txt")
    assert (summit.id, Stance.SUPPORTS) in [(l.fact_id, l.stance) for l in report.links_proposed]


def test_a_passage_that_refers_to_an_alliance_without_its_name_mentions_it(store: FactStore) -> None:
    # "a U.S. defence treaty ally" is the Philippines' alliance with the US: the passage backs its facts
    # and so also mentions it (the gold's convention: a paragraph that states a membership names the alliance).
    text = "The Philippines, a U.S. defence treaty ally, has clashed with China over the South China Sea."
    report = import_text(store, f"Title: Shoal\n\n{text}", name="ally.txt")
    [excerpt] = store.excerpts_of(report.source.id)
    [implied] = [m for m in excerpt.mentions if m.entity_id == "alliance:us-philippines"]
    assert excerpt.quote.exact[implied.start:implied.end] == "treaty ally"
    assert report.mentions["alliance:us-philippines"] == 1
    assert {f.object for f in report.linked_facts.values()} == {"alliance:us-philippines"}


def test_a_passage_that_names_the_alliance_gets_no_second_mention(store: FactStore) -> None:
    report = import_text(store, "Title: Accession\n\nFinland joined NATO on April 4, 2023.", name="fin.txt")
    [excerpt] = store.excerpts_of(report.source.id)
    assert [m.entity_id for m in excerpt.mentions].count("alliance:nato") == 1
