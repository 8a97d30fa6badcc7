"""A rate after an amount is no recurrence (issue 15, time): "$3.10 a year", "40,000 a month" and
"$9 per hour" say how much, not when, and TimeBank leaves them unannotated; "twice a week" and
"every month" stay sets. Sentences are made up."""

from __future__ import annotations

import pytest

from dateline.resolve.dates import tag_times

DCT = "2022-06-15"


@pytest.mark.parametrize(
    "text",
    [
        "The bonds pay $3.10 a year in interest.",
        "The factory was adding 40,000 units a month by spring.",
        "Cleaners earn 9 euros per hour.",
    ],
)
def test_rate_after_an_amount_is_no_set(text: str) -> None:
    assert not [t for t in tag_times(text, DCT) if t.type == "SET"]


@pytest.mark.parametrize(
    "text, expr, value",
    [
        ("The ferry sails twice a week.", "twice a week", "P1W"),
        ("The council meets every month.", "every month", "P1M"),
    ],
)
def test_sets_stay(text: str, expr: str, value: str) -> None:
    got = [(t.text, t.type, t.value) for t in tag_times(text, DCT)]
    assert (expr, "SET", value) in got
