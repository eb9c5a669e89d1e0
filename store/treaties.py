"""What a treaty says, in words: dates by kind, who owes whom what, where a fact comes from.

Shared by the explorer and the exports (no Textual here). Every lookup is a
dictionary lookup on records the caller already holds or on the store's
indices: the explorer asks this for each row it draws.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from store.models import (
    EVERY_PARTY,
    DateKind,
    Entity,
    Fact,
    FuzzyDate,
    Obligation,
    ObligationType,
    Origin,
    Relation,
    Source,
    is_live,
)

if TYPE_CHECKING:
    from store.repository import FactStore

# Shorter than DateKind.label where a line lists several dates.
_SHORT_LABEL = {DateKind.PROTOCOL_SIGNED: "protocol signed"}

# Names read with "the" in a sentence: "must defend the United States".
_THE_PREFIXES = ("United ", "Republic ", "Democratic ", "Kingdom ", "Federated ", "Russian Federation", "People's ", "Holy See")
_THE_NAMES = frozenset({
    "Philippines", "Netherlands", "Bahamas", "Maldives", "Solomon Islands", "Marshall Islands", "Comoros",
    "Gambia", "Czech Republic", "Dominican Republic", "Central African Republic", "Seychelles", "Baltic states",
})

USER_PROVENANCE = "added by you"


def date_label(kind: DateKind | str) -> str:
    kind = DateKind(kind)
    return _SHORT_LABEL.get(kind, kind.label)


def dates_text(dates: Mapping[DateKind, FuzzyDate]) -> str:
    """'signed 1951-09-08 · in force 1952-04-28 · ended 1960-06-23' (kind order); '' when none."""
    return " · ".join(f"{date_label(kind)} {date}" for kind, date in dates.items())


def with_article(name: str) -> str:
    """'the United States', 'the Philippines', 'Japan'."""
    if name.startswith("the ") or name.startswith("The "):
        return name
    if name in _THE_NAMES or name.startswith(_THE_PREFIXES):
        return f"the {name}"
    return name


def _article(article: str) -> str:
    article = article.strip()
    if not article:
        return ""
    return f" ({article})" if article.casefold().startswith("art") else f" (Art. {article})"


def obligation_sentence(obligation: Obligation, name: Callable[[str], str]) -> str:
    """'The United States must defend Japan (Art. V)'; 'every party must consult (Art. IV)'.

    ``name`` gives an entity's name from its id. ``where`` (ATOP's location
    condition) ends the sentence: '… only in territories under the administration of Japan'.
    """
    subject, obj, kind = obligation.subject, obligation.object, obligation.type
    if subject == EVERY_PARTY:
        who = "every party"
    else:
        who = with_article(name(subject))
        who = who[:1].upper() + who[1:]
    if obj == EVERY_PARTY:
        if subject == EVERY_PARTY and kind is ObligationType.CONSULTATION:
            whom = ""  # consulting one another: "every party must consult"
        else:
            whom = " any other party"
    else:
        whom = f" {with_article(name(obj))}"
    text = f"{who} must {kind.duty}{whom}{_article(obligation.article)}"
    where = obligation.where.strip()
    if where:
        text += f" only {where}" if where.casefold().startswith(("in ", "on ", "within ", "at ")) else f" only in {where}"
    return text


def obligations_concerning(alliance: Entity, country_id: str | None = None) -> list[Obligation]:
    """The alliance's obligations that bind ``country_id`` or are owed to it (all of them without a country)."""
    if country_id is None:
        return list(alliance.obligations)
    return [o for o in alliance.obligations if country_id in (o.subject, o.object) or EVERY_PARTY in (o.subject, o.object)]


def obligation_lines(alliance: Entity, name: Callable[[str], str], country_id: str | None = None) -> list[str]:
    """Each obligation in words, in both directions; says so when a direction has none.

    With a country: what it owes, what is owed to it, and 'no obligation coded'
    for a direction with nothing (the 1951 US–Japan treaty, a grouping).
    """
    obligations = obligations_concerning(alliance, country_id)
    lines = [obligation_sentence(o, name) for o in obligations]
    if not obligations:
        return ["no obligation coded"]
    if country_id is not None:
        owes = any(o.subject in (country_id, EVERY_PARTY) for o in obligations)
        owed = any(o.object in (country_id, EVERY_PARTY) and o.subject != country_id for o in obligations)
        who = with_article(name(country_id))
        if not owes:
            lines.append(f"{who[:1].upper() + who[1:]}: no obligation coded toward the other parties")
        if not owed:
            lines.append(f"no obligation coded toward {who}")
    return lines


def obligation_code(obligation: Obligation) -> str:
    """The compact form of store/data/world: 'USA->JPN:defense@V(where=…)'."""
    def code(party: str) -> str:
        return party.removeprefix("country:").removeprefix("alliance:")

    text = f"{code(obligation.subject)}->{code(obligation.object)}:{obligation.type.value}"
    if obligation.article:
        text += f"@{obligation.article}"
    if obligation.where:
        text += f"(where={obligation.where})"
    return text


# --- ended alliances, suspended memberships --------------------------------------

def ended(entity: Entity) -> FuzzyDate | None:
    """When an alliance (or a state) ended; None while it lasts."""
    return entity.ended


def live_suspension(facts: Iterable[Fact]) -> Fact | None:
    """The suspension in force among ``facts`` (a country's facts with one alliance): open-ended, not retracted."""
    for fact in facts:
        if fact.relation is Relation.SUSPENDED_FROM and fact.end == "open" and is_live(fact):
            return fact
    return None


def suspension(store: FactStore, country_id: str, alliance_id: str) -> Fact | None:
    """The country's membership of the alliance suspended at present, as a fact (an index lookup)."""
    return live_suspension(store.facts_between(country_id, alliance_id))


# --- provenance --------------------------------------------------------------------

def source_line(source: Source) -> str:
    """'NATO member countries · NATO · 2024 · https://…'."""
    parts = [source.title, source.publisher, str(source.published or ""), source.url]
    return " · ".join(p for p in parts if p)


def provenance_sources(store: FactStore, fact: Fact) -> list[tuple[str, Source]]:
    """The sources a fact rests on: ('source', a reference) then ('article', the source of a quoted passage), each once."""
    provenance = fact.provenance
    if provenance.kind != "source":
        return []
    sources, excerpts = store.sources, store.excerpts
    out = [("source", s) for r in provenance.references if (s := sources.get(r)) is not None]
    seen: set[str] = set()
    for eid in provenance.excerpts:
        excerpt = excerpts.get(eid)
        if excerpt is None or excerpt.source_id in seen:
            continue
        seen.add(excerpt.source_id)
        source = sources.get(excerpt.source_id)
        if source is not None:
            out.append(("article", source))
    return out


def provenance_lines(store: FactStore, fact: Fact, cite: Callable[[Source], str] = source_line) -> list[str]:
    """Where a fact comes from, one line each: 'data set: ATOP 5.1 (atopid 3180)', 'source: …', 'article: …', 'added by you'.

    ``cite`` writes a source (Markdown writes its own, with its link).
    """
    if fact.dataset is not None:
        return [f"data set: {fact.dataset}"]
    lines = [f"{kind}: {cite(source)}" for kind, source in provenance_sources(store, fact)]
    return lines or [no_source(fact.origin)]


def no_source(origin: Origin) -> str:
    # A fact with neither a data set nor a source was made by someone: say who.
    if origin is Origin.USER:
        return USER_PROVENANCE
    if origin is Origin.STARTER:
        return "starter data, no source named"
    return "imported, no passage kept"


def entity_provenance_lines(store: FactStore, entity: Entity, cite: Callable[[Source], str] = source_line) -> list[str]:
    """Where an alliance's own record comes from: its data set and its reference sources."""
    lines = [f"data set: {entity.dataset}"] if entity.dataset is not None else []
    sources = store.sources
    lines += [f"source: {cite(s)}" for r in entity.references if (s := sources.get(r)) is not None]
    return lines


def has_treaty_record(entity: Entity) -> bool:
    """Has the alliance anything a treaty heading can say (schema 3 fields)? Older stores have none."""
    return bool(entity.dates or entity.obligations or entity.references or entity.dataset or entity.end_reason or entity.binding is not None)
