"""hardening: names sort by a stored collation key; codes in capitals, unique ignoring case; the audit
log and final records refuse INSERT OR REPLACE too (SQLite); an index of the stock held per lot

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 18:00:00

The sort keys: each name lists sort by gets a twin column holding its key
(bodesk.domain.common.sorting): products' name and brand, categories', warehouses' and suppliers' names,
suppliers' trade name and city, and users' full names. A key is the name in lower case, accents removed,
spaces collapsed, compared byte by byte (COLLATE "C" on PostgreSQL), so "Água" sorts among the A's on
both engines. The existing rows get their keys here, computed as the domain computes them (the fold is
copied so that this migration keeps meaning what it meant when it was written).

The codes: SKUs, warehouse and bin codes, lot codes, and suppliers' own codes follow one rule:
ASCII, kept in capitals, unique ignoring case (bodesk.domain.common.codes). Stored codes are brought to
that form (capitals, accents dropped: the demo made SKUs such as "ÁGU00002"); a code that would then
equal another one of its kind gets a suffix ("-2", "-3"...) so that no two records merge, and every SKU
changed is written to the audit log. Then unique indexes on upper(code) make the database refuse a
second code that differs only in case, on SQLite and PostgreSQL alike.

SQLite cannot reflect an index on an expression: a later migration that rebuilds one of these tables
in batch mode ("move and copy") must create its index again.

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

The sort keys and codes come first: the replace guards are created last, after any change to a table.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import bodesk.store.types as bt
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


# (index, table, grouping columns, code column, length of the column, which rows hold codes people
# type: the virtual locations' own names, "@supplier"..., are the program's and stay as they are)
CODES = (
    ("uq_products_sku_upper", "products", (), "sku", 40, "1 = 1"),
    ("uq_warehouses_code_upper", "warehouses", (), "code", 10, "1 = 1"),
    ("uq_locations_code_upper", "locations", (), "code", 60, "kind = 'internal'"),
    ("uq_lots_product_id_code_upper", "lots", ("product_id",), "code", 40, "1 = 1"),
)
AUDIT = sa.table(
    "audit_log",
    sa.column("at", bt.UTCDateTime()),
    sa.column("user_id", sa.Integer()),
    sa.column("user_login", sa.String()),
    sa.column("action", sa.String()),
    sa.column("entity", sa.String()),
    sa.column("entity_key", sa.String()),
    sa.column("old_values", sa.Text()),
    sa.column("new_values", sa.Text()),
    sa.column("reason", sa.Text()),
)


def _in(states: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{state}'" for state in states) + ")"


def upgrade() -> None:
    _add_sort_keys()
    _canonical_codes_everywhere()
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
    _drop_code_indexes()
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


def canonical(code: str) -> str:
    """A stored code in capitals, its letters without accents ("Água-1" -> "AGUA-1")."""
    decomposed = unicodedata.normalize("NFKD", code.strip())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).upper()


def _free(wanted: str, taken: set[str], length: int) -> str:
    if wanted not in taken:
        return wanted
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = wanted[: length - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        number += 1


def _canonical_codes(
    connection: sa.Connection, table: str, group: tuple[str, ...], column: str, length: int, where: str
) -> list[tuple[str, str]]:
    """Bring one table's codes to their stored form; returns (old, new) for each code changed."""
    columns = ", ".join(("id", *group, column))
    rows = connection.exec_driver_sql(f"SELECT {columns} FROM {table} WHERE {where} ORDER BY id").all()
    kept: dict[tuple[object, ...], set[str]] = defaultdict(set)
    moving = []
    for row in rows:
        key, code = tuple(row[1:-1]), str(row[-1])
        if canonical(code) == code:
            kept[key].add(code)
        else:
            moving.append((row[0], key, code))
    changed = []
    for row_id, key, code in moving:
        new = _free(canonical(code), kept[key], length)
        kept[key].add(new)
        connection.execute(
            sa.text(f"UPDATE {table} SET {column} = :code WHERE id = :id"), {"code": new, "id": row_id}
        )
        changed.append((code, new))
    return changed


def _canonical_codes_everywhere() -> None:
    connection = op.get_bind()
    now = datetime.now(UTC)
    for _index, table, group, column, length, where in CODES:
        changed = _canonical_codes(connection, table, group, column, length, where)
        if table == "products" and changed:
            connection.execute(
                AUDIT.insert(),
                [
                    {
                        "at": now,
                        "user_id": None,
                        "user_login": "system",
                        "action": "product.update",
                        "entity": "product",
                        "entity_key": new,
                        "old_values": json.dumps({"sku": old}, ensure_ascii=False),
                        "new_values": json.dumps({"sku": new}, ensure_ascii=False),
                        "reason": None,
                    }
                    for old, new in changed
                ],
            )
    for row_id, code in connection.exec_driver_sql(
        "SELECT id, supplier_sku FROM supplier_products ORDER BY id"
    ).all():
        if canonical(code) != code:
            connection.execute(
                sa.text("UPDATE supplier_products SET supplier_sku = :code WHERE id = :id"),
                {"code": canonical(code)[:40], "id": row_id},
            )
    for index, table, group, column, _length, _where in CODES:
        op.create_index(index, table, [*group, sa.text(f"upper({column})")], unique=True)


def _drop_code_indexes() -> None:
    for index, table, _group, _column, _length, _where in reversed(CODES):
        op.drop_index(index, table_name=table)
