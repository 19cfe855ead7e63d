"""GeoJSON FeatureCollection (RFC 7946): one Point per located incident, QGIS-openable.

Incidents without coordinates are left out (GeoJSON has no place for them); the
collection's ``metadata`` says how many and carries the dataset version.
Nested values (tolls, reports) are flattened to scalar properties so GIS tools
can style and filter on them.
"""

from __future__ import annotations

import json
from typing import IO, Any

from tollwatch.export import ExportData, register


def _properties(r: dict[str, Any]) -> dict[str, Any]:
    loc, date = r["location"], r["date"]
    props: dict[str, Any] = {
        "id": r["id"],
        "type": r["type"],
        "sub_type": r["sub_type"],
        "location": loc["name"],
        "country": loc["country"],
        "admin1": loc["admin1"],
        "date_start": date["start"],
        "date_end": date["end"],
        "date_precision": date["precision"],
        "disputed": r["disputed"],
        "nested": r["nested"],
        "within": ";".join(r["within"]),
        "n_reports": r["n_reports"],
        "reports": ";".join(r["reports"]),
        "dataset_version": r["dataset_version"],
    }
    for measure in ("killed", "injured"):
        for k in ("low", "best", "high"):
            props[f"{measure}_{k}"] = r[measure][k]
    return props


@register("geojson", ".geojson")
def write(data: ExportData, out: IO[bytes]) -> None:
    features = []
    for r in data.records:
        lat, lon = r["location"]["lat"], r["location"]["lon"]
        if lat is None or lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": r["id"],
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": _properties(r),
            }
        )
    collection = {
        "type": "FeatureCollection",
        "metadata": {
            "dataset_version": data.version,
            "generated_at": data.generated_at,
            "incidents": len(data.records),
            "without_coordinates": len(data.records) - len(features),
        },
        "features": features,
    }
    out.write(json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8"))
    out.write(b"\n")
