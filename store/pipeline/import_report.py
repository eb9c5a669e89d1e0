"""What one article import says: :class:`ImportReport` (what was added, re-anchored, orphaned and
proposed, with ``summary()`` and ``headline()``), and :class:`ImportRefused`, the error for an
article that cannot be imported."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from store.words.clean import visible_line
from store.words.names import display_name
from store.errors import StoreError
from store.models import Entity, EvidenceLink, Excerpt, Fact, Source, Stance


class ImportRefused(StoreError):
    """An article that cannot be imported; the message names the file and the reason in one sentence."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        # File names and YAML problems quote the file: shown, never obeyed, wherever this is printed.
        super().__init__(visible_line(f"cannot import {name}: {reason}"))


# --- the report -------------------------------------------------------------------------

@dataclass
class ImportReport:
    """What one import did; ``summary()`` says it in a few lines."""

    name: str
    status: str  # "imported", "updated" (a new version, re-anchored) or "already imported"
    source: Source
    excerpts_added: list[Excerpt] = field(default_factory=list)
    excerpts_reanchored: list[Excerpt] = field(default_factory=list)
    orphans: list[Excerpt] = field(default_factory=list)
    archived_source: Source | None = None
    mentions: Counter[str] = field(default_factory=Counter)  # entity id → mentions
    new_entities: list[Entity] = field(default_factory=list)
    proposed: list[Fact] = field(default_factory=list)
    links_proposed: list[EvidenceLink] = field(default_factory=list)  # passages proposed as evidence, to review
    linked_facts: dict[str, Fact] = field(default_factory=dict)  # fact id → the fact those links point at
    names: dict[str, str] = field(default_factory=dict)  # entity id → name, for the summary
    groupings_proposed: list[Entity] = field(default_factory=list)  # new groupings named, to review

    @property
    def excerpts(self) -> list[Excerpt]:
        return [*self.excerpts_reanchored, *self.excerpts_added]

    def _name(self, entity_id: str) -> str:
        return self.names.get(entity_id, entity_id)

    def fact_line(self, fact: Fact) -> str:
        """'South Korea — member of → NATO (2022)'."""
        line = f"{self._name(fact.subject)} — {fact.relation.label} → {self._name(fact.object)}"
        mood = fact.qualifiers.get("modality", "asserted")
        if mood != "asserted":  # "none of them NATO members" must not read as a membership
            line = f"{line} ({mood})"
        dates = str(fact.start) if fact.start else ""
        if fact.end not in ("open", "unknown") and fact.end is not None:
            dates = f"{dates}–{fact.end}" if dates else f"until {fact.end}"
        return f"{line} ({dates})" if dates else line

    def headline(self) -> str:
        """One line for a notification: 'Imported "Title": 12 excerpts, 3 facts to review, 2 evidence links to review'."""
        if self.status == "already imported":
            return visible_line(f'Already imported: "{clip(self.source.title, 60)}"')
        verb = "Updated" if self.status == "updated" else "Imported"
        parts = [_n(len(self.excerpts_added), "new excerpt" if self.status == "updated" else "excerpt"),
                 _n(len(self.proposed), "fact") + " to review"]
        if self.links_proposed:
            parts.append(_n(len(self.links_proposed), "evidence link") + " to review")
        if self.groupings_proposed:
            parts.append(_n(len(self.groupings_proposed), "new grouping") + " to review")
        if self.orphans:
            parts.append(_n(len(self.orphans), "orphaned excerpt"))
        return visible_line(f'{verb} "{clip(self.source.title, 60)}": ' + ", ".join(parts))

    def summary(self) -> str:
        """What the import did, in a few lines; every line inert (titles, names and file names quote the article)."""
        return "\n".join(visible_line(line) for line in self._summary_lines())

    def _summary_lines(self) -> list[str]:
        title = self.source.title
        cite = ", ".join(x for x in (self.source.publisher, str(self.source.published or "")) if x)
        head = f'"{title}"' + (f" ({cite})" if cite else "")
        if self.status == "already imported":
            return [f"{self.name}: already imported as {head} [{self.source.id}]; nothing added."]
        lines: list[str] = []
        if self.status == "updated":
            lines.append(f"{self.name}: updated {head} [{self.source.id}] to a new version")
            lines.append(
                f"  excerpts: {len(self.excerpts_reanchored)} re-anchored, {len(self.excerpts_added)} new, "
                f"{len(self.orphans)} orphaned"
            )
        else:
            headings = sum(1 for e in self.excerpts_added if e.heading)
            lines.append(f"{self.name}: imported {head} [{self.source.id}]")
            lines.append(
                f"  excerpts: {len(self.excerpts_added)}" + (f" ({headings} headings)" if headings else "")
            )
        if self.mentions:
            top = sorted(self.mentions.items(), key=lambda kv: (-kv[1], self._name(kv[0])))
            lines.append("  mentions: " + ", ".join(f"{self._name(k)} ×{n}" for k, n in top))
        else:
            lines.append("  mentions: none found")
        if self.new_entities:
            lines.append("  countries added: " + ", ".join(display_name(e) for e in self.new_entities))
        if self.groupings_proposed:
            lines.append(f"  new groupings proposed for review ({len(self.groupings_proposed)}): "
                         + ", ".join(display_name(e) for e in self.groupings_proposed))
        if self.proposed:
            lines.append(f"  facts proposed for review ({len(self.proposed)}):")
            lines += [f"    {f.status.symbol} {self.fact_line(f)}" for f in self.proposed]
        else:
            lines.append("  facts proposed for review: none")
        if self.links_proposed:
            per_fact: dict[str, list[EvidenceLink]] = {}
            for link in self.links_proposed:
                per_fact.setdefault(link.fact_id, []).append(link)
            lines.append(f"  evidence links proposed ({len(self.links_proposed)}):")
            for fact_id, links in per_fact.items():
                fact = self.linked_facts.get(fact_id)
                what = self.fact_line(fact) if fact is not None else fact_id
                stances = ", ".join(
                    f"{_n(n, 'passage')} {s.value if n == 1 else s.value[:-1]}"  # 1 passage supports, 2 passages support
                    for s in Stance if (n := sum(1 for link in links if link.stance is s))
                )
                status = f", {fact.status.value}" if fact is not None else ""
                lines.append(f"    {what}: {stances} (fact {fact_id}{status})")
        else:
            lines.append("  evidence links proposed: none")
        if self.orphans:
            where = f" (kept with the earlier version {self.archived_source.id})" if self.archived_source else ""
            lines.append(f"  orphans: {_n(len(self.orphans), 'excerpt')} not found in the new version{where}:")
            lines += [f"    {e.id}: \"{clip(e.quote.exact, 70)}\"" for e in self.orphans]
        return lines


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
