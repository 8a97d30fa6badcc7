"""The options of the query commands (``events``, ``export``) and their argparse types: the API's
``/events`` query parameters, checked as the API checks them (``store.make_filters``); and
terminal-safe printing of text that came from the input. Part of the command line (docs/cli.md),
kept apart so that ``cli.py`` stays short."""

from __future__ import annotations

import argparse
import io
import re
from typing import TextIO

# What a terminal may act on instead of showing: C0 controls (ESC starts a command sequence, CR
# rewrites the line), DEL, C1 controls (U+009B is a one-character CSI), the bidirectional
# overrides and isolates (they reorder what is shown), and lone surrogates (not printable at all).
_CONTROL = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_TEXT = re.compile(f"[{_CONTROL}]")  # multi-line text: newlines and tabs stay
_UNSAFE_LINE = re.compile(rf"[\t\n{_CONTROL}]")  # one line: no newline either


def terminal_safe(text: str, lines: bool = False) -> str:
    r"""``text`` with every control character written as its escape (``\x1b``, ``\u202e``), so
    printing input cannot move the cursor, recolour, retitle or reorder the terminal; ``lines``:
    keep newlines and tabs."""
    pattern = _UNSAFE_TEXT if lines else _UNSAFE_LINE
    return pattern.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class SafeOutput(io.TextIOBase):
    r"""A text stream that writes to ``out`` with ``terminal_safe`` applied (``json``: as JSON
    ``\uXXXX`` escapes, which JSON text already uses for C0, so the records read back the same)."""

    def __init__(self, out: TextIO, json: bool = False) -> None:
        self.out, self.json = out, json

    def write(self, s: str) -> int:
        if self.json:
            self.out.write(_UNSAFE_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", s))
        else:
            self.out.write(terminal_safe(s, lines=True))
        return len(s)

    def flush(self) -> None:
        self.out.flush()


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """``--help`` with each option's default, when it has one (not None, False or empty: then the
    help text says what happens without it), and the examples epilog kept as written."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        shown = action.default not in (None, False, [], argparse.SUPPRESS)
        if shown and "%(default)" not in text and action.option_strings:
            text += " (default: %(default)s)"
        return text


#: Each command's examples, shown at the end of its ``--help`` (tests/test_cli.py: every command has some).
EXAMPLES: dict[str, list[str]] = {
    "": ["dateline extract samples/sahel-convoy-ambush.txt", "dateline --config dateline.toml ingest news/"],
    "extract": ["dateline extract samples/*.txt --format csv > events.csv",
                "curl -s https://example.org/feed.rss | dateline extract - --published 2024-06-01"],
    "ingest": ["dateline ingest news/ --db dateline.db --workers 2",
               "dateline ingest --retry-failed --db dateline.db"],
    "events": ["dateline events --country Mali --since 2024-06 --format table",
               "dateline events --timespan 7d --min-fatalities 10 --sort -fatalities",
               "dateline events --region 'Western Africa' --inter civilians --civilian-targeting true"],
    "export": ["dateline export --format csv --out events.csv",
               "dateline export --disorder-type Demonstrations --since 2024 --format geojson --out protests.geojson"],
    "problems": ["dateline problems --db dateline.db"],
    "copies": ["dateline copies --db dateline.db --limit 20"],
    "drops": ["dateline drops --reason out_of_scope --limit 10", "dateline drops --article ART_ID --format jsonl"],
    "explain": ["dateline explain samples/sahel-convoy-ambush.txt", "dateline explain page.html --format json"],
    "serve": ["dateline serve --db dateline.db", "dateline serve --host 0.0.0.0 --allowed-host maps.example.org"],
    "eval": ["dateline eval geo", "dateline eval articles --split dev --explain"],
}  # fmt: skip


def examples(command: str) -> str:
    """The epilog of ``command``'s help ("" is the top-level ``dateline``)."""
    return "examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES[command])


FORMATS = ["jsonl", "json", "csv", "geojson", "parquet"]
QUERY_FORMATS = [*FORMATS, "table"]
DEFAULT_DB = "dateline.db"


def _filter_value(name: str):
    """An argparse type checking one filter value as the API does (``store.make_filters``)."""

    def parse(value: str) -> str:
        from .store.filters import FilterError, make_filters

        try:
            make_filters(**{name: value})
        except FilterError as exc:
            raise argparse.ArgumentTypeError(exc.message) from None
        return value

    return parse


def _count(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError("not a count")
    return n


def positive(value: str) -> int:
    """A limit: 1 or more, as the API's ``limit`` (SQL would read -1 as no limit at all)."""
    n = _count(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def dash_values(argv: list[str]) -> list[str]:
    """``--sort -fatalities`` as ``--sort=-fatalities``: argparse takes a value that starts with
    ``-`` (and is not a number) for an option and refuses it; only the sort keys are joined."""
    if "--sort" not in argv:  # no store import (SQLAlchemy) for the other commands
        return argv
    from .store.filters import SORTS

    out: list[str] = []
    it = iter(argv)
    for arg in it:
        if arg == "--":  # positional arguments follow, as they are
            return [*out, arg, *it]
        if arg == "--sort":
            value = next(it, None)
            if value is not None and value.startswith("-") and value in SORTS:
                out.append(f"--sort={value}")
                continue
            out += [arg] if value is None else [arg, value]
            continue
        out.append(arg)
    return out


def add_query_options(p: argparse.ArgumentParser, default_format: str) -> None:
    """The event filters: the API's ``/events`` query parameters, same names (``-`` for ``_``)."""
    from .store.filters import CERTAINTY, SORTS

    p.add_argument("--db", default=DEFAULT_DB, help="database path or URL")
    p.add_argument(
        "--since", type=_filter_value("since"), help="first day, YYYY[-MM[-DD]] (date ranges overlap)"
    )
    p.add_argument("--until", type=_filter_value("until"), help="last day, YYYY[-MM[-DD]]")
    p.add_argument("--datetime", type=_filter_value("datetime"), help="range A/B (.. for an open end)")
    p.add_argument("--country", help="country name or ISO3")
    p.add_argument("--admin1", help="first-level administrative area")
    p.add_argument("--admin2", help="second-level administrative area (whole name)")
    p.add_argument("--location", help="the place's name, whole (--q searches words)")
    p.add_argument("--geonameid", type=_filter_value("geonameid"), help="the resolved place's GeoNames id")
    p.add_argument("--event-type", help="ACLED event type")
    p.add_argument("--sub-event-type", help="ACLED sub-event type")
    p.add_argument("--plover-type", help="PLOVER event type")
    p.add_argument("--cameo-root", type=_filter_value("cameo_root"), help="CAMEO root code, 01 to 20")
    p.add_argument("--actor", help="actor in any role (aliases resolve through the knowledge base)")
    p.add_argument("--bbox", type=_filter_value("bbox"), help="minlon,minlat,maxlon,maxlat")
    p.add_argument("--min-certainty", choices=CERTAINTY, help="least certainty kept")
    p.add_argument("--max-time-precision", type=int, choices=[1, 2, 3], help="coarsest date precision kept")
    p.add_argument("--max-geo-precision", type=int, choices=[1, 2, 3], help="coarsest place precision kept")
    p.add_argument("--min-sources", type=_count, help="least number of articles")
    p.add_argument("--q", help="full text over notes, actors and places")
    p.add_argument(
        "--updated-since", type=_filter_value("updated_since"), help="written at or after this instant"
    )
    p.add_argument(
        "--timespan",
        type=_filter_value("timespan"),
        help="relative span back from now (UTC clock), by event date: 24h, 7d, 2w, 3m, 1y",
    )
    p.add_argument("--min-fatalities", type=_filter_value("min_fatalities"), help="toll at least this")
    p.add_argument("--max-fatalities", type=_filter_value("max_fatalities"), help="toll at most this")
    p.add_argument(
        "--inter",
        type=_filter_value("inter"),
        help="inter1 or inter2: ACLED code 1-8 or name (State forces … External/Other forces)",
    )
    p.add_argument(
        "--interaction",
        type=_filter_value("interaction"),
        help="ACLED interaction code (17) or names A-B (State forces-Civilians)",
    )
    p.add_argument(
        "--disorder-type",
        type=_filter_value("disorder_type"),
        help="Political violence, Demonstrations or Strategic developments",
    )
    p.add_argument(
        "--civilian-targeting",
        choices=["true", "false"],
        help="political violence against civilians (inter2 7), or every other event",
    )
    p.add_argument("--region", type=_filter_value("region"), help="ACLED region (Western Africa, Europe, …)")
    p.add_argument(
        "--sort", choices=SORTS, default="event_date", help="order (- descending); rows without the key last"
    )
    p.add_argument("--limit", type=positive, help="at most this many events (1 or more)")
    p.add_argument("--format", choices=QUERY_FORMATS, default=default_format, help="output format")
