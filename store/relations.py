"""Relations stated in a passage: which country joined, attended, sells arms to, opposes … what.

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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from store.ingest import MONTHS, _MONTH_RE, fuzzy_date
from store.models import FuzzyDate, Mention, Relation

# --- sentences ---------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    """u.s u.k u.n e.u mr mrs ms dr gen sen rep gov lt col capt sgt adm prof rev st no vs etc
    e.g i.e inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec fig approx est""".split()
)
_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence; abbreviations (U.S., Gen., Sept.) and initials do not end one."""
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        if text[m.start()] == ".":
            word = re.search(r"([\w.]+)$", text[start:m.start()])
            token = word.group(1).lower() if word else ""
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        end = m.start() + len(m.group(0).rstrip())
        if text[start:end].strip():
            yield start, end
        start = m.end()
    if text[start:].strip():
        yield start, len(text.rstrip())


# --- dates -------------------------------------------------------------------------

_DATE_PATTERNS = [
    # 2022-05-10
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), lambda m: fuzzy_date(m[1], m[2], m[3])),
    # May 10, 2022 / May 10 2022
    (re.compile(rf"\b({_MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b"),
     lambda m: fuzzy_date(m[3], MONTHS[m[1].rstrip(".").lower()], m[2])),
    # 10 May 2022 / 10th of May, 2022
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MONTH_RE}),? (\d{{4}})\b"),
     lambda m: fuzzy_date(m[3], MONTHS[m[2].rstrip(".").lower()], m[1])),
    # June 2022 / Sept. 2021
    (re.compile(rf"\b({_MONTH_RE}),? (\d{{4}})\b"), lambda m: fuzzy_date(m[2], MONTHS[m[1].rstrip(".").lower()])),
]
# A bare year counts only after a word that introduces a date: "in 2022", "since 2005",
# "the 2023 summit", "2022 and 2023"; not "2000 troops" or "1,340-kilometre".
_YEAR = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|of|to|and|or|early|late|mid|the|through|before|after|around|during|"
    r"year|spring|summer|autumn|fall|winter) |\bmid-|^|[(,–-] ?)"
    r"(?P<year>1[89]\d\d|20\d\d)(?![\d%s'’]|-(?:\d|year|strong|kilo|km|mile)|,\d)",
    re.I,
)


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    date: FuzzyDate


def find_dates(text: str) -> list[DateSpan]:
    """Dates written in a text, longest form first (a day inside a month inside a year)."""
    taken = bytearray(len(text))
    out: list[DateSpan] = []
    for pattern, make in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            date = make(m)
            if date is not None:
                taken[m.start():m.end()] = b"\1" * (m.end() - m.start())
                out.append(DateSpan(m.start(), m.end(), date))
    for m in _YEAR.finditer(text):
        s, e = m.span("year")
        if not any(taken[s:e]):
            date = fuzzy_date(m["year"])
            if date is not None:
                out.append(DateSpan(s, e, date))
    return sorted(out, key=lambda d: d.start)


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
# Alliance kinds one takes part in rather than becomes a member of.
_OPERATION_KINDS = ("coalition", "operation", "mission", "force")

_C = r"@C\d+@"
_A = r"@A\d+@"
_E = r"@[AC]\d+@"
_D = r"@D\d+@"
_CLIST = rf"{_C}(?:(?:,? and |, | & )(?:the )?{_C})*"
_ROLE = (
    r"(?:['’]s)?(?: (?:[A-Z][\w.'’-]*|government|leader|leaders|president|prime minister|foreign minister|"
    r"defen[cs]e minister|officials|delegation|navy|army|air force|forces|military|troops|head of state|"
    r"head of government|authorities)){0,5}"
)
_MACROS = {
    "<SUBJ>": rf"(?P<subj>{_CLIST})",
    "<SUBJNP>": rf"(?P<subj>{_CLIST}){_ROLE}",
    "<PAREN>": r"(?P<paren>,[^,;]{1,100},| \([^)]{1,100}\))?",
    "<WHICH>": r"(?:,? (?:which|who|that))?",
    "<ADV>": r"(?:,? (?:also|now|already|then|finally|formally|officially|eventually|later|recently|itself|"
             r"themselves|still|since|long|has|have|had|just|however|indeed|too|though|in fact|\w+ly))*,?",
    "<BE>": r"(?:is|are|was|were|has been|have been|had been|been|became|becomes|become|remains|remained)"
            r"(?:,? (?:also|now|already|still|long|officially|formally|however|indeed|in fact),?)*",
    "<OBJA>": rf"(?:the )?(?P<obj>{_A})",
    "<OBJC>": rf"(?:the )?(?P<obj>{_C})",
    "<OBJCS>": rf"(?:the )?(?P<obj>{_CLIST})",
    "<OBJE>": rf"(?:the )?(?P<obj>{_E})",
    "<VENUE>": rf"(?:(?P<venue>{_C})['’]?s? )?",
    "<VENUE2>": rf"(?: (?:in|at) (?P<venue2>{_C}))?",
    "<W>": r"(?:[\w'’-]+ )",
    "<NOTNEG>": r"(?!(?:not|no|never|non)\b)",
    "<ARMS>": r"(?:arms|weapons|weaponry|tanks|howitzers|missiles|jets|fighter jets|fighters|aircraft|warplanes|"
              r"helicopters|warships|submarines|frigates|corvettes|drones|artillery|ammunition|munitions|shells|"
              r"rocket launchers|rockets|air[- ]defen[cs]e systems|missile systems|weapon systems|"
              r"military equipment|defen[cs]e equipment|(?:armou?red |military |combat )?vehicles)",
}


def _compile(pattern: str) -> re.Pattern[str]:
    for macro, value in _MACROS.items():
        pattern = pattern.replace(macro, value)
    return re.compile(pattern)


@dataclass(frozen=True)
class _Rule:
    name: str
    relation: Relation | None  # None: decided from the object (membership or party, partner or cooperation)
    pattern: re.Pattern[str]
    pair: bool = False  # the two countries of group "pair" are the ends
    operations_only: bool = False  # the object must be an operation, coalition or mission
    no_operations: bool = False


def _rule(name: str, relation: Relation | None, pattern: str, **kw: bool) -> _Rule:
    return _Rule(name, relation, _compile(pattern), **kw)


R = Relation
_JOIN_STOP = (
    r"(?! (?:summit|summits|meeting|meetings|talks|exercise|exercises|drills|operation|operations|mission|"
    r"missions|leaders|foreign|defen[cs]e|ministers|allies|members|partners|countries|nations|states|"
    r"in (?:calling|urging|condemning|criticising|criticizing|saying)))"
)
_SUMMIT_VERB = (
    r"(?P<cue>attended|attends|took part in|takes part in|has taken part in|participated in|participates in|"
    r"has participated in|went to|was at|were at|addressed|joined)"
)
RULES: tuple[_Rule, ...] = (
    # --- summits (before memberships: "joined the NATO summit" is an attendance) -----
    _rule("attended", R.ATTENDED,
          rf"<SUBJNP><PAREN><ADV> {_SUMMIT_VERB} (?:the |a |an |its |every |all |each |this year['’]s |"
          r"last year['’]s |(?:first|second|last|latest|recent|annual|next) )*<VENUE>(?P<obj>@A\d+@)(?:['’]s?)? "
          r"(?:(?:leaders['’]?|annual|\w+) )?summits?\b<VENUE2>"),
    _rule("attended", R.ATTENDED,
          rf"<SUBJNP><PAREN><ADV> {_SUMMIT_VERB} (?:the |a |an )?<VENUE>summits? of <OBJA><VENUE2>"),
    _rule("attended", R.ATTENDED,
          r"<SUBJ>, (?:a |an )?(?:[\w-]+ ){0,2}(?P<obj>@A\d+@) (?:ally|partner|member)s?, (?:[\w-]+ ){0,2}?"
          r"(?P<cue>participates|participated|takes part|took part|attends|attended) (?:in )?"
          r"(?:its|their|the alliance['’]s|all) (?:\w+ )?summits"),
    _rule("attended", R.ATTENDED,
          r"(?i:going to|attending|attendance at|participation in|participating in|taking part in) (?:the |a )?"
          r"<VENUE>(?P<obj>@A\d+@) (?P<cue>summits?)\b[^.;@]{0,40}?\b(?:for|by) (?:a |an |the )?(?P<subj>@C\d+@) "
          r"(?:head of state|head of government|leader|president|prime minister|delegation|chief executive)"),
    _rule("attended", R.ATTENDED,
          r"\bfirst (?P<subj>@C\d+@) (?:[\w-]+ ){0,3}?to (?P<cue>attend|participate in|take part in|go to|join) "
          r"(?:a |an |the )?<VENUE>(?P<obj>@A\d+@) summit"),
    # --- membership ------------------------------------------------------------------
    _rule("joined", None,
          rf"<SUBJNP><PAREN><WHICH><ADV> (?P<cue>joined|joins|acceded to|accedes to|was admitted to|were admitted to|"
          rf"was admitted into|signed up to) <OBJA>{_JOIN_STOP}"),
    _rule("member", None,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:a |an |the |one of the )?(?:<NOTNEG>[\w-]+ ){0,2}?"
          r"(?P<cue>members?|member (?:state|country|nation)s?) (?:of|in) <OBJA>"),
    _rule("member", None,
          r"<SUBJ><PAREN><ADV> (?:became|becomes|is|was|has become) (?:the )?(?P<obj>@A\d+@)['’]s "
          r"(?:\d+(?:st|nd|rd|th)|\w+) (?P<cue>member)"),
    _rule("part of", None,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:a )?(?P<cue>part of) <OBJA>"),
    _rule("member", None,
          r"<SUBJ>, (?:a |an |another |the )?(?:(?:fellow|founding|key|full|longtime|long-standing) )?"
          r"(?P<obj>@A\d+@) (?P<cue>member|member state|member country)\b"),
    _rule("member", None,
          r"(?P<obj>@A\d+@) (?P<cue>members?|member (?:state|country|nation)s?) (?:such as |including |like )?"
          r"(?P<subj>@C\d+@(?:(?:,? and |, )@C\d+@)*)"),
    _rule("signed", None,
          r"<SUBJNP><PAREN><ADV> (?P<cue>signed|ratified) <OBJA>(?! (?:summit|declaration|communiqu))",
          no_operations=True),
    _rule("took part", None,
          r"<SUBJNP><PAREN><ADV> (?P<cue>participated in|participates in|took part in|takes part in|"
          r"contributed (?:[\w-]+ ){0,3}?to|contributes (?:[\w-]+ ){0,3}?to|led) <OBJA>",
          operations_only=True),
    # --- candidacy -------------------------------------------------------------------
    _rule("applied", R.APPLICANT_TO,
          r"<SUBJ><PAREN><WHICH><ADV> (?P<cue>applied|applies|apply|submitted (?:its|their|a) (?:formal )?"
          r"(?:application|bid|request)) (?:to join|for (?:\w+ )?membership (?:of|in)) <OBJA>"),
    _rule("applied", R.APPLICANT_TO,
          r"<SUBJ>['’]s (?:[\w-]+ )?(?P<cue>application|bid|request|candidacy) (?:to join|for membership (?:of|in)) <OBJA>"),
    # --- partnership -----------------------------------------------------------------
    _rule("partner", R.PARTNER_OF,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:a |an |one of )?(?:<NOTNEG>[\w-]+ ){0,2}?(?:the )?(?P<obj>@A\d+@)['’]?s? "
          r"(?P<cue>partners?|partner (?:country|countries|nation|nations))\b"),
    _rule("partner", R.PARTNER_OF,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:a |an |one of )?(?:<NOTNEG>[\w-]+ ){0,2}?(?P<cue>partners?) of <OBJA>"),
    _rule("partner", R.PARTNER_OF,
          r"<SUBJ>, (?:a |an |another |the )?(?:[\w-]+ ){0,2}?(?P<obj>@A\d+@) (?P<cue>partner)\b"),
    _rule("partner", R.PARTNER_OF,
          r"(?P<obj>@A\d+@) (?P<cue>partners?|partner (?:countries|nations)) (?:such as |including |like )?"
          r"(?P<subj>@C\d+@(?:(?:,? and |, )@C\d+@)*)"),
    _rule("partnership", None,
          r"<SUBJNP><PAREN><ADV> (?:signed|concluded|agreed|upgraded|launched|established|deepened|strengthened|"
          r"has|have|maintains|maintain) (?:a |an |its |their )?(?:[\w-]+ ){0,3}?(?P<cue>partnership) "
          r"(?:[\w-]+ ){0,2}?with <OBJE>"),
    # --- alliances between two countries -------------------------------------------------
    _rule("ally", R.TREATY_ALLY_OF,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:a |an |another |one of )?(?:<NOTNEG>[\w-]+ ){0,2}?"
          r"(?P<cue>(?:treaty )?all(?:y|ies)) of <OBJC>"),
    _rule("ally", R.TREATY_ALLY_OF,
          r"<SUBJ>, (?:a |an |another |the )?(?:(?:close|closest|key|major|main|treaty|longtime|long-standing|"
          r"military|staunch|important|\w+est) )*(?P<cue>ally) of <OBJC>"),
    _rule("ally", R.TREATY_ALLY_OF,
          r"(?P<pair>@C\d+@ and @C\d+@) (?:are|were|have been|remain|became) (?:[\w-]+ ){0,2}?"
          r"(?P<cue>(?:treaty )?allies)\b(?! (?:of|to|in|with)\b)", pair=True),
    _rule("treaty", R.TREATY_ALLY_OF,
          r"<SUBJNP><PAREN><ADV> (?:signed|concluded|ratified) (?:a |an |the )?(?:[\w-]+ ){0,3}?"
          r"(?P<cue>(?:defen[cs]e|security|alliance) treaty) with <OBJC>"),
    _rule("treaty", R.TREATY_ALLY_OF,
          r"(?P<pair>@C\d+@ and @C\d+@) (?:have |had )?(?:signed|concluded|ratified) (?:a |an |the )?(?:[\w-]+ ){0,3}?"
          r"(?P<cue>(?:defen[cs]e|security|alliance) treaty)", pair=True),
    # --- cooperation -------------------------------------------------------------------
    _rule("cooperation", R.COOPERATES_WITH,
          r"<SUBJNP><PAREN><ADV> (?P<cue>cooperates|cooperated|cooperate|works closely|worked closely|"
          r"conducted (?:[\w-]+ ){0,3}?(?:exercises|drills)|held (?:[\w-]+ ){0,3}?(?:exercises|drills)|"
          r"(?:deepened|strengthened|expanded|stepped up|boosted|bolstered) (?:its |their )?(?:[\w-]+ ){0,3}?"
          r"(?:cooperation|ties)|(?:signed|concluded) (?:a |an )?(?:[\w-]+ ){0,3}?(?:cooperation|defen[cs]e|security|"
          r"military) (?:agreement|pact|accord|deal|arrangement)) with <OBJE>"),
    _rule("moved closer", R.COOPERATES_WITH,
          r"<SUBJNP><PAREN><ADV> (?P<cue>moved closer|drew closer|drawn closer|grown closer|grew closer|"
          r"come closer|came closer) to <OBJE>"),
    _rule("cooperation", R.COOPERATES_WITH,
          r"<SUBJ>['’]s (?:[\w-]+ ){0,2}?(?P<cue>cooperation|rapprochement) with <OBJE>"),
    _rule("exercises", R.COOPERATES_WITH,
          r"(?P<pair>@C\d+@ and @C\d+@) (?:have |had )?(?:held|conducted|staged) (?:[\w-]+ ){0,3}?"
          r"(?P<cue>exercises|drills)", pair=True),
    # --- arms ---------------------------------------------------------------------------
    _rule("arms", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP><PAREN><ADV> (?P<cue>sells|sold|has sold|have sold|supplies|supplied|delivered|delivers|"
          r"exports|exported|ships|shipped|provided|provides|transferred|agreed to sell|agreed to supply|"
          r"signed (?:[\w-]+ ){0,3}?deals? to (?:sell|supply)) (?:(?!to\b)[\w$€£%,.'’-]+ ){0,8}?<ARMS>\b"
          r"(?: (?!to\b)[\w-]+){0,4}? to <OBJCS>"),
    _rule("arms", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP><PAREN><ADV> (?P<cue>supplied|supplies|provided|provides|armed|arms|equipped) <OBJCS> with "
          r"(?:[\w$€£%,.'’-]+ ){0,6}?<ARMS>\b"),
    _rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<subj>@C\d+@)(?:['’]s)? (?:[\w-]+ ){0,2}?(?P<cue>(?:arms|weapons|defen[cs]e|military) "
          r"(?:sales|exports|deliveries|transfers|deals?|supplies)) to <OBJCS>"),
    _rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)(?:,[^,;]{1,100},)?(?: has| have)? (?P<cue>bought|buys|purchased|purchases|ordered|orders|"
          r"acquired|acquires|received|receives|imported|imports|signed (?:[\w-]+ ){0,3}?(?:deals?|contracts?) "
          r"(?:to buy|for)) (?:(?!from\b)[\w$€£%,.'’-]+ ){0,8}?<ARMS>\b(?: (?!from\b)[\w-]+){0,4}? from "
          r"(?:the )?(?P<subj>@C\d+@(?:(?:,? and |, )(?:the )?@C\d+@)*)"),
    _rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<cue>sales?|exports?|deliver(?:y|ies)|transfers?) of (?:[\w-]+ ){0,3}?<ARMS> (?:[\w-]+ ){0,2}?"
          r"(?:from|by) (?:the )?(?P<subj>@C\d+@) to <OBJCS>"),
    _rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)['’]s (?:[\w-]+ ){0,2}?(?P<cue>purchases?|acquisitions?|orders?|imports?) of "
          r"(?:[\w-]+ ){0,4}?<ARMS>(?: (?!from\b)[\w-]+){0,3}? from (?:the )?(?P<subj>@C\d+@)"),
    # --- opposition -----------------------------------------------------------------------
    _rule("opposes", R.OPPOSES,
          r"<SUBJNP><PAREN><ADV> (?P<cue>opposes|opposed|oppose|objects to|objected to|condemned|condemns|"
          r"denounced|denounces|vetoed|blocked|blocks|protested against) (?:the |a |an |any )?"
          r"(?:(?!(?:and|but|while|which|who|that|by|to)\b)[\w'’-]+ ){0,5}?<OBJE>"),
    _rule("opposed by", R.OPPOSES,
          r"(?P<obj>@[AC]\d+@) (?:[\w'’-]+ ){0,4}?(?:office|plan|plans|proposal|enlargement|expansion|presence|bid|"
          r"membership|deployment|base|bases|exercises|drills|accession)(?: (?:in|to|near) (?:the )?@C\d+@)?, "
          r"(?:which|that|a move that|a plan that) (?:was|were|is|has been|had been) (?:\w+ly )?"
          r"(?P<cue>opposed|condemned|criticized|criticised|rejected|blocked) by (?:the )?(?P<subj>@C\d+@)"),
)

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
