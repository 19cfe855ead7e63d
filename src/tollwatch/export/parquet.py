"""Parquet (pyarrow): one row per incident, flat columns, dataset version in the file metadata."""

from __future__ import annotations

import json
from typing import IO, Any

from tollwatch.export import ExportData, register

COLUMNS = (
    "id", "type", "sub_type", "date_start", "date_end", "date_precision",
    "location", "country", "admin1", "admin2", "lat", "lon",
    "killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high",
    "acled_fatalities", "disputed", "nested", "within", "n_reports", "reports", "primary_reports",
    "victims", "history",
    "dataset_version",
)  # fmt: skip


def _row(r: dict[str, Any]) -> dict[str, Any]:
    loc, date = r["location"], r["date"]
    row = {
        "id": r["id"],
        "type": r["type"],
        "sub_type": r["sub_type"],
        "date_start": date["start"],
        "date_end": date["end"],
        "date_precision": date["precision"],
        "location": loc["name"],
        "country": loc["country"],
        "admin1": loc["admin1"],
        "admin2": loc["admin2"],
        "lat": loc["lat"],
        "lon": loc["lon"],
        "acled_fatalities": r["acled_fatalities"],
        "disputed": r["disputed"],
        "nested": r["nested"],
        "within": ", ".join(r["within"]),
        "n_reports": r["n_reports"],
        "reports": list(r["reports"]),
        "primary_reports": list(r["primary_reports"]),
        "victims": json.dumps(r["victims"]),
        "history": json.dumps(r["history"]),
        "dataset_version": r["dataset_version"],
    }
    for measure in ("killed", "injured"):
        for k in ("low", "best", "high"):
            row[f"{measure}_{k}"] = r[measure][k]
    return {c: row[c] for c in COLUMNS}


def _schema() -> Any:
    import pyarrow as pa

    types: dict[str, Any] = {c: pa.string() for c in COLUMNS}
    types |= {c: pa.float64() for c in ("lat", "lon")}
    ints = [f"{m}_{k}" for m in ("killed", "injured") for k in ("low", "best", "high")]
    types |= {c: pa.int64() for c in [*ints, "acled_fatalities", "n_reports"]}
    types |= {
        "disputed": pa.bool_(),
        "nested": pa.bool_(),
        "reports": pa.list_(pa.string()),
        "primary_reports": pa.list_(pa.string()),
    }
    return pa.schema([(c, types[c]) for c in COLUMNS])


@register("parquet", ".parquet", columns=COLUMNS)
def write(data: ExportData, out: IO[bytes]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [_row(r) for r in data.records]
    table = pa.Table.from_pylist(rows, schema=_schema())
    meta = {
        b"tollwatch.dataset_version": data.version.encode(),
        b"tollwatch.generated_at": data.generated_at.encode(),
    }
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **meta})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    out.write(sink.getvalue().to_pybytes())
