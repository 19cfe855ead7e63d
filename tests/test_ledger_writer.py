"""The process writer: batches stored in a second process give the rows an inline run gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from ledger_helpers import MERGE_SET, cached_extract
from tollwatch.errors import ConfigError
from tollwatch.ledger.ingest import IngestStats, ingest
from tollwatch.ledger.query import snapshot
from tollwatch.ledger.store import open_engine
from tollwatch.read import iter_documents

pytest_plugins = ["ledger_fixtures"]


def _run(engine: Engine, writer: str, batch: int = 25) -> tuple[IngestStats, list[tuple[int, int]]]:
    seen: list[tuple[int, int]] = []
    stats = ingest(
        engine,
        iter_documents([MERGE_SET]),
        batch=batch,
        extractor=cached_extract,
        writer=writer,
        on_batch=lambda done, rejected: seen.append((done, rejected)),
    )
    return stats, seen


def test_process_writer_stores_what_inline_stores(backend_url: str, tmp_path: Path) -> None:
    inline = open_engine(f"sqlite:///{tmp_path / 'inline.db'}")
    expected, inline_batches = _run(inline, "inline")
    engine = open_engine(backend_url)
    got, batches = _run(engine, "process")
    with Session(inline) as a, Session(engine) as b:
        assert snapshot(b) == snapshot(a)
    assert got.to_dict() == expected.to_dict() and got.documents > 0
    # Progress is reported once per batch, in order, as the batches are stored.
    assert batches == inline_batches and len(batches) > 2
    again, _ = _run(engine, "process", batch=40)
    assert again.documents == 0 and again.skipped == expected.documents + expected.aliases
    inline.dispose()
    engine.dispose()


def test_auto_writer_keeps_a_single_batch_here(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'one.db'}")
    stats, batches = _run(engine, "auto", batch=10_000)
    assert len(batches) == 1 and stats.documents > 0
    engine.dispose()


def test_writer_error_is_raised_and_its_batch_not_kept(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'broken.db'}")
    with engine.begin() as conn:  # reading still works, storing events fails
        conn.execute(text("DROP TABLE block_keys"))
    with pytest.raises(Exception, match="block_keys"):
        _run(engine, "process")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == 0
    engine.dispose()


def test_unknown_or_impossible_writer_is_a_coded_error() -> None:
    engine = open_engine("sqlite://")
    with pytest.raises(ConfigError, match="E203"):
        _run(engine, "threads")
    with pytest.raises(ConfigError, match="E204"):
        _run(engine, "process")
    engine.dispose()


def test_extractions_cross_to_the_writer_unchanged() -> None:
    import pickle

    from tollwatch.model import Document
    from tollwatch.pipeline import extract

    doc = Document(
        id="fictional-1",
        text="At least 12 people, including three children, were killed in Nakuru on Monday, police said.",
        published=dt.date(2024, 5, 7),
    )
    result = extract(doc)
    back = pickle.loads(pickle.dumps((doc, result)))
    assert back == (doc, result) and back[1].to_dict() == result.to_dict()
    assert back[1].figures and back[1].figures[0].mentions == result.figures[0].mentions
