"""Agreements told by their kind, and the countries a passage gives as a grouping's members.

"signed a 10-year defence framework agreement with India", "visiting forces agreements with Australia and Japan", "a
similar treaty with Russia", "security deals with Denmark and Finland": an agreement named by what it is, whose
parties the sentence gives (the country before the kind and the one after "with", or the pair before "their"). And the
list right after a name ("(IPP) Australia, Japan, New Zealand, and the ROK", "an alliance of three European countries
– Lithuania, Poland, and Ukraine –"). Kept apart from :mod:`store.pipeline.extract.groupings`, which reads the names,
because both are about whose a grouping is, not whether a passage names one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from store.models import MentionSpan
from store.pipeline.extract.references import sentence_end, sentence_start

ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z0-9&-]{1,9})\)")
_LIST_START = re.compile(
    r"(?:\s*\([^)]{1,12}\))?(?:,?\s+(?:established|founded|formed|created|set\s+up|signed|concluded)\s+by\s+|"
    # "NATO's partners in the Indo-Pacific region, together with Australia, …"
    r",?\s+together\s+with\s+|\s*[:,–-]\s*|\s+(?:of|between|among|with|including|by)\s+|\s+)?"
    # "an alliance of three European countries – Lithuania, Poland, and Ukraine –"
    r"(?:(?:the\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:other\s+|more\s+)?(?:[A-Z][\w-]*\s+)?"
    # "with 11 other countries, among them the United States, Britain and Australia"
    r"(?:countries|nations|states)(?:,?\s+(?:among\s+them|including|such\s+as)\s+|\s*[:,–-]\s*|\s+\(|\s+))?"
    # "consisting of the Central European states of Austria, Croatia, …"
    r"(?:(?:the\s+)?(?:[A-Z][\w-]*\s+){1,2}(?:countries|nations|states)\s+of\s+)?(?:the\s+)?")
_LIST_GAP = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")

KIND_OF_AGREEMENT = re.compile(
    # The article may be followed by a quote ("signed an 'arrangement concerning defence cooperation'"); a plural needs
    # none ("the signing of defense cooperation agreements between Manila and Hanoi").
    r"(?:\b(?:[Aa]n?|[Tt]he|[Tt]heir|[Ii]ts|[Oo]ur)\s+[\"“‘']?|(?=(?:[\w-]+\s+){1,3}(?:agreements|deals)\b)|(?=(?:RAA|VFA|SOFA|SOVFA)s\b))(?:(?:new|landmark|historic|legally[- ]binding|bilateral|"
    r"trilateral|strategic|maritime|formal|wide-ranging|\d+-year|ten-year|first-ever|long-awaited|similar|comparable|"
    r"government-to-government|intergovernmental|inter-governmental|"
    # "a 2017 security treaty with Australia" (a year before a treaty of no stated subject is an older story's).
    r"(?:19|20)\d\d(?=\s+(?:[\w-]+\s+)?(?:defen[cs]e|security|military|mutual)\b)|"
    # Any adjective a reporter gives it: "a refreshed security cooperation agreement", "an ambitious security
    # agreement", "a sweeping regional security pact" (the kind after it still has to be defence or security).
    # Words a kind can open with stay the kind's: "a mutual defence treaty", "an enhanced strategic partnership".
    r"(?!(?:mutual|comprehensive|special|global|enhanced|reciprocal|inter-?governmental)\b)[a-z][a-z-]*(?:ed|ive|ous|al|ic|ful)|"
    # "their long-standing strategic partnership" (not "a deepening strategic partnership between Moscow and Beijing",
    # a trend of a relation rather than a partnership the two have).
    r"long-standing|longstanding|existing|enduring)\s+)*"
    r"\b(?P<kind>(?:RAA|VFA|SOFA|SOVFA)s|(?:(?:comprehensive|special|global|enhanced)\s+)?strategic\s+partnership(?:\s+(?:treaty|agreement|pact))?|"
    r"(?:defen[cs]e|security|partnership|mutual\s+defen[cs]e|defen[cs]e\s+and\s+security|security\s+and\s+defen[cs]e|"
    r"reciprocal\s+access|status\s+of\s+forces|visiting\s+forces|military)"
    r"(?:\s+(?:cooperation|framework|co-operation))?\s+(?:agreement|pact|treaty|accord)s?|"
    # "Ukraine had already signed similar security deals with Denmark and Finland" (a deal of defence is a sale).
    r"security\s+deals?|"
    # "a 10-year defense cooperation framework between Washington and New Delhi".
    r"(?:defen[cs]e|security|military)\s+(?:(?:industrial\s+)?cooperation\s+|partnership\s+)?(?:framework|roadmap)|"
    # "an inter-governmental framework agreement on security cooperation"
    r"(?:inter-?governmental\s+)?framework\s+agreement\s+on\s+(?:security|defen[cs]e)(?:\s+cooperation)?|"
    # "an 'arrangement concerning defence cooperation'", "a memorandum of understanding on bilateral military cooperation".
    r"(?:defen[cs]e|security)(?:\s+cooperation)?\s+arrangement|arrangement\s+(?:concerning|on)\s+(?:defen[cs]e|security)"
    r"\s+cooperation|memorandum\s+of\s+understanding\s+on\s+(?:bilateral\s+)?(?:defen[cs]e|security|military)"
    r"(?:\s+cooperation)?|"
    r"(?:trilateral\s+|bilateral\s+)memorandum(?:\s+of\s+understanding)?|"
    # "signed a defence memorandum of understanding (MoU)", "a security MoU".
    r"(?:defen[cs]e|security|military)(?:\s+cooperation)?\s+(?:memorandum(?:\s+of\s+understanding)?|MoU|MOU)|"
    # "Turkey and Spain signed a memorandum of understanding (MoU) on Friday for the purchase of Hurjet jet trainers":
    # a memorandum of no stated subject is a defence one when the rest of its clause is about arms or the military.
    r"(?:[Mm]emorandum\s+of\s+[Uu]nderstanding|MoU|MOU)(?=(?:\s*\([^)]{1,12}\))?[^.;]{0,90}?\b(?:defen[cs]e|military|arms|"
    r"weapons|(?:jet\s+)?trainers|fighter\s+jets|fighters|drones|submarines|missiles|warships|frigates|tanks|howitzers|"
    r"ammunition)\b)|"
    # "a memorandum of understanding related to cooperative security activities", "a bilateral agreement on information
    # security", "a letter of intent on defence procurement": any agreement whose subject is defence or security.
    # Capitalised as the title of the signed text is: "the Agreement on security cooperation between Ukraine and France".
    r"(?:[Mm]emorandum\s+of\s+[Uu]nderstanding|MoU|MOU|[Ll]etter\s+of\s+[Ii]ntent|[Aa]greement|[Aa]rrangement)\s+(?:on|related\s+to|"
    r"concerning|regarding|covering|for(?=\s+the\s+transfer\s+of\s))\s+"
    r"(?:(?!and\b|or\b|with\b)[a-z-]+\s+){0,3}?(?:[Dd]efen[cs]e|[Ss]ecurity|[Mm]ilitary|"
    r"police|policing)(?:\s+(?:[Cc]ooperation|activities|equipment|information|matters|procurement))?|"
    # "France and Poland signed a treaty on Friday": a treaty or pact the sentence's pair signed.
    # Not "signed a pact on developing nuclear power".
    r"(?:(?<=signed a )|(?<=signed a new ))(?:treaty|pact)(?!\s+on\s+(?:[a-z-]+\s+)?(?:nuclear|energy|trade|investment|"
    r"economic|tourism|culture|cultural|education|health|fisheries|climate))|"
    # "North Korea signed a similar treaty with Russia": a treaty or pact told by the country after "with".
    r"(?:treaty|pact)(?=\s+with\s))\b")
# A clause of mutual defence in the sentence that tells a treaty: "a treaty … under which each side promises to help the
# other if it is attacked" is an alliance (as the store codes ANZUS), not an agreement parties are party to.
MUTUAL_DEFENCE = re.compile(
    r"\b(?:help|assist|aid|defend|support|come\s+to\s+the\s+(?:aid|defen[cs]e)\s+of)\s+(?:the\s+other|each\s+other|one\s+"
    r"another)\b[^.;]{0,60}?\b(?:attack|aggression|invasion|invaded)|\bmutual[\s-]+(?:defen[cs]e|assistance)\s+(?:clause|"
    r"commitment|obligation|guarantee)|\bif\s+(?:either|one)\s+(?:of\s+them\s+|side\s+|party\s+)?(?:is|were|comes\s+under)\s+"
    r"(?:attacked|under\s+attack)")
KIND_NOUNS = frozenset("agreement pact treaty accord arrangement memorandum partnership framework roadmap".split())
AGREEMENT_ACRONYMS = frozenset("raa vfa sofa sovfa".split())
_PLURAL_KIND = re.compile(r"\b(agreement|pact|accord|arrangement|partnership|RAA|VFA|SOFA|SOVFA)s$|\b([Tt]reat)ies$")
_DEAL = re.compile(r"\bdeals?$")


def singular(kind: str) -> str:
    """One agreement of the kind a plural told: "visiting forces agreements" → "visiting forces agreement", "RAAs" →
    "RAA", "treaties" → "treaty"."""
    return _PLURAL_KIND.sub(lambda m: m.group(1) or m.group(2) + "y", _DEAL.sub("agreement", kind))


_WITH = re.compile(r"\s+with\s+(?:the\s+|his\s+|her\s+|their\s+)?")


def with_and_subject(s: str, start: int, end: int, countries: Sequence[MentionSpan]) -> frozenset[str]:
    """"The United States has signed a … agreement with India": the sentence's country before the kind and the
    one after "with"; "South Korea and Romania … their strategic partnership": the pair named before "their"."""
    after = [c for c in countries if c.start >= end and _WITH.fullmatch(s, end, c.start)]
    begin = sentence_start(s, start)
    before = [c for c in countries if begin <= c.start < start]
    if after and before:
        return frozenset({before[-1].entity_id, after[0].entity_id}) if before[-1].entity_id != after[0].entity_id \
            else frozenset()
    # "South Korea and Romania … their strategic partnership", "South Korea and the Philippines … raised their
    # relationship to a strategic partnership".
    if len({c.entity_id for c in before}) == 2 and re.search(r"\btheir\b", s[before[-1].end:start]):
        return frozenset(c.entity_id for c in before)
    # "On Monday China and the Solomon Islands signed an agreement on police cooperation as part of …" (other countries
    # later in the sentence): the pair that signed it.
    if (len(before) >= 2 and before[-2].entity_id != before[-1].entity_id
            and _AND.fullmatch(s, before[-2].end, before[-1].start) and _SIGNED.fullmatch(s, before[-1].end, start)):
        return frozenset({before[-2].entity_id, before[-1].entity_id})
    return frozenset()


_AND = re.compile(r"\s+and\s+(?:the\s+)?")
_SIGNED = re.compile(r"(?:\s+(?:have|has|had|also|jointly|formally|officially|on\s+\w+))*\s+(?:signed|concluded|inked|"
                     r"sealed|agreed(?:\s+on)?|finali[sz]ed|reached)\s+(?:an?|the|their|a\s+new)\s+(?:[\w-]+\s+){0,3}?")


def pairs_with(s: str, start: int, end: int, countries: Sequence[MentionSpan]) -> list[frozenset[str]] | None:
    """"The Philippines has visiting forces agreements with Australia and Japan": one agreement of the sentence's
    country before the kind with each country listed after "with", not one agreement of the listed countries."""
    lead = _WITH.match(s, end)
    if lead is None:
        return None
    begin = sentence_start(s, start)
    before = [c for c in countries if begin <= c.start < start]
    listed = members_after(s, lead.end(), countries)
    if not before:
        # "It has already signed RAAs with Australia and the United Kingdom": whose they are is an earlier
        # sentence's; the listed countries are not parties of one agreement.
        return [frozenset()] if listed else None
    owner = before[-1].entity_id
    return [frozenset({owner, c}) for c in sorted(listed) if c != owner] or None


def sentence_pair(s: str, pos: int, countries: Sequence[MentionSpan]) -> frozenset[str]:
    """The two countries a sentence names, if it names exactly two."""
    start, end = sentence_start(s, pos), sentence_end(s, pos)
    named = frozenset(c.entity_id for c in countries if start <= c.start < end)
    return named if len(named) == 2 else frozenset()


def members_after(s: str, end: int, countries: Sequence[MentionSpan]) -> frozenset[str]:
    """The countries listed right after a name: "(IPP) Australia, Japan, New Zealand, and the ROK"."""
    lead = _LIST_START.match(s, end)
    pos = lead.end() if lead else end
    members: list[str] = []
    for c in countries:
        if c.start < pos:
            continue
        gap = s[pos:c.start]
        if members and not _LIST_GAP.fullmatch(gap) or not members and gap:
            break
        members.append(c.entity_id)
        pos = c.end
        paren = ACRONYM_AFTER.match(s, pos)  # "the Republic of Korea (ROK)"
        if paren:
            pos = paren.end()
    return frozenset(members) if len(set(members)) >= 2 else frozenset()


# What a grouping's new members do just before its name: "Austria and Switzerland formally joined the German-led …".
_JOINING = re.compile(r"(?:,?\s+(?:have|has|had|are|is|were|was|will|would|also|now|to|set|expected|going|plans?|planned|"
                      r"decided|agreed|[a-z]+ly))*\s+(?:join|joins|joined|joining|signed\s+up\s+to|acceded\s+to)\s+"
                      # "joined the German-led …", "joined NATO's Defence Education Enhancement Programme".
                      r"(?:the\s+)?(?:[A-Z][\w-]*-led\s+|[A-Z]{2,6}(?:['’]s)?\s+|Alliance['’]s\s+)?")


def joiners(s: str, start: int, countries: Sequence[MentionSpan]) -> frozenset[str]:
    """The countries that join the grouping named at ``start``, listed as the subject of "join" right before it
    ("Turkey and Greece are to formally join the European Sky Shield Initiative")."""
    # The leader in "the German-led …" is a word of the name's, not a joiner.
    before = [c for c in countries if c.end <= start and c.start >= sentence_start(s, start) and s[c.end:c.end + 4] != "-led"]
    if not before or not _JOINING.fullmatch(s, before[-1].end, start):
        return frozenset()
    run = [before[-1]]
    for c in reversed(before[:-1]):
        if not _LIST_GAP.fullmatch(s, c.end, run[-1].start):
            break
        run.append(c)
    return frozenset(c.entity_id for c in run)


# An agreement or memorandum told bare ("signed a memorandum of understanding with his Bahraini counterpart"): one of
# defence when its sentence is about defence or security and names the two that signed it. Not a trade deal.
BARE_AGREEMENT = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?:(?!(?:trade|free|economic|investment|tax|energy|climate|customs|visa|aviation|fisheries|"
    r"cultural|health|science|education)\b)[a-z][a-z-]*\s+){0,2}?(?P<kind>memorandum\s+of\s+understanding|MoU|MOU|agreement|"
    r"arrangement)"
    # "an agreement that …" is mostly an act of agreeing; "an arrangement that will allow …" the text signed.
    r"\b(?!\s+(?:on|of|to|related|concerning|regarding|covering)\b)(?!(?<!arrangement)\s+that\b)")
SECURITY_WORD = re.compile(r"(?i)\b(?:defen[cs]e|security|military|armed forces|army|navy|air force)\b")
# A purchase is a contract, not an agreement between governments ("signed an agreement … to buy 24 U.S. F-35 fighter
# jets", "… to receive a $960 million airspace reconnaissance system"), and a sentence about trade tells a trade deal.
OTHER_DEAL = re.compile(r"(?i)\b(?:buy|buying|purchas\w*|procur\w*|acquir\w*|receive|obtain|sales?|sell\w*|orders?|"
                        r"fighters?|jets?|tanks?|missiles?|Gripens?|F-\d+s?|trade|economic|investment|tariffs?|energy|climate)\b")
# The signer right before a bare agreement: "Israel's Defence Minister Benny Gantz on Thursday signed a memorandum".
_SIGNER = re.compile(r"(?:['’]s?\s+(?:[\w.-]+\s+){0,6}?|\s+(?:[\w-]+\s+){0,3}?)(?:signed|concluded|inked|sealed)\s+"
                     r"(?:an?|the)\s+(?:[\w-]+\s+){0,2}?")


def signed_by(s: str, start: int, countries: Sequence[MentionSpan]) -> bool:
    """Whether the last country before ``start`` in its sentence signed what ``start`` names, by the words between."""
    before = [c for c in countries if sentence_start(s, start) <= c.start and c.end <= start]
    return bool(before) and _SIGNER.fullmatch(s, before[-1].end, start) is not None
