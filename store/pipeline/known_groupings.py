"""What the store already holds that an article's groupings could be: by name, and by member set and sort.

The grouping stage (:mod:`store.pipeline.grouping_proposals`) asks it whether a grouping an article names is one
the store has (so it is mentioned, not proposed), and which alliance a description of known members means.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from store.models import Entity, EntityKind, ObligationType
from store.pipeline.gazetteer_surfaces import ALLIANCE, GENERIC, flags_of, strip_article
from store.words.resolve import fold

if TYPE_CHECKING:
    from store.repository import FactStore

# Nouns of things countries are parties to rather than members of.
AGREEMENT_NOUNS = frozenset("""agreement accord treaty pact raa sofa vfa programme program compact arrangement memorandum
    framework roadmap""".split())


def family_of(noun_or_kind: str) -> str:
    words = set(re.findall(r"[a-z]+", noun_or_kind.lower()))
    return "agreement" if words & (AGREEMENT_NOUNS | {"reciprocal"}) else "grouping"


class KnownGroupings:
    """What the store holds, asked lazily: its alliances by folded name and by (members, family).

    A member set is looked up from its countries' facts (the alliances every one of them is in), never by a
    pass over every alliance: an import asks a few times, and a 100,000-fact store has a thousand alliances.
    """

    def __init__(self, store: FactStore) -> None:
        self.store = store
        self._names: set[str] | None = None
        self._proposed: list[Entity] | None = None
        self._found: dict[frozenset[str], list[tuple[Entity, str]]] = {}  # members → (alliance, family)

    def has_name(self, folded: str) -> bool:
        if self._names is None:
            # Not a kind many pairs have ("Visiting Forces Agreement", "EDCA"): another pair's is another agreement.
            self._names = {fold(n) for e in self.store.entities.values() if e.kind is EntityKind.ALLIANCE
                           for n in (e.name, *e.aliases) if not flags_of(strip_article(n), ALLIANCE) & GENERIC}
        return folded in self._names

    def members_of(self, alliance_id: str) -> frozenset[str]:
        return self.store.members_and_parties(alliance_id)

    def _of(self, members: frozenset[str]) -> list[tuple[Entity, str]]:
        """The alliances (the store's and the proposed ones) whose members are exactly ``members``."""
        if members in self._found:
            return self._found[members]
        out: list[tuple[Entity, str]] = []
        for alliance_id in self.store.groupings_of_exactly(members):
            e = self.store.entities.get(alliance_id)
            if e is not None and e.kind is EntityKind.ALLIANCE and e.proposal is None:
                out.append((e, family_of(e.alliance_kind or "")))
        if self._proposed is None:
            self._proposed = [e for e in self.store.entities.values() if e.proposal is not None]
        out += [(e, family_of(e.alliance_kind or "")) for e in self._proposed if frozenset(e.proposal.members) == members]  # type: ignore[union-attr]
        self._found[members] = out
        return out

    def has_members(self, members: frozenset[str], family: str, noun: str | None = None) -> bool:
        """Whether the store has a grouping of these members (of this family). Given the noun a
        pair's grouping is called by, only one called so: two countries have many agreements (the
        US-Philippines treaty of 1951, the EDCA of 2014); three or more are told by their members."""
        if len(members) < 2:
            return False
        kinds = [e.alliance_kind or "" for e, f in self._of(members) if f == family]
        return bool(kinds) and (noun is None or len(members) >= 3 or any(same_sort(noun, k) for k in kinds))

    def described_by(self, members: frozenset[str], description: str, *, by_kind: bool = True) -> str | None:
        """The one live alliance of exactly these members that a description of its kind means: "the comprehensive
        strategic partnership treaty" (words of its name), "a defense pact" (a defence treaty of the pair; not for a
        name, ``by_kind=False``: "the Enhanced Defense Cooperation Agreement" is not the pair's defence treaty)."""
        words = set(fold(description).split()) - _SMALL_WORDS
        fits = [e.id for e, _ in self._of(members) if e.proposal is None and e.ended is None and (
            any(words <= set(fold(n).split()) for n in (e.name, *e.aliases))
            or (by_kind and _sort_words(description) and _sort_words(description) == _sort_of(e)))]
        return fits[0] if len(set(fits)) == 1 else None

    def stored(self, members: frozenset[str], family: str, noun: str | None = None) -> str | None:
        """The one live alliance of the store with exactly these members (of this family), if there is one."""
        if not members or not self.has_members(members, family, noun):
            return None
        ids = [e.id for e, f in self._of(members) if f == family and e.proposal is None and e.ended is None]
        return ids[0] if len(ids) == 1 else None


_SMALL_WORDS = frozenset({"the", "of", "on", "and", "for", "a", "an", "between"})
_DEFENCE = re.compile(r"defen[cs]e|mutual|alliance|security treaty|security pact")


def _sort_words(text: str) -> str:
    return "defence" if _DEFENCE.search(text.lower()) else ""


def _sort_of(alliance: Entity) -> str:
    """An alliance's sort by its kind, or by what it binds its parties to: the Thanat-Rusk communiqué, a "joint
    communique", commits the US to Thailand's defence, so "the U.S.-Thailand security alliance" is it."""
    if _sort_words(alliance.alliance_kind or ""):
        return "defence"
    return "defence" if any(o.type is ObligationType.DEFENSE for o in alliance.obligations) else ""


def same_sort(noun: str | None, alliance_kind: str) -> bool:
    """'the UK-Japan Reciprocal Access Agreement' is the stored RAA; 'the Enhanced Defense Cooperation
    Agreement' is not the stored defence treaty of the same two countries."""
    if not noun:
        return False
    kind, noun = alliance_kind.casefold(), noun.casefold()
    return noun in kind or (noun == "raa" and "reciprocal access" in kind)
