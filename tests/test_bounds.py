"""Bounds and one guard per article (issue 14): poison articles mixed with good ones through
``process_many``; every good one gives its events, every bad one ends as exactly one coded
problem (or, for a figure out of bounds, an event without it and a drop saying why)."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest
from support import shared_resources

from dateline import clean as clean_module
from dateline import pipeline
from dateline.clean import clean, split_long
from dateline.extract.fatalities import HUGE, parse_number
from dateline.read.common import build_article
from dateline.read.text import read_text
from dateline.resolve.dates import tag_times, tagger
from dateline.resources import Resources

GOOD = "Gunmen killed two farmers in the town of Gao on Monday, police said."


def _reconfigured(**changes) -> Resources:
    """A Resources of another config that reuses the suite's loaded models."""
    shared = shared_resources()
    resources = Resources(replace(shared.config, **changes))
    resources._memo = shared._memo
    return resources


def _good(i: int):
    return read_text(f"{GOOD}\n\nReport number {i}.", published="2020-03-04")


def _run(articles, **changes):
    return list(pipeline.process_many(articles, _reconfigured(**changes)))


def _codes(result) -> list[str]:
    return [p.code for p in result.problems]


def _check_goods(results, goods) -> None:
    by_id = {r.article.article_id: r for r in results}
    for article in goods:
        result = by_id[article.article_id]
        assert not result.problems, result.problems
        assert [e.event_type for e in result.events] == ["Violence against civilians"], result.events


def test_poison_articles_beside_good_ones():
    rnd = random.Random(14)
    words = ["alpha", "bravo", "charlie", "delta", "echo", "fox", "golf", "hotel", "india", "juliet"]
    poisons = {
        "too long": read_text("Word. " * 10_000),  # 60,000 characters
        "one long paragraph": read_text(" ".join([GOOD] * 120)),  # ~8,000 characters, no break
        "one long token": read_text("a" * 40_000),
        "punctuation only": read_text(" ... !!! ,,, \n\n ;;; ??? \n\n —— "),
        "said said said": read_text("said " * 6_000),
        "many paragraphs": read_text(
            "\n\n".join(" ".join(rnd.choices(words, k=3)) + "." for _ in range(1_500))
        ),
        "huge number": read_text(f"Gunmen killed {'9' * 20_000} civilians in Gao on Monday."),
        "floods": read_text(
            "\u202e" * 2_000 + "\u200b" * 2_000 + "e\u0301" * 2_000 + "\U0001f600" * 2_000 + "\n\n" + GOOD
        ),
    }
    goods = [_good(i) for i in range(len(poisons) + 1)]
    mixed = [a for pair in zip(goods, poisons.values(), strict=False) for a in pair] + goods[-1:]
    results = _run(mixed, max_article_chars=50_000, max_paragraph_chars=2_000, chunk_size=4)
    assert [r.article.article_id for r in results] == [a.article_id for a in mixed]
    _check_goods(results, goods)
    by_id = {r.article.article_id: r for r in results}
    outcome = {name: _codes(by_id[a.article_id]) for name, a in poisons.items()}
    assert outcome == {name: ["E102"] if name == "too long" else [] for name in poisons}
    # a long paragraph is cut into pieces within the limit, and still reports its event
    long_result = by_id[poisons["one long paragraph"].article_id]
    assert max(s.end - s.start for s in long_result.segments) <= 2_000
    assert len(long_result.segments) >= 4 and long_result.events


def test_a_paragraph_over_spacys_limit_is_cut_not_fatal():
    nlp = shared_resources().nlp
    saved = nlp.max_length
    nlp.max_length = 2_500  # spaCy's [E088] at 2,500 characters instead of 1,000,000
    try:
        long = read_text(" ".join([GOOD] * 60), published="2020-03-04")  # ~4,000 characters
        goods = [_good(1), _good(2)]
        cut = _run([goods[0], long, goods[1]], max_paragraph_chars=2_000)
        uncut = _run([goods[0], long, goods[1]], max_paragraph_chars=20_000)
    finally:
        nlp.max_length = saved
    _check_goods(cut, goods)
    _check_goods(uncut, goods)
    assert not cut[1].problems and cut[1].events
    # without the cut spaCy refuses the paragraph: that article's one problem, the next goes on
    assert _codes(uncut[1]) == ["E101"] and "E088" in uncut[1].problems[0].message


def test_an_exception_in_any_stage_stays_with_its_article(monkeypatch):
    real_clean, real_analyse = pipeline.clean, pipeline.analyse

    def clean_or_fail(article, limit):
        if "CLEANBOMB" in article.text:
            raise RecursionError("stub")
        return real_clean(article, limit)

    def analyse_or_fail(annotated, resources, drops, budget):
        if "ANALYSEBOMB" in annotated.cleaned.article.text:
            raise OverflowError("stub")
        return real_analyse(annotated, resources, drops, budget)

    monkeypatch.setattr(pipeline, "clean", clean_or_fail)
    monkeypatch.setattr(pipeline, "analyse", analyse_or_fail)
    goods = [_good(i) for i in range(3)]
    bombs = [read_text("CLEANBOMB here."), read_text("ANALYSEBOMB here.")]
    results = _run([goods[0], bombs[0], goods[1], bombs[1], goods[2]], chunk_size=5)
    _check_goods(results, goods)
    problems = {r.article.article_id: r.problems for r in results if r.problems}
    assert {k: [p.code for p in v] for k, v in problems.items()} == {b.article_id: ["E100"] for b in bombs}
    assert "RecursionError" in problems[bombs[0].article_id][0].message
    assert "OverflowError" in problems[bombs[1].article_id][0].message


def test_an_article_over_its_time_budget_is_one_coded_problem():
    results = _run([_good(1), _good(2)], article_timeout_s=1e-9)
    assert [_codes(r) for r in results] == [["E103"], ["E103"]]
    assert "after clean" in results[0].problems[0].message
    assert [_codes(r) for r in _run([_good(1)], article_timeout_s=0.0)] == [[]]  # 0: no budget


def test_loading_models_is_not_charged_to_the_article_that_triggered_it():
    """The first article of a run loads spaCy, the gazetteer index and the typer: on a busy machine
    with an empty cache that alone can pass the budget, and the article was failed with E103."""
    import time

    from dateline.config import Config

    resources = Resources(Config())
    budget = pipeline.Budget(0.2, resources=resources)
    resources.memo("slow model", lambda: time.sleep(0.3) or "loaded")  # a load inside the budget
    budget.check("annotate")  # not over: the load is not the article's time
    time.sleep(0.25)  # the article's own time is
    with pytest.raises(Exception) as caught:
        budget.check("extract")
    assert getattr(caught.value, "code", None) == "E103"
    wall = pipeline.Budget(1.0)  # without resources: wall time, loads included, as before
    resources.memo("another slow model", lambda: time.sleep(0.3) or "loaded")
    assert wall.elapsed() >= 0.3


def _drops(result, reason="implausible"):
    return [d for d in result.drops if d.reason == reason]


def test_an_implausible_toll_is_not_used_and_says_why():
    huge = read_text(
        "Gunmen killed 99999999999999999999999999 civilians in the town of Gao on Monday, police said.",
        published="2020-03-04",
    )
    over_cap = read_text(
        "Gunmen killed 2,000 civilians in the town of Gao on Monday, police said.", published="2020-03-04"
    )
    results = _run([huge, over_cap, _good(1)], max_fatalities=1_000)
    for result in results[:2]:
        assert not result.problems
        (event,) = result.events
        assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (None, None, None)
        (drop,) = _drops(result)
        assert "max_fatalities=1,000" in drop.detail and drop.stage == "merge"
    assert results[2].events[0].fatalities == 2 and not _drops(results[2])


@pytest.mark.parametrize(
    ("text", "published", "window_hit"),
    [
        ("Gunmen killed two farmers in the town of Gao yesterday, police said.", "0001-01-01", "0001-01-01"),
        ("Gunmen killed two farmers in the town of Gao on Monday, police said.", "9999-12-31", "9999-"),
        ("Gunmen killed two farmers in the town of Gao on 0001-01-01, police said.", "2020-03-04", None),
        # published days after "1 January" (a day weeks before publication would be background)
        ("Gunmen killed two farmers in the town of Gao on 1 January 0001, police said.", "2020-01-04", None),
        ("Gunmen killed two farmers in the town of Gao in the year 99999.", "2020-03-04", None),
    ],
)
def test_dates_off_the_calendar_never_overflow(text, published, window_hit):
    # the readers refuse an implausible publication date (E016); an Article built another way
    # (a program, an old store) can still carry one, and the pipeline must survive it
    (result,) = _run([build_article(text, published=published)])
    assert not result.problems, result.problems
    (event,) = result.events
    for value in (event.event_date, event.event_date_end):
        assert value is None or "1900-01-01" <= value <= "2100-12-31"
    if window_hit:  # the publication date itself is out of bounds: the event keeps no date
        assert event.event_date is None and any(window_hit in d.detail for d in _drops(result))
    elif "0001" in text and "-01-01" in text:  # the written date is refused, publication dates it
        assert event.event_date == "2020-03-03" and _drops(result)


def test_the_tagger_survives_any_anchor():
    text = "Yesterday, last week, next year, on Monday, tomorrow, three days ago, the day before, in March."
    for dct in ("0001-01-01", "0001-01-07", "9999-12-31", "2020-13-45", "99999-99-99", "0000-00-00"):
        for t in tag_times(text, dct):
            assert t.date_start is None or t.date_start >= "0001-01-01"


def test_split_long_cuts_at_sentence_ends_within_the_limit():
    text = " ".join(f"Sentence number {i} is here." for i in range(400))
    pieces = split_long(text, 0, len(text), 1_000)
    assert all(0 < e - s <= 1_000 for s, e in pieces)
    assert all(text[e - 1] == "." for s, e in pieces)
    covered = "".join(text[s:e] + " " for s, e in pieces).strip()
    assert covered == text
    token = "x" * 2_500
    assert split_long(token, 0, len(token), 1_000) == [(0, 1_000), (1_000, 2_000), (2_000, 2_500)]
    assert split_long(text, 5, 50, 1_000) == [(5, 50)]


def _old_mark_duplicates(text, segments):
    """The full scan the indexed duplicate check replaced (the reference)."""
    kept = []
    for seg in segments:
        if seg.removed or seg.kind not in ("body", "caption"):
            continue
        words = clean_module._words(text[seg.start : seg.end])
        for other, other_words in kept:
            union = words | other_words
            if union and len(words & other_words) / len(union) >= clean_module.DUPLICATE_SIMILARITY:
                seg.kind, seg.removed = "duplicate", True
                seg.reason = f"repeats the {other.kind} at {other.start}-{other.end}"
                break
        else:
            kept.append((seg, words))


def test_duplicate_paragraphs_same_as_the_full_scan(monkeypatch):
    rnd = random.Random(3)
    vocab = [f"w{i}" for i in range(40)]
    paragraphs = []
    for _ in range(400):
        if paragraphs and rnd.random() < 0.4:  # a near copy of an earlier paragraph
            words = rnd.choice(paragraphs).split()
            k = rnd.randrange(len(words))
            words[k] = rnd.choice(vocab)
            if rnd.random() < 0.5:
                words.append(rnd.choice(vocab))
        else:
            words = rnd.choices(vocab, k=rnd.randint(1, 14))
        paragraphs.append(" ".join(words))
    article = read_text("\n\n".join(p + "." for p in paragraphs))
    new = clean(article).segments
    monkeypatch.setattr(clean_module, "_mark_duplicates", _old_mark_duplicates)
    old = clean(article).segments
    assert new == old
    assert sum(s.kind == "duplicate" for s in new) > 20


def test_a_number_too_long_for_int_is_read_as_huge():
    assert parse_number(["9" * 5_000]) == HUGE  # int() refuses more than 4,300 digits
    assert parse_number(["0" * 40 + "12"]) == 12 and parse_number(["1,200"]) == 1_200


def test_the_link_pattern_matches_as_the_quadratic_one_did():
    old = re.compile(r"\S+://\S+|\b[A-Z]{2,}\b")  # tried every start inside a long token
    rnd = random.Random(5)
    alphabet = ["a", "B", ":", "/", "//", "://", " ", "\n", "AB", "x.y", " http://a.b/c "]
    for _ in range(3_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 25)))
        assert tagger._NOT_PROSE.sub(" ", text) == old.sub(" ", text), repr(text)
