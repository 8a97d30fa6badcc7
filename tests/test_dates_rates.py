"""A rate after an amount is no recurrence, and "one day" after a modal is an unknown future (issue
15, time): "$3.10 a year", "40,000 a month" and "$9 per hour" say how much, not when, and TimeBank
leaves them unannotated; "twice a week" and "every month" stay sets; "will one day carry" is
FUTURE_REF. Sentences are made up."""

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


@pytest.mark.parametrize(
    "text, found",
    [
        ("Engineers say the bridge will one day carry trains.", True),
        ("Doctors may one day grow teeth in a dish.", True),
        # a narrative "one day" is no reference to the future
        ("One day, the miller left the valley.", False),
    ],
)
def test_one_day_after_a_modal_is_future_ref(text: str, found: bool) -> None:
    got = [(t.text, t.value) for t in tag_times(text, DCT)]
    assert (("one day", "FUTURE_REF") in got) is found


def test_the_year_before_an_amount_is_the_dcts_year() -> None:
    # "of" introduces the amount, not a name of the year ("the year of the flood" is none)
    got = [(t.text, t.value) for t in tag_times("Shares hit a low for the year of $8.25 in May.", DCT)]
    assert ("the year", "2022") in got
    assert not [
        t for t in tag_times("In the year of the flood, the mill closed.", DCT) if t.text == "the year"
    ]
