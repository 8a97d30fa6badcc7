"""A rule's regular expression with a guard on its first character, so that a search skips at
once the positions where no match can start.

Python's ``re`` tries a case-insensitive pattern in full at every position of the text: the
tagger's 47 rules, most of them opening with long alternatives ("early|mid|late|the end of…"),
spent ~1.7 s of 120 reports' 39 s there (issue 17). ``guarded(pattern)`` is
``(?=(?i:[FIRST]))(?:pattern)``, FIRST the characters a match of ``pattern`` can start with, read
off the parsed pattern (zero-width assertions such as ``\\b`` and look-behinds pass through):
every match of the pattern starts with one of them, so both find the same matches, with the
same groups (the wrapper captures nothing), at ~0.4x of the cost. A pattern whose first
character cannot be told this way (an empty match, ``.``, a negated class, a back-reference) is
left as it is.
"""

from __future__ import annotations

import re

try:  # re's private parser (Python >= 3.11); a Python that moves it only loses the guard
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    _CATEGORIES = {
        sre.CATEGORY_DIGIT: r"\d",
        sre.CATEGORY_NOT_DIGIT: r"\D",
        sre.CATEGORY_WORD: r"\w",
        sre.CATEGORY_NOT_WORD: r"\W",
        sre.CATEGORY_SPACE: r"\s",
        sre.CATEGORY_NOT_SPACE: r"\S",
    }
    _ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
    _REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
except (ImportError, AttributeError):
    _parser = None


class _Unknown(Exception):
    """A part whose first character is not read here: no guard."""


def guarded(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind a look-ahead on its possible first characters (the same matches), or
    ``pattern`` itself when they cannot be told."""
    if _parser is None:
        return pattern
    try:
        first, empty = _sequence(_parser.parse(pattern, flags))
    except Exception:  # noqa: BLE001 - _Unknown, or re's private parser changed: no guard
        return pattern
    if empty or not first:  # a match may be empty: it starts with no character
        return pattern
    # in any case: a part of the pattern may ignore case where the rest does not ("(?i:…)")
    wrapped = f"(?=(?i:[{''.join(sorted(first))}]))(?:{pattern})"
    try:
        re.compile(wrapped, flags)  # (then found in re's own cache)
    except re.error:  # global flags ("(?x)") must open the pattern
        return pattern
    return wrapped


def _sequence(items) -> tuple[set[str], bool]:
    """The first characters of a sequence of parsed items, and whether it can match empty."""
    first: set[str] = set()
    for op, av in items:
        chars, empty = _item(op, av)
        first |= chars
        if not empty:
            return first, False
    return first, True


def _item(op, av) -> tuple[set[str], bool]:
    if op is sre.LITERAL:
        return {re.escape(chr(av))}, False
    if op is sre.IN:
        return {_member(o, a) for o, a in av}, False
    if op in _ZERO_WIDTH:
        return set(), True
    if op is sre.SUBPATTERN:
        return _sequence(av[-1])
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is sre.BRANCH:
        first, empty = set(), False
        for branch in av[1]:
            chars, may_be_empty = _sequence(branch)
            first |= chars
            empty |= may_be_empty
        return first, empty
    if op in _REPEATS:
        low, _, body = av
        first, empty = _sequence(body)
        return first, empty or low == 0
    raise _Unknown(op)


def _member(op, av) -> str:
    """One member of a character class, written for another class."""
    if op is sre.LITERAL:
        return re.escape(chr(av))
    if op is sre.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is sre.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise _Unknown(op)  # a negated class, among others
