"""``dateline eval geo [FILE.xml...] [--given-names]``: geoparsing scores on gold corpora.

Reads the LGL/TR-News format (``<article><text>`` + ``<toponyms><toponym><phrase><start><end>
<gaztag geonameid><lat><lon>``) and the GeoVirus format (``<locations><location><name><start><end>
<lat><lon>``). Prints exact GeoNames-id share, accuracy@161 km, mean/median error, AUC (area under
the sorted log(1+km) error curve over log(20039), lower is better) and recognition P/R/F1.

Both modes score the code ``dateline extract`` runs. Recognise mode (the default) runs the
pipeline's place finder on each article: ``clean`` → ``annotate`` (spaCy with Dateline's entity
ruler) → ``extract.place_mentions.sentence_places`` on every sentence of every usable paragraph, then
``resolve.context.resolve_places`` (the pipeline's hints and facility rule over
``lookup.places.resolve_toponyms``). A predicted toponym is a place mention that resolves (an
entity the gazetteer does not know is no place to the pipeline); the distance metrics cover the gold
toponyms whose span was found exactly. Two differences from ``extract`` remain, both on purpose: every
sentence is scored, not only those that report an event, and "US" in "US forces" is not a place there
(it names an actor's country), so it is a miss here. ``--given-names`` resolves the gold spans with
``resolve_places`` (no relation or place-type hint from the parse); an unresolved gold toponym
counts as the maximum error (20,039 km). Each file prints its figures and then one machine-readable
line. Without FILE: the shared dev corpora when present, then the committed gold (printed last).
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..lookup.places import SHIPPED
from ..records import Article, Place
from .gold import default_paths, shared

if TYPE_CHECKING:
    from ..lookup.gazetteer import Gazetteer
    from ..resources import Resources

MAX_KM = 20039.0
TRAINING_CORPORA = ("TR-News.xml", "GeoVirus.xml")  # the shipped place ranker's training data


@dataclass
class Gold:
    start: int
    end: int
    name: str
    lat: float
    lon: float
    geonameid: int | None


def _f(el: ET.Element | None, tag: str) -> str | None:
    x = el.find(tag) if el is not None else None
    return x.text.strip() if x is not None and x.text else None


def read_corpus(path: str | Path) -> list[tuple[str, list[Gold]]]:
    """Articles as (text, gold toponyms with coordinates); toponyms without coordinates are skipped."""
    root = ET.parse(path).getroot()
    out: list[tuple[str, list[Gold]]] = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold: list[Gold] = []
        for t in art.iter("toponym"):
            gz = t.find("gaztag")
            lat, lon = _f(gz, "lat"), _f(gz, "lon")
            if lat is None or lon is None:
                continue
            gid = gz.get("geonameid") if gz is not None else None
            name = _f(t, "phrase") or ""
            gold.append(
                Gold(
                    int(_f(t, "start")),
                    int(_f(t, "end")),
                    name,
                    float(lat),
                    float(lon),
                    int(gid) if gid else None,
                )
            )
        for loc in art.iter("location"):
            lat, lon = _f(loc, "lat"), _f(loc, "lon")
            if lat is None or lon is None:
                continue
            gold.append(
                Gold(
                    int(_f(loc, "start")),
                    int(_f(loc, "end")),
                    _f(loc, "name") or "",
                    float(lat),
                    float(lon),
                    None,
                )
            )
        out.append((text, [_realign(text, g) for g in gold]))
    return out


def _realign(text: str, g: Gold) -> Gold:
    """Offsets drift in some corpora (counted with CR LF line ends, or off by one): move the span onto
    the nearest occurrence of its name within 300 characters."""
    if not g.name or text[g.start : g.end] == g.name:
        return g
    lo = max(0, g.start - 300)
    hits = [m.start() + lo for m in re.finditer(re.escape(g.name), text[lo : g.end + 300])]
    if not hits:
        return g
    s = min(hits, key=lambda h: abs(h - g.start))
    return Gold(s, s + len(g.name), g.name, g.lat, g.lon, g.geonameid)


def auc(errors_km: list[float]) -> float:
    """Area under the curve of sorted log(1+error), normalised by log(20039) (Gritta et al. 2018)."""
    if len(errors_km) < 2:
        return 0.0 if not errors_km else math.log1p(errors_km[0]) / math.log(MAX_KM)
    ys = sorted(math.log1p(min(e, MAX_KM)) for e in errors_km)
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False))
    return area / (math.log(MAX_KM) * (len(ys) - 1))


def found_places(texts: list[str], resources: Resources) -> Iterator[dict[tuple[int, int], Place]]:
    """For each text, the places the pipeline finds and resolves in it, keyed by (start, end)."""
    from ..annotate import annotate_many
    from ..clean import clean
    from ..extract.place_mentions import sentence_places
    from ..resolve.context import resolve_places

    kb, gaz = resources.kb, resources.gazetteer
    cleaned = (clean(Article(f"eval-geo-{i}", text)) for i, text in enumerate(texts))
    for annotated in annotate_many(cleaned, resources):
        mentions = [
            replace(p, start=p.start + segment.start, end=p.end + segment.start)
            for segment, doc in annotated.docs
            for sent in doc.sents
            for p in sentence_places(sent, kb, gaz)
        ]
        yield resolve_places(annotated.cleaned.article.text, mentions, gaz)


def given_places(
    text: str, gold: list[Gold], gaz: Gazetteer, ranker: Any = SHIPPED
) -> dict[tuple[int, int], Place | None]:
    """The gold spans resolved together by the pipeline's resolver (None: not resolved)."""
    from ..extract.place_mentions import PlaceMention
    from ..resolve.context import resolve_places

    mentions = [PlaceMention(g.start, g.end, text[g.start : g.end], "other") for g in gold]
    found = resolve_places(text, mentions, gaz, ranker)
    return {(g.start, g.end): found.get((g.start, g.end)) for g in gold}


def main(argv: list[str], resources: Resources | None = None) -> int:
    ap = argparse.ArgumentParser(prog="dateline eval geo", description=__doc__.splitlines()[0])
    ap.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="LGL/TR-News or GeoVirus XML (default: ../shared TR-News and GeoVirus when present, "
        "then the committed gold)",
    )
    ap.add_argument("--given-names", action="store_true", help="resolve the gold spans only")
    ap.add_argument(
        "--cv",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="print last the place ranker's article-grouped cross-validated and leave-one-corpus-out"
        " acc@161 on the shared TR-News and GeoVirus (default: on when no FILE is given)",
    )
    args = ap.parse_args(argv)
    files = args.files or default_paths("geo", "*.xml", "geo/TR-News.xml", "geo/GeoVirus.xml")
    if not files:
        print("no geo gold files given or found")
        return 1
    from ..resources import default_resources

    resources = default_resources(resources)
    for path in files:
        score(path, args.given_names, resources)
    training = shared(*(f"geo/{n}" for n in TRAINING_CORPORA))
    if args.cv or (args.cv is None and not args.files):
        if len(training) < len(TRAINING_CORPORA):
            print("cross-validation needs the shared TR-News and GeoVirus (../shared/data/geo)")
            return 0 if args.cv is None else 1
        from .geo_cv import print_cv

        print_cv(training, resources.gazetteer)
    return 0


def score(path: Path, given_names: bool, resources: Resources) -> None:
    """Score one corpus and print its figures; the last line is machine-readable."""
    from ..lookup.places import distance_km

    corpus = read_corpus(path)
    errors: list[float] = []
    exact = with_id = tp = n_pred = n_gold = 0
    t0 = time.perf_counter()
    found = None if given_names else found_places([text for text, _ in corpus], resources)
    for text, gold in corpus:
        n_gold += len(gold)
        by_span = given_places(text, gold, resources.gazetteer) if found is None else next(found)
        n_pred += len(by_span)
        for g in gold:
            if (g.start, g.end) not in by_span:
                continue
            tp += 1
            p = by_span[(g.start, g.end)]
            errors.append(distance_km((g.lat, g.lon), (p.latitude, p.longitude)) if p else MAX_KM)
            if g.geonameid is not None:
                with_id += 1
                exact += int(p is not None and p.geonameid == g.geonameid)
    secs = time.perf_counter() - t0
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    acc = sum(e < 161 for e in errors) / len(errors) if errors else 0.0
    # a scored toponym left unresolved (no candidate, or the resolver declined): the coverage gap
    unresolved = sum(e >= MAX_KM for e in errors) / len(errors) if errors else 0.0
    ex = exact / with_id if with_id else float("nan")
    print(f"file: {path}  mode: {'given names' if given_names else 'pipeline places (recognise + resolve)'}")
    if path.name in TRAINING_CORPORA:
        print(
            "IN-SAMPLE: the shipped place choice was trained or tuned on this corpus (see --cv for"
            " held-out figures)"
        )
    print(
        f"articles {len(corpus)}  gold toponyms {n_gold}  predicted {n_pred}  scored {len(errors)}"
        f"  time {secs:.1f}s"
    )
    print(f"recognition  P {prec:.3f}  R {rec:.3f}  F1 {f1:.3f}")
    if errors:
        print(
            f"exact GeoNames id {ex:.3f} (of {with_id})  acc@161 {acc:.3f}"
            f"  mean {statistics.mean(errors):.0f} km  median {statistics.median(errors):.0f} km"
            f"  AUC {auc(errors):.3f}  unresolved {unresolved:.3f}"
        )
    print(f"acc161={acc:.3f} exact={ex:.3f} auc={auc(errors):.3f} f1={f1:.3f}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
