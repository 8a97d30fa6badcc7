"""Merge: the mentions of one real-world event become one event record with all their evidence.

``cluster`` groups an article's resolved mentions by event; ``scope`` drops what is not a
conflict event; ``code`` codes one event (its place, ``actors``, ``kind``, date, deaths,
``sources`` and notes), each field with the spans that support it; ``build`` runs them in
that order.
"""

from __future__ import annotations

from .build import build_events
from .code import code_event, primary_mention
from .scope import SCOPES, armed_group, classify_group, ordinary_crime, out_of_scope
from .sources import confidence, source_scale

__all__ = [
    "SCOPES",
    "armed_group",
    "build_events",
    "classify_group",
    "code_event",
    "confidence",
    "ordinary_crime",
    "out_of_scope",
    "primary_mention",
    "source_scale",
]
