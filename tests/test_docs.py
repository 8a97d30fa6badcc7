"""Documentation stays true: every CLI option and every error code is documented."""

from __future__ import annotations

import argparse
import re

from support import ROOT

from dateline.cli import build_parser
from dateline.config import CONFIG_ENV, KEYS, env_name

DOCS = ROOT / "docs"


def _options(parser: argparse.ArgumentParser, prefix: str = "dateline"):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield f"{prefix} {name}", None
                yield from _options(sub, f"{prefix} {name}")
        else:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    yield prefix, option


def test_every_cli_command_and_option_is_documented():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = []
    for command, option in _options(build_parser()):
        if option is None and f"`{command}" not in text:
            missing.append(command)
        if option is not None and f"`{option}" not in text:
            missing.append(f"{command} {option}")
    assert not missing, f"undocumented in docs/cli.md: {missing}"


def test_every_error_code_is_documented():
    used = set()
    for path in (ROOT / "src").rglob("*.py"):
        used |= set(re.findall(r'"(E\d{3})"', path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"`(E\d{3})`", (DOCS / "errors.md").read_text(encoding="utf-8")))
    assert used, "no error codes found"
    assert used <= documented, f"undocumented error codes: {sorted(used - documented)}"


def test_readme_starts_with_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, re.S)
    assert blocks[0].strip() == "./scripts/demo" and blocks[1].strip() == "./scripts/test"
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_environment_variable_is_documented():
    read = re.compile(
        r"""(?:environ(?:\.get|\.setdefault)?\(|environ\[|getenv\()\s*["'](DATELINE_[A-Z_]+)["']"""
    )
    used = {
        m.group(1) for path in (ROOT / "src").rglob("*.py") for m in read.finditer(path.read_text("utf-8"))
    }
    used |= {env_name(key) for key in KEYS} | {CONFIG_ENV}  # the config reads its options' variables
    assert {"DATELINE_CACHE", "DATELINE_ACTORS", "DATELINE_EMBED_THREADS"} <= used  # the pattern finds them
    table = (ROOT / "docs" / "cli.md").read_text("utf-8").split("## Environment variables", 1)[1]
    assert not {v for v in used if f"`{v}`" not in table}


def test_architecture_names_every_module_and_only_existing_ones():
    """docs/architecture.md is drawn from the code: each top-level module and package of
    src/dateline is named there, and each source path it names exists."""
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    src = ROOT / "src" / "dateline"
    named = set(re.findall(r"`([\w/]+(?:\.py|/))", text))
    missing = [
        p.name
        for p in sorted(src.iterdir())
        if (p.suffix == ".py" and p.name != "__init__.py" or p.is_dir() and (p / "__init__.py").exists())
        and not any(n == p.name or n.startswith(p.name + "/") or n == p.name + "/" for n in named)
    ]
    assert not missing, f"modules not in docs/architecture.md: {missing}"
    gone = []
    for name in named:
        package = name.split("/")[0] if "/" in name else None
        here = [src / name, ROOT / name] + ([src / package / name.split("/", 1)[1]] if package else [])
        inside = [d / name for d in src.iterdir() if d.is_dir()]
        if not any(p.exists() for p in here + inside) and not name.startswith(("data/", "web/", "tests/")):
            gone.append(name)
    assert not gone, f"docs/architecture.md names files that do not exist: {gone}"


def test_reliability_table_names_every_fuzz_kind_with_its_count(tmp_path):
    """docs/reliability.md's fuzz table: one row per kind of tests/fuzz_corpus.py, with the number of
    poison items the generator writes (the fuzz test checks the codes column)."""
    import fuzz_corpus

    text = (DOCS / "reliability.md").read_text(encoding="utf-8")
    rows = {kind: int(n) for kind, n in re.findall(r"^\| `(\w+)` \| (\d+) \|", text, re.M)}
    expected = {kind: fuzz_corpus.count(kind, tmp_path / kind) for kind in fuzz_corpus.KINDS}
    expected |= {kind: n * k for kind, (_, n, k) in fuzz_corpus.HYPOTHESIS_KINDS.items()}
    assert rows == expected
    assert sum(expected.values()) >= 10_000  # issue 14: at least 10,000 malformed items
    named = set(re.findall(r"\btests/[\w/]+\.py\b", text))
    assert {"tests/test_crash_resume.py", "tests/test_api_fuzz.py", "tests/test_fuzz_ingest.py"} <= named
    assert not [n for n in named if not (ROOT / n).exists()], "docs/reliability.md names missing tests"
