"""Poison inputs beside good ones: every good item is read exactly once, every bad one is a Problem
with its code, and no exception ever leaves a reader (issue 14). No spaCy here: readers only."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import SAMPLES

from dateline.read import jsonl as jsonl_module
from dateline.read.common import checked_date, iso_datetime
from dateline.read.jsonl import read_jsonl
from dateline.read.safe import body_text, printable, storable
from dateline.read.sources import read_paths
from dateline.read.warc import read_warc
from dateline.records import Article, Problem

BODY = "Gunmen killed {n} farmers near the market in Gao on Monday, police said."
CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c"}


def _good(n: int) -> str:
    return json.dumps(
        {
            "url": f"https://good.invalid/{n}",
            "published": "2021-05-04",
            "title": "Farmers killed",
            "text": BODY.format(n=n),
        }
    )


def _strings(article: Article) -> list[str]:
    return [
        article.text,
        article.title,
        article.published,
        article.publisher,
        article.url,
        article.source_path,
    ]


def assert_safe(items: list) -> None:
    """What every reader output must be: records only, storable articles, printable problems."""
    for item in items:
        assert isinstance(item, Article | Problem)
        if isinstance(item, Article):
            for value in filter(None, _strings(item)):
                value.encode("utf-8")  # no lone surrogate reaches the store
                assert "\x00" not in value and "\x1b" not in value
        else:
            for value in (item.source, item.message):
                value.encode("utf-8")
                assert not CONTROL & set(value) and "\x7f" not in value


def _mixed(tmp_path: Path, poison: str, goods: int = 10) -> tuple[list, int]:
    """A JSON Lines file of good lines with ``poison`` in the middle; its items and the poison's line."""
    lines = [_good(n) for n in range(goods)]
    lines.insert(goods // 2, poison)
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert_safe(items)
    good_urls = sorted(
        i.url for i in items if isinstance(i, Article) and i.url and i.url.startswith("https://good")
    )
    assert good_urls == sorted(f"https://good.invalid/{n}" for n in range(goods))  # each exactly once
    return items, goods // 2 + 1


# (poison line, the codes its line gets, whether its article is read anyway)
JSONL_POISON = {
    "lone surrogates everywhere": (
        '{"text": "Shots \\ud800 fired", "title": "\\udc00", "url": "\\ud83d", "publisher": "a\\udfff",'
        ' "published": "\\ud800"}',
        ["E016"],
        True,
    ),
    "nested 100k deep": ("[" * 100_000 + "]" * 100_000, ["E015"], False),
    "nested object in a record": (
        '{"text": "x", "a": ' + '{"b": ' * 200 + "1" + "}" * 200 + "}",
        ["E015"],
        False,
    ),
    "5000-digit integer": ('{"text": "x", "count": ' + "7" * 5000 + "}", ["E015"], False),
    "wrong-typed metadata": (
        '{"text": "Shots fired.", "title": ["a"], "url": {"u": 1}, "published": true}',
        ["E017"] * 3,
        True,
    ),
    "year 1": ('{"text": "Shots fired.", "published": "0001-01-01"}', ["E016"], True),
    "year 9999": ('{"text": "Shots fired.", "published": "9999-12-31"}', ["E016"], True),
    "not a date": ('{"text": "Shots fired.", "published": "99999-99-99"}', ["E016"], True),
    "NUL and ESC in the text": ('{"text": "Shots\\u0000 fired \\u001b[2J here."}', [], True),
    "not JSON": ("{this is not json", ["E005"], False),
    "not an object": ('["a", "list"]', ["E006"], False),
    "text of the wrong type": ('{"text": ["a list"]}', ["E007"], False),
}


@pytest.mark.parametrize("kind", sorted(JSONL_POISON))
def test_jsonl_poison_line_stays_with_its_line(tmp_path, kind):
    poison, codes, read = JSONL_POISON[kind]
    items, line = _mixed(tmp_path, poison)
    at_line = [
        i for i in items if (i.source if isinstance(i, Problem) else i.source_path).endswith(f":{line}")
    ]
    assert sorted(p.code for p in at_line if isinstance(p, Problem)) == sorted(codes)
    assert sum(isinstance(i, Article) for i in at_line) == (1 if read else 0)


def test_repaired_article_carries_no_surrogate_and_keeps_offsets(tmp_path):
    poison = JSONL_POISON["lone surrogates everywhere"][0]
    items, line = _mixed(tmp_path, poison)
    [article] = [i for i in items if isinstance(i, Article) and i.source_path.endswith(f":{line}")]
    assert article.published is None and "Shots \ufffd fired" in article.text
    for name, (start, end) in article.meta_spans.items():
        if name in ("title", "url", "publisher"):
            assert article.text[start:end] == getattr(article, name).strip()


def test_long_line_is_refused_by_the_line_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonl_module, "MAX_LINE_CHARS", 2000)
    items, line = _mixed(tmp_path, json.dumps({"text": "word " * 1000}))
    assert [p.code for p in items if isinstance(p, Problem)] == ["E015"]


def test_unexpected_reader_bug_is_one_lines_problem(tmp_path, monkeypatch):
    real = jsonl_module.read_text

    def buggy(raw, **kw):
        if "BUG" in raw:
            raise RuntimeError("a bug\x1b[2J in a reader")
        return real(raw, **kw)

    monkeypatch.setattr(jsonl_module, "read_text", buggy)
    items, line = _mixed(tmp_path, '{"text": "BUG here"}')
    [problem] = [i for i in items if isinstance(i, Problem)]
    assert (
        problem.code == "E014" and problem.source.endswith(f":{line}") and "RuntimeError" in problem.message
    )


def test_line_separators_inside_json_strings_do_not_split_records():
    raw = "\n".join([_good(1), json.dumps({"text": "One\u2028two\x85three"}, ensure_ascii=False), _good(2)])
    items = list(read_jsonl(raw, source_path="s.jsonl"))
    assert [type(i).__name__ for i in items] == ["Article"] * 3


@pytest.mark.parametrize(
    "value", ["0001-01-01", "9999-12-31", "1850-03-02", "99999-99-99", "3000-01-01T00:00", "x" * 300]
)
def test_implausible_dates_are_dropped_with_a_warning(value):
    warnings: list[Problem] = []
    assert iso_datetime(value) is None
    assert checked_date(value, "a.txt", warnings) is None
    assert [w.code for w in warnings] == ["E016"]


@pytest.mark.parametrize("value", ["2021-05-04", "May 4, 2021 6:30 pm", "1901-01-01"])
def test_plausible_dates_are_kept(value):
    warnings: list[Problem] = []
    assert checked_date(value, "a.txt", warnings) is not None and warnings == []


@pytest.mark.parametrize("bar", ["|", "\u2022", "\u00b7"])
def test_a_date_and_time_separated_by_a_bar_is_a_date(bar):
    assert iso_datetime(f"Tue Mar 5, 2019 {bar} 4:58pm EST") == "2019-03-05T16:58:00"


def test_text_page_with_an_implausible_timestamp_is_read_without_it(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Farmers killed near Gao\n\nJanuary 1, 9999\n\n" + BODY.format(n=3), encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Problem"]
    assert items[0].published is None and items[1].code == "E016"


# --- files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("bom", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, bom):
    text = "Police said the café was attacked in Gao on Monday.\n"
    (tmp_path / "a.txt").write_bytes(("\ufeff" + text).encode(bom))
    [article] = list(read_paths([str(tmp_path / "a.txt")]))
    assert isinstance(article, Article) and article.text == text


def test_fifo_device_and_odd_names_never_block_or_crash(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(BODY.format(n=1), encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    odd = tmp_path / "evil\x1b]0;owned\x07\u202e.txt"
    odd.write_text(BODY.format(n=2), encoding="utf-8")
    undecodable = os.fsdecode(bytes(tmp_path) + b"/bad\xff.txt")
    Path(undecodable).write_text(BODY.format(n=3), encoding="utf-8")
    items = list(read_paths([str(fifo), "/dev/zero", str(tmp_path), "/no/such\x1b[2J.txt", str(good)]))
    assert_safe(items)
    problems = [i for i in items if isinstance(i, Problem)]
    # the FIFO twice: by name, and met again under the directory (said, never silently passed)
    assert [p.code for p in problems] == ["E002", "E002", "E002", "E001"]
    assert problems[2].source == str(fifo)
    assert "\\x1b[2J" in problems[3].source
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 4  # good.txt twice (the directory and by name), the odd names once each
    assert any("\\x1b]0;owned\\x07\\u202e" in a.source_path for a in articles)
    assert any(a.source_path.endswith("bad\\xff.txt") for a in articles)


def test_directory_link_loops_are_not_followed(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(BODY.format(n=1), encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    items = list(read_paths([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Article"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_a_problem(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    assert [p.code for p in read_paths([str(path)])] == ["E002"]


def test_a_feed_is_never_taken_for_a_path_or_url(tmp_path):
    secret = tmp_path / "secret.rss"
    secret.write_text(
        "<rss><channel><item><title>Secret</title><description>Leaked body text.</description></item></channel></rss>",
        encoding="utf-8",
    )
    for holder in (str(secret), f"file://{secret}"):
        (tmp_path / "feed.xml").write_text(holder, encoding="utf-8")
        items = list(read_paths([str(tmp_path / "feed.xml")]))
        assert [p.code for p in items] == ["E011"]


def test_feed_character_references_to_nul_and_surrogates_are_safe(tmp_path):
    path = tmp_path / "f.rss"
    item = "<item><title>T&#0;&#xD800;</title><link>https://f.invalid/{n}</link><description>{b}</description></item>"
    items_xml = "".join(item.format(n=n, b=BODY.format(n=n) + " &#xD800; &#27;[2J") for n in range(3))
    path.write_text(f"<rss><channel><title>F</title>{items_xml}</channel></rss>", encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert_safe(items)
    assert sum(isinstance(i, Article) for i in items) == 3


def test_html_parser_failure_is_that_pages_problem(tmp_path, monkeypatch):
    import trafilatura

    def broken(*args, **kwargs):
        raise ValueError("lxml choked")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY.format(n=1), encoding="utf-8")
    items = list(read_paths([str(tmp_path)]))
    assert [(type(i).__name__, getattr(i, "code", None)) for i in items] == [
        ("Problem", "E019"),
        ("Article", None),
    ]


# --- WARC ----------------------------------------------------------------------------------

PAGE = (SAMPLES / "nairobi-protest.html").read_bytes()


def _warc(records: int, *, gz: bool = True, no_uri_at: int | None = None) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for n in range(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        # a fixed date and record id: the same bytes every run, so a cut at a given fraction
        # always lands at the same place (inside a record, not on a gzip member boundary)
        fixed = {"WARC-Date": "2024-05-01T12:00:00Z", "WARC-Record-ID": f"<urn:uuid:{n:032d}>"}
        record = writer.create_warc_record(
            f"https://good.invalid/{n}",
            "response",
            payload=io.BytesIO(PAGE),
            http_headers=headers,
            warc_headers_dict=fixed,
        )
        if n == no_uri_at:
            record.rec_headers.remove_header("WARC-Target-URI")
        writer.write_record(record)
    return out.getvalue()


def _read_warc_file(tmp_path: Path, data: bytes, name: str = "crawl.warc.gz") -> list:
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_paths([str(path)]))
    assert_safe(items)
    return items


def test_warc_record_without_target_uri_is_its_own_problem(tmp_path):
    items = _read_warc_file(tmp_path, _warc(21, no_uri_at=7))
    assert sum(isinstance(i, Article) for i in items) == 20
    [problem] = [i for i in items if isinstance(i, Problem)]
    assert problem.code == "E013" and problem.source.endswith("crawl.warc.gz#8")


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.61, 0.97])
def test_truncated_warc_reports_how_far_it_was_read(tmp_path, gz, fraction):
    data = _warc(20, gz=gz)
    items = _read_warc_file(
        tmp_path, data[: int(len(data) * fraction)], "crawl.warc.gz" if gz else "crawl.warc"
    )
    articles = [i for i in items if isinstance(i, Article)]
    [problem] = [i for i in items if isinstance(i, Problem)]
    assert problem.code == "E018" and f"{len(articles)} record(s) read" in problem.message
    assert 0 < len(articles) < 20


def test_escape_bytes_in_a_warc_are_escaped_in_the_message(tmp_path):
    data = _warc(2, gz=False) + b"\x1b]0;owned\x07\x1b[2J garbage\r\n\r\n"
    items = _read_warc_file(tmp_path, data, "crawl.warc")
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Problem"]
    assert items[2].code == "E018" and "\\x1b" in items[2].message


# --- property tests: any bytes, any JSON -----------------------------------------------------

SUFFIXES = [".txt", ".html", ".jsonl", ".rss", ".warc", ".warc.gz", ""]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=600),
    suffix=st.sampled_from(SUFFIXES),
    prefix=st.sampled_from([b"", b"\x1f\x8b", b"WARC/1.0\r\n", b"\xff\xfe", b"<rss>", b'{"text": ']),
)
def test_any_bytes_in_any_file_never_raise(data, suffix, prefix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"in{suffix}"
        path.write_bytes(prefix + data)
        assert_safe(list(read_paths([str(path)])))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FIELDS = st.fixed_dictionaries(
    {},
    optional={k: JSON for k in ("text", "html", "title", "url", "published", "date", "publisher", "source")},
)


@settings(max_examples=80, deadline=None)
@given(poison=st.lists(FIELDS | JSON, min_size=1, max_size=4))
def test_any_json_records_never_sink_the_good_ones(poison):
    lines = [_good(n) for n in range(3)] + [json.dumps(p) for p in poison]
    items = list(read_jsonl("\n".join(lines), source_path="p.jsonl"))
    assert_safe(items)
    assert sum(isinstance(i, Article) and (i.url or "").startswith("https://good") for i in items) == 3


@settings(max_examples=40, deadline=None)
@given(
    cut=st.integers(min_value=0),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=3),
)
def test_damaged_warc_never_raises(cut, flips):
    data = bytearray(WARC_SAMPLE[: cut % (len(WARC_SAMPLE) + 1)])
    for at, value in flips:
        if data:
            data[at % len(data)] = value
    items = list(read_warc(bytes(data), source_path="d.warc.gz"))
    assert_safe(items)


WARC_SAMPLE = _warc(3)


def test_printable_and_storable():
    assert printable("a\x1b[2Jb\u202e\udcff\n") == "a\\x1b[2Jb\\u202e\\xff\\x0a"
    assert len(printable("x" * 10_000)) < 600
    text = "a\x00b\ud800c\x1bd\te\nf"
    assert storable(text) == "a\ufffdb\ufffdc\ufffdd\te\nf" and len(storable(text)) == len(text)
    assert body_text(text) == "ab\ufffdcd\te\nf"  # a page's controls go before offsets are taken


def test_gzip_text_is_not_taken_for_a_crawl(tmp_path):
    (tmp_path / "a.txt").write_bytes(gzip.compress(b"hello"))
    assert_safe(list(read_paths([str(tmp_path / "a.txt")])))


def test_a_record_whose_content_length_is_too_short_is_reported_and_skipped(tmp_path):
    good = _warc(3, gz=False)
    # the second record claims a third of its real length
    records = good.split(b"WARC/1.0\r\n")[1:]
    second = b"WARC/1.0\r\n" + records[1]
    length = re.search(rb"Content-Length: (\d+)", second)
    short = second.replace(length.group(0), b"Content-Length: " + str(int(length.group(1)) // 3).encode())
    data = b"WARC/1.0\r\n" + records[0] + short + b"WARC/1.0\r\n" + records[2]
    items = _read_warc_file(tmp_path, data, "crawl.warc")
    assert isinstance(items[0], Article) and len(items) == 3
    assert items[1].code == "E013" and items[1].source.endswith("crawl.warc#2")
    # the third is read when warcio finds its way back to it, else the rest is reported cut
    assert isinstance(items[2], Article) or items[2].code == "E018"
