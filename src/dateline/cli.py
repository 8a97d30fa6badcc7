"""The ``dateline`` command. Every option is documented in docs/cli.md (a test checks it);
the configuration it builds (file, environment, flags) in docs/config.md."""

from __future__ import annotations

import os

# OpenBLAS reads this once, when numpy first loads it: set before anything imports numpy. The
# spaCy model runs on thinc's numpy ops, and one BLAS thread per process is faster here (work is
# spread over processes, not threads). The only environment write in Dateline; an explicit
# setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import functools  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402

from . import __version__  # noqa: E402
from .cli_options import (  # noqa: E402
    DEFAULT_DB,
    FORMATS,
    HelpFormatter,
    SafeOutput,
    add_query_options,
    dash_values,
    examples,
    positive,
    terminal_safe,
)
from .cli_run import articles, ingest, pace, resources_of, results  # noqa: E402
from .cli_run import say as _say  # noqa: E402
from .config import ENGINES, SCOPES, Config, load_config  # noqa: E402
from .errors import DatelineError  # noqa: E402
from .explain import drop_summary, write_drops, write_explanations  # noqa: E402  (light: records only)
from .records import DROP_REASONS, Problem  # noqa: E402
from .resources import Resources  # noqa: E402


def _stdout(fmt: str):
    """stdout for ``fmt``, terminal-safe: JSON formats as JSON escapes (the same records), text
    formats escaped; CSV only on a terminal (to a pipe or file it is data, written as it is)."""
    if fmt in ("jsonl", "json", "geojson"):
        return SafeOutput(sys.stdout, json=True)
    if fmt == "csv" and not sys.stdout.isatty():
        return sys.stdout
    if fmt == "parquet":  # binary: written to stdout's buffer (export.write_events)
        return sys.stdout
    return SafeOutput(sys.stdout)


def _add_read_options(p: argparse.ArgumentParser, nargs: str = "+") -> None:
    p.add_argument("paths", nargs=nargs, metavar="PATH", help="files, directories, globs, or - for stdin")
    p.add_argument("--published", help="publication date to use instead of what the page says")
    p.add_argument("--publisher", help="publisher name to use instead of what the page says")
    p.add_argument("--actors", help="extra actor knowledge-base file(s), joined with the path separator")
    p.add_argument("--workers", type=int, help="processes to use (each loads the model once; default 1)")
    p.add_argument(
        "--engine", choices=ENGINES, help="where to process: local (default) or dask (docs/cli.md)"
    )
    p.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler to use with --engine dask")
    p.add_argument("--quiet", action="store_true", help="no progress bar on the terminal")
    p.add_argument("--scope", choices=SCOPES, help="which events are coded (default acled; docs/config.md)")
    p.add_argument(
        "--no-relevance-gate",
        dest="relevance_gate",
        action="store_const",
        const=False,
        help="parse every article: no relevance gate before annotation (docs/config.md)",
    )


def _add_config_options(p: argparse.ArgumentParser, default) -> None:
    """``--config`` and ``--set``, accepted before the command and after it."""
    p.add_argument("--config", metavar="PATH", default=default, help="TOML config file (see docs/config.md)")
    p.add_argument(
        "--set",
        metavar="KEY=VALUE",
        action="append",
        dest="settings",
        default=default,
        help="set one config option (repeatable; wins over the file and the environment)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dateline", description="News reports to sourced event records, with evidence for every field.",
        epilog=examples(""), formatter_class=HelpFormatter,
    )  # fmt: skip
    parser.add_argument("--version", action="version", version=f"dateline {__version__}")
    _add_config_options(parser, None)
    sub = parser.add_subparsers(dest="command", required=True)
    # every command's help shows its options' defaults and its examples (cli_options.EXAMPLES)
    sub.add_parser = functools.partial(sub.add_parser, formatter_class=HelpFormatter)  # type: ignore[method-assign]

    p = sub.add_parser("extract", help="read articles and print their events")
    _add_read_options(p)
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="output format")

    p = sub.add_parser("ingest", help="read articles and store them and their events")
    _add_read_options(p, "*")
    p.add_argument("--db", default=DEFAULT_DB, help="database path or URL")
    p.add_argument(
        "--retry-failed", action="store_true", help="also retry every stored failed article (from its text)"
    )

    p = sub.add_parser("events", help="query stored events")
    add_query_options(p, "jsonl")

    p = sub.add_parser("export", help="export stored events (CSV: ACLED columns first)")
    add_query_options(p, "csv")
    p.add_argument("--out", help="write to this file instead of stdout")

    p = sub.add_parser("problems", help="list inputs that could not be read or processed")
    p.add_argument("--db", default=DEFAULT_DB, help="database path or URL")

    p = sub.add_parser("copies", help="list stored near-copy articles with the original each copies")
    p.add_argument("--db", default=DEFAULT_DB, help="database path or URL")
    p.add_argument("--limit", type=positive, help="at most this many pairs")

    p = sub.add_parser("drops", help="list stored event candidates that were not coded, with their reasons")
    p.add_argument("--db", default=DEFAULT_DB, help="database path or URL")
    p.add_argument("--reason", choices=sorted(DROP_REASONS), help="only drops for this reason")
    p.add_argument("--article", help="only the drops of this article id")
    p.add_argument("--limit", type=positive, help="at most this many drops")
    p.add_argument("--format", choices=["text", "jsonl"], default="text", help="output format")

    p = sub.add_parser("explain", help="show, sentence by sentence, what was found, coded and dropped")
    _add_read_options(p)
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")

    p = sub.add_parser("serve", help="serve the REST API and the map page")
    p.add_argument("--db", default=DEFAULT_DB, help="database path or URL")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=int, default=8000, help="port")
    p.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                   help="also answer to this Host name (repeatable; default: localhost and --host only)")  # fmt: skip

    p = sub.add_parser("eval", help="measure accuracy on gold files")
    p.add_argument("task", choices=sorted(EVALUATORS), help="what to evaluate")
    p.add_argument("args", nargs=argparse.REMAINDER, help="the evaluator's own arguments (see its --help)")
    for name, command in sub.choices.items():
        command.epilog = examples(name)
        _add_config_options(command, argparse.SUPPRESS)  # after the command they replace the ones before
    return parser


def config_of(args: argparse.Namespace) -> Config:
    """The validated configuration: defaults < file < environment < ``--set`` < the named flags."""
    overrides: dict[str, object] = {}
    for item in args.settings or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise DatelineError("E051", f"--set {item!r}: expected KEY=VALUE")
        overrides[key.strip()] = value
    for key in ("actors", "workers", "scope", "engine", "scheduler", "relevance_gate"):
        if getattr(args, key, None) is not None:
            overrides[key] = getattr(args, key)
    return load_config(args.config, overrides)


def _problems(into: list[Problem]):
    def on_problem(problem: Problem) -> None:
        into.append(problem)
        _say(str(problem))

    return on_problem


def cmd_extract(args) -> int:
    from .export import write_events

    problems: list[Problem] = []
    read = 0
    dropped: Counter[str] = Counter()

    def events():
        nonlocal read
        on_problem = _problems(problems)
        for result in results(articles(args, on_problem), args, on_problem):
            read += 1
            dropped.update(d.reason for d in result.drops)
            yield from result.events

    start = time.perf_counter()
    count = write_events(events(), args.format, _stdout(args.format))
    _say(
        f"{read} article(s) read, {count} event(s), {len(problems)} problem(s), {drop_summary(dropped)}, "
        f"{pace(read, start)}"
    )
    return 0 if read else 1


def cmd_explain(args) -> int:
    problems: list[Problem] = []
    on_problem = _problems(problems)
    done = list(results(articles(args, on_problem), args, on_problem))
    dropped = write_explanations(done, args.format, _stdout("json" if args.format == "json" else "text"))
    _say(f"{len(done)} article(s) explained, {drop_summary(dropped)}")
    return 0 if done else 1


def cmd_ingest(args) -> int:
    with _open_store(args, create=True) as store:
        store.check_writable()  # before the models load: a locked or read-only file stops here
        return ingest(args, store)


def _open_store(args, create: bool = False):
    """``args.db`` with Dateline's rules; actor filters know the config's actors (``Resources.kb``,
    loaded once for the command). Only ``ingest`` creates a database (E040 for the others)."""
    from .ingest import open_store

    config: Config = args.config_obj
    return open_store(
        args.db, kb=resources_of(args).kb, create=create, timeout=config.db_timeout, config=config
    )


def _query(args) -> list[dict]:
    import inspect

    from .store import make_filters

    # the filter options' argparse dests are make_filters' parameters, name for name
    names = inspect.signature(make_filters).parameters
    filters = make_filters(**{name: getattr(args, name) for name in names})
    with _open_store(args) as store:
        return store.events(filters, limit=args.limit)


def cmd_events(args) -> int:
    from .export import write_events, write_table

    if args.format == "table":
        write_table(_query(args), _stdout("table"))
    else:
        write_events(_query(args), args.format, _stdout(args.format))
    return 0


def cmd_export(args) -> int:
    from .export import write_events

    events = _query(args)
    if args.format == "table":
        raise DatelineError("E041", "export writes files: use jsonl, json, csv, geojson or parquet")
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8", newline="") as out:
                count = write_events(events, args.format, out)
        except OSError as exc:  # a directory, a missing folder, no permission, a full disk
            reason = exc.strerror or type(exc).__name__
            raise DatelineError("E041", f"cannot write --out {terminal_safe(args.out)!r}: {reason}") from exc
        _say(f"{count} event(s) written to {args.out}")
    else:
        write_events(events, args.format, _stdout(args.format))
    return 0


def cmd_problems(args) -> int:
    with _open_store(args) as store:
        problems = store.problems()
        failed = store.failed_count()
    for problem in problems:
        print(terminal_safe(f"{problem['source']}: [{problem['code']}] {problem['message']}"))
    _say(
        f"{len(problems)} problem(s); {failed} article(s) stored as failed (tried again by the next "
        "ingest of their input, or all by 'dateline ingest --retry-failed')"
    )
    return 0


def cmd_copies(args) -> int:
    from .store.copies import copy_count, copy_pairs

    with _open_store(args) as store:
        pairs, total = copy_pairs(store, args.limit), copy_count(store)
    for p in pairs:
        print(terminal_safe(f"{p['copy']} copies {p['original']} (Jaccard ~{p['jaccard']:.2f}): "
                            f"{p['copy_publisher'] or '-'} / {p['original_publisher'] or '-'}"))  # fmt: skip
    _say(f"{len(pairs)} pair(s) listed; {total} stored article(s) are copies (stored, not extracted)")
    return 0


def cmd_drops(args) -> int:
    with _open_store(args) as store:
        rows = store.drops(article_id=args.article, reason=args.reason, limit=args.limit)
        counts = store.drop_counts(args.article)
    listed = write_drops(rows, args.format, _stdout("json" if args.format == "jsonl" else "text"))
    _say(f"{listed} drop(s) listed; stored: {drop_summary(counts)}")
    return 0


EVALUATORS = {
    "geo": "dateline.evaluate.geo",
    "timeml": "dateline.evaluate.timeml",
    "events": "dateline.evaluate.events",
    "plover": "dateline.evaluate.plover",
    "attribution": "dateline.evaluate.attribution",
    "certainty": "dateline.evaluate.certainty",
    "articles": "dateline.evaluate.articles",
    "police": "dateline.evaluate.police",
    "copies": "dateline.evaluate.copies",
    "dedup": "dateline.evaluate.dedup",
    "protest": "dateline.evaluate.protest",
}


def cmd_eval(args) -> int:
    import importlib
    import inspect

    try:
        module = importlib.import_module(EVALUATORS[args.task])
    except ModuleNotFoundError as exc:
        raise DatelineError("E042", f"evaluator '{args.task}' is not available: {exc}") from exc
    if "resources" in inspect.signature(module.main).parameters:  # models built from the config
        return module.main(args.args, resources=Resources(args.config_obj))
    return module.main(args.args)


def cmd_serve(args) -> int:
    from .serve import run

    with _open_store(args):  # a missing or unusable database stops here, coded
        pass
    _say(f"serving {args.db} at http://{args.host}:{args.port}/ (API docs at /docs); Ctrl-C stops")
    run(
        args.db,
        host=args.host,
        port=args.port,
        kb=resources_of(args).kb,  # actors of the config
        allowed_host=args.allowed_host,
        config=args.config_obj,  # the basemap's tile URL and gazetteer cache
    )
    return 0


COMMANDS = {
    "serve": cmd_serve,
    "extract": cmd_extract,
    "ingest": cmd_ingest,
    "events": cmd_events,
    "export": cmd_export,
    "problems": cmd_problems,
    "drops": cmd_drops,
    "copies": cmd_copies,
    "explain": cmd_explain,
    "eval": cmd_eval,
}


def main(argv: list[str] | None = None, resources: Resources | None = None) -> int:
    """Run the command; ``resources``: loaded models to reuse when the command's config is the
    one they were built from (tests, or a program that runs several commands)."""
    parser = build_parser()
    args = parser.parse_args(dash_values(sys.argv[1:] if argv is None else argv))
    if args.command == "ingest" and not args.paths and not args.retry_failed:
        parser.error("ingest: give PATH..., or --retry-failed to retry the stored failed articles")
    args.resources = resources
    try:
        args.config_obj = config_of(args)
        return COMMANDS[args.command](args)
    except DatelineError as exc:
        _say(str(exc))
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        _say("interrupted: what was stored stays stored; run the command again to resume")
        return 130
    except Exception as exc:
        from .store.engine import db_error, shown

        coded = db_error(exc, f"database {shown(getattr(args, 'db', ''))}".strip())
        if coded is None:
            raise
        _say(str(coded))  # a database that became unusable mid-command (locked, read-only, full)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
