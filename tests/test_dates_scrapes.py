"""Dates in real scrapes: a short lower-cased report inside the reader's capitalised preamble and
footer, a title and byline run into the first line, and clock times whose sentence names no day.
Made-up texts of the same shapes."""

from __future__ import annotations

from dateline.resolve.dates.report import event_times
from dateline.resolve.dates.tagger import lower_cased

BODY = (
    "rampur: two men were arrested on saturday from the bus stand area of rampur town and were "
    "produced before the magistrate on sunday, police said. the duo were held by a team of the "
    "local police and the railway police after a tip-off. both are accused of setting fire to a "
    "shop during the clashes last month."
)


def _days(text: str, published: str) -> dict[str, str]:
    return {t.text.lower(): t.value for t in event_times(text, published)[0]}


def test_a_short_scrape_is_lower_cased_despite_its_preamble_and_share_buttons():
    text = (
        "Published: 2003-04-14\n\nURL: http://example.com/city/Two-Held/1234.cms\n\n"
        + BODY
        + "\n\nFacebook Twitter Linkedin Mail\n"
    )
    assert lower_cased(text)
    days = _days(text, "2003-04-14")  # a Monday
    assert days["saturday"] == "2003-04-12"
    assert days["sunday"] == "2003-04-13"


def test_a_title_and_byline_before_the_timestamp_are_not_the_prose():
    byline = "Two Held For Arson At Rampur Market SPECIAL CORRESPONDENT | Apr 14, 2003, 10.05 PM IST "
    text = "URL: http://example.com/x\n\n" + byline + BODY
    assert lower_cased(text)


def test_edited_text_is_not_lower_cased():
    text = "Published: 2003-04-14\n\n" + ". ".join(s.capitalize() for s in BODY.split(". "))
    assert not lower_cased(text.replace("rampur", "Rampur"))


def test_a_clock_time_takes_the_day_named_before_it_in_the_paragraph():
    text = (
        "The annual fair in the old town passed off peacefully on Saturday. Police said stones were "
        "thrown at a cart near the market around 4 pm, causing brief tension."
    )
    days = _days(text, "2003-04-14")
    assert days["4 pm"].startswith("2003-04-12T16")


def test_a_clock_time_alone_in_its_paragraph_keeps_the_publication_day():
    text = "Gunmen attacked a convoy on Saturday near the border.\n\nA second convoy was hit at 6 pm."
    days = _days(text, "2003-04-14")
    assert days["6 pm"].startswith("2003-04-14T18")
