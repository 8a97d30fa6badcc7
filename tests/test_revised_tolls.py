"""A follow-up report's revised toll of one incident ("the death toll has risen to nine") is the
event's toll, also when told in a sentence of its own (extract/mentions.attach_revised), and
across reports the revised toll is the best estimate while the earlier one stays a claim; a war's,
a series' or a period's running total, a forecast and another incident's toll are not (issue 16).
Texts are made up."""

from __future__ import annotations

import pytest
from support import explain_extraction, extract_with_drops, sentence

from dateline import pipeline
from dateline.extract.fatalities import PERIOD, find_fatalities, ordinal_toll, revised_toll
from dateline.ingest import open_store
from dateline.read.text import read_text

KEPT = [
    ("The death toll from Tuesday's car bomb blast in Harlow has risen to nine, police said.", 9),
    ("The toll from the ambush on the convoy near Tessit rose to 14 on Thursday.", 14),
    ("Two more victims of the market bombing in Ruvo died, bringing the number of dead to 21.", 21),
    ("Three wounded guards died overnight, raising the death toll from Monday's blast to 11.", 11),
    ("Four more bodies were pulled from the rubble of the chapel, taking the total to 17.", 17),
    ("Two men died of their wounds, bringing to 12 the number killed in the clash near Oyem.", 12),
    ("The number of people killed in the raid on the camp now stands at 23.", 23),
    ("The death toll has climbed to thirty-one, a hospital official said.", 31),
    ("The death toll from Sunday's attack has risen to 30 so far, officials said.", 30),
]

REFUSED = [
    "The death toll from the insurgency has risen to 5,000 since 2009.",
    "Fighting has pushed the toll from the attacks on the valley's villages to 300.",
    "The death toll in the province has climbed to 1,200 this year.",
    "The number of people killed in the protests has risen to 80.",
    "Tens of thousands have died since the war began, bringing the total to 300,000.",
    "The number of displaced families has risen to 4,000.",
    "Drivers said the toll on the bridge rose to 14 dollars.",
]


@pytest.mark.parametrize("text,best", KEPT)
def test_a_revised_toll_of_one_incident_is_read(nlp, text, best):
    found = revised_toll(sentence(nlp, text))
    assert found is not None and found.best == best
    # the evidence quotes the new figure
    start, end = found.span
    words = {"9": "nine", "31": "thirty-one"}
    assert words.get(str(best), str(best)) in text[start:end]


@pytest.mark.parametrize("text", REFUSED)
def test_a_running_total_of_a_war_series_or_period_is_not(nlp, text):
    assert revised_toll(sentence(nlp, text)) is None


def test_the_revised_figure_counts_the_dead_the_sentence_adds(nlp):
    # "two more ... died" are among the 21: the sentence's deaths are the revised toll, not 2 + 21
    text = "Two more victims of the market bombing in Ruvo died, bringing the number of dead to 21."
    assert find_fatalities(sentence(nlp, text)).best == 21
    plain = "Two more victims of the market bombing in Ruvo died in hospital on Friday."
    assert find_fatalities(sentence(nlp, plain)).best == 2


def test_a_follow_up_report_codes_the_revised_toll(resources):
    text = (
        "Three wounded guards died overnight, raising the death toll from Monday's bomb blast "
        "at the bus station in Harlow to 11, police said on Wednesday."
    )
    article, mentions, drops = extract_with_drops(resources, text, "2024-05-01")
    tolls = [m.fatalities.best for m in mentions if m.fatalities is not None]
    assert tolls == [11], explain_extraction(article, mentions, drops)


@pytest.mark.parametrize(
    "text,best",
    [
        ("The ambush near Gura has claimed a fourth life after a wounded driver died on Monday.", 4),
        ("A third soldier wounded in Friday's ambush near Gura died on Sunday, the army said.", 3),
        ("A second person has died of injuries sustained in Tuesday's riot in Oyem.", 2),
    ],
)
def test_the_nth_dead_means_n_dead(nlp, text, best):
    assert ordinal_toll(sentence(nlp, text)).best == best


@pytest.mark.parametrize(
    "text",
    [
        "A second attack on the village killed two farmers on Sunday.",
        "A third soldier was wounded in the ambush near Gura.",
        "For the second time this month, gunmen killed a teacher in Oyem.",
    ],
)
def test_an_ordinal_of_anything_but_the_dead_is_no_toll(nlp, text):
    assert ordinal_toll(sentence(nlp, text)) is None


ORIGINAL = (
    "Boko Haram fighters attacked the village of Gura in Borno state on Saturday night, killing "
    "five villagers, police said."
)
FOLLOW_UP = (
    "Boko Haram fighters attacked the village of Gura in Borno state on Saturday night, police said.\n\n"
    "The death toll rose to nine on Monday after four wounded villagers died in hospital, a health "
    "official said."
)


@pytest.mark.parametrize(
    "text,best",
    [
        ("The death toll rose to nine on Friday, a hospital official said.", 9),
        ("Two wounded men died in hospital, raising the toll to 12.", 12),
        ("The toll climbed to 15 after rescuers found more bodies.", 15),
        ("Rescuers found three more bodies, bringing the number of dead to 18.", 18),
        ("The toll has since climbed to 14, police said.", 14),  # "since": the adverb, no period
    ],
)
def test_the_ways_a_follow_up_revises_a_toll(nlp, text, best):
    found = revised_toll(sentence(nlp, text))
    assert found is not None and found.best == best


@pytest.mark.parametrize(
    "text",
    [
        "The toll from the insurgency has since climbed to 5,000.",
        "The number of people killed in the region has risen to 300 since 2019.",
        "Rebels have killed 100,000 people over 15 years.",
    ],
)
def test_running_totals_stay_running_totals(nlp, text):
    assert revised_toll(sentence(nlp, text)) is None


def test_a_revision_in_its_own_sentence_is_the_events_toll(resources):
    article, mentions, drops = extract_with_drops(resources, FOLLOW_UP, "2024-05-06")
    tolls = [m.fatalities.best for m in mentions if m.fatalities is not None]
    assert tolls == [9], explain_extraction(article, mentions, drops)
    start, end = mentions[0].fatalities.span
    assert "nine" in article.text[start:end]  # the evidence quotes the revised figure


def test_a_running_total_in_its_own_sentence_is_not(resources):
    text = ORIGINAL + "\n\nThe number of people killed in the insurgency has risen to 5,000 since 2009."
    article, mentions, drops = extract_with_drops(resources, text, "2024-05-06")
    tolls = [m.fatalities.best for m in mentions if m.fatalities is not None]
    assert tolls == [5], explain_extraction(article, mentions, drops)


def test_the_revised_toll_is_the_best_estimate_and_the_first_a_claim(resources, tmp_path):
    first = read_text(
        ORIGINAL, published="2024-05-05T10:00:00Z", publisher="Outlet A", url="https://example.org/a"
    )
    later = read_text(
        FOLLOW_UP, published="2024-05-06T10:00:00Z", publisher="Outlet B", url="https://example.org/b"
    )
    with open_store(tmp_path / "s.db", kb=resources.kb, config=resources.config) as store:
        for article in (later, first):  # arrival order does not matter: publication does
            store.add_result(pipeline.process(article, resources))
        events = store.events()
    assert len(events) == 1, events
    (ev,) = events
    assert ev["fatalities"] == 9 and (ev["fatalities_low"], ev["fatalities_high"]) == (5, 9)
    assert [t["best"] for t in ev["tolls"]] == [5, 9]


@pytest.mark.parametrize(
    "text",
    [
        "The death toll could reach 50, a rescue official warned.",
        "The death toll will rise to 20 if rescuers find more bodies.",
        "The toll from the ambush may climb to 30, a medic said.",
        "Officials warned that the number of dead might rise to 25.",
    ],
)
def test_a_forecast_toll_revises_nothing(nlp, text):
    assert revised_toll(sentence(nlp, text)) is None


KILLING = "Gunmen killed three villagers in Maiduguri on Monday, police said."
PROTEST = "Police fired tear gas at protesters in Lagos on Wednesday, witnesses said."


@pytest.mark.parametrize(
    "text,tolls",
    [
        (KILLING + " The death toll could reach 50, a rescue official warned.", [3]),
        (PROTEST + " The death toll from Monday's boat accident has risen to 40, officials said.", []),
        (KILLING + " The death toll from Sunday's flood in Niger state has risen to 40.", [3]),
        (KILLING + " Elsewhere, the death toll has risen to 12, officials said.", [3]),
        (PROTEST + " The death toll has risen to 4, officials said.", []),
        # the same incident, or one unnamed, is still the event's
        (KILLING + " The death toll has risen to 9, a health official said.", [9]),
    ],
)
def test_a_revised_toll_goes_only_to_an_event_it_can_be_the_toll_of(resources, text, tolls):
    article, mentions, drops = extract_with_drops(resources, text, "2026-11-20")
    found = [m.fatalities.best for m in mentions if m.fatalities is not None]
    assert found == tolls, explain_extraction(article, mentions, drops)


@pytest.mark.parametrize(
    "text, period",
    [
        ("the toll has since climbed to 14", False),
        ("the toll has since risen to 30", False),
        # a verb in -ed after "since" that starts a clause is a period's start, not the adverb
        ("200 people have been killed since renewed fighting began", True),
        ("dozens have died since armed groups seized the town", True),
    ],
)
def test_since_as_a_period_or_as_the_adverb_of_a_revision(text, period):
    assert bool(PERIOD.search(text)) is period


def _report(article_id: str, published: str, best: int, toll_text: str) -> dict:
    from dateline.merge import across

    ev = {"event_id": article_id, "article_ids": [article_id], "fatalities": best, "source": article_id,
          "evidence": [{"field": "fatalities", "article_id": article_id, "start": 0, "end": 1, "text": toll_text}]}  # fmt: skip
    return across.prepare(ev, published)


def test_a_later_report_repeating_the_first_count_does_not_undo_a_revision():
    """9 killed (day 1), "the toll has risen to 21" (day 2), then an outlet that only repeats the
    nine (day 2, later): 21 stays the best estimate, 9 the low, every report's figure kept."""
    from dateline.merge import across

    first = _report("a1", "2025-07-27T11:00", 9, "killing at least nine people")
    revision = _report("a2", "2025-07-28T16:00", 21, "the death toll from the attack has risen to 21")
    stale = _report("a3", "2025-07-28T20:00", 9, "at least nine people were killed")
    merged = across.combine(across.combine(first, revision), stale)
    assert (merged["fatalities"], merged["fatalities_low"], merged["fatalities_high"]) == (21, 9, 21)
    assert [t["best"] for t in merged["tolls"]] == [9, 21, 9]
    # without a revision the latest report's figure is the best estimate, higher or lower
    later = _report("a4", "2025-07-29T08:00", 5, "five soldiers were killed, the army said")
    assert across.combine(first, later)["fatalities"] == 5
    # and a later revision still wins over the earlier one
    again = _report("a5", "2025-07-29T09:00", 25, "raising the toll to 25")
    assert across.combine(merged, again)["fatalities"] == 25
