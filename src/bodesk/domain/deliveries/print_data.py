"""What the delivery documents print, computed and rounded here: a trip's load manifest and a customer's
returnable containers statement (the PDFs only lay these out)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound
from bodesk.domain.common.postings import describe
from bodesk.domain.deliveries.container_ledger import containers_for
from bodesk.domain.deliveries.container_models import ContainerBalance, ContainerMove, ContainerType
from bodesk.domain.deliveries.fleet_models import DeliveryPerson, Route, RouteStop, Vehicle
from bodesk.domain.deliveries.permissions import DELIVERIES_VIEW
from bodesk.domain.deliveries.states import CONTAINER_REASONS, TRIP_LIFECYCLE, TripStatus
from bodesk.domain.deliveries.trip_models import Trip, TripLine, TripOrder, TripStop
from bodesk.domain.sales.models import Customer, PaymentTerm
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine
from bodesk.domain.stock.models import Packaging, Product
from bodesk.i18n import _
from bodesk.store.engine import Database

ZERO = Decimal(0)


@dataclass(frozen=True)
class LoadLine:
    sku: str
    product: str
    packaging: str
    units_per_package: Decimal
    packages: Decimal
    units: Decimal
    unit: str
    weight: Decimal


@dataclass(frozen=True)
class ManifestStop:
    position: int
    customer: str
    address: str
    delivery_note: str
    orders: str  # "12, 15"
    value: Decimal
    how: str  # the payment terms
    empties: str  # "2 × Engradado 24 × 600 ml"


@dataclass(frozen=True)
class Manifest:
    number: int
    day: date
    status: str
    vehicle: str
    driver: str
    helper: str
    route: str
    weight: Decimal
    cases: Decimal
    capacity_kg: Decimal
    capacity_cases: Decimal
    value: Decimal
    order_ids: list[int]
    load: list[LoadLine]
    stops: list[ManifestStop]
    planned: bool = False  # still in the warehouse: its picking list by bin is printed with it


def trip_numbered(db: Database, actor: Actor, number: int) -> int:
    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        found = session.execute(select(Trip.id).where(Trip.number == number)).scalar_one_or_none()
    if found is None:
        raise NotFound(_("No trip has the number {number}.").format(number=number), code="trip.not_found")
    return found


def _address(c: Customer) -> str:
    if c.delivery_street:
        parts = (
            f"{c.delivery_street}, {c.delivery_number}".strip(", "),
            c.delivery_district,
            c.delivery_city,
        )
    else:
        parts = (f"{c.street}, {c.number}".strip(", "), c.district, c.city)
    return " · ".join(p for p in parts if p)


def load_manifest(db: Database, actor: Actor, trip_id: int) -> Manifest:
    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        trip = session.get(Trip, trip_id)
        if trip is None:
            raise NotFound(_("This trip no longer exists."), code="trip.not_found")
        vehicle = session.get(Vehicle, trip.vehicle_id)
        people = dict(session.execute(select(DeliveryPerson.id, DeliveryPerson.name)).all())
        route = session.get(Route, trip.route_id) if trip.route_id else None
        loads = session.execute(
            select(
                Product.sku,
                Product.name,
                func.coalesce(Packaging.name, ""),
                SalesOrderLine.units_per_package,
                func.sum(TripLine.loaded),
                Product.base_unit,
                Product.weight,
            )
            .join(SalesOrderLine, SalesOrderLine.id == TripLine.order_line_id)
            .join(Product, Product.id == TripLine.product_id)
            .outerjoin(Packaging, Packaging.id == SalesOrderLine.packaging_id)
            .where(TripLine.trip_id == trip.id)
            .group_by(
                Product.sku,
                Product.name,
                Packaging.name,
                SalesOrderLine.units_per_package,
                Product.base_unit,
                Product.weight,
            )
            .order_by(Product.sku, SalesOrderLine.units_per_package.desc())
        ).all()
        load = [
            LoadLine(
                sku, name, pack, per, Decimal(units) / per, Decimal(units), unit, Decimal(units) * weight
            )
            for sku, name, pack, per, units, unit, weight in loads
        ]
        stops = _stops(session, trip)
        orders = list(
            session.execute(select(TripOrder.order_id).where(TripOrder.trip_id == trip.id)).scalars()
        )
        if vehicle is None:
            raise NotFound(_("This vehicle no longer exists."), code="vehicle.not_found")
        return Manifest(
            trip.number, trip.day, TRIP_LIFECYCLE.label(trip.status), vehicle.plate, people.get(trip.driver_id, ""),
            people.get(trip.helper_id, "") if trip.helper_id else "", route.name if route else "", trip.weight,
            trip.cases, vehicle.capacity_kg, vehicle.capacity_cases, trip.value, orders, load, stops,
            trip.status == TripStatus.PLANNED,
        )  # fmt: skip


def _stops(session: Session, trip: Trip) -> list[ManifestStop]:
    rows = session.execute(
        select(TripStop, Customer)
        .join(Customer, Customer.id == TripStop.customer_id)
        .where(TripStop.trip_id == trip.id)
        .order_by(TripStop.position)
    ).all()
    orders: dict[int, list[tuple[int, Decimal, str]]] = defaultdict(list)
    for stop_id, number, value, term in session.execute(
        select(TripOrder.stop_id, SalesOrder.number, TripOrder.value, PaymentTerm.name)
        .join(SalesOrder, SalesOrder.id == TripOrder.order_id)
        .outerjoin(PaymentTerm, PaymentTerm.id == SalesOrder.payment_term_id)
        .where(TripOrder.trip_id == trip.id)
        .order_by(SalesOrder.number)
    ):
        orders[stop_id].append((number, value, term or ""))
    goods: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for stop_id, product, loaded in session.execute(
        select(TripOrder.stop_id, TripLine.product_id, TripLine.loaded)
        .join(TripOrder, TripOrder.id == TripLine.trip_order_id)
        .where(TripLine.trip_id == trip.id)
    ):
        goods[stop_id][product] += loaded
    names = dict(session.execute(select(ContainerType.id, ContainerType.name)).all())
    found = []
    for stop, customer in rows:
        mine = orders[stop.id]
        crates = containers_for(session, goods[stop.id])
        found.append(
            ManifestStop(
                stop.position,
                f"{customer.code} {customer.name}",
                _address(customer),
                customer.delivery_note,
                ", ".join(str(n) for n, _v, _t in mine),
                sum((v for _n, v, _t in mine), ZERO),
                ", ".join(sorted({t for _n, _v, t in mine if t})) or _("At delivery"),
                ", ".join(f"{n} × {names.get(t, t)}" for t, n in sorted(crates.items())),
            )
        )
    return found


@dataclass(frozen=True)
class StatementLine:
    at: datetime
    document: str
    reason: str
    container: str
    full: int
    empty: int
    charged: int
    balance: int  # after this line, for this container type


@dataclass(frozen=True)
class Statement:
    customer: str
    address: str
    route: str
    balances: list[tuple[str, int, Decimal]]  # container, held, deposit value
    lines: list[StatementLine]


def customer_coded(db: Database, actor: Actor, code: str) -> int:
    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        found = session.execute(
            select(Customer.id).where(func.upper(Customer.code) == code.strip().upper())
        ).scalar_one_or_none()
    if found is None:
        raise NotFound(
            _("No customer has the code {code}.").format(code=code.strip()[:40]), code="customer.not_found"
        )
    return found


def container_statement(db: Database, actor: Actor, customer_id: int, limit: int = 2000) -> Statement:
    """A customer's containers: what they hold of each type, and the latest moves with running balances."""
    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise NotFound(_("This customer no longer exists."), code="customer.not_found")
        route = session.execute(
            select(Route.name)
            .join(RouteStop, RouteStop.route_id == Route.id)
            .where(RouteStop.customer_id == customer_id)
        ).scalar_one_or_none()
        balances = [
            (name, quantity, quantity * deposit)
            for name, quantity, deposit in session.execute(
                select(ContainerType.name, ContainerBalance.quantity, ContainerType.deposit)
                .join(ContainerType, ContainerType.id == ContainerBalance.container_type_id)
                .where(ContainerBalance.customer_id == customer_id, ContainerBalance.quantity != 0)
                .order_by(ContainerType.name)
            )
        ]
        moves = session.execute(
            select(ContainerMove, ContainerType.name)
            .join(ContainerType, ContainerType.id == ContainerMove.container_type_id)
            .where(ContainerMove.customer_id == customer_id)
            .order_by(ContainerMove.at, ContainerMove.id)
        ).all()
        running: dict[int, int] = defaultdict(int)
        lines = []
        for move, name in moves:
            running[move.container_type_id] += move.balance
            lines.append(
                StatementLine(
                    move.at,
                    describe(move.doc_kind, move.doc_number),
                    _(CONTAINER_REASONS.get(move.reason, move.reason)),
                    name,
                    move.full_out,
                    move.empty_back,
                    move.charged,
                    running[move.container_type_id],
                )
            )
        return Statement(
            f"{customer.code} {customer.name}", _address(customer), route or "", balances, lines[-limit:]
        )
