"""Trips (romaneios): the orders they carry by stop, each stop's result and what was collected at its
door, and the settlement counted when the truck is back.

A trip is a document of `TRIP_LIFECYCLE`: frozen once closed or cancelled, its stops, orders, lines,
collections and settlement lines with it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bodesk.domain.common.lifecycle import LineOf
from bodesk.domain.common.models import Money, Quantity
from bodesk.domain.deliveries.states import TRIP_LIFECYCLE
from bodesk.store.types import Base, UTCDateTime

ZERO = Decimal(0)


class Trip(Base):
    __tablename__ = "trips"
    __frozen__ = TRIP_LIFECYCLE

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True, index=True)
    status: Mapped[str] = mapped_column(String(12), index=True)
    day: Mapped[date] = mapped_column(Date(), index=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"), index=True)
    driver_id: Mapped[int] = mapped_column(ForeignKey("delivery_people.id"), index=True)
    helper_id: Mapped[int | None] = mapped_column(ForeignKey("delivery_people.id"), index=True)
    route_id: Mapped[int | None] = mapped_column(ForeignKey("routes.id"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    weight: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO)  # kg loaded
    cases: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO)  # packages loaded
    value: Mapped[Decimal] = mapped_column(Money(), default=ZERO, index=True)
    stops: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    departed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)


class TripStop(Base):
    """One customer's stop on a trip, in the order driven, and what happened there."""

    __tablename__ = "trip_stops"
    __frozen__ = LineOf(Trip, "trip_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id"), index=True)
    position: Mapped[int] = mapped_column()
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    result: Mapped[str | None] = mapped_column(String(12), index=True)
    reason: Mapped[str] = mapped_column(String(12), default="")
    received_by: Mapped[str] = mapped_column(String(100), default="")
    result_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(Text, default="")


class TripOrder(Base):
    """A sales order carried on a trip, at one of its stops; an order is on one open trip at a time."""

    __tablename__ = "trip_orders"
    __frozen__ = LineOf(Trip, "trip_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id"), index=True)
    stop_id: Mapped[int] = mapped_column(ForeignKey("trip_stops.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_orders.id"), index=True)
    value: Mapped[Decimal] = mapped_column(Money(), default=ZERO)


class TripLine(Base):
    """A line of a carried order: what was loaded (base units) and what the customer received."""

    __tablename__ = "trip_lines"
    __frozen__ = LineOf(Trip, "trip_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id"), index=True)
    trip_order_id: Mapped[int] = mapped_column(ForeignKey("trip_orders.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("sales_order_lines.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    loaded: Mapped[Decimal] = mapped_column(Quantity())
    delivered: Mapped[Decimal | None] = mapped_column(Quantity())


class StopCollection(Base):
    """Money taken at a stop's door (or left on account), with a cheque's bank, number and date."""

    __tablename__ = "stop_collections"
    __frozen__ = LineOf(Trip, "trip_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id"), index=True)
    stop_id: Mapped[int] = mapped_column(ForeignKey("trip_stops.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("sales_orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    bank: Mapped[str] = mapped_column(String(60), default="")
    cheque_number: Mapped[str] = mapped_column(String(20), default="")
    cheque_date: Mapped[date | None] = mapped_column(Date())


class StopEmpties(Base):
    """Empties a stop's customer gave back, and containers charged to them as lost or broken."""

    __tablename__ = "stop_empties"
    __frozen__ = LineOf(Trip, "trip_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id"), index=True)
    stop_id: Mapped[int] = mapped_column(ForeignKey("trip_stops.id"), index=True)
    container_type_id: Mapped[int] = mapped_column(ForeignKey("container_types.id"), index=True)
    returned: Mapped[int] = mapped_column(default=0)
    charged: Mapped[int] = mapped_column(default=0)
    correction: Mapped[bool] = mapped_column(default=False)  # more back than held, recorded as such


class SettlementLine(Base):
    """One line of a trip's settlement: what was expected back against what was counted, by kind
    (money by pay kind, goods by product, empties by container type); a difference names who answers
    for it and why."""

    __tablename__ = "settlement_lines"
    __frozen__ = LineOf(Trip, "trip_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(20))
    expected: Mapped[Decimal] = mapped_column(Quantity())  # money to the cent, goods to the thousandth
    counted: Mapped[Decimal] = mapped_column(Quantity())
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("delivery_people.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
