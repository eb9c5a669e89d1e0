"""The claim rules: hand-written patterns over a sentence's template (see :mod:`store.pipeline.extract.claims`).

Arms sales and defence cooperation have modules of their own (:mod:`store.pipeline.extract.arms_rules`,
:mod:`store.pipeline.extract.cooperation_rules`), built with this one's ``rule`` and macros.

Each rule ties a subject (a country, or a list of them) to an object through a cue. Macros keep
the patterns readable: ``<SUBJ>`` a list of countries, ``<SUBJNP>`` one with its officials or
organisations ("South Korean defence firms"), ``<OBJA>`` an alliance, ``<OBJCS>`` a list of countries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.models import Relation

# Alliance kinds one takes part in rather than becomes a member of.
OPERATION_KINDS = ("coalition", "operation", "mission", "force")

_C = r"@C\d+@"
_A = r"@A\d+@"
_E = r"@[AC]\d+@"
DATE_SLOT = r"@D\d+@"
# A country, with its acronym in brackets ("the Republic of Korea (ROK)"), and a list of them.
# Each alternative opens with a literal ("then-" or "@"), so a pattern that opens with a country lets the regex engine
# skip to the next "@" or "t" instead of trying every position: the rules run 2-3 times faster than with "(?:then-… )?".
_C1 = rf"(?:then-(?:partner|member|applicant) {_C}|{_C})(?: \((?:{_C}|now an? [\w -]{{1,20}})\))?"
# Not "to Ukraine, Poland's eastern neighbour": a country after a bare comma and before "'s" opens an apposition.
_NEXT = rf"(?:(?:,? and | & )(?:the )?{_C1}|, (?:the )?{_C1}(?!['’]s))"
COUNTRY_LIST = rf"{_C1}{_NEXT}*"
COUNTRIES = rf"{_C1}{_NEXT}+"  # two or more
ROLE = (
    r"(?:['’]s)?(?: (?:[A-Z][\w.'’-]*|government|leader|leaders|president|prime minister|foreign minister|"
    r"defen[cs]e minister|officials|delegation|navy|army|air force|forces|military|troops|head of state|"
    r"head of government|authorities|administration|"
    # Organisations standing for their country: "South Korean defence firms signed contracts".
    r"defen[cs]e|arms|companies|company|firms|firm|contractors|industry|manufacturers|makers|agency|ministry)){0,5}"
)
# A leader named with their country: "Prime Minister Kishida Fumio of Japan", "South Korean President Yoon".
_PERSON = (
    r"(?:the )?(?:(?:[A-Z][\w.'’-]*,? ){1,5}?(?:of )(?:the )?@C\d+@(?: \(@C\d+@\))?|"
    r"@C\d+@(?: \(@C\d+@\))?(?: [A-Z][\w.'’-]*,?){1,5})"
)
# A leader with or without a country ("President Yoon Suk Yeol" in a release of his own office).
_ANYONE = rf"(?:{_PERSON}|(?:[A-Z][\w.'’-]*,? ){{1,5}}?(?:[A-Z][\w.'’-]*))"
ANYONE = _ANYONE  # for the rule modules beside this one
# Officials named by their office and country: "the Foreign Ministers of Australia, India and Japan".
_OFFICIALS = (
    r"(?:the )?(?:[A-Z][\w'’-]*|[a-z]+ )?(?:[Ll]eaders?|(?:[A-Z][\w'’-]* )*(?:[Mm]inisters?|[Ss]ecretary|[Ss]ecretaries)"
    r"(?: of [A-Z][\w'’-]*)?) of (?:the )?(?:[Gg]overnments? of (?:the )?)?" + COUNTRY_LIST
)
# Nouns a grouping of countries is called by.
_GROUP_NOUNS = (
    r"partnership|alliance|pact|grouping|group|bloc|agreement|treaty|arrangement|dialogue|forum|coalition|"
    r"organi[sz]ation|framework|trilateral|quadrilateral"
)
_MACROS = {
    "<SUBJ>": rf"(?P<subj>{COUNTRY_LIST})",
    "<SUBJNP>": rf"(?P<subj>{COUNTRY_LIST}){ROLE}",
    "<PAREN>": r"(?P<paren>,[^,;]{1,100},| \([^)]{1,100}\))?",
    "<WHICH>": r"(?:,? (?:which|who|that))?",
    # Dates between a subject and its verb ("Finland and Sweden on Wednesday morning (18 May 2022) handed in").
    "<ADV>": r"(?:,? (?:on @D\d+@(?: (?:morning|afternoon|evening|night))?|on [A-Z][a-z]+day(?: (?:morning|afternoon|"
             r"evening|night))?|\(@D\d+@\)|today|yesterday|also|now|already|then|finally|formally|"
             # "has begun delivering": an aspect of the act, not a frame of its own.
             r"begun|began|begins|begin|started|starts|start|continued|continues|resumed|resumes|officially|eventually|later|recently|itself|"
             r"themselves|still|since|long|has|have|had|been|just|however|indeed|too|though|in fact|\w+ly|each|both|all|"
             # Modal words: the clause keeps them and frames.modality reads them.
             r"will|would|could|may|might|shall|not|never|no longer|is|are|was|were|be|to|"
             r"(?:is |are |was |were )?(?:expected|set|due|poised|scheduled|slated|likely|considering|planning|preparing|"
             r"weighing|"
             r"going) to|(?:is |are |was |were )?considering|(?:plans?|planned|aims?|intends?|agreed|decided|"
             r"committed|pledged|vowed|hopes?|wants?|seeks?|refused|declined) to))*,?",
    "<BE>": r"(?:is|are|was|were|has been|have been|had been|been|became|becomes|become|remains|remained|"
            r"will be|will become|could be|could become|would be|may be|might be|is not|are not|was not|were not|"
            r"isn't|aren't|wasn't|weren't|has never been|have never been|is no longer|are no longer|"
            r"(?:is |are )?considering becoming|(?:is |are )?expected to (?:be|become))"
            r"(?:,? (?:also|now|already|still|long|officially|formally|however|indeed|in fact),?)*",
    "<OBJA>": rf"(?:the )?(?P<obj>{_A})",
    "<OBJC>": rf"(?:the )?(?P<obj>{_C})",
    "<OBJCS>": rf"(?:the )?(?P<obj>{COUNTRY_LIST})",
    "<OBJE>": rf"(?:the )?(?P<obj>{_E})",
    "<VENUE>": rf"(?:(?P<venue>{_C})['’]?s? )?",
    "<VENUE2>": rf"(?: (?:in|at) (?P<venue2>{_C}))?",
    "<W>": r"(?:[\w'’-]+ )",
    "<NOTNEG>": r"(?!(?:not|no|never|non)\b)",
    # Not what parliaments do to an application: "to ratify (the) accession of Sweden".
    "<NOTRATIFIED>": r"(?<!ratify )(?<!ratified )(?<!approve )(?<!approved )(?<!ratify the )(?<!ratified the )"
                     r"(?<!approve the )(?<!approved the )",
    # Singular too: "the ninth country to acquire the K9 self-propelled howitzer".
    "<ARMS>": r"(?:(?i:arms|weapons?|weaponry|tanks?|howitzers?|missiles?|jets|fighter jets?|fighters|aircraft|"
              r"warplanes?|helicopters?|warships?|submarines?|frigates?|corvettes?|destroyers?|patrol (?:vessels?|boats?|"
              r"ships?)|radars?|drones?|artillery(?: systems)?|ammunition|aerostats?|"
              r"(?:airspace |air |maritime |military )?(?:reconnaissance|surveillance|early[- ]warning) systems?|"
              r"munitions|shells|(?:mortar|artillery|tank) rounds|mortars?|jet trainers?|trainer (?:jets|aircraft)|"
              r"rocket launchers?|rockets|(?:air[- ](?:and[- ]missile[- ])?|missile[- ])?defen[cs]e "
              r"(?:systems?|launchers?)|missile systems?|anti-aircraft (?:systems?|guns?|capabilit(?:y|ies))|launchers|"
              r"weapons? systems?|military equipment|defen[cs]e equipment|defen[cs]e articles|"
              r"(?:lethal |defensive )?military (?:aid|assistance)|(?:armou?red |military |combat )?vehicles|"
              r"(?:attack|patrol|landing|interdiction) craft|gunboats?|minehunters?|minesweepers?|"
              r"(?:defensive|military|defen[cs]e|lethal) supplies|(?:[\w-]+ )?rocket systems?)"
              # A weapon named by its maker's name or code, then "systems": "IRIS-T systems", "NASAMS systems".
              r"|(?<=[A-Z0-9@] )systems?)",
}


def _compile(pattern: str) -> re.Pattern[str]:
    for macro, value in _MACROS.items():
        pattern = pattern.replace(macro, value)
    return re.compile(pattern)


@dataclass(frozen=True)
class Rule:
    name: str
    relation: Relation | None  # None: decided from the object (membership or party, partner or cooperation)
    pattern: re.Pattern[str]
    pair: bool = False  # the two countries of group "pair" are the ends
    operations_only: bool = False  # the object must be an operation, coalition or mission
    no_operations: bool = False
    # Words the match, or the few words before it, must contain ("defence" for a cooperation).
    requires: re.Pattern[str] | None = None
    undated: bool = False  # the sentence's dates are not the relation's ("then-partner X (now a member)")
    apposition: bool = False  # its modality is the match's own: "the Russian-led CSTO" in "Armenia is going to leave …"
    considered: bool = False  # a deal still talked over ("in talks with China to buy …"): asserted means considering


def rule(name: str, relation: Relation | None, pattern: str, requires: str = "", **kw: bool) -> Rule:
    return Rule(name, relation, _compile(pattern), requires=re.compile(requires) if requires else None, **kw)


R = Relation
_JOIN_STOP = (
    r"(?! (?i:summit|summits|meeting|meetings|talks|exercise|exercises|drills|operation|operations|mission|"
    r"missions|leaders|foreign|defen[cs]e|ministers|allies|members|partners|countries|nations|states|"
    r"in (?:calling|urging|condemning|criticising|criticizing|saying)))"
    # "to join NATO as a 'global partner'": a partnership (the "partner" rules), not a membership.
    r"(?!(?: \((?:@A\d+@|[A-Z]{2,6})\))? as an? [\"“‘']?(?:[\w-]+ )?partner)"
    # "joined NATO's Defence Education Enhancement Programme", "joined the NATO Mediterranean Dialogue": a programme or
    # forum of the alliance (a grouping of its own), not the alliance.
    # (not a day or a month: "joined NATO Thursday", "joined NATO April 4").
    r"(?!(?:['’]s?)? (?:(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\b)[A-Z][a-z]|@A\d+@))"
)
SUMMIT_VERB = (
    r"(?P<cue>attended|attends|attend|attending|take part in|participate in|took part in|takes part in|has taken part in|participated in|participates in|"
    r"has participated in|went to|was at|were at|addressed|joined)"
)
RULES: tuple[Rule, ...] = (
    # --- membership ------------------------------------------------------------------
    # "agreed to invite Finland and Sweden to join NATO": a candidacy (the "invited" rules), not a membership.
    rule("invited", R.APPLICANT_TO,
          r"(?P<cue>invit\w+) (?:the )?(?P<subj>" + COUNTRY_LIST + r") to (?:join|become(?: members? of)?) (?:the )?"
          r"(?P<obj>@A\d+@)"),
    rule("joined", None,
          rf"(?<!invite )(?<!invited )(?<!inviting )(?<!invites )<SUBJNP><PAREN><WHICH><ADV> (?P<cue>joined|joins|join|joining|acceded to|accedes to|was admitted to|were admitted to|"
          rf"was admitted into|signed up to) <OBJA>{_JOIN_STOP}"),
    rule("member", None,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:a |an |the |one of the )?(?:<NOTNEG>[\w-]+ ){0,2}?"
          r"(?P<cue>members?|member (?:state|country|nation)s?) (?:of|in) <OBJA>"),
    rule("member", None,
          r"<SUBJ><PAREN><ADV> (?:became|becomes|is|was|has become) (?:the )?(?P<obj>@A\d+@)['’]s "
          r"(?:\d+(?:st|nd|rd|th)|\w+) (?P<cue>member)"),
    # "Hungary became the last NATO country yet to give legal approval", "Turkey, the only NATO member to …".
    rule("member", None,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:the |a |an |another )(?:(?:only|last|first|sole|newest|latest|\w+est|"
          r"fellow|founding) )(?P<obj>@A\d+@) (?P<cue>member|country|state|nation|ally)\b"),
    # "Lithuania's Defence Council decided to …, the minister said, as the NATO member works to set up a battalion":
    # "the NATO member" later in its sentence is the country that opens it.
    rule("member", None,
          r"^(?:[A-Z][\w-]* ){0,2}?(?P<subj>@C\d+@)(?:['’]s)? (?:(?!@C|@A)[^;]|@C\d+@){0,200}?(?:,|\bas|\bwhile|\band) "
          r"the (?P<obj>@A\d+@) (?P<cue>member|ally|member state|member country)\b(?! (?:of|in|to|from)\b)"),
    # "the "Shanghai Five" mechanism, established by China, Russia, Kazakhstan, Kyrgyzstan and Tajikistan in 1996".
    rule("founded by", None,
          r"(?P<obj>@A\d+@)[\"”’']?(?: (?:mechanism|grouping|group|alliance|bloc|format|pact|treaty|organi[sz]ation))?,? "
          r"(?:which was |that was |was |were )?(?P<cue>established|founded|formed|created|set up|launched) by (?:the )?"
          r"(?P<subj>" + COUNTRY_LIST + r")"),
    # "Afghanistan and Mongolia have observer status in the SCO".
    rule("observer", R.OBSERVER_OF,
          r"<SUBJ><PAREN><ADV> (?:has|have|had|holds?|held|was granted|were granted|gained|obtained) (?P<cue>observer status) "
          r"(?:in|at|with|of) <OBJA>"),
    # "Bangladesh was formally admitted on Wednesday as the fifth member state of the Colombo Security Conclave".
    rule("member", None,
          r"<SUBJ><PAREN><ADV> (?:was|were|has been|have been|is|are)(?: (?:formally|officially))? "
          r"(?P<cue>admitted|accepted|welcomed|approved)<ADV>(?: on @D\d+@| on [A-Z][a-z]+day)? as (?:the |a |an )?"
          r"(?:[\w-]+ )?(?:full )?(?:member|member state|member country|member nation) (?:of|in) <OBJA>"),
    # "the Colombo Security Conclave (CSC), a grouping whose other members are India, Sri Lanka, …".
    rule("member", None,
          r"(?P<obj>@A\d+@)(?: \((?:@A\d+@|[A-Z]{2,6})\))?, (?:a|an|the) (?:[\w-]+ ){0,3}?(?:grouping|alliance|bloc|"
          r"organi[sz]ation|pact|partnership|forum|format|group) (?P<cue>whose (?:other )?members are|of which the other "
          r"members are|that (?:also )?includes|which (?:also )?includes) (?:the )?(?P<subj>" + COUNTRY_LIST + r")"),
    # "Australia, Britain and the United States, the AUKUS partners, said …".
    rule("member", None,
          r"<SUBJ>, (?:the |its |their |fellow )?(?:[\w-]+ )?(?P<obj>@A\d+@) (?P<cue>partners|members|allies|member states|"
          r"countries|nations)\b"),
    # "the United States, Britain and Australia last year formed a new strategic alliance, AUKUS".
    rule("formed", None,
          r"<SUBJ><ADV>(?: @D\d+@| last year| in @D\d+@)? (?P<cue>formed|founded|created|established|launched|set up) "
          r"(?:a |an |the )?(?:(?:new|trilateral|strategic|security|defen[cs]e|military|landmark|historic) ){0,3}"
          r"(?:alliance|partnership|pact|grouping|bloc|group|arrangement),? (?:known as |called |named )?(?:the )?"
          r"(?P<obj>@A\d+@)"),
    rule("belongs", None, r"<SUBJ><PAREN><WHICH><ADV> (?P<cue>belongs?|belonged) to <OBJA>"),
    # "the Five Eyes intelligence and security alliance, which also includes Britain, Canada and the United States".
    rule("includes", None,
          r"(?P<obj>@A\d+@)(?: [\w-]+){0,4}?,? (?:which|that) (?:also )?(?P<cue>includes|included|comprises|comprised|"
          r"groups|brings together) (?:the )?(?P<subj>" + COUNTRY_LIST + ")"),
    # "… were both part of the Southeast Asia Treaty Organization" (not "part of NATO's exercise", "of the NATO mission").
    rule("part of", None, r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:both |all |also |each |still )?(?:a )?(?P<cue>part of) <OBJA>"
                          r"(?!['’]s| (?:[a-z-]+ )?(?:missions?|exercises?|operations?|forces?|summits?|drills?)\b)"),
    rule("member", None,
          r"<SUBJ>, (?:a |an |another |the )?(?:(?:fellow|founding|key|full|longtime|long-standing) )?"
          r"(?P<obj>@A\d+@) (?P<cue>member|member state|member country)\b"),
    rule("member", None,
          r"(?P<obj>@A\d+@) (?P<cue>members|member (?:state|country|nation)s) (?:such as |including |like )?"
          r"(?P<subj>@C\d+@(?:(?:,? and |, )@C\d+@)*)"),
    rule("member", None, r"(?P<obj>@A\d+@) (?P<cue>member|member (?:state|country|nation)) (?P<subj>@C\d+@)"),
    # "These countries are party to the multilateral UKUSA Agreement": a party to an agreement, a member of
    # an alliance (the object decides, as for "signed").
    rule("party to", None,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:a |the |all )?(?P<cue>party|parties|signator(?:y|ies)) (?:to|of) "
          r"(?:the |a |an )?(?:(?!(?:and|but|which|that)\b)[\w-]+ ){0,2}?<OBJA>"),
    rule("signed", None,
          r"<SUBJNP><PAREN><ADV> (?P<cue>signed|ratified) <OBJA>(?! (?:summit|declaration|communiqu))",
          no_operations=True),
    rule("took part", None,
          r"<SUBJNP><PAREN><ADV> (?P<cue>participated in|participates in|took part in|takes part in|"
          r"contributed (?:[\w-]+ ){0,3}?to|contributes (?:[\w-]+ ){0,3}?to|led) <OBJA>",
          operations_only=True),
    # --- candidacy -------------------------------------------------------------------
    # "Finland and Sweden, who have today been invited to become NATO members": an invitation is a candidacy.
    rule("invited", R.APPLICANT_TO,
          r"<SUBJ><PAREN><WHICH><ADV> (?:(?:[a-z]+|@D\d+@) ){0,3}?(?P<cue>invited) "
          r"to (?:join|become(?: an? members? of| members? of)?) (?:the )?(?P<obj>@A\d+@)"),
    # "the historic accession of Finland and Sweden to NATO", "… of Finland and Sweden makes … our Alliance stronger"
    # (not "to ratify the accession of Sweden": an applicant).
    rule("accession", R.MEMBER_OF,
          r"<NOTRATIFIED>(?:(?:historic|formal|swift|recent) )?(?P<cue>accession) of "
          r"<SUBJ> (?:to|into) <OBJA>(?! (?:is|was|has been|had been|remains|remained) (?:still )?(?:blocked|delayed|"
          r"stalled|pending|on hold|vetoed))"),
    rule("accession", R.MEMBER_OF,
          r"<NOTRATIFIED>(?:(?:historic|formal|swift|recent) )?(?P<cue>accession) of "
          # What is still to happen to an accession is no membership: "the accession of Ukraine is blocked by …".
          r"<SUBJ> (?!to |into )(?:(?!@A|block|veto|delay|stall|oppos|hold|would|could|will|may|might|not\b)[^.;]){0,60}?"
          r"(?P<obj>@A\d+@)"),
    rule("applied", R.APPLICANT_TO,
          r"<SUBJ><PAREN><WHICH><ADV> (?P<cue>applied|applies|apply|(?:submitted|handed in|delivered|presented|"
          r"sent|filed) (?:its|their|a|an) (?:(?:official|formal|joint) )*(?:letters? of )?(?:applications?|bids?|"
          r"requests?)) (?:to join|for (?:\w+ )?membership (?:of|in)) <OBJA>"),
    rule("applied", R.APPLICANT_TO,
          r"<SUBJ>['’]s (?:[\w-]+ )?(?P<cue>application|bid|request|candidacy) (?:to join|for membership (?:of|in)) <OBJA>"),
    # "to ratify Sweden's accession … joining the Western military alliance", "the last NATO country … after the
    # Turkish parliament ratified Stockholm's application": the sentence's alliance is the one applied to.
    rule("applied", R.APPLICANT_TO,
          r"(?P<cue>ratif\w+|approv\w+|back\w*|support\w*|block\w*) (?:the )?(?P<subj>(?:@C\d+@(?:,? and |, ))*@C\d+@)['’]?s? "
          r"(?:[\w-]+ ){0,2}?"
          r"(?:accession|membership|application|bid)\b(?:(?!@A)[^.;]){0,120}?(?P<obj>@A\d+@)"),
    rule("applied", R.APPLICANT_TO,
          r"(?P<obj>@A\d+@)(?:(?!@A)[^.;]){0,120}?(?P<cue>ratif\w+|approv\w+) (?:the )?(?P<subj>@C\d+@)['’]?s? "
          r"(?:[\w-]+ ){0,2}?(?:accession|membership|application|bid)\b"),
    # "Armenia has put its participation in the CSTO on hold", "froze its membership of …".
    rule("suspended", R.SUSPENDED_FROM,
          r"<SUBJ><PAREN><ADV> (?:has |have |had )?(?P<cue>(?:put|placed) (?:its|their) (?:participation|membership)) in "
          r"(?:the )?(?P<obj>@A\d+@)(?:[^.;@]|@[AC]\d+@){0,80}? on hold"),
    rule("suspended", R.SUSPENDED_FROM,
          r"<SUBJ><PAREN><ADV> (?:has |have |had )?(?P<cue>(?:froze|frozen|freezes|suspended|suspends) (?:its|their) "
          r"(?:participation|membership)) (?:in|of) (?:the )?(?P<obj>@A\d+@)"),
    # --- partnership -----------------------------------------------------------------
    rule("partner", R.PARTNER_OF,
          r"<SUBJNP><PAREN><WHICH><ADV> (?:to )?(?P<cue>join|joins|joined|joining) <OBJA>(?: \((?:@A\d+@|[A-Z]{2,6})\))? as an? "
          r"[\"“‘']?(?:[\w-]+ )?partner"),
    rule("partner", R.PARTNER_OF,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:a |an |one of )?(?:<NOTNEG>[\w-]+ ){0,2}?(?:the )?(?P<obj>@A\d+@)['’]?s? "
          r"(?P<cue>partners?|partner (?:country|countries|nation|nations))\b"),
    rule("partner", R.PARTNER_OF,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:a |an |one of )?(?:<NOTNEG>[\w-]+ ){0,2}?(?P<cue>partners?) of <OBJA>"),
    rule("partner", R.PARTNER_OF,
          r"<SUBJ>, (?:a |an |another |the )?(?:[\w-]+ ){0,2}?(?P<obj>@A\d+@) (?P<cue>partner)\b"),
    rule("partner", R.PARTNER_OF,
          r"(?P<obj>@A\d+@) (?P<cue>partners?|partner (?:countries|nations)),? (?:such as |including |like )?(?:the )?"
          r"(?P<subj>@C\d+@(?:(?:,? and |, )@C\d+@)*)"),
    rule("partnership", None,
          r"<SUBJNP><PAREN><ADV> (?:signed|concluded|agreed|upgraded|launched|established|deepened|strengthened|"
          r"has|have|maintains|maintain) (?:a |an |its |their )?(?:[\w-]+ ){0,3}?(?P<cue>partnership) "
          r"(?:[\w-]+ ){0,2}?with <OBJE>"),
    # "new programme for Japan-NATO cooperation", "cooperation between Japan and NATO": a country's
    # cooperation with an alliance is a partnership (its members' is not read here: they are members).
    rule("partnership", R.PARTNER_OF, r"(?P<subj>@C\d+@)[-–](?P<obj>@A\d+@) (?P<cue>cooperation|partnership)\b"),
    rule("partnership", R.PARTNER_OF, r"(?P<obj>@A\d+@)[-–](?P<subj>@C\d+@) (?P<cue>cooperation|partnership)\b"),
    # "the partnership between NATO and the Republic of Korea", "the Alliance's partnership with Seoul".
    rule("partnership", R.PARTNER_OF,
          r"(?P<cue>partnership|cooperation) between (?:the )?(?P<obj>@A\d+@) and (?:the )?(?P<subj>@C\d+@)"),
    rule("partnership", R.PARTNER_OF,
          r"(?P<cue>partnership|cooperation) between (?:the )?(?P<subj>@C\d+@) and (?:the )?(?P<obj>@A\d+@)"),
    rule("partnership", R.PARTNER_OF,
          r"(?P<obj>@A\d+@)['’]s? (?:[\w-]+ ){0,2}?(?P<cue>partnership|cooperation) with (?:the )?(?P<subj>@C\d+@)"),
    # --- alliances between two countries -------------------------------------------------
    rule("ally", R.TREATY_ALLY_OF,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:a |an |another |one of |among )?(?:<NOTNEG>[\w-]+ ){0,3}?"
          r"(?P<cue>(?:treaty )?all(?:y|ies)) of <OBJC>"),
    rule("ally", R.TREATY_ALLY_OF,
          r"<SUBJ>, (?:a |an |another |the )?(?:(?:close|closest|key|major|main|treaty|longtime|long-standing|"
          r"military|staunch|important|\w+est) )*(?P<cue>ally) of <OBJC>"),
    rule("ally", R.TREATY_ALLY_OF,
          r"(?P<pair>@C\d+@ and @C\d+@) (?:are|were|have been|remain|became) (?:[\w-]+ ){0,2}?"
          r"(?P<cue>(?:treaty )?allies)\b(?! (?:of|to|in|with)\b)", pair=True),
    rule("treaty", R.TREATY_ALLY_OF,
          r"<SUBJNP><PAREN><ADV> (?:signed|concluded|ratified) (?:a |an |the )?(?:[\w-]+ ){0,3}?"
          r"(?P<cue>(?:defen[cs]e|security|alliance) treaty) with <OBJC>"),
    rule("treaty", R.TREATY_ALLY_OF,
          r"(?P<pair>@C\d+@ and @C\d+@) (?:have |had )?(?:signed|concluded|ratified) (?:a |an |the )?(?:[\w-]+ ){0,3}?"
          r"(?P<cue>(?:defen[cs]e|security|alliance) treaty)", pair=True),
    # --- opposition -----------------------------------------------------------------------
    rule("opposes", R.OPPOSES,
          r"<SUBJNP><PAREN><ADV> (?P<cue>opposes|opposed|oppose|objects to|objected to|condemned|condemns|"
          r"denounced|denounces|vetoed|blocked|blocks|protested against) (?:the |a |an |any )?"
          r"(?:(?!(?:and|but|while|which|who|that|by|to)\b)[\w'’-]+ ){0,5}?<OBJE>"),
    rule("opposed by", R.OPPOSES,
          r"(?P<obj>@[AC]\d+@) (?:[\w'’-]+ ){0,4}?(?:office|plan|plans|proposal|enlargement|expansion|presence|bid|"
          r"membership|deployment|base|bases|exercises|drills|accession)(?: (?:in|to|near) (?:the )?(?:@C\d+@|[A-Z][\w-]+))?, "
          r"(?:which|that|a move that|a plan that) (?:was|were|is|has been|had been) (?:\w+ly )?"
          r"(?P<cue>opposed|condemned|criticized|criticised|rejected|blocked) by (?:the )?(?P<subj>@C\d+@)"),
    # --- definitions, appositions and groupings ------------------------------------------
    # "AUKUS is a trilateral security partnership between Australia, the UK and the US";
    # "AUKUS, a … partnership between …"; "the Quad grouping of the U.S., Japan, India and Australia".
    rule("definition", None,
          # "The Five Eyes (FVEY) is …": the acronym in brackets, a mention of its own or not.
          rf"(?P<obj>@A\d+@)(?: \((?:@A\d+@|[A-Z]{{2,8}})\))?"
          rf"(?:, (?:also )?(?:known|styled|called|referred to) as [^,;]{{1,60}},| or [^,;]{{1,40}}?)?"
          rf"(?: (?:is|was|are|has been|remains)|,) (?:a|an|the) (?:[\w-]+ ){{0,4}}?(?P<cue>{_GROUP_NOUNS}) "
          r"(?:between|among|of|linking|comprising|bringing together|made up of) (?:the )?(?P<subj>" + COUNTRY_LIST + ")"),
    rule("grouping", None,
          rf"(?P<obj>@A\d+@) (?P<cue>{_GROUP_NOUNS}) (?:of|between|among|comprising) (?:the )?(?P<subj>" + COUNTRY_LIST + ")"),
    # "the Australia-United Kingdom-United States Security Partnership (AUKUS)", "Japan-Australia-India-US (Quad)".
    rule("grouping", None,
          r"(?P<subj>@C\d+@(?:[-–]@C\d+@)+)(?P<cue>(?: (?:[A-Z][\w-]*|security|defen[cs]e|strategic|trilateral|"
          r"partnership|alliance)){0,3}) \((?P<obj>@A\d+@)\)"),
    # "its partners in the Indo-Pacific region – Australia, Japan, the Republic of Korea and New Zealand".
    rule("partners", R.PARTNER_OF,
          r"(?P<obj>@A\d+@)(?: [\w-]+){0,5}? (?:its|their) (?:[\w-]+ )?(?P<cue>partners)(?: (?:in|from) (?:the )?"
          r"[\w -]{1,40}?)?\s*[–—:]\s*(?:the )?(?P<subj>" + COUNTRY_LIST + ")"),
    rule("partners", R.PARTNER_OF,
          r"(?P<obj>@A\d+@)['’]s (?:[\w-]+ ){0,2}?(?P<cue>[Pp]artners)(?: \([^)]{1,12}\))?,? (?:the )?"
          r"(?P<subj>" + COUNTRY_LIST + ")"),
    rule("members", None,
          r"(?P<obj>@A\d+@)(?: [\w-]+){0,5}? (?:its|their) (?:[\w-]+ )?(?P<cue>members|member states|allies)(?: (?:in|from) "
          r"(?:the )?[\w -]{1,40}?)?\s*[–—:]\s*(?:the )?(?P<subj>" + COUNTRY_LIST + ")"),
    # "attendance by NATO's Indo-Pacific Partners Australia, Japan … at the NATO Summit".
    rule("attendance", R.ATTENDED,
          r"(?P<cue>attendance|participation) (?:by|of) [^.;]{0,80}?(?P<subj>" + COUNTRY_LIST + r") (?:at|in) (?:the )?"
          r"(?:[\w-]+ ){0,3}?<VENUE>(?P<obj>@A\d+@)(?:['’]s?)? (?:[\w'’-]+ ){0,2}?(?:[Ss]ummit|meeting|ministerial)"),
    # "we — Prime Minister Albanese of Australia, … and President Biden of the United States — met for the
    # Quad Leaders' Summit": the leaders' countries meet in their grouping (or attend a military alliance's).
    rule("leaders met", None,
          r"(?P<subj>" + _PERSON + r"(?:(?:,? and |, )" + _PERSON + r")+)(?:\s?[—–-]\s?| )?,? ?(?P<cue>met|convened|gathered)"
          # The summit may be the mention itself: "met for a trilateral summit".
          r"(?: (?:for|at|in) (?:the |a |an )?(?:[\w'’-]+ ){0,3}?<VENUE>(?P<obj>@A\d+@)(?:['’]s?)?"
          r"(?: (?:[\w'’-]+ ){0,2}?(?:[Ss]ummit|meeting|[Mm]inisterial))?)"),
    # "we, the leaders of Australia, the UK and the US mark the second anniversary of AUKUS": a joint
    # statement of a grouping's leaders (at a military alliance's summit, the attended rules read it first).
    rule("leaders met", None,
          r"\b[Ww]e,? (?:the )?(?P<cue>leaders) of (?:the )?(?P<subj>" + COUNTRY_LIST + r"),? (?!(?:attended|took part|"
          r"participated|joined)\b)[^.;]{0,80}?\b(?:of|for|in|to) (?:the |our |a |an )?(?:[\w-]+ ){0,3}?(?P<obj>@A\d+@)"),
    # "the Foreign Ministers of Australia, India and Japan and the Secretary of State of the United States met in
    # New Delhi … for the Quad Foreign Ministers' Meeting": officials named by their countries, not by name.
    rule("leaders met", None,
          r"(?P<subj>" + _OFFICIALS + r"(?:(?:,? and |, )" + _OFFICIALS + r")*),? (?P<cue>met|convened|gathered)"
          r"(?: (?:in|at) (?:[^.;@]|@C\d+@){0,40}?)?(?:,? on @D\d+@)?,? (?:for|at|in) (?:the |a |an )?"
          r"(?:[\w'’-]+ ){0,3}?<VENUE>(?P<obj>@A\d+@)(?:['’]s?)? (?:[\w'’-]+ ){0,2}?(?:[Ss]ummit|[Mm]eeting|[Mm]inisterial)"),
    # "a Quad summit between Australian Prime Minister Albanese and Indian Prime Minister Modi".
    rule("leaders met", None,
          r"(?P<obj>@A\d+@) (?P<cue>[Ss]ummit|meeting|talks) (?:between|among|of) (?:the leaders of )?"
          r"(?P<subj>" + _PERSON + r"(?:(?:,? and |, )" + _PERSON + r")+)"),
    # "a trilateral summit between President Yoon Suk Yeol, U.S. President Joe Biden and Japanese Prime
    # Minister Fumio Kishida": the mention is the summit; a leader named without a country (the
    # publisher's own) gives no one, the others their countries.
    rule("leaders met", None,
          r"(?P<obj>@A\d+@) (?P<cue>between|among) (?P<subj>" + _ANYONE + r"(?:(?:,? and |, )" + _ANYONE + r")+)"),
    # "the trilateral meeting between the Philippines, the US and Japan", "the RAA between Australia and
    # Japan": a grouping or agreement named with its members.
    rule("between", None,
          r"(?P<obj>@A\d+@)(?: \(@A\d+@\))? (?P<cue>between|among) (?:the )?(?P<subj>" + COUNTRY_LIST + ")"),
    # "together with their counterparts from then-partner Finland (now a member)": the sentence's alliance.
    rule("then partner", R.PARTNER_OF,
          r"(?P<obj>@A\d+@)(?:(?!@A)[^.;]){0,200}?\bthen-(?P<cue>partner) (?P<subj>@C\d+@)"),
    rule("now a member", None,
          r"(?P<obj>@A\d+@)(?:(?!@A)[^.;]){0,200}?\b(?:then-[\w-]+ )?(?P<subj>@C\d+@) \((?P<cue>now an? "
          r"(?:member|[Aa]lly))\)", undated=True),
    # "participated in the NATO Foreign Ministers' meeting, together with their counterparts from Georgia …".
    rule("attended", R.ATTENDED,
          rf"{SUMMIT_VERB} (?:the |a |an )?<VENUE>(?P<obj>@A\d+@)(?:['’]s?)? (?:[\w'’-]+ ){{0,3}}?"
          r"(?:[Ss]ummit|meeting|ministerial)s?,? (?:together with|along with|alongside|with) (?:their |its )?"
          r"(?:counterparts|colleagues|ministers|leaders|delegations) (?:from|of) (?:the )?(?P<subj>" + COUNTRY_LIST + ")"),
    # "none of them NATO members": the negation is the modality's to read.
    rule("member", None,
          r"<SUBJ>, (?:none|neither) of (?:them|which|whom) (?:is |are |was |were )?(?:[\w-]+ ){0,2}?"
          r"(?P<obj>@A\d+@) (?P<cue>members?|allies)\b"),
    # "Sweden became NATO's 32nd Ally", "we welcome Finland as NATO's 31st Ally".
    rule("member", None,
          r"<SUBJ><PAREN><ADV> (?:became|becomes|becoming|has become|is|was) (?:the )?(?P<obj>@A\d+@)['’]s "
          r"(?:\d+(?:st|nd|rd|th)|newest|latest|\w+) (?P<cue>[Aa]lly|member state)"),
    rule("member", None,
          r"(?P<cue>welcomed?|welcomes|welcoming) (?:the )?(?P<subj>@C\d+@) (?:as|into) (?:the )?(?P<obj>@A\d+@)"
          r"(?:['’]s (?:\d+(?:st|nd|rd|th)|newest|latest|\w+) (?:[Aa]lly|member)\b|"
          r"(?![\w'’-]| (?:[Hh]eadquarters|[Ss]ummit|[Ss]ecretary|[Aa]llies|summit|meeting)\b))"),
    # --- allies -----------------------------------------------------------------------------
    # "Seoul and Tokyo, both long-standing US allies".
    rule("allies", R.TREATY_ALLY_OF,
          r"(?P<subj>" + COUNTRY_LIST + r"), (?:both|all|each|the two|two) (?:(?:close|key|major|treaty|longtime|"
          r"long-standing|staunch|important|[\w-]+est) )*(?P<obj>@C\d+@)['’]?s? (?P<cue>allies)\b"),
    # '… cooperation with "our ally and NATO partner, Japan"': "our" is the clause's country.
    rule("our ally", R.TREATY_ALLY_OF,
          r"(?P<subj>@C\d+@)(?:['’]s)? [^.;]{0,80}?\bour (?:(?:close|closest|key|treaty|longtime|long-standing|"
          r"staunch) )?(?P<cue>ally)(?: and (?:[\w-]+|@A\d+@)(?: (?:[\w-]+|@A\d+@)){0,2})?,? (?:the )?(?P<obj>@C\d+@)"),
)

