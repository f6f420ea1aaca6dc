"""sales: customers, segments, payment terms, reps, price tables, breaks and promotions, sales orders
with their events, returns, commission rates, the sales settings; stock reservations, and the reserved
and weight columns of products and quants; the triggers that freeze invoiced or cancelled orders and
posted returns

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 16:11:25.565548
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bodesk.store.types as bt
from bodesk.store import triggers

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _key(name: str, length: int) -> sa.Column[str]:
    """A name's sort key (bodesk.domain.common.sorting), compared byte by byte on both engines."""
    kind = sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")
    return sa.Column(name, kind, server_default="", nullable=False)


def upgrade() -> None:
    op.create_table(
        "customer_segments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_segments")),
    )
    with op.batch_alter_table("customer_segments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_segments_name"), ["name"], unique=True)

    op.create_table(
        "payment_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("days", sa.String(length=60), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_terms")),
    )
    with op.batch_alter_table("payment_terms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_terms_name"), ["name"], unique=True)

    op.create_table(
        "sales_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("max_discount", sa.BigInteger(), nullable=False),
        sa.Column("overdue_tolerance_days", sa.Integer(), nullable=False),
        sa.Column("reps_see_own", sa.Boolean(), nullable=False),
        sa.Column("warehouse_order", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_settings")),
    )
    op.create_table(
        "price_tables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=True),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["customer_segments.id"],
            name=op.f("fk_price_tables_segment_id_customer_segments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_tables")),
    )
    with op.batch_alter_table("price_tables", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_price_tables_name"), ["name"], unique=True)
        batch_op.create_index(batch_op.f("ix_price_tables_segment_id"), ["segment_id"], unique=False)

    op.create_table(
        "sales_reps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        _key("name_key", 100),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_sales_reps_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_reps")),
    )
    with op.batch_alter_table("sales_reps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_reps_active"), ["active"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_reps_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_reps_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_reps_user_id"), ["user_id"], unique=True)

    op.create_table(
        "commission_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("category_key", sa.Integer(), nullable=False),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["categories.id"], name=op.f("fk_commission_rates_category_id_categories")
        ),
        sa.ForeignKeyConstraint(
            ["rep_id"], ["sales_reps.id"], name=op.f("fk_commission_rates_rep_id_sales_reps")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commission_rates")),
        sa.UniqueConstraint("rep_id", "category_key", name=op.f("uq_commission_rates_rep_id")),
    )
    with op.batch_alter_table("commission_rates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commission_rates_category_id"), ["category_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commission_rates_rep_id"), ["rep_id"], unique=False)

    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        _key("name_key", 200),
        sa.Column("trade_name", sa.String(length=200), nullable=False),
        _key("trade_name_key", 200),
        sa.Column("tax_id", sa.String(length=14), nullable=False),
        sa.Column("state_registration", sa.String(length=20), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=True),
        sa.Column("rep_id", sa.Integer(), nullable=True),
        sa.Column("price_table_id", sa.Integer(), nullable=True),
        sa.Column("payment_term_id", sa.Integer(), nullable=True),
        sa.Column("street", sa.String(length=200), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("complement", sa.String(length=100), nullable=False),
        sa.Column("district", sa.String(length=100), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        _key("city_key", 100),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("postal_code", sa.String(length=9), nullable=False),
        sa.Column("delivery_street", sa.String(length=200), nullable=False),
        sa.Column("delivery_number", sa.String(length=20), nullable=False),
        sa.Column("delivery_complement", sa.String(length=100), nullable=False),
        sa.Column("delivery_district", sa.String(length=100), nullable=False),
        sa.Column("delivery_city", sa.String(length=100), nullable=False),
        sa.Column("delivery_state", sa.String(length=2), nullable=False),
        sa.Column("delivery_postal_code", sa.String(length=9), nullable=False),
        sa.Column("delivery_note", sa.Text(), nullable=False),
        sa.Column("delivery_weekdays", sa.String(length=7), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("whatsapp", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("credit_limit", sa.BigInteger(), nullable=True),
        sa.Column("credit_policy", sa.String(length=10), nullable=False),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("block_reason", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("search_text", sa.String(length=600), nullable=False),
        sa.Column("created_at", bt.UTCDateTime(), nullable=False),
        sa.Column("updated_at", bt.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["payment_term_id"], ["payment_terms.id"], name=op.f("fk_customers_payment_term_id_payment_terms")
        ),
        sa.ForeignKeyConstraint(
            ["price_table_id"], ["price_tables.id"], name=op.f("fk_customers_price_table_id_price_tables")
        ),
        sa.ForeignKeyConstraint(["rep_id"], ["sales_reps.id"], name=op.f("fk_customers_rep_id_sales_reps")),
        sa.ForeignKeyConstraint(
            ["segment_id"], ["customer_segments.id"], name=op.f("fk_customers_segment_id_customer_segments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customers_active"), ["active"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_blocked"), ["blocked"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_city"), ["city"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_city_key"), ["city_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_code"), ["code"], unique=True)
        batch_op.create_index(batch_op.f("ix_customers_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_payment_term_id"), ["payment_term_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_price_table_id"), ["price_table_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_rep_id"), ["rep_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_search_text"), ["search_text"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_segment_id"), ["segment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_tax_id"), ["tax_id"], unique=True)
        batch_op.create_index(batch_op.f("ix_customers_trade_name"), ["trade_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_trade_name_key"), ["trade_name_key"], unique=False)
    op.create_index("uq_customers_code_upper", "customers", [sa.text("upper(code)")], unique=True)

    op.create_table(
        "price_breaks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("min_units", sa.BigInteger(), nullable=False),
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("discount", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["categories.id"], name=op.f("fk_price_breaks_category_id_categories")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_price_breaks_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["table_id"], ["price_tables.id"], name=op.f("fk_price_breaks_table_id_price_tables")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_breaks")),
    )
    with op.batch_alter_table("price_breaks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_price_breaks_category_id"), ["category_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_price_breaks_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_price_breaks_table_id"), ["table_id"], unique=False)

    op.create_table(
        "promotions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("discount", sa.BigInteger(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["categories.id"], name=op.f("fk_promotions_category_id_categories")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_promotions_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["table_id"], ["price_tables.id"], name=op.f("fk_promotions_table_id_price_tables")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotions")),
    )
    with op.batch_alter_table("promotions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_promotions_category_id"), ["category_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_promotions_ends_on"), ["ends_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_promotions_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_promotions_starts_on"), ["starts_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_promotions_table_id"), ["table_id"], unique=False)

    op.create_table(
        "customer_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=60), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_customer_contacts_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_contacts")),
    )
    with op.batch_alter_table("customer_contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_contacts_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "price_table_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("packaging_id", sa.Integer(), nullable=True),
        sa.Column("packaging_key", sa.Integer(), nullable=False),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("min_price", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["packaging_id"], ["packagings.id"], name=op.f("fk_price_table_items_packaging_id_packagings")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_price_table_items_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["table_id"], ["price_tables.id"], name=op.f("fk_price_table_items_table_id_price_tables")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_table_items")),
        sa.UniqueConstraint(
            "table_id", "product_id", "packaging_key", name=op.f("uq_price_table_items_table_id")
        ),
    )
    with op.batch_alter_table("price_table_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_price_table_items_packaging_id"), ["packaging_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_price_table_items_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_price_table_items_table_id"), ["table_id"], unique=False)

    op.create_table(
        "sales_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("rep_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("price_table_id", sa.Integer(), nullable=True),
        sa.Column("payment_term_id", sa.Integer(), nullable=True),
        sa.Column("backorder_of", sa.Integer(), nullable=True),
        sa.Column("requested_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("shipped_total", sa.BigInteger(), nullable=False),
        sa.Column("units", sa.BigInteger(), nullable=False),
        sa.Column("weight", sa.BigInteger(), nullable=False),
        sa.Column("credit_note", sa.Text(), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("created_at", bt.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("confirmed_at", bt.UTCDateTime(), nullable=True),
        sa.Column("shipped_at", bt.UTCDateTime(), nullable=True),
        sa.Column("delivered_at", bt.UTCDateTime(), nullable=True),
        sa.Column("invoiced_at", bt.UTCDateTime(), nullable=True),
        sa.Column("seconds_to_confirm", sa.Integer(), nullable=True),
        sa.Column("seconds_to_ship", sa.Integer(), nullable=True),
        sa.Column("seconds_to_deliver", sa.Integer(), nullable=True),
        sa.Column("seconds_to_invoice", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["backorder_of"], ["sales_orders.id"], name=op.f("fk_sales_orders_backorder_of_sales_orders")
        ),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_sales_orders_created_by_users")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_sales_orders_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["payment_term_id"],
            ["payment_terms.id"],
            name=op.f("fk_sales_orders_payment_term_id_payment_terms"),
        ),
        sa.ForeignKeyConstraint(
            ["price_table_id"], ["price_tables.id"], name=op.f("fk_sales_orders_price_table_id_price_tables")
        ),
        sa.ForeignKeyConstraint(
            ["rep_id"], ["sales_reps.id"], name=op.f("fk_sales_orders_rep_id_sales_reps")
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_sales_orders_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_orders")),
    )
    with op.batch_alter_table("sales_orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_orders_backorder_of"), ["backorder_of"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_orders_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_orders_created_by"), ["created_by"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_orders_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_orders_number"), ["number"], unique=True)
        batch_op.create_index(
            batch_op.f("ix_sales_orders_payment_term_id"), ["payment_term_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_sales_orders_price_table_id"), ["price_table_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_orders_rep_id"), ["rep_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_orders_requested_on"), ["requested_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_orders_shipped_at"), ["shipped_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_orders_units"), ["units"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_orders_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_orders_total"), ["total"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_orders_warehouse_id"), ["warehouse_id"], unique=False)

    op.create_table(
        "stock_reservations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("lot_key", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("doc_kind", sa.String(length=20), nullable=False),
        sa.Column("doc_id", sa.Integer(), nullable=False),
        sa.Column("doc_line_id", sa.Integer(), nullable=False),
        sa.Column("created_at", bt.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"], ["locations.id"], name=op.f("fk_stock_reservations_location_id_locations")
        ),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"], name=op.f("fk_stock_reservations_lot_id_lots")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_stock_reservations_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_reservations")),
    )
    with op.batch_alter_table("stock_reservations", schema=None) as batch_op:
        batch_op.create_index("ix_stock_reservations_doc_kind_doc_id", ["doc_kind", "doc_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_reservations_doc_line_id"), ["doc_line_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_reservations_location_id"), ["location_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_reservations_lot_id"), ["lot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_reservations_product_id"), ["product_id"], unique=False)
        batch_op.create_index(
            "ix_stock_reservations_quant", ["product_id", "location_id", "lot_key"], unique=False
        )

    op.create_table(
        "sales_order_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("at", bt.UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["sales_orders.id"], name=op.f("fk_sales_order_events_order_id_sales_orders")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_sales_order_events_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_order_events")),
    )
    with op.batch_alter_table("sales_order_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_order_events_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_order_events_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_order_events_user_id"), ["user_id"], unique=False)

    op.create_table(
        "sales_order_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("packaging_id", sa.Integer(), nullable=True),
        sa.Column("units_per_package", sa.BigInteger(), nullable=False),
        sa.Column("packages", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("list_price", sa.BigInteger(), nullable=False),
        sa.Column("discount", sa.BigInteger(), nullable=False),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("price_note", sa.String(length=300), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("shipped", sa.BigInteger(), nullable=False),
        sa.Column("unit_cost", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"], name=op.f("fk_sales_order_lines_lot_id_lots")),
        sa.ForeignKeyConstraint(
            ["order_id"], ["sales_orders.id"], name=op.f("fk_sales_order_lines_order_id_sales_orders")
        ),
        sa.ForeignKeyConstraint(
            ["packaging_id"], ["packagings.id"], name=op.f("fk_sales_order_lines_packaging_id_packagings")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_sales_order_lines_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_order_lines")),
    )
    with op.batch_alter_table("sales_order_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_order_lines_lot_id"), ["lot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_order_lines_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_order_lines_packaging_id"), ["packaging_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_order_lines_product_id"), ["product_id"], unique=False)

    op.create_table(
        "sales_returns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("at", bt.UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_sales_returns_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["sales_orders.id"], name=op.f("fk_sales_returns_order_id_sales_orders")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_sales_returns_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_returns")),
    )
    with op.batch_alter_table("sales_returns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_returns_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_returns_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_returns_number"), ["number"], unique=True)
        batch_op.create_index(batch_op.f("ix_sales_returns_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_returns_user_id"), ["user_id"], unique=False)

    op.create_table(
        "sales_return_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=12), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"], ["locations.id"], name=op.f("fk_sales_return_lines_location_id_locations")
        ),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"], name=op.f("fk_sales_return_lines_lot_id_lots")),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["sales_order_lines.id"],
            name=op.f("fk_sales_return_lines_order_line_id_sales_order_lines"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_sales_return_lines_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["return_id"], ["sales_returns.id"], name=op.f("fk_sales_return_lines_return_id_sales_returns")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_return_lines")),
    )
    with op.batch_alter_table("sales_return_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_return_lines_location_id"), ["location_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_return_lines_lot_id"), ["lot_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_sales_return_lines_order_line_id"), ["order_line_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_sales_return_lines_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_return_lines_return_id"), ["return_id"], unique=False)

    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reserved", sa.BigInteger(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("weight", sa.BigInteger(), nullable=False, server_default="0"))

    with op.batch_alter_table("stock_quants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reserved", sa.BigInteger(), nullable=False, server_default="0"))
    _guard_final_records(op.get_bind())


SALES_ORDERS = (
    "id", "number", "customer_id", "rep_id", "status", "warehouse_id", "price_table_id", "payment_term_id",
    "backorder_of", "requested_on", "notes", "total", "shipped_total", "units", "weight", "credit_note",
    "cancel_reason", "created_at", "created_by", "confirmed_at", "shipped_at", "delivered_at", "invoiced_at",
    "seconds_to_confirm", "seconds_to_ship", "seconds_to_deliver", "seconds_to_invoice",
)  # fmt: skip
SALES_RETURNS = ("id", "number", "order_id", "customer_id", "at", "user_id", "note", "total")
SALES_RETURN_LINES = (
    "id", "return_id", "order_line_id", "product_id", "lot_id", "quantity", "reason", "location_id", "value",
)  # fmt: skip


def _guard_final_records(connection: sa.Connection) -> None:
    triggers.final_in_states(connection, "sales_orders", SALES_ORDERS, ("invoiced", "cancelled"))
    triggers.lines_of(connection, "sales_order_lines", "order_id", "sales_orders", ("invoiced", "cancelled"))
    triggers.posted_rows(connection, "sales_returns", SALES_RETURNS)
    triggers.posted_rows(connection, "sales_return_lines", SALES_RETURN_LINES)


def downgrade() -> None:
    for table in ("sales_return_lines", "sales_returns", "sales_order_lines", "sales_orders"):
        triggers.drop(op.get_bind(), table)
    # Dropped in place (SQLite 3.35+ and PostgreSQL): a batch copy of the table would lose the
    # expression indexes of migration 0004 (unique upper(sku)).
    op.execute("ALTER TABLE stock_quants DROP COLUMN reserved")
    op.execute("ALTER TABLE products DROP COLUMN weight")
    op.execute("ALTER TABLE products DROP COLUMN reserved")

    with op.batch_alter_table("sales_return_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_return_lines_return_id"))
        batch_op.drop_index(batch_op.f("ix_sales_return_lines_product_id"))
        batch_op.drop_index(batch_op.f("ix_sales_return_lines_order_line_id"))
        batch_op.drop_index(batch_op.f("ix_sales_return_lines_lot_id"))
        batch_op.drop_index(batch_op.f("ix_sales_return_lines_location_id"))

    op.drop_table("sales_return_lines")
    with op.batch_alter_table("sales_returns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_returns_user_id"))
        batch_op.drop_index(batch_op.f("ix_sales_returns_order_id"))
        batch_op.drop_index(batch_op.f("ix_sales_returns_number"))
        batch_op.drop_index(batch_op.f("ix_sales_returns_customer_id"))
        batch_op.drop_index(batch_op.f("ix_sales_returns_at"))

    op.drop_table("sales_returns")
    with op.batch_alter_table("sales_order_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_order_lines_product_id"))
        batch_op.drop_index(batch_op.f("ix_sales_order_lines_packaging_id"))
        batch_op.drop_index(batch_op.f("ix_sales_order_lines_order_id"))
        batch_op.drop_index(batch_op.f("ix_sales_order_lines_lot_id"))

    op.drop_table("sales_order_lines")
    with op.batch_alter_table("sales_order_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_order_events_user_id"))
        batch_op.drop_index(batch_op.f("ix_sales_order_events_order_id"))
        batch_op.drop_index(batch_op.f("ix_sales_order_events_at"))

    op.drop_table("sales_order_events")
    with op.batch_alter_table("stock_reservations", schema=None) as batch_op:
        batch_op.drop_index("ix_stock_reservations_quant")
        batch_op.drop_index(batch_op.f("ix_stock_reservations_product_id"))
        batch_op.drop_index(batch_op.f("ix_stock_reservations_lot_id"))
        batch_op.drop_index(batch_op.f("ix_stock_reservations_location_id"))
        batch_op.drop_index(batch_op.f("ix_stock_reservations_doc_line_id"))
        batch_op.drop_index("ix_stock_reservations_doc_kind_doc_id")

    op.drop_table("stock_reservations")
    with op.batch_alter_table("sales_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_orders_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_sales_orders_units"))
        batch_op.drop_index(batch_op.f("ix_sales_orders_total"))
        batch_op.drop_index(batch_op.f("ix_sales_orders_status"))
        batch_op.drop_index(batch_op.f("ix_sales_orders_shipped_at"))
        batch_op.drop_index(batch_op.f("ix_sales_orders_requested_on"))
        batch_op.drop_index(batch_op.f("ix_sales_orders_rep_id"))
        batch_op.drop_index(batch_op.f("ix_sales_orders_price_table_id"))
        batch_op.drop_index(batch_op.f("ix_sales_orders_payment_term_id"))
        batch_op.drop_index(batch_op.f("ix_sales_orders_number"))
        batch_op.drop_index(batch_op.f("ix_sales_orders_customer_id"))
        batch_op.drop_index(batch_op.f("ix_sales_orders_created_by"))
        batch_op.drop_index(batch_op.f("ix_sales_orders_created_at"))
        batch_op.drop_index(batch_op.f("ix_sales_orders_backorder_of"))

    op.drop_table("sales_orders")
    with op.batch_alter_table("price_table_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_table_items_table_id"))
        batch_op.drop_index(batch_op.f("ix_price_table_items_product_id"))
        batch_op.drop_index(batch_op.f("ix_price_table_items_packaging_id"))

    op.drop_table("price_table_items")
    with op.batch_alter_table("customer_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_contacts_customer_id"))

    op.drop_table("customer_contacts")
    with op.batch_alter_table("promotions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_promotions_table_id"))
        batch_op.drop_index(batch_op.f("ix_promotions_starts_on"))
        batch_op.drop_index(batch_op.f("ix_promotions_product_id"))
        batch_op.drop_index(batch_op.f("ix_promotions_ends_on"))
        batch_op.drop_index(batch_op.f("ix_promotions_category_id"))

    op.drop_table("promotions")
    with op.batch_alter_table("price_breaks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_breaks_table_id"))
        batch_op.drop_index(batch_op.f("ix_price_breaks_product_id"))
        batch_op.drop_index(batch_op.f("ix_price_breaks_category_id"))

    op.drop_table("price_breaks")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customers_trade_name"))
        batch_op.drop_index(batch_op.f("ix_customers_tax_id"))
        batch_op.drop_index(batch_op.f("ix_customers_segment_id"))
        batch_op.drop_index(batch_op.f("ix_customers_search_text"))
        batch_op.drop_index(batch_op.f("ix_customers_rep_id"))
        batch_op.drop_index(batch_op.f("ix_customers_price_table_id"))
        batch_op.drop_index(batch_op.f("ix_customers_payment_term_id"))
        batch_op.drop_index(batch_op.f("ix_customers_name"))
        batch_op.drop_index(batch_op.f("ix_customers_code"))
        batch_op.drop_index(batch_op.f("ix_customers_city"))
        batch_op.drop_index(batch_op.f("ix_customers_blocked"))
        batch_op.drop_index(batch_op.f("ix_customers_active"))

    op.drop_table("customers")
    with op.batch_alter_table("commission_rates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commission_rates_rep_id"))
        batch_op.drop_index(batch_op.f("ix_commission_rates_category_id"))

    op.drop_table("commission_rates")
    with op.batch_alter_table("sales_reps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_reps_user_id"))
        batch_op.drop_index(batch_op.f("ix_sales_reps_name"))
        batch_op.drop_index(batch_op.f("ix_sales_reps_active"))

    op.drop_table("sales_reps")
    with op.batch_alter_table("price_tables", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_tables_segment_id"))
        batch_op.drop_index(batch_op.f("ix_price_tables_name"))

    op.drop_table("price_tables")
    op.drop_table("sales_settings")
    with op.batch_alter_table("payment_terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_terms_name"))

    op.drop_table("payment_terms")
    with op.batch_alter_table("customer_segments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_segments_name"))

    op.drop_table("customer_segments")
