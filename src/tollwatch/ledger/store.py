"""The ledger's tables (SQLAlchemy 2) and how to open a database.

SQLite is the default (``./tollwatch.db``, WAL mode, so readers never block the
writer); PostgreSQL works the same through ``postgresql+psycopg://…``. The
schema is created and upgraded by the Alembic migrations in
``ledger/migrations`` (see :func:`open_engine`), never by ``create_all``.

Words: a *document* is one stored text; its other input ids are *aliases*.
An *event* is what one report describes (``Extraction.events``); an
*incident* is the merged record, supported by reports through
``incident_reports`` (one *primary* incident per document).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any, ClassVar, cast

import orjson
from sqlalchemy import (
    ARRAY,
    JSON,
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    any_,
    create_engine,
    event,
    false,
    func,
    literal,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# The URL rules live where the fast read-only path can use them without importing SQLAlchemy.
from tollwatch.ledger.light import DB_ENV as DB_ENV
from tollwatch.ledger.light import DEFAULT_DB as DEFAULT_DB
from tollwatch.ledger.light import database_url as database_url


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    input_id: Mapped[str] = mapped_column(String(512), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    source: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    extractor_version: Mapped[str] = mapped_column(String(32))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: The extraction's document-level toll and ACLED figure, as read.
    killed: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    injured: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    victims: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    acled_fatalities: Mapped[int | None] = mapped_column(Integer)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)


class DocumentAlias(Base):
    """Another input id (and URL) under which the same text arrived."""

    __tablename__ = "document_aliases"
    id: Mapped[int] = mapped_column(primary_key=True)
    input_id: Mapped[str] = mapped_column(String(512), unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class FigureRow(Base):
    __tablename__ = "figures"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    figure_id: Mapped[str] = mapped_column(String(64))
    measure: Mapped[str] = mapped_column(String(32))
    low: Mapped[int | None] = mapped_column(Integer)
    best: Mapped[int | None] = mapped_column(Integer)
    high: Mapped[int | None] = mapped_column(Integer)
    qualifier: Mapped[str] = mapped_column(String(32))
    group: Mapped[str] = mapped_column(String(32))
    group_text: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int] = mapped_column(Integer)
    mentions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    source: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text)
    subset_of: Mapped[str | None] = mapped_column(String(64))
    revises: Mapped[str | None] = mapped_column(String(64))
    confidence: Mapped[float] = mapped_column(Float)
    parts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    part_of: Mapped[str | None] = mapped_column(String(64))
    perpetrator: Mapped[bool] = mapped_column(Boolean, default=False)
    number_start: Mapped[int] = mapped_column(Integer)
    number_end: Mapped[int] = mapped_column(Integer)
    unverified: Mapped[bool] = mapped_column(Boolean, default=False)
    cue_start: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(32))
    #: "title" for a headline figure (offsets in the document's title), else "text".
    span_field: Mapped[str] = mapped_column(String(16), default="text", server_default="text")
    __table_args__ = (UniqueConstraint("document_id", "figure_id"),)


class PlaceRow(Base):
    __tablename__ = "places"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(Text)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(8))
    admin1: Mapped[str | None] = mapped_column(Text)
    admin2: Mapped[str | None] = mapped_column(Text)
    feature_code: Mapped[str | None] = mapped_column(String(16))
    precision: Mapped[int | None] = mapped_column(Integer)
    where_prec: Mapped[int | None] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(32))
    #: Fields the extractor adds to ``Place.to_dict`` after this schema was written.
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class EventRow(Base):
    """One report's event, flattened, with the blocking keys the merge looks up."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    event_key: Mapped[str] = mapped_column(String(600), unique=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    #: True when the report had no event and this one stands for the whole report.
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    type: Mapped[str] = mapped_column(String(64))
    sub_type: Mapped[str | None] = mapped_column(String(64))
    actors: Mapped[list[Any]] = mapped_column(JSON, default=list)
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(16))
    date_text: Mapped[str | None] = mapped_column(Text)
    location: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    place_key: Mapped[str | None] = mapped_column(String(300))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(8))
    admin1: Mapped[str | None] = mapped_column(Text)
    admin2: Mapped[str | None] = mapped_column(Text)
    killed: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    injured: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    victims: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    figures: Mapped[list[Any]] = mapped_column(JSON, default=list)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    #: The ordinal of the event of the same report whose figures hold all of this one's
    #: killed figures, with a toll at least as large (this event is a part of that one).
    within_ordinal: Mapped[int | None] = mapped_column(Integer)
    #: Words of the title and the event's sentences, for text similarity.
    tokens: Mapped[list[Any]] = mapped_column(JSON, default=list)


class BlockKey(Base):
    """An event's blocking keys: only events sharing a key are ever compared."""

    __tablename__ = "block_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(400), index=True)
    __table_args__ = (UniqueConstraint("event_id", "key"),)


class EventLink(Base):
    """A scored pair of events that passed blocking; the evidence explains the score."""

    __tablename__ = "event_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    a: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    b: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    __table_args__ = (UniqueConstraint("a", "b"),)


class Incident(Base):
    __tablename__ = "incidents"
    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable id derived from the first event of the cluster (``I`` + 10 hex digits).
    key: Mapped[str] = mapped_column(String(32), unique=True)
    type: Mapped[str] = mapped_column(String(64), index=True)
    sub_type: Mapped[str | None] = mapped_column(String(64))
    actors: Mapped[list[Any]] = mapped_column(JSON, default=list)
    location_name: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    admin1: Mapped[str | None] = mapped_column(String(200), index=True)
    admin2: Mapped[str | None] = mapped_column(Text)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    where_prec: Mapped[int | None] = mapped_column(Integer)
    date_start: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(16))
    week: Mapped[str | None] = mapped_column(String(10), index=True)
    killed_low: Mapped[int | None] = mapped_column(Integer)
    killed_best: Mapped[int | None] = mapped_column(Integer)
    killed_high: Mapped[int | None] = mapped_column(Integer)
    injured_low: Mapped[int | None] = mapped_column(Integer)
    injured_best: Mapped[int | None] = mapped_column(Integer)
    injured_high: Mapped[int | None] = mapped_column(Integer)
    victims: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    #: True when every report's killed figure behind this incident is, in that same report, a
    #: part of a larger toll that stands for another incident (the 745 civilians within the
    #: coast-wide 1,018): sums over incidents leave its toll out, so no death is counted twice.
    nested: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: The claims behind a disputed measure: {measure: [{report, published, source, low, best, high}]}.
    claims: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    n_reports: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (Index("ix_incidents_country_admin1_date", "country", "admin1", "date_start"),)


class IncidentReport(Base):
    """A report supporting an incident through one of its events."""

    __tablename__ = "incident_reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), unique=True)
    primary: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Why the event joined the incident: the link it joined through and its evidence.
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class EstimateHistory(Base):
    __tablename__ = "estimates_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_key: Mapped[str] = mapped_column(String(32), index=True)
    measure: Mapped[str] = mapped_column(String(32))
    low: Mapped[int | None] = mapped_column(Integer)
    best: Mapped[int | None] = mapped_column(Integer)
    high: Mapped[int | None] = mapped_column(Integer)
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Publication time of the report that changed the estimate.
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: Input ids of the reports the estimate rests on.
    reports: Mapped[list[Any]] = mapped_column(JSON, default=list)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class RejectRow(Base):
    __tablename__ = "rejects"
    id: Mapped[int] = mapped_column(primary_key=True)
    origin: Mapped[str] = mapped_column(String(600))
    reason: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(8))
    message: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (UniqueConstraint("origin", "reason"),)


class AuditLog(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AnalystDecision(Base):
    """A split or join, stored as must-link / cannot-link pairs of event keys.

    Event keys (``<input id>:e1``) do not change when incidents are recomputed,
    so a decision survives every later ingest.
    """

    __tablename__ = "analyst_decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    event_a: Mapped[str] = mapped_column(String(600), index=True)
    event_b: Mapped[str] = mapped_column(String(600), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(db: str | None = None) -> Engine:
    """An engine for ``db`` (see :func:`database_url`), without touching the schema."""
    url = database_url(db)
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///") :]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {}
    if url.startswith("postgresql"):
        # SQLAlchemy would send a flush of many new rows as one INSERT of a VALUES list a
        # hundred rows long; psycopg parses such a statement's text anew each time (it caches
        # only short ones) and the server plans it anew. Row by row, the statement is short,
        # parsed once and prepared: the ledger's ingest ran faster so on PostgreSQL.
        options["use_insertmanyvalues"] = False
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def open_engine(db: str | None = None) -> Engine:
    """An engine whose database has been migrated to the newest schema."""
    from tollwatch.ledger.migrations import upgrade

    engine = make_engine(db)
    upgrade(engine)
    return engine


# ---------------------------------------------------------------- bulk writes

#: Rows per ``IN`` list when reading back the ids of inserted rows (SQLite).
_ID_CHUNK = 500


def bulk_insert(
    session: Session, model: type[Base], rows: list[dict[str, Any]], key: str | None = None
) -> dict[Any, int]:
    """Insert ``rows`` (dicts with the same keys) through the driver: ``executemany``, or on
    PostgreSQL one ``COPY``.

    The ORM and SQLAlchemy's per-row parameter processing cost more than the
    database does for a batch of a few hundred rows; here each value is
    converted once (JSON dumped, dates formatted for SQLite) and the statement
    is prepared once. With ``key`` (a unique column) the new ids are read back
    and returned as ``{key value: id}``; no ordering of ``RETURNING`` is relied on.
    """
    if not rows:
        return {}
    table = cast(Table, model.__table__)
    conn = session.connection()
    dialect = conn.dialect
    names = list(rows[0])
    convert = [_converter(table.c[name].type, dialect.name) for name in names]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    marks = ", ".join(
        f"CAST({mark} AS JSON)" if isinstance(table.c[n].type, JSON) and mark == "%s" else mark for n in names
    )
    quote = dialect.identifier_preparer.quote
    sql = f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) VALUES ({marks})"
    params = _params(rows, names, convert)
    cursor = conn.connection.cursor()
    try:
        if mark == "%s":
            # PostgreSQL: one COPY, far cheaper per row than executemany (JSON goes as its text).
            columns = ", ".join(quote(n) for n in names)
            with cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
                for row_params in params:
                    copy.write_row(row_params)
        else:
            cursor.executemany(sql, params)
        if key is None:
            return {}
        return _ids_by(cursor, mark, quote(table.name), quote(key), [row[key] for row in rows])
    finally:
        cursor.close()


def bulk_update(session: Session, model: type[Base], rows: list[dict[str, Any]], key: str = "id") -> None:
    """Update rows by ``key`` (dicts with the same keys, ``key`` among them) through the
    driver's own ``executemany``: each value converted once, as in :func:`bulk_insert`."""
    if not rows:
        return
    table = cast(Table, model.__table__)
    conn = session.connection()
    dialect = conn.dialect
    names = [n for n in rows[0] if n != key]
    convert = [_converter(table.c[name].type, dialect.name) for name in names]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    sets = ", ".join(
        f"{quote(n)} = CAST({mark} AS JSON)"
        if isinstance(table.c[n].type, JSON) and mark == "%s"
        else f"{quote(n)} = {mark}"
        for n in names
    )
    sql = f"UPDATE {quote(table.name)} SET {sets} WHERE {quote(key)} = {mark}"
    params = _params(rows, [*names, key], [*convert, None])
    cursor = conn.connection.cursor()
    try:
        cursor.executemany(sql, params)
    finally:
        cursor.close()


def within(session: Session, column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """``column IN values`` as a statement whose text does not depend on the number of values:
    on PostgreSQL ``column = ANY(<one array parameter>)``, on SQLite ``column IN (SELECT value
    FROM json_each(<one JSON text parameter>))``. An ``in_`` list is expanded into one parameter
    per value at every execution (SQLAlchemy renders each, the driver parses the new text and
    the database plans it anew); this one is compiled, prepared and planned once. For values
    JSON and the driver pass as they are (ids, strings), never an empty test (callers skip those).
    """
    values = list(values)
    if session.get_bind().dialect.name == "postgresql":
        return cast(ColumnElement[bool], column == any_(literal(values, ARRAY(column.type))))
    each = func.json_each(literal(json_text(values), Text())).table_valued("value")
    return cast(ColumnElement[bool], column.in_(select(each.c.value)))


def rows_in(
    session: Session, sql: str, values: Sequence[Any], types: Sequence[Any] = (), fetch: bool = True
) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` (plain SQL whose ``{in_}`` marks are the test of a column against
    ``values``) through the driver, with none of SQLAlchemy's statement machinery (compiling,
    cache keys, result objects: more than the database's own work for the ingest's lookups).

    The marks become one statement whose text does not change, as in :func:`within`. The
    session is flushed first when it holds changes (as its autoflush would). ``types``: the
    SQLAlchemy types of the result columns, read as SQLAlchemy reads them (on SQLite, JSON text
    parsed, dates and datetimes parsed, booleans from 0/1; PostgreSQL's driver does it already);
    without, the values are the driver's (right for ids, strings and numbers). ``fetch=False``
    for a statement returning no rows (a ``DELETE``).
    """
    if not values:
        return []
    if session.autoflush and (session.new or session.dirty or session.deleted):
        session.flush()
    conn = session.connection()
    cursor = conn.connection.cursor()
    marks = sql.count("{in_}")
    try:
        if conn.dialect.name == "postgresql":
            cursor.execute(sql.format(in_="= ANY(%s)"), (list(values),) * marks)
            return list(cursor.fetchall()) if fetch else []
        listed = json_text(list(values))
        cursor.execute(sql.format(in_="IN (SELECT value FROM json_each(?))"), (listed,) * marks)
        rows: list[tuple[Any, ...]] = list(cursor.fetchall()) if fetch else []
    finally:
        cursor.close()
    readers = [_sqlite_reader(kind) for kind in types]
    if not any(readers):
        return rows
    pairs = [(i, f) for i, f in enumerate(readers) if f is not None]
    out = []
    for row in rows:
        values = list(row)
        for i, f in pairs:
            if values[i] is not None:
                values[i] = f(values[i])
        out.append(tuple(values))
    return out


def read_in(
    session: Session,
    model: type[Base],
    names: Sequence[str],
    column: str,
    values: Sequence[Any],
    tail: str = "",
) -> list[tuple[Any, ...]]:
    """Columns ``names`` of ``model``'s rows whose ``column`` is among ``values`` (then ``tail``,
    say an ``ORDER BY``), read through :func:`rows_in` with each column's type applied."""
    dialect = session.get_bind().dialect
    sql, types = _read_sql(dialect, model, tuple(names), column, tail)
    return rows_in(session, sql, values, types)


@functools.lru_cache(maxsize=64)
def _read_sql(
    dialect: Any, model: type[Base], names: tuple[str, ...], column: str, tail: str
) -> tuple[str, Any]:
    table = cast(Table, model.__table__)
    quote = dialect.identifier_preparer.quote
    sql = (
        f"SELECT {', '.join(quote(n) for n in names)} FROM {quote(table.name)} WHERE {quote(column)} {{in_}}"
    )
    return f"{sql} {tail}".strip(), [table.c[n].type for n in names]


def _sqlite_reader(kind: Any) -> Any:
    """How SQLAlchemy reads a SQLite value of column type ``kind`` (``None``: as it is)."""
    if isinstance(kind, JSON):
        return json.loads
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat
    if isinstance(kind, Date):
        return dt.date.fromisoformat
    if isinstance(kind, Boolean):
        return bool
    return None


def _ids_by(cursor: Any, mark: str, table: str, key: str, values: list[Any]) -> dict[Any, int]:
    out: dict[Any, int] = {}
    if mark == "%s":  # PostgreSQL: one array parameter, one small statement
        cursor.execute(f"SELECT {key}, id FROM {table} WHERE {key} = ANY(%s)", (values,))
        out.update(cursor.fetchall())
        return out
    for i in range(0, len(values), _ID_CHUNK):
        part = values[i : i + _ID_CHUNK]
        cursor.execute(f"SELECT {key}, id FROM {table} WHERE {key} IN ({', '.join('?' * len(part))})", part)
        out.update(cursor.fetchall())
    return out


def _params(rows: list[dict[str, Any]], names: list[str], convert: list[Any]) -> list[tuple[Any, ...]]:
    """The driver's parameter tuples of ``rows``: read by one ``itemgetter``, and each converter
    mapped over its own column only (a per-value test and call cost more than the database did)."""
    get = itemgetter(*names)
    tuples = list(map(get, rows)) if len(names) > 1 else [(get(row),) for row in rows]
    if not any(convert):
        return tuples
    columns: list[Iterable[Any]] = list(zip(*tuples, strict=True))
    for i, f in enumerate(convert):
        if f is not None:
            columns[i] = map(f, columns[i])
    return list(zip(*columns, strict=True))


def json_text(value: Any) -> str:
    """``value`` as JSON text, through orjson (several times faster than ``json.dumps``; the
    text differs in spacing and escapes only and reads back to the same value, keys in the same
    order, non-string keys as strings like ``json.dumps``). What orjson refuses (an integer
    beyond 64 bits, say) goes through ``json.dumps``."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
        return json.dumps(value)


def _converter(kind: Any, dialect: str) -> Any:
    """How a Python value of column type ``kind`` is handed to the driver (``None``: as it is)."""
    if isinstance(kind, JSON):
        return json_text
    if dialect == "sqlite" and isinstance(kind, DateTime):
        return _sqlite_datetime
    if dialect == "sqlite" and isinstance(kind, Date):
        return _sqlite_date
    return None


def _sqlite_datetime(value: dt.datetime | None) -> str | None:
    # SQLAlchemy's SQLite DATETIME storage format, so that rows written here read back alike.
    if value is None:
        return None
    if value.year >= 1000:  # the same text as strftime's, a quarter of its cost
        return value.isoformat(" ", "microseconds")
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _sqlite_date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
