"""A place named before a unit noun ("in Kanbalu township", "in the Gwarzo area", "in Kano State's
Gwarzo area") is the event's place, related to the clause as the noun is, not a modifier of the
noun (issue 16: a report with no place stays apart from its incident). Texts are made up."""

from __future__ import annotations

import pytest
from support import sentence

from dateline.extract.place_mentions import sentence_places


def _places(resources, text: str) -> dict[str, tuple[str, str | None]]:
    found = sentence_places(sentence(resources.nlp, text), resources.kb, resources.gazetteer)
    return {p.text: (p.relation, p.hint) for p in found}


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "A jet dropped two bombs on a clinic in Kanbalu township on Tuesday, killing seven people.",
            "Kanbalu",
        ),
        ("Gunmen shot dead five herders in the Gwarzo area on Sunday night.", "Gwarzo"),
    ],
)
def test_a_name_before_a_unit_noun_is_where_the_noun_stands(resources, text, name):
    places = _places(resources, text)
    assert places.get(name, ("missing",))[0] == "in"


def test_a_unit_after_a_named_place_holds_it(resources):
    places = _places(resources, "Raiders set fire to a granary in Lotoru, Kanbalu township, on Friday.")
    assert places.get("Kanbalu", ("missing",))[0] == "container"


def test_a_state_owning_a_named_area_holds_it(resources):
    places = _places(resources, "Gunmen shot dead five herders in Kano State's Gwarzo area on Sunday night.")
    assert places.get("Gwarzo", ("missing",))[0] == "in"
    assert any(text.startswith("Kano") and rel == "container" for text, (rel, _) in places.items())


def test_a_unit_noun_after_an_owner_is_no_place_of_its_own(resources):
    # "the city's market area": no name before the noun, so nothing new is a place
    places = _places(resources, "Shops burned in the town's market area on Sunday.")
    assert places == {}
