"""Helpers for the ledger tests: paths, the PostgreSQL test server, a memoised extractor.

The fixtures live in ``ledger_fixtures`` (load with ``pytest_plugins = ["ledger_fixtures"]``).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tollwatch.ledger.store import database_url
from tollwatch.model import Document, Extraction

ROOT = Path(__file__).resolve().parents[1]
MERGE_SET = ROOT / "tests" / "data" / "merge_set" / "reports.jsonl"
PG_ENV = "TOLLWATCH_TEST_PG"

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _reset_postgres(url: str) -> None:
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def postgres_url() -> str:
    """The test server's URL, emptied; skips the test when it is not configured or not reachable."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set: PostgreSQL ledger tests skipped (.ci/run sets it)")
    try:
        _reset_postgres(url)
    except Exception as err:
        pytest.skip(f"PostgreSQL at {url} is unreachable ({type(err).__name__}): tests skipped")
    return database_url(url)


@functools.cache
def _cached(doc_id: str, text_: str, published: dt.date | None, title: str | None) -> Extraction:
    from tollwatch.pipeline import extract

    return extract(Document(id=doc_id, text=text_, published=published, title=title))


def cached_extract(doc: Document) -> Extraction:
    """The pipeline, memoised per document content, so several ingests in a session extract once."""
    result = _cached(doc.id, doc.text, doc.published, doc.title)
    result.url, result.source = doc.url, doc.source
    return result
