"""`datasette dateline.db` works on the store unchanged: Datasette's ASGI app (no server) over a
store ingested from the samples lists the events table, follows the shipped metadata
(datasette/metadata.yaml: column descriptions, canned queries) and runs its canned queries."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

datasette_app = pytest.importorskip("datasette.app", reason="datasette is a test-only dependency")
yaml = pytest.importorskip("yaml")

from dateline.cli import main  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
METADATA = REPO / "datasette" / "metadata.yaml"


@pytest.fixture(scope="module")
def db(tmp_path_factory, resources) -> Path:
    path = tmp_path_factory.mktemp("datasette") / "dateline.db"
    paths = [str(SAMPLES / n) for n in ("sahel-convoy-ambush.txt", "nairobi-protest.html", "wire.jsonl")]
    assert main(["ingest", *paths, "--db", str(path), "--quiet"], resources=resources) == 0
    return path


def get(db: Path, *paths: str) -> list[Any]:
    """Each path's JSON from one Datasette app over ``db`` with the shipped metadata."""
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))

    async def run() -> list[Any]:
        ds = datasette_app.Datasette([str(db)], metadata=metadata)
        out = []
        for p in paths:
            r = await ds.client.get(p)
            assert r.status_code == 200, (p, r.status_code, r.text[:300])
            out.append(r.json())
        return out

    return asyncio.run(run())


def test_datasette_reads_the_events_table(db: Path) -> None:
    (tables, events) = get(db, "/dateline.json", "/dateline/events.json?_shape=array&_size=max")
    names = {t["name"] for t in tables["tables"]}
    assert {"events", "evidence", "articles"} <= names
    assert len(events) >= 3
    first = events[0]
    assert (
        first["event_id"].startswith("ev-") and json.loads(first["record"])["event_id"] == first["event_id"]
    )
    assert all(e["timestamp"] > 1_500_000_000 for e in events)


def test_the_shipped_metadata_describes_columns_and_its_canned_queries_run(db: Path) -> None:
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    described = metadata["databases"]["dateline"]["tables"]["events"]["columns"]
    (events_meta,) = get(db, "/dateline/events.json?_size=1&_extra=columns")
    assert set(described) <= set(events_meta["columns"]), "a described column is not in the events table"
    (by_country, some) = get(
        db, "/dateline/fatalities_by_country.json?_shape=array", "/dateline/events.json?_shape=array&_size=1"
    )
    assert sum(r["events"] for r in by_country) >= 3
    event_id = some[0]["event_id"]
    (evidence,) = get(db, f"/dateline/event_evidence.json?_shape=array&event_id={event_id}")
    assert evidence and {r["event_id"] for r in evidence} == {event_id}
    assert all(r["text"] for r in evidence)
