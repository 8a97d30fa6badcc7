"""Web crawls in WARC files (warcio): one article per HTML response record.

A bad record is a Problem named ``path#record`` and the others are read. A crawl that stops being
readable part way (cut short, a damaged gzip member, a record without a usable length) is one
E018 naming how many records were read before it: nothing after that point can be trusted to be
where a record starts, so reading stops there.
"""

from __future__ import annotations

import contextlib
import io
import zlib
from collections import Counter
from collections.abc import Iterator

from ..errors import DatelineError
from ..records import Article, Problem
from .html import read_html
from .safe import guarded, printable, problem

MAX_RECORD_BYTES = 64 * 1024 * 1024  # a page's record; a larger one (or a gzip bomb) is skipped: E015
_CHUNK = 1024 * 1024
HTTP_SCHEMES = ("http:", "https:")
_PADDING = b"\x00 \t\r\n"
MAX_SKIPS = 1000  # damaged places skipped in one crawl before reading stops


def read_warc(
    data: bytes, *, source_path: str, published: str | None = None, publisher: str | None = None
) -> Iterator[Article | Problem]:
    from warcio.archiveiterator import ArchiveIterator

    # no_record_parse: warcio would parse HTTP headers inside its iterator, where one bad record
    # (no WARC-Target-URI: AttributeError) ends the iteration and loses every later record.
    records = ArchiveIterator(io.BytesIO(data), no_record_parse=True)
    number, start, end, base, skips = 0, 0, 0, 0, 0
    kinds: Counter[str] = Counter()  # of the records that gave nothing (requests, metadata, images)
    plain = data[:2] != b"\x1f\x8b"
    reported = False  # the damage at hand was reported already (a misframed record's E013)
    while True:
        bad_at = None  # where to look for the next record from, after a record that cannot be read
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:
            if _padding_only(data, number, end):
                break
            bad_at, why = end, exc  # what follows the last record is no record
        if bad_at is None:
            number += 1
            where = f"{source_path}#{number}"
            errors = records.err_count
            try:
                block, complete, length = _block(record)
                # warcio checks the record's framing here, and warns on stderr: reported below instead
                with contextlib.redirect_stderr(io.StringIO()):
                    start = base + records.get_record_offset()
                    end = start + records.get_record_length()
            except Exception as exc:
                if _padding_only(data, number - 1, end):
                    number -= 1  # what warcio took for a record was the padding
                    break
                bad_at, why = data.find(b"WARC/1.", end), exc
            else:
                if not complete:
                    bad_at, why = start, "the next record ends early"
            if bad_at is not None:
                number -= 1
            elif records.err_count > errors:  # its page would be cut short: not read
                yield _misframed(where)
                reported = True
                continue
            else:
                reported = False
        if bad_at is not None:
            # a Content-Length that lies (too short, too long, missing) in a plain WARC: go on at
            # the next line that starts a record, so one bad record does not lose the rest
            resume = _next_record(data, bad_at) if plain and skips < MAX_SKIPS else None
            if resume is None or not reported:
                yield _stopped(source_path, number, why, resume)
            reported = False
            if resume is None:
                return
            skips += 1
            records = ArchiveIterator(io.BytesIO(data[resume:]), no_record_parse=True)
            base = end = start = resume
            continue
        if length > MAX_RECORD_BYTES:
            yield problem(
                where, "E015", f"record larger than {MAX_RECORD_BYTES // (1024 * 1024)} MiB: skipped"
            )
            continue

        def read(warnings: list[Problem], record=record, block=block, where=where) -> Article | None:
            return _article(record, block, where, published, publisher, warnings)

        items = guarded(where, read)
        if not items:
            kinds[printable(str(record.rec_type), limit=40)] += 1
        yield from items
    if number == 0:
        yield problem(source_path, "E013", "not a readable WARC file (no record found)")
    elif data[end:].strip(_PADDING):
        yield _stopped(source_path, number, f"{len(data) - end:,} bytes after it are not a whole record")
    elif data[:2] == b"\x1f\x8b" and not _whole_member(data[start:end]):
        # warcio reads a gzip member cut inside its trailer without a word: later records are lost
        yield _stopped(source_path, number, "its gzip member is cut short: the file is truncated")
    elif sum(kinds.values()) == number:  # say so rather than nothing at all
        held = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
        yield problem(source_path, "E013", f"no HTML page in this WARC file ({held})")


def _next_record(data: bytes, after: int) -> int | None:
    """The offset of the first line after ``after`` that starts a WARC record, or None."""
    if after < 0:  # no record header after the damage at all
        return None
    found = data.find(b"\nWARC/1.", after)
    return None if found < 0 else found + 1


def _padding_only(data: bytes, read: int, end: int) -> bool:
    """Whether all after the last record read is NUL or blank padding (a tape block, a preallocated
    file): the end of the crawl, not damage."""
    return read > 0 and not data[end:].strip(_PADDING)


def _whole_member(member: bytes) -> bool:
    """Whether a gzip member is complete (decompressed a chunk at a time, the output discarded)."""
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        while member and not inflate.eof:
            inflate.decompress(member, _CHUNK)
            member = inflate.unconsumed_tail
    except zlib.error:
        return False
    return inflate.eof


def _misframed(where: str) -> Problem:
    # warcio found no blank line where the record's Content-Length says it ends: the record was
    # read cut short (or with the next one's start), and warcio found its way to the next record
    return problem(
        where,
        "E013",
        "the record's Content-Length does not match its block (it would be read cut short): skipped",
    )


def _stopped(source_path: str, read: int, why: object, resume: int | None = None) -> Problem:
    if isinstance(why, DatelineError):
        reason = why.message
    else:
        reason = f"{type(why).__name__}: {why}" if isinstance(why, BaseException) else str(why)
    if resume is not None:
        return problem(
            source_path,
            "E018",
            f"damaged after {read} record(s): {reason}; reading went on at the next record (byte {resume:,})",
        )
    if read == 0:
        return problem(source_path, "E013", f"not a readable WARC file ({reason})")
    return problem(source_path, "E018", f"cut short or damaged: {read} record(s) read, then {reason}")


def _block(record) -> tuple[bytes, bool, int]:
    """The record's block (HTTP headers and payload; empty when too large), whether all of it is
    in the file, and its declared length."""
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    if not declared.isdigit():
        raise DatelineError("E018", f"a record without a valid Content-Length ({printable(declared)!r})")
    length = int(declared)
    keep = length <= MAX_RECORD_BYTES
    chunks, got = [], 0
    while chunk := record.raw_stream.read(_CHUNK):
        got += len(chunk)
        if keep:
            chunks.append(chunk)
    return b"".join(chunks), got >= length, length


def _article(
    record, block: bytes, where: str, published: str | None, publisher: str | None, warnings: list[Problem]
) -> Article | None:
    """The article of an HTML response record (None for any other record)."""
    from warcio.recordloader import ArcWarcRecordLoader

    if record.rec_type != "response":
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    if not url:
        raise DatelineError("E013", "a response record without WARC-Target-URI")
    if not url.startswith(HTTP_SCHEMES):
        return None  # a dns: or ftp: capture has no HTTP response
    stream = io.BytesIO(block)
    record.raw_stream = stream
    try:
        record.http_headers = ArcWarcRecordLoader().load_http_headers("response", url, stream, len(block))
    except Exception as exc:
        raise DatelineError("E013", f"a response record with unreadable HTTP headers ({exc})") from exc
    if record.http_headers is None:
        return None
    if "html" not in (record.http_headers.get_header("Content-Type") or "").lower():
        return None
    payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
    if len(payload) > MAX_RECORD_BYTES:  # a compressed payload that inflates past the limit
        raise DatelineError("E015", f"page larger than {MAX_RECORD_BYTES // (1024 * 1024)} MiB")
    return read_html(
        _decoded(payload),
        source_path=where,
        url=url,
        published=published,
        publisher=publisher,
        fallback_date=record.rec_headers.get_header("WARC-Date"),
        warnings=warnings,
    )


def _decoded(payload: bytes) -> str:
    """The page as text: UTF-8, else Windows-1252 (as for files: a Latin-1 page's accents were
    U+FFFD), else UTF-8 with replacement characters. What a page's <meta charset> claims is not
    trusted: the page is decoded here, before the parser sees it."""
    for codec in ("utf-8", "cp1252"):
        try:
            return payload.decode(codec)
        except UnicodeDecodeError:
            continue
    return payload.decode("utf-8", errors="replace")
