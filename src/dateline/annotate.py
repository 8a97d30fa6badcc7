"""Annotation: spaCy over each usable paragraph, with an entity ruler fed by the actor
knowledge base and the place supplement (the statistical NER mislabels "Daesh", "Euphrates"
and transliterated names; the ruler runs first and the NER keeps its entities).

Each paragraph is its own ``Doc``, so sentences never run across paragraph breaks and
``segment.start + token.idx`` is the offset into the article text.

Real scrapes: an article surely not in English is not annotated (it leaves a ``Drop``, reason
``not_english``); a mostly lower-cased article is annotated from a truecased copy of the same
length (``truecase.py``), so offsets still point into the stored text, which is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .language import MEMO_KEY, foreign, load_identifier
from .nlp import RULER_NAME, add_entity_ruler, place_patterns  # noqa: F401 - built in nlp.py, named here too
from .records import Cleaned, Drop, Segment
from .resources import Resources, default_resources
from .truecase import CaseLexicon, build_lexicon, common_words, label_places, mostly_lower, truecase


@dataclass
class Annotated:
    cleaned: Cleaned
    docs: list[tuple[Segment, object]]  # (segment, spacy Doc) for every usable segment
    drops: list[Drop] = field(default_factory=list)  # the article not annotated, and why
    truecased: bool = False  # the docs were made from a truecased copy (a lower-cased scrape)


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
    identifier = resources.memo(MEMO_KEY, load_identifier)
    for cleaned in items:
        result: Annotated | AnnotationFailure
        try:
            result = _annotate_one(cleaned, resources, nlp, identifier, batch_size)
        except Exception as exc:  # noqa: BLE001 - one article's failure must not end the run
            # anything raised for this article (language identification, truecasing, spaCy,
            # relabelling) is this article's problem; the stream goes on with the next one
            result = AnnotationFailure(cleaned, exc)
        yield result


def _annotate_one(cleaned: Cleaned, resources: Resources, nlp, identifier, batch_size: int) -> Annotated:
    segments = usable_segments(cleaned)
    text = cleaned.article.text
    texts = [text[s.start : s.end] for s in segments]
    prose = "\n".join(texts)
    language = foreign(prose, identifier) if texts else None
    if language is not None:
        # A Drop, not a Problem: the input was read and stored fine (problems are inputs that
        # could not be read or processed); the article is out of scope, like a candidate the
        # classifier drops, and is counted and explained with the other drops.
        detail = f"skipped: not English (detected {language.code}, p={language.probability:.2f})"
        drop = Drop(cleaned.article.article_id, "annotate", "not_english", detail)
        return Annotated(cleaned, [], drops=[drop])
    lowered = mostly_lower(prose)
    places: list[list[tuple[int, int]]] = [[] for _ in texts]
    if lowered:
        lexicon = case_lexicon(resources)
        texts = [truecase(t, lexicon, found) for t, found in zip(texts, places, strict=True)]
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    for doc, found in zip(docs, places, strict=True):
        if found:
            label_places(doc, found)
    return Annotated(cleaned, list(zip(segments, docs, strict=True)), truecased=lowered)


def case_lexicon(resources: Resources) -> CaseLexicon:
    """The names ``truecase`` restores, built once per ``Resources`` (knowledge base, gazetteer
    and the model's English word list)."""

    def build() -> CaseLexicon:
        nlp = resources.nlp
        stop = frozenset(w.lower() for w in nlp.Defaults.stop_words)
        return build_lexicon(resources.kb, resources.gazetteer, common_words(nlp), stop)

    return resources.memo("case_lexicon", build)
