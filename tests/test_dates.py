"""Temporal tagger: normalisation against the publication date, and the TimeML evaluation."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

import pytest
from support import SHARED as SHARED_ROOT

from dateline.evaluate import timeml
from dateline.resolve.dates import event_times, tag_times, tagger

DCT = "2019-02-08"  # a Friday
HERE = Path(__file__).parent
SHARED = SHARED_ROOT / "data" / "time"


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


def test_longest_of_overlapping_matches_is_kept_like_a_linear_scan():
    # select_longest bisects over the kept spans; the reference is the scan it replaced.
    rnd = random.Random(3)
    for _ in range(200):
        cands = []
        for order in range(rnd.randint(0, 40)):
            s = rnd.randint(0, 60)
            cands.append((s, s + rnd.randint(1, 12), order % 5, ("DATE", str(order), None, None, None)))
        taken: list[tuple[int, int]] = []
        expected = []
        for s, e, _, res in sorted(cands, key=lambda x: (x[0] - x[1], x[2], x[0])):
            if not any(s < te and ts < e for ts, te in taken):
                taken.append((s, e))
                expected.append((s, e, res))
        assert tagger.select_longest(cands) == expected


def test_sentence_break_lookup_matches_a_search_of_the_slice():
    rnd = random.Random(5)
    for _ in range(100):
        text = "".join(rnd.choice("a .!?\n\t") for _ in range(30))
        breaks = tagger._Breaks(text)
        for lo in range(len(text) + 1):
            for hi in range(lo, len(text) + 1):
                found = re.search(r"[.!?]\s|\n", text[lo:hi]) is not None
                assert breaks.within(lo, hi) == found, (text, lo, hi)


def test_clock_time_takes_the_nearest_day_in_its_sentence():
    text = "On 3 January talks failed. Fighting began at 6 am on 5 January and ended on 9 January at noon."
    times = [t for t in tag_times(text, DCT) if t.type == "TIME"]
    assert [t.value for t in times] == ["2019-01-05T06:00", "2019-01-09T12:00"]
    # starts equally far before and after: the earlier day wins (min() over the days in text order)
    text = "3 January and 6 am and also 4 January"
    assert text.index("6 am") - text.index("3 J") == text.index("4 J") - text.index("6 am")
    assert [t.value for t in tag_times(text, DCT) if t.type == "TIME"] == ["2019-01-03T06:00"]


# A lower-cased scrape: enough words that the text is surely lower-cased, not a short headline.
LOWER_TAIL = (
    " the situation in the district stayed tense through the week and extra police were posted in"
    " the old quarter and the villages around it, officials of the district administration said."
)


def test_lower_cased_text_names_weekdays_and_pinned_months():
    found = tag_times("troops fired on a crowd at the depot on thursday night." + LOWER_TAIL, DCT)
    assert [(t.text, t.value) for t in found] == [("thursday night", "2019-02-07TNI")]
    found = tag_times("the dharna began on january 28 near the depot." + LOWER_TAIL, DCT)
    assert [t.value for t in found] == ["2019-01-28"]
    # a modal "may" after a count is no month, even in lower-cased text
    assert tag_times("at least 5 may have died in the stampede." + LOWER_TAIL, DCT) == []
    # ordinary text keeps its case-sensitive names: "monday" alone is not taken there
    assert tag_times("The monday group met.", DCT) == []


def test_month_abbreviation_without_its_full_stop():
    assert one("Filed Jul 18, 2001 by a staff reporter.").value == "2001-07-18"
    assert one("The vote was on Sep 3, 2020.").value == "2020-09-03"


def test_a_dateline_dates_the_report_not_the_event():
    text = "PORTVILLE, Freedonia, March 3 (Agency) - Gunmen raided a market on Sunday, police said."
    times, dct = event_times(text, "2019-03-03")
    assert [(t.text, t.value) for t in times] == [("Sunday", "2019-03-03")]
    assert dct == dt.date(2019, 3, 3)


def test_a_byline_timestamp_gives_the_missing_publication_date():
    text = (
        "Riot in the bazaar | Feb 6, 2003, 01.30 AM IST\n"
        "a mob set fire to two shops on tuesday evening." + LOWER_TAIL * 5  # a scrape's length
    )
    times, dct = event_times(text, None)
    assert dct == dt.date(2003, 2, 6)
    assert [(t.text, t.value) for t in times] == [("tuesday evening", "2003-02-04TEV")]


def test_days_back_is_days_ago():
    t = one("The shopkeeper was stabbed three days back.")
    assert (t.value, t.precision) == ("2019-02-05", 1)


@pytest.mark.shared
@pytest.mark.parametrize("part", ["dev", "locked"])
def test_eval_gate_on_tbaq(part, capsys):
    """TimeBank + AQUAINT: dev (developed on) and locked (held out) floors, each its own part."""
    if not (SHARED / "tbaq-cleaned").exists():
        pytest.skip("../shared TimeBank + AQUAINT is not available")
    floors = json.loads((HERE / "baselines" / "time.json").read_text())[f"tbaq_{part}"]
    assert timeml.main(["--corpus", "tbaq", "--part", part]) == 0
    m = _last_line_metrics(capsys.readouterr().out)
    for key, floor in floors.items():
        assert m[key] >= floor, f"tbaq {part} {key} {m[key]:.3f} below floor {floor}"
