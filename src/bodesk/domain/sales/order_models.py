"""Sales orders with their lines and history, and returns.

An order is a document of `ORDER_LIFECYCLE` (frozen once invoiced or cancelled). Each change of state
is an event with its time and user; the seconds from creation to each milestone are kept on the order
so that processing-time figures over years of orders are read, not recomputed. A return is final when
written: it moved goods back and keeps its value for the credit note.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bodesk.domain.common.lifecycle import LineOf, Posted
from bodesk.domain.common.models import Money, Quantity, UnitPrice
from bodesk.domain.sales.states import ORDER_LIFECYCLE
from bodesk.i18n import N_
from bodesk.store.types import Base, UTCDateTime

ZERO = Decimal(0)


class SalesOrder(Base):
    __tablename__ = "sales_orders"
    __frozen__ = ORDER_LIFECYCLE

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True, index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("sales_reps.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), index=True)
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouses.id"), index=True)
    price_table_id: Mapped[int | None] = mapped_column(ForeignKey("price_tables.id"), index=True)
    payment_term_id: Mapped[int | None] = mapped_column(ForeignKey("payment_terms.id"), index=True)
    backorder_of: Mapped[int | None] = mapped_column(ForeignKey("sales_orders.id"), index=True)
    requested_on: Mapped[date | None] = mapped_column(Date(), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    total: Mapped[Decimal] = mapped_column(Money(), default=ZERO, index=True)
    shipped_total: Mapped[Decimal] = mapped_column(Money(), default=ZERO)
    units: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO, index=True)  # the list sorts by it
    weight: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO)  # kg
    credit_note: Mapped[str] = mapped_column(Text, default="")  # why credit was overridden
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    invoiced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    seconds_to_confirm: Mapped[int | None] = mapped_column()
    seconds_to_ship: Mapped[int | None] = mapped_column()
    seconds_to_deliver: Mapped[int | None] = mapped_column()
    seconds_to_invoice: Mapped[int | None] = mapped_column()


class SalesOrderLine(Base):
    """A quantity of one packaging of a product (`units_per_package` base units each) at a price per
    package; `quantity` is in base units. `price` is after the line's discount; `price_note` says how
    the list price was found."""

    __tablename__ = "sales_order_lines"
    __frozen__ = LineOf(SalesOrder, "order_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_orders.id"), index=True)
    position: Mapped[int] = mapped_column()
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    packaging_id: Mapped[int | None] = mapped_column(ForeignKey("packagings.id"), index=True)
    units_per_package: Mapped[Decimal] = mapped_column(Quantity())
    packages: Mapped[Decimal] = mapped_column(Quantity())
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    list_price: Mapped[Decimal] = mapped_column(Money())
    discount: Mapped[Decimal] = mapped_column(Money(), default=ZERO)  # percent
    price: Mapped[Decimal] = mapped_column(Money())
    price_note: Mapped[str] = mapped_column(String(300), default="")
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"), index=True)
    total: Mapped[Decimal] = mapped_column(Money())
    shipped: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO)
    unit_cost: Mapped[Decimal | None] = mapped_column(UnitPrice())  # the average cost when shipped


class SalesOrderEvent(Base):
    """One change of an order's state: when and by whom."""

    __tablename__ = "sales_order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_orders.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)


class SalesReturn(Base):
    __tablename__ = "sales_returns"
    __frozen__ = Posted(N_("Return"))

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True, index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_orders.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    total: Mapped[Decimal] = mapped_column(Money())


class SalesReturnLine(Base):
    """A quantity of an order line back from the customer: why, and where it went (back to stock in
    its lot, or to the loss location)."""

    __tablename__ = "sales_return_lines"
    __frozen__ = LineOf(SalesReturn, "return_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("sales_returns.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("sales_order_lines.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    reason: Mapped[str] = mapped_column(String(12))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    value: Mapped[Decimal] = mapped_column(Money())
