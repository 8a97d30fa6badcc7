"""Resolvers for expressions relative to the DCT (today, last week, three days ago), durations,
recurring sets, clock times and fuzzy references (recently, in the future).

Each ``f_*`` takes the rule's match and its :class:`~.anchor.Ctx` and returns a ``Res``
tuple, or None to reject the match.
"""

from __future__ import annotations

import datetime as dt
import re

from .anchor import Ctx, _anchor_day, _prev_word_ok, _rel_shift, _weekday, g
from .intervals import _add_months, _dur_value, _edge, _num, _prec, r_day, r_month, r_quarter, r_week, r_year
from .lexicon import MONTHS, POD, SEASONS, UNIT_DAYS, UNIT_MULT, UNITS, WEEKDAYS, D, Res


def f_reld(m: re.Match, ctx: Ctx) -> Res | None:
    if ctx.dct is None:
        return None
    w = m["w"].lower()
    if w in ("today", "tomorrow") and m[0].lower() == w and _generic_now(ctx):
        # "in today's world", "the people of tomorrow": the present or future in general (TimeML)
        return (
            ("DATE", "PRESENT_REF", ctx.dct, ctx.dct, 1)
            if w == "today"
            else ("DATE", "FUTURE_REF", ctx.dct, None, None)
        )
    off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
    if m["ba"]:
        off += -1 if m["ba"].lower() == "before" else 1
    d = ctx.dct + dt.timedelta(days=off)
    pod = "NI" if w == "tonight" else POD.get((m["pod"] or "").lower())
    if pod:
        return ("TIME", f"{d.isoformat()}T{pod}", d, d, 1)
    return r_day(d)


_GENERIC_BEFORE = re.compile(r"\b(?:in|of|among)\s+$", re.I)
# after "today's" a noun of one day's news is that day ("in today's vote"); others are generic
_DAYS_NEWS = re.compile(
    r"'s\s+(?:\w+\s+)?(?:meeting|vote|talks|game|match|session|hearing|rally|election|summit|"
    r"announcement|decision|ruling|trading|edition|issue|paper|attack|march|protest|debate)",
    re.I,
)


def _generic_now(ctx: Ctx) -> bool:
    before = ctx.text[max(0, ctx.start - 8) : ctx.start]
    after = ctx.text[ctx.end : ctx.end + 40]
    if not _GENERIC_BEFORE.search(before):
        return False
    if after.startswith(("'s", "’s")):
        return not _DAYS_NEWS.match(after.replace("’", "'"))
    return bool(re.match(r"\s*[,.;:]", after)) and before.lower().rstrip().endswith("of")


def _title_case(word: str, ctx: Ctx) -> bool:
    """A capitalised unit or season inside mixed-case prose is a name's ("60 Minutes", "This
    Week", "the Arab Spring"), not a time's."""
    return word[:1].isupper() and not word.isupper() and not ctx.text[ctx.start : ctx.end].isupper()


def f_relunit(m: re.Match, ctx: Ctx) -> Res | None:
    c = ctx.dct
    if c is None:
        return None
    if _title_case(m["u"], ctx):
        return None  # "ABC's "This Week"": a programme's name
    unit, k = m["u"].lower(), _rel_shift(m["rel"])
    if m["rel"].lower() in ("the past", "past") and not m["edge"] and unit != "weekend":
        code = UNITS[unit]
        days = round(UNIT_MULT.get(unit, 1) * UNIT_DAYS[code])
        a = c - dt.timedelta(days=days)
        return ("DURATION", _dur_value(1, unit), a, c, _prec(a, c))
    if unit in ("week", "weekend"):
        res = r_week(c + dt.timedelta(weeks=k), unit == "weekend")
    elif unit == "month":
        res = r_month(*_add_months(c.year, c.month, k))
    elif unit == "year":
        res = r_year(c.year + k)
    elif unit == "quarter":
        y, q = divmod((c.year * 4 + (c.month - 1) // 3) + k, 4)
        res = r_quarter(y, q + 1)
    elif unit == "decade":
        y0 = (c.year // 10 + k) * 10
        res = ("DATE", f"{y0 // 10:03d}", D(y0, 1, 1), D(y0 + 9, 12, 31), 3)
    else:
        return None
    edge = (m["edge"] or "").lower()
    if edge.startswith(("earlier", "later")) and k == 0:  # earlier this year: up to the DCT
        a, b = (res[2], c) if edge.startswith("earlier") else (c, res[3])
        return (res[0], res[1], a, b, _prec(a, b))
    return _edge(res, m["edge"])


def f_relwd(m: re.Match, ctx: Ctx) -> Res | None:
    if ctx.dct is None:
        return None
    rel = (m["rel"] or "").lower() or None
    d = _weekday(ctx, WEEKDAYS[m["wd"].lower().rstrip(".")], rel)
    pod = POD.get((m["pod"] or "").lower())
    if pod:
        return ("TIME", f"{d.isoformat()}T{pod}", d, d, 1)
    return r_day(d)


def f_lastnight(m: re.Match, ctx: Ctx) -> Res | None:
    if ctx.dct is None:
        return None
    rel = m["rel"].lower()
    # "overnight" in a report is the night before it came out unless the clause is in the future
    back = rel == "last" or rel == "overnight" and ctx.tense() != "future"
    d = ctx.dct - dt.timedelta(days=1) if back else ctx.dct
    return ("TIME", f"{d.isoformat()}T{POD[(m['pod'] or 'night').lower()]}", d, d, 1)


def f_ago(m: re.Match, ctx: Ctx) -> Res | None:
    c = ctx.dct
    n = _num(m["n"])
    unit = m["u"].lower().rstrip("s")
    code, mult = UNITS[unit], UNIT_MULT.get(unit, 1)
    if c is None or n is None or unit in ("second", "minute", "hour"):
        return ("DATE", "PAST_REF", None, None, None) if c is None or n is None else None
    sign = 1 if m["dir"].lower() in ("from now", "hence") else -1
    n = int(n * mult)
    if code == "D":
        return r_day(c + dt.timedelta(days=sign * n))
    if code == "W":
        return r_day(c + dt.timedelta(weeks=sign * n))
    if code == "M":
        return r_month(*_add_months(c.year, c.month, sign * n))
    if code == "Q":
        return r_month(*_add_months(c.year, c.month, sign * 3 * n))
    return r_year(c.year + sign * n)


_AGE = re.compile(r"[- ]olds?$", re.I)
_OF_AGE = re.compile(r"\s+of\s+age\b", re.I)


def f_duration(m: re.Match, ctx: Ctx) -> Res | None:
    if _title_case(m["u"], ctx):
        return None
    unit = m["u"].lower()
    if _AGE.search(m[0]) or _OF_AGE.match(ctx.text, m.end()):
        return None  # an age ("a 22-year-old", "52 years old", "45 years of age") is no time expression
    if unit.startswith("quarter") and m["adj"] == "-" and re.match(r"\s+of\b", ctx.text[m.end() :]):
        return None  # "three-quarters of its food": a fraction
    n = _num(m["n"]) if m["n"] else None
    if n is not None and g(m, "half"):
        n += 0.5  # "a minute and a half": PT1M30S
    if m["n"] and n is not None and n == 0:
        return None
    if m["n"] and m["n"].lower() in ("a", "an") and unit in ("second", "quarter"):
        return None
    more = re.match(r"(?:more|additional|further|extra)\b", g(m, "more") or "", re.I)
    single = m["n"] and m["n"].lower() in ("a", "an", "one") and not g(m, "half")
    if single and not m["mod"] and not more and m["adj"] != "-":
        # "a day" / "a year": a duration only with a duration-ish preposition before it
        before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
        after = ctx.text[m.end() : m.end() + 10].lower()
        if not re.match(r"\s+(?:after|before|later|earlier)\b", after) and not re.search(
            r"\b(for|in|within|over|after|than|of|lasted|spent|took|takes|nearly|almost|about)\s*$", before
        ):  # noqa: E501
            return None
    value = _dur_value(n if m["n"] else None, unit)
    mod = (m["mod"] or "").lower().strip()
    c = ctx.dct
    if c and mod in ("the past", "the last", "the previous") and n is not None:
        code = UNITS[unit.rstrip("s")]
        days = round(n * UNIT_MULT.get(unit.rstrip("s"), 1) * UNIT_DAYS.get(code, 0))
        if days:
            a = c - dt.timedelta(days=days)
            return ("DURATION", value, a, c, _prec(a, c))
    if c and mod in ("the next", "the coming") and n is not None:
        code = UNITS[unit.rstrip("s")]
        days = round(n * UNIT_MULT.get(unit.rstrip("s"), 1) * UNIT_DAYS.get(code, 0))
        if days:
            b = c + dt.timedelta(days=days)
            return ("DURATION", value, c, b, _prec(c, b))
    return ("DURATION", value, None, None, None)


_BARE_BEFORE = re.compile(
    r"\b(?:for|in|over|within|after|of|just|over the|over the past|in the|during the|for the|took|takes|"
    r"take|spent|spend|lasted|been|"
    r"last|waited|wait|than|nearly|almost|(?:took|takes|take|taking)\s+(?:me|us|him|her|them|it))\s$",
    re.I,
)
# "days after the attack", "weeks of protests", "months later": a stretch of time (TimeML PXD …)
_BARE_AFTER = re.compile(
    r"\s+(?:after|before|later|earlier|since|of\s+(?!the\b|its\b|his\b|her\b|their\b))", re.I
)


def f_bare_units(m: re.Match, ctx: Ctx) -> Res | None:
    if g(m, "u1"):  # "a day-long march", "a week-long sit-in": one unit's stretch
        return ("DURATION", _dur_value(1, m["u1"]), None, None, None)
    if _OF_AGE.match(ctx.text, m.end()) and re.search(r"\d\s+$", ctx.text[max(0, m.start() - 6) : m.start()]):
        return None  # "45 years of age": an age
    if (
        g(m, "u")
        and not m[0].lower().startswith(("several", "many", "few", "the past", "some"))
        and not _prev_word_ok(ctx, _BARE_BEFORE)
        and not (
            _BARE_AFTER.match(ctx.text, m.end())
            and not re.search(r"\bthe\s+(?:\w+\s+)?$", ctx.text[max(0, ctx.start - 20) : ctx.start], re.I)
        )
    ):  # "the early hours of Thursday", "the first days after": a part of a time, not a stretch
        return None
    u = (g(m, "u") or "years").lower()
    if u in _LONG_UNITS:  # TimeML writes centuries and millennia with their own units
        return ("DURATION", f"PX{_LONG_UNITS[u]}", None, None, None)
    return ("DURATION", _dur_value(None, u), None, None, None)


_LONG_UNITS = {"centuries": "C", "millennia": "L"}


# after an adjectival set word ("annual", "quarterly"): a noun it qualifies, no recurrence
# ("the annual meeting" is one meeting). "daily", "weekly", "hourly", "monthly" before a noun say
# how often it recurs ("a daily rally", "his weekly radio address"): TimeBank annotates them.
_ADJ_SET = re.compile(
    r"\s+(?!(?:and|or|but|in|on|at|to|for|from|since|through|until|by|with|of|as|than|"
    r"basis|rate)\b)[a-z][a-z-]+",
    re.I,
)


# a newspaper named by its period: a name or a verb of saying after it ("the daily Granma", "the
# weekly Der Spiegel", "the daily said", "the daily's editor")
_PAPER = re.compile(
    r"(?:\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|"
    r"Dec)[a-z]*\.?(?:\s|$)|(?-i:[A-Z]+\b))(?-i:[A-Z])\w*|\s+(?:said|says|reported|reports|wrote|quoted|cited|added)\b|'s\b)",
    re.I,
)


def f_set(m: re.Match, ctx: Ctx) -> Res | None:
    if g(m, "eu"):  # "every two weeks", "every 30 days", "every few months": a set of stretches
        n = _num(m["en"])
        if n is not None and n != int(n):
            return None
        return ("SET", _dur_value(n, m["eu"]), None, None, None)
    w = (g(m, "w") or g(m, "w2") or "").lower().rstrip(".")
    if w == "nightly":
        return ("SET", "TNI", None, None, None)
    if w in WEEKDAYS:
        pod = POD.get((g(m, "pod") or "").lower(), "")
        return ("SET", f"XXXX-WXX-{WEEKDAYS[w] + 1}" + (f"T{pod}" if pod else ""), None, None, None)
    if w in POD:
        return ("SET", f"T{POD[w]}", None, None, None)
    if w in MONTHS:
        return ("SET", f"XXXX-{MONTHS[w]:02d}", None, None, None)
    if w in SEASONS:
        return ("SET", f"XXXX-{SEASONS[w]}", None, None, None)
    if w in ("annual", "quarterly", "yearly") and _ADJ_SET.match(ctx.text, m.end()):
        return None  # "a quarterly dividend", "the annual meeting": an attribute, not a recurrence
    if w in ("daily", "weekly", "monthly") and _PAPER.match(ctx.text, m.end()):
        return None  # "the party daily Granma", "the daily reported": a newspaper, no recurrence
    code = {
        "daily": "D",
        "day": "D",
        "weekly": "W",
        "week": "W",
        "monthly": "M",
        "month": "M",
        "quarterly": "Q",
        "quarter": "Q",
        "annual": "Y",
        "annually": "Y",
        "yearly": "Y",
        "year": "Y",
        "hour": "TH",
        "hourly": "TH",
        "weekend": "W",
    }[w]
    n = 2 if m["other"] else 1
    return ("SET", f"PT{n}{code[1]}" if code.startswith("T") else f"P{n}{code}", None, None, None)


def f_time(m: re.Match, ctx: Ctx) -> Res | None:
    h, mi = int(m["h"]), int(m["mi"] or 0)
    ap = (m["ap"] or "").lower().replace(".", "").replace(" ", "")
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    if h > 24 or mi > 59 or (not ap and not m["tz"] and not m["mi"]):
        return None
    if m["hhmm"] and not m["tz"]:
        return None
    d = _anchor_day(ctx)
    z = "Z" if m["tz"] and m["tz"].upper() in ("UTC", "GMT", "Z") else ""
    day = d.isoformat() if d else "XXXX-XX-XX"
    return ("TIME", f"{day}T{h:02d}:{mi:02d}{z}", d, d, 1 if d else None)


def f_noon(m: re.Match, ctx: Ctx) -> Res | None:
    d = _anchor_day(ctx)
    hh = "24:00" if m[0].lower().endswith("midnight") else "12:00"
    return ("TIME", f"{d.isoformat() if d else 'XXXX-XX-XX'}T{hh}", d, d, 1 if d else None)


def f_theday(m: re.Match, ctx: Ctx) -> Res | None:
    """Anaphoric "the day": the last day named before it, else the DCT (resolved in tag_times)."""
    return ("DATE", "THE_DAY", ctx.dct, ctx.dct, 1) if ctx.dct else None


_AWARD_OF = re.compile(
    r"\b(?:man|woman|person|player|team|album|song|record|car|coach|book|word|athlete|time)\s+of\s+$", re.I
)


def f_theyear(m: re.Match, ctx: Ctx) -> Res | None:
    if ctx.dct is None or _AWARD_OF.search(ctx.text[max(0, ctx.start - 16) : ctx.start]):
        return None  # "player of the year" is an award, "this time of the year" no particular year
    return _edge(r_year(ctx.dct.year), g(m, "edge"))


def f_year_ended(m: re.Match, ctx: Ctx) -> Res | None:
    return ("DURATION", "P1Y", None, None, None)


def f_weekend(m: re.Match, ctx: Ctx) -> Res | None:
    if ctx.dct is None:
        return None
    c = ctx.dct
    ahead = re.search(
        r"\b(?:ahead of|before|until|through)\s+$", ctx.text[max(0, ctx.start - 10) : ctx.start], re.I
    )
    k = 0 if ahead or ctx.tense() == "future" or c.weekday() >= 5 else -1
    return r_week(c + dt.timedelta(weeks=k), True)


def f_fuzzy(m: re.Match, ctx: Ctx) -> Res | None:
    w = re.sub(r"[\s-]+", " ", m[0].lower())
    if u := re.fullmatch(r"recent (year|month|week|day|quarter|decade)s", w):
        # TimeML: "in recent years" is an underspecified stretch back from now, a duration
        return ("DURATION", _dur_value(None, u[1]), None, ctx.dct, None)
    if re.search(
        r"future|one day|some day|soon|long term|near term|short term|long run|short run|near run|coming", w
    ):
        return ("DATE", "FUTURE_REF", ctx.dct, None, None)
    if re.search(r"\bnow|current|present|these days|nowadays|time being", w):
        return ("DATE", "PRESENT_REF", ctx.dct, ctx.dct, 1 if ctx.dct else None)
    return ("DATE", "PAST_REF", None, ctx.dct, None)
