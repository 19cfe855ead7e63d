"""figures.span_field: the document field a figure's offsets index

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 18:20:00

A report whose body states no killed figure for its incident is read in its
headline too (:mod:`tollwatch.extract.headline`). Such a figure's ``start``,
``end`` and ``text`` are in the document's title, not its text:
``span_field`` is ``"title"`` for it and ``"text"`` for every other figure.
Rows stored before this revision were all read from the text.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("figures") as batch:
        batch.add_column(sa.Column("span_field", sa.String(16), server_default="text", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("figures") as batch:
        batch.drop_column("span_field")
