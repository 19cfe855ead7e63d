"""Reconciliation: revisions by publication date, disputes flagged with their claims, history rows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ledger_helpers import cached_extract
from tollwatch.ledger.ingest import ingest
from tollwatch.ledger.query import incident_records
from tollwatch.ledger.reconcile import Claim, combine
from tollwatch.read import iter_documents

pytest_plugins = ["ledger_fixtures"]


def _claim(day: int, best: int, source: str = "A", low: int | None = None, high: int | None = None) -> Claim:
    return Claim(f"r{day}{source}", dt.date(2024, 5, day), source, low if low is not None else best, best,
                 high if high is not None else best)  # fmt: skip


def test_later_larger_toll_revises_the_earlier() -> None:
    result = combine([_claim(1, 5), _claim(2, 9, "B"), _claim(3, 14, "C")])
    assert (result.estimate.low, result.estimate.best, result.estimate.high) == (14, 14, 14)
    assert not result.disputed


def test_same_day_disagreement_is_disputed_not_averaged() -> None:
    result = combine([_claim(2, 10, "A"), _claim(2, 16, "B")])
    assert result.disputed
    assert result.estimate.low == 10 and result.estimate.high == 16
    assert result.estimate.best in (10, 16)


def test_later_lower_claim_from_another_source_is_a_dispute() -> None:
    result = combine([_claim(1, 20, "A"), _claim(3, 12, "B")])
    assert result.disputed and result.estimate.best == 12 and result.estimate.high == 20


def test_same_source_revision_downwards_replaces() -> None:
    result = combine([_claim(1, 20, "A"), _claim(3, 12, "A")])
    assert not result.disputed and result.estimate.best == 12


def test_ranges_keep_low_and_high() -> None:
    result = combine([_claim(1, 47, "A", low=40, high=55)])
    assert (result.estimate.low, result.estimate.best, result.estimate.high) == (40, 47, 55)


REPORTS = [
    {"id": "h1", "published": "2024-05-06", "source": "Paper One",
     "text": "Gunmen killed five people in Garissa on Monday, police said. (Fictional example.)"},
    {"id": "h2", "published": "2024-05-07", "source": "Paper Two",
     "text": "The death toll from the gun attack in Garissa on Monday has risen to nine, "
             "police said. (Fictional example.)"},
    {"id": "h3", "published": "2024-05-08", "source": "Paper Three",
     "text": "Gunmen killed fourteen people in Garissa on Monday, police said. (Fictional example.)"},
]  # fmt: skip


def test_history_rows_follow_publication_order(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    # Arrival order is the reverse of publication order: the history must not care.
    path.write_text("".join(json.dumps(r) + "\n" for r in reversed(REPORTS)), encoding="utf-8")
    ingest(engine, iter_documents([path]), extractor=cached_extract)
    with Session(engine) as s:
        (record,) = [r for r in incident_records(s) if "h1" in r["reports"]]
    assert sorted(record["reports"]) == ["h1", "h2", "h3"]
    killed = [h for h in record["history"] if h["measure"] == "killed"]
    assert [h["best"] for h in killed] == [5, 9, 14]
    assert [h["changed_at"][:10] for h in killed] == ["2024-05-06", "2024-05-07", "2024-05-08"]
    assert killed[-1]["reports"] == ["h3"]
    assert record["killed"]["best"] == 14 and record["acled_fatalities"] == 14


def test_the_wounded_who_died_later_are_no_longer_injured() -> None:
    from tollwatch.ledger.reconcile import died_of_wounds

    day = dt.date(2031, 3, 1)
    injured = [Claim("r1", day, "a", 1, 1, 1)]
    killed = [Claim("r2", day + dt.timedelta(days=2), "b", 1, 1, 1)]
    assert combine(died_of_wounds(injured, killed)).estimate.best == 0
    # A rise larger than the wounded counted is new dead found, not the wounded: injured unchanged.
    many = [Claim("r1", day, "a", 200, 200, 200)]
    rose = [
        Claim("r1", day, "a", 600, 600, 600),
        Claim("r2", day + dt.timedelta(days=2), "b", 1000, 1000, 1000),
    ]
    assert combine(died_of_wounds(many, rose)).estimate.best == 200
