"""TimeML guideline categories the tagger missed (issue 15, time side): sets of stretches and
frequencies, bare plural units of centuries, "current" / "recent" before a noun, "year-end",
and days relative to the day the story named ("the next day"). Sentences are made up."""

from __future__ import annotations

import pytest

from dateline.resolve.dates import tag_times

DCT = "2026-03-18"  # a Wednesday


def values(text: str, dct: str | None = DCT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag_times(text, dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The buses run three times a day.", ("three times a day", "SET", "P1D")),
        ("Patrols pass every two weeks.", ("every two weeks", "SET", "P2W")),
        ("The well is tested every 30 days.", ("every 30 days", "SET", "P30D")),
        ("Inspectors visit every few months.", ("every few months", "SET", "PXM")),
        ("The ferry sails twice weekly.", ("twice weekly", "SET", "P1W")),
        ("The curfew is enforced nightly.", ("nightly", "SET", "TNI")),
        ("Protests are held every Friday night.", ("every Friday night", "SET", "XXXX-WXX-5TNI")),
    ],
)
def test_sets_are_whole_and_recurrences_of_stretches(text: str, expected: tuple[str, str, str]) -> None:
    assert values(text) == [expected]


def test_every_with_a_count_of_things_is_no_set() -> None:
    assert values("Holders get one right for each 105 shares.") == []
    assert values("Every state court heard the case.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ruins stood for centuries.", ("centuries", "DURATION", "PXC")),
        ("The rivalry has lasted millennia.", ("millennia", "DURATION", "PXL")),
        ("It took them months to rebuild the bridge.", ("months", "DURATION", "PXM")),
    ],
)
def test_bare_plural_units_are_durations(text: str, expected: tuple[str, str, str]) -> None:
    assert values(text) == [expected]


def test_current_and_recent_before_a_noun_are_present_and_past_refs() -> None:
    assert values("He said the current crisis would pass.") == [("current", "DATE", "PRESENT_REF")]
    assert values("A recent survey found support for the plan.") == [("recent", "DATE", "PAST_REF")]
    assert values("The then current price was low.") == [("then current", "DATE", "PAST_REF")]
    # not the accountant's current account, nor "the most recent", nor the current of a river
    assert values("The current account deficit widened.") == []
    assert values("The most recent attack killed three.") == []
    assert values("The current in the river was strong.") == []


def test_year_end_is_the_end_of_the_year_this_year_or_the_last() -> None:
    got = tag_times("The centre will close by year-end.", DCT)
    assert [(t.text, t.value, t.date_start, t.date_end) for t in got] == [
        ("year-end", "2026", "2026-12-01", "2026-12-31")
    ]
    assert values("Sales have risen since year-end.") == [("year-end", "DATE", "2025")]
    assert values("The deal should close by year's end.") == [("year's end", "DATE", "2026")]
    # a noun's modifier with no preposition is no time of its own
    assert values("Year-end bonuses were cut.") == []


def test_next_and_previous_day_count_from_the_day_the_story_named() -> None:
    assert values("Police raided the camp on Monday. The next day they arrested the leader.") == [
        ("Monday", "DATE", "2026-03-16"),
        ("The next day", "DATE", "2026-03-17"),
    ]
    assert values("He was arrested on March 3. The following morning he was freed.") == [
        ("March 3", "DATE", "2026-03-03"),
        ("The following morning", "TIME", "2026-03-04TMO"),
    ]
    got = values("The blast hit the market on Saturday; the day before, police had warned traders.")
    assert got[-1] == ("the day before", "DATE", "2026-03-13")
    # no day named: a story's next day is not the reader's tomorrow
    assert values("The area was calm the following day.") == [("the following day", "DATE", "XXXX-XX-XX")]
    # "the day before the vote" is anchored on an event, not a day: left alone
    assert values("He left the day before the vote.") == []
