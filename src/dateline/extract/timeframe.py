"""Is a reported event one event of the story, or background, a running total or a photo?

Crisp rules only, on the trigger's own clause:

- aggregate: a toll or count over a span ("have killed 100,000 people over 15 years", "since
  January, 300 people have been killed", "the war has killed tens of thousands");
- background: an explicit date at least a year before publication ("joined the army in 2009
  and fought in Syria"), or an event that frames a "since" ("displaced since the fighting
  began") or is told over years ("has attacked the town repeatedly over the past decade");
- background too: what the story's news comes after ("it comes a week after 44 were killed in
  an attack") or reacts to ("students marched after a shooting", "protested against the
  killing of", "arrested five men after the attack"): the reaction is the news;
- part of a toll: a figure inside a running toll ("the toll now stands at 544, including the
  58 killed in the attack on the train");
- caption: a present-tense report of a dated moment ("Soldiers patrol a street in Mogadishu on
  Monday"): how a photo caption speaks, not how a report does.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .reference import (
    WEEKDAYS,
    YEAR,
    dated_by_year,
    earlier_episode,
    general_statement,
    habitual,
    legal_reference,
    many,
    named_reference,
    series_of,
    years_before,
)

# What a long-running conflict is called when it is the subject of a toll ("the war has killed").
CAMPAIGNS = {"war", "conflict", "insurgency", "crisis", "unrest", "uprising", "hostility", "bloodshed",
             "violence", "campaign", "revolution", "occupation", "siege"}  # fmt: skip
# A span of time the clause counts over (not weeks: "fighting over the past week" is one event).
SPAN = re.compile(
    r"\b(?:(?:over|in|during|for|across|throughout) the (?:past|last|previous) (?:[\w-]+ )?"
    r"(?:years?|months|decades?)|over (?:[\w-]+ )?(?:years|months|decades)|"
    r"in recent (?:years|months)|so far|to date|in total|altogether|cumulative)\b",
    re.I,
)
# Spans a count in the present perfect runs over ("have kidnapped 1,000 people this year"), which
# do not make an event background ("killed 12 people earlier this month" is one event).
COUNT_SPAN = re.compile(r"\bthis (?:year|month)\b", re.I)
# "as many as 47 have been killed in various places": a total over many places
PLACES = re.compile(
    r"\b(?:in|at|across) (?:various|several|different|many|a number of) "
    r"(?:places|parts|areas|towns|cities|districts|villages|locations)\b",
    re.I,
)
HUGE = re.compile(r"\b(?:tens|hundreds) of thousands\b|\bmillions?\b", re.I)
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}  # fmt: skip
CLAUSES = {"ccomp", "advcl", "relcl", "parataxis", "conj", "csubj", "xcomp"}
LONG_AGO = timedelta(days=365)


def _verb(trigger):
    """The verb whose clause reports the trigger ("an attack killed", "killed in an attack")."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _clause_tokens(verb) -> list:
    """The verb and its words, without the clauses it embeds."""
    tokens, stack = [], [verb]
    while stack:
        tok = stack.pop()
        tokens.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSES)
    return sorted(tokens, key=lambda t: t.i)


def _perfect(verb) -> bool:
    """Present perfect ("has killed", "have been killed"): a state now, often a running total.
    The past perfect of reported speech ("said it had retaken") is one event."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in verb.children)


def _since(verb, tokens) -> bool:
    """ "since January", "since the war began": counted from a point, up to now."""
    if any(t.lower_ == "since" and t.dep_ == "prep" for t in tokens):
        return True
    clauses = [c for c in verb.children if c.dep_ == "advcl"]
    return any(m.dep_ == "mark" and m.lower_ == "since" for c in clauses for m in c.children)


def _counted(tokens) -> bool:
    """A count of people or events in the clause (not a year or a time)."""
    return any(
        (t.like_num or t.pos_ == "NUM" or t.lower_ in ("dozens", "scores", "hundreds", "thousands"))
        and t.ent_type_ not in ("DATE", "TIME")
        and not YEAR.match(t.text)
        for t in tokens
    )


def _counted_events(noun) -> bool:
    """ "dozens of attacks", "300 attacks": a plural event noun with a count."""
    if noun.tag_ != "NNS":
        return False
    if any(c.dep_ == "nummod" for c in noun.children):
        return True
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "of" and _counted([prep.head])


def aggregate(trigger, sent) -> str:
    """Why the trigger's clause is a running total ("" when it is not)."""
    verb = _verb(trigger)
    tokens = _clause_tokens(verb)
    if series_of(trigger) and (
        _perfect(verb) or dated_by_year(tokens) or SPAN.search(" ".join(map(str, tokens)))
    ):
        return "a series of events over time"  # "has suffered a series of bombings in 2016"
    if verb.dep_ == "relcl" and trigger.i == verb.i and _counted_events(verb.head):
        return "the toll of many events"  # "10 bombings that killed 44 people"
    if many(trigger):
        return "a count of many events"
    if trigger.i != verb.i and trigger.head.i != verb.i and not _counted_events(trigger):
        return ""  # "the toll from Sunday's attack has risen to 30 so far": the attack is one event
    # "Fighting since the coup has killed thousands": a gerund subject's words count too
    tokens += [t for c in verb.children if c.dep_ == "csubj" for t in c.subtree]
    if verb.dep_ == "xcomp":  # "hundreds are believed to have been abducted": the count is the governor's
        tokens += [t for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    text = " ".join(t.text for t in tokens)
    if HUGE.search(text) and verb.lemma_.lower() in ("kill", "die", "claim", "displace", "leave"):
        return "a toll in tens of thousands or more"
    counted = _counted(tokens)
    if counted and (_since(verb, tokens) or SPAN.search(text)):
        return "a count over a span of time"
    if counted and _perfect(verb) and COUNT_SPAN.search(text):
        return "a count over a span of time"  # "have kidnapped 800 people this year"
    if counted and _perfect(verb) and PLACES.search(text):
        return "a count over many places"
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if _perfect(verb) and subject is not None and subject.lemma_.lower() in CAMPAIGNS:
        return f"a toll of the {subject.lower_} so far"
    return ""


def _published(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


DATE_PREPS = {"in", "on", "during", "throughout"}  # not "since 2014": "the worst attack since 2014" is new


def _dates_of(word) -> list:
    """Year tokens that date ``word`` itself: a date phrase in its clause ("in 2009", "on 4
    November, 2018", "in March 2014", even where the parser hangs it on a noun: "captured by
    rebels in 2012"), or a noun's own modifier ("the 2014 offensive")."""
    heads = []
    tokens = _clause_tokens(word) if word.pos_ in ("VERB", "AUX") else [word, *word.children]
    for tok in tokens:
        if tok.dep_ == "pobj" and tok.head.lower_ in DATE_PREPS:
            heads.append(tok)
        elif tok.dep_ in ("npadvmod", "tmod") and tok.head.i == word.i:
            heads.append(tok)
        elif tok.dep_ in ("nummod", "amod", "compound") and tok.head.i == word.i and word.pos_ == "NOUN":
            heads.append(tok)
    years = []
    for head in heads:
        if head.ent_type_ != "DATE" and not YEAR.match(head.text):
            continue
        years += [t for t in head.subtree if YEAR.match(t.text) and (t.ent_type_ == "DATE" or t.i == head.i)]
    return years


def _dated_tokens(trigger) -> list:
    """Years that date the trigger: its verb's date phrase, a noun trigger's own ("fighting in
    2014"), and the first verb of a coordination ("joined the army in 2009 and fought in Syria")."""
    verb = _verb(trigger)
    years = _dates_of(verb)
    if trigger.i != verb.i:  # a noun: its own date, or its relative clause's
        clauses = [c for c in trigger.children if c.dep_ in ("relcl", "acl")]
        years += _dates_of(trigger) + [y for c in clauses for y in _dates_of(c)]
    first = verb
    while not years and first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
        years += _dates_of(first)
    return years


def _latest_day(year_token) -> date:
    """The last day the year (or "March 2014") can mean."""
    year = int(year_token.text)
    exact = _exact_day(year_token)
    if exact is not None:
        return exact
    before = year_token.doc[year_token.i - 1].lower_ if year_token.i > 0 else ""
    month = MONTHS.get(before.rstrip(","))
    if month is None and year_token.i > 1:
        month = MONTHS.get(year_token.doc[year_token.i - 2].lower_)  # "4 November, 2018"
    if month is None:
        month = _month_three_back(year_token)
    if month is None:
        return date(year, 12, 31)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def background(trigger, sent, published: str | None) -> str:
    """Why the trigger is background to the story ("" when it is not)."""
    verb = _verb(trigger)
    for node in [trigger, *trigger.ancestors]:
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in node.children):
            return "the event a 'since' counts from"
        if node.dep_ == "pobj" and node.head.lower_ == "since":
            return "the event a 'since' counts from"
    why = named_reference(trigger) or general_statement(trigger) or legal_reference(trigger)
    why = why or earlier_episode(trigger) or habitual(trigger)
    if why:
        return why
    tokens = _clause_tokens(verb)
    if SPAN.search(" ".join(t.text for t in tokens)) and not _counted(tokens):
        return "told over a span of years or months"
    why = years_ago(trigger) or anniversary(trigger) or fronted_year(sent, published)
    if why:
        return why
    day = _published(published)
    if day is None:
        return ""
    for tok in _dated_tokens(trigger) or _conjunct_years(trigger):
        if _latest_day(tok) <= day - LONG_AGO:
            return f"dated {tok.text}, over a year before publication"
    return ""


def caption_like(trigger) -> bool:
    """A present-tense verb with a dated moment in its clause: "Soldiers patrol a street in
    Mogadishu on Monday" describes a photo."""
    if trigger.pos_ != "VERB" or trigger.tag_ not in ("VBZ", "VBP"):
        return False
    for tok in _clause_tokens(trigger):
        if tok.lower_ in WEEKDAYS or tok.lower_ in MONTHS:
            if tok.head.lower_ in ("on", "in") and not any(
                c.lower_ in ("every", "each") for c in tok.children
            ):
                return True
        elif YEAR.match(tok.text) and tok.ent_type_ == "DATE":
            return True
    return False


FOLLOWS = {"come", "follow"}  # "the blast came two days after ...": the news follows an earlier event
CAUSE_PREPS = {"after", "following", "against", "over", "for"}
CAUSE_MARKS = {"after"}
TOLLS = {"toll", "tally", "total", "count"}


def _governed_by(node):
    """(the word, what it hangs on) when ``node`` is the object of a cause preposition ("after
    the attack") or a clause it marks ("after gunmen killed"); else None."""
    if node.dep_ in ("pobj", "pcomp") and node.head.lower_ in CAUSE_PREPS:
        prep = node.head
        return prep.lower_, prep.head
    if node.dep_ == "advcl":
        mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in CAUSE_MARKS), None)
        if mark is not None:
            return mark.lower_, node.head
    return None


def cause(trigger, reacts) -> str:
    """Why the trigger is what the sentence's news follows or reacts to ("" when it is not).
    ``reacts(token)``: whether a word reports a reaction (a protest, an arrest)."""
    for node in [trigger, *trigger.ancestors]:
        found = _governed_by(node)
        if found is None:
            continue
        word, gov = found
        if word in ("after", "following") and years_before(node):
            return "an event a year or more before the news"
        if gov.dep_ == "npadvmod":  # "two days after": the days hang on the verb
            gov = gov.head
        if word in ("after", "following") and gov.lemma_.lower() in FOLLOWS:
            return f"an earlier event the news comes {word}"
        for _ in range(3):  # "gathered to voice their anger a day after the blast"
            if reacts(gov):
                return f"the cause a {gov.lower_!r} reacts to"
            if gov.dep_ not in ("advcl", "xcomp", "conj") or gov.head.i == gov.i:
                break
            gov = gov.head
        return ""
    return ""


def toll_part(trigger) -> str:
    """Why the trigger is one figure of a running toll ("" when it is not)."""
    for node in trigger.ancestors:
        if node.lower_ == "including" and node.dep_ == "prep":
            gov = node.head
            words = [gov, *(c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass"))]
            if any(w.lemma_.lower() in TOLLS for w in words):
                return "a figure included in a running toll"
    return ""


# "three years ago", "decades ago": the clause itself says the event is long past.
YEARS_AGO = re.compile(
    r"\b(?:(?:years?|decades?)\s+ago|last year|the (?:previous|preceding) year|a year earlier)\b", re.I
)
# What an anniversary is called, and the verbs that commemorate a past event.
ANNIVERSARY = {"anniversary", "commemoration", "remembrance", "memorial", "commemorate", "anniversaries"}
REMEMBER = {"commemorate", "mark", "remember", "honour", "honor"}  # not "observe": "observed a bandh"


def years_ago(trigger) -> str:
    """ "Three years ago, party members marched on a farm": told as years before the story."""
    verb = _verb(trigger)
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    for head in {verb.i: verb, first.i: first}.values():
        if YEARS_AGO.search(" ".join(t.text for t in _clause_tokens(head))):
            return "told as years ago or last year"
    return ""


def anniversary(trigger) -> str:
    """ "the 40th anniversary of the uprising", "marks 40 years of the uprising", "commemorate
    the massacre": the story is the commemoration, the event it recalls is background."""
    node = trigger
    for up in trigger.ancestors:
        if up.lemma_.lower() in ANNIVERSARY or up.lower_ in ANNIVERSARY:
            return "the event an anniversary recalls"
        if up.lower_ in ("years", "decades") and any(c.dep_ == "nummod" for c in up.children):
            if node.dep_ == "prep" and node.lower_ in ("of", "since"):
                return "the event an anniversary recalls"
        if up.lemma_.lower() in REMEMBER and up.pos_ == "VERB" and node.dep_ in ("dobj", "prep"):
            if up.lemma_.lower() != "mark" or any(c.lower_ in ("years", "decades") for c in up.subtree):
                return "the event an anniversary recalls"
        if up.pos_ in ("VERB", "AUX") and up.lemma_.lower() not in REMEMBER:
            break
        node = up
    return ""


def _month_three_back(year_token) -> int | None:
    """The month of "June 12, 2014" (three tokens before the year)."""
    if year_token.i < 3 or year_token.doc[year_token.i - 1].text != ",":
        return None
    return MONTHS.get(year_token.doc[year_token.i - 3].lower_)


def fronted_year(sent, published: str | None) -> str:
    """ "In 1995, after 100,000 people were killed, a peace agreement divided the country": a
    sentence that opens with a year long before publication is told in that year throughout."""
    day = _published(published)
    tokens = [t for t in sent if not t.is_space]
    if day is None or len(tokens) < 3 or tokens[0].lower_ not in ("in", "by", "during", "on"):
        return ""
    for tok in tokens[1:5]:
        if tok.lower_ in MONTHS or (tok.like_num and not YEAR.match(tok.text)) or tok.text == ",":
            continue  # "On June 12, 2014,"
        if not YEAR.match(tok.text):
            return ""
        if YEAR.match(tok.text) and (tok.ent_type_ == "DATE" or tok.head.i == tokens[0].i):
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.text == "," and _latest_day(tok) <= day - LONG_AGO:
                return f"a sentence told in {tok.text}, over a year before publication"
            return ""
    return ""


def _exact_day(year_token) -> date | None:
    """The day of "August 16, 2012", "16 August 2012" or "16 August, 2012", else None."""
    doc, i = year_token.doc, year_token.i
    words = [doc[k].lower_ for k in range(max(0, i - 3), i)]
    words = [w for w in words if w != ","]
    if len(words) < 2:
        return None
    first, second = words[-2], words[-1]
    month, day = (MONTHS.get(first), second) if first in MONTHS else (MONTHS.get(second), first)
    if month is None or not day.isdigit():
        return None
    try:
        return date(int(year_token.text), month, int(day))
    except ValueError:
        return None


def _conjunct_years(trigger) -> list:
    """ "The uprising began in the township and spread countrywide in 1976": a year on a later
    verb of the same coordination dates the first one."""
    verb = _verb(trigger)
    return [y for conj in verb.conjuncts if conj.i > verb.i for y in _dates_of(conj)]
