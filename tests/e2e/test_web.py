"""The map page in headless Chromium (web/e2e.mjs): filter, brush, open an event, see the evidence.

Skips, saying why, without node, web/node_modules (``cd web && npm ci``), Chromium (Debian's
``chromium``) or the built bundle (``npm run build``). Screenshots go to $DATELINE_SHOTS (default:
a temporary directory, printed)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from e2e_support import WEB, node_and_browser


def test_map_page_end_to_end(live_server: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    node, browser = node_and_browser()
    shots = os.environ.get("DATELINE_SHOTS") or str(tmp_path_factory.mktemp("shots"))
    env = {**os.environ, "BASE_URL": live_server, "SHOTS": shots, "CHROMIUM": browser,
           "MIN_EVENTS": os.environ.get("DATELINE_E2E_EVENTS", "50000")}  # fmt: skip
    proc = subprocess.run([node, "e2e.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300)
    print(proc.stdout, proc.stderr, f"screenshots: {shots}", sep="\n")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["ok"] and summary["events_loaded"] >= int(env["MIN_EVENTS"])
