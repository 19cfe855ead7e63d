"""UCDP GED's CSV layout: exactly GED's 49 columns, in GED's order, one row per incident.

What only UCDP can assign (``id``, ``relid``, conflict/dyad/side ids, Gleditsch-Ward
codes, ``code_status``) is left empty. ``best``/``low``/``high`` are the incident's
killed estimate (empty when no toll was stated: never invented as 0).
``deaths_a``/``deaths_b`` are the security-force and militant victims,
``deaths_civilians`` the civilians and ``deaths_unknown`` the rest of ``best``.
``priogrid_gid`` is the 0.5° PRIO-GRID cell of the coordinates.
"""

from __future__ import annotations

import math
from typing import IO, Any

from tollwatch.export import ExportData, register
from tollwatch.export.common import country_name, joined, write_csv

COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
    "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "source_original",
    "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude",
    "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
    "high", "low", "gwnoa", "gwnob",
)  # fmt: skip


def priogrid_gid(lat: float | None, lon: float | None) -> int | str:
    """PRIO-GRID cell id: 0.5° cells numbered row by row from (-90, -180)."""
    if lat is None or lon is None:
        return ""
    row = min(math.floor((lat + 90) / 0.5), 359)
    col = min(math.floor((lon + 180) / 0.5), 719)
    return row * 720 + col + 1


def _violence(r: dict[str, Any]) -> int | str:
    state = any(a.get("interaction") == "State forces" for a in r["actors"] or [])
    if r["type"] == "violence_against_civilians":
        return 3
    if r["type"] in ("battle", "explosions_remote_violence"):
        return 1 if state else 2
    return ""


def _deaths(r: dict[str, Any]) -> dict[str, Any]:
    best = r["killed"]["best"]
    victims = r["victims"] or {}
    parts = {
        "deaths_a": (victims.get("security_forces") or {}).get("best"),
        "deaths_b": (victims.get("militants") or {}).get("best"),
        "deaths_civilians": (victims.get("civilians") or {}).get("best"),
    }
    if best is None:
        return {**{k: "" for k in parts}, "deaths_unknown": ""}
    known = sum(v or 0 for v in parts.values())
    return {**{k: v or 0 for k, v in parts.items()}, "deaths_unknown": max(best - known, 0)}


def row(r: dict[str, Any], sources: list[dict[str, Any]]) -> dict[str, Any]:
    loc, date = r["location"], r["date"]
    actors = r["actors"] or []
    side_a = actors[0]["name"] if actors else ""
    side_b = actors[1]["name"] if len(actors) > 1 else ""
    lat, lon = loc["lat"], loc["lon"]
    out: dict[str, Any] = dict.fromkeys(COLUMNS, "")
    out |= {
        "year": date["start"][:4] if date["start"] else "",
        "type_of_violence": _violence(r),
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else "",
        "side_a": side_a,
        "side_b": side_b,
        "number_of_sources": len(sources),
        "source_article": joined(
            f"{s['source'] or ''} {s['published'] or ''} {s['title'] or ''}".strip() for s in sources
        ),
        "source_office": joined(s["source"] for s in sources),
        "source_date": joined(s["published"] for s in sources),
        "source_headline": joined(s["title"] for s in sources),
        "where_prec": loc["where_prec"],
        "where_coordinates": loc["name"],
        "where_description": joined([loc["name"], loc["admin1"]], ", "),
        "adm_1": loc["admin1"],
        "adm_2": loc["admin2"],
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else "",
        "priogrid_gid": priogrid_gid(lat, lon),
        "country": country_name(loc["country"]),
        "event_clarity": 1 if len(sources) > 1 or not r["disputed"] else 2,
        "date_prec": 1 if date["precision"] == "day" else (2 if date["start"] else ""),
        "date_start": date["start"],
        "date_end": date["end"],
        "best": r["killed"]["best"],
        "high": r["killed"]["high"],
        "low": r["killed"]["low"],
    }
    return out | _deaths(r)


@register("ucdp", ".csv", columns=COLUMNS, sidecar=True)
def write(data: ExportData, out: IO[bytes]) -> None:
    write_csv(out, COLUMNS, (row(r, data.sources.get(r["id"], [])) for r in data.records))
