"""A proposed fact that an article denies, plans or expects reads so wherever it is named:
"New Zealand not a member of AUKUS" must never read as a membership (issue 14, modality kept)."""

from __future__ import annotations

import pytest

from store.pipeline.import_report import ImportReport
from store.models import Fact, Source
from tui.format import fact_title


def fact(modality: str | None) -> Fact:
    qualifiers = {"cue": "members"} | ({"modality": modality} if modality else {})
    return Fact(id="fact:x", subject="country:JPN", relation="member_of", object="alliance:nato", qualifiers=qualifiers)


@pytest.mark.parametrize(("modality", "shown"), [("negated", "negated"), ("denied", "denied"), ("planned", "planned"),
                                                  (None, None), ("asserted", None)])
def test_the_import_summary_and_the_fact_title_say_the_modality(modality: str | None, shown: str | None) -> None:
    report = ImportReport(name="x.txt", status="imported", source=Source(id="src:x", title="X"),
                          proposed=[fact(modality)], names={"country:JPN": "Japan", "alliance:nato": "NATO"})
    line = report.fact_line(fact(modality))
    title = fact_title(fact(modality), "Japan", "NATO").plain
    if shown is None:
        assert line == "Japan — member of → NATO" and "asserted" not in title
    else:
        assert line == f"Japan — member of → NATO ({shown})"
        assert f"Japan member of NATO · {shown} ·" in title
