"""Helpers shared by the readers: stable ids, metadata preamble, dates."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from ..records import Article

_WS = re.compile(r"\s+")


def article_id_for(body: str, url: str | None = None) -> str:
    """Stable id from the body text (whitespace-folded) and the URL when there is one:
    the same article read twice gets the same id, whatever metadata was passed."""
    key = (url or "").strip() + "\n" + _WS.sub(" ", body).strip()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def iso_datetime(value: str | datetime | None) -> str | None:
    """Normalise a date or datetime given as metadata to ISO 8601 (None if unparseable)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    from dateutil import parser

    try:
        # the zone is dropped below anyway; ignoring it also keeps dateutil from warning about
        # zone names it does not know ("ET", "EST") on stderr
        parsed = parser.parse(str(value), ignoretz=True)
    except (ValueError, OverflowError):
        return None
    if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", str(value)):
        return parsed.date().isoformat()
    return parsed.replace(tzinfo=None).isoformat(timespec="seconds")


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
    stored text. Body offsets shift by the preamble's length."""
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
