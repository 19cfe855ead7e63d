"""How far the embedded gazetteer can go on the ACLED dev sets, whatever the geoparser.

For each ACLED row with coordinates: is there any place of the embedded gazetteer
(any name, any kind) within 25 km of ACLED's point? The share of such rows is an upper
bound on "within 25 km" for any system that places events with this gazetteer alone.
Also printed: the share of rows whose ACLED location name the gazetteer knows.

Run: ``.venv/bin/python bench/gazetteer_coverage.py`` (reads ``../shared/eval``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

from tollwatch.evaluation.scoring import haversine_km
from tollwatch.geo.gazetteer import get_gazetteer, index_path
from tollwatch.geo.normalize import normalize

FILES = ("acled-kenya", "acled-ghana", "acled-burkina")
RADIUS_KM = 25.0
#: Grid cells of a quarter degree (about 28 km): a point's neighbours lie in its cell or the next.
CELLS_PER_DEGREE = 4


def _grid(path: Path) -> dict[tuple[int, int], list[tuple[float, float]]]:
    grid: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        for lat, lon in conn.execute("SELECT lat, lon FROM places"):
            grid[(int(lat * CELLS_PER_DEGREE // 1), int(lon * CELLS_PER_DEGREE // 1))].append((lat, lon))
    return grid


def _near(grid: dict[tuple[int, int], list[tuple[float, float]]], lat: float, lon: float) -> bool:
    ci, cj = int(lat * CELLS_PER_DEGREE // 1), int(lon * CELLS_PER_DEGREE // 1)
    return any(
        haversine_km(lat, lon, a, b) <= RADIUS_KM
        for di in (-1, 0, 1)
        for dj in (-1, 0, 1)
        for a, b in grid[(ci + di, cj + dj)]
    )


def coverage(shared: Path) -> dict[str, dict[str, float]]:
    grid, gazetteer = _grid(index_path()), get_gazetteer()
    out = {}
    for name in FILES:
        rows = near = named = 0
        with (shared / "eval" / f"{name}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record.get("lat") is None or record.get("lon") is None:
                    continue
                rows += 1
                near += _near(grid, float(record["lat"]), float(record["lon"]))
                named += bool(gazetteer.lookup(normalize(record.get("location") or "")))
        out[name] = {
            "rows": rows,
            "place_within_25km": round(near / rows, 3),
            "name_known": round(named / rows, 3),
        }
    return out


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    shared = Path(os.environ.get("TOLLWATCH_SHARED") or root.parent / "shared")
    if not (shared / "eval").is_dir():
        sys.exit(f"gazetteer coverage: no {shared / 'eval'} (set TOLLWATCH_SHARED)")
    for name, row in coverage(shared).items():
        print(
            f"{name}: {row['rows']} rows; some gazetteer place within 25 km of ACLED's point: "
            f"{row['place_within_25km']} (upper bound on within 25 km); "
            f"location name known: {row['name_known']}"
        )
