"""Classes of time expressions the tagger was extended for on TimeBank + AQUAINT (issue 15): ages,
"a year earlier", coordinated years, fiscal years, sets, "as soon as", the year of a month and
day near the DCT, decades, "overnight", years said in words. Sentences are made up."""

from __future__ import annotations

import pytest

from dateline.resolve.dates import tag_times

DCT = "2019-02-08"  # a Friday


def values(text: str, dct: str | None = DCT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag_times(text, dct)]


@pytest.mark.parametrize(
    "text",
    [
        "A 22-year-old man was arrested.",
        "Mr. Reupke, 52 years old, will succeed him.",
        "The 50-year-old alliance met.",
        "Her six-month-old daughter was unhurt.",
    ],
)
def test_ages_are_not_time_expressions(text: str) -> None:
    assert values(text) == []


def test_a_year_earlier_is_a_date_relative_to_the_dct() -> None:
    assert values("Profit rose from $3 million a year earlier.") == [("a year earlier", "DATE", "2018")]
    # later than the story's own time, which the DCT does not give: a duration as before
    assert values("Two months later the talks collapsed.") == [("Two months", "DURATION", "P2M")]
    # "earlier" is part of the expression, so the duration alone is not tagged as well
    assert values("It fell from a year earlier.")[0][1] == "DATE"


def test_coordinated_years_are_both_years() -> None:
    got = values("Attacks on clinics declined between 1982 and 1992.")
    assert [v for _, _, v in got] == ["1982", "1992"]
    assert [v for _, _, v in values("It happened in 1994, 1995 and 1997.")] == ["1994", "1995", "1997"]
    # a number after "and" is still not a year without another year before it
    assert values("It sold 300 and 1992 units.") == []


def test_fiscal_year_is_the_year() -> None:
    assert values("Sales grew in fiscal 1999.") == [("fiscal 1999", "DATE", "1999")]


def test_as_soon_as_is_a_signal_not_a_time() -> None:
    assert [t for t, _, _ in values("They could leave as soon as Tuesday.")] == ["Tuesday"]
    assert values("He was killed soon after his capture.") == []
    assert values("The budget will soon balance.") == [("soon", "DATE", "FUTURE_REF")]


def test_sets_of_months_and_seasons_and_adjectival_sets() -> None:
    assert values("Farmers burn the fields each July.") == [("each July", "SET", "XXXX-07")]
    assert values("The river floods every spring.") == [("every spring", "SET", "XXXX-SP")]
    assert values("Magna cut its quarterly dividend.") == []
    assert values("Shareholders voted at the annual meeting.") == []
    assert values("Profits rose 8% annually.") == [("annually", "SET", "P1Y")]


def test_month_day_near_the_dct_takes_the_nearest_year_despite_said() -> None:
    # a reporting verb is past but the date is weeks ahead: this year, not last year
    assert values("The dividend is payable March 15, the company said.")[0][2] == "2019-03-15"
    assert values("Elections are on Jan. 20, officials said.", "2018-12-28")[0][2] == "2019-01-20"
    # far ahead in a past clause: last year
    assert values("Protesters were killed on October 3, police said.")[0][2] == "2018-10-03"
    # in the future tense: never before the DCT
    assert values("Talks will resume on January 30.")[0][2] == "2020-01-30"


def test_abbreviated_decade_is_not_after_the_dct() -> None:
    assert values("Prices rose in the '80s.", "1989-10-26")[0][2] == "198"
    assert values("Prices rose in the '90s.", "2010-05-01")[0][2] == "199"
    assert values("Prices rose in the '00s.", "2010-05-01")[0][2] == "200"


def test_overnight_is_the_night_before_the_report() -> None:
    t = tag_times("Rebels shelled the town overnight.", DCT)[0]
    assert (t.type, t.value, t.date_start) == ("TIME", "2019-02-07TNI", "2019-02-07")
    assert values("Banks lent at the overnight rate.") == []


def test_years_in_words() -> None:
    assert values("Prices peaked in nineteen ninety-six.") == [("nineteen ninety-six", "DATE", "1996")]
    assert values("We will be ready by the year two thousand.", "1998-02-05")[0][1:] == ("DATE", "2000")
    assert values("Jan Kavan of the Czech Republic and Janos Martonyi of Hungary met.") == []
    assert values("Iraq imports about three-quarters of its food.") == []


def test_quarter_with_its_year_before_it() -> None:
    assert values("In the 1988 third quarter, it lost money.") == [
        ("the 1988 third quarter", "DATE", "1988-Q3")
    ]
    assert values("Net sales for this year's third quarter fell.", "1989-11-01") == [
        ("this year's third quarter", "DATE", "1989-Q3")
    ]


def test_long_term_as_an_adjective_is_no_time() -> None:
    assert values("Investors worry about the long-term value of the company.") == []
    # the preposition is a signal, outside the expression
    assert values("Iraq will lose in the long run.") == [("the long run", "DATE", "FUTURE_REF")]
    assert values("Rebels attacked over the weekend.")[0][0] == "the weekend"
    assert values("Profit rose in the nine months.") == [("the nine months", "DURATION", "P9M")]
