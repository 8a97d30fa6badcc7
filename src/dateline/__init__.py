"""Dateline: news reports to sourced event records. ``dateline.load(db, **filters)`` gives the
stored events as a pandas DataFrame (``frame.load``); it is imported on first use, so importing
``dateline`` loads neither pandas nor the models."""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "load"]


def __getattr__(name: str) -> Any:
    if name == "load":
        # the one upward reference of the base package, made on first use only (the output layer's
        # frame.py: pandas, the store); tests/test_export_acled.py checks `import dateline` stays light
        return importlib.import_module(".frame", __name__).load
    raise AttributeError(f"module 'dateline' has no attribute {name!r}")
