"""Annotation: spaCy over each usable paragraph, with an entity ruler fed by the actor
knowledge base and the place supplement (the statistical NER mislabels "Daesh", "Euphrates"
and transliterated names; the ruler runs first and the NER keeps its entities).

Each paragraph is its own ``Doc``, so sentences never run across paragraph breaks and
``segment.start + token.idx`` is the offset into the article text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .nlp import RULER_NAME, add_entity_ruler, place_patterns  # noqa: F401 - built in nlp.py, named here too
from .records import Cleaned, Segment
from .resources import Resources, default_resources


@dataclass
class Annotated:
    cleaned: Cleaned
    docs: list[tuple[Segment, object]]  # (segment, spacy Doc) for every usable segment


@dataclass
class AnnotationFailure:
    """An article whose annotation raised: the pipeline reports it as that article's problem."""

    cleaned: Cleaned
    error: Exception


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
