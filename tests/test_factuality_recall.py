"""Events found and non-events left out (issue 13, items 1 and 5), at the extract stage.

Every sentence here was written for this test (none comes from a dataset). A sentence that
reports an event must give a mention and no drop for its main trigger; a sentence that does
not must give no mention, and its trigger a Drop with the reason an analyst would give.
"""

from __future__ import annotations

import pytest
from support import assert_dropped, explain_extraction, extract_with_drops

PUBLISHED = "2024-05-20"


def _extract(resources, text: str, published: str | None = PUBLISHED):
    return extract_with_drops(resources, text, published)


EVENTS = [
    # who says so: any speaker, not only the police
    ("Gunmen killed six people in Kano on Saturday, the prosecutor said.", "killed", "reported"),
    ("Gunmen killed nine farmers in Benue on Friday, the state governor said.", "killed", "reported"),
    ("Armed men shot dead four traders near Bama on Tuesday, the mayor told reporters.", "shot", "reported"),
    ("Militiamen torched 40 homes in Djugu on Sunday, residents said.", "torched", "reported"),
    ("Fighters abducted 12 women from a camp near Kidal, a local official said.", "abducted", "reported"),
    (
        "An air strike killed 11 civilians at a market in Idlib on Wednesday, activists said.",
        "air strike",
        None,
    ),
    (
        "The shelling of a hospital in Kherson killed two nurses on Monday, the health ministry said.",
        "shelling",
        None,
    ),
    ("Police opened fire on protesters in Lagos on Friday, witnesses said.", "opened", "reported"),
    ("A court official said soldiers had beaten and detained 30 students in Mandalay.", "detained", None),
    ("Prosecutors said gang members executed five bus drivers in Port-au-Prince.", "executed", "reported"),
    # a judge or a court as the target does not make it court news
    ("Gunmen shot dead a judge outside his home in Peshawar on Monday, police said.", "shot", "reported"),
    ("Militants attacked a court complex in Quetta on Tuesday, killing four people.", "attacked", None),
    # certainty about the actor is not doubt about the event
    ("Gunmen believed to be herders kidnapped 30 villagers in Zamfara on Sunday.", "kidnapped", "confirmed"),
    # reported speech in the past perfect
    ("The army said it had retaken most of the villages around Kidal.", "retaken", "reported"),
    ("Rebels said they had seized parts of the town of Bunagana on Friday.", "seized", "reported"),
    # passive and nominal forms
    ("Six people were killed in an attack on a market in Gao on Monday.", "killed", None),
    ("The attack, which killed six, took place in Bunia on Friday.", "attack", None),
    ("Clashes between the army and rebels left 12 dead in Goma on Tuesday.", "Clashes", "confirmed"),
    ("Three soldiers died when their convoy hit a landmine outside Kismayo on Thursday.", "landmine", None),
    (
        "Two children were among six people killed by Russian shelling in Kherson, the governor said.",
        "shelling",
        None,
    ),
    (
        "According to the local council, militiamen burned down 30 houses in the village of Mbau.",
        "burned down",
        None,
    ),
    (
        "The district commissioner said police had arrested 15 people after clashes between two clans.",
        "arrested",
        None,
    ),
    # lower-cased scrapes
    ("gunmen killed six people in kano on saturday, police said.", "killed", "reported"),
    (
        "bandits abducted 20 passengers on the kaduna highway on sunday, the police spokesman said.",
        "abducted",
        None,
    ),
    ("two people were killed in clashes between rival groups in imphal on monday.", "killed", None),
]


@pytest.mark.parametrize("text,trigger,certainty", EVENTS)
def test_events_are_found(resources, text, trigger, certainty):
    article, mentions, drops = _extract(resources, text)
    assert mentions, explain_extraction(article, mentions, drops)
    found = {article.text[slice(*m.trigger)] for m in mentions}
    dropped = {article.text[slice(*d.trigger)] for d in drops}
    assert trigger in found or trigger not in dropped, explain_extraction(article, mentions, drops)
    if certainty:
        assert mentions[0].certainty == certainty, explain_extraction(article, mentions, drops)


NON_EVENTS = [
    # biography and background: an explicit year at least a year before publication
    ("He joined the army in 2009 and fought in Syria and Iraq.", "background"),
    ("In 2015, militants attacked the base and killed 20 soldiers.", "background"),
    ("The town was captured by rebels in 2012 and retaken by French troops a year later.", "background"),
    ("Thousands were displaced by the fighting that erupted in March 2021 in the north.", "background"),
    ("Many have lived in camps since the clashes began in the valley.", "background"),
    ("The rebels have attacked the town repeatedly over the past decade.", "background"),
    # running totals
    ("The insurgency has killed 100,000 people over 15 years.", "aggregate"),
    ("Since January, 300 people have been killed in the region.", "aggregate"),
    ("The conflict that erupted last year has killed tens of thousands.", "aggregate"),
    ("The war has killed at least 4,000 civilians, the United Nations said.", "aggregate"),
    ("Bandits have abducted more than 1,500 people in the state so far this year.", "aggregate"),
    ("The group has carried out dozens of attacks in the region since 2019.", "aggregate"),
    (
        "Hundreds of villagers are believed to have been abducted by the group in the past few years.",
        "aggregate",
    ),
    # forecasts
    ("The group is expected to attack the town next week.", "not_reportable"),
    ("Officials warned that the militants could attack the capital.", "not_reportable"),
    ("The rebels vowed to capture the city of Goma.", "not_reportable"),
    (
        "The recruiter encouraged him to kill police officers in the capital, officials said.",
        "not_reportable",
    ),
    # hedged only
    ("Militants may have killed five soldiers near Gao on Friday.", "hedged"),
    ("Residents feared an attack on the village after dark.", "hedged"),
    # a caption speaking in the present of a dated moment
    ("Soldiers patrol a street in Mogadishu on Monday.", "caption"),
    ("Police officers patrol a camp outside Kano on March 3.", "caption"),
    # lower-cased scrapes
    ("the war has killed at least 4,000 civilians, the united nations said.", "aggregate"),
    ("he joined the army in 2009 and fought in syria.", "background"),
    ("soldiers patrol a street in mogadishu on monday.", "caption"),
]


@pytest.mark.parametrize("text,reason", NON_EVENTS)
def test_non_events_are_dropped_with_their_reason(resources, text, reason):
    assert_dropped(resources, text, reason, PUBLISHED)


def test_a_recent_year_is_not_background(resources):
    text = "Gunmen killed seven villagers in Plateau state in 2024, officials said."
    article, mentions, drops = _extract(resources, text, published="2024-05-20")
    assert mentions, explain_extraction(article, mentions, drops)
    # the same sentence read two years later is background
    article, mentions, drops = _extract(resources, text, published="2026-05-20")
    assert not mentions and {d.reason for d in drops} == {"background"}, explain_extraction(
        article, mentions, drops
    )


def test_without_a_publication_date_a_year_decides_nothing(resources):
    article, mentions, drops = _extract(
        resources, "Rebels attacked the town of Beni in 2014.", published=None
    )
    assert mentions, explain_extraction(article, mentions, drops)


def test_a_week_of_fighting_is_one_event_not_a_total(resources):
    text = "Fighting over the past week killed 14 people in Sake, the army said."
    article, mentions, drops = _extract(resources, text)
    assert mentions, explain_extraction(article, mentions, drops)


def test_captions_are_dropped_as_captions(resources):
    text = (
        "Rebels attacked a base in Gao on Monday, the army said.\n\n"
        "Troops patrol the town of Gao on Monday [JOHN DOE/AFP/Getty Images]\n\n"
        "The army said the base was secure."
    )
    article, mentions, drops = _extract(resources, text)
    assert [article.text[slice(*m.trigger)] for m in mentions] == ["attacked"]
    assert [(article.text[slice(*d.trigger)], d.reason) for d in drops] == [("patrol", "caption")]


def test_a_court_story_is_still_not_an_event(resources):
    article, mentions, drops = _extract(resources, "A man was sentenced on Monday for shooting two guards.")
    assert not mentions and {d.reason for d in drops} == {"other_sense"}, explain_extraction(
        article, mentions, drops
    )


@pytest.mark.parametrize(
    "text",
    [
        "The death toll from Sunday's attack on the market in Gao has risen to 30 so far, officials said.",
        "It was the deadliest attack on the town since 2014, residents said.",
    ],
)
def test_a_toll_or_a_comparison_is_not_a_running_total(resources, text):
    article, mentions, drops = _extract(resources, text)
    assert mentions and not drops, explain_extraction(article, mentions, drops)


def test_a_habit_is_not_a_caption(resources):
    article, mentions, drops = _extract(resources, "Militants attack the town every Monday.")
    assert not mentions and {d.reason for d in drops} == {"not_reportable"}, explain_extraction(
        article, mentions, drops
    )
