"""The pydantic models: what they accept, what they refuse, and how they say so."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from store.models import (
    MODELS,
    Annotation,
    Change,
    Entity,
    EntityKind,
    Excerpt,
    Fact,
    FactStatus,
    FuzzyDate,
    Mention,
    Op,
    Precision,
    QuoteSelector,
    Relation,
    Source,
    Target,
)
from store.repository import describe_validation_error

FACT = dict(id="fact:1", subject="country:KOR", relation="partner_of", object="alliance:nato")


def fact(**changes) -> Fact:
    return Fact(**{**FACT, **changes})


def refusal(model, **data) -> str:
    """The one-line message a user sees for invalid data."""
    with pytest.raises(ValidationError) as info:
        model(**data)
    return describe_validation_error(info.value)


# --- dates -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "precision", "year"),
    [("2022", Precision.YEAR, 2022), ("2022-06", Precision.MONTH, 2022), ("2022-06-28", Precision.DAY, 2022),
     ("2024-02-29", Precision.DAY, 2024), ("1949-04-04", Precision.DAY, 1949)],
)
def test_valid_dates_and_their_precision(text: str, precision: Precision, year: int) -> None:
    date = FuzzyDate(text)
    assert date.precision is precision
    assert date.year == year
    assert str(date) == text
    assert FuzzyDate.model_validate(text) == date


@pytest.mark.parametrize(
    ("text", "reason"),
    [("2022-13", "no month 13"), ("2022-00", "no month 00"), ("2023-02-29", "not a real day"),
     ("2022-04-31", "not a real day"), ("22", "YYYY"), ("2022-6", "YYYY"), ("2022/06", "YYYY"),
     ("June 2022", "YYYY"), ("", "YYYY"), ("2022-06-28T10:00", "YYYY")],
)
def test_invalid_dates_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as info:
        FuzzyDate(text)
    assert reason in str(info.value)


def test_a_bad_start_names_the_field() -> None:
    message = refusal(Fact, **{**FACT, "start": "2022-13"})
    assert message.startswith("start")
    assert "2022-13" in message and "no month 13" in message


def test_a_bad_end_names_the_field() -> None:
    message = refusal(Fact, **{**FACT, "end": "2023-02-29"})
    assert message.startswith("end")
    assert "not a real day" in message


def test_dates_are_stored_as_their_iso_text() -> None:
    # The docstring's promise: files read "start": "2022-06", not a nested object.
    original = fact(start="2022-06", end="2023")
    dumped = original.model_dump(mode="json")
    assert dumped["start"] == "2022-06"
    assert dumped["end"] == "2023"
    assert Fact.model_validate(dumped) == original  # read back as it was
    assert Fact.model_validate(dumped).start == FuzzyDate("2022-06")


def test_dates_in_the_older_object_form_still_load() -> None:
    f = Fact.model_validate({**FACT, "start": {"value": "2022", "precision": "year"}, "end": {"value": "2023"}})
    assert f.start == FuzzyDate("2022")
    assert f.end == FuzzyDate("2023")


@pytest.mark.parametrize("end", ["open", "unknown"])
def test_end_markers(end: str) -> None:
    assert fact(start="2005", end=end).end == end
    assert fact().end == "open"


def test_end_before_start_is_refused() -> None:
    message = refusal(Fact, **{**FACT, "start": "2022-06", "end": "2021"})
    assert "end 2021 is before start 2022-06" in message


@pytest.mark.parametrize(("start", "end"), [("2022", "2022-06"), ("2022-06", "2022"), ("2022-06-28", "2022-06-28")])
def test_ends_compare_at_the_coarser_precision(start: str, end: str) -> None:
    assert fact(start=start, end=end).end == FuzzyDate(end)


# --- relations, ids, fields ---------------------------------------------------------

def test_unknown_relation_is_refused_naming_the_field() -> None:
    message = refusal(Fact, **{**FACT, "relation": "friend_of"})
    assert message.startswith("relation:")
    assert "member_of" in message  # the vocabulary is listed


def test_every_relation_has_a_label_an_inverse_and_a_short_word() -> None:
    for relation in Relation:
        assert relation.label and relation.inverse and relation.short
        assert isinstance(relation.event, bool)
    assert Relation("member_of") is Relation.MEMBER_OF
    assert Relation.ATTENDED.event and not Relation.MEMBER_OF.event


@pytest.mark.parametrize("good", ["country:KOR", "country:USA", "alliance:nato", "alliance:us-japan-rok-trilateral", "alliance:g7"])
def test_entity_id_patterns_accepted(good: str) -> None:
    assert fact(object=good if good != FACT["subject"] else "alliance:nato").object


@pytest.mark.parametrize(
    "bad", ["KOR", "country:kor", "country:KO", "country:KORE", "alliance:NATO", "alliance:", "alliance:-nato",
            "alliance:na to", "treaty:nato", "country:KOR ", ""],
)
def test_entity_id_patterns_refused(bad: str) -> None:
    message = refusal(Fact, **{**FACT, "object": bad})
    assert message.startswith("object:")


def test_entity_kind_must_match_its_id() -> None:
    assert "does not match kind" in refusal(Entity, id="country:KOR", kind="alliance", name="South Korea")
    e = Entity(id="alliance:nato", kind=EntityKind.ALLIANCE, name="NATO", founded="1949-04-04")
    assert e.founded == FuzzyDate("1949-04-04")


def test_a_fact_cannot_link_an_entity_to_itself() -> None:
    assert "same entity" in refusal(Fact, **{**FACT, "object": "country:KOR"})


@pytest.mark.parametrize("model", list(MODELS.values()))
def test_an_extra_field_is_refused_with_its_name(model: type) -> None:
    with pytest.raises(ValidationError) as info:
        model.model_validate({"colour": "red"})
    message = describe_validation_error(info.value)
    # Errors are listed field by field; the unknown field is named among them.
    assert any(err["loc"] == ("colour",) and err["type"] == "extra_forbidden" for err in info.value.errors())
    assert isinstance(message, str) and message


def test_an_extra_field_on_a_fact_is_the_message() -> None:
    assert refusal(Fact, **{**FACT, "colour": "red"}) == "colour: Extra inputs are not permitted"


def test_status_values_and_symbols() -> None:
    assert {s.value for s in FactStatus} == {"unreviewed", "confirmed", "disputed", "retracted"}
    assert len({s.symbol for s in FactStatus}) == 4
    assert refusal(Fact, **{**FACT, "status": "maybe"}).startswith("status:")


def test_fact_defaults_and_helpers() -> None:
    f = fact(start="2005")
    assert f.status is FactStatus.UNREVIEWED
    assert f.rev == 1 and f.evidence == [] and f.references == [] and f.qualifiers == {}
    assert f.entities == ("country:KOR", "alliance:nato")
    assert f.other("country:KOR") == "alliance:nato" and f.other("alliance:nato") == "country:KOR"
    assert fact(start="2005").sort_key() < fact(start="2006").sort_key() < fact().sort_key()
    assert refusal(Fact, **{**FACT, "rev": 0}).startswith("rev:")


# --- sources, excerpts, mentions ---------------------------------------------------------

def test_excerpt_quote_must_span_its_offsets() -> None:
    ok = Excerpt(id="exc:1", source_id="src:a", start=10, end=15, quote=QuoteSelector(exact="Seoul"))
    assert ok.quote.exact == "Seoul"
    assert "length" in refusal(Excerpt, id="exc:1", source_id="src:a", start=10, end=14, quote={"exact": "Seoul"})
    assert "not after start" in refusal(Excerpt, id="exc:1", source_id="src:a", start=10, end=10, quote={"exact": "x"})
    assert refusal(Excerpt, id="exc:1", source_id="src:a", start=-1, end=4, quote={"exact": "Seoul"}).startswith("start")


def test_mentions_stay_inside_their_excerpt() -> None:
    m = Mention(entity_id="country:KOR", start=0, end=5)
    Excerpt(id="exc:1", source_id="src:a", start=0, end=5, quote={"exact": "Seoul"}, mentions=[m])
    assert "past the excerpt" in refusal(
        Excerpt, id="exc:1", source_id="src:a", start=0, end=5, quote={"exact": "Seoul"},
        mentions=[{"entity_id": "country:KOR", "start": 2, "end": 6}],
    )
    assert "not after start" in refusal(Mention, entity_id="country:KOR", start=3, end=3)
    assert refusal(Mention, entity_id="KOR", start=0, end=3).startswith("entity_id")


def test_source_citation() -> None:
    s = Source(id="src:a", title="T", publisher="franceinfo", authors=["Nicolas Rocca", "Karyn Nishimura"], published="2024-04")
    assert s.citation() == "franceinfo, Rocca, Nishimura, 2024-04"
    assert Source(id="src:b", title="Only a title").citation() == "Only a title"


# --- annotations ---------------------------------------------------------------------

def test_annotation_tags_are_cleaned() -> None:
    note = Annotation(id="note:1", target=Target(kind="fact", id="fact:1"), body="b",
                      tags=[" summit ", "summit", "", "   ", "korea", "summit"])
    assert note.tags == ["summit", "korea"]


def test_a_tag_with_inner_white_space_is_refused() -> None:
    message = refusal(Annotation, id="note:1", target={"kind": "fact", "id": "f"}, body="", tags=["two words"])
    assert message.startswith("tags")
    assert "white space" in message


def test_annotation_body_is_kept_as_is() -> None:
    body = "  leading and trailing space \r\n\x00 [bold]x[/] \x1b[2J "
    assert Annotation(id="n", target={"kind": "entity", "id": "country:KOR"}, body=body).body == body


def test_annotation_target_kind_is_checked() -> None:
    assert refusal(Annotation, id="n", target={"kind": "country", "id": "x"}, body="").startswith("target.kind")
    assert refusal(Annotation, id="n", target={"kind": "fact", "id": ""}, body="").startswith("target.id")


# --- the change history ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("op", "before", "after", "ok"),
    [("insert", None, {"a": 1}, True), ("insert", {"a": 1}, {"a": 1}, False), ("insert", None, None, False),
     ("update", {"a": 1}, {"a": 2}, True), ("update", None, {"a": 2}, False), ("update", {"a": 1}, None, False),
     ("delete", {"a": 1}, None, True), ("delete", None, None, False), ("delete", {"a": 1}, {"a": 1}, False)],
)
def test_change_shape(op: str, before, after, ok: bool) -> None:
    data = dict(seq=1, op=op, table="annotations", id="note:1", before=before, after=after, group=1)
    if ok:
        assert Change(**data).op is Op(op)
    else:
        assert f"a {op} needs" in refusal(Change, **data) or f"an {op} needs" in refusal(Change, **data)


def test_change_fields_are_checked() -> None:
    base = dict(seq=1, op="insert", table="annotations", id="n", after={}, group=1)
    assert refusal(Change, **{**base, "seq": 0}).startswith("seq")
    assert refusal(Change, **{**base, "table": "meta"}).startswith("table")
    assert refusal(Change, **{**base, "op": "upsert"}).startswith("op")
    assert refusal(Change, **{**base, "group": 0}).startswith("group")
