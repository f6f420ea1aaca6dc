"""hardening: names sort by a stored collation key; the audit log and final records refuse INSERT OR
REPLACE too (SQLite); an index of the stock held per lot

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 18:00:00

The sort keys: each name lists sort by gets a twin column holding its key (bodesk.domain.common.sorting): products'
name and brand, categories', warehouses' and suppliers' names, suppliers' trade name and city, and
users' full names. A key is the name in lower case, accents removed, spaces collapsed, compared byte by
byte (COLLATE "C" on PostgreSQL), so "Água" sorts among the A's on both engines. The existing rows get
their keys here, computed as the domain computes them (the fold is copied so that this migration keeps
meaning what it meant when it was written).

The index: the lots list shows only lots that still hold stock, sorted by expiry: each lot it walks
asks whether some quant of it holds a positive quantity (in one warehouse, when filtered). On the large
demo most old lots are emptied, so the default page walked tens of thousands of them. An index on
stock_quants (lot_id, quantity, location_id) answers that from the index alone (count plus first page
of the lots list: ~160 ms -> ~40 ms).

The triggers:
SQLite's INSERT OR REPLACE deletes the row it replaces without firing its delete triggers: an audit
entry could be overwritten despite the append-only triggers of 0001, and a finished purchase order or
count (or one of its lines) replaced despite those of 0003; a posted row could be replaced through
another unique key than its id (a receipt by its number). This adds, on SQLite only, a BEFORE INSERT
trigger on each of those tables that refuses a row replacing a final one by any unique key:
`audit_log_no_replace` (every audit entry is final), and `TABLE_final_replace` on stock_moves,
stock_operations, receipts, receipt_lines (any row), purchase_orders and stock_counts (while received
or cancelled, posted or cancelled) and their lines (while their document is). The posted tables'
`TABLE_final_replace` of 0003, which compared the id only, is replaced. Nothing changes on
PostgreSQL, whose INSERT ... ON CONFLICT DO UPDATE fires the update triggers that refuse it already.

The sort keys are added first: the replace guards are created last, after any change to a table.
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

from bodesk.store import triggers

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

POSTED = ("stock_moves", "stock_operations", "receipts", "receipt_lines")
DOCUMENTS = (("purchase_orders", ("received", "cancelled")), ("stock_counts", ("posted", "cancelled")))
LINES = (
    ("purchase_order_lines", "order_id", "purchase_orders", ("received", "cancelled")),
    ("stock_count_lines", "count_id", "stock_counts", ("posted", "cancelled")),
)

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


def _in(states: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{state}'" for state in states) + ")"


def upgrade() -> None:
    _add_sort_keys()
    op.create_index("ix_stock_quants_lot_stock", "stock_quants", ["lot_id", "quantity", "location_id"])
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    triggers.replace_guard(
        connection, "audit_log", name="audit_log_no_replace", message="the audit log is append-only"
    )
    for table in POSTED:
        triggers.replace_guard(connection, table)
    for table, states in DOCUMENTS:
        triggers.replace_guard(connection, table, final_when=f"existing.status IN {_in(states)}")
    for table, key, document, states in LINES:
        triggers.replace_guard(
            connection,
            table,
            final_when=f"(SELECT status FROM {document} WHERE id = existing.{key}) IN {_in(states)}",
        )


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_replace")
        for table in (*(table for table, _states in DOCUMENTS), *(line[0] for line in LINES)):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_final_replace")
        for table in POSTED:
            triggers.replace_guard(connection, table, keys=[["id"]])
    op.drop_index("ix_stock_quants_lot_stock", table_name="stock_quants")
    _drop_sort_keys()


def _add_sort_keys() -> None:
    connection = op.get_bind()
    for table, source, key, length in KEYS:
        op.add_column(table, sa.Column(key, _key_type(length), nullable=False, server_default=""))
        op.create_index(op.f(f"ix_{table}_{key}"), table, [key], unique=False)
        rows = connection.execute(sa.text(f"SELECT id, {source} FROM {table}")).all()
        update = sa.text(f"UPDATE {table} SET {key} = :key WHERE id = :id")
        values = [{"id": row[0], "key": _key(row[1], length)} for row in rows]
        for start in range(0, len(values), BATCH):
            connection.execute(update, values[start : start + BATCH])


def _drop_sort_keys() -> None:
    for table, _source, key, _length in reversed(KEYS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_{key}"))
            batch_op.drop_column(key)
