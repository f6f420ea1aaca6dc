"""documents and postings: stock operations, typed ledger references, final records guarded by triggers

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 15:00:00

Stock moves lose their free `origin`/`origin_ref` strings for a typed reference to the document that
made them (doc_kind, doc_id, doc_number). Moves of receipts and counts point at them; every other move
(a transfer, an adjustment, breakage, and the "shipment" moves of older demo data) gets a stock
operation document of its own, numbered in the new "stock_operation" series in the order of the moves.
Then the triggers of bodesk.store.triggers freeze posted rows and finished documents.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op

import bodesk.store.types as bt
from bodesk.store import triggers

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BATCH = 10_000
LEGACY_KINDS = {
    "transfer": "transfer",
    "adjustment": "adjustment",
    "breakage": "breakage",
    "shipment": "issue",
}

STOCK_MOVES = (
    "id", "product_id", "lot_id", "from_location_id", "to_location_id", "quantity", "unit_cost", "at",
    "doc_kind", "doc_id", "doc_number", "user_id", "reason",
)  # fmt: skip
STOCK_OPERATIONS = ("id", "number", "kind", "at", "user_id", "reason", "value")
RECEIPTS = (
    "id", "number", "order_id", "supplier_id", "warehouse_id", "location_id", "received_at", "received_by",
    "supplier_invoice", "total", "billed", "notes",
)  # fmt: skip
RECEIPT_LINES = (
    "id",
    "receipt_id",
    "order_line_id",
    "product_id",
    "lot_id",
    "quantity",
    "unit_cost",
    "total",
)
PURCHASE_ORDERS = (
    "id", "number", "supplier_id", "warehouse_id", "status", "created_at", "created_by", "sent_at",
    "expected_on", "total", "notes", "cancel_reason",
)  # fmt: skip
STOCK_COUNTS = (
    "id", "number", "warehouse_id", "category_id", "status", "started_at", "started_by", "posted_at",
    "posted_by", "adjustment_value", "note",
)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "stock_operations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("at", bt.UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_stock_operations_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_operations")),
    )
    with op.batch_alter_table("stock_operations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_operations_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_operations_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_operations_number"), ["number"], unique=True)
        batch_op.create_index(batch_op.f("ix_stock_operations_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("stock_moves", schema=None) as batch_op:
        batch_op.add_column(sa.Column("doc_kind", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("doc_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("doc_number", sa.Integer(), nullable=True))
    _refer_moves_to_their_documents(op.get_bind())
    with op.batch_alter_table("stock_moves", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_moves_origin"))
        batch_op.drop_index(batch_op.f("ix_stock_moves_origin_ref"))
        batch_op.drop_column("origin")
        batch_op.drop_column("origin_ref")
        batch_op.alter_column("doc_kind", existing_type=sa.String(length=20), nullable=False)
        batch_op.alter_column("doc_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("doc_number", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index("ix_stock_moves_doc_kind_doc_id", ["doc_kind", "doc_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_moves_doc_number"), ["doc_number"], unique=False)
    _guard_final_records(op.get_bind())


def _refer_moves_to_their_documents(connection: sa.Connection) -> None:
    connection.exec_driver_sql(
        "UPDATE stock_moves SET doc_kind = 'receipt', "
        "doc_id = (SELECT r.id FROM receipts r WHERE CAST(r.number AS VARCHAR(40)) = stock_moves.origin_ref), "
        "doc_number = (SELECT r.number FROM receipts r "
        "WHERE CAST(r.number AS VARCHAR(40)) = stock_moves.origin_ref) "
        "WHERE origin = 'receipt'"
    )
    connection.exec_driver_sql(
        "UPDATE stock_moves SET doc_kind = 'stock_count', "
        "doc_id = (SELECT c.id FROM stock_counts c WHERE CAST(c.number AS VARCHAR(40)) = stock_moves.origin_ref), "
        "doc_number = (SELECT c.number FROM stock_counts c "
        "WHERE CAST(c.number AS VARCHAR(40)) = stock_moves.origin_ref) "
        "WHERE origin = 'count'"
    )
    legacy = connection.exec_driver_sql(
        "SELECT id, origin, at, user_id, reason, quantity, unit_cost FROM stock_moves "
        "WHERE doc_id IS NULL ORDER BY id"
    ).fetchall()
    operations = sa.table(
        "stock_operations",
        *(sa.column(name) for name in ("id", "number", "kind", "at", "user_id", "reason", "value")),
    )
    moves = sa.table(
        "stock_moves", sa.column("id"), sa.column("doc_kind"), sa.column("doc_id"), sa.column("doc_number")
    )
    next_id = (
        int(connection.exec_driver_sql("SELECT COALESCE(MAX(id), 0) FROM stock_operations").scalar_one()) + 1
    )
    for start in range(0, len(legacy), BATCH):
        made: list[dict[str, Any]] = []
        linked: list[dict[str, Any]] = []
        for offset, (move_id, origin, at, user_id, reason, quantity, unit_cost) in enumerate(
            legacy[start : start + BATCH], start=start
        ):
            kind = LEGACY_KINDS.get(origin, "adjustment")
            number, operation_id = offset + 1, next_id + offset
            value = (Decimal(quantity) * Decimal(unit_cost) / Decimal(10_000_000)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_EVEN
            )
            made.append(
                {
                    "id": operation_id,
                    "number": number,
                    "kind": kind,
                    "at": at,
                    "user_id": user_id,
                    "reason": reason or "",
                    "value": int(value * 100),
                }
            )
            linked.append({"move": move_id, "kind": kind, "operation": operation_id, "number": number})
        connection.execute(operations.insert(), made)
        connection.execute(
            moves.update()
            .where(moves.c.id == sa.bindparam("move"))
            .values(
                doc_kind=sa.bindparam("kind"),
                doc_id=sa.bindparam("operation"),
                doc_number=sa.bindparam("number"),
            ),
            linked,
        )
    if legacy:
        connection.execute(
            sa.table("document_sequences", sa.column("series"), sa.column("next_number"))
            .insert()
            .values(series="stock_operation", next_number=len(legacy) + 1)
        )


def _guard_final_records(connection: sa.Connection) -> None:
    triggers.posted_rows(connection, "stock_moves", STOCK_MOVES)
    triggers.posted_rows(connection, "stock_operations", STOCK_OPERATIONS)
    triggers.posted_rows(connection, "receipts", RECEIPTS, mutable=("billed",))
    triggers.posted_rows(connection, "receipt_lines", RECEIPT_LINES)
    triggers.final_in_states(connection, "purchase_orders", PURCHASE_ORDERS, ("received", "cancelled"))
    triggers.lines_of(
        connection, "purchase_order_lines", "order_id", "purchase_orders", ("received", "cancelled")
    )
    triggers.final_in_states(connection, "stock_counts", STOCK_COUNTS, ("posted", "cancelled"))
    triggers.lines_of(connection, "stock_count_lines", "count_id", "stock_counts", ("posted", "cancelled"))


def downgrade() -> None:
    connection = op.get_bind()
    for table in (
        "stock_count_lines", "stock_counts", "purchase_order_lines", "purchase_orders", "receipt_lines",
        "receipts", "stock_operations", "stock_moves",
    ):  # fmt: skip
        triggers.drop(connection, table)
    with op.batch_alter_table("stock_moves", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("origin_ref", sa.String(length=40), nullable=True))
    connection.exec_driver_sql(
        "UPDATE stock_moves SET origin = CASE doc_kind WHEN 'stock_count' THEN 'count' "
        "WHEN 'issue' THEN 'shipment' ELSE doc_kind END, "
        "origin_ref = CAST(doc_number AS VARCHAR(40))"
    )
    with op.batch_alter_table("stock_moves", schema=None) as batch_op:
        batch_op.drop_index("ix_stock_moves_doc_kind_doc_id")
        batch_op.drop_index(batch_op.f("ix_stock_moves_doc_number"))
        batch_op.drop_column("doc_kind")
        batch_op.drop_column("doc_id")
        batch_op.drop_column("doc_number")
        batch_op.alter_column("origin", existing_type=sa.String(length=20), nullable=False)
        batch_op.alter_column("origin_ref", existing_type=sa.String(length=40), nullable=False)
        batch_op.create_index(batch_op.f("ix_stock_moves_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_moves_origin_ref"), ["origin_ref"], unique=False)
    connection.exec_driver_sql("DELETE FROM document_sequences WHERE series = 'stock_operation'")
    op.drop_table("stock_operations")
