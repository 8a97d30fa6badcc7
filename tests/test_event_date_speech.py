"""An event's date is its own, not the day a source told of it, nor a date carried from a sentence
that names another event (issues 13/16; resolve/dates/event_date.py). Texts written for these tests."""

from __future__ import annotations

from dateline.extract.mentions import Mention
from dateline.resolve.dates import event_time, event_times

PUBLISHED = "2023-06-09"  # a Friday


def _date(text: str, sentence: str, trigger: str, clause: str | None = None) -> str | None:
    """The date ``event_time`` gives a mention of ``trigger`` in ``sentence`` (one paragraph),
    the trigger's clause ``clause`` when given."""
    start = text.index(sentence)
    at = text.index(trigger, start)
    own = text.index(clause, start) if clause else None
    mention = Mention(
        paragraph=0,
        sentence=(start, start + len(sentence)),
        trigger=(at, at + len(trigger)),
        event_type=None,
        sub_event_type=None,
        plover_type=None,
        plover_mode=None,
        rank=0,
        anaphoric=False,
        certainty="reported",
        certainty_cue=None,
        paragraph_span=(0, len(text)),
        clause=None if own is None or clause is None else (own, own + len(clause)),
    )
    times, published = event_times(text, PUBLISHED)
    best = event_time(text, mention, times, published)
    return best.date_start if best else None


def test_a_day_a_source_spoke_on_is_not_the_event_date() -> None:
    text = "Gunmen killed nine villagers near the border, a district official said Thursday."
    assert _date(text, text, "killed") is None


def test_a_confirmation_day_gives_way_to_the_date_told_before() -> None:
    first = "Militants stormed a police post in the hills on Tuesday."
    second = "The consulate confirmed on Thursday that two engineers were abducted there."
    text = f"{first} {second}"
    assert _date(text, second, "abducted") == "2023-06-06"


def test_a_reporter_object_before_the_date_is_still_speech() -> None:
    text = "A mob torched a bus in the market, the mayor told reporters in the capital on Wednesday."
    assert _date(text, text, "torched") is None


def test_the_events_own_date_wins_over_the_speech_date() -> None:
    text = "Troops shelled the ridge on Monday night, the army said on Thursday."
    assert _date(text, text, "shelled") == "2023-06-05"


def test_a_speech_date_dates_an_event_said_to_happen_that_day() -> None:
    text = "Two engineers were abducted earlier in the day, the consulate said on Thursday."
    assert _date(text, text, "abducted", "Two engineers were abducted earlier in the day") == "2023-06-08"


def test_a_passive_report_dates_what_happened() -> None:
    text = "Looting was reported on Wednesday morning in the old town."
    assert _date(text, text, "Looting") == "2023-06-07"


def test_a_date_naming_another_event_is_not_carried() -> None:
    first = "Separatists claimed the May 28 bombings in the port city."
    second = "Police detained four men in a dawn raid."
    text = f"{first} {second}"
    assert _date(text, first, "bombings") == "2023-05-28"  # its own sentence's event keeps it
    assert _date(text, second, "detained") is None


def test_a_possessive_date_is_not_carried() -> None:
    first = "Tuesday's ambush killed six soldiers on the highway."
    second = "Troops detained two suspects in a nearby village."
    text = f"{first} {second}"
    assert _date(text, second, "detained") is None


def test_a_clause_date_is_carried_to_the_next_sentence() -> None:
    first = "On May 28, a bomb exploded in the port city."
    second = "Police detained four men in a dawn raid."
    text = f"{first} {second}"
    assert _date(text, second, "detained") == "2023-05-28"


def test_a_same_day_phrase_anchored_on_a_speech_is_the_speech_day() -> None:
    first = "Gunmen raided a customs post on Tuesday."
    second = (
        "The embassy confirmed on Thursday that a guard was killed in the raid, while the ministry"
        " on the same day condemned it."
    )
    text = f"{first} {second}"
    assert _date(text, second, "killed", "a guard was killed in the raid") == "2023-06-06"


def test_a_day_of_speaking_before_the_clause_it_tells_is_not_the_event_date() -> None:
    text = "Police said Tuesday the attack killed five people in the market."
    assert _date(text, text, "killed") is None
