"""An article's resolved mentions in, its event records out: cluster, keep what is in scope,
code each event."""

from __future__ import annotations

from ..records import Article, Drop, Event
from ..resolve.context import Resolved
from ..resources import Resources
from .cluster import cluster
from .code import code_event, primary_mention
from .scope import classify_group, ordinary_crime, out_of_scope


def _drop(article: Article, group: list[Resolved], reason: str, detail: str = "") -> Drop:
    first = group[0].mention
    typed = next((r.mention for r in group if r.mention.event_type), first)
    return Drop(
        article.article_id,
        "merge",
        reason,
        detail,
        first.sentence,
        typed.trigger,
        typed.event_type,
        typed.sub_event_type,
    )


def build_events(
    article: Article, resolved: list[Resolved], resources: Resources, drops: list[Drop] | None = None
) -> list[Event]:
    """``resources``: the classifier and the thresholds of the config. Groups that are not
    coded are appended to ``drops`` with their reason."""
    config = resources.config
    drops = drops if drops is not None else []
    events = []
    for group in cluster(resolved, config.anaphor_reach):
        primary = primary_mention(group)
        if primary is None:  # nothing to type: spare the classifier
            drops.append(_drop(article, group, "too_vague", "only anaphoric mentions ('the attack')"))
            continue
        typing = classify_group(article, group, resources)
        if out_of_scope(typing, group, config.out_of_scope_min_probability):
            drops.append(_drop(article, group, "out_of_scope", f"classifier: {typing[0]} p={typing[1]:.2f}"))
            continue
        event = code_event(article, group, primary, typing, config.refine_min_probability)
        if ordinary_crime(primary, group, event):
            drops.append(_drop(article, group, "ordinary_crime"))
            continue
        events.append(event)
    return events
