"""Wire-stream constructions (issue 13): strikes and crowds found as protests or riots, and
background, commemorations, campaign rallies and scheduled events left out.

Every sentence here was written for this test (none comes from a dataset or the gold).
"""

from __future__ import annotations

import pytest
from support import assert_dropped, explain_extraction, extract_with_drops

from dateline.pipeline import process
from dateline.read.text import read_text

PUBLISHED = "2019-03-14"


def _extract(resources, text: str, published: str | None = PUBLISHED):
    return extract_with_drops(resources, text, published)


CROWDS = [
    # labour strikes are gatherings of workers: ACLED codes them as protests
    ("About 3,000 workers went on strike on Tuesday morning at the tyre factory, the union said.", "went on strike", "Protests"),
    ("Bus drivers in Blantyre downed tools on Monday over unpaid wages.", "downed tools", "Protests"),
    ("Nurses at the provincial hospital struck on Thursday over overtime pay.", "struck", "Protests"),
    ("Police struggled to control hundreds of striking nurses outside a clinic in Gweru on Monday.", "striking", "Protests"),
    ("Police held back thousands of striking nurses' union members at the ministry in Gweru on Friday.", "striking", "Protests"),
    # a crowd running riot, or taking to the streets
    ("Angry farmworkers from a fruit estate went on the rampage on Friday morning, police said.", "went on the rampage", "Riots"),
    ("Hundreds of residents took to the streets of the township on Sunday demanding water.", "took to the streets", "Protests"),
    # a past progressive, its "were" on the first of two verbs
    ("Witnesses said youths were smashing windows and throwing stones at cars on Monday.", "throwing stones", "Riots"),
    # "observed a shutdown" is the protest itself, not a commemoration
    ("Traders in Nabha observed a complete bandh on Monday to protest against power cuts.", "bandh", "Protests"),
    # police breaking up a gathering
    ("Police dispersed a group of pupils who gathered outside the district office on Tuesday.", "dispersed", "Protests"),
]  # fmt: skip


@pytest.mark.parametrize("text,trigger,event_type", CROWDS)
def test_strikes_and_crowds_are_found(resources, text, trigger, event_type):
    article, mentions, drops = _extract(resources, text)
    found = {article.text[slice(*m.trigger)]: m.event_type for m in mentions}
    assert trigger in found, explain_extraction(article, mentions, drops)
    assert found[trigger] == event_type, explain_extraction(article, mentions, drops)


@pytest.mark.parametrize(
    "text",
    [
        "Lightning struck the house on Monday.",
        "The sketch bore a striking resemblance to the old painting.",
        "The striking feature of the report was its length.",
        "The crowd dispersed on its own after the speeches.",
        # a definite "the striking nurses" refers back to a strike, it does not report one
        "The ministry invoked an emergency law against the striking nurses.",
    ],
)
def test_other_strikes_and_dispersals_are_not_protests(resources, text):
    article, mentions, drops = _extract(resources, text)
    assert not [m for m in mentions if m.event_type == "Protests"], explain_extraction(
        article, mentions, drops
    )


NON_EVENTS = [
    # told as years ago
    ("Three years ago, members of the ruling party marched on a farm near the town.", "background"),
    # a sentence that opens with an old year, a date written "Month D, YYYY"
    ("In 1994, after thousands of people were killed, a peace agreement divided the province.", "background"),
    ("On June 12, 2017, soldiers shot dead 12 people at the quarry.", "background"),
    # last year's unrest recalled in today's story
    ("Forty people were killed during unrest at the quarry near the town last year.", "background"),
    # a year on the later verb of a coordination dates the first
    ("The uprising began in the township and then spread countrywide in 1976.", "background"),
    # the event a commemoration recalls
    ("The leaders marked the 25th anniversary of the massacre at the stadium on Sunday.", "background"),
    (
        "Crowds gathered on Thursday to mark 30 years since the student uprising against the curfew.",
        "background",
    ),
    # a candidate's campaign rally is not a demonstration
    ("The presidential candidate addressed a campaign rally in the park on Wednesday night.", "other_sense"),
    (
        "In Greenville, where Senator Jane Holt held a rally in March, residents complain about jobs.",
        "other_sense",
    ),
    # the present progressive is not (yet) a past event
    ("Youths are throwing stones at cars near the depot, a resident says.", "not_reportable"),
    # scheduled, not happened
    ("The party briefed the media on the rally scheduled to take place at the stadium.", "not_reportable"),
]


@pytest.mark.parametrize("text,reason", NON_EVENTS)
def test_background_and_electioneering_are_dropped(resources, text, reason):
    assert_dropped(resources, text, reason, PUBLISHED)


def test_a_month_day_year_within_the_year_is_news(resources):
    text = "On June 12, 2018, soldiers shot dead 12 people at the quarry, officials said."
    article, mentions, drops = _extract(resources, text, published="2018-06-14")
    assert mentions, explain_extraction(article, mentions, drops)
    # a year and a week later the day (not the month's end) is over a year before publication
    article, mentions, drops = _extract(resources, text, published="2019-06-20")
    assert not mentions and "background" in {d.reason for d in drops}, explain_extraction(
        article, mentions, drops
    )


def test_a_rally_met_with_force_is_still_a_protest(resources):
    text = "Police fired tear gas at a rally of the opposition candidate's supporters in Harare on Saturday."
    article, mentions, drops = _extract(resources, text)
    assert any(m.event_type == "Protests" for m in mentions), explain_extraction(article, mentions, drops)


def test_a_flattened_strike_story_gives_one_protest(resources):
    # one paragraph, no breaks, as wire archives store stories
    text = (
        "Workers strike at Kwekwe smelter KWEKWE, March 13 - About 1,200 workers at the Kwekwe "
        "smelter went on strike on Wednesday morning, demanding a 12 percent wage increase, their "
        "union said. The strike halted production at the plant. Management said the strike was "
        "unprotected and urged workers to return. Two years ago, workers at the smelter marched to "
        "the labour ministry."
    )
    result = process(read_text(text, published=PUBLISHED), resources)
    protests = [e for e in result.events if e.event_type == "Protests"]
    assert len(protests) == 1, [(e.event_type, e.sub_event_type) for e in result.events]
