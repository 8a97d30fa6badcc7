"""HTML pages: trafilatura extracts the main text and the metadata. Whatever trafilatura or lxml
raise on a page is that page's E019; a page without text is E004."""

from __future__ import annotations

import re

from ..errors import DatelineError
from ..records import Article, Problem
from .common import build_article, checked_date
from .repair import repair, repair_body
from .safe import body_text, safe_char_refs, storable

# libxml2's HTML parser checks each attribute of a tag against the others it has: a tag with 200k
# attributes takes minutes. A start tag this long is no markup a page needs (a data: URI image is
# the longest real one, and its attributes hold no text), so it keeps its name and loses them.
MAX_TAG_CHARS = 20_000
_LONG_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]{0,40})[^<>]{" + str(MAX_TAG_CHARS) + ",}>")


def short_tags(markup: str) -> str:
    """``markup`` with the attributes of every start tag longer than MAX_TAG_CHARS dropped
    (linear: each match attempt stops at the next angle bracket)."""
    return _LONG_TAG.sub(r"<\1>", markup) if len(markup) > MAX_TAG_CHARS else markup


def read_html(
    raw: str,
    *,
    source_path: str | None = None,
    published: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    title: str | None = None,
    fallback_date: str | None = None,
    warnings: list[Problem] | None = None,
) -> Article:
    """Extract the article from an HTML page. Arguments override the page's metadata;
    ``fallback_date`` (a crawl date) is used only when the page has none. A date that is not a
    plausible publication date is dropped and noted in ``warnings`` (E016)."""
    import trafilatura

    # lxml encodes the page: a lone surrogate (from a JSON string) would make it raise
    raw = short_tags(safe_char_refs(body_text(raw)))
    url, title = storable(url) if url else url, storable(title) if title else title
    try:
        doc = trafilatura.bare_extraction(
            raw, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # a parser's bug on one page is that page's problem
        raise DatelineError("E019", f"the HTML parser failed: {type(exc).__name__}: {exc}") from exc
    if doc is None or not (doc.text or "").strip():
        raise DatelineError("E004", "no article text found in the HTML page")
    page_title = repair((doc.title or "").strip()) or None
    lines = [line.strip() for line in doc.text.split("\n") if line.strip()]
    # trafilatura keeps the page's <h1> as the first line when it repeats the title.
    if page_title and lines and repair(lines[0]) == page_title:
        lines = lines[1:]
    body, repaired = repair_body("\n\n".join(lines))
    if not body:
        raise DatelineError("E004", "no article text found in the HTML page")
    return build_article(
        body,
        title=repair(title) if title else page_title,
        published=(
            checked_date(published, source_path, warnings)
            or checked_date(doc.date, source_path, warnings)
            or checked_date(fallback_date, source_path, warnings)
        ),
        publisher=publisher or doc.sitename or _host(doc.hostname),
        url=url or doc.url,
        source_path=source_path,
        input_format="html",
        meta_spans=repaired,
    )


def _host(hostname: str | None) -> str | None:
    return re.sub(r"^www\.", "", hostname) if hostname else None
