"""Encoding repair of scraped text with ftfy, before the text is stored.

Scrapers often decode UTF-8 bytes as Windows-1252 ("it’s" becomes "itâ€™s", "café" becomes
"cafÃ©"). The readers repair the body and the title before composing the stored text, so every
offset points into the repaired text. The repair is recorded, not reported as a problem: the
article's ``meta_spans["encoding_repaired"]`` spans the first to the last repaired character.
"""

from __future__ import annotations

import ftfy

# Only the mojibake and stray-control-character repairs: curly quotes stay curly, line breaks and
# Unicode normalisation stay as written (changing them is not a repair, and "’" is as the
# publisher wrote it).
_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization=None,
    explain=False,
)
REPAIR_KEY = "encoding_repaired"


def repair(text: str) -> str:
    """``text`` with its mojibake undone (the same string when there is none)."""
    if text.isascii():  # mojibake needs non-ASCII characters: skip ftfy's work on clean text
        return text
    return ftfy.fix_text(text, _CONFIG)


def repaired_span(before: str, after: str) -> tuple[int, int] | None:
    """Where ``after`` differs from ``before``: from the first to the last changed character of
    ``after`` (None when nothing changed). A common prefix and suffix are cheap to find."""
    if before == after:
        return None
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end_b, end_a = len(before), len(after)
    while end_a > start and end_b > start and before[end_b - 1] == after[end_a - 1]:
        end_a -= 1
        end_b -= 1
    return start, max(end_a, start)


def repair_body(body: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """The repaired body and, when something was repaired, its ``encoding_repaired`` span."""
    fixed = repair(body)
    span = repaired_span(body, fixed)
    return fixed, ({REPAIR_KEY: span} if span else {})
