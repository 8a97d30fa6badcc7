"""What the store asks of its caller: the domain rules it applies but does not own.

The store knows nothing of extraction, claims or actors. Whoever opens it may pass these in
(``dateline.ingest.open_store`` passes Dateline's); without them the store keeps plain semantics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


class ClaimLike(Protocol):
    """What a claim rule sees of a stored claim (a ``ClaimRow``)."""

    claim_id: str
    subject: str
    latitude: float | None
    longitude: float | None
    published: str | None
    recency: str


def replace_event(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Plain upsert: the new record replaces the stored one."""
    return dict(new)


def never_newer(a: ClaimLike, b: ClaimLike) -> ClaimLike | None:
    """Plain claims: none supersedes another."""
    return None


def no_aliases(value: str) -> Iterable[str]:
    return ()


@dataclass(frozen=True)
class Block:
    """Where a new event's possible duplicates among stored events are looked for (one indexed
    query, never a scan): ``iso3`` or no country (``iso3`` None: any country), ``event_type``
    among ``event_types``, ``event_date`` in ``first``..``last`` (ISO dates), at most ``limit``;
    with ``near_first`` also any country's from that day (only those placed by a country alone
    when ``near_weak_only``)."""

    iso3: str | None
    event_types: tuple[str, ...]
    first: str
    last: str
    limit: int = 200
    near_first: str | None = None
    near_weak_only: bool = False


def as_is(record: dict[str, Any], published: str | None) -> dict[str, Any]:
    """Plain records: stored as they come."""
    return record


def no_block(record: dict[str, Any]) -> Block | None:
    """Plain store: no event is looked for among the stored ones (ids alone merge)."""
    return None


def never_same(stored: dict[str, Any], new: dict[str, Any]) -> float | None:
    return None


@dataclass(frozen=True)
class Rules:
    """Domain rules the store applies on the caller's behalf.

    - ``merge_event(old, new)``: the record stored when an event id arrives again.
    - ``newer_claim(a, b)``: of two claims about one subject from different articles, the one that
      supersedes the other, or None.
    - ``backfill[column](record)``: the value of a column added after the first release, for events
      stored before it existed (see ``migrations.ADDED_COLUMNS``).
    - ``actor_names(value)``: other names an ``actor`` filter value stands for (``{country}`` in a
      name matches any text).
    - ``prepare_event(record, published)``: an incoming event as it is to be stored (``published``:
      its article's publication date).
    - ``block(record)``: where stored events that may be the same real-world event are looked for
      (None: nowhere); ``same_event(stored, new)``: a match score (higher is better) or None. The
      best-scoring stored event absorbs the new one through ``merge_event`` and keeps its id.
    """

    merge_event: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]] = replace_event
    newer_claim: Callable[[ClaimLike, ClaimLike], ClaimLike | None] = never_newer
    backfill: Mapping[str, Callable[[dict[str, Any]], Any]] = field(default_factory=dict)
    actor_names: Callable[[str], Iterable[str]] = no_aliases
    prepare_event: Callable[[dict[str, Any], str | None], dict[str, Any]] = as_is
    block: Callable[[dict[str, Any]], Block | None] = no_block
    same_event: Callable[[dict[str, Any], dict[str, Any]], float | None] = never_same
