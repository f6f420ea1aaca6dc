"""codes in capitals, unique ignoring case

Revision ID: 0004
Revises: 0003
Create Date: 2027-01-20 10:00:00

Codes (SKUs, warehouse and bin codes, lot codes, suppliers' own codes) follow one rule: ASCII, kept
in capitals, unique ignoring case (bodesk.domain.common.codes). Stored codes are brought to that form
(capitals, accents dropped: the demo made SKUs such as "ÁGU00002"); a code that would then equal
another one of its kind gets a suffix ("-2", "-3"...) so that no two records merge, and every SKU
changed is written to the audit log. Then unique indexes on upper(code) make the database refuse a
second code that differs only in case, on SQLite and PostgreSQL alike.

SQLite cannot reflect an index on an expression: a later migration that rebuilds one of these tables
in batch mode ("move and copy") must create its index again.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import bodesk.store.types as bt

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

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


def upgrade() -> None:
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


def downgrade() -> None:
    for index, table, _group, _column, _length, _where in reversed(CODES):
        op.drop_index(index, table_name=table)
