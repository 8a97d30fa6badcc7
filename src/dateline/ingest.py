"""Dateline's rules for storing results, above the store: how an event reported again (by id, or
by another article: ``merge/across.py``) merges, which whereabouts claim supersedes another, how old
files gain ``cameo_root``, which names an actor filter stands for. Every command opens its store
with :func:`open_store` so these rules always apply."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .config import Config
from .store import Block, Rules, Store
from .store.engine import DEFAULT_TIMEOUT
from .store.rules import ClaimLike

if TYPE_CHECKING:
    from .lookup.actors import ActorKB


def merge_event(old: dict[str, Any], new: dict[str, Any], copy_similarity: float = 0.9) -> dict[str, Any]:
    """Upsert rule, for an id stored again and for a stored event absorbing another article's
    (``merge.across.combine``): each field from the more precise and more certain report, the old
    id kept; article_ids, evidence, claims, sources and tolls unioned; a later toll wins, unless
    its report copies an earlier one (sentences at least ``copy_similarity`` alike)."""
    from .merge.across import combine

    return combine(old, new, copy_similarity)


def newer_claim(a: ClaimLike, b: ClaimLike) -> ClaimLike | None:
    """``claims.newer_claim`` (imported when first needed: it pulls in claim extraction)."""
    from .claims import newer_claim as rule

    return rule(a, b)


def cameo_root_of(record: dict[str, Any]) -> str | None:
    """``cameo_root`` for an event stored before the column existed (docs/cameo.md)."""
    from .extract.cameo import cameo_root

    return cameo_root(record.get("plover_type"), record.get("plover_mode"), record.get("sub_event_type"))


def actor_names(value: str, kb: ActorKB) -> list[str]:
    """The canonical name of an alias in the actor knowledge base ``kb`` (a generic ``{country}``
    template stands for every country's instance)."""
    entry = kb.lookup(value)
    return [] if entry is None else [entry.name]


def rules(kb: ActorKB, config: Config | None = None) -> Rules:
    """Dateline's rules, actor filters answered from ``kb`` (``Resources.kb``), cross-article
    merging with ``config``'s ``across_*`` thresholds (default: the defaults)."""
    from .merge import across, match_model

    cfg = config or Config()
    # who decides that two reports tell one event (``across_match``): the hand rules or the model
    decide = match_model.same_event if cfg.across_match == "model" else across.same_event
    return Rules(
        merge_event=lambda old, new: merge_event(old, new, cfg.across_copy_similarity),
        newer_claim=newer_claim,
        backfill={
            "cameo_root": cameo_root_of,
            "num_articles": lambda r: len(r.get("article_ids") or []),
            "num_sources": lambda r: len(across.sources_of(r)),
        },
        actor_names=lambda value: actor_names(value, kb),
        prepare_event=across.prepare,
        block=lambda record: None if (key := across.block(record, cfg)) is None else Block(*key),
        same_event=lambda stored, new: decide(stored, new, cfg),
    )


def open_store(
    url_or_path: str | os.PathLike[str],
    *,
    read_only: bool = False,
    kb: ActorKB | None = None,
    create: bool | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    config: Config | None = None,
) -> Store:
    """The store at ``url_or_path`` with Dateline's rules; ``kb``: the actor knowledge base of the
    configuration (default: the shipped one, loaded once for this store). ``create``, ``timeout``:
    as for ``Store`` (a read command passes ``create=False``: a missing file is E040); ``config``:
    the cross-article merging thresholds (default: the defaults)."""
    from .lookup.actors import load_kb

    return Store(
        url_or_path,
        read_only=read_only,
        rules=rules(kb or load_kb(), config),
        create=create,
        timeout=timeout,
    )
