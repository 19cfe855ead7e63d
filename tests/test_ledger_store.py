"""Ledger storage: migrations, engines, and the Figure round trip through the database."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.orm import Session

from tollwatch.ledger.migrations import HEAD, upgrade
from tollwatch.ledger.rows import figure_from_row, figure_row
from tollwatch.ledger.store import DocumentRow, FigureRow, database_url, make_engine
from tollwatch.model import GROUPS, MEASURES, QUALIFIERS, SCOPES, Figure, Mention

pytest_plugins = ["ledger_fixtures"]

TABLES = {
    "documents", "document_aliases", "figures", "places", "events", "incidents", "incident_reports",
    "estimates_history", "rejects", "audit_log", "analyst_decisions", "block_keys", "event_links",
}  # fmt: skip


def test_migrations_create_every_table_and_rerun_cleanly(engine: Engine) -> None:
    assert set(inspect(engine).get_table_names()) >= TABLES
    upgrade(engine)  # already at head: nothing to do, no error
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() == HEAD


def test_head_constant_matches_alembic() -> None:
    from alembic.script import ScriptDirectory

    from tollwatch.ledger.migrations import HEAD, config

    assert ScriptDirectory.from_config(config(make_engine("sqlite://"))).get_current_head() == HEAD


def test_sqlite_is_in_wal_mode(tmp_path) -> None:
    eng = make_engine(str(tmp_path / "x.db"))
    with eng.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_database_url_forms(monkeypatch) -> None:
    monkeypatch.delenv("TOLLWATCH_DB", raising=False)
    assert database_url(None) == "sqlite:///tollwatch.db"
    assert database_url("out/demo.db") == "sqlite:///out/demo.db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("TOLLWATCH_DB", "other.db")
    assert database_url(None) == "sqlite:///other.db"


_int = st.one_of(st.none(), st.integers(min_value=0, max_value=2**31 - 1))
_text = st.text(max_size=40)
_mention = st.builds(Mention, st.integers(0, 10_000), st.integers(0, 10_000), _text)
figures = st.builds(
    Figure,
    id=st.from_regex(r"f[0-9]{1,4}", fullmatch=True),
    measure=st.sampled_from(MEASURES),
    low=_int,
    best=_int,
    high=_int,
    qualifier=st.sampled_from(QUALIFIERS),
    group=st.sampled_from(GROUPS),
    group_text=_text,
    scope=st.sampled_from(SCOPES),
    text=_text,
    start=st.integers(0, 10_000),
    end=st.integers(0, 10_000),
    sentence=_text,
    sentence_start=st.integers(0, 10_000),
    mentions=st.lists(_mention, max_size=3),
    source=st.one_of(st.none(), _text),
    place=st.one_of(st.none(), _text),
    subset_of=st.one_of(st.none(), st.just("f1")),
    revises=st.one_of(st.none(), st.just("f2")),
    confidence=st.floats(0, 1),
    parts=st.lists(st.from_regex(r"f[0-9]{1,3}", fullmatch=True), max_size=3),
    part_of=st.one_of(st.none(), st.just("f9")),
    perpetrator=st.booleans(),
    number_start=st.integers(0, 10_000),
    number_end=st.integers(0, 10_000),
    unverified=st.booleans(),
    cue_start=st.integers(-1, 10_000),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(figure=figures)
def test_figure_round_trip(engine: Engine, figure: Figure) -> None:
    """Figure → row → database → row → Figure gives the same figure (text with NUL excepted)."""
    figure.text = figure.text.replace("\x00", "")
    figure.group_text = figure.group_text.replace("\x00", "")
    figure.sentence = figure.sentence.replace("\x00", "")
    for m in figure.mentions:
        m.text = m.text.replace("\x00", "")
    if figure.source:
        figure.source = figure.source.replace("\x00", "")
    if figure.place:
        figure.place = figure.place.replace("\x00", "")
    with Session(engine) as session, session.begin():
        doc = session.scalar(select(DocumentRow).where(DocumentRow.input_id == "rt"))
        if doc is None:
            doc = DocumentRow(input_id="rt", content_hash="0" * 64, text="x", extractor_version="t")
            session.add(doc)
            session.flush()
        session.query(FigureRow).delete()
        session.add(figure_row(figure, doc.id, "9.9.9"))
    with Session(engine) as session:
        row = session.scalar(select(FigureRow))
        assert row is not None and row.extractor_version == "9.9.9"
        back = figure_from_row(row)
    assert back.to_dict() == figure.to_dict()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5) | st.integers(-9, 9), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(json_values)
def test_bulk_json_text_reads_back_as_json_dumps_does(value) -> None:
    """bulk_insert's JSON text (orjson) parses back to what ``json.dumps`` would have stored,
    key order included, non-string keys and integers beyond 64 bits too."""
    import json

    from tollwatch.ledger.store import json_text

    expected = json.loads(json.dumps(value))
    got = json.loads(json_text(value))
    assert got == expected
    assert json.dumps(got) == json.dumps(expected)
