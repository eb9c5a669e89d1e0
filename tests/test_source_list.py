"""The Sources view's store side (issue 17): summaries, a passage's facts, a fact made from a passage."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import source_list
from store.models import FactStatus, Origin, Relation
from store.pipeline.importer import import_files
from store.repository import FactStore

ARTICLE = Path(__file__).parent / "data" / "import" / "baltic-to-pacific.md"


def test_an_imported_article_comes_first_with_what_it_added(starter: FactStore) -> None:
    (report,) = import_files(starter, [ARTICLE])
    summaries = source_list.summaries(starter)
    first = summaries[0]
    assert first.source.id == report.source.id and first.kind == "article"
    assert first.passages == len(report.excerpts_added)
    assert first.proposed > 0  # links and facts it proposed wait in review
    refs = [s for s in summaries if s.kind == "reference"]
    assert refs and all(s.passages == 0 or s.facts for s in refs)
    assert [s.source.title.casefold() for s in refs] == sorted(s.source.title.casefold() for s in refs)


def finland_in_nato_passage(starter: FactStore):  # type: ignore[no-untyped-def]
    (report,) = import_files(starter, [ARTICLE])

    def first_country(x):  # type: ignore[no-untyped-def]
        return next((m.entity_id for m in sorted(x.mentions, key=lambda m: m.start) if m.entity_id.startswith("country:")), None)

    return next(x for x in report.excerpts_added
                if first_country(x) == "country:FIN" and "alliance:nato" in {m.entity_id for m in x.mentions})


def test_a_passage_that_restates_a_fact_becomes_its_evidence_not_a_twin(starter: FactStore) -> None:
    excerpt = finland_in_nato_passage(starter)
    draft = source_list.draft_from_passage(starter, excerpt)
    assert draft.subject == "country:FIN" and draft.object == "alliance:nato" and draft.relation is Relation.MEMBER_OF
    assert "country:FIN" in draft.candidates
    held = source_list.fact_it_restates(starter, subject="country:FIN", relation=Relation.MEMBER_OF, object="alliance:nato",
                                        start=draft.start)
    assert held is not None and excerpt.id not in held.evidence
    # (the import's own proposal of this link is the next test's; here the user links it unprompted)
    starter.reject_links([link.id for link in starter.links_of_excerpt(excerpt.id) if link.status.value == "proposed"])
    facts = len(starter.facts)
    fact = source_list.add_fact_from_passage(starter, excerpt.id, subject="country:FIN", relation=Relation.MEMBER_OF,
                                             object="alliance:nato", start=draft.start)
    assert fact.id == held.id and fact.evidence == [*held.evidence, excerpt.id] and len(starter.facts) == facts
    assert fact.id in [p.fact.id for p in source_list.passage_facts(starter, excerpt.id)]
    assert starter.undo_label() == "add passage as evidence"
    starter.undo()
    assert starter.fact(held.id).evidence == held.evidence


def test_a_fact_made_from_a_passage_cites_it_and_undo_takes_it_back(starter: FactStore) -> None:
    excerpt = finland_in_nato_passage(starter)
    assert source_list.fact_it_restates(starter, subject="country:FIN", relation=Relation.COOPERATES_WITH,
                                        object="alliance:nato") is None
    fact = source_list.add_fact_from_passage(starter, excerpt.id, subject="country:FIN", relation=Relation.COOPERATES_WITH,
                                             object="alliance:nato")
    assert fact.evidence == [excerpt.id] and fact.origin is Origin.USER and fact.status is FactStatus.CONFIRMED
    assert fact.id in [p.fact.id for p in source_list.passage_facts(starter, excerpt.id)]
    assert starter.undo_label() == "add fact from passage"
    starter.undo()
    assert fact.id not in starter.facts


def test_a_fact_from_a_passage_that_is_gone_writes_nothing(starter: FactStore) -> None:
    version = starter.version
    with pytest.raises(KeyError):
        source_list.add_fact_from_passage(starter, "exc:nothing:001", subject="country:FIN", relation=Relation.MEMBER_OF,
                                          object="alliance:nato")
    assert starter.version == version


def test_a_draft_is_what_the_passage_states_else_its_first_mentions(starter: FactStore) -> None:
    from store.models import Excerpt, MentionSpan, QuoteSelector

    def passage(text: str, names: dict[str, str]) -> Excerpt:
        spans = [MentionSpan(entity_id=eid, start=text.index(n), end=text.index(n) + len(n)) for n, eid in names.items()]
        return Excerpt(id="exc:t:001", source_id=next(iter(starter.sources)), start=0, end=len(text), quote=QuoteSelector(exact=text), mentions=spans)

    stated = passage("After the war began, Norway said Japan joined the Quad in 2007.",
                     {"Norway": "country:NOR", "Japan": "country:JPN", "Quad": "alliance:quad"})
    draft = source_list.draft_from_passage(starter, stated)
    assert (draft.subject, draft.relation, draft.object, str(draft.start)) == ("country:JPN", Relation.MEMBER_OF, "alliance:quad", "2007")
    # A passage that states nothing the rules read: its first country, its first alliance.
    loose = passage("Norway, Japan and the Quad, all in one breath.",
                    {"Norway": "country:NOR", "Japan": "country:JPN", "Quad": "alliance:quad"})
    draft = source_list.draft_from_passage(starter, loose)
    assert (draft.subject, draft.relation, draft.object) == ("country:NOR", Relation.MEMBER_OF, "alliance:quad")


def test_a_draft_dates_the_fact_from_the_passage(starter: FactStore) -> None:
    (report,) = import_files(starter, [ARTICLE])
    dated = [x for x in report.excerpts_added if "2024" in x.quote.exact and x.mentions]
    assert dated
    draft = source_list.draft_from_passage(starter, dated[0])
    assert draft.start is not None and draft.start.year <= 2024


def test_a_passage_the_import_proposed_as_evidence_is_accepted_not_cited_twice(starter: FactStore) -> None:
    (report,) = import_files(starter, [ARTICLE])
    link = next(link for link in report.links_proposed if link.stance.value == "supports")
    fact = starter.fact(link.fact_id)
    made = source_list.add_fact_from_passage(starter, link.excerpt_id, subject=fact.subject, relation=fact.relation,
                                             object=fact.object, start=fact.start)
    assert made.id == fact.id and made.evidence.count(link.excerpt_id) == 1
    assert starter.evidence_links[link.id].status.value == "accepted"
    assert link.id not in {proposed.id for proposed in starter.proposed_links()}
    starter.undo()
    assert starter.evidence_links[link.id].status.value == "proposed" and link.excerpt_id not in starter.fact(fact.id).evidence


def test_a_draft_reads_the_people_the_article_introduced(starter: FactStore) -> None:
    """"Secretary Austin and Secretary Teodoro signed …": the import's reading, with the article's people."""
    from store.pipeline.importer import import_text

    report = import_text(starter, "Title: Visit\nPublished: 2024-11-19\n\nPhilippine Secretary of National Defense "
                         "Gilberto Teodoro received U.S. Secretary of Defense Lloyd J. Austin III in Manila.\n\n"
                         "Secretary Austin and Secretary Teodoro have deepened their defense cooperation.", name="v.txt")
    second = max(starter.excerpts_of(report.source.id), key=lambda x: x.start)
    draft = source_list.draft_from_passage(starter, second)
    assert {draft.subject, draft.object} == {"country:USA", "country:PHL"}
    assert draft.relation is Relation.COOPERATES_WITH
