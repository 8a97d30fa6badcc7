"""The pipeline: read → clean → annotate → extract → resolve → merge (→ store, serve).

``process(article)`` is a plain, picklable function with no engine in it: the CLI calls it
in-process, a process pool or Dask can map it over shards unchanged. ``process_many``
batches the spaCy step across articles. A failure stays with its article.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from .annotate import Annotated, annotate_many
from .claims import LinkedClaim, link_claims
from .clean import clean
from .extract.claims import ClaimMention, extract_claims
from .extract.mentions import extract_mentions
from .merge import build_events
from .records import Article, Claim, Event, Problem, Result
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


def analyse(annotated: Annotated) -> tuple[list[Event], list[Claim]]:
    """The article's events, and all its whereabouts claims (with evidence)."""
    article = annotated.cleaned.article
    mentions = extract_mentions(annotated, country_of_modifier)
    events = build_events(article, resolve_mentions(article, mentions))
    linked = link_article_claims(article, extract_claims(annotated))
    attach_claims(events, linked)
    return events, [c.claim for c in linked]


def link_article_claims(article: Article, claims: list[ClaimMention]) -> list[LinkedClaim]:
    from .resolve.places import resolve_toponyms

    if not claims:
        return []
    spans = sorted({c.place for c in claims})
    places = resolve_toponyms(
        article.text, [{"start": s, "end": e, "text": article.text[s:e], "hint": None} for s, e in spans]
    )
    return link_claims(article, claims, dict(zip(spans, places, strict=True)))


def attach_claims(events: list[Event], linked: list[LinkedClaim]) -> None:
    """Each event carries the whereabouts claims made in its sentences and the claims that
    conflict with them (e.g. an older report placing the same leader elsewhere); their spans
    join the event's evidence (field "claims")."""
    by_id = {c.claim.claim_id: c for c in linked}
    for event in events:
        sentences = [(ev.start, ev.end) for ev in event.evidence if ev.field == "notes"]
        own = [c for c in linked if any(s <= c.sentence[0] < e for s, e in sentences)]
        conflicting = [by_id[i] for c in own for i in c.claim.conflicts_with if by_id[i] not in own]
        chosen = own + [c for i, c in enumerate(conflicting) if c not in conflicting[:i]]
        event.claims = [
            replace(c.claim, conflicts_with=list(c.claim.conflicts_with), evidence=[]) for c in chosen
        ]
        event.evidence.extend(ev for c in chosen for ev in c.claim.evidence)


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
