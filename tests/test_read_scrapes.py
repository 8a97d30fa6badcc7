"""Real scrapes: mojibake repaired before storing, share buttons and the site's date stamp
removed with reasons, bodies without a title kept whole, non-English articles skipped with a
recorded reason. The texts are written for these tests, imitating the shapes of real scrapes."""

from __future__ import annotations

import json

import pytest

from dateline.clean import clean
from dateline.read.jsonl import read_jsonl
from dateline.read.repair import REPAIR_KEY, repaired_span
from dateline.read.text import read_text

# What a Windows-1252 decode of UTF-8 makes of "’", "“", "”" and "é".
MOJIBAKE = {
    "’": "\u00e2\u20ac\u2122",
    "“": "\u00e2\u20ac\u0153",
    "”": "\u00e2\u20ac\u009d",
    "é": "\u00c3\u00a9",
}


def _garble(text: str) -> str:
    for good, bad in MOJIBAKE.items():
        text = text.replace(good, bad)
    return text


def test_mojibake_is_repaired_before_the_text_is_stored():
    written = "The mayor’s office said the café on Rue Verte was closed after “a clash” on Monday."
    article = read_text(_garble(written) + "\n\nA second paragraph follows here.")
    assert article.text.startswith(written)
    start, end = article.meta_spans[REPAIR_KEY]
    # the span covers the first to the last repaired character of the stored text
    assert article.text[start] == "’" and article.text[end - 1] == "”"
    assert not any(bad in article.text for bad in MOJIBAKE.values())


def test_clean_text_is_stored_as_it_is_and_no_repair_is_recorded():
    text = "Troops clashed with rebels near the border on Monday, officials said. Café owners fled."
    article = read_text(text)
    assert article.text == text and REPAIR_KEY not in article.meta_spans


def test_repaired_span_is_where_the_strings_differ():
    assert repaired_span("abc", "abc") is None
    assert repaired_span("xx\u00c3\u00a9yy", "xxéyy") == (2, 3)


def test_jsonl_title_is_repaired_too():
    record = {
        "title": _garble("Police’s raid"),
        "text": "Police raided the office on Monday, officials said.",
    }
    (article,) = read_jsonl(json.dumps(record), source_path="x.jsonl")
    assert article.title == "Police’s raid" and article.text.startswith("Police’s raid\n\n")


SCRAPE = (
    "This story is from April 9, 2003\n\n"
    "rampur: police arrested eleven people after a clash between two groups over a temple procession "
    "in the old town on tuesday, a senior officer said. a curfew was imposed in three areas.\n\n"
    "Facebook Twitter Linkedin Mail"
)


def _segments(article):
    return [(s.kind, s.removed, s.reason, article.text[s.start : s.end]) for s in clean(article).segments]


def test_site_date_stamp_and_share_buttons_are_removed_with_reasons():
    record = {"url": "http://example.org/a", "published": "2003-04-09", "text": SCRAPE}
    (article,) = read_jsonl(json.dumps(record), source_path="x.jsonl")
    assert article.title is None
    segs = {text: (kind, removed, reason) for kind, removed, reason, text in _segments(article)}
    assert segs["This story is from April 9, 2003"][1:] == (
        True,
        "the site's date stamp ('This story is from …')",
    )
    assert segs["Facebook Twitter Linkedin Mail"][1:] == (True, "share buttons")
    body = [text for kind, removed, _, text in _segments(article) if kind == "body" and not removed]
    assert len(body) == 1 and body[0].startswith("rampur: police arrested eleven people")


def test_the_date_stamp_dates_an_article_that_has_no_date():
    (article,) = read_jsonl(json.dumps({"text": SCRAPE}), source_path="x.jsonl")
    assert article.published.startswith("2003-04-09") and article.title is None


@pytest.mark.parametrize(
    "first",
    [
        "kanpur: two men were injured when a crude bomb went off near a bus stand on sunday",
        "Gunmen killed six people at a bar in the town on Saturday, the state prosecutor said",
        "Police fired tear gas at the crowd. Dozens of protesters were detained on Friday",
    ],
)
def test_a_first_body_sentence_is_not_taken_for_a_missing_title(first):
    text = f"{first}\n\nThe district magistrate ordered an inquiry into the incident on Monday."
    (article,) = read_jsonl(json.dumps({"text": text}), source_path="x.jsonl")
    assert article.title is None
    kinds = {t: kind for kind, _, _, t in _segments(article)}
    assert kinds[first] == "body"


def test_a_real_headline_is_still_found():
    text = (
        "Syria: five killed in strike on market\n\n"
        "March 3, 2021\n\n"
        "Five people were killed when a missile struck a market in the town on Tuesday, a monitor said."
    )
    article = read_text(text)
    assert article.title == "Syria: five killed in strike on market"
    assert article.published.startswith("2021-03-03")


def test_a_translation_link_inside_a_paragraph_is_cut_out():
    first = "the army was called out in three towns after the clashes spread on friday."
    second = "a senior officer said the situation was under control by the evening."
    text = f"{first}        read this story in...          \u00c2 \u00c2 hindi    {second}"
    segs = _segments(read_text(text))
    assert [(kind, removed) for kind, removed, _, _ in segs] == [
        ("body", False),
        ("teaser", True),
        ("body", False),
    ]
    assert segs[0][3] == first and segs[2][3] == second
    assert segs[1][3].startswith("read this story in") and segs[1][3].endswith("hindi")
    assert segs[1][2] == "link to the story in another language"


def test_an_html_page_is_repaired_too():
    from dateline.read.html import read_html

    para = "The governor’s office said the café near the market was attacked on Monday night by gunmen. "
    html = (
        f"<html><head><title>{_garble('Governor’s office attacked')}</title></head><body><article>"
        f"<h1>{_garble('Governor’s office attacked')}</h1><p>{_garble(para * 3)}</p></article></body></html>"
    )
    article = read_html(html)
    assert article.title == "Governor’s office attacked"
    assert (para * 3).strip() in article.text and REPAIR_KEY in article.meta_spans
