"""The tagger's rules behind a guard on their first character find the same matches."""

import re

import pytest

from dateline.resolve.dates import grammar
from dateline.resolve.dates.first_chars import guarded

# invented (CC0): dates, times, durations and look-alikes of every kind the rules read
TEXT = (
    "On Monday, March 3, 2021 at 10:30 a.m. police said that in early March 2020 and late in "
    "2019, twice a week, over the past three years and the previous day, the 1990s and the "
    "nineties, the 21st century, last summer, the third quarter of 2018, Q2 2017, FY'19, "
    "nineteen ninety-seven, 2020-04-05, 4/5/2021, three days ago, last night, this morning, "
    "Christmas Eve, that day, the weekend, next Tuesday, mid-2000s, the year ended June 30. "
    "Said on tuesday: 5 percent in the 80s, 12 killed and the fall of the city. 'Jan. 7, the "
    "year-ago quarter, every other month, the coming weeks, since then."
)


def _matches(rx: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups(), m.groupdict()) for m in rx.finditer(text)]


@pytest.mark.parametrize("lower", [False, True])
def test_every_rule_is_guarded_and_finds_the_same_matches(lower):
    patterns = grammar.rules(rf"(?:{grammar._WD}|{grammar._WDL})", grammar._MONL) if lower else grammar.RULES
    compiled = grammar._COMPILED_LOWER if lower else grammar._COMPILED
    found = 0
    for (pattern, _), (rx, _) in zip(patterns, compiled, strict=True):
        assert rx.pattern != pattern  # every rule's first character is known
        plain = re.compile(pattern, re.I)
        for text in (TEXT, TEXT.lower(), TEXT.upper()):
            expected = _matches(plain, text)
            assert _matches(rx, text) == expected
            found += len(expected)
    assert found > 50  # the text exercises the rules


@pytest.mark.parametrize(
    "pattern",
    [r"a*", r"(?:x|)", r"[^a-z]+b", r".b", r"(?x) a b"],  # empty, negated, any, global flags
)
def test_patterns_without_a_known_first_character_are_kept(pattern):
    assert guarded(pattern) == pattern


def test_guard_reads_alternatives_optional_parts_and_assertions():
    pattern = r"(?<!x)\b(?:(?:early|late)\s+)?(?P<m>May|\d{4})\b"
    wrapped = guarded(pattern, re.I)
    assert wrapped.startswith("(?=(?i:[") and all(c in wrapped[: wrapped.index("]")] for c in "elM\\d")
    for text in ("in early May 2020", "xMay", "late 1999 and may", "EARLY MAY"):
        assert _matches(re.compile(wrapped, re.I), text) == _matches(re.compile(pattern, re.I), text)


def test_guard_keeps_a_part_that_ignores_case_alone():
    pattern = r"(?i:a)b"  # matches "Ab" though the rest keeps case
    assert re.compile(guarded(pattern)).findall("Ab ab") == ["Ab", "ab"]


def test_a_python_without_re_private_parser_only_loses_the_guard(monkeypatch):
    import importlib
    import sys

    from dateline.resolve.dates import first_chars

    monkeypatch.delattr(re, "_parser")  # the import fails as if it had moved
    monkeypatch.setitem(sys.modules, "re._parser", None)
    try:
        reloaded = importlib.reload(first_chars)
        assert reloaded.guarded(r"early|late") == r"early|late"
    finally:
        monkeypatch.undo()
        importlib.reload(first_chars)
    assert first_chars.guarded(r"early|late") != r"early|late"
