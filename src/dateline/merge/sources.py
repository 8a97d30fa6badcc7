"""Who says so and how sure: an event's certainty, attribution, sources, source scale and
confidence (docs/claims.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..extract.attribution import outlet_name
from ..extract.factuality import CERTAINTY_ORDER, CERTAINTY_SCORE, is_anonymous
from ..extract.mentions import Mention
from ..records import Article
from .cites import Cites

SCALE_ORDER = ["Local", "Subnational", "National", "Regional", "International", "New media", "Other"]


@dataclass(frozen=True)
class Sourcing:
    certainty: str | None = None
    attribution: str | None = None
    source: str | None = None
    source_scale: str | None = None
    confidence: float | None = None


def confidence(certainty: str, anonymous: bool, sources: int) -> float:
    """How far to trust an event, 0–1: the certainty the text expresses, lowered by 0.1 for an
    unnamed speaker, raised by 0.05 for each further source (outlet or article) that carries
    it, at most 0.15. Documented in docs/claims.md."""
    score = CERTAINTY_SCORE[certainty] - (0.1 if anonymous else 0.0) + min(0.15, 0.05 * max(sources - 1, 0))
    return round(min(0.98, max(0.02, score)), 2)


@lru_cache(maxsize=1)
def _scales() -> dict[str, str]:
    from importlib import resources

    table = {}
    text = resources.files("dateline.data").joinpath("source_scales.tsv").read_text("utf-8")
    for line in text.splitlines()[1:]:
        if line.strip() and not line.startswith("#") and "\t" in line:
            name, scale = line.split("\t")[:2]
            table[name.strip().lower()] = scale.strip()
    return table


def source_scale(sources: list[str]) -> str | None:
    """ACLED style: the scales of the publisher and the outlets cited, smallest first
    ("Regional-International"); None when no source's scale is known."""
    scales = {_scales().get(s.lower()) for s in sources} - {None}
    return "-".join(sorted(scales, key=SCALE_ORDER.index)) or None


# The verb beside an outlet's name tells a citation from the publisher naming itself: a
# paper is "told" things and "has learned" them; another paper is cited, "according to the
# Times", "the Times reported". Read only when the name is a part of the publisher's ("the
# Times" in the Hindustan Times), where either can be meant.
TOLD_BEFORE = re.compile(r"\b(?:told|tells?|telling|speaking to|spoke to|talking to|talked to|said to|"
                         r"interview with|statement to)\s+$", re.I)  # fmt: skip
LEARNED_AFTER = re.compile(r"^\s*(?:has|had|have)\s+(?:learned|learnt|established|seen|obtained)\b", re.I)
# a paper recalling its own earlier story: "as the Courier reported on Monday", "the Courier first
# reported", "was first reported in the Courier"
RECALLED = re.compile(r"^\s*(?:(?:has|had)\s+)?(?:first|earlier|previously)\s+reported\b", re.I)
RECALLED_BEFORE = re.compile(
    r"(?:^|[\s,(])as\s+$|\b(?:first|earlier|previously)\s+reported\s+(?:in|by)\s+$", re.I
)
CITED_BEFORE = re.compile(r"\b(?:according to|quoted by|reported by|cited by|citing|quoting)\s+$", re.I)
CITED_AFTER = re.compile(
    r"^\s*(?:(?:has|had|have)\s+)?(?:reported|reports|quoted|cited|said|says|wrote|published|added|"
    r"stated|claimed)\b", re.I
)  # fmt: skip


def own_name(name: str, publisher: str | None, before: str = "", after: str = "") -> bool:
    """Whether an outlet named in the text is the publisher naming itself: its name with or
    without "the"; or the last words of it ("the Courier" in the Savanna Courier) unless the words
    around it cite it as another outlet ("according to the Times", "the Times reported" in the
    Hindustan Times), while "told the Courier", "the Courier has learned" and a paper recalling
    its own earlier story ("as the Courier reported on Monday", "first reported") name the publisher.
    ``before`` and ``after`` are the text right before and after the name. Counted as another
    outlet the publisher's own name would corroborate the report with itself."""
    if not publisher:
        return False
    words = name.lower().removeprefix("the ").split()
    own = publisher.lower().removeprefix("the ").split()
    if not words or own[len(own) - len(words) :] != words:
        return False
    if words == own or TOLD_BEFORE.search(before) or LEARNED_AFTER.match(after):
        return True
    if RECALLED.match(after) or RECALLED_BEFORE.search(before):
        return True
    return not (CITED_BEFORE.search(before) or CITED_AFTER.match(after))


def event_certainty(typed: list[Mention], told: list[Mention]) -> tuple[str, Mention]:
    """The surest certainty among the typed mentions, and the mention that gives it; but when
    a mention that tells the event (``told``: the first one and the one reporting it) is on a
    source's word ("…, the district commissioner said", "…, police confirmed": the mention is
    `reported`), details told flatly in the sentences after it do not make the event
    `confirmed`. An attributed detail does not lower an event its lead states as fact."""
    surest = min(typed, key=lambda m: CERTAINTY_ORDER.index(m.certainty))
    if surest.certainty == "confirmed":
        said = next((m for m in told if m.certainty == "reported" and (m.speaker or m.outlet)), None)
        if said is not None:
            return "reported", said
    return surest.certainty, surest


def code_sourcing(
    article: Article, primary: Mention, typed: list[Mention], mentions: list[Mention]
) -> tuple[Sourcing, Cites]:
    """The certainty of ``event_certainty``; the speaker of the first mention (else of the
    primary one); the publisher and every outlet named; the confidence they give."""
    cites = Cites()
    certainty, surest = event_certainty(typed, [mentions[0], primary])
    cites.add("certainty", surest.certainty_cue or surest.speaker or surest.outlet or surest.sentence)
    lead = mentions[0]
    speaker = lead if lead.speaker else (primary if primary.speaker else None)
    attribution = article.text[slice(*speaker.speaker)] if speaker else None
    if speaker:
        cites.add("attribution", speaker.speaker)
    sources = []
    if article.publisher:
        sources.append(article.publisher)
        cites.add("source", article.meta_spans.get("publisher"))
    for m in mentions:
        if m.outlet:
            name = outlet_name(article.text[slice(*m.outlet)]) or article.text[slice(*m.outlet)]
            start, end = m.outlet
            before, after = article.text[max(0, start - 40) : start], article.text[end : end + 40]
            if own_name(name, article.publisher, before.removesuffix("the ").removesuffix("The "), after):
                continue  # "told the Courier" in the Savanna Courier: the publisher, not a second outlet
            if name not in sources:
                sources.append(name)
            cites.add("source", m.outlet)
    scale = source_scale(sources)
    anonymous = bool(attribution) and is_anonymous(attribution)
    cites.add("confidence", lead.certainty_cue or lead.sentence)
    if speaker:
        cites.add("confidence", speaker.speaker)
    if scale:
        for span in cites.spans("source"):
            cites.add("source_scale", span)
    sourcing = Sourcing(
        certainty=certainty,
        attribution=attribution,
        source="; ".join(sources) or None,
        source_scale=scale,
        confidence=confidence(certainty, anonymous, len(sources)),
    )
    return sourcing, cites
