"""``evaluate/folia.py`` (FoLiA protest annotations -> per-report gold) on an invented report, the
scoring of ``dateline eval protest`` on hand-made events, and its floors on the 29 india-protest
reports no gold uses (tests/baselines/protest.json; skipped without ../shared)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from support import SHARED, shared_resources

from dateline.evaluate import protest
from dateline.evaluate.folia import read_folia, time_of
from dateline.evaluate.sources import folia_text
from dateline.records import Event, Evidence, Place

HERE = Path(__file__).parent
TINY = HERE / "resources" / "folia" / "tiny-protest-report.folia.xml"
FRESH = SHARED / "data" / "events" / "india-protest-folia"
FLOORS = json.loads((HERE / "baselines" / "protest.json").read_text())


def test_the_text_is_the_one_the_sources_give_and_spans_point_into_it() -> None:
    doc = read_folia(TINY)
    assert folia_text(TINY) == doc.text  # what the article evals read is this text
    # tokens joined as tokenised (no space where a token says space="no"), sentences by a space
    assert "Sep 5, 2001" in doc.text and "surat: about" in doc.text and "  " not in doc.text
    assert doc.text[doc.sentences[0][1] : doc.sentences[1][0]] == " "
    assert [s.text for s in doc.triggers] == ["staged a dharna", "agitation"]
    assert [s.text for s in doc.places] == ["surat"] and doc.places[0].start > doc.sentences[1][0]
    assert [s.text for s in doc.place_pub] == ["surat"]
    assert [s.text for s in doc.participants] == ["200", "teachers"]
    for span in doc.triggers + doc.places + doc.times + doc.stamps:
        assert doc.text[span.start : span.end] == span.text
    assert doc.event == "Yes" and len(doc.sentences) == 2
    assert doc.sentence_of(doc.triggers[1].start) == doc.sentences[1]


def test_the_event_time_is_read_against_the_report_s_timestamp() -> None:
    doc = read_folia(TINY)
    assert doc.published == date(2001, 9, 5)  # "Sep 5 , 2001 , 11.10 PM IST", a Wednesday
    assert [time_of(t.text, doc.published) for t in doc.times] == [date(2001, 9, 4)]  # "on tuesday"
    wednesday = date(2001, 9, 5)
    assert time_of("on wednesday night", wednesday) == wednesday
    assert time_of("yesterday", wednesday) == date(2001, 9, 4)
    assert time_of("on august 30", wednesday) == date(2001, 8, 30)
    assert time_of("on 12th december", wednesday) == date(2000, 12, 12)  # not after publication
    assert time_of("around noon", wednesday) is None and time_of("on monday", None) is None
    # a clock time before the date: the month's number is not the first number of the phrase
    assert time_of("at 10 am on august 21", wednesday) == date(2001, 8, 21)
    assert time_of("around 4 pm on 21st august", wednesday) == date(2001, 8, 21)


def _event(kind: str, start: int, end: int, lat: float, lon: float, day: str = "2001-09-04") -> Event:
    return Event(
        event_id="e",
        event_type=kind,
        latitude=lat,
        longitude=lon,
        iso3="IND",
        admin1="Gujarat",
        event_date=day,
        evidence=[Evidence(field="event_type", article_id="a", start=start, end=end, text="x")],
    )


def test_found_placed_and_dated() -> None:
    doc = read_folia(TINY)
    surat = Place(name="Surat", geonameid=1, latitude=21.19, longitude=72.83, iso3="IND", kind="city")
    in_sentence = _event("Protests", 70, 78, 21.2, 72.85)  # "teachers", the trigger's sentence
    far = _event("Protests", 70, 78, 23.02, 72.58)  # Ahmedabad, 200 km off
    typed_else = _event("Riots", 162, 165, 21.2, 72.85)  # the second sentence holds a trigger too
    other = _event("Battles", 82, 97, 21.2, 72.85)
    assert protest.protest_events(doc, [in_sentence, far, typed_else, other]) == [
        in_sentence,
        far,
        typed_else,
    ]
    shifted = _event("Protests", 70 + 10, 78 + 10, 21.2, 72.85)
    assert protest.protest_events(doc, [shifted], shift=10) == [shifted]
    assert protest.placed_right(in_sentence, [surat]) and not protest.placed_right(far, [surat])
    gujarat = Place(
        name="Gujarāt",
        geonameid=2,
        latitude=22.5,
        longitude=71.5,
        iso3="IND",
        admin1="Gujarāt",
        kind="admin1",
    )
    assert protest.placed_right(far, [gujarat])  # in the annotated state, its name folded
    assert protest.dated_right(in_sentence, [date(2001, 9, 5)])
    assert not protest.dated_right(_event("Protests", 70, 78, 21.2, 72.85, "2001-09-01"), [date(2001, 9, 4)])


def test_the_read_and_check_halves_follow_the_first_hex_digit_of_sha1() -> None:
    ids = [f"doc-{n}" for n in range(200)]
    read = [i for i in ids if protest.half(i) == "read"]
    assert 70 < len(read) < 130
    assert protest.half("a") == "read" and protest.half("d") == "check"  # sha1: 86f7…, 3c36…


def test_the_eval_runs_on_a_folder_of_reports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / TINY.name).write_bytes(TINY.read_bytes())
    assert protest.main([str(tmp_path)], resources=shared_resources()) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["all"]["reports"] == 1 and figures["all"]["protests"] == 1
    assert figures["all"]["found"] <= 1 and figures["all"]["placed"] <= figures["all"]["found"]


def test_a_missing_folder_is_skipped_with_a_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert protest.main([str(tmp_path / "none")]) == 2
    assert "is not here" in capsys.readouterr().err


def test_without_the_gold_s_ids_nothing_is_scored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # fail closed: with no ids to leave out, the gold's locked reports would be scored and explained
    (tmp_path / TINY.name).write_bytes(TINY.read_bytes())
    monkeypatch.setattr(protest, "coded_docs", lambda: set())
    assert protest.main([str(tmp_path)]) == 2
    assert "nothing scored" in capsys.readouterr().err


@pytest.mark.shared
def test_floors_on_the_unused_india_protest_reports(capsys: pytest.CaptureFixture[str]) -> None:
    if not FRESH.is_dir():
        pytest.skip(
            f"india-protest-folia reports not found at {FRESH} (only present in the Dateline workplace)"
        )
    assert protest.main([], resources=shared_resources()) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["all"]
    assert figures["reports"] == FLOORS["reports"]  # the article gold's reports stay out
    for metric, floor in FLOORS["floors"].items():
        assert figures[metric] >= floor, (metric, figures[metric], floor)
