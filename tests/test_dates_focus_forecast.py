"""The reporting quarter stays in focus beside a forecast (issue 15, time): a quarter not over by
the DCT that the clause does not report as past ("no estimate of the fire's impact on
fourth-quarter results") and a year still ahead ("growth will slow in 2023") do not replace or
end it, so "the latest quarter" and "a year ago" still refer to the quarter reported. Texts are
made up."""

from __future__ import annotations

from dateline.resolve.dates import tag_times

DCT = "2022-10-20"  # in the fourth quarter, the third just reported


def values(text: str) -> dict[str, str]:
    return {t.text: t.value for t in tag_times(text, DCT)}


def test_a_quarter_still_running_is_no_reporting_quarter() -> None:
    text = (
        "Third-quarter profit at the mill rose to $5 million. The company has no estimate of the "
        "impact of the fire on fourth-quarter results. In the latest quarter, sales were $9 million."
    )
    got = values(text)
    assert got["fourth-quarter"] == "2022-Q4"
    assert got["the latest quarter"] == "2022-Q3"


def test_a_year_ahead_does_not_end_the_focus() -> None:
    text = (
        "Net income at the brewer rose 5% in the third quarter. The brewer said growth will slow in "
        "2023. Sales were $40 million, up from $38 million a year ago."
    )
    got = values(text)
    assert got["2023"] == "2023"
    assert got["a year ago"] == "2021-Q3"


def test_a_fiscal_quarter_reported_as_past_is_in_focus() -> None:
    # a quarter the DCT is in, told as reported (a fiscal quarter that has ended), is in focus
    text = "The retailer reported fourth-quarter net of $3 million, down from $4 million a year earlier."
    assert values(text)["a year earlier"] == "2021-Q4"


def test_the_quarter_a_year_ago_is_one_expression() -> None:
    text = "Third-quarter profit at the mill rose 5%. For the quarter a year ago, the mill earned $4 million."
    got = [(t.text, t.value) for t in tag_times(text, DCT)]
    assert got == [("Third-quarter", "2022-Q3"), ("the quarter a year ago", "2021-Q3")]
