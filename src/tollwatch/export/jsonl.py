"""JSON Lines: one incident per line, in :func:`tollwatch.ledger.query.incident_records`' shape."""

from __future__ import annotations

import json
from typing import IO

from tollwatch.export import ExportData, register


@register("jsonl", ".jsonl")
def write(data: ExportData, out: IO[bytes]) -> None:
    for record in data.records:
        out.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
