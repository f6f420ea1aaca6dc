"""versions: products and customers carry the version of their card, raised by each change, so that a
form saved after another desk changed the same card is refused instead of overwriting it

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 18:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = ("products", "customers")


def upgrade() -> None:
    # Added in place (no batch copy of the table: that would lose 0004's expression indexes).
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN version")
