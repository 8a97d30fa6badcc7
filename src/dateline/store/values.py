"""Parsing of the filter values that are more than a date or a name (``filters.make_filters``): a
relative span, ACLED's inter codes and interaction, disorder type, region, true/false, counts; and
:class:`FilterError`, what a value that cannot be used raises."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from ..regions import INTER_NAMES, inter_code, region_name
from .derived import DISORDER_TYPES

#: The shape of a GDELT-style relative span (``7d``).
TIMESPAN = r"^[0-9]{1,6}[hdwmy]$"
# a span's unit in days (months and years as 30 and 365 days, as GDELT's)
_SPAN_DAYS = {"h": 1 / 24, "d": 1, "w": 7, "m": 30, "y": 365}


class FilterError(ValueError):
    """A filter value that cannot be used: ``code`` (``invalid_date`` …), the parameter, the value."""

    def __init__(self, code: str, param: str, message: str, value: Any) -> None:
        super().__init__(message)
        self.code, self.param, self.message, self.value = code, param, message, value


def since_of_span(value: str, now: datetime | None = None) -> str:
    """The ISO day ``now`` (UTC; default the clock) minus a GDELT-style span (``7d``, ``24h``, ``2w``,
    ``3m``, ``1y``)."""
    if not re.match(TIMESPAN, value or ""):
        raise FilterError(
            "invalid_parameter", "timespan", "timespan: N then h, d, w, m or y (7d, 24h, 3m)", value
        )
    at = now or datetime.now(UTC)
    try:
        return (at - timedelta(days=int(value[:-1]) * _SPAN_DAYS[value[-1]])).date().isoformat()
    except OverflowError:
        raise FilterError("invalid_parameter", "timespan", "timespan: reaches before year 1", value) from None


def inter_value(value: str | int | None, name: str = "inter") -> int | None:
    if value is None or value == "":
        return None
    code = inter_code(value)
    if code is None:
        names = ", ".join(n[0] for n in INTER_NAMES.values())
        raise FilterError("invalid_parameter", name, f"{name}: a code 1 to 8 or one of {names}", value)
    return code


def interaction_value(value: str | int | None) -> int | None:
    """``17``, ``60``, or ``State forces-Civilians`` (either order) → the interaction code."""
    if value is None or value == "":
        return None
    v = str(value).strip()
    bad = FilterError(
        "invalid_parameter", "interaction", "interaction: ACLED's code (17, 60) or A-B names", value
    )
    if v.isdigit():
        n = int(v)
        if not (10 <= n <= 88 and 1 <= n // 10 <= 8 and (n % 10 == 0 or n // 10 <= n % 10 <= 8)):
            raise bad
        return n
    # "A-B" (either order), or one name: a lone side (x10), also as the export writes it ("X only")
    v = v[: -len(" only")] if v.lower().endswith(" only") else v
    codes = sorted(inter_code(part) or 0 for part in v.split("-"))
    if len(codes) > 2 or not all(codes):
        raise bad
    return codes[0] * 10 + (codes[1] if len(codes) == 2 else 0)


def disorder_value(value: str | None) -> str | None:
    if not value:
        return None
    for d in DISORDER_TYPES:
        if d.lower() == value.strip().lower():
            return d
    raise FilterError(
        "invalid_parameter", "disorder_type", "disorder_type: " + ", ".join(DISORDER_TYPES), value
    )


def region_value(value: str | None) -> str | None:
    if not value:
        return None
    name = region_name(value)
    if name is None:
        raise FilterError(
            "invalid_parameter",
            "region",
            "region: an ACLED region, by name or ACLED's number (Western Africa or 1, Europe or 12, …)",
            value,
        )
    return name


def truth_value(value: str | bool | None, name: str) -> bool | None:
    if value is None or value == "" or isinstance(value, bool):
        return value or (False if value is False else None)
    v = value.strip().lower()
    if v in ("true", "1", "yes"):
        return True
    if v in ("false", "0", "no"):
        return False
    raise FilterError("invalid_parameter", name, f"{name}: true or false", value)


def count_value(value: int | str | None, name: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise FilterError("invalid_parameter", name, f"{name}: a count (0 or more)", value)
    return n


def geonameid_value(value: int | str | None) -> int | None:
    """A GeoNames id: a positive integer that fits the column (SQL ``INTEGER``)."""
    if value is None or value == "":
        return None
    try:
        n = int(value)
    except ValueError:
        n = 0
    if not 0 < n < 2**31:
        raise FilterError(
            "invalid_parameter", "geonameid", "geonameid: a GeoNames id (a positive integer)", value
        )
    return n
