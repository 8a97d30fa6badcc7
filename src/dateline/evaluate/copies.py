"""``dateline eval copies [DIR]``: pair precision and recall of near-copy detection
(``dateline.copies``, what ``dateline ingest`` runs) on a gold of reports and their copy pairs.

``DIR`` (default: the committed ``tests/resources/gold/dedup``) holds the reports as JSON Lines
(``*.jsonl``: ``id``, ``url``, ``title``, ``published``, ``publisher``, ``text``, read as
``dateline ingest`` reads a record) and ``clusters.json``: incidents (a list, or under
``incidents``), each with its report ids (``reports``), the pairs of reports that are copies of one
another (``copy_pairs``, or ``copies``: ``[id, id]`` pairs) and optionally
``"split": "locked"`` (held out: its errors are never listed).

Reports are taken in publication order (then id), as a feed brings them, through one
``CopyIndex``. Pairs are unordered and scored after closure: reports linked by copy pairs form a
group, and every two reports of a group are a pair (gold and found alike), so which one of a
syndicated trio is "the" original does not matter. Beside it, the baseline: the same bodies
(whitespace and case folded) and nothing else. Dev figures first, the locked split last, each as
a JSON line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

from ..config import Config, load_config
from ..copies import CopyIndex, body
from ..read.jsonl import read_record
from ..records import Article
from .gold import committed

Pair = frozenset[str]


def closure(links: Iterable[tuple[str, str]]) -> set[Pair]:
    """Every unordered pair of ids within the groups the links join (union-find)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for x in list(parent):
        groups.setdefault(root(x), []).append(x)
    return {frozenset(p) for g in groups.values() for p in combinations(sorted(g), 2)}


def _pairs(incident: dict[str, Any]) -> list[tuple[str, str]]:
    raw = incident.get("copies", incident.get("copy_pairs")) or []
    out = []
    for pair in raw:
        ids = list(pair.values()) if isinstance(pair, dict) else list(pair)
        if len(ids) >= 2:
            out.append((str(ids[0]), str(ids[1])))
    return out


def load(folder: Path) -> tuple[dict[str, Article], dict[str, str], list[tuple[str, str]]]:
    """The gold: report id → article, report id → split, and the gold copy pairs."""
    articles: dict[str, Article] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                record = json.loads(line)
                articles[str(record["id"])] = read_record(record, f"{path.name}:{n}")
    data = json.loads((folder / "clusters.json").read_text(encoding="utf-8"))
    incidents = data.get("incidents", data.get("clusters", [])) if isinstance(data, dict) else data
    split: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    for incident in incidents:
        which = "locked" if incident.get("split") == "locked" else "dev"
        for rid in incident.get("reports") or []:
            split[str(rid)] = which
        pairs += _pairs(incident)
    return articles, split, pairs


def detect(articles: dict[str, Article], config: Config) -> tuple[list[tuple[str, str]], dict[Pair, float]]:
    """The (copy, original) links found in publication order, and each link's estimate."""
    index = CopyIndex(config)
    links, estimates = [], {}
    for rid in sorted(articles, key=lambda r: (articles[r].published or "", r)):
        sig = index.hasher.signature(articles[rid])
        if sig is None:
            continue
        match = index.find(rid, sig)
        if match is None:
            index.add(rid, sig)
        else:
            links.append((rid, match.original))
            estimates[frozenset((rid, match.original))] = match.jaccard
    return links, estimates


def baseline(articles: dict[str, Article]) -> list[tuple[str, str]]:
    """Exact copies only: the same folded body."""
    first: dict[str, str] = {}
    links = []
    for rid, article in sorted(articles.items()):
        key = re.sub(r"\s+", " ", body(article).lower()).strip()
        if key in first:
            links.append((rid, first[key]))
        else:
            first[key] = rid
    return links


def score(gold: set[Pair], found: set[Pair]) -> dict[str, float]:
    tp = len(gold & found)
    p = tp / len(found) if found else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"pairs": len(gold), "found": len(found), "tp": tp, "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(f, 4)}  # fmt: skip


def main(argv: list[str], resources=None) -> int:
    ap = argparse.ArgumentParser(prog="dateline eval copies", description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, help="default: tests/resources/gold/dedup")
    ap.add_argument("--explain", action="store_true", help="list wrong pairs (dev split only)")
    args = ap.parse_args(argv)
    found_gold = committed("dedup", "clusters.json")
    folder = args.folder or (found_gold[0].parent if found_gold else None)
    if folder is None or not (folder / "clusters.json").is_file():
        print("no copies gold given or found (tests/resources/gold/dedup/clusters.json)", file=sys.stderr)
        return 2
    config = resources.config if resources is not None else load_config()
    articles, split_of, gold_links = load(folder)
    for split in ("dev", "locked"):
        ids = {r for r in articles if split_of.get(r, "dev") == split}
        if not ids:
            continue
        these = {r: articles[r] for r in ids}
        gold = {p for p in closure(gold_links) if p <= ids}
        links, estimates = detect(these, config)
        found = closure(links)
        held = " (HELD OUT: never read for errors)" if split == "locked" else ""
        print(f"== split {split}{held}: {len(ids)} reports, {len(gold)} gold copy pairs")
        base = score(gold, closure(baseline(these)))
        print(f"   exact-body baseline: P {base['precision']:.3f} R {base['recall']:.3f} F1 {base['f1']:.3f}")
        ours = score(gold, found)
        print(
            f"   Dateline (MinHash/LSH): P {ours['precision']:.3f} R {ours['recall']:.3f} F1 {ours['f1']:.3f}"
        )
        if args.explain and split == "dev":
            for pair in sorted(found - gold, key=sorted):
                print(
                    f"   false copy: {' ~ '.join(sorted(pair))} (estimate {estimates.get(pair, float('nan')):.2f})"
                )
            for pair in sorted(gold - found, key=sorted):
                print(f"   missed copy: {' ~ '.join(sorted(pair))}")
        print(json.dumps({"split": split, **ours, "baseline_f1": base["f1"]}, sort_keys=True))
    return 0
