"""Every action of the explorer, once: its key, its words, where it applies, where it is shown.

The App's and each screen's and widget's BINDINGS, the App's check_action,
the help screen's groups (per screen), the command palette's entries and the
footer's words are all read from ``ACTIONS`` below, so they cannot disagree.
A hint that names a key asks ``key_for``, which answers with the key the
user's keymap binds now (Textual's ``App.set_keymap`` takes binding ids: the
``id`` of each action here).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.binding import Binding, BindingType

from tui.action_context import (  # re-exported: the app builds a Context
    Context,
    When,
    editable,
    fact_status,
    in_review,
    on_evidence,
    on_link_in_review,
    on_note,
    on_note_target,
    redo_applies,
    reviewing_one,
    undo_applies,
)

__all__ = ["ACTIONS", "Action", "BY_ID", "Context", "When"]

# Textual is imported where bindings are made or keys drawn, not here: the
# explorer's model (tui/explorer.py) reads the registry and stays Textual-free.


@dataclass(frozen=True)
class Action:
    """One key and what it does.

    ``scope`` names the bindings it belongs to (``app``, ``graph`` …);
    ``keys`` is empty for an action only the palette runs; ``run`` is empty
    for a line of help about a key bound elsewhere (``same_key_as``).
    """

    id: str  # the binding id a keymap names
    scope: str
    keys: str
    run: str
    description: str  # the footer's word
    tooltip: str = ""
    group: str = ""  # the help screen's heading
    palette: str = ""  # the command palette's title ("Category: verb"); empty: not there
    show: bool = False  # on the footer
    key_display: str | None = None
    priority: bool = False
    when: When | None = None
    same_key_as: str = ""

    @property
    def name(self) -> str:
        """The action's method name, without arguments (what check_action is asked)."""
        return self.run.split("(", 1)[0]

    @property
    def explanation(self) -> str:
        return self.tooltip or self.description


# App actions that still act while a view or dialog is on top (tab still moves its focus).
OVER_VIEWS = frozenset({"quit", "command_palette", "help", "focus_next", "focus_previous"})
# What writes: hidden (and refused) on a read-only store, which says why when it opens.
WRITES = frozenset({"new_note", "edit", "delete_note", "tags", "status", "verdict", "verdict_group", "undo", "redo", "import",
                    "add_entity", "merge_entity"})
# ... and while a note is written (the footer shows the editor's keys).
WHILE_EDITING = frozenset({"quit", "command_palette", "help", "pane", "focus_pane"})

EVERYWHERE = "Everywhere"
LISTS = "Countries · Alliances · Excerpts (lists)"
FOLLOW = "Countries, Alliances"
EXCERPTS = "Excerpts (the highlighted fact, excerpt or note)"
REVIEW = "Excerpts · to review (r)"
EDITOR = "Note editor"
CONFIRM = "Confirmations"
GRAPH = "Relation graph"
TIMELINE = "Timeline"
IMPORT = "Import"
FACT_FORM = "Fact form"
SEARCH = "Search everything"
SOURCES = "Sources"
HELP = "Help"


def _app(key: str, run: str, description: str, name: str, tooltip: str = "", *, group: str = EVERYWHERE,
         palette: str = "", show: bool = True, when: When | None = None, key_display: str | None = None) -> Action:
    return Action(f"app.{name}", "app", key, run, description, tooltip or description, group, palette, show,
                  key_display, when=when)


ACTIONS: tuple[Action, ...] = (
    # --- the explorer (App.BINDINGS, in the footer's order) ---
    _app("tab", "pane(1)", "Next pane", "next_pane", show=False),
    _app("shift+tab", "pane(-1)", "Previous pane", "previous_pane", show=False),
    _app("l", "pane(1)", "Next pane", "right", show=False),
    _app("h", "pane(-1)", "Previous pane", "left", show=False),
    _app("1", "focus_pane('countries')", "Countries", "pane_countries", "Focus the countries pane", palette="Pane: countries", show=False),
    _app("2", "focus_pane('alliances')", "Alliances", "pane_alliances", "Focus the alliances pane", palette="Pane: alliances", show=False),
    _app("3", "focus_pane('excerpts')", "Excerpts", "pane_excerpts", "Focus the excerpts pane", palette="Pane: excerpts", show=False),
    _app("greater_than_sign", "resize_pane(1)", "Wider", "wider", "Widen the focused pane (remembered)", palette="Pane: wider",
         show=False, key_display=">"),
    _app("less_than_sign", "resize_pane(-1)", "Narrower", "narrower", "Narrow the focused pane (remembered)", palette="Pane: narrower",
         show=False, key_display="<"),
    _app("equals_sign", "reset_widths", "Widths", "reset_widths", "The panes back to their usual widths", palette="Pane: usual widths",
         show=False, key_display="="),
    _app("backspace", "go_back", "Back", "back", "Go back along the breadcrumb", palette="View: back"),
    _app("b", "trail", "Trail", "trail", "Back to any place along the trail, the first ones too", palette="View: back to…", show=False),
    # Help early: a narrow footer keeps whole keys from the left (q, known to all, comes last).
    _app("question_mark", "help", "Help", "help", "Every key, by pane", palette="Help: keys", key_display="?"),
    _app("slash", "filter", "Filter", "filter", "Filter the focused pane", palette="Filter: focused pane", key_display="/"),
    _app("escape", "clear_filter", "Clear filter", "clear_filter", show=False),
    _app("s", "search", "Search", "search", "Search everything: names, quotes, notes and #tags, sources", palette="Search everything"),
    _app("S", "sources", "Sources", "sources", "View: every source, what it added, read whole", palette="View: sources", show=False),
    _app("a", "all_alliances", "All alliances", "all_alliances", "List every alliance in the middle pane", palette="View: all alliances", show=False),
    _app("n", "new_note", "Note", "new_note", "Write a note on the highlighted fact or excerpt", group=EXCERPTS, palette="Note: add", when=on_note_target),
    _app("e", "edit", "Edit", "edit", "Edit the highlighted note, or the fact", group=EXCERPTS, palette="Note: edit", when=editable),
    # What is used most comes first: a narrow footer keeps whole keys from the left (tui/panes/footer.py).
    _app("m", "graph", "Graph", "graph", "View: relation graph of the selection", palette="View: relation graph"),
    _app("T", "timeline", "Timeline", "timeline", "View: timeline of the selection", palette="View: timeline"),
    _app("u", "undo", "Undo", "undo", "Undo the last change", palette="Edit: undo", when=undo_applies),
    _app("d", "delete_note", "Delete", "delete_note", "Delete the highlighted note (asks first)", group=EXCERPTS, palette="Note: delete", when=on_note),
    _app("t", "tags", "Tags", "tags", "Edit the tags of the highlighted note", group=EXCERPTS, palette="Note: tags", when=on_note),
    _app("v", "status('confirmed')", "Confirm", "confirm", "Mark the fact confirmed", group=EXCERPTS, palette="Fact: confirm", when=fact_status),
    _app("x", "status('disputed')", "Dispute", "dispute", "Mark the fact disputed", group=EXCERPTS, palette="Fact: dispute", when=fact_status),
    # The same keys in 'To review' (r), where the footer must say what they do there.
    _app("v", "verdict('confirmed')", "Accept", "accept", "To review: accept the proposed fact (confirmed) or passage (evidence)",
         group=REVIEW, palette="Review: accept", when=reviewing_one),
    _app("x", "verdict('retracted')", "Reject", "reject", "To review: reject the proposal (a fact kept retracted; a passage remembered, not proposed again)",
         group=REVIEW, palette="Review: reject", when=reviewing_one),
    _app("V", "verdict_group('accepted')", "Accept group", "group_accept", "To review: accept every passage of the highlighted passage's group",
         group=REVIEW, palette="Review: accept group", when=on_link_in_review),
    _app("X", "verdict_group('rejected')", "Reject group", "group_reject", "To review: reject every passage of the highlighted passage's group",
         group=REVIEW, palette="Review: reject group", when=on_link_in_review),
    _app("o", "review_group_by", "Group by", "review_group_by", "To review: group proposed passages by fact or by article",
         group=REVIEW, palette="Review: group by fact / article", show=False, when=in_review),
    _app("r", "review", "To review", "review", "View: facts and passages proposed by imports, to review", palette="View: to review", show=False),
    _app("y", "copy_quote", "Copy", "copy", "Copy the highlighted quote with its citation", group=EXCERPTS,
         palette="Copy: quote with citation", show=False, when=on_evidence),
    _app("ctrl+r", "redo", "Redo", "redo", "Redo the last undone change", palette="Edit: redo", when=redo_applies),
    _app("q", "quit", "Quit", "quit"),
    _app("", "add_entity", "Add", "add_entity", "Add an alliance, a grouping or a country by hand", palette="Add: alliance, grouping or country…",
         show=False),
    _app("", "merge_entity", "Merge", "merge_entity", "Merge the highlighted country or alliance into another (they are one)",
         palette="Merge: the highlighted one into another…", show=False),
    _app("", "import", "Import", "import", "Import a text, Markdown or HTML article (or a folder of them) into the store", palette="Import article…"),
    # --- lists: RowList (the explorer's panes) and the timeline's ---
    Action("list.down", "vim", "j", "cursor_down", "Down", group=LISTS),
    Action("list.up", "vim", "k", "cursor_up", "Up", group=LISTS),
    Action("list.top", "vim", "g", "first", "Top", group=LISTS),
    Action("list.bottom", "vim", "G", "last", "Bottom", group=LISTS),
    Action("list.down_arrow", "rowlist", "down", "cursor_down", "Down", group=LISTS),
    Action("list.up_arrow", "rowlist", "up", "cursor_up", "Up", group=LISTS),
    Action("list.home", "rowlist", "home", "first", "First", group=LISTS),
    Action("list.end", "rowlist", "end", "last", "Last", group=LISTS),
    Action("list.page_down", "rowlist", "pagedown", "page_down", "Page Down", group=LISTS),
    Action("list.page_up", "rowlist", "pageup", "page_up", "Page Up", group=LISTS),
    Action("list.select", "rowlist", "enter", "select", "Select"),
    Action("list.follow", "follow", "enter", "select", "Follow", "Follow the highlighted relation", show=True),
    Action("help.follow", "", "", "", "Follow", "Follow: a country's alliances, an alliance's members", group=FOLLOW, same_key_as="list.follow"),
    Action("help.filter", "", "", "", "Filter", "Filter by name or alias, as you type", group=FOLLOW, same_key_as="app.filter"),
    Action("help.jump", "", "", "", "Jump", "Jump to the other country or alliance of the fact", group=EXCERPTS, same_key_as="list.select"),
    # --- the note editor, dialogs and forms ---
    Action("editor.save", "editor", "ctrl+s", "save", "Save", "Save the note (durably)", EDITOR, show=True, priority=True),
    Action("editor.cancel", "editor", "escape", "cancel", "Cancel", "Close the editor", EDITOR, show=True, priority=True),
    Action("confirm.yes", "confirm", "y", "answer(True)", "Yes", group=CONFIRM, show=True),
    Action("confirm.no", "confirm", "n,escape", "answer(False)", "No", group=CONFIRM, show=True),
    Action("import.cancel", "import", "escape", "cancel", "Cancel", "Close without importing", IMPORT, show=True),
    Action("fact.save", "fact", "ctrl+s", "save", "Save", "Save the fact", FACT_FORM, show=True, priority=True),
    Action("fact.cancel", "fact", "escape", "dismiss_form", "Cancel", "Close the form (asks first if changed)", FACT_FORM, show=True),
    Action("search.close", "search", "escape", "close", "Close", "Back from a list, else close the search", SEARCH, show=True),
    Action("help.search_enter", "", "", "", "Go", "Go to what was found, in its pane; open a saved list", group=SEARCH, same_key_as="list.select"),
    Action("help.close", "help", "escape,question_mark,q", "dismiss", "Close", "Close the help", HELP, show=True),
    # --- the relation graph: its canvas, then its screen ---
    Action("graph.down", "graph-canvas", "j,down", "move(1)", "Down", "Next neighbour", GRAPH),
    Action("graph.up", "graph-canvas", "k,up", "move(-1)", "Up", "Previous neighbour", GRAPH),
    Action("graph.left", "graph-canvas", "h,left", "side(0)", "Countries", "Move to the countries side", GRAPH, show=True),
    Action("graph.right", "graph-canvas", "l,right", "side(1)", "Alliances", "Move to the alliances side", GRAPH, show=True),
    Action("graph.top", "graph-canvas", "g,home", "first", "Top", "First neighbour on this side", GRAPH),
    Action("graph.bottom", "graph-canvas", "G,end", "last", "Bottom", "Last neighbour on this side", GRAPH),
    Action("graph.hide", "graph-canvas", "x", "hide", "Hide", "Hide the highlighted edge's kinds of relation", GRAPH, show=True),
    Action("graph.show_all", "graph-canvas", "a", "show_all", "Show all", "Show every kind of relation again", GRAPH),
    Action("graph.recentre", "graph-canvas", "enter", "recentre", "Re-centre", "Put the highlighted neighbour in the centre", GRAPH, show=True),
    Action("graph.back", "graph-canvas", "backspace", "back", "Back", "Back to the previous centre", GRAPH, show=True),
    Action("graph.close", "graph", "escape,q", "close", "Close", "Close the graph", GRAPH, show=True),
    Action("graph.open", "graph", "o", "open", "Open in explorer", "Close and show the highlighted neighbour in the explorer", GRAPH, show=True),
    # --- the timeline ---
    # --- the Sources view ---
    Action("sources.fact", "sources", "f", "fact", "Fact", "Make a fact from the highlighted passage, or add it to the evidence of the fact it restates", SOURCES, show=True),
    Action("sources.note", "sources", "n", "note", "Note", "Write a note on the highlighted passage", SOURCES, show=True),
    Action("sources.open", "sources", "o", "open", "Show", "Show the highlighted passage's fact in the explorer (enter too)", SOURCES, show=True),
    Action("sources.close", "sources", "escape,q", "back_or_close", "Close", "Back to the list of sources, else close", SOURCES, show=True),
    Action("timeline.open", "timeline", "enter", "open", "Open", "Show the highlighted fact with its evidence in the explorer", TIMELINE,
           show=True, priority=True),
    Action("timeline.zoom", "timeline", "z", "zoom", "Zoom", "Zoom out to 1949–today, or back to the selection's years", TIMELINE, show=True),
    Action("timeline.close", "timeline", "escape,q", "close", "Close", "Close the timeline", TIMELINE, show=True),
)

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}

# The help each screen shows, in order (``?`` on the graph shows the graph's keys).
HELP_TOPICS: dict[str, tuple[str, ...]] = {
    "explorer": (EVERYWHERE, LISTS, FOLLOW, EXCERPTS, REVIEW, EDITOR, CONFIRM, SEARCH),
    "review": (REVIEW, EXCERPTS, EVERYWHERE, LISTS, EDITOR, CONFIRM),
    "graph": (GRAPH, EVERYWHERE),
    "timeline": (TIMELINE, LISTS, EVERYWHERE),
    "sources": (SOURCES, LISTS, EVERYWHERE),
}
# Over a view only the app keys that still act there are its help's "Everywhere".
_VIEWS = frozenset({"graph", "timeline", "sources"})
# The timeline's list is an OptionList with the vim keys: the arrows are its own.
_TIMELINE_LISTS = frozenset({"vim"})


def _check_registry() -> None:
    whens: dict[str, When | None] = {}
    for action in ACTIONS:
        if action.scope == "app" and action.run:
            # check_action is asked by name: every binding of one name must agree.
            if whens.setdefault(action.name, action.when) is not action.when:
                raise ValueError(f"{action.id}: another binding of {action.name!r} applies elsewhere")
        if action.same_key_as and action.same_key_as not in BY_ID:
            raise ValueError(f"{action.id}: no action {action.same_key_as!r}")
    if len(BY_ID) != len(ACTIONS):
        raise ValueError("two actions share an id")


_check_registry()
_WHEN: dict[str, When | None] = {a.name: a.when for a in ACTIONS if a.scope == "app" and a.run}


# --- bindings ------------------------------------------------------------------------------


def bindings(*scopes: str) -> list[BindingType]:
    """The BINDINGS of a scope (``"app"``, ``"graph"`` …), each with its id for keymaps."""
    from textual.binding import Binding
    out: list[BindingType] = [
        Binding(a.keys, a.run, a.description, show=a.show, key_display=a.key_display, priority=a.priority,
                tooltip=a.explanation, id=a.id)
        for scope in scopes for a in ACTIONS if a.scope == scope and a.keys and a.run
    ]
    return out


def applies(name: str, context: Context) -> bool | None:
    """The App's check_action for action ``name``: True, False (hidden) or None (dimmed)."""
    if context.overlaid and name not in OVER_VIEWS:
        return False  # the explorer's keys sleep while a view or dialog is on top
    if context.editing and name not in WHILE_EDITING:
        return False  # while a note is written, the footer shows the editor's keys
    if context.readonly and name in WRITES:
        return False
    when = _WHEN.get(name)
    return True if when is None else when(context)


def pinned(keymap: Mapping[str, str]) -> dict[str, str]:
    """``keymap`` with the default key of each action that shares a key with a rebound one.

    Textual applies a keymap by dropping every binding of the rebound id's
    old key: rebinding ``app.accept`` would take ``v`` from ``app.confirm``
    too. Naming the others' keys explicitly keeps them.
    """
    out = dict(keymap)
    for action in ACTIONS:
        if action.id in keymap or not action.keys:
            continue
        keys = set(action.keys.split(","))
        if any(other.id in keymap and other.scope == action.scope and keys & set(other.keys.split(","))
               for other in ACTIONS if other is not action):
            out[action.id] = action.keys
    return out


# --- key names -------------------------------------------------------------------------------


class KeyDisplay(Protocol):
    """What ``key_for`` needs of an app (AlliancesApp has both; any App has the second)."""

    def get_key_display(self, binding: Binding) -> str: ...


def display_key(key: str) -> str:
    """A key as the footer shows it (``^s``, ``?``), as App.get_key_display does."""
    from textual.binding import Binding
    from textual.keys import format_key
    modifiers, name = Binding(key, "").parse_key()
    shown = format_key(name)
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        shown = f"^{shown}"
    return "+".join([*modifiers, shown])


def bound_keys(action_id: str, keymap: Mapping[str, str] | None = None) -> list[str]:
    """The keys bound to ``action_id`` under ``keymap`` (Textual's names: ``question_mark``)."""
    action = BY_ID[action_id]
    if action.same_key_as:
        return bound_keys(action.same_key_as, keymap)
    keys = (keymap or {}).get(action_id) or action.keys
    return [k.strip() for k in keys.split(",") if k.strip()]


def write_keys(keymap: Mapping[str, str] | None = None) -> frozenset[str]:
    """The keys of the explorer's actions that write: a read-only store hides them, and says why when one is pressed."""
    return frozenset(k for a in ACTIONS if a.scope == "app" and a.name in WRITES and a.keys for k in bound_keys(a.id, keymap))


def key_for(action_id: str, app: object = None) -> str:
    """The key that runs ``action_id`` now (its first, as shown): what every hint names.

    ``app``: the running App, whose ``keymap`` (recorded by AlliancesApp's
    set_keymap) and key display apply; without it, the defaults.
    """
    keymap: Mapping[str, str] | None = getattr(app, "keymap", None)
    keys = bound_keys(action_id, keymap)
    if not keys:
        return ""
    action = BY_ID[action_id]
    rebound = bool(keymap and keymap.get(action.same_key_as or action_id))
    if action.key_display and not rebound:
        return action.key_display
    return _shown(keys[0], app)


def keys_for(action_id: str, app: object = None) -> str:
    """Every key of ``action_id``, as shown, space-separated (the help's column)."""
    keymap: Mapping[str, str] | None = getattr(app, "keymap", None)
    keys = bound_keys(action_id, keymap)
    action = BY_ID[action_id]
    rebound = bool(keymap and keymap.get(action.same_key_as or action_id))
    if action.key_display and len(keys) == 1 and not rebound:
        return action.key_display
    return " ".join(_shown(k, app) for k in keys)


def _shown(key: str, app: object) -> str:
    get = getattr(app, "get_key_display", None)
    if not callable(get):
        return display_key(key)
    from textual.binding import Binding

    shown: str = get(Binding(key, ""))
    return shown


KeyFor = Callable[[str], str]


def default_key_for(action_id: str) -> str:
    return key_for(action_id)


# --- help and palette ------------------------------------------------------------------------


def help_groups(topic: str, app: object = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(keys as shown, what they do)]) for the help of ``topic`` (see HELP_TOPICS)."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    keymap: Mapping[str, str] | None = getattr(app, "keymap", None)
    # On a view, its own keys win over the explorer's (q closes the graph, it does not quit).
    own = {k for a in ACTIONS if a.group == HELP_TOPICS[topic][0] and a.keys for k in bound_keys(a.id, keymap)}
    for heading in HELP_TOPICS[topic]:
        lines = []
        for action in ACTIONS:
            if action.group != heading or not (action.keys or action.same_key_as):
                continue
            if topic in _VIEWS and heading == EVERYWHERE and (
                    action.name not in OVER_VIEWS or own & set(bound_keys(action.id, keymap))):
                continue
            if topic == "timeline" and heading == LISTS and action.scope not in _TIMELINE_LISTS:
                continue
            lines.append((keys_for(action.id, app), action.explanation))
        groups.append((heading, lines))
    return groups


@dataclass(frozen=True)
class PaletteEntry:
    title: str
    run: str
    help: str


def palette_entries(app: object = None, *, readonly: bool = False) -> list[PaletteEntry]:
    """The command palette's actions, each saying its key (as the keymap binds it); none that writes if ``readonly``."""
    entries = []
    for action in sorted((a for a in ACTIONS if a.palette), key=lambda a: _PALETTE_ORDER.index(a.palette.split(":")[0].rstrip("…").split(" ")[0])):
        if readonly and action.name in WRITES:
            continue
        key = key_for(action.id, app) if action.keys else ""
        entries.append(PaletteEntry(action.palette, action.run, f"{action.explanation} ({key})" if key else action.explanation))
    return entries


# Categories in the palette's order (what a user reaches for first).
_PALETTE_ORDER = ("Search", "Import", "Add", "Merge", "Note", "Fact", "Review", "Edit", "View", "Pane", "Filter", "Copy", "Help")


def hint(parts: Iterable[tuple[str, str]], key: KeyFor = default_key_for, sep: str = " · ") -> str:
    """'v accept · x reject': each (action id, word) with the key that runs it now."""
    return sep.join(f"{key(action_id)} {word}" for action_id, word in parts)
