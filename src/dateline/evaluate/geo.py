"""``dateline eval geo FILE.xml [--given-names] [--demonyms]``: geoparsing scores on a gold corpus.

Reads the LGL/TR-News format (``<article><text>`` + ``<toponyms><toponym><phrase><start><end>
<gaztag geonameid><lat><lon>``) and the GeoVirus format (``<locations><location><name><start><end>
<lat><lon>``). Prints exact GeoNames-id share, accuracy@161 km, mean/median error, AUC (area under
the sorted log(1+km) error curve over log(20039), lower is better) and recognition P/R/F1. With
``--given-names`` the gold spans are resolved; otherwise toponyms are recognised first and the
distance metrics cover the gold toponyms whose span was found exactly. Unresolved gold toponyms count
as the maximum error (20,039 km). The last line is machine-readable.
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

MAX_KM = 20039.0


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


def main(argv: list[str], resources=None) -> int:
    ap = argparse.ArgumentParser(prog="dateline eval geo", description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--given-names", action="store_true", help="resolve the gold spans only")
    ap.add_argument("--demonyms", action="store_true", help="recognise demonyms as their country")
    args = ap.parse_args(argv)
    from ..resolve.places import _km, recognize_toponyms, resolve_toponyms
    from ..resources import default_resources

    resources = default_resources(resources)

    corpus = read_corpus(args.file)
    errors: list[float] = []
    exact = with_id = tp = n_pred = n_gold = 0
    t0 = time.perf_counter()
    docs = None
    if not args.given_names:
        from ..nlp import load_nlp

        docs = load_nlp().pipe(text for text, _ in corpus)
    for text, gold in corpus:
        n_gold += len(gold)
        if docs is None:
            mentions = [
                {"start": g.start, "end": g.end, "text": text[g.start : g.end], "hint": None} for g in gold
            ]
        else:
            mentions = recognize_toponyms(next(docs), demonyms=args.demonyms, resources=resources)
        n_pred += len(mentions)
        places = resolve_toponyms(text, mentions, resources.gazetteer)
        by_span = {(m["start"], m["end"]): p for m, p in zip(mentions, places, strict=True)}
        for g in gold:
            if (g.start, g.end) not in by_span:
                continue
            tp += 1
            p = by_span[(g.start, g.end)]
            errors.append(_km((g.lat, g.lon), (p.latitude, p.longitude)) if p else MAX_KM)
            if g.geonameid is not None:
                with_id += 1
                exact += int(p is not None and p.geonameid == g.geonameid)
    secs = time.perf_counter() - t0
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    acc = sum(e < 161 for e in errors) / len(errors) if errors else 0.0
    ex = exact / with_id if with_id else float("nan")
    print(f"file: {args.file}  mode: {'given names' if args.given_names else 'recognise + resolve'}")
    print(
        f"articles {len(corpus)}  gold toponyms {n_gold}  predicted {n_pred}  scored {len(errors)}"
        f"  time {secs:.1f}s"
    )
    print(f"recognition  P {prec:.3f}  R {rec:.3f}  F1 {f1:.3f}")
    if errors:
        print(
            f"exact GeoNames id {ex:.3f} (of {with_id})  acc@161 {acc:.3f}"
            f"  mean {statistics.mean(errors):.0f} km  median {statistics.median(errors):.0f} km"
            f"  AUC {auc(errors):.3f}"
        )
    print(f"acc161={acc:.3f} exact={ex:.3f} auc={auc(errors):.3f} f1={f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
