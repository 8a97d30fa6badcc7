"""Who acted and on whom, normalised as ACLED names them: nationality adjectives, weapons and
aircraft as agents, countries acting, victims and the places they were attacked in. The
sentences are made up for these tests."""

from __future__ import annotations

import pytest
from support import SAMPLES, shared_resources

from dateline import pipeline
from dateline.annotate import annotate_many
from dateline.clean import clean
from dateline.extract.mentions import extract_mentions
from dateline.merge.actors import actor_name
from dateline.read.sources import read_paths
from dateline.read.text import read_text
from dateline.records import Article


def _sides(text: str, iso3: str | None) -> tuple[list[str], list[str]]:
    """The ACLED names the extract stage gives each side of the article's last event mention,
    for an event in country ``iso3`` (earlier sentences are the article's context)."""
    resources = shared_resources()
    [annotated] = list(annotate_many([clean(read_text(text))], resources))
    mention = extract_mentions(annotated, resources)[-1]
    return tuple([actor_name(ref, iso3)[0] for ref, _ in side] for side in (mention.actor1, mention.actor2))


@pytest.mark.parametrize(
    "text, iso3, actor1, actor2",
    [
        (
            "Russian drones struck an apartment block in Kharkiv on Sunday, killing three people, "
            "regional officials said.",
            "UKR",
            "Military Forces of Russia",
            "Civilians (Ukraine)",
        ),
        (
            "The RSF shelled a displacement camp near El Fasher on Monday.",
            "SDN",
            "RSF: Rapid Support Forces",
            "Civilians (Sudan)",
        ),
        (
            "M23 rebels captured the town after clashes with the Congolese army.",
            None,
            "M23: March 23 Movement",
            "Military Forces of the Democratic Republic of Congo",
        ),
        (
            "An Israeli air strike on a school in Gaza City killed 12 people.",
            "PSE",
            "Military Forces of Israel",
            "Civilians (Palestine)",
        ),
        (
            "Gunmen believed to be herders kidnapped 30 villagers in Zamfara.",
            "NGA",
            "Unidentified Armed Group (Nigeria)",
            "Civilians (Nigeria)",
        ),
        (
            "Turkish warplanes bombed a market near Qamishli overnight.",
            "SYR",
            "Military Forces of Turkey",
            "Civilians (Syria)",
        ),
        (
            "A military air strike hit a crowded market in Sagaing region on Friday.",
            "MMR",
            "Military Forces of Myanmar",
            "Civilians (Myanmar)",
        ),
        ("Iran shelled villages near Sidakan on Tuesday.", "IRQ", "Military Forces of Iran", None),
        (
            "Worshippers were wounded when a mosque was hit by Ukrainian shells.",
            "RUS",
            "Military Forces of Ukraine",
            "Civilians (Russia)",
        ),
        (
            "an israeli air strike on a school in gaza city killed 12 people on thursday.",
            "PSE",
            "Military Forces of Israel",
            "Civilians (Palestine)",
        ),
        (
            "the rsf shelled a displacement camp near el fasher on monday.",
            "SDN",
            "RSF: Rapid Support Forces",
            "Civilians (Sudan)",
        ),
    ],
)
def test_sides_are_normalised(text, iso3, actor1, actor2):
    a1, a2 = _sides(text, iso3)
    assert a1[:1] == [actor1]
    assert a2[:1] == ([actor2] if actor2 else [])


def test_a_bare_weapon_takes_the_forces_the_article_named():
    text = "Israeli troops pushed deeper into Rafah on Monday. Warplanes struck a shelter in the city."
    assert _sides(text, "PSE") == (["Military Forces of Israel"], ["Civilians (Palestine)"])


def test_a_bare_weapon_without_context_names_no_one():
    assert _sides("A drone struck a market in the town on Sunday.", "SDN") == ([], ["Civilians (Sudan)"])


def test_military_places_are_not_civilians():
    _, a2 = _sides("Rebels shelled an army camp near the town on Sunday.", "SDN")
    assert not any(name.startswith("Civilians") for name in a2)


def test_a_strike_is_the_states_only_with_an_adjective():
    """A labour strike in a sentence that names Russian troops is nobody's forces."""
    a1, _ = _sides("A general strike shut the city on Monday after Russian troops advanced.", "UKR")
    assert not any(name.startswith("Military") for name in a1)


def test_a_city_is_not_an_actor():
    a1, _ = _sides("Kharkiv shelled the border villages on Monday, officials said.", "RUS")
    assert a1 == []


# End to end: `pipeline.process` on whole (made-up) reports.
REPORTS = [
    (
        "Russian drones struck an apartment block in Kharkiv on Sunday, killing three people, "
        "regional officials said.",
        "Military Forces of Russia",
        "Civilians (Ukraine)",
    ),
    (
        "The RSF shelled a displacement camp near El Fasher on Monday, killing eight people, aid workers said.",
        "RSF: Rapid Support Forces",
        "Civilians (Sudan)",
    ),
    (
        "M23 rebels captured the town of Rubaya on Tuesday after clashes with the Congolese army, residents said.",
        "M23: March 23 Movement",
        "Military Forces of the Democratic Republic of Congo",
    ),
    (
        "An Israeli air strike on a school in Gaza City killed 12 people on Thursday, the civil defence agency said.",
        "Military Forces of Israel",
        "Civilians (Palestine)",
    ),
    (
        "Gunmen believed to be herders kidnapped 30 villagers in Zamfara on Friday, police said.",
        "Unidentified Armed Group (Nigeria)",
        "Civilians (Nigeria)",
    ),
]


@pytest.mark.parametrize("text, actor1, actor2", REPORTS)
def test_reports_end_to_end(text, actor1, actor2):
    result = pipeline.process(read_text(text), shared_resources())
    assert [(e.actor1, e.actor2) for e in result.events] == [(actor1, actor2)]


def test_no_produced_actor_names_an_unknown_country():
    """The samples and reports without a place: every actor is named without a placeholder."""
    texts = [r[0] for r in REPORTS] + [
        "Police fired tear gas at protesters on Monday, witnesses said.",
        "Soldiers clashed with gunmen overnight, killing four civilians, an official said.",
    ]
    articles = [a for a in read_paths([str(SAMPLES)]) if isinstance(a, Article)]
    results = list(pipeline.process_many(articles + [read_text(t) for t in texts], shared_resources()))
    actors = [
        getattr(e, f)
        for r in results
        for e in r.events
        for f in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
        if getattr(e, f)
    ]
    assert len(actors) >= 10
    assert not [a for a in actors if "Unknown" in a or "{" in a]


def test_a_weapon_acted_on_is_not_the_agent():
    a1, a2 = _sides("Ukrainian air defences shot down a Russian drone over Kyiv overnight.", "UKR")
    assert a1 == ["Military Forces of Ukraine"] and a2 == ["Military Forces of Russia"]


def test_a_protest_against_the_junta_has_no_armed_other_side():
    _, a2 = _sides("Hundreds of students marched against the junta in Yangon on Sunday.", "MMR")
    assert not any(name.startswith("Military") for name in a2)


def test_a_state_word_names_the_forces_of_the_events_country():
    a1, a2 = _sides("Junta air strikes killed nine villagers in Sagaing on Sunday.", "MMR")
    assert (a1, a2) == (["Military Forces of Myanmar"], ["Civilians (Myanmar)"])


def test_the_regime_or_junta_acting_is_the_forces_of_the_events_country():
    a1, _ = _sides("The junta bombed a village in Sagaing on Monday, killing nine people.", "MMR")
    assert a1 == ["Military Forces of Myanmar"]
    a1, a2 = _sides("A market in Idlib was shelled by the regime on Tuesday.", "SYR")
    assert (a1, a2) == (["Military Forces of Syria"], ["Civilians (Syria)"])
    # a modifier is not the agent: fighters against the junta are not its forces
    a1, _ = _sides("Anti-junta fighters attacked a police station in Sagaing on Monday.", "MMR")
    assert not any(name.startswith("Military") for name in a1)
