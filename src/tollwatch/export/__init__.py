"""Exports of the ledger's incidents: one module per format, found through a registry.

A format is a function ``write(data, out)`` registered with :func:`register`;
``tollwatch export --format NAME`` looks it up in :data:`FORMATS`. Adding a
format is adding a module that registers itself and importing it below.

Every export carries the dataset version (:func:`tollwatch.ledger.query.dataset_version`):
a field in JSON Lines and GeoJSON, file metadata in Parquet, and for the CSV
formats a ``FILE.meta.json`` beside the file (ACLED's ``tags`` column carries it too).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session


@dataclass(slots=True)
class ExportData:
    """What a format writes: incident records (``query.incident_records``) and their sources."""

    records: list[dict[str, Any]]
    sources: dict[str, list[dict[str, Any]]]
    version: str
    generated_at: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))


Writer = Callable[[ExportData, IO[bytes]], None]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffix: str
    write: Writer
    #: Column names in order, for tabular formats (tests check them exactly).
    columns: tuple[str, ...] = ()
    #: True when the file format cannot carry the dataset version itself (CSV).
    sidecar: bool = False


FORMATS: dict[str, Format] = {}


def register(
    name: str, suffix: str, columns: tuple[str, ...] = (), sidecar: bool = False
) -> Callable[[Writer], Writer]:
    """Decorator: make ``write`` the exporter for ``name``."""

    def wrap(write: Writer) -> Writer:
        FORMATS[name] = Format(name, suffix, write, columns, sidecar)
        return write

    return wrap


def load_data(session: Session) -> ExportData:
    from tollwatch.ledger.query import dataset_version, incident_records, sources_of

    records = incident_records(session)
    return ExportData(records, sources_of(session, [r["id"] for r in records]), dataset_version(session))


def export(engine: Engine, name: str, out: IO[bytes], output: Path | None = None) -> int:
    """Write every incident in format ``name`` to ``out``; returns the number of incidents.

    With ``output`` (the file ``out`` writes to), CSV formats get ``output.meta.json``.
    """
    fmt = FORMATS[name]
    with Session(engine) as session:
        data = load_data(session)
    fmt.write(data, out)
    if output is not None and fmt.sidecar:
        meta = {
            "format": name,
            "dataset_version": data.version,
            "generated_at": data.generated_at,
            "incidents": len(data.records),
            "columns": list(fmt.columns),
        }
        Path(f"{output}.meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return len(data.records)


from tollwatch.export import acled, geojson, jsonl, parquet, ucdp  # noqa: E402

__all__ = [
    "FORMATS",
    "ExportData",
    "Format",
    "acled",
    "export",
    "geojson",
    "jsonl",
    "parquet",
    "register",
    "ucdp",
]
