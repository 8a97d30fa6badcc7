"""The offline basemap in headless Chromium (web/e2e-basemap.mjs): a shared link restores the view, and
at country, district and village zoom the page draws admin-1 lines, rivers and place labels with no
request leaving the server.

Skips like test_web.py without node, web/node_modules or Chromium. Screenshots map-country.png,
map-district.png and map-village.png go to $DATELINE_SHOTS (docs/img to refresh the docs; default: a
temporary directory, printed)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import httpx
import pytest
from e2e_support import WEB, node_and_browser, serve

from dateline.serve.app import STATIC


def test_basemap_at_three_zooms(live_server: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    node, browser = node_and_browser()
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


def test_configured_tiles_load_from_their_origin(live_server: str, e2e_db: Path) -> None:
    """A second server whose ``basemap_tiles`` points at the first one (another origin): the page's
    CSP must let those images in, and the page then leaves its own place labels out."""
    node, browser = node_and_browser()
    png = next((STATIC / "assets").glob("marker-icon-*.png")).name  # any image the first server has
    tiles = f"{live_server}static/assets/{png}?z={{z}}&x={{x}}&y={{y}}"
    with serve(e2e_db, tiles=tiles) as base:
        csp = httpx.get(base).headers["content-security-policy"]
        assert f"img-src 'self' data: {live_server.rstrip('/')}" in csp
        env = {**os.environ, "BASE_URL": base, "CHROMIUM": browser, "TILES": "1"}
        run = subprocess.run(
            [node, "e2e-basemap.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300
        )
        print(run.stdout, run.stderr, sep="\n")
        assert run.returncode == 0, run.stdout + run.stderr
        assert json.loads(run.stdout.strip().splitlines()[-1])["ok"]
