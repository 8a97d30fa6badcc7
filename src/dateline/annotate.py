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
from importlib import resources as package_files
from typing import TYPE_CHECKING

from .records import Cleaned, Segment
from .resources import Resources, default_resources

if TYPE_CHECKING:
    from .resolve.actors import ActorKB

RULER_NAME = "dateline_entity_ruler"


@dataclass
class Annotated:
    cleaned: Cleaned
    docs: list[tuple[Segment, object]]  # (segment, spacy Doc) for every usable segment


@dataclass
class AnnotationFailure:
    """An article whose annotation raised: the pipeline reports it as that article's problem."""

    cleaned: Cleaned
    error: Exception


def place_patterns() -> list[dict]:
    """Ruler patterns for the curated place supplement (rivers, villages, camps…)."""
    path = package_files.files("dateline.data").joinpath("places_supplement.tsv")
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


def add_entity_ruler(nlp, kb: ActorKB):  # (spacy.Language, ActorKB) -> spacy.Language
    """Dateline's entity ruler (knowledge-base actors, curated places) before the statistical NER."""
    if RULER_NAME not in nlp.pipe_names:
        ruler = nlp.add_pipe(
            "entity_ruler", name=RULER_NAME, before="ner", config={"phrase_matcher_attr": "LOWER"}
        )
        ruler.add_patterns(kb.named_patterns() + place_patterns())
    return nlp


def build_nlp(resources: Resources | None = None):  # -> spacy.Language
    """The model plus Dateline's entity ruler: ``resources.nlp`` (a new ``Resources`` when none)."""
    return default_resources(resources).nlp


def usable_segments(cleaned: Cleaned) -> list[Segment]:
    return [s for s in cleaned.segments if s.usable]


def annotate(cleaned: Cleaned, resources: Resources | None = None) -> Annotated:
    """One article annotated (an annotation error is raised, not reported)."""
    result = next(annotate_many([cleaned], resources))
    if isinstance(result, AnnotationFailure):
        raise result.error
    return result


def annotate_many(
    items: Iterable[Cleaned], resources: Resources | None = None, batch_size: int | None = None
) -> Iterator[Annotated | AnnotationFailure]:
    """Annotate articles in a stream, ``batch_size`` paragraphs per ``nlp.pipe`` batch (default:
    the config's ``spacy_batch_size``). A spaCy failure stays with its article: it comes out as
    an :class:`AnnotationFailure` and the stream goes on."""
    resources = default_resources(resources)
    nlp = resources.nlp
    batch_size = batch_size or resources.config.spacy_batch_size
    for cleaned in items:
        segments = usable_segments(cleaned)
        text = cleaned.article.text
        try:
            docs = list(nlp.pipe((text[s.start : s.end] for s in segments), batch_size=batch_size))
        except Exception as exc:  # noqa: BLE001 - one article's failure must not end the run
            yield AnnotationFailure(cleaned, exc)
            continue
        yield Annotated(cleaned, list(zip(segments, docs, strict=True)))
