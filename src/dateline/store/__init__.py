"""The store package: schema, the SQLite index, migrations, the one filter → query path, ``Store``.

Nothing here imports extraction, claims or actor code; the domain rules arrive as ``Rules``.
"""

from .core import Store
from .filters import CERTAINTY, EventFilters, FilterError, make_filters
from .rules import Block, Rules
from .schema import CHANGE_KINDS, RECORD_ONLY, SCALAR_FIELDS

__all__ = [
    "Block",
    "CERTAINTY",
    "CHANGE_KINDS",
    "RECORD_ONLY",
    "SCALAR_FIELDS",
    "EventFilters",
    "FilterError",
    "Rules",
    "Store",
    "make_filters",
]
