"""``tollwatch gazetteer import``: a GeoNames dump the user downloaded, added to the index.

Imported rows are kept apart from the built ones and survive rebuilds
(:func:`tollwatch.geo.gazetteer_build.build_index` copies them over).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

from tollwatch.geo.gazetteer import admin_key, index_path, reset_gazetteer
from tollwatch.geo.gazetteer_build import ensure_index, keep_alternate, refresh_bloom
from tollwatch.geo.normalize import normalize

# --------------------------------------------------------------------------- import

#: alternateNames "languages" that are codes or links, not names.
_NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc", "tcid", "fr_1793"})


def _read_alternate_names(path: Path, wanted: set[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                continue
            try:
                gid = int(cols[1])
            except ValueError:
                continue
            if gid in wanted and cols[2] not in _NOT_NAMES and keep_alternate(cols[3]):
                out[gid].append(cols[3])
    return out


def import_geonames(
    dump: Path | str,
    alternate_names: Path | str | None = None,
    path: Path | None = None,
) -> int:
    """Add a GeoNames dump (``allCountries.txt``, ``SY.txt``…) to the index.

    The file is GeoNames' tab-separated format (19 columns). Rows are stored
    with ``source = 'import:<file name>'`` and survive rebuilds. Returns the
    number of places added or replaced.
    """
    dump = Path(dump)
    path = path or index_path()
    ensure_index(path)
    rows: list[list[str]] = []
    with dump.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                raise ValueError(f"{dump}:{n}: expected GeoNames' 19 tab-separated columns, got {len(cols)}")
            rows.append(cols)
    conn = sqlite3.connect(path)
    try:
        admin1: dict[tuple[str, str], str] = {
            (cc, code): name for cc, code, name in conn.execute("SELECT cc, code, name FROM admin_codes")
        }
        admin2: dict[tuple[str, str, str], str] = {}
        for cols in rows:
            if cols[7] == "ADM1":
                admin1[(cols[8], cols[10])] = cols[1]
            elif cols[7] == "ADM2":
                admin2[(cols[8], cols[10], cols[11])] = cols[1]
        alts: dict[int, list[str]] = {}
        if alternate_names:
            alts = _read_alternate_names(Path(alternate_names), {int(c[0]) for c in rows})
        source = f"import:{dump.name}"
        places: list[tuple[Any, ...]] = []
        names: list[tuple[str, int]] = []
        for cols in rows:
            gid = int(cols[0])
            cc = cols[8]
            a1 = admin1.get((cc, cols[10]))
            a2 = admin2.get((cc, cols[10], cols[11]))
            fcode = cols[7] or cols[6] or "PPL"
            pop = int(cols[14]) if cols[14].strip().isdigit() else 0
            places.append((gid, gid, cols[1], float(cols[4]), float(cols[5]), cc, a1, a2, fcode, pop, source))
            keys = {normalize(cols[1]), normalize(cols[2])}
            keys.update(normalize(a) for a in cols[3].split(",") if keep_alternate(a))
            keys.update(normalize(a) for a in alts.get(gid, ()))
            if fcode.startswith("ADM"):
                keys.add(admin_key(cols[1]))
            names.extend((k, gid) for k in keys if len(k) >= 2)
        conn.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
        conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", names)
        conn.commit()
        refresh_bloom(conn)
        conn.commit()
    finally:
        conn.close()
    reset_gazetteer()
    return len(rows)
