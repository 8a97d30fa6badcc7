"""JSON Lines: one article per line with url, title, published, publisher, and text or html.

Each line is read on its own: whatever is wrong with one (not JSON, too long, nested too deep,
a number too long for Python, a field of the wrong type, a bug) is that line's Problem, named
``path:line``, and the other lines are read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..errors import DatelineError
from ..records import Article, Problem
from .html import read_html
from .safe import blank, guarded, problem, storable
from .text import read_text

# Limits of one line (a real record is a few hundred kilobytes, two or three levels deep, and holds
# no number longer than a timestamp). Beyond them a line is E015.
MAX_LINE_CHARS = 8_000_000
MAX_DEPTH = 64
MAX_NUMBER_DIGITS = 64  # Python refuses integers of more than 4300 digits with a bare ValueError

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def read_jsonl(
    raw: str, *, source_path: str, published: str | None = None, publisher: str | None = None
) -> Iterator[Article | Problem]:
    """Yield one Article per good line (and its E016/E017 warnings) and one Problem per bad line."""
    # Lines end at "\n" only: str.splitlines() would also split at U+2028 and other separators,
    # which JSON strings may hold unescaped.
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source_path}:{number}"

        def read(warnings: list[Problem], line: str = line, where: str = where) -> Article:
            return read_record(
                parse_line(line), where, published=published, publisher=publisher, warnings=warnings
            )

        yield from guarded(where, read)


def parse_line(line: str) -> object:
    """One line's JSON value, within the limits above (E015), or E005 when it is not JSON."""
    if len(line) > MAX_LINE_CHARS:
        raise DatelineError("E015", f"line longer than {MAX_LINE_CHARS:,} characters")
    if _too_deep(line):
        raise DatelineError("E015", f"JSON nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(line, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise DatelineError("E005", f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:  # the depth check above should have caught it
        raise DatelineError("E015", "JSON nested too deep") from exc


def _too_deep(line: str) -> bool:
    """Whether the brackets outside strings nest deeper than MAX_DEPTH (looked at only when there
    are that many brackets at all)."""
    if line.count("[") + line.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub('""', line)):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return True
    return False


def _int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise DatelineError("E015", f"a number longer than {MAX_NUMBER_DIGITS} digits")
    return int(digits)


def read_record(
    record: object,
    where: str,
    *,
    published: str | None = None,
    publisher: str | None = None,
    warnings: list[Problem] | None = None,
) -> Article:
    """The Article of one JSON record. A metadata field of the wrong type (a list, an object, true)
    is ignored and noted in ``warnings`` (E017)."""
    if not isinstance(record, dict):
        raise DatelineError("E006", "a JSON Lines record must be an object")
    notes: list[Problem] = [] if warnings is None else warnings
    meta = {
        "source_path": where,
        "published": published or _field(record, ("published", "date"), where, notes),
        "publisher": publisher or _field(record, ("publisher", "source"), where, notes),
        "url": _field(record, ("url",), where, notes),
        "title": _field(record, ("title",), where, notes),
        "warnings": notes,
    }
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and not blank(text):
        article = read_text(text, **meta)
    elif isinstance(html, str) and not blank(html):
        article = read_html(html, **meta)
    else:
        pairs = (("text", text), ("html", html))
        wrong = [f"{k!r} is {_kind(v)}" for k, v in pairs if v is not None and not isinstance(v, str)]
        detail = f" ({', '.join(wrong)})" if wrong else ""
        raise DatelineError("E007", f"record has neither 'text' nor 'html'{detail}")
    article.input_format = "jsonl"
    return article


def _field(record: dict, names: tuple[str, ...], where: str, warnings: list[Problem]) -> str | None:
    """The first of ``names`` that holds a string (or a number, written as one)."""
    for name in names:
        value = record.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, str):
            return storable(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        warnings.append(problem(where, "E017", f"{name!r} is {_kind(value)}, not a string: ignored"))
    return None


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", bool: "true or false"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else type(value).__name__)
