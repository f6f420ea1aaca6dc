"""sort keys: names sort by a stored, indexed collation key the same way on SQLite and PostgreSQL

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 10:00:00

Each name lists sort by gets a twin column holding its key (bodesk.domain.common.sorting): products'
name and brand, categories', warehouses' and suppliers' names, suppliers' trade name and city, and
users' full names. A key is the name in lower case, accents removed, spaces collapsed, compared byte by
byte (COLLATE "C" on PostgreSQL), so "Água" sorts among the A's on both engines. The existing rows get
their keys here, computed as the domain computes them (the fold is copied so that this migration keeps
meaning what it meant when it was written).
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BATCH = 5_000
KEYS = (  # table, source column, key column, length
    ("products", "name", "name_key", 200),
    ("products", "brand", "brand_key", 100),
    ("categories", "name", "name_key", 100),
    ("warehouses", "name", "name_key", 100),
    ("suppliers", "name", "name_key", 200),
    ("suppliers", "trade_name", "trade_name_key", 200),
    ("suppliers", "city", "city_key", 100),
    ("users", "full_name", "full_name_key", 200),
)


def _key(text: str | None, length: int) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.lower().split())[:length]


def _key_type(length: int) -> sa.types.TypeEngine[str]:
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def upgrade() -> None:
    connection = op.get_bind()
    for table, source, key, length in KEYS:
        op.add_column(table, sa.Column(key, _key_type(length), nullable=False, server_default=""))
        op.create_index(op.f(f"ix_{table}_{key}"), table, [key], unique=False)
        rows = connection.execute(sa.text(f"SELECT id, {source} FROM {table}")).all()
        update = sa.text(f"UPDATE {table} SET {key} = :key WHERE id = :id")
        values = [{"id": row[0], "key": _key(row[1], length)} for row in rows]
        for start in range(0, len(values), BATCH):
            connection.execute(update, values[start : start + BATCH])


def downgrade() -> None:
    for table, _source, key, _length in reversed(KEYS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_{key}"))
            batch_op.drop_column(key)
