"""Ages are no time expressions (issue 15, time: spurious timexes from ages): a decade after a
possessive ("a man in his 70s", "women in their mid-40s") and "N years of age" say how old someone
is; "the 70s" and "the '80s" stay decades. Sentences are made up."""

from __future__ import annotations

import pytest

from dateline.resolve.dates import tag_times

DCT = "2022-06-15"


@pytest.mark.parametrize(
    "text",
    [
        "A fisherman in his 60s was rescued off the cape.",
        "Two sisters in their mid-30s opened the bakery.",
        "The pilot, in her early 50s, landed safely.",
        "The winner was 71 years of age.",
        "Pupils under 11 years of age ride free.",
    ],
)
def test_ages_are_no_times(text: str) -> None:
    assert tag_times(text, DCT) == []


@pytest.mark.parametrize(
    "text, expr, value",
    [
        ("In the 60s, the harbour was busy.", "the 60s", "196"),
        ("The '90s were kind to the town.", "The '90s", "199"),
    ],
)
def test_decades_stay(text: str, expr: str, value: str) -> None:
    assert (expr, value) in [(t.text, t.value) for t in tag_times(text, DCT)]
