"""The claim rules for memberships and alliances as news appositions and lists tell them (issue 14, fifth round).

Kept apart from :mod:`store.pipeline.extract.rules` (the first rounds: memberships, summits, partnerships) because
these read the shapes wire copy gives a grouping's members or a country's allies in passing, rather than a verb of
joining: "the Five Eyes intelligence partnership—the United States, the United Kingdom, …", "the Quad group (Japan,
the US, India and Australia)", "the AUKUS submarine deal between …", "the Philippines, a U.S. defence treaty ally",
"South Korea and Australia, which together with Japan and New Zealand … make up the IP4". The claims stage reads
them after the first rules.
"""

from __future__ import annotations

from store.models import Relation as R
from store.pipeline.extract.rules import ANYONE, COUNTRIES, COUNTRY_LIST, Rule, rule

# A leader: named with a country, without one, or standing for one alone (a known name, see people.py).
_LEADER = rf"(?:{ANYONE}|@C\d+@)"
_ALLY_WORDS = r"(?:(?:close|closest|key|major|treaty|longtime|long-standing|staunch|important|main|formal|oldest) )*"
# A country a preposition governs is no clause's subject: "its" does not refer back to it. (The lookahead first: the
# lookbehinds are then tried at a country's token only, not at every position of every sentence.)
_NOT_AFTER_PREPOSITION = "(?=@C)" + "".join(rf"(?<!\b{p} )(?<!\b{p} the )" for p in (
    "against", "with", "to", "of", "from", "by", "on", "at", "for", "over", "towards", "toward", "into"))

NEWS_RULES: tuple[Rule, ...] = (
    # --- a grouping and its members, in passing -----------------------------------------------
    # "the AUKUS submarine deal between Australia, the United Kingdom and the United States": a grouping's deal.
    rule("between", None,
          r"(?P<obj>@A\d+@) (?:[a-z][\w-]* ){0,2}?(?:deal|pact|partnership|agreement|alliance|arrangement|treaty|"
          r"framework|cooperation) (?P<cue>between|among) (?:the )?(?P<subj>" + COUNTRY_LIST + ")"),
    # "The Five Power Defence Arrangements (FPDA) are a series of bilateral defence relationships established by … agreements
    # between Australia, Malaysia, …": a definition naming its members.
    rule("between", None,
          r"(?P<obj>@A\d+@)(?: \(@A\d+@\))? (?:is|are|was|were) (?:a|an) (?:(?!@)[^.;]){0,100}? (?P<cue>between|among|"
          r"comprising|involving) (?:the )?(?P<subj>" + COUNTRIES + ")"),
    # "the first trilateral summit of Japan, the Philippines and the United States" (the mention is the summit).
    rule("between", None, r"(?P<obj>@A\d+@) (?P<cue>of) (?:the )?(?P<subj>" + COUNTRIES + ")"),
    # "the leaders of the Quad group (Japan, the US, India and Australia)": its members in brackets.
    rule("listed", None,
          r"(?P<obj>@A\d+@)(?: (?:group|grouping|alliance|bloc|partners|countries|nations|members))? "
          r"\((?P<cue>(?P<subj>" + COUNTRIES + r"))\)"),
    # "leaders of the Five Eyes intelligence partnership—the United States, the United Kingdom, Canada, …—", "the
    # Quad, comprising the US, Japan, India and Australia".
    rule("listed", None,
          # Not "NATO partner nations: Australia, …" (partners, which membership_rules reads).
          r"(?P<obj>@A\d+@)(?: (?!partners?\b)[a-z][\w-]*){0,3}(?P<cue>\s?[—–]\s?| -{1,2} |:\s|,? (?:comprising|made up of|"
          r"consisting of|grouping|which groups|that groups) )(?:the )?(?P<subj>" + COUNTRIES + ")"),
    # "the Future Combat Air System (FCAS), the new fighter jet project of France, Germany and Spain": an apposition
    # that says whose the grouping is; "AUKUS, the U.S.-led security partnership with the United Kingdom and Australia":
    # "with" the others of the one who leads it.
    *(rule("listed", None,
           r"(?P<obj>@A\d+@)(?: \((?:@A\d+@|[A-Z]{2,8})\))?, (?:the|a|an) " + lead + r"(?:[a-z][\w-]* ){0,4}?"
           r"(?P<cue>project|programme|program|initiative|alliance|grouping|partnership|pact|bloc|coalition|consortium|"
           r"venture) " + listed, apposition=True)
      for lead, listed in (("", r"(?:of|between|among) (?:the )?(?P<subj>" + COUNTRIES + ")"),
                           (r"(?P<lead>@C\d+@)-led ", r"(?:of|between|among|with) (?:the )?(?P<subj>" + COUNTRY_LIST + ")"),
                           (r"(?P<subj>@C\d+@)-led ", r"(?:of|between|among|with) (?:the )?" + COUNTRY_LIST))),
    # "South Korea and Australia, which together with Japan and New Zealand are key U.S. allies … and make up the IP4".
    rule("make up", None,
          r"(?P<subj>" + COUNTRY_LIST + r"(?:,? (?:which|who) (?:together )?with (?:the )?" + COUNTRY_LIST + r")?)"
          r"(?:[^.;]{0,80}?(?: and|,))? (?P<cue>make up|form|constitute|comprise|made up|formed) (?:the )?(?P<obj>@A\d+@)"),
    # "The first-ever summit of the four-nation Quad on March 12 brought together Prime Minister Narendra Modi, US
    # President Joe Biden, …": the leaders' countries meet in their grouping (as "leaders met" reads it).
    rule("leaders met", None,
          r"(?:[Ss]ummit|[Mm]eeting|talks) of (?:the )?(?:[\w-]+ ){0,2}?(?P<obj>@A\d+@)(?:(?!@A)[^.;]){0,40}? "
          r"(?P<cue>brought together|gathered|convened|united) (?P<subj>" + _LEADER + r"(?:(?:,? and |, )" + _LEADER
          # The whole list: up to the clause's end or its next lowercase word, not the first name with its comma.
          + r")+)(?=,?\s*(?:[.;:]|$|[a-z]))"),
    # "the South Pacific Defence Ministers' Meeting (SPDMM), of which Australia is a member".
    rule("member", None,
          r"(?P<obj>@A\d+@)(?: \((?:@A\d+@|[^)]{1,20})\))?,? of which (?:the )?(?P<subj>" + COUNTRY_LIST + r") "
          r"(?:is|are|was|were|has been|have been) (?:a |an )?(?:founding |full |permanent )?(?P<cue>members?)\b"),
    # "Australia's ANZUS treaty commitments": a member's obligations.
    rule("member", None,
          # Not "support for Sweden's NATO membership": backing a membership is backing a candidacy (membership_rules).
          r"(?<!for )(?<!backed )(?<!backs )(?<!supports )(?<!supported )(?<!endorsed )(?<!endorses )(?<!approved )"
          r"(?<!approve )(?<!ratified )(?<!ratify )(?<!welcomed )"
          r"(?P<subj>@C\d+@)['’]s? (?P<obj>@A\d+@) (?:treaty |alliance )?(?P<cue>commitments|obligations|membership)\b"
          # "Ukraine's NATO membership bid" is a candidacy (membership_rules reads it).
          r"(?! (?:bid|path|application|aspirations?|ambitions?|hopes?|candidacy|talks|process|prospects?|plans?|"
          r"request|negotiations))"),
    # "New Zealand was suspended from ANZUS in 1986".
    rule("suspended", R.SUSPENDED_FROM,
          r"<SUBJ><ADV> (?:was |is |has been |were |remains )?(?:partially )?(?P<cue>suspended) from <OBJA>"),
    # "Armenia's membership in the CSTO had in effect been suspended".
    rule("suspended", R.SUSPENDED_FROM,
          r"(?P<subj>@C\d+@)['’]s? (?:participation|membership) (?:in|of) (?:the )?(?P<obj>@A\d+@) (?:has|had|was|is|have)?"
          r"(?: in effect| effectively| formally)? ?(?:been )?(?P<cue>suspended|frozen)"),
    # "Turkey, a NATO ally", "NATO member Poland".
    rule("member", None,
          r"(?P<subj>@C\d+@), (?:a|an|another|the|a fellow) (?:founding )?(?P<obj>@A\d+@) (?P<cue>ally|member)\b"),
    rule("member", None,
          r"(?<![\w-] )(?:(?:fellow|founding) )?(?P<obj>@A\d+@) (?P<cue>allies|members|member states) "
          r"(?:the )?(?P<subj>" + COUNTRY_LIST + r")(?! (?:and|or) (?:[a-z]|@A))"),
    # One "member" is one country: "exported to countries including NATO member Poland, Qatar, Azerbaijan …".
    rule("member", None,
          r"(?<![\w-] )(?:(?:fellow|founding) )?(?P<obj>@A\d+@) (?P<cue>ally|member|member state) "
          r"(?:the )?(?P<subj>@C\d+@)(?! (?:and|or) (?:[a-z]|@A))"),
    # --- allies -----------------------------------------------------------------------------
    # "the United States' unwavering commitment to the defense of Japan and the ROK".
    rule("defence of", R.TREATY_ALLY_OF,
          r"(?P<subj>@C\d+@)['’]?s? (?:(?:unwavering|ironclad|steadfast|unshakable|firm|continued|extended|strong) )*"
          r"(?P<cue>commitment) to (?:the )?defen[cs]e of (?:the )?(?P<obj>" + COUNTRY_LIST + ")"),
    # "the Philippines, a U.S. defence treaty ally", "Japan, a close US ally".
    rule("ally", R.TREATY_ALLY_OF,
          r"(?P<subj>@C\d+@), (?:a|an|another) " + _ALLY_WORDS + r"(?P<obj>@C\d+@)(?: (?:mutual )?(?:defen[cs]e|security|"
          r"military))? (?:treaty )?(?P<cue>ally)\b"),
    # "South Korea and Australia, which together with Japan and New Zealand are key U.S. allies".
    rule("allies", R.TREATY_ALLY_OF,
          r"(?P<subj>" + COUNTRY_LIST + r"(?:,? (?:which|who) (?:together )?with (?:the )?" + COUNTRY_LIST + r")?),? "
          r"(?:are|were|remain|remained) (?:both |all )?" + _ALLY_WORDS + r"(?P<obj>@C\d+@)['’]?s? (?P<cue>allies)\b"),
    rule("allies", R.TREATY_ALLY_OF,
          # Not "both key allies of France": a courtesy, which the words of a treaty ally are not.
          r"(?P<subj>" + COUNTRY_LIST + r"), (?:both|all|each|the two|two) (?:(?:treaty|formal|longtime|long-standing|"
          r"staunch|military) )*(?P<cue>allies) of (?:the )?(?P<obj>@C\d+@)"),
    # "Japan has been trying to widen its security ties beyond its traditional ally, the United States"; not a country
    # a preposition governs ("to push back against China's claims … with its treaty ally the United States").
    rule("its ally", R.TREATY_ALLY_OF,
          _NOT_AFTER_PREPOSITION + r"(?P<subj>@C\d+@)(?:['’]s)? (?:(?!@C)[^.;]){0,100}?\b(?:its|their) "
          r"(?:(?:close|closest|key|treaty|traditional|longtime|long-standing|staunch|main|chief|only|oldest|major|security) )*(?P<cue>ally),? (?:the )?(?P<obj>@C\d+@)"),
)
