"""A province under a bureau's dateline is the event's place when the story names no town in it:
the learned choice narrows it to a town the story names there, never to the bureau's own town
(``resolve/context.resolve_mentions``, ``area_where.story_within``). Texts invented (CC0)."""

from __future__ import annotations

from support import places_coded

PUBLISHED = "2026-06-03"


def test_a_province_under_a_bureau_dateline_with_no_town_named_stays_the_province(resources) -> None:
    text = (
        "QUETTA, Pakistan, June 3 (Example Wire) - Gunmen attacked a police post in Pakistan's"
        " southwestern Balochistan province overnight, killing three policemen, officials said on Wednesday."
    )
    assert places_coded(resources, text, PUBLISHED) == {("Balochistan", "PAK", 3)}


def test_a_town_the_story_names_in_the_province_is_still_chosen(resources) -> None:
    text = (
        "QUETTA, Pakistan, June 3 (Example Wire) - Gunmen attacked a police post in Pakistan's"
        " southwestern Balochistan province overnight, killing three policemen, officials said on Wednesday."
        "\n\nThe assault on the post in Turbat, a town in Kech district, lasted about an hour, a police"
        " officer said."
    )
    coded = places_coded(resources, text, PUBLISHED)
    assert ("Quetta", "PAK", 1) not in coded and coded, coded


def test_the_bureau_town_named_again_in_the_story_is_not_chosen_either(resources) -> None:
    # the dateline's town named a second time ("a hospital in Quetta") is still the bureau's own town
    text = (
        "QUETTA, Pakistan, June 3 (Example Wire) - Gunmen attacked a police post in Pakistan's"
        " southwestern Balochistan province overnight, killing three policemen, officials said on Wednesday."
        "\n\nThe wounded were taken to a hospital in Quetta, a police officer said."
    )
    assert places_coded(resources, text, PUBLISHED) == {("Balochistan", "PAK", 3)}
