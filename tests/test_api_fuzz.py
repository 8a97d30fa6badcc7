"""Property test over the API's parameter space: whatever a client sends as query or path
parameters, the answer is never a 5xx, and every 4xx is the JSON error envelope.

The routes and their parameters come from the app's own OpenAPI document, so a new route or
parameter is fuzzed without touching this file. Values: random unicode, lone surrogates and
invalid UTF-8 (as percent-escapes), huge and negative numbers, NaN and infinities, long strings,
dates of every shape (years 0 to 99999, months 0 to 13, time-zone offsets up to ±99:99), repeated
and unknown parameters."""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from test_api import EVENTS, TEXT  # noqa: E402

from dateline.ingest import open_store  # noqa: E402
from dateline.records import Article, Event, Result, Segment  # noqa: E402
from dateline.serve import create_app  # noqa: E402
from dateline.serve.guard import HEADERS  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = str(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    with open_store(path) as s:
        art = Article(article_id="a1", text=TEXT, title="t", published="2023-03-14")
        s.add_result(Result(article=art, segments=[Segment(31, 97, "body")],
                            events=[Event.from_dict(e) for e in EVENTS], problems=[]))  # fmt: skip
    # raise_server_exceptions: an exception that escapes the app's own guard fails the test loudly
    return TestClient(create_app(path, ui=False), raise_server_exceptions=True)


def _operations() -> list[tuple[str, list[str], list[str]]]:
    """(path template, path parameter names, query parameter names) of every GET route, from the
    OpenAPI document of the app's router (no database needed to list them)."""
    from fastapi import FastAPI

    from dateline.serve.routes import router

    app = FastAPI()
    app.include_router(router)
    out = []
    for path, ops in app.openapi()["paths"].items():
        params = ops["get"].get("parameters", [])
        out.append((path, [p["name"] for p in params if p["in"] == "path"],
                    [p["name"] for p in params if p["in"] == "query"]))  # fmt: skip
    return out


OPERATIONS = _operations()
PARAMS = [(path, "path", n) for path, names, _ in OPERATIONS for n in names] + [
    (path, "query", n) for path, _, names in OPERATIONS for n in names
]


def _date(y: int, m: int, d: int, shape: int, t: str | None, tz: str | None) -> str:
    s = f"{y:04d}" + (f"-{m:02d}" if shape > 0 else "") + (f"-{d:02d}" if shape > 1 else "")
    return s + (f"T{t}" if t and shape > 2 else "") + (tz or "" if shape > 2 else "")


DATES = st.builds(
    _date,
    st.one_of(st.sampled_from([0, 1, 2, 10, 11, 9999, 10_000]), st.integers(0, 99_999)),  # the ends matter
    st.one_of(st.integers(1, 12), st.sampled_from([0, 13])),
    st.one_of(st.integers(1, 28), st.sampled_from([0, 29, 30, 31, 32])),
    st.integers(0, 3),  # YYYY, YYYY-MM, YYYY-MM-DD, a date-time
    st.sampled_from([None, "00:00", "23:59:59", "24:00", "12:00:00.123456", "99:99"]),
    st.one_of(st.none(), st.sampled_from(["Z", "+00:00", "-00:00", "+23:59", "-23:59"]),
              st.builds("{}{:02d}:{:02d}".format, st.sampled_from("+-"), st.integers(0, 99), st.integers(0, 99))),
)  # fmt: skip
ODD = ["", " ", "..", "/", "../..", "%", "NaN", "nan", "inf", "-inf", "Infinity", "-0", "1e309", "0x10",
       "１２", "٣", "null", "[]", "{}", "'", '"', "*", "a*", "NEAR(a b)", "a OR b", "-a", "^a", "\\",
       "0001", "9999-12", "0000-00-00", "2023-02-30", "..//..", "2020/..", "../2020", "a/b/c",
       "-180,-90,180,90", "180,90,-180,-90", "1e308,1,2,3", "nan,nan,nan,nan", "1,2,3", ",,,",
       "0,0,0,0,0", "WyIiLCIiXQ", "WzEsMl0", "bnVsbA", "\x00", "\r\n", "\u202e", "\ufeff"]  # fmt: skip
OTHER = st.one_of(
    st.sampled_from(ODD),
    st.integers().map(str),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=30),
    st.text(min_size=100, max_size=3000),
    st.text(st.characters(codec="utf-8", categories=["Cs", "Co", "Cc", "Zs", "Mn"]), max_size=20),
    st.binary(max_size=24),  # bytes as they are: often not UTF-8
)
RANGES = st.builds("{}/{}".format, st.one_of(DATES, st.just("..")), st.one_of(DATES, st.just("..")))
VALUES = st.one_of(DATES, RANGES, OTHER)  # dates are a third: most filters are about time


def _quote(value: str | bytes) -> str:
    raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return urllib.parse.quote(raw, safe="")


def _check(r: Any) -> None:
    assert r.status_code < 500, (r.status_code, r.text[:300])
    for name, _ in HEADERS:
        assert name.decode() in r.headers
    if r.status_code >= 400:
        body = r.json()
        assert set(body) == {"error"}
        err = body["error"]
        assert err["status"] == r.status_code
        assert isinstance(err["code"], str) and err["code"] and isinstance(err["message"], str)


@pytest.mark.parametrize(("path", "where", "name"), PARAMS, ids=[f"{p} {n}" for p, _, n in PARAMS])
@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(value=VALUES)
def test_no_value_of_a_parameter_gives_a_server_error(
    client: TestClient, path: str, where: str, name: str, value: str | bytes
) -> None:
    """Each parameter of each route alone (the others absent or, for a path, a plain id)."""
    if where == "path":
        _check(client.get(path.replace("{" + name + "}", _quote(value) or "x")))
    else:
        _check(client.get(f"{path}?{_quote(name)}={_quote(value)}"))


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(data=st.data())
def test_no_mix_of_parameters_gives_a_server_error(client: TestClient, data: st.DataObject) -> None:
    """Several parameters at once, repeated ones and unknown names among them."""
    path, path_names, query_names = data.draw(st.sampled_from(OPERATIONS))
    for name in path_names:
        path = path.replace("{" + name + "}", _quote(data.draw(VALUES)) or "x")
    names = st.one_of(st.sampled_from(query_names or ["x"]), st.text(max_size=12))
    pairs = data.draw(st.lists(st.tuples(names, VALUES), max_size=6))  # a name may repeat
    query = "&".join(f"{_quote(n)}={_quote(v)}" for n, v in pairs)
    _check(client.get(f"{path}?{query}" if query else path))


@pytest.mark.parametrize("value", ["0001-01-01", "0001", "0001-01-02/..", "9999-12", "9999-12-31/.."])
def test_dates_at_the_ends_of_the_calendar(client: TestClient, value: str) -> None:
    for route in ("/events", "/aggregate"):
        for name in ("datetime",) if "/" in value else ("since", "until", "datetime"):
            r = client.get(route, params={name: value})
            assert r.status_code == 200, (route, name, value, r.text)


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00+23:59", "9999-12-31T23:59-23:59", "0001-01-01T00:00+05:00"]
)
def test_instants_past_the_calendar_in_utc_are_422(client: TestClient, value: str) -> None:
    for route, name in (("/events", "updated_since"), ("/changes", "since")):
        r = client.get(route, params={name: value})
        assert (r.status_code, r.json()["error"]["code"]) == (422, "invalid_datetime"), r.text
