"""Events that short wire reports carry and that must be produced (issue 13, "Events not
produced"): territory retaken as told by the army's speaker, abductions by gunmen "believed to
be" someone, armed-group killings in cartel and gang contexts, drone strikes with no named actor
or with no casualties, and lower-cased copy. Beside them the shapes that must stay out: an
ordinary robbery or domestic killing, a drone delivery or a drone show. Every sentence here was
written for this test; the place names are real, the events are not."""

from __future__ import annotations

import pytest
from support import events_of, extract_with_drops

from dateline.merge.kind import code_kind
from dateline.pipeline import process
from dateline.read.text import read_text

PUBLISHED = "2026-11-20"


def kinds(resources, text: str) -> set[tuple[str, str]]:
    events = events_of(resources, text, PUBLISHED)
    assert events, f"no event coded from {text!r}"
    return {(e.event_type, e.sub_event_type) for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "The army said on Tuesday it had retaken most of the villages near Kadugli.",
        "The military said it had recaptured the town of Bentiu from rebels on Sunday.",
    ],
)
def test_army_speaker_regaining_territory(resources, text):
    assert kinds(resources, text) == {("Battles", "Government regains territory")}


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen believed to be herders kidnapped 30 villagers in Benue State on Sunday, police said.",
        "Armed men thought to be bandits abducted 12 students in Katsina on Friday, residents said.",
    ],
)
def test_abduction_by_gunmen_believed_to_be_someone(resources, text):
    assert kinds(resources, text) == {("Violence against civilians", "Abduction/forced disappearance")}


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen from a drug cartel killed nine people at a party in Guanajuato on Saturday, officials said.",
        "A gang attacked a village in Haiti's Artibonite region on Monday, killing 20 people, the United"
        " Nations said.",
        "Cartel hitmen shot dead seven men at a car wash in Zacatecas on Thursday, prosecutors said.",
    ],
)
def test_armed_group_violence_in_crime_contexts_is_kept(resources, text):
    assert ("Violence against civilians", "Attack") in kinds(resources, text)


@pytest.mark.parametrize(
    "text",
    [
        "A drone hit a school in Kaduna on Friday, killing two children, residents said.",
        "A drone killed three farmers in a field near Maiduguri on Monday, a local official said.",
        "Ukrainian drones hit an oil depot in Russia's Belgorod region overnight, the regional governor said.",
        "Drones struck a power plant in Kherson on Wednesday, officials said.",
    ],
)
def test_drone_strikes_without_named_actor_or_casualties(resources, text):
    assert kinds(resources, text) == {("Explosions/Remote violence", "Air/drone strike")}


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed six people in Zamfara on Saturday, police said.",
        "Drones hit a fuel depot in Kherson on Monday, the governor said.",
    ],
)
def test_lower_cased_copy_gives_the_cased_event(resources, text):
    def coded(t):
        return {
            (e.event_type, e.sub_event_type, e.location, e.iso3, e.fatalities, e.event_date)
            for e in events_of(resources, t, PUBLISHED)
        }

    cased = coded(text)
    assert cased and all(location for _, _, location, *_ in cased), cased
    assert coded(text.lower()) == cased


# -- must not change -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "A man robbed a shop at knifepoint in Leeds on Friday and stabbed the owner to death, police said.",
        "Police said a man killed his wife at their home in Nairobi on Sunday.",
    ],
)
def test_ordinary_crime_stays_out(resources, text):
    result = process(read_text(text, published=PUBLISHED), resources)
    assert result.events == []
    assert "ordinary_crime" in {d.reason for d in result.drops}


@pytest.mark.parametrize(
    "text",
    [
        "A drone delivered blood samples to a hospital in Kigali on Tuesday, the health ministry said.",
        "A drone show hit a record in Dubai on Saturday, with 5,000 drones lighting up the sky.",
        "A delivery drone hit a tree near a school in Kaduna on Friday, residents said.",
        "Two children were killed when a drone crashed into their house in Kano on Friday, police said.",
    ],
)
def test_drones_that_strike_nothing_are_no_event(resources, text):
    assert events_of(resources, text, PUBLISHED) == []


# -- the speaker who took the territory ------------------------------------------------------------
@pytest.mark.parametrize(
    "text, sub",
    [
        ("The army said it had retaken most of the villages.", "Government regains territory"),
        ("Government troops said they had liberated two villages near Goma.", "Government regains territory"),
        ("Rebels said they had captured the town of Bunagana.", "Non-state actor overtakes territory"),
    ],
)
def test_territory_taken_by_its_speaker_without_the_classifier(resources, text, sub):
    """The crisp rule alone (no classifier reading): a state's forces that tell of territory
    taken, with no other taker named, regained it."""
    article, mentions, _ = extract_with_drops(resources, text, PUBLISHED)
    primary = next(m for m in mentions if m.sub_event_type == "@territory")
    kind, _ = code_kind(article, primary, mentions, "Battles", "@territory", None, None)
    assert kind.sub_event_type == sub
