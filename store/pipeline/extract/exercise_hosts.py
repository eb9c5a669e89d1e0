"""The host of a multilateral exercise, carried to the sentences that list who took part (issue 14, twelfth round).

An exercise's host is often named once ("Pitch Black, hosted by the Royal Australian Air Force", "the Australian-led
Talisman Sabre") and its guests sentences later ("this year's exercise is notable for the participation of six new
countries: the Philippines, Spain, …"). As the labelling rules code a multilateral exercise, its host cooperates with
each guest (the guests not with each other). :func:`follow_host` keeps the last host the article named and writes it
into a later sentence's "the exercise" as "the <host>-hosted exercise", the way :mod:`.arms_customers` writes a weapon
named before; the cooperation rules (``cooperation_rules``, "exercise host") then read the guests beside it. A sentence
that names no exercise is left as it is, and a host named again replaces the one before.
"""

from __future__ import annotations

import re

_EXERCISE = r"(?:exercises?|drills?|war games|wargames|manoeuvres|maneuvers)"
# "the Australian-led exercise", "Pitch Black, hosted by the Royal @C@ Air Force", "@C@ hosts the biennial exercise".
_HOST = re.compile(
    r"(?P<a>@C\d+@)[-–](?:hosted|led|organi[sz]ed)\b(?: [\w-]+){0,4}? " + _EXERCISE + r"\b|"
    + r"(?:[Ee]xercises?|[Dd]rills?|war games|wargames|manoeuvres|maneuvers)\b(?: [A-Z][\w-]*| \d{4}){0,3},? "
    r"(?:(?:is|was|are|were|will be) )?(?:hosted|led|organi[sz]ed|run) by "
    r"(?:the )?(?:[A-Z][\w-]* ){0,3}?(?P<b>@C\d+@)|"
    r"(?P<c>@C\d+@)(?:['’]s)?(?: [A-Z][\w-]*){0,3} (?:hosts|hosted|is hosting|was hosting|leads|led|organi[sz]es|organi[sz]ed) "
    r"(?:the |a |an |this year['’]s |@D\d+@['’]s |its )?(?:[\w-]+ ){0,5}?" + _EXERCISE + r"\b|"
    # "the Royal Australian Air Force's premiere biennial flying exercise" (not "Japan's part in the exercise").
    r"(?P<e>@C\d+@)(?: [A-Z][\w-]*){0,3}['’]s? (?:(?!in\b|of\b|with\b|to\b|for\b|at\b)[\w-]+ ){0,4}?" + _EXERCISE + r"\b|"
    # "Exercise Talisman Sabre is Australian-led".
    r"\b(?:[Ee]xercise (?:[A-Z][\w-]* ?){1,3}|" + _EXERCISE + r")(?:,[^,;.]{1,60},)? (?:is|was|are|were) (?:[\w-]+ ){0,2}?"
    r"(?P<d>@C\d+@)[-–](?:led|hosted|organi[sz]ed)\b")
# The exercise referred to, not named with its host: "the exercise", "this year's exercise", "the biennial drills".
# ("this year" is a date token once the publication date is known: "@D0@'s exercise").
_THE_EXERCISE = re.compile(r"(?:\b(?:[Tt]he|[Tt]his year['’]s|[Tt]his|[Ii]ts)|@D\d+@['’]s) "
                           r"((?:[\w-]+ ){0,3}?" + _EXERCISE + r")\b")


# Most sentences name no exercise: they are passed over at the cost of one search.
_ANY_EXERCISE = re.compile(r"(?i:exercis|drill|war ?games|manoeuv|maneuv)")


def host_named(template: str, tokens: dict[str, tuple[str, int, int]]) -> str | None:
    """The country that hosts the exercise this sentence names, if it says."""
    m = _HOST.search(template)
    if m is None:
        return None
    token = m.group("a") or m.group("b") or m.group("c") or m.group("d") or m.group("e")
    return tokens[token][0] if token in tokens else None


def follow_host(template: str, tokens: dict[str, tuple[str, int, int]], start: int,
                host: str | None) -> tuple[str, str | None]:
    """The sentence's template with "the exercise" written as the host's when the article named its host before
    (none if the sentence names one itself), and the host the next sentence's exercise means."""
    if not _ANY_EXERCISE.search(template):
        return template, host
    here = host_named(template, tokens)
    if here is not None or host is None:
        return template, here or host
    m = _THE_EXERCISE.search(template)
    if m is None:
        return template, host
    token = f"@C{3000 + len(tokens)}@"  # past any token the sentence, its plurals and a weapon have
    tokens[token] = (host, start, start)
    return template[:m.start()] + f"the {token}-hosted " + m.group(1) + template[m.end():], host
