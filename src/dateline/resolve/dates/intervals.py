"""Calendar arithmetic: the DCT parser, the interval each TIMEX3 granularity covers, and durations.

A resolver returns a ``Res`` tuple ``(type, value, date_start, date_end, precision)``; the
``r_*`` helpers build it for a day, week, month, quarter or year, and ``_edge`` narrows it
to its early / middle / late third ("early March").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from dateline.numbers import WORDNUM  # shared with fatalities

from .lexicon import FUZZY_N, UNIT_MULT, UNITS, D, Res


def _parse_dct(dct: str | dt.date | dt.datetime | None) -> D | None:
    if dct is None or isinstance(dct, D) and not isinstance(dct, dt.datetime):
        return dct
    if isinstance(dct, dt.datetime):
        return dct.date()
    s = dct.strip()
    if m := re.match(r"(\d{4})-?(\d\d)-?(\d\d)", s):
        return _safe(*map(int, m.groups()))  # "2020-13-45": no anchor, not an error
    if m := re.match(r"(\d\d)-(\d\d)-(\d{4})", s):  # dd-mm-yyyy
        return _safe(int(m[3]), int(m[2]), int(m[1]))
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


def _num(s: str) -> float | None:
    s = s.lower().strip()
    half = s.endswith((" and a half", " 1/2"))
    s = s.removesuffix(" and a half").removesuffix(" 1/2")
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
    if v != int(v) and v * 2 == int(v * 2) and (u, code) in _HALF:
        # TIMEX3 values are whole units: "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M
        whole = f"{int(v)}{code}" if int(v) else ""
        return f"P{t}{whole}{_HALF[(u, code)]}"
    vs = str(int(v)) if v == int(v) else f"{v:g}"
    return f"P{t}{vs}{code}"


_HALF = {("year", "Y"): "6M", ("day", "D"): "T12H", ("hour", "H"): "30M", ("minute", "M"): "30S"}
