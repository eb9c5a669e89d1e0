"""A small hand-made store of treaties coded as researchers code them (issue 15).

Built without the starter data, so the tests of dates by kind, directed
obligations, suspensions, ended alliances and provenance do not depend on what
the starter world holds: the US–Japan treaties of 1951 (ended) and 1960
(directed obligations), NATO with Finland's application, protocol and joining,
ANZUS with New Zealand suspended since 1986 (its membership made by the user),
the ended US–ROC treaty, the US–ROK treaty with a fact from ATOP, and the IP4.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store import db
from store.models import DatasetRef, Entity, Excerpt, Fact, Obligation, Origin, QuoteSelector, Source

USA, JPN, KOR, FIN, NZL, AUS, TWN = (f"country:{c}" for c in ("USA", "JPN", "KOR", "FIN", "NZL", "AUS", "TWN"))
US_JAPAN = "alliance:us-japan-security-treaty"
US_JAPAN_1951 = "alliance:us-japan-security-treaty-1951"
NATO = "alliance:nato"
ANZUS = "alliance:anzus"
US_ROC = "alliance:us-roc-mutual-defense-treaty"
US_ROK = "alliance:us-rok-mutual-defense-treaty"
IP4 = "alliance:ip4"

T = "2024-01-01T00:00:00.000Z"
ARTICLE_TEXT = "New Zealand was suspended from ANZUS by the United States in 1986 over nuclear ship visits."


def _country(code: str, name: str, **kw: Any) -> Entity:
    return Entity(id=f"country:{code}", kind="country", name=name, codes={"iso3": code}, **kw)


ENTITIES = [
    _country("USA", "United States"),
    _country("JPN", "Japan"),
    _country("KOR", "South Korea"),
    _country("FIN", "Finland"),
    _country("NZL", "New Zealand"),
    _country("AUS", "Australia"),
    _country("TWN", "Taiwan"),
    Entity(
        id=US_JAPAN, kind="alliance", name="Treaty of Mutual Cooperation and Security between Japan and the United States of America",
        short_name="US–Japan Security Treaty", alliance_kind="bilateral defence treaty", binding=True,
        dates={"signed": "1960-01-19", "in_force": "1960-06-23"},
        obligations=[
            Obligation(subject=USA, object=JPN, type="defense", article="V"),
            Obligation(subject=JPN, object=USA, type="defense", article="V", where="territories under the administration of Japan"),
        ],
        references=["src:mofa-1960"],
    ),
    Entity(
        id=US_JAPAN_1951, kind="alliance", name="Security Treaty between the United States and Japan",
        short_name="US–Japan Security Treaty (1951)", alliance_kind="bilateral security treaty", binding=True,
        dates={"signed": "1951-09-08", "in_force": "1952-04-28", "ended": "1960-06-23"},
        end_reason="replaced by the 1960 treaty",
    ),
    Entity(
        id=NATO, kind="alliance", name="North Atlantic Treaty Organization", short_name="NATO", aliases=["North Atlantic Alliance"],
        dates={"signed": "1949-04-04", "in_force": "1949-08-24"},
        obligations=[Obligation(subject="*", object="*", type="defense", article="5"), Obligation(subject="*", object="*", type="consultation", article="4")],
        references=["src:nato-members"],
    ),
    Entity(
        id=ANZUS, kind="alliance", name="Australia, New Zealand, United States Security Treaty", short_name="ANZUS",
        dates={"signed": "1951-09-01", "in_force": "1952-04-29"},
        obligations=[Obligation(subject="*", object="*", type="defense", article="IV")],
    ),
    Entity(
        id=US_ROC, kind="alliance", name="Sino-American Mutual Defense Treaty", short_name="US–ROC treaty",
        dates={"signed": "1954-12-02", "in_force": "1955-03-03", "ended": "1980-01-01"},
        end_reason="terminated by the United States",
        obligations=[Obligation(subject="*", object="*", type="defense", article="V")],
    ),
    Entity(
        id=US_ROK, kind="alliance", name="Mutual Defense Treaty between the United States and the Republic of Korea",
        short_name="US–ROK alliance", dates={"signed": "1953-10-01", "in_force": "1954-11-17"},
        obligations=[Obligation(subject="*", object="*", type="defense", article="III")],
        dataset=DatasetRef(name="ATOP", version="5.1", record="atopid 3180"),
    ),
    Entity(
        id=IP4, kind="alliance", name="Indo-Pacific Four", short_name="IP4", aliases=["Indo-Pacific partners"],
        alliance_kind="grouping", dates={"established": "2022-06"},
    ),
]


def _fact(fid: str, subject: str, relation: str, obj: str, start: str | None, **kw: Any) -> Fact:
    kw.setdefault("origin", Origin.STARTER)
    kw.setdefault("status", "confirmed")
    return Fact(id=fid, subject=subject, relation=relation, object=obj, start=start, created=T, updated=T, **kw)


FACTS = [
    _fact("fact:usa-usj", USA, "member_of", US_JAPAN, "1960-06-23", dates={"signed": "1960-01-19", "in_force": "1960-06-23"}, references=["src:mofa-1960"]),
    _fact("fact:jpn-usj", JPN, "member_of", US_JAPAN, "1960-06-23", dates={"signed": "1960-01-19", "in_force": "1960-06-23"}, references=["src:mofa-1960"]),
    _fact("fact:jpn-usj51", JPN, "member_of", US_JAPAN_1951, "1952-04-28", end="1960-06-23",
          dates={"signed": "1951-09-08", "in_force": "1952-04-28", "ended": "1960-06-23"}),
    _fact("fact:usa-usj51", USA, "member_of", US_JAPAN_1951, "1952-04-28", end="1960-06-23",
          dates={"signed": "1951-09-08", "in_force": "1952-04-28", "ended": "1960-06-23"}),
    _fact("fact:usa-nato", USA, "member_of", NATO, "1949-08-24", dates={"signed": "1949-04-04", "in_force": "1949-08-24"}, references=["src:nato-members"]),
    _fact("fact:fin-nato", FIN, "member_of", NATO, "2023-04-04",
          dates={"applied": "2022-05-18", "protocol_signed": "2022-07-05", "joined": "2023-04-04"}, references=["src:nato-members"]),
    _fact("fact:usa-anzus", USA, "member_of", ANZUS, "1952-04-29"),
    _fact("fact:aus-anzus", AUS, "member_of", ANZUS, "1952-04-29"),
    _fact("fact:nzl-anzus", NZL, "member_of", ANZUS, "1952-04-29", origin=Origin.USER, status="unreviewed"),
    _fact("fact:nzl-anzus-suspended", NZL, "suspended_from", ANZUS, "1986-08-11", dates={"suspended": "1986-08-11"},
          qualifiers={"by": "United States"}, evidence=["exc:nzl-1986"]),
    _fact("fact:usa-usroc", USA, "member_of", US_ROC, "1955-03-03", end="1980-01-01", dates={"in_force": "1955-03-03", "ended": "1980-01-01"}),
    _fact("fact:twn-usroc", TWN, "member_of", US_ROC, "1955-03-03", end="1980-01-01", dates={"in_force": "1955-03-03", "ended": "1980-01-01"}),
    _fact("fact:kor-usrok", KOR, "member_of", US_ROK, "1954-11-17", origin=Origin.DATASET,
          dataset=DatasetRef(name="ATOP", version="5.1", record="atopid 3180")),
    _fact("fact:usa-usrok", USA, "member_of", US_ROK, "1954-11-17"),
    _fact("fact:jpn-ip4", JPN, "member_of", IP4, "2022-06", dates={"established": "2022-06"}),
    _fact("fact:kor-ip4", KOR, "member_of", IP4, "2022-06"),
    _fact("fact:aus-ip4", AUS, "member_of", IP4, "2022-06"),
    _fact("fact:nzl-ip4", NZL, "member_of", IP4, "2022-06"),
]

SOURCES = [
    Source(id="src:mofa-1960", title="Treaty of Mutual Cooperation and Security between Japan and the United States of America",
           publisher="Ministry of Foreign Affairs of Japan", published="1960-01-19", url="https://www.mofa.go.jp/region/n-america/us/q&a/ref/1.html"),
    Source(id="src:nato-members", title="NATO member countries", publisher="NATO", published="2024",
           url="https://www.nato.int/cps/en/natohq/topics_52044.htm"),
    Source(id="src:article-1986", title="ANZUS after 1986", publisher="Example Review", published="2020-05", text=ARTICLE_TEXT),
]

EXCERPTS = [
    Excerpt(id="exc:nzl-1986", source_id="src:article-1986", start=0, end=len(ARTICLE_TEXT), quote=QuoteSelector(exact=ARTICLE_TEXT)),
]


def make_treaty_store(folder: Path) -> Path:
    tables = db.new_tables()
    for table, file, records in (
        ("entities", "facts.json", ENTITIES), ("facts", "facts.json", FACTS),
        ("sources", "sources.json", SOURCES), ("excerpts", "sources.json", EXCERPTS),
    ):
        for record in records:
            tables[file][table][record.id] = record.model_dump(mode="json")
    db.write_new_store(folder, tables)
    return folder
