"""The public tagger: run every rule, keep the longest of overlapping matches, link clock times
and "the day" to the day named beside them.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.records import TimeExpr

from .anchor import Ctx
from .grammar import _COMPILED
from .intervals import _parse_dct
from .lexicon import Res


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
