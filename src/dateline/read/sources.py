"""Turning command-line paths (files, directories, globs, '-') into articles or problems.

A bad file never stops the batch: it becomes a ``Problem`` naming the file and the reason. Each
path, each file and each item in a file (line, entry, record) is read behind its own guard, so an
unexpected exception is that item's Problem (E014) and the rest is read. Only regular files are
read (a FIFO or a device would block or never end), symbolic links to directories are not
followed (no loops), and source names are made safe to print.
"""

from __future__ import annotations

import codecs
import glob
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import DatelineError
from ..records import Article, Problem
from .feeds import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .safe import blank, failure, guarded, printable, problem
from .text import read_text
from .warc import read_warc

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".gz"}  # .warc and .warc.gz
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES
MAX_BYTES = 20 * 1024 * 1024
MAX_WARC_BYTES = 2 * 1024 * 1024 * 1024
# Text with a byte-order mark says its encoding (UTF-32 first: its little-endian mark begins
# with UTF-16's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def expand(paths: Iterable[str]) -> Iterator[str | Problem]:
    """Files named, files under directories (known suffixes only), glob matches, '-'."""
    for path in paths:
        try:
            yield from _expand(path)
        except Exception as exc:  # a path that cannot even be looked at is that path's problem
            yield failure(path, exc)


def _expand(path: str) -> Iterator[str | Problem]:
    if path == "-":
        yield path
    elif os.path.isdir(path):
        yield from _directory(path)
    elif os.path.exists(path):
        if os.path.isfile(path):
            yield path
        else:
            yield problem(path, "E002", "not a regular file (a FIFO, device or socket): not read")
    elif glob.has_magic(path):
        hits = sorted(p for p in glob.glob(path, recursive=True) if not os.path.isdir(p))
        if not hits:
            yield problem(path, "E001", "no file matches this pattern")
        for hit in hits:  # a broken link or a FIFO that matches is said, never silently passed
            yield hit if os.path.isfile(hit) else next(_expand(hit))
    else:
        yield problem(path, "E001", "no such file or directory")


def _directory(path: str) -> Iterator[str | Problem]:
    """Regular files with a known suffix under ``path``; links to directories are not followed."""
    found: list[str] = []
    errors: list[OSError] = []
    skipped: list[Problem] = []  # a known suffix, but nothing to read: said, never silently passed
    for root, _dirs, files in os.walk(path, onerror=errors.append):
        for name in files:
            file = Path(root) / name
            if not _known(file):
                continue
            if os.path.isfile(file):
                found.append(str(file))
            elif not os.path.exists(file):
                skipped.append(problem(str(file), "E001", "a symbolic link to nothing: not read"))
            else:
                skipped.append(
                    problem(str(file), "E002", "not a regular file (a FIFO, device or socket): not read")
                )
    for error in errors:
        yield problem(str(error.filename or path), "E002", f"cannot list: {error.strerror or error}")
    yield from skipped
    if not found and not errors and not skipped:
        yield problem(path, "E008", "directory holds no .txt, .html or .jsonl files")
    yield from sorted(found)


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
        name = "<stdin>" if item == "-" else printable(item, limit=None)
        try:
            raw = _load(item)
        except Exception as exc:
            yield failure(name, exc)
            continue
        if isinstance(raw, bytes):
            yield from _safely(
                name, read_warc(raw, source_path=name, published=published, publisher=publisher)
            )
        else:
            yield from read_one(raw, name, published=published, publisher=publisher)


def read_one(
    raw: str, name: str, *, published: str | None = None, publisher: str | None = None
) -> Iterator[Article | Problem]:
    """The articles and problems of one decoded input named ``name``."""
    yield from _safely(name, _read_one(raw, name, published, publisher))


def _read_one(
    raw: str, name: str, published: str | None, publisher: str | None
) -> Iterator[Article | Problem]:
    if blank(raw):
        yield problem(name, "E003", "empty input")
        return
    kind = sniff(name, raw)
    meta = {"published": published, "publisher": publisher}
    if kind == "feed":
        yield from read_feed(raw, source_path=name, **meta)
    elif kind == "jsonl":
        yield from read_jsonl(raw, source_path=name, **meta)
    else:
        read_page = read_html if kind == "html" else read_text
        yield from guarded(name, lambda warnings: read_page(raw, source_path=name, warnings=warnings, **meta))


def _safely(name: str, items: Iterator[Article | Problem]) -> Iterator[Article | Problem]:
    """``items`` until one raises: then that file's E014 (the items read before it stay read)."""
    try:
        yield from items
    except Exception as exc:
        yield failure(name, exc)


def _is_warc(path: str, data: bytes) -> bool:
    if data[:2] == b"\x1f\x8b":  # gzip: a .warc.gz crawl
        return ".warc" in path.lower()
    return data[:8] == b"WARC/1.0" or data[:8] == b"WARC/1.1"


def _load(path: str) -> str | bytes:
    """The input as text, or as bytes for a WARC crawl (which carries its own encodings)."""
    try:
        if path == "-":
            data = _read_capped(sys.stdin.buffer, path)
        else:
            # O_NONBLOCK: should the path have become a FIFO since it was listed, opening it must
            # not wait for a writer; fstat then refuses it.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as file:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    raise DatelineError("E002", "not a regular file (a FIFO, device or socket): not read")
                data = _read_capped(file, path)
    except OSError as exc:
        raise DatelineError("E002", f"cannot read: {exc.strerror or exc}") from exc
    if _is_warc(path, data):
        return data
    return _decode(data)


def _read_capped(file: BinaryIO, path: str) -> bytes:
    """At most the size limit (a WARC crawl's when the first bytes are one's), else E009."""
    data = file.read(MAX_BYTES + 1)
    limit = MAX_WARC_BYTES if _is_warc(path, data) else MAX_BYTES
    if len(data) > MAX_BYTES and limit > MAX_BYTES:
        data += file.read(limit + 1 - len(data))
    if len(data) > limit:
        raise DatelineError("E009", f"larger than {limit // (1024 * 1024)} MiB")
    return data


def _decode(data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DatelineError(
                    "E002", f"not valid {codec.upper()} text after its byte-order mark"
                ) from exc
    if _binary(data):
        raise DatelineError("E002", "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise DatelineError("E002", "not UTF-8 or Windows-1252 text") from exc


def _binary(data: bytes) -> bool:
    """NULs in the first 4 KiB: many (a NUL flood, UTF-16 without its mark, an image), or any in
    bytes that are no UTF-8 text without them. A stray NUL in text (one bad JSON Lines line) is
    that line's problem, not the whole file's: the readers delete it or refuse the line."""
    head = data[:4096]
    if b"\x00" not in head:
        return False
    if head.count(0) * 10 > len(head):
        return True
    try:
        data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False
