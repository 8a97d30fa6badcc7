"""Coding an event's date and toll from its cluster (``merge/code.py``): made-up sentences."""

from __future__ import annotations

from types import SimpleNamespace

from dateline.merge.code import code_dates, combine_deaths
from dateline.records import Article, Fatalities
from dateline.resolve.context import When


def _article(text: str, published: str | None = None) -> Article:
    spans = {"published": (0, 10)} if published else {}
    return Article("a1", text, published=published, meta_spans=spans)


def _resolved(when: When | None):
    return SimpleNamespace(when=when)


def test_undated_event_is_the_week_before_publication_never_a_day():
    article = _article("2024-05-09\n\nGunmen raided a farm near the ford, police said.", "2024-05-09")
    dates, cites = code_dates(article, [_resolved(None)])
    assert (dates.event_date, dates.event_date_end, dates.time_precision) == ("2024-05-08", "2024-05-09", 2)
    assert cites.spans("event_date") == [(0, 10)]


def test_a_year_does_not_date_an_event():
    article = _article("2024-05-09\n\nIn 2024 gunmen raided a farm near the ford.", "2024-05-09")
    year = When("2024-01-01", "2024-12-31", 3, (12, 19), "In 2024")
    dates, _ = code_dates(article, [_resolved(year)])
    assert (dates.event_date, dates.time_precision) == ("2024-05-08", 2)
    month = When("2024-04-01", "2024-04-30", 3, (12, 22), "last month")
    dates, _ = code_dates(article, [_resolved(year), _resolved(month)])
    assert (dates.event_date, dates.time_precision) == ("2024-04-01", 3)


def test_a_byline_timestamp_dates_a_record_without_publication_date():
    text = "Mob burns shops | Nov 3, 2004, 10.20 PM IST\nrioters set fire to the market, police said."
    dates, cites = code_dates(_article(text), [_resolved(None)])
    assert (dates.event_date, dates.time_precision) == ("2004-11-02", 2)
    assert cites.spans("event_date") == [(text.index("Nov"), text.index(", 10.20"))]
    assert code_dates(_article("rioters set fire to the market."), [_resolved(None)])[0].event_date is None


def test_the_reporting_sentence_gives_its_own_toll_not_a_running_total():
    own = Fatalities(10, None, None, (0, 5), "body")
    total = Fatalities(99, None, None, (50, 60), "person")
    assert combine_deaths([own, total], own)[0] == 10
    assert combine_deaths([own, total])[0] == 99  # no reporting sentence known: the highest
    # another named group of the same event still adds up ("12 soldiers", "20 assailants")
    soldiers, assailants = (
        Fatalities(12, None, None, (0, 5), "soldier"),
        Fatalities(20, None, None, (9, 20), "assailant"),
    )
    assert combine_deaths([soldiers, assailants], soldiers)[0] == 32
