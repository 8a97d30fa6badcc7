"""Per-document gold from the token annotations of a FoLiA protest report (the india-protest-folia
corpus in ``../shared/data/events``): its text exactly as ``sources.folia_text`` joins it, and the
character spans of the annotated protest triggers, event places, event times, participants and
the report's own timestamp (the byline, "Sep 23 , 2001 , 12.27 AM IST").

The corpus annotates with entity sets named ``…protes8-Event``, ``…protes5-Participant`` and so on;
the class inside a set says what the span is (``etype``: a protest trigger such as "staged a hunger
strike"; ``place``: the town or state of the event; ``place_pub``: the report's dateline town;
``etime``: when it happened; ``eptime``: when the report was published). ``dateline eval protest``
(``evaluate/protest.py``) scores Dateline against what this module reads.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

FOLIA = "{http://ilk.uvt.nl/folia}"

# (entity set suffix, class) -> the FoliaDoc list the span goes to
_KINDS = {
    ("Event", "etype"): "triggers",
    ("Event", "place"): "places",
    ("Event", "place_pub"): "place_pub",
    ("Event", "etime"): "times",
    ("Event", "eptime"): "stamps",
    ("Participant", "type"): "participants",
    ("Participant", "pname"): "participants",
    ("Participant", "count"): "participants",
}
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july")
        + ("aug august", "sep sept september", "oct october", "nov november", "dec december")
    )
    for m in names.split()
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Span:
    """Characters ``start:end`` of the document text, with that text."""

    start: int
    end: int
    text: str


@dataclass
class FoliaDoc:
    """One report's text and its annotated spans (offsets into ``text``)."""

    doc: str
    text: str
    event: str | None = None  # the document-level "Event" metadata (Yes / No), when given
    sentences: list[tuple[int, int]] = field(default_factory=list)
    triggers: list[Span] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)
    place_pub: list[Span] = field(default_factory=list)
    times: list[Span] = field(default_factory=list)
    stamps: list[Span] = field(default_factory=list)
    participants: list[Span] = field(default_factory=list)

    @property
    def published(self) -> date | None:
        """The day of the report's own timestamp (the first ``eptime`` that reads as a date)."""
        for stamp in self.stamps:
            day = _month_day(stamp.text, None)
            if day:
                return day
        return None

    def sentence_of(self, at: int) -> tuple[int, int] | None:
        """The sentence holding character ``at``."""
        return next(((s, e) for s, e in self.sentences if s <= at < e), None)


def read_folia(path: Path) -> FoliaDoc:
    """The text (as ``sources.folia_text`` joins it) and annotated spans of one FoLiA file."""
    root = ET.parse(path).getroot()
    words: dict[str, tuple[int, int]] = {}
    text, sentences = "", []
    for p in root.iter(FOLIA + "p"):
        first = True  # the paragraph's first sentence: after a blank line, the others after a space
        for s in p.iter(FOLIA + "s"):
            out, at = "", []
            for w in s.iter(FOLIA + "w"):
                t = w.find(FOLIA + "t")
                token = (t.text or "") if t is not None else ""
                at.append((w.get("{http://www.w3.org/XML/1998/namespace}id") or "", len(out), token))
                out += token + ("" if w.get("space") == "no" else " ")
            body = out.strip()
            if not body:
                continue
            if text:
                text += "\n\n" if first else " "
            base = len(text)
            for wid, offset, token in at:
                words[wid] = (base + offset, base + offset + len(token))
            sentences.append((base, base + len(body)))
            text += body
            first = False
    doc = FoliaDoc(path.name.removesuffix(".folia.xml"), text, sentences=sentences)
    for meta in root.iter(FOLIA + "meta"):
        if meta.get("id") == "Event":
            doc.event = (meta.text or "").strip() or None
    for entity in root.iter(FOLIA + "entity"):
        kind = (entity.get("set") or "").removesuffix(".foliaset.xml").rsplit("-", 1)[-1]
        target = _KINDS.get((kind, entity.get("class") or ""))
        spans = [words[r.get("id") or ""] for r in entity.iter(FOLIA + "wref") if r.get("id") in words]
        if target and spans:
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            getattr(doc, target).append(Span(start, end, text[start:end]))
    for name in ("triggers", "places", "place_pub", "times", "stamps", "participants"):
        getattr(doc, name).sort(key=lambda s: (s.start, s.end))
    return doc


def _month_day(phrase: str, published: date | None) -> date | None:
    """'Sep 23 , 2001', '23rd september', 'on september 21' -> a date (the year: the one written,
    else the publication's, a year back when that would fall after the publication)."""
    low = phrase.lower()
    # the first word-and-number pair whose word is a month: "at 10 am on september 21" has "at 10" first
    month_first = next(
        (
            m
            for m in re.finditer(r"\b([a-z]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?\b(?:\s*,?\s*(\d{4}))?", low)
            if m[1] in _MONTHS
        ),
        None,
    )
    match = month_first or next(
        (
            m
            for m in re.finditer(
                r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\b(?:\s*,?\s*(\d{4}))?", low
            )
            if m[2] in _MONTHS
        ),
        None,
    )
    if match is None:
        return None
    month, day = (_MONTHS[match[1]], int(match[2])) if month_first else (_MONTHS[match[2]], int(match[1]))
    year = int(match[3]) if match[3] else (published.year if published else None)
    if year is None:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not match[3] and published and found > published:
        found = found.replace(year=year - 1)
    return found


def time_of(phrase: str, published: date | None) -> date | None:
    """The day an annotated event time names, read against the report's publication day: a date,
    a weekday (the latest such day on or before publication), today / tonight / yesterday. None
    for what names no day ("around noon", "last week")."""
    low = phrase.lower()
    day = _month_day(low, published)
    if day or published is None:
        return day
    if re.search(r"\byesterday\b", low):
        return published - timedelta(days=1)
    if re.search(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", low):
        return published
    for i, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b{name}\b", low):
            return published - timedelta(days=(published.weekday() - i) % 7)
    return None
