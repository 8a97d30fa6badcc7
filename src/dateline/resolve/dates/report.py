"""The dates that date the report rather than an event it tells: a wire dateline ("CULIACAN,
Mexico, May 19 - Gunmen killed ...") and a byline's timestamp ("A STAFF REPORTER | Jul 18, 2001,
02.15 AM IST"). Neither is when the event happened (the report came out that day; the event
is "on Sunday"), but a timestamp gives the publication date when the record has none.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.records import TimeExpr

from .intervals import _parse_dct
from .tagger import tag_times

OPENING = 600  # characters of the text searched for a publication timestamp
# before a dateline's date: the line starts with the place ("CULIACAN, Mexico, ")
_DATELINE_LEFT = re.compile(r"(?:^|\n)[ \t]*[A-Z][\w.'’ -]{0,40}(?:,[ \t]*[\w.'’ -]{1,40}){0,2},[ \t]*$")
# after it: an agency in brackets, then the dash or colon that opens the story
_DATELINE_RIGHT = re.compile(r"^[ \t]*(?:\([\w .&-]{1,30}\)[ \t]*)?(?:[-–—]|:\s)")
# a timestamp: the date with a clock time after it, or after a byline's bar ("|")
_STAMP_RIGHT = re.compile(r"^,?[ \t]*\d{1,2}[:.]\d\d\b")
_STAMP_GAP = re.compile(r"[\s,|]*(?:\d{1,2}[.:])?")
_STAMP_LEFT = re.compile(r"(?:\||\b(?:updated|published|posted)\b:?)[ \t]*$", re.I)


def is_report_date(text: str, t: TimeExpr) -> bool:
    """Whether ``t`` dates the report (a dateline or a timestamp), not an event."""
    left = text[max(0, t.start - 120) : t.start]
    right = text[t.end : t.end + 40]
    if _DATELINE_LEFT.search(left) and _DATELINE_RIGHT.match(right):
        return True
    return bool(_STAMP_RIGHT.match(right) or _STAMP_LEFT.search(left))


def text_publication_date(text: str) -> TimeExpr | None:
    """The timestamp near the start of the text that gives its publication date (a full date:
    day, month and year), for a record that carries none; None when there is no such timestamp."""
    head = text[:OPENING]
    for t in tag_times(head, None):
        if t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value) and is_report_date(head, t):
            return t
    return None


def event_times(text: str, published: str | None) -> tuple[list[TimeExpr], dt.date | None]:
    """The time expressions that can date the events of ``text`` (a report's own dates left
    out), normalised against the publication date (else a timestamp's), with that date."""
    stamp = None if published else text_publication_date(text)
    dct = published[:10] if published else stamp.value if stamp else None
    times, report_end = [], None
    for t in tag_times(text, dct):
        # the clock time of a timestamp ("Jul 18, 2001, 02.15 AM IST") is the report's too
        if is_report_date(text, t) or (
            report_end is not None and _STAMP_GAP.fullmatch(text[report_end : t.start])
        ):
            report_end = t.end
            continue
        times.append(t)
    return times, _parse_dct(dct)
