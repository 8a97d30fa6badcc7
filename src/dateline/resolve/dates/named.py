"""Resolvers for named calendar units: full and partial dates, months, years, decades,
centuries, seasons, quarters, halves and holidays.

Each ``f_*`` takes the rule's match and its :class:`~.anchor.Ctx` and returns a ``Res``
tuple, or None to reject the match (a number that is not a year, "may" the verb).
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.numbers import WORDNUM

from .anchor import Ctx, _pick_year, _prev_word_ok, _rel_shift, g
from .intervals import _add_months, _edge, _month_end, _safe, r_day, r_month, r_quarter, r_week, r_year
from .lexicon import _NOUN_AFTER, _NUMBERISH, MONTHS, ORD, SEASON_MONTHS, SEASONS, D, Res


def f_full(m: re.Match, ctx: Ctx) -> Res | None:
    mon = MONTHS[m["mon"].lower().rstrip(".")]
    d = _safe(int(m["y"]), mon, int(m["d"]))
    return r_day(d) if d else None


def f_iso(m: re.Match, ctx: Ctx) -> Res | None:
    d = _safe(int(m[1]), int(m[2]), int(m[3]))
    return r_day(d) if d else None


def f_us(m: re.Match, ctx: Ctx) -> Res | None:
    y = int(m[3])
    y = y + (2000 if y < 50 else 1900) if y < 100 else y
    d = _safe(y, int(m[1]), int(m[2]))
    return r_day(d) if d else None


def f_md(m: re.Match, ctx: Ctx) -> Res | None:
    mon, day = MONTHS[m["mon"].lower().rstrip(".")], int(m["d"])
    if not 1 <= day <= 31:
        return None
    if m["mon"].islower() and m["mon"] in ("may", "mar", "march") and m.start("d") < m.start("mon"):
        return None  # lower-cased text: "at least 5 may have died", "the 3 march on"
    if ctx.dct is None:
        return ("DATE", f"XXXX-{mon:02d}-{day:02d}", None, None, 1)
    y = _pick_year(ctx, mon, day)
    if rel := _MD_REL.search(ctx.text[max(0, ctx.start - 12) : ctx.start]):
        # "last Oct. 23": the latest such day before the DCT; "next March 3": the first after it
        past = rel[1].lower() == "last"
        y = (
            ctx.dct.year - ((mon, day) >= (ctx.dct.month, ctx.dct.day))
            if past
            else ctx.dct.year + ((mon, day) <= (ctx.dct.month, ctx.dct.day))
        )
    d = _safe(y, mon, day)
    return r_day(d) if d else None


_MD_REL = re.compile(r"(last|next)\s+$", re.I)


def two_digit_year(yy: int, ctx: Ctx) -> int:
    """A year written in two digits ("'98"): the century that puts it no later than a year after
    the DCT (2000 without one)."""
    return yy + (2000 if 2000 + yy <= (ctx.dct.year if ctx.dct else 2000) + 1 else 1900)


def f_my(m: re.Match, ctx: Ctx) -> Res | None:
    mon = MONTHS[m["mon"].lower().rstrip(".")]
    if m["y"]:
        y = int(m["y"])
    elif g(m, "sy"):  # "Dec. '98"
        y = two_digit_year(int(m["sy"]), ctx)
    elif ctx.dct is None:
        return None
    else:
        y = ctx.dct.year + {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return _edge(r_month(y, mon), m["edge"])


_MONTH_BEFORE_NOUN = re.compile(
    r"\b[Tt]he\s+March\s+(?!(?:on|of|to|in|for|from|through|against|and|or|was|is|were|are|had|has)\b)[a-z]{3,}\b"
)


def f_month(m: re.Match, ctx: Ctx) -> Res | None:
    name = m["mon"]
    mon = MONTHS[name.lower().rstrip(".")]
    if name.lower() in ("may", "march", "mar", "mar.") and not name[0].isupper():
        return None
    if not g(m, "rel") and not g(m, "edge"):
        ambiguous = name[:3] in ("May", "Mar") or "." in name or len(name) == 3
        # "the March vote": a month before its noun ("the March on Washington", "the May
        # government" are a name's)
        before_noun = name == "March" and _MONTH_BEFORE_NOUN.search(
            ctx.text[max(0, m.start() - 4) : m.end() + 16]
        )
        if not name[0].isupper() or ambiguous and not _prev_word_ok(ctx) and not before_noun:
            return None
        if len(name) == 3 and re.match(r"\s+[A-Z][a-z]", ctx.text[m.end() : m.end() + 3]):
            return None  # "Jan Kavan": a first name before a surname
    if ctx.dct is None:
        return ("DATE", f"XXXX-{mon:02d}", None, None, 3)
    if g(m, "rel") and re.match(r"\.?\s+[0-3]?\d(?:st|nd|rd|th)?\b(?![\d,.]\d)", ctx.text[m.end() :]):
        return None  # "last Oct. 23": the day (f_md), not the month
    rel, c = (g(m, "rel") or "").lower(), ctx.dct
    if rel in ("last", "past", "previous"):
        y = c.year if mon < c.month else c.year - 1
    elif rel in ("next", "coming"):
        y = c.year if mon > c.month else c.year + 1
    elif rel in ("this", "current"):
        y = c.year
    else:
        y = _pick_year(ctx, mon)
    return _edge(r_month(y, mon), g(m, "edge"))


_YEAR_PREP = re.compile(
    r"\b(?:in|since|of|by|from|until|till|during|before|after|through|early|late|"
    r"mid|end|between)\s$",
    re.I,
)


# a year coordinated with another one just before it: "between 1982 and 1992", "1994, 1995"
_YEAR_LIST = re.compile(
    r"\b(?:1[5-9]\d\d|20\d\d)(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through)\s+|\s*[-–]\s*)$"
)


# a number that names or sizes a thing is no year: "Flight 1549", "Highway 2020", "a 1500-strong
# force", "2000 of them", "1600 Pennsylvania Avenue"
_LABEL_BEFORE = re.compile(
    r"\b(?:flight|route|highway|interstate|resolution|no\.|number|article|section|room|bus|train|gate|"
    r"terminal|platform|sector|zone|model|code|box|plot|lot|suite|apartment|building|line|road|page|"
    r"bill|proposition|brigade|battalion|division|regiment|squad|camp|block)\s+$",
    re.I,
)
_SIZE_AFTER = re.compile(
    r"-(?:strong|member|seat|man|men|page|room|bed|acre|hectare|mile|kilometre|kilometer|km|ton|tonne|"
    r"foot|feet|metre|meter|odd|plus|pound|kg)\b"
    r"|\s+of\s+(?:them|those|these|whom|which|us|the\s+\d)\b"
    r"|\s+[A-Z][a-z]+\s+(?:Avenue|Street|St\.|Road|Boulevard|Blvd|Lane|Drive)\b"
)


def f_year(m: re.Match, ctx: Ctx) -> Res | None:
    before = ctx.text[max(0, m.start() - 25) : m.start()]
    after = ctx.text[m.end() : m.end() + 30]
    if not m["fy"] and (_LABEL_BEFORE.search(before) or _SIZE_AFTER.match(after)):
        return None
    after = after[:14]
    if not m["edge"] and not m["fy"] and not _prev_word_ok(ctx, _YEAR_PREP) and not _YEAR_LIST.search(before):
        if _NUMBERISH.search(before) and not re.search(r"\b(?:in|since|of|by|from|to|until)\s*$", before):
            return None
        # "the 1992 protests", "its 1990 budget": a year before its noun (news writes a count
        # of that size with a comma: "the 2,000 troops")
        year_of = int(m["y"]) >= 1900 and re.search(
            r"\b(?:the|its|their|his|her|this|last|next)\s+$", before, re.I
        )
        if (
            _NOUN_AFTER.match(after)
            and not year_of
            or re.match(r"[,.]\d", after)
            or re.search(r"[$€£#]\s*$", before)
        ):
            return None
    y = int(m["y"])
    if m["fy"]:
        # "fiscal 1999": TimeBank and TempEval-3 give the fiscal year's name, the plain year
        return ("DATE", f"{y:04d}", None, None, 3)
    return _edge(r_year(y), m["edge"])


def f_short_year(m: re.Match, ctx: Ctx) -> Res | None:
    """ "in '98", "the '98 election", "fiscal '99", "FY98": a year in two digits."""
    if not g(m, "fy") and not re.search(
        r"\b(?:in|of|since|from|to|until|the|fiscal)\s$", ctx.text[max(0, ctx.start - 8) : ctx.start], re.I
    ):
        return None
    return r_year(two_digit_year(int(g(m, "sy") or g(m, "fy") or 0), ctx))


def f_spelled_year(m: re.Match, ctx: Ctx) -> Res | None:
    """A year said in words, as broadcast transcripts write it: "nineteen ninety-six", "the
    year two thousand"."""
    if m["tens"]:
        y = 1900 + WORDNUM[m["tens"].lower()] + (WORDNUM[m["ones"].lower()] if m["ones"] else 0)
    else:
        y = 2000 + (WORDNUM[m["ones2"].lower()] if m["ones2"] else 0)
    said_year = m[0].lower().startswith("the year") or _prev_word_ok(ctx, _YEAR_PREP)
    if m["tens"] and not said_year and (not m["ones"] or re.match(r"-|\s+years?\b", ctx.text[m.end() :])):
        # "nineteen twenty-year-olds": a count, unless "in", "since" … says year; a year and its
        # unit ("nineteen ninety-six") is said as a year, never as a number
        return None
    return r_year(y)


_TENS = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")


_AGE_DECADE = re.compile(r"\b(?:his|her|their|my|your|our)\s+$", re.I)


def f_decade(m: re.Match, ctx: Ctx) -> Res | None:
    if g(m, "t"):  # "the nineties": of the last century that has had it by the DCT
        dec = _TENS.index(m["t"].lower()) + 2
        cent = 20 if 2000 + 10 * dec <= (ctx.dct.year if ctx.dct else 2000) else 19
        y0 = cent * 100 + dec * 10
        return _edge(("DATE", f"{y0 // 10:03d}", D(y0, 1, 1), D(y0 + 9, 12, 31), 3), m["edge"])
    if m["c"] or m["c2"]:
        cent = int(m["c"] or m["c2"])
    elif _AGE_DECADE.search(ctx.text[max(0, m.start() - 24) : m.start()]):
        return None  # "a man in his 70s", "women in their mid-40s": an age, no time
    else:  # "the '80s": the latest such decade that has begun by the DCT
        cent = 20 if 2000 + 10 * int(m["dd"]) <= (ctx.dct.year if ctx.dct else 2000) else 19
    dec = int(m["dd"])
    y0 = cent * 100 + dec * 10
    return _edge(("DATE", f"{y0 // 10:03d}", D(y0, 1, 1), D(y0 + 9, 12, 31), 3), m["edge"])


def f_century(m: re.Match, ctx: Ctx) -> Res | None:
    n = int(m["n"])
    if not 1 <= n <= 21:
        return None
    y0 = (n - 1) * 100
    return _edge(("DATE", f"{n - 1:02d}", D(max(y0, 1), 1, 1), D(y0 + 99, 12, 31), 3), m["edge"])


def f_season(m: re.Match, ctx: Ctx) -> Res | None:
    s, i = m["s"], m.start("s")
    first_word = not ctx.text[max(0, i - 4) : i].strip() if i < 4 else False
    first_word = first_word or bool(re.search(r"[.!?\n]\s*$", ctx.text[max(0, i - 4) : i]))
    if s[0].isupper() and not s.isupper() and not m["y"] and not first_word:
        return None  # "the Arab Spring", "Spring of Life": a name inside a sentence, not a season
    code = SEASONS[s.lower()]
    if m["y"]:
        y = int(m["y"])
    elif ctx.dct is None:
        return ("DATE", f"XXXX-{code}", None, None, 3)
    else:
        cur = ctx.dct.year
        start_m, end_m = SEASON_MONTHS[code]
        k = _rel_shift(m["rel"] or "")
        now = cur * 12 + ctx.dct.month
        if k < 0:  # "last spring": the latest one over by the DCT ("this past spring" in October)
            y = max(y for y in range(cur - 2, cur + 1) if y * 12 + end_m < now)
        elif k > 0:  # "next summer": the first one not begun by the DCT
            y = min(y for y in range(cur, cur + 2) if y * 12 + start_m > now)
        elif k == 0 and not m["rel"]:
            t = ctx.tense()
            k = (
                -1
                if t == "past" and start_m > ctx.dct.month
                else 1
                if t == "future" and start_m + 2 < ctx.dct.month
                else 0
            )  # noqa: E501
            y = cur + k
        else:
            y = cur
    a, b = SEASON_MONTHS[code]
    ey, em = _add_months(y, b, 0) if b <= 12 else (y + 1, b - 12)
    return _edge(("DATE", f"{y:04d}-{code}", D(y, a, 1), _month_end(ey, em), 3), m["edge"])


def f_quarter(m: re.Match, ctx: Ctx) -> Res | None:
    q_word = (m["q"] or "").lower()
    c = ctx.dct
    if g(m, "qy") or g(m, "qy2") or g(m, "py"):  # "the fourth quarter of 1989", "the 1988 third quarter"
        y = int(g(m, "qy") or g(m, "qy2") or g(m, "py") or 0)
    elif c is not None and g(m, "prel"):  # "this year's third quarter"
        y = c.year + _rel_shift(g(m, "prel") or "")
    elif c is None:
        return None
    else:
        y = c.year + _rel_shift(m["qrel"] or "")
    cq = (c.month - 1) // 3 + 1 if c else 4
    if q_word in ("last", "previous", "past"):
        y, q = (y, cq - 1) if cq > 1 else (y - 1, 4)
    elif q_word in ("current", "this"):
        q = cq
    elif q_word == "next":
        y, q = (y, cq + 1) if cq < 4 else (y + 1, 1)
    else:
        q = 4 if q_word == "final" else ORD.get(q_word) or int(m["qn"])
        if (
            not g(m, "qy")
            and not g(m, "py")
            and not g(m, "prel")
            and not m["qrel"]
            and c
            and ctx.tense() == "past"
            and q > cq
        ):  # the quarter the DCT is in is this year's even in a past clause: it has begun
            y -= 1
    return r_quarter(y, q)


def f_half(m: re.Match, ctx: Ctx) -> Res | None:
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    if m["y"]:
        y = int(m["y"])
    elif ctx.dct:
        y = ctx.dct.year + _rel_shift(m["rel"] or "")
    else:
        return None
    return ("DATE", f"{y:04d}-H{h}", D(y, 1 + 6 * (h - 1), 1), _month_end(y, 6 * h), 3)


_HOLIDAYS = {
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "independence day": (7, 4),
}


def _holiday(w: str, y: int) -> D:
    if w.startswith("thanksgiving"):  # the fourth Thursday of November (the US holiday)
        return D(y, 11, 22 + (3 - D(y, 11, 22).weekday()) % 7)
    if w in _EASTER:
        return _easter(y) + dt.timedelta(days=_EASTER[w])
    return D(y, *_HOLIDAYS[w])


_AROUND = re.compile(r"\s+(?:holidays?|break|vacation|recess|season|period|term|rush)\b", re.I)
_EASTER = {"easter": 0, "easter sunday": 0, "easter week": 0, "easter monday": 1, "good friday": -2}


def _easter(y: int) -> D:
    """Western Easter Sunday (the Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g_ = (8 * b + 13) // 25
    h = (19 * a + b - d - g_ + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return D(y, month, day + 1)


def f_holiday(m: re.Match, ctx: Ctx) -> Res | None:
    w = m["hol"].lower()
    if w not in _HOLIDAYS and w not in _EASTER and not w.startswith("thanksgiving"):
        return None
    if _AROUND.match(ctx.text, m.end()):
        return None  # "the Easter holidays", "the Christmas season": a stretch around the day, not it
    if w == "easter week":  # the week of Easter Sunday
        res = f_holiday_day(m, ctx, "easter")
        return r_week(dt.date.fromisoformat(res[1])) if res and res[1][:1].isdigit() else None
    return f_holiday_day(m, ctx, w)


def f_holiday_day(m: re.Match, ctx: Ctx, w: str) -> Res | None:
    """The day of holiday ``w`` nearest the DCT as the clause's tense and "last" / "next" say."""
    c, rel = ctx.dct, (g(m, "rel") or "").lower()
    if m["y"]:
        return r_day(_holiday(w, int(m["y"])))
    if c is None:
        md = _HOLIDAYS.get(w)
        return ("DATE", f"XXXX-{md[0]:02d}-{md[1]:02d}", None, None, 1) if md else None
    this = _holiday(w, c.year)
    if rel == "last":  # the latest one before the DCT
        return r_day(this if this < c else _holiday(w, c.year - 1))
    if rel == "next":
        return r_day(this if this > c else _holiday(w, c.year + 1))
    return r_day(this if rel == "this" else _holiday(w, _pick_year(ctx, this.month, this.day)))
