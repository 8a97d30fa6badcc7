"""An article's resolved mentions in, its event records out: cluster, keep what is in scope,
code each event."""

from __future__ import annotations

from ..records import Article, Event
from ..resolve.context import Resolved
from ..resources import Resources
from .cluster import cluster
from .code import code_event, primary_mention
from .scope import classify_group, ordinary_crime, out_of_scope


def build_events(article: Article, resolved: list[Resolved], resources: Resources) -> list[Event]:
    """``resources``: the classifier and the thresholds of the config."""
    config = resources.config
    events = []
    for group in cluster(resolved, config.anaphor_reach):
        primary = primary_mention(group)
        if primary is None:
            continue  # nothing to type: spare the classifier
        typing = classify_group(article, group, resources)
        if out_of_scope(typing, group, config.out_of_scope_min_probability):
            continue
        event = code_event(article, group, primary, typing, config.refine_min_probability)
        if not ordinary_crime(primary, group, event):
            events.append(event)
    return events
