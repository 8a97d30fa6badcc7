"""End to end over the bundled samples and articles written here: the event record contract."""

from __future__ import annotations

import pickle

import pytest
from support import RESOURCES, SAMPLES, shared_resources

from dateline import pipeline
from dateline.extract.cameo import PLOVER_OF_SUB_EVENT, cameo_root
from dateline.read.sources import read_paths
from dateline.read.text import read_text
from dateline.records import Article

IDENTIFIERS = {"event_id", "article_ids", "evidence"}


def process(article):
    return pipeline.process(article, shared_resources())


def process_many(articles):
    return pipeline.process_many(articles, shared_resources())


def _results(paths):
    articles = [a for a in read_paths([str(p) for p in paths]) if isinstance(a, Article)]
    return list(process_many(articles))


@pytest.fixture(scope="module")
def sample_results():
    return _results([SAMPLES, RESOURCES / "related-story.txt", RESOURCES / "bad" / "mixed.jsonl"])


def _events(results):
    return [(r, e.to_dict()) for r in results for e in r.events]


def _dicts(result):
    return [e.to_dict() for e in result.events]


def test_every_field_has_evidence_that_matches_the_text(sample_results):
    pairs = _events(sample_results)
    assert len(pairs) >= 6
    for result, event in pairs:
        text = result.article.text
        cited = {ev["field"] for ev in event["evidence"]}
        for name, value in event.items():
            if name not in IDENTIFIERS and value not in (None, "", []):
                assert name in cited, f"{name} has no evidence in {event['notes']}"
        for ev in event["evidence"]:
            assert ev["article_id"] == result.article.article_id
            assert text[ev["start"] : ev["end"]] == ev["text"] and ev["text"].strip()


def test_no_event_evidence_comes_from_a_removed_span(sample_results):
    for result, event in _events(sample_results):
        removed = [(s.start, s.end) for s in result.segments if s.removed]
        for ev in event["evidence"]:
            assert not any(s <= ev["start"] < e for s, e in removed), ev


def test_event_ids_are_stable():
    article = next(
        a for a in read_paths([str(SAMPLES / "sahel-convoy-ambush.txt")]) if isinstance(a, Article)
    )
    first, second = process(article), process(article)
    assert [e.event_id for e in first.events] == [e.event_id for e in second.events]
    assert len({e.event_id for e in first.events}) == len(first.events)


def test_process_is_picklable_for_pools_and_dask():
    article = read_text("Gunmen killed two farmers in Gao on Monday, police said.", published="2020-03-04")
    resources = shared_resources()
    result = pickle.loads(pickle.dumps(pipeline.process))(pickle.loads(pickle.dumps(article)), resources)
    assert pickle.loads(pickle.dumps(result)).events == result.events
    clone = pickle.loads(pickle.dumps(resources))  # only the config travels; the models are rebuilt
    assert clone.config == resources.config and not clone._memo


def _one(results, needle):
    matches = [e for _, e in _events(results) if needle in (e.get("notes") or "")]
    assert len(matches) == 1, [e["notes"] for _, e in _events(results)]
    return matches[0]


def test_sahel_ambush(sample_results):
    event = _one(sample_results, "Menaka")
    assert event["event_type"] == "Battles" and event["sub_event_type"] == "Armed clash"
    assert event["iso3"] == "MLI" and event["geo_precision"] == 2  # "near Menaka"
    assert event["event_date"] == "2023-03-14" and event["time_precision"] == 1
    assert (
        event["actor1"].startswith("Unidentified Armed Group")
        and event["actor2"] == "Military Forces of Mali"
    )
    assert event["fatalities"] >= 12
    assert event["certainty"] == "reported" and event["attribution"] == "military sources"
    assert "Reuters" in event["source"]
    # the caption (a checkpoint photo) and the future security plan are not events
    assert not any("2023-02-02" == (e["event_date"] or "") for _, e in _events(sample_results))


def test_protest_with_intervention(sample_results):
    event = _one(sample_results, "Nairobi")
    assert event["sub_event_type"] == "Protest with intervention"
    assert event["actor1"] == "Protesters (Kenya)" and event["inter1"] == 6
    assert event["actor2"] == "Police Forces of Kenya" and event["inter2"] == 1
    assert event["event_date"] == "2023-07-07"  # "on Friday", published Saturday 8 July
    assert event["fatalities"] is None  # injuries are not deaths


def test_roadside_bomb_and_future_plans(sample_results):
    event = _one(sample_results, "Kandahar")
    assert event["sub_event_type"] == "Remote explosive/landmine/IED"
    assert event["fatalities"] == 2 and event["actor2"] == "Police Forces of Afghanistan"
    assert not any(
        "Ndjamena" in (e["notes"] or "") or "Chad" == e["country"] for _, e in _events(sample_results)
    )


def test_air_strike_keeps_its_casualty_range(sample_results):
    event = _one(sample_results, "Air/drone strike")
    assert (event["fatalities"], event["fatalities_low"], event["fatalities_high"]) == (7, 7, 9)
    assert event["actor1"] is None  # the text does not say who struck
    assert event["inter2"] == 7


def test_abduction_and_arrests_in_other_articles(sample_results):
    assert _one(sample_results, "Abduction")["actor2"].startswith("Civilians")
    arrests = _one(sample_results, "Arrests")
    assert arrests["event_date"] == "2017-06-02"


def test_a_failing_article_is_reported_not_raised(monkeypatch):
    def boom(annotated, resources, drops=None, budget=None):
        raise ValueError("synthetic failure")

    monkeypatch.setattr(pipeline, "analyse", boom)
    result = process(read_text("Rebels attacked a base in Gao on Monday."))
    assert result.events == [] and result.problems[0].code == "E100"
    assert "synthetic failure" in result.problems[0].message


def test_event_date_comes_from_the_events_own_clause():
    text = (
        "Rebels attacked an army base in Gao on Tuesday, a week after the government signed a deal "
        "with them on 2 March, officials said."
    )
    [event] = _dicts(process(read_text(text, published="2021-03-12")))
    assert event["event_date"] == "2021-03-09"  # Tuesday, not the date of the deal


def test_date_from_earlier_in_the_paragraph_when_the_sentence_has_none():
    text = "On 4 May, residents fled the area. Gunmen later killed two farmers near Gao, police said."
    [event] = _dicts(process(read_text(text, published="2021-05-20")))
    assert event["event_date"] == "2021-05-04" and event["time_precision"] == 1


def test_no_date_in_the_text_is_never_the_publication_day():
    [event] = _dicts(
        process(read_text("Gunmen killed two farmers near Gao, police said.", published="2021-05-20"))
    )
    # the week before publication (ACLED's date the day before it), never day-precise
    assert event["time_precision"] == 2 and event["event_date"] == "2021-05-19"
    assert event["event_date_end"] == "2021-05-20"


@pytest.mark.parametrize(
    "text",
    [
        "Floods killed 12 people in the town of Beledweyne on Monday, officials said.",
        "A fire at a chemical factory in Dhaka killed nine workers on Tuesday.",
        "Police seized two tonnes of cocaine in Guayaquil and arrested the cartel boss on Friday.",
        "The foreign ministers met in Geneva on Monday to discuss the ceasefire.",
    ],
)
def test_out_of_scope_news_is_not_a_conflict_event(text):
    assert _dicts(process(read_text(text, published="2022-05-10"))) == []


def test_violence_next_to_disaster_words_is_kept():
    text = "Gunmen killed two aid workers in Beledweyne on Monday as they delivered food to flood victims."
    [event] = _dicts(process(read_text(text, published="2022-05-10")))
    assert event["event_type"] == "Violence against civilians"


@pytest.mark.parametrize(
    "text",
    [
        "The senator strongly attacked the government's proposal on Tuesday, calling it reckless.",
        "Police arrested a man on drink-driving charges in Leeds on Friday.",
        "The officer had served with the city's riot police squad for two years.",
        "He demanded the return of the remains of soldiers killed in the war.",
        "A man was stabbed to death outside a shop in Leeds on Sunday, police said.",
        "A jogger was abducted near Redding on Monday, police said.",
        "The group has been blamed for attacks in the capital.",
        "He was sentenced on Monday for shooting two guards during a robbery.",
        "Two men were taken to hospital, the Highway Patrol said on Friday.",
    ],
)
def test_trigger_words_outside_their_conflict_sense_make_no_event(text):
    assert _dicts(process(read_text(text, published="2022-05-10"))) == []


def test_a_place_named_before_the_event_word_locates_it():
    [event] = _dicts(
        process(
            read_text("More than 1,000 people gathered on Sunday at a Calgary rally.", published="2022-05-10")
        )
    )
    assert event["sub_event_type"] == "Peaceful protest" and event["location"] == "Calgary"


def test_political_arrest_and_attack_on_a_place_are_kept():
    text = (
        "Police arrested 14 opposition activists in Harare on Tuesday. Gunmen attacked a checkpoint in Gao."
    )
    events = _dicts(process(read_text(text, published="2022-05-12")))
    assert [(e["sub_event_type"], e["location"]) for e in events] == [
        ("Arrests", "Harare"),
        ("Armed clash", "Gao"),
    ]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # the trigger says shelling or a plain clash; the classifier, sure and within the same
        # event type, gives the sub-type (its sentences become evidence for it)
        (
            "A drone fired two missiles at a pickup truck carrying militants near Kalak in Syria on Monday, killing four.",
            "Air/drone strike",
        ),
        (
            "Helicopter gunships shelled rebel positions near Idlib on Monday, killing nine fighters.",
            "Air/drone strike",
        ),
        (
            "Government troops recaptured the town of Kalak in Mali from the rebels on Monday.",
            "Government regains territory",
        ),
        # "bombed" is an air strike when aircraft did it
        ("Jets bombed a market in Idlib on Monday, killing 12 civilians.", "Air/drone strike"),
    ],
)
def test_sub_event_type_refined_within_its_event_type(text, sub):
    [event] = _dicts(process(read_text(text, published="2021-03-12")))
    assert event["sub_event_type"] == sub
    fields = {e["field"] for e in event["evidence"]}
    assert {"event_type", "sub_event_type"} <= fields
    # the PLOVER pair and the CAMEO root follow the final sub-type, not the trigger word
    if sub in PLOVER_OF_SUB_EVENT:
        assert (event["plover_type"], event["plover_mode"]) == PLOVER_OF_SUB_EVENT[sub]
    assert event["cameo_root"] == cameo_root(event["plover_type"], event["plover_mode"], sub)


def test_state_forces_killing_protesters_is_excessive_force():
    text = "Police fired live rounds at peaceful marchers in Khartoum on Monday, killing three protesters."
    [event] = _dicts(process(read_text(text, published="2021-03-12")))
    assert (event["event_type"], event["sub_event_type"]) == (
        "Protests",
        "Excessive force against protesters",
    )
    assert (event["actor1"], event["actor2"]) == ("Protesters (Sudan)", "Police Forces of Sudan")
    by_field = {e["field"]: e["text"] for e in event["evidence"]}
    assert by_field["actor1"] == "three protesters" and by_field["actor2"] == "Police"
    # coded as a protest throughout: the killing's "ASSAULT firearms" would contradict actor1
    assert (event["plover_type"], event["plover_mode"], event["cameo_root"]) == ("PROTEST", "demo", "14")
