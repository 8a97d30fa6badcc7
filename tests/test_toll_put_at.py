"""A toll told as the dead someone puts at a figure ("he put the dead at 16") is a revised toll,
as "put the toll at 16" is (issue 16: a follow-up's toll). Texts are made up."""

from __future__ import annotations

import pytest
from support import sentence

from dateline.extract.fatalities import revised_toll


@pytest.mark.parametrize(
    "text, best, quoted",
    [
        ("The village elder put the dead at 16, among them nine pupils.", 16, "put the dead at 16"),
        ("A nurse at the clinic put the deaths at 21 on Thursday.", 21, "put the deaths at 21"),
    ],
)
def test_the_dead_put_at_a_figure_are_a_toll(nlp, text, best, quoted):
    found = revised_toll(sentence(nlp, text))
    assert found is not None and found.best == best
    assert quoted in text[slice(*found.span)]


def test_the_dead_put_somewhere_are_no_toll(nlp):
    # no figure: where the dead were put is no count of them
    assert revised_toll(sentence(nlp, "Villagers put the dead in a school hall overnight.")) is None
