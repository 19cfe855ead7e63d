"""Queries: filters, tolls by grouping (fast on thousands of incidents), CLI tables and JSON."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ledger_helpers import MERGE_SET, cached_extract
from tollwatch.cli import main
from tollwatch.ledger.ingest import ingest
from tollwatch.ledger.query import Filters, incident_records, tolls
from tollwatch.ledger.store import Incident
from tollwatch.read import iter_documents

pytest_plugins = ["ledger_fixtures"]


@pytest.fixture
def filled(engine: Engine) -> Engine:
    ingest(engine, iter_documents([MERGE_SET]), batch=60, extractor=cached_extract)
    return engine


def test_filters(filled: Engine) -> None:
    with Session(filled) as s:
        everything = incident_records(s)
        kenya = incident_records(s, Filters(country="ke"))
        since = incident_records(s, Filters(since=dt.date(2024, 6, 1)))
        box = incident_records(s, Filters(bbox=(35.0, 34.0, 37.0, 36.5)))
    assert kenya and all(r["location"]["country"] == "KE" for r in kenya) and len(kenya) < len(everything)
    assert since and all(r["date"]["start"] >= "2024-06-01" for r in since)
    assert box and all(r["location"]["country"] == "SY" for r in box)


def test_tolls_by_each_grouping(filled: Engine) -> None:
    with Session(filled) as s:
        # Nested incidents' tolls are parts of others' and are not summed (test_ledger_nested.py).
        total = sum(r["killed"]["best"] or 0 for r in incident_records(s) if not r["nested"])
        for by in ("country", "admin1", "day", "week"):
            rows = tolls(s, by)
            assert rows and sum(r["killed_best"] for r in rows) == total


def test_tolls_answer_fast_on_many_incidents(engine: Engine) -> None:
    start = dt.date(2015, 1, 1)
    with Session(engine) as s, s.begin():
        s.add_all(
            Incident(
                key=f"I{i:010d}",
                type="battle",
                country=("KE", "GH", "BF")[i % 3],
                admin1=f"A{i % 40}",
                date_start=start + dt.timedelta(days=i % 3000),
                week=f"{2015 + i % 9}-W{i % 52 + 1:02d}",
                killed_low=i % 7,
                killed_best=i % 9,
                killed_high=i % 11,
            )
            for i in range(6500)
        )
    with Session(engine) as s:
        for by in ("country", "admin1", "day", "week"):
            began = time.perf_counter()
            rows = tolls(s, by)
            assert time.perf_counter() - began < 1.0, by
            assert sum(r["incidents"] for r in rows) == 6500


def test_cli_tables_and_json(filled: Engine, backend_url: str) -> None:
    runner = CliRunner()
    table = runner.invoke(main, ["incidents", "--db", backend_url, "--country", "SY"])
    assert table.exit_code == 0 and "incident(s)" in table.output
    listed = json.loads(runner.invoke(main, ["incidents", "--db", backend_url, "--json"]).output)
    assert listed and "primary_reports" in listed[0]
    by_week = runner.invoke(main, ["tolls", "--by", "week", "--db", backend_url, "--json"])
    assert by_week.exit_code == 0 and json.loads(by_week.output)[0]["week"]
    shown = runner.invoke(main, ["show", listed[0]["primary_reports"][0], "--db", backend_url, "--json"])
    assert json.loads(shown.output)["id"] == listed[0]["id"]


def test_fast_sqlite_tolls_equal_the_sqlalchemy_path(filled: Engine, tmp_path) -> None:
    from tollwatch.ledger import light

    url = filled.url.render_as_string(hide_password=False)
    if filled.dialect.name != "sqlite":
        assert light.tolls(url, "admin1") is None  # PostgreSQL: always the SQLAlchemy path
        return
    with Session(filled) as s:
        for by in ("country", "admin1", "day", "week"):
            assert light.tolls(url, by) == tolls(s, by)
    assert light.tolls(str(tmp_path / "missing.db"), "country") is None  # open_engine creates it
    table = CliRunner().invoke(main, ["tolls", "--by", "admin1", "--db", url])
    assert table.exit_code == 0 and "tolls by admin1" in table.output and "killed_best" in table.output
