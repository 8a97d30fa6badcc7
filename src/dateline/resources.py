"""The heavy things the stages share, built lazily from one :class:`Config` and passed in.

A ``Resources`` holds the spaCy pipeline (with Dateline's entity ruler), the gazetteer, the
actor knowledge base, and the event-typing models and onnxruntime sessions. Nothing is loaded
until a stage asks for it, and nothing is kept in module globals: two ``Resources`` built from
two configs never share state. It pickles as its config alone, so a worker process (or a Dask
worker) that receives one builds its own models.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .config import Config, load_config

if TYPE_CHECKING:
    from .lookup.actors import ActorKB
    from .lookup.gazetteer import Gazetteer

T = TypeVar("T")


class Resources:
    """Lazily built models and lookups of one configuration (thread-safe)."""

    def __init__(self, config: Config | None = None) -> None:
        # no config: the defaults with the environment's DATELINE_* settings (and $DATELINE_CONFIG)
        self.config = config if config is not None else load_config()
        self._lock = threading.RLock()
        self._memo: dict[Any, Any] = {}
        # seconds spent building memo entries (the outermost build of nested ones), so that an
        # article's time budget does not count the one-off loading its stages triggered
        self.loading_seconds = 0.0
        self._depth = 0

    def __getstate__(self) -> dict:
        return {"config": self.config}  # models are rebuilt on the other side, never pickled

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["config"])

    def __repr__(self) -> str:
        return f"Resources({self.config!r}, loaded={sorted(map(str, self._memo))})"

    def memo(self, key: Any, build: Callable[[], T]) -> T:
        """``build()`` once per key for the life of this object (models, sessions, tokenizers)."""
        with self._lock:
            if key not in self._memo:
                start = time.perf_counter()
                self._depth += 1
                try:
                    self._memo[key] = build()
                finally:
                    self._depth -= 1
                    if not self._depth:
                        self.loading_seconds += time.perf_counter() - start
            return self._memo[key]

    @property
    def kb(self) -> ActorKB:
        """The shipped actor knowledge base plus the config's ``actors`` files."""
        from .lookup.actors import load_kb

        return self.memo("kb", lambda: load_kb(self.config.actors))

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, its index built first in ``config.cache`` when missing or outdated."""
        from .lookup.gazetteer import open_gazetteer

        return self.memo("gazetteer", lambda: open_gazetteer(self.config.cache_dir))

    @property
    def nlp(self):  # -> spacy.Language
        """The spaCy model with Dateline's entity ruler (actors and curated places)."""
        from .nlp import add_entity_ruler, fast_lemmatizer, load_nlp

        return self.memo(
            "nlp", lambda: fast_lemmatizer(add_entity_ruler(load_nlp(self.config.spacy_model), self.kb))
        )

    def country_of_modifier(self, word: str) -> str | None:
        """'US' in 'US forces', 'Syrian' in 'Syrian troops' -> ISO3 (exact names only). No memo
        here: the demonyms are a dict and ``Gazetteer.lookup`` remembers its answers."""
        from .lookup.places import country_of_name

        return country_of_name(word, self.gazetteer)


def default_resources(resources: Resources | None) -> Resources:
    """``resources``, or a new one from the default config and the environment (for tests, eval and one-off calls;
    anything that processes many items should build one and pass it)."""
    return resources if resources is not None else Resources()
