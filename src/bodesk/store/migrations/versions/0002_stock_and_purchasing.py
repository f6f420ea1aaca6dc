"""stock and purchasing

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 01:34:05.947859
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bodesk.store.types as bt

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_categories")),
    )
    with op.batch_alter_table("categories", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_categories_name"), ["name"], unique=True)

    op.create_table(
        "suppliers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("trade_name", sa.String(length=200), nullable=False),
        sa.Column("tax_id", sa.String(length=14), nullable=False),
        sa.Column("contact_name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("payment_terms_days", sa.Integer(), nullable=False),
        sa.Column("lead_time_days", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("search_text", sa.String(length=400), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppliers")),
    )
    with op.batch_alter_table("suppliers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_suppliers_active"), ["active"], unique=False)
        batch_op.create_index(batch_op.f("ix_suppliers_city"), ["city"], unique=False)
        batch_op.create_index(batch_op.f("ix_suppliers_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_suppliers_search_text"), ["search_text"], unique=False)
        batch_op.create_index(batch_op.f("ix_suppliers_tax_id"), ["tax_id"], unique=True)

    op.create_table(
        "warehouses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warehouses")),
    )
    with op.batch_alter_table("warehouses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_warehouses_code"), ["code"], unique=True)
        batch_op.create_index(batch_op.f("ix_warehouses_name"), ["name"], unique=False)

    op.create_table(
        "locations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("is_bin", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_locations_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locations")),
    )
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_locations_code"), ["code"], unique=True)
        batch_op.create_index(batch_op.f("ix_locations_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_locations_warehouse_id"), ["warehouse_id"], unique=False)

    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=40), nullable=False),
        sa.Column("gtin", sa.String(length=14), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("brand", sa.String(length=100), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("base_unit", sa.String(length=10), nullable=False),
        sa.Column("ncm", sa.String(length=8), nullable=False),
        sa.Column("cost", sa.BigInteger(), nullable=False),
        sa.Column("sale_price", sa.BigInteger(), nullable=False),
        sa.Column("min_stock", sa.BigInteger(), nullable=False),
        sa.Column("max_stock", sa.BigInteger(), nullable=False),
        sa.Column("lot_tracked", sa.Boolean(), nullable=False),
        sa.Column("shelf_life_days", sa.Integer(), nullable=True),
        sa.Column("returnable", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("on_hand", sa.BigInteger(), nullable=False),
        sa.Column("search_text", sa.String(length=400), nullable=False),
        sa.Column("created_at", bt.UTCDateTime(), nullable=False),
        sa.Column("updated_at", bt.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["categories.id"], name=op.f("fk_products_category_id_categories")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
    )
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_products_active"), ["active"], unique=False)
        batch_op.create_index(batch_op.f("ix_products_brand"), ["brand"], unique=False)
        batch_op.create_index(batch_op.f("ix_products_category_id"), ["category_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_products_cost"), ["cost"], unique=False)
        batch_op.create_index(batch_op.f("ix_products_gtin"), ["gtin"], unique=True)
        batch_op.create_index(batch_op.f("ix_products_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_products_on_hand"), ["on_hand"], unique=False)
        batch_op.create_index(batch_op.f("ix_products_sale_price"), ["sale_price"], unique=False)
        batch_op.create_index(batch_op.f("ix_products_search_text"), ["search_text"], unique=False)
        batch_op.create_index(batch_op.f("ix_products_sku"), ["sku"], unique=True)

    op.create_table(
        "purchase_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", bt.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("sent_at", bt.UTCDateTime(), nullable=True),
        sa.Column("expected_on", sa.Date(), nullable=True),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_purchase_orders_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["suppliers.id"], name=op.f("fk_purchase_orders_supplier_id_suppliers")
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_purchase_orders_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_orders")),
    )
    with op.batch_alter_table("purchase_orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_purchase_orders_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_purchase_orders_created_by"), ["created_by"], unique=False)
        batch_op.create_index(batch_op.f("ix_purchase_orders_expected_on"), ["expected_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_purchase_orders_number"), ["number"], unique=True)
        batch_op.create_index(batch_op.f("ix_purchase_orders_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_purchase_orders_supplier_id"), ["supplier_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_purchase_orders_total"), ["total"], unique=False)
        batch_op.create_index(batch_op.f("ix_purchase_orders_warehouse_id"), ["warehouse_id"], unique=False)

    op.create_table(
        "stock_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("started_at", bt.UTCDateTime(), nullable=False),
        sa.Column("started_by", sa.Integer(), nullable=False),
        sa.Column("posted_at", bt.UTCDateTime(), nullable=True),
        sa.Column("posted_by", sa.Integer(), nullable=True),
        sa.Column("adjustment_value", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["categories.id"], name=op.f("fk_stock_counts_category_id_categories")
        ),
        sa.ForeignKeyConstraint(["posted_by"], ["users.id"], name=op.f("fk_stock_counts_posted_by_users")),
        sa.ForeignKeyConstraint(["started_by"], ["users.id"], name=op.f("fk_stock_counts_started_by_users")),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_stock_counts_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_counts")),
    )
    with op.batch_alter_table("stock_counts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_counts_category_id"), ["category_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_counts_number"), ["number"], unique=True)
        batch_op.create_index(batch_op.f("ix_stock_counts_posted_by"), ["posted_by"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_counts_started_at"), ["started_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_counts_started_by"), ["started_by"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_counts_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_counts_warehouse_id"), ["warehouse_id"], unique=False)

    op.create_table(
        "lots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("expiry", sa.Date(), nullable=True),
        sa.Column("created_at", bt.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_lots_product_id_products")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lots")),
        sa.UniqueConstraint("product_id", "code", name=op.f("uq_lots_product_id")),
    )
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lots_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_lots_expiry"), ["expiry"], unique=False)
        batch_op.create_index(batch_op.f("ix_lots_product_id"), ["product_id"], unique=False)

    op.create_table(
        "packagings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("units", sa.BigInteger(), nullable=False),
        sa.Column("gtin", sa.String(length=14), nullable=True),
        sa.Column("for_purchase", sa.Boolean(), nullable=False),
        sa.Column("for_sale", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_packagings_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_packagings")),
        sa.UniqueConstraint("product_id", "name", name=op.f("uq_packagings_product_id")),
    )
    with op.batch_alter_table("packagings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_packagings_gtin"), ["gtin"], unique=True)
        batch_op.create_index(batch_op.f("ix_packagings_product_id"), ["product_id"], unique=False)

    op.create_table(
        "receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("received_at", bt.UTCDateTime(), nullable=False),
        sa.Column("received_by", sa.Integer(), nullable=False),
        sa.Column("supplier_invoice", sa.String(length=40), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("billed", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"], ["locations.id"], name=op.f("fk_receipts_location_id_locations")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["purchase_orders.id"], name=op.f("fk_receipts_order_id_purchase_orders")
        ),
        sa.ForeignKeyConstraint(["received_by"], ["users.id"], name=op.f("fk_receipts_received_by_users")),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["suppliers.id"], name=op.f("fk_receipts_supplier_id_suppliers")
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_receipts_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipts")),
    )
    with op.batch_alter_table("receipts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_receipts_billed"), ["billed"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipts_location_id"), ["location_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipts_number"), ["number"], unique=True)
        batch_op.create_index(batch_op.f("ix_receipts_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipts_received_at"), ["received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipts_received_by"), ["received_by"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipts_supplier_id"), ["supplier_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipts_supplier_invoice"), ["supplier_invoice"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipts_total"), ["total"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipts_warehouse_id"), ["warehouse_id"], unique=False)

    op.create_table(
        "purchase_order_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("packaging_id", sa.Integer(), nullable=True),
        sa.Column("packages", sa.BigInteger(), nullable=False),
        sa.Column("units_per_package", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("package_price", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["purchase_orders.id"],
            name=op.f("fk_purchase_order_lines_order_id_purchase_orders"),
        ),
        sa.ForeignKeyConstraint(
            ["packaging_id"], ["packagings.id"], name=op.f("fk_purchase_order_lines_packaging_id_packagings")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_purchase_order_lines_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_order_lines")),
    )
    with op.batch_alter_table("purchase_order_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_purchase_order_lines_order_id"), ["order_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_purchase_order_lines_packaging_id"), ["packaging_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_purchase_order_lines_product_id"), ["product_id"], unique=False)

    op.create_table(
        "stock_count_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("count_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("lot_key", sa.Integer(), nullable=False),
        sa.Column("expected", sa.BigInteger(), nullable=False),
        sa.Column("counted", sa.BigInteger(), nullable=True),
        sa.Column("counted_at", bt.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["count_id"], ["stock_counts.id"], name=op.f("fk_stock_count_lines_count_id_stock_counts")
        ),
        sa.ForeignKeyConstraint(
            ["location_id"], ["locations.id"], name=op.f("fk_stock_count_lines_location_id_locations")
        ),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"], name=op.f("fk_stock_count_lines_lot_id_lots")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_stock_count_lines_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_count_lines")),
        sa.UniqueConstraint(
            "count_id", "product_id", "location_id", "lot_key", name=op.f("uq_stock_count_lines_count_id")
        ),
    )
    with op.batch_alter_table("stock_count_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_count_lines_count_id"), ["count_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_count_lines_location_id"), ["location_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_count_lines_lot_id"), ["lot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_count_lines_product_id"), ["product_id"], unique=False)

    op.create_table(
        "stock_moves",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("from_location_id", sa.Integer(), nullable=False),
        sa.Column("to_location_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("unit_cost", sa.BigInteger(), nullable=False),
        sa.Column("at", bt.UTCDateTime(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("origin_ref", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["from_location_id"], ["locations.id"], name=op.f("fk_stock_moves_from_location_id_locations")
        ),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"], name=op.f("fk_stock_moves_lot_id_lots")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_stock_moves_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["to_location_id"], ["locations.id"], name=op.f("fk_stock_moves_to_location_id_locations")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_stock_moves_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_moves")),
    )
    with op.batch_alter_table("stock_moves", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_moves_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_stock_moves_from_location_id"), ["from_location_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stock_moves_lot_id"), ["lot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_moves_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_moves_origin_ref"), ["origin_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_moves_product_id"), ["product_id"], unique=False)
        batch_op.create_index("ix_stock_moves_product_id_at", ["product_id", "at"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_moves_to_location_id"), ["to_location_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_moves_user_id"), ["user_id"], unique=False)

    op.create_table(
        "stock_quants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("lot_key", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"], ["locations.id"], name=op.f("fk_stock_quants_location_id_locations")
        ),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"], name=op.f("fk_stock_quants_lot_id_lots")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_stock_quants_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_quants")),
        sa.UniqueConstraint("product_id", "location_id", "lot_key", name=op.f("uq_stock_quants_product_id")),
    )
    with op.batch_alter_table("stock_quants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_quants_location_id"), ["location_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_quants_lot_id"), ["lot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_quants_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_quants_quantity"), ["quantity"], unique=False)

    op.create_table(
        "supplier_products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("supplier_sku", sa.String(length=40), nullable=False),
        sa.Column("packaging_id", sa.Integer(), nullable=True),
        sa.Column("package_price", sa.BigInteger(), nullable=False),
        sa.Column("preferred", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["packaging_id"], ["packagings.id"], name=op.f("fk_supplier_products_packaging_id_packagings")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_supplier_products_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["suppliers.id"], name=op.f("fk_supplier_products_supplier_id_suppliers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_products")),
        sa.UniqueConstraint("supplier_id", "product_id", name=op.f("uq_supplier_products_supplier_id")),
    )
    with op.batch_alter_table("supplier_products", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_supplier_products_packaging_id"), ["packaging_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_supplier_products_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_supplier_products_supplier_id"), ["supplier_id"], unique=False)

    op.create_table(
        "receipt_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("unit_cost", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"], name=op.f("fk_receipt_lines_lot_id_lots")),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["purchase_order_lines.id"],
            name=op.f("fk_receipt_lines_order_line_id_purchase_order_lines"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_receipt_lines_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["receipt_id"], ["receipts.id"], name=op.f("fk_receipt_lines_receipt_id_receipts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt_lines")),
    )
    with op.batch_alter_table("receipt_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_receipt_lines_lot_id"), ["lot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipt_lines_order_line_id"), ["order_line_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipt_lines_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipt_lines_receipt_id"), ["receipt_id"], unique=False)

    _seed_virtual_locations()


VIRTUAL_LOCATIONS = (
    ("@supplier", "Suppliers", "supplier"),
    ("@customer", "Customers", "customer"),
    ("@adjustment", "Count adjustments", "adjustment"),
    ("@loss", "Losses and breakage", "loss"),
    ("@transit", "In transit", "transit"),
)


def _seed_virtual_locations() -> None:
    locations = sa.table(
        "locations",
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("kind", sa.String),
        sa.column("is_bin", sa.Boolean),
        sa.column("active", sa.Boolean),
    )
    op.bulk_insert(
        locations,
        [
            {"code": code, "name": name, "kind": kind, "is_bin": False, "active": True}
            for code, name, kind in VIRTUAL_LOCATIONS
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("receipt_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipt_lines_receipt_id"))
        batch_op.drop_index(batch_op.f("ix_receipt_lines_product_id"))
        batch_op.drop_index(batch_op.f("ix_receipt_lines_order_line_id"))
        batch_op.drop_index(batch_op.f("ix_receipt_lines_lot_id"))

    op.drop_table("receipt_lines")
    with op.batch_alter_table("supplier_products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supplier_products_supplier_id"))
        batch_op.drop_index(batch_op.f("ix_supplier_products_product_id"))
        batch_op.drop_index(batch_op.f("ix_supplier_products_packaging_id"))

    op.drop_table("supplier_products")
    with op.batch_alter_table("stock_quants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_quants_quantity"))
        batch_op.drop_index(batch_op.f("ix_stock_quants_product_id"))
        batch_op.drop_index(batch_op.f("ix_stock_quants_lot_id"))
        batch_op.drop_index(batch_op.f("ix_stock_quants_location_id"))

    op.drop_table("stock_quants")
    with op.batch_alter_table("stock_moves", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_moves_user_id"))
        batch_op.drop_index(batch_op.f("ix_stock_moves_to_location_id"))
        batch_op.drop_index("ix_stock_moves_product_id_at")
        batch_op.drop_index(batch_op.f("ix_stock_moves_product_id"))
        batch_op.drop_index(batch_op.f("ix_stock_moves_origin_ref"))
        batch_op.drop_index(batch_op.f("ix_stock_moves_origin"))
        batch_op.drop_index(batch_op.f("ix_stock_moves_lot_id"))
        batch_op.drop_index(batch_op.f("ix_stock_moves_from_location_id"))
        batch_op.drop_index(batch_op.f("ix_stock_moves_at"))

    op.drop_table("stock_moves")
    with op.batch_alter_table("stock_count_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_count_lines_product_id"))
        batch_op.drop_index(batch_op.f("ix_stock_count_lines_lot_id"))
        batch_op.drop_index(batch_op.f("ix_stock_count_lines_location_id"))
        batch_op.drop_index(batch_op.f("ix_stock_count_lines_count_id"))

    op.drop_table("stock_count_lines")
    with op.batch_alter_table("purchase_order_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_purchase_order_lines_product_id"))
        batch_op.drop_index(batch_op.f("ix_purchase_order_lines_packaging_id"))
        batch_op.drop_index(batch_op.f("ix_purchase_order_lines_order_id"))

    op.drop_table("purchase_order_lines")
    with op.batch_alter_table("receipts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipts_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_receipts_total"))
        batch_op.drop_index(batch_op.f("ix_receipts_supplier_invoice"))
        batch_op.drop_index(batch_op.f("ix_receipts_supplier_id"))
        batch_op.drop_index(batch_op.f("ix_receipts_received_by"))
        batch_op.drop_index(batch_op.f("ix_receipts_received_at"))
        batch_op.drop_index(batch_op.f("ix_receipts_order_id"))
        batch_op.drop_index(batch_op.f("ix_receipts_number"))
        batch_op.drop_index(batch_op.f("ix_receipts_location_id"))
        batch_op.drop_index(batch_op.f("ix_receipts_billed"))

    op.drop_table("receipts")
    with op.batch_alter_table("packagings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_packagings_product_id"))
        batch_op.drop_index(batch_op.f("ix_packagings_gtin"))

    op.drop_table("packagings")
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lots_product_id"))
        batch_op.drop_index(batch_op.f("ix_lots_expiry"))
        batch_op.drop_index(batch_op.f("ix_lots_code"))

    op.drop_table("lots")
    with op.batch_alter_table("stock_counts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_counts_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_stock_counts_status"))
        batch_op.drop_index(batch_op.f("ix_stock_counts_started_by"))
        batch_op.drop_index(batch_op.f("ix_stock_counts_started_at"))
        batch_op.drop_index(batch_op.f("ix_stock_counts_posted_by"))
        batch_op.drop_index(batch_op.f("ix_stock_counts_number"))
        batch_op.drop_index(batch_op.f("ix_stock_counts_category_id"))

    op.drop_table("stock_counts")
    with op.batch_alter_table("purchase_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_purchase_orders_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_purchase_orders_total"))
        batch_op.drop_index(batch_op.f("ix_purchase_orders_supplier_id"))
        batch_op.drop_index(batch_op.f("ix_purchase_orders_status"))
        batch_op.drop_index(batch_op.f("ix_purchase_orders_number"))
        batch_op.drop_index(batch_op.f("ix_purchase_orders_expected_on"))
        batch_op.drop_index(batch_op.f("ix_purchase_orders_created_by"))
        batch_op.drop_index(batch_op.f("ix_purchase_orders_created_at"))

    op.drop_table("purchase_orders")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_products_sku"))
        batch_op.drop_index(batch_op.f("ix_products_search_text"))
        batch_op.drop_index(batch_op.f("ix_products_sale_price"))
        batch_op.drop_index(batch_op.f("ix_products_on_hand"))
        batch_op.drop_index(batch_op.f("ix_products_name"))
        batch_op.drop_index(batch_op.f("ix_products_gtin"))
        batch_op.drop_index(batch_op.f("ix_products_cost"))
        batch_op.drop_index(batch_op.f("ix_products_category_id"))
        batch_op.drop_index(batch_op.f("ix_products_brand"))
        batch_op.drop_index(batch_op.f("ix_products_active"))

    op.drop_table("products")
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_locations_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_locations_kind"))
        batch_op.drop_index(batch_op.f("ix_locations_code"))

    op.drop_table("locations")
    with op.batch_alter_table("warehouses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_warehouses_name"))
        batch_op.drop_index(batch_op.f("ix_warehouses_code"))

    op.drop_table("warehouses")
    with op.batch_alter_table("suppliers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suppliers_tax_id"))
        batch_op.drop_index(batch_op.f("ix_suppliers_search_text"))
        batch_op.drop_index(batch_op.f("ix_suppliers_name"))
        batch_op.drop_index(batch_op.f("ix_suppliers_city"))
        batch_op.drop_index(batch_op.f("ix_suppliers_active"))

    op.drop_table("suppliers")
    with op.batch_alter_table("categories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_categories_name"))

    op.drop_table("categories")
