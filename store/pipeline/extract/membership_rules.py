"""The claim rules for memberships told in passing: by who leads a grouping, by a list after its members' noun,
by a pair of treaty allies named together (issue 14, eighth round).

Kept apart from :mod:`store.pipeline.extract.rules` (memberships told by a verb: "joined", "is a member of") and
:mod:`store.pipeline.extract.news_rules` (appositions of a grouping and its members) because these read what wire
copy and encyclopedia leads say about members without saying they joined: "the Russian-led CSTO", "Poland, Lithuania,
Latvia and Estonia, all members of NATO", "a military alliance consisting of six post-Soviet states: Armenia, …",
"Finland's membership in NATO became official", "the longtime treaty allies Manila and Washington". The claims
stage reads them after the first rules.
"""

from __future__ import annotations

from store.models import Relation as R
from store.pipeline.extract.rules import COUNTRIES, COUNTRY_LIST, Rule, rule

# A number of members, in words or digits: "six post-Soviet states", "the 32".
_HOW_MANY = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# What a grouping's members are called in a list's lead: "six post-Soviet states:", "its 10 members --".
_MEMBER_NOUN = r"(?:members|member states|member countries|states|countries|nations|allies|signatories|parties)"
# What may not stand between an article and the alliance's noun it opens: a preposition, a clause, a negation.
_NOT_BETWEEN = (r"(?!(?:not|no|never|non|of|to|for|with|from|by|in|on|at|near|than|like|that|which|who|without|against|"
                r"among|between|toward|towards)\b)")
_LIST_MARK = r"(?:\s?[:—–]\s?|\s--\s|,\s(?:namely\s)?)"
# A sentence that opens with a membership: "As a member of NATO, …", "Today, as fellow NATO allies, …".
_AS = (r"(?:^|(?<=[.;!?] ))(?:[\w-]+,? ){0,2}?[Aa]s (?:a |an |the |fellow )?(?:(?:founding|full|fellow|longtime|long-standing|"
       r"original) )?")

MEMBERSHIP_RULES: tuple[Rule, ...] = (
    # "Poland, Lithuania, Latvia and Estonia, all members of NATO", "Japan and Australia, both parties to the RAA".
    # Not "none of them members of …" (the first rules read that with its negation).
    rule("all members", None,
          r"(?P<subj>" + COUNTRY_LIST + r"),? (?:both|all|each|all " + _HOW_MANY + r"|the " + _HOW_MANY + r") "
          r"(?:of (?:them|which|whom) )?(?:(?:founding|full|fellow|longtime|long-standing|[a-z]+-[a-z]+) )?"
          r"(?P<cue>members|member states|member countries|allies|signatories|parties) (?:of|in|to) (?:the )?"
          r"(?P<obj>@A\d+@)", apposition=True),
    # "the Russian-led Collective Security Treaty Organization", "the U.S.-led coalition": who leads a grouping is in it.
    rule("led", None,
          # Not "a Russian-led attack on NATO": only the grouping's own words between (no preposition).
          r"(?P<subj>@C\d+@)[-–](?P<cue>led) (?:(?!(?:on|against|of|in|at|to|by|with|near|into|toward|towards|from|for)\b)"
          r"[A-Za-z][\w-]* ){0,3}?(?P<obj>@A\d+@)", apposition=True),
    # "a military alliance consisting of six post-Soviet states: Armenia, Belarus, …" (a definition, the grouping
    # before it in the sentence).
    rule("consisting of", None,
          r"(?P<obj>@A\d+@)(?: \((?:@A\d+@|[A-Z]{2,8})\))?(?:(?!@A|@C)[^.;]){0,80}?(?P<cue>consisting of|comprising|"
          r"composed of|made up of|bringing together|(?:that |which )?(?:brings|brought) together|which groups|that groups|"
          r"(?:that|which) (?:unites|includes|comprises)|(?:is|was) an? (?:[\w-]+ ){0,2}?(?:alliance|bloc|grouping|group|"
          r"organi[sz]ation|coalition) of) (?:the )?(?:" + _HOW_MANY + r" )?"
          r"(?:[\w-]+ ){0,2}?" + _MEMBER_NOUN + _LIST_MARK + r"(?:the )?(?P<subj>" + COUNTRIES + ")", apposition=True),
    # "Of the CSTO's members -- Armenia, Belarus, …", "NATO's 32 members: …": the list that follows a members' noun.
    rule("members listed", None,
          r"(?P<obj>@A\d+@)['’]s? (?:(?:" + _HOW_MANY + r"|current|founding|full|other) )?(?P<cue>members|member states|"
          r"member countries)" + r"(?:\s?[:—–]\s?|\s--\s)(?:the )?(?P<subj>" + COUNTRIES + ")", apposition=True),
    # "the seven NATO countries with territory in the High North: Iceland, Norway, …" (not "NATO countries agreed on
    # three points: …": only a place or a border between the noun and its list).
    rule("members listed", None,
          r"(?P<obj>@A\d+@) (?P<cue>countries|nations|members|allies|member states)(?: (?:with|in|from|bordering|along) "
          r"[^:;.@]{1,50}?)?:\s?(?:the )?(?P<subj>" + COUNTRIES + ")", apposition=True),
    # "AUKUS, announced in 2021, brings together Australia, the United Kingdom and the United States", "The Quad groups
    # …": a grouping that is itself the subject of a verb of membership (the rules read "which brings together" apart).
    rule("brings together", None,
          r"(?P<obj>@A\d+@)(?: \((?:@A\d+@|[A-Z]{2,8})\))?(?:, (?:(?!@A|@C)[^,.;]){1,60},)?(?: (?:now|also|currently))? "
          r"(?P<cue>brings together|brought together|groups|grouped|includes|included|comprises|comprised|unites|united|"
          r"consists of|consisted of|(?:is|was) made up of|(?:is|was) composed of) "
          # "The Quad groups four countries, India, Australia, …": a count of members before their list.
          r"(?:(?:the )?(?:" + _HOW_MANY + r" )?(?:[\w-]+ )?(?:countries|nations|states|democracies)(?:,|:| —| --)? )?"
          r"(?:the )?(?P<subj>" + COUNTRY_LIST + ")"),
    # "Members of the alliance are …", "The Quad's members include …" (not "former members": no longer members).
    rule("members are", None,
          r"(?<![Ff]ormer )(?<![Ee]x-)(?:(?:[Ff]ounding|[Cc]urrent|[Ff]ull) )?(?P<cue>[Mm]embers|[Mm]ember states|"
          r"[Mm]ember countries) of (?:the )?(?P<obj>@A\d+@)(?: [a-z][\w-]*){0,2}? (?:are|include|included) (?:the )?"
          r"(?P<subj>" + COUNTRY_LIST + ")"),
    rule("members are", None,
          r"(?P<obj>@A\d+@)['’]s? (?:(?:founding|current|full) )?(?P<cue>members|member states|member countries) "
          r"(?:are|include|included) (?:the )?(?P<subj>" + COUNTRY_LIST + ")"),
    # "Finland's membership in NATO became official": a membership that took effect (not one that is debated).
    rule("membership", None,
          r"(?P<subj>@C\d+@)['’]s? (?P<cue>membership) (?:in|of) (?:the )?(?P<obj>@A\d+@) (?:has |had )?(?:became|become|"
          r"becomes|took effect|takes effect|came into effect|was completed|was finali[sz]ed|was formali[sz]ed|"
          r"was made official)\b"),
    # "because of New Delhi's involvement in the Quad", "Turkey's role in NATO": a member's part in its grouping (not in a
    # summit of it, which others attend too).
    rule("involvement", None,
          r"(?P<subj>@C\d+@)['’]s? (?:(?:active|continued|growing|key|central|full) )?(?P<cue>involvement|participation|role|"
          r"seat) (?:in|within) (?:the )?(?P<obj>@A\d+@)(?!['’]?s?(?: [\w'’-]+)? (?:summits?|meetings?|talks|exercises?|"
          r"drills|ministerials?|conferences?|dialogues?|operations?|missions?)\b)"),
    # "Japan has hosted a summit of the Quad grouping", "Japan hosted the Quad summit in Tokyo": a grouping's host is in it
    # (a meeting of it may be hosted by a partner: "Japan hosted a meeting of NATO officials").
    *(rule("hosted", None,
           r"<SUBJNP><PAREN><ADV> (?:has |have |had )?(?P<cue>hosted|hosts|host|hosting|co-hosted) "
           r"(?:a |an |the |this year['’]s )?(?:(?:first|second|third|latest|annual|inaugural|in-person|\w+-day|"
           r"leaders['’]?) )*" + summit)
      for summit in (r"[Ss]ummit of (?:the )?(?P<obj>@A\d+@)",
                     r"(?P<obj>@A\d+@)(?:['’]s?)? (?:(?:leaders['’]?|annual) )?[Ss]ummit")),
    # "India and Japan have increased their security cooperation within the Quad format": members working within it.
    rule("within", None,
          r"(?P<subj>" + COUNTRIES + r")(?:(?!@A|@C)[^.;]){0,80}?\b(?P<cue>cooperat\w*|work(?:ing|ed)? together|"
          r"coordinat\w*) (?:(?!@A|@C)[^.;]){0,30}?\bwithin (?:the )?(?:framework of (?:the )?)?(?P<obj>@A\d+@)"),
    # "Romania, a member of both NATO and the EU, hosts …", "Croatia, a founding member of the Bucharest Nine": the
    # apposition the verb rules ("is a member of") leave.
    rule("a member of", None,
          # One country: "between Ukraine and Romania, a member of both NATO and the EU" is Romania's alone.
          r"(?P<subj>@C\d+@), (?:a|an|another|the|one of the) (?:(?:founding|full|fellow|key|longtime|long-standing|newest|"
          r"original) )?(?P<cue>member|member state|member country|members) (?:of|in) (?:both )?(?:the )?"
          r"(?P<obj>@A\d+@)", apposition=True),
    # "As a member of NATO, Croatia …", "As founding members of the North Atlantic Treaty Organization, the U.S. and
    # Iceland …", "As NATO allies, Denmark and Norway …": the membership a sentence opens with, of the subject after it.
    rule("as members", None,
          _AS + r"(?P<cue>members?|member states?|member countries|allies) (?:of|in) (?:both )?(?:the )?(?P<obj>@A\d+@),? "
          r"(?:the )?(?P<subj>" + COUNTRY_LIST + r")(?!['’])", apposition=True),
    rule("as members", None,
          # "As North Atlantic Treaty Organization (NATO) Allies, the United States and Romania", "As leading democracies
          # and NATO Allies, President Biden and Prime Minister Trudeau".
          _AS + r"(?:(?:[a-z-]+ ){1,2}and )?(?P<obj>@A\d+@)(?: \(@A\d+@\))? (?P<cue>members?|member states?|[Aa]llies|[Aa]lly),? "
          r"(?:the )?(?P<subj>" + COUNTRY_LIST + r")(?!['’])", apposition=True),
    # "The United States and Denmark are NATO allies", "… have been close security partners and NATO Allies" (not
    # "NATO partners": a partnership, which the partner rules read).
    rule("are allies", None,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:both |all |fellow |longtime |close )*(?:(?!@)[^.;]{0,40}? and )?"
          r"(?:both |all |fellow )?(?P<obj>@A\d+@) (?P<cue>[Aa]llies|members|member states|member countries)\b"),
    # "Poland has been a strong NATO Ally since its accession": one country an ally or member (not "a non-NATO ally",
    # nor "a NATO ally of …", "a NATO member of parliament", nor "every country … except Russia is now a NATO member").
    rule("are allies", None,
          r"(?<!except )(?<!except the )(?<!but )(?<!than )(?<!excluding )(?<!save )<SUBJ><PAREN><WHICH><ADV> <BE> "
          # "Greece is our long-standing NATO ally", "… is a close partner and NATO Ally" (not "a partner of many NATO
          # countries": no preposition or clause between).
          r"(?:a|an|our|their|its) (?:" + _NOT_BETWEEN + r"[\w-]+ ){0,3}?(?P<obj>@A\d+@) "
          r"(?P<cue>[Aa]lly|member|member state|member country|country|nation)\b(?! (?:of|in|to|from|nations?)\b)"),
    # "Belgium, Germany, Italy, the Netherlands, and Turkey are the NATO nations holding B61 bombs": the alliance's
    # countries a list is (not "the NATO nations' partners": the noun ends the phrase or a clause follows it).
    rule("are allies", None,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> the (?:only |other |five |four |three |two |\d+ )?(?P<obj>@A\d+@) "
          r"(?P<cue>nations|countries|states|members|member states|member countries|allies)(?![\w'’-])"),
    # "NATO's European members and Canada", "the alliance's other members and the United States".
    rule("members and", None,
          r"(?P<obj>@A\d+@)['’]s? (?:[A-Z][\w-]* |other |remaining |\d+ )?(?:members|allies|member states) and (?:the )?"
          r"(?P<subj>@C\d+@)", apposition=True),
    # "Canada will at last meet its NATO defence spending commitment", "Spain has not reached its NATO target": the
    # obligations an alliance sets its own members (its subject's: "its" has no other antecedent in the clause). Whether
    # it will meet them is the clause's mood, not the membership's: the match is the subject alone (the rest is a
    # lookahead), so its modality is read from the subject's words.
    rule("its commitments", None,
          r"<SUBJ>(?=<PAREN><WHICH><ADV> (?:[a-z]+ ){0,3}?(?:meet|meets|met|meeting|reach|reaches|reached|reaching|hit|hits|"
          r"fulfil|fulfill|fulfils|fulfills|fulfilled|honou?r|honou?rs|honou?red|miss|misses|missed|exceed|exceeds|exceeded|"
          r"fall short of|fell short of|falls short of) (?:its|their) (?P<obj>@A\d+@) (?:[\w-]+ ){0,3}?"
          r"(?P<cue>commitments?|obligations?|targets?|pledges?|goals?|guidelines?)\b)", apposition=True),
    # "NATO's four ICI partners (Bahrain, Kuwait, Qatar and the United Arab Emirates)", "as NATO partner nations:
    # Australia, Japan, …": the partners an alliance's noun lists.
    rule("partners listed", R.PARTNER_OF,
          r"(?P<obj>@A\d+@)(?:['’]s?)? (?:(?:[a-z]+|[A-Z]{2,5}|\d+) ){0,2}?(?P<cue>partners|partner nations|partner countries)"
          r"(?: \(|:\s?|,? (?:namely |including |such as )?)(?:the )?(?P<subj>" + COUNTRIES + ")", apposition=True),
    # "Iceland is one of NATO's twelve founding members", "Finland is among the alliance's newest members".
    rule("one of its members", None,
          r"<SUBJ><PAREN><WHICH><ADV> <BE> (?:one of|among) (?:the )?(?P<obj>@A\d+@)['’]s? (?:(?:" + _HOW_MANY +
          r"|founding|original|newest|new|full|oldest|current|European|eastern|\w+est) ){0,3}?"
          r"(?P<cue>members|member states|member countries|allies)\b"),
    # "NATO allies such as Germany and the Netherlands", "NATO countries including Poland and Romania" (not "NATO
    # partners such as Japan": the partner rules read those; nor "non-NATO countries").
    rule("members such as", None,
          r"(?<!non-)(?<!non )(?P<obj>@A\d+@) (?P<cue>[Aa]llies|members|member states|member countries|countries|nations)"
          r",? (?:such as|like|including|notably|especially) (?:the )?(?P<subj>" + COUNTRY_LIST + ")", apposition=True),
    # "joined by NATO allies Romania, Croatia and the United Kingdom": a list of two or more (not "told NATO allies Russia
    # would …": one country may be the clause's subject; nor "with the NATO Allies, Sweden, Australia, …": a list of
    # parties, the allies one of them).
    rule("members such as", None,
          r"(?<!non-)(?<!non )(?P<obj>@A\d+@) (?P<cue>[Aa]llies|members|member states|member countries) (?:the )?"
          r"(?P<subj>" + COUNTRIES + r")(?!['’])", apposition=True),
    # "Two NATO Allies, the UK and Türkiye, recently agreed": their count, and the list closed.
    rule("members such as", None,
          r"(?:[Tt]wo|[Tt]hree|[Ff]our|[Bb]oth) (?P<obj>@A\d+@) (?P<cue>[Aa]llies|members|member states|member countries), "
          r"(?:the )?(?P<subj>" + COUNTRIES + r")(?:,| [—–-])", apposition=True),
    # "Italy, Japan and the U.K. launched GCAP in December 2022": two or more countries founding it (not "… launched
    # NATO's mission": the alliance's own undertaking).
    rule("formed", None,
          r"(?P<subj>" + COUNTRIES + r")<ADV>(?: @D\d+@| last year| in @D\d+@)? (?:jointly )?(?P<cue>formed|founded|"
          r"created|established|launched|set up) (?:the )?(?P<obj>@A\d+@)(?![\w'’-])(?! (?:summit|meeting|exercise|drills?|"
          r"initiative|mission|operation)\b)"),
    # "Armenia has frozen its participation in the CSTO, though the other member states, including Belarus, …": the
    # other members of the one alliance the sentence named before.
    rule("members such as", None,
          r"(?P<obj>@A\d+@)(?:(?!@A)[^.;]){0,120}? (?:the|its|their) other (?:[\w-]+ )?(?P<cue>members|member states|"
          r"member countries|allies),? (?:including|such as|namely|like) (?:the )?(?P<subj>" + COUNTRY_LIST + r")",
          apposition=True),
    # "Germany and several other NATO countries", "Poland, Romania and other NATO members", "with Germany and fellow NATO
    # allies": countries coordinated with the alliance's other members are its members.
    rule("and other members", None,
          r"(?P<subj>" + COUNTRY_LIST + r"),? and (?:(?:several|many|some|a few|its|their|" + _HOW_MANY + r") )?"
          r"(?:other|fellow) (?P<obj>@A\d+@) (?P<cue>[Aa]llies|members|member states|member countries|countries|nations|"
          r"states)\b", apposition=True),
    # "France, a NATO country, …", "Poland, a longtime NATO ally": one country (the verb rules read "is a NATO member").
    # Not "Australia, a close NATO ally": a close ally of the alliance is a partner outside it.
    rule("a member of", None,
          r"(?P<subj>@C\d+@), (?:a|an|another|our|their|its) (?:(?:fellow|founding|full|longtime|long-standing|eastern|"
          r"southern|northern|frontline|front-line) )*"
          r"(?P<obj>@A\d+@) (?P<cue>[Aa]lly|country|nation)\b(?! (?:of|in|to|from)\b)", apposition=True),
    # "Spain will press its fellow NATO allies to spend more": the clause's subject, when the sentence opens with it. What
    # Spain will do is not whether it is a member: the match is the subject alone (the rest a lookahead), as above.
    rule("fellow members", None,
          r"^(?:[A-Z][\w-]* ){0,2}?(?P<subj>@C\d+@)(?=(?:['’]s)? (?:(?!@C|@A)[^;]){0,150}?\b(?P<cue>fellow) (?P<obj>@A\d+@) "
          r"(?:allies|members|member states|member countries|countries|nations)\b)", apposition=True),
    # "NATO welcomed Sweden as its 32nd member" (not "as a partner", nor "welcomed Sweden's decision").
    rule("welcomed as member", None,
          r"(?P<obj>@A\d+@)(?: \((?:@A\d+@|[A-Z]{2,8})\))? (?:has |have |had )?(?:\w+ly )?(?P<cue>welcomed|welcomes|"
          r"admitted|admits) (?:the )?(?P<subj>" + COUNTRY_LIST + r")(?!['’]) (?:on @D\d+@ )?as (?:its|the|a|an) "
          r"(?:[\w-]+ ){0,2}?(?:member|member state|member country|ally)\b(?! (?:of|in|to|from)\b)"),
    # --- candidacy ---------------------------------------------------------------------------------------------
    # "Sweden and Finland asked to join NATO last year" (not "to join … as a partner": the partner rules read that).
    rule("asked to join", R.APPLICANT_TO,
          r"<SUBJ><PAREN><WHICH><ADV> (?P<cue>asked|requested|applied|bid|voted|moved) to (?:formally )?join <OBJA>"
          r"(?!(?: \((?:@A\d+@|[A-Z]{2,6})\))? as an? [\"“‘']?(?:[\w-]+ )?partner)"),
    # "Ukraine's path toward EU accession and NATO membership", "Ukraine's NATO membership bid".
    rule("path to membership", R.APPLICANT_TO,
          r"(?P<subj>@C\d+@)['’]s? (?:[\w-]+ ){0,2}?(?P<cue>path|road|way|bid|aspirations?|ambitions?|candidacy) "
          r"(?:to|toward|towards|for) (?:(?!@A)[^.;]){0,40}?(?P<obj>@A\d+@) (?:membership|accession)\b"),
    rule("path to membership", R.APPLICANT_TO,
          r"(?P<subj>@C\d+@)['’]s? (?P<obj>@A\d+@) (?:membership|accession) (?P<cue>path|bid|aspirations?|ambitions?|"
          r"application|candidacy|hopes?)\b"),
    # "his support for Sweden's NATO membership", "Turkey backed Sweden's NATO membership": a candidacy backed.
    rule("backed membership", R.APPLICANT_TO,
          r"(?:support|backing|backed|backs|supports|supported|endorsed|endorses|approved|approve|ratified|ratify|welcomed) "
          r"(?:for )?(?:the )?(?P<subj>@C\d+@)['’]s? (?P<obj>@A\d+@) (?P<cue>membership|accession)\b"),
    # "for helping Ukraine become a member of the European Union and NATO": a membership still to come.
    rule("helped to join", R.APPLICANT_TO,
          r"(?:help|helps|helped|helping|support|supports|supported|supporting) (?:the )?<SUBJ> (?:to )?(?P<cue>become|join)"
          r"(?: a member of| members of)? (?:(?!@A)[^.;]){0,40}?(?P<obj>@A\d+@)"),
    # "the longtime treaty allies Manila and Washington", "close allies Australia and the United States".
    rule("allies", R.TREATY_ALLY_OF,
          r"(?<!\d@ )(?<!\d@['’]s )(?:(?:longtime|long-time|long-standing|close|staunch|traditional|old|[Tt]reaty|"
          r"mutual defen[cs]e|defen[cs]e treaty|Longtime|Close|Staunch|Traditional) )+(?P<cue>allies),? (?:the )?"
          r"(?P<pair>@C\d+@ and (?:the )?@C\d+@)",
          pair=True, apposition=True),
)
