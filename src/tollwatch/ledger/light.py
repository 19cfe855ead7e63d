"""Read-only answers for commands that must start fast: the standard library's sqlite3, no SQLAlchemy.

Importing SQLAlchemy and mapping the ledger's tables takes most of a second on
a small machine, longer than the query itself. ``tollwatch tolls`` over a
SQLite ledger therefore runs its one ``GROUP BY`` here. The SQL is the same
text :func:`tollwatch.ledger.query.tolls` runs through SQLAlchemy on every
database, so both paths give the same rows. A database that is not a SQLite
file, a file that does not exist, or one not at the newest schema revision
(it needs :func:`~tollwatch.ledger.store.open_engine` to migrate it) gets
``None`` here and goes the normal way.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

#: The database used when neither ``--db`` nor ``TOLLWATCH_DB`` names one.
DEFAULT_DB = "sqlite:///tollwatch.db"

#: Environment variable naming the database URL (or a plain file path).
DB_ENV = "TOLLWATCH_DB"

TOLL_GROUPINGS = ("country", "admin1", "day", "week")

_GROUP_COLUMNS = {
    "country": ("country",),
    "admin1": ("country", "admin1"),
    "day": ("date_start",),
    "week": ("week",),
}


def database_url(db: str | None = None) -> str:
    """``--db`` or ``TOLLWATCH_DB`` or the default; a plain path means a SQLite file."""
    value = db or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" not in value:
        return f"sqlite:///{value}"
    if value.startswith("postgresql://"):
        return "postgresql+psycopg://" + value[len("postgresql://") :]
    return value


def tolls_sql(by: str) -> tuple[str, list[str]]:
    """The ``tolls`` query grouped ``by`` (portable SQL), and the names of its group columns."""
    if by not in TOLL_GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}; use one of {', '.join(TOLL_GROUPINGS)}")
    columns = ", ".join(f"incidents.{c}" for c in _GROUP_COLUMNS[by])
    # A nested incident's toll is already inside another incident's (see Incident.nested):
    # it is counted among the incidents, never added to the sums.
    sums = ", ".join(
        f"sum(CASE WHEN incidents.nested THEN NULL ELSE incidents.{c} END)"
        for c in ("killed_low", "killed_best", "killed_high", "injured_best")
    )
    sql = (
        f"SELECT {columns}, count(incidents.id), {sums},"
        " sum(CASE WHEN incidents.disputed THEN 1 ELSE 0 END),"
        " sum(CASE WHEN incidents.nested THEN 1 ELSE 0 END)"
        f" FROM incidents GROUP BY {columns} ORDER BY {columns}"
    )
    return sql, ["day" if c == "date_start" else c for c in _GROUP_COLUMNS[by]]


def toll_records(rows: Iterable[Sequence[Any]], names: list[str]) -> list[dict[str, Any]]:
    """The rows of :func:`tolls_sql` as dicts (dates as ISO strings, missing sums as 0)."""
    out = []
    for row in rows:
        values = list(row)
        record = {n: _plain(v) for n, v in zip(names, values, strict=False)}
        n, kl, kb, kh, ib, disputed, nested = values[len(names) :]
        record |= {
            "incidents": n,
            "killed_low": kl or 0,
            "killed_best": kb or 0,
            "killed_high": kh or 0,
            "injured_best": ib or 0,
            "disputed": disputed or 0,
            "nested": nested or 0,
        }
        out.append(record)
    return out


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def sqlite_file(db: str | None) -> Path | None:
    """The file behind ``db`` when it names an existing SQLite file, else ``None``."""
    url = database_url(db)
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    path = url[len("sqlite:///") :]
    if not path or path == ":memory:" or not Path(path).is_file():
        return None
    return Path(path)


def tolls(db: str | None, by: str) -> list[dict[str, Any]] | None:
    """:func:`tollwatch.ledger.query.tolls` over a current SQLite ledger, or ``None`` (use that)."""
    import sqlite3

    from tollwatch.ledger.migrations import HEAD

    path = sqlite_file(db)
    if path is None:
        return None
    sql, names = tolls_sql(by)
    try:
        conn = sqlite3.connect(path, timeout=30)
    except sqlite3.Error:
        return None
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != HEAD:
            return None
        return toll_records(conn.execute(sql), names)
    except sqlite3.Error:
        return None
    finally:
        conn.close()
