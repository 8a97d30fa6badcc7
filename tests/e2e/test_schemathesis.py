"""Schemathesis against the live server's OpenAPI document (bounded: a few examples per operation).

Every check runs except ``positive_data_acceptance``: some parameters are validated beyond what JSON
Schema can say (impossible calendar dates such as 2023-02-30, a bbox whose south edge is north of its
north edge, a ``next`` token the server never issued), and those get a documented 422."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_openapi_contract(live_server: str, tmp_path: Path) -> None:
    exe = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or shutil.which("schemathesis")
    if exe is None:
        pytest.skip("schemathesis is not installed (pip install schemathesis)")
    n = os.environ.get("DATELINE_SCHEMATHESIS_EXAMPLES", "10")
    cmd = [exe, "run", f"{live_server}openapi.json", "--max-examples", n, "--generation-deterministic",
           "--checks", "all", "--exclude-checks", "positive_data_acceptance", "--request-timeout", "30"]  # fmt: skip
    # run in a temporary directory: Schemathesis keeps a .schemathesis/ cache in its working directory
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    tail = "\n".join(proc.stdout.splitlines()[-40:])
    assert proc.returncode == 0, tail + proc.stderr
