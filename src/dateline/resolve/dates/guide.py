"""Resolvers for TimeML guideline categories beside the DCT-relative ones (issue 15): "current" and
"recent" before a noun, "year-end", the parts of a month or week ("by the end of the month"), and
days and parts of days told relative to the day the story named last ("the next day", "the day
before", "in the afternoon"; resolved in ``tagger._link``).

Each ``f_*`` takes the rule's match and its :class:`~.anchor.Ctx` and returns a ``Res`` tuple, or
None to reject the match.
"""

from __future__ import annotations

import datetime as dt
import re

from .anchor import Ctx, g
from .intervals import _add_months, _edge, r_month, r_week
from .lexicon import POD, WEEKDAYS, D, Res


def f_adj_ref(m: re.Match, ctx: Ctx) -> Res | None:
    """TimeML: "current" and "recent" before a noun refer to the present and the past ("the
    current crisis" PRESENT_REF, "a recent survey" PAST_REF); "the then current price" is past."""
    if m["a"].lower() == "current" and not g(m, "then"):
        return ("DATE", "PRESENT_REF", ctx.dct, ctx.dct, 1 if ctx.dct else None)
    return ("DATE", "PAST_REF", None, ctx.dct, None)


def f_year_end(m: re.Match, ctx: Ctx) -> Res | None:
    """ "by year-end", "since year-end", "by year's end": the end of the DCT's year (TimeML: the year,
    mod END), or of the year before after "since" or in a past clause (this year's is not over)."""
    c = ctx.dct
    if c is None:
        return None
    since = re.search(r"\bsince\s+$", ctx.text[max(0, ctx.start - 8) : ctx.start], re.I)
    y = c.year - 1 if since or (ctx.tense() == "past" and c.month < 12) else c.year
    return ("DATE", f"{y:04d}", D(y, 12, 1), D(y, 12, 31), 3)


def f_next_day(m: re.Match, ctx: Ctx) -> Res | None:
    """ "the next day", "the following morning", "the day before": a day relative to the day the
    story named last (resolved in ``tagger._link``), not to the DCT."""
    if ctx.dct is None:
        return None
    rel = (g(m, "rel") or g(m, "ba") or "").lower()
    k = -1 if rel in ("previous", "preceding", "before") else 1
    pod = POD.get((g(m, "u") or "").lower(), "")
    return ("DATE", f"THE_DAY{k:+d}" + (f"T{pod}" if pod else ""), None, None, 1)


def f_story_weekday(m: re.Match, ctx: Ctx) -> Res | None:
    """ "the previous Friday", "the following Monday": the weekday before or after the day the story
    named last ("closed lower Friday, down 4% from the previous Friday"; resolved in
    ``tagger._link``, on the DCT when no day was named)."""
    if ctx.dct is None:
        return None
    sign = "-" if m["rel"].lower() in ("previous", "preceding") else "+"
    return ("DATE", f"THE_WD{sign}{WEEKDAYS[m['wd'].lower().rstrip('.')]}", None, None, 1)


def f_part_of_day(m: re.Match, ctx: Ctx) -> Res | None:
    """ "in the morning", "by mid-afternoon", "during the evening": that part of the day the story
    named last, else of the DCT (TimeML: TIME, the day with TMO, TAF, TEV)."""
    if ctx.dct is None:
        return None
    pod = POD[m["u"].lower()]
    if rd := g(m, "rd"):  # "mid-afternoon yesterday": that day's
        d = ctx.dct + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[rd.lower()])
        return ("TIME", f"{d.isoformat()}T{pod}", d, d, 1)
    return ("TIME", f"THE_DAY+0T{pod}", None, None, 1)


def f_this_unit(m: re.Match, ctx: Ctx) -> Res | None:
    """ "by the end of the month", "at the start of the week": the DCT's month or week narrowed
    to that part (TimeML: the month, mod END); told in the past at the start of a month, the
    month before ("workers went home at the end of the month", told on the 3rd)."""
    c = ctx.dct
    if c is None:
        return None
    if m["u"].lower() == "week":
        return _edge(r_week(c), m["edge"])
    back = ctx.tense() == "past" and c.day <= 10 and "end" in m["edge"].lower()
    return _edge(r_month(*_add_months(c.year, c.month, -1 if back else 0)), m["edge"])


def f_ordinal_day(m: re.Match, ctx: Ctx) -> Res | None:
    """ "on the 15th": a day of the DCT's month, or of the month before when it is still ahead in a
    clause that is not future (news tells what happened); the coming one in a future clause."""
    c, day = ctx.dct, int(m["d"])
    if c is None or not 1 <= day <= 31:
        return None
    y, mon = c.year, c.month
    if ctx.tense() == "future":
        if day < c.day:
            y, mon = _add_months(y, mon, 1)
    elif day > c.day:
        y, mon = _add_months(y, mon, -1)
    try:
        d = D(y, mon, day)
    except ValueError:  # "the 31st" of a 30-day month
        return None
    return ("DATE", d.isoformat(), d, d, 1)
