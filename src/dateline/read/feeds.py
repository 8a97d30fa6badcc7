"""RSS/Atom feeds (feedparser) and web crawls in WARC files (warcio): one article per entry
or per HTML response record. A bad entry or record is a Problem; the others go through."""

from __future__ import annotations

import io
from collections.abc import Iterator

from ..errors import DatelineError
from ..records import Article, Problem
from .html import read_html
from .text import read_text


def read_feed(
    raw: bytes | str, *, source_path: str, published: str | None = None, publisher: str | None = None
) -> Iterator[Article | Problem]:
    import feedparser

    feed = feedparser.parse(raw)
    if feed.bozo and not feed.entries:
        yield Problem(source_path, "E011", f"not a readable RSS/Atom feed ({feed.get('bozo_exception')})")
        return
    site = publisher or feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{source_path}#{number}"
        body = _entry_body(entry)
        meta = {
            "source_path": where,
            "published": published or entry.get("published") or entry.get("updated"),
            "publisher": site,
            "url": entry.get("link"),
            "title": entry.get("title"),
        }
        try:
            if not body.strip():
                raise DatelineError("E012", "feed entry has no content or summary")
            if "<" in body and ">" in body:
                yield read_html(f"<html><body><article>{body}</article></body></html>", **meta)
            else:
                yield read_text(body, **meta)
        except DatelineError as exc:
            yield Problem(where, exc.code, exc.message)


def _entry_body(entry) -> str:
    for content in entry.get("content") or []:
        if content.get("value"):
            return content["value"]
    return entry.get("summary") or ""


def read_warc(
    data: bytes, *, source_path: str, published: str | None = None, publisher: str | None = None
) -> Iterator[Article | Problem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            kind = record.http_headers.get_header("Content-Type") or ""
            if "html" not in kind.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{source_path}#{number}"
            try:
                payload = record.content_stream().read().decode("utf-8", errors="replace")
                yield read_html(
                    payload,
                    source_path=where,
                    url=url,
                    published=published,
                    publisher=publisher,
                    fallback_date=record.rec_headers.get_header("WARC-Date"),
                )
            except DatelineError as exc:
                yield Problem(where, exc.code, exc.message)
    except ArchiveLoadFailed as exc:
        yield Problem(source_path, "E013", f"not a readable WARC file ({exc})")
