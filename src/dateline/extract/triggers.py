"""Finding event triggers in a sentence from the lexicon in ``data/event_triggers.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import DatelineError

DEFINITE = {"the", "this", "that", "these", "those"}


@dataclass(frozen=True)
class TriggerType:
    lemmas: tuple[tuple[str, ...], ...]
    pos: frozenset[str]
    event_type: str | None
    sub_event_type: str | None
    plover_type: str | None
    plover_mode: str | None
    rank: int
    anaphor: bool = False
    needs: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()


@dataclass
class TriggerHit:
    tokens: list  # spaCy tokens of the trigger phrase; tokens[head_index] is its head
    kind: TriggerType

    @property
    def head(self):
        # The syntactic head of a multi-word trigger: the token whose head lies outside it.
        inside = {t.i for t in self.tokens}
        return next((t for t in self.tokens if t.head.i not in inside or t.head.i == t.i), self.tokens[-1])


@lru_cache(maxsize=1)
def load_triggers() -> list[TriggerType]:
    # The shipped file is parsed by libyaml's loader when PyYAML has it (0.08 -> 0.01 s of CPU at
    # every process start and in each pool worker; the same data, tests/test_cameo.py).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = resources.files("dateline.data").joinpath("event_triggers.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader either way
    kinds = []
    for item in raw:
        if "lemmas" not in item or "rank" not in item:
            raise DatelineError("E030", f"event_triggers.yaml: entry without lemmas or rank: {item}")
        plover = item.get("plover") or [None, None]
        kinds.append(
            TriggerType(
                lemmas=tuple(tuple(str(lemma).lower().split()) for lemma in item["lemmas"]),
                # proper nouns are names ("Highway Patrol", "Operation Storm"), not reports
                pos=frozenset(item.get("pos") or ("NOUN", "VERB")),
                event_type=item.get("type"),
                sub_event_type=item.get("sub"),
                plover_type=plover[0],
                plover_mode=plover[1],
                rank=int(item["rank"]),
                anaphor=bool(item.get("anaphor")),
                needs=frozenset(item.get("needs") or ()),
                agents=frozenset(item.get("agents") or ()),
            )
        )
    return kinds


def _phrase_at(tokens, i: int, phrase: tuple[str, ...]) -> bool:
    if i + len(phrase) > len(tokens):
        return False
    return all(
        tokens[i + k].lemma_.lower() == word or tokens[i + k].lower_ == word for k, word in enumerate(phrase)
    )


def _has_agent(hit_head, agents: frozenset[str]) -> bool:
    """The verb's doer (subject, or the "by" agent of a passive) is one of ``agents`` (lemmas)."""
    if not agents:
        return True
    for child in hit_head.children:
        doers = [child] if child.dep_ == "nsubj" else []
        if child.dep_ == "agent":
            doers = [c for c in child.children if c.dep_ == "pobj"]
        # "hundreds of demonstrators gathered": the doer behind a quantity word
        for doer in (d for found in doers for d in _object_words(found)):
            names = {doer.lemma_.lower(), *(t.lemma_.lower() for t in doer.children if t.dep_ == "compound")}
            if names & agents or any(c.lemma_.lower() in agents for c in doer.conjuncts):
                return True
    return False


def _satisfies_needs(hit_head, needs: frozenset[str]) -> bool:
    if not needs:
        return True
    for child in hit_head.children:
        objects = [child] if child.dep_ in ("dobj", "nsubjpass", "attr") else []
        if child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
        for obj in (o for found in objects for o in _object_words(found)):
            if obj.lemma_.lower() in needs or obj.ent_type_ in needs:
                return True
    return False


# "most of the villages", "parts of the town", "two of the districts": the thing taken is the
# "of" object of a quantity word
PARTITIVE = {"most", "some", "all", "part", "much", "many", "several", "half", "rest", "majority", "dozen",
             "number", "one", "each", "any", "none", "few", "remainder", "swath", "swathe", "chunk", "hundred",
             "thousand", "score", "group", "crowd", "batch"}  # fmt: skip


def _object_words(obj) -> list:
    """An object, its conjuncts ("the town and its airport"), and the "of" object behind a
    quantity word."""
    words = [obj, *obj.conjuncts]
    for word in list(words):
        if word.lemma_.lower() in PARTITIVE or word.pos_ == "NUM":
            for prep in word.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    words += [c for c in prep.children if c.dep_ == "pobj"]
    return words


@lru_cache(maxsize=1)
def _by_first_word() -> dict[str, list[tuple[TriggerType, tuple[str, ...]]]]:
    """Trigger phrases indexed by their first word, longest first."""
    index: dict[str, list[tuple[TriggerType, tuple[str, ...]]]] = {}
    for kind in load_triggers():
        for phrase in kind.lemmas:
            index.setdefault(phrase[0], []).append((kind, phrase))
    for entries in index.values():
        entries.sort(key=lambda kp: -len(kp[1]))
    return index


def find_triggers(sent) -> list[TriggerHit]:
    """Every trigger in a sentence, longest phrase first at each position, no overlaps."""
    tokens = list(sent)
    index = _by_first_word()
    hits: list[TriggerHit] = []
    taken: set[int] = set()
    for i, token in enumerate(tokens):
        if i in taken:
            continue
        lemma, lower = token.lemma_.lower(), token.lower_
        candidates = index.get(lemma, []) + (index.get(lower, []) if lower != lemma else [])
        for kind, phrase in sorted(candidates, key=lambda kp: -len(kp[1])):
            if not _phrase_at(tokens, i, phrase):
                continue
            hit = TriggerHit(tokens[i : i + len(phrase)], kind)
            if len(phrase) == 1 and hit.head.pos_ not in kind.pos:
                continue
            if kind.anaphor and not _is_definite(hit.head):
                continue
            if not _satisfies_needs(hit.head, kind.needs) or not _has_agent(hit.head, kind.agents):
                continue
            if _prevented(hit.head):
                continue
            hits.append(hit)
            taken.update(range(i, i + len(phrase)))
            break
    return hits


# Verbs that say an event never happened: "the forces foiled a second attack", "a bombing was
# thwarted", "the foiled raid" tell of no attack ("failed to thwart the attack" does: ``_prevented``).
PREVENT = {"foil", "thwart", "avert", "forestall"}


def _prevented(head) -> bool:
    """The trigger noun is what a verb of ``PREVENT`` kept from happening (its object, its passive
    subject, or the noun it qualifies), and that verb is not negated nor what someone failed to do."""
    if head.pos_ != "NOUN":
        return False
    verbs = [c for c in head.children if c.dep_ in ("amod", "acl") and c.lemma_.lower() in PREVENT]
    if head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in PREVENT:
        verbs.append(head.head)
    failed = ("fail", "try", "attempt", "seek")
    return any(
        not any(c.dep_ == "neg" for c in v.children)
        and not (v.dep_ == "xcomp" and v.head.lemma_.lower() in failed)
        for v in verbs
    )


def _is_definite(token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)


ANOTHER = {"another", "separate", "second", "third", "different", "further", "fresh", "new", "later"}
EVENT_NOUNS = {"incident", "attack", "strike", "raid", "clash", "blast", "explosion", "ambush", "bombing",
               "assault", "shooting", "killing", "abduction", "kidnapping", "protest", "group", "wave"}  # fmt: skip
ELSEWHERE = {"elsewhere", "separately"}
CLAUSE_LINKS = {"ccomp", "xcomp", "conj", "advcl", "relcl", "acl", "parataxis", "csubj"}


def marks_another_event(trigger) -> bool:
    """The trigger's own clause says it tells of another event than the one before ("in a
    separate attack, bandits abducted", "another group of militants attacked", "elsewhere,
    rebels shelled"): it starts an event of its own. ("called for further rallies" in a
    clause of its own says nothing about the trigger.)"""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for tok in trigger.sent:
        if tok.lower_ in ELSEWHERE and tok.dep_ == "advmod":
            word = tok
        elif tok.lower_ in ANOTHER and tok.dep_ in ("det", "amod"):
            noun = tok.head  # a noun: "one found burnt and another stabbed" names no event
            if noun.pos_ != "NOUN" or (
                noun.lemma_.lower() not in EVENT_NOUNS and noun.lemma_.lower() not in _by_first_word()
            ):
                continue
            word = noun
        else:
            continue
        while word.i not in (trigger.i, verb.i) and word.dep_ not in CLAUSE_LINKS and word.head.i != word.i:
            word = word.head
        if word.i in (trigger.i, verb.i):
            return True
    return False
