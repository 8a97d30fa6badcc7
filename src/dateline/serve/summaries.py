"""Summaries for the API that need more than the store: actor counts with knowledge-base details."""

from __future__ import annotations

from typing import Any

from ..lookup.actors import ActorKB
from ..store import Store


def actors(store: Store, kb: ActorKB, q: str | None, country: str | None, limit: int) -> list[dict[str, Any]]:
    """Actors in any role by number of events, with their kind, inter code and aliases when known
    (from ``kb``, the app's actor knowledge base)."""
    out = []
    for name, n in store.actors(q, country, limit):
        entry = kb.lookup(name)
        out.append({
            "name": name, "events": n,
            "kind": entry.kind if entry else None, "inter": entry.inter if entry else None,
            "aliases": list(entry.aliases) if entry else [],
        })  # fmt: skip
    return out
