"""Temporal tagger: normalisation against the publication date, and the TimeML evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.evaluate import timeml
from dateline.resolve.dates import tag_times

DCT = "2019-02-08"  # a Friday
HERE = Path(__file__).parent
SHARED = HERE.resolve().parent.parent / "shared" / "data" / "time"  # ../shared beside the clone


def one(text: str, dct: str | None = DCT, **kw):
    found = tag_times(text, dct, **kw)
    assert len(found) == 1, found
    return found[0]


def test_day_without_year_takes_dct_year():
    t = one("The siege began on 10 January.")
    assert (t.type, t.value, t.precision, t.date_start, t.date_end) == (
        "DATE",
        "2019-01-10",
        1,
        "2019-01-10",
        "2019-01-10",
    )
    assert t.anchored and t.text == "10 January"


def test_last_month_is_an_interval():
    t = one("Fighting intensified last month.")
    assert (t.value, t.date_start, t.date_end, t.precision) == ("2019-01", "2019-01-01", "2019-01-31", 3)


def test_weekday_is_most_recent_past():
    assert one("Troops withdrew on Wednesday.").value == "2019-02-06"
    assert one("Troops withdrew on Friday.").value == "2019-02-08"  # the DCT's own weekday
    assert one("Talks will resume on Monday.").value == "2019-02-11"


def test_explicit_dates():
    for text in ("on November 4, 2018", "on 4 November 2018", "on 4 November, 2018", "on 2018-11-04"):
        t = one(f"The attack happened {text}.")
        assert (t.value, t.precision, t.anchored) == ("2018-11-04", 1, False), text
    assert one("Jan. 10 was quiet.").value == "2019-01-10"


def test_month_without_year_follows_tense():
    assert one("Clashes broke out in December.").value == "2018-12"
    assert one("Elections will be held in December.").value == "2019-12"
    text = "Clashes broke out in December."
    assert one(text, tense_hints={text.index("December"): "future"}).value == "2019-12"


def test_years_decades_and_noise():
    assert one("The group has fought government troops since 2009.").value == "2009"
    t = one("The conflict dates back to the 1990s.")
    assert (t.value, t.date_start, t.date_end) == ("199", "1990-01-01", "1999-12-31")
    t = one("Output recovered by mid-2018.")
    assert t.value == "2018" and t.date_start > "2018-03-01" and t.date_end < "2018-10-01"
    assert tag_times("Police seized 500 rifles and 2000 rounds.", DCT) == []


def test_relative_expressions():
    assert one("Two days ago the convoy was hit.").value == "2019-02-06"
    assert one("The army said it withdrew yesterday.").value == "2019-02-07"
    assert one("More troops arrive next week.").value == "2019-W07"
    t = one("Prices rose earlier this year.")
    assert (t.value, t.date_start, t.date_end) == ("2019", "2019-01-01", DCT)
    assert one("Exports fell last year.").value == "2018"
    t = one("Violence has eased over the past year.")
    assert t.type == "DURATION" and t.value == "P1Y" and t.date_end == DCT


def test_durations_sets_times_and_fuzzy():
    t = one("The mission will last six to 12 months and cost more.")
    assert (t.type, t.value, t.text) == ("DURATION", "P6M", "six to 12 months")
    assert one("He was held for three years.").value == "P3Y"
    t = one("Patrols run every week.")
    assert (t.type, t.value) == ("SET", "P1W")
    t = one("The blast came at 1:06 pm in the market.")
    assert (t.type, t.value) == ("TIME", "2019-02-08T13:06")
    t = one("Shelling resumed Monday morning.")
    assert (t.type, t.value) == ("TIME", "2019-02-04TMO")
    assert one("Aid has recently resumed.").value == "PAST_REF"
    assert one("The town is currently under siege.").value == "PRESENT_REF"
    assert one("Talks may resume in the future.").value == "FUTURE_REF"


def test_no_dct_leaves_relative_unresolved():
    assert tag_times("They left yesterday.", None) == []
    assert one("On 4 November 2018 they left.", None).value == "2018-11-04"


def test_offsets_point_into_text():
    text = "Clashes on 10 January and again last month killed 12 people over six to 12 months."
    for t in tag_times(text, DCT):
        assert text[t.start : t.end] == t.text


def _last_line_metrics(out: str) -> dict[str, float]:
    last = out.strip().splitlines()[-1]
    return {k: float(v) for k, v in (kv.split("=") for kv in last.split())}


def test_eval_on_tiny_timeml(capsys):
    assert timeml.main([str(HERE / "resources" / "time")]) == 0
    m = _last_line_metrics(capsys.readouterr().out)
    assert set(m) == {"strict_f1", "relaxed_f1", "type_acc", "value_acc", "value_f1"}
    assert m["strict_f1"] == 1.0 and m["value_f1"] == 1.0


@pytest.mark.shared
def test_eval_gate_on_shared_dev(capsys):
    if not SHARED.exists():
        pytest.skip(f"{SHARED} not present: shared TimeML/MEANTIME dev data is not available")
    base = json.loads((HERE / "baselines" / "time.json").read_text())
    assert timeml.main([str(SHARED / base["path"])]) == 0
    m = _last_line_metrics(capsys.readouterr().out)
    for key, floor in base["floors"].items():
        assert m[key] >= floor, f"{key} {m[key]:.3f} below floor {floor}"
