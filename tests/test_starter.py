"""The starter store built from store/data/: offsets that match, links that resolve, names people use."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import db
from store.check import check_store
from store.countries import country_entity
from store.errors import StoreError
from store.pipeline.ingest import sha256_text
from store.models import EntityKind, FactStatus, Origin, Relation
from store.repository import FactStore
from store.datasets.starter import build_starter, parse_qualifiers, resolve_snippet

ARTICLE = "src:franceinfo-pacific-rapprochement"


@pytest.fixture(scope="module")
def ro(starter_template: Path):
    store = FactStore.open(starter_template, readonly=True, create=False)
    yield store
    store.close()


def test_check_store_passes_on_the_starter_store(starter_template: Path) -> None:
    assert check_store(starter_template) == []


def test_every_excerpt_quotes_its_source_exactly(ro: FactStore) -> None:
    assert ro.excerpts
    for excerpt in ro.excerpts.values():
        text = ro.sources[excerpt.source_id].text
        assert excerpt.quote.exact == text[excerpt.start:excerpt.end], excerpt.id
        assert excerpt.quote.prefix == text[max(0, excerpt.start - len(excerpt.quote.prefix)):excerpt.start]
        assert excerpt.quote.suffix == text[excerpt.end:excerpt.end + len(excerpt.quote.suffix)]
        assert excerpt.quote.exact == excerpt.quote.exact.strip()


def test_excerpts_cover_the_article_in_order_without_overlap(ro: FactStore) -> None:
    excerpts = ro.excerpts_of(ARTICLE)
    for a, b in zip(excerpts, excerpts[1:]):
        assert a.end <= b.start
    text = ro.sources[ARTICLE].text
    covered = "".join(e.quote.exact for e in excerpts)
    assert "".join(covered.split()) == "".join(text.split())  # only white space between excerpts


def test_every_mention_names_an_entity_and_its_text(ro: FactStore) -> None:
    mentioned = 0
    for excerpt in ro.excerpts.values():
        for m in excerpt.mentions:
            entity = ro.entity(m.entity_id)
            surface = excerpt.quote.exact[m.start:m.end]
            assert surface.strip() == surface and surface, (excerpt.id, m)
            mentioned += 1
            assert entity.kind in (EntityKind.COUNTRY, EntityKind.ALLIANCE)
    assert mentioned >= 20


def test_every_fact_links_to_records_that_exist(ro: FactStore) -> None:
    assert len(ro.facts) >= 60
    for fact in ro.facts.values():
        for entity_id in fact.entities:
            assert entity_id in ro.entities, (fact.id, entity_id)
        for excerpt_id in fact.evidence:
            assert excerpt_id in ro.excerpts, (fact.id, excerpt_id)
        for source_id in fact.references:
            assert source_id in ro.sources, (fact.id, source_id)
            assert source_id != ARTICLE  # the article is cited by quotes, not as a bare reference
        assert fact.evidence or fact.references, fact.id
        assert fact.origin is Origin.STARTER
        # Researched facts are confirmed; the article's own claims only if it states them as settled.
        assert fact.status is FactStatus.CONFIRMED or (not fact.references and fact.status is FactStatus.UNREVIEWED)


def test_at_least_twenty_facts_are_backed_by_the_article(ro: FactStore) -> None:
    backed = [f for f in ro.facts.values() if any(ro.excerpts[e].source_id == ARTICLE for e in f.evidence)]
    assert len(backed) >= 20
    # The article's claims about the three countries and their alliances are among them.
    about = {(f.subject, f.relation, f.object) for f in backed}
    assert ("country:KOR", Relation.ATTENDED, "alliance:nato") in about
    assert ("country:KOR", Relation.ARMS_SUPPLIER_TO, "country:POL") in about
    assert ("country:KOR", Relation.DECLINES_TO_ARM, "country:UKR") in about
    assert ("country:AUS", Relation.MEMBER_OF, "alliance:aukus") in about
    assert ("country:FRA", Relation.OPPOSES_PROPOSAL_OF) in {(s, r) for s, r, _ in about}
    assert any({s, o} == {"country:KOR", "country:JPN"} for s, _, o in about)
    assert ("country:AUS", Relation.PARTY_TO, "alliance:global-coalition-against-daesh") in about


def test_the_article_source(ro: FactStore) -> None:
    source = ro.sources[ARTICLE]
    assert source.publisher == "franceinfo (Radio France)"
    assert source.authors == ["Nicolas Rocca", "Karyn Nishimura", "Grégory Plesse"]
    assert str(source.published) == "2024-04"
    assert source.title.startswith("South Korea, Japan and Australia")
    assert source.sha256 == sha256_text(source.text)
    assert not source.text.startswith("Title:")  # the header block is not part of the text
    assert "\r" not in source.text


@pytest.mark.parametrize(
    ("iso3", "name"),
    [("KOR", "South Korea"), ("PRK", "North Korea"), ("RUS", "Russia"), ("USA", "United States"),
     ("GBR", "United Kingdom"), ("TUR", "Türkiye"), ("JPN", "Japan"), ("AUS", "Australia"), ("CZE", "Czechia")],
)
def test_country_names_are_the_ones_people_use(ro: FactStore, iso3: str, name: str) -> None:
    entity = ro.entities.get(f"country:{iso3}") or country_entity(iso3)
    assert entity.name == name
    assert entity.codes["iso3"] == iso3
    assert entity.id == f"country:{iso3}"


def test_countries_in_the_starter_store(ro: FactStore) -> None:
    for iso3 in ("KOR", "RUS", "USA", "GBR", "TUR"):
        assert f"country:{iso3}" in ro.entities
    assert "Korea, Republic of" in ro.entity("country:KOR").aliases
    assert ro.entity("country:KOR").codes == {"iso3": "KOR", "iso2": "KR", "numeric": "410"}


def test_the_alliances(ro: FactStore) -> None:
    nato = ro.entity("alliance:nato")
    assert nato.name == "North Atlantic Treaty Organization" and "NATO" in nato.aliases
    assert str(nato.founded) == "1949-04-04" and nato.alliance_kind == "collective defence treaty"
    assert nato.short_name == "NATO"
    assert ro.entity("alliance:aukus").name == "AUKUS"
    assert "alliance:us-japan-rok-trilateral" in ro.entities


def test_the_starter_store_is_reproducible(tmp_path: Path, starter_template: Path) -> None:
    build_starter(tmp_path / "again")
    for name in db.FILES:
        assert (tmp_path / "again" / name).read_bytes() == (starter_template / name).read_bytes(), name


def test_build_starter_refuses_a_file_and_leaves_no_temp_folder(tmp_path: Path) -> None:
    (tmp_path / "store").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        build_starter(tmp_path / "store")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_a_failed_build_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise StoreError("starter data: broken on purpose")

    monkeypatch.setattr("store.datasets.starter.build_records", broken)
    with pytest.raises(StoreError, match="broken on purpose"):
        build_starter(tmp_path / "store")
    assert list(tmp_path.iterdir()) == []


def test_opening_a_missing_or_empty_folder_creates_the_starter_store(tmp_path: Path) -> None:
    with FactStore.open(tmp_path / "new") as store:
        assert "country:KOR" in store.entities and not store.readonly
    (tmp_path / "empty").mkdir()
    with FactStore.open(tmp_path / "empty") as store:
        assert len(store.facts) >= 60
    assert check_store(tmp_path / "empty") == []


def test_qualifier_parsing() -> None:
    assert parse_qualifiers("summit=Madrid; level=head of state") == {"summit": "Madrid", "level": "head of state"}
    assert parse_qualifiers("note=a; b; c") == {"note": "a; b; c"}
    assert parse_qualifiers("") == {}
    with pytest.raises(ValueError):
        parse_qualifiers("no key here")


def test_a_snippet_must_resolve_to_exactly_one_excerpt(ro: FactStore) -> None:
    excerpts = ro.excerpts_of(ARTICLE)
    with pytest.raises(StoreError, match="in 0 excerpts"):
        resolve_snippet("words the article never uses", excerpts)
    with pytest.raises(StoreError, match="excerpts, not one"):
        resolve_snippet("the", excerpts)
