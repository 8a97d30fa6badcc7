"""Helpers shared by the readers: stable ids, metadata preamble, dates."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

from ..records import Article, Problem
from .safe import problem, storable

_WS = re.compile(r"\s+")


def article_id_for(body: str, url: str | None = None) -> str:
    """Stable id from the body text (whitespace-folded) and the URL when there is one:
    the same article read twice gets the same id, whatever metadata was passed."""
    key = (url or "").strip() + "\n" + _WS.sub(" ", body).strip()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# A publication date outside these bounds is a scraper's or a feed's mistake (year 1, year 9999):
# it would date events wrongly or overflow date arithmetic later, so it is dropped with a warning
# (E016) and the article is read without it.
EARLIEST_PUBLISHED = datetime(1900, 1, 1)
LATEST_AHEAD = timedelta(days=2)  # time zones and clock skew: a little after now is plausible
MAX_DATE_CHARS = 200  # no date is written in more; dateutil is slow on long strings
_DEFAULTS = (datetime(1904, 1, 1), datetime(1908, 2, 2))
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
# a zone offset after a time ("10:00:00 +0000", "10:00 GMT-0400") is no year
_OFFSET = re.compile(r"(\d:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[A-Za-z]{1,5})?\s*)[+-]\d{2}:?\d{2}")


def _year_as_written(text: str, parsed: datetime) -> bool:
    """False when the string writes a year below 1000 in four digits that is not the parsed year:
    dateutil reads "Jan 1, 0000" as 2000 and "1 January 0010" as 2010."""
    written = {int(y) for y in _FOUR_DIGITS.findall(_OFFSET.sub(r"\1", text))}
    return parsed.year in written or all(y >= 1000 for y in written)


def parse_published(value: str | datetime | None) -> tuple[str | None, str | None]:
    """``(ISO 8601 date or datetime, None)``, or ``(None, why it was dropped)`` for a value that is
    not a date or not a plausible publication date, or ``(None, None)`` when there is no value."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        parsed, date_only = value.replace(tzinfo=None), False
    else:
        text = str(value)
        if len(text) > MAX_DATE_CHARS:
            return None, f"published date dropped: longer than {MAX_DATE_CHARS} characters"
        from dateutil import parser

        try:
            # the zone is dropped below anyway; ignoring it also keeps dateutil from warning about
            # zone names it does not know ("ET", "EST") on stderr
            # news sites separate the date from the time with a bar or a bullet ("Wed Nov 23,
            # 2016 | 4:58pm EST"), which dateutil does not skip
            cleaned = re.sub(r"\s[|\u2022\u00b7]\s", " ", text)
            parsed = parser.parse(cleaned, ignoretz=True, default=_DEFAULTS[0])
            # dateutil fills what the string lacks from its default ("Monday", "Jan 0001" take
            # today's year): a second parse with another default shows what was given
            other = parser.parse(cleaned, ignoretz=True, default=_DEFAULTS[1])
        except Exception:  # ValueError, OverflowError, and whatever else a strange string gives
            return None, f"published date dropped: {text!r} is not a date"
        if (parsed.year, parsed.month) != (other.year, other.month) or not _year_as_written(text, parsed):
            return None, f"published date dropped: {text!r} is not a date with its year"
        date_only = bool(re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text))
    latest = datetime.now(UTC).replace(tzinfo=None) + LATEST_AHEAD
    if not EARLIEST_PUBLISHED <= parsed <= latest:
        return None, (
            f"published date dropped: {parsed.date().isoformat()} is before "
            f"{EARLIEST_PUBLISHED.date().isoformat()} or after {latest.date().isoformat()}"
        )
    return (parsed.date().isoformat() if date_only else parsed.isoformat(timespec="seconds")), None


def iso_datetime(value: str | datetime | None) -> str | None:
    """Normalise a date or datetime given as metadata to ISO 8601 (None if it is not a plausible
    publication date: see ``parse_published``)."""
    return parse_published(value)[0]


def checked_date(
    value: str | datetime | None, where: str | None, warnings: list[Problem] | None
) -> str | None:
    """``iso_datetime``, noting in ``warnings`` (E016) a value that was given but dropped."""
    iso, why = parse_published(value)
    if why and warnings is not None:
        warnings.append(problem(where or "<input>", "E016", why))
    return iso


def build_article(
    body: str,
    *,
    title: str | None = None,
    published: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    source_path: str | None = None,
    input_format: str = "text",
    meta_spans: dict[str, tuple[int, int]] | None = None,
    title_in_body: bool = False,
) -> Article:
    """Compose the stored text. Metadata that the body does not show (a title, publisher,
    date or URL that came from HTML meta tags, JSON fields or the command line) is written
    as a preamble of labelled lines, so every field keeps evidence with offsets into the
    stored text. Body offsets shift by the preamble's length. Every string is made
    ``storable`` (no lone surrogate or NUL reaches the store; lengths do not change)."""
    body = storable(body)
    title, published, publisher, url, source_path = (
        storable(v) if v else v for v in (title, published, publisher, url, source_path)
    )
    spans: dict[str, tuple[int, int]] = {}
    lines: list[tuple[str, str]] = []
    if title and not title_in_body:
        lines.append(("title", title.strip()))
    if publisher and not (meta_spans and "publisher" in meta_spans):
        lines.append(("publisher", f"Publisher: {publisher.strip()}"))
    if published and not (meta_spans and "published" in meta_spans):
        lines.append(("published", f"Published: {published}"))
    if url:
        lines.append(("url", f"URL: {url.strip()}"))
    preamble = ""
    for name, line in lines:
        start = len(preamble)
        value_start = start + (line.index(": ") + 2 if name != "title" else 0)
        spans[name] = (value_start, start + len(line))
        preamble += line + "\n\n"
    if preamble:
        spans["preamble"] = (0, len(preamble))
    shift = len(preamble)
    for name, (s, e) in (meta_spans or {}).items():
        spans[name] = (s + shift, e + shift)
    return Article(
        article_id=article_id_for(body, url),
        text=preamble + body,
        title=title,
        published=published,
        publisher=publisher,
        url=url,
        source_path=source_path,
        input_format=input_format,
        meta_spans=spans,
    )
