"""The catalogue, where stock can be, and the stock ledger.

Stock on hand is the sum of done moves between locations (Tryton's model): a move takes a quantity
of a product (and lot) from one location to another. Only INTERNAL locations hold real stock and
never go negative; the others (supplier, customer, adjustment, loss, transit) are the ledger's
other side. `StockQuant` and `Product.on_hand` cache the sums, kept in the same transaction, and
`bodesk check` proves them equal to the moves.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

import bodesk.domain.access.models  # noqa: F401 - the users table these models refer to
from bodesk.domain.common.lifecycle import LineOf, Posted
from bodesk.domain.common.models import Money, Quantity, UnitPrice
from bodesk.domain.common.sorting import sort_key_column
from bodesk.domain.stock.states import COUNT_LIFECYCLE
from bodesk.i18n import N_
from bodesk.store.types import Base, UTCDateTime

_BIG_ID = BigInteger().with_variant(Integer(), "sqlite")
ZERO = Decimal(0)


class LocationKind(StrEnum):
    INTERNAL = "internal"
    SUPPLIER = "supplier"
    CUSTOMER = "customer"
    ADJUSTMENT = "adjustment"
    LOSS = "loss"
    TRANSIT = "transit"


VIRTUAL_KINDS = (
    LocationKind.SUPPLIER,
    LocationKind.CUSTOMER,
    LocationKind.ADJUSTMENT,
    LocationKind.LOSS,
    LocationKind.TRANSIT,
)


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True, index=True)
    name_key: Mapped[str] = sort_key_column("name", 100)


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    gtin: Mapped[str | None] = mapped_column(String(14), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    name_key: Mapped[str] = sort_key_column("name", 200)
    brand: Mapped[str] = mapped_column(String(100), index=True, default="")
    brand_key: Mapped[str] = sort_key_column("brand", 100)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    base_unit: Mapped[str] = mapped_column(String(10), default="un")
    ncm: Mapped[str] = mapped_column(String(8), default="")
    cost: Mapped[Decimal] = mapped_column(UnitPrice(), default=ZERO, index=True)
    sale_price: Mapped[Decimal] = mapped_column(Money(), default=ZERO, index=True)
    min_stock: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO)
    max_stock: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO)
    lot_tracked: Mapped[bool] = mapped_column(default=False)
    shelf_life_days: Mapped[int | None] = mapped_column()
    returnable: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True, index=True)
    on_hand: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO, index=True)
    reserved: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO)
    weight: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO)  # kg per base unit
    search_text: Mapped[str] = mapped_column(String(400), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # raised by each change of the card


class Packaging(Base):
    """A way a product is bought or sold: a case of 12, a pack of 6; `units` base units each."""

    __tablename__ = "packagings"
    __table_args__ = (UniqueConstraint("product_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    units: Mapped[Decimal] = mapped_column(Quantity())
    gtin: Mapped[str | None] = mapped_column(String(14), unique=True, index=True)
    for_purchase: Mapped[bool] = mapped_column(default=True)
    for_sale: Mapped[bool] = mapped_column(default=True)


class Warehouse(Base):
    __tablename__ = "warehouses"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    name_key: Mapped[str] = sort_key_column("name", 100)
    address: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(default=True)


class Location(Base):
    """A place stock can be: a warehouse's main area or one of its bins (INTERNAL), or a virtual place."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouses.id"), index=True)
    code: Mapped[str] = mapped_column(String(60), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(12), index=True)
    is_bin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)


class Lot(Base):
    __tablename__ = "lots"
    __table_args__ = (UniqueConstraint("product_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), index=True)
    expiry: Mapped[date | None] = mapped_column(Date(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


# Codes are unique ignoring case (domain/common/codes.py): the database refuses a second one that
# differs only in case, the same way on SQLite and PostgreSQL (codes are ASCII, where their upper() agree).
Index("uq_products_sku_upper", func.upper(Product.sku), unique=True)
Index("uq_warehouses_code_upper", func.upper(Warehouse.code), unique=True)
Index("uq_locations_code_upper", func.upper(Location.code), unique=True)
Index("uq_lots_product_id_code_upper", Lot.product_id, func.upper(Lot.code), unique=True)


class StockOperationKind(StrEnum):
    TRANSFER = "transfer"
    ADJUSTMENT = "adjustment"
    BREAKAGE = "breakage"
    ISSUE = "issue"


class StockOperation(Base):
    """Stock moved by hand (a transfer, an adjustment, breakage, a goods issue): the document its moves
    refer to, numbered in one series, final once written."""

    __tablename__ = "stock_operations"
    __frozen__ = Posted(N_("Stock operation"))

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True, index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[Decimal] = mapped_column(Money(), default=ZERO)


class StockMove(Base):
    """One done movement of stock, with a typed reference to the document that made it (kind, id,
    number); never edited or deleted, corrected by a move the other way."""

    __tablename__ = "stock_moves"
    __table_args__ = (
        Index("ix_stock_moves_product_id_at", "product_id", "at"),
        Index("ix_stock_moves_doc_kind_doc_id", "doc_kind", "doc_id"),
    )
    __frozen__ = Posted(N_("Stock move"))

    id: Mapped[int] = mapped_column(_BIG_ID, primary_key=True, autoincrement=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"), index=True)
    from_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    to_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit_cost: Mapped[Decimal] = mapped_column(UnitPrice())
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    doc_kind: Mapped[str] = mapped_column(String(20))
    doc_id: Mapped[int] = mapped_column()
    doc_number: Mapped[int] = mapped_column(index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    reason: Mapped[str | None] = mapped_column(Text)


class StockQuant(Base):
    """Cached on-hand quantity of a product in a location and lot (`lot_key` 0 when no lot)."""

    __tablename__ = "stock_quants"
    __table_args__ = (
        UniqueConstraint("product_id", "location_id", "lot_key"),
        # the lots list asks, per lot, whether some quant holds stock (and where): from the index alone
        Index("ix_stock_quants_lot_stock", "lot_id", "quantity", "location_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"), index=True)
    lot_key: Mapped[int] = mapped_column(default=0)
    quantity: Mapped[Decimal] = mapped_column(Quantity(), index=True)
    reserved: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO)


class StockReservation(Base):
    """Stock held for a line of a document (a confirmed sales order): part of one quant that no other
    document may take. Working state, not a ledger: a reservation is released or shipped, then gone.
    `StockQuant.reserved` and `Product.reserved` cache the sums, kept in the same transaction, and
    `bodesk check` proves them equal (and never above what is on hand)."""

    __tablename__ = "stock_reservations"
    __table_args__ = (
        Index("ix_stock_reservations_doc_kind_doc_id", "doc_kind", "doc_id"),
        Index("ix_stock_reservations_quant", "product_id", "location_id", "lot_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"), index=True)
    lot_key: Mapped[int] = mapped_column(default=0)
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    doc_kind: Mapped[str] = mapped_column(String(20))
    doc_id: Mapped[int] = mapped_column()
    doc_line_id: Mapped[int] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StockCount(Base):
    __tablename__ = "stock_counts"
    __frozen__ = COUNT_LIFECYCLE

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True, index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    started_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    posted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    adjustment_value: Mapped[Decimal] = mapped_column(Money(), default=ZERO)
    note: Mapped[str] = mapped_column(Text, default="")


class StockCountLine(Base):
    __tablename__ = "stock_count_lines"
    __table_args__ = (UniqueConstraint("count_id", "product_id", "location_id", "lot_key"),)
    __frozen__ = LineOf(StockCount, "count_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("stock_counts.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"), index=True)
    lot_key: Mapped[int] = mapped_column(default=0)
    expected: Mapped[Decimal] = mapped_column(Quantity())
    counted: Mapped[Decimal | None] = mapped_column(Quantity())
    counted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
