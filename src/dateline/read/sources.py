"""Turning command-line paths (files, directories, globs, '-') into articles or problems.

A bad file never stops the batch: it becomes a ``Problem`` naming the file and the reason.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import DatelineError
from ..records import Article, Problem
from .html import read_html
from .jsonl import read_jsonl
from .text import read_text

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = 20 * 1024 * 1024


def expand(paths: Iterable[str]) -> Iterator[str | Problem]:
    """Files named, files under directories (known suffixes only), glob matches, '-'."""
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            found = sorted(
                str(p) for p in Path(path).rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES
            )
            if not found:
                yield Problem(path, "E008", "directory holds no .txt, .html or .jsonl files")
            yield from found
        elif os.path.exists(path):
            yield path
        elif glob.has_magic(path):
            matches = sorted(p for p in glob.glob(path, recursive=True) if os.path.isfile(p))
            if not matches:
                yield Problem(path, "E001", "no file matches this pattern")
            yield from matches
        else:
            yield Problem(path, "E001", "no such file or directory")


def sniff(name: str, raw: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = raw.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if head.startswith("{"):
        return "jsonl"
    return "text"


def read_paths(
    paths: Iterable[str], *, published: str | None = None, publisher: str | None = None
) -> Iterator[Article | Problem]:
    """Read every input, yielding articles and problems in input order."""
    for item in expand(paths):
        if isinstance(item, Problem):
            yield item
            continue
        try:
            raw = _load(item)
        except DatelineError as exc:
            yield Problem(item, exc.code, exc.message)
            continue
        name = "<stdin>" if item == "-" else item
        yield from read_one(raw, name, published=published, publisher=publisher)


def read_one(
    raw: str, name: str, *, published: str | None = None, publisher: str | None = None
) -> Iterator[Article | Problem]:
    if not raw.strip():
        yield Problem(name, "E003", "empty input")
        return
    kind = sniff(name, raw)
    try:
        if kind == "jsonl":
            yield from read_jsonl(raw, source_path=name, published=published, publisher=publisher)
        elif kind == "html":
            yield read_html(raw, source_path=name, published=published, publisher=publisher)
        else:
            yield read_text(raw, source_path=name, published=published, publisher=publisher)
    except DatelineError as exc:
        yield Problem(name, exc.code, exc.message)


def _load(path: str) -> str:
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise DatelineError("E002", f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > MAX_BYTES:
        raise DatelineError("E009", f"larger than {MAX_BYTES // (1024 * 1024)} MiB")
    if b"\x00" in data[:4096]:
        raise DatelineError("E002", "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise DatelineError("E002", "not UTF-8 or Windows-1252 text") from exc
