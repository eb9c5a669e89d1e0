"""The command palette: every action (tui/actions.py), 'Go to' any country or alliance, and 'Back to'
any place along the trail (``b`` lists those alone)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from store.words.clean import visible_line
from store.models import EntityKind
from tui import actions

if TYPE_CHECKING:
    from tui.app import AlliancesApp


class ExplorerCommands(Provider):
    @property
    def explorer(self) -> AlliancesApp:
        return self.app  # type: ignore[return-value]

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str, tuple[str, ...]]]:
        app = self.explorer
        for entry in actions.palette_entries(app, readonly=app.writer.not_writable is not None):
            yield entry.title, partial(app.run_action, entry.run), entry.help, ()
        for entity in app.store.entities.values():
            kind = "country" if entity.kind is EntityKind.COUNTRY else "alliance"
            others = [n for n in (entity.short_name, *entity.aliases) if n and n != entity.name]
            aliases = ", ".join(others[:3])
            # "Go to: NATO" is matched as well as "Go to: North Atlantic Treaty Organization";
            # "IP4" as well as "Indo-Pacific Four" (a short name is one more way in).
            also = tuple(visible_line(f"Go to: {a}") for a in others)
            help_text = visible_line(f"{kind}{' · ' + aliases if aliases else ''}")
            yield visible_line(f"Go to: {entity.name}"), partial(app.go_to, entity.id), help_text, also
        yield from trail_commands(app)

    async def discover(self) -> Hits:
        for title, callback, help_text, _ in self._commands():
            if not title.startswith(("Go to:", "Back to:")):
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


def trail_commands(app: AlliancesApp) -> Iterator[tuple[str, Callable[[], object], str, tuple[str, ...]]]:
    """'Back to' each place behind the current one, the nearest first."""
    for steps, (depth, label) in enumerate(app.explorer.trail_stops(), start=1):
        help_text = "one step back" if steps == 1 else f"{steps} steps back"
        yield visible_line(f"Back to: {label}"), partial(app.back_to, depth), help_text, ()


class TrailCommands(Provider):
    """The places along the trail alone (``b``): the first ones too, which the breadcrumb drops."""

    @property
    def explorer(self) -> AlliancesApp:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        for title, callback, help_text, _ in trail_commands(self.explorer):
            yield DiscoveryHit(title, callback, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text, _ in trail_commands(self.explorer):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlight(matcher, title), callback, text=title, help=escape(help_text))
