"""MEANTIME's cross-document event coreference as a dev set for merging across articles
(``dateline eval dedup --corpus meantime``; docs/across.md, "MEANTIME").

MEANTIME (../shared/data/time/meantime-en/intra_cross-doc_annotation: 120 Wikinews articles in four
topics, CAT XML) marks event mentions on tokens (``EVENT_MENTION``), and links each, by
``REFERS_TO``, to an event instance (``EVENT`` with an ``instance_id`` shared across documents).
Most of its events (sales, orders, product launches) are not Dateline events. The protocol:

* a **gold mention** is an ``EVENT_MENTION`` whose instance is told by at least two documents (a
  cross-document chain);
* every article runs through the pipeline (text rebuilt from the tokens, the DCT as publication
  date); a Dateline event is **in scope** when its evidence overlaps a gold mention's tokens; it
  takes the instance of the first such mention (in text order);
* the in-scope events are stored in publication order with Dateline's rules; the key partition
  groups them by gold instance, the response by stored event (after merges); scored with B-cubed and
  the CoNLL F1 (``evaluate/coref.py``). Printed first: how many chains there are, and how many have
  a mention coded by Dateline (in scope).

MEANTIME is held out for the time task only (no date tuning on it); as a merging dev set it is
allowed, and its figures are dev figures.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import Article
from .coref import b_cubed, conll, partition
from .gold import shared
from .timeml import cat_tokens

FOLDER = "time/meantime-en/intra_cross-doc_annotation"


@dataclass
class Doc:
    """One MEANTIME article: its text (tokens joined), DCT and its mentions of event instances."""

    doc_id: str
    topic: str
    text: str
    dct: str | None
    url: str | None
    # (start, end, instance_id) of every event mention linked to an instance
    mentions: list[tuple[int, int, str]] = field(default_factory=list)


def read_doc(path: Path) -> Doc:
    """A CAT file as a ``Doc``: tokens joined by spaces, sentences by newlines (timeml.read_cat's
    convention), mention spans from their token anchors, instances through ``REFERS_TO``."""
    root = ET.parse(path).getroot()
    text, spans, _, _ = cat_tokens(root)
    markables = root.find("Markables")
    where: dict[str, tuple[int, int]] = {}
    instance: dict[str, str] = {}
    dct = None
    for el in markables if markables is not None else []:
        anchors = [spans[a.get("t_id", "")] for a in el.iter("token_anchor") if a.get("t_id") in spans]
        if el.tag == "EVENT_MENTION" and anchors:
            where[el.get("m_id", "")] = (min(a[0] for a in anchors), max(a[1] for a in anchors))
        elif el.tag == "EVENT" and el.get("instance_id"):
            instance[el.get("m_id", "")] = el.get("instance_id", "")
        elif el.tag == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME":
            dct = el.get("value")
    doc = Doc(root.get("doc_id") or path.stem, path.parent.name.removeprefix("corpus_"), text,
              dct, root.get("url"))  # fmt: skip
    for ref in root.iter("REFERS_TO"):
        target = ref.find("target")
        inst = instance.get(target.get("m_id", "") if target is not None else "")
        if inst is None:
            continue
        for src in ref.iter("source"):
            if src.get("m_id") in where:
                doc.mentions.append((*where[src.get("m_id", "")], inst))
    doc.mentions.sort()
    return doc


def load(folder: Path | None = None) -> list[Doc]:
    """Every article of the cross-document part (``folder`` or ../shared's), by topic and id; []
    when absent."""
    if folder is None:
        found = shared(FOLDER)
        folder = found[0] if found else None
    if folder is None or not folder.is_dir():
        return []
    return [read_doc(p) for p in sorted(folder.glob("*/*.xml"))]


def chains(docs: list[Doc]) -> dict[str, set[str]]:
    """Instance id → the documents mentioning it, for instances told by two documents or more."""
    told: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        for _, _, inst in d.mentions:
            told[inst].add(d.doc_id)
    return {i: ds for i, ds in told.items() if len(ds) > 1}


def article(doc: Doc) -> Article:
    """The article Dateline reads: the rebuilt text, published on the DCT."""
    return Article(article_id=f"meantime-{doc.doc_id}", text=doc.text, title=doc.text.split("\n", 1)[0],
                   published=doc.dct, url=doc.url, input_format="text")  # fmt: skip


def instance_of(evidence: list[dict], doc: Doc, cross: dict[str, set[str]]) -> str | None:
    """The cross-document instance a Dateline event's evidence overlaps (first mention in text
    order), or None: the event is out of scope."""
    for start, end, inst in doc.mentions:
        if inst in cross and any(e["start"] < end and start < e["end"] for e in evidence):
            return inst
    return None


def system_events(docs: list[Doc], resources: Any, db: Path) -> list[tuple[str, str, str]]:
    """(instance, Dateline event id, stored event id after merges) of every in-scope event, the
    articles stored in publication order (DCT) with Dateline's rules."""
    from .. import pipeline
    from ..ingest import open_store

    cross = chains(docs)
    order = sorted(docs, key=lambda d: (d.dct or "", d.doc_id))
    scoped: list[tuple[str, str]] = []
    with open_store(db, kb=resources.kb, config=resources.config) as store:
        results = pipeline.process_many([article(d) for d in order], resources)
        for doc, result in zip(order, results, strict=True):
            store.add_result(result)
            for ev in result.events:
                inst = instance_of([e.to_dict() for e in ev.evidence], doc, cross)
                if inst is not None:
                    scoped.append((inst, ev.event_id))
        return [(inst, eid, (store.event(eid) or {}).get("event_id", eid)) for inst, eid in scoped]


def score(docs: list[Doc], resources: Any, db: Path) -> dict[str, float]:
    """The protocol's figures (module doc): chains, chains in scope, B-cubed and CoNLL over the
    in-scope events."""
    cross = chains(docs)
    found = system_events(docs, resources, db)
    key = partition((eid, inst) for inst, eid, _ in found)
    response = partition((eid, stored) for _, eid, stored in found)
    s = conll(key, response) if found else {"conll_f1": 0.0, "muc": (0, 0, 0), "ceafe": (0, 0, 0)}
    p, r, f = b_cubed(key, response) if found else (0.0, 0.0, 0.0)
    return {"docs": len(docs), "chains": len(cross), "chain_mentions": sum(len(v) for v in cross.values()),
            "chains_in_scope": len({i for i, _, _ in found}),
            "chains_in_scope_2": sum(1 for c in key if len(c) > 1), "events_in_scope": len(found),
            "b3_p": p, "b3_r": r, "b3_f1": f, "conll_f1": float(s["conll_f1"])}  # type: ignore[arg-type]  # fmt: skip


def report(figures: dict[str, float]) -> str:
    """One line: the scope first (the figure means little when few chains are in scope)."""
    return (f"MEANTIME (dev for merging): {figures['docs']} articles, {figures['chains']} cross-document "
            f"event chains ({figures['chain_mentions']} article mentions); in scope (a Dateline event on a "
            f"chain's mention): {figures['chains_in_scope']} chains, {figures['chains_in_scope_2']} with "
            f"events from two articles or more, {figures['events_in_scope']} events | B3 P "
            f"{figures['b3_p']:.3f} R {figures['b3_r']:.3f} F1 {figures['b3_f1']:.3f} | CoNLL F1 "
            f"{figures['conll_f1']:.3f}")  # fmt: skip
