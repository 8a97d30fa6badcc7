"""Red-team regressions (issue 14): new variants of each poison kind, probed through the readers and
the commands as an outside tester would. Each test names the class of failure it guards against;
none depends on one exact probe string. No spaCy here: readers and the store only."""

from __future__ import annotations

import gzip
import os
import sys

import pytest
from support import shared_resources

from dateline.cli import main
from dateline.ingest import open_store
from dateline.read import html as html_module
from dateline.read.common import parse_published
from dateline.read.feeds import read_feed
from dateline.read.sources import expand, read_paths
from dateline.read.warc import read_warc
from dateline.records import Article, Problem

PAGE = b"<html><body><article><p>Gunmen killed four traders in Mopti on Friday, police said.</p></article></body></html>"


def _warc_record(kind: str, uri: str, block: bytes) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2021-05-04T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash((kind, uri))):032x}>\r\n"
        f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def _response(uri: str) -> bytes:
    return _warc_record("response", uri, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE)


def _split(items: list) -> tuple[list[Article], list[Problem]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)]


# -- HTML: a tag with a huge number of attributes (libxml2 checks them pairwise: minutes) -----------


@pytest.mark.parametrize("attribute", ['a{i}="x"', "data-{i}", "x{i}='&amp;'"])
def test_no_tag_longer_than_the_limit_reaches_the_parser(monkeypatch, attribute):
    import trafilatura

    seen: list[str] = []

    original = trafilatura.bare_extraction

    def spy(markup, **kw):
        seen.append(markup)
        return original(markup, **kw)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    attrs = " ".join(attribute.format(i=i) for i in range(30_000))
    page = f"<html><body><article><p {attrs}>Gunmen killed four traders in Mopti.</p></article></body></html>"
    article = html_module.read_html(page, source_path="attrs.html")
    assert "Gunmen killed four traders" in article.text
    longest = max(len(tag) for tag in seen[0].split("<"))
    assert longest <= html_module.MAX_TAG_CHARS


def test_short_tags_keeps_ordinary_markup_and_its_text():
    page = "<p class='a' id=\"b\">" + "x" * 30_000 + "</p><img src='" + "d" * 30_000 + "'>"
    out = html_module.short_tags(page)
    assert out.startswith("<p class='a' id=\"b\">" + "x" * 30_000)  # text is never touched
    assert out.endswith("<img>")


# -- feeds: well-formed XML that gives no entry must not vanish without a word ---------------------


@pytest.mark.parametrize(
    "xml",
    [
        '<?xml version="1.0"?><root><a>Gunmen killed four traders in Mopti.</a></root>',
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>',
    ],
)
def test_a_feed_file_without_entries_is_a_problem(xml):
    items = list(read_feed(xml, source_path="f.xml"))
    assert [(p.source, p.code) for p in items] == [("f.xml", "E011")]


# -- WARC: crawls without pages, and padding after the last record --------------------------------


def test_a_warc_without_html_responses_says_so():
    data = _warc_record("request", "http://a.invalid/", b"GET / HTTP/1.1\r\n\r\n") + _warc_record(
        "metadata", "http://a.invalid/", b"via: x\r\n"
    )
    items = list(read_warc(data, source_path="c.warc"))
    assert [(p.source, p.code) for p in items] == [("c.warc", "E013")]
    assert "request" in items[0].message and "metadata" in items[0].message


@pytest.mark.parametrize("packed", [False, True])
@pytest.mark.parametrize("padding", [b"\x00" * 4096, b"\r\n\r\n  \n"])
def test_padding_after_the_last_record_is_no_damage(packed, padding):
    records = [_response("http://a.invalid/1"), _response("http://a.invalid/2")]
    data = b"".join(gzip.compress(r) if packed else r for r in records) + padding
    articles, problems = _split(list(read_warc(data, source_path="c.warc.gz")))
    assert len(articles) == 2 and problems == []


def test_garbage_after_the_last_record_is_still_reported():
    data = _response("http://a.invalid/1") + b"\x00\x00 not a record at all"
    articles, problems = _split(list(read_warc(data, source_path="c.warc")))
    assert len(articles) == 1 and [p.code for p in problems] == ["E018"]


# -- publication dates: dateutil fills what a string lacks, and reads 0000 as 2000 ----------------


@pytest.mark.parametrize(
    "value",
    [
        "Mon, 01 Jan 0000 00:00:00 GMT",  # RFC 822 with a year 0
        "Jan 1, 0000",
        "1 January 0010",  # a year below 1000 must not become 2010
        "Jan 0001",
        "Monday",  # no year, no month: today's would be invented
        "17",
        "2019",  # a year alone: its month and day would be invented
    ],
)
def test_a_date_without_its_own_year_or_month_is_dropped(value):
    iso, why = parse_published(value)
    assert iso is None and why


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mon, 01 Jan 00 00:00:00 +0000", "2000-01-01T00:00:00"),  # two-digit years stay
        ("Tue, 04 May 2021 10:00:00 -0400", "2021-05-04T10:00:00"),  # an offset is no year
        ("4 May 2021 10:00 GMT+0100", "2021-05-04T10:00:00"),
        ("May 2021", "2021-05-01T00:00:00"),
        ("2021-05-04", "2021-05-04"),
    ],
)
def test_dates_that_say_their_year_are_kept(value, expected):
    assert parse_published(value) == (expected, None)


def test_a_feed_entry_dated_year_zero_is_read_without_a_date(tmp_path):
    feed = tmp_path / "f.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>t</title>'
        "<pubDate>Sat, 01 Jan 0000 00:00:00 GMT</pubDate>"
        "<description>Gunmen killed four traders in Mopti.</description></item></channel></rss>"
    )
    articles, problems = _split(list(read_paths([str(feed)])))
    assert len(articles) == 1 and articles[0].published is None
    assert [p.code for p in problems] == ["E016"]


# -- paths: names that match but cannot be read are said, never skipped silently ------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symbolic links")
def test_broken_links_and_fifos_under_a_directory_or_a_glob_are_problems(tmp_path):
    (tmp_path / "good.txt").write_text("Gunmen killed four traders in Mopti.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.html")
    (tmp_path / "other.bin").write_text("not a known suffix: not read, by design")
    for given in (str(tmp_path), str(tmp_path / "*.*")):
        items = list(expand([given]))
        files = [i for i in items if isinstance(i, str)]
        codes = sorted((os.path.basename(p.source), p.code) for p in items if isinstance(p, Problem))
        assert str(tmp_path / "good.txt") in files and not any("gone" in f or "pipe" in f for f in files)
        assert ("gone.txt", "E001") in codes and ("pipe.html", "E002") in codes


# -- the database and the output file named on the command line ------------------------------------


def _empty_db(path) -> str:
    with open_store(str(path), create=True):
        pass
    return str(path)


@pytest.mark.parametrize("content", [b"x", b"#!", b"\x00", b"id,name\n"])
@pytest.mark.parametrize("argv", [["events"], ["problems"], ["drops"], ["ingest", "-"]])
def test_a_short_file_that_is_not_a_database_is_refused_and_kept(
    capsys, monkeypatch, tmp_path, content, argv
):
    # SQLite takes a file shorter than its 100-byte header for an empty database
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    monkeypatch.setattr(sys, "stdin", open(os.devnull))  # noqa: SIM115 - ingest - reads nothing
    code = main([*argv, "--db", str(path)], resources=shared_resources())
    err = capsys.readouterr().err
    assert code == 2 and "[E044]" in err and "Traceback" not in err
    assert path.read_bytes() == content


@pytest.mark.parametrize("target", ["a directory", "a missing folder"])
def test_export_to_an_unwritable_out_is_a_usage_error(capsys, tmp_path, target):
    db = _empty_db(tmp_path / "x.db")
    out = tmp_path if target == "a directory" else tmp_path / "missing" / "x.jsonl"
    code = main(["export", "--db", db, "--out", str(out)], resources=shared_resources())
    err = capsys.readouterr().err
    assert code == 2 and "[E041]" in err and "Traceback" not in err


def test_a_latin1_page_in_a_crawl_keeps_its_accents():
    page = "<html><body><article><p>Gunmen killed four traders in Ségou on Friday, police said.</p></article></body></html>"
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page.encode("latin-1")
    [article] = list(read_warc(_warc_record("response", "http://a.invalid/s", block), source_path="c.warc"))
    assert "Ségou" in article.text and "\ufffd" not in article.text


def _lying(uri: str, declared: str) -> bytes:
    """A response record whose WARC Content-Length says ``declared``."""
    head, rest = _response(uri).split(b"Content-Length: ", 1)
    return head + b"Content-Length: " + declared.encode() + b"\r\n" + rest.split(b"\r\n", 1)[1]


@pytest.mark.parametrize("declared", ["40", "999999999", "-5", "", "12abc"])
def test_a_record_whose_length_lies_loses_only_itself(declared):
    data = (
        _response("http://a.invalid/1")
        + _lying("http://a.invalid/2", declared)
        + _response("http://a.invalid/3")
    )
    articles, problems = _split(list(read_warc(data, source_path="c.warc")))
    urls = {a.url for a in articles}
    assert {"http://a.invalid/1", "http://a.invalid/3"} <= urls
    assert "E018" in [p.code for p in problems]


def test_a_warc_that_never_resyncs_stops_with_one_problem():
    data = _response("http://a.invalid/1") + b"junk with no record after it\r\n" * 3
    articles, problems = _split(list(read_warc(data, source_path="c.warc")))
    assert len(articles) == 1 and [p.code for p in problems] == ["E018"]


# -- a stray NUL byte: the item's problem, never the whole file's ---------------------------------


def test_one_raw_nul_in_a_jsonl_line_loses_that_line_only(tmp_path):
    lines = [f'{{"text": "Gunmen killed {n} traders in Mopti on Friday."}}' for n in range(6)]
    lines[2] = lines[2].replace("killed", "kil\x00led")
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines) + "\n")
    articles, problems = _split(list(read_paths([str(path)])))
    assert len(articles) == 5 and [(p.source, p.code) for p in problems] == [(f"{path}:3", "E005")]


@pytest.mark.parametrize("suffix", [".txt", ".html", ".rss"])
def test_a_stray_nul_in_a_page_is_deleted_not_fatal(tmp_path, suffix):
    text = "Gunmen killed\x00 four traders in Mopti on Friday."
    body = {
        ".txt": text,
        ".html": f"<html><body><article><p>{text}</p></article></body></html>",
        ".rss": f'<rss version="2.0"><channel><title>x</title><item><description>{text}</description></item></channel></rss>',
    }[suffix]
    path = tmp_path / f"a{suffix}"
    path.write_text(body)
    articles, problems = _split(list(read_paths([str(path)])))
    assert problems == [] and len(articles) == 1 and "\x00" not in articles[0].text


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", b"text" + b"\x00" * 5000, "plain".encode("utf-16-le")],
)
def test_binary_and_nul_floods_are_still_refused(tmp_path, data):
    path = tmp_path / "b.txt"
    path.write_bytes(data)
    assert [(type(i), getattr(i, "code", None)) for i in read_paths([str(path)])] == [(Problem, "E002")]
