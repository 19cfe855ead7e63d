"""Latency of ``GET /api/incidents`` with filters, on a ledger holding the ACLED dev notes.

Ingests ``../shared/eval/acled-{kenya,ghana,burkina}.jsonl`` into a SQLite ledger
(``out/serve-bench.db``, reused when present; ``--db`` to name another), starts
``tollwatch serve`` on a free port of 127.0.0.1, sends 500 sequential requests that
cycle through filter combinations (country, admin1, type, date range, bbox, min
toll, pages) and reports p50 / p95 / max. Target: p95 < 100 ms. Writes
``out/serve_bench.json``; exits 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
SETS = ("acled-kenya", "acled-ghana", "acled-burkina")
TARGET_P95_MS = 100.0


def shared_dir() -> Path:
    env = os.environ.get("TOLLWATCH_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def build(db: Path) -> None:
    if db.exists():
        return
    files = [str(shared_dir() / "eval" / f"{name}.jsonl") for name in SETS]
    missing = [f for f in files if not Path(f).exists()]
    if missing:
        sys.exit(f"serve_bench: missing {', '.join(missing)}")
    exe = Path(sys.executable).parent / "tollwatch"
    print(f"ingesting {len(files)} ACLED dev sets into {db} …", file=sys.stderr)
    subprocess.run([str(exe), "ingest", *files, "--db", str(db), "--no-progress"], check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def queries(client: httpx.Client) -> list[dict[str, Any]]:
    """Filter combinations drawn from what the ledger holds."""
    tolls = client.get("/api/tolls", params={"by": "admin1"}).json()["rows"]
    admin1 = [(r["country"], r["admin1"]) for r in tolls if r["admin1"]][:20]
    out: list[dict[str, Any]] = [
        {"country": "KE"},
        {"country": "GH", "min_toll": 1},
        {"country": "BF", "type": "battle"},
        {"since": "2021-01-01", "until": "2021-06-30"},
        {"bbox": "33.9,-4.7,41.9,5.0", "min_toll": 2},
        {"type": "protest", "page": 3},
        {"country": "BF", "since": "2022-01-01", "per_page": 100},
        {"min_toll": 10},
    ]
    out += [{"country": c, "admin1": a} for c, a in admin1]
    return out


def run(url: str, n: int) -> list[float]:
    times: list[float] = []
    with httpx.Client(base_url=url, timeout=30) as client:
        combos = queries(client)
        for _ in range(10):  # warm-up
            client.get("/api/incidents", params=combos[0])
        for i in range(n):
            params = combos[i % len(combos)]
            t0 = time.perf_counter()
            r = client.get("/api/incidents", params=params)
            times.append((time.perf_counter() - t0) * 1000)
            r.raise_for_status()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=ROOT / "out" / "serve-bench.db")
    parser.add_argument("-n", type=int, default=500)
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    build(args.db)
    port = free_port()
    exe = Path(sys.executable).parent / "tollwatch"
    cmd = [str(exe), "serve", "--db", str(args.db), "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{url}/openapi.json", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        with httpx.Client(base_url=url) as c:
            total = c.get("/api/incidents", params={"per_page": 1}).json()["total"]
        times = run(url, args.n)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    cuts = statistics.quantiles(times, n=100)
    result = {
        "incidents": total,
        "requests": len(times),
        "p50_ms": round(cuts[49], 2),
        "p95_ms": round(cuts[94], 2),
        "max_ms": round(max(times), 2),
        "target_p95_ms": TARGET_P95_MS,
    }
    (ROOT / "out").mkdir(exist_ok=True)
    (ROOT / "out" / "serve_bench.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0 if result["p95_ms"] < TARGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
