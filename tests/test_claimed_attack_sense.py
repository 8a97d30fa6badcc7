"""An attack on a target named by whose it is ("a police picket", "an army camp") is an attack,
even when the sentence has no other word of violence: a group saying it was behind one, or a
sentence whose dead are told as "lost their lives", is no other sense of "attack". Sentences
invented (CC0)."""

from __future__ import annotations

import pytest
from support import extract_with_drops, shared_resources

PUBLISHED = "2026-03-16"


def _coded(text: str) -> list[str]:
    article, mentions, _ = extract_with_drops(shared_resources(), text, PUBLISHED)
    return [article.text[slice(*m.trigger)] for m in mentions]


@pytest.mark.parametrize(
    "text",
    [
        "The outlawed Marava Front said it was behind an attack on a police picket in Dorvan district "
        "in which two constables lost their lives on Saturday, officials said.",
        "A banned group said it carried out an attack on an army checkpost near Selvi on Friday night.",
    ],
)
def test_an_attack_on_a_forces_post_is_coded(text: str) -> None:
    assert "attack" in _coded(text)


def test_an_attack_on_an_idea_stays_another_sense() -> None:
    assert "attack" not in _coded("The minister said the report was an attack on the reform plan.")


@pytest.mark.parametrize(
    "text",
    [
        "The opposition leader on Monday attacked the state government over its handling of the floods.",
        "The party attacked the farm laws in the assembly on Tuesday.",
        "The Congress attacked the police commissioner over the rising crime in the city.",
        "The senator attacked the China trade deal in a speech on Saturday.",
    ],
)
def test_attacking_a_person_or_a_policy_named_by_whose_it_is_stays_another_sense(text: str) -> None:
    # the words naming whose it is ("police", "farm", a country) do not make the target concrete
    assert "attacked" not in _coded(text)
