"""Normalisation against the anchor: the tense of the clause around an expression, and the
year or weekday an underspecified date ("10 January", "on Wednesday") takes from the DCT.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from .lexicon import _FUT, _PAST, _SENT_END, _WEAK_PAST, D
from .verbs import IRREGULAR_PAST


@dataclass
class Ctx:
    """A match in its text: the DCT, the caller's tense hints and the match's offsets."""

    text: str
    dct: D | None
    hints: dict[int, str]
    start: int
    end: int

    def tense(self) -> str | None:
        """past | future | present | None, from hints or the words around the expression."""
        if self.start in self.hints:
            return self.hints[self.start]
        return self._cue[0]

    def event_past(self) -> bool:
        """Whether the clause is past by its own verb ("the factory closed", "was shut", "began"),
        not only by a report's "said" / "told" (which news puts in nearly every sentence)."""
        if self.start in self.hints:
            return False
        name, word, at = self._cue
        if word == "attached":  # "the blast on May 3", "suspects arrested on May 3": an incident's
            return True
        if name != "past" or word.lower() in _REPORTING or at is None or at > self.start:
            return False
        # the verb's own time, not a later one it points to ("extended to Nov. 16", "decided to
        # admit in March", "payable Dec. 7") nor an adjective ("the reduced dividend")
        gap = self.text[at : self.start]
        before = self.text[max(0, at - 5) : at]
        return not _FORWARD_GAP.search(gap) and not re.search(r"\b(?:the|a|an)\s+$", before, re.I)

    @cached_property
    def _cue(self) -> tuple[str | None, str, int | None]:
        """The tense cue nearest the expression in its clause, its word and its offset (worked out
        once per match: ``tense``, ``event_past`` and the guideline resolvers all ask for it)."""
        if _attached_past(self.text, self.start, self.end):
            return "past", "attached", None
        lo = max(0, self.start - 80)
        left = self.text[lo : self.start]
        cut = [m.end() for m in _SENT_END.finditer(left)]
        left = left[cut[-1] :] if cut else left
        right = self.text[self.end : self.end + 60]
        m = _SENT_END.search(right)
        right = right[: m.start()] if m else right
        # an attribution after a comma ("…as soon as Tuesday, Castro said") is the reporter's
        # past, not the clause's tense: the right context stops at its comma
        if a := _ATTRIBUTION.search(right):
            right = right[: a.start()]
        # a verb after "and" or "but" is another clause's ("planned a march on Saturday and were
        # planning to drive …"): the date's own clause ends there
        if a := _CONJ_VERB.search(right):
            right = right[: a.start()]
        # a relative clause tells of something else: its verb is no cue for the date ("Monday's
        # vote, which could topple the cabinet, was postponed", "a court that could jail him
        # heard the case on Monday"); one still open before the date holds it ("the talks, which
        # could end on Friday") and is kept
        left = _REL_CLOSED.sub(_blank, left)
        right = _REL_MODAL.sub(_blank, _REL_OPEN.sub(_blank, right))
        # a date right after a report's verb and its object ("he told reporters Tuesday he would
        # resign", "said in a statement Monday") is when the source spoke: the clause after it
        # is what was said, its future no cue
        if (r := _REPORT_BEFORE.search(left)) and not _FUT.search(left, r.end(1)):
            return "past", r[1], self.start - len(left) + r.start(1)
        # a copula right before the date is a schedule told in the present ("the vote is on
        # Sunday", "the funeral is Saturday", "talks are set for Friday"): a past one says "was"
        if r := _SCHEDULE_BEFORE.search(left):
            return "future", r[0].strip(), self.start - len(left) + r.start()
        best: tuple[int, str, str, int] | None = None
        rules = ((_FUT, "future"), (_PAST, "past"), (_WEAK_PAST, "past"), (IRREGULAR_PAST, "past"))
        # "will be formally signed": a participle after a future auxiliary is no past, unless a
        # comma closes the future's clause ("they would appeal the ruling, announced Wednesday");
        # after the expression ("the Aug. 7 blasts killed") a verb in -ed is the clause's own
        weak_from = 0 if not _FUT.search(left) else left.rfind(",") + 1 if "," in left else len(left)
        found: list[tuple[int, str, str, int]] = []
        for rx, name in rules:
            for m in rx.finditer(left, weak_from if rx in (_WEAK_PAST, IRREGULAR_PAST) else 0):
                found.append((len(left) - m.end(), name, m[0], self.start - len(left) + m.start()))
            if m2 := rx.search(right):
                found.append((m2.start() + 5, name, m2[0], self.end + m2.start()))
        if not found:
            # a fronted date before a long aside ("In January, a week after the anniversary of
            # the ruling, gunmen killed …"): the clause's verb is further on in the sentence
            rest = self._rest
            found = [
                (m.start(), name, m[0], self.end + m.start()) for rx, name in rules if (m := rx.search(rest))
            ]
        best = min(found, key=lambda f: f[0], default=None)
        # "until" points ahead only in a clause that is not past: "Until Thursday, they had not
        # named him", "the border was open until Friday" tell of a time over
        if best and best[2].lower() in ("until", "till"):
            best = min((f for f in found if f[1] == "past"), key=lambda f: f[0], default=best)
        return (best[1], best[2], best[3]) if best else (None, "", None)

    @cached_property
    def _rest(self) -> str:
        """The rest of the expression's sentence after the near window, up to ``REST_REACH``
        characters, stopped at an attribution ("…, officials said") or another clause's verb."""
        right = self.text[self.end : self.end + REST_REACH]
        m = _SENT_END.search(right)
        right = right[: m.start()] if m else right
        for rx in (_ATTRIBUTION, _CONJ_VERB):
            if a := rx.search(right):
                right = right[: a.start()]
        return _REL_MODAL.sub(_blank, _REL_OPEN.sub(_blank, right))


_CONJ_VERB = re.compile(
    r"\s(?:and|but)\s+(?:(?:then|later|also)\s+)?(?:was|were|had|has|have|is|are|will|would|said)\b"
)
_REL_CLOSED = re.compile(r",\s*(?:which|who|whom|whose)\b[^,;]*,", re.I)
_REL_OPEN = re.compile(r",\s*(?:which|who|whom|whose)\b[^,;]*(?:,|$)", re.I)
_REL_MODAL = re.compile(r"\b(?:that|which|who)\s+(?:will|would|could|can|may|might|should|shall)\b", re.I)


def _blank(m: re.Match) -> str:
    """The match as spaces: masked out of a context while its offsets stay."""
    return " " * len(m[0])


REST_REACH = 200  # characters after a date searched for its clause's verb when none is near
_SCHEDULE_BEFORE = re.compile(
    r"\b(?:is|are)\s+(?:(?:now|also|still|tentatively)\s+)?(?:(?:set|scheduled|slated|due|likely|expected|planned)\s+(?:for\s+|on\s+)?|on\s+)?$",
    re.I,
)
_FORWARD_GAP = re.compile(
    r"[,;]|\b(?:to|for|until|till|by|payable|effective|due|through|from|record|before)\b", re.I
)
_REPORT_BEFORE = re.compile(
    r"\b(said|says|told|tells|announced|reported|stated|confirmed|warned)\s+(?!(?:that|it|he|she|they|we|"
    r"will|would|to)\b)[^,;:.\d]{0,24}?(?:\b(?:on|late|early)\s+)?$"
)
_REPORTING = {"said", "told", "reported", "announced", "added", "stated", "confirmed", "claimed"}


# what the expression dates when it hangs on an incident or a participle: "the blast on Tuesday",
# "Tuesday's attack", "suspects arrested on Tuesday" are past whatever the clause around them
# says ("the toll could rise after the blast on Tuesday": a follow-up's incident, issue 16)
_INCIDENT = (
    r"(?:blasts?|attacks?|bombings?|explosions?|killings?|shootings?|raids?|clashes|crash|ambush|assault|"
    r"massacre|fire|earthquake|quake|murders?|kidnappings?|stabbing|riots?|coup)"
)
# the noun after a determiner ("rebels will attack on Tuesday" is a verb, and future)
_INCIDENT_BEFORE = re.compile(
    rf"\b(?:the|a|an|this|that|its|their|his|her|last)\s+(?:[\w-]+\s+)?{_INCIDENT}\s+(?:on\s+)?$", re.I
)
_INCIDENT_AFTER = re.compile(rf"'s\s+(?:[a-z]+\s+)?{_INCIDENT}\b", re.I)
_PARTICIPLE_BEFORE = re.compile(
    r"(?:\b(?P<aux>be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?)?\b(?P<p>[a-z]\w{2,}ed)\s+(?:on\s+)?$"
)
_PLANNED = {
    "scheduled",
    "expected",
    "planned",
    "slated",
    "proposed",
    "needed",
    "succeed",
    "proceed",
    "exceed",
}


def _attached_past(text: str, start: int, end: int) -> bool:
    left = text[max(0, start - 40) : start]
    # a time before its noun ("the impact of the quake on fourth-quarter results") dates the noun,
    # not the incident before it
    prenominal = "-" in text[start:end] and re.match(r"\s+[a-z]", text[end : end + 2])
    if _INCIDENT_BEFORE.search(left) and not prenominal or _INCIDENT_AFTER.match(text, end):
        return True
    # "the damage from Tuesday's storm", "since Monday's vote": what the clause comes after
    if text.startswith("'s", end) and re.search(r"\b(?:from|since)\s+$", left, re.I):
        return True
    m = _PARTICIPLE_BEFORE.search(left)
    # "arrested on Tuesday" is past; "will be arrested on Tuesday", "scheduled for" are not
    return bool(m and not m["aux"] and m["p"].lower() not in _PLANNED)


_ATTRIBUTION = re.compile(r",[^,]{0,40}?\b(?:said|says|told|added|reported|according to)\b", re.I)


def _pick_year(ctx: Ctx, m: int, d: int | None = None) -> int:
    """Year of an underspecified month (and day): the occurrence nearest the DCT, unless the
    clause's tense points the other way (a future clause never goes back; a past one goes back
    when the nearest occurrence is more than ``PAST_REACH`` months ahead). News says "said" in
    nearly every sentence, so a report's past alone does not move "Dec. 15" in late October to last
    year; a clause past by its own verb ("the plant closed on Dec. 15") never goes ahead.
    """
    assert ctx.dct is not None
    c, y = ctx.dct, ctx.dct.year
    key, dkey = (m, d or 0), (c.month, c.day if d else 0)
    tense = ctx.tense()
    if tense == "future":
        return y if key >= dkey else y + 1
    if tense == "present" or key == dkey:
        return y
    ahead = (m - c.month) % 12  # months from the DCT's month forward to the next occurrence
    reach = PAST_REACH if tense == "past" else FUTURE_REACH
    if tense == "past" and ctx.event_past():
        reach = 0  # "the factory closed in May", told in March: a May that is over, last year's
    if _FORWARD_PREP.search(ctx.text[max(0, ctx.start - 24) : ctx.start]):
        # "by February", "effective Feb. 1", "postponed to June": a deadline, a start, a new date
        reach = FORWARD_REACH
    if key < dkey:  # earlier this year, or early next year when it is close ahead
        return y + 1 if 0 < ahead <= reach else y
    return y if ahead <= reach else y - 1


FUTURE_REACH = 3  # months ahead an underspecified date may lie with no tense cue
FORWARD_REACH = 9  # months ahead it may lie after "by", "until", "effective"
_FORWARD_PREP = re.compile(
    r"\b(?:by|until|till|through|effective|(?:postponed|delayed|deferred|pushed back|moved|rescheduled|"
    r"extended|adjourned|put off)\s+(?:to|until|till))\s+$",
    re.I,
)
PAST_REACH = 2  # months ahead it may lie in a past clause


def _weekday(ctx: Ctx, wd: int, rel: str | None = None) -> D:
    assert ctx.dct is not None
    c = ctx.dct
    back = (c.weekday() - wd) % 7
    fwd = (wd - c.weekday()) % 7
    if rel == "last":
        return c - dt.timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return c + dt.timedelta(days=fwd or 7)
    if rel == "this":
        return c + dt.timedelta(days=wd - c.weekday())
    return c + dt.timedelta(days=fwd) if ctx.tense() == "future" else c - dt.timedelta(days=back)


def g(m: re.Match, name: str) -> str | None:
    """A named group's text, None when the rule has no such group or it did not match."""
    return m.groupdict().get(name)


_PREP_BEFORE = re.compile(
    r"\b(?:in|by|on|of|to|since|until|till|from|during|before|after|through|between|"
    r"and|or|early|late|mid|end|as of)[\s-]$",
    re.I,
)


def _prev_word_ok(ctx: Ctx, rx: re.Pattern[str] = _PREP_BEFORE) -> bool:
    return bool(rx.search(ctx.text[max(0, ctx.start - 12) : ctx.start]))


def _rel_shift(rel: str) -> int:
    rel = rel.lower().removeprefix("the ")
    return {
        "last": -1,
        "past": -1,
        "this past": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
    }.get(rel, 0)


def _anchor_day(ctx: Ctx) -> D | None:
    return ctx.dct
