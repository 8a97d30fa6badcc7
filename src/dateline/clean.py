"""Cleaning: split the stored text into paragraphs and mark what is not article prose.

Nothing is deleted: boilerplate becomes a removed ``Segment`` with a reason, so the web page
can strike it out and no event can come from it.
"""

from __future__ import annotations

import math
import re

from .config import Config
from .read.text import paragraphs
from .records import Article, Cleaned, Segment

TEASER_PREFIX = re.compile(
    r"^\s*(?:read(?:\s+more)?|also\s+read|see\s+also|related(?:\s+stories?)?|recommended|watch|"
    r"listen|more\s+on\s+this|click\s+here|subscribe|sign\s+up|follow\s+us)\b\s*[:|>»\-–]",
    re.IGNORECASE,
)
# A credit at the end of a caption: "[NAME/AFP/Getty Images]" or "(Photo: Reuters)".
PHOTO_CREDIT = re.compile(
    r"\s*[\[(](?=[^\])]*(?:/|getty|afp|reuters|photo|image|credit|epa|anadolu|associated press|\bap\b))"
    r"[^\[\]()]{2,120}[\])]\s*$",
    re.IGNORECASE,
)
CREDIT_LINE = re.compile(r"^\s*(?:photo|image|picture|credit)s?\s*(?:by)?\s*[:|]", re.IGNORECASE)
# A caption announced as one ("Photo caption: Soldiers patrol …", "CAPTION | …"): it describes a
# picture, not the report's events, so it is a caption however it ends.
CAPTION_LINE = re.compile(r"^\s*(?:(?:file\s+)?(?:photo|image|picture)\s+)?caption\s*[:|]", re.IGNORECASE)
# Site furniture in scraped pages: a row of share buttons ("Facebook Twitter Linkedin Mail") and
# the site's own date stamp ("This story is from March 7, 2002"), which is not the report's text.
SHARE_BUTTONS = re.compile(
    r"^\s*(?:share(?:\s+(?:on|via|this(?:\s+story|\s+article)?))?\s*:?\s*)?"
    r"(?:(?:facebook|twitter|x|linkedin|mail|e-?mail|whatsapp|print|pinterest|reddit|telegram|"
    r"copy\s+link|comments?)\b[\s|,·•/]*){2,}$",
    re.IGNORECASE,
)
SITE_DATE_STAMP = re.compile(
    r"^\s*this\s+(?:story|article)\s+is\s+from\s+[\w ,.]{4,40}\d{4}\s*$", re.IGNORECASE
)
# A link to the same story in another language, printed inside a paragraph of some scrapes
# ("…all over gujarat.   read this story in...   Â Â hindi   a clear message…"): cut out, so that
# no sentence runs across it.
INLINE_TRANSLATION_LINK = re.compile(
    r"\s*\bread\s+this\s+(?:story|article)\s+in\s*(?:\.{2,}|…)[\s\u00a0\u00c2]*[^\W\d_]+\b\s*",
    re.IGNORECASE,
)
# A flattened wire story runs its headline and byline into the first paragraph before the dateline:
# "Police, students clash in X By JANE DOE CANBERRA, Australia (AP) — Police in X fired …". The
# dateline (a town in capitals, an optional ", country" or ", date", the agency in brackets and a
# dash) is crisp; what comes before it is the headline, not a sentence of the report.
RUN_IN_DATELINE = re.compile(
    r"(?<![\w'’.-])(?P<town>[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+){0,3})"  # CANBERRA, PORT MORESBY
    r"(?:,[ \t]*[^\W\d_][\w .'’]{1,30}?){0,2}"  # ", Australia" / ", October 24"
    r"[ \t]*\([A-Z][A-Za-z.-]{1,15}(?: [A-Z][A-Za-z.-]{1,15}){0,2}\)[ \t]*[-–—]{1,2}[ \t]"  # (AP) —
)
RUN_IN_HEADLINE_MAX = 300  # characters before the dateline; a longer run is prose, not a headline
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*\s*$")
_WORD = re.compile(r"\w+")
_SECOND_SENTENCE = re.compile(r"\w{3,}[.!?]['\"”’]?\s+[\"“‘']?[A-Z]")
HEADLINE_MAX_WORDS = 20
DUPLICATE_SIMILARITY = 0.85


def clean(article: Article, max_paragraph_chars: int | None = None) -> Cleaned:
    """The article's segments; a paragraph longer than ``max_paragraph_chars`` (default: the
    config's) is cut into pieces of at most that many characters (``split_long``)."""
    text = article.text
    meta = article.meta_spans
    limit = max_paragraph_chars or Config().max_paragraph_chars
    segments: list[Segment] = []
    for start, end in (piece for span in paragraphs(text) for piece in split_long(text, *span, limit)):
        segments.extend(_classify(text, start, end, meta))
    _split_run_in_headline(text, segments)
    _mark_headlines(text, segments)
    _mark_duplicates(text, segments)
    return Cleaned(article=article, segments=segments)


# where a long paragraph is cut: after a sentence's end, else after any space
_CUT_SENTENCE = re.compile(r"[.!?…]['\"”’)\]]*\s+")
_CUT_SPACE = re.compile(r"\s+")


def split_long(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``limit`` characters, so that no paragraph is too
    long for spaCy (its ``max_length``, and about 1 GB of memory per 100,000 characters). Each
    piece ends after the last sentence end in the second half of its window, else after the last
    space there, else at the limit (one unbroken token). Linear in the paragraph; a paragraph
    within the limit is returned as it is."""
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        window_start, window_end = start + limit // 2, start + limit
        cut = None
        for rx in (_CUT_SENTENCE, _CUT_SPACE):
            for m in rx.finditer(text, window_start, window_end):
                cut = m
            if cut is not None:
                break
        if cut is None:
            pieces.append((start, window_end))
            start = window_end
            continue
        pieces.append((start, cut.start() + len(cut.group().rstrip())))
        start = cut.end()
    if start < end:
        pieces.append((start, end))
    return pieces


def _inside(span: tuple[int, int] | None, start: int, end: int) -> bool:
    return span is not None and span[0] <= start and end <= span[1]


def _classify(text: str, start: int, end: int, meta: dict) -> list[Segment]:
    para = text[start:end]
    if _inside(meta.get("preamble"), start, end):
        return [Segment(start, end, "metadata")]
    if SITE_DATE_STAMP.match(para):  # kept as the dateline (it may date the article), not as prose
        return [
            Segment(
                start, end, "dateline", removed=True, reason="the site's date stamp ('This story is from …')"
            )
        ]
    if SHARE_BUTTONS.match(para):
        return [Segment(start, end, "masthead", removed=True, reason="share buttons")]
    if _inside(meta.get("masthead"), start, end):
        return [Segment(start, end, "masthead", removed=True, reason="site tagline or masthead")]
    if _inside(meta.get("title"), start, end):
        return [Segment(start, end, "title")]
    if _inside(meta.get("published"), start, end):
        return [Segment(start, end, "dateline")]
    if TEASER_PREFIX.match(para):
        return [Segment(start, end, "teaser", removed=True, reason="link to another story")]
    if CAPTION_LINE.match(para):
        return [Segment(start, end, "caption")]
    if CREDIT_LINE.match(para):
        return [Segment(start, end, "photo_credit", removed=True, reason="photo credit")]
    credit = PHOTO_CREDIT.search(para)
    if credit and credit.start() > 0:
        cut = start + credit.start()
        credit_start = cut + (len(credit.group(0)) - len(credit.group(0).lstrip()))
        return [
            Segment(start, cut, "caption"),
            Segment(credit_start, end, "photo_credit", removed=True, reason="photo credit"),
        ]
    return _cut_inline_links(text, start, end)


def _cut_inline_links(text: str, start: int, end: int) -> list[Segment]:
    """The paragraph as body, less the translation links inside it (removed, with a reason)."""
    segments: list[Segment] = []
    at = start
    for m in INLINE_TRANSLATION_LINK.finditer(text, start, end):
        if m.start() > at:
            segments.append(Segment(at, m.start(), "body"))
        link = text[m.start() : m.end()]
        left, right = m.start() + len(link) - len(link.lstrip()), m.end() - (len(link) - len(link.rstrip()))
        segments.append(
            Segment(left, right, "teaser", removed=True, reason="link to the story in another language")
        )
        at = m.end()
    if at < end:
        segments.append(Segment(at, end, "body"))
    return segments


def _split_run_in_headline(text: str, segments: list[Segment]) -> None:
    """Take a run-in headline and byline off the first body paragraph (see RUN_IN_DATELINE): it
    becomes the article's title segment, so no event comes from it and the dateline opens the
    body."""
    first = next((i for i, s in enumerate(segments) if s.kind == "body"), None)
    if first is None or any(s.kind == "title" for s in segments):
        return
    seg = segments[first]
    m = RUN_IN_DATELINE.search(text, seg.start, min(seg.end, seg.start + RUN_IN_HEADLINE_MAX + 80))
    if m is None or m.start() == seg.start or m.start() - seg.start > RUN_IN_HEADLINE_MAX:
        return
    head = text[seg.start : m.start()]
    if _SECOND_SENTENCE.search(head):  # a sentence ends before it: the dateline is not the opening
        return
    body_start = m.start()
    if re.search(r"\bby\s*$", head, re.IGNORECASE):
        # "By JANE DOE MAPUTO, …": a byline in capitals runs into the town; a name is two words
        # (three with an initial), the town what follows
        words = list(re.finditer(r"\S+", text[m.start() : m.end()].split(",")[0]))
        name = 3 if len(words) >= 4 and re.fullmatch(r"[A-Z]\.", words[1].group(0)) else 2
        if len(words) > name:
            head = text[seg.start : m.start() + words[name].start()]
            body_start = m.start() + words[name].start()
    title_end = seg.start + len(head.rstrip())
    segments[first : first + 1] = [
        Segment(seg.start, title_end, "title"),
        Segment(body_start, seg.end, "body"),
    ]


def _is_headline(para: str) -> bool:
    words = para.split()
    return 0 < len(words) <= HEADLINE_MAX_WORDS and not _SENTENCE_END.search(para)


def _mark_headlines(text: str, segments: list[Segment]) -> None:
    """A headline-like line alone between body paragraphs is a teaser for another story
    (or a subheading): either way, not a sentence of this article's report."""
    body = [i for i, s in enumerate(segments) if s.kind == "body"]
    if not body:
        return
    first_body = body[0]
    for i in body:
        seg = segments[i]
        if i == first_body or not _is_headline(text[seg.start : seg.end]):
            continue
        seg.kind, seg.removed, seg.reason = "teaser", True, "headline of another story between paragraphs"


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _mark_duplicates(text: str, segments: list[Segment]) -> None:
    """Pages often print a caption twice (once by the image, once in the gallery) with the
    date written differently; keep the first copy.

    A paragraph is a duplicate of the first kept one whose words overlap its own by
    DUPLICATE_SIMILARITY (Jaccard). Comparing each paragraph with every kept one made an article
    of many paragraphs quadratic; instead each kept paragraph is indexed under its rarest words
    (prefix filtering: with the words in one global order, two sets that similar share one of
    their first ``n - floor(t * n) + 1`` words), and only the kept paragraphs sharing such a
    word, of a compatible size, are compared: the same first match as the full scan."""
    usable = [s for s in segments if not s.removed and s.kind in ("body", "caption")]
    words_of = [_words(text[seg.start : seg.end]) for seg in usable]
    frequency: dict[str, int] = {}
    for words in words_of:
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    kept: list[tuple[Segment, set[str]]] = []
    index: dict[str, list[int]] = {}  # a word of a kept paragraph's prefix -> its places in kept
    for seg, words in zip(usable, words_of, strict=True):
        ordered = sorted(words, key=lambda w: (frequency[w], w))
        prefix = ordered[: len(ordered) - math.floor(DUPLICATE_SIMILARITY * len(ordered)) + 1]
        candidates = sorted({k for word in prefix for k in index.get(word, ())})
        for k in candidates:
            other, other_words = kept[k]
            if not _similar_sizes(len(words), len(other_words)):
                continue
            union = words | other_words
            if union and len(words & other_words) / len(union) >= DUPLICATE_SIMILARITY:
                seg.kind, seg.removed = "duplicate", True
                seg.reason = f"repeats the {other.kind} at {other.start}-{other.end}"
                break
        else:
            for word in prefix:
                index.setdefault(word, []).append(len(kept))
            kept.append((seg, words))


def _similar_sizes(a: int, b: int) -> bool:
    """Whether sets of ``a`` and ``b`` words can reach DUPLICATE_SIMILARITY (Jaccard is at most
    min / max); a margin keeps a float rounding from skipping a pair the full test would take."""
    return min(a, b) >= DUPLICATE_SIMILARITY * max(a, b) - 1e-9
