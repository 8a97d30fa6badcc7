"""Extraction: event mentions, one per sentence that reports an event, with every piece of
evidence as character offsets into the article text."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..annotate import Annotated
from ..nlp import doc_text, span_ents
from ..records import Drop, Fatalities
from ..resources import Resources
from . import attribution as attribution_mod
from .actor_model import actor_candidates, actors_of_tokens, choose, featurise, load_actor_models, rule_tokens
from .fatalities import MISHAPS, Revision, find_fatalities, follow_up_revision, follow_up_toll
from .gate import why_not
from .place_mentions import PlaceMention, sentence_places
from .police_actions import add_police_mentions
from .role_model import learned_fatalities, load_models
from .roles import ActorRef, ActorResolver, Salience
from .triggers import ANOTHER, ELSEWHERE, EVENT_NOUNS, find_triggers, marks_another_event


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
    trigger_lemma: str = ""  # the trigger's last word's lemma ("car bomb" -> 'bomb')


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
    revised: list[Revision] = []  # tolls revised in sentences that report no event of their own
    for paragraph, (segment, doc) in enumerate(annotated.docs):
        base = segment.start
        caption = segment.kind == "caption"
        said = attribution_mod.for_sentences(doc)
        for sent, attribution in zip(doc.sents, said, strict=True):
            resolver.see_sentence(sent, salience)
            sentence = (base + sent.start_char, base + sent.end_char)
            reportable, dropped = [], []
            for hit in find_triggers(sent):
                trigger = (base + hit.tokens[0].idx, base + hit.tokens[-1].idx + len(hit.tokens[-1].text))
                kind = hit.kind
                reason, detail, fact = why_not(hit, sent, kb, caption, article.published)
                if fact is not None:
                    reportable.append((hit, fact))
                    continue
                if reason in NOT_ITS_TOLL:
                    dropped.append(hit.head)
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
                    dropped,
                )
                head = next(t for t in sent if base + t.idx == mention.trigger[0])
                mention.another = marks_another_event(head)
                mentions.append(mention)
            elif not caption and (found := follow_up_revision(sent)) is not None:
                toll = replace(found.toll, span=(base + found.toll.span[0], base + found.toll.span[1]))
                revised.append(found._replace(toll=toll, apart=_apart(sent)))
    attach_revised(mentions, revised)
    return add_police_mentions(annotated, resources, mentions, drops, _mention)


def _apart(sent) -> bool:
    """The sentence opens another event's story: "Elsewhere, ...", "Separately, ...", "the toll
    from another attack" (so a toll it revises is no earlier event's)."""
    return any(
        t.lower_ in ELSEWHERE
        or t.lower_ in ANOTHER
        and t.dep_ in ("det", "amod")
        and t.head.lemma_.lower() in EVENT_NOUNS
        for t in sent
    )


# drops whose trigger's toll is that other event's: background ("protesting against the torching
# which killed scores"). (A toll under a verb dropped as unrealised or denied stays: on dev the
# coded event's own toll was told there as often as not.)
NOT_ITS_TOLL = {"background"}


def _dropped_toll(deaths: Fatalities, sent, reportable, dropped) -> bool:
    """The count is the toll of a trigger the gate dropped ("protesting against the torching of
    the train, which killed scores": the killing is background): the nearest trigger above the
    count is a dropped one, so the deaths are that event's, not the coded one's."""
    counted = [t for t in sent if deaths.span[0] <= t.idx < deaths.span[1]]
    if not counted or not dropped:
        return False
    coded = {h.head.i for h, _ in reportable}
    gone = {t.i for t in dropped} - coded
    for above in counted[0].ancestors:
        if above.i in coded:
            return False
        if above.i in gone:
            return True
    return False


def _unsaid_doer(head) -> bool:
    """A passive with no agent in a clause that describes a noun ("the death of a boy who was
    stabbed three days back"): the clause leaves its doer unsaid, and the subject of the sentence
    around it ("army is maintaining a vigil") is no doer of it."""
    if head.dep_ not in ("relcl", "acl") or head.pos_ != "VERB":
        return False
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children) or head.dep_ == "acl"
    return passive and head.tag_ == "VBN" and not any(c.dep_ == "agent" for c in head.children)


def _mention(
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
    resources=None,
    dropped=(),
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
    if _unsaid_doer(head):  # (the sides outside the clause did something else)
        actor1 = [(ref, span) for ref, span in actor1 if head.left_edge.idx <= span[0] <= head.right_edge.idx]
    # a follow-up's revised toll ("has risen to nine", "a third soldier died") the learned model misses
    deaths = (
        find_fatalities(sent)
        if models is None
        else follow_up_toll(sent) or learned_fatalities(sent, models.toll)
    )
    if deaths is not None and _dropped_toll(deaths, sent, reportable, dropped):
        deaths = None
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
            for ent in span_ents(sent)
        ),
        paragraph_span=(base, base + len(doc_text(sent.doc))),
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
        trigger_lemma=hit.tokens[-1].lemma_.lower(),
        others=[
            (ref, _shift(span, base)) for ref, span in actors_of_tokens(other_tokens, resolver, salience)
        ],
    )


EXPLOSIVE = {"bomb", "bombing", "blast", "explosion", "shelling", "airstrike", "strike", "detonation"}
# Event types (as extraction types them: "@kill" is decided later) whose events cannot have the dead
# of a toll told apart: a protest's (its toll would make it one met with force) or a development's.
NO_DEATHS = {"Protests", "Strategic developments"}


def fits(owner, incident: str | None) -> bool:
    """Whether a revised toll naming ``incident`` (None: unnamed) can be the toll of ``owner``'s
    event (a Mention): an event type that can have dead, and the same incident (the trigger's
    lemma) or its family ("the blast" is a bombing's, "the attack" any violent event's); an
    accident's, a flood's or a fire's toll is never a conflict event's."""
    if owner.event_type in NO_DEATHS or incident in MISHAPS:
        return False
    if incident in EXPLOSIVE:  # unnamed (None), the trigger's own or another family's: any event
        return owner.event_type == "Explosions/Remote violence" or owner.trigger_lemma in EXPLOSIVE
    return True


def attach_revised(mentions: list, revised: list[Revision]) -> None:
    """Give each revised toll told in a sentence that reports no event of its own ("The death toll
    rose to nine on Monday, a health official said.") to the event told last before it, else
    first after it (``mentions`` in text order, offsets into the article; a mention that says it
    tells of another event is skipped), when the toll can be that event's (``fits``); a sentence
    that opens another story ("Elsewhere, the toll from ... rose") gives none. The revised figure
    already counts that event's dead, so it replaces a lower or missing count; a lower revision
    changes nothing. A count told as added ("Two more died in hospital.") adds to the event's
    count before it, its evidence spanning both ("four villagers ... Two more"): a total."""
    for toll, incident, apart, added in revised:
        before = [m for m in mentions if m.sentence[1] <= toll.span[0] and not m.another]
        after = [m for m in mentions if m.sentence[0] >= toll.span[1] and not m.another]
        owner = before[-1] if before else after[0] if after else None
        if owner is None or apart or not fits(owner, incident):
            continue
        had = owner.fatalities
        if added and had is not None and had.span[1] <= toll.span[0]:
            owner.fatalities = Fatalities(
                had.best + toll.best, None, None, (had.span[0], toll.span[1]), had.victims
            )
        elif had is None or had.best < toll.best:
            owner.fatalities = toll
