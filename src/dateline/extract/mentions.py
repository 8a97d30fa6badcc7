"""Extraction: event mentions, one per sentence that reports an event, with every piece of
evidence as character offsets into the article text."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..annotate import Annotated
from ..records import Drop, Fatalities
from ..resources import Resources
from . import attribution as attribution_mod
from .actor_model import actor_candidates, actors_of_tokens, choose, featurise, load_actor_models, rule_tokens
from .fatalities import attach_revised, find_fatalities, follow_up_toll
from .gate import why_not
from .place_mentions import PlaceMention, sentence_places
from .police_actions import add_police_mentions
from .role_model import learned_fatalities, load_models
from .roles import ActorRef, ActorResolver, Salience
from .triggers import find_triggers, marks_another_event


@dataclass
class Mention:
    """One sentence's report of an event. Offsets are into the article text."""

    paragraph: int
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    event_type: str | None
    sub_event_type: str | None
    plover_type: str | None
    plover_mode: str | None
    rank: int
    anaphoric: bool
    certainty: str
    certainty_cue: tuple[int, int] | None
    actor1: list[tuple[ActorRef, tuple[int, int]]] = field(default_factory=list)  # (ref, offsets)
    actor2: list[tuple[ActorRef, tuple[int, int]]] = field(default_factory=list)
    fatalities: Fatalities | None = None  # the sentence's death count, offsets into the article
    speaker: tuple[int, int] | None = None
    outlet: tuple[int, int] | None = None
    places: list[PlaceMention] = field(default_factory=list)
    in_caption: bool = False
    clause: tuple[int, int] | None = None  # the trigger's clause, where its own date would be
    military_target: bool = False  # "attacked a checkpoint": the other side is armed
    named_groups: bool = False  # a knowledge-base organisation is named in the sentence
    paragraph_span: tuple[int, int] | None = None
    # every actor that any trigger of the sentence gives a role (e.g. the police firing tear gas)
    others: list[tuple[ActorRef, tuple[int, int]]] = field(default_factory=list)
    another: bool = False  # the sentence says it tells of another event ("in a separate attack")


def _shift(span: tuple[int, int] | None, base: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + base, span[1] + base)


MILITARY_TARGETS = {
    "checkpoint",
    "base",
    "barracks",
    "outpost",
    "post",
    "patrol",
    "convoy",
    "position",
    "garrison",
    "camp",
}


def _clause(trigger) -> tuple[int, int]:
    """The characters of the clause the trigger heads (its verb's subtree, without the
    clauses embedded in it that have verbs of their own)."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    tokens = [verb]
    stack = [c for c in verb.children if c.dep_ not in ("ccomp", "advcl", "relcl", "conj", "parataxis")]
    while stack:
        tok = stack.pop()
        tokens.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("ccomp", "relcl", "parataxis"))
    tokens.append(trigger)
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def extract_mentions(
    annotated: Annotated, resources: Resources, drops: list[Drop] | None = None
) -> list[Mention]:
    """All event mentions of an article, in text order. Trigger words that are not coded
    (another sense, not reportable, hedged, background, a running total, a caption) are
    appended to ``drops`` with their reason."""
    kb, gaz = resources.kb, resources.gazetteer
    article = annotated.cleaned.article
    drops = drops if drops is not None else []
    resolver = ActorResolver(kb, resources.country_of_modifier)
    salience = Salience()
    mentions: list[Mention] = []
    revised: list[Fatalities] = []  # tolls revised in sentences that report no event of their own
    for paragraph, (segment, doc) in enumerate(annotated.docs):
        base = segment.start
        caption = segment.kind == "caption"
        said = attribution_mod.for_sentences(doc)
        for sent, attribution in zip(doc.sents, said, strict=True):
            resolver.see_sentence(sent, salience)
            sentence = (base + sent.start_char, base + sent.end_char)
            reportable = []
            for hit in find_triggers(sent):
                trigger = (base + hit.tokens[0].idx, base + hit.tokens[-1].idx + len(hit.tokens[-1].text))
                kind = hit.kind
                reason, detail, fact = why_not(hit, sent, kb, caption, article.published)
                if fact is not None:
                    reportable.append((hit, fact))
                    continue
                drops.append(
                    Drop(
                        article.article_id,
                        "extract",
                        reason,
                        detail,
                        sentence,
                        trigger,
                        kind.event_type,
                        kind.sub_event_type,
                    )
                )
            if reportable:
                mention = _mention(
                    reportable,
                    sent,
                    paragraph,
                    base,
                    attribution,
                    caption,
                    resolver,
                    salience,
                    kb,
                    gaz,
                    resources,
                )
                head = next(t for t in sent if base + t.idx == mention.trigger[0])
                mention.another = marks_another_event(head)
                mentions.append(mention)
            elif not caption and (toll := follow_up_toll(sent)) is not None:
                revised.append(replace(toll, span=(base + toll.span[0], base + toll.span[1])))
    attach_revised(mentions, revised)
    return add_police_mentions(annotated, resources, mentions, drops, _mention)


def _mention(
    reportable, sent, paragraph, base, attribution, caption, resolver, salience, kb, gaz, resources=None
) -> Mention:
    # the learned toll and place choices when a Resources is given, else the rules
    models = load_models(resources) if resources is not None else None
    hit, a1_tokens, a2_tokens, other_tokens = rule_tokens(reportable)
    fact = next(f for h, f in reportable if h is hit)
    head = hit.head
    military_target = any(t.lemma_.lower() in MILITARY_TARGETS for t in a2_tokens)
    actor1 = actors_of_tokens(a1_tokens, resolver, salience)
    actor2 = actors_of_tokens(a2_tokens, resolver, salience)
    actor_models = load_actor_models(resources) if resources is not None else None
    if actor_models is not None:  # the learned choice among the sentence's actor phrases
        cands = actor_candidates(sent, resolver, salience)
        featurise(cands, head, hit.kind.event_type, actor1, actor2, kb)
        actor1, actor2 = choose(cands, actor_models, hit.kind.event_type)
    # a follow-up's revised toll ("has risen to nine", "a third soldier died") the learned model misses
    deaths = (
        find_fatalities(sent)
        if models is None
        else follow_up_toll(sent) or learned_fatalities(sent, models.toll)
    )
    certainty, cue = fact.certainty, fact.cue
    if attribution is not None and certainty == "confirmed" and attribution_mod.reports(attribution, head):
        certainty, cue = "reported", attribution.cue  # "police confirmed" too: the police's word
    anaphoric = hit.kind.anaphor or (
        head.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
    )
    return Mention(
        paragraph=paragraph,
        sentence=(base + sent.start_char, base + sent.end_char),
        clause=_shift(_clause(head), base),
        military_target=military_target,
        named_groups=any(
            ent.ent_id_
            and ent.ent_id_ in kb.by_name
            and kb.by_name[ent.ent_id_].kind in ("organisation", "person")
            for ent in sent.ents
        ),
        paragraph_span=(base, base + len(sent.doc.text)),
        trigger=(base + hit.tokens[0].idx, base + hit.tokens[-1].idx + len(hit.tokens[-1].text)),
        event_type=hit.kind.event_type,
        sub_event_type=hit.kind.sub_event_type,
        plover_type=hit.kind.plover_type,
        plover_mode=hit.kind.plover_mode,
        rank=hit.kind.rank,
        anaphoric=anaphoric,
        certainty=certainty,
        certainty_cue=_shift(cue, base),
        actor1=[(ref, _shift(span, base)) for ref, span in actor1],
        actor2=[(ref, _shift(span, base)) for ref, span in actor2],
        fatalities=replace(deaths, span=(base + deaths.span[0], base + deaths.span[1])) if deaths else None,
        speaker=_shift(attribution.speaker, base) if attribution else None,
        outlet=_shift(attribution.outlet, base) if attribution else None,
        places=[
            replace(p, start=p.start + base, end=p.end + base)
            for p in sentence_places(sent, kb, gaz, models.place if models is not None else None)
        ],
        in_caption=caption,
        others=[
            (ref, _shift(span, base)) for ref, span in actors_of_tokens(other_tokens, resolver, salience)
        ],
    )
