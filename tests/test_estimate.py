"""The progress bar's count of articles (read/estimate.py) against what the readers really read."""

from __future__ import annotations

import io
import json

import pytest
from support import SAMPLES

from dateline.cli_run import _Estimate
from dateline.read import estimate
from dateline.read.estimate import estimate_articles
from dateline.read.sources import read_paths
from dateline.records import Article

BODY = "Protesters marched through the town centre on Monday, police said.\n\nNo one was hurt."


def _jsonl(path, n: int) -> None:
    lines = [
        json.dumps({"url": f"https://x.invalid/{i}", "title": f"T{i}", "text": f"{BODY} ({i})"})
        for i in range(n)
    ]
    path.write_text("\n\n".join(lines) + "\n   \n", encoding="utf-8")  # blank lines between and after


def _feed(path, n: int) -> None:
    items = "".join(
        f"<item><title>Report {i}</title><link>https://x.invalid/f{i}</link><description>{BODY} {i}</description></item>"
        for i in range(n)
    )
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>'
    )


def _warc(path, n: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i in range(n):
            page = f"<html><body><article><h1>Report {i}</h1><p>{BODY} {i}</p><p>{BODY}</p></article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
            uri = f"https://x.invalid/w{i}"
            payload = io.BytesIO(page.encode())
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=payload, http_headers=headers)
            )
            writer.write_record(
                writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.0\r\n\r\n"))
            )


@pytest.fixture()
def inputs(tmp_path):
    _jsonl(tmp_path / "a.jsonl", 7)
    _feed(tmp_path / "b.rss", 4)
    _warc(tmp_path / "c.warc.gz", 5)
    (tmp_path / "d.txt").write_text(BODY)
    return tmp_path


def _read(paths) -> int:
    return sum(isinstance(item, Article) for item in read_paths(paths))


def test_the_estimate_equals_the_articles_read_in_every_format(inputs):
    for name in ("a.jsonl", "b.rss", "c.warc.gz", "d.txt"):
        path = str(inputs / name)
        assert estimate_articles([path]) == _read([path]) > 0, name
    assert estimate_articles([str(inputs)]) == _read([str(inputs)]) == 7 + 4 + 5 + 1  # a directory


def test_marks_cut_by_a_chunk_boundary_are_counted_once(inputs, monkeypatch):
    whole = estimate_articles([str(inputs / "b.rss"), str(inputs / "c.warc.gz")])
    for size in (7, 64, 65, 100, 333):
        monkeypatch.setattr(estimate, "_CHUNK", size)
        assert estimate_articles([str(inputs / "b.rss"), str(inputs / "c.warc.gz")]) == whole, size


def test_stdin_and_a_stopped_count_give_no_estimate(inputs):
    assert estimate_articles(["-", str(inputs / "d.txt")]) is None
    assert estimate_articles([str(inputs)], stop=lambda: True) is None
    assert estimate_articles([str(inputs / "missing.jsonl"), str(SAMPLES / "wire.jsonl")]) == _read(
        [str(SAMPLES / "wire.jsonl")]
    )  # a missing path is the readers' problem, not a count


def test_the_bar_gets_the_total_once_it_is_known_and_above_what_is_done(inputs):
    class Bar:
        n, total, bar_format = 0, None, "counting"

    estimate_ = _Estimate([str(inputs)])
    for _ in range(200):  # the count runs in a thread: wait for it (it takes milliseconds)
        if estimate_.total is not None:
            break
        import time

        time.sleep(0.01)
    bar = Bar()
    bar.n = 20  # more done than the estimate (17): an estimate that is already wrong is not shown
    estimate_.apply(bar)
    assert bar.total is None and bar.bar_format == "counting"
    bar.n = 3
    estimate_.apply(bar)
    assert bar.total == 17 and "remaining" in bar.bar_format


def test_a_terminal_sees_the_share_done_and_the_time_left(tmp_path):
    """The real command on a pseudo-terminal, as a person runs it: the bar gets its total."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    _jsonl(tmp_path / "many.jsonl", 6)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a 120-column terminal
    command = [sys.executable, "-m", "dateline.cli", "extract", str(tmp_path / "many.jsonl")]
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    seen = b""
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        seen += data
    assert child.wait(timeout=300) == 0
    screen = seen.decode("utf-8", "replace")
    assert "/~6 article(s)" in screen and "<00:" in screen, screen[-2000:]
