"""Summaries for the API that need more than the store: actors with knowledge-base details."""

from __future__ import annotations

from typing import Any

from ..lookup.actors import ActorKB
from ..store import EventFilters, Store


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


def actor(store: Store, kb: ActorKB, filters: EventFilters, name: str, top: int) -> dict[str, Any] | None:
    """One actor's summary over ``filters``: the name and, if ``kb`` knows it as an alias, its
    canonical name (a template such as ``Military Forces of {country}`` stands for no one name);
    None when no event matches and ``kb`` does not know the name."""
    entry = kb.lookup(name)
    names = [name.strip()]
    if entry is not None and not entry.template and entry.name.lower() != names[0].lower():
        names.append(entry.name)
    out = store.actor_summary(filters, names, top)
    if not out["events"] and entry is None:
        return None
    shown = entry.name if entry is not None and not entry.template else name.strip()
    return {"name": shown, "kind": entry.kind if entry else None, "inter": entry.inter if entry else None,
            "aliases": list(entry.aliases) if entry else [], **out}  # fmt: skip
