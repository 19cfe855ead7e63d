"""Ingest: idempotent, resumable after a kill, independent of order, copies linked not stored."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ledger_helpers import MERGE_SET, ROOT, cached_extract, postgres_url
from tollwatch.ledger.ingest import ingest
from tollwatch.ledger.query import incident_records, rejects, snapshot
from tollwatch.ledger.store import DocumentRow, FigureRow, make_engine, open_engine
from tollwatch.read import iter_documents

pytest_plugins = ["ledger_fixtures"]

TOLLWATCH = [sys.executable, "-m", "tollwatch.cli"]


def _ingest(engine: Engine, *paths: Path | str, batch: int = 40) -> None:
    ingest(engine, iter_documents(paths), batch=batch, extractor=cached_extract)


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _records() -> list[dict]:
    return [json.loads(line) for line in MERGE_SET.read_text(encoding="utf-8").splitlines()]


def test_reingesting_changes_nothing(engine: Engine) -> None:
    _ingest(engine, MERGE_SET)
    with Session(engine) as s:
        first = snapshot(s)
    _ingest(engine, MERGE_SET, batch=7)
    with Session(engine) as s:
        assert snapshot(s) == first
    assert first["documents"] == len(_records())


def test_order_does_not_change_incidents(backend_url: str, tmp_path: Path) -> None:
    records = _records()[:120]
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    a = _write(tmp_path / "a.jsonl", records)
    b = _write(tmp_path / "b.jsonl", shuffled)
    eng = open_engine(backend_url)
    _ingest(eng, a, batch=25)
    with Session(eng) as s:
        ordered = snapshot(s)
        keys_a = sorted(r["id"] for r in incident_records(s))
    eng.dispose()
    if backend_url.startswith("sqlite"):
        other = open_engine(f"sqlite:///{tmp_path / 'other.db'}")
    else:
        other = open_engine(postgres_url())
    _ingest(other, b, batch=13)
    with Session(other) as s:
        assert snapshot(s) == ordered
        assert sorted(r["id"] for r in incident_records(s)) == keys_a
    other.dispose()


def test_copy_under_another_id_is_an_alias(engine: Engine, tmp_path: Path) -> None:
    records = _records()[:10]
    copy = dict(records[3], id="copy-of-" + records[3]["id"], url="https://example.org/copy")
    _ingest(engine, _write(tmp_path / "r.jsonl", [*records, copy]))
    with Session(engine) as s:
        assert s.scalar(select(func.count(DocumentRow.id))) == 10
        found = incident_records(s)
    primaries = [i for r in found for i in r["primary_reports"]]
    assert sorted(primaries) == sorted([r["id"] for r in records] + [copy["id"]])
    holder = next(r for r in found if copy["id"] in r["reports"])
    assert records[3]["id"] in holder["reports"]


def test_every_figure_records_the_extractor_version(engine: Engine) -> None:
    _ingest(engine, MERGE_SET)
    with Session(engine) as s:
        versions = set(s.scalars(select(FigureRow.extractor_version)))
    assert versions and "" not in versions


def test_rejects_are_stored_once(engine: Engine, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "ok", "text": "Two people were killed in Garissa."}\nnot json\n{"id": "e", "text": ""}\n'
    )
    _ingest(engine, bad)
    _ingest(engine, bad)
    with Session(engine) as s:
        stored = rejects(s)
    assert sorted(r["code"] for r in stored) == ["E101", "E103"]


def _count(url: str) -> int:
    # No migration here: the ingest being watched creates the tables, and two processes
    # creating them at once would race.
    eng = make_engine(url)
    try:
        with Session(eng) as s:
            return s.scalar(select(func.count(DocumentRow.id))) or 0
    finally:
        eng.dispose()


def _cli_ingest(url: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TOLLWATCH, "ingest", str(path), "--db", url, "--batch", "10", "--no-progress"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip


@pytest.mark.slow
def test_killed_ingest_resumes_without_loss(backend_url: str, tmp_path: Path) -> None:
    url = backend_url
    proc = subprocess.Popen(
        [*TOLLWATCH, "ingest", str(MERGE_SET), "--db", url, "--batch", "3", "--no-progress"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    # Small batches (the second process stores them as they come) and a quick poll, so the
    # kill lands half-way.
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            if _count(url) >= 40:
                break
        except Exception:
            continue
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(url)
    assert 0 < partial < len(_records()), "the kill should land half-way"
    rerun = _cli_ingest(url, MERGE_SET)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped {partial} already stored" in rerun.stderr, rerun.stderr
    eng = open_engine(url)
    with Session(eng) as s:
        resumed = snapshot(s)
    eng.dispose()
    clean = open_engine(f"sqlite:///{tmp_path / 'clean.db'}")
    _ingest(clean, MERGE_SET, batch=10)
    with Session(clean) as s:
        assert resumed == snapshot(s)
    clean.dispose()


def test_cli_ingest_twice_exits_zero_and_rejects_listed(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    path = _write(tmp_path / "few.jsonl", _records()[:8])
    with path.open("a") as f:
        f.write("{broken\n")
    first = _cli_ingest(db, path)
    assert first.returncode == 0, first.stderr
    again = _cli_ingest(db, path)
    assert again.returncode == 0 and "ingested 0 new document(s)" in again.stderr
    listed = subprocess.run(
        [*TOLLWATCH, "rejects", "--db", db, "--json"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert [r["code"] for r in json.loads(listed.stdout)] == ["E101"]
