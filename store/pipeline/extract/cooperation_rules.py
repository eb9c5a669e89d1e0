"""The claim rules for defence cooperation and consultation between two countries, as news tells them.

Kept apart from :mod:`store.pipeline.extract.rules` (memberships, summits, partnerships …): cooperation is told
by what two countries' forces do together ("held joint patrols"), by their leaders ("announced the largest
upgrade ever in their countries' defence ties"), by a minister and "his counterpart", by a consultation
mechanism ("the Australia-United States Ministerial Consultations"). Most need a word of defence or security
in their sentence (``requires``). The claims stage reads them after the other rules.
"""

from __future__ import annotations

from store.models import Relation as R
from store.pipeline.extract.rules import COUNTRY_LIST, ROLE, Rule, rule

# What an exercise is called; and the forces a country sends to one ("involved forces from Singapore").
_EXERCISE = r"(?:exercises?|drills?|war games|wargames|manoeuvres|maneuvers)"
_FORCES_FROM = (r"(?: (?:the )?(?:[\w-]+ ){0,2}?(?:forces|troops|personnel|participants|contingents|militaries|units|ships|"
                r"warships|aircraft|service members|sailors|soldiers|delegations) (?:from|of))?")

COOPERATION_RULES: tuple[Rule, ...] = (
    # "Bombers from China and Russia have flown together", "Chinese and Russian warships sailed together",
    # "held joint patrols": forces of two countries operating together.
    rule("together", R.COOPERATES_WITH,
          r"(?:[\w-]+ ){0,2}?(?i:forces|troops|ships|warships|vessels|bombers|aircraft|jets|navies|militaries|coast guards?) "
          r"(?:from|of) (?:the )?(?P<pair>@C\d+@ and (?:the )?@C\d+@)(?: [\w-]+){0,3}? (?:have |had )?(?P<cue>(?:flown|flew|"
          r"sailed|patrolled|operated|trained|exercised) (?:together|jointly)|(?:held|conducted|staged|carried out) "
          r"(?:their |a |an )?(?:first |first-ever )?joint (?:patrols?|exercises|drills))", pair=True),
    # "the missile, which India and Russia make as a joint venture".
    rule("joint venture", R.COOPERATES_WITH,
          r"(?P<pair>@C\d+@ and (?:the )?@C\d+@) (?:[\w-]+ ){0,3}?(?:as |through |in |via )?(?P<cue>a joint venture)",
          pair=True, requires=r"(?i:defen[cs]e|security|military|weapons?\b|\barms\b|missiles?|tanks?|aircraft|jets?)"),
    # "Chinese and Russian warplanes flew joint missions near Japan".
    rule("together", R.COOPERATES_WITH,
          r"(?P<pair>@C\d+@ and (?:the )?@C\d+@) (?:[\w-]+ ){0,2}?(?:forces|troops|ships|warships|vessels|bombers|aircraft|"
          r"jets|warplanes|planes|fighters|helicopters|drones|navies|militaries|coast guards?)(?: [\w-]+){0,3}? (?:have |had )?"
          # "Filipino and U.S. forces were still training with the missile system".
          r"(?P<cue>(?:flown|flew|sailed|patrolled|operated|trained|exercised) (?:together|jointly)|(?:(?:were|are|have been|"
          r"had been) (?:still )?)?(?:training|exercising|drilling)\b|(?:held|conducted|staged|"
          r"flew|flown|carried out|launched) (?:their |a )?(?:first |first-ever )?joint (?:patrols?|exercises|drills|missions?|"
          r"flights?|air patrols?|manoeuvres|maneuvers))", pair=True),
    # "Britain is to take part in military exercises with Washington and Tokyo".
    rule("exercises with", R.COOPERATES_WITH,
          r"<SUBJNP><PAREN><ADV> (?P<cue>(?:take|took|takes|taking|has taken) part|participat\w+) in (?:[\w-]+ ){0,3}?"
          r"(?:exercises|drills|manoeuvres|maneuvers|patrols) (?:with|alongside) <OBJCS>"),
    # "Italy held joint drills in the Pacific Ocean with the U.S. and Australian navies": exercises with others' forces.
    rule("exercises with", R.COOPERATES_WITH,
          r"<SUBJNP><PAREN><ADV> (?P<cue>held|holds|hold|conducted|conducts|conduct|staged|stages|launched|began|begun|"
          # "Thailand hosts the annual Cobra Gold training exercises with the United States".
          r"hosts|hosted|host|co-hosts|co-hosted|co-host|"
          r"started|wrapped up|concluded|carried out) (?:(?:[\w-]+|@D\d+@) ){0,5}?(?:exercises|drills|manoeuvres|maneuvers|"
          r"patrols|exercise|drill|war games)(?: (?:in|off|near|across|over|around) (?:the )?(?:[A-Z][\w-]*(?: [A-Z][\w-]*){0,3}|"
          r"[\w-]+(?: [\w-]+)?))? (?:with|alongside) (?:the )?<OBJCS>"),
    # "A French navy ship is joining U.S. and Philippine navy ships in large-scale combat-readiness exercises".
    rule("exercises with", R.COOPERATES_WITH,
          r"(?P<subj>@C\d+@)(?: [\w-]+){0,3}? (?:is |are |was |were |has |have |will )?(?P<cue>joining|joined|joins|join|"
          r"sailing with|sailed with|training with|trained with) (?:the )?<OBJCS> (?:[\w-]+ ){0,2}?(?:ships|warships|vessels|"
          r"forces|troops|navies|aircraft|jets|militaries|marines|soldiers) (?:in|for) (?:(?:[\w-]+|@D\d+@) ){0,4}?"
          r"(?:exercises|drills|patrols|manoeuvres|maneuvers|war games)\b"),
    # --- a multilateral exercise: its host cooperates with each country that takes part (not the others with each other)
    # "The exercise, hosted by Australia, involved forces from Singapore, India and Japan".
    rule("exercise host", R.COOPERATES_WITH,
          _EXERCISE + r",? (?P<cue>hosted|led|organi[sz]ed|run) by (?:the )?(?P<subj>@C\d+@)(?:['’]s? [\w-]+)?,? "
          r"(?:(?!@C)[^.;]{0,60}? )?(?:involv\w+|includ\w+|brought together|brings together|drew|draws|featur\w+|with|"
          r"alongside)" + _FORCES_FROM + r" (?:the )?<OBJCS>"),
    # "Singapore, India and Japan took part in the Australian-hosted Pitch Black exercise", "Troops from Singapore and
    # Japan joined the Australia-led drills".
    rule("exercise host", R.COOPERATES_WITH,
          r"(?P<obj>" + COUNTRY_LIST + r")(?: (?:forces|troops|navies|militaries|armies|air forces))?<ADV> (?P<cue>(?:took part|"
          r"take part|takes part|taking part|participated|participate|participates|participating) in|(?:joined|join|joins|"
          r"joining)(?: in)?) (?:the |a |an |this year['’]s |@D\d+@['’]s )?(?:[\w-]+ ){0,3}?"
          r"(?P<subj>@C\d+@)[-–](?:hosted|led|organi[sz]ed|run) "
          r"(?:[\w-]+ ){0,4}?" + _EXERCISE + r"\b"),
    # "the Australia-led exercise with Singapore, India and Japan".
    rule("exercise host", R.COOPERATES_WITH,
          r"(?P<subj>@C\d+@)[-–](?P<cue>hosted|led|organi[sz]ed) (?:[\w-]+ ){0,4}?" + _EXERCISE + r",? (?:(?!@C)[^.;]{0,40}? )?"
          r"(?:with|involving|including|alongside)" + _FORCES_FROM + r" (?:the )?<OBJCS>"),
    # "The Philippines hosts the Balikatan exercises, in which the United States, Australia and Japan participate",
    # "A total of 13 countries took part in the exercise, which, in addition to Russia, included China, India, …".
    rule("exercise host", R.COOPERATES_WITH,
          r"<SUBJNP><PAREN><ADV> (?P<cue>hosts|hosted|host|hosting|co-hosts|co-hosted|leads|led|organi[sz]es|organi[sz]ed) "
          r"(?:the |a |an |this year['’]s |@D\d+@['’]s )?(?:(?:[\w-]+|@D\d+@) ){0,5}?" + _EXERCISE
          + r",? (?:in which|which (?:involves?|"
          r"includes?|included|involved|brings? together|brought together))" + _FORCES_FROM + r" (?:the )?<OBJCS>"),
    # "… about the Australian-hosted exercise is the participation of six new countries: the Philippines, Spain, …".
    rule("exercise host", R.COOPERATES_WITH,
          r"(?P<subj>@C\d+@)[-–](?:hosted|led|organi[sz]ed) (?:[\w-]+ ){0,4}?" + _EXERCISE + r"\b(?:(?!@C)[^.;]){0,80}?"
          r"(?P<cue>participation|participants|participating (?:nations|countries)|(?:nations|countries) taking part)(?: of)?"
          r"(?:\s?[:—–]\s?| (?:of|by|from) | (?:include|included|including|are|were) )(?:the )?" + r"(?:[\w-]+ ){0,2}?"
          r"(?:(?:countries|nations)\s?[:—–]\s?)?(?:the )?<OBJCS>"),
    # "Though Pitch Black is an Australian-led exercise, the U.S. Air Force has been a participating member since 1983".
    rule("exercise host", R.COOPERATES_WITH,
          r"(?P<subj>@C\d+@)[-–](?:led|hosted|organi[sz]ed) (?:[\w-]+ ){0,4}?" + _EXERCISE + r"\b,? (?:the )?"
          r"(?P<obj>@C\d+@)(?: [A-Z][\w-]*){0,3}<ADV> (?:has been|have been|is|are|was|were) (?:a |an )?(?P<cue>participating "
          r"(?:member|nation|country|force)|participant)\b"),
    rule("exercise host", R.COOPERATES_WITH,
          _EXERCISE + r",? which,? (?:in addition to|besides|apart from|alongside) (?:the )?(?P<subj>@C\d+@),? "
          r"(?P<cue>included|includes|involved|involves|brought together|drew) (?:the )?<OBJCS>"),
    # "The 16th India-Nepal Joint Military Exercise": an exercise named by its two countries (not a pair inside a
    # trilateral's name, "the US-Japan-Philippines exercise").
    rule("exercise", R.COOPERATES_WITH,
          r"(?<![-–])(?P<pair>@C\d+@[-–]@C\d+@)(?![-–]) (?:(?:[Jj]oint|[Mm]ilitary|[Nn]aval|[Aa]ir|[Mm]aritime|[Bb]ilateral|"
          r"[Cc]ombined|[Aa]rmy|[Ss]pecial [Ff]orces|[Cc]ounter-terrorism|[Aa]mphibious|[Cc]oast [Gg]uard) )*"
          r"(?P<cue>[Ee]xercises?|[Dd]rills?|[Mm]anoeuvres|[Mm]aneuvers|[Ww]ar [Gg]ames)\b", pair=True),
    # "the deepening DPRK-Russia cooperation, including arms transfers", "joint Cambodian-United States training": a
    # pair's cooperation named by the pair, in a sentence about defence (not "China-US trade cooperation").
    rule("cooperation", R.COOPERATES_WITH,
          r"(?<![-–])(?P<pair>@C\d+@[-–]@C\d+@)(?![-–]) (?:(?:bilateral|joint|strategic|close|closer|growing) )?"
          r"(?P<cue>(?:(?:military|defen[cs]e|security|naval|arms)[ -])(?:cooperation|co-operation|collaboration|ties|"
          r"partnership|relations)|cooperation|co-operation|collaboration|training|exercises|drills)\b(?! on (?!defen|security))",
          pair=True, requires=r"(?i:defen[cs]e|security|military|\barms\b|weapons?|troops|forces|naval|navy|army|"
                              r"exercises|drills|training)"),
    # "Ahn and Kosiniak-Kamysz held talks on ways to deepen their countries' cooperation in the arms industry".
    rule("cooperation", R.COOPERATES_WITH,
          r"(?P<pair>@C\d+@" + ROLE + r" and (?:the )?@C\d+@" + ROLE + r")<ADV> (?:[a-z-]+ ){0,6}?(?P<cue>(?:increas|deepen|"
          r"strengthen|expand|boost|enhanc|bolster)\w* (?:their|their countries['’]|bilateral) (?:[\w-]+ ){0,2}?"
          r"(?:cooperation|ties) in (?:the )?(?:arms|defen[cs]e|military|security|weapons)\b)", pair=True),
    # --- cooperation -------------------------------------------------------------------
    rule("cooperation", R.COOPERATES_WITH,
          r"<SUBJNP><PAREN><ADV> (?P<cue>cooperates|cooperated|cooperate|works closely|worked closely|"
          r"conducted (?:[\w-]+ ){0,3}?(?:exercises|drills)|held (?:[\w-]+ ){0,3}?(?:exercises|drills)|"
          r"(?:deepened|strengthened|expanded|stepped up|boosted|bolstered|deepening|strengthening|expanding|"
          r"stepping up|boosting|bolstering|deepen|strengthen|expand|step up|boost|bolster|enhance|enhanced) (?:its |their )?(?:[\w-]+ ){0,3}?(?:cooperation|ties|relations)|(?:signed|concluded) (?:a |an )?(?:[\w-]+ ){0,3}?(?:cooperation|defen[cs]e|security|"
          r"military)(?: [\w-]+)? (?:agreement|pact|accord|deal|arrangement)) with (?:(?:allies|partners) (?:like|such as) )?<OBJE>"),
    # "Japan working more closely together with allies like Australia", in a sentence about security.
    rule("work together", R.COOPERATES_WITH,
          r"<SUBJNP><PAREN><ADV> (?P<cue>(?:work|works|worked|working) (?:more )?(?:closely )?together) with "
          r"(?:(?:allies|partners) (?:like|such as) )?<OBJE>",
          requires=r"(?i:defen[cs]e|security|military|\ballies\b|deterren|forces)|@A\d+@"),
    # "Estonia has worked with South Korea on defence before": work with another on a matter of defence.
    rule("work together", R.COOPERATES_WITH,
          r"<SUBJNP><PAREN><ADV> (?P<cue>(?:work|works|worked|working) (?:closely )?with) <OBJCS> (?:on|in) (?:[\w-]+ ){0,2}?"
          r"(?:defen[cs]e|security|military|arms|weapons)\b"),
    # "Japan–ROK and Japan–ROK–U.S. security cooperation": a pair's cooperation beside its trilateral's.
    rule("cooperation", R.COOPERATES_WITH,
          r"(?<![-–])(?P<pair>@C\d+@[-–]@C\d+@) and (?:the )?(?:@A\d+@|@C\d+@(?:[-–]@C\d+@)+) "
          r"(?P<cue>(?:defen[cs]e|security|military)"
          r"(?: and (?:defen[cs]e|security))? cooperation)", pair=True),
    rule("moved closer", R.COOPERATES_WITH,
          r"<SUBJNP><PAREN><ADV> (?P<cue>moved closer|drew closer|drawn closer|grown closer|grew closer|"
          r"come closer|came closer) to <OBJE>"),
    rule("cooperation", R.COOPERATES_WITH,
          r"<SUBJ>['’]s (?:[\w-]+ ){0,2}?(?P<cue>cooperation|rapprochement) with <OBJE>"),
    # "the Israeli and US partners who developed the system together", "India and Russia jointly developed the BrahMos
    # missile": arms developed by two countries together.
    rule("developed together", R.COOPERATES_WITH,
          r"(?P<pair>@C\d+@ and (?:the )?@C\d+@)(?: [\w-]+){0,2}?(?:,? (?:who|which|that))?(?: have| has| had)? (?:(?P<cue>"
          r"(?:jointly|together) (?:developed|designed|built|produced|make|made|manufactured|develop|build|produce))|"
          # The other order, "developed the system together", is cued by the rule's name.
          r"(?:developed|designed|built|produced|manufactured) (?:[\w-]+ ){0,4}?(?:together|jointly))\b",
          pair=True, requires=r"(?i:missiles?|systems?|jets?|fighters?|aircraft|tanks?|drones?|submarines?|warships?|"
                              r"weapons?|howitzers?|defen[cs]e|military)"),
    # "part of contingency planning between the United States and Japan": planning for war together.
    rule("planning", R.COOPERATES_WITH,
          r"(?P<cue>(?:joint |military |defen[cs]e |operational |contingency )+planning) between (?:the )?"
          r"(?P<pair>@C\d+@ and (?:the )?@C\d+@)", pair=True),
    # "Fiji's security ties to the U.S.", "Fiji will keep its security ties to the U.S.": ties of defence, to or with.
    *(rule("ties", R.COOPERATES_WITH,
           owner + r" (?:(?:close|closer|long-standing|longstanding|deep|strong|growing|own) )?(?P<cue>(?:security|defen[cs]e|"
           r"military) (?:ties|links|relations|relationship)) (?:to|with) <OBJE>")
      for owner in (r"<SUBJ>['’]s", r"<SUBJNP><PAREN><ADV> (?:keep|keeps|kept|keeping|maintain|maintains|maintained|"
                                    r"maintaining|retain|retains|retained|value|values|valued|has|have|had) (?:its|their)")),
    rule("exercises", R.COOPERATES_WITH,
          r"(?P<pair>@C\d+@ and @C\d+@)(?:, which)? (?:have |had )?(?:held|conducted|staged|carried out|started|began|begun|"
          r"launched|kicked off|wrapped up|concluded) (?:[\w-]+ ){0,4}?"
          r"(?P<cue>exercises|drills|patrols)", pair=True),
    # "South Korea and the United States are conducting Freedom Shield 2024, a large exercise", "Indonesian and US troops
    # took part in the Super Garuda Shield exercise": an exercise by its name, the word for it after the name or in
    # an apposition.
    rule("exercises", R.COOPERATES_WITH,
          r"(?P<pair>@C\d+@ and (?:the )?@C\d+@)(?: (?:forces|troops|navies|militaries|armies|air forces|marines|soldiers|"
          r"sailors))?<ADV> (?P<cue>(?:conducting|conducted|conducts|conduct|holding|held|holds|hold|staging|staged|launched|"
          r"began|begun|kicked off|started|(?:took|take|taking|takes) part in|participat\w+ in)) (?:the |their |a |an )?"
          r"(?:(?:annual|joint|combined|bilateral|large-scale|biennial|first|latest|\d+\w*) ){0,3}?[A-Z][\w-]*(?: [A-Z][\w-]*){0,3}"
          r"(?: @D\d+@| \d{4})?(?=(?: (?:[a-z-]+ )?(?:exercises?|drills?|war games|manoeuvres|maneuvers)\b)|,? (?:a|an|the) "
          r"(?:[\w-]+ ){0,3}?(?:exercises?|drills?|war games)\b)", pair=True),
    # "US President Joe Biden and Japanese Prime Minister Fumio Kishida on Wednesday announced the largest upgrade
    # ever in their countries' defence ties".
    rule("upgrade", R.COOPERATES_WITH,
          r"(?P<pair>@C\d+@" + ROLE + r" and (?:the )?@C\d+@" + ROLE + r")<ADV> (?:announced|agreed|unveiled|hailed|"
          r"welcomed|marked) (?:[\w-]+ ){0,4}?(?P<cue>(?:upgrade|strengthening|deepening|expansion|elevation|overhaul)s? "
          r"(?:[\w-]+ ){0,2}?(?:in|of|to) (?:their|the two countries['’]|their countries['’]|bilateral) (?:[\w-]+ ){0,2}?"
          r"(?:defen[cs]e|security|military) (?:ties|cooperation|relations|alliance))", pair=True),
    # "Japanese Foreign Minister Toshimitsu Motegi and his Philippine counterpart Maria Theresa Lazaro agreed on
    # Thursday to strengthen security cooperation".
    rule("counterparts", R.COOPERATES_WITH,
          r"(?P<pair>@C\d+@" + ROLE + r" and (?:his|her|their) @C\d+@ counterparts?(?: [A-Z][\w.'’-]*){0,4}),?<ADV> "
          r"(?:(?:[a-z]+|@D\d+@|[A-Z][a-z]+day) ){0,4}?(?P<cue>(?:strengthen|deepen|expand|boost|enhance|bolster|step up)\w* "
          r"(?:[\w-]+ ){0,2}?(?:security|defen[cs]e|military)(?: and [\w-]+)? (?:cooperation|ties))", pair=True),
    # --- countries in talks to work with an alliance -------------------------------------------
    # "the AUKUS partners … are talking to Canada, Japan and New Zealand about possible collaboration"; "We are
    # consulting with Canada … to identify possibilities for collaboration … under AUKUS Pillar II".
    rule("in talks", R.CONSIDERING_COOPERATION_WITH,
          r"(?P<obj>@A\d+@)(?:(?!@A)[^.;]){0,100}? (?:talking to|in talks with|consulting with|holding talks with) (?:the )?"
          r"(?P<subj>" + COUNTRY_LIST + r") (?P<cue>(?:about|on|over|to identify) (?:[\w-]+ ){0,3}?(?:collaboration|"
          r"cooperation|joining|participation|possibilities|partnering))"),
    rule("in talks", R.CONSIDERING_COOPERATION_WITH,
          r"(?:talking to|in talks with|consulting with|holding talks with) (?:the )?(?P<subj>" + COUNTRY_LIST + r") "
          r"(?P<cue>(?:about|on|over|to identify) (?:[\w-]+ ){0,3}?(?:collaboration|cooperation|joining|participation|"
          r"possibilities|partnering))(?:(?!@A)[^.;]){0,60}? (?:under|with|in|on|of) (?:the )?(?P<obj>@A\d+@)"),
    # "New Zealand is willing to talk about non-nuclear cooperation with Aukus" (not "ready to": a wish, see frames).
    rule("in talks", R.CONSIDERING_COOPERATION_WITH,
          r"<SUBJNP><PAREN><ADV> (?:is |are |was |were )?(?:willing|open|prepared) to (?:talk about|discuss|consider|explore) "
          r"(?:[\w-]+ ){0,3}?(?P<cue>cooperation|collaboration) with <OBJA>"),
    # "Canada was in talks with AUKUS about joining projects".
    rule("in talks", R.CONSIDERING_COOPERATION_WITH,
          r"<SUBJNP><PAREN><ADV> (?:is |are |was |were )?(?:in talks|talking) with <OBJA> (?P<cue>about (?:joining|"
          r"collaboration|cooperation|participating|participation))"),
    # --- consultation and cooperation between two named countries -----------------------
    # Two countries only: not the last two of "Japan-Australia-India-U.S. Consultations" (a grouping's meeting).
    rule("consultations", R.CONSULTS_WITH,
          r"(?<!@[-–])(?<!@ [-–])(?P<pair>@C\d+@[-–]@C\d+@)(?![-–]) (?:(?:[Aa]nnual|[Ff]oreign and [Dd]efen[cs]e|[Dd]efen[cs]e and [Ff]oreign|"
          r"[Ss]trategic|[Ss]ecurity|[Ll]eaders['’]?) )*(?P<cue>(?i:ministerial consultations|consultations|"
          r"leaders['’]? meeting|ministerial meeting|(?:(?:defen[cs]e|foreign) )?ministers['’]? (?:meeting|dialogue)|2\+2|"
          r"strategic dialogue|"
          r"security dialogue|defen[cs]e(?: policy)? dialogue))", pair=True),
    # "The United States and Vietnam have held 11 Political, Security, and Defense Dialogues".
    rule("consultations", R.CONSULTS_WITH,
          r"(?P<pair>@C\d+@ and (?:the )?@C\d+@)<ADV> (?:have |has |had )?(?P<cue>(?:held|hold|holding|convened|launched|"
          r"opened|go on holding|continue holding|continued holding|(?:met|meet|meeting) (?:for|in|at)) (?:their |the |an? )?"
          r"(?:[\w,'’()+\"“”-]+ ){0,5}?"
          r"(?i:dialogues?|consultations|2\+2s?|2\+2 (?:meetings?|talks)|[\"“]?two[- ]plus[- ]two[\"”]? (?:[\w-]+ )?"
          r"(?:talks|meetings?|"
          r"dialogues?)|(?:defen[cs]e|foreign) ministers['’]? meetings?|ministerial meetings?|consultative meetings?|"
          r"security talks|strategic talks))\b", pair=True,
          requires=r"(?i:defen[cs]e|security|strategic|2\+2|two[- ]plus[- ]two|military)"),
    # "the two sides will hold consultations to coordinate their positions" (a treaty's clause).
    rule("consultations", R.CONSULTS_WITH,
          r"(?P<pair>@C\d+@ and (?:the )?@C\d+@)<ADV> (?:immediately )?(?P<cue>(?:hold|held|holding) (?:[\w-]+ )?"
          r"consultations)", pair=True),
    rule("consult", R.CONSULTS_WITH,
          r"(?P<pair>@C\d+@ and (?:the )?@C\d+@)<ADV> (?:commit|committed|agreed|pledged|will|to)? ?(?:to )?"
          r"(?P<cue>consult) (?:each other|one another|closely|regularly)", pair=True),
    rule("cooperation", R.COOPERATES_WITH,
          r"(?P<pair>@C\d+@[-–]@C\d+@) (?P<cue>(?:defen[cs]e|security|military)(?: and (?:defen[cs]e|security))? "
          r"cooperation)", pair=True),
    # "The United Kingdom and Germany will … work together to develop a new long-range strike capability".
    rule("work together", R.COOPERATES_WITH,
          # The last two of a longer list are not a pair: "India, France and the United Arab Emirates … working together".
          r"(?<!@, )(?<!@ and )(?P<pair>@C\d+@ and (?:the )?@C\d+@)<ADV> (?:(?:[a-z]+|@D\d+@|\([^)]{1,40}\)) ){0,8}?"
          r"(?P<cue>work(?:ing|ed|s)? together|"
          r"cooperate|collaborate|co-operate)\b(?:[^.;@]{0,80})", pair=True,
          # "Germany and Norway are working together on a new submarine": arms are a defence matter too.
          requires=r"(?i:defen[cs]e|security|military|strike|weapons?|missiles?|forces|deterren|submarines?|frigates?|"
                   r"warships?|tanks?|fighter jets?|drones?|air[- ]defen[cs]e)"),
    rule("cooperation", R.COOPERATES_WITH,
          r"(?P<pair>@C\d+@ and (?:the )?@C\d+@)<ADV> (?:[a-z-]+ ){0,4}?(?P<cue>(?:increas|deepen|strengthen|expand|boost|enhanc|"
          r"bolster|elevat|step(?:ping|ped)? up)\w* (?:their|bilateral) (?:[\w-]+ ){0,3}?(?:defen[cs]e|security|military) "
          r"(?:and [\w-]+ )?(?:cooperation|ties))",
          pair=True),
    # "Australia has long provided policing support to the Solomon Islands", "offered security training to Fiji": help
    # to another's forces or police (military aid and assistance are arms, which the arms rules read).
    rule("support", R.COOPERATES_WITH,
          r"<SUBJNP><PAREN><ADV> (?:has |have |had )?(?:long |also )?(?P<cue>provid\w+|offer\w*|extend\w*|giv\w+|deliver\w*) "
          r"(?:[\w-]+ ){0,2}?(?:policing|police|security|defen[cs]e|counter-?terrorism|maritime security|military training) "
          r"(?:support|training|cooperation|help|capacity-building)(?: [\w-]+){0,3}? (?:to|for) <OBJCS>"),
    # "Britain will train Ukrainian soldiers", "the US trained Philippine marines": one country's forces trained by another.
    rule("trains", R.COOPERATES_WITH,
          r"<SUBJNP><PAREN><ADV> (?:has |have |had )?(?:also |already )?(?P<cue>train|trains|trained|training|to train) "
          r"(?:more |thousands of |hundreds of |some |\d[\d,]* )?(?:the )?(?P<obj>@C\d+@) (?:[\w-]+ ){0,2}?(?:soldiers|troops|"
          r"forces|personnel|officers|pilots|police|policemen|military|army|navy|marines|sailors|recruits|cadets|units)\b"),
    # "interoperability and cooperation between the Australian Defence Force and the Japanese Self-Defence
    # Forces", "security and defense cooperation between the two countries" (see claims): security only.
    rule("cooperation between", R.COOPERATES_WITH,
          r"(?P<cue>(?:cooperation|cooperative activities|interoperability|exercises|drills)(?:,? [^.;@]{0,80}?)?) "
          r"between (?:the )?(?P<pair>@C\d+@(?: [A-Z][\w-]*){0,3} and (?:the )?@C\d+@)", pair=True,
          # An alliance the sentence names makes it a security matter: "the Reciprocal Access Agreement, which they
          # signed …, an important step in joint cooperation between the UK and Japan".
          requires=r"(?i:defen[cs]e|security|military|exercises|drills|interoperability|\bforces?\b|weapons?\b|\barms\b)"
                   r"|@A\d+@"),
)
