"""The dead of "X shot dead Y" are Y, not X: "Two masked men shot dead three guards" is three
dead, and "TOWN, Aug 15 (Agency) - Gunmen shot dead nine people", parsed with "Aug 15" as the
subject, is nine, not 15 + 9 (issue 16: a toll of 24 for a market shooting of nine). Texts are
made up (CC0)."""

from __future__ import annotations

import pytest
from support import sentence

from dateline.extract.fatalities import find_fatalities


@pytest.mark.parametrize(
    "text, best",
    [
        ("Two masked men shot dead three guards outside the bank on Friday, police said.", 3),
        ("Raiders shot dead four herders near the river on Sunday, a village head said.", 4),
        # no object: the subject is the dead
        ("Two men lay dead in the street after the raid.", 2),
    ],
)
def test_the_dead_of_shot_dead_are_its_object(nlp, text, best):
    found = find_fatalities(sentence(nlp, text))
    assert found is not None and found.best == best
