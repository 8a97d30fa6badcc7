"""Who says so: the speaker of a claim and the outlet it came through.

Reads reporting verbs ("officials told the Guardian", "an official said"), "according to X",
and, for sentences inside quotation marks, the speaker named beside the quote anywhere in
the same paragraph (before or after it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

REPORTING = {
    "say",
    "tell",
    "report",
    "claim",
    "announce",
    "state",
    "add",
    "confirm",
    "deny",
    "allege",
    "believe",
    "accuse",
    "insist",
    "warn",
    "explain",
    "note",
    "write",
    "reveal",
    "suggest",
    "estimate",
}
QUOTE_OPEN = '“"«'
QUOTE_CLOSE = '”"»'


@dataclass
class Attribution:
    speaker: tuple[int, int] | None  # char offsets within the doc
    outlet: tuple[int, int] | None
    cue: tuple[int, int]


@lru_cache(maxsize=1)
def outlets() -> dict[str, str]:
    """Lower-cased outlet name or alias -> canonical outlet name."""
    table: dict[str, str] = {}
    text = resources.files("dateline.data").joinpath("outlets.txt").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names = [n.strip() for n in line.split("|")]
        for name in names:
            table[name.lower()] = names[0]
            if name.lower().startswith("the "):
                table[name.lower()[4:]] = names[0]
    return table


def outlet_name(text: str) -> str | None:
    key = text.strip().lower()
    return outlets().get(key) or outlets().get(key.removeprefix("the "))


def _span(tokens) -> tuple[int, int]:
    tokens = [t for t in tokens if not t.is_punct or t.text in "-'"]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _phrase(token) -> tuple[int, int]:
    """A noun phrase without its relative clauses, appositions or trailing punctuation."""
    cut = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep"}
    tokens = [token]
    stack = [c for c in token.children if c.dep_ not in cut]
    while stack:
        child = stack.pop()
        tokens.append(child)
        stack.extend(c for c in child.children if c.dep_ not in {"relcl", "acl", "appos", "punct"})
    return _span(sorted(tokens, key=lambda t: t.i))


def _outlet_of(verb) -> tuple[int, int] | None:
    for child in verb.children:
        if child.dep_ in ("dative", "dobj", "iobj") and (child.ent_type_ == "ORG" or outlet_name(child.text)):
            return _phrase(child)
        if child.dep_ == "prep" and child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ == "ORG" or outlet_name(obj.text)):
                    return _phrase(obj)
    return None


def in_sentence(sent) -> Attribution | None:
    """The attribution a sentence makes itself, if any."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.doc[tok.i + 1].lower_ == "to":
            objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                source = _phrase(objs[0])
                is_outlet = outlet_name(tok.doc.text[source[0] : source[1]])
                return Attribution(
                    None if is_outlet else source,
                    source if is_outlet else None,
                    _span([tok, tok.doc[tok.i + 1]]),
                )
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in REPORTING:
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON" and subj.lower_ in ("it", "there"):
            continue
        if tok.lemma_.lower() == "believe" and not any(c.dep_ == "ccomp" for c in tok.children):
            continue
        speaker = _phrase(subj)
        outlet = _outlet_of(tok)
        text = tok.doc.text[speaker[0] : speaker[1]]
        if outlet is None and outlet_name(text):
            speaker, outlet = None, speaker
        return Attribution(speaker, outlet, _span([tok]))
    return None


def _inside_quote(doc, sent) -> bool:
    before = doc.text[: sent.start_char]
    opened = sum(before.count(q) for q in "“«") - sum(before.count(q) for q in "”»")
    straight = before.count('"') % 2 == 1
    return opened > 0 or straight or sent.text.lstrip()[:1] in QUOTE_OPEN


def for_sentences(doc) -> list[Attribution | None]:
    """Attribution per sentence of a paragraph; quoted sentences take the paragraph's speaker."""
    sents = list(doc.sents)
    own = [in_sentence(s) for s in sents]
    speaker = next((a for a, s in zip(own, sents, strict=True) if a and _has_quote(s)), None)
    result = []
    for attribution, sent in zip(own, sents, strict=True):
        if attribution is None and speaker is not None and _inside_quote(doc, sent):
            attribution = speaker
        result.append(attribution)
    return result


def _has_quote(sent) -> bool:
    return any(q in sent.text for q in QUOTE_OPEN + QUOTE_CLOSE)
