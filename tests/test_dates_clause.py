"""The clause a weekday or month belongs to (issue 15, time): "until" in a past clause looks back,
a copula or a present schedule verb before the date looks ahead, a plan with its object dates the
plan, a verb after "and" is another clause's, and a fronted date takes the tense of the verb that
comes after a long aside. Sentences are made up."""

from __future__ import annotations

import pytest

from dateline.resolve.dates import tag_times

DCT = "2022-06-15"  # a Wednesday in June


def value_of(text: str, expr: str) -> str:
    got = [t.value for t in tag_times(text, DCT) if t.text == expr]
    assert got, f"{expr!r} not tagged in {[(t.text, t.value) for t in tag_times(text, DCT)]}"
    return got[0]


@pytest.mark.parametrize(
    "text, expr, want",
    [
        # "until" in a past clause tells of a time over
        ("Until Monday, the inspectors had not visited the dam.", "Monday", "2022-06-13"),
        ("Until Tuesday the ferry had been running twice a day.", "Tuesday", "2022-06-14"),
        # … and still points ahead in a present or future one
        ("The museum stays shut until Friday.", "Friday", "2022-06-17"),
        ("Ticket sales will remain suspended until Friday.", "Friday", "2022-06-17"),
        # a schedule told in the present is the coming day
        ("The referendum is on Sunday.", "Sunday", "2022-06-19"),
        ("The memorial service is Saturday.", "Saturday", "2022-06-18"),
        ("Both rounds are set for Friday.", "Friday", "2022-06-17"),
        ("A second round of talks is likely on Friday.", "Friday", "2022-06-17"),
        ("Islanders go to the polls on Sunday to choose a council.", "Sunday", "2022-06-19"),
        ("The regional assembly convenes Thursday to debate the budget.", "Thursday", "2022-06-16"),
        # "can" is a modal like "could": a month ahead is not pushed back to last year
        ("Members can attend the regional summit in November.", "November", "2022-11"),
        # a plan with its object: the plan's date, unless the plan itself is over
        ("Fishermen planned a blockade of the harbour on Saturday.", "Saturday", "2022-06-18"),
        ("Dock workers are planning a walkout on Friday.", "Friday", "2022-06-17"),
        ("The gang had planned a robbery on Saturday.", "Saturday", "2022-06-11"),
        # the verb after "and" belongs to another clause
        (
            "Farmers planned a tractor convoy on Saturday and were hoping to reach the capital.",
            "Saturday",
            "2022-06-18",
        ),
        # a fronted month before a long aside takes the tense of the verb after it
        (
            "In September, two weeks after the end of the harvest festival in the hill villages of the "
            "north, a landslide buried the road.",
            "September",
            "2021-09",
        ),
        # "vs." ends no sentence
        (
            "In September, weeks after the Smith vs. Jones ruling in the county court, the mill closed.",
            "September",
            "2021-09",
        ),
    ],
)
def test_clause_direction(text: str, expr: str, want: str) -> None:
    assert value_of(text, expr) == want


def test_past_clause_keeps_its_weekday_behind() -> None:
    # no schedule cue: a reported past stays in the past week
    assert value_of("The referendum was held on Sunday.", "Sunday") == "2022-06-12"
    assert value_of("Police detained him on Friday and said he would be charged.", "Friday") == "2022-06-10"


@pytest.mark.parametrize(
    "text, expr, want",
    [
        # counted from the day the story named last, not from the DCT
        (
            "The index ended higher on Monday, up 2% from the previous Monday.",
            "the previous Monday",
            "2022-06-06",
        ),
        (
            "The ferry sank on May 2 and divers reached it the following Thursday.",
            "the following Thursday",
            "2022-05-05",
        ),
        # no day named: from the DCT
        ("The preceding Sunday, the choir had sung in the abbey.", "The preceding Sunday", "2022-06-12"),
    ],
)
def test_previous_and_following_weekday(text: str, expr: str, want: str) -> None:
    assert value_of(text, expr) == want


@pytest.mark.parametrize(
    "text, expr, want",
    [
        # a modal inside a relative clause is that clause's, not the date's
        ("Monday's ballot, which could unseat the mayor, was postponed.", "Monday", "2022-06-13"),
        ("On Monday, a tribunal that could fine the firm heard the case.", "Monday", "2022-06-13"),
        ("On Tuesday the keeper, who will retire next spring, fed the seals.", "Tuesday", "2022-06-14"),
        # a relative clause still open before the date holds it
        ("The repairs, which could end on Friday, are behind schedule.", "Friday", "2022-06-17"),
        # a complement clause is the date's own
        ("Engineers said that the line could reopen on Friday.", "Friday", "2022-06-17"),
    ],
)
def test_relative_clause_is_no_cue(text: str, expr: str, want: str) -> None:
    assert value_of(text, expr) == want


def test_the_day_before_a_weekday_is_part_of_it() -> None:
    got = [(t.text, t.value) for t in tag_times("During the day Monday, the pier was closed.", DCT)]
    assert got == [("Monday", "2022-06-13")]


@pytest.mark.parametrize(
    "text, want",
    [
        # the second day of a pair or range is a date of its own
        ("The fair runs on July 8 and 9 in the park.", [("July 8", "2022-07-08"), ("9", "2022-07-09")]),
        ("Hearings were held from May 3 to 5.", [("May 3", "2022-05-03"), ("5", "2022-05-05")]),
        # an amount is none
        ("Turnout rose from May 3 to 5 percent.", [("May 3", "2022-05-03")]),
        # a capitalised "March" before its noun is the month; "the March on the capital" a name
        ("The March referendum failed.", [("March", "2022-03")]),
        ("The March on the capital drew crowds.", []),
    ],
)
def test_second_days_and_march_before_a_noun(text: str, want: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in tag_times(text, DCT)] == want


def test_through_a_month_is_a_deadline_ahead() -> None:
    # told in June: "through February" ends a stretch ahead, next February
    text = "The bank has extended the credit line through February."
    assert value_of(text, "February") == "2023-02"


@pytest.mark.parametrize(
    "text, expr, want",
    [
        # told in June 2022: a schedule or a new date lies ahead
        ("The new tariffs, announced in May, take effect in October.", "October", "2022-10"),
        ("The ruling, expected in October, could reshape the sector.", "October", "2022-10"),
        ("The auction was postponed to November.", "November", "2022-11"),
        ("The lease on the depot ends in December.", "December", "2022-12"),
        # a past clause keeps its month behind
        ("The lease on the depot ended in December.", "December", "2021-12"),
    ],
)
def test_months_ahead_of_a_schedule(text: str, expr: str, want: str) -> None:
    assert value_of(text, expr) == want


def test_a_possessive_weekday_after_from_or_since_is_past() -> None:
    # the modal is the clause's; the weekday names what it comes after
    assert value_of("Farmers can still see the damage from Monday's hail.", "Monday") == "2022-06-13"
    assert value_of("Prices could fall further since Tuesday's cut.", "Tuesday") == "2022-06-14"
    # "ahead of" still looks forward
    assert value_of("Ahead of Sunday's vote, parties will rally.", "Sunday") == "2022-06-19"


def test_overnight_precedes_the_story_day() -> None:
    # a day of the week before the DCT named lately: the night before it
    text = "Copper closed lower on Monday.\n\nDealers blamed overnight selling in Asia."
    assert value_of(text, "overnight") == "2022-06-12TNI"
    # none named, or only an older incident's date: the night before the DCT
    assert value_of("Gunmen raided the depot overnight.", "overnight") == "2022-06-14TNI"
    assert value_of("After the May 3 floods, crews worked overnight.", "overnight") == "2022-06-14TNI"


@pytest.mark.parametrize("dct", ["0001-01-01", "0001-01-03", "9999-12-31"])
def test_new_rules_stay_on_the_calendar(dct: str) -> None:
    # date arithmetic off the calendar gives no date, never an OverflowError
    for text in (
        "The previous Monday and the following Friday were quiet.",
        "Shares fell on Monday. Overnight losses hurt.",
        "Third-quarter net rose. The fourth quarter of 9999 will be weak. A year ago it fell.",
    ):
        tag_times(text, dct)
