"""deliveries: vehicles, drivers and helpers, routes and their stops, the delivery settings, trips with
their stops, orders, lines, collections, empties and settlement lines; returnable container types, the
products' containers, allowances, container documents, the container ledger and its cached balances;
the triggers that freeze closed or cancelled trips and posted container documents and moves.

Self-contained: it creates only its own tables (finance's 0007 will be inserted before it).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 21:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bodesk.store.types as bt
from bodesk.store import triggers

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TRIP_FINAL = ("closed", "cancelled")
TRIP_LINES = (
    "trip_stops",
    "trip_orders",
    "trip_lines",
    "stop_collections",
    "stop_empties",
    "settlement_lines",
)
CONTAINER_DOCS = (
    "id", "number", "reason", "customer_id", "supplier_id", "receipt_id", "at", "user_id", "value", "note"
)  # fmt: skip
CONTAINER_MOVES = (
    "id", "doc_kind", "doc_id", "doc_number", "container_type_id", "customer_id", "supplier_id", "route_id",
    "reason", "full_out", "empty_back", "charged", "balance", "empties", "at", "user_id", "note",
)  # fmt: skip
TRIPS = (
    "id", "number", "status", "day", "vehicle_id", "driver_id", "helper_id", "route_id", "warehouse_id",
    "weight", "cases", "value", "stops", "note", "created_at", "created_by", "departed_at", "closed_at",
    "closed_by",
)  # fmt: skip


def _key(name: str, length: int) -> sa.Column[str]:
    """A name's sort key (bodesk.domain.common.sorting), compared byte by byte on both engines."""
    kind = sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")
    return sa.Column(name, kind, server_default="", nullable=False)


def upgrade() -> None:
    op.create_table(
        "container_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("deposit", sa.BigInteger(), nullable=False),
        sa.Column("allowance", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_container_types")),
    )
    with op.batch_alter_table("container_types", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_container_types_active"), ["active"], unique=False)
        batch_op.create_index(batch_op.f("ix_container_types_code"), ["code"], unique=True)
        batch_op.create_index(batch_op.f("ix_container_types_name"), ["name"], unique=False)

    op.create_table(
        "delivery_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        _key("name_key", 100),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_people")),
    )
    with op.batch_alter_table("delivery_people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delivery_people_active"), ["active"], unique=False)
        batch_op.create_index(batch_op.f("ix_delivery_people_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_delivery_people_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_delivery_people_role"), ["role"], unique=False)

    op.create_table(
        "delivery_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("block_over_capacity", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_settings")),
    )
    op.create_table(
        "routes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        _key("name_key", 60),
        sa.Column("weekdays", sa.String(length=7), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_routes_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routes")),
    )
    with op.batch_alter_table("routes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_routes_active"), ["active"], unique=False)
        batch_op.create_index(batch_op.f("ix_routes_name"), ["name"], unique=True)
        batch_op.create_index(batch_op.f("ix_routes_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_routes_warehouse_id"), ["warehouse_id"], unique=False)

    op.create_table(
        "product_containers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("container_type_id", sa.Integer(), nullable=False),
        sa.Column("units", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["container_type_id"],
            ["container_types.id"],
            name=op.f("fk_product_containers_container_type_id_container_types"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_product_containers_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_containers")),
        sa.UniqueConstraint("product_id", "container_type_id", name=op.f("uq_product_containers_product_id")),
    )
    with op.batch_alter_table("product_containers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_containers_container_type_id"), ["container_type_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_product_containers_product_id"), ["product_id"], unique=False)

    op.create_table(
        "vehicles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plate", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("capacity_kg", sa.BigInteger(), nullable=False),
        sa.Column("capacity_cases", sa.BigInteger(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"], ["locations.id"], name=op.f("fk_vehicles_location_id_locations")
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_vehicles_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicles")),
    )
    with op.batch_alter_table("vehicles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vehicles_active"), ["active"], unique=False)
        batch_op.create_index(batch_op.f("ix_vehicles_location_id"), ["location_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vehicles_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_vehicles_plate"), ["plate"], unique=True)
        batch_op.create_index(batch_op.f("ix_vehicles_warehouse_id"), ["warehouse_id"], unique=False)

    op.create_table(
        "container_allowances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("container_type_id", sa.Integer(), nullable=False),
        sa.Column("allowed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["container_type_id"],
            ["container_types.id"],
            name=op.f("fk_container_allowances_container_type_id_container_types"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_container_allowances_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_container_allowances")),
        sa.UniqueConstraint(
            "customer_id", "container_type_id", name=op.f("uq_container_allowances_customer_id")
        ),
    )
    with op.batch_alter_table("container_allowances", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_container_allowances_container_type_id"), ["container_type_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_container_allowances_customer_id"), ["customer_id"], unique=False
        )

    op.create_table(
        "container_balances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("container_type_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["container_type_id"],
            ["container_types.id"],
            name=op.f("fk_container_balances_container_type_id_container_types"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_container_balances_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_container_balances")),
        sa.UniqueConstraint(
            "customer_id", "container_type_id", name=op.f("uq_container_balances_customer_id")
        ),
    )
    with op.batch_alter_table("container_balances", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_container_balances_container_type_id"), ["container_type_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_container_balances_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_container_balances_quantity"), ["quantity"], unique=False)

    op.create_table(
        "container_docs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=12), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("supplier_id", sa.Integer(), nullable=True),
        sa.Column("receipt_id", sa.Integer(), nullable=True),
        sa.Column("at", bt.UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_container_docs_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["receipt_id"], ["receipts.id"], name=op.f("fk_container_docs_receipt_id_receipts")
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["suppliers.id"], name=op.f("fk_container_docs_supplier_id_suppliers")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_container_docs_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_container_docs")),
    )
    with op.batch_alter_table("container_docs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_container_docs_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_container_docs_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_container_docs_number"), ["number"], unique=True)
        batch_op.create_index(batch_op.f("ix_container_docs_reason"), ["reason"], unique=False)
        batch_op.create_index(batch_op.f("ix_container_docs_receipt_id"), ["receipt_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_container_docs_supplier_id"), ["supplier_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_container_docs_user_id"), ["user_id"], unique=False)

    op.create_table(
        "container_moves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_kind", sa.String(length=20), nullable=False),
        sa.Column("doc_id", sa.Integer(), nullable=False),
        sa.Column("doc_number", sa.Integer(), nullable=False),
        sa.Column("container_type_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("supplier_id", sa.Integer(), nullable=True),
        sa.Column("route_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=12), nullable=False),
        sa.Column("full_out", sa.Integer(), nullable=False),
        sa.Column("empty_back", sa.Integer(), nullable=False),
        sa.Column("charged", sa.Integer(), nullable=False),
        sa.Column("balance", sa.Integer(), nullable=False),
        sa.Column("empties", sa.Integer(), nullable=False),
        sa.Column("at", bt.UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["container_type_id"],
            ["container_types.id"],
            name=op.f("fk_container_moves_container_type_id_container_types"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_container_moves_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(["route_id"], ["routes.id"], name=op.f("fk_container_moves_route_id_routes")),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["suppliers.id"], name=op.f("fk_container_moves_supplier_id_suppliers")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_container_moves_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_container_moves")),
    )
    with op.batch_alter_table("container_moves", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_container_moves_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_container_moves_container_type_id"), ["container_type_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_container_moves_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_container_moves_doc_id"), ["doc_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_container_moves_doc_number"), ["doc_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_container_moves_reason"), ["reason"], unique=False)
        batch_op.create_index(batch_op.f("ix_container_moves_route_id"), ["route_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_container_moves_supplier_id"), ["supplier_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_container_moves_user_id"), ["user_id"], unique=False)

    op.create_table(
        "route_stops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_route_stops_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(["route_id"], ["routes.id"], name=op.f("fk_route_stops_route_id_routes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_route_stops")),
    )
    with op.batch_alter_table("route_stops", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_route_stops_customer_id"), ["customer_id"], unique=True)
        batch_op.create_index(batch_op.f("ix_route_stops_route_id"), ["route_id"], unique=False)

    op.create_table(
        "trips",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("driver_id", sa.Integer(), nullable=False),
        sa.Column("helper_id", sa.Integer(), nullable=True),
        sa.Column("route_id", sa.Integer(), nullable=True),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.BigInteger(), nullable=False),
        sa.Column("cases", sa.BigInteger(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("stops", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", bt.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("departed_at", bt.UTCDateTime(), nullable=True),
        sa.Column("closed_at", bt.UTCDateTime(), nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["closed_by"], ["users.id"], name=op.f("fk_trips_closed_by_users")),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_trips_created_by_users")),
        sa.ForeignKeyConstraint(
            ["driver_id"], ["delivery_people.id"], name=op.f("fk_trips_driver_id_delivery_people")
        ),
        sa.ForeignKeyConstraint(
            ["helper_id"], ["delivery_people.id"], name=op.f("fk_trips_helper_id_delivery_people")
        ),
        sa.ForeignKeyConstraint(["route_id"], ["routes.id"], name=op.f("fk_trips_route_id_routes")),
        sa.ForeignKeyConstraint(["vehicle_id"], ["vehicles.id"], name=op.f("fk_trips_vehicle_id_vehicles")),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_trips_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trips")),
    )
    with op.batch_alter_table("trips", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trips_closed_at"), ["closed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_trips_closed_by"), ["closed_by"], unique=False)
        batch_op.create_index(batch_op.f("ix_trips_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_trips_created_by"), ["created_by"], unique=False)
        batch_op.create_index(batch_op.f("ix_trips_day"), ["day"], unique=False)
        batch_op.create_index(batch_op.f("ix_trips_driver_id"), ["driver_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trips_helper_id"), ["helper_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trips_number"), ["number"], unique=True)
        batch_op.create_index(batch_op.f("ix_trips_route_id"), ["route_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trips_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_trips_value"), ["value"], unique=False)
        batch_op.create_index(batch_op.f("ix_trips_vehicle_id"), ["vehicle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trips_warehouse_id"), ["warehouse_id"], unique=False)

    op.create_table(
        "settlement_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column("expected", sa.BigInteger(), nullable=False),
        sa.Column("counted", sa.BigInteger(), nullable=False),
        sa.Column("responsible_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["responsible_id"],
            ["delivery_people.id"],
            name=op.f("fk_settlement_lines_responsible_id_delivery_people"),
        ),
        sa.ForeignKeyConstraint(["trip_id"], ["trips.id"], name=op.f("fk_settlement_lines_trip_id_trips")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settlement_lines")),
    )
    with op.batch_alter_table("settlement_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_settlement_lines_responsible_id"), ["responsible_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_settlement_lines_trip_id"), ["trip_id"], unique=False)

    op.create_table(
        "trip_stops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=12), nullable=True),
        sa.Column("reason", sa.String(length=12), nullable=False),
        sa.Column("received_by", sa.String(length=100), nullable=False),
        sa.Column("result_at", bt.UTCDateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_trip_stops_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(["trip_id"], ["trips.id"], name=op.f("fk_trip_stops_trip_id_trips")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trip_stops")),
    )
    with op.batch_alter_table("trip_stops", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trip_stops_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trip_stops_result"), ["result"], unique=False)
        batch_op.create_index(batch_op.f("ix_trip_stops_trip_id"), ["trip_id"], unique=False)

    op.create_table(
        "stop_collections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.Integer(), nullable=False),
        sa.Column("stop_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("bank", sa.String(length=60), nullable=False),
        sa.Column("cheque_number", sa.String(length=20), nullable=False),
        sa.Column("cheque_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_stop_collections_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["sales_orders.id"], name=op.f("fk_stop_collections_order_id_sales_orders")
        ),
        sa.ForeignKeyConstraint(
            ["stop_id"], ["trip_stops.id"], name=op.f("fk_stop_collections_stop_id_trip_stops")
        ),
        sa.ForeignKeyConstraint(["trip_id"], ["trips.id"], name=op.f("fk_stop_collections_trip_id_trips")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stop_collections")),
    )
    with op.batch_alter_table("stop_collections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stop_collections_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stop_collections_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_stop_collections_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stop_collections_stop_id"), ["stop_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stop_collections_trip_id"), ["trip_id"], unique=False)

    op.create_table(
        "stop_empties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.Integer(), nullable=False),
        sa.Column("stop_id", sa.Integer(), nullable=False),
        sa.Column("container_type_id", sa.Integer(), nullable=False),
        sa.Column("returned", sa.Integer(), nullable=False),
        sa.Column("charged", sa.Integer(), nullable=False),
        sa.Column("correction", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["container_type_id"],
            ["container_types.id"],
            name=op.f("fk_stop_empties_container_type_id_container_types"),
        ),
        sa.ForeignKeyConstraint(
            ["stop_id"], ["trip_stops.id"], name=op.f("fk_stop_empties_stop_id_trip_stops")
        ),
        sa.ForeignKeyConstraint(["trip_id"], ["trips.id"], name=op.f("fk_stop_empties_trip_id_trips")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stop_empties")),
    )
    with op.batch_alter_table("stop_empties", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stop_empties_container_type_id"), ["container_type_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stop_empties_stop_id"), ["stop_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stop_empties_trip_id"), ["trip_id"], unique=False)

    op.create_table(
        "trip_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.Integer(), nullable=False),
        sa.Column("stop_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["sales_orders.id"], name=op.f("fk_trip_orders_order_id_sales_orders")
        ),
        sa.ForeignKeyConstraint(
            ["stop_id"], ["trip_stops.id"], name=op.f("fk_trip_orders_stop_id_trip_stops")
        ),
        sa.ForeignKeyConstraint(["trip_id"], ["trips.id"], name=op.f("fk_trip_orders_trip_id_trips")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trip_orders")),
    )
    with op.batch_alter_table("trip_orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trip_orders_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trip_orders_stop_id"), ["stop_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trip_orders_trip_id"), ["trip_id"], unique=False)

    op.create_table(
        "trip_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.Integer(), nullable=False),
        sa.Column("trip_order_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("loaded", sa.BigInteger(), nullable=False),
        sa.Column("delivered", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["sales_order_lines.id"],
            name=op.f("fk_trip_lines_order_line_id_sales_order_lines"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_trip_lines_product_id_products")
        ),
        sa.ForeignKeyConstraint(["trip_id"], ["trips.id"], name=op.f("fk_trip_lines_trip_id_trips")),
        sa.ForeignKeyConstraint(
            ["trip_order_id"], ["trip_orders.id"], name=op.f("fk_trip_lines_trip_order_id_trip_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trip_lines")),
    )
    with op.batch_alter_table("trip_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trip_lines_order_line_id"), ["order_line_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trip_lines_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trip_lines_trip_id"), ["trip_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trip_lines_trip_order_id"), ["trip_order_id"], unique=False)

    connection = op.get_bind()
    triggers.final_in_states(connection, "trips", TRIPS, TRIP_FINAL)
    for table in TRIP_LINES:
        triggers.lines_of(connection, table, "trip_id", "trips", TRIP_FINAL)
    triggers.posted_rows(connection, "container_docs", CONTAINER_DOCS)
    triggers.posted_rows(connection, "container_moves", CONTAINER_MOVES)


def downgrade() -> None:
    for table in (*TRIP_LINES, "trips", "container_docs", "container_moves"):
        triggers.drop(op.get_bind(), table)
    with op.batch_alter_table("trip_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trip_lines_trip_order_id"))
        batch_op.drop_index(batch_op.f("ix_trip_lines_trip_id"))
        batch_op.drop_index(batch_op.f("ix_trip_lines_product_id"))
        batch_op.drop_index(batch_op.f("ix_trip_lines_order_line_id"))

    op.drop_table("trip_lines")
    with op.batch_alter_table("trip_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trip_orders_trip_id"))
        batch_op.drop_index(batch_op.f("ix_trip_orders_stop_id"))
        batch_op.drop_index(batch_op.f("ix_trip_orders_order_id"))

    op.drop_table("trip_orders")
    with op.batch_alter_table("stop_empties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stop_empties_trip_id"))
        batch_op.drop_index(batch_op.f("ix_stop_empties_stop_id"))
        batch_op.drop_index(batch_op.f("ix_stop_empties_container_type_id"))

    op.drop_table("stop_empties")
    with op.batch_alter_table("stop_collections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stop_collections_trip_id"))
        batch_op.drop_index(batch_op.f("ix_stop_collections_stop_id"))
        batch_op.drop_index(batch_op.f("ix_stop_collections_order_id"))
        batch_op.drop_index(batch_op.f("ix_stop_collections_kind"))
        batch_op.drop_index(batch_op.f("ix_stop_collections_customer_id"))

    op.drop_table("stop_collections")
    with op.batch_alter_table("trip_stops", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trip_stops_trip_id"))
        batch_op.drop_index(batch_op.f("ix_trip_stops_result"))
        batch_op.drop_index(batch_op.f("ix_trip_stops_customer_id"))

    op.drop_table("trip_stops")
    with op.batch_alter_table("settlement_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_settlement_lines_trip_id"))
        batch_op.drop_index(batch_op.f("ix_settlement_lines_responsible_id"))

    op.drop_table("settlement_lines")
    with op.batch_alter_table("trips", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trips_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_trips_vehicle_id"))
        batch_op.drop_index(batch_op.f("ix_trips_value"))
        batch_op.drop_index(batch_op.f("ix_trips_status"))
        batch_op.drop_index(batch_op.f("ix_trips_route_id"))
        batch_op.drop_index(batch_op.f("ix_trips_number"))
        batch_op.drop_index(batch_op.f("ix_trips_helper_id"))
        batch_op.drop_index(batch_op.f("ix_trips_driver_id"))
        batch_op.drop_index(batch_op.f("ix_trips_day"))
        batch_op.drop_index(batch_op.f("ix_trips_created_by"))
        batch_op.drop_index(batch_op.f("ix_trips_created_at"))
        batch_op.drop_index(batch_op.f("ix_trips_closed_by"))
        batch_op.drop_index(batch_op.f("ix_trips_closed_at"))

    op.drop_table("trips")
    with op.batch_alter_table("route_stops", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_route_stops_route_id"))
        batch_op.drop_index(batch_op.f("ix_route_stops_customer_id"))

    op.drop_table("route_stops")
    with op.batch_alter_table("container_moves", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_container_moves_user_id"))
        batch_op.drop_index(batch_op.f("ix_container_moves_supplier_id"))
        batch_op.drop_index(batch_op.f("ix_container_moves_route_id"))
        batch_op.drop_index(batch_op.f("ix_container_moves_reason"))
        batch_op.drop_index(batch_op.f("ix_container_moves_doc_number"))
        batch_op.drop_index(batch_op.f("ix_container_moves_doc_id"))
        batch_op.drop_index(batch_op.f("ix_container_moves_customer_id"))
        batch_op.drop_index(batch_op.f("ix_container_moves_container_type_id"))
        batch_op.drop_index(batch_op.f("ix_container_moves_at"))

    op.drop_table("container_moves")
    with op.batch_alter_table("container_docs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_container_docs_user_id"))
        batch_op.drop_index(batch_op.f("ix_container_docs_supplier_id"))
        batch_op.drop_index(batch_op.f("ix_container_docs_receipt_id"))
        batch_op.drop_index(batch_op.f("ix_container_docs_reason"))
        batch_op.drop_index(batch_op.f("ix_container_docs_number"))
        batch_op.drop_index(batch_op.f("ix_container_docs_customer_id"))
        batch_op.drop_index(batch_op.f("ix_container_docs_at"))

    op.drop_table("container_docs")
    with op.batch_alter_table("container_balances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_container_balances_quantity"))
        batch_op.drop_index(batch_op.f("ix_container_balances_customer_id"))
        batch_op.drop_index(batch_op.f("ix_container_balances_container_type_id"))

    op.drop_table("container_balances")
    with op.batch_alter_table("container_allowances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_container_allowances_customer_id"))
        batch_op.drop_index(batch_op.f("ix_container_allowances_container_type_id"))

    op.drop_table("container_allowances")
    with op.batch_alter_table("vehicles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vehicles_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_vehicles_plate"))
        batch_op.drop_index(batch_op.f("ix_vehicles_name"))
        batch_op.drop_index(batch_op.f("ix_vehicles_location_id"))
        batch_op.drop_index(batch_op.f("ix_vehicles_active"))

    op.drop_table("vehicles")
    with op.batch_alter_table("product_containers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_containers_product_id"))
        batch_op.drop_index(batch_op.f("ix_product_containers_container_type_id"))

    op.drop_table("product_containers")
    with op.batch_alter_table("routes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routes_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_routes_name_key"))
        batch_op.drop_index(batch_op.f("ix_routes_name"))
        batch_op.drop_index(batch_op.f("ix_routes_active"))

    op.drop_table("routes")
    op.drop_table("delivery_settings")
    with op.batch_alter_table("delivery_people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delivery_people_role"))
        batch_op.drop_index(batch_op.f("ix_delivery_people_name_key"))
        batch_op.drop_index(batch_op.f("ix_delivery_people_name"))
        batch_op.drop_index(batch_op.f("ix_delivery_people_active"))

    op.drop_table("delivery_people")
    with op.batch_alter_table("container_types", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_container_types_name"))
        batch_op.drop_index(batch_op.f("ix_container_types_code"))
        batch_op.drop_index(batch_op.f("ix_container_types_active"))

    op.drop_table("container_types")
