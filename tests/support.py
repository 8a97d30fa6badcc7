"""Paths and helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RESOURCES = Path(__file__).resolve().parent / "resources"
SHARED = ROOT.parent / "shared"


def load_script(name: str):
    """The module of ``scripts/NAME.py`` (scripts are no package: loaded from their file)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sentence(nlp, text: str):
    return next(nlp(text).sents)


_SHARED: dict[str, Any] = {}


def shared_resources():  # -> dateline.resources.Resources
    """The suite's one Resources (lazy: a model loads when a test first needs it), so the suite
    loads each model once; the ``resources`` fixture returns it too."""
    if "resources" not in _SHARED:
        from dateline.resources import Resources

        _SHARED["resources"] = Resources()
    return _SHARED["resources"]


def extract_with_drops(resources, text: str, published: str | None):
    """(article, mentions, drops) of a written text: what extraction finds and what it drops."""
    from dateline.annotate import annotate
    from dateline.clean import clean
    from dateline.extract.mentions import extract_mentions
    from dateline.read.text import read_text

    article = read_text(text, published=published)
    drops: list = []
    mentions = extract_mentions(annotate(clean(article), resources), resources, drops)
    return article, mentions, drops


def explain_extraction(article, mentions, drops) -> str:
    """One line per mention and per drop, for assertion messages."""
    lines = [f"mention {article.text[slice(*m.trigger)]!r} {m.event_type} {m.certainty}" for m in mentions]
    lines += [f"drop {article.text[slice(*d.trigger)]!r} {d.reason}: {d.detail}" for d in drops]
    return "\n".join(lines)


def events_of(resources, text: str, published: str | None):
    """The events the pipeline codes from a written text."""
    from dateline.pipeline import process
    from dateline.read.text import read_text

    return process(read_text(text, published=published), resources).events


def places_coded(resources, text: str, published: str | None) -> set[tuple]:
    """(location, iso3, geo_precision) of every event coded from a written text; at least one."""
    events = events_of(resources, text, published)
    assert events, f"no event coded from {text!r}"
    return {(e.location, e.iso3, e.geo_precision) for e in events}


def assert_dropped(resources, text: str, reason: str, published: str | None) -> None:
    """A written text codes no mention and drops a candidate for ``reason`` (every drop with a
    reason the records know)."""
    from dateline.records import DROP_REASONS

    article, mentions, drops = extract_with_drops(resources, text, published)
    assert not mentions, explain_extraction(article, mentions, drops)
    assert reason in {d.reason for d in drops}, explain_extraction(article, mentions, drops)
    assert all(d.reason in DROP_REASONS for d in drops), explain_extraction(article, mentions, drops)


def get_json(client, path: str, status: int = 200, **params: Any) -> Any:
    """GET ``path`` from a FastAPI ``TestClient`` with query ``params``; asserts the status, returns the JSON."""
    r = client.get(path, params=params)
    assert r.status_code == status, r.text
    return r.json()


def stored_reports(
    resources, tmp_path, reports: list[tuple[str, str, str]], name: str
) -> list[dict[str, Any]]:
    """The stored events after storing ``reports`` (published, outlet, text) in publication order,
    in a store at ``tmp_path`` (URLs under example.org/``name``/)."""
    from dateline import pipeline
    from dateline.ingest import open_store
    from dateline.read.jsonl import read_record

    articles = [
        read_record(
            {
                "url": f"https://example.org/{name}/{n}",
                "title": "",
                "published": published,
                "publisher": outlet,
                "text": text,
            },
            f"{name}:{n}",
        )  # fmt: skip
        for n, (published, outlet, text) in enumerate(reports)
    ]
    articles.sort(key=lambda a: a.published or "")
    with open_store(tmp_path / f"{name}.db", kb=resources.kb, config=resources.config) as store:
        for result in pipeline.process_many(articles, resources):
            store.add_result(result)
        return store.events()
