"""How a clause frames what it states: who says it, and how sure it is.

- **Reporting frames**: "Macron said on Wednesday he opposed …", "Poland's minister told reporters
  that it had bought …": the pronoun that opens the reported clause stands for the speaker's country,
  so the template is rewritten with the speaker's token in its place and the claim rules read it as a
  plain clause. A pronoun with no country before it stays a pronoun: nothing is claimed of it.
- **Modality**: a claim is kept with the modality its clause gives it (asserted, planned, expected,
  possible, considering, denied, negated) rather than dropped or asserted; questions and conditions
  ("if", "unless", "whether") and mere wishes ("wants to join") still give nothing.
"""

from __future__ import annotations

import re

# "<country> [officials …] said [on Wednesday] [that] he …" → "<country> …" in place of the pronoun.
_FRAME = re.compile(
    r"(?P<subj>@C\d+@)(?:['’]s)?(?: (?:[A-Z][\w.'’-]*|[a-z]+)){0,5}? (?:has |had )?"
    r"(?:said|says|told(?: [^.;,\"]{1,60}?)?|tells(?: [^.;,\"]{1,60}?)?|announced|stated|added|warned|insisted|"
    r"noted|confirmed|declared|argued|claimed|explained|stressed)"
    r"(?: (?:earlier |later )?(?:on|last|this) (?:@D\d+@|\w+day|week|month|year)| @D\d+@)?(?: that)?,? "
    # "A Russian official has said that his country has started delivering …": the speaker's country.
    r"(?P<pro>he|she|it|they|(?:his|her|their) (?:country|government|nation))\b"
)

_PRONOUN = re.compile(r" (?:he|she|it|they|(?:his|her|their) (?:country|government|nation))\b")

MODALITIES = ("asserted", "planned", "expected", "possible", "considering", "denied", "negated")

_DROP = re.compile(
    r"\b(?:if|If|unless|Unless|whether|Whether|(?:wants?|wanted|hopes?|hoped|wish(?:es)?|seeks?|sought|aspires?|"
    r"ready|keen|eager) to|instead of|rather than|calls? (?:on|for)|urged?)\b"
)
_DENIED = re.compile(r"\b(?:denied|denies|deny|denying|dismissed reports|rejected reports|refuted)\b")
_NEGATED = re.compile(
    # "isn't", "won't": the contraction has no word boundary before it.
    r"n['’]t\b|\b(?:not|never|no longer|neither|nor|none|without(?! (?:delay|doubt|question|hesitation|fail)\b)|"
    r"refuses?|refused|declined?|yet to)\b|\bnon-(?!proliferation|nuclear|aggression|interference|combat|governmental|"
    r"state|traditional|military|lethal|binding)"
)
_CONSIDERING = re.compile(r"\b(?:consider(?:s|ed|ing)?|weigh(?:s|ing)?|mull(?:s|ing)?|explor(?:es|ing)|studying|"
                          r"interest(?:ed)? in)\b")
_EXPECTED = re.compile(r"\b(?:expected|likely|poised|due) to\b|\bexpects?\b|\b(?:is|are|was|were) expected\b")
_POSSIBLE = re.compile(r"\b(?:could|might|may|possibly|possible|potential(?:ly)?)\b")
_PLANNED = re.compile(
    r"\b(?:will|would|shall|['’]ll|set to|[Pp]lans?|[Pp]lanned|aims? to|intends? to|intended to|committed to|"
    # "is planning to", not "contingency planning between …" (a noun of what is done).
    r"(?<!contingency )(?<!joint )(?<!operational )(?<!military )(?<!defence )(?<!defense )[Pp]lanning|"
    r"commit to|commits to|pledged to|pledges? to|vowed to|vows? to|agreed to|going to|is to|are to|scheduled|slated to|upcoming|"
    # "announced their intent to donate", "moved toward buying".
    r"(?:intent|intention) to|moved? (?:toward|towards|closer to) (?:buying|signing|acquiring|purchasing|joining|an? "
    r"(?:deal|agreement|contract))|"
    # A purpose clause is an aim: "ratify the protocols so we can welcome Sweden into NATO".
    r"so (?:that )?(?:[\w-]+ ){1,3}?can|in order to)\b"
)
_CLAUSE_START = re.compile(r"[;:—–(]|,(?! (?:a|an|the|both|all|none|neither)\b)|\b(?:but|while|whereas|although|though)\b")


def resolve_frames(tpl: str) -> str:
    """The template with each reported clause's opening pronoun replaced by its speaker's token."""
    if _PRONOUN.search(tpl) is None:
        return tpl  # the common case costs one scan
    return _FRAME.sub(lambda m: m.group(0)[: m.start("pro") - m.start()] + m.group("subj"), tpl)


_THE_ALLIANCE = re.compile(r"\b[Tt]he (?:[Aa]lliance|bloc)\b(?!-)")
_ALLIANCE_TOKEN = re.compile(r"@A\d+@")


def resolve_alliance(tpl: str, ids: dict[str, str]) -> str:
    """"the alliance" / "the bloc" as the one alliance the sentence named before it (none if several):
    the mention stage reads such references across the article; this covers what it leaves."""
    if "lliance" not in tpl and "bloc" not in tpl:
        return tpl

    def one(m: re.Match[str]) -> str:
        named = {ids.get(t): t for t in _ALLIANCE_TOKEN.findall(tpl, 0, m.start())}
        return next(iter(named.values())) if len(named) == 1 else m.group(0)

    return _THE_ALLIANCE.sub(one, tpl)


def modality(tpl: str, start: int, end: int, skip: tuple[int, int] | None = None) -> str | None:
    """The modality of the claim matched at tpl[start:end] (a parenthesis inside it aside), read in
    its clause; None when the clause is a condition or a wish and states nothing."""
    before = tpl[:start]
    cut = max((x.end() for x in _CLAUSE_START.finditer(before)), default=0)
    body = tpl[start:end] if skip is None else tpl[start: skip[0]] + " " + tpl[skip[1]: end]
    clause = before[cut:] + " " + body
    if _DROP.search(clause):
        return None
    # A denial frames a whole report, whatever clause the claim sits in: "Seoul denied reports that …".
    if _DENIED.search(before) or _DENIED.search(body):
        return "denied"
    for name, pattern in (("negated", _NEGATED), ("considering", _CONSIDERING), ("expected", _EXPECTED),
                          ("possible", _POSSIBLE), ("planned", _PLANNED)):
        if pattern.search(clause):
            return name
    return "asserted"


# What an alliance can propose and a member oppose without opposing the alliance. Not its
# enlargement or presence: opposing those is opposing the alliance, as the rules read it.
_PROPOSAL = re.compile(r"\b(?:plans?|proposals?|proposed|idea|initiative|project|scheme|bid|office)\b")
_PROPOSAL_PHRASE = re.compile(
    r"\b(?:plans?|proposals?|idea|initiative|project|scheme|bid|office)\b(?: (?:to|for|of|on|in) [^.;:,()\"“”]{3,80})?"
)


def opposed_plan(text: str, sentence: tuple[int, int], matched: str) -> str:
    """The plan a sentence says was opposed ('plans to set up a NATO office in Tokyo'), if the match names one."""
    if not _PROPOSAL.search(matched):
        return ""
    found = _PROPOSAL_PHRASE.search(text, sentence[0], sentence[1])
    return found.group(0).strip() if found else ""
