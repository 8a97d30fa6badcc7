"""The floor plan, checked: stages import in one direction, the store imports no stage, and no
module grows past ~400 lines.

Every module of ``src/dateline`` is placed in a layer (``LAYERS``); a module may import its own
layer or lower ones, and the store only base modules (``ONLY``). Imports are read with ``ast``
from the source, not by importing it: ``import x`` and ``from x import y``, relative ones
resolved, wherever they are (a lazy import inside a function is a dependency all the same).
"""

from __future__ import annotations

import ast
from pathlib import Path

import dateline

ROOT = Path(dateline.__file__).parent  # src/dateline
MAX_LINES = 400

# Module prefix (without ``dateline.``) → layer, lowest first. The longest matching prefix
# places a module; "" is the package's own ``__init__`` and matches only itself.
LAYERS: dict[str, int] = {
    # 0 base: records, errors, plain data and tables, configuration
    "": 0,
    "records": 0,
    "errors": 0,
    "numbers": 0,
    "config": 0,
    "countries": 0,
    "regions": 0,  # ACLED regions and inter categories, for the filters and the export
    # 1 lookup services, used by several stages (and by serve / evaluate)
    "nlp": 1,
    "language": 1,  # language identification (py3langid), used by annotate
    "resources": 1,
    "lookup": 1,  # gazetteer, places (toponym resolution), actors (knowledge base)
    "lookup.place_text": 1,  # what the text says around a place name (hints, containers, focus)
    "lookup.place_rank": 1,  # the learned choice among a name's gazetteer candidates
    # 2–8 the pipeline's stages, in the order they run
    "read": 2,
    "copies": 2,  # near-duplicate articles (MinHash/LSH over bodies), looked for before extraction
    "clean": 3,
    "annotate": 4,
    "truecase": 4,  # case restoration of lower-cased scrapes, for annotation only
    "relevance": 4,  # the relevance gate: articles that cannot hold an event are not annotated
    "extract": 5,
    "resolve": 6,  # the stage: resolve.context (where and when of each mention), resolve.dates
    "resolve.event_place": 6,  # the learned article-level choice of an event's place
    "merge": 7,
    "merge.across": 7,  # one event across articles: blocking, the match decision, the merged record
    "merge.across_words": 7,  # what reports' words say for merging: places named, revised tolls
    "claims": 7,  # links claims across events, after merging
    "pipeline": 8,
    "engines": 8,  # the Dask engine: pipeline.process_shard on a Dask cluster
    # 9 the store: knows records and base modules only (see ONLY)
    "store": 9,
    # 10 what uses the store and the pipeline's output
    "ingest": 10,  # the rules for storing results (merge, claim superseding): above the store
    "export": 10,
    "frame": 10,  # typed tables of the export columns: Parquet, DataFrames (dateline.load)
    "serve": 10,
    "serve.basemap": 10,  # the map page's place labels (from the gazetteer) and optional tile URL
    "copy_library": 10,  # ingest's index of stored originals (copies over the store)
    "explain": 10,  # what the pipeline found, coded and dropped in an article (dateline explain)
    # 11 evaluations, 12 the command line
    "evaluate": 11,
    "cli": 12,
    "cli_options": 12,  # the query commands' options, terminal-safe printing
    "cli_run": 12,  # reading and processing with a guard per item; ingest storing as it goes
}

# Layers that may import only the listed layers (besides their own).
ONLY: dict[int, set[int]] = {9: {0}}


def module_name(path: Path) -> str:
    """``resolve/dates/tagger.py`` → ``resolve.dates.tagger``; a package's ``__init__`` is the package."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def layer_of(name: str) -> int | None:
    """The layer of a module (or of a name inside one), by the longest prefix in ``LAYERS``."""
    if name == "":
        return LAYERS[""]
    parts = name.split(".")
    for k in range(len(parts), 0, -1):
        prefix = ".".join(parts[:k])
        if prefix in LAYERS and prefix:
            return LAYERS[prefix]
    return None


def _local(module: str) -> str | None:
    """``dateline.x.y`` → ``x.y``, ``dateline`` → ``""``; None for a module outside the package."""
    if module == "dateline":
        return ""
    return module.removeprefix("dateline.") if module.startswith("dateline.") else None


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The ``dateline`` modules ``name`` imports anywhere in its source (names as in ``LAYERS``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(t for a in node.names if (t := _local(a.name)) is not None)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: up (level - 1) packages from the importer's package
                base = package.split(".") if package else []
                base = base[: len(base) - (node.level - 1)]
                mod: str | None = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = _local(node.module or "")
            if mod is None:
                continue
            for a in node.names:  # ``from . import x`` imports the module ``x`` when there is one
                sub = f"{mod}.{a.name}" if mod else a.name
                found.add(sub if sub in known else mod)
    return found


def violations() -> dict[tuple[str, str], str]:
    """Every import that goes up a layer (or out of an ``ONLY`` set): (importer, imported) → message."""
    mods = modules()
    known = set(mods)
    out: dict[tuple[str, str], str] = {}
    for name, path in mods.items():
        src = layer_of(name)
        if src is None:
            continue  # reported by test_every_module_has_a_layer
        for target in sorted(imports_of(name, path, known)):
            dst = layer_of(target)
            if dst is None or dst == src:
                continue
            if dst > src or (src in ONLY and dst not in ONLY[src]):
                out[(name, target)] = f"{name or 'dateline'} imports {target} (layer {src} → {dst})"
    return out


def test_every_module_has_a_layer():
    missing = [name for name in modules() if layer_of(name) is None]
    assert not missing, "place these modules in tests/test_layers.py LAYERS: " + ", ".join(missing)


def test_imports_follow_the_layers():
    found = violations()
    new = [msg for _, msg in sorted(found.items())]
    assert not new, "imports against the layers (a module imports its layer or lower ones):\n" + "\n".join(
        new
    )


def line_counts() -> dict[str, int]:
    return {str(p.relative_to(ROOT)): len(p.read_text().splitlines()) for p in sorted(ROOT.rglob("*.py"))}


def test_modules_stay_short():
    over = [f"{p} {n} lines" for p, n in line_counts().items() if n > MAX_LINES]
    assert not over, f"modules over {MAX_LINES} lines (split them by meaning):\n" + "\n".join(over)


def test_the_checker_sees_relative_lazy_and_package_imports(tmp_path):
    # The checker itself: a relative import inside a function, ``from . import module``, and an
    # absolute import all resolve to the module imported.
    src = (
        "import dateline.records\n"
        "from . import context\n"
        "def f():\n"
        "    from ..extract.mentions import Mention\n"
        "    from .dates import tag_times\n"
    )
    path = tmp_path / "mod.py"
    path.write_text(src)
    known = {"records", "resolve.context", "resolve.dates", "extract.mentions"}
    assert imports_of("resolve.mod", path, known) == {
        "records",
        "resolve.context",
        "extract.mentions",
        "resolve.dates",
    }
    assert layer_of("resolve.dates.tagger") == 6 and layer_of("lookup.places") == 1
    assert layer_of("store.schema") == 9 and layer_of("nowhere") is None
