"""Which dated expression is an event's own date (issues 13/16).

``event_time`` picks, for one mention, the dated expression in the trigger's own clause, else the
nearest in its sentence, else the last day or week told before it in its paragraph, with two
rules an analyst applies when reading news:

- a date attached to a reporting verb ("an official *said Tuesday*", "the embassy *confirmed on
  Wednesday*", "*told reporters* Monday") is when the source spoke, which dates the report, not
  the event it reports. It dates the event only when nothing else in the sentence does and the
  sentence says the event happened that same day ("earlier in the day", "hours earlier").
- a date that names an event by a noun ("the *Dec. 10 bombings*", "*Tuesday's* attack") belongs
  to that event, often a background or another incident: it dates its own sentence, but it is
  not carried to later sentences, which may tell a later event (the arrests after the attack).
  Nor is a date a source spoke on carried: the next sentence's event is not dated by a speech.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from dateline.records import TimeExpr

if TYPE_CHECKING:
    from dateline.extract.mentions import Mention

# a reporting verb, its object or a short phrase ("told reporters", "said in a statement"), then
# the date, optionally after "on" / "late" / "early"; not a reported clause ("said that …") nor
# "claimed" (a claim of responsibility for the Dec. 10 bombings dates the bombings)
_SPOKE_BEFORE = re.compile(
    r"\b(?:said|says|told|tells|announced|reported|stated|confirmed|added|disclosed|revealed|"
    r"informed|acknowledged|noted|explained)"
    r"(?P<gap>\s+(?!(?:that|it|he|she|they|we|will|would|to)\b)[^,;:.\d\"“”]{0,30}?)?"
    r"\s+(?:(?:on|late|early)\s+)?$",
    re.I,
)
# a passive reports that something happened, with no one speaking ("looting was reported on
# Tuesday morning": the looting's day)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.I)
# a gap ending in a preposition relates the date to something else ("said of the attack on Monday")
_GAP_ENDS_IN_PREPOSITION = re.compile(
    r"\b(?:for|of|after|since|before|until|about|over|from|by|at|to|in|during|with)\s*$", re.I
)
# the sentence says the event happened on the day the source spoke
_SAME_DAY = re.compile(
    r"\b(?:earlier|later)\s+(?:in\s+)?(?:the|that)\s+day\b|\b(?:on\s+)?the\s+same\s+day\b|"
    r"\bthat\s+(?:same\s+)?day\b|\bhours\s+(?:earlier|before)\b|\bearlier\s+today\b",
    re.I,
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s|\n")
_INCIDENT = (
    r"(?:blasts?|attacks?|bombings?|explosions?|killings?|shootings?|raids?|clash(?:es)?|crash|ambush(?:es)?|"
    r"assaults?|massacres?|fires?|murders?|kidnappings?|stabbings?|riots?|coup|violence|strikes?|"
    r"airstrikes?|air\s+strikes?|protests?|unrest|incidents?|assassination|siege|fighting|battle)"
)
# a date before its noun or a possessive ("the Dec. 10 bombings", "Tuesday's vote"): it names that
# event or thing; after a preposition it is its clause's time ("on Monday fighting resumed")
# (the word between may be an adjective, "the Dec. 10 suicide bombings", never a determiner:
# "police said Tuesday the attack killed five" is a day of speaking before its clause)
_NAMES_A_NOUN = re.compile(
    rf"(?P<own>['’]s\b)|\s+(?:(?!(?:the|a|an|this|that|these|those|its|their|his|her)\b)"
    rf"[a-z][\w-]*\s+)?{_INCIDENT}\b",
    re.I,
)
NAMED_NOUN_CHARS = 30  # how far after a time the noun it names may start ("Friday evening's shooting")
_PREPOSITION_BEFORE = re.compile(r"\b(?:on|since|until|by|from|through)\s+$", re.I)


def spoken_date(text: str, t: TimeExpr) -> bool:
    """Whether ``t`` is the day a source spoke ("police said Tuesday"), not an event's date."""
    left = text[max(0, t.start - 60) : t.start]
    m = _SPOKE_BEFORE.search(left)
    if m is None or names_an_event(text, t) or _PASSIVE_BEFORE.search(left, 0, m.start()):
        return False
    return not (m["gap"] and _GAP_ENDS_IN_PREPOSITION.search(m["gap"]))


def names_an_event(text: str, t: TimeExpr) -> bool:
    """Whether ``t`` is part of a noun phrase naming an event or a thing ("the Dec. 10 bombings",
    "Tuesday's attack"), rather than the time of its clause."""
    m = _NAMES_A_NOUN.match(text, t.end)
    if m is None:
        return False
    return bool(m["own"]) or not _PREPOSITION_BEFORE.search(text[max(0, t.start - 10) : t.start])


def dates_another(text: str, t: TimeExpr, trigger: int) -> bool:
    """Whether ``t`` names an event ("Friday's shooting") that is not the one whose trigger
    starts at ``trigger`` (the named noun follows the time, within a few words)."""
    return names_an_event(text, t) and not (t.end <= trigger <= t.end + NAMED_NOUN_CHARS)


def _speech_days(text: str, dated: Sequence[TimeExpr]) -> set[int]:
    """The ``id`` of each time that is a source's day of speaking: a spoken date, and a same-day
    phrase in its sentence ("…, while the ministry *on the same day* condemned it"), which is
    anchored on it."""
    spoken = [t for t in dated if spoken_date(text, t)]
    days = {id(t) for t in spoken}
    for t in dated:
        if _SAME_DAY.search(t.text) and any(
            not _SENTENCE_BREAK.search(text, min(s.end, t.end), max(s.start, t.start)) for s in spoken
        ):
            days.add(id(t))
    return days


def event_time(
    text: str, mention: Mention, times: Sequence[TimeExpr], published: date | None
) -> TimeExpr | None:
    """The event's date for ``mention`` among ``times`` (see the module's rules); never one after
    the publication date (that would be a plan, not an event); None when nothing dates it."""
    dated = [
        t
        for t in times
        if t.date_start
        and t.date_end
        and t.type in ("DATE", "TIME")
        and t.value[:1].isdigit()  # "now", "recently": no calendar date to give
        and (published is None or date.fromisoformat(t.date_start) <= published)
    ]

    def within(span: tuple[int, int] | None) -> list[TimeExpr]:
        return [t for t in dated if span and span[0] <= t.start and t.end <= span[1]]

    speech = _speech_days(text, dated)
    in_sentence = within(mention.sentence)
    own = [t for t in within(mention.clause) if id(t) not in speech]
    sentence = [t for t in in_sentence if id(t) not in speech]
    trigger = mention.trigger[0]
    # "took to the streets on Saturday to protest at Friday's shooting": a time naming another
    # event dates that one, not this mention's
    plain = [t for t in own or sentence if not dates_another(text, t, trigger)]
    candidates = plain or [t for t in sentence if not dates_another(text, t, trigger)] or own or sentence
    # "abducted earlier in the day, the consulate said on Thursday": the event's own clause says
    # it happened on the day the source spoke
    if not candidates and _SAME_DAY.search(text, *(mention.clause or mention.sentence)):
        candidates = [t for t in in_sentence if spoken_date(text, t)]
    if not candidates and mention.paragraph_span:
        before = [
            t
            for t in within(mention.paragraph_span)
            if t.end <= mention.sentence[0] and id(t) not in speech and not names_an_event(text, t)
        ]
        candidates = [t for t in before if (t.precision or 3) <= 2][-1:]  # a day or a week, not "in 2016"
    if not candidates:
        return None
    return min(candidates, key=lambda t: (abs(t.start - trigger), t.precision or 3))
