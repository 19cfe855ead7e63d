"""Ledger part of ``make bench``: ingest cost beside bare extraction, merge scaling, ``tolls`` latency.

* **Ingest.** All ACLED notes (acled-kenya, -ghana, -burkina; labels dropped) are
  extracted once in this process (best of ``runs``: *bare extraction*), then
  ingested into a fresh SQLite file and into PostgreSQL, with the extraction
  itself in the timing and ``tollwatch ingest``'s default writer (``auto``: on
  two or more CPUs a second process stores each batch while this one extracts
  the next). ``ratio`` = ingest wall time / bare extraction wall time (target
  <= 1.5); ``cpu_ratio`` is the same with CPU time, this process's plus the
  writer's (PostgreSQL's own work is not in it): what the ingest costs in all,
  whichever core it runs on. PostgreSQL is the server
  at ``TOLLWATCH_TEST_PG`` or else ``postgresql+psycopg://postgres@127.0.0.1:5432/test``;
  the bench writes to its own schema (``tollwatch_bench``, emptied first), so it
  never touches the tables the tests use. An unreachable server is skipped with a
  message on stderr.
* **Scaling.** The ledger's own cost (extraction served from memory, stored inline) at
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
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ACLED = ("acled-kenya", "acled-ghana", "acled-burkina")
SIZES = (1000, 2000, 5000, 10000)
#: The PostgreSQL server used when ``TOLLWATCH_TEST_PG`` names none.
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
#: The schema the bench writes to (emptied first): the tests use ``public``.
PG_SCHEMA = "tollwatch_bench"


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


def _cpu() -> float:
    """CPU seconds of this process and of its ended children (the ingest's writer process)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _ingest_s(url: str, docs: list[Any], extractor: Any = None, writer: str = "auto") -> tuple[float, float]:
    """Wall and CPU seconds (this process and its writer) of one ingest of ``docs`` into ``url``,
    with ``tollwatch ingest``'s default writer unless told."""
    from tollwatch.ledger.ingest import ingest
    from tollwatch.ledger.store import open_engine

    engine = open_engine(url)
    start, cpu = time.perf_counter(), _cpu()
    ingest(engine, docs, extractor=extractor, writer=writer)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    engine.dispose()
    return seconds, cpu


def _bench_pg(pg: str | None) -> str | None:
    """The URL of an emptied :data:`PG_SCHEMA` on ``pg`` (or the default server), or ``None``
    (with a message on stderr) when no server answers."""
    from sqlalchemy import create_engine, text

    from tollwatch.ledger.store import database_url

    server = database_url(pg or os.environ.get("TOLLWATCH_TEST_PG") or DEFAULT_PG)
    joiner = "&" if "?" in server else "?"
    url = f"{server}{joiner}options=-csearch_path%3D{PG_SCHEMA}"
    try:
        engine = create_engine(server, connect_args={"connect_timeout": 5})
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {PG_SCHEMA}"))
        engine.dispose()
    except Exception as err:
        reason = f"{type(err).__name__}: {err}".splitlines()[0][:200]
        print(
            f"ledger bench: skipping the PostgreSQL ingest, no server at {server} ({reason})", file=sys.stderr
        )
        return None
    return url


def _ingest_result(seconds: float, cpu: float, n: int, bare: float, bare_cpu: float) -> dict[str, Any]:
    return {
        "ingest_s": round(seconds, 2),
        "docs_per_s": round(n / seconds),
        "ratio": round(seconds / bare, 2),
        "cpu_s": round(cpu, 2),
        "cpu_ratio": round(cpu / bare_cpu, 2),
    }


def bench_ledger(shared: Path, runs: int = 2, pg: str | None = None) -> dict[str, Any]:
    from tollwatch.pipeline import extract

    docs = _documents(shared)
    bare, bare_cpu = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        results = {d.id: extract(d) for d in docs}
        bare.append(time.perf_counter() - start)
        bare_cpu.append(time.process_time() - cpu)
    best, best_cpu = min(bare), min(bare_cpu)
    out: dict[str, Any] = {
        "notes": len(docs),
        "extract_s": round(best, 2),
        "extract_cpu_s": round(best_cpu, 2),
    }
    print(f"  bare extraction {best:.2f} s ({best_cpu:.2f} s CPU)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        seconds, cpu = _ingest_s(str(Path(tmp) / "ingest.db"), docs)
        out["sqlite"] = _ingest_result(seconds, cpu, len(docs), best, best_cpu)
        url = _bench_pg(pg)
        if url is None:
            out["postgres"] = {"skipped": "no PostgreSQL server answered (set TOLLWATCH_TEST_PG)"}
        else:
            seconds, cpu = _ingest_s(url, docs)
            out["postgres"] = _ingest_result(seconds, cpu, len(docs), best, best_cpu)
        print(f"  ingest: {out['sqlite']} / {out['postgres']}", flush=True)
        out["scaling"] = []
        for n in SIZES:
            sample = _replicate(docs, n)
            cache = {d.id: results[d.id.split("~")[0]] for d in sample}
            db = Path(tmp) / f"scale{n}.db"
            seconds, _ = _ingest_s(str(db), sample, extractor=lambda d, c=cache: c[d.id], writer="inline")
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
    print(
        f"ledger: {r['notes']} ACLED notes, bare extraction {r['extract_s']} s ({r['extract_cpu_s']} s CPU)"
    )
    for backend in ("sqlite", "postgres"):
        b = r[backend]
        if "skipped" in b:
            print(f"  ingest {backend}: skipped ({b['skipped']})")
        else:
            print(
                f"  ingest {backend}: {b['ingest_s']} s = {b['docs_per_s']} docs/s, {b['ratio']}x extraction"
                f" (target <= 1.5x); CPU {b['cpu_s']} s = {b['cpu_ratio']}x"
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
