"""The options of the query commands (``events``, ``export``) and their argparse types: the API's
``/events`` query parameters, checked as the API checks them (``store.make_filters``). Part of the
command line (docs/cli.md), kept apart so that ``cli.py`` stays short."""

from __future__ import annotations

import argparse

FORMATS = ["jsonl", "json", "csv", "geojson"]
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


def add_query_options(p: argparse.ArgumentParser, default_format: str) -> None:
    """The event filters: the API's ``/events`` query parameters, same names (``-`` for ``_``)."""
    from .store.filters import CERTAINTY

    p.add_argument("--db", default=DEFAULT_DB, help=f"database path or URL (default {DEFAULT_DB})")
    p.add_argument(
        "--since", type=_filter_value("since"), help="first day, YYYY[-MM[-DD]] (date ranges overlap)"
    )
    p.add_argument("--until", type=_filter_value("until"), help="last day, YYYY[-MM[-DD]]")
    p.add_argument("--datetime", type=_filter_value("datetime"), help="range A/B (.. for an open end)")
    p.add_argument("--country", help="country name or ISO3")
    p.add_argument("--admin1", help="first-level administrative area")
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
    p.add_argument("--limit", type=positive, help="at most this many events (1 or more)")
    p.add_argument("--format", choices=QUERY_FORMATS, default=default_format, help="output format")
