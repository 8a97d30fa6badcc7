"""The event typer's cascade (config ``typing_skip_below``, issue 17): MPNet does not read an
event whose word-model reading is too unsure to act, and the pipeline's output stays the same.

The sentences below were written for these tests (CC0).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from support import shared_resources

from dateline.config import Config
from dateline.extract import event_typing as et
from dateline.extract import typing_models
from dateline.merge import scope
from dateline.pipeline import process
from dateline.read.text import read_text
from dateline.resources import Resources

VAGUE = "Two people were killed in Kisumu on Tuesday, the county commissioner said."
SURE = "Two helicopter gunships strafed a convoy of insurgents on the desert road, killing nine."
ARTICLE = (
    "KISUMU, Kenya, May 4 - Two people were killed in Kisumu on Tuesday, the county commissioner said.\n\n"
    "In the north, two helicopter gunships strafed a convoy of insurgents on the desert road near "
    "Mandera on Monday, killing nine, the army said.\n\n"
    "Police fired tear gas to break up a sit-in by unemployed graduates outside the county offices "
    "in Kisumu on Wednesday.\n\n"
    "Residents said the trouble started after a quarrel at the weekly market on Sunday evening."
)


def _reconfigured(**changes) -> Resources:
    shared = shared_resources()
    resources = Resources(replace(shared.config, **changes))
    resources._memo = shared._memo  # the same loaded models
    return resources


@pytest.fixture
def mpnet_reads(monkeypatch) -> list[str]:
    """The texts MPNet is asked to read."""
    seen: list[str] = []
    real = typing_models.FineTunedModel.proba

    def proba(self, texts, resources):
        seen.extend(texts)
        return real(self, texts, resources)

    monkeypatch.setattr(typing_models.FineTunedModel, "proba", proba)
    return seen


def test_default_is_on_and_below_the_acting_thresholds() -> None:
    config = Config()
    assert (
        0.0
        < config.typing_skip_below
        <= min(config.out_of_scope_min_probability, config.refine_min_probability)
    )


def test_unsure_word_model_skips_mpnet(mpnet_reads: list[str]) -> None:
    resources = shared_resources()
    words = et.classify_many([VAGUE], words_only=True, resources=resources)[0]
    assert words[1] < 0.35  # the word model cannot tell what this is
    got = et.classify_snippet(VAGUE, resources, skip_below=0.35)
    assert mpnet_reads == []
    assert got == words and got[1] < 0.35  # the word model's reading, too unsure to act


def test_sure_word_model_still_votes_with_mpnet(mpnet_reads: list[str]) -> None:
    resources = shared_resources()
    full = et.classify_snippet(SURE, resources)
    assert et.classify_snippet(SURE, resources, skip_below=0.35) == full
    assert mpnet_reads == [SURE, SURE]


def test_many_mixes_skipped_and_voted(mpnet_reads: list[str]) -> None:
    resources = shared_resources()
    texts = [VAGUE, SURE, ""]
    cascade = et.classify_many(texts, resources=resources, skip_below=0.35)
    assert mpnet_reads == [SURE]
    full = et.classify_many(texts, resources=resources)
    assert cascade[1] == full[1]
    assert all(p < 0.35 or (c, p) == f for (c, p), f in zip(cascade, full, strict=True))


def test_pipeline_skip_is_capped_by_the_acting_thresholds(monkeypatch) -> None:
    seen: list[float] = []
    monkeypatch.setattr(
        et, "classify_snippet", lambda text, resources, skip: seen.append(skip) or ("OTHER", 0.1)
    )
    article = read_text(VAGUE, published="2026-05-05")
    group = [type("R", (), {"mention": type("M", (), {"sentence": (0, len(VAGUE))})()})()]
    for changes, want in (
        ({}, 0.4),
        ({"typing_skip_below": 0.9}, 0.6),
        ({"typing_skip_below": 0.9, "refine_min_probability": 0.5}, 0.5),
        ({"typing_skip_below": 0.0}, 0.0),
    ):
        scope.classify_group(article, group, _reconfigured(**changes))
        assert seen.pop() == pytest.approx(want)


def test_pipeline_output_is_the_full_typers(mpnet_reads: list[str]) -> None:
    article = read_text(ARTICLE, published="2026-05-05")
    full = [e.to_dict() for e in process(article, _reconfigured(typing_skip_below=0.0, scope="all")).events]
    read_full = len(mpnet_reads)
    mpnet_reads.clear()
    cascade = [e.to_dict() for e in process(article, _reconfigured(scope="all")).events]
    assert full and cascade == full
    assert len(mpnet_reads) < read_full  # the vague killing was not read by MPNet


def test_a_rule_mpnet_could_set_off_keeps_mpnet(monkeypatch, mpnet_reads: list[str]) -> None:
    """The word model leans to mob violence, unsure; had MPNet made a protest class lead, the
    protest rule would lift the violent demonstration the riot words point to over 0.4: MPNet
    reads it."""
    resources = shared_resources()
    labels = et.model("acled.npz", resources).labels
    lean = {"MOB_VIOL": 0.3, "VIOL_DEMONSTR": 0.15}
    rest = (1 - sum(lean.values())) / (len(labels) - len(lean))
    row = np.array([[lean.get(c, rest) for c in labels]], dtype=np.float32)
    monkeypatch.setattr(typing_models.LinearModel, "proba", lambda self, texts: np.repeat(row, len(texts), 0))
    text = "Stone-throwing crowds clashed in the lanes of the old city."
    plain = et.classify_many([text], words_only=True, resources=resources)[0]
    assert plain[1] < 0.4 <= et._surest(text, labels, row[0])
    et.classify_many([text], resources=resources, skip_below=0.4)
    assert mpnet_reads == [text]
