"""Fixtures for the ledger tests: one database per test, on SQLite and on PostgreSQL.

PostgreSQL runs when ``TOLLWATCH_TEST_PG`` names a reachable server (``.ci/run``
starts one); otherwise those cases skip and say why. A test module loads these
with ``pytest_plugins = ["ledger_fixtures"]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ledger_helpers import BACKENDS, postgres_url
from tollwatch.ledger.store import open_engine


@pytest.fixture(params=BACKENDS)
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL: a SQLite file, or the emptied PostgreSQL test database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return postgres_url()


@pytest.fixture
def engine(backend_url: str) -> Iterator[Engine]:
    eng = open_engine(backend_url)
    yield eng
    eng.dispose()
