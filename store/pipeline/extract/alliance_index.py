"""The store's alliances as the mention stage looks them up: by member set, by the nouns they are called by.

Built once per gazetteer from its alliances' names and members, so a mention costs the same whatever
the size of the store. Kept apart because every way of naming an alliance reads it: hyphenated
compounds (``compounds``), descriptive references (``references``), shared name tails (``mentions``)
and the groupings the store lacks (``groupings``).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field

from store.pipeline.gazetteer import Gazetteer

# Nouns a grouping is called by; a grouping answers to the last word of each of its names.
# "raa": a reciprocal access agreement, called "the RAA" once its full name is given ("the Japan-Philippines RAA").
HEADS = frozenset("alliance partnership pact treaty trilateral dialogue agreement accord bloc grouping raa vfa sofa".split())
# The acronyms news calls an agreement of these kinds by: "The two countries signed the RAA in July 2024".
_KIND_ACRONYMS = {("reciprocal", "access", "agreement"): "raa", ("visiting", "forces", "agreement"): "vfa",
                  ("status", "of", "forces", "agreement"): "sofa"}
_NOT_CODES = frozenset("IT NO TO AM IS ME AS AT BE BY DO GO IN OR SO ON AN AI EU UN ID".split())


@dataclass(frozen=True, slots=True)
class Grouping:
    """An alliance of the store, or (``id`` None) a grouping the article names that the store lacks."""

    id: str | None
    heads: frozenset[str]
    members: frozenset[str]


@dataclass(slots=True)
class AllianceIndex:
    """The gazetteer's alliances by member set and by the nouns they are called by: built once."""

    groupings: dict[str, Grouping]
    by_members: dict[frozenset[str], tuple[Grouping, ...]]
    trilaterals: tuple[Grouping, ...]
    bilaterals: dict[str, tuple[Grouping, ...]]  # country id → two-member groupings it is in
    codes: dict[str, str]  # "PH" → "country:PHL"
    # The capitalised tails of names several alliances share ("Reciprocal Access Agreement" of
    # Japan's three RAAs), which the gazetteer cannot resolve alone: the passage's countries can.
    tails: dict[str, tuple[Grouping, ...]] = field(default_factory=dict)
    tail_re: re.Pattern[str] | None = None


_INDEXES: weakref.WeakKeyDictionary[Gazetteer, AllianceIndex] = weakref.WeakKeyDictionary()


def compound_index(gaz: Gazetteer) -> AllianceIndex:
    """The index of ``gaz``'s alliances, built on first use and kept as long as the gazetteer."""
    index = _INDEXES.get(gaz)
    if index is None:
        index = _INDEXES[gaz] = _build_index(gaz)
    return index


def _heads(names: Iterable[str]) -> frozenset[str]:
    heads = set()
    for name in names:
        words = re.findall(r"[a-z]+", name.lower())
        if words and words[-1] in HEADS:
            heads.add(words[-1])
        heads.update(acronym for kind, acronym in _KIND_ACRONYMS.items() if tuple(words[-len(kind):]) == kind)
        if words and words[-1] in ("organization", "organisation"):
            heads.add("organisation")  # "the organisation's Secretary General": the SCO, the CSTO
        if "trilateral" in words:
            heads.add("trilateral")
    if "alliance" in heads:
        # News calls NATO "the alliance": "the leaders of the organisation" at a CSTO summit, after "NATO's
        # enlargement", are the CSTO's.
        heads.discard("organisation")
    if heads and not heads & _AGREEMENT_HEADS:
        heads.add("grouping")  # "the grouping" is a grouping's (the Quad's), never an agreement's
    return frozenset(heads)


_AGREEMENT_HEADS = frozenset("treaty agreement accord pact raa vfa sofa".split())


def _build_index(gaz: Gazetteer) -> AllianceIndex:
    import pycountry

    groupings = {eid: Grouping(eid, _heads(names), gaz.members.get(eid, frozenset()))
                 for eid, names in gaz.alliance_names.items()}
    by_members: dict[frozenset[str], list[Grouping]] = {}
    bilaterals: dict[str, list[Grouping]] = {}
    for g in groupings.values():
        if len(g.members) >= 2:
            by_members.setdefault(g.members, []).append(g)
        if len(g.members) == 2:
            for m in g.members:
                bilaterals.setdefault(m, []).append(g)
    codes = {}
    for c in pycountry.countries:
        for code in (c.alpha_2, c.alpha_3):
            if code not in _NOT_CODES:
                codes[code] = f"country:{c.alpha_3}"
    tails, tail_re = _tails(gaz, groupings)
    return AllianceIndex(
        groupings=groupings,
        by_members={k: tuple(v) for k, v in by_members.items()},
        trilaterals=tuple(g for g in groupings.values() if "trilateral" in g.heads and len(g.members) == 3),
        bilaterals={k: tuple(v) for k, v in bilaterals.items()},
        codes=codes,
        tails=tails,
        tail_re=tail_re,
    )


def _tails(
    gaz: Gazetteer, groupings: dict[str, Grouping]
) -> tuple[dict[str, tuple[Grouping, ...]], re.Pattern[str] | None]:
    tails: dict[str, list[Grouping]] = {}
    for eid, names in gaz.alliance_names.items():
        g = groupings[eid]
        if len(g.members) < 2:
            continue
        for name in names:
            words = name.split()
            for k in range(2, len(words)):
                tail = words[-k:]
                # A tail is a name's head ("… Agreement", "… Treaty"), not a party named last ("… Defence Force").
                if all(w[:1].isupper() for w in tail) and tail[-1].lower() in HEADS:
                    tails.setdefault(" ".join(tail), [])
                    if g not in tails[" ".join(tail)]:
                        tails[" ".join(tail)].append(g)
    tails = {k: v for k, v in tails.items() if k not in gaz.surfaces}
    if not tails:
        return {}, None
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in sorted(tails, key=len, reverse=True)) + r")(?![\w-])")
    return {k: tuple(v) for k, v in tails.items()}, pattern
