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
        ("The alarm beeps every 30 seconds.", ("every 30 seconds", "SET", "PT30S")),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1998 was a bad year for farmers.", [("1998", "DATE", "1998")]),
        ("Inflation peaked between 1990-1995.", [("1990", "DATE", "1990"), ("1995", "DATE", "1995")]),
        ("The 2019-2020 school year was cut short.", [("2019", "DATE", "2019"), ("2020", "DATE", "2020")]),
        ("He was elected in Dec. '98.", [("Dec. '98", "DATE", "1998-12")]),
    ],
)
def test_bare_years_ranges_and_short_forms(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert values(text) == expected


def test_counts_before_a_plural_are_still_no_years() -> None:
    assert values("Police said 1998 protesters were detained.") == []
    assert values("He paid 1995-96 dollars.") == []


def test_the_quarter_of_a_results_sentence_is_its_own_quarter() -> None:
    # no quarter named: the last one over by the DCT, or the one "ended" names
    assert values("Net income rose 12% in the quarter.") == [("the quarter", "DATE", "2025-Q4")]
    got = values("For the quarter ended Sept. 30, the company lost $3 million.")
    assert got[0] == ("the quarter", "DATE", "2025-Q3")
    # then "a year ago" is that quarter a year before, as with a quarter named
    got = values("Sales in the quarter rose 4% from $9 million a year ago.")
    assert got == [("the quarter", "DATE", "2025-Q4"), ("a year ago", "DATE", "2024-Q4")]
    # no results: a district
    assert values("Troops sealed off the quarter after the blast.") == []


def test_a_month_in_a_clause_past_by_its_own_verb_is_not_ahead_of_the_dct() -> None:
    # told in March: the May the factory closed in is over, last year's
    assert values("The factory closed in May after a fire.") == [("May", "DATE", "2025-05")]
    assert values("The plant was shut on April 2.") == [("April 2", "DATE", "2025-04-02")]
    # a report's "said", a future, or a past verb pointing ahead keep the nearest occurrence
    assert values("Officials said the factory will close in May.") == [("May", "DATE", "2026-05")]
    assert values("The offer was extended to April 2.") == [("April 2", "DATE", "2026-04-02")]
    assert values("Directors declared a dividend payable May 1.") == [("May 1", "DATE", "2026-05-01")]
    assert values("The reduced dividend is payable May 1.") == [("May 1", "DATE", "2026-05-01")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The march was a day-long event.", [("day-long", "DURATION", "P1D")]),
        ("The group held a week-long sit-in.", [("week-long", "DURATION", "P1W")]),
        ("He spoke for a minute and a half.", [("a minute and a half", "DURATION", "PT1M30S")]),
        ("In the years that followed, the rebels waged war.", [("years", "DURATION", "PXY")]),
        # "and" after a relative unit ends it only when a fuzzy stretch follows ("or so", "and a half")
        (
            "Shares made sharp advances this week and fell.",
            [("this week", "DATE", "2026-W12")],
        ),
        ("Prices rose over the past week or so.", []),
        ("Traders squared positions ahead of the weekend.", [("the weekend", "DATE", "2026-W12-WE")]),
        ("Rebels will withdraw by the end of the month.", [("the end of the month", "DATE", "2026-03")]),
        ("Rebels will withdraw by the end of the week.", [("the end of the week", "DATE", "2026-W12")]),
    ],
)
def test_stretches_named_by_their_unit(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert values(text) == expected


def test_the_end_of_the_month_told_early_in_a_month_in_the_past_is_the_month_before() -> None:
    got = tag_times("Workers went home at the end of the month.", "2026-03-03")
    assert [(t.text, t.value) for t in got] == [("the end of the month", "2026-02")]
    assert got[0].date_end == "2026-02-28"


def test_a_plan_told_in_the_past_perfect_was_for_a_day_now_past() -> None:
    assert values("The offer had been due to expire Friday evening.") == [
        ("Friday evening", "TIME", "2026-03-13TEV")
    ]
    assert values("The offer is due to expire Friday evening.") == [
        ("Friday evening", "TIME", "2026-03-20TEV")
    ]


def test_easter_and_its_days_follow_the_computus() -> None:
    assert values("The attack came on Easter Sunday 2019.") == [("Easter Sunday 2019", "DATE", "2019-04-21")]
    assert values("Pilgrims will gather at Easter.") == [("Easter", "DATE", "2026-04-05")]
    # an incident on a holiday is past: the last one, not the coming one
    assert values("The bombings on Easter Sunday killed 250 people.")[0] == (
        "Easter Sunday",
        "DATE",
        "2025-04-20",
    )
    assert values("The church was attacked on Good Friday.") == [("Good Friday", "DATE", "2025-04-18")]
    assert values("Violence flared in Easter week.", "2000-04-17") == [("Easter week", "DATE", "2000-W16")]


@pytest.mark.parametrize(
    "text",
    [
        "A 1500-strong force entered the town.",
        "Flight 1549 landed in the river.",
        "Highway 2020 was closed.",
        "He lives at 1600 Pennsylvania Avenue.",
        "Police said 2000 of them were arrested.",
    ],
)
def test_numbers_that_name_or_size_a_thing_are_no_years(text: str) -> None:
    assert values(text) == []


def test_years_beside_those_words_stay_years() -> None:
    assert values("The ship, built in 1998 by a Korean yard, sank.") == [("1998", "DATE", "1998")]
    assert values("The vote of 2017 was annulled.") == [("2017", "DATE", "2017")]


def test_a_newspaper_named_by_its_period_is_no_set() -> None:
    assert values("The English-language daily Dawn reported the attack.") == []
    assert values("The daily said the army had withdrawn.") == []
    assert values("The news weekly Der Spiegel reported the deal.") == []
    # a recurrence stays one, before a weekday or a noun
    assert values("Rallies are held daily in the capital.") == [("daily", "SET", "P1D")]
    assert values("He gave a daily briefing.") == [("daily", "SET", "P1D")]
    assert values("Rallies are held daily Monday through Friday.")[0] == ("daily", "SET", "P1D")


def test_a_time_before_its_noun_leaves_the_determiner_to_the_noun() -> None:
    assert values("The eight-year war with Iran ended.") == [("eight-year", "DURATION", "P8Y")]
    assert values("The year-ago results were restated.") == [("year-ago", "DATE", "2025")]
    # a time that is itself the noun phrase keeps its determiner
    assert values("It fell in the third quarter.") == [("the third quarter", "DATE", "2025-Q3")]
    assert values("The past 20 years have been hard.") == [("The past 20 years", "DURATION", "P20Y")]


def test_parts_of_days_are_times_of_the_day_named() -> None:
    assert values("Protesters gathered on the morning of March 3.") == [
        ("the morning of March 3", "TIME", "2026-03-03TMO")
    ]
    assert values("Police raided the camp on Monday. Arrests followed in the afternoon.") == [
        ("Monday", "DATE", "2026-03-16"),
        ("the afternoon", "TIME", "2026-03-16TAF"),
    ]
    assert values("By mid-afternoon, the crowd had dispersed.") == [
        ("mid-afternoon", "TIME", "2026-03-18TAF")
    ]
    assert values("Shares fell at mid-afternoon yesterday.") == [
        ("mid-afternoon yesterday", "TIME", "2026-03-17TAF")
    ]
    # a greeting or a programme is no time
    assert values("Good evening from the capital.") == []
    assert values("He read it in the morning paper.") == []


def test_bare_units_ago_are_past_refs_and_this_past_is_last() -> None:
    assert values("The town was founded decades ago.") == [("decades ago", "DATE", "PAST_REF")]
    assert values("The dispute began months ago.") == [("months ago", "DATE", "PAST_REF")]
    assert values("This past weekend, protests spread.") == [("This past weekend", "DATE", "2026-W11-WE")]


def test_a_holidays_stretch_is_not_its_day() -> None:
    assert values("Pupils returned from the Easter holiday on Monday.") == [("Monday", "DATE", "2026-03-16")]
    assert values("Shops were busy in the Christmas season.") == []


def test_a_bare_ordinal_day_is_in_the_dct_month_or_the_one_before() -> None:
    assert values("The attack happened on the 15th.") == [("the 15th", "DATE", "2026-03-15")]
    assert values("The attack happened on the 25th, police said.") == [("the 25th", "DATE", "2026-02-25")]
    assert values("Voting will take place on the 2nd.") == [("the 2nd", "DATE", "2026-04-02")]
    assert values("He lives on the 15th floor.") == []


def test_a_bare_unit_since_an_event_is_a_stretch() -> None:
    assert values("It has been weeks since the last attack.") == [("weeks", "DURATION", "PXW")]
    assert values("In the days since the blast, ten died.") == [("days", "DURATION", "PXD")]


def test_the_next_day_or_so_is_no_day_and_the_current_fiscal_year_is_the_year() -> None:
    assert values("He was cleared to fly home in the next day or so.") == []
    assert values("Sales will grow in the current financial year.") == [
        ("the current financial year", "DATE", "2026")
    ]


def test_until_is_a_signal_outside_recently() -> None:
    assert values("Until recently, the firm had been growing.") == [("recently", "DATE", "PAST_REF")]


def test_an_approximate_ago_is_still_a_date() -> None:
    assert values("Prices peaked a week or so ago.") == [("a week or so ago", "DATE", "2026-03-11")]
