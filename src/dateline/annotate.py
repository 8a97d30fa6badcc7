"""Annotation: spaCy over each usable paragraph, with an entity ruler fed by the actor
knowledge base and the place supplement (the statistical NER mislabels "Daesh", "Euphrates"
and transliterated names; the ruler runs first and the NER keeps its entities).

Each paragraph is its own ``Doc``, so sentences never run across paragraph breaks and
``segment.start + token.idx`` is the offset into the article text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .nlp import load_nlp
from .records import Cleaned, Segment
from .resolve.actors import load_kb

RULER_NAME = "dateline_entity_ruler"


@dataclass
class Annotated:
    cleaned: Cleaned
    docs: list[tuple[Segment, object]]  # (segment, spacy Doc) for every usable segment


def place_patterns() -> list[dict]:
    """Ruler patterns for the curated place supplement (rivers, villages, camps…)."""
    path = resources.files("dateline.data").joinpath("places_supplement.tsv")
    if not path.is_file():
        return []
    patterns = []
    rows = csv.DictReader(
        (line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")),
        delimiter="\t",
    )
    for row in rows:
        if (row.get("recognize") or "").strip().lower() == "no":
            continue  # resolvable when asked, never picked up from running text
        names = [row.get("name") or ""] + (row.get("aliases") or "").split("|")
        label = "GPE" if (row.get("kind") or "") in ("city", "town", "village", "admin1", "admin2") else "LOC"
        for name in filter(None, (n.strip() for n in names)):
            patterns.append({"label": label, "pattern": name})
    return patterns


@lru_cache(maxsize=2)
def build_nlp(actors: str | None = None):
    """The model plus Dateline's entity ruler, built once per process."""
    nlp = load_nlp()
    if RULER_NAME not in nlp.pipe_names:
        ruler = nlp.add_pipe(
            "entity_ruler", name=RULER_NAME, before="ner", config={"phrase_matcher_attr": "LOWER"}
        )
        ruler.add_patterns(load_kb(actors).named_patterns() + place_patterns())
    return nlp


def usable_segments(cleaned: Cleaned) -> list[Segment]:
    return [s for s in cleaned.segments if s.usable]


def annotate(cleaned: Cleaned, nlp=None) -> Annotated:
    return next(annotate_many([cleaned], nlp))


def annotate_many(items: Iterable[Cleaned], nlp=None, batch_size: int = 64) -> Iterator[Annotated]:
    """Annotate articles in a stream; paragraphs of many articles share ``nlp.pipe`` batches."""
    nlp = nlp or build_nlp()
    for cleaned in items:
        segments = usable_segments(cleaned)
        text = cleaned.article.text
        docs = nlp.pipe((text[s.start : s.end] for s in segments), batch_size=batch_size)
        yield Annotated(cleaned, list(zip(segments, docs, strict=True)))
