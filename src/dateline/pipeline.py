"""The pipeline: read → clean → annotate → extract → resolve → merge (→ store, serve).

``process(article, resources)`` is a plain, picklable function with no engine in it: the CLI
calls it in-process, a process pool or Dask can map it over shards unchanged. The models and
lookups come from one :class:`~dateline.resources.Resources` passed down the stages (it pickles
as its config; a worker builds its own). ``process_many`` batches the spaCy step across
articles. A failure stays with its article.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import replace

from .annotate import Annotated, AnnotationFailure, annotate_many
from .claims import LinkedClaim, link_claims
from .clean import clean
from .config import Config
from .extract.claims import ClaimMention, extract_claims
from .extract.mentions import extract_mentions
from .merge import build_events
from .records import Article, Claim, Drop, Event, Problem, Result
from .resolve.context import cased_text, resolve_mentions
from .resolve.story_place import lede_place
from .resources import Resources, default_resources


def analyse(
    annotated: Annotated, resources: Resources, drops: list[Drop] | None = None
) -> tuple[list[Event], list[Claim]]:
    """The article's events, and all its whereabouts claims (with evidence); event candidates
    not coded go to ``drops`` with their reasons."""
    article = annotated.cleaned.article
    drops = drops if drops is not None else []
    mentions = extract_mentions(annotated, resources, drops)
    lede = lede_place(annotated, resources) if mentions else None
    resolved = resolve_mentions(article, mentions, resources.gazetteer, cased_text(annotated), lede)
    events = build_events(article, resolved, resources, drops)
    linked = link_article_claims(article, extract_claims(annotated, resources), resources)
    attach_claims(events, linked)
    return events, [c.claim for c in linked]


def link_article_claims(
    article: Article, claims: list[ClaimMention], resources: Resources
) -> list[LinkedClaim]:
    from .lookup.places import resolve_toponyms

    if not claims:
        return []
    spans = sorted({c.place for c in claims})
    places = resolve_toponyms(
        article.text,
        [{"start": s, "end": e, "text": article.text[s:e], "hint": None} for s, e in spans],
        resources.gazetteer,
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
        # copies, so a later status change of the article's claim does not rewrite the event;
        # Event.to_dict leaves each claim's evidence out (it joins the event's evidence here)
        event.claims = [replace(c.claim, conflicts_with=list(c.claim.conflicts_with)) for c in chosen]
        event.evidence.extend(ev for c in chosen for ev in c.claim.evidence)


def _failed(article: Article, exc: Exception, code: str = "E100", stage: str = "processing") -> Result:
    where = article.source_path or article.article_id
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return Result(article, [], [], [Problem(where, code, f"{stage} failed: {detail}")])


def process(article: Article, resources: Resources | None = None) -> Result:
    """One article in, its segments, events and problems out (``resources``: see process_many)."""
    return next(process_many([article], resources))


def process_many(
    articles: Iterable[Article], resources: Resources | None = None, chunk: int | None = None
) -> Iterator[Result]:
    """Results in input order, ``chunk`` articles (default: the config's ``chunk_size``) sharing
    each spaCy batch. Without ``resources``, one is built from the default config for this call:
    pass one to share the loaded models between calls."""
    resources = default_resources(resources)
    chunk = chunk or resources.config.chunk_size
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= chunk:
            yield from _process_batch(batch, resources)
            batch = []
    if batch:
        yield from _process_batch(batch, resources)


def process_chunk(articles: list[Article], resources: Resources | None = None) -> list[Result]:
    """A shard of articles in, its results out: the unit a process pool or Dask maps."""
    return list(process_many(articles, resources))


# Set in pool worker processes only, by _start_worker: each worker builds its own models from
# the config it was given (only the config crosses the process boundary).
_worker_resources: Resources | None = None


def _start_worker(config: Config, parent: int | None = None) -> None:
    """A pool worker's start: watch its parent, then build its own models (lazily)."""
    global _worker_resources
    if parent != os.getpid():  # (the same when a test runs the pool's work in its own process)
        _die_with(parent)
    _worker_resources = Resources(config)


def _die_with(parent: int | None) -> None:
    """End this worker when its parent is gone: a pool's workers otherwise wait forever for work,
    ~1.3 GB each, once their parent is killed. A thread polls the parent id (it changes when the
    parent dies); not ``prctl(PR_SET_PDEATHSIG)``, which fires when the *thread* that forked the
    worker ends, and a pool may be driven from any thread. ``parent``: the pid that started the pool
    when workers are forked from it (then a worker whose parent died before this is ended at once);
    None when they come from a fork server or are spawned, whose death ends them alike."""
    import threading
    import time

    watched = os.getppid()
    if parent is not None and watched != parent:  # it died before this worker got here
        os._exit(1)

    def watch() -> None:
        while os.getppid() == watched:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="dateline-parent-watch", daemon=True).start()


def _worker_chunk(articles: list[Article]) -> list[Result]:
    try:
        return process_chunk(articles, _worker_resources)
    except Exception:  # noqa: BLE001 - failed outside the per-article guard: one by one, so
        out: list[Result] = []  # that only the article at fault fails
        for article in articles:
            try:
                out.extend(process_chunk([article], _worker_resources))
            except Exception as exc:  # noqa: BLE001
                out.append(_failed(article, exc))
        return out


def _succeeded(future: Future | None) -> bool:
    return future is not None and future.done() and not future.cancelled() and future.exception() is None


def process_parallel(
    articles: Iterable[Article], workers: int, chunk: int | None = None, config: Config | None = None
) -> Iterator[Result]:
    """Results in input order from ``workers`` processes, each building its own Resources from
    ``config`` (default: the default config) and taking shards of ``chunk`` articles (default:
    the config's ``shard_size``). At most two shards per worker are in flight, so the input is
    read as it is processed. Workers exit when this process dies.

    When a worker dies (killed, out of memory, a crash in native code) the pool is restarted and
    the shards that were in flight are sent again one at a time, so that the one at fault is
    known: its articles become failed results (E048); no other shard is lost."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from itertools import islice

    from .config import load_config

    config = config if config is not None else load_config()
    size = chunk or config.shard_size
    iterator = iter(articles)
    shards = iter(lambda: list(islice(iterator, size)), [])
    pending: deque[tuple[list[Article], Future | None]] = deque()  # None: not (or no longer) sent
    pool, finished, careful = None, False, 0  # careful: shards still to run alone after a death
    parent = os.getpid() if multiprocessing.get_start_method() == "fork" else None
    try:
        while True:
            if pool is None:
                pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(config, parent))
            limit = 1 if careful else 2 * workers
            while len(pending) < limit and (shard := next(shards, None)) is not None:
                pending.append((shard, None))
            if not pending:
                finished = True
                return
            for i in range(min(limit, len(pending))):
                if pending[i][1] is None:
                    pending[i] = (pending[i][0], pool.submit(_worker_chunk, pending[i][0]))
            shard, future = pending[0]
            try:
                results = future.result()  # type: ignore[union-attr]
            except BrokenProcessPool as exc:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = None
                if careful:  # it ran alone: it is the shard that killed its worker
                    pending.popleft()
                    careful -= 1
                    yield from (_failed(a, exc, "E048", "worker (the process died)") for a in shard)
                else:
                    careful = len(pending)
                for i, (other, sent) in enumerate(pending):
                    if not _succeeded(sent):
                        pending[i] = (other, None)
                continue
            except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back
                results = [_failed(a, exc) for a in shard]
            pending.popleft()
            careful = max(careful - 1, 0)
            yield from results
    finally:
        if pool is not None:  # stopped early (an error, Ctrl-C, the consumer): do not wait
            pool.shutdown(wait=finished, cancel_futures=True)


def _process_batch(articles: list[Article], resources: Resources) -> Iterator[Result]:
    cleaned_ok = []
    for article in articles:
        try:
            cleaned_ok.append(clean(article))
        except Exception as exc:  # noqa: BLE001 - a bad article must not stop the batch
            yield _failed(article, exc)
    for annotated in annotate_many(cleaned_ok, resources):
        article = annotated.cleaned.article
        if isinstance(annotated, AnnotationFailure):
            yield _failed(article, annotated.error, "E101", "annotation")
            continue
        drops: list[Drop] = list(annotated.drops)  # e.g. an article not in English
        try:
            events, claims = analyse(annotated, resources, drops)
        except Exception as exc:  # noqa: BLE001
            yield _failed(article, exc)
            continue
        yield Result(article, annotated.cleaned.segments, events, claims=claims, drops=drops)
