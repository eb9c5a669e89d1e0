"""The ATOP importer (issue 15): hand-made files in ATOP 5.1's format, never ATOP itself.

tests/data/atop/full holds five made-up alliances (atopid 9001–9005) covering every column, missing
days and months, historical states, a member who leaves and rejoins, and unknown state codes;
tests/data/atop/nato holds an alliance with NATO's twelve founding members signed 1949-04-04, which
must be proposed as a match for the starter store's NATO, not imported as a second NATO.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store.datasets.atop import AtopError, import_atop
from store.countries import country_entity
from store.models import EVERY_PARTY, DatasetRef, DateKind, FactStatus, Obligation, ObligationType, Origin, Precision, Relation
from store.repository import FactStore
from tui.cli import main

DATA = Path(__file__).parent / "data" / "atop"
USA, JPN, FRA = "country:USA", "country:JPN", "country:FRA"


def member_facts(store: FactStore, alliance: str) -> list:
    return [f for f in store.facts_of(alliance) if f.relation is Relation.MEMBER_OF]


# --- reading the files ---------------------------------------------------------------------------

def test_every_column_is_read_by_name_and_the_extra_ones_are_kept_as_qualifiers(starter: FactStore) -> None:
    report = import_atop(starter, DATA / "full")
    assert (report.version, report.alliances, report.memberships) == ("5.1", 5, 12)
    a = starter.entity("alliance:atop-9001")
    assert a.name == "United States–Japan (ATOP 9001, 1951)"
    assert a.codes == {"atop": "9001"}
    assert a.dataset == DatasetRef(name="ATOP", version="5.1", record="atopid 9001")
    assert a.qualifiers == {"atop.cowid": "175", "atop.active": "1"}  # milaid 0: left out, as every 0
    assert a.alliance_kind == "bilateral defence pact"
    assert a.dates[DateKind.SIGNED].value == "1951-09-08"
    assert a.dates[DateKind.ENDED].value == "1960-06"  # endday 0: known to the month
    # Directed: the United States owes defence (Japan does not); both owe consultation.
    assert set(a.obligations) == {
        Obligation(subject=USA, object=EVERY_PARTY, type=ObligationType.DEFENSE),
        Obligation(subject=EVERY_PARTY, object=EVERY_PARTY, type=ObligationType.CONSULTATION),
    }
    assert a.obligations_between(USA, JPN) and not [o for o in a.obligations_between(JPN, USA) if o.type is ObligationType.DEFENSE]
    [usa] = [f for f in member_facts(starter, a.id) if f.subject == USA]
    assert (usa.start.value, usa.end.value) == ("1951-09-08", "1960-06")
    assert {k.value: v.value for k, v in usa.dates.items()} == {"joined": "1951-09-08", "left": "1960-06"}
    assert usa.qualifiers == {"atop.phase": "1", "atop.ecaid": "1"}
    assert usa.status is FactStatus.CONFIRMED and usa.origin is Origin.DATASET
    assert usa.dataset == DatasetRef(name="ATOP", version="5.1", record="atopid 9001")
    # One undoable group, named.
    assert starter.undo_label() == "import ATOP 5.1"


def test_missing_days_and_months_keep_their_precision(starter: FactStore) -> None:
    import_atop(starter, DATA / "full")
    month = starter.entity("alliance:atop-9002")  # day 0
    assert month.dates[DateKind.SIGNED].value == "1850-05" and month.dates[DateKind.SIGNED].precision is Precision.MONTH
    assert month.dates[DateKind.ENDED].value == "1866"  # empty month and day
    year = starter.entity("alliance:atop-9003")  # month and day -9; endyr 0: still in effect
    assert year.dates[DateKind.SIGNED].value == "1907" and DateKind.ENDED not in year.dates
    assert all(f.start.value == "1907" and f.end == "open" for f in member_facts(starter, year.id))
    assert year.alliance_kind == "multilateral consultation pact"


def test_a_member_who_leaves_and_rejoins_has_two_memberships(starter: FactStore) -> None:
    import_atop(starter, DATA / "full")
    spells = sorted((f for f in member_facts(starter, "alliance:atop-9004") if f.subject == FRA), key=lambda f: f.start.value)
    assert [(f.start.value, str(f.end)) for f in spells] == [("1950-01-01", "1955-03"), ("1960-07-15", "open")]
    assert [f.qualifiers["atop.phase"] for f in spells] == ["1", "2"]
    assert DateKind.LEFT in spells[0].dates and DateKind.LEFT not in spells[1].dates
    # Every member owes defence: one obligation among all parties.
    assert starter.entity("alliance:atop-9004").obligations == [
        Obligation(subject=EVERY_PARTY, object=EVERY_PARTY, type=ObligationType.DEFENSE)]


def test_unknown_state_codes_are_reported_in_one_line_and_their_rows_skipped(starter: FactStore) -> None:
    report = import_atop(starter, DATA / "full")
    assert report.unknown_line() == "2 unknown state codes: 998 (atopid 9005), 999 (atopid 9005); their rows were skipped"
    assert [f.subject for f in member_facts(starter, "alliance:atop-9005")] == [USA]


def test_a_historical_state_is_a_country_of_its_own_with_its_years(starter: FactStore) -> None:
    import_atop(starter, DATA / "full")
    bavaria = starter.entity("country:XBV")
    assert bavaria.name == "Bavaria" and bavaria.codes == {"cow": "245", "iso3": "XBV"}
    assert {k.value: v.value for k, v in bavaria.dates.items()} == {"established": "1816", "ended": "1871"}
    assert starter.entity("alliance:atop-9002").name == "Bavaria–Baden (ATOP 9002, 1850)"
    # country_entity knows ISO 3166-3 and our own codes from the table.
    assert country_entity("DDR").name == "German Democratic Republic"
    assert country_entity("XAH").dates[DateKind.ENDED].value == "1918"
    # Countries already in the store are left as they are.
    assert starter.entity(USA) == FactStore.open(starter.folder, readonly=True, create=False).entity(USA)


def test_a_second_import_changes_nothing_not_even_the_journal(starter: FactStore) -> None:
    import_atop(starter, DATA / "full")
    journal = starter.folder / "journal.jsonl"
    size, history = journal.stat().st_size, len(starter.history())
    again = import_atop(starter, DATA / "full")
    assert again.nothing_new and "nothing new" in again.summary()
    assert journal.stat().st_size == size and len(starter.history()) == history


def test_a_missing_column_is_one_sentence_and_nothing_is_written(starter: FactStore) -> None:
    history = len(starter.history())
    with pytest.raises(AtopError) as exc:
        import_atop(starter, DATA / "missing-column")
    assert str(exc.value) == f"{DATA / 'missing-column' / 'atop5_1m.csv'} has no column 'yrent'."
    assert len(starter.history()) == history


def test_a_bad_value_names_the_file_the_line_and_the_column(starter: FactStore, tmp_path: Path) -> None:
    folder = tmp_path / "atop"
    shutil.copytree(DATA / "full", folder)
    path = folder / "atop5_1m.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("740,1951", "740,19x1")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AtopError) as exc:
        import_atop(starter, folder)
    assert str(exc.value) == f"{path}, line 3, column yrent: '19x1' is not a whole number."
    assert "alliance:atop-9001" not in starter.entities


def test_the_version_is_read_from_the_file_names(starter: FactStore, tmp_path: Path) -> None:
    folder = tmp_path / "atop6"
    folder.mkdir()
    for kind in "am":
        shutil.copy(DATA / "full" / f"atop5_1{kind}.csv", folder / f"atop6_0{kind}.csv")
    report = import_atop(starter, folder)
    assert report.version == "6.0" and starter.entity("alliance:atop-9001").dataset.version == "6.0"
    assert starter.undo_label() == "import ATOP 6.0"


# --- matching alliances the store holds ------------------------------------------------------------

def test_nato_in_atop_is_proposed_as_a_match_for_nato_not_duplicated(starter: FactStore) -> None:
    nato_members = len(member_facts(starter, "alliance:nato"))
    report = import_atop(starter, DATA / "nato")
    assert report.matches == 1
    proposed = starter.entity("alliance:atop-3180")
    assert proposed.proposed and proposed.proposal.origin == "dataset" and proposed.proposal.match == "alliance:nato"
    assert proposed in starter.proposed_entities()
    assert len(member_facts(starter, "alliance:nato")) == nato_members


def test_accepting_the_match_merges_it_into_nato_in_one_undoable_step(starter: FactStore) -> None:
    before = starter.entity("alliance:nato")
    facts_before = {f.id: f for f in starter.facts_of("alliance:nato")}
    import_atop(starter, DATA / "nato")
    starter.accept_entity("alliance:atop-3180")
    nato = starter.entity("alliance:nato")
    assert nato.codes["atop"] == "3180" and nato.name == before.name
    # The starter world's NATO has its obligations (Art. 5, Art. 4) and dates: the match adds none over them.
    assert nato.obligations == before.obligations and nato.dates == before.dates
    assert Obligation(subject=EVERY_PARTY, object=EVERY_PARTY, type=ObligationType.DEFENSE, article="5",
                      where=before.obligations[0].where) in nato.obligations
    assert DateKind.SIGNED in nato.dates
    assert "alliance:atop-3180" not in starter.entities
    assert not any("alliance:atop-3180" in f.entities for f in starter.facts.values())
    # Every ATOP membership restates one NATO has (same country, overlapping span): none is duplicated.
    assert {f.id for f in starter.facts_of("alliance:nato")} == set(facts_before)
    # A re-import proposes nothing: NATO carries the atopid.
    assert import_atop(starter, DATA / "nato").nothing_new
    starter.undo()
    assert starter.entity("alliance:atop-3180").proposed and starter.entity("alliance:nato") == before


def test_rejecting_the_match_keeps_a_separate_alliance_never_proposed_again(starter: FactStore) -> None:
    before = starter.entity("alliance:nato")
    import_atop(starter, DATA / "nato")
    starter.reject_entity("alliance:atop-3180")
    kept = starter.entity("alliance:atop-3180")
    assert not kept.proposed and not kept.rejected and kept.proposal is None
    assert len(member_facts(starter, kept.id)) == 14  # twelve founders, the US twice, Greece
    assert ("alliance:atop-3180", 14) in [(e.id, n) for e, n in starter.alliances()]
    assert starter.entity("alliance:nato") == before
    again = import_atop(starter, DATA / "nato")
    assert again.nothing_new and again.matches == 0 and not starter.proposed_entities()


# --- the command line ----------------------------------------------------------------------------

def test_import_atop_prints_one_summary_line(starter_store: Path, capsys) -> None:
    assert main(["import-atop", str(DATA / "full"), "--db", str(starter_store)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        # 9001 (USA, Japan, 1951-09-08) is the starter world's 1951 US-Japan Security Treaty: a match.
        "ATOP 5.1: 5 alliances, 12 memberships, 6 states (2 new), 1 match proposed, 2 unknown state codes"]
    assert err.splitlines() == [
        "alliances-tui: 2 unknown state codes: 998 (atopid 9005), 999 (atopid 9005); their rows were skipped"]
    assert main(["import-atop", str(DATA / "full"), "--db", str(starter_store)]) == 0
    assert capsys.readouterr().out.strip() == "ATOP 5.1: nothing new"


@pytest.mark.parametrize("where", ["missing-column", "no-such-folder"])
def test_import_atop_fails_in_one_sentence_writing_nothing(starter_store: Path, capsys, where: str) -> None:
    journal = starter_store / "journal.jsonl"
    size = journal.stat().st_size if journal.exists() else 0
    assert main(["import-atop", str(DATA / where), "--db", str(starter_store)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and err.startswith("alliances-tui: ")
    assert ("has no column 'yrent'" in err) if where == "missing-column" else ("no folder" in err)
    assert (journal.stat().st_size if journal.exists() else 0) == size


def test_an_article_naming_countries_together_is_never_read_as_an_atop_alliance(starter: FactStore) -> None:
    """ATOP has many alliances of the same few states: a compound such as "US-UK-France" in an article
    names a grouping of the store, not the 1907 pact that happens to have exactly those members."""
    from store.pipeline.importer import import_text

    import_atop(starter, DATA / "full")
    report = import_text(starter, "Title: T\n\nLeaders of the US-UK-France trilateral met in Paris on Monday.", name="t.txt")
    named = {m.entity_id for e in starter.excerpts.values() if e.source_id == report.source.id for m in e.mentions}
    assert not any(n.startswith("alliance:atop-") for n in named), named


def test_a_file_that_cannot_be_imported_creates_no_store(tmp_path: Path, capsys) -> None:
    assert main(["import-atop", str(DATA / "missing-column"), "--db", str(tmp_path / "new")]) == 1
    assert not (tmp_path / "new").exists()
    assert "has no column 'yrent'" in capsys.readouterr().err
