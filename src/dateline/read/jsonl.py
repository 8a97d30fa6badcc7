"""JSON Lines: one article per line with url, title, published, publisher, and text or html."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import DatelineError
from ..records import Article, Problem
from .html import read_html
from .text import read_text


def read_jsonl(
    raw: str, *, source_path: str, published: str | None = None, publisher: str | None = None
) -> Iterator[Article | Problem]:
    """Yield one Article per good line and one Problem per bad line (named ``path:line``)."""
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source_path}:{number}"
        try:
            yield read_record(json.loads(line), where, published=published, publisher=publisher)
        except json.JSONDecodeError as exc:
            yield Problem(where, "E005", f"not valid JSON ({exc.msg} at column {exc.colno})")
        except DatelineError as exc:
            yield Problem(where, exc.code, exc.message)


def read_record(
    record: object, where: str, *, published: str | None = None, publisher: str | None = None
) -> Article:
    if not isinstance(record, dict):
        raise DatelineError("E006", "a JSON Lines record must be an object")
    meta = {
        "source_path": where,
        "published": published or _str(record.get("published") or record.get("date")),
        "publisher": publisher or _str(record.get("publisher") or record.get("source")),
        "url": _str(record.get("url")),
        "title": _str(record.get("title")),
    }
    if isinstance(record.get("text"), str) and record["text"].strip():
        article = read_text(record["text"], **meta)
    elif isinstance(record.get("html"), str) and record["html"].strip():
        article = read_html(record["html"], **meta)
    else:
        raise DatelineError("E007", "record has neither 'text' nor 'html'")
    article.input_format = "jsonl"
    return article


def _str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
