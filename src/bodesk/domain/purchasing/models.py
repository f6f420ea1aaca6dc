"""Suppliers, purchase orders and receipts.

A purchase order moves through the states of `ORDER_LIFECYCLE` only and is frozen once received or
cancelled. A receipt is final when written: it moved stock in and keeps its value and supplier so that
finance can bill it (`billed` is the one thing that may still change).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

import bodesk.domain.stock.models  # noqa: F401 - the products, packagings, lots and locations referred to
from bodesk.domain.common.lifecycle import LineOf, Posted
from bodesk.domain.common.models import Money, Quantity, UnitPrice
from bodesk.domain.common.sorting import sort_key_column
from bodesk.domain.purchasing.states import ORDER_LIFECYCLE
from bodesk.i18n import N_
from bodesk.store.types import Base, UTCDateTime

ZERO = Decimal(0)


class Supplier(Base):
    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    name_key: Mapped[str] = sort_key_column("name", 200)
    trade_name: Mapped[str] = mapped_column(String(200), default="")
    trade_name_key: Mapped[str] = sort_key_column("trade_name", 200)
    tax_id: Mapped[str] = mapped_column(String(14), unique=True, index=True)
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    city: Mapped[str] = mapped_column(String(100), default="", index=True)
    city_key: Mapped[str] = sort_key_column("city", 100)
    state: Mapped[str] = mapped_column(String(2), default="")
    payment_terms_days: Mapped[int] = mapped_column(default=28)
    lead_time_days: Mapped[int] = mapped_column(default=7)
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True, index=True)
    search_text: Mapped[str] = mapped_column(String(400), default="", index=True)


class SupplierProduct(Base):
    """What a supplier sells us: its code, the packaging we buy in and the price of one package."""

    __tablename__ = "supplier_products"
    __table_args__ = (UniqueConstraint("supplier_id", "product_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    supplier_sku: Mapped[str] = mapped_column(String(40), default="")
    packaging_id: Mapped[int | None] = mapped_column(ForeignKey("packagings.id"), index=True)
    package_price: Mapped[Decimal] = mapped_column(UnitPrice())
    preferred: Mapped[bool] = mapped_column(default=False)


class PurchaseOrder(Base):
    __tablename__ = "purchase_orders"
    __frozen__ = ORDER_LIFECYCLE

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True, index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expected_on: Mapped[date | None] = mapped_column(Date(), index=True)
    total: Mapped[Decimal] = mapped_column(Money(), default=ZERO, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")


class PurchaseOrderLine(Base):
    __tablename__ = "purchase_order_lines"
    __frozen__ = LineOf(PurchaseOrder, "order_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("purchase_orders.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    packaging_id: Mapped[int | None] = mapped_column(ForeignKey("packagings.id"), index=True)
    packages: Mapped[Decimal] = mapped_column(Quantity())
    units_per_package: Mapped[Decimal] = mapped_column(Quantity())
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    package_price: Mapped[Decimal] = mapped_column(UnitPrice())
    total: Mapped[Decimal] = mapped_column(Money())
    received: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO)


class Receipt(Base):
    """Goods received from a supplier: the stock moves it made, its value, and the bill it will become."""

    __tablename__ = "receipts"
    __frozen__ = Posted(N_("Receipt"), frozenset({"billed"}))

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True, index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_orders.id"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    received_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    supplier_invoice: Mapped[str] = mapped_column(String(40), default="", index=True)
    total: Mapped[Decimal] = mapped_column(Money(), index=True)
    billed: Mapped[bool] = mapped_column(default=False, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class ReceiptLine(Base):
    __tablename__ = "receipt_lines"
    __frozen__ = LineOf(Receipt, "receipt_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"), index=True)
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_order_lines.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit_cost: Mapped[Decimal] = mapped_column(UnitPrice())
    total: Mapped[Decimal] = mapped_column(Money())
