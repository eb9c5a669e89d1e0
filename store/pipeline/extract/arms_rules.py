"""The claim rules for arms sales: who sells weapons to whom, as releases and wire copy write it.

Kept apart from :mod:`store.pipeline.extract.rules` (memberships, summits, partnerships …) because a sale is
told in more ways than any other relation: by the seller ("sold tanks to"), the buyer ("bought … from"),
the maker or the weapon (``store/pipeline/extract/makers.py``), an accusation ("accused North Korea of
supplying Russia with weapons"). The claims stage reads them after the other rules.
"""

from __future__ import annotations

from store.models import Relation as R
from store.pipeline.extract.rules import COUNTRY_LIST, ROLE, Rule, rule

# The buyer opening a clause, with its government's roles; not "Indian firms signed the contract with Armenia": a
# country's companies are its sellers.
_BUYER = (r"(?P<obj>@C\d+@(?:(?:,? and |, )(?:the )?@C\d+@)*)(?!(?:['’]s)?(?: [\w-]+){0,2}? (?:companies|company|firms|firm|"
          r"contractors|industry|manufacturers|makers)\b)" + ROLE)

ARMS_RULES: tuple[Rule, ...] = (
    # --- arms ---------------------------------------------------------------------------
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP><PAREN><ADV> (?:(?:has |have )?(?:won|secured|clinched) (?:a |an |the )?(?:[\w$€£%,.'’-]+ ){0,3}?(?:competition|"
          r"contract|tender|bid|deal) to |(?:is |are |was |were )?in talks (?:on|about|over|for) (?:a |an |the )?"
          r"(?:[\w-]+ ){0,2}?(?:deal|agreement|contract) to )?(?P<cue>sells|sold|has sold|have sold|supplies|supplied|delivered|delivers|"
          r"exports|exported|ships|shipped|provided|provides|transferred|agreed (?:in principle )?to (?:sell|supply)|send|sent|"
          r"sending|"
          r"signed (?:[\w-]+ ){0,3}?(?:deals?|contracts?)(?: worth [^;]{0,50}?)? to (?:sell|supply|export|deliver)|"
          r"handed over|hands over|handing over|hand over|sell|supply|export|deliver|provide|selling|supplying|exporting|"
          # "Germany has given several of the advanced air defence systems to Ukraine".
          r"(?:has |have |had )given|gave|"
          r"delivering|providing) (?:(?!to\b)(?:[\w$€£%,.'’/-]+|@C\d+@) ){0,8}?<ARMS>\b"
          # "handed over a second MILGEM-class warship, PNS Khaibar, to Pakistan"
          r"(?:,? (?!to\b)[\w–—-]+){0,6}?,? to (?:(?:the )?(?:[A-Z][\w-]* ){1,3}of )?<OBJCS>"),
    rule("arms", R.ARMS_SUPPLIER_TO,
          # "signed a contract worth 1.3 trillion won (about 920.7 million USD) to supply Romania with K9 howitzers".
          r"<SUBJNP><PAREN><ADV> (?:(?:undertook|agreed|pledged|promised|decided|is set|was set|"
          r"signed (?:[\w$€£%,.'’()-]+ ){0,12}?) ?to )?"
          r"(?P<cue>supplied|supplies|supply|provided|provides|provide|armed|arms|equipped|equip) <OBJCS> with "
          r"(?:(?:[\w$€£%,.'’-]+|@C\d+@) ){0,6}?<ARMS>\b"),
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<subj>@C\d+@)(?:['’]s)? (?:[\w-]+ ){0,2}?(?P<cue>(?:arms|weapons|defen[cs]e|military) "
          r"(?:sales|exports|deliveries|transfers|deals?|supplies)) to <OBJCS>"),
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)<PAREN>(?: has| have| had)? (?P<cue>bought|buys|purchased|purchases|ordered|orders|"
          r"acquired|acquires|received|receives|imported|imports|(?:took|taken|takes) delivery of|signed (?:[\w$€£%,.'’-]+ ){0,3}?(?:deals?|contracts?|"
          # "signed a letter of offer and acceptance (LoA) to buy 32 … F-35A … from the United States".
          r"letters? of offer and acceptance|LOAs?|LoAs?)(?: \([^)]{1,8}\))? "
          # "signed a contract on Friday worth about US$6.5 billion to buy a second batch of K2 tanks from …"
          r"(?:on (?:@D\d+@|[A-Z][a-z]+day) )?(?:worth [^;@]{0,40}? )?(?:to buy|for)) (?:(?!from\b)(?:[\w$€£%,.'’-]+|@C\d+@) ){0,8}?<ARMS>\b"
          r"(?: (?!from\b)[\w-]+){0,4}?,? from "
          r"(?:the )?(?P<subj>@C\d+@(?:(?:,? and |, )(?:the )?@C\d+@)*)"),
    # "Serbia today formally signed a contract for 12 Dassault Aviation Rafale fighter jets", "The United Arab Emirates has
    # signed up for 80 French-built Rafale fighter jets": the buyer's contract for arms its maker or their name places.
    rule("arms", R.ARMS_SUPPLIER_TO,
          _BUYER + r"<ADV> (?P<cue>signed|inked|concluded|placed|finali[sz]ed)(?: up)?(?: (?:a|an|the|its|"
          r"[\w$€£%.,'’-]+)){0,4}?(?: (?:contracts?|deals?|orders?))?(?: on (?:@D\d+@|[A-Z][a-z]+day))?(?: worth [^;@]{0,40}?)? "
          r"for (?:(?!from\b)[\w$€£%,.'’/-]+ ){0,4}?(?P<subj>@C\d+@)(?: @C\d+@)?(?:-made|-built|-designed)? "
          r"(?:(?:[\w/-]+|@C\d+@) ){0,3}?<ARMS>\b(?! (?:[\w-]+ ){0,3}?from\b)"),
    # "South Korean defence firms signed contracts with Poland for K2 tanks", "Indian firms signed the contract with
    # Armenia for these weapons": a country's companies contracting with a buyer are the sellers.
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<subj>@C\d+@)(?:['’]s)?(?: [\w-]+){0,2}? (?:companies|company|firms|firm|contractors|manufacturers|makers|"
          r"industry)<ADV> (?P<cue>signed|inked|won|secured|concluded) (?:[\w$€£%.,'’-]+ ){0,4}?(?:contracts?|deals?|orders?)"
          r"(?: worth [^;@]{0,40}?)? with (?:the )?(?P<obj>@C\d+@)(?: government| army| navy| military| armed forces)?"
          r"(?: [^;@]{0,30}?)? (?:for|to (?:supply|deliver|sell|provide|export)) (?:(?:[\w$€£%,.'’/-]+|@C\d+@) ){0,6}?"
          r"<ARMS>\b"),
    # "Nine countries have ordered the K9 self-propelled howitzer since 2001 -- Turkey, India, Poland, …": the
    # weapon stands for its maker's country (store/pipeline/extract/makers.py), the list after it are its buyers.
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?:countries|nations|customers|buyers|operators|air forces|armies|navies) (?:have |has |had )?(?:now )?"
          r"(?P<cue>ordered|bought|acquired|purchased|chosen|selected|operate|use|fly|flown|field) (?:the |its )?"
          r"(?P<subj>@C\d+@)(?:['’]s)?(?:-made|-built|-designed)? (?:[\w-]+ ){0,3}?<ARMS>\b(?:[^.;@]|@D\d+@){0,40}?"
          r"(?: --| —| –|:|,| \() ?(?:including |such as |namely )?<OBJCS>"),
    # "China has launched the first of eight Hangor-class submarines being built for Pakistan".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP><PAREN><ADV> (?:has |have |had )?(?:launched|delivered|completed|handed over|rolled out) (?:[\w-]+ ){0,6}?"
          r"<ARMS>\b (?P<cue>(?:being |that (?:are|were|is|was) (?:being )?)?(?:built|made|produced|constructed) for) "
          r"(?:the )?<OBJCS>"),
    # "The Indonesian Air Force now flies fighter jets from countries including the US, Russia and Britain".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)(?:['’]s)? (?:[A-Z][\w-]* ){0,3}?(?:now |already |also |still )?(?P<cue>flies|fly|flew|operates|"
          r"operate|operated|fields|fielded|uses|used|deploys|deployed) (?:[\w-]+ ){0,4}?<ARMS> (?:built |made |bought |"
          r"leased |purchased |acquired |supplied |bought second-hand )?from (?:countries |suppliers |nations )?"
          r"(?:including |such as |like )?(?:the )?(?P<subj>" + COUNTRY_LIST + r")"),
    # "Chile operates a fleet of Dutch-built frigates", "Egypt's army uses the American-made M109 howitzer": what the
    # buyer's forces field, made by another (the maker's country joined to "-made" is never the user's own forces).
    rule("arms", R.ARMS_SUPPLIER_TO,
          _BUYER + r"<ADV> (?P<cue>flies|fly|flew|flown|operates|operate|operated|fields|fielded|uses|"
          # Not "expected to fly from Indian-made aircraft carriers": the verb's own object, not a place.
          r"used|deploys|deployed|relies on|relied on) (?!(?:from|in|on|off|over|to|with|into|at|alongside|against)\b)"
          r"(?:(?:[\w$€£%,.'’-]+|@C\d+@) ){0,5}?(?P<subj>@C\d+@)-(?:made|built|"
          r"manufactured|produced|designed|supplied) (?:[\w/-]+ ){0,3}?<ARMS>\b"),
    # "the DPRK's export of ballistic missiles, artillery shells, and other military materiel to Russia", "North
    # Korea's transfer of artillery shells to Russia".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<subj>@C\d+@)(?:['’]s)?(?: \([^)]{1,12}\))?(?:['’]s)? (?:[\w-]+ ){0,2}?(?P<cue>sales?|exports?|"
          r"deliver(?:y|ies)|transfers?|suppl(?:y|ies)|provision|shipments?) of (?:(?!to\b)[\w$€£%,.'’-]+ ){0,8}?<ARMS>\b"
          # Not "China protested the sale of American weapons": a country in the arms is their seller, not the subject.
          r"(?: (?!to\b)[\w$€£%.,-]+){0,6}? to <OBJCS>"),
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<cue>sales?|exports?|deliver(?:y|ies)|transfers?) of (?:(?:[\w-]+|@C\d+@) ){0,3}?<ARMS> (?:[\w-]+ ){0,2}?"
          r"(?:from|by) (?:the )?(?P<subj>@C\d+@) to <OBJCS>"),
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)['’]s (?:[\w-]+ ){0,2}?(?P<cue>purchases?|acquisitions?|orders?|imports?) of "
          r"(?:(?:[\w-]+|@C\d+@) ){0,4}?<ARMS>(?: (?!from\b)[\w-]+){0,3}? from (?:the )?(?P<subj>@C\d+@)"),
    # "Poland bought South Korean tanks", "The Philippines has signed a contract for 12 more FA-50 fighter jets"
    # (a weapon stands for its maker's country, store/pipeline/extract/makers.py), "Romania becomes the ninth
    # country to acquire the K9 self-propelled howitzer".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)<PAREN>(?: has| have| had)?(?: (?:becomes|became|is|was) the (?:\w+ )?"
          r"(?:country|nation|buyer|customer))?<ADV> (?P<cue>bought|buys|buy|purchased|purchases|purchase|ordered|orders|"
          r"order|acquired|acquires|acquire|procured|procures|procure|imported|imports|brought in|signed (?:[\w-]+ ){0,3}?(?:deals?|contracts?)"
          r"(?: on (?:@D\d+@|[A-Z][a-z]+day))? (?:to buy|for)) "
          # "bought India's BrahMos supersonic cruise missile system", "buy 40 of China's advanced J-35 stealth fighters".
          r"(?:the |a |an )?(?:(?:\d[\d,.]*|[\w$€£%.'’]+) ){0,5}?(?P<subj>@C\d+@)(?:['’]s)?(?:-made|-built|-designed)? "
          r"(?:(?:[\w-]+|@C\d+@) ){0,3}?<ARMS>\b"),
    # "Poland's outgoing national defence minister has signed …, an order for about 152 self-propelled howitzers from
    # South Korea's Hanwha Defense": the buyer's government places the order.
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)['’]s? (?:[\w-]+ ){0,4}?(?:minister|ministry|government|army|navy|air force|military)\b"
          r"(?:(?!@C)[^.;]){0,20}?\b(?:signed|placed|finali[sz]ed|concluded|inked|approved)\b(?:(?!@C)[^.;]){0,100}?"
          r"(?P<cue>(?:an? |the )?(?:order|purchase|contract|deal) (?:for|of)) "
          r"(?:[\w$€£%,.'’-]+ ){0,5}?<ARMS>\b(?: [\w-]+){0,3}? from (?:the )?(?P<subj>@C\d+@)"),
    # "Russia's attempt to secure weapons from the DPRK".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)['’]s (?P<cue>attempts?|efforts?|bids?|plans?|moves?|push) to (?:secure|obtain|acquire|buy|procure|"
          r"get|source) (?:[\w$€£%,.'’-]+ ){0,5}?<ARMS>\b(?: [\w-]+){0,3}? from (?:the )?(?P<subj>@C\d+@)"),
    # "Korea Aerospace Industries (KAI) concluded an export execution contract for 48 FA-50 fighter jets worth about
    # 3 billion dollars with the Polish Military Manpower Administration".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP><PAREN><ADV> (?P<cue>signed|concluded|won|inked|clinched|secured) (?:a |an |the )?(?:[\w-]+ ){0,3}?"
          r"(?:deals?|contracts?) (?:for|to (?:supply|export|deliver|sell)) [^;@]{0,40}?(?:@C\d+@ )?(?:[\w-]+ ){0,2}?"
          r"<ARMS>\b[^;@]{0,60}? with (?:the )?(?P<obj>@C\d+@)"),
    # "India … making major purchases from France as well as from the United States and Israel".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)(?:(?!@C)[^.;]){0,100}? (?:making |made |makes |its |their )?(?:(?:major|big|large|significant|"
          r"arms|defen[cs]e|military|weapons?) ){0,2}(?P<cue>purchases|imports|acquisitions) from (?:the )?"
          r"(?P<subj>" + COUNTRY_LIST + r"(?:,? (?:as well as|and) from (?:the )?" + COUNTRY_LIST + r")?)",
          requires=r"(?i:\bdefen[cs]e\b|military|\barms\b|weapons|jets|fighters|aircraft|submarines|warships)"),
    # "Romania becomes the ninth country to acquire the K9 self-propelled howitzer, after Australia, Egypt, India …":
    # the buyers before it bought the same weapon (which stands for its maker's country, makers.py).
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?:country|nation|buyer|customer|operator) to (?P<cue>acquire|buy|order|operate|purchase|receive|field) "
          r"(?:the |a |an )?(?:[\w-]+ ){0,2}?(?P<subj>@C\d+@)(?:-made|-built)? (?:[\w-]+ ){0,2}?<ARMS>\b(?:[^.;@]{0,40})?,? "
          r"after (?:the )?(?P<obj>" + COUNTRY_LIST + ")"),
    # "LIG Nex1 won an order worth 3.71 trillion won ($2.8 billion) from Iraq" (a maker stands for its country).
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP><PAREN><ADV> (?P<cue>won|secured|clinched|landed|received) (?:a |an |the )?(?:[\w$€£%,.'’()-]+ ){0,6}?"
          r"(?:orders?|contracts?) (?:[\w$€£%,.'’()-]+ ){0,6}?from (?:the )?(?P<obj>@C\d+@)",
          requires=r"(?i:missiles?|defen[cs]e|military|\barms\b|weapons?|jets|fighters|howitzers?|tanks?|warships?|"
                   r"submarines?|frigates?|air[- ]defen[cs]e)"),
    # "India is also likely to sign a deal to buy MQ-9B Predator armed drones from the US manufacturer".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)<ADV> (?:(?:has |have |had )?(?:undertaken|undertook|agreed|decided|refused|declined|pledged|"
          r"promised|planned|plans|plan|intends|intended|wants|wanted) to )?(?:(?:sign|signs|signed|inked) (?:a |an )?"
          r"(?:[\w-]+ ){0,2}?"
          r"(?:deal|contract|agreement) to )?(?P<cue>buy|purchase|"
          r"acquire|procure|order) (?:(?!from\b)(?:[\w$€£%,.'’-]+|@C\d+@) ){0,8}?<ARMS>\b(?: (?!from\b)[\w-]+){0,3}? from "
          r"(?:the )?(?P<subj>@C\d+@)"),
    # "Iran is reported to be in talks with China to buy advanced J-10C fighter jets", "Turkey is negotiating with Qatar
    # and Oman over the purchase of used Eurofighter Typhoon jets": a purchase under negotiation (considering).
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)<ADV> (?:(?:is|are|was|were) )?(?:reported(?:ly)? to be |said to be )?(?P<cue>in talks|"
          r"negotiating|in negotiations) with (?:the )?(?P<subj>@C\d+@(?:(?:,? and |, )(?:the )?@C\d+@)*) (?:to (?:buy|"
          r"purchase|acquire)|(?:over|on|about|for) (?:the )?(?:purchase|acquisition|buying) of) "
          r"(?:(?!from\b)(?:[\w$€£%,.'’/-]+|@C\d+@) ){0,6}?<ARMS>\b", considered=True),
    # "Australia is to be equipped with nuclear-powered U.S. submarines".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)<ADV> (?P<cue>equipped|armed) with (?:[\w-]+ ){0,3}?(?P<subj>@C\d+@)(?:-made|-built)? "
          r"(?:[\w-]+ ){0,2}?<ARMS>\b"),
    # "India to pause its purchases of US defence equipment": the owner buys, the country named sells.
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)(?: [\w'’-]+){0,4}? (?:its|their) (?P<cue>purchases?|imports?|acquisitions?|orders?) of "
          r"(?:[\w-]+ ){0,2}?(?P<subj>@C\d+@)(?:-made)? (?:[\w-]+ ){0,2}?<ARMS>\b"),
    # --- arms, the way news writes them ---------------------------------------------------
    # "North Korea has also been accused of supplying Russia with artillery systems, missiles …".
    rule("accused", R.ARMS_SUPPLIER_TO,
          r"(?P<subj>@C\d+@)<ADV> (?:has |have |had )?(?:also )?(?:been |was |were |is |are |stands? )(?:also )?accused of "
          r"(?P<cue>supplying|providing|arming|equipping|sending|selling|shipping|transferring|delivering) (?:the )?"
          r"(?P<obj>" + COUNTRY_LIST + r") with (?:(?:[\w$€£%,.'’-]+|@C\d+@) ){0,6}?<ARMS>\b"),
    # "accused North Korea of supplying Russia with weapons".
    rule("accused", R.ARMS_SUPPLIER_TO,
          r"(?:accused|accuses|accusing|accuse) (?:the )?(?P<subj>@C\d+@) of (?P<cue>supplying|providing|arming|"
          r"equipping|sending|selling|shipping|transferring|delivering) (?:the )?(?P<obj>" + COUNTRY_LIST + r") with "
          r"(?:(?:[\w$€£%,.'’-]+|@C\d+@) ){0,6}?<ARMS>\b"),
    rule("accused", R.ARMS_SUPPLIER_TO,
          r"(?:accused|accuses|accusing|accuse) (?:the )?(?P<subj>@C\d+@) of (?P<cue>supplying|providing|sending|"
          r"selling|shipping|transferring|delivering) (?:(?!to\b)(?:[\w$€£%,.'’-]+|@C\d+@) ){0,8}?<ARMS>\b"
          r"(?: (?!to\b)[\w-]+){0,4}? to <OBJCS>"),
    # "Poland's procurement agency announced plans to buy Polish-made … munitions", "Lithuania has just received the
    # last of 91 German-made Boxer armoured fighting vehicles", "moved toward buying three Turkish-built corvettes" (the
    # buyer first; not "US-built F-16 fighter jets from Denmark": the seller is named after them).
    rule("arms", R.ARMS_SUPPLIER_TO,
          _BUYER + r"<ADV> (?:announced |unveiled )?(?:plans? to |agreed to |decided to |expects? to |is (?:set|due|"
          r"expected) to |moved (?:toward|"
          r"towards|closer to) |(?:shown |showed |expressed )?interest in |(?:signed|inked) (?:a |an )?(?:[\w-]+ ){0,2}?"
          r"(?:contract|deal|agreement)s? to )?"
          r"(?P<cue>buy|bought|buying|purchase[sd]?|purchasing|acquire[sd]?|acquiring|order(?:ed|ing)?|import(?:ed|ing)?|"
          r"received|receives|receiving|(?:took|takes|take|taking) delivery of|(?:has |have )?(?:chosen|chose|picked|selected|"
          r"opted for)) (?:(?:[\w$€£%,.'’-]+|@C\d+@) ){0,6}?"
          # After a verb of buying the maker's demonym or its weapon's name places the arms as "-made" does: "is
          # buying BrahMos missiles", "received German tanks".
          r"(?P<subj>@C\d+@)(?:-(?:made|built|manufactured|produced|designed))? (?:[\w-]+ ){0,3}?<ARMS>\b"
          r"(?! (?:[\w-]+ ){0,3}?from\b)"),
    # "Pakistan added six modern J-10C fighter aircraft made in China", "its third submarine of French design": the
    # buyer's arms made by another.
    *(rule("arms", R.ARMS_SUPPLIER_TO,
           _BUYER + r"<ADV> (?:has |have |had )?(?:(?:plans?|intends?|wants?|agreed|decided|is set|expects?) to )?"
           r"(?P<cue>added|acquired|received|bought|purchased|ordered|inducted|commissioned|operates|fields|launched|"
           r"unveiled|buy|purchase|acquire|order) (?:(?!from\b)[\w$€£%,.'’/-]+ ){0,6}?<ARMS>\b,? " + tail)
      for tail in (r"(?:made|built|manufactured|produced|designed) (?:in|by) (?:the )?(?P<subj>@C\d+@)",
                   r"of (?P<subj>@C\d+@) (?:design|make|manufacture|origin)")),
    # "Zagreb's purchase of 12 French-built Rafale fighter jets": the buyer's purchase of arms its maker's demonym places.
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)['’]s? (?:[\w-]+ ){0,2}?(?P<cue>purchase|order|acquisition|procurement) of (?:[\w$€£%,.'’/-]+ ){0,4}?"
          r"(?P<subj>@C\d+@)-(?:made|built|designed|manufactured) (?:[\w/-]+ ){0,3}?<ARMS>\b"),
    # "Estonia, a NATO member, is strengthening its defences by buying an advanced U.S. rocket artillery system".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)<PAREN> (?:is|are|was|were|has been|have been|will be) (?:[\w'’-]+ ){0,5}?by "
          r"(?P<cue>buying|purchasing|acquiring|ordering) (?:[\w$€£%,.'’-]+ ){0,4}?(?P<subj>@C\d+@)(?:-made|-built)? "
          r"(?:[\w/-]+ ){0,3}?<ARMS>\b"),
    # "Japan has commenced its transfer of air surveillance radar systems to the Philippines".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP><PAREN><ADV> (?:has |have |had )?(?:commenced|begun|began|started|completed|finali[sz]ed|resumed) "
          r"(?:the |its |their )?(?P<cue>transfers?|deliver(?:y|ies)|exports?|shipments?) of "
          r"(?:(?!to\b)(?:[\w$€£%,.'’/-]+|@C\d+@) ){0,6}?<ARMS>\b(?: (?!to\b)[\w-]+){0,3}? to <OBJCS>"),
    # "the sale of 12 Rafale jets to Serbia", "the delivery of American tanks to Ukraine": a sale told as a noun, its
    # seller the arms' maker or their demonym.
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"\b(?P<cue>sale|sales|export|exports|transfer|transfers|delivery|deliveries) of (?:(?!to\b)[\w$€£%,.'’/-]+ ){0,4}?"
          r"(?P<subj>@C\d+@)(?:-(?:made|built|manufactured|produced|designed))? (?:[\w/-]+ ){0,3}?<ARMS>\b"
          r"(?: (?!to\b)[\w-]+){0,3}? to (?:the )?(?P<obj>@C\d+@)"),
    # "Germany's purchase of Israel's Arrow 3", "India's order of Russia's S-400 systems": the seller's weapon, by its
    # arms noun or its capitalised name.
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)['’]s? (?:[\w-]+ ){0,2}?(?P<cue>purchase|order|acquisition|procurement) of (?:the |a |an )?"
          r"(?:[\w$€£%,.'’/-]+ ){0,3}?(?P<subj>@C\d+@)['’]s (?:[\w/-]+ ){0,3}?(?:<ARMS>\b|[A-Z][\w-]*\d[\w-]*\b|"
          r"[A-Z][\w-]* \d+\b)"),
    # "Poland's purchase of K2 tanks from South Korea", "India's order of 26 Rafale Marine jets from France".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)['’]s? (?:[\w-]+ ){0,2}?(?P<cue>purchase|order|acquisition|procurement|import|imports) of "
          r"(?:(?!from\b)(?:[\w$€£%,.'’/-]+|@C\d+@) ){0,6}?<ARMS>\b(?: (?!from\b)[\w/-]+){0,3}? from (?:the )?"
          r"(?P<subj>@C\d+@)"),
    # "Japan signed a contract with the United States for Tomahawk cruise missiles", "signed an agreement with the
    # United States on Monday to buy 24 U.S. F-35 fighter jets", "Iran has completed a deal with Russia to buy … Su-35
    # fighter jets": the buyer's contract with its seller.
    rule("arms", R.ARMS_SUPPLIER_TO,
          _BUYER + r"<ADV> (?P<cue>signed|inked|concluded|completed|finali[sz]ed|reached|struck|sealed|clinched) (?:a |an )?"
          # Not a maker's "export contract with the Kuwaiti government": there the one with is the buyer.
          r"(?:(?!export\b|sales?\b)[\w$€£%.,'’-]+ ){0,3}?(?:contract|deal|agreement)s? with (?:the )?(?P<subj>@C\d+@)"
          r"(?: government)?(?:,? on (?:@D\d+@|[A-Z][a-z]+day),?)? "
          r"(?:for|to (?:buy|purchase|acquire|procure|receive|obtain)) "
          r"(?:(?:[\w$€£%,.'’-]+|@C\d+@(?:-[a-z]+)?) ){0,6}?<ARMS>\b"),
    # "The Netherlands, Denmark and Norway have announced their intent to donate F-16 fighter aircraft to Ukraine";
    # "the U.S. and partner nations have provided to Ukraine air defense systems".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP>(?: and (?:its |their )?(?:partners?|allies|partner (?:nations|countries)|other (?:nations|countries)))?"
          r"<ADV> (?:(?:announced|confirmed|declared) (?:its|their) (?:intent|intention|plans?|decision) to )?"
          r"(?P<cue>donate[sd]?|donating|gifted|gift|pledged|pledges) (?:(?!to\b)(?:[\w$€£%,.'’-]+|@C\d+@) ){0,8}?<ARMS>\b"
          r"(?:,? (?!to\b)[\w-]+){0,4}?,? to <OBJCS>"),
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP>(?: and (?:its |their )?(?:partners?|allies|partner (?:nations|countries)|other (?:nations|countries)))?"
          r"<ADV> (?:(?:announced|confirmed|declared) (?:its|their) (?:intent|intention|plans?|decision) to )?"
          r"(?P<cue>provided|supplied|delivered|sent|donated|given|shipped|transferred) to (?:the )?(?P<obj>@C\d+@) "
          r"(?:(?:[\w$€£%,.'’-]+|@C\d+@) ){0,6}?<ARMS>\b"),
    # "the U.S. may send Ukraine more air-defence missiles" (two objects, the buyer first).
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP><PAREN><ADV> (?:(?:is|are) going to )?(?P<cue>send|sends|sent|sending|give|gives|gave|giving|offer|offers|"
          # Not "will hand the Patriot system over to Ukraine": the weapon's maker is no buyer.
          r"offered|sell|sells|sold|selling|(?:hand|hands|handed|handing)(?= (?:the )?@C\d+@ (?!(?:[\w-]+ ){0,3}?over\b))) "
          r"(?:the )?(?P<obj>@C\d+@) (?:(?:more|additional|new|further|former|its|their|some|up to|of|\d[\d,.]*|[\w-]+-made|"
          r"one|two|three|four|five|six|seven|eight|nine|ten|dozens?) ){0,6}?(?:(?:[\w-]+|@C\d+@) ){0,4}?<ARMS>\b"),
    # "Argentina's government has finalised the purchase of 24 F-16 fighter jets from Denmark".
    rule("arms", R.ARMS_SUPPLIER_TO,
          _BUYER + r"<ADV> (?:finali[sz]ed|completed|announced|approved|signed|agreed|made|closed|sealed) "
          r"(?:the |a |an |its )?(?:[\w$€£%.,'’-]+ ){0,3}?(?P<cue>purchase|acquisition|procurement|order) of "
          r"(?:(?!from\b)(?:[\w$€£%,./'’-]+|@C\d+@) ){0,8}?<ARMS>\b(?: (?!from\b)[\w/-]+){0,3}? from (?:the )?"
          r"(?P<subj>@C\d+@)"),
    # "Romania has signed a letter of offer and acceptance (LoA) to buy 32 Lockheed Martin F-35A … through the US Foreign
    # Military Sales programme": the programme's government sells.
    rule("arms", R.ARMS_SUPPLIER_TO,
          _BUYER + r"<ADV> (?:[^.;@]{0,80}? )?(?P<cue>buy|bought|buying|purchase[sd]?|purchasing|acquire[sd]?|acquiring|"
          r"order(?:ed|ing)?|procure[sd]?) (?:(?!through\b)(?:[\w$€£%,.'’()/-]+|@C\d+@) ){0,8}?<ARMS>\b"
          r"(?: (?!through\b)[\w()-]+){0,4}? through (?:the |its )?(?P<subj>@C\d+@)(?:['’]s)? "
          r"(?:[Ff]oreign [Mm]ilitary [Ss]ales?|FMS)\b"),
    # "Pakistan wants to replace its ageing fleet of American F-16s": what a buyer's forces field was made by another.
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)(?:['’]s)?(?:(?!@C)[^.;]){0,80}?\b(?:its|their|['’]s) (?:[\w-]+ ){0,3}?(?P<cue>fleet|inventory|"
          r"arsenal|stocks?) of (?:[\w-]+ ){0,3}?(?P<subj>@C\d+@)(?:-made|-built|-designed)? (?:[\w/-]+ ){0,3}?"
          r"(?:<ARMS>|[A-Z]{1,4}-?\d+[A-Z]?s?)(?![\w-])"),
    # "Washington authorized permanent export of more than $32.3 million in defense articles to Vietnam".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP><PAREN><ADV> (?:has |have )?(?P<cue>authori[sz]ed|approved|cleared|licensed|(?:gave|given|granted) "
          r"(?:its )?approval (?:to|for)) (?:the |a |an )?(?:[\w-]+ ){0,2}?(?:exports?|sales?|transfers?) of "
          r"(?:(?!to\b)[^.;@]|@C\d+@|up to\b){0,60}?<ARMS>\b(?: (?!to\b)[\w-]+){0,3}? to <OBJCS>"),
    # "The U.S. administration has approved a possible sale to Pakistan of F-16 aircraft sustainment".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP><PAREN><ADV> (?:has |have )?(?P<cue>authori[sz]ed|approved|cleared|licensed) (?:the |a |an )?"
          r"(?:[\w-]+ ){0,2}?(?:exports?|sales?|transfers?) to (?:the )?(?:[Gg]overnment of )?(?P<obj>@C\d+@) of "
          r"(?:(?:[\w$€£%,.'’/-]+|@C\d+@) ){0,6}?<ARMS>\b"),
    # "Australia's new A$10 billion frigate programme for its navy will be delivered by Japan's Mitsubishi Heavy
    # Industries": a buyer's programme delivered by a seller.
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)['’]s? (?:new |planned |future )?(?:[\w$€£%.'’()-]+ ){0,6}?(?:<ARMS>|(?:frigate|submarine|tank|fighter|"
          r"jet|missile|warship|ship|destroyer|shipbuilding|naval|defen[cs]e|military|arms|procurement)s? (?:programme|program|"
          r"fleet|order|contract))\b(?: (?!by\b)[\w-]+){0,4}? (?:will be |would be |is being |was |were |are |to be )?"
          r"(?P<cue>delivered|built|supplied|provided|made) by (?:the )?(?P<subj>@C\d+@)"),
    # "The State Department has made a determination approving a possible Foreign Military Sale to the Taipei
    # Economic and Cultural Representative Office … (TECRO) of …": the approving government sells.
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"(?P<subj>@C\d+@)(?: (?:@C\d+@|[A-Z][\w.'’-]*))*(?: administration| government)?<PAREN><ADV> (?:has |have )?"
          r"(?:made a determination )?(?P<cue>approv\w+|(?:notified|informed) (?:the )?Congress of|announced) (?:(?:a|an|the|"
          r"possible|potential|proposed|about|around|nearly|some|over|more than|US\$[\d.,]+|\$[\d.,]+|[\d.,]+|billion|million|"
          r"in) )*(?:[Ff]oreign [Mm]ilitary |[Dd]irect [Cc]ommercial |arms |weapons? |military |defen[cs]e )?[Ss]ales? "
          r"(?:of (?:[^.;@]|@C\d+@){0,80}? )?to (?:the )?(?P<obj>@C\d+@)"),
    # "Russia is India's largest arms supplier", "China, Pakistan's main weapons supplier", "India's top arms supplier,
    # Russia": a supplier named by its customer.
    rule("supplier", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP><PAREN><ADV> <BE> (?:also |still |now )?(?:one of |among )?(?P<obj>@C\d+@)['’]s (?:[\w-]+ ){0,2}?"
          r"(?P<cue>(?:arms|weapons|defen[cs]e|military|equipment) (?:suppliers?|providers?|exporters?|sellers?))\b"),
    rule("supplier", R.ARMS_SUPPLIER_TO,
          r"(?P<subj>@C\d+@), (?:(?:now|still|long|once) )?(?P<obj>@C\d+@)['’]s (?:[\w-]+ ){0,2}?"
          r"(?P<cue>(?:arms|weapons|defen[cs]e|military) (?:supplier|provider|exporter))\b"),
    rule("supplier", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)['’]s (?:[\w-]+ ){0,2}?(?P<cue>(?:arms|weapons|defen[cs]e|military) (?:supplier|provider|exporter)),? "
          r"(?:the )?(?P<subj>@C\d+@)(?![\w'’-])"),
    # "Russia is the chief supplier of arms to Iran", "China was the main source of weapons for Pakistan", "the largest
    # arms supplier to India", "Germany is the second-largest donor of military assistance to Ukraine".
    rule("supplier", R.ARMS_SUPPLIER_TO,
          r"<SUBJNP><PAREN><ADV> <BE> (?:also |still |now )?(?:the |a |an |one of the |among the )(?:[\w-]+ ){0,2}?"
          r"(?P<cue>(?:arms|weapons|defen[cs]e|military) (?:suppliers?|providers?|exporters?|sources?|donors?)|(?:suppliers?|"
          r"providers?|exporters?|sources?|donors?) of (?:[\w-]+ ){0,2}?<ARMS>\b(?: and [\w-]+)?) (?:to|for) <OBJCS>"),
    # "More than 85,000 military drones have been delivered by the UK to Ukraine".
    rule("arms", R.ARMS_SUPPLIER_TO,
          r"<ARMS>\b(?: [\w-]+){0,3}? (?:have been |has been |had been |were |was |are |is |being )?(?:already |now )?"
          r"(?P<cue>delivered|supplied|sold|provided|sent|transferred|donated|shipped|exported|handed over) by (?:the )?"
          r"(?P<subj>@C\d+@) to <OBJCS>"),
    # "Poland operates American-made F-16 fighter jets", "Azerbaijan, equipped with Turkish and Pakistani weapons": arms
    # a country operates, by their maker's country (not "used captured Russian tanks": taken, not supplied).
    *(rule("operates", R.ARMS_SUPPLIER_TO,
           r"(?P<obj>@C\d+@)" + verb + r" (?:the |a |an |its |their )?(?:(?!captured|seized|own\b)[\w$,.-]+ ){0,3}?"
           r"(?P<subj>" + COUNTRY_LIST + r")(?:-made|-built|-designed|-supplied)? (?:(?:[\w-]+|@C\d+@) ){0,3}?<ARMS>\b")
      for verb in (r"<PAREN><ADV> (?P<cue>operates|operated|fields|fielded|flies|flew|uses|used|relies on|relied on|"
                   r"(?:is|was|are|were) (?:equipped|armed) with)", r", (?P<cue>equipped with|armed with)")),
    # "India's ageing Russian-made equipment": what a country has, by whose make.
    rule("operates", R.ARMS_SUPPLIER_TO,
          r"(?P<obj>@C\d+@)['’]s (?:(?:ageing|aging|old|older|existing|current|new|newer|Soviet-era) )?(?P<subj>@C\d+@)"
          r"(?P<cue>-made|-built|-supplied) (?:(?:[\w-]+|@C\d+@) ){0,3}?(?:<ARMS>|equipment|hardware|arsenal)\b"),
)
