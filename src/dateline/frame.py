"""Typed tables of events: the export columns as Parquet (``dateline export --format parquet`` and
the API's ``format=parquet`` both write :func:`write_parquet`), a pandas DataFrame
(:func:`load`, ``dateline.load``), and the ``read_csv`` arguments that read the CSV export with
the same types.

Column types follow ACLED's 2024-2025 export/API codebook for ACLED's columns (docs/store.md):
text stays text (``cameo_root`` "08", ``inter1`` "State forces"), ``iso`` and the counts are
integers, ``event_date`` a date. pandas and pyarrow are imported only when a table is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import IO, TYPE_CHECKING, Any

from .export import CSV_COLUMNS, acled_values

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "COLUMN_TYPES",
    "CSV_DTYPES",
    "DATE_COLUMNS",
    "DATE_DTYPE",
    "arrow_table",
    "load",
    "read_csv",
    "to_frame",
]

#: Every export column's type: ``str``, ``int``, ``float``, ``date``, ``bool`` or ``list`` (text
#: items; ``;``-joined in the CSV). ACLED's columns as ACLED's codebook types them (the test
#: compares them with tests/resources/acled_codebook.csv), then Dateline's.
COLUMN_TYPES: dict[str, str] = {
    # ACLED's
    "event_id_cnty": "str", "event_date": "date", "year": "int", "time_precision": "int",
    "disorder_type": "str", "event_type": "str", "sub_event_type": "str", "actor1": "str",
    "assoc_actor_1": "str", "inter1": "str", "actor2": "str", "assoc_actor_2": "str", "inter2": "str",
    "interaction": "str", "civilian_targeting": "str", "iso": "int", "region": "str", "country": "str",
    "admin1": "str", "admin2": "str", "admin3": "str", "location": "str", "latitude": "float",
    "longitude": "float", "geo_precision": "int", "source": "str", "source_scale": "str", "notes": "str",
    "fatalities": "int", "tags": "str", "timestamp": "int",
    # Dateline's
    "event_id": "str", "event_date_end": "date", "plover_type": "str", "plover_mode": "str",
    "cameo_root": "str", "certainty": "str", "attribution": "str", "fatalities_low": "int",
    "fatalities_high": "int", "fatalities_known": "bool", "inter1_code": "int", "inter2_code": "int",
    "interaction_code": "int", "country_local": "str", "admin1_local": "str", "admin2_local": "str",
    "geonameid": "int", "iso3": "str", "num_sources": "int", "num_articles": "int", "article_ids": "list",
    "evidence": "str",
}  # fmt: skip

DATE_COLUMNS: list[str] = [c for c, t in COLUMN_TYPES.items() if t == "date"]
#: pandas' type of the date columns in :func:`to_frame` and :func:`read_csv`: one resolution,
#: whatever the pandas version's default (Arrow's date32 and parsed text differ).
DATE_DTYPE = "datetime64[ms]"
#: ``pandas.read_csv(path, dtype=CSV_DTYPES, parse_dates=DATE_COLUMNS, keep_default_na=False,
#: na_values=[""])`` reads the CSV export with :func:`to_frame`'s types (dates as datetime64), but
#: ``article_ids`` as the ``;``-joined text; :func:`read_csv` splits it too.
CSV_DTYPES: dict[str, str] = {
    c: {"int": "Int64", "float": "float64", "bool": "boolean"}.get(t, "str")
    for c, t in COLUMN_TYPES.items()
    if t != "date"
}


def _arrow(kind: str) -> pa.DataType:
    import pyarrow as pa

    return {
        "int": pa.int64(),
        "float": pa.float64(),
        "date": pa.date32(),
        "bool": pa.bool_(),
        "list": pa.list_(pa.string()),
    }.get(kind, pa.string())


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):  # a stored date that is not ISO: no date rather than no table
        return None


def arrow_table(
    events: Iterable[Mapping[str, Any]], *, timestamp: int | None = None, columns: list[str] | None = None
) -> pa.Table:
    """The export columns (or ``columns`` of them) of event records as a typed Arrow table."""
    import pyarrow as pa

    names = columns or CSV_COLUMNS
    cols: dict[str, list[Any]] = {n: [] for n in names}
    for ev in events:
        values = acled_values(ev, timestamp)
        for n in names:
            v = values[n]
            cols[n].append(_date(v) if COLUMN_TYPES[n] == "date" else v)
    schema = pa.schema([(n, _arrow(COLUMN_TYPES[n])) for n in names])
    return pa.Table.from_pydict(cols, schema=schema)


def write_parquet(
    events: Iterable[Mapping[str, Any]],
    out: IO[bytes],
    *,
    timestamp: int | None = None,
    columns: list[str] | None = None,
) -> None:
    """Events as one Parquet file (zstd) on the binary stream ``out``."""
    import pyarrow.parquet as pq

    pq.write_table(arrow_table(events, timestamp=timestamp, columns=columns), out, compression="zstd")


def _pandas_types(table: pa.Table) -> pd.DataFrame:
    """Nullable integers and booleans (an unknown stays missing, not a float NaN), text as str,
    dates as datetime64."""
    import pandas as pd
    import pyarrow as pa

    mapping = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    frame = table.to_pandas(types_mapper=mapping.get, date_as_object=False)
    for c in DATE_COLUMNS:
        if c in frame:
            frame[c] = pd.to_datetime(frame[c]).astype(DATE_DTYPE)
    return frame


def to_frame(events: Iterable[Mapping[str, Any]], *, timestamp: int | None = None) -> pd.DataFrame:
    """Event records (``Store.events``' or ``Event.to_dict()``'s) as a DataFrame of the export columns."""
    return _pandas_types(arrow_table(events, timestamp=timestamp))


def read_csv(path_or_buffer: Any) -> pd.DataFrame:
    """A CSV export as :func:`to_frame` (and ``dateline.load``) give the same events: the same
    columns and types, dates as datetime64, ``article_ids`` split back into lists of ids."""
    import pandas as pd

    df = pd.read_csv(
        path_or_buffer,
        dtype=CSV_DTYPES,
        parse_dates=DATE_COLUMNS,
        keep_default_na=False,  # only an empty cell is missing: a place called "NA" is a name
        na_values=[""],
    )
    for c in (c for c in DATE_COLUMNS if c in df):
        df[c] = df[c].astype(DATE_DTYPE)
    for c in (c for c, t in COLUMN_TYPES.items() if t == "list" and c in df):
        df[c] = [[] if v is None or v is pd.NA or v != v or v == "" else v.split(";") for v in df[c]]
    return df


def load(db: str, *, limit: int | None = None, **filters: Any) -> pd.DataFrame:
    """The stored events matching ``filters`` as a DataFrame: ``dateline.load("dateline.db",
    country="Mali", since="2024")``. The filters are the API's ``/events`` parameters (docs/api.md),
    by name, through the store's one filter path; the columns are the export's (ACLED's first)."""
    from .config import load_config
    from .ingest import open_store
    from .lookup.actors import load_kb

    config = load_config()
    with open_store(
        db, read_only=True, create=False, kb=load_kb(config.actors), timeout=config.db_timeout, config=config
    ) as store:
        rows = store.events(limit=limit, **filters)
    return to_frame(rows)
