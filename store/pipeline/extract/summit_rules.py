"""The claim rules for summits and ministerials attended: who went to an alliance's meeting (issue 14).

Read before every other rule (:mod:`store.pipeline.extract.rule_sets`): "joined the NATO summit" is an attendance, not
a membership, and the membership rules must find the summit already taken. Kept apart from
:mod:`store.pipeline.extract.rules` (memberships, candidacies, partnerships …), which holds the macros they use.
"""

from __future__ import annotations

from store.models import Relation as R
from store.pipeline.extract.rules import SUMMIT_VERB, Rule, rule

SUMMIT_RULES: tuple[Rule, ...] = (
    # Not "visiting Lithuania to attend the NATO Summit": a country visited is the venue.
    rule("attended", R.ATTENDED,
          rf"(?=@C|then-)(?<!visiting )(?<!visited )(?<!visit )(?<!visits )(?<!in )(?<!visiting the )(?<!visited the )"
          rf"(?<!visit the )(?<!visits the )(?<!in the )<SUBJNP><PAREN><ADV> {SUMMIT_VERB} "
          rf"(?:the |a |an |its |every |all |each |(?:this|last|next) (?:year|month|week)['’]s |"
          r"@D\d+@['’]s |(?:first|second|last|latest|recent|annual|next|[\w]+-day) )*<VENUE>(?P<obj>@A\d+@)(?:['’]s?)? "
          r"(?:(?:leaders['’]?|annual|\w+) )?[Ss]ummits?\b<VENUE2>"),
    rule("attended", R.ATTENDED,
          rf"<SUBJNP><PAREN><ADV> {SUMMIT_VERB} (?:the |a |an )?<VENUE>[Ss]ummits? of <OBJA><VENUE2>"),
    # "South Korean President Yoon Suk-yeol has arrived in Madrid for a NATO summit": the leader's arrival for it.
    rule("attended", R.ATTENDED,
          r"<SUBJNP><PAREN><ADV> (?P<cue>arrived|arrives|arriving|landed|lands|travel(?:l)?ed|travels|flew|flies|headed|"
          r"heads|is heading|was heading) (?:in|at|to) (?:@C\d+@|[A-Z][\w-]+)(?: [A-Z][\w-]+)?(?: on @D\d+@)? (?:for|to attend) "
          r"(?:the |a |an |(?:this|next) (?:year|month|week)['’]s |@D\d+@['’]s )?<VENUE>(?P<obj>@A\d+@)(?:['’]s?)? "
          r"(?:(?:leaders['’]?|annual) )?[Ss]ummit"),
    # "Prime Minister Fumio Kishida, who is visiting Lithuania to attend the NATO Summit".
    rule("attended", R.ATTENDED,
          r"<SUBJNP>,? (?:who|which) (?:is|was|are|were|has been) (?:visiting|in|travel\w* to|heading to) "
          r"(?:@C\d+@|[A-Z][\w-]+)(?: [A-Z][\w-]+)? to (?P<cue>attend|take part in|participate in|join) (?:the |a |an )?"
          r"<VENUE>(?P<obj>@A\d+@)(?:['’]s?)? (?:[\w'’-]+ )?[Ss]ummit"),
    rule("attended", R.ATTENDED,
          r"<SUBJ>, (?:a |an )?(?:[\w-]+ ){0,2}(?P<obj>@A\d+@) (?:ally|partner|member)s?, (?:[\w-]+ ){0,2}?"
          r"(?P<cue>participates|participated|takes part|took part|attends|attended) (?:in )?"
          r"(?:its|their|the alliance['’]s|all) (?:\w+ )?summits"),
    rule("attended", R.ATTENDED,
          r"(?i:going to|attending|attendance at|participation in|participating in|taking part in) (?:the |a )?"
          r"<VENUE>(?P<obj>@A\d+@) (?P<cue>summits?)\b[^.;@]{0,40}?\b(?:for|by) (?:a |an |the )?(?P<subj>@C\d+@) "
          r"(?:head of state|head of government|leader|president|prime minister|delegation|chief executive)"),
    rule("attended", R.ATTENDED,
          r"\bfirst (?P<subj>@C\d+@) (?:[\w-]+ ){0,3}?to (?P<cue>attend|participate in|take part in|go to|join) "
          r"(?:a |an |the )?<VENUE>(?P<obj>@A\d+@) summit"),
    # "Japan took part in the NATO Foreign Ministers' meeting", "The Foreign Ministers of Australia and Japan participated
    # in the NATO Foreign Ministers' meeting": an alliance's ministerial, attended as its summit is.
    rule("attended", R.ATTENDED,
          rf"(?:(?:the )?(?:[Ff]oreign|[Dd]efen[cs]e|[Pp]rime) (?:[Aa]ffairs )?[Mm]inisters? of (?:the )?|(?<!in ))"
          rf"<SUBJNP><PAREN><ADV> {SUMMIT_VERB} (?:the |a |an |this year['’]s )?(?:(?:first|second|last|latest|recent|annual|next|"
          r"[\w]+-day) )*<VENUE>(?P<obj>@A\d+@)(?:['’]s?)? (?:[Ff]oreign|[Dd]efen[cs]e)(?: [Aa]ffairs)? [Mm]inisters['’]? "
          r"(?:[Mm]eeting|[Mm]inisterial)s?\b<VENUE2>"),
)
