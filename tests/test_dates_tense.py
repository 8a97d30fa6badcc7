"""Tense cues of the temporal tagger (issue 15, time): an irregular past verb ("grew", "sold",
"fled") dates an underspecified month, quarter or weekday backwards like a verb in -ed; a present
passive ("is expected in May") is a schedule, not a past; "the first half of the year" is the
DCT's half. Sentences are made up."""

from __future__ import annotations

import pytest

from dateline.resolve.dates import tag_times
from dateline.resolve.dates.verbs import past_forms

DCT = "2021-03-10"  # a Wednesday in March


def value_of(text: str, expr: str) -> str:
    got = [t.value for t in tag_times(text, DCT) if t.text == expr]
    assert got, f"{expr!r} not tagged in {[(t.text, t.value) for t in tag_times(text, DCT)]}"
    return got[0]


def test_past_forms_come_from_the_lemmatizer_table() -> None:
    forms = past_forms()
    assert {"grew", "sold", "fled", "fought", "shrank", "found"} <= forms
    # base forms, present forms and the nouns' common reading are no past cue
    assert not {"lay", "bound", "are", "bit", "shot", "grow", "selling"} & forms


@pytest.mark.parametrize(
    "text, expr, want",
    [
        # a quarter not yet begun in a clause past by an irregular verb is last year's
        ("Exports shrank by a fifth in the fourth quarter.", "the fourth quarter", "2020-Q4"),
        ("The bakery chain grew quickly in the fourth quarter.", "the fourth quarter", "2020-Q4"),
        # a month a little ahead of the DCT, in a clause past by its own verb, is last year's
        ("The brewery sold its river barges in May.", "May", "2020-05"),
        ("Hundreds of families fled the valley in April.", "April", "2020-04"),
        ("Divers found the wreck in May.", "May", "2020-05"),
        # no past verb: the nearest May, ahead
        ("The brewery will sell its river barges in May.", "May", "2021-05"),
        ("The brewery sells its river barges in May.", "May", "2021-05"),
        # a passive after a future auxiliary is no past
        ("The river barges will be sold in May.", "May", "2021-05"),
        # a present passive is a schedule ahead, whether its participle is regular or not
        ("The appeal is heard in May before three judges.", "May", "2021-05"),
        ("The final vote is expected in May.", "May", "2021-05"),
        ("The regional fairs are held in April.", "April", "2021-04"),
        # a simple past passive stays past
        ("The river barges were sold in May.", "May", "2020-05"),
        # "due to" a noun phrase is a cause, not a plan; "due to" a verb is a plan
        ("Ferries were stopped due to a gale on Tuesday.", "Tuesday", "2021-03-09"),
        ("The losses were due to heavy frost on Monday.", "Monday", "2021-03-08"),
        ("The new ferry is due to enter service on Monday.", "Monday", "2021-03-15"),
        # a clock time's "a.m." before its zone or day ends no sentence: "until" still governs
        (
            "The agency extended its deadline until 9 a.m. EST Tuesday.",
            "9 a.m. EST Tuesday",
            "2021-03-16T09:00",
        ),
        (
            "The ferry will leave at 7 p.m. Friday, the harbour office said.",
            "7 p.m. Friday",
            "2021-03-12T19:00",
        ),
        # the day after a report's verb and its object is when the source spoke, not the future
        # of what was said
        ("The mayor told reporters Tuesday she would not resign.", "Tuesday", "2021-03-09"),
        ("The firm said in a statement Monday it would close two mills.", "Monday", "2021-03-08"),
        # a future cue between the report and the day keeps the day ahead
        ("The mayor said talks would resume on Tuesday.", "Tuesday", "2021-03-16"),
        ("The firm told staff the mills would close Monday.", "Monday", "2021-03-15"),
        # "the first half of the year" is the DCT's half
        ("Orders doubled in the first half of the year.", "the first half of the year", "2021-H1"),
        ("The second half of the year will be harder.", "The second half of the year", "2021-H2"),
        ("The second half of last year was weak.", "The second half of last year", "2020-H2"),
    ],
)
def test_tense_cues_and_halves(text: str, expr: str, want: str) -> None:
    assert value_of(text, expr) == want


def test_half_of_a_game_is_no_time() -> None:
    assert not tag_times("The striker scored twice in the second half of the match.", DCT)
