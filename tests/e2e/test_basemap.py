"""The offline basemap in headless Chromium (web/e2e-basemap.mjs): a shared link restores the view, and
at country, district and village zoom the page draws admin-1 lines, rivers and place labels with no
request leaving the server.

Skips like test_web.py without node, web/node_modules or Chromium. Screenshots map-country.png,
map-district.png and map-village.png go to $DATELINE_SHOTS (docs/img to refresh the docs; default: a
temporary directory, printed)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import httpx
import pytest
from e2e_support import WEB, chromium


def test_basemap_at_three_zooms(live_server: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not (WEB / "node_modules" / "playwright-core").is_dir():
        pytest.skip("web/node_modules is missing: run (cd web && npm ci)")
    browser = chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (apt-get install chromium, or set CHROMIUM=/path)")
    # The first place query builds the gazetteer index when the cache has none (~1 min): do it here,
    # not while the page waits.
    warm = httpx.get(
        live_server + "basemap/places", params={"west": 0, "south": 0, "east": 1, "north": 1}, timeout=600
    )
    assert warm.status_code == 200, warm.text
    shots = os.environ.get("DATELINE_SHOTS") or str(tmp_path_factory.mktemp("shots"))
    env = {**os.environ, "BASE_URL": live_server, "SHOTS": shots, "CHROMIUM": browser}
    proc = subprocess.run(
        [node, "e2e-basemap.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300
    )
    print(proc.stdout, proc.stderr, f"screenshots: {shots}", sep="\n")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["ok"]
    assert summary["country"]["minPop"] > summary["village"]["minPop"]
