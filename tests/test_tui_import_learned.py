"""The import dialog asks for the learned fallback as ``import --learned`` does: off unless ticked, remembered for the
session, and set for that import alone (store/pipeline/extract/learned.py is switched back after it)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox

from store.models import FactStatus
from store.pipeline.extract.learned import use_model
from test_tui_review import open_import_dialog, settle_starter_claims
from tui.app import build_app
from tui.screens.import_article import ImportScreen
from tui_helpers import settle, type_text

# The rules relate none of these pairs; the learned model reads Türkiye's cooperation with each.
SAHEL = ("Title: Türkiye in the Sahel\nSource: Example\nPublished: 2024-12-01\n\n"
         "Türkiye's growing ties with the Sahel, in particular with Niger, Mali and Burkina Faso, have brought "
         "increased economic and military cooperation.\n")


def _by_model(app, source_id: str) -> set[tuple[str, str]]:
    """(subject, object) of what the learned model read in the source: a fact it proposed, or a passage it proposed
    as evidence for a fact an earlier import proposed."""
    store = app.store
    facts = {(f.subject, f.object) for f in store.facts.values()
             if f.status is FactStatus.UNREVIEWED and f.qualifiers.get("cue", "").startswith("model")
             and any(store.excerpts[x].source_id == source_id for x in f.evidence if x in store.excerpts)}
    links = {(store.facts[link.fact_id].subject, store.facts[link.fact_id].object)
             for link in store.evidence_links.values()
             if link.cue.startswith("model") and store.excerpts[link.excerpt_id].source_id == source_id}
    return facts | links


async def _import(pilot, path: Path, tick: bool) -> str:
    """Import ``path`` through the dialog, ticking the learned box first if asked; the new source's id."""
    app = pilot.app
    before = set(app.store.sources)
    dialog = await open_import_dialog(pilot)
    await type_text(pilot, str(path))
    if tick:
        await pilot.press("tab")  # to the checkbox
        assert app.focused is dialog.query_one("#import-learned", Checkbox)
        await pilot.press("space")
        await pilot.press("shift+tab")  # back to the path, where enter imports
    await pilot.press("enter")
    await settle(pilot)
    assert not isinstance(app.screen, ImportScreen)
    assert len(set(app.store.sources) - before) == 1, [n.message for n in app._notifications]
    [new] = set(app.store.sources) - before
    return new


async def test_the_learned_box_adds_the_models_proposals_for_that_import_alone(starter_store: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "sahel-1.txt", tmp_path / "sahel-2.txt"
    first.write_text(SAHEL, encoding="utf-8")
    # Another article (another title, a paragraph more) whose first sentence the model reads as before, when asked.
    second.write_text(SAHEL.replace("Türkiye in the Sahel", "Ankara's Sahel ties") + "\nMore talks are planned.\n",
                      encoding="utf-8")
    app = build_app(settle_starter_claims(starter_store))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        dialog = await open_import_dialog(pilot)
        assert dialog.query_one("#import-learned", Checkbox).value is False  # off unless asked for
        await pilot.press("escape")
        await settle(pilot)

        ticked = await _import(pilot, first, tick=True)
        assert {("country:TUR", "country:MLI"), ("country:TUR", "country:NER")} <= _by_model(app, ticked)
        assert use_model(False) is False  # the process's switch is back as it was

        # The dialog opens as the last import left it; unticked, the model reads nothing.
        dialog = await open_import_dialog(pilot)
        assert dialog.query_one("#import-learned", Checkbox).value is True
        await pilot.press("escape")
        await settle(pilot)
        plain = await _import(pilot, second, tick=True)  # a tick on a ticked box unticks it
        assert _by_model(app, plain) == set()
