"""events.within_ordinal and incidents.nested: parts of a larger toll are not summed twice

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 16:40:00

A report that gives a total and a part of it ("more than 1,000 killed ... at
least 745 of them civilians") can yield two events, one per figure, that may
join different incidents. ``events.within_ordinal`` records, per report, which
event's figures hold the other's; ``incidents.nested`` marks an incident whose
every killed figure is such a part, so sums over incidents skip its toll.
Rows stored before this revision read as not nested (as they were summed).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("within_ordinal", sa.Integer(), nullable=True))
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("nested", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("nested")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("within_ordinal")
