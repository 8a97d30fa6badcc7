"""Where an event happened, in the shapes real reports use (issues 13 and 16): a possessive
owner of a town's part ("Kisumu's Nyalenda estate"), "X town", a name the small model cut short
("Tal Abyad"), an organisation's base ("the London-based observatory"), a state acting ("Iran
shelled villages near X") and a bare "Congo" read by the article's other places. Every sentence
here was written for this test; the place names are real, the events are not."""

from __future__ import annotations

import pytest
from support import places_coded, sentence

from dateline.extract.place_mentions import sentence_places
from dateline.lookup.places import country_of_name

PUBLISHED = "2026-11-20"


def places_of(resources, text: str) -> list[tuple[str, str, str | None]]:
    sent = sentence(resources.nlp, text)
    return [(p.text, p.relation, p.hint) for p in sentence_places(sent, resources.kb, resources.gazetteer)]


def where(resources, text: str) -> set[tuple]:
    return places_coded(resources, text, PUBLISHED)


# -- "X's Y estate/district": the owner is the town, at precision 1 (not the province of its name) --
@pytest.mark.parametrize(
    "text, place",
    [
        (
            "Police in Kisumu's Nyalenda estate fired tear gas at protesters on Wednesday, witnesses said.",
            ("Kisumu", "KEN", 1),
        ),
        (
            "A drone struck an apartment block in Kharkiv's Saltivka district on Sunday, killing two"
            " people, officials said.",
            ("Kharkiv", "UKR", 1),
        ),
        (
            "Residents of Karachi's Lyari area blocked a road on Monday to protest power cuts.",
            ("Karachi", "PAK", 1),
        ),
        (
            "Shelling hit Donetsk's Kuibyshevskyi district on Tuesday, killing three civilians, the mayor said.",
            ("Donetsk", "UKR", 1),
        ),
    ],
)
def test_owner_of_a_town_part_is_the_town(resources, text, place):
    assert where(resources, text) == {place}


@pytest.mark.parametrize(
    "text, place",
    [
        (
            "Protesters clashed with police in Kenya's Kisumu town on Tuesday, witnesses said.",
            ("Kisumu", "KEN", 1),
        ),
        (
            "Clashes broke out in Aleppo's old city on Monday, killing four fighters, monitors said.",
            ("Aleppo", "SYR", 1),
        ),
    ],
)
def test_possessive_with_a_town_word(resources, text, place):
    assert where(resources, text) == {place}


def test_owner_is_a_container_town(resources):
    found = places_of(resources, "Police in Kisumu's Nyalenda estate fired tear gas at protesters.")
    assert ("Kisumu", "container", "town") in found


# -- "X town" names the town even when a province shares its name ------------------------------
@pytest.mark.parametrize(
    "text, place",
    [
        ("Police fired tear gas at traders in Kisumu town on Tuesday, witnesses said.", ("Kisumu", "KEN", 1)),
        (
            "Hundreds of students marched through Eldoret town on Friday, demanding lower fees.",
            ("Eldoret", "KEN", 1),
        ),
    ],
)
def test_x_town(resources, text, place):
    assert where(resources, text) == {place}


# -- "the town of X in Y": the most specific place known ---------------------------------------
def test_town_of_x_in_province_is_the_town_when_known(resources):
    text = "Rebels seized the town of Rutshuru in North Kivu on Monday after heavy fighting, residents said."
    assert where(resources, text) == {("Rutshuru", "COD", 1)}


# -- a name cut short by the small model runs on when the gazetteer has the longer one -----------
def test_name_runs_on_to_the_known_place(resources):
    found = places_of(
        resources, "A journalist was embedded with US forces in Tal Abyad when the bomb exploded."
    )
    assert [name for name, _, _ in found] == ["Tal Abyad"]


def test_a_compass_word_and_a_name_are_one_area_when_the_gazetteer_has_it(resources):
    # the small model tags "Sinai" alone, a region with no province
    found = places_of(resources, "A car bomb killed four soldiers in Egypt's North Sinai province on Monday.")
    assert [name for name, _, _ in found] == ["Egypt", "North Sinai"]


def test_embedded_with_foreign_forces_keeps_the_town(resources):
    # "US forces" names the troops' country, not a place the story is in: the small Syrian town
    # is no stray abroad
    text = (
        "A journalist was embedded with US forces in Tal Abyad near the Turkish border when the bomb"
        " exploded on Saturday, killing two soldiers."
    )
    assert {(iso, prec) for _, iso, prec in where(resources, text)} == {("SYR", 1)}


# -- an organisation's base is never the event's place ----------------------------------------
@pytest.mark.parametrize(
    "text, base",
    [
        ("The London-based observatory said clashes in Tal Tamr killed six fighters on Sunday.", "London"),
        ("The Paris-based group said soldiers shot dead three protesters in Bamako on Friday.", "Paris"),
        (
            "A rights group based in Nairobi said police killed two demonstrators in Kampala on Thursday.",
            "Nairobi",
        ),
    ],
)
def test_base_is_no_event_place(resources, text, base):
    assert (base, "base", None) in places_of(resources, text)
    assert base not in {loc for loc, _, _ in where(resources, text)}


def test_base_only_gives_no_place(resources):
    text = "Soldiers shot dead three protesters on Friday, the London-based rights group said."
    assert ("London", "GBR", 1) not in where(resources, text)


# -- a state acting is not a place ------------------------------------------------------------
@pytest.mark.parametrize(
    "text, state",
    [
        ("Iran shelled villages near Sidakan on Monday, killing two farmers, local officials said.", "IRN"),
        ("Russia shelled a village near Kupiansk on Monday, killing two civilians, officials said.", "RUS"),
    ],
)
def test_acting_state_is_no_place(resources, text, state):
    assert state not in {iso for _, iso, _ in where(resources, text)}


def test_place_as_subject_of_saw_stays_a_place(resources):
    text = "Kabul saw protests on Friday as hundreds marched against the ban, witnesses said."
    assert where(resources, text) == {("Kabul", "AFG", 1)}


# -- bare "Congo": the article's other places and names decide ---------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "ADF fighters attacked a village in Congo on Tuesday, killing 14 people, a local official in Beni said.",
        "Rebels killed 20 civilians in eastern Congo on Sunday, the army said. The attack happened in Ituri province.",
        "M23 rebels clashed with the Congolese army in Congo on Monday, killing five soldiers, residents said.",
        "Soldiers fired on protesters in Congo on Monday, killing three, witnesses said.",
    ],
)
def test_bare_congo_is_the_dr_congo(resources, text):
    assert {iso for _, iso, _ in where(resources, text)} == {"COD"}


@pytest.mark.parametrize(
    "text, place",
    [
        (
            "Police in Brazzaville fired tear gas at opposition supporters on Saturday, witnesses said.",
            ("Brazzaville", "COG", 1),
        ),
        (
            "Protesters clashed with police in Congo's capital Brazzaville on Monday.",
            ("Brazzaville", "COG", 1),
        ),
        (
            "Opposition supporters protested in Congo on Sunday against the president of the Republic of"
            " Congo, Denis Sassou Nguesso.",
            ("Republic of Congo", "COG", 3),
        ),
    ],
)
def test_republic_of_congo_needs_its_cues(resources, text, place):
    assert where(resources, text) == {place}


def test_congo_as_an_actor_country(resources):
    assert country_of_name("Congo", resources.gazetteer) == "COD"


# -- a town the gazetteer lacks: the area the article puts it in, at precision 3 ------------------
@pytest.mark.parametrize(
    "text, place",
    [
        (
            "Gunmen killed seven worshippers at a church in Komanda on Sunday, a local official said."
            " Ituri province has seen repeated attacks by the ADF.",
            ("Ituri", "COD", 3),
        ),
        (
            "ADF rebels killed 18 civilians in an overnight raid on Komanda, residents said on Sunday."
            " The town lies in Congo's Ituri province, where the militia has stepped up attacks.",
            ("Ituri", "COD", 3),
        ),
        (
            "Suspected jihadists killed nine villagers in Gorgadji on Friday. The attack was the latest"
            " in Burkina Faso's Sahel region.",
            ("Sahel", "BFA", 3),
        ),
    ],
)
def test_unknown_town_takes_its_area(resources, text, place):
    assert where(resources, text) == {place}


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed five villagers in Komanda on Monday, a local official said. The killings were"
        " condemned by France.",
    ],
)
def test_a_country_that_reacts_is_not_the_area(resources, text):
    """A country named for what it did or said, not where anything happened, is not the event's area."""
    assert {(loc, iso3) for loc, iso3, _ in where(resources, text)} == {(None, None)}


# -- what must not change ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, place",
    [
        (
            "Police arrested 40 protesters in London on Saturday during a march against the war.",
            ("London", "GBR", 1),
        ),
        (
            "Protesters clashed with police in central London on Friday, a spokesman said.",
            ("London", "GBR", 1),
        ),
        (
            "Gunmen attacked a market in Maiduguri's Gwange neighbourhood on Friday, killing four traders,"
            " police said.",
            ("Maiduguri", "NGA", 1),
        ),
        (
            "Gunmen attacked a village in Nigeria's Borno state on Friday, killing seven people, residents said.",
            ("Borno", "NGA", 3),
        ),
        (
            "Militants overran the village of Kamarali in Borno state on Friday, killing nine people,"
            " residents said.",
            ("Borno", "NGA", 3),
        ),
    ],
)
def test_unchanged(resources, text, place):
    assert where(resources, text) == {place}
