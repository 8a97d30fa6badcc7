"""The pipeline: read → clean → annotate → extract → resolve → merge (→ store, serve).

``process(article, resources)`` is a plain, picklable function with no engine in it: the CLI
calls it in-process, a process pool or Dask can map it over shards unchanged. The models and
lookups come from one :class:`~dateline.resources.Resources` passed down the stages (it pickles
as its config; a worker builds its own). ``process_many`` batches the spaCy step across
articles. A failure stays with its article.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import replace

from .annotate import Annotated, AnnotationFailure, annotate_many
from .claims import LinkedClaim, link_claims
from .clean import clean
from .config import Config
from .errors import DatelineError
from .extract.claims import ClaimMention, extract_claims
from .extract.mentions import extract_mentions
from .merge import build_events
from .records import Article, Claim, Cleaned, Drop, Event, Problem, Result
from .relevance import gate
from .resolve.context import cased_text, resolve_mentions
from .resolve.event_place import learns, shipped_model
from .resolve.story_place import article_places, lede_place
from .resources import Resources, default_resources


class Budget:
    """An article's time budget (``article_timeout_s``; 0: none), checked between stages.

    Python cannot stop a running stage from inside the process, so this bounds the time after
    which an article is abandoned, not how long its slowest stage runs: a stage that started
    within the budget finishes, and the article then ends with ``E103`` before the next one.
    With ``resources``, the one-off loading of models and indexes that the article's stages
    trigger (the first article of a run: spaCy, the gazetteer index, the event typer) is not
    counted: on a busy machine with an empty cache it can take longer than the budget itself.
    """

    def __init__(self, seconds: float, already: float = 0.0, resources: Resources | None = None) -> None:
        self.seconds = seconds
        self.start = time.perf_counter() - already
        self._resources = resources
        self._loading = resources.loading_seconds if resources is not None else 0.0

    def elapsed(self) -> float:
        loading = self._resources.loading_seconds - self._loading if self._resources is not None else 0.0
        return time.perf_counter() - self.start - loading

    def check(self, stage: str) -> None:
        spent = self.elapsed()
        if self.seconds and spent > self.seconds:
            raise DatelineError(
                "E103",
                f"over the article's time budget after {stage}: {spent:.1f} s > article_timeout_s={self.seconds:g}",
            )


def check_size(article: Article, max_chars: int) -> None:
    """Refuse an article longer than ``max_article_chars`` (E102) before any stage runs: its
    time grows with its length (bench/bench_article_scaling.py), and spaCy needs about 1 GB of
    memory per 100,000 characters of a paragraph."""
    if len(article.text) > max_chars:
        raise DatelineError(
            "E102",
            f"the article has {len(article.text):,} characters, more than max_article_chars={max_chars:,}"
            " (raise the option to process it, or split the text)",
        )


def analyse(
    annotated: Annotated,
    resources: Resources,
    drops: list[Drop] | None = None,
    budget: Budget | None = None,
) -> tuple[list[Event], list[Claim]]:
    """The article's events, and all its whereabouts claims (with evidence); event candidates
    not coded go to ``drops`` with their reasons. ``budget``: checked after each stage (an
    article over its time budget raises ``E103`` before the next stage starts)."""
    article = annotated.cleaned.article
    drops = drops if drops is not None else []
    budget = budget or Budget(0.0)
    mentions = extract_mentions(annotated, resources, drops)
    budget.check("extract")
    lede = lede_place(annotated, resources) if mentions else None
    # the learned choice of an event's place weighs every sentence's places (docs/event-place.md)
    others = article_places(annotated, resources) if mentions and learns(shipped_model()) else None
    resolved = resolve_mentions(
        article, mentions, resources.gazetteer, cased_text(annotated), lede, others=others
    )
    budget.check("resolve")
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


def _failed(article: Article, exc: BaseException, code: str = "E100", stage: str = "processing") -> Result:
    """The article's one Problem: its code (a limit's own code when a limit stopped it), the
    stage and the exception."""
    where = article.source_path or article.article_id
    if isinstance(exc, DatelineError):
        return Result(article, [], [], [Problem(where, exc.code, f"{stage} stopped: {exc.message}")])
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
    """A shard of articles in, its results out: the unit a process pool or Dask maps. The shard
    runs in one spaCy memory zone: the strings and lexemes its texts added to the vocabulary are
    freed after it, so a worker does not grow over a long run (the results hold no spaCy object;
    the outputs are the same, tests/test_engines.py)."""
    resources = default_resources(resources)
    with resources.nlp.memory_zone():
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

    watched = os.getppid()
    if parent is not None and watched != parent:  # it died before this worker got here
        os._exit(1)

    def watch() -> None:
        while os.getppid() == watched:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="dateline-parent-watch", daemon=True).start()


def _worker_chunk(articles: list[Article]) -> list[Result]:
    return process_shard(articles, _worker_resources)


def process_shard(articles: list[Article], resources: Resources | None) -> list[Result]:
    """``process_chunk`` for an engine's worker (the pool's, Dask's): a failure outside the
    per-article guard is retried one article at a time, so that only the article at fault fails."""
    try:
        return process_chunk(articles, resources)
    except Exception:  # noqa: BLE001
        out: list[Result] = []
        for article in articles:
            try:
                out.extend(process_chunk([article], resources))
            except Exception as exc:  # noqa: BLE001
                out.append(_failed(article, exc))
        return out


def shards(articles: Iterable[Article], size: int, workers: int) -> Iterator[list[Article]]:
    """``articles`` in shards of ``size``, in input order, the input's last ones in smaller shards.

    A run ends when its slowest worker does: with whole shards to the end, one worker may still
    run its last shard of ``size`` articles while the others wait (2-4% of a 300-report run on
    two workers, bench/bench_scale.py's reports: a shard takes from 2 to 7 s of CPU here). So the input is read ``2 * workers``
    shards ahead, and once it is all read each shard takes its share of what is left, the
    ``2 * workers``-th part (guided self-scheduling): shards shrink towards one article, and the
    workers finish close together. Results do not depend on how articles are sharded (each keeps
    its own guard and spaCy's output does not depend on a doc's batch-mates)."""
    from collections import deque

    parts = 2 * max(workers, 1)
    ahead = parts * size
    iterator = iter(articles)
    buffer: deque[Article] = deque()
    read_all = False
    while True:
        while not read_all and len(buffer) < size + ahead:
            try:
                buffer.append(next(iterator))
            except StopIteration:
                read_all = True
        if not buffer:
            return
        n = size if not read_all else min(size, -(-len(buffer) // parts))
        yield [buffer.popleft() for _ in range(n)]


def _succeeded(future: Future | None) -> bool:
    return future is not None and future.done() and not future.cancelled() and future.exception() is None


def process_parallel(
    articles: Iterable[Article], workers: int, chunk: int | None = None, config: Config | None = None
) -> Iterator[Result]:
    """Results in input order from ``workers`` processes, each building its own Resources from
    ``config`` (default: the default config) and taking shards of ``chunk`` articles (default:
    the config's ``shard_size``; the last ones smaller: ``shards``). At most two shards per worker
    are in flight, and ``shards`` reads two more per worker and one more ahead, so the input is
    read as it is processed.
    Workers exit when this process dies.

    When a worker dies (killed, out of memory, a crash in native code) the pool is restarted and
    the shards that were in flight are sent again one at a time, so that the one at fault is
    known: its articles become failed results (E048); no other shard is lost."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .config import load_config

    config = config if config is not None else load_config()
    size = chunk or config.shard_size
    batches = shards(articles, size, workers)
    pending: deque[tuple[list[Article], Future | None]] = deque()  # None: not (or no longer) sent
    pool, finished, careful = None, False, 0  # careful: shards still to run alone after a death
    parent = os.getpid() if multiprocessing.get_start_method() == "fork" else None
    try:
        while True:
            if pool is None:
                pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(config, parent))
            limit = 1 if careful else 2 * workers
            while len(pending) < limit and (shard := next(batches, None)) is not None:
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
    """One guard per article at every stage: an exception (a limit's coded error included) ends
    that article as its Problem, and the batch goes on. The time budget counts the article's own
    cleaning, annotation and analysis (not the other articles of the batch)."""
    config = resources.config
    cleaned_ok = []
    # each article's place: its failed Result, or (its cleaned form, seconds spent cleaning it),
    # so that results come out in input order
    slots: list[Result | tuple[Cleaned, float]] = []
    for article in articles:
        budget = Budget(config.article_timeout_s, resources=resources)
        try:
            check_size(article, config.max_article_chars)
            cleaned = clean(article, config.max_paragraph_chars)
            irrelevant = gate(cleaned, resources)
            budget.check("clean")
        except Exception as exc:  # noqa: BLE001 - a bad article must not stop the batch
            slots.append(_failed(article, exc, stage="clean"))
            continue
        if irrelevant is not None:  # stored as read, not annotated, typed or resolved
            slots.append(Result(article, cleaned.segments, [], claims=[], drops=[irrelevant]))
            continue
        slots.append((cleaned, budget.elapsed()))
        cleaned_ok.append(cleaned)
    stream = annotate_many(cleaned_ok, resources)
    for slot in slots:
        if isinstance(slot, Result):
            yield slot
            continue
        budget = Budget(config.article_timeout_s, slot[1], resources)
        annotated = next(stream)  # annotate_many yields one item per article and never raises
        article = annotated.cleaned.article
        if isinstance(annotated, AnnotationFailure):
            yield _failed(article, annotated.error, "E101", "annotation")
            continue
        drops: list[Drop] = list(annotated.drops)  # e.g. an article not in English
        try:
            budget.check("annotate")
            events, claims = analyse(annotated, resources, drops, budget)
        except Exception as exc:  # noqa: BLE001
            yield _failed(article, exc, stage="analysis")
            continue
        yield Result(article, annotated.cleaned.segments, events, claims=claims, drops=drops)
