"""Plain-text page dumps: masthead or tagline, title, timestamp line, then the body."""

from __future__ import annotations

import re

from ..errors import DatelineError
from ..records import Article, Problem
from .common import build_article, checked_date
from .repair import repair, repair_body
from .safe import blank, body_text, storable

PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# A timestamp line: a short line holding a full date (day, month and year), and little else.
_TIMESTAMP = re.compile(
    rf"^(?:(?:published|updated|posted)\s*:?\s*|this\s+story\s+is\s+from\s+)?(?:[a-z]+day,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[t ]\d{{2}}:\d{{2}}(?::\d{{2}})?z?)?)"
    rf"(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[a-z]{{2,4}})?)?\s*(?:\|.*)?$",
    re.IGNORECASE,
)
_STAMP_PREFIX = re.compile(r"^\s*this\s+story\s+is\s+from\s+", re.IGNORECASE)  # a news site's date stamp
_HEADER_WINDOW = 6  # the header (masthead, title, timestamp) sits in the first paragraphs
_MAX_TITLE_WORDS = 30
_MAX_TITLE_CHARS = 400  # also keeps the regexes below off a megabyte-long "word" (quadratic there)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank lines separate paragraphs; when a text has no blank lines,
    each line is a paragraph."""
    spans = [(m.start(), m.end()) for m in PARAGRAPH.finditer(text)]
    if len(spans) == 1 and "\n" in text.strip():
        # from a line's first non-space character (a leading "[^\n]*" made long blank runs quadratic;
        # _strip drops the spaces around a line anyway)
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S[^\n]*", text)]
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# What a headline never has: a dateline opening the report ("new delhi: the court…"), a second
# sentence, or a closing attribution (", police said"). Without these checks the first sentence of
# a body with no title (JSON Lines without "title", bare text) was taken for the title and lost.
# (a dateline is written in capitals or, in lower-cased scrapes, in small letters: "Syria: …" in
# mixed case is a headline's form)
_DATELINE_OPENING = re.compile(r"^(?:[A-Z][A-Z .'-]{1,40}|[a-z][a-z .'-]{1,40}):\s+\w")
_SECOND_SENTENCE = re.compile(r"\w{3,}[.!?]['\"”’]?\s+[\"“‘']?[A-Za-z]")
_ATTRIBUTION_END = re.compile(r",\s+(?:\w+\s+){0,4}(?:said|says|told\s+\w+|reported)\s*$", re.IGNORECASE)


def _looks_like_title(line: str) -> bool:
    words = line.split()
    line = line.strip()
    return (
        len(line) <= _MAX_TITLE_CHARS
        and 0 < len(words) <= _MAX_TITLE_WORDS
        and not re.search(r"[.!?]['\"”’]?$", line)
        and not _DATELINE_OPENING.match(line)
        and not _SECOND_SENTENCE.search(line)
        and not _ATTRIBUTION_END.search(line)
    )


def parse_header(text: str) -> dict[str, tuple[int, int]]:
    """Find the timestamp line, the title before it and the masthead lines above the title."""
    paras = paragraphs(text)
    spans: dict[str, tuple[int, int]] = {}
    stamp = next(
        (i for i, (s, e) in enumerate(paras[:_HEADER_WINDOW]) if _TIMESTAMP.match(text[s:e].strip())),
        None,
    )
    title_index = None
    if stamp is not None:
        spans["published"] = paras[stamp]
        if stamp > 0 and _looks_like_title(text[slice(*paras[stamp - 1])]):
            title_index = stamp - 1
        elif stamp + 1 < len(paras) and _looks_like_title(text[slice(*paras[stamp + 1])]):
            title_index = stamp + 1
    elif paras and len(paras) > 1 and _looks_like_title(text[slice(*paras[0])]):
        title_index = 0
    if title_index is not None:
        spans["title"] = paras[title_index]
        first_header = min(title_index, stamp if stamp is not None else title_index)
        if first_header > 0:
            spans["masthead"] = (paras[0][0], paras[first_header - 1][1])
    return spans


def read_text(
    raw: str,
    *,
    source_path: str | None = None,
    published: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    title: str | None = None,
    warnings: list[Problem] | None = None,
) -> Article:
    """Read a plain-text page dump. Arguments override what the page says. A date given or shown
    that is not a plausible publication date is dropped and noted in ``warnings`` (E016)."""
    body, repaired = repair_body(body_text(raw).replace("\r\n", "\n").replace("\r", "\n"))
    if blank(body):  # e.g. only byte-order marks: no article (its id would be every such file's)
        raise DatelineError("E003", "empty input: only blanks or invisible characters")
    title = repair(storable(title)) if title else title
    spans = parse_header(body)
    page_title = body[slice(*spans["title"])] if "title" in spans else None
    shown = _STAMP_PREFIX.sub("", body[slice(*spans["published"])]) if "published" in spans else None
    if published:
        spans.pop("published", None)
    date = checked_date(published, source_path, warnings)
    return build_article(
        body,
        title=title or page_title,
        published=date or checked_date(shown, source_path, warnings),
        publisher=publisher,
        url=url,
        source_path=source_path,
        input_format="text",
        meta_spans=spans | repaired,
        title_in_body=bool(page_title) and not title,
    )
