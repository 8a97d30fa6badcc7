"""Rule-based temporal tagger: finds time expressions and normalises them against the DCT.

``tag_times(text, dct)`` returns :class:`~dateline.records.TimeExpr` records (TIMEX3 type and
value, plus the calendar interval a date covers and its precision). Each rule is a regular
expression with a small resolver; overlapping matches keep the longest. Underspecified
dates ("10 January", "in December", "on Wednesday") take their year or week from the
publication date (DCT) and the tense of the clause: a ``tense_hints`` entry for the
expression's start offset wins, otherwise nearby auxiliaries and verb forms decide, and
news prose defaults to the past.

Modules, lowest first: ``lexicon`` (word tables, pattern fragments), ``intervals`` (calendar
arithmetic), ``anchor`` (tense and the DCT), ``named`` and ``relative`` (the resolvers),
``grammar`` (rules), ``tagger`` (``tag_times``), ``report`` (the dates of the report itself:
a dateline, a byline's timestamp; ``event_times``), ``event_date`` (which of them is an event's
own date: ``event_time``).
"""

from .event_date import event_time
from .report import event_times, text_publication_date
from .tagger import tag_times

__all__ = ["event_time", "event_times", "tag_times", "text_publication_date"]
