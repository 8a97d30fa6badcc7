"""Gold toponyms of a geo corpus with no right candidate (issue 15), by class, on the READ half only.

An article is identified by its ``<source>`` URL (GeoVirus) or ``<docid>`` (TR-News), else its
index in the file; READ is ``int(sha1(id)[0], 16) % 2 == 0``, CHECK the rest. For READ it lists
each gold toponym none of whose candidates is right (the gold GeoNames id, or within 161 km, as
``evaluate/geo_cv.py`` counts it) with what was generated, and counts them by class; for CHECK it
prints only the aggregate candidate recall.

    PYTHONPATH=src DATELINE_CACHE=... python scripts/geo_candidate_misses.py ../shared/data/geo/GeoVirus.xml
"""

from __future__ import annotations

import argparse
import sqlite3
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from eval_halves import half  # the READ/CHECK rule of the other scripts (scripts/ is on the path)

from dateline.config import load_config
from dateline.evaluate.geo import read_corpus
from dateline.evaluate.geo_cv import _right
from dateline.lookup.gazetteer import fold, open_gazetteer
from dateline.lookup.places import distance_km, rule_tables

AREA_KINDS = ("country", "admin1", "admin2", "region")


def article_ids(path: Path) -> list[str]:
    """Each article's id in file order (the order ``read_corpus`` returns them)."""
    out = []
    for i, art in enumerate(ET.parse(path).getroot().iter("article")):
        ident = (art.findtext("source") or art.get("docid") or art.findtext("docid") or "").strip()
        out.append(ident or str(i))
    return out


def near_index(db: sqlite3.Connection, lat: float, lon: float) -> list[tuple[str, str, int, float]]:
    """Index entries within 161 km of the gold point, areas first then by population."""
    rows = db.execute(
        "SELECT name, kind, population, lat, lon FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
        (lat - 1.5, lat + 1.5, lon - 3.0, lon + 3.0),
    ).fetchall()
    near = [(n, k, p, distance_km((lat, lon), (a, b))) for n, k, p, a, b in rows]
    near = [r for r in near if r[3] < 161]
    return sorted(near, key=lambda r: (r[1] not in AREA_KINDS, -r[2]))


def classify(span: str, cands: list, gaz) -> str:
    f = fold(span)
    if f.startswith("the ") or span.endswith(("'s", "’s")):
        return "span shape (the / possessive)"
    if gaz.demonym_country(span) and not any(s >= 0.95 for _, s in cands):
        return "span shape (demonym)"
    exact_area = [e for e, s in cands if s >= 0.95 and e.kind in AREA_KINDS]
    if exact_area:
        return f"area named, its point another convention ({exact_area[0].kind})"
    if not cands:
        return "no candidate at all"
    return "only other places generated"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--quiet", action="store_true", help="aggregate figures only")
    args = ap.parse_args()
    gaz = open_gazetteer(Path(load_config().cache).expanduser())
    db = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    ids = article_ids(args.corpus)
    arts = read_corpus(args.corpus)
    assert len(ids) == len(arts)
    total: Counter[str] = Counter()
    covered: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    for ident, (text, gold) in zip(ids, arts, strict=True):
        h = half(ident)
        mentions = [
            {"start": g.start, "end": g.end, "text": text[g.start : g.end], "hint": None} for g in gold
        ]
        tables = rule_tables(text, mentions, gaz)
        for key, idx in tables.groups.items():
            rows = [(r[0], r[1]) for r in tables.scored.get(key, {}).values()]
            # the name's candidates with their name-match score, as the resolver looked them up
            cands = list(gaz.lookup(text[gold[idx[0]].start : gold[idx[0]].end]))
            for i in idx:
                g = gold[i]
                total[h] += 1
                if any(_right(e, g) for e, _ in rows):
                    covered[h] += 1
                    continue
                if h != "READ":
                    continue
                span = text[g.start : g.end]
                cls = classify(span, cands, gaz)
                classes[cls] += 1
                if args.quiet:
                    continue
                gen = ", ".join(
                    f"{e.name}/{e.kind}/{e.cc}@{distance_km((g.lat, g.lon), (e.lat, e.lon)):.0f}km"
                    for e, _ in sorted(rows, key=lambda r: -r[1])[:4]
                )
                near = near_index(db, g.lat, g.lon)[:3]
                print(f"[{cls}] {span!r} gold={g.name!r} ({g.lat:.2f},{g.lon:.2f}) gen=[{gen}]")
                print(f"      near gold: {[(n, k, round(d)) for n, k, _, d in near]}")
    for h in ("READ", "CHECK"):
        print(
            f"{args.corpus.stem} {h}: candidate recall {covered[h] / max(1, total[h]):.3f} ({total[h]} toponyms)"
        )
    allc = sum(covered.values()) / max(1, sum(total.values()))
    print(f"{args.corpus.stem} all: candidate recall {allc:.3f} ({sum(total.values())})")
    for cls, n in classes.most_common():
        print(f"  READ misses: {n:4d}  {cls}")


if __name__ == "__main__":
    main()
