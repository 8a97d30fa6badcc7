"""Near-duplicate articles: syndicated and lightly edited copies, found before extraction.

An article's **body** (its stored text after the metadata preamble: the preamble holds the title,
publisher, date and URL the input gave, which differ between copies of one wire story) is folded to
lower-case words (``\\w+``: punctuation, quote styles and whitespace do not count) and cut into
overlapping shingles of ``copy_shingle_words`` words. A MinHash of ``copy_num_perm`` permutations
estimates the Jaccard similarity of two articles' shingle sets; a MinHash LSH index (datasketch)
finds the candidates of an article without comparing it with every stored one.

An article is a **copy** of an indexed original when the estimate is at least ``copy_threshold``
AND it states no figure the original does not (``figures``): a copy may drop a sentence and its
numbers, but a report that says "15 killed" where the original said "12 killed" is a follow-up with
news in it, however similar the wording, and is extracted on its own. Only originals are indexed,
so every copy points at an original, never at another copy.

Plain functions over ``records.Article`` and a ``Config``; the index is a value the caller owns
(``cli_run.ingest`` fills it from the store's saved signatures and with each new original).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from .config import Config
from .numbers import SMALL, TENS
from .records import Article

_WORD = re.compile(r"\w+")
# A figure: digits (thousands separators dropped) or a number word. Clock times and years are not
# figures: a copy's byline may carry its own time stamp ("Updated 14:32") or year.
_DIGITS = re.compile(r"(?<![\w:])\d[\d,]*(?:\.\d+)?(?![\d:])")
# Number words from two up ("one" is everywhere: "one of the wounded"): a value, or the word itself
# for the vague ones ("dozens").
_UNITS = {w: i for i, w in enumerate(SMALL) if 1 <= i <= 9}
_WORD_VALUES = {w: str(i) for i, w in enumerate(SMALL) if i >= 2} | {
    "dozen": "12", "hundred": "100", "thousand": "1000"
}  # fmt: skip
_NUMBER_WORDS = re.compile(
    r"\b(" + "|".join([*TENS, *_WORD_VALUES, "dozens", "hundreds", "thousands"])
    + r")(?:[- ](" + "|".join(_UNITS) + r"))?\b"
)  # fmt: skip
# Dates are not figures either: a copy re-dates its dateline and byline ("March 5" → "5 March",
# "Updated 6 March 2024"). Removed before figures are read: day and month names, ISO and slashed dates.
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?"
)
_DATES = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    r"|\b\d{4}-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.I,
)
SEED = 1  # the MinHash permutations: fixed, so saved signatures stay comparable across runs


def _crc32(data: bytes) -> int:
    # The shingle hash under the permutations: CRC-32 is stable across processes (saved signatures
    # stay comparable) and ~4x faster than datasketch's default SHA-1, most of the signing time.
    return zlib.crc32(data)


def params_key(config: Config) -> str:
    """What a saved signature was made with: a signature made otherwise is not comparable."""
    return f"minhash-crc32:w{config.copy_shingle_words}:p{config.copy_num_perm}:s{SEED}"


def body(article: Article) -> str:
    """The article's text after its metadata preamble (``meta_spans['preamble']``), if any."""
    preamble = article.meta_spans.get("preamble")
    return article.text[preamble[1] :] if preamble else article.text


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` (punctuation and whitespace folded away)."""
    return _WORD.findall(text.lower())


def shingles(text: str, size: int) -> set[bytes]:
    """The set of ``size``-word shingles of ``text`` (a text shorter than ``size`` words is one
    shingle; an empty one has none)."""
    ws = words(text)
    if len(ws) < size:
        return {" ".join(ws).encode()} if ws else set()
    return {" ".join(ws[i : i + size]).encode() for i in range(len(ws) - size + 1)}


def figures(text: str) -> frozenset[str]:
    """The figures a text states, as numbers: digits (not dates, times of day or years) and number
    words ("twelve" and "12" are one figure; "twenty-five" is 25; "a dozen" 12)."""
    out = set()
    text = _DATES.sub(" ", text)
    for m in _DIGITS.finditer(text):
        value = m.group().replace(",", "")
        if not re.fullmatch(r"(19|20)\d\d", value):
            out.add(value)
    for m in _NUMBER_WORDS.finditer(text.lower()):
        tens, unit = m.group(1), m.group(2)
        if tens in TENS:
            out.add(str(TENS[tens] + (_UNITS.get(unit, 0) if unit else 0)))
        else:
            out.add(_WORD_VALUES.get(tens, tens))
    return frozenset(out)


SCHEME = "affine32"  # datasketch's MinHash scheme: 32-bit hash values


@dataclass
class Signature:
    """An article body's MinHash values (``copy_num_perm`` unsigned 32-bit) and its figures."""

    hashes: np.ndarray
    figures: frozenset[str]

    def to_bytes(self) -> bytes:
        return self.hashes.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, figures: Iterable[str]) -> Signature:
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32), frozenset(figures))

    def jaccard(self, other: Signature) -> float:
        """The Jaccard estimate: the share of permutations whose minimum agrees."""
        return float(np.count_nonzero(self.hashes == other.hashes)) / len(self.hashes)


class Hasher:
    """Makes signatures with the configured shingles and permutations (the permutations drawn once
    per hasher: drawing them is most of the cost of a small MinHash)."""

    def __init__(self, config: Config) -> None:
        self.size, self.num_perm = config.copy_shingle_words, config.copy_num_perm
        self.max_chars = config.max_article_chars
        self.permutations = MinHash(num_perm=self.num_perm, seed=SEED, scheme=SCHEME).permutations

    def minhash(self, hashes: np.ndarray | None = None) -> MinHash:
        return MinHash(num_perm=self.num_perm, seed=SEED, hashfunc=_crc32, hashvalues=hashes,
                       permutations=self.permutations, scheme=SCHEME)  # fmt: skip

    def signature(self, article: Article) -> Signature | None:
        """The article body's signature; None for a body without a word, or an article the pipeline
        refuses as too long (E102): never a copy, nor copied, and no unbounded work here."""
        if len(article.text) > self.max_chars:
            return None
        text = body(article)
        grams = shingles(text, self.size)
        if not grams:
            return None
        mh = self.minhash()
        mh.update_batch(list(grams))
        return Signature(mh.hashvalues.copy(), figures(text))


@dataclass(frozen=True)
class Match:
    """An article found to be a copy of ``original`` (its id), with the Jaccard estimate."""

    original: str
    jaccard: float


class CopyIndex:
    """The kept library of originals: a MinHash LSH over their signatures."""

    def __init__(self, config: Config) -> None:
        self.threshold = config.copy_threshold
        self.hasher = Hasher(config)
        # Candidates are checked on their estimate anyway, so the bands favour recall: with datasketch's
        # even weights, LSH at 0.6 over 128 permutations misses a pair of Jaccard 0.7 one time in five;
        # with these, one in a hundred (and proposes 6% of pairs at 0.3, each a 128-value comparison).
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=config.copy_num_perm, weights=(0.1, 0.9))
        self._sigs: dict[str, Signature] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._sigs

    def add(self, article_id: str, sig: Signature) -> None:
        """Index an original (a second add of the same id is ignored)."""
        if article_id in self._sigs:
            return
        self._lsh.insert(article_id, self.hasher.minhash(sig.hashes))
        self._sigs[article_id] = sig
        self._order[article_id] = len(self._order)

    def find(self, article_id: str, sig: Signature) -> Match | None:
        """The indexed original this article is a copy of: the most similar candidate whose
        estimate reaches the threshold and which states every figure the article states (ties:
        the one indexed first); None if there is none."""
        best: tuple[float, int, str] | None = None
        for cand in self._lsh.query(self.hasher.minhash(sig.hashes)):
            if cand == article_id:
                continue
            other = self._sigs[cand]
            j = sig.jaccard(other)
            if j < self.threshold or not sig.figures <= other.figures:
                continue
            key = (-j, self._order[cand], cand)
            if best is None or key < best:
                best = key
        return None if best is None else Match(best[2], -best[0])


def find_copies(articles: Iterable[Article], config: Config) -> dict[str, Match]:
    """Within one batch (no store): article id → the earlier article of the batch it copies."""
    index = CopyIndex(config)
    found: dict[str, Match] = {}
    for article in articles:
        sig = index.hasher.signature(article)
        if sig is None or article.article_id in index or article.article_id in found:
            continue
        match = index.find(article.article_id, sig)
        if match is None:
            index.add(article.article_id, sig)
        else:
            found[article.article_id] = match
    return found
