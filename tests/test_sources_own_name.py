"""A report that names its own outlet ("told the Courier") cites no second outlet: the
publisher is one source (docs/claims.md). The text and outlets are invented (CC0)."""

from __future__ import annotations

from dateline.merge.sources import own_name
from dateline.pipeline import process
from dateline.read.jsonl import read_record

TEXT = (
    "Gunmen killed four farmers near Gusau on Tuesday, a village head told the Courier. "
    "Residents told the Courier that the attackers came on motorcycles."
)


def test_the_publishers_own_name_is_no_second_source(resources) -> None:
    record = {"url": "https://example.org/own", "title": "", "published": "2026-08-05",
              "publisher": "Savanna Courier", "text": TEXT}  # fmt: skip
    events = process(read_record(record, "own"), resources).events
    assert events and all(e.source == "Savanna Courier" for e in events), [e.source for e in events]


def test_own_name_is_the_publishers_name_or_its_last_words() -> None:
    assert own_name("the Courier", "Savanna Courier")
    assert own_name("the Sahel Morning Post", "Sahel Morning Post")
    assert not own_name("Reuters", "Savanna Courier")
    assert not own_name("the Savanna", "Savanna Courier")
    assert not own_name("the Courier", None)


CITED = (
    "Gunmen killed four farmers near Gusau on Tuesday, according to the Times. "
    "The Times reported that the attackers came on motorcycles."
)


def test_another_outlet_sharing_the_publishers_last_word_is_a_source(resources) -> None:
    # "the Times" cited in the (invented) Valley Times is the London paper, not the publisher
    record = {"url": "https://example.org/cited", "title": "", "published": "2026-08-05",
              "publisher": "Valley Times", "text": CITED}  # fmt: skip
    events = process(read_record(record, "cited"), resources).events
    assert events and all("The Times" in (e.source or "") for e in events), [e.source for e in events]


def test_the_verb_beside_a_shared_last_word_tells_self_naming_from_citation() -> None:
    assert own_name("the Times", "Valley Times", "a village head told ", " that")
    assert own_name("The Times", "Valley Times", "", " has learned that")
    assert not own_name("The Times", "Valley Times", "according to ", ".")
    assert not own_name("The Times", "Valley Times", "", " reported on Monday")
    assert own_name("the Valley Times", "Valley Times", "according to ", ".")  # its whole name


def test_a_paper_recalling_its_own_earlier_story_names_itself() -> None:
    # "as the Courier reported on Monday" in the Savanna Courier is its own earlier story
    assert own_name("the Courier", "Savanna Courier", "as ", " reported on Monday")
    assert own_name("The Courier", "Savanna Courier", "", " first reported the killings")
    assert own_name("the Courier", "Savanna Courier", "the raid was first reported in ", ".")
    assert not own_name("the Times", "Valley Times", "according to ", " last week")
