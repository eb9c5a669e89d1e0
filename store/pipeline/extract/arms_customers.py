"""The customers of a weapon, as arms reporting lists them: "The howitzer already serves in India, Australia,
Romania …", "Turkey, Poland and Estonia already have it in service", "Its foreign customers now include Qatar,
India …", "The drone has been exported to countries including NATO member Poland".

The weapon stands for its maker's country (``store/data/makers.tsv``, :mod:`store.pipeline.extract.makers`) and
is often named sentences before: "it", "the type", "the howitzer" and "its" refer to the last weapon or maker the
article named. :func:`refer_to_weapon` writes that weapon into the sentence's template as a country token, the
way :mod:`store.pipeline.extract.plurals` writes "the two countries", and :data:`CUSTOMER_RULES` read the
customers after it. Nothing is read where no weapon was named: "it" is then anything.
"""

from __future__ import annotations

import re

from store.models import Relation as R
from store.pipeline.extract.makers import table
from store.pipeline.extract.rules import Rule, rule

# What a weapon is called after it has been named: "the howitzer", "the type", "the combat-proven drone".
_KINDS = (r"(?:howitzer|tank|jet|fighter|aircraft|warplane|drone|system|missile|submarine|frigate|corvette|destroyer|"
          r"vehicle|helicopter|type|platform|weapon|gun|launcher|rocket|vessel|ship|trainer)s?")
# Only where its customers follow: "the system's first deployment" is read by no rule of arms.
_THE_WEAPON = re.compile(r"\b[Tt]he (?:[\w-]+ ){0,2}?" + _KINDS + r"\b(?! of\b)(?=(?:['’]s)?(?: [\w-]+){0,3}? "
                         r"(?:already |now |also |still )?(?:serves|served|is in service|(?:is|are) (?:operated|flown|used)|"
                         r"(?:has|have) (?:already )?been|(?:was|were) (?:exported|sold)|entered service|(?:foreign |export |"
                         r"overseas )?(?:customers|buyers|operators|users)))")
# "already operate the type", "bought a dozen of the light warplanes": the weapon as the object of using or buying.
_USE_THE_WEAPON = re.compile(r"\b(?:have|has|had|operate|operates|operated|use|uses|used|fly|flies|flew|field|fields|"
                             r"fielded|bought|buys|ordered|orders|acquired|purchased|received) (?:(?:a|an|some|more|all|"
                             r"several|dozens?|hundreds?|\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|"
                             r"twelve|twenty|thirty|forty|fifty) ){0,3}?(?:of )?"
                             r"(the (?:[\w-]+ ){0,2}?" + _KINDS + r")\b(?! of\b)")
_IT = re.compile(r"\b(?:have|has|had|operate|operates|operated|use|uses|used|fly|flies|flew|field|fields|fielded|"
                 r"bought|ordered|acquired|buying|purchasing|acquiring|buy|purchase|acquire) (it|them)\b")
_ITS = re.compile(r"\b([Ii]ts) (?=(?:[\w-]+ ){0,2}?(?:customers|buyers|operators|users)\b)")


_WEAPONS = frozenset({"weapon", "maker"})  # not the buying agencies (DAPA, TECRO)


def weapon_named(text: str, start: int, end: int) -> str | None:
    """The country of the last weapon or maker ``text[start:end]`` names, if any."""
    names, pattern = table(_WEAPONS)
    if pattern is None:
        return None
    last = None
    for m in pattern.finditer(text, start, end):
        last = names[m.group()]
    return last


def refer_to_weapon(template: str, tokens: dict[str, tuple[str, int, int]], weapon: str, start: int) -> str:
    """``template`` with its reference to a weapon named before ("the howitzer", "it", "its") as a token of the
    weapon's country; ``tokens`` gains it. Only the first reference is read: a sentence lists one weapon's customers."""
    for pattern, keep_kind in ((_THE_WEAPON, True), (_USE_THE_WEAPON, True), (_IT, False), (_ITS, False)):
        m = pattern.search(template)
        if m is None:
            continue
        token = f"@C{2000 + len(tokens)}@"  # past any token the sentence and its plurals have
        tokens[token] = (weapon, start, start)
        a, z = m.span(1) if m.re.groups else m.span()
        words = token + " " + template[a:z].split()[-1] if keep_kind else (token + "'s" if m.group(1) in ("its", "Its")
                                                                          else token + " weapons")
        return template[:a] + words + template[z:]
    return template


def follow_weapon(template: str, tokens: dict[str, tuple[str, int, int]], text: str, sentence: tuple[int, int],
                  weapon: str | None) -> tuple[str, str | None]:
    """The sentence's template with its reference to the weapon named before (none if it names one itself), and the
    weapon the next sentence's references mean."""
    here = weapon_named(text, *sentence)
    if weapon and here is None:
        template = refer_to_weapon(template, tokens, weapon, sentence[0])
    return template, here or weapon


# The weapon (a token: its name, or a reference written in by refer_to_weapon) first, then its customers.
_LIST_OPENING = r"(?:countries |nations |air forces |armies |navies )?(?:including |such as |like |as )?" \
                r"(?:(?:(?:NATO|@A\d+@) (?:member|ally)|US ally|neighbou?ring|fellow) )?"
CUSTOMER_RULES: tuple[Rule, ...] = (
    rule("customers", R.ARMS_SUPPLIER_TO,
         r"(?P<subj>@C\d+@)(?:['’]s)?(?: [\w-]+){0,3}?(?: (?:already|now|also|still))? (?P<cue>serves|served|is in service|"
         r"(?:is|are) (?:operated|flown|used|fielded)|(?:has|have) (?:already )?been (?:exported|sold|supplied|delivered)|"
         r"(?:was|were) (?:exported|sold|supplied|delivered)|entered service) (?:in|by|with|to) " + _LIST_OPENING
         + r"<OBJCS>"),
    rule("customers", R.ARMS_SUPPLIER_TO,
         r"<OBJCS><ADV> (?P<cue>have|has|had) (?:the )?(?P<subj>@C\d+@)(?: weapons| [\w-]+){0,3}? in service"),
    # "India and Armenia already operate the K9", "… operate the type": not "operate with the United States".
    rule("customers", R.ARMS_SUPPLIER_TO,
         r"<OBJCS><ADV> (?P<cue>operate|operates|operated|fly|flies|flew|field|fields|fielded|use|uses) (?:the )?"
         r"(?P<subj>@C\d+@)(?:s\b| (?:[\w-]+ ){0,2}?(?:<ARMS>|type)\b|(?= in service|[.,;]|$))"),
    rule("customers", R.ARMS_SUPPLIER_TO,
         r"(?P<subj>@C\d+@)['’]s (?:\w+ ){0,2}?"
         r"(?P<cue>customers|buyers|operators|users) (?:now |already |so far )?(?:include|includes|are|comprise|"
         r"number) " + _LIST_OPENING + r"<OBJCS>"),
    # "China was the first export customer for the S-400".
    rule("customers", R.ARMS_SUPPLIER_TO,
         r"(?P<obj>@C\d+@)<ADV> (?:is|was|became|becomes|has become|will become) the (?:\w+ )?(?:export |foreign |overseas )?"
         r"(?P<cue>customer|buyer|operator|user) (?:for|of) (?:the )?(?P<subj>@C\d+@)"),
)
