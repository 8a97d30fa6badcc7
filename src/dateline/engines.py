"""The Dask engine (``--engine dask``): ``pipeline.process_shard`` mapped over shards of articles
on a Dask cluster, results back in input order.

With no ``scheduler`` a ``LocalCluster`` of ``workers`` processes (one thread each: spaCy and
onnxruntime are not faster with more threads in one process here) is started for the run and
closed after it; with ``scheduler`` (``tcp://host:8786``) the run uses that cluster's workers.
Each worker builds ONE :class:`~dateline.resources.Resources` from the run's config, held by a
worker plugin (installed on every worker, late joiners too) and keyed by the config, so two runs
with different configs on one cluster never share models; only the config, the shards' articles
and their plain ``Result`` records cross processes.

Reading stays in the client: shards are lists of ``Article`` read here (not file ranges read on
the workers), so a remote cluster needs no access to the inputs. At most two shards per worker
are in flight and ``pipeline.shards`` reads two more per worker and one more ahead, so the
input is read as it is processed; the input's last articles go in smaller shards, so that the
workers finish together.

Failures: each article keeps its own guard (``process_shard``). A worker that dies has its tasks
sent to another worker by the scheduler; a shard that has killed ``allowed-failures`` + 1
workers (Dask's setting, default 3) is given up: its articles become failed results (E048) and
the run goes on.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from .config import Config
from .errors import DatelineError
from .pipeline import _failed, process_shard, shards
from .records import Article, Result
from .resources import Resources


def plugin_name(config: Config) -> str:
    """The worker plugin's name for ``config``: one Resources per config per worker."""
    digest = hashlib.sha256(repr(config).encode("utf-8")).hexdigest()[:16]
    return f"dateline-resources-{digest}"


def _plugin(config: Config) -> Any:
    from distributed.diagnostics.plugin import WorkerPlugin

    class DatelineResources(WorkerPlugin):
        """A worker's one Resources of ``config``, built (lazily: models load on first use)
        when the plugin is installed on the worker."""

        def __init__(self, config: Config) -> None:
            self.config = config
            self.name = plugin_name(config)
            self.resources: Resources | None = None

        def setup(self, worker: Any) -> None:
            self.resources = Resources(self.config)

    return DatelineResources(config)


def _run_shard(name: str, config: Config, articles: list[Article]) -> list[Result]:
    """A Dask task: one shard with this worker's Resources (built here if the plugin is absent,
    e.g. when the task runs outside a worker)."""
    from distributed import get_worker

    try:
        plugin = get_worker().plugins.get(name)
    except ValueError:  # not in a worker
        plugin = None
    resources = plugin.resources if plugin is not None and plugin.resources is not None else None
    return process_shard(articles, resources or Resources(config))


def process_dask(
    articles: Iterable[Article],
    config: Config,
    workers: int | None = None,
    scheduler: str | None = None,
    chunk: int | None = None,
) -> Iterator[Result]:
    """Results in input order, computed on ``scheduler`` (default: the config's ``scheduler``;
    none: a local cluster of ``workers`` processes, default the config's ``workers``), in shards
    of ``chunk`` articles (default: the config's ``shard_size``)."""
    from distributed import Client, LocalCluster

    workers = workers or config.workers
    scheduler = scheduler if scheduler is not None else config.scheduler
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=30)  # seconds to connect
        except (OSError, TimeoutError, ValueError) as exc:  # unreachable, refused, a bad address
            raise DatelineError("E104", f"cannot use the Dask scheduler {scheduler!r}: {exc}") from exc
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,  # logging.ERROR: a worker's start and stop are not the user's news
        )
        client = Client(cluster)
    try:
        yield from run_on(client, articles, config, chunk)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_on(
    client: Any, articles: Iterable[Article], config: Config, chunk: int | None = None
) -> Iterator[Result]:
    """``articles`` processed on ``client``'s cluster, results in input order (see process_dask)."""
    from distributed import KilledWorker

    plugin = _plugin(config)
    client.register_plugin(plugin)
    slots = max(1, sum(client.nthreads().values()))
    batches = shards(articles, chunk or config.shard_size, slots)  # the last ones smaller
    pending: deque[tuple[list[Article], Any]] = deque()
    try:
        while True:
            while len(pending) < 2 * slots and (shard := next(batches, None)) is not None:
                future = client.submit(_run_shard, plugin.name, config, shard, pure=False)
                pending.append((shard, future))
            if not pending:
                return
            shard, future = pending.popleft()
            try:
                results = future.result()
            except KilledWorker as exc:
                results = [_failed(a, exc, "E048", "worker (the process died)") for a in shard]
            except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back
                results = [_failed(a, exc) for a in shard]
            yield from results
    finally:
        for _, future in pending:  # stopped early: the rest is not wanted
            future.cancel()
