"""Alembic migrations for the ledger, configured in code (no ``alembic.ini``).

:func:`upgrade` brings a database to the newest revision; it runs on every
:func:`~tollwatch.ledger.store.open_engine`, and is quick when nothing is due.
Importing this module costs nothing (the fast read path reads :data:`HEAD`).
A new revision goes in ``versions/`` (``alembic revision --autogenerate`` with
:func:`config` works from Python).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

HERE = Path(__file__).parent

#: The newest revision in ``versions/`` (a test checks it against Alembic's head).
HEAD = "0004"


def config(engine: Engine) -> Config:
    """An Alembic config pointing at this folder and at ``engine``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", str(HERE / "versions"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database behind ``engine`` to ``revision`` (a no-op, without Alembic, when current)."""
    if revision == "head" and current(engine) == HEAD:
        return
    from alembic import command

    command.upgrade(config(engine), revision)


def current(engine: Engine) -> str | None:
    """The database's revision, or ``None`` before the first migration."""
    from sqlalchemy import text

    try:
        with engine.connect() as conn:
            return conn.execute(text("select version_num from alembic_version")).scalar()
    except Exception:
        return None


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(config(engine), revision)
