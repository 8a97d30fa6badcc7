"""``GET /drops``: the stored drops with their words, filtered by article and reason, and counts."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from dateline.ingest import open_store  # noqa: E402
from dateline.records import Article, Drop, Result  # noqa: E402
from dateline.serve import create_app  # noqa: E402

TEXT = "Rebels will attack the town next week.\n\nA man was stabbed outside a shop on Friday."


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = str(tmp_path_factory.mktemp("api") / "drops.db")
    with open_store(path) as s:
        for article_id in ("a1", "a2"):
            drops = [
                Drop(
                    article_id,
                    "extract",
                    "not_reportable",
                    "future or hypothetical",
                    (0, 38),
                    (12, 18),
                    "@kill",
                ),
                Drop(
                    article_id,
                    "merge",
                    "ordinary_crime",
                    "scope acled",
                    (40, 83),
                    (50, 57),
                    "@kill",
                    "Attack",
                ),
            ][: 2 if article_id == "a1" else 1]
            s.add_result(Result(Article(article_id=article_id, text=TEXT), [], [], drops=drops))
    return TestClient(create_app(path, ui=False), raise_server_exceptions=False)


def test_drops_with_their_words_and_counts(client: TestClient) -> None:
    body = client.get("/drops").json()
    assert body["counts"] == {"not_reportable": 2, "ordinary_crime": 1}
    assert [(d["article_id"], d["reason"]) for d in body["drops"]] == [
        ("a1", "not_reportable"), ("a1", "ordinary_crime"), ("a2", "not_reportable"),
    ]  # fmt: skip
    first = body["drops"][0]
    assert first["trigger_text"] == "attack" and first["sentence_text"] == TEXT[:38]
    assert first["trigger"] == [12, 18] and first["detail"] == "future or hypothetical"


def test_drops_by_article_and_reason(client: TestClient) -> None:
    body = client.get("/drops", params={"article_id": "a2"}).json()
    assert body["counts"] == {"not_reportable": 1} and len(body["drops"]) == 1
    body = client.get("/drops", params={"reason": "ordinary_crime"}).json()
    assert [d["trigger_text"] for d in body["drops"]] == ["stabbed"]
    assert len(client.get("/drops", params={"limit": 1}).json()["drops"]) == 1


def test_an_unknown_reason_is_a_parameter_error(client: TestClient) -> None:
    r = client.get("/drops", params={"reason": "boredom"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_parameter"
