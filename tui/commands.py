"""The command palette: every action, and 'Go to' any country or alliance."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from store.clean import visible_line
from store.models import EntityKind

if TYPE_CHECKING:
    from tui.app import AlliancesApp

# "Category: verb" titles, each naming an app action.
ACTIONS: list[tuple[str, str, str]] = [
    ("Import article…", "import", "Import a text, Markdown or HTML article into the store"),
    ("Note: add", "new_note", "Write a note on the highlighted fact or excerpt"),
    ("Note: edit", "edit", "Edit the highlighted note (or the fact)"),
    ("Note: delete", "delete_note", "Delete the highlighted note"),
    ("Note: tags", "tags", "Edit the highlighted note's tags"),
    ("Fact: confirm", "status('confirmed')", "Mark the highlighted fact confirmed"),
    ("Fact: dispute", "status('disputed')", "Mark the highlighted fact disputed"),
    ("Review: accept", "verdict('confirmed')", "In 'To review': accept the proposed fact (v)"),
    ("Review: reject", "verdict('retracted')", "In 'To review': reject the proposal, kept as retracted (x)"),
    ("Review: accept group", "verdict_group('accepted')", "In 'To review': accept every passage of the highlighted passage's group (V)"),
    ("Review: reject group", "verdict_group('rejected')", "In 'To review': reject every passage of the highlighted passage's group (X)"),
    ("Review: group by fact / article", "review_group_by", "In 'To review': group proposed passages by fact or by article (o)"),
    ("Edit: undo", "undo", "Undo the last change"),
    ("Edit: redo", "redo", "Redo the last undone change"),
    ("View: all alliances", "all_alliances", "List every alliance in the middle pane"),
    ("View: back", "go_back", "Go back along the breadcrumb"),
    ("View: to review", "review", "The facts and passages proposed by imports, to accept (v), reject (x) or edit (e)"),
    ("View: relation graph", "graph", "The neighbourhood of the selection, drawn"),
    ("View: timeline", "timeline", "The dated facts of the selection from 1949 to today"),
    ("Pane: countries", "focus_pane('countries')", "Focus the countries pane"),
    ("Pane: alliances", "focus_pane('alliances')", "Focus the alliances pane"),
    ("Pane: excerpts", "focus_pane('excerpts')", "Focus the excerpts pane"),
    ("Filter: focused pane", "filter", "Filter the focused pane's list"),
    ("Copy: quote with citation", "copy_quote", "Copy the highlighted quote"),
    ("Help: keys", "help", "Every key, by pane"),
]


class ExplorerCommands(Provider):
    @property
    def explorer(self) -> AlliancesApp:
        return self.app  # type: ignore[return-value]

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str, tuple[str, ...]]]:
        app = self.explorer
        for title, action, help_text in ACTIONS:
            yield title, partial(app.run_action, action), help_text, ()
        for entity in app.store.entities.values():
            kind = "country" if entity.kind is EntityKind.COUNTRY else "alliance"
            others = [n for n in (entity.short_name, *entity.aliases) if n and n != entity.name]
            aliases = ", ".join(others[:3])
            # "Go to: NATO" is matched as well as "Go to: North Atlantic Treaty Organization";
            # "IP4" as well as "Indo-Pacific Four" (a short name is one more way in).
            also = tuple(visible_line(f"Go to: {a}") for a in others)
            help_text = visible_line(f"{kind}{' · ' + aliases if aliases else ''}")
            yield visible_line(f"Go to: {entity.name}"), partial(app.go_to, entity.id), help_text, also

    async def discover(self) -> Hits:
        for title, callback, help_text, _ in self._commands():
            if not title.startswith("Go to:"):
                yield DiscoveryHit(title, callback, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text, also in self._commands():
            # Aliases count too: "ROK" finds South Korea, "Aukus pact" finds AUKUS, "Go to: NATO" NATO (not ISAF).
            score = max(matcher.match(title), *(matcher.match(a) for a in also), matcher.match(help_text) * 0.8)
            if score > 0:
                # The palette reads help as markup, and Matcher.highlight its candidate: names are text.
                yield Hit(score, _highlight(matcher, title), callback, text=title, help=escape(help_text))


def _highlight(matcher: Matcher, text: str) -> Content:
    """``text`` with the letters the query matched highlighted, as Matcher.highlight does but never as markup."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
