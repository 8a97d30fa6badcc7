"""Grouping (issue 13, item 6): one incident told in several sentences is one event; distinct
incidents in one article stay apart. Every text here was written for this test."""

from __future__ import annotations

import pytest

from dateline.annotate import annotate
from dateline.clean import clean
from dateline.extract.mentions import extract_mentions
from dateline.merge.cluster import cluster
from dateline.pipeline import process
from dateline.read.text import read_text
from dateline.resolve.context import resolve_mentions


def _groups(resources, text: str) -> list[list[str]]:
    article = read_text(text, published="2024-05-20")
    mentions = extract_mentions(annotate(clean(article), resources), resources)
    resolved = resolve_mentions(article, mentions, resources.gazetteer)
    return [[article.text[slice(*r.mention.trigger)] for r in group] for group in cluster(resolved)]


ONE = [
    "Gunmen attacked a village in Zamfara on Sunday. Eleven people were killed in the attack, officials said.",
    "Gunmen attacked Kauru village in Kaduna state on Sunday.\n\nEleven people were killed in the attack, police said.",
    "Militants ambushed an army patrol near Menaka on Tuesday. Six soldiers were killed, the army said.",
    "Rebels shelled the town of Sake on Friday. The shelling killed four civilians, a local official said.",
    "Police fired tear gas at protesters in Nairobi on Tuesday. Officers later arrested 20 of the protesters.",
    # "another" as a pronoun names no other event
    "Rioters attacked shops in the old city of Surat, police said. Two bodies were found, one burnt and another stabbed.",
    # property destroyed in the course of the violence is part of it
    "Bandits ambushed a bus near Kauru on Monday. Two cars were set on fire, a resident said.",
    "Youths clashed with police in the market on Friday. Several shops were looted during the clash.",
    # the fugitives caught at the end of a gunfight were caught in it, after its shots were told
    "Gunmen fought a police patrol near Kenema on Friday. The gunmen fired at the officers and the officers"
    " fired back. Two of the gunmen died and four were arrested.",
]


@pytest.mark.parametrize("text", ONE)
def test_one_incident_in_several_sentences_is_one_group(resources, text):
    groups = _groups(resources, text)
    assert len(groups) == 1, groups


TWO = [
    # different days
    "Rebels attacked a base in Gao on Monday. On Wednesday, gunmen killed three traders in Mopti.",
    # different places
    "Gunmen killed five villagers in Kauru on Sunday.\n\nIn Zaria, soldiers clashed with bandits on Sunday.",
    # the text says so
    "Gunmen killed five people in Kauru on Sunday. In a separate attack, bandits abducted 12 travellers, police said.",
    "Jihadists ambushed soldiers near Djibo on Monday. Another group of militants attacked a checkpoint, killing four.",
    "An air strike hit a market in Idlib on Monday, killing nine people. Elsewhere, rebels shelled a village.",
    # a second toll at a town of the province the first was told in, the sentence naming no other event
    "A suicide bomber killed six soldiers at a checkpoint in Egypt's North Sinai province on Monday. That"
    " morning a bomb hidden by the road hit a police truck west of Al-Arish, killing three policemen.",
    "A suicide bomber killed six soldiers at a checkpoint in Borno state on Monday. That morning a bomb"
    " hidden by the road hit a police truck west of Maiduguri, killing three policemen.",
]


@pytest.mark.parametrize("text", TWO)
def test_distinct_incidents_stay_apart(resources, text):
    groups = _groups(resources, text)
    assert len(groups) == 2, groups


def test_a_lone_reference_is_kept_as_its_own_group(resources):
    # "the incident" with nothing before it to point to: kept (merge drops it as too vague)
    groups = _groups(resources, "Police said the incident was under investigation.")
    assert groups == [["incident"]]


def test_through_the_pipeline_one_incident_is_one_event(resources):
    text = "Gunmen attacked a village in Zamfara on Sunday. Eleven people were killed in the attack, officials said."
    result = process(read_text(text, published="2024-05-20"), resources)
    assert len(result.events) == 1
    assert not [d for d in result.drops if d.stage == "merge"]


def test_through_the_pipeline_a_lone_reference_is_dropped_as_too_vague(resources):
    result = process(
        read_text("Police said the incident was under investigation.", published="2024-05-20"), resources
    )
    assert result.events == [] and [d.reason for d in result.drops] == ["too_vague"]
