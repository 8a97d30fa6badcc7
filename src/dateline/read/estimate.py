"""How many articles the inputs hold, estimated cheaply, for the progress bar's ETA.

Reading is a stream (an article is processed as soon as it is read), so the number of articles is
not known when the run starts. This counts them without parsing, by the marks each format has:
one article per text or HTML page, one per non-blank line of JSON Lines, one per ``<item>`` or
``<entry>`` of a feed, one per ``WARC-Type: response`` record of a crawl (a gzipped one is
decompressed on the way, never held in memory). It runs beside the work (``cli_run`` starts it in a
thread) and its answer is an estimate: a line or an entry that is not an article still counts, and
an article already stored (``ingest`` skips it) is counted too. Standard input cannot be counted
(``None``: the bar then shows no ETA).
"""

from __future__ import annotations

import gzip
import os
import re
from collections.abc import Iterable

from ..records import Problem
from .sources import FEED_SUFFIXES, JSONL_SUFFIXES, expand

_CHUNK = 1 << 20
_FEED_ITEM = re.compile(rb"<(?:item|entry)[\s>]", re.IGNORECASE)
_WARC_RESPONSE = re.compile(rb"^WARC-Type:[ \t]*response", re.IGNORECASE | re.MULTILINE)


def estimate_articles(paths: Iterable[str], stop=lambda: False) -> int | None:
    """The estimated number of articles in ``paths`` (as the readers expand them), or ``None``
    when one is standard input; ``stop()`` returning true ends the count early (``None``)."""
    total = 0
    for item in expand(paths):
        if stop():
            return None
        if isinstance(item, Problem):
            continue  # the readers record it; it holds no article
        if item == "-":
            return None
        try:
            total += _count(item, stop)
        except OSError:
            continue  # unreadable: the readers record why
    return None if stop() else total


def _count(path: str, stop) -> int:
    lower = path.lower()
    suffix = os.path.splitext(lower)[1]
    if lower.endswith((".warc", ".warc.gz")):
        opener = gzip.open if lower.endswith(".gz") else open
        with opener(path, "rb") as file:
            return _matches(file, _WARC_RESPONSE, stop)
    if suffix in JSONL_SUFFIXES:
        with open(path, "rb") as file:
            return sum(1 for line in file if line.strip())
    if suffix in FEED_SUFFIXES:
        with open(path, "rb") as file:
            return _matches(file, _FEED_ITEM, stop)
    return 1  # a text or HTML page (or a file named otherwise: read as one)


def _matches(file, pattern: re.Pattern[bytes], stop) -> int:
    """Matches of ``pattern`` in the file, read a chunk at a time; a match cut by a chunk's end is
    found in the next chunk, which starts with the previous chunk's last 64 bytes."""
    count, tail = 0, b""
    while not stop():
        try:
            chunk = file.read(_CHUNK)
        except (OSError, EOFError):  # a truncated crawl: what was counted so far
            break
        if not chunk:
            break
        data = tail + chunk
        cut = max(len(data) - 64, 0)
        # count matches starting before the cut now; the rest are counted with the next chunk
        count += sum(1 for m in pattern.finditer(data) if m.start() < cut)
        tail = data[cut:]
    if tail:
        count += sum(1 for _ in pattern.finditer(tail))
    return count
