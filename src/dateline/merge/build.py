"""An article's resolved mentions in, its event records out: cluster, keep what is in scope,
code each event. Nothing is dropped silently: each group not coded becomes a ``Drop`` with its
reason (and, for a scope decision, the scope in its detail)."""

from __future__ import annotations

from datetime import date

from ..records import Article, Drop, Event, Evidence
from ..resolve.context import Resolved
from ..resources import Resources
from .actors import RIOTERS, UNIDENTIFIED, generic_name
from .cluster import cluster
from .code import Bounds, code_event, primary_mention
from .scope import (
    RIOT_CONTEXT_WORDS,
    against_civilians,
    armed_doer,
    classify_group,
    demonstration,
    kept_by_scope,
    ordinary_crime,
    out_of_scope,
    riot_context,
)


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


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def long_before(event: Event, published: str | None, days: int) -> str:
    """Why the event is background by its date alone ("" when it is not): its last possible day
    lies more than ``days`` before publication. An article's own news is told within days; an
    event weeks older is the reference point the news is told against ("arrested on March 18,
    four days before the attacks" in a story of April 21), whatever words the clause uses. The
    caller gives the story's lead event twice the window: a late report of an old event is that
    event's news."""
    last, day = _day(event.event_date_end or event.event_date), _day(published)
    if days <= 0 or last is None or day is None or (day - last).days <= days:
        return ""
    return f"dated {last.isoformat()}, {(day - last).days} days before publication"


def rioters_as_attackers(article: Article, event: Event) -> None:
    """A killing with no named attacker in a report of communal rioting is the rioters' (ACLED:
    Rioters (Country) against Civilians (Country)); the riot word that says so is the evidence."""
    found = RIOT_CONTEXT_WORDS.search(article.text)
    if found is None:
        return
    event.actor1, event.inter1 = generic_name(RIOTERS, event.iso3)
    event.evidence.append(Evidence("actor1", article.article_id, found.start(), found.end(), found.group()))


def unnamed_armed_group(article: Article, event: Event, said: tuple[int, int] | None) -> None:
    """A killing or abduction whose armed doer is told apart from its sentences ("They were taken
    by unidentified armed men"), or a massacre with no attacker named, is an unidentified armed
    group's (ACLED: Unidentified Armed Group (Country)); ``said``: the words that say so."""
    if said is None or said[0] >= said[1]:
        return
    event.actor1, event.inter1 = generic_name(UNIDENTIFIED, event.iso3)
    start, end = said
    event.evidence.append(Evidence("actor1", article.article_id, start, end, article.text[start:end]))


def build_events(
    article: Article, resolved: list[Resolved], resources: Resources, drops: list[Drop] | None = None
) -> list[Event]:
    """``resources``: the classifier, the thresholds and the ``scope`` of the config. Groups
    that are not coded are appended to ``drops`` with their reason."""
    config = resources.config
    scope = config.scope
    drops = drops if drops is not None else []
    events = []
    rioting = riot_context(article)  # once per article: a scan of its whole text
    # the story's lead: its first typed mention (title or lede), which a late report may date weeks back
    lead = next((r.mention.trigger for r in resolved if r.mention.event_type is not None), None)
    sentences = sorted({r.mention.sentence for r in resolved})  # where each mention is told
    for group in cluster(resolved, config.anaphor_reach, article.text):
        primary = primary_mention(group)
        if primary is None:  # nothing to type: spare the classifier
            drops.append(_drop(article, group, "too_vague", "only anaphoric mentions ('the attack')"))
            continue
        typing = classify_group(article, group, resources)
        implausible: list[Drop] = []  # a toll or date left out: recorded only if the event is kept
        event = code_event(
            article, group, primary, typing, config.refine_min_probability, Bounds.of(config), implausible
        )
        days = config.background_after_days
        stale = long_before(event, article.published, days)
        leads = any(r.mention.trigger == lead for r in group)
        if stale and leads:
            # the lead of a late report ("said on Friday that on 10 January …") is the story's news
            # for twice as long: the window is for the reference points told around the news
            stale = long_before(event, article.published, 2 * days)
        if stale:
            drops.append(_drop(article, group, "background", stale))
            continue
        outside = []  # why the acled scope would not code it (kept under scope all)
        if out_of_scope(typing, group, config.out_of_scope_min_probability):
            why = f"classifier: {typing[0]} p={typing[1]:.2f}"
            if not kept_by_scope(scope, typing, primary, group, event, article, sentences):
                drops.append(_drop(article, group, "out_of_scope", f"scope {scope}; {why}"))
                continue
            if scope == "all":
                outside.append(why)
        if ordinary_crime(primary, group, event, article, sentences, leads, resources.kb):
            if scope != "all":
                drops.append(_drop(article, group, "ordinary_crime", f"scope {scope}"))
                continue
            outside.append("no armed or political actor")
        if scope == "political-violence" and demonstration(event):
            drops.append(_drop(article, group, "out_of_scope", f"scope {scope}; a demonstration"))
            continue
        if against_civilians(primary, event) and event.actor1 is None and rioting:
            rioters_as_attackers(article, event)
        elif against_civilians(primary, event) and event.actor1 is None:
            unnamed_armed_group(article, event, armed_doer(article, group, sentences, leads, resources.kb))
        if outside:
            event.notes = f"{event.notes or ''} Outside ACLED's scope: {'; '.join(outside)}.".strip()
        events.append(event)
        drops.extend(implausible)
    return _without_crime_arrests(article, events, drops)


def _without_crime_arrests(article: Article, events: list[Event], drops: list[Drop]) -> list[Event]:
    """An article whose only violence was left out as ordinary crime reports the arrests of
    that crime ("a man stabbed four people; police arrested him"): they are no political
    arrests either. An arrest of a named group or of protesters stays."""
    crime = any(d.reason == "ordinary_crime" and d.article_id == article.article_id for d in drops)
    if not crime or any(e.event_type != "Strategic developments" for e in events):
        return events
    kept = []
    for event in events:
        if event.sub_event_type != "Arrests" or event.inter2 not in (None, 7):
            kept.append(event)
            continue
        spans = {ev.field: (ev.start, ev.end) for ev in reversed(event.evidence)}  # each field's first
        drops.append(
            Drop(
                article.article_id,
                "merge",
                "ordinary_crime",
                "an arrest over a crime left out",
                spans.get("notes"),
                spans.get("event_type"),
                event.event_type,
                event.sub_event_type,
            )
        )
    return kept
