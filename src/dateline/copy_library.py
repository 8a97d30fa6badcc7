"""The kept library of originals for ``dateline ingest``: which new article is a near-copy of a
stored one (or of an earlier one of the same run), so that it is stored as a copy, not extracted.

On open, the store's saved signatures (``store/copies.py``) fill a ``copies.CopyIndex``; stored
originals without a signature made with the current settings (an older file, or other
``copy_shingle_words``/``copy_num_perm``) are signed from their stored text once and saved.
bench/bench_copies.py measures both against hashing every stored text again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .config import Config
from .copies import CopyIndex, Match, Signature, params_key
from .records import Article
from .store import Store
from .store import copies as stored


@dataclass
class CopyLibrary:
    """The originals of one store, indexed; ``check`` each new article, ``stored`` each result."""

    store: Store
    config: Config
    index: CopyIndex = field(init=False)
    loaded: int = field(init=False, default=0)  # saved signatures read on open
    signed: int = field(init=False, default=0)  # stored originals signed from their text on open
    seconds: float = field(init=False, default=0.0)  # what opening took
    _new: dict[str, Signature | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        start = time.perf_counter()
        self.index = CopyIndex(self.config)
        params = params_key(self.config)
        batch: list[tuple[str, bytes, frozenset[str]]] = []
        for article in stored.unsigned(self.store, params):
            sig = self.index.hasher.signature(article)
            # a body without words is saved as an empty signature: it is not signed again
            batch.append((article.article_id, b"", frozenset()) if sig is None else
                         (article.article_id, sig.to_bytes(), sig.figures))  # fmt: skip
            if len(batch) >= 500:
                self._save(params, batch)
        self._save(params, batch)
        for article_id, hashes, figures in stored.signatures(self.store, params):
            if hashes:
                self.index.add(article_id, Signature.from_bytes(hashes, figures))
                self.loaded += 1
        self.seconds = time.perf_counter() - start

    def _save(self, params: str, batch: list[tuple[str, bytes, frozenset[str]]]) -> None:
        stored.put_signatures(self.store, params, batch)
        self.signed += len(batch)
        batch.clear()

    def check(self, article: Article) -> Match | None:
        """The original this new article copies, or None; an article that is no copy joins the
        index at once, so a later article of the same run can be found to copy it."""
        if article.article_id in self._new or article.article_id in self.index:
            return None  # the same article again (re-read, or its earlier failed attempt)
        sig = self.index.hasher.signature(article)
        match = None if sig is None else self.index.find(article.article_id, sig)
        if match is None:
            self._new[article.article_id] = sig
            if sig is not None:
                self.index.add(article.article_id, sig)
        return match

    def store_copy(self, article: Article, match: Match) -> bool:
        """Store the article as a copy of ``match.original`` (``store.copies.add_copy``)."""
        return stored.add_copy(self.store, article, match.original, match.jaccard)

    def stored(self, article: Article) -> None:
        """After an original's result is stored for good: its signature saved (and indexed, for an
        article retried from its stored text), its copies cited."""
        article_id = article.article_id
        sig = self._new.pop(article_id) if article_id in self._new else self.index.hasher.signature(article)
        if sig is not None:
            self.index.add(article_id, sig)
        item = (article_id, b"", frozenset()) if sig is None else (article_id, sig.to_bytes(), sig.figures)
        stored.put_signatures(self.store, params_key(self.config), [item])
        stored.attach_copies(self.store, article_id)
