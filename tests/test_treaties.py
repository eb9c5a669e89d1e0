"""store/treaties.py: dates by kind, directed obligations in words, suspensions, ended alliances, provenance."""

from __future__ import annotations

from store import treaties as tr
from store.models import Obligation
from treaty_world import ANZUS, AUS, FIN, IP4, JPN, KOR, NATO, NZL, TWN, US_JAPAN, US_JAPAN_1951, US_ROC, US_ROK, USA


def names(store):
    return lambda i: store.entities[i].name


def test_dates_read_by_kind_in_kind_order(treaties) -> None:
    assert tr.dates_text(treaties.entities[US_JAPAN_1951].dates) == "signed 1951-09-08 · in force 1952-04-28 · ended 1960-06-23"
    assert tr.dates_text(treaties.facts["fact:fin-nato"].dates) == "applied 2022-05-18 · protocol signed 2022-07-05 · joined 2023-04-04"
    assert tr.dates_text({}) == ""


def test_obligations_each_way_in_words(treaties) -> None:
    name = names(treaties)
    lines = tr.obligation_lines(treaties.entities[US_JAPAN], name, JPN)
    assert lines == [
        "The United States must defend Japan (Art. V)",
        "Japan must defend the United States (Art. V) only in territories under the administration of Japan",
    ]
    # Asked from the other side, the same two answers: who owes whom is in the sentence.
    assert tr.obligation_lines(treaties.entities[US_JAPAN], name, USA) == lines


def test_every_party_obligations_and_articles(treaties) -> None:
    lines = tr.obligation_lines(treaties.entities[NATO], names(treaties), FIN)
    assert lines == ["every party must defend any other party (Art. 5)", "every party must consult (Art. 4)"]
    assert tr.obligation_sentence(Obligation(subject="*", object="country:JPN", type="consultation", article="Article 2"), names(treaties)) == (
        "every party must consult Japan (Article 2)"
    )


def test_no_obligation_coded_is_said(treaties) -> None:
    name = names(treaties)
    assert tr.obligation_lines(treaties.entities[US_JAPAN_1951], name, JPN) == ["no obligation coded"]
    assert tr.obligation_lines(treaties.entities[IP4], name) == ["no obligation coded"]


def test_a_direction_without_obligation_is_said() -> None:
    from store.models import Entity

    one_way = Entity(id="alliance:guarantee", kind="alliance", name="Guarantee",
                     obligations=[Obligation(subject=USA, object=JPN, type="defense")])
    name = {USA: "United States", JPN: "Japan"}.__getitem__
    assert tr.obligation_lines(one_way, name, JPN) == [
        "The United States must defend Japan",
        "Japan: no obligation coded toward the other parties",
    ]
    assert tr.obligation_lines(one_way, name, USA) == ["The United States must defend Japan", "no obligation coded toward the United States"]


def test_obligation_code_is_the_data_files_form(treaties) -> None:
    codes = [tr.obligation_code(o) for o in treaties.entities[US_JAPAN].obligations]
    assert codes == ["USA->JPN:defense@V", "JPN->USA:defense@V(where=territories under the administration of Japan)"]


def test_suspension_at_present_and_not(treaties) -> None:
    live = tr.suspension(treaties, NZL, ANZUS)
    assert live is not None and live.id == "fact:nzl-anzus-suspended"
    assert tr.suspension(treaties, AUS, ANZUS) is None
    assert tr.suspension(treaties, FIN, NATO) is None


def test_a_resumed_membership_is_not_suspended(treaties) -> None:
    fact = treaties.facts["fact:nzl-anzus-suspended"]
    resumed = fact.model_copy(update={"end": fact.start.__class__("1990")})
    assert tr.live_suspension([resumed]) is None
    assert tr.live_suspension([fact]) is fact


def test_ended_alliances(treaties) -> None:
    assert str(tr.ended(treaties.entities[US_ROC])) == "1980-01-01"
    assert str(tr.ended(treaties.entities[US_JAPAN_1951])) == "1960-06-23"
    assert tr.ended(treaties.entities[US_JAPAN]) is None


def test_provenance_of_each_kind(treaties) -> None:
    assert tr.provenance_lines(treaties, treaties.facts["fact:fin-nato"]) == [
        "source: NATO member countries · NATO · 2024 · https://www.nato.int/cps/en/natohq/topics_52044.htm"
    ]
    assert tr.provenance_lines(treaties, treaties.facts["fact:kor-usrok"]) == ["data set: ATOP 5.1 (atopid 3180)"]
    assert tr.provenance_lines(treaties, treaties.facts["fact:nzl-anzus"]) == ["added by you"]
    assert tr.provenance_lines(treaties, treaties.facts["fact:nzl-anzus-suspended"]) == ["article: ANZUS after 1986 · Example Review · 2020-05"]
    # A starter fact without a source is not the user's.
    assert tr.provenance_lines(treaties, treaties.facts["fact:usa-anzus"]) == ["starter data, no source named"]


def test_entity_provenance(treaties) -> None:
    assert tr.entity_provenance_lines(treaties, treaties.entities[US_ROK]) == ["data set: ATOP 5.1 (atopid 3180)"]
    assert tr.entity_provenance_lines(treaties, treaties.entities[US_JAPAN]) == [
        "source: Treaty of Mutual Cooperation and Security between Japan and the United States of America · "
        "Ministry of Foreign Affairs of Japan · 1960-01-19 · https://www.mofa.go.jp/region/n-america/us/q&a/ref/1.html"
    ]
    assert tr.entity_provenance_lines(treaties, treaties.entities[IP4]) == []


def test_names_with_article() -> None:
    assert tr.with_article("United States") == "the United States"
    assert tr.with_article("Philippines") == "the Philippines"
    assert tr.with_article("Japan") == "Japan"
    assert tr.with_article("Taiwan") == "Taiwan"
    _ = (KOR, TWN)
