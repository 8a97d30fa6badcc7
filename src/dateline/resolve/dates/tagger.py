"""The public tagger: run every rule, keep the longest of overlapping matches, link clock times
and "the day" to the day named beside them.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right

from dateline.records import TimeExpr
from dateline.truecase import mostly_lower

from .anchor import Ctx
from .focus import apply_focus, resolve_that, story_weekdays
from .grammar import _COMPILED, _COMPILED_LOWER
from .intervals import _month_end, _parse_dct
from .lexicon import POD, Res


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
    # a lower-cased scrape writes "on monday", "march 3": the rules that match names in any case
    compiled = _COMPILED_LOWER if lower_cased(text) else _COMPILED
    for order, (rx, fn) in enumerate(compiled):
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            try:
                res = fn(m, Ctx(text, c, hints, m.start(), m.end()))
            except (OverflowError, ValueError):
                # calendar arithmetic off the calendar ("the day before" 1 January 0001, "next
                # year" in 9999, a day 31 in a 30-day month): no date, not a failed article
                res = None
            if res:
                cands.append((m.start(), m.end(), order, res))
    out: list[TimeExpr] = []
    for s, e, res in select_longest(cands):
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
    _trim_determiners(text, out)
    if c is None:
        return out
    out = resolve_that(text, apply_focus(text, _join_years(text, out), c))
    story_weekdays(text, out, c)
    return _second_days(text, _link(text, out, c))


# the second day of a pair or range ("April 24 and 25", "March 3 to 5"): the same month's day, a
# date of its own (TimeBank annotates it); not an amount ("from March 3 to 5 percent")
_SECOND_DAY = re.compile(
    r"\s+(?:and|or|to|through|until)\s+(?P<d>[0-3]?\d)\b(?!\s*(?:%|percent|per\s+cent|points?|"
    r"million|billion|[a-z]+s\b)|[,.:]\d|-)"
)


def _second_days(text: str, out: list[TimeExpr]) -> list[TimeExpr]:
    added = []
    for t in out:
        if not (t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value) and t.text[-1:].isdigit()):
            continue
        if not (m := _SECOND_DAY.match(text, t.end)) or int(m["d"]) <= int(t.value[8:]):
            continue
        try:
            d = dt.date(int(t.value[:4]), int(t.value[5:7]), int(m["d"]))
        except ValueError:
            continue  # a day the month has not: no date
        iso = d.isoformat()
        added.append(
            TimeExpr(m.start("d"), m.end("d"), m["d"], "DATE", iso, iso, iso, 1, anchored=t.anchored)
        )
    return sorted(out + added, key=lambda t: t.start) if added else out


# a time before its noun ("the eight-year war", "the third-quarter loss", "the year-ago results"):
# the determiner is the noun's, outside the expression (TimeML)
_PRENOMINAL = re.compile(r"(?i:the)\s+(?=\S*-\S+$)")
_NOUN_NEXT = re.compile(
    r"\s+(?!(?:and|or|but|of|in|on|at|to|for|from|by|with|as|than|that|which|ended|ending|ago|earlier|"
    r"later|before|after)\b)[a-z]"
)


def _trim_determiners(text: str, out: list[TimeExpr]) -> None:
    for t in out:
        if (m := _PRENOMINAL.match(t.text)) and _NOUN_NEXT.match(text, t.end):
            t.start += m.end()
            t.text = text[t.start : t.end]


_MONTH_OR_SEASON = re.compile(r"\d{4}-(\d\d|SP|SU|FA|WI)")


def _join_years(text: str, out: list[TimeExpr]) -> list[TimeExpr]:
    """A month or season followed by a year its rule does not read ("January nineteen
    ninety-seven", "the winter of nineteen ninety-four") is one date in that year."""
    kept: list[TimeExpr] = []
    for t in out:
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and re.fullmatch(r"\d{4}", t.value)
            and (m := _MONTH_OR_SEASON.fullmatch(prev.value))
            and re.fullmatch(r"\s+(?:of\s+)?", text[prev.end : t.start])
            and prev.date_start
            and prev.date_end
        ):
            shift = int(t.value) - int(prev.value[:4])
            a, b = dt.date.fromisoformat(prev.date_start), dt.date.fromisoformat(prev.date_end)
            b = _month_end(b.year + shift, b.month)  # a month's or season's last day: 28 or 29 Feb
            prev.value = t.value + "-" + m[1]
            prev.date_start, prev.date_end = a.replace(year=a.year + shift).isoformat(), b.isoformat()
            prev.end, prev.text, prev.anchored = t.end, text[prev.start : t.end], False
            continue
        kept.append(t)
    return kept


# a link (a run of non-spaces with "://" inside it) or an acronym. The link is matched from the
# start of its run only: "\S+://\S+" tried every start inside a long token, quadratic in it.
_NOT_PROSE = re.compile(r"(?<!\S)(?=\S*?\S://\S)\S+|\b[A-Z]{2,}\b")


# a scrape's title and byline run into its first line: "Title words TNN | Aug 8, 2001, 11.00 PM IST"
_BYLINE = re.compile(r"^[^\n|]*\|[^\n|]{0,20}?\d{4},?[ \t]*\d{1,2}[.:]\d\d[ \t]*(?:[AP]M)?", re.M)
_LABEL = re.compile(r"[A-Z][A-Za-z ]{0,20}: ")  # the reader's preamble: "Published: …", "URL: …"
PROSE_LINE_WORDS = 12  # a line shorter than this is a label, a title or a share button, not prose


def lower_cased(text: str) -> bool:
    """Whether ``text`` is a lower-cased scrape: its prose is, once the links, the acronyms of
    its byline ("TNN | Aug 14, 2001, 11.07 PM IST") and its short lines are set aside. A short
    scrape is judged on its prose lines alone: the reader's labelled preamble ("Published: …",
    "URL: …"), a title and a footer of share buttons ("Facebook Twitter Mail") are capitalised
    in a report whose every sentence is not; so are the title and byline before a timestamp."""
    cleaned = _NOT_PROSE.sub(" ", _BYLINE.sub(" ", text))
    prose = [line for line in cleaned.splitlines() if len(line.split()) >= PROSE_LINE_WORDS]
    if not prose:  # a one-line report: judged without the reader's labelled preamble
        prose = [line for line in cleaned.splitlines() if not _LABEL.match(line)]
    return mostly_lower("\n".join(prose))


def select_longest(cands: list[tuple[int, int, int, Res]]) -> list[tuple[int, int, Res]]:
    """Keep the longest of overlapping candidates ``(start, end, rule order, res)``.

    Longest first, then the earlier rule, then the earlier start; a candidate is kept when it
    overlaps none kept before it. The kept spans are disjoint and non-empty, so sorted by start
    their ends are sorted too: the only kept span that can overlap ``[s, e)`` is the last one
    starting before ``e``, found by bisection (the linear scan over all kept spans made long
    texts quadratic). Returned in the order kept.
    """
    starts: list[int] = []  # kept spans, sorted by start
    ends: list[int] = []  # their ends, in the same order (hence also sorted)
    kept: list[tuple[int, int, Res]] = []
    for s, e, _, res in sorted(cands, key=lambda x: (x[0] - x[1], x[2], x[0])):
        i = bisect_left(starts, e)  # starts[:i] < e
        if i and ends[i - 1] > s:
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        kept.append((s, e, res))
    return kept


_GAP = re.compile(r"\s*(?:on|at)?\s*$", re.I)


def _link(text: str, out: list[TimeExpr], dct: dt.date | None = None) -> list[TimeExpr]:
    """Anchor clock times and anaphoric "the day" to the day named next to them.

    ``out`` is sorted by start and its spans are disjoint, so the days' ends are sorted too and
    each look-up is a bisection (a scan over every day made long texts quadratic).
    """
    days = [t for t in out if t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value)]
    starts = [d.start for d in days]
    ends = [d.end for d in days]
    breaks = _Breaks(text)
    absorbed: set[int] = set()
    for t in out:
        if t.value == "THE_DAY":
            i = bisect_right(ends, t.start)  # days[:i] end before it: the last one is named last
            d = days[i - 1].value if i else t.date_start or ""
            t.value, t.date_start, t.date_end = d, d, d
        elif t.value.startswith("THE_DAY"):  # "the next day" (+1), "the day before" (-1)
            i = bisect_right(ends, t.start)
            _shift_day(t, days[i - 1] if i else None, dct)
        elif t.value.startswith("THE_WD"):  # "the previous Friday", "the following Monday"
            i = bisect_right(ends, t.start)
            _story_weekday(t, days[i - 1] if i else None, dct)
        elif (
            t.text.lower() == "overnight"
            and dct
            and dct.toordinal() > 8
            and t.value == f"{dct - dt.timedelta(days=1)}TNI"
        ):
            # the night before the story's day ("closed lower Friday … overnight losses in New
            # York"), a day of the week before the DCT named lately; else the night before the DCT
            # (not an older incident's date the story recalls)
            i = bisect_right(ends, t.start)
            day = days[i - 1] if i else None
            recent = day and (dct - dt.timedelta(days=7)).isoformat() <= day.value < dct.isoformat()
            if day and recent and t.start - day.end <= OVERNIGHT_REACH:
                d = dt.date.fromisoformat(day.value) - dt.timedelta(days=1)
                t.value, t.date_start, t.date_end = f"{d.isoformat()}TNI", d.isoformat(), d.isoformat()
        elif t.type == "TIME" and re.match(r"\d{4}-\d\d-\d\dT\d", t.value):
            day = _nearest_day(days, starts, ends, breaks, t) or _narrative_day(text, days, ends, t)
            if day is None:
                continue
            t.value = day.value + t.value[10:]
            t.date_start = t.date_end = day.value
            t.anchored = t.anchored and day.anchored
            if _GAP.match(_between(text, day, t)):
                absorbed.add(id(day))
                t.start, t.end = min(t.start, day.start), max(t.end, day.end)
                t.text = text[t.start : t.end]
    for d in days:  # "the morning of March 3", "on the night of 12 June": that part of the day
        if d.type == "DATE" and (m := _POD_OF.search(text, max(0, d.start - 24), d.start)):
            d.type, d.value = "TIME", f"{d.value}T{POD[m[1].lower()]}"
            d.start, d.text = m.start(), text[m.start() : d.end]
    return [t for t in out if id(t) not in absorbed]


_POD_OF = re.compile(r"\b(?:the\s+)?(morning|afternoon|evening|night)\s+of\s+$", re.I)


def _shift_day(t: TimeExpr, day: TimeExpr | None, dct: dt.date | None) -> None:
    """Resolve "the next day" / "the day before" (``THE_DAY+1``, ``THE_DAY-1``, maybe with a part
    of day) on the day named last before it: with none, "the day before" is the day before the
    DCT and "the next day" an unknown day (a story's next day is not the reader's tomorrow)."""
    k, pod = int(t.value[7:9]), t.value[9:]
    if day is not None:
        d: dt.date | None = dt.date.fromisoformat(day.value) + dt.timedelta(days=k)
    elif k <= 0 and dct is not None:  # "the day before" is yesterday's, "in the morning" today's
        d = dct + dt.timedelta(days=k)
    else:
        d = None
    t.type = "TIME" if pod else "DATE"
    t.value = (d.isoformat() if d else "XXXX-XX-XX") + pod
    t.date_start = t.date_end = d.isoformat() if d else None
    t.precision = 1 if d else None


def _story_weekday(t: TimeExpr, day: TimeExpr | None, dct: dt.date | None) -> None:
    """Resolve ``THE_WD-4`` ("the previous Friday") / ``THE_WD+0`` ("the following Monday"): that
    weekday strictly before or after the day named last, else before or after the DCT."""
    anchor = dt.date.fromisoformat(day.value) if day is not None else dct
    if anchor is None:
        return
    wd, back = int(t.value[7:]), t.value[6] == "-"
    k = -((anchor.weekday() - wd) % 7 or 7) if back else (wd - anchor.weekday()) % 7 or 7
    try:
        d = anchor + dt.timedelta(days=k)
    except OverflowError:  # off the calendar: no date
        t.value, t.date_start, t.date_end, t.precision = "XXXX-XX-XX", None, None, None
        return
    t.value = t.date_start = t.date_end = d.isoformat()
    t.precision = 1


def _nearest_day(
    days: list[TimeExpr], starts: list[int], ends: list[int], breaks: _Breaks, t: TimeExpr
) -> TimeExpr | None:
    """The day whose start is nearest ``t``'s with no sentence break between them (the earlier on
    a tie), or None. The further a day, the wider the gap, so only the last day before ``t`` and
    the first after it can qualify."""
    i = bisect_right(ends, t.start)  # days[:i] end at or before t
    j = bisect_left(starts, t.end)  # days[j:] start at or after t
    before = days[i - 1] if i and not breaks.within(days[i - 1].end, t.start) else None
    after = days[j] if j < len(days) and not breaks.within(t.end, days[j].start) else None
    if before is None or after is None:
        return before or after
    return before if t.start - before.start <= after.start - t.start else after


OVERNIGHT_REACH = 400  # characters back that the day "overnight" precedes may have been named
NARRATIVE_REACH = 800  # characters back that a clock time's day may have been named


def _narrative_day(text: str, days: list[TimeExpr], ends: list[int], t: TimeExpr) -> TimeExpr | None:
    """A clock time whose sentence names no day ("… hurled at a lorry around 1 pm") is on the day
    the report last named before it in its paragraph ("the procession passed off peacefully on
    Saturday"), not the publication day; None when the paragraph names none close enough."""
    i = bisect_right(ends, t.start)
    if not i:
        return None
    day = days[i - 1]
    if t.start - day.end > NARRATIVE_REACH or re.search(r"\n[ \t]*\n", text[day.end : t.start]):
        return None
    return day


class _Breaks:
    """Where sentence breaks (``[.!?]`` then a space, or a newline) are, for range queries.

    A break at ``p`` lies inside ``text[lo:hi]`` when ``lo <= p`` and its last character is
    before ``hi``. Every position is recorded (a newline right after a full stop is a break of
    its own), so the ends rise with the positions and the first break at or after ``lo`` is the
    one that ends first.
    """

    def __init__(self, text: str) -> None:
        found = sorted(
            [(m.start(), m.start() + 2) for m in re.finditer(r"[.!?](?=\s)", text)]
            + [(m.start(), m.start() + 1) for m in re.finditer(r"\n", text)]
        )
        self.pos = [p for p, _ in found]
        self.end = [e for _, e in found]

    def within(self, lo: int, hi: int) -> bool:
        """Whether ``re.search(r"[.!?]\\s|\\n", text[lo:hi])`` would find a break."""
        k = bisect_left(self.pos, lo)
        return k < len(self.pos) and self.end[k] <= hi


def _between(text: str, a: TimeExpr, b: TimeExpr) -> str:
    return text[min(a.end, b.end) : max(a.start, b.start)]


_ABS = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b|\d{4}-\d\d-\d\d|'\d\d")


def _is_relative(text: str, typ: str, value: str) -> bool:
    if typ in ("DURATION", "SET") or value.endswith("_REF"):
        return False
    return not _ABS.search(text) and not re.search(r"\d/\d", text)
