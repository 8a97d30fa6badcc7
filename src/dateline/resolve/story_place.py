"""Where the story is when it has no dateline: the place its lede puts things in.

Wire copy without a dateline ("Police struggled to control thousands of striking teachers at the
Union Buildings in Pretoria on Wednesday. …") names the story's town in its first sentences, often
in a sentence that holds no event trigger of its own; later sentences that report the events
("the protest …") name no place. An analyst codes those events at the lede's town, so the
resolver takes it as the story's place until an event sentence names another (as it does with a
dateline's town).
"""

from __future__ import annotations

from dataclasses import replace

from ..annotate import Annotated
from ..extract.place_mentions import PlaceMention, sentence_places
from ..resources import Resources

LEDE_SENTENCES = 2  # the lede: the first two sentences of the first usable paragraph
KNOWN_MATCH = 0.9  # a looser match is resolved only in the story's focus (lookup.places)
LEDE_RELATIONS = ("in", "container", "near")  # "in Pretoria", "Pretoria's Mamelodi township", "near X"


def lede_place(annotated: Annotated, resources: Resources) -> PlaceMention | None:
    """The first place the gazetteer knows that the lede puts something in, offsets into the
    article text (None when the lede names none)."""
    if not annotated.docs:
        return None
    segment, doc = annotated.docs[0]
    for n, sent in enumerate(doc.sents):
        if n >= LEDE_SENTENCES:
            break
        found = [
            p
            for p in sentence_places(sent, resources.kb, resources.gazetteer)
            if p.relation in LEDE_RELATIONS and _known(p.text, resources)
        ]
        # "Congo's Ituri province": what the owner holds is the more specific place
        while len(found) > 1 and doc.text[found[0].end : found[0].end + 2] in ("'s", "’s"):
            found.pop(0)
        if found:
            return replace(found[0], start=found[0].start + segment.start, end=found[0].end + segment.start)
    return None


def _known(name: str, resources: Resources) -> bool:
    """A name the gazetteer has (or a close spelling): "in Komanda", a town it lacks, does not
    make the story's place, so a province the lede names next ("Ituri province") can."""
    return any(score >= KNOWN_MATCH for _, score in resources.gazetteer.lookup(name))


def article_places(annotated: Annotated, resources: Resources) -> list[PlaceMention]:
    """Every sentence's place mentions, offsets into the article text: the candidates of the
    learned choice of an event's place (``resolve/event_place.py``) beyond the event sentences'."""
    return [
        replace(place, start=place.start + segment.start, end=place.end + segment.start)
        for segment, doc in annotated.docs
        for sent in doc.sents
        for place in sentence_places(sent, resources.kb, resources.gazetteer)
    ]
