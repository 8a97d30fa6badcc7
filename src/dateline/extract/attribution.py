"""Who says so: the speaker of a claim and the outlet it came through.

Reads reporting verbs ("officials told the Guardian", "an official said", "the death was
confirmed by the WHO"), "according to X", "Reuters quoted him as saying", and, for sentences
inside quotation marks, the speaker named beside that quote (in the sentence that opens or
closes it, or the one right after it). A speaker is a noun phrase with its prepositional
modifiers ("a spokeswoman for UNICEF"); a title in apposition gives way to the name
("the governor, Anthony Bol Madut" -> "Anthony Bol Madut"). News outlets (``data/outlets.txt``,
or phrases such as "the Indonesian daily …", "… news agency") are reported as the outlet, not
the speaker. Agentless passives ("was reported"), modal or infinitive reporting verbs ("will
confirm", "to confirm") and evidence as subject ("tests confirmed") are not attributions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..nlp import doc_text

REPORTING = {
    "say", "tell", "report", "claim", "announce", "state", "add", "confirm", "deny", "allege",
    "believe", "accuse", "insist", "warn", "explain", "note", "write", "reveal", "suggest",
    "estimate", "stress", "declare", "caution", "maintain", "comment", "admit", "acknowledge",
    "argue", "assert", "contend", "concede", "quote", "predict", "emphasise", "emphasize",
    "reiterate", "testify", "disclose", "inform", "remark", "recount", "observe",
}  # fmt: skip
EVIDENCE = {
    "test", "analysis", "result", "study", "finding", "sample", "evidence", "data", "examination",
    "autopsy", "research", "survey", "image", "footage", "record", "figure",
}  # fmt: skip
NOT_SOURCES = {"rule", "law", "plan", "schedule", "guideline", "regulation", "agreement", "procedure",
               "tradition", "protocol", "standard", "custom", "instruction", "order"}  # fmt: skip
MODALS = {"will", "would", "could", "may", "might", "shall", "should", "can", "must", "wo", "ca"}
OUTLET_WORDS = re.compile(
    r"\b(news ?agency|press agency|news service|wire service|newspaper|tabloid|broadcaster|broadcasting)\b",
    re.I,
)
OUTLET_NAMES = re.compile(  # words that make a proper name an outlet's: "WIVB Channel 4", "the Daily Star"
    r"\b(daily|weekly|magazine|radio|television|tv|channel|news|times|post|herald|tribune|journal|gazette|"
    r"chronicle|observer|courier|mirror|express)\b",
    re.I,
)
CLAUSAL = {"admit", "maintain", "claim", "observe", "add", "note", "reveal", "acknowledge"}
COMMUNICATION = {"statement", "interview", "conference", "briefing", "release", "comment", "remark", "speech",
                 "message", "letter", "post", "tweet", "website", "broadcast", "email", "video"}  # fmt: skip
QUOTE_OPEN = '“"«'
QUOTE_CLOSE = '”"»'
FIRST_PERSON = {"i", "we", "us", "me", "you"}


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
    """The canonical name of a listed outlet; "the Reuters news agency" and "BBC Three Counties
    Radio" resolve through their longest listed leading words."""
    words = text.strip().lower().removeprefix("the ").split()
    for n in range(len(words), 0, -1):
        found = outlets().get(" ".join(words[:n]))
        if found and (
            n == len(words)
            or OUTLET_WORDS.search(" ".join(words[n:]))
            or OUTLET_NAMES.search(" ".join(words[n:]))
        ):
            return found
    return None


def _is_outlet(token) -> bool:
    text = doc_text(token.doc)[slice(*_phrase(token))]
    if outlet_name(text):
        return True
    appos = " ".join(c.text for c in token.children if c.dep_ == "appos")
    if OUTLET_WORDS.search(text) or OUTLET_WORDS.search(appos):
        return True
    return token.pos_ == "PROPN" and bool(OUTLET_NAMES.search(text) or OUTLET_NAMES.search(appos))


def _span(tokens) -> tuple[int, int]:
    """Where the tokens are, without punctuation at the edges (all of them if nothing else is left:
    a scraped sentence can parse a stray quote mark as a subject)."""
    words = [t for t in tokens if not t.is_punct or t.text in "-'()"]
    while words and words[-1].text == "(":
        words.pop()
    words = words or list(tokens)
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _phrase(token) -> tuple[int, int]:
    """A noun phrase with its prepositional modifiers, without relative clauses or appositions."""
    cut = {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj"}

    def keep(c) -> bool:  # "in a statement on its website" belongs to the verb, not the speaker
        if c.dep_ == "appos":
            return c.i > 0 and c.doc[c.i - 1].text == "("  # "National Public Radio (NPR)"
        return not (c.dep_ == "prep" and any(o.lemma_.lower() in COMMUNICATION for o in c.children))

    tokens = [token]
    listed = ("cc", "conj", "appos")  # "Williams and King", "Radio (NPR)"; not a list before the head
    stack = [
        c for c in token.children if keep(c) and (c.dep_ not in cut or c.dep_ in listed and c.i > token.i)
    ]
    while stack:
        child = stack.pop()
        tokens.append(child)
        stack.extend(c for c in child.children if c.dep_ not in {"relcl", "acl", "advcl"} and keep(c))
    tokens = sorted(tokens, key=lambda t: t.i)
    doc, last = token.doc, tokens[-1].i
    if last + 1 < len(doc) and doc[last + 1].text == ")" and any(t.text == "(" for t in tokens):
        tokens.append(doc[last + 1])
    for t in doc[token.i + 1 : last]:  # "Dr. Archie Lluz, Chief of …": cut at a comma, not in a list
        if t.text in (",", ";", ":", "—") and doc[t.i + 1].dep_ != "conj":
            tokens = [x for x in tokens if x.i < t.i]
            break
    while tokens and (tokens[-1].is_punct and tokens[-1].text != ")" or tokens[-1].dep_ == "cc"):
        tokens.pop()
    return _span(tokens or [token])


def _named(token):
    """The name in apposition to a title ("the governor, Anthony Bol Madut"), else the token."""
    appos = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if token.ent_type_ == "PERSON" or not appos:
        return token
    person = next((c for c in appos if c.ent_type_ == "PERSON"), None)
    return person if person is not None else token if token.pos_ == "PROPN" else appos[0]


def _outlet_of(verb) -> tuple[int, int] | None:
    """ "told Reuters", "told it to the BBC", "speaking to the BBC", "in a statement to AP"."""
    for child in verb.children:
        if child.dep_ in ("dative", "dobj", "iobj") and (child.ent_type_ == "ORG" or _is_outlet(child)):
            return _phrase(_named(child))
        if child.dep_ in ("prep", "advcl", "npadvmod") or child.dep_ == "dative" and child.lower_ == "to":
            for tok in child.subtree:
                if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "with") and _is_outlet(tok):
                    return _phrase(_named(tok))
    return None


def _source(verb):
    """The speaker token of a reporting verb, or None when it has none that can speak."""
    children = list(verb.children)
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "neg" for c in children) or verb.dep_ in ("acl", "amod"):
        return None
    if verb.dep_ == "xcomp" and verb.head.lemma_ in ("go", "continue", "proceed"):
        children += [c for c in verb.head.children if c.dep_ == "nsubj"]  # "he went on to say"
    elif any(c.lower_ == "to" and c.dep_ == "aux" for c in children):
        return None
    first = next((c.i for c in children if c.dep_ in ("nsubj", "nsubjpass")), -1)
    if any(c.dep_ == "aux" and c.lower_ in MODALS and c.i > first for c in children):
        return None  # "will confirm"; but "Will Steele said"
    objects = {c.dep_ for c in children}
    if lemma in CLAUSAL and "dobj" in objects and "ccomp" not in objects:
        return None  # "maintained ties", "claimed lives", "admitted a patient"
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in children):
        agent = next((c for c in children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if lemma == "quote":
        return next((c for c in children if c.dep_ == "dobj"), None)
    subj = next((c for c in children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "conj":
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ == "there" or subj.lemma_.lower() in EVIDENCE:
        return None
    if lemma == "believe" and "ccomp" not in objects or describes_subject(verb):
        return None  # "gunmen believed to be herders": no one speaks
    return subj


def describes_subject(node) -> bool:
    """A bare participle right after a noun, "gunmen believed to be herders kidnapped 30" (often
    parsed as the sentence's root, and tagged as a past tense, though no one "believed to be"): a
    guess at who the actors are, not a doubt about the event."""
    doc = node.doc
    if node.tag_ not in ("VBN", "VBD") or any(c.dep_ in ("aux", "auxpass") for c in node.children):
        return False
    after = [t.lower_ for t in doc[node.i + 1 : node.i + 3]]
    return node.i > 0 and doc[node.i - 1].pos_ in ("NOUN", "PROPN") and after == ["to", "be"]


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _according_to(sent) -> Attribution | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.doc[tok.i + 1].lower_ == "to":
            objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs and objs[0].lemma_.lower() not in NOT_SOURCES:
                cue = _span([tok, tok.doc[tok.i + 1]])
                if _is_outlet(objs[0]):
                    return Attribution(None, _phrase(_named(objs[0])), cue)
                return Attribution(_phrase(_named(objs[0])), None, cue)
    return None


def in_sentence(sent) -> Attribution | None:
    """The attribution a sentence makes itself, if any."""
    found = []
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in REPORTING:
            subj = _source(tok)
            if subj is not None:
                subj = _named(subj)
                found.append((_is_outlet(subj), _depth(tok), tok.i, tok, subj))
    according = _according_to(sent)
    if according is not None and according.speaker is not None or not found:
        return according
    found.sort()
    is_outlet, _, _, verb, subj = found[0]  # the highest speaker; an outlet only if no one else
    outlet = _outlet_of(verb)
    teller = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.lemma_.lower() == "quote" and teller is not None and _is_outlet(teller):
        outlet = _phrase(_named(teller))  # "Reuters quoted him as saying"
    speaker: tuple[int, int] | None = _phrase(subj)
    if is_outlet:
        speaker, outlet = None, outlet or speaker
    elif outlet is None and (found[-1][0] or according is not None):
        outlet = _phrase(found[-1][4]) if found[-1][0] else according.outlet  # "…, BBC News reported"
    return Attribution(speaker, outlet, _span([verb]))


def _quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages; curly and straight marks may be mixed. An unclosed quote
    gets the end of the text (``for_sentences`` cuts it at the end of its sentence)."""
    spans, start = [], None
    for i, ch in enumerate(text):
        if start is None and ch in QUOTE_OPEN:
            start = i
        elif start is not None and ch in QUOTE_CLOSE:
            spans.append((start, i + 1))
            start = None
    if start is not None:
        spans.append((start, len(text) + 1))
    return spans


def _inside(span: tuple[int, int], quotes: list[tuple[int, int]]) -> bool:
    return any(q[0] <= span[0] and span[1] <= q[1] for q in quotes)


def _speaker_of(quote: tuple[int, int], sents, outer, text: str) -> Attribution | None:
    """The attribution beside a quote: in the sentence that closes it, the one right after it when
    the quote breaks off for the speaker ('…," he said'), or the one that opens it."""
    ends = [j for j, s in enumerate(sents) if s.start_char < quote[1] <= s.end_char + 1]
    broken = text[quote[1] - 2 : quote[1] - 1] in (",", "?", "!", "—", "-")
    after = [
        j + 1 for j in ends if j + 1 < len(sents) and (broken or sents[j + 1].text[:1] not in QUOTE_OPEN)
    ]
    starts = [j for j, s in enumerate(sents) if s.start_char <= quote[0] < s.end_char]
    return next((outer[j] for j in ends + after + starts if outer[j] is not None), None)


def for_sentences(doc) -> list[Attribution | None]:
    """Attribution per sentence of a paragraph; quoted sentences take their quote's speaker."""
    sents = list(doc.sents)
    quotes = []
    text = doc_text(doc)
    for q0, q1 in _quotes(text):
        if q1 > len(text):  # unclosed: to the end of the sentence that opens it
            q1 = next(s.end_char for s in sents if s.start_char <= q0 < s.end_char)
        quotes.append((q0, q1))
    own = [in_sentence(s) for s in sents]
    # A reporting verb inside a quote is the quoted person's ("we believe …"), not the paragraph's.
    outer = [a if a and not _inside(a.cue, quotes) else None for a in own]
    result: list[Attribution | None] = []
    last: Attribution | None = None
    for i, sent in enumerate(sents):
        attribution = outer[i]
        begin = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        quote = next((q for q in quotes if q[0] <= begin < q[1]), None)
        if attribution is None and quote is not None:
            attribution = _speaker_of(quote, sents, outer, text) or last
        if attribution is None and own[i] is not None and own[i].speaker:
            attribution = None if text[slice(*own[i].speaker)].lower() in FIRST_PERSON else own[i]
        if attribution is not None and any(q[0] < sent.end_char and sent.start_char < q[1] for q in quotes):
            last = attribution
        result.append(attribution)
    return result


# How a clause hangs from a reporting verb without being what is reported: "addressing the
# sit-in, he said …" (advcl), "speaking after the clash, …" (prep), the speaker's own phrase.
NOT_REPORTED = {"advcl", "nsubj", "csubj", "npadvmod", "prep", "agent", "mark", "advmod"}


def reports(attribution: Attribution, trigger) -> bool:
    """Whether the sentence's attribution reports the event of ``trigger`` (a token of a spaCy
    doc whose offsets ``attribution`` uses): the trigger is in what the speaker says, or the
    reporting verb hangs from the trigger's clause ("X attacked Y, police said"). Not when the
    trigger is in a clause that frames the saying ("addressing the people at the sit-in, the
    leader said …") or in a relative clause that takes its event as known ("… said the incident
    in which 27 were burnt alive was a tragedy")."""
    verb = next((t for t in trigger.sent if t.idx == attribution.cue[0]), None)
    if verb is None or verb.lower_ == "according" or verb.i == trigger.i:
        return True  # a quote's speaker, "according to": the whole sentence is theirs
    path, node = [trigger], trigger
    while node.head.i != node.i and node.i != verb.i:
        node = node.head
        path.append(node)
    if node.i != verb.i:
        return True  # the verb is below the trigger: "…, police said"
    if path[-2].dep_ in NOT_REPORTED:
        return False
    return not any(
        t.dep_ == "relcl" and any(c.dep_ in ("det", "poss") and c.lower_ != "a" for c in t.head.children)
        for t in path[:-1]
    )
