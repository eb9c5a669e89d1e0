"""Exports carry what researchers code (issue 15): dates by kind, directed obligations, provenance."""

from __future__ import annotations

import csv
import io

import orjson

from store.exports import formats as export
from store.exports.csv_table import parse_qualifiers, split_list_cell
from treaty_world import ANZUS, JPN, KOR, NZL, US_JAPAN


def test_json_carries_dates_by_kind_obligations_and_dataset(treaties) -> None:
    doc = orjson.loads(export.render(treaties, "json"))
    facts = {f["id"]: f for f in doc["facts"]}
    assert facts["fact:fin-nato"]["dates"] == {"applied": "2022-05-18", "protocol_signed": "2022-07-05", "joined": "2023-04-04"}
    assert facts["fact:kor-usrok"]["dataset"] == {"name": "ATOP", "version": "5.1", "record": "atopid 3180"}
    assert facts["fact:kor-usrok"]["origin"] == "dataset"
    entities = {e["id"]: e for e in doc["entities"]}
    assert entities[US_JAPAN]["obligations"][1] == {
        "subject": "country:JPN", "object": "country:USA", "type": "defense", "article": "V",
        "where": "territories under the administration of Japan",
    }
    assert entities[US_JAPAN]["dates"] == {"signed": "1960-01-19", "in_force": "1960-06-23"}


def rows_of(text: str) -> dict[str, dict[str, str]]:
    return {r["fact_id"]: r for r in csv.DictReader(io.StringIO(text))}


def test_csv_new_columns_come_last(treaties) -> None:
    header = next(csv.reader(io.StringIO(export.render(treaties, "csv"))))
    assert header[:15] == ["subject", "relation", "object", "start", "end", "status", "qualifiers", "sources", "fact_id",
                           "subject_id", "object_id", "source_ids", "quotes", "notes", "tags"]
    assert header[15:] == ["dates", "obligations", "obligation_codes", "provenance", "dataset"]


def test_csv_dates_obligations_provenance(treaties) -> None:
    rows = rows_of(export.render(treaties, "csv"))
    fin = rows["fact:fin-nato"]
    assert parse_qualifiers(fin["dates"]) == {"applied": "2022-05-18", "protocol_signed": "2022-07-05", "joined": "2023-04-04"}
    assert split_list_cell(fin["provenance"]) == ["source: NATO member countries · NATO · 2024 · https://www.nato.int/cps/en/natohq/topics_52044.htm"]
    jpn = rows["fact:jpn-usj"]
    assert split_list_cell(jpn["obligations"]) == [
        "The United States must defend Japan (Art. V)",
        "Japan must defend the United States (Art. V) only in territories under the administration of Japan",
    ]
    assert split_list_cell(jpn["obligation_codes"]) == ["USA->JPN:defense@V", "JPN->USA:defense@V(where=territories under the administration of Japan)"]
    assert rows["fact:jpn-usj51"]["obligations"] == "no obligation coded"
    assert rows["fact:kor-usrok"]["dataset"] == "ATOP 5.1 (atopid 3180)"
    assert rows["fact:kor-usrok"]["provenance"] == "data set: ATOP 5.1 (atopid 3180)"
    assert rows["fact:nzl-anzus"]["provenance"] == "added by you"
    assert rows["fact:nzl-anzus"]["dataset"] == ""
    _ = (ANZUS, KOR, NZL)


def test_markdown_dates_obligations_provenance(treaties) -> None:
    text = export.render(treaties, "markdown", country=JPN)
    assert "signed 1960-01-19 · in force 1960-06-23" in text
    assert "- Obligations:\n  - The United States must defend Japan (Art. V)\n  - Japan must defend the United States (Art. V) only in territories under the administration of Japan" in text
    assert "- Dates: signed 1951-09-08 · in force 1952-04-28 · ended 1960-06-23" in text
    assert "ended 1960-06-23 (replaced by the 1960 treaty)" in text
    assert "- Provenance: source: Ministry of Foreign Affairs of Japan, 1960-01-19: “Treaty of Mutual Cooperation" in text
    assert "- Provenance: starter data, no source named" in text
    nz = export.render(treaties, "markdown", country=NZL)
    assert "- Provenance: added by you" in nz
    assert "suspended since 1986" in nz
    kor = export.render(treaties, "markdown", country=KOR)
    assert "- Provenance: data set: ATOP 5.1 (atopid 3180)" in kor
