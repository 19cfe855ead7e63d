"""Ledger part of ``make bench``: ingest cost beside bare extraction, merge scaling, ``tolls`` latency.

* **Ingest.** All ACLED notes (acled-kenya, -ghana, -burkina; labels dropped) are
  extracted once in this process (best of ``runs``: *bare extraction*), then
  ingested into a fresh SQLite file and, when ``TOLLWATCH_TEST_PG`` (or
  ``--pg``) names a server, into PostgreSQL, with the extraction itself in
  the timing. ``ratio`` = ingest time / bare extraction time (target <= 1.5).
* **Scaling.** The ledger's own cost (extraction served from memory) at
  1,000 / 2,000 / 5,000 / 10,000 reports; beyond the 6,543 notes the notes are
  replicated with distinct ids and dates shifted by whole years. Per-report
  cost should stay flat (linear growth).
* **tolls.** Wall time of ``tollwatch tolls --by admin1`` (a fresh process,
  start-up included) on the 10,000-report ledger, best of ``runs``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

ACLED = ("acled-kenya", "acled-ghana", "acled-burkina")
SIZES = (1000, 2000, 5000, 10000)


def _documents(shared: Path) -> list[Any]:
    from tollwatch.model import Document

    docs = []
    for name in ACLED:
        with (shared / "eval" / f"{name}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    day = dt.date.fromisoformat(r["published"][:10]) if r.get("published") else None
                    docs.append(Document(id=str(r["id"]), text=r["text"], published=day))
    return docs


def _replicate(docs: list[Any], n: int) -> list[Any]:
    from dataclasses import replace

    out = []
    for i in range(n):
        doc, k = docs[i % len(docs)], i // len(docs)
        if k:
            day = doc.published + dt.timedelta(days=3650 * k) if doc.published else None
            doc = replace(doc, id=f"{doc.id}~{k}", published=day)
        out.append(doc)
    return out


def _ingest_s(url: str, docs: list[Any], extractor: Any = None) -> float:
    from tollwatch.ledger.ingest import ingest
    from tollwatch.ledger.store import open_engine

    engine = open_engine(url)
    start = time.perf_counter()
    ingest(engine, docs, extractor=extractor)
    seconds = time.perf_counter() - start
    engine.dispose()
    return seconds


def _reset_pg(url: str) -> str:
    from sqlalchemy import create_engine, text

    from tollwatch.ledger.store import database_url

    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def bench_ledger(shared: Path, runs: int = 2, pg: str | None = None) -> dict[str, Any]:
    from tollwatch.pipeline import extract

    docs = _documents(shared)
    bare = []
    for _ in range(runs):
        start = time.perf_counter()
        results = {d.id: extract(d) for d in docs}
        bare.append(time.perf_counter() - start)
    out: dict[str, Any] = {"notes": len(docs), "extract_s": round(min(bare), 2)}
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = _ingest_s(str(Path(tmp) / "ingest.db"), docs)
        print(f"  bare extraction {min(bare):.2f} s", flush=True)
        out["sqlite"] = {
            "ingest_s": round(sqlite, 2),
            "docs_per_s": round(len(docs) / sqlite),
            "ratio": round(sqlite / min(bare), 2),
        }
        pg = pg or os.environ.get("TOLLWATCH_TEST_PG")
        if pg:
            try:
                seconds = _ingest_s(_reset_pg(pg), docs)
                out["postgres"] = {
                    "ingest_s": round(seconds, 2),
                    "docs_per_s": round(len(docs) / seconds),
                    "ratio": round(seconds / min(bare), 2),
                }
            except Exception as err:  # an unreachable server is reported, not fatal
                out["postgres"] = {"skipped": f"{type(err).__name__}: {err}"[:200]}
        else:
            out["postgres"] = {"skipped": "set TOLLWATCH_TEST_PG to a PostgreSQL URL"}
        print(f"  ingest: {out['sqlite']} / {out['postgres']}", flush=True)
        out["scaling"] = []
        for n in SIZES:
            sample = _replicate(docs, n)
            cache = {d.id: results[d.id.split("~")[0]] for d in sample}
            db = Path(tmp) / f"scale{n}.db"
            seconds = _ingest_s(str(db), sample, extractor=lambda d, c=cache: c[d.id])
            print(f"  merge {n}: {seconds:.2f} s", flush=True)
            out["scaling"].append(
                {"reports": n, "merge_s": round(seconds, 2), "ms_per_report": round(1000 * seconds / n, 3)}
            )
        out["tolls_s"] = _tolls_latency(str(Path(tmp) / f"scale{SIZES[-1]}.db"), runs)
    return out


def _tolls_latency(db: str, runs: int) -> float:
    exe = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "tollwatch"
    times = []
    for _ in range(max(runs, 3)):
        start = time.perf_counter()
        subprocess.run([str(exe), "tolls", "--by", "admin1", "--db", db], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return round(min(times), 3)


def print_ledger(r: dict[str, Any]) -> None:
    print(f"ledger: {r['notes']} ACLED notes, bare extraction {r['extract_s']} s")
    for backend in ("sqlite", "postgres"):
        b = r[backend]
        if "skipped" in b:
            print(f"  ingest {backend}: skipped ({b['skipped']})")
        else:
            print(
                f"  ingest {backend}: {b['ingest_s']} s = {b['docs_per_s']} docs/s, {b['ratio']}x extraction (target <= 1.5x)"
            )
    for s in r["scaling"]:
        print(f"  merge {s['reports']:>6} reports: {s['merge_s']} s ({s['ms_per_report']} ms/report)")
    print(f"  tollwatch tolls --by admin1 (10,000 reports, start-up included): {r['tolls_s']} s")


if __name__ == "__main__":
    import sys

    root = Path(__file__).resolve().parents[1]
    shared = Path(os.environ.get("TOLLWATCH_SHARED") or root.parent / "shared")
    result = bench_ledger(shared, runs=int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    print_ledger(result)
    print(json.dumps(result))
