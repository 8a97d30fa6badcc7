"""The three engines on one golden corpus: in-process, a pool of two processes and Dask (a
LocalCluster of two one-thread worker processes, shared by the module) give byte-identical events
JSONL and the same drops and problems, in input order; a Dask worker killed mid-run costs nothing;
a shard that keeps killing its workers fails its own articles only (E048)."""

from __future__ import annotations

import io
import os
import re
import signal

import pytest
from support import RESOURCES, SAMPLES

from dateline.export import write_events
from dateline.read.sources import read_paths
from dateline.records import Article, Result

SHARD = 2  # several shards per worker: each worker runs several memory zones in a row


@pytest.fixture(scope="module")
def corpus() -> list[Article]:
    paths = [
        str(SAMPLES),
        str(RESOURCES / "related-story.txt"),
        str(RESOURCES / "articles-fixture" / "texts"),
    ]
    docs = [a for a in read_paths(paths) if isinstance(a, Article)]
    assert len(docs) >= 9
    return docs


@pytest.fixture(scope="module")
def expected(corpus, resources) -> list[Result]:
    from dateline.pipeline import process_many

    return list(process_many(corpus, resources))


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def jsonl(results: list[Result]) -> str:
    out = io.StringIO()
    write_events((e for r in results for e in r.events), "jsonl", out)
    return out.getvalue()


def same(got: list[Result], expected: list[Result]) -> None:
    assert [r.article.article_id for r in got] == [r.article.article_id for r in expected]
    assert jsonl(got) == jsonl(expected)
    assert [r.drops for r in got] == [r.drops for r in expected]
    assert [r.problems for r in got] == [r.problems for r in expected]


def test_the_golden_corpus_has_events(expected):
    assert jsonl(expected).count("\n") >= 5  # (the comparisons below compare something)


def test_a_pool_of_two_gives_the_in_process_output(corpus, expected, resources):
    from dateline.pipeline import process_parallel

    same(list(process_parallel(corpus, 2, chunk=SHARD, config=resources.config)), expected)


def test_dask_gives_the_in_process_output(corpus, expected, resources, client):
    from dateline.engines import run_on

    same(list(run_on(client, corpus, resources.config, chunk=SHARD)), expected)


def test_a_dask_worker_killed_mid_run_loses_nothing(corpus, expected, resources, client):
    """The scheduler sends the dead worker's shards to the other one (the nanny restarts the
    dead one); every article comes back, processed, in input order."""
    from dateline.engines import run_on

    pids = list(client.run(os.getpid).values())
    got = []
    for result in run_on(client, corpus, resources.config, chunk=1):
        if not got:
            os.kill(pids[0], signal.SIGKILL)
        got.append(result)
    same(got, expected)


class _Future:
    def __init__(self, value=None, error=None) -> None:
        self.value, self.error = value, error

    def result(self):
        if self.error is not None:
            raise self.error
        return self.value

    def cancel(self) -> None:
        pass


class _Client:
    """A cluster whose shards holding "poison" kill every worker they are sent to (as Dask
    reports it: KilledWorker once allowed-failures is spent) and whose other shards give empty
    results; it records how many shards were in flight at once."""

    def __init__(self) -> None:
        self.plugins, self.in_flight, self.most = [], 0, 0

    def register_plugin(self, plugin) -> None:
        self.plugins.append(plugin)

    def nthreads(self) -> dict[str, int]:
        return {"tcp://a": 1, "tcp://b": 1}

    def submit(self, fn, name, config, shard, pure=True):
        from distributed import KilledWorker

        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        if any("poison" in a.text for a in shard):
            return self._done(_Future(error=KilledWorker("x", "tcp://a", 3)))
        return self._done(_Future([Result(a, [], []) for a in shard]))

    def _done(self, future: _Future) -> _Future:
        result = future.result

        def counted():
            self.in_flight -= 1
            return result()

        future.result = counted
        return future


@pytest.mark.parametrize("poisons", [(0,), (5, 11)])
def test_a_shard_that_kills_its_workers_fails_its_own_articles_only(poisons):
    pytest.importorskip("distributed")
    from dateline.config import load_config
    from dateline.engines import plugin_name, run_on
    from dateline.pipeline import shards
    from dateline.read.text import read_text

    texts = [f"A poison report {i}." if i in poisons else f"Report {i}." for i in range(12)]
    client = _Client()
    config = load_config(environ={})
    results = list(run_on(client, (read_text(t) for t in texts), config, chunk=2))
    assert [r.article.text for r in results] == texts
    # the shards run_on sends: of two, the input's last ones smaller (pipeline.shards)
    groups = list(shards(range(len(texts)), 2, 2))
    failed = [texts[i] for group in groups if set(group) & set(poisons) for i in group]
    assert [r.article.text for r in results if r.problems] == failed
    assert {p.code for r in results for p in r.problems} == {"E048"}
    assert client.most <= 4  # two shards per worker thread in flight, no more
    assert [p.name for p in client.plugins] == [plugin_name(config)]


def test_each_config_has_its_own_worker_resources():
    pytest.importorskip("distributed")
    from dataclasses import replace

    from dateline.config import load_config
    from dateline.engines import plugin_name

    config = load_config(environ={})
    assert plugin_name(config) == plugin_name(replace(config))
    assert plugin_name(config) != plugin_name(replace(config, scope="all"))


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("tty", "quiet", "shown"), [(True, False, True), (True, True, False), (False, False, False)]
)
def test_the_progress_bar_is_on_a_terminal_only_and_not_when_quiet(monkeypatch, tty, quiet, shown):
    """cli_run.results shows a bar (articles done, articles/s) when stderr is a terminal."""
    from argparse import Namespace

    from dateline import cli_run
    from dateline.config import load_config
    from dateline.read.text import read_text

    err = _Terminal() if tty else io.StringIO()
    monkeypatch.setattr(cli_run.sys, "stderr", err)
    monkeypatch.setattr(
        cli_run, "_guarded", lambda articles, resources: (Result(a, [], []) for a in articles)
    )
    args = Namespace(config_obj=load_config(environ={}), resources=None, quiet=quiet)
    docs = [read_text(f"Report {i}.") for i in range(3)]
    assert [r.article for r in cli_run.results(iter(docs), args, lambda p: None)] == docs
    assert ("article/s" in err.getvalue()) is shown  # the bar, with its rate


def test_the_summary_gives_time_and_rate():
    import time

    from dateline.cli_run import pace

    text = pace(10, time.perf_counter() - 2.0)
    seconds, rate = (
        float(x) for x in re.fullmatch(r"in ([\d.]+) s \(([\d.]+) article\(s\)/s\)", text).groups()
    )
    assert 2.0 <= seconds < 3.0 and 10 / 3.0 < rate <= 5.0


def test_local_dask_workers_die_with_the_command():
    """`--engine dask` started a LocalCluster in the command's process: when the command is
    killed (SIGKILL: no clean-up runs), its worker processes end too (the nannies live in the
    command, and a Dask worker exits when its nanny's process is gone)."""
    import subprocess
    import sys

    psutil = pytest.importorskip("psutil")
    env = {**os.environ, "PYTHONPATH": str(SAMPLES.parent / "src"), "PYTHONUNBUFFERED": "1"}
    flags = ["--engine", "dask", "--workers", "1", "--set", "shard_size=1"]
    cmd = [sys.executable, "-m", "dateline.cli", "extract", str(SAMPLES), *flags]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    assert proc.stdout.readline()  # mid-run: a worker has loaded its models and sent an event back
    assert proc.poll() is None, "the run ended before it could be killed"
    workers = [p for p in parent.children(recursive=True) if "spawn_main" in " ".join(p.cmdline())]
    assert workers, "no worker process seen"
    proc.kill()
    proc.wait(timeout=30)
    gone, alive = psutil.wait_procs(workers, timeout=20)
    assert not [p for p in alive if p.status() != psutil.STATUS_ZOMBIE], "workers outlived the command"


def test_a_scheduler_that_cannot_be_used_is_a_coded_error(capsys):
    pytest.importorskip("distributed")
    from dateline.cli import main

    code = main(["extract", str(SAMPLES), "--engine", "dask", "--scheduler", "bogus://x", "--quiet"])
    assert code == 2 and "[E104]" in capsys.readouterr().err


def test_the_last_shards_are_smaller_so_that_workers_finish_together():
    """Whole shards of ``size`` while the input lasts; once it is all read, each shard is the
    ``2 * workers``-th part of what is left, down to one article; input order kept."""
    from dateline.pipeline import shards

    sizes = [len(s) for s in shards(range(100), 16, 2)]
    assert sizes == [16, 16, 16, 13, 10, 8, 6, 4, 3, 2, 2, 1, 1, 1, 1]
    assert [i for s in shards(range(100), 16, 2) for i in s] == list(range(100))
    assert [len(s) for s in shards(range(3), 16, 2)] == [1, 1, 1]  # two workers busy, not one
    assert [len(s) for s in shards(range(40), 4, 1)] == [4] * 9 + [2, 1, 1]
    assert list(shards([], 16, 2)) == []
