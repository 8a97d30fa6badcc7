"""Direction, story time and TimeML values of the temporal tagger (issue 15, time): tense cues,
the story's reporting quarter, a weekday in a story about another week, forward prepositions,
"recent years", generic "today", holidays, halves, decades and years said in words. Sentences are
made up; each class has cases that must not change."""

from __future__ import annotations

import pytest

from dateline.resolve.dates import tag_times

DCT = "2019-02-08"  # a Friday


def values(text: str, dct: str | None = DCT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag_times(text, dct)]


def value_of(text: str, expr: str, dct: str = DCT) -> str:
    got = [v for t, _, v in values(text, dct) if t == expr]
    assert got, f"{expr!r} not tagged in {values(text, dct)}"
    return got[0]


@pytest.mark.parametrize(
    "text, expr, want, dct",
    [
        # "next to" is a place, not the future: the blast was last Friday morning (DCT Saturday)
        (
            "A bomb exploded next to the embassy Friday morning.",
            "Friday morning",
            "2019-02-08TMO",
            "2019-02-09",
        ),
        # the attribution after a comma is the reporter's past, not the clause's tense
        ("The group could leave as soon as Tuesday, the minister said.", "Tuesday", "2019-02-12", DCT),
        ("The group could leave as soon as Tuesday, according to reports.", "Tuesday", "2019-02-12", DCT),
        # an initial is no sentence end: "will" still governs the date
        ("Mr. Ames will succeed John P. Smith Feb. 20, the bank said.", "Feb. 20", "2019-02-20", DCT),
        # a present-tense schedule verb points forward
        ("The two leaders meet separately Monday in London.", "Monday", "2019-02-11", DCT),
        # a participle after a comma closes the future's clause
        (
            "They said they would appeal the ruling, announced Wednesday by the court.",
            "Wednesday",
            "2019-02-06",
            DCT,
        ),
    ],
)
def test_tense_cues_pick_the_weekday_direction(text: str, expr: str, want: str, dct: str) -> None:
    assert value_of(text, expr, dct) == want


def test_weekday_direction_that_must_not_change() -> None:
    assert value_of("Police arrested him on Tuesday.", "Tuesday") == "2019-02-05"
    assert value_of("Talks will resume on Tuesday.", "Tuesday") == "2019-02-12"
    # "will be held": the participle after a future auxiliary is no past
    assert value_of("The vote will be formally held on Tuesday.", "Tuesday") == "2019-02-12"
    # "the United States" is no past verb
    assert value_of("He would travel to the United States on Tuesday.", "Tuesday") == "2019-02-12"


def test_the_dcts_own_quarter_is_this_years_in_a_past_clause() -> None:
    assert value_of("Sales fell in the first quarter, the company said.", "the first quarter") == "2019-Q1"
    # a quarter not yet begun, in a past clause, is last year's
    assert value_of("Sales fell in the third quarter, the company said.", "the third quarter") == "2018-Q3"


def test_the_reporting_quarter_anchors_a_year_ago_and_the_quarter() -> None:
    text = (
        "Acme reported fourth-quarter net of $5 million, up from $4 million a year earlier. "
        "Revenue in the quarter rose 3%. In the year-ago quarter, Acme had a charge."
    )
    assert values(text, "2019-02-08") == [
        ("fourth-quarter", "DATE", "2018-Q4"),
        ("a year earlier", "DATE", "2017-Q4"),
        ("the quarter", "DATE", "2018-Q4"),
        ("the year-ago quarter", "DATE", "2017-Q4"),
    ]
    # "the year-ago third quarter" names its own quarter
    assert value_of("Net fell from the year-ago third quarter.", "the year-ago third quarter") == "2018-Q3"


def test_without_a_quarter_in_focus_nothing_changes() -> None:
    assert values("Prices rose 3% from a year ago.") == [("a year ago", "DATE", "2018")]
    # "the quarter" with no reporting quarter named is no time expression (a district, a fraction)
    assert values("Tourists crowded the quarter near the river.") == []
    assert values("Year-earlier results were restated.") == [("Year-earlier", "DATE", "2018")]
    # a quarter named far before, or a year named after it, ends the focus
    far = (
        "Sales rose in the third quarter. "
        + "Nothing else happened then. " * 20
        + "Prices rose from a year ago."
    )
    assert value_of(far, "a year ago") == "2018"
    ended = "Sales rose in the third quarter. In 2017 the firm grew; prices rose from a year ago."
    assert value_of(ended, "a year ago") == "2018"


def test_last_month_and_day_is_before_the_dct() -> None:
    assert values("He was shot last Oct. 23 at his home.", "1999-04-19") == [
        ("Oct. 23", "DATE", "1998-10-23")
    ]
    assert values("He was shot last Oct. 23 at his home.", "1999-11-19") == [
        ("Oct. 23", "DATE", "1999-10-23")
    ]
    assert value_of("They meet again next March 3.", "March 3", "2019-04-01") == "2020-03-03"
    assert values("It happened last October.") == [("last October", "DATE", "2018-10")]


def test_forward_prepositions_look_ahead_for_a_month() -> None:
    assert (
        value_of("The firm had hoped to repay the loan by February.", "February", "2018-10-30") == "2019-02"
    )
    assert value_of("The new pact takes force effective June 1.", "June 1", "2018-10-26") == "2019-06-01"
    # without one, a past clause far ahead still goes back
    assert value_of("Prices had fallen in February.", "February", "2018-10-30") == "2018-02"


def test_a_weekday_in_a_story_about_another_week() -> None:
    text = "On March 3, 2017, police raided the camp and on Tuesday they charged the leader."
    assert value_of(text, "Tuesday") == "2017-03-07"
    # a reporting verb's weekday is when the source spoke, near the DCT
    said = "The raid of March 3, 2017 was unlawful, the court said Tuesday."
    assert value_of(said, "Tuesday") == "2019-02-05"
    # a date near the DCT changes nothing, nor does a follow-up's earlier incident (issue 16)
    assert value_of("On Feb. 4 the army attacked, and on Tuesday it left.", "Tuesday") == "2019-02-05"
    follow_up = "The toll from the Jan. 15 blast rose to 12 on Tuesday, police said."
    assert value_of(follow_up, "Tuesday") == "2019-02-05"


def test_recent_and_coming_stretches_and_now() -> None:
    assert values("Crime has fallen in recent years.") == [("recent years", "DURATION", "PXY")]
    assert values("Sales slowed in recent weeks.") == [("recent weeks", "DURATION", "PXW")]
    assert values("The economy will slow in the coming months.") == [
        ("the coming months", "DATE", "FUTURE_REF")
    ]
    assert values("Aqaba is the only outlet now that the border is shut.") == [("now", "DATE", "PRESENT_REF")]
    assert values("Right now the evidence is thin.") == [("Right now", "DATE", "PRESENT_REF")]
    assert values("He recently moved.") == [("recently", "DATE", "PAST_REF")]
    assert values("She currently leads the party.") == [("currently", "DATE", "PRESENT_REF")]


def test_generic_today_is_the_present_not_the_dct() -> None:
    assert values("It matters in today's world.") == [("today", "DATE", "PRESENT_REF")]
    assert values("We want the leaders of tomorrow.") == [("tomorrow", "DATE", "FUTURE_REF")]
    # the day's own news stays the day
    assert values("In today's vote the bill passed.") == [("today", "DATE", "2019-02-08")]
    assert values("The minister spoke today.") == [("today", "DATE", "2019-02-08")]


def test_adjectival_frequency_words_are_sets() -> None:
    assert values("He gave his weekly radio address.") == [("weekly", "SET", "P1W")]
    assert values("Crowds held a daily rally.") == [("daily", "SET", "P1D")]
    assert values("Average hourly earnings rose.") == [("hourly", "SET", "PT1H")]
    # "annual" and "quarterly" before a noun stay attributes
    assert values("The annual meeting was calm.") == []


def test_holidays_and_halves() -> None:
    assert values("He was found on Thanksgiving Day.", "2000-01-07") == [
        ("Thanksgiving Day", "DATE", "1999-11-25")
    ]
    assert values("He was found last Thanksgiving.", "2000-02-10") == [
        ("last Thanksgiving", "DATE", "1999-11-25")
    ]
    assert values("They meet next Christmas.") == [("next Christmas", "DATE", "2019-12-25")]
    assert values("They lived in camps for 2 1/2 years.") == [("2 1/2 years", "DURATION", "P2Y6M")]
    assert values("She spent about 5 1/2 hours there.") == [("about 5 1/2 hours", "DURATION", "PT5H30M")]
    assert values("It lasted one and a half years.") == [("one and a half years", "DURATION", "P1Y6M")]


def test_decades_centuries_and_years_in_words() -> None:
    assert values("The goal is a 50% share by the mid-1990s.", "1989-10-26") == [
        ("the mid-1990s", "DATE", "199")
    ]
    assert values("Numbers fell through the nineties.", "1998-03-03") == [("the nineties", "DATE", "199")]
    assert values("It is an 11th century temple.") == [("11th century", "DATE", "10")]
    assert values("Atlanta, nineteen ninety-six. A bomb went off.") == [
        ("nineteen ninety-six", "DATE", "1996")
    ]
    assert values("January nineteen ninety-seven. Atlanta again.") == [
        ("January nineteen ninety-seven", "DATE", "1997-01")
    ]
    got = tag_times("We saw it in the winter of nineteen ninety-five.", DCT)
    assert [(t.value, t.date_start, t.date_end) for t in got] == [("1995-WI", "1995-12-01", "1996-02-29")]
    # a count in words is still no year
    assert values("nineteen twenty-year-olds were hired.") == []


def test_quarter_without_year_takes_no_space() -> None:
    assert [t for t, _, _ in values("Sales rose in Q1 and Q2 2018.")] == ["Q1", "Q2 2018"]


@pytest.mark.parametrize("text", ["Two 22-year-olds were held.", "The camp took in 40 six-year-olds."])
def test_plural_ages_are_not_time_expressions(text: str) -> None:
    assert values(text) == []


def test_a_duration_in_years_still_is_one() -> None:
    assert values("The war lasted six years.") == [("six years", "DURATION", "P6Y")]


def test_bare_plural_units_are_stretches_of_time() -> None:
    assert values("Days after the attack, the town was calm.") == [("Days", "DURATION", "PXD")]
    assert values("It took weeks to clear the road.") == [("weeks", "DURATION", "PXW")]
    assert values("Weeks of protests followed.") == [("Weeks", "DURATION", "PXW")]
    # a part of a time, or a plain count of units, is not one
    assert [t for t, _, _ in values("He was held in the early hours of Thursday.")] == ["Thursday"]
    assert values("Working days are counted by the office.") == []


@pytest.mark.parametrize(
    "text, dct, want",
    [
        ("Talks stalled this past spring.", "2018-10-30", "2018-SP"),  # the latest spring over
        ("Talks stalled last summer.", "2018-10-30", "2018-SU"),
        ("Talks stalled last summer.", "2018-07-10", "2017-SU"),  # the DCT's own summer is not over
        ("It snowed last winter.", "2019-01-15", "2017-WI"),  # this winter began in December 2018
        ("They meet next summer.", "2018-03-10", "2018-SU"),
        ("They meet next summer.", "2018-07-10", "2019-SU"),
    ],
)
def test_last_and_next_season_are_the_nearest_over_or_not_begun(text: str, dct: str, want: str) -> None:
    assert [v for _, _, v in values(text, dct)] == [want]


def test_the_corresponding_period_last_year_is_the_quarter_in_focus_a_year_before() -> None:
    text = "Sales rose in the third quarter from the corresponding period last year."
    assert values(text, "2019-11-01")[-1] == ("the corresponding period last year", "DATE", "2018-Q3")


def test_the_year_of_a_report_and_the_year_ended() -> None:
    assert values("Sales for the full year rose.") == [("the full year", "DATE", "2019")]
    assert values("Volume was flat for the year, Acme said.") == [("the year", "DATE", "2019")]
    assert values("Net for the year ended Sept. 30 fell.")[0] == ("the year", "DURATION", "P1Y")
    # an award, a stretch from an event, a year before something: not the DCT's year
    assert values("He was named player of the year.") == []
    assert values("In the year since the attack, nothing changed.") == []
    assert values("Prices peaked in the year before the war.") == []


def test_a_year_before_its_noun_after_a_determiner() -> None:
    assert values("Leaders of the 1992 protests have moved.") == [("1992", "DATE", "1992")]
    assert values("They hope to host the 2032 Olympics.") == [("2032", "DATE", "2032")]
    # a count stays a count
    assert values("The 1500 soldiers left.") == []
    assert values("Police counted 1992 protesters.") == []


def test_capitalised_units_and_seasons_inside_a_sentence_are_names() -> None:
    assert values("He said on CBS's 60 Minutes that it was over.") == []
    assert values("Baker said on ABC's This Week that war loomed.") == []
    assert values("Protests of the Arab Spring spread.") == []
    # a sentence's first word, a headline in capitals and a season with its year stay times
    assert values("This week the talks resumed.") == [("This week", "DATE", "2019-W06")]
    assert values("THREE DAYS OF RAGE") == [("THREE DAYS", "DURATION", "P3D")]
    assert values("Rents rose in Spring 2018.") == [("Spring 2018", "DATE", "2018-SP")]
    assert values("The people who suffer in the short run are poor.") == [
        ("the short run", "DATE", "FUTURE_REF")
    ]


def test_more_units_are_durations_and_midday_is_noon() -> None:
    assert values("He will stay two more weeks.") == [("two more weeks", "DURATION", "P2W")]
    assert values("The plant needs at least 20 more years.") == [
        ("at least 20 more years", "DURATION", "P20Y")
    ]
    assert values("He was given an additional year.") == [("an additional year", "DURATION", "P1Y")]
    assert values("Two more soldiers died.") == []
    assert values("He appears in court at midday.") == [("midday", "TIME", "2019-02-08T12:00")]
    assert values("The curfew starts at midnight.") == [("midnight", "TIME", "2019-02-08T24:00")]


def test_that_day_and_that_year_are_the_ones_named_last() -> None:
    text = "He was killed on Oct. 23, 2017. Earlier that day, police were warned."
    assert values(text)[-1] == ("Earlier that day", "DATE", "2017-10-23")
    assert values("He fled in June 2016 and returned later that year.")[-1] == (
        "later that year",
        "DATE",
        "2016",
    )
    assert values("They met in March 2016 and that month signed a pact.")[-1] == (
        "that month",
        "DATE",
        "2016-03",
    )
    # nothing named before it, or "that" as a conjunction: no time expression
    assert values("That year was hard.") == []
    assert values("He said that day laborers were paid.") == []


def test_years_in_two_digits() -> None:
    assert values("Turnout fell in the '98 election.") == [("'98", "DATE", "1998")]
    assert values("Profit rose in FY98.") == [("FY98", "DATE", "1998")]
    assert values("Sales in fiscal '99 rose.") == [("'99", "DATE", "1999")]
    # a height is no year
    assert values("He is 5'10 tall.") == []


@pytest.mark.parametrize(
    "text, want",
    [
        # a follow-up report (issue 16): the incident the weekday dates is past, whatever the
        # clause around it says about what comes next
        ("Officials said the toll could rise after the blast on Tuesday.", "2019-02-05"),
        ("The toll from Tuesday's bombing is expected to rise.", "2019-02-05"),
        ("Police will question suspects arrested on Tuesday.", "2019-02-05"),
        ("Funerals will be held for the victims of Tuesday's attack.", "2019-02-05"),
        # what must not change: the future stays ahead
        ("The treaty will be formally signed on Tuesday.", "2019-02-12"),
        ("Rebels will attack on Tuesday.", "2019-02-12"),
        ("A general strike is planned for Tuesday.", "2019-02-12"),
        ("Talks will resume on Tuesday.", "2019-02-12"),
    ],
)
def test_a_weekday_on_an_incident_or_participle_is_past(text: str, want: str) -> None:
    assert value_of(text, "Tuesday", "2019-02-07") == want


@pytest.mark.parametrize(
    "text, want",
    [
        # "to be" naming who someone is, or what a report says, is no future
        ("Gunmen believed to be herders kidnapped 30 villagers on Tuesday, police said.", "2019-02-05"),
        ("Men said to be soldiers opened fire on protesters on Tuesday, witnesses said.", "2019-02-05"),
        # what must not change: a plan or hope "to be" done stays ahead
        ("The bridge is expected to be reopened on Tuesday.", "2019-02-12"),
        ("The new law is to be signed on Tuesday.", "2019-02-12"),
    ],
)
def test_to_be_of_an_identity_is_not_future(text: str, want: str) -> None:
    assert value_of(text, "Tuesday", "2019-02-07") == want
