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
from .feeds import read_feed, read_warc
from .html import read_html
from .jsonl import read_jsonl
from .text import read_text

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".gz"}  # .warc and .warc.gz
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES
MAX_BYTES = 20 * 1024 * 1024
MAX_WARC_BYTES = 2 * 1024 * 1024 * 1024


def expand(paths: Iterable[str]) -> Iterator[str | Problem]:
    """Files named, files under directories (known suffixes only), glob matches, '-'."""
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            found = sorted(str(p) for p in Path(path).rglob("*") if p.is_file() and _known(p))
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


def _known(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in KNOWN_SUFFIXES and (suffix != ".gz" or path.name.lower().endswith(".warc.gz"))


def sniff(name: str, raw: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = raw.lstrip()[:500].lower()
    if "<rss" in head or "<feed" in head:
        return "feed"
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
        if isinstance(raw, bytes):
            yield from read_warc(raw, source_path=name, published=published, publisher=publisher)
        else:
            yield from read_one(raw, name, published=published, publisher=publisher)


def read_one(
    raw: str, name: str, *, published: str | None = None, publisher: str | None = None
) -> Iterator[Article | Problem]:
    if not raw.strip():
        yield Problem(name, "E003", "empty input")
        return
    kind = sniff(name, raw)
    try:
        if kind == "feed":
            yield from read_feed(raw, source_path=name, published=published, publisher=publisher)
        elif kind == "jsonl":
            yield from read_jsonl(raw, source_path=name, published=published, publisher=publisher)
        elif kind == "html":
            yield read_html(raw, source_path=name, published=published, publisher=publisher)
        else:
            yield read_text(raw, source_path=name, published=published, publisher=publisher)
    except DatelineError as exc:
        yield Problem(name, exc.code, exc.message)


def _is_warc(path: str, data: bytes) -> bool:
    if data[:2] == b"\x1f\x8b":  # gzip: a .warc.gz crawl
        return ".warc" in path.lower()
    return data[:8] == b"WARC/1.0" or data[:8] == b"WARC/1.1"


def _load(path: str) -> str | bytes:
    """The input as text, or as bytes for a WARC crawl (which carries its own encodings)."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise DatelineError("E002", f"cannot read: {exc.strerror or exc}") from exc
    if _is_warc(path, data):
        if len(data) > MAX_WARC_BYTES:
            raise DatelineError("E009", f"larger than {MAX_WARC_BYTES // (1024 * 1024)} MiB")
        return data
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
