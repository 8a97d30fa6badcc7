"""Reading and processing for the commands that read articles (``extract``, ``explain``,
``ingest``), with a guard per item: an input whose reader fails is that input's problem (E049), an
article the pipeline or the store fails on is that article's problem; the batch goes on. ``ingest``
stores each result and each problem as it comes (one commit each), so a run that is killed keeps
everything before it, and a re-run resumes: stored articles are skipped, failed ones tried again."""

from __future__ import annotations

import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator

from .cli_options import terminal_safe
from .config import Config
from .errors import DatelineError
from .explain import drop_summary
from .records import Article, Problem, Result
from .resources import Resources
from .store.engine import shown as shown_db


def say(message: str) -> None:
    """A message on stderr, ``dateline: …``, with control characters of the input escaped (on a
    terminal above the progress bar, which is drawn again below it)."""
    line = f"dateline: {terminal_safe(message)}"
    if sys.stderr.isatty():
        from tqdm import tqdm

        tqdm.write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr)


def _detail(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()[:500]


def articles(args, on_problem: Callable[[Problem], None]) -> Iterator[Article]:
    """The articles of ``args.paths``; each problem goes to ``on_problem`` as it is met. A reader
    that fails outright loses the rest of that one file only (E049)."""
    from .read.sources import expand, read_paths

    for path in expand(args.paths):
        if isinstance(path, Problem):
            on_problem(path)
            continue
        try:
            for item in read_paths([path], published=args.published, publisher=args.publisher):
                if isinstance(item, Problem):
                    on_problem(item)
                else:
                    yield item
        except Exception as exc:  # noqa: BLE001 - one input must not sink the batch
            on_problem(
                Problem(path, "E049", f"reading failed, the rest of this input skipped: {_detail(exc)}")
            )


def resources_of(args) -> Resources:
    """The command's Resources: the caller's when built from the very same config, else a new
    one (lazy: only what the command uses is loaded)."""
    given = args.resources
    if given is None or given.config != args.config_obj:
        args.resources = Resources(args.config_obj)
    return args.resources


def _failed(article: Article, code: str, message: str) -> Result:
    return Result(article, [], [], [Problem(article.source_path or article.article_id, code, message)])


def _guarded(articles: Iterator[Article], resources: Resources) -> Iterator[Result]:
    """``process_many`` by chunks; when a chunk fails outside the pipeline's own per-article
    guard, its unfinished articles are processed one by one, each failure its article's (E100).
    Each chunk runs in one spaCy memory zone, as an engine's shard does (pipeline.process_chunk):
    what its texts added to the vocabulary is freed after it, so a long run does not grow."""
    from itertools import islice

    from .pipeline import process_many

    while chunk := list(islice(articles, resources.config.chunk_size)):
        done = 0
        try:
            with resources.nlp.memory_zone():
                for result in process_many(chunk, resources):
                    done += 1
                    yield result
        except Exception:  # noqa: BLE001
            for article in chunk[done:]:
                try:
                    yield from process_many([article], resources)
                except Exception as exc:  # noqa: BLE001
                    yield _failed(article, "E100", f"processing failed: {_detail(exc)}")


def results(articles: Iterator[Article], args, on_problem: Callable[[Problem], None]) -> Iterator[Result]:
    """Each article's result, in input order; the result's problems go to ``on_problem``. The
    engine is the config's: ``dask`` (engines.py), else this process or a ``workers`` pool. On a
    terminal (stderr) a progress bar shows the articles done and their rate (not with --quiet)."""
    from .pipeline import process_parallel

    config: Config = args.config_obj
    if config.engine == "dask":
        from .engines import process_dask

        stream = process_dask(articles, config)
    elif config.workers > 1:
        stream = process_parallel(articles, config.workers, config=config)
    else:
        stream = _guarded(articles, resources_of(args))
    bar = _progress(args)
    total = _Estimate(getattr(args, "paths", None) or []) if bar is not None else None
    try:
        for result in stream:
            for problem in result.problems:
                on_problem(problem)
            if bar is not None:
                total.apply(bar)
                bar.update(1)
            yield result
    finally:
        if bar is not None:
            total.stop()
            bar.close()


def _progress(args):  # -> tqdm | None
    """A progress bar on stderr when it is a terminal and --quiet is not given: articles done,
    articles/s and the elapsed time; once the inputs' articles are counted (``_Estimate``, beside
    the work) also the share done and the time left."""
    if getattr(args, "quiet", False) or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(
        unit=" article",
        file=sys.stderr,
        dynamic_ncols=True,
        leave=False,  # the summary line takes its place
        smoothing=0.1,
        bar_format=_COUNTING,
    )


# articles/s, never s/article; "~" because the total is an estimate (read/estimate.py)
_COUNTING = "{n_fmt} article(s) [{elapsed}, {rate_noinv_fmt}]"
_WITH_TOTAL = "{n_fmt}/~{total_fmt} article(s) {bar} [{elapsed}<{remaining}, {rate_noinv_fmt}]"


class _Estimate:
    """The inputs' number of articles, counted in a daemon thread (read/estimate.py) while the
    first articles are processed; ``apply`` gives it to the bar once known, which then shows the
    time left. A count lower than what is done already (an estimate) is not applied."""

    def __init__(self, paths: list[str]) -> None:
        import threading

        from .read.estimate import estimate_articles

        self.total: int | None = None
        self._stopped = threading.Event()
        self._applied = False

        def count() -> None:
            try:
                self.total = estimate_articles(paths, stop=self._stopped.is_set)
            except Exception:  # noqa: BLE001 - an estimate that fails only loses the ETA
                self.total = None

        threading.Thread(target=count, name="dateline-count", daemon=True).start()

    def apply(self, bar) -> None:
        if not self._applied and self.total and self.total > bar.n:
            bar.total = self.total
            bar.bar_format = _WITH_TOTAL
            self._applied = True

    def stop(self) -> None:
        self._stopped.set()


def pace(count: int, start: float) -> str:
    """``in 12.3 s (4.5 article(s)/s)``: a summary's time since ``start`` (``time.perf_counter``)."""
    seconds = max(time.perf_counter() - start, 1e-9)
    return f"in {seconds:.1f} s ({count / seconds:.1f} article(s)/s)"


def _write(store, write: Callable[..., object], *items: object) -> object:
    """``write(*items)``; an error that means the database cannot be used becomes its coded error
    (the command stops: E044–E047); any other error is the caller's, about these items."""
    try:
        return write(*items)
    except Exception as exc:
        coded = store.db_error(exc)
        if coded is not None:
            raise coded from exc
        raise


def ingest(args, store) -> int:
    """Read, process and store as it goes (docs/cli.md, ``dateline ingest``); a near-copy of a
    stored article (or of an earlier one of the run) is stored as its copy, not extracted."""
    from .copy_library import CopyLibrary
    from .relevance import gate_active

    n: Counter[str] = Counter()
    start = time.perf_counter()
    library = CopyLibrary(store, args.config_obj)
    if library.signed:  # a store from before copies were looked for, or other copy settings
        say(f"{library.signed} stored article(s) signed for finding copies ({library.seconds:.1f} s, once)")
    dropped: Counter[str] = Counter()

    def record(problem: Problem) -> None:  # a reader's problem: stored at once
        shown(problem)
        _write(store, store.add_problem, problem)

    def shown(problem: Problem) -> None:  # a result's problems are stored with its article
        n["problems"] += 1
        say(str(problem))

    def unstored(article: Article, what: str, exc: Exception) -> None:  # its record could not be written
        problem = Problem(
            article.source_path or article.article_id, "E043", f"storing the {what} failed: {_detail(exc)}"
        )
        shown(problem)
        _write(store, store.add_failed, article, problem)
        n["failed"] += 1

    def _copy(article: Article) -> bool:  # stored as a copy (or failed to be): not extracted
        try:
            match = library.check(article)
        except Exception:  # noqa: BLE001 - no copy found is never wrong: the article is extracted
            return False
        if match is None:
            return False
        try:
            n["copies"] += bool(_write(store, library.store_copy, article, match))
        except DatelineError:
            raise
        except Exception as exc:  # noqa: BLE001 - this copy's record cannot be written
            unstored(article, "copy", exc)
        return True

    # an article the relevance gate skipped is stored as 'gated': skipped again while the gate
    # is on, annotated (replacing its stored record) when the gate is off
    gating = gate_active(args.config_obj)
    again = ("failed",) if gating else ("failed", "gated")

    def fresh() -> Iterator[Article]:
        given: set[str] = set()
        for article in articles(args, record):
            n["read"] += 1
            given.add(article.article_id)
            status = store.status(article.article_id)
            if status is not None and status not in again:
                continue
            if _copy(article):
                continue
            n["retried"] += status is not None
            yield article
        if args.retry_failed:  # failed (and gated) articles whose input was not given: from their stored text
            for row in store.failed_articles(again):
                if row["article_id"] not in given:
                    n["retried"] += 1
                    yield Article(**row)

    for result in results(fresh(), args, shown):
        try:
            stored = _write(store, store.add_result, result)
        except DatelineError:
            raise
        except Exception as exc:  # noqa: BLE001 - this article's record cannot be written
            unstored(result.article, "article", exc)
            continue
        if not stored:
            continue
        if result.problems and not result.events:
            n["failed"] += 1
        else:
            try:  # its signature saved and its copies cited: a failure loses only that
                _write(store, library.stored, result.article)
            except DatelineError:
                raise
            except Exception as exc:  # noqa: BLE001
                say(f"{result.article.article_id}: its copies were not linked: {_detail(exc)}")
            n["new"] += 1
            n["events"] += len(result.events)
            dropped.update(d.reason for d in result.drops)
    counts, failed = store.counts(), store.failed_count()
    say(
        f"{n['read']} article(s) read, {n['new']} new, {n['events']} new event(s), "
        f"{n['copies']} copy(ies) of stored articles (stored, not extracted), "
        f"{n['problems']} problem(s), {n['failed']} failed (stored as failed: tried again by the next "
        f"ingest), {n['retried']} retried (failed or gated before), {drop_summary(dropped)}, {pace(n['read'], start)}; "
        f"{shown_db(args.db)} now holds "
        f"{counts['articles'] - failed} article(s) ({failed} failed) and {counts['events']} event(s)"
    )
    return 0 if n["read"] or n["retried"] else 1
