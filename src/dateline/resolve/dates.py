"""Rule-based temporal tagger: finds time expressions and normalises them against the DCT.

``tag_times(text, dct)`` returns :class:`~dateline.records.TimeExpr` records (TIMEX3 type and
value, plus the calendar interval a date covers and its precision). Each rule is a regular
expression with a small resolver; overlapping matches keep the longest. Underspecified
dates ("10 January", "in December", "on Wednesday") take their year or week from the
publication date (DCT) and the tense of the clause: a ``tense_hints`` entry for the
expression's start offset wins, otherwise nearby auxiliaries and verb forms decide, and
news prose defaults to the past.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateline.records import TimeExpr

D = dt.date
Res = tuple  # (type, value, date_start | None, date_end | None, precision | None)

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
WEEKDAYS.update(
    {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
)
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
UNITS = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "week": "W",
    "fortnight": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "Y",
    "century": "Y",
    "centurie": "Y",
}
UNIT_MULT = {"fortnight": 2, "decade": 10, "century": 100, "centurie": 100}
UNIT_DAYS = {"D": 1, "W": 7, "M": 30.44, "Q": 91.3, "Y": 365.25}
from ..numbers import WORDNUM  # noqa: E402  (shared with fatalities)

ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
FUZZY_N = {"several", "a few", "few", "many", "some", "dozens of", "hundreds of", "recent", "the past few"}

_MON = (
    r"(?-i:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|Jun\.|July|Jul\.|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_MONL = _MON.replace("(?-i:", "(?:")  # any case, for month names after last/next/this
_WD = (
    r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tue\.|Tues\.|Wed\.|"
    r"Thu\.|Thurs\.|Fri\.|Sat\.|Sun\.)"
)
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>1[5-9]\d\d|20\d\d)"
_SEP = r"(?:\s*,\s*|\s+)"
_WNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|dozen|single|"
    r"a hundred|hundred|an?|a couple(?: of)?|couple of|several|a few|few|many|some|dozens of|"
    r"hundreds of)"
)
_NUM = rf"(?:\d+(?:\.\d+)?|{_WNUM}(?: and a half)?)"
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
_MOD = (
    r"(?:(?:nearly|almost|about|around|approximately|roughly|over|more than|less than|at least|"
    r"up to|just|only|under|some|the past|the last|the next|the first|the previous|the coming|"
    r"the following|the latest|the entire|the whole|a further|another)\s+)"
)
_REL = r"(?P<rel>this|last|next|past|coming|previous|current|following|the past|the last|the next|the coming|the previous|the current)"  # noqa: E501
_EDGE = (
    r"(?:(?P<edge>early|mid|late|the (?:end|beginning|start|middle) of|(?:earlier|later) "
    r"(?=this|in))[- ]?(?:in\s+)?)"
)
_PREP = r"(?:in|on|since|by|until|till|from|to|during|of|through|before|after|between|and|or|as of|since)\s+"

_FUT = re.compile(
    r"\b(will|'ll|shall|would|should|could|may|might|going to|(?:plans?|planned|planning|"
    r"hopes?|aims?|wants?|intends?|expects?|expected|scheduled|due|set|is|are) to|to be|"
    r"upcoming|until|next|forecasts?|predicted)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(was|were|had|did|said|told|ago|last|earlier|began|came|made|won|lost|fell|rose|"
    r"hit|left|met|saw|went|got|gave|took|since|became)\b",
    re.I,
)
_WEAK_PAST = re.compile(r"(?<!\bbe )(?<!\bbeen )\b(held|\w{3,}ed)\b", re.I)
_SENT_END = re.compile(r"[.!?]\s+(?=[A-Z\"'`])|\n")
_NUMBERISH = re.compile(
    r"(?:[$€£#]|US\$|\b(?:about|around|nearly|almost|some|than|least|approximately|"
    r"roughly|over|of|to|and|by|with)\s)\s*$",
    re.I,
)
_NOUN_AFTER = re.compile(
    r"\s*(?:[a-z]+s\b|people|men|women|children|police|staff|personnel|feet|"
    r"km|kilometres|kilometers|miles|metres|meters|tons|tonnes|points|%|percent|"
    r"per cent|[-–]\d|\.\d)",
    re.I,
)


def _parse_dct(dct: str | dt.date | dt.datetime | None) -> D | None:
    if dct is None or isinstance(dct, D) and not isinstance(dct, dt.datetime):
        return dct
    if isinstance(dct, dt.datetime):
        return dct.date()
    s = dct.strip()
    if m := re.match(r"(\d{4})-?(\d\d)-?(\d\d)", s):
        return D(*map(int, m.groups()))
    if m := re.match(r"(\d\d)-(\d\d)-(\d{4})", s):  # dd-mm-yyyy
        return D(int(m[3]), int(m[2]), int(m[1]))
    return None


def _safe(y: int, m: int, d: int) -> D | None:
    try:
        return D(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> D:
    return D(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + m - 1 + n
    return k // 12, k % 12 + 1


def _prec(a: D, b: D) -> int:
    n = (b - a).days
    return 1 if n == 0 else 2 if n <= 14 else 3


def r_day(d: D) -> Res:
    return ("DATE", d.isoformat(), d, d, 1)


def r_month(y: int, m: int) -> Res:
    return ("DATE", f"{y:04d}-{m:02d}", D(y, m, 1), _month_end(y, m), 3)


def r_year(y: int) -> Res:
    return ("DATE", f"{y:04d}", D(y, 1, 1), D(y, 12, 31), 3)


def r_week(d: D, weekend: bool = False) -> Res:
    y, w, _ = d.isocalendar()
    mon = d - dt.timedelta(days=d.weekday())
    if weekend:
        return ("DATE", f"{y:04d}-W{w:02d}-WE", mon + dt.timedelta(days=5), mon + dt.timedelta(days=6), 2)
    return ("DATE", f"{y:04d}-W{w:02d}", mon, mon + dt.timedelta(days=6), 2)


def r_quarter(y: int, q: int) -> Res:
    return ("DATE", f"{y:04d}-Q{q}", D(y, 3 * q - 2, 1), _month_end(y, 3 * q), 3)


def _edge(res: Res, edge: str | None) -> Res:
    """Narrow a date interval to its early / middle / late third, keeping the TIMEX3 value."""
    if not edge or res[2] is None:
        return res
    a, b = res[2], res[3]
    third = ((b - a).days + 1) / 3
    e = edge.split()[-1] if edge.startswith("the") else edge
    i = {"early": 0, "beginning": 0, "start": 0, "earlier": 0, "mid": 1, "middle": 1}.get(e, 2)
    s = a + dt.timedelta(days=round(i * third))
    t = a + dt.timedelta(days=round((i + 1) * third) - 1)
    return (res[0], res[1], s, t, _prec(s, t))


@dataclass
class Ctx:
    text: str
    dct: D | None
    hints: dict[int, str]
    start: int
    end: int

    def tense(self) -> str | None:
        """past | future | present | None, from hints or the words around the expression."""
        if self.start in self.hints:
            return self.hints[self.start]
        lo = max(0, self.start - 80)
        left = self.text[lo : self.start]
        cut = [m.end() for m in _SENT_END.finditer(left)]
        left = left[cut[-1] :] if cut else left
        right = self.text[self.end : self.end + 60]
        m = _SENT_END.search(right)
        right = right[: m.start()] if m else right
        best: tuple[int, str] | None = None
        rules = ((_FUT, "future"), (_PAST, "past"))
        if not _FUT.search(left):
            rules += ((_WEAK_PAST, "past"),)
        for rx, name in rules:
            for m in rx.finditer(left):
                dist = len(left) - m.end()
                if best is None or dist < best[0]:
                    best = (dist, name)
            m2 = rx.search(right)
            if m2 and (best is None or m2.start() + 5 < best[0]):
                best = (m2.start() + 5, name)
        return best[1] if best else None


def _pick_year(ctx: Ctx, m: int, d: int | None = None) -> int:
    """Year of an underspecified month (and day) nearest the DCT in the tense's direction."""
    assert ctx.dct is not None
    c, y = ctx.dct, ctx.dct.year
    key, dkey = (m, d or 0), (c.month, c.day if d else 0)
    tense = ctx.tense()
    if tense == "future":
        return y if key >= dkey else y + 1
    if tense == "present" or key <= dkey:
        return y
    # after the DCT in the same year: past context (or default) means last year, unless it is
    # within two months ahead and nothing says past.
    if tense is None and (m - c.month) % 12 <= 1:
        return y
    return y - 1


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


def _num(s: str) -> float | None:
    s = s.lower().strip()
    half = s.endswith(" and a half")
    s = s.removesuffix(" and a half")
    if s in FUZZY_N:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        v = float(s)
    elif s in WORDNUM:
        v = WORDNUM[s]
    else:
        parts = re.split(r"[- ]", s)
        v = sum(WORDNUM.get(p, 0) for p in parts)
    return v + 0.5 if half else v


def _dur_value(n: float | None, unit: str) -> str:
    u = unit.lower().rstrip("s")
    code, mult = UNITS.get(u, "D"), UNIT_MULT.get(u, 1)
    t = "T" if u in ("second", "minute", "hour") else ""
    if n is None:
        return f"P{t}X{'Y' if mult > 1 else code}"
    v = n * mult
    vs = str(int(v)) if v == int(v) else f"{v:g}"
    return f"P{t}{vs}{code}"


# ---------------------------------------------------------------- resolvers


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
    if ctx.dct is None:
        return ("DATE", f"XXXX-{mon:02d}-{day:02d}", None, None, 1)
    d = _safe(_pick_year(ctx, mon, day), mon, day)
    return r_day(d) if d else None


def f_my(m: re.Match, ctx: Ctx) -> Res | None:
    mon = MONTHS[m["mon"].lower().rstrip(".")]
    if m["y"]:
        y = int(m["y"])
    elif ctx.dct is None:
        return None
    else:
        y = ctx.dct.year + {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return _edge(r_month(y, mon), m["edge"])


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


def f_month(m: re.Match, ctx: Ctx) -> Res | None:
    name = m["mon"]
    mon = MONTHS[name.lower().rstrip(".")]
    if name.lower() in ("may", "march", "mar", "mar.") and not name[0].isupper():
        return None
    if not g(m, "rel") and not g(m, "edge"):
        ambiguous = name[:3] in ("May", "Mar") or "." in name or len(name) == 3
        if not name[0].isupper() or ambiguous and not _prev_word_ok(ctx):
            return None
    if ctx.dct is None:
        return ("DATE", f"XXXX-{mon:02d}", None, None, 3)
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


def f_year(m: re.Match, ctx: Ctx) -> Res | None:
    before = ctx.text[max(0, m.start() - 25) : m.start()]
    after = ctx.text[m.end() : m.end() + 14]
    if not m["edge"] and not m["fy"] and not _prev_word_ok(ctx, _YEAR_PREP):
        if _NUMBERISH.search(before) and not re.search(r"\b(?:in|since|of|by|from|to|until)\s*$", before):
            return None
        if _NOUN_AFTER.match(after) or re.match(r"[,.]\d", after) or re.search(r"[$€£#]\s*$", before):
            return None
    y = int(m["y"])
    if m["fy"]:
        return ("DATE", f"FY{y}", None, None, 3)
    return _edge(r_year(y), m["edge"])


def f_short_year(m: re.Match, ctx: Ctx) -> Res | None:
    if not re.search(
        r"\b(?:in|of|since|from|to|until)\s$", ctx.text[max(0, ctx.start - 8) : ctx.start], re.I
    ):
        return None
    y = int(m["sy"])
    c = ctx.dct.year if ctx.dct else 2000
    y += 2000 if 2000 + y <= c + 1 else 1900
    return r_year(y)


def f_decade(m: re.Match, ctx: Ctx) -> Res | None:
    if m["c"]:
        cent = int(m["c"])
    else:
        cent = 20 if int(m["dd"]) <= ((ctx.dct.year if ctx.dct else 2000) % 100) // 10 else 19
    dec = int(m["dd"])
    y0 = cent * 100 + dec * 10
    return _edge(("DATE", f"{y0 // 10:03d}", D(y0, 1, 1), D(y0 + 9, 12, 31), 3), m["edge"])


def f_century(m: re.Match, ctx: Ctx) -> Res | None:
    n = int(m["n"])
    if not 1 <= n <= 21:
        return None
    y0 = (n - 1) * 100
    return _edge(("DATE", f"{n - 1:02d}", D(max(y0, 1), 1, 1), D(y0 + 99, 12, 31), 3), m["edge"])


def _rel_shift(rel: str) -> int:
    rel = rel.lower().removeprefix("the ")
    return {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)


def f_season(m: re.Match, ctx: Ctx) -> Res | None:
    code = SEASONS[m["s"].lower()]
    if m["y"]:
        y = int(m["y"])
    elif ctx.dct is None:
        return ("DATE", f"XXXX-{code}", None, None, 3)
    else:
        cur = ctx.dct.year
        start_m = SEASON_MONTHS[code][0]
        k = _rel_shift(m["rel"] or "")
        if k == 0 and not m["rel"]:
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
            y = cur + k
    a, b = SEASON_MONTHS[code]
    ey, em = _add_months(y, b, 0) if b <= 12 else (y + 1, b - 12)
    return _edge(("DATE", f"{y:04d}-{code}", D(y, a, 1), _month_end(ey, em), 3), m["edge"])


def f_quarter(m: re.Match, ctx: Ctx) -> Res | None:
    q_word = (m["q"] or "").lower()
    c = ctx.dct
    if g(m, "qy") or g(m, "qy2"):
        y = int(g(m, "qy") or g(m, "qy2") or 0)
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
        if not g(m, "qy") and not m["qrel"] and c and ctx.tense() == "past" and q >= cq:
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


def f_reld(m: re.Match, ctx: Ctx) -> Res | None:
    if ctx.dct is None:
        return None
    w = m["w"].lower()
    off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
    if m["ba"]:
        off += -1 if m["ba"].lower() == "before" else 1
    d = ctx.dct + dt.timedelta(days=off)
    pod = "NI" if w == "tonight" else POD.get((m["pod"] or "").lower())
    if pod:
        return ("TIME", f"{d.isoformat()}T{pod}", d, d, 1)
    return r_day(d)


def f_relunit(m: re.Match, ctx: Ctx) -> Res | None:
    c = ctx.dct
    if c is None:
        return None
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
    d = ctx.dct - dt.timedelta(days=1) if m["rel"].lower() == "last" else ctx.dct
    return ("TIME", f"{d.isoformat()}T{POD[m['pod'].lower()]}", d, d, 1)


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


def f_duration(m: re.Match, ctx: Ctx) -> Res | None:
    unit = m["u"].lower()
    n = _num(m["n"]) if m["n"] else None
    if m["n"] and n is not None and n == 0:
        return None
    if m["n"] and m["n"].lower() in ("a", "an") and unit in ("second", "quarter"):
        return None
    if m["n"] and m["n"].lower() in ("a", "an", "one") and not m["mod"] and m["adj"] != "-":
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


_BARE_BEFORE = re.compile(r"\b(?:for|in|over|within|after|of|just|over the|over the past)\s$", re.I)


def f_bare_units(m: re.Match, ctx: Ctx) -> Res | None:
    if (
        g(m, "u")
        and not m[0].lower().startswith(("several", "many", "few", "the past", "some"))
        and not _prev_word_ok(ctx, _BARE_BEFORE)
    ):  # noqa: E501
        return None
    return ("DURATION", _dur_value(None, g(m, "u") or "years"), None, None, None)


def f_set(m: re.Match, ctx: Ctx) -> Res | None:
    w = (g(m, "w") or g(m, "w2") or "").lower().rstrip(".")
    if w in WEEKDAYS:
        return ("SET", f"XXXX-WXX-{WEEKDAYS[w] + 1}", None, None, None)
    if w in POD:
        return ("SET", f"T{POD[w]}", None, None, None)
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
    hh = "12:00" if m[0].lower().endswith("noon") else "24:00"
    return ("TIME", f"{d.isoformat() if d else 'XXXX-XX-XX'}T{hh}", d, d, 1 if d else None)


def _anchor_day(ctx: Ctx) -> D | None:
    return ctx.dct


def f_theday(m: re.Match, ctx: Ctx) -> Res | None:
    """Anaphoric "the day": the last day named before it, else the DCT (resolved in tag_times)."""
    return ("DATE", "THE_DAY", ctx.dct, ctx.dct, 1) if ctx.dct else None


def f_theyear(m: re.Match, ctx: Ctx) -> Res | None:
    return _edge(r_year(ctx.dct.year), m["edge"]) if ctx.dct else None


def f_weekend(m: re.Match, ctx: Ctx) -> Res | None:
    if ctx.dct is None:
        return None
    c = ctx.dct
    k = 0 if ctx.tense() == "future" or c.weekday() >= 5 else -1
    return r_week(c + dt.timedelta(weeks=k), True)


def f_fuzzy(m: re.Match, ctx: Ctx) -> Res | None:
    w = re.sub(r"\s+", " ", m[0].lower())
    if re.search(r"future|soon|long term|near term|short term|long run|coming", w):
        return ("DATE", "FUTURE_REF", ctx.dct, None, None)
    if re.search(r"\bnow|current|present|these days|nowadays|time being", w):
        return ("DATE", "PRESENT_REF", ctx.dct, ctx.dct, 1 if ctx.dct else None)
    return ("DATE", "PAST_REF", None, ctx.dct, None)


def f_holiday(m: re.Match, ctx: Ctx) -> Res | None:
    w = m["hol"].lower()
    md = {
        "christmas day": (12, 25),
        "christmas": (12, 25),
        "christmas eve": (12, 24),
        "new year's day": (1, 1),
        "new year's eve": (12, 31),
        "valentine's day": (2, 14),
        "halloween": (10, 31),
        "independence day": (7, 4),
    }.get(w)
    if not md:
        return None
    if m["y"]:
        y = int(m["y"])
    elif ctx.dct:
        y = _pick_year(ctx, *md)
    else:
        return ("DATE", f"XXXX-{md[0]:02d}-{md[1]:02d}", None, None, 1)
    return r_day(D(y, *md))


# ---------------------------------------------------------------- grammar

_POD = r"(?P<pod>morning|afternoon|evening|night)"
RULES: list[tuple[str, Callable[[re.Match, Ctx], Res | None]]] = [
    (rf"(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<mon>{_MON}){_SEP}{_YEAR}\b", f_full),
    (rf"(?:{_WD},?\s+)?(?P<mon>{_MON})\s+{_DAY}{_SEP}{_YEAR}\b", f_full),
    (r"\b(\d{4})-(\d\d)-(\d\d)\b", f_iso),
    (r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d\d)\b", f_us),
    (
        rf"(?:{_WD},?\s+)?(?P<mon>{_MON})\s+{_DAY}\b"
        r"(?![,.]?\d|\s*,?\s*(?:\d|million|billion|percent|%))",
        f_md,
    ),
    (rf"(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<mon>{_MON})\b", f_md),
    (
        rf"{_EDGE}?(?P<mon>{_MON})(?:{_SEP}(?:of\s+)?{_YEAR}|\s+(?:of\s+)?(?P<rel>this|last|next) year)\b",
        f_my,
    ),
    (rf"{_EDGE}?(?:(?P<rel>last|next|this|past|coming|previous|current)\s+)?(?P<mon>{_MONL})\b", f_month),
    (
        rf"{_EDGE}?(?:(?P<fy>fiscal|financial year|FY)\s*)?(?<![\d.,$€£#])(?<!\d-){_YEAR}"
        r"(?![\d,.]\d|-\d|\s*%)\b",
        f_year,
    ),
    (r"(?<=\s)'(?P<sy>\d\d)\b(?!s)", f_short_year),
    (rf"{_EDGE}?(?:the\s+)?(?:(?<![\w-])(?P<c>1[5-9]|20)|'|(?<![\w-]))(?P<dd>\d)0'?s\b", f_decade),
    (rf"{_EDGE}?the\s+(?P<n>\d{{1,2}})(?:st|nd|rd|th)\s+century\b", f_century),
    (
        rf"{_EDGE}?(?:(?P<rel>this|last|next|past|coming|previous|the)\s+)?(?P<s>spring|summer|autumn|winter|"
        rf"(?<=this |last |next |past )fall|(?<=the )fall)(?:\s+(?:of\s+)?{_YEAR})?\b",
        f_season,
    ),
    (
        rf"{_EDGE}?(?:the\s+)?(?P<q>first|second|third|fourth|final|last|previous|past|current|next|"
        r"1st|2nd|3rd|4th)[- ](?:fiscal[- ])?quarter(?:\s+(?:of\s+)?(?:the\s+)?"
        r"(?:(?:fiscal\s+)?(?P<qy>1[5-9]\d\d|20\d\d)|"
        rf"(?P<qrel>this|last|next|the) year))?\b|\bQ(?P<qn>[1-4])\s*(?P<qy2>20\d\d)?\b",
        f_quarter,
    ),
    (
        rf"(?:the\s+)?(?P<h>first|second|1st|2nd)\s+half\s+of\s+(?:(?P<rel>this|last|next)\s+year|{_YEAR})\b",
        f_half,
    ),
    (
        r"\b(?:(?:earlier|later|late|early)\s+)?(?:the\s+day\s+(?P<ba>before|after)\s+)?"
        rf"(?P<w>today|tonight|yesterday|tomorrow)(?:\s+{_POD})?\b",
        f_reld,
    ),
    (
        rf"\b{_EDGE}?(?:the\s+)?{_REL}\s+(?P<u>week|weekend|month|year|quarter|decade)\b"
        r"(?!\s+(?:or|and)\b)",
        f_relunit,
    ),
    (
        rf"(?<!Black )(?<!Cyber )(?:\b(?P<rel>last|next|this|coming)\s+)?(?P<wd>{_WD})(?:\s+{_POD})?\b",
        f_relwd,
    ),
    (r"\b(?P<rel>last|to)\s*(?P<pod>night)\b", f_lastnight),
    (r"\b(?P<rel>this)\s+(?P<pod>morning|afternoon|evening)\b", f_lastnight),
    (rf"\b(?P<n>{_NUM}|\d+)\s+(?P<u>{_UNIT})s?\s+(?P<dir>ago|from now|hence)\b", f_ago),
    (
        rf"\b(?P<mod>{_MOD})?(?P<n>{_NUM})(?:\s*(?:to|-|–|or)\s*{_NUM})?(?P<adj>[- ])"
        r"(?:(?:straight|consecutive|successive|full|trading|business|working|calendar)\s+)?"
        rf"(?P<u>{_UNIT})s?(?:[- ]long|[- ]old)?\b(?!\s+(?:ago|from now))",
        f_duration,
    ),
    (
        r"\bdecades[- ]long\b(?P<u2>)|\b(?:(?:several|many|few|the past few|some)\s+)?"
        r"(?P<u>years|decades|months|weeks|days|hours|minutes)\b",
        f_bare_units,
    ),
    (
        r"\b(?:(?:every|each)\s+(?P<other>other\s+)?|(?<=\d\s)(?:a|an|per)\s+|"
        r"(?:once|twice|times)\s+(?:a|an|per)\s+)"
        rf"(?P<w>day|week|weekend|month|quarter|year|hour|morning|afternoon|evening|night|{_WD})\b"
        r"|\b(?P<w2>daily|weekly|monthly|quarterly|annual|annually|yearly|hourly)\b",
        f_set,
    ),
    (
        r"\b(?P<h>[0-2]?\d)(?::(?P<mi>[0-5]\d)|(?P<hhmm>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.|[ap]\s?m\b)?"
        r"(?:\s*\(?\s*(?P<tz>UTC|GMT|EST|EDT|CET|BST|PST|PDT|local time|Z)\b(?:\s*[+-]\s*\d{1,2}\s*\)?)?)?",
        f_time,
    ),
    (r"\b(?:at|by|around|before|after|until)\s+(?:noon|midnight)\b", f_noon),
    (
        r"\b(?:in\s+the\s+(?:near\s+|distant\s+)?future|the\s+(?:near\s+)?future|"
        r"(?:in\s+)?the\s+(?:long|near|short)[- ](?:term|run)|(?:very\s+|quite\s+)?soon(?!-)|"
        r"(?:more\s+|most\s+|very\s+|until\s+)?recently|currently|at\s+present|presently|nowadays|"
        r"these\s+days|for\s+the\s+time\s+being|(?<!\bright )now(?!\s+that\b|-)|"
        r"(?<!\bmost )recent(?=\s+(?:years|months|weeks|days|times|history|decades))(?:\s+\w+)?|"
        r"(?:in\s+)?the\s+past(?!\s+(?:few|\d|two|three|four|five|six|seven|eight|nine|ten|several|year|month|week|"
        r"decade|day|quarter|weekend|century|\w+\s+(?:years|months|weeks|days)))|lately)\b",
        f_fuzzy,
    ),
    (
        r"\b(?:(?:late|early|later|earlier)\s+in\s+|at\s+the\s+(?:start|end)\s+of\s+|(?<=\bend )|(?<=\bending )|"
        r"(?<=\bfor )|(?<=\bon )|(?<=\bduring )|(?<=\bthroughout ))the\s+(?:same\s+)?day\b"
        r"(?!\s+(?:before|after|of|when|that|on|in which|he|she|it|they))",
        f_theday,
    ),
    (r"\b(?P<edge>the\s+(?:end|beginning|start|middle)\s+of)\s+the\s+year\b", f_theyear),
    (r"\b(?:over|during|at)\s+the\s+weekend\b", f_weekend),
    (
        rf"\b(?P<hol>Christmas(?: Day| Eve)?|New Year's (?:Day|Eve)|Valentine's Day|Halloween|Independence Day)"
        rf"(?:\s+{_YEAR})?\b",
        f_holiday,
    ),
]


_COMPILED = [(re.compile(p, re.I), f) for p, f in RULES]


def tag_times(
    text: str,
    dct: str | dt.date | dt.datetime | None,
    *,
    tense_hints: dict[int, str] | None = None,
) -> list[TimeExpr]:
    """Find and normalise the time expressions in ``text`` against the publication date."""
    c = _parse_dct(dct)
    hints = tense_hints or {}
    cands: list[tuple[int, int, int, Res]] = []
    for order, (rx, fn) in enumerate(_COMPILED):
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            res = fn(m, Ctx(text, c, hints, m.start(), m.end()))
            if res:
                cands.append((m.start(), m.end(), order, res))
    cands.sort(key=lambda x: (x[0] - x[1], x[2], x[0]))
    taken: list[tuple[int, int]] = []
    out: list[TimeExpr] = []
    for s, e, _, res in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        typ, value, a, b, prec = res
        out.append(
            TimeExpr(
                s,
                e,
                text[s:e],
                typ,
                value,
                a.isoformat() if a else None,
                b.isoformat() if b else None,
                prec,
                anchored=c is not None and _is_relative(text[s:e], typ, value),
            )
        )
    out.sort(key=lambda t: t.start)
    return _link(text, out) if c else out


_GAP = re.compile(r"\s*(?:on|at)?\s*$", re.I)


def _link(text: str, out: list[TimeExpr]) -> list[TimeExpr]:
    """Anchor clock times and anaphoric "the day" to the day named next to them."""
    days = [t for t in out if t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value)]
    absorbed: set[int] = set()
    for t in out:
        if t.value == "THE_DAY":
            prev = [d for d in days if d.end <= t.start]
            d = prev[-1].value if prev else t.date_start or ""
            t.value, t.date_start, t.date_end = d, d, d
        elif t.type == "TIME" and re.match(r"\d{4}-\d\d-\d\dT\d", t.value):
            near = [d for d in days if not re.search(r"[.!?]\s|\n", _between(text, d, t))]
            if not near:
                continue
            d = min(near, key=lambda d: abs(d.start - t.start))
            t.value = d.value + t.value[10:]
            t.date_start = t.date_end = d.value
            t.anchored = t.anchored and d.anchored
            if _GAP.match(_between(text, d, t)):
                absorbed.add(id(d))
                t.start, t.end = min(t.start, d.start), max(t.end, d.end)
                t.text = text[t.start : t.end]
    return [t for t in out if id(t) not in absorbed]


def _between(text: str, a: TimeExpr, b: TimeExpr) -> str:
    return text[min(a.end, b.end) : max(a.start, b.start)]


_ABS = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b|\d{4}-\d\d-\d\d|'\d\d")


def _is_relative(text: str, typ: str, value: str) -> bool:
    if typ in ("DURATION", "SET") or value.endswith("_REF"):
        return False
    return not _ABS.search(text) and not re.search(r"\d/\d", text)
