"""Vehicles, the people who drive and help, and routes with their ordered customer stops."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from bodesk.domain.common.models import Quantity
from bodesk.domain.common.sorting import sort_key_column
from bodesk.store.types import Base

ZERO = Decimal(0)


class Vehicle(Base):
    """A truck: its plate, capacities, home warehouse, and its own INTERNAL stock location (the truck
    is a warehouse while on the road; the location belongs to no warehouse, so no order reserves from
    it)."""

    __tablename__ = "vehicles"

    id: Mapped[int] = mapped_column(primary_key=True)
    plate: Mapped[str] = mapped_column(String(8), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(60), default="", index=True)
    capacity_kg: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO)
    capacity_cases: Mapped[Decimal] = mapped_column(Quantity(), default=ZERO)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True, index=True)


class DeliveryPerson(Base):
    """A driver or a helper (a people record now; linked to staff later)."""

    __tablename__ = "delivery_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    name_key: Mapped[str] = sort_key_column("name", 100)
    role: Mapped[str] = mapped_column(String(10), index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(default=True, index=True)


class Route(Base):
    """A fixed route: its weekdays ("135": Monday, Wednesday, Friday) and the warehouse it leaves from."""

    __tablename__ = "routes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True, index=True)
    name_key: Mapped[str] = sort_key_column("name", 60)
    weekdays: Mapped[str] = mapped_column(String(7), default="")
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True, index=True)


class RouteStop(Base):
    """A customer on a route, in the route's order; a customer is on one route at most."""

    __tablename__ = "route_stops"

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), unique=True, index=True)
    position: Mapped[int] = mapped_column()


class DeliverySettings(Base):
    """The company's delivery rules: whether a trip over its vehicle's capacity is only warned or
    blocked."""

    __tablename__ = "delivery_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    block_over_capacity: Mapped[bool] = mapped_column(default=False)


__all__ = ["DeliveryPerson", "DeliverySettings", "Route", "RouteStop", "Vehicle"]
