"""The story's own time: what a relative expression is anchored on when it is not the
publication date (TimeML: the temporal focus of the discourse). Three post-passes over the
tagger's output (``tag_times`` runs them in this order):

- ``apply_focus``: the reporting quarter. A company's results are told for a quarter
  ("third-quarter net rose …"); while a quarter is in focus, "a year ago" / "a year earlier" is
  that quarter a year before ("… from $4 million a year earlier" → 1988-Q3); "the quarter", "the
  latest quarter", "the latest period" (``THE_QUARTER``) is that quarter, and no time expression
  when none is (a district, a fraction); "the year-ago quarter", "year-earlier results"
  (``YEAR_AGO``) is that quarter a year before, else the year before the DCT. A quarter named in
  the text puts it in focus; a stretch that is not a quarter ("the nine months", "1990", "the
  first half") ends it, and so does distance (``FOCUS_REACH``).
- ``resolve_that``: "that day", "later that year", "that month" are the day, month or year
  named last before them (``THAT_*``), dropped when none is.
- ``story_weekdays``: a bare weekday told after a written date over a month from the DCT, in its
  sentence, is in that date's week.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import takewhile

from dateline.records import TimeExpr

from .anchor import Ctx
from .intervals import r_day, r_month, r_quarter, r_year
from .lexicon import MONTHS, ORD, Res

FOCUS_REACH = 500  # characters after the last quarter-valued expression that it stays in focus
_QUARTER = re.compile(r"(\d{4})-Q([1-4X])")
_A_YEAR = re.compile(r"(?i)(?:a|one) year (?:ago|earlier)")
# stretches that end a quarter's focus: years, halves, seasons, months and durations of months
_OTHER_PERIOD = re.compile(r"\d{4}(?:-H\d|-[A-Z]{2}|-\d\d)?|P\d+[MY]|PX[MY]")


THAT_REACH = 300  # characters back that "that day" / "that year" may find the date it refers to
_THAT = {
    "THAT_DAY": re.compile(r"\d{4}-\d\d-\d\d"),
    "THAT_MONTH": re.compile(r"\d{4}-\d\d"),
    "THAT_YEAR": re.compile(r"\d{4}"),
}


def resolve_that(text: str, out: list[TimeExpr]) -> list[TimeExpr]:
    """ "that day", "later that year": the day, month or year last named before it, in its
    paragraph and within ``THAT_REACH`` characters; no time expression when none is."""
    kept: list[TimeExpr] = []
    for t in out:
        if t.value in _THAT:
            rx = _THAT[t.value]
            # kept is in text order: the scan back stops at the reach
            near = takewhile(lambda p, lo=t.start - THAT_REACH: p.end >= lo, reversed(kept))
            prev = next((p for p in near if p.type in ("DATE", "TIME") and rx.match(p.value)), None)
            if prev is None or "\n\n" in text[prev.end : t.start]:
                continue
            y, v = int(prev.value[:4]), prev.value
            if t.value == "THAT_DAY":
                _assign(t, r_day(dt.date(y, int(v[5:7]), int(v[8:10]))))
            else:
                _assign(t, r_month(y, int(v[5:7])) if t.value == "THAT_MONTH" else r_year(y))
        kept.append(t)
    return kept


def f_that(m: re.Match, ctx: Ctx) -> Res | None:
    """ "that day", "earlier that year": resolved by ``resolve_that``."""
    return ("DATE", f"THAT_{m['u'].upper()}", None, None, None) if ctx.dct else None


def apply_focus(text: str, out: list[TimeExpr], dct: dt.date | None) -> list[TimeExpr]:
    """Resolve the placeholders against the quarter in focus and re-anchor "a year ago" on it;
    ``out`` is sorted by start. Placeholders that cannot be resolved are dropped."""
    focus: tuple[int, str] | None = None  # (year, quarter digit or X)
    last = -(10**9)
    kept: list[TimeExpr] = []
    for t in out:
        if focus and t.start - last > FOCUS_REACH:
            focus = None
        if focus and focus[0] <= 1 or dct and dct.year <= 1:
            focus = None  # no year before the first: the placeholders are dropped, not raised on
            if t.value in ("THE_QUARTER", "YEAR_AGO"):
                continue
        if t.value == "THE_QUARTER":
            if focus is None and t.date_start:  # a results sentence's own quarter (f_the_quarter)
                a = dt.date.fromisoformat(t.date_start)
                focus = (a.year, str((a.month - 1) // 3 + 1))
            if focus is None:
                continue
            _set(t, focus[0], focus[1])
            last = t.end
        elif t.value == "YEAR_AGO":
            if focus is not None:
                _set(t, focus[0] - 1, focus[1])
                last = t.end
            elif dct is not None:
                _set_year(t, dct.year - 1)
            else:
                continue
        elif focus is not None and _A_YEAR.fullmatch(t.text):
            prev = kept[-1] if kept else None
            if (
                prev is not None
                and prev.text.lower().endswith("quarter")
                and not text[prev.end : t.start].strip()
            ):
                # "the quarter a year ago": one expression, the reporting quarter a year before
                prev.end, prev.text = t.end, text[prev.start : t.end]
                _set(prev, focus[0] - 1, focus[1])
                last = t.end
                continue
            _set(t, focus[0] - 1, focus[1])
            last = t.end
        elif m := _QUARTER.fullmatch(t.value):
            # results are reported for a quarter that is over: one not over by the DCT is a
            # forecast ("no estimate of the impact on fourth-quarter results") and leaves the
            # reporting quarter in focus
            if _reported(text, t, dct, int(m[1]), m[2]):
                focus, last = (int(m[1]), m[2]), t.end
        elif t.type in ("DATE", "DURATION") and _OTHER_PERIOD.fullmatch(t.value) and not _ahead(t, dct):
            focus = None
        kept.append(t)
    return kept


def _ahead(t: TimeExpr, dct: dt.date | None) -> bool:
    """A stretch wholly after the DCT ("in 1990", told in 1989) is a forecast beside the results,
    not a new period they are told for: the reporting quarter stays in focus."""
    return bool(dct and t.date_start and dt.date.fromisoformat(t.date_start) > dct)


def _reported(text: str, t: TimeExpr, dct: dt.date | None, y: int, q: str) -> bool:
    """Whether a quarter can be the one results are reported for: one over by the DCT; one the
    DCT is in only when its clause is past (a fiscal quarter ended: "reported fourth-quarter net",
    not "no estimate of the impact on fourth-quarter results"); never one still ahead."""
    if dct is None or q == "X" or y >= 9999:
        return True
    start = dt.date(y, 3 * int(q) - 2, 1)
    if start > dct:
        return False
    end = dt.date(y + (q == "4"), 1 if q == "4" else 3 * int(q) + 1, 1)  # the day after it
    return end <= dct or Ctx(text, dct, {}, t.start, t.end).tense() == "past"


def _assign(t: TimeExpr, res: Res) -> None:
    """Give ``t`` a resolved value (type, value, first and last day, precision)."""
    t.type, t.value, a, b, t.precision = res
    t.date_start, t.date_end = a.isoformat(), b.isoformat()


def _set(t: TimeExpr, y: int, q: str) -> None:
    if q == "X":  # a quarter in focus whose number is unknown: its year, valued as TimeML's YYYY-QX
        _assign(t, ("DATE", f"{y:04d}-QX", *r_year(y)[2:]))
    else:
        _assign(t, r_quarter(y, int(q)))


def _set_year(t: TimeExpr, y: int) -> None:
    _assign(t, r_year(y))


def f_the_quarter(m: re.Match, ctx: Ctx) -> Res | None:
    """ "the quarter", "the latest period": the quarter in focus, resolved by ``apply_focus``.

    With none in focus, a sentence of results (money, per cent, revenue …) reports on its own
    quarter: the one "ended Sept. 30" names, else the last one over by the DCT (TimeML's temporal
    focus of a results story); the interval carried here is used only then. Elsewhere "the
    quarter" is a district or a fraction."""
    c = ctx.dct
    if c is None:
        return None
    lo, hi = ctx.start, ctx.end
    sent = ctx.text[max(0, lo - _RESULTS_REACH) : hi + _RESULTS_REACH]
    if not _RESULTS.search(sent):
        return ("DATE", "THE_QUARTER", None, None, None)
    if (e := _ENDED.match(ctx.text, hi)) and (mon := MONTHS.get(e[1].lower().rstrip("."))):
        y = c.year if (mon, int(e[2])) <= (c.month, c.day) else c.year - 1
        return r_quarter(y, (mon - 1) // 3 + 1)
    y, q = divmod(c.year * 4 + (c.month - 1) // 3 - 1, 4)  # the last quarter over by the DCT
    return ("DATE", "THE_QUARTER", *r_quarter(y, q + 1)[2:])


_RESULTS_REACH = 120  # characters either side of "the quarter" searched for a results word
_RESULTS = re.compile(
    r"[$€£%]|\b(?:revenues?|profits?|earnings|net|sales|loss(?:es)?|income|results|cents|per cent|percent|"
    r"dividends?|margins?|shipments|orders|output|GDP)\b",
    re.I,
)
_ENDED = re.compile(r"\s+end(?:ed|ing)\s+([A-Z][a-z]{2,8}\.?)\s+([0-3]?\d)\b")


def f_year_ago(m: re.Match, ctx: Ctx) -> Res | None:
    """ "the year-ago quarter", "year-earlier results"; with its own ordinal ("the year-ago third
    quarter") the quarter of the year before the DCT."""
    if ctx.dct is None:
        return None
    if m["q"]:
        return r_quarter(ctx.dct.year - 1, ORD[m["q"].lower()])
    return ("DATE", "YEAR_AGO", None, None, None)


# days from the DCT beyond which a written day is the story's own time, not the report's: a
# follow-up a week or two on ("the toll from the Jan. 5 blast rose to 12 on Tuesday") still
# tells its own news by weekday
STORY_GAP = 31
STORY_REACH = 300  # characters after the written date a weekday may be, in its sentence
_BARE_WEEKDAY = re.compile(r"(?i)(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+\w+)?")
_SAID_BEFORE = re.compile(r"(?i)\b(?:said|says|told|announced|reported|added)\s+(?:on\s+)?$")
_CLAUSE_BREAK = re.compile(r"[.!?]\s|\n")


def story_weekdays(text: str, out: list[TimeExpr], dct: dt.date | None) -> None:
    """A bare weekday told after a written date over ``STORY_GAP`` days from the DCT, in its
    sentence, is the first such day on or after it ("On March 3, 2018, police raided the camp and
    on Tuesday they charged him": 6 March): the story's own time, not the report's. A weekday
    right after a reporting verb ("police said Tuesday") is when the report's source spoke, near
    the DCT, and stays as it is."""
    if dct is None:
        return
    last: TimeExpr | None = None
    for t in out:
        if t.precision == 1 and t.type == "DATE" and re.search(r"\d", t.text):
            last = t
            continue
        if (
            last is None
            or not _BARE_WEEKDAY.fullmatch(t.text)
            or t.start - last.end > STORY_REACH
            or _CLAUSE_BREAK.search(text[last.end : t.start])
        ):
            continue
        if (
            _SAID_BEFORE.search(text[max(0, t.start - 20) : t.start])
            or not t.date_start
            or not last.date_start
        ):
            continue
        day, anchor = dt.date.fromisoformat(t.date_start), dt.date.fromisoformat(last.date_start)
        if abs((anchor - dct).days) <= STORY_GAP:
            continue
        # told after the date, the weekday is the first one on or after it: the story moves on
        try:
            new = anchor + dt.timedelta(days=(day.weekday() - anchor.weekday()) % 7)
        except OverflowError:  # a written date at the calendar's end: the weekday stays as it was
            continue
        t.value = new.isoformat() + t.value[10:]
        t.date_start = t.date_end = new.isoformat()
        t.anchored = False
