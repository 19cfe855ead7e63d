"""Merging reports into incidents: quality on the merge set, blocking, primaries, decisions, --why."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ledger_helpers import MERGE_SET, cached_extract
from tollwatch.cli import main
from tollwatch.eval import b_cubed, pairwise_prf
from tollwatch.ledger import decisions
from tollwatch.ledger.ingest import ingest
from tollwatch.ledger.merge import block_keys
from tollwatch.ledger.query import incident_records, show
from tollwatch.ledger.store import EventLink, EventRow
from tollwatch.read import iter_documents

pytest_plugins = ["ledger_fixtures"]

#: Pairwise same-incident F1 on primary incidents must stay at or above this.
MIN_PAIRWISE_F1 = 0.90


def _gold() -> dict[str, str]:
    lines = MERGE_SET.read_text(encoding="utf-8").splitlines()
    return {r["id"]: r["incident"] for r in map(json.loads, lines)}


@pytest.fixture
def merged(engine: Engine) -> Engine:
    ingest(engine, iter_documents([MERGE_SET]), batch=50, extractor=cached_extract)
    return engine


def test_merge_set_shape() -> None:
    records = [json.loads(line) for line in MERGE_SET.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 200
    assert len({r["incident"] for r in records}) >= 60
    assert all(r["fictional"] and "(Fictional example.)" in r["text"] for r in records)


def test_pairwise_f1_on_primary_incidents(merged: Engine) -> None:
    gold = _gold()
    with Session(merged) as s:
        records = incident_records(s)
    predicted = {doc: r["id"] for r in records for doc in r["primary_reports"]}
    assert set(predicted) == set(gold)
    prf = pairwise_prf(predicted, gold)
    assert prf.f1 >= MIN_PAIRWISE_F1, (prf, b_cubed(predicted, gold))


def test_every_report_has_exactly_one_primary_incident(merged: Engine) -> None:
    with Session(merged) as s:
        records = incident_records(s)
    primaries = Counter(doc for r in records for doc in r["primary_reports"])
    supported = {doc for r in records for doc in r["reports"]}
    assert set(primaries) == set(_gold()) == supported
    assert set(primaries.values()) == {1}


def test_blocking_compares_far_fewer_pairs_than_all(merged: Engine) -> None:
    with Session(merged) as s:
        events = s.scalar(select(func.count(EventRow.id))) or 0
        links = s.scalar(select(func.count(EventLink.id))) or 0
    assert links < events * 4 < events * (events - 1) / 2


def test_far_apart_events_share_no_block_key() -> None:
    import datetime as dt

    def ev(lat: float, lon: float, day: int, key: str) -> EventRow:
        return EventRow(
            place_key=key, lat=lat, lon=lon, country="KE", admin1=key, admin2=None,
            location={"precision": 1}, date_start=dt.date(2024, 5, day), date_end=dt.date(2024, 5, day),
        )  # fmt: skip

    near = ev(-0.45, 39.64, 3, "g1")
    assert block_keys(near, probe=True) & block_keys(ev(-0.46, 39.65, 4, "g2"))
    assert not block_keys(near, probe=True) & block_keys(ev(-0.45, 39.64, 20, "g1"))
    assert not block_keys(near, probe=True) & block_keys(ev(3.9, 41.8, 3, "g3"))


def _primary_of(records: list[dict], report: str) -> dict:
    return next(r for r in records if report in r["primary_reports"])


def test_split_and_join_survive_reingest(merged: Engine) -> None:
    with Session(merged) as s:
        big = max(incident_records(s), key=lambda r: len(r["primary_reports"]))
    anchor, report = big["primary_reports"][0], big["primary_reports"][-1]
    with Session(merged) as s, s.begin():
        decisions.split(s, big["id"], report)
    ingest(merged, iter_documents([MERGE_SET]), batch=50, extractor=cached_extract)
    with Session(merged) as s:
        records = incident_records(s)
    assert _primary_of(records, report)["id"] != _primary_of(records, anchor)["id"]
    with Session(merged) as s, s.begin():
        decisions.join(s, _primary_of(records, anchor)["id"], _primary_of(records, report)["id"])
    ingest(merged, iter_documents([MERGE_SET]), batch=50, extractor=cached_extract)
    with Session(merged) as s:
        records = incident_records(s)
    assert _primary_of(records, report)["id"] == _primary_of(records, anchor)["id"]


def test_show_why_prints_the_evidence(merged: Engine, backend_url: str) -> None:
    with Session(merged) as s:
        big = max(incident_records(s), key=lambda r: len(r["reports"]))
        shown = show(s, big["id"])
    assert shown is not None
    assert any(item["why"].get("reasons") for item in shown["supporting"])
    result = CliRunner().invoke(main, ["show", big["id"], "--why", "--db", backend_url])
    assert result.exit_code == 0, result.output
    assert "why:" in result.output and "same place" in result.output
