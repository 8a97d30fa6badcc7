"""The exports are ACLED-faithful: CSV and Parquet round-trip through pandas with the types of
ACLED's codebook (tests/resources/acled_codebook.csv, written from ACLED's 2024-2025
export/API codebook, not from Dateline's output), text codes stay text, a real timestamp,
unknown tolls told from zero, the current inter scheme, English names with the local ones beside;
``dateline.load`` and ``export --format parquet``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from dateline import frame  # noqa: E402
from dateline.cli import main  # noqa: E402
from dateline.export import ACLED_COLUMNS, CSV_COLUMNS, EVENT_FIELDS, write_events  # noqa: E402
from dateline.records import Article, Event, Result  # noqa: E402
from dateline.store import Store  # noqa: E402

CODEBOOK = Path(__file__).parent / "resources" / "acled_codebook.csv"
# each codebook type: how a CSV cell of it is written, and its Parquet type
CELL = {
    "text": re.compile(r".*", re.S),
    "integer": re.compile(r"-?\d+"),
    "float": re.compile(r"-?\d+(\.\d+)?"),
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
}
ARROW = {"text": pa.string(), "integer": pa.int64(), "float": pa.float64(), "date": pa.date32()}
PANDAS = {
    "text": pd.api.types.is_string_dtype,
    "integer": pd.api.types.is_integer_dtype,
    "float": pd.api.types.is_float_dtype,
    "date": pd.api.types.is_datetime64_dtype,
}


def codebook() -> dict[str, str]:
    with CODEBOOK.open(encoding="utf-8") as f:
        return {r["column"]: r["type"] for r in csv.DictReader(f)}


def ev(event_id: str, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = dict.fromkeys(EVENT_FIELDS)
    base.update(event_id=event_id, event_date="2024-06-03", time_precision=1, event_type="Battles",
                sub_event_type="Armed clash", actor1="Military Forces of the Democratic Republic of Congo (2019-)",
                inter1=1, actor2="M23: March 23 Movement", inter2=2, country="Democratic Republic of Congo",
                iso3="COD", admin1="North Kivu", admin2="Rutshuru", location="Kiwanja", latitude=-1.23,
                longitude=29.45, geo_precision=1, fatalities=None, source="Reuters", cameo_root="19",
                certainty="reported", article_ids=["a1"], evidence=[], claims=[], tolls=[])  # fmt: skip
    base.update(kw)
    return base


EVENTS = [
    ev("e1"),  # toll unknown
    ev("e2", event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Palestine)",
       inter1=6, actor2=None, inter2=None, country="Palestine", iso3="PSE", admin1=None, admin2=None,
       location="Ramallah", fatalities=0, cameo_root="08", event_date_end="2024-06-05"),  # a reported zero
    ev("e3", event_type="Violence against civilians", sub_event_type="Attack", actor1="Unidentified Armed Group (Afghanistan)",
       inter1=3, actor2="Civilians (Afghanistan)", inter2=7, country="Afghanistan", iso3="AFG", admin1="Kabul",
       admin2=None, location="Kabul", fatalities=4, cameo_root="18", timestamp=1717400000),
]  # fmt: skip


def csv_text(events: list[dict[str, Any]], **kw: Any) -> str:
    out = io.StringIO()
    write_events(events, "csv", out, **kw)
    return out.getvalue()


def parquet_bytes(events: list[dict[str, Any]]) -> bytes:
    buf = io.BytesIO()
    write_events(events, "parquet", buf)
    return buf.getvalue()


def test_the_acled_columns_are_the_codebooks_in_its_order() -> None:
    assert list(codebook()) == ACLED_COLUMNS
    assert list(frame.COLUMN_TYPES) == CSV_COLUMNS


def test_csv_cells_are_written_as_the_codebook_types_them() -> None:
    types = codebook()
    rows = list(csv.DictReader(io.StringIO(csv_text(EVENTS))))
    for row in rows:
        for col, kind in types.items():
            cell = row[col]
            assert cell == "" or CELL[kind].fullmatch(cell), f"{col} ({kind}): {cell!r}"
    assert [r["iso"] for r in rows] == ["180", "275", "4"]  # ISO numeric, no "180.0", no "004"


def test_csv_round_trips_through_pandas_with_the_codebook_types() -> None:
    df = pd.read_csv(
        io.StringIO(csv_text(EVENTS)),
        dtype=frame.CSV_DTYPES,
        parse_dates=frame.DATE_COLUMNS,
        keep_default_na=False,
        na_values=[""],
    )
    for col, kind in codebook().items():
        assert PANDAS[kind](df[col].dtype), f"{col}: {df[col].dtype}, codebook {kind}"
    # frame.read_csv: the same, but lists of article ids and one date resolution (frame.DATE_DTYPE)
    ours = frame.read_csv(io.StringIO(csv_text(EVENTS)))
    same = ["article_ids", *frame.DATE_COLUMNS]
    assert ours.drop(columns=same).dtypes.equals(df.drop(columns=same).dtypes)
    assert all(str(ours[c].dtype) == frame.DATE_DTYPE for c in frame.DATE_COLUMNS)
    assert list(df["cameo_root"]) == ["19", "08", "18"]  # text codes stay text
    assert list(df["event_date"]) == [pd.Timestamp("2024-06-03")] * 3
    assert df["iso"].tolist() == [180, 275, 4]


def test_read_csv_gives_the_frame_of_the_same_events() -> None:
    """What docs/store.md says: ``frame.read_csv`` of the CSV is ``to_frame`` of the records."""
    got = frame.read_csv(io.StringIO(csv_text(EVENTS, timestamp=1700000000)))
    want = frame.to_frame(EVENTS, timestamp=1700000000)
    assert str(got["event_date"].dtype).startswith("datetime64")
    assert [list(v) for v in got["article_ids"]] == [list(v) for v in want["article_ids"]] != []
    rest = [c for c in want.columns if c != "article_ids"]
    pd.testing.assert_frame_equal(got[rest], want[rest])  # values and dtypes


def test_parquet_round_trips_with_the_codebook_types() -> None:
    data = parquet_bytes(EVENTS)
    schema = pq.read_schema(io.BytesIO(data))
    for col, kind in codebook().items():
        assert schema.field(col).type == ARROW[kind], f"{col}: {schema.field(col).type}, codebook {kind}"
    df = pd.read_parquet(io.BytesIO(data))
    assert list(df.columns) == CSV_COLUMNS
    assert df["event_date"].tolist() == [dt.date(2024, 6, 3)] * 3
    assert df["cameo_root"].tolist() == ["19", "08", "18"]
    assert df["article_ids"].map(list).tolist() == [["a1"]] * 3
    assert pq.read_schema(io.BytesIO(data)).field("fatalities_known").type == pa.bool_()


def test_the_dataframe_has_the_codebook_types() -> None:
    df = frame.to_frame(EVENTS)
    for col, kind in codebook().items():
        assert PANDAS[kind](df[col].dtype), f"{col}: {df[col].dtype}, codebook {kind}"
    assert df["cameo_root"].tolist() == ["19", "08", "18"]
    assert df["event_date_end"].isna().tolist() == [True, False, True]


def test_unknown_tolls_are_told_from_a_reported_zero() -> None:
    rows = list(csv.DictReader(io.StringIO(csv_text(EVENTS))))
    assert [r["fatalities"] for r in rows] == ["0", "0", "4"]  # ACLED writes 0 for none reported
    assert [r["fatalities_known"] for r in rows] == ["false", "true", "true"]
    df = frame.to_frame(EVENTS)
    assert df["fatalities_known"].tolist() == [False, True, True]


def test_the_current_inter_scheme_with_the_codes_kept() -> None:
    rows = list(csv.DictReader(io.StringIO(csv_text(EVENTS))))
    assert [(r["inter1"], r["inter2"]) for r in rows] == [
        ("State forces", "Rebel group"), ("Protesters", ""), ("Political militia", "Civilians")]  # fmt: skip
    assert [r["interaction"] for r in rows] == [
        "State forces-Rebel group", "Protesters only", "Political militia-Civilians"]  # fmt: skip
    assert [r["civilian_targeting"] for r in rows] == ["", "", "Civilian targeting"]
    assert [(r["inter1_code"], r["inter2_code"], r["interaction_code"]) for r in rows] == [
        ("1", "2", "12"), ("6", "", "60"), ("3", "7", "37")]  # fmt: skip
    # the smaller code first, as ACLED's numeric interaction: civilians attacked by the state
    reverse = csv_text([ev("e4", inter1=7, inter2=1)])
    assert list(csv.DictReader(io.StringIO(reverse)))[0]["interaction"] == "State forces-Civilians"


def test_english_names_in_acleds_columns_and_local_ones_in_datelines() -> None:
    r1, r2, _ = csv.DictReader(io.StringIO(csv_text(EVENTS)))
    assert (r1["country"], r1["admin1"]) == ("Democratic Republic of Congo", "North Kivu")
    assert r1["admin1_local"] == "Nord-Kivu"
    assert r1["country_local"] == "Democratic Republic of the Congo"
    assert (r2["country"], r2["country_local"]) == ("Palestine", "Palestinian Territory")
    # a record stored before names were English: its country gets ACLED's name on export
    (old,) = csv.DictReader(io.StringIO(csv_text([{**EVENTS[1], "country": "Palestinian Territory"}])))
    assert (old["country"], old["country_local"]) == ("Palestine", "Palestinian Territory")


def test_timestamp_is_the_stored_write_or_the_run_never_zero() -> None:
    before = int(time.time())
    rows = list(csv.DictReader(io.StringIO(csv_text(EVENTS))))
    assert before <= int(rows[0]["timestamp"]) <= time.time() + 1  # never stored: the time of the run
    assert rows[2]["timestamp"] == "1717400000"  # the store's write
    fixed = list(csv.DictReader(io.StringIO(csv_text(EVENTS, timestamp=1700000000))))
    assert fixed[0]["timestamp"] == "1700000000"


def test_importing_dateline_stays_light() -> None:
    code = (
        "import sys, dateline; assert 'pandas' not in sys.modules and 'dateline.frame' not in sys.modules;"
        " assert callable(dateline.load) and 'pandas' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("acled") / "dateline.db"
    with Store(path) as store:
        for e in EVENTS:
            article = Article(article_id=e["article_ids"][0] + e["event_id"], text="x")
            store.add_result(Result(article=article, segments=[], events=[Event.from_dict(e)], problems=[]))
    return path


def test_load_gives_a_typed_frame_through_the_store_filters(db: Path) -> None:
    import dateline

    df = dateline.load(str(db))
    assert sorted(df["event_id"]) == ["e1", "e2", "e3"] and list(df.columns) == CSV_COLUMNS
    assert (df["timestamp"] > 1_500_000_000).all()  # stored: the write's time
    only = dateline.load(str(db), country="palestinian territory")  # a local form still finds it
    assert only["event_id"].tolist() == ["e2"] and only["cameo_root"].tolist() == ["08"]
    assert pd.api.types.is_datetime64_dtype(only["event_date"])
    assert dateline.load(str(db), event_type="Battles", limit=5)["event_id"].tolist() == ["e1"]
    with pytest.raises(ValueError):
        dateline.load(str(db), since="not a date")


def test_export_writes_parquet_with_the_apis_types(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert main(["export", "--db", str(db), "--format", "parquet", "--out", str(out)]) == 0
    cli_schema = pq.read_schema(out)
    with Store(db) as store:
        rows = store.events()
    from dateline.serve.formats import parquet

    api_schema = pq.read_schema(io.BytesIO(parquet(rows, None)))
    assert cli_schema.equals(api_schema) and cli_schema.names == CSV_COLUMNS
    assert pq.read_table(out).num_rows == 3


def test_the_apis_parquet_fields_keep_typed_export_columns() -> None:
    pytest.importorskip("fastapi")
    from dateline.serve.errors import ApiError
    from dateline.serve.formats import parquet

    schema = pq.read_schema(io.BytesIO(parquet(EVENTS, ["cameo_root", "event_date", "inter1"])))
    assert schema.names == ["event_date", "inter1", "cameo_root"]  # in the export's order
    assert [schema.field(n).type for n in schema.names] == [pa.date32(), pa.string(), pa.string()]
    with pytest.raises(ApiError):
        parquet(EVENTS, ["claims"])  # not an export column: JSON has it
