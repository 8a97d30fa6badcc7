"""Scope: which events Dateline codes. Precision first: a flood, a factory fire, a drug bust,
a diplomatic meeting or an ordinary crime is not a conflict event even when a trigger word
("killed", "seized", "ceasefire", "stabbed") fires."""

from __future__ import annotations

from ..extract.event_typing import OUT_OF_SCOPE
from ..extract.mentions import Mention
from ..records import Article, Event
from ..resolve.context import Resolved
from ..resources import Resources

OUT_OF_SCOPE_MIN_PROBABILITY = 0.6  # the default of the config option of the same name


def classify_group(article: Article, group: list[Resolved], resources: Resources) -> tuple[str, float]:
    """The learned classifier's CASE code and probability for the sentences of one event."""
    from ..extract.event_typing import classify_snippet

    spans = dict.fromkeys(r.mention.sentence for r in group)  # each sentence once, in order
    return classify_snippet(" ".join(article.text[a:b] for a, b in spans), resources)


def out_of_scope(
    typing: tuple[str, float], group: list[Resolved], min_probability: float = OUT_OF_SCOPE_MIN_PROBABILITY
) -> bool:
    """The learned classifier (extract/event_typing.py) reads the sentences of the event and,
    when it is sure, drops disasters, organised crime and diplomacy; a claim of
    responsibility alone ("the group claimed the bombing") is dropped too, unless it reports
    deaths. ``OUT_OF_SCOPE`` is the one set: the CASE codes that are not ACLED events."""
    code, probability = typing
    if probability < min_probability:
        return False
    if code == "ATTRIB":
        return not any(r.mention.fatalities for r in group)
    return code in OUT_OF_SCOPE


def ordinary_crime(primary: Mention, group: list[Resolved], event: Event) -> bool:
    """ACLED codes political violence: a killing, stabbing, shooting, abduction or rape with
    no armed or political actor and no named group anywhere in its sentences ("a man was
    stabbed outside a store", "a jogger was abducted") is left out."""
    if primary.event_type != "@kill" and event.event_type != "Violence against civilians":
        return False
    if event.inter1 is not None:
        return False
    return not any(r.mention.named_groups for r in group)
