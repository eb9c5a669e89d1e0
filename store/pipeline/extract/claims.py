"""The claims stage: relations stated in a passage: which country joined, attended, sells arms to, opposes … what.

Precision first: a proposal is a fact a user has to review, so a few good ones beat many bad ones. The method, per sentence:

1. The sentence becomes a *template*: each top-level mention found by the gazetteer is replaced by a token (``@C0@`` a
   country, ``@A0@`` an alliance) and each date by ``@D0@``. "Finland joined NATO in April 2023." reads
   ``@C0@ joined @A0@ in @D0@.``
2. Hand-written patterns over the template tie a subject (a country, or a list of them) to an object through a cue
   ("joined", "is a member of", "attended the … summit", "sold … tanks to", "was opposed by" …). A match is dropped
   when its clause is negated ("is not a member"), hypothetical ("if", "would") or a question.
3. The date is the one the clause gives: after the cue ("joined NATO in April 2023"), inside the match, or in an
   opening phrase ("In 2022 and 2023, …"); a date after "until" is an end, one after "before"/"by" no date at all.

Nothing here knows about the store: :func:`find_claims` takes a text, its mentions and the kinds of the alliances,
and returns :class:`Claim` objects.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from store.pipeline.extract.arms_customers import follow_weapon
from store.pipeline.extract.exercise_hosts import follow_host
from store.pipeline.extract.dates import DateSpan, find_dates
from store.pipeline.extract.frames import modality, opposed_plan, resolve_alliance, resolve_frames
from store.pipeline.extract.pair_cues import our_allies, pair_cue
from store.pipeline.extract.plurals import CountryLists, lists_in, refer_to_lists
from store.pipeline.extract.rule_sets import ALL_RULES, COUNTRY_RULES, NEEDS_ALLIANCE
from store.pipeline.extract.rules import COUNTRY_LIST, DATE_SLOT, OPERATION_KINDS, R, Rule
from store.words.sentences import sentence_spans
from store.models import FuzzyDate, MentionSpan, Relation

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
    rule: str = ""  # the construction that read it ("definition", "grouping", "attended" …)

    @property
    def modality(self) -> str:
        """asserted, planned, expected, possible, considering, denied or negated (a qualifier)."""
        return dict(self.qualifiers).get("modality", "asserted")

    def key(self) -> tuple[str, str, str, str]:
        return (self.subject, self.relation.value, self.object, self.start.value if self.start else "")


# Relations whose two ends can be swapped without changing the meaning.
SYMMETRIC = frozenset({Relation.TREATY_ALLY_OF, Relation.COOPERATES_WITH, Relation.CONSULTS_WITH})

# Dates after the cue, in its clause: a comma only before "since"/"in" …, no new verb phrase.
_AFTER_DATES = re.compile(
    r"^(?:(?!\b(?:and|but|which|who|where|when|while|after|before|whose)\b)(?:[^,;.@]|@[AC]\d+@)){0,45}?"
    r"(?:,\s*(?=(?:since|in|on|from|until)\b))?"
    r"(?:(?!\b(?:and|but|which|who|where|when|while|whose)\b)[^,;.@]){0,20}?"
    r"(@D\d+@(?:\s*(?:and|or|,|, and|then)\s*(?:in\s+)?@D\d+@)*)"
)
_DATE_BEFORE_ROLE = re.compile(
    r"\b(since|from|as of|starting|until|till|through|to|before|by|after|prior to|around|in|on|during|of|"
    r"early|late|mid|mid-|end of|start of|beginning of)\W*$", re.IGNORECASE
)
_OPENING_DATES = re.compile(
    r"^(?:(?:and|but|then|so|already|back|even)\s+)*(?:(?:in|on|since|from|as of|during|by)\s+)?"
    r"(?:(?:early|late|mid-?|the end of|the start of)\s*)?(@D\d+@(?:\s*(?:,|and|,\s*and|then|or)\s*(?:in\s+)?@D\d+@)*)"
    r"(?:\s*\([^()]{1,30}\))?\s*,",  # "On September 16 (local time), …"
    re.IGNORECASE,
)


_JOINED = re.compile(r"\s*[-–—/]\s*")
_DENYING = frozenset({"negated", "denied"})
_QUOTED_TOKEN = re.compile(r"[\"'“‘](@[AC]\d+@)[\"'”’](?!s\b)")  # "the 'Quad' grouping of …" names the Quad


@dataclass
class _Template:
    text: str
    tokens: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # "@C0@" → (entity id, start, end)
    dates: dict[str, FuzzyDate] = field(default_factory=dict)  # "@D0@" → date
    inside: dict[str, list[str]] = field(default_factory=dict)  # "@A0@" → its name's countries ("the U.S.-Japan alliance")


def _template(text: str, start: int, end: int, mentions: Sequence[MentionSpan], dates: Sequence[DateSpan]) -> _Template:
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
    last_alliance = ""
    nested_end = -1
    for s, e, kind, value in items:
        if s < pos:
            # Nested in a longer mention: "US" inside "US-Japan alliance" is one of its members when
            # the name is built of countries joined by hyphens ("the trilateral alliance with
            # Washington and Tokyo" is a description, and its countries are not read from it).
            if kind == "C" and last_alliance and value not in tpl.inside[last_alliance]:
                if nested_end < 0 or _JOINED.fullmatch(text, nested_end, s):
                    tpl.inside[last_alliance].append(value)  # type: ignore[arg-type]
                    nested_end = e
                else:
                    tpl.inside[last_alliance] = []
                    last_alliance = ""
            continue
        nested_end = -1
        out.append(text[pos:s])
        token = f"@{kind}{counts[kind]}@"
        counts[kind] += 1
        if kind == "D":
            tpl.dates[token] = value  # type: ignore[assignment]
        else:
            tpl.tokens[token] = (value, s, e)  # type: ignore[assignment]
        if kind == "A":
            last_alliance = token
            tpl.inside[token] = []
        elif kind == "C":
            last_alliance = ""
        out.append(token)
        pos = e
    out.append(text[pos:end])
    tpl.text = _QUOTED_TOKEN.sub(r"\1", "".join(out).replace("’", "'").replace("\u00a0", " "))
    return tpl


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
        tokens = [(t.group(0), base + t.start()) for t in re.finditer(DATE_SLOT, group)]
        found = collect(tokens)
        if found:
            return found
    # 2. Inside the match (the parenthesis aside): "Finland in 2023 joined NATO".
    inside = []
    for t in re.finditer(DATE_SLOT, text[m.start(): m.end()]):
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
    lead = [(t.group(0), cut + t.start()) for t in re.finditer(DATE_SLOT, before[cut:])]
    if lead:
        found = collect(lead)
        if found:
            return found
    # 4. An opening phrase of the sentence: "In 2022 and 2023, Fumio Kishida …".
    opening = _OPENING_DATES.match(text)
    if opening and opening.end() <= m.start() and not re.search(r"[;:]", text[opening.end(): m.start()]):
        base = opening.start(1)
        tokens = [(t.group(0), base + t.start()) for t in re.finditer(DATE_SLOT, opening.group(1))]
        found = collect(tokens)
        if found:
            return found
    return [(None, None)]


def _ids(tpl: _Template, group: str | None) -> list[str]:
    if not group:
        return []
    return [tpl.tokens[t][0] for t in re.findall(r"@[AC]\d+@", group)]


_ITS_MEMBERS = re.compile(r"\s*(Its|Their) (?:(?:founding|current|full) )?(?:members|member states|member countries) "
                          r"(?:are|include|included|were)\b")
_CO_SUBJECTS = re.compile(
    rf"^(?:,? (?:since|in|on|from) {DATE_SLOT})?,? (?:alongside|along with|together with) (?:the )?({COUNTRY_LIST})"
)


def find_claims(
    text: str,
    mentions: Sequence[MentionSpan],
    alliance_kinds: Mapping[str, str | None] | None = None,
    *,
    published: FuzzyDate | None = None,
    context: str = "",
    lists: CountryLists | None = None,
    publisher: str | None = None,
    members: Mapping[str, frozenset[str]] | None = None,
    unread: Sequence[MentionSpan] = (),
    people: Sequence[MentionSpan] = (),
) -> list[Claim]:
    """The relations the sentences of ``text`` state between the entities mentioned in it.

    ``published`` places relative dates ("on Friday", "last month"). ``lists`` holds the lists of countries the
    article named before this passage ("the two sides", "these countries" mean one of them; see :mod:`.plurals`), and
    the last weapon and exercise host it named ("it", "the exercise"); it is given this passage's too. ``context``
    (the article before this passage) is part of the interface, not read: the mention stage resolves references
    across the article.
    ``publisher`` is the country whose government published the article: "our two countries" in its release are it
    and the one other the passage names. ``members``: the countries of the groupings whose members are known (their
    names', the import's new ones'): "the two countries" beside an agreement of two are its parties ("The MDCA will
    strengthen defense cooperation between the two countries"), ``unread`` the groupings named but kept out of the
    templates (a second reading without a new grouping's name), for that alone; ``people`` the people among
    ``mentions`` (the countries "the two leaders" are).
    """
    del context
    weapon, host = (lists.weapon, lists.host) if lists is not None else (None, None)
    kinds = alliance_kinds or {}
    dates = find_dates(text, published)
    claims: list[Claim] = []
    seen: set[tuple[str, str, str, str]] = set()
    passage = list(dict.fromkeys(m.entity_id for m in mentions if m.entity_id.startswith("country:")))
    named: list[str] = []  # the alliances the sentence before named
    for s_start, s_end in sentence_spans(text):
        previous, named = named, list(dict.fromkeys(
            m.entity_id for m in mentions if s_start <= m.start < s_end and m.entity_id.startswith("alliance:")))
        sentence = text[s_start:s_end]
        if sentence.rstrip("\"'”’) ").endswith("?"):
            continue  # a question states nothing
        tpl = _template(text, s_start, s_end, mentions, dates)
        its = _ITS_MEMBERS.match(tpl.text) if len(previous) == 1 and not named else None
        if its:
            # "… an organisation of nine states. Its members are Bulgaria, …": the one alliance the sentence before named.
            tpl.tokens["@A0@"] = (previous[0], s_start, s_start + its.end(1))
            tpl.text = "@A0@'s" + tpl.text[its.end(1):]
        if publisher:
            tpl.text = our_allies(tpl.text, tpl.tokens, publisher, s_start)  # "Norway is one of our closest allies"
        here = [*named, *(m.entity_id for m in unread if s_start <= m.start < s_end)]
        pairs = [(min(members[a]), max(members[a])) for a in here if members and len(members.get(a, ())) == 2]
        before = CountryLists([*(lists.lists if lists else []), *pairs], people=lists.people if lists else [])
        tpl.text = refer_to_lists(tpl.text, tpl.tokens, text, (s_start, s_end), mentions, before, people)
        tpl.text, weapon = follow_weapon(tpl.text, tpl.tokens, text, (s_start, s_end), weapon)  # "Poland has it in service"
        tpl.text, host = follow_host(tpl.text, tpl.tokens, s_start, host)  # "the exercise": its host's, named before
        if lists is not None:
            lists.lists.extend(lists_in(text, mentions, s_start, s_end))
            lists.people.extend(p.entity_id for p in sorted(people, key=lambda p: p.start) if s_start <= p.start < s_end)
        countries = list(dict.fromkeys(v[0] for t, v in tpl.tokens.items() if t.startswith("@C")))
        cue = pair_cue(tpl.text, countries, passage, publisher) if passage and len(countries) < 3 else None
        if "@C" not in tpl.text and not any(tpl.inside.values()) and cue is None:
            continue
        tpl.text = resolve_frames(resolve_alliance(tpl.text, {t: v[0] for t, v in tpl.tokens.items()}))
        if len({v[0] for v in tpl.tokens.values()}) < 2 and not any(tpl.inside.values()) and cue is None:
            continue  # a claim ties two entities: a sentence naming one states none (most sentences)
        taken: dict[tuple[str, str], set[Relation]] = {}  # relations already tied in this sentence

        def emit(rule: Rule, m: re.Match[str] | None, pairs: list[tuple[str, str]], cue: str, mood: str,
                 groups: Mapping[str, str | None], tpl: _Template = tpl,
                 taken: dict[tuple[str, str], set[Relation]] = taken, sentence: tuple[int, int] = (s_start, s_end),
                 ) -> None:
            for subject, obj in pairs:
                relation = _relation(rule, obj, kinds)
                if relation is None or subject == obj or not subject.startswith("country:"):
                    continue
                if relation is Relation.OPPOSES and mood in _DENYING:
                    continue  # "Beijing has never condemned Russia's invasion": an act not done, no stance the store keeps
                done = taken.setdefault((subject, obj), set())
                # "joined the NATO summit" is an attendance, "invited … to join NATO" a candidacy: not memberships.
                if relation in done or (relation is Relation.MEMBER_OF and rule.name == "joined"
                                        and done & {Relation.ATTENDED, Relation.APPLICANT_TO}):
                    continue
                done.add(relation)
                qualifiers: dict[str, str] = {}
                if relation is Relation.ATTENDED:
                    for v in ("venue", "venue2"):
                        if groups.get(v):
                            _, vs, ve = tpl.tokens[groups[v] or ""]
                            qualifiers["summit"] = text[vs:ve]
                if relation is Relation.OPPOSES and m is not None and obj.startswith("alliance:"):
                    proposal = opposed_plan(text, sentence, tpl.text[m.start():m.end() + 40])
                    if proposal:
                        # "opposed NATO's plan to open an office in Tokyo": against the plan, not the
                        # alliance (France is a member); the plan is the qualifier the fact is read by.
                        relation = Relation.OPPOSES_PROPOSAL_OF
                        qualifiers["proposal"] = proposal
                if mood != "asserted":
                    qualifiers["modality"] = mood
                spans = _dates_for(tpl, m, relation.event) if m is not None and not rule.undated else [(None, None)]
                for start, end in spans:
                    key = (subject, relation.value, obj, start.value if start else "")
                    if key in seen:
                        continue
                    seen.add(key)
                    claims.append(
                        Claim(subject, relation, obj, start, end, cue, tuple(qualifiers.items()), sentence, rule.name)
                    )

        for rule in ALL_RULES if "@A" in tpl.text else COUNTRY_RULES:
            for m in rule.pattern.finditer(tpl.text):
                # The words a rule requires ("defence" for a cooperation) anywhere in its sentence: "build high-level
                # cooperation between the two countries at the stage of operating … the weapons system".
                if rule.requires is not None and not rule.requires.search(tpl.text):
                    continue
                groups = m.groupdict()
                skip = m.span("paren") if groups.get("paren") else None
                mood = (modality(m.group(0), 0, m.end() - m.start()) if rule.apposition
                        else modality(tpl.text, m.start(), m.end(), skip))
                if mood is None:
                    continue
                mood = "considering" if rule.considered and mood == "asserted" else mood
                if rule.pair:
                    ends = list(dict.fromkeys(_ids(tpl, groups.get("pair"))))
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
                emit(rule, m, pairs, (groups.get("cue") or rule.name).strip(), mood, groups)
        # A grouping named after its members ("the U.S.-Japan alliance", "the Japan-U.S. and
        # U.S.-ROK alliances"): the name states who is in it.
        for token, inside in tpl.inside.items():
            if len(inside) < 2:
                continue
            pos = tpl.text.find(token)
            mood = modality(tpl.text, pos, pos + len(token)) if pos >= 0 else None
            if mood is None:
                continue
            obj = tpl.tokens[token][0]
            emit(_COMPOUND, None, [(c, obj) for c in inside], "named after its members", mood, {})
        # "bilateral security and defence cooperation", "our defence and security ties" (see pair_cues).
        cue = pair_cue(tpl.text, countries, passage, publisher) if passage and len(countries) < 3 else None
        if cue:
            found, pair = cue
            mood = modality(tpl.text, found.start(), found.end())
            if mood is not None:
                emit(_PAIR_RULE, found, [pair], found.group(0), mood, {})
    if lists is not None:
        lists.weapon, lists.host = weapon, host
    return claims


_COMPOUND = Rule("compound", None, re.compile("(?!)"))
_PAIR_RULE = Rule("bilateral", Relation.COOPERATES_WITH, re.compile("(?!)"))
_SUMMIT_HOSTS = ("military alliance", "collective defence")


def _relation(rule: Rule, obj: str, kinds: Mapping[str, str | None]) -> Relation | None:
    is_alliance = obj.startswith("alliance:")
    kind = (kinds.get(obj) or "").lower()
    operation = is_alliance and any(k in kind for k in OPERATION_KINDS)
    if rule.operations_only and not operation:
        return None
    if rule.no_operations and operation:
        return None
    relation = rule.relation
    if rule.name == "leaders met" and is_alliance:
        # Members meet at their own grouping's summit; others attend a military alliance's
        # (a "collective defence treaty" or "organisation" in the researched world's kinds: NATO, the CSTO).
        return Relation.ATTENDED if any(k in kind for k in _SUMMIT_HOSTS) else Relation.MEMBER_OF
    if relation is None:
        if rule.name == "partnership":
            return Relation.PARTNER_OF if is_alliance else Relation.COOPERATES_WITH
        if not is_alliance:
            return None
        return Relation.PARTY_TO if operation else Relation.MEMBER_OF
    needs_alliance = relation in NEEDS_ALLIANCE
    needs_country = relation in (R.TREATY_ALLY_OF, R.ARMS_SUPPLIER_TO)
    if (needs_alliance and not is_alliance) or (needs_country and is_alliance):
        return None
    return relation
