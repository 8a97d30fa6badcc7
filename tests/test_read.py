"""Readers: text dumps, HTML, JSON Lines, paths; bad inputs become problems, not crashes."""

from __future__ import annotations

from support import RESOURCES, SAMPLES

from dateline.read.common import article_id_for
from dateline.read.sources import read_paths
from dateline.read.text import paragraphs, parse_header, read_text
from dateline.records import Article, Problem

PAGE = """Your daily window on the region

Two soldiers killed near border post

August 3, 2021 at 6:30 pm

Two soldiers were killed when their patrol came under fire near the border, the ministry said.
"""


def test_text_header_is_found():
    spans = parse_header(PAGE)
    assert PAGE[slice(*spans["masthead"])] == "Your daily window on the region"
    assert PAGE[slice(*spans["title"])] == "Two soldiers killed near border post"
    assert PAGE[slice(*spans["published"])] == "August 3, 2021 at 6:30 pm"


def test_text_reader_metadata_and_overrides():
    article = read_text(PAGE, source_path="page.txt")
    assert article.title == "Two soldiers killed near border post"
    assert article.published == "2021-08-03T18:30:00"
    assert article.publisher is None
    overridden = read_text(PAGE, published="2021-08-04", publisher="Sample Times")
    assert overridden.published == "2021-08-04"
    # metadata the page does not show is written as a labelled preamble, so it has offsets
    start, end = overridden.meta_spans["publisher"]
    assert overridden.text[start:end] == "Sample Times"
    assert overridden.article_id == article.article_id  # same body, same id


def test_paragraphs_without_blank_lines_are_lines():
    text = "First line here.\nSecond line here.\nThird."
    assert [text[s:e] for s, e in paragraphs(text)] == ["First line here.", "Second line here.", "Third."]


def test_article_id_ignores_whitespace_only_changes():
    assert article_id_for("A  b\nc") == article_id_for("A b c")
    assert article_id_for("A b c") != article_id_for("A b d")


def test_html_page_through_trafilatura():
    [article] = list(read_paths([str(SAMPLES / "nairobi-protest.html")]))
    assert isinstance(article, Article)
    assert article.title == "Police fire tear gas at Nairobi cost-of-living protest"
    assert article.publisher == "Dateline Sample Daily"
    assert article.published.startswith("2023-07-08")
    assert "Most read" not in article.text and "All rights reserved" not in article.text
    assert "Moi Avenue" in article.text
    start, end = article.meta_spans["published"]
    assert article.text[start:end].startswith("2023-07-08")


def test_jsonl_good_and_bad_lines_are_separated():
    items = list(read_paths([str(RESOURCES / "bad" / "mixed.jsonl")]))
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(articles) == 1 and articles[0].publisher == "Dateline Sample Wire"
    assert [p.code for p in problems] == ["E005", "E007", "E006"]
    assert problems[0].source.endswith("mixed.jsonl:2")


def test_bad_files_become_problems_and_the_rest_is_read():
    paths = [
        str(RESOURCES / "bad" / "binary.txt"),
        str(RESOURCES / "bad" / "empty.txt"),
        "/no/such/file.txt",
        str(RESOURCES / "nothing-matches-*.txt"),
        str(SAMPLES / "sahel-convoy-ambush.txt"),
    ]
    items = list(read_paths(paths))
    problems = {p.code for p in items if isinstance(p, Problem)}
    assert problems == {"E002", "E003", "E001"}
    assert sum(isinstance(i, Article) for i in items) == 1


def test_directory_reads_known_suffixes_only():
    items = list(read_paths([str(SAMPLES)]))
    sources = {getattr(i, "source_path", "") for i in items}
    assert not any(s.endswith("README.md") for s in sources)
    assert sum(isinstance(i, Article) for i in items) == 5


def test_rss_feed_entries_become_articles():
    items = list(read_paths([str(RESOURCES / "wire.rss")]))
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(articles) == 1 and articles[0].publisher == "Dateline Sample Feed"
    assert articles[0].url == "https://samples.dateline.invalid/feed/1"
    assert articles[0].published.startswith("2020-10-06") and "three teachers" in articles[0].text
    assert [p.code for p in problems] == ["E012"]


def test_warc_crawl_html_responses(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (SAMPLES / "nairobi-protest.html").read_bytes()
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for uri, body, kind in [
            ("https://samples.dateline.invalid/a", page, "text/html; charset=utf-8"),
            ("https://samples.dateline.invalid/logo.png", b"\x89PNG....", "image/png"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.0")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=_bytes_io(body), http_headers=headers)
            )
    items = list(read_paths([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article"]
    assert items[0].url == "https://samples.dateline.invalid/a" and "Moi Avenue" in items[0].text
    assert list(read_paths([str(tmp_path)]))[0].url == items[0].url  # found by directory scan too


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)
