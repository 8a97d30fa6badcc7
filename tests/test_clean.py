"""Cleaning marks boilerplate as removed spans with reasons; nothing is deleted."""

from __future__ import annotations

from support import RESOURCES, SAMPLES

from dateline.clean import clean
from dateline.read.text import read_text


def _segments(path):
    article = read_text(path.read_text(encoding="utf-8"), source_path=str(path))
    cleaned = clean(article)
    return article, [(s, article.text[s.start : s.end]) for s in cleaned.segments]


def test_masthead_teasers_credits_and_duplicate_caption():
    article, segs = _segments(SAMPLES / "sahel-convoy-ambush.txt")
    kinds = [(s.kind, s.removed) for s, _ in segs]
    assert kinds[0] == ("masthead", True)
    assert ("title", False) in kinds and ("dateline", False) in kinds
    teasers = [t for s, t in segs if s.kind == "teaser"]
    assert teasers == [
        "Read more: Mali junta extends transition by two years",
        "Read: Niger and Burkina Faso sign defence pact",
    ]
    credits = [t for s, t in segs if s.kind == "photo_credit"]
    assert credits == ["[Photo: Dateline Sample Agency]"] * 2
    captions = [t for s, t in segs if s.kind == "caption"]
    assert len(captions) == 1 and "2 February 2023" in captions[0]
    duplicates = [s for s, _ in segs if s.kind == "duplicate"]
    assert len(duplicates) == 1 and duplicates[0].removed and "caption" in duplicates[0].reason
    # every removed span has a reason, and spans never overlap
    assert all(s.reason for s, _ in segs if s.removed)
    ordered = sorted((s.start, s.end) for s, _ in segs)
    assert all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:], strict=False))


def test_prefixed_teaser_is_removed_and_headline_alone_between_paragraphs():
    _, segs = _segments(RESOURCES / "related-story.txt")
    removed = {t: s.reason for s, t in segs if s.removed}
    assert "Watch: Interview with the mayor of Iligan" in removed
    text = (
        "A long first paragraph that reports something happened.\n\n"
        "Region: Another story about something else\n\n"
        "The report went on in a second paragraph."
    )
    cleaned = clean(read_text(text))
    middle = [s for s in cleaned.segments if "Another story" in text[s.start : s.end]][0]
    assert middle.removed and middle.kind == "teaser"
    assert [s.kind for s in cleaned.segments if not s.removed] == ["body", "body"]


def test_run_in_headline_and_byline_before_a_wire_dateline_are_the_title():
    # a flattened wire story (made up): headline, byline, then "TOWN, Country (AGENCY) —"
    text = (
        "Farmers block highway over water cuts By JANE DOE MAPUTO, Mozambique (AP) — Hundreds of "
        "farmers blocked the main highway on Tuesday. Police said no one was hurt."
    )
    cleaned = clean(read_text(text))
    kinds = [(s.kind, text[s.start : s.end]) for s in cleaned.segments]
    assert kinds[0] == ("title", "Farmers block highway over water cuts By JANE DOE")
    assert kinds[1][0] == "body" and kinds[1][1].startswith("MAPUTO, Mozambique (AP) —")
    assert not cleaned.segments[0].usable and cleaned.segments[1].usable


def test_a_bracketed_word_after_a_sentence_is_no_dateline():
    text = "Gunmen killed six people in Kano on Saturday. Officials of the UN (OCHA) - said more."
    cleaned = clean(read_text(text))
    assert [s.kind for s in cleaned.segments] == ["body"]


def test_a_line_announced_as_a_caption_is_a_caption():
    text = (
        "Troops secure market after attack\n\n"
        "Soldiers took control of the central market on Tuesday after gunmen killed four traders.\n\n"
        "Photo caption: Soldiers patrol the market in the town on Monday.\n\n"
        "CAPTION | Traders wait outside the closed stalls.\n\n"
        "The caption contest drew many entries: readers sent photos of the market."
    )
    article = read_text(text, source_path="caption.txt")
    segs = [(s.kind, article.text[s.start : s.end]) for s in clean(article).segments]
    captions = [t for kind, t in segs if kind == "caption"]
    assert captions == [
        "Photo caption: Soldiers patrol the market in the town on Monday.",
        "CAPTION | Traders wait outside the closed stalls.",
    ]
    assert ("body", "The caption contest drew many entries: readers sent photos of the market.") in segs
