"""A part of a larger toll is never summed twice: events within events, nested incidents.

A report that gives a total and a part of it ("more than 1,000 killed ... at
least 745 civilians") can yield one event per figure, and the two may join
different incidents. The part's incident is then *nested*: listed, exported
and tagged, but left out of every sum over incidents.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ledger_helpers import ROOT, cached_extract
from tollwatch.export import export
from tollwatch.ledger.cluster import PlainRow
from tollwatch.ledger.ingest import ingest
from tollwatch.ledger.query import incident_records, tolls
from tollwatch.ledger.reconcile import nested
from tollwatch.ledger.rows import mark_within
from tollwatch.read import iter_documents

pytest_plugins = ["ledger_fixtures"]

DEMO = ROOT / "demo" / "reports.jsonl"


def row(ordinal: int, figures: list[str], best: int | None) -> dict[str, Any]:
    return {"ordinal": ordinal, "figures": figures, "killed": {"best": best}, "within_ordinal": None}


def test_an_event_whose_figures_another_event_holds_is_within_it() -> None:
    total, part = row(0, ["f1", "f2", "f3"], 1018), row(1, ["f2"], 745)
    mark_within([total, part], {"f1": set(), "f2": set(), "f3": set()})
    assert part["within_ordinal"] == 0 and total["within_ordinal"] is None


def test_a_subset_link_counts_as_held() -> None:
    total, part = row(0, ["f1"], 31), row(1, ["f2"], 9)
    mark_within([total, part], {"f1": set(), "f2": {"f1"}})
    assert part["within_ordinal"] == 0


def test_a_larger_figure_is_never_within_a_smaller_toll() -> None:
    # One report, two attacks: the main event lists both figures but its toll is the first town's.
    first, second = row(0, ["f1", "f2"], 5), row(1, ["f2"], 7)
    mark_within([first, second], {"f1": set(), "f2": set()})
    assert second["within_ordinal"] is None


def test_events_with_the_same_figures_nest_one_way_only() -> None:
    a, b = row(0, ["f1"], 12), row(1, ["f1"], 12)
    mark_within([a, b], {"f1": set()})
    assert (a["within_ordinal"], b["within_ordinal"]) == (None, 0)


def event(doc: int, ordinal: int, best: int | None, within: int | None = None) -> Any:
    values = {"document_id": doc, "ordinal": ordinal, "killed": {"best": best}, "within_ordinal": within}
    return PlainRow(values)


def test_an_incident_is_nested_only_when_each_toll_is_held_elsewhere() -> None:
    assert nested([event(1, 1, 745, within=0), event(2, 0, None)])
    # Its holder joined the same incident: the toll is this incident's own.
    assert not nested([event(1, 1, 745, within=0), event(1, 0, 1018)])
    # Another report gives its own toll for it: counted here.
    assert not nested([event(1, 1, 745, within=0), event(2, 0, 760)])
    assert not nested([event(1, 0, None)])


@pytest.fixture
def demo(engine: Engine) -> Engine:
    ingest(engine, iter_documents([str(DEMO)]), extractor=cached_extract)
    return engine


def test_the_demo_civilian_toll_is_nested_in_the_coast_toll_and_summed_once(demo: Engine) -> None:
    with Session(demo) as s:
        records = incident_records(s)
        by_country = {r["country"]: r for r in tolls(s, "country")}
    syria = [r for r in records if r["location"]["country"] == "SY"]
    civilians = [r for r in syria if r["killed"]["best"] == 745]
    coast = [r for r in syria if (r["killed"]["best"] or 0) > 1000]
    assert len(civilians) == 1 and len(coast) == 1
    assert civilians[0]["nested"] and civilians[0]["within"] == [coast[0]["id"]]
    assert not coast[0]["nested"]
    counted = sum(r["killed"]["best"] or 0 for r in syria if not r["nested"])
    assert by_country["SY"]["killed_best"] == counted < counted + 745
    assert by_country["SY"]["nested"] == 1
    assert sum(r["killed_best"] for r in by_country.values()) == sum(
        r["killed"]["best"] or 0 for r in records if not r["nested"]
    )


def test_exports_carry_the_nesting(demo: Engine, tmp_path: Path) -> None:
    import pandas as pd

    for name, file in (("acled", "a.csv"), ("jsonl", "a.jsonl")):
        with (tmp_path / file).open("wb") as out:
            export(demo, name, out)
    acled = pd.read_csv(tmp_path / "a.csv")
    tagged = acled[acled["tags"].str.contains("not to be summed", na=False)]
    assert len(tagged) == 1 and int(tagged["fatalities"].iloc[0]) == 745
    lines = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert [r["killed"]["best"] for r in lines if r["nested"]] == [745]
