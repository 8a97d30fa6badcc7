"""Dateline's rules for storing results, above the store: how an event reported again merges, which
whereabouts claim supersedes another, how old files gain ``cameo_root``, which names an actor filter
stands for. Every command opens its store with :func:`open_store` so these rules always apply."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .store import Rules, Store
from .store.engine import DEFAULT_TIMEOUT
from .store.rules import ClaimLike

if TYPE_CHECKING:
    from .lookup.actors import ActorKB


def merge_event(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Upsert rule: the new record's scalars win; article_ids, evidence and sources are unioned."""
    merged = dict(new)
    ids = list(old.get("article_ids") or [])
    merged["article_ids"] = ids + [a for a in new.get("article_ids") or [] if a not in ids]
    seen = {(e["field"], e["article_id"], e["start"], e["end"]) for e in old.get("evidence") or []}
    extra = [
        e
        for e in new.get("evidence") or []
        if (e["field"], e["article_id"], e["start"], e["end"]) not in seen
    ]
    merged["evidence"] = list(old.get("evidence") or []) + extra
    sources = [s.strip() for s in (old.get("source") or "").split(";") if s.strip()]
    sources += [
        s.strip() for s in (new.get("source") or "").split(";") if s.strip() and s.strip() not in sources
    ]
    merged["source"] = "; ".join(sources) or new.get("source")
    return merged


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


def rules(kb: ActorKB) -> Rules:
    """Dateline's rules, actor filters answered from ``kb`` (``Resources.kb``)."""
    return Rules(
        merge_event=merge_event,
        newer_claim=newer_claim,
        backfill={"cameo_root": cameo_root_of},
        actor_names=lambda value: actor_names(value, kb),
    )


def open_store(
    url_or_path: str | os.PathLike[str],
    *,
    read_only: bool = False,
    kb: ActorKB | None = None,
    create: bool | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Store:
    """The store at ``url_or_path`` with Dateline's rules; ``kb``: the actor knowledge base of the
    configuration (default: the shipped one, loaded once for this store). ``create``, ``timeout``:
    as for ``Store`` (a read command passes ``create=False``: a missing file is E040)."""
    from .lookup.actors import load_kb

    return Store(
        url_or_path, read_only=read_only, rules=rules(kb or load_kb()), create=create, timeout=timeout
    )
