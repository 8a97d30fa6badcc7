"""The pipeline: read → clean → annotate → extract → resolve → merge (→ store, serve).

``process(article)`` is a plain, picklable function with no engine in it: the CLI calls it
in-process, a process pool or Dask can map it over shards unchanged. ``process_many``
batches the spaCy step across articles. A failure stays with its article.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .annotate import Annotated, annotate_many
from .claims import claim_evidence, link_claims, public
from .clean import clean
from .extract.claims import extract_claims
from .extract.mentions import extract_mentions
from .merge import build_events
from .records import Article, Problem, Result
from .resolve.context import resolve_mentions
from .resolve.gazetteer import demonym_country


@lru_cache(maxsize=4096)
def country_of_modifier(word: str) -> str | None:
    """'US' in 'US forces', 'Syrian' in 'Syrian troops' -> ISO3 (exact names only)."""
    from .resolve.gazetteer import get_gazetteer
    from .resolve.places import to_place

    iso3 = demonym_country(word)
    if iso3:
        return iso3
    for entry, _ in get_gazetteer().lookup(word, fuzzy=False):
        place = to_place(entry)
        if place.kind == "country":
            return place.iso3
    return None


def analyse(annotated: Annotated) -> tuple[list[dict], list[dict]]:
    """The article's events, and all its whereabouts claims (with evidence)."""
    article = annotated.cleaned.article
    mentions = extract_mentions(annotated, country_of_modifier)
    events = build_events(article, resolve_mentions(article, mentions))
    records = link_article_claims(article, extract_claims(annotated))
    attach_claims(article, events, records)
    claims = [{**public(r), "evidence": claim_evidence(article, r)} for r in records]
    return events, claims


def link_article_claims(article: Article, claims) -> list[dict]:
    from .resolve.places import resolve_toponyms

    if not claims:
        return []
    spans = sorted({c.place for c in claims})
    places = resolve_toponyms(
        article.text, [{"start": s, "end": e, "text": article.text[s:e], "hint": None} for s, e in spans]
    )
    return link_claims(article, claims, dict(zip(spans, places, strict=True)))


def attach_claims(article: Article, events: list[dict], records: list[dict]) -> None:
    """Each event carries the whereabouts claims made in its sentences and the claims that
    conflict with them (e.g. an older report placing the same leader elsewhere)."""
    by_id = {r["claim_id"]: r for r in records}
    for event in events:
        sentences = [(ev["start"], ev["end"]) for ev in event["evidence"] if ev["field"] == "notes"]
        own = [r for r in records if any(s <= r["sentence"][0] < e for s, e in sentences)]
        linked = [by_id[i] for r in own for i in r["conflicts_with"] if by_id[i] not in own]
        chosen = own + [r for i, r in enumerate(linked) if r not in linked[:i]]
        event["claims"] = [public(r) for r in chosen]
        event["evidence"].extend(ev for r in chosen for ev in claim_evidence(article, r))


def _failed(article: Article, exc: Exception) -> Result:
    where = article.source_path or article.article_id
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return Result(article, [], [], [Problem(where, "E100", f"processing failed: {detail}")])


def process(article: Article) -> Result:
    """One article in, its segments, events and problems out."""
    return next(process_many([article]))


def process_many(articles: Iterable[Article], nlp=None, chunk: int = 32) -> Iterator[Result]:
    """Results in input order, ``chunk`` articles sharing each spaCy batch."""
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= chunk:
            yield from _process_batch(batch, nlp)
            batch = []
    if batch:
        yield from _process_batch(batch, nlp)


def process_chunk(articles: list[Article]) -> list[Result]:
    """A shard of articles in, its results out: the unit a process pool or Dask maps."""
    return list(process_many(articles))


def process_parallel(articles: Iterable[Article], workers: int, chunk: int = 16) -> Iterator[Result]:
    """Results in input order from ``workers`` processes, each loading spaCy once."""
    from concurrent.futures import ProcessPoolExecutor
    from itertools import islice

    iterator = iter(articles)
    shards = iter(lambda: list(islice(iterator, chunk)), [])
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for results in pool.map(process_chunk, shards):
            yield from results


def _process_batch(articles: list[Article], nlp) -> Iterator[Result]:
    cleaned_ok = []
    for article in articles:
        try:
            cleaned_ok.append(clean(article))
        except Exception as exc:  # noqa: BLE001 - a bad article must not stop the batch
            yield _failed(article, exc)
    for annotated in annotate_many(cleaned_ok, nlp):
        article = annotated.cleaned.article
        try:
            events, claims = analyse(annotated)
        except Exception as exc:  # noqa: BLE001
            yield _failed(article, exc)
            continue
        yield Result(article, annotated.cleaned.segments, events, claims=claims)
