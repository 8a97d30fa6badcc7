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
from .nlp import RULER_NAME, add_entity_ruler, keep_text, place_patterns  # noqa: F401 - built in nlp.py, named here too
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
    an :class:`AnnotationFailure` and the stream goes on.

    Consecutive articles share one ``nlp.pipe`` call until they hold ``batch_size`` paragraphs:
    one call per article fed spaCy batches of ~3 paragraphs and cost 3.3x the time on 300 real
    and synthetic reports (bench/bench_scale.py), with byte-identical docs (each paragraph is
    its own Doc, and spaCy's results do not depend on a doc's batch-mates)."""
    resources = default_resources(resources)
    nlp = resources.nlp
    batch_size = batch_size or resources.config.spacy_batch_size
    identifier = resources.memo(MEMO_KEY, lambda: load_identifier(resources.config.cache_dir))
    group: list[_Prepared] = []
    for cleaned in items:
        group.append(_prepare(cleaned, resources, identifier))
        if sum(len(p.texts) for p in group) >= batch_size:
            yield from _annotate_group(group, nlp, batch_size)
            group = []
    yield from _annotate_group(group, nlp, batch_size)


@dataclass
class _Prepared:
    """An article before spaCy: the texts to parse (truecased when lower-cased), the place
    spans truecasing found, or why it is not parsed (a Drop or the error raised)."""

    cleaned: Cleaned
    segments: list[Segment] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    places: list[list[tuple[int, int]]] = field(default_factory=list)
    truecased: bool = False
    drop: Drop | None = None
    error: Exception | None = None


def _prepare(cleaned: Cleaned, resources: Resources, identifier) -> _Prepared:
    try:
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
            return _Prepared(cleaned, drop=drop)
        lowered = mostly_lower(prose)
        places: list[list[tuple[int, int]]] = [[] for _ in texts]
        if lowered:
            lexicon = case_lexicon(resources)
            texts = [truecase(t, lexicon, found) for t, found in zip(texts, places, strict=True)]
        return _Prepared(cleaned, segments, texts, places, lowered)
    except Exception as exc:  # noqa: BLE001 - one article's failure must not end the run
        # anything raised for this article (language identification, truecasing) is its problem
        return _Prepared(cleaned, error=exc)


def _parse(nlp, texts: list[str], batch_size: int) -> list:
    """spaCy's Docs of ``texts``, each keeping the text it was made from (``nlp.keep_text``)."""
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    for doc, text in zip(docs, texts, strict=True):
        keep_text(doc, text)
    return docs


def _annotate_group(group: list[_Prepared], nlp, batch_size: int) -> Iterator[Annotated | AnnotationFailure]:
    """The group's articles in order, their paragraphs parsed in one ``nlp.pipe`` call; when
    that call raises, again one article at a time, so that only the article at fault fails."""
    texts = [t for p in group if p.drop is None and p.error is None for t in p.texts]
    try:
        docs = _parse(nlp, texts, batch_size) if texts else []
    except Exception:  # noqa: BLE001 - found again below, article by article
        docs = None
    position = 0
    for prep in group:
        if prep.error is not None:
            yield AnnotationFailure(prep.cleaned, prep.error)
            continue
        if prep.drop is not None:
            yield Annotated(prep.cleaned, [], drops=[prep.drop])
            continue
        try:
            if docs is not None:
                own = docs[position : position + len(prep.texts)]
                position += len(prep.texts)
            else:
                own = _parse(nlp, prep.texts, batch_size)
            for doc, found in zip(own, prep.places, strict=True):
                if found:
                    label_places(doc, found)
        except Exception as exc:  # noqa: BLE001 - spaCy or relabelling: this article's problem
            yield AnnotationFailure(prep.cleaned, exc)
            continue
        yield Annotated(prep.cleaned, list(zip(prep.segments, own, strict=True)), truecased=prep.truecased)


def case_lexicon(resources: Resources) -> CaseLexicon:
    """The names ``truecase`` restores, built once per ``Resources`` (knowledge base, gazetteer
    and the model's English word list)."""

    def build() -> CaseLexicon:
        nlp = resources.nlp
        stop = frozenset(w.lower() for w in nlp.Defaults.stop_words)
        return build_lexicon(resources.kb, resources.gazetteer, common_words(nlp), stop)

    return resources.memo("case_lexicon", build)
