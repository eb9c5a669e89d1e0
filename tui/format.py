"""How records read on screen: pure functions from models to Rich Text.

User text (notes, quotes, names) always becomes ``Text`` built from plain
strings, never markup, so ``[bold]`` in a note stays ``[bold]``; and control
characters are made visible first (``store.words.clean.visible``, re-exported here),
so an escape sequence in a note or an imported article is shown, not obeyed by
the terminal.
"""

from __future__ import annotations

import re

from collections.abc import Collection, Iterable, Mapping, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from store.words.clean import visible as visible, visible_line as visible_line  # re-exported
from store.models import Annotation, Entity, Excerpt, Fact, FactStatus, FuzzyDate, Relation, Source, is_live
from store.treaties import dates_text
from store.words.sentences import sentence_spans
from store.words.citations import full_citation
from store.words.spans import UNDATED, span_text

# Signs of a state, beside a style (not colour alone): the help screen's legend lists them.
ENDED_SIGN = "†"
SUSPENDED_SIGN = "‖"
SOURCE_SIGN = "▤"  # where a fact comes from: a source, an article, a data set, or the user
ENDED_STYLE = "dim"
SUSPENDED_STYLE = "italic yellow"

STATUS_STYLE = {
    FactStatus.UNREVIEWED: "dim",
    FactStatus.CONFIRMED: "bold green",
    FactStatus.DISPUTED: "bold red",
    FactStatus.RETRACTED: "strike dim",
}


def plain(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def link_summary(facts: Sequence[Fact]) -> str:
    """The relations of one country with one alliance, in a line.

    'partner since 2005 · summits 2022, 2023, 2024'
    """
    parts: list[str] = []
    by_relation: dict[Relation, list[Fact]] = {}
    for fact in facts:
        if not is_live(fact):
            continue
        by_relation.setdefault(fact.relation, []).append(fact)
    for relation, group in by_relation.items():
        if relation is Relation.ATTENDED:
            years = sorted({f.start.year for f in group if f.start})
            parts.append("summits " + ", ".join(map(str, years)) if years else "summits")
        elif relation.event:
            years = sorted({f.start.year for f in group if f.start})
            parts.append(f"{relation.short} " + ", ".join(map(str, years)))
        else:
            dated = [f for f in group if f.start]
            best = min(dated, key=Fact.sort_key) if dated else group[0]
            span = span_text(best)
            parts.append(relation.short if span == UNDATED else f"{relation.short} {span}")
    return " · ".join(parts)


def fact_title(fact: Fact, subject: str, obj: str) -> Text:
    """'● South Korea attended a summit of NATO · Madrid · 2022-06-28 – 2022-06-30  confirmed'."""
    status = fact.status
    text = Text()
    text.append(f"{status.symbol} ", style=STATUS_STYLE[status])
    text.append(visible_line(subject), style="bold")
    text.append(f" {fact.relation.label} ")
    text.append(visible_line(obj), style="bold")
    mood = fact.qualifiers.get("modality", "asserted")
    if mood != "asserted":  # a denied or planned relation must not read as a standing one
        text.append(f" · {visible(mood)}", style="bold yellow" if mood in ("negated", "denied") else "yellow")
    summit = fact.qualifiers.get("summit")
    if summit:
        text.append(f" · {visible(summit)}")
    text.append(f" · {when_text(fact)}", style="italic")
    text.append(f"  {status.value}", style=STATUS_STYLE[status])
    return text


def when_text(fact: Fact) -> str:
    """The fact's dates by kind ('applied 2022-05-18 · protocol signed 2022-07-05 · joined 2023-04-04'), else its span (store/words/spans.py: the exports' words)."""
    by_kind = dates_text(fact.dates)
    if by_kind:
        if isinstance(fact.end, FuzzyDate) and fact.end not in fact.dates.values():
            by_kind += f" · until {fact.end}"
        return by_kind
    return span_text(fact)


def ended_mark(alliance: Entity) -> str:
    """'ended 1980' for an alliance that has ended, '' while it lasts."""
    end = alliance.ended
    return f"ended {end.year}" if end is not None else ""


def suspended_mark(suspension: Fact) -> str:
    """'suspended since 1986'."""
    return f"suspended since {suspension.start.year}" if suspension.start else "suspended"


def state_marks(text: Text, *, ended: str = "", suspended: str = "") -> Text:
    """A fact's title with the signs of an ended alliance or a suspended membership: a sign, words and a style."""
    if suspended:
        text.append(f"  {SUSPENDED_SIGN} {suspended}", style=SUSPENDED_STYLE)
    if ended:
        text.stylize(ENDED_STYLE)
        text.append(f"  {ENDED_SIGN} {ended}", style=f"bold {ENDED_STYLE}")
    return text


def lines_text(lines: Iterable[str], style: str = "dim") -> Text:
    """Lines of store words (provenance, obligations), as text: never markup."""
    return Text("\n").join(Text(visible_line(line), style=style) for line in lines)


def treaty_heading(
    alliance: Entity,
    *,
    obligations: Sequence[str],
    provenance: Sequence[str],
    country: str = "",
    suspension: Fact | None = None,
) -> Text:
    """The head of an alliance's facts: its names, dates by kind, what each party owes, where it comes from.

    'US–Japan Security Treaty — Treaty of Mutual Cooperation … · signed 1960-01-19 · in force 1960-06-23'
    """
    ended = alliance.ended is not None
    text = Text()
    if ended:
        text.append(f"{ENDED_SIGN} ", style="bold")
    text.append(visible_line(alliance.label), style="bold")
    if alliance.short_name and alliance.short_name != alliance.name:
        text.append(f" — {visible_line(alliance.name)}")
    if alliance.alliance_kind:
        text.append(f" · {visible_line(alliance.alliance_kind)}", style="dim")
    dates = dates_text(alliance.dates)
    if dates:
        text.append(f"\n{dates}", style="italic")
    if ended:
        reason = f" ({visible_line(alliance.end_reason)})" if alliance.end_reason else ""
        text.append(f"\n{ENDED_SIGN} {ended_mark(alliance)}{reason}", style="bold dim")
    if suspension is not None:
        by = suspension.qualifiers.get("by", "")
        text.append(f"\n{SUSPENDED_SIGN} {visible_line(country)} {suspended_mark(suspension)}", style=SUSPENDED_STYLE)
        if by:
            text.append(f" (by {visible_line(by)})", style=SUSPENDED_STYLE)
    text.append("\nobligations, each way:" if country else "\nobligations:", style="dim")
    for line in obligations:
        text.append(f"\n• {visible_line(line)}")
    if provenance:
        text.append("\n")
        text.append_text(lines_text(provenance))
    if ended:
        text.stylize(ENDED_STYLE)
    return text


# A qualifier's key as the screen names it: the data's "note" is the article's context, not a note of yours (✎).
QUALIFIER_WORDS = {"note": "context", "dispute": "disputed because"}


def qualifier_text(fact: Fact) -> Text | None:
    shown = {k: v for k, v in fact.qualifiers.items() if k not in ("summit", "modality")}  # both in the title
    if not shown:
        return None
    text = Text()
    for i, (key, value) in enumerate(shown.items()):
        if i:
            text.append(" · ", style="dim")
        text.append(f"{visible(QUALIFIER_WORDS.get(key, key))}: ", style="dim")
        text.append(visible(value))
    return text


# Words that say a sentence is about an alliance when it names only a member ("the American military ally").
_ALLIANCE_WORDS = re.compile(r"\b(?:all(?:y|ies|ied|iance|iances)|treaty|pact|defen[cs]e)\b", re.IGNORECASE)


def relevant_spans(excerpt: Excerpt, entities: Sequence[str], limit: int,
                   stand_ins: Mapping[str, Collection[str]] | None = None) -> list[tuple[int, int]]:
    """The sentences of a long passage that best support a fact, in text order.

    ``entities`` is (subject, object). Whatever the limit, the passage keeps a sentence naming
    each end (one naming both if there is one); an end no sentence names is found through its
    ``stand_ins`` (an alliance's members), in a sentence that speaks of an alliance if one does.
    Then, as room allows, the sentences naming the most of the fact, the object counting most
    (articles often leave the subject implicit: "the president").
    """
    exact = excerpt.quote.exact
    if len(exact) <= limit:
        return [(0, len(exact))]
    spans = list(sentence_spans(exact))
    named = [{m.entity_id for m in excerpt.mentions if s <= m.start < e} for s, e in spans]
    stand_ins = stand_ins or {}
    weights = dict(zip(entities, (1, 2)))

    def covers(i: int, end: str) -> bool:
        return end in named[i]

    def stands_in(i: int, end: str) -> bool:
        return bool(named[i] & set(stand_ins.get(end, ())))

    chosen: set[int] = set()
    ends = [e for e in dict.fromkeys(entities)]
    both = [i for i in range(len(spans)) if ends and all(covers(i, e) for e in ends)]
    if both:
        chosen.add(both[0])
    else:
        for end in ends:
            direct = [i for i in range(len(spans)) if covers(i, end)]
            if direct:
                chosen.add(direct[0])
                continue
            proxies = [i for i in range(len(spans)) if stands_in(i, end)]
            worded = [i for i in proxies if _ALLIANCE_WORDS.search(exact[spans[i][0]:spans[i][1]])]
            if worded or proxies:
                chosen.add((worded or proxies)[0])

    def score(i: int) -> int:
        return sum(weights.get(m, 0) for m in named[i]) + sum(1 for end in ends if stands_in(i, end))

    total = sum(spans[i][1] - spans[i][0] for i in chosen)
    for sc, i in sorted(((score(i), i) for i in range(len(spans)) if i not in chosen), key=lambda t: (-t[0], t[1])):
        if sc == 0 and chosen:
            break
        size = spans[i][1] - spans[i][0]
        if total + size > limit:
            continue
        chosen.add(i)
        total += size
    if not chosen:
        return [(0, limit)]
    return [spans[i] for i in sorted(chosen)]


QUOTE_LIMIT = 420  # characters of a passage shown whole; a longer one is cut to the sentences of its fact


def quote_text(excerpt: Excerpt, source: Source, entities: Sequence[str] = (), *, limit: int = QUOTE_LIMIT,
               stand_ins: Mapping[str, Collection[str]] | None = None) -> Text:
    """The passage in quotes (long ones cut to the sentences that matter), mentions highlighted, then the source."""
    exact = excerpt.quote.exact
    text = Text("“", style="italic")
    mentions = sorted(excerpt.mentions, key=lambda m: m.start)
    spans = relevant_spans(excerpt, entities, limit, stand_ins)
    last_end = 0
    for s, e in spans:
        gap = exact[last_end:s]
        if gap.strip():
            text.append("… " if last_end == 0 else " … ", style="dim")
        elif gap:
            text.append(" ", style="italic")  # the next sentence follows: nothing left out between
        last_end = e
        e = min(e, s + limit)
        pos = s
        for m in mentions:
            if m.start < pos or m.end > e:
                continue
            text.append(visible(exact[pos:m.start]), style="italic")
            text.append(visible(exact[m.start:m.end]), style=_mention_style(m.entity_id))
            pos = m.end
        text.append(visible(exact[pos:e].rstrip() if e < len(exact) else exact[pos:e]), style="italic")
    if spans and spans[-1][1] < len(exact.rstrip()):
        text.append(" …", style="dim")
    text.append("”", style="italic")
    text.append(f"\n  — {visible(full_citation(source))}", style="dim")
    return text


def _mention_style(entity_id: str) -> str:
    # Underline as well as colour, so mentions read without colour too.
    return "bold underline magenta" if entity_id.startswith("alliance:") else "bold underline cyan"


def reference_text(source: Source) -> Text:
    text = Text(f"{SOURCE_SIGN} ", style="dim")
    text.append(visible(source.title))
    details = ", ".join(p for p in (source.publisher, str(source.published or "")) if p)
    if details:
        text.append(f" — {visible(details)}", style="dim")
    if source.url:
        text.append(f"\n  {visible(source.url)}", style="dim underline")
    return text


def note_text(note: Annotation) -> Text:
    text = Text("✎ ", style="bold yellow")
    text.append(visible(note.body))
    meta = Text("\n  ", style="dim")
    if note.tags:
        meta.append(" ".join(f"#{visible(t)}" for t in note.tags), style="yellow")
        meta.append("  ")
    when = note.updated if note.updated != note.created else note.created
    meta.append(("edited " if note.rev > 1 else "") + when[:16].replace("T", " "), style="dim")
    text.append_text(meta)
    return text


class EntityLine:
    """'South Korea        14' at the width it is given: the name cut with … so the count stays on its line.

    A padded Text would be wrapped by the list in a narrow pane (at 80×24
    every count fell onto a line of its own); a Rich grid fits but costs three
    times as much to render.
    """

    def __init__(self, name: str, count: int, width: int = 20, style: str = "") -> None:
        self.name = visible_line(name)
        self.count = f" {count}"
        self.width = width + 4  # the natural width: name padded to ``width``, then the count
        self.style = style  # an ended alliance is dimmed (its name carries the sign too)
        self.cache_key = ("entity", self.name, self.count, self.width, style)  # a RowList keeps its rendering by it

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(len(self.count) + 2, self.width)

    def as_line(self, width: int) -> Text:
        """The one line at ``width``: a RowList draws it straight, without Rich's layout."""
        room = max(width - len(self.count), 1)
        text = Text(self.name, no_wrap=True, style=self.style)  # its end "\n" is how Textual counts the line
        text.truncate(room, overflow="ellipsis", pad=True)
        text.append(self.count, style="dim")
        return text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.as_line(options.max_width)


def entity_line(name: str, count: int, width: int = 20, style: str = "") -> EntityLine:
    """'South Korea        14': the name, and its count right-aligned on the same line."""
    return EntityLine(name, count, width, style)


def joined(parts: Iterable[str]) -> str:
    return " › ".join(parts)
