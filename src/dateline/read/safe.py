"""What makes reading safe for any bytes: untrusted strings made storable and printable, and the
one guard per item (line, record, entry, file) that turns any exception into a coded Problem.

Two different cleanings, for two different uses:

- ``storable`` is for the stored text and metadata. Lone surrogates (a JSON ``"\\ud800"``, an
  undecodable byte of a command-line argument) cannot be encoded as UTF-8, so SQLite, the
  exporters and spaCy would fail on them; NUL is refused by PostgreSQL and cuts C strings; the
  other C0 controls (ESC, BEL, backspace; not tab, line and page breaks) are never prose and
  would reach terminals from the stored text. Each becomes U+FFFD, one character for one, so no
  offset moves. ``body_text`` cleans a page's text before offsets are taken: it deletes the
  control characters instead (as ftfy's repair does in text that is not ASCII).
- ``printable`` is for problem messages and source names, which end up on a terminal: control
  characters (ESC starts terminal escape sequences), line breaks, bidirectional overrides and
  surrogates are written as ``\\x1b``-style escapes, and a long message is shortened.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ..errors import DatelineError
from ..records import Article, Problem

_UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")
_SURROGATES = re.compile("[\ud800-\udfff]")
# C0 and C1 controls (with tab and line breaks: a message is one line), DEL, the Unicode line
# separators, bidirectional embeddings/overrides/isolates, and surrogates.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
MAX_MESSAGE = 500  # characters of a problem message (an exception can quote a whole input)
GENERIC = "E014"  # any exception a reader did not expect


def body_text(text: str) -> str:
    """A page's text before it is composed: control characters are deleted, as ftfy's repair does
    in text that is not ASCII (offsets are not taken yet), lone surrogates become U+FFFD."""
    if not _UNSTORABLE.search(text):
        return text
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", text))


def blank(text: str) -> bool:
    """Whether ``text`` holds nothing to read: only white space, control characters and invisible
    format characters (byte-order marks, zero-width spaces and joiners), which ``str.strip`` keeps."""
    return all(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in text)


def storable(text: str) -> str:
    """``text`` with lone surrogates and control characters replaced by U+FFFD (same length)."""
    return _UNSTORABLE.sub("\ufffd", text) if _UNSTORABLE.search(text) else text


_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _char_ref(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    allowed = code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF
    return match.group() if allowed and code not in (0xFFFE, 0xFFFF) else "&#xFFFD;"


def safe_char_refs(markup: str) -> str:
    """Markup whose numeric character references name only characters XML allows: a reference to
    NUL, a control character, a surrogate or past U+10FFFF becomes U+FFFD's (feedparser raises on
    a surrogate's, and the character would reach the stored text)."""
    return _CHAR_REF.sub(_char_ref, markup) if "&#" in markup else markup


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte kept by surrogateescape (file names, argv)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, limit: int | None = MAX_MESSAGE) -> str:
    """``text`` safe to print on one terminal line: see the module's docstring."""
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return _UNPRINTABLE.sub(_escape, text)


def problem(source: str, code: str, message: str) -> Problem:
    """A Problem whose source and message are safe to store and print, whatever they quote."""
    return Problem(printable(source, limit=None), code, printable(message))


def failure(source: str, exc: BaseException) -> Problem:
    """The Problem for an exception: a coded one keeps its code, any other is the generic E014."""
    if isinstance(exc, DatelineError):
        return problem(source, exc.code, exc.message)
    return problem(source, GENERIC, f"reader failed: {type(exc).__name__}: {exc}")


def guarded(where: str, read: Callable[[list[Problem]], Article | None]) -> list[Article | Problem]:
    """Run one item's reader: its Article (if it has one) followed by the warnings it noted (``read``
    gets the list to append them to), or the one Problem it failed with. Never raises (but on
    interrupts: KeyboardInterrupt, SystemExit)."""
    warnings: list[Problem] = []
    try:
        article = read(warnings)
    except Exception as exc:  # the item boundary: whatever went wrong stays with this item
        return [failure(where, exc)]
    return warnings if article is None else [article, *warnings]
