from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import SHARED  # noqa: E402


@pytest.fixture(scope="session")
def nlp():
    from dateline.annotate import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (only present in the Dateline workplace)")
    return SHARED
