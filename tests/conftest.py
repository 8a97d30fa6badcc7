from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import SHARED, shared_resources  # noqa: E402


@pytest.fixture(scope="session")
def resources():
    """One Resources for the whole suite, so the models load once (tests that need another
    configuration build their own)."""
    return shared_resources()


@pytest.fixture(scope="session")
def nlp(resources):
    return resources.nlp


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (only present in the Dateline workplace)")
    return SHARED
