"""Alembic migrations for the ledger, configured in code (no ``alembic.ini``).

:func:`upgrade` brings a database to the newest revision; it runs on every
:func:`~tollwatch.ledger.store.open_engine`, and is quick when nothing is due.
A new revision goes in ``versions/`` (``alembic revision --autogenerate`` with
:func:`config` works from Python).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

HERE = Path(__file__).parent


def config(engine: Engine) -> Config:
    """An Alembic config pointing at this folder and at ``engine``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", str(HERE / "versions"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database behind ``engine`` to ``revision``."""
    command.upgrade(config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(config(engine), revision)
