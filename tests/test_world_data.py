"""The researched world in store/data/world/: well-formed, cited, and free of the errors issue 15 lists."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
import pytest

from store.models import FuzzyDate, Relation
from store.datasets.starter import parse_qualifiers, read_tsv

WORLD = Path(__file__).resolve().parent.parent / "store" / "data" / "world"

OBLIGATION_TYPES = {"defense", "offense", "neutrality", "nonaggression", "consultation"}
_OBLIGATION_RE = re.compile(
    r"^(?P<subject>\*|[A-Z]{3})->(?P<object>\*|[A-Z]{3}):(?P<type>[a-z]+)"
    r"(?:@(?P<article>[A-Za-z0-9.]+))?(?:\(where=(?P<where>[^()]+)\))?$"
)
MEMBERSHIP_EVENTS = {
    "founding", "signed", "in_force", "applied", "accession_protocol_signed", "joined",
    "suspended", "resumed", "left", "partner", "observer", "invited",
}
# Relations README.md proposes; the model step adds them to store.models.Relation.
PROPOSED_RELATIONS = {"invoked_for", "accredited_mission_to", "considering_cooperation_with", "opposes_proposal_of"}


def rows(name: str) -> list[dict[str, str]]:
    return list(read_tsv(WORLD / name))


def obligations(text: str) -> list[dict[str, str | None]]:
    """'USA->JPN:defense@V | *->*:consultation@IV' as a list of parts; ValueError if one does not parse."""
    out = []
    for token in filter(None, (t.strip() for t in text.split(" | "))):
        m = _OBLIGATION_RE.match(token)
        if not m or m["type"] not in OBLIGATION_TYPES:
            raise ValueError(f"obligation {token!r} does not parse")
        out.append(m.groupdict())
    return out


def verified_map(text: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in filter(None, (p.strip() for p in text.split("; "))))


@pytest.fixture(scope="module")
def treaties() -> dict[str, dict[str, str]]:
    return {r["slug"]: r for r in rows("treaties.tsv")}


@pytest.fixture(scope="module")
def memberships() -> list[dict[str, str]]:
    return rows("memberships.tsv")


@pytest.fixture(scope="module")
def events() -> list[dict[str, str]]:
    return rows("events.tsv")


@pytest.fixture(scope="module")
def sources() -> dict[str, dict[str, str]]:
    return {r["key"]: r for r in rows("sources.tsv")}


@pytest.fixture(scope="module")
def own_codes() -> set[str]:
    return {r["iso3"] for r in rows("cow-iso.tsv")}


# --- form --------------------------------------------------------------------

def test_every_source_has_a_title_publisher_date_and_url(sources):
    for key, s in sources.items():
        assert s["title"] and s["publisher"], key
        FuzzyDate(s["date"])
        assert re.match(r"^https?://\S+$", s["url"]), f"{key}: {s['url']!r}"


def test_every_row_cites_a_known_source(treaties, memberships, events, sources):
    cited = [k for t in treaties.values() for k in t["sources"].split()]
    cited += [r["source"] for r in memberships] + [r["source"] for r in events]
    assert cited and all(cited)
    assert set(cited) <= set(sources), sorted(set(cited) - set(sources))


def test_every_date_is_iso_with_its_precision_and_checked_or_marked(treaties, memberships, events):
    for t in treaties.values():
        checked = verified_map(t["verified"])
        for field in ("signed", "in_force", "established", "ended"):
            if t[field]:
                FuzzyDate(t[field])
                assert checked.get(field, "").startswith(("http", "unverified")), (t["slug"], field)
        assert t["signed"] or t["established"], f"{t['slug']} has no start date"
    for r in memberships + events:
        FuzzyDate(r["date"])
        assert r["verified"].startswith(("http", "unverified")), r
    for r in events:
        if r["end"]:
            assert FuzzyDate(r["end"]).value >= r["date"], r


def test_signed_before_in_force_before_ended(treaties):
    for t in treaties.values():
        dates = [t[f] for f in ("signed", "in_force", "ended") if t[f]]
        # Compare at the coarser precision, as Fact does: 2008 may end after 2007-05.
        for a, b in zip(dates, dates[1:]):
            n = min(len(a), len(b))
            assert a[:n] <= b[:n], (t["slug"], dates)


def is_country(code: str, own: set[str]) -> bool:
    return bool(pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code)) or code in own


def test_every_country_code_is_iso_3166_or_a_listed_historical_code(memberships, events, treaties, own_codes):
    slugs = set(treaties)
    for r in memberships:
        assert r["alliance"] in slugs, r
        assert is_country(r["country"], own_codes), r
        assert r["event"] in MEMBERSHIP_EVENTS, r
        parse_qualifiers(r["qualifiers"])
    for r in events:
        for end in (r["subject"], r["object"]):
            assert end in slugs or is_country(end, own_codes), (end, r)
        parse_qualifiers(r["qualifiers"])


def test_event_relations_are_known_or_proposed(events):
    known = {r.value for r in Relation} | PROPOSED_RELATIONS
    assert {r["relation"] for r in events} <= known
    readme = (WORLD / "README.md").read_text(encoding="utf-8")
    for proposed in PROPOSED_RELATIONS:
        assert f"`{proposed}`" in readme, f"README.md does not describe {proposed}"


def test_obligations_parse_and_name_parties(treaties, memberships):
    parties: dict[str, set[str]] = {}
    for r in memberships:
        parties.setdefault(r["alliance"], set()).add(r["country"])
    for t in treaties.values():
        for o in obligations(t["obligations"]):
            for end in (o["subject"], o["object"]):
                assert end == "*" or end in parties.get(t["slug"], set()), (t["slug"], end)


def test_a_bad_obligation_is_refused():
    with pytest.raises(ValueError):
        obligations("USA->JPN:protect")
    with pytest.raises(ValueError):
        obligations("USA=>JPN:defense")


def test_cow_table_covers_the_state_list_with_unique_codes():
    table = rows("cow-iso.tsv")
    assert len(table) >= 217
    assert len({r["ccode"] for r in table}) == len(table)
    by_code = {r["ccode"]: r for r in table}
    assert by_code["245"]["iso3"] == "XBV" and by_code["245"]["end"] == "1871"
    assert by_code["265"]["iso3"] == "DDR" and by_code["732"]["iso3"] == "KOR" and by_code["731"]["iso3"] == "PRK"
    assert by_code["730"]["iso3"] not in ("KOR", "PRK")  # pre-1905 Korea is a state of its own
    for r in table:
        kind = r["iso_kind"]
        if kind == "iso3166-1":
            assert pycountry.countries.get(alpha_3=r["iso3"]), r
        elif kind == "iso3166-3":
            assert pycountry.historic_countries.get(alpha_3=r["iso3"]), r
        else:
            # ISO 3166-1 reserves XAA-XZZ for user assignment: our codes never collide with a country's.
            assert kind == "own" and r["iso3"].startswith("X") and r["note"], r
            assert not pycountry.countries.get(alpha_3=r["iso3"]), r


# --- the errors issue 15 lists, each fixed ----------------------------------

def attended(events, country: str, summit: str) -> list[dict[str, str]]:
    return [e for e in events if e["subject"] == country and e["relation"] == "attended" and e["object"] == "nato"
            and parse_qualifiers(e["qualifiers"]).get("summit") == summit]


def test_washington_2024_australia_was_marles_not_albanese(events):
    (row,) = attended(events, "AUS", "Washington")
    q = parse_qualifiers(row["qualifiers"])
    assert q["person"] == "Richard Marles" and "status" not in q
    assert (row["date"], row["end"]) == ("2024-07-09", "2024-07-11")


def test_washington_2024_kishida_and_yoon_attended_without_status(events):
    for country, person in (("JPN", "Fumio Kishida"), ("KOR", "Yoon Suk-yeol")):
        (row,) = attended(events, country, "Washington")
        q = parse_qualifiers(row["qualifiers"])
        assert q["person"] == person and "status" not in q


def test_madrid_2022_albanese_attended_once_no_every_year(events):
    (row,) = attended(events, "AUS", "Madrid")
    q = parse_qualifiers(row["qualifiers"])
    assert q["person"] == "Anthony Albanese" and "frequency" not in q


def test_korea_mission_to_nato_is_a_dated_fact_of_its_own(events):
    (row,) = [e for e in events if e["subject"] == "KOR" and e["relation"] == "accredited_mission_to"]
    assert (row["object"], row["date"]) == ("nato", "2022-11-22")


def test_anzus_article_iv_is_defense_in_every_direction(treaties):
    types = {(o["subject"], o["object"], o["type"]) for o in obligations(treaties["anzus"]["obligations"])}
    assert ("*", "*", "defense") in types


def test_us_suspension_of_anzus_obligations_to_new_zealand_is_dated(memberships):
    (row,) = [m for m in memberships if m["alliance"] == "anzus" and m["country"] == "NZL" and m["event"] == "suspended"]
    assert row["date"].startswith("1986") and parse_qualifiers(row["qualifiers"])["by"] == "USA"
    assert {m["country"] for m in memberships if m["alliance"] == "anzus"} == {"AUS", "NZL", "USA"}


def test_us_japan_defense_is_directed_usa_to_japan(treaties):
    obs = obligations(treaties["us-japan-alliance"]["obligations"])
    unconditional = {(o["subject"], o["object"]) for o in obs if o["type"] == "defense" and not o["where"]}
    assert unconditional == {("USA", "JPN")}
    japan = [o for o in obs if o["type"] == "defense" and o["subject"] == "JPN"]
    assert all(o["where"] == "territories under the administration of Japan" for o in japan)


def test_us_japan_1951_and_1960_treaties_with_their_dates(treaties):
    t51, t60 = treaties["us-japan-1951"], treaties["us-japan-alliance"]
    assert (t51["signed"], t51["in_force"], t51["ended"]) == ("1951-09-08", "1952-04-28", "1960-06-23")
    assert (t60["signed"], t60["in_force"]) == ("1960-01-19", "1960-06-23")


def test_signature_and_entry_into_force_kept_apart(treaties):
    assert (treaties["nato"]["signed"], treaties["nato"]["in_force"]) == ("1949-04-04", "1949-08-24")
    assert (treaties["anzus"]["signed"], treaties["anzus"]["in_force"]) == ("1951-09-01", "1952-04-29")
    assert (treaties["us-rok-alliance"]["signed"], treaties["us-rok-alliance"]["in_force"]) == ("1953-10-01", "1954-11-17")


def test_quad_2007_is_its_own_grouping_and_the_revived_quad_starts_2017(treaties, memberships):
    assert treaties["quad-2007"]["established"].startswith("2007") and treaties["quad-2007"]["ended"] == "2008"
    assert treaties["quad"]["established"] == "2017-11-12"
    starts = {m["date"] for m in memberships if m["alliance"] == "quad"}
    assert starts == {"2017-11-12"}


def test_japan_is_not_an_aukus_applicant(memberships, events):
    assert not [m for m in memberships if m["alliance"] == "aukus" and m["country"] == "JPN"]
    assert not [e for e in events if e["relation"] == "applicant_to" and e["object"] == "aukus"]
    (row,) = [e for e in events if e["subject"] == "aukus" and e["object"] == "JPN"]
    assert (row["relation"], row["date"]) == ("considering_cooperation_with", "2024-04-08")


def test_france_opposed_the_tokyo_office_not_nato(events):
    france = [e for e in events if e["subject"] == "FRA"]
    assert france and all(e["relation"] == "opposes_proposal_of" for e in france)
    assert "Tokyo" in parse_qualifiers(france[0]["qualifiers"])["proposal"]


def test_japan_and_korea_partnership_programmes_date_from_2014_and_2012(memberships):
    def programme(country: str, name: str) -> str:
        (row,) = [m for m in memberships if m["alliance"] == "nato" and m["country"] == country
                  and parse_qualifiers(m["qualifiers"]).get("programme") == name]
        return row["date"]
    assert programme("JPN", "IPCP") == "2014-05-06"
    assert programme("KOR", "IPCP").startswith("2012")


def test_every_source_of_the_starter_errors_has_a_url(sources):
    for key in ("aukus-statement", "camp-david-consult", "us-japan-1960-text", "us-rok-treaty-msg", "anzus-treaty-text", "kor-pol-fa50"):
        assert sources[key]["url"].startswith("http"), key


# --- what the issue says is missing, present --------------------------------

def test_missing_treaties_are_present_with_their_dates(treaties):
    expect = {
        "us-philippines": ("1951-08-30", "1952-08-27", ""),
        "us-roc": ("1954-12-02", "1955-03-03", "1980-01-01"),
        "japan-australia-raa": ("2022-01-06", "2023-08-13", ""),
        "japan-uk-raa": ("2023-01-11", "2023-10-15", ""),
        "japan-philippines-raa": ("2024-07-08", "2025-09-11", ""),
        "chn-prk": ("1961-07-11", "1961-09-10", ""),
        "rus-prk": ("2024-06-19", "2024-12-04", ""),
        "cst": ("1992-05-15", "1994-04-20", ""),
        "manila-pact": ("1954-09-08", "1955-02-19", ""),
    }
    for slug, dates in expect.items():
        t = treaties[slug]
        assert (t["signed"], t["in_force"], t["ended"]) == dates, slug
    for slug in ("fpda", "ip4", "us-japan-australia-tsd", "us-japan-philippines-trilateral", "thanat-rusk", "seato", "csto"):
        assert slug in treaties


def test_finland_sweden_and_ukraine_steps(memberships):
    def steps(country: str) -> dict[str, str]:
        return {m["event"]: m["date"] for m in memberships if m["alliance"] == "nato" and m["country"] == country}
    for country, joined in (("FIN", "2023-04-04"), ("SWE", "2024-03-07")):
        s = steps(country)
        assert (s["applied"], s["accession_protocol_signed"], s["joined"]) == ("2022-05-18", "2022-07-05", joined)
    assert steps("UKR") == {"applied": "2022-09-30"}


def test_article_5_and_anzus_invocations(events):
    inv = {(e["subject"], e["date"]) for e in events if e["relation"] == "invoked_for" and e["object"] == "USA"}
    assert {("nato", "2001-09-12"), ("AUS", "2001-09-14")} <= inv


def test_csto_joins_leaves_and_suspensions(memberships):
    def ev(alliance: str, country: str) -> dict[str, str]:
        return {m["event"]: m["date"] for m in memberships if m["alliance"] == alliance and m["country"] == country}
    assert ev("cst", "GEO")["left"] == "1999" and ev("cst", "AZE")["left"] == "1999"
    assert ev("csto", "UZB") == {"joined": "2006-06-23", "suspended": "2012-12-19"}
    assert ev("csto", "ARM")["suspended"].startswith("2024")
