"""The claims stage: relations stated in a passage: which country joined, attended, sells arms to, opposes … what.

Precision first: a proposal is a fact a user has to review, so a few good ones beat many bad
ones. The method, per sentence:

1. The sentence becomes a *template*: each top-level mention found by the gazetteer is
   replaced by a token (``@C0@`` a country, ``@A0@`` an alliance) and each date by ``@D0@``.
   "Finland joined NATO in April 2023." reads ``@C0@ joined @A0@ in @D0@.``
2. Hand-written patterns over the template tie a subject (a country, or a list of them) to an
   object through a cue ("joined", "is a member of", "attended the … summit", "sold … tanks
   to", "was opposed by" …). A match is dropped when its clause is negated ("is not a member"),
   hypothetical ("if", "would") or a question.
3. The date is the one the clause gives: after the cue ("joined NATO in April 2023"), inside
   the match, or in an opening phrase ("In 2022 and 2023, …"); a date after "until" is an end,
   one after "before"/"by" is no date at all. A sentence that gives none gets none.

Nothing here knows about the store: :func:`find_claims` takes a text, its mentions and the
kinds of the alliances, and returns :class:`Claim` objects.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from store.extract.dates import DateSpan, find_dates
from store.extract.rules import _D, _OPERATION_KINDS, R, RULES, _CLIST, _Rule
from store.extract.sentences import sentence_spans
from store.models import FuzzyDate, Mention, Relation
# --- claims --------------------------------------------------------------------------

@dataclass(frozen=True)
class Claim:
    """A relation a sentence states: subject → relation → object, with the dates it gives."""

    subject: str
    relation: Relation
    object: str
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    cue: str = ""
    qualifiers: tuple[tuple[str, str], ...] = ()
    sentence: tuple[int, int] = (0, 0)  # offsets of the sentence in the text given

    def key(self) -> tuple[str, str, str, str]:
        return (self.subject, self.relation.value, self.object, self.start.value if self.start else "")


# Relations whose two ends can be swapped without changing the meaning.
SYMMETRIC = frozenset({Relation.TREATY_ALLY_OF, Relation.COOPERATES_WITH, Relation.CONSULTS_WITH})

# Words that make a clause negative or hypothetical: nothing is proposed from it.
_NEGATION = re.compile(
    r"\b(?:not|n['’]t|never|no longer|neither|nor|without|non|refuses?|refused|declined?|denied|"
    r"yet to|instead of|rather than|whether|if|If|unless|Unless|would|could|might|should|will|may|"
    r"hopes? to|wants? to|plans? to|aims? to|seeks? to)\b|\bnon-"
)
# Dates after the cue, in its clause: a comma only before "since"/"in" …, no new verb phrase.
_AFTER_DATES = re.compile(
    r"^(?:(?!\b(?:and|but|which|who|where|when|while|after|before|whose)\b)(?:[^,;.@]|@[AC]\d+@)){0,45}?"
    r"(?:,\s*(?=(?:since|in|on|from|until)\b))?"
    r"(?:(?!\b(?:and|but|which|who|where|when|while|whose)\b)[^,;.@]){0,20}?"
    r"(@D\d+@(?:\s*(?:and|or|,|, and|then)\s*(?:in\s+)?@D\d+@)*)"
)
_CLAUSE_START = re.compile(r"[,;:—–(]|\b(?:but|while|whereas|although|though)\b")
_DATE_BEFORE_ROLE = re.compile(
    r"\b(since|from|as of|starting|until|till|through|to|before|by|after|prior to|around|in|on|during|of|"
    r"early|late|mid|mid-|end of|start of|beginning of)\W*$", re.I
)
_OPENING_DATES = re.compile(
    r"^(?:(?:and|but|then|so|already|back|even)\s+)*(?:(?:in|on|since|from|as of|during|by)\s+)?"
    r"(?:(?:early|late|mid-?|the end of|the start of)\s*)?(@D\d+@(?:\s*(?:,|and|,\s*and|then|or)\s*(?:in\s+)?@D\d+@)*)"
    r"\s*,",
    re.I,
)


@dataclass
class _Template:
    text: str
    tokens: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # "@C0@" → (entity id, start, end)
    dates: dict[str, FuzzyDate] = field(default_factory=dict)  # "@D0@" → date


def _template(text: str, start: int, end: int, mentions: Sequence[Mention], dates: Sequence[DateSpan]) -> _Template:
    items: list[tuple[int, int, str, object]] = []
    for m in mentions:
        if start <= m.start and m.end <= end:
            kind = "C" if m.entity_id.startswith("country:") else "A"
            items.append((m.start, m.end, kind, m.entity_id))
    for d in dates:
        if start <= d.start and d.end <= end:
            items.append((d.start, d.end, "D", d.date))
    items.sort(key=lambda i: (i[0], -i[1]))
    out: list[str] = []
    tpl = _Template("")
    pos = start
    counts = {"C": 0, "A": 0, "D": 0}
    for s, e, kind, value in items:
        if s < pos:
            continue  # nested in a longer mention: "US" inside "US-Japan alliance"
        out.append(text[pos:s])
        token = f"@{kind}{counts[kind]}@"
        counts[kind] += 1
        if kind == "D":
            tpl.dates[token] = value  # type: ignore[assignment]
        else:
            tpl.tokens[token] = (value, s, e)  # type: ignore[assignment]
        out.append(token)
        pos = e
    out.append(text[pos:end])
    tpl.text = "".join(out).replace("’", "'").replace("\u00a0", " ")
    return tpl


def _negated(tpl: str, m: re.Match[str]) -> bool:
    """Is the clause of the match negative or hypothetical (the parenthesis aside)?"""
    before = tpl[: m.start()]
    cut = max((x.end() for x in _CLAUSE_START.finditer(before)), default=0)
    body = tpl[m.start(): m.end()]
    if "paren" in m.re.groupindex and m.group("paren"):
        ps, pe = m.span("paren")
        body = tpl[m.start(): ps] + " " + tpl[pe: m.end()]
    return bool(_NEGATION.search(before[cut:] + " " + body))


def _date_role(prefix: str) -> str:
    m = _DATE_BEFORE_ROLE.search(prefix[-20:])
    word = m.group(1).lower() if m else ""
    if word in ("until", "till", "through", "to"):
        return "end"
    if word in ("before", "by", "after", "prior to", "around"):
        return "none"
    return "start"


def _dates_for(tpl: _Template, m: re.Match[str], event: bool) -> list[tuple[FuzzyDate | None, FuzzyDate | None]]:
    """The (start, end) pairs the sentence gives for a match: one, or one per date for an event."""
    text = tpl.text

    def collect(tokens: list[tuple[str, int]]) -> list[tuple[FuzzyDate | None, FuzzyDate | None]]:
        starts, ends = [], []
        for token, pos in tokens:
            role = _date_role(text[:pos])
            if role == "start":
                starts.append(tpl.dates[token])
            elif role == "end":
                ends.append(tpl.dates[token])
        end = ends[0] if len(ends) == 1 and not event else None
        if not starts:
            return [(None, end)] if end else []
        if event:
            return [(s, None) for s in dict.fromkeys(starts)]
        return [(starts[0], end)] if len(set(starts)) == 1 else []

    # 1. After the cue, in the same clause: "joined NATO in April 2023", "pact, since September 2021,".
    tail = text[m.end():]
    after = _AFTER_DATES.match(tail)
    if after:
        group = after.group(1)
        base = m.end() + after.start(1)
        tokens = [(t.group(0), base + t.start()) for t in re.finditer(_D, group)]
        found = collect(tokens)
        if found:
            return found
    # 2. Inside the match (the parenthesis aside): "Finland in 2023 joined NATO".
    inside = []
    for t in re.finditer(_D, text[m.start(): m.end()]):
        pos = m.start() + t.start()
        if "paren" in m.re.groupindex and m.group("paren") and m.start("paren") <= pos < m.end("paren"):
            continue
        inside.append((t.group(0), pos))
    if inside:
        found = collect(inside)
        if found:
            return found
    # 3. Just before the match, in its clause: "in 2022 Finland joined NATO".
    before = text[: m.start()]
    cut = max((x.end() for x in re.finditer(r"[,;:—–(]", before)), default=0)
    lead = [(t.group(0), cut + t.start()) for t in re.finditer(_D, before[cut:])]
    if lead:
        found = collect(lead)
        if found:
            return found
    # 4. An opening phrase of the sentence: "In 2022 and 2023, Fumio Kishida …".
    opening = _OPENING_DATES.match(text)
    if opening and opening.end() <= m.start() and not re.search(r"[;:]", text[opening.end(): m.start()]):
        base = opening.start(1)
        tokens = [(t.group(0), base + t.start()) for t in re.finditer(_D, opening.group(1))]
        found = collect(tokens)
        if found:
            return found
    return [(None, None)]


def _ids(tpl: _Template, group: str | None) -> list[str]:
    if not group:
        return []
    return [tpl.tokens[t][0] for t in re.findall(r"@[AC]\d+@", group)]


_CO_SUBJECTS = re.compile(
    rf"^(?:,? (?:since|in|on|from) {_D})?,? (?:alongside|along with|together with) (?:the )?({_CLIST})"
)


def find_claims(
    text: str,
    mentions: Sequence[Mention],
    alliance_kinds: Mapping[str, str | None] | None = None,
) -> list[Claim]:
    """The relations the sentences of ``text`` state between the entities mentioned in it."""
    kinds = alliance_kinds or {}
    dates = find_dates(text)
    claims: list[Claim] = []
    seen: set[tuple[str, str, str]] = set()
    for s_start, s_end in sentence_spans(text):
        sentence = text[s_start:s_end]
        if sentence.rstrip("\"'”’) ").endswith("?"):
            continue
        tpl = _template(text, s_start, s_end, mentions, dates)
        if "@C" not in tpl.text:
            continue
        taken: set[tuple[str, str]] = set()  # (subject, object) pairs already tied in this sentence
        for rule in RULES:
            for m in rule.pattern.finditer(tpl.text):
                if _negated(tpl.text, m):
                    continue
                groups = m.groupdict()
                if rule.pair:
                    ends = _ids(tpl, groups.get("pair"))
                    if len(ends) != 2:
                        continue
                    pairs = [(ends[0], ends[1])]
                else:
                    subjects = _ids(tpl, groups.get("subj"))
                    co = _CO_SUBJECTS.match(tpl.text[m.end():])
                    if co:
                        subjects += _ids(tpl, co.group(1))
                    objects = _ids(tpl, groups.get("obj"))
                    pairs = [(s, o) for s in dict.fromkeys(subjects) for o in dict.fromkeys(objects)]
                for subject, obj in pairs:
                    relation = _relation(rule, obj, kinds)
                    if relation is None or subject == obj or not subject.startswith("country:"):
                        continue
                    if (subject, obj) in taken:
                        continue
                    taken.add((subject, obj))
                    qualifiers: dict[str, str] = {}
                    cue = (groups.get("cue") or rule.name).strip()
                    if relation is Relation.ATTENDED:
                        for v in ("venue", "venue2"):
                            if groups.get(v):
                                _, vs, ve = tpl.tokens[groups[v]]
                                qualifiers["summit"] = text[vs:ve]
                    for start, end in _dates_for(tpl, m, relation.event):
                        key = (subject, relation.value, obj, start.value if start else "")
                        if key in seen:
                            continue
                        seen.add(key)
                        claims.append(
                            Claim(subject, relation, obj, start, end, cue, tuple(qualifiers.items()), (s_start, s_end))
                        )
    return claims


def _relation(rule: _Rule, obj: str, kinds: Mapping[str, str | None]) -> Relation | None:
    is_alliance = obj.startswith("alliance:")
    kind = (kinds.get(obj) or "").lower()
    operation = is_alliance and any(k in kind for k in _OPERATION_KINDS)
    if rule.operations_only and not operation:
        return None
    if rule.no_operations and operation:
        return None
    relation = rule.relation
    if relation is None:
        if rule.name == "partnership":
            return Relation.PARTNER_OF if is_alliance else Relation.COOPERATES_WITH
        if not is_alliance:
            return None
        return Relation.PARTY_TO if operation else Relation.MEMBER_OF
    needs_alliance = relation in (R.MEMBER_OF, R.APPLICANT_TO, R.ATTENDED, R.PARTNER_OF, R.PARTY_TO, R.OBSERVER_OF)
    needs_country = relation in (R.TREATY_ALLY_OF, R.ARMS_SUPPLIER_TO)
    if (needs_alliance and not is_alliance) or (needs_country and is_alliance):
        return None
    return relation
