"""RSS/Atom feeds (feedparser): one article per entry. A bad entry is a Problem named
``path#entry``; the others go through."""

from __future__ import annotations

import io
from collections.abc import Iterator

from ..errors import DatelineError
from ..records import Article, Problem
from .html import read_html
from .safe import blank, guarded, problem, safe_char_refs
from .text import read_text

# feedparser.parse() given a str or bytes that looks like a URL or a file name FETCHES or OPENS it
# (a feed file holding "file:///etc/passwd" would read that file): it is only ever given a stream.
# The text is already decoded, so it is handed over as UTF-8 and said to be so.
_HEADERS = {"content-type": "application/xml; charset=utf-8"}


def read_feed(
    raw: bytes | str, *, source_path: str, published: str | None = None, publisher: str | None = None
) -> Iterator[Article | Problem]:
    import feedparser

    data = raw if isinstance(raw, bytes) else safe_char_refs(raw).encode("utf-8", errors="replace")
    try:
        feed = feedparser.parse(io.BytesIO(data), response_headers=_HEADERS)
        entries = list(feed.entries)
        site = publisher or _text(feed.feed.get("title"))
    except Exception as exc:  # a parser's bug on one file is that file's problem
        yield problem(source_path, "E011", f"not a readable RSS/Atom feed ({type(exc).__name__}: {exc})")
        return
    if feed.bozo and not entries:
        yield problem(source_path, "E011", f"not a readable RSS/Atom feed ({feed.get('bozo_exception')})")
        return
    if not entries:  # well-formed XML that is no feed, or a feed without items: say so, never nothing
        kind = (
            f"a {feed.version} feed without items" if feed.get("version") else "XML, but no RSS or Atom feed"
        )
        yield problem(source_path, "E011", f"no RSS/Atom entry in it ({kind})")
        return
    for number, entry in enumerate(entries, start=1):
        where = f"{source_path}#{number}"

        def read(warnings: list[Problem], entry=entry, where: str = where) -> Article:
            return _read_entry(entry, where, published, site, warnings)

        yield from guarded(where, read)


def _read_entry(
    entry, where: str, published: str | None, site: str | None, warnings: list[Problem]
) -> Article:
    body = _entry_body(entry)
    meta = {
        "source_path": where,
        "published": published or _text(entry.get("published")) or _text(entry.get("updated")),
        "publisher": site,
        "url": _text(entry.get("link")),
        "title": _text(entry.get("title")),
        "warnings": warnings,
    }
    if blank(body):
        raise DatelineError("E012", "feed entry has no content or summary")
    if "<" in body and ">" in body:
        return read_html(f"<html><body><article>{body}</article></body></html>", **meta)
    return read_text(body, **meta)


def _entry_body(entry) -> str:
    for content in entry.get("content") or []:
        if _text(content.get("value")):
            return content["value"]
    return _text(entry.get("summary")) or ""


def _text(value: object) -> str | None:
    """A feed field when it is a string (feedparser gives what the XML had)."""
    return value if isinstance(value, str) and value else None
