"""What the delivery screens read to fill their forms (plain rows; each checks the reader's
permission): the choices of vehicles, people, routes and containers, the orders a trip may take, a
stop's lines, and a trip's settlement with its labels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.deliveries.container_models import ContainerType, ProductContainer
from bodesk.domain.deliveries.fleet_models import DeliveryPerson, Route, Vehicle
from bodesk.domain.deliveries.permissions import DELIVERIES_VIEW
from bodesk.domain.deliveries.planning import orders_to_load
from bodesk.domain.deliveries.settlement import expected_of, settlement_of
from bodesk.domain.deliveries.states import PAY_KINDS, SettleKind
from bodesk.domain.deliveries.trip_models import StopEmpties, Trip, TripLine, TripOrder, TripStop
from bodesk.domain.sales.models import Customer
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine
from bodesk.domain.stock.models import Product
from bodesk.i18n import _
from bodesk.store.engine import Database


@dataclass(frozen=True)
class Choices:
    vehicles: list[tuple[int, str]]
    drivers: list[tuple[int, str]]
    helpers: list[tuple[int, str]]
    routes: list[tuple[int, str]]
    containers: list[tuple[int, str]]


def choices(db: Database, actor: Actor) -> Choices:
    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        people = session.execute(
            select(DeliveryPerson.id, DeliveryPerson.name, DeliveryPerson.role)
            .where(DeliveryPerson.active.is_(True))
            .order_by(DeliveryPerson.name_key)
        ).all()
        return Choices(
            [(i, f"{p} {n}".strip()) for i, p, n in session.execute(
                select(Vehicle.id, Vehicle.plate, Vehicle.name).where(Vehicle.active.is_(True)).order_by(Vehicle.plate))],
            [(i, n) for i, n, r in people if r == "driver"],
            [(i, n) for i, n, r in people],
            list(session.execute(select(Route.id, Route.name).where(Route.active.is_(True)).order_by(Route.name_key)).all()),
            list(session.execute(select(ContainerType.id, ContainerType.name).where(ContainerType.active.is_(True)).order_by(ContainerType.name)).all()),
        )  # fmt: skip


@dataclass(frozen=True)
class Candidate:
    order_id: int
    number: int
    customer: str
    value: Decimal
    weight: Decimal
    cases: Decimal


def candidates(db: Database, actor: Actor, route_ids: Sequence[int], day: date) -> list[Candidate]:
    """The confirmed orders of the routes due by `day` on no open trip, in route order."""
    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        ids = orders_to_load(session, route_ids, day)
        if not ids:
            return []
        cases = dict(
            session.execute(
                select(SalesOrderLine.order_id, func.sum(SalesOrderLine.packages))
                .where(SalesOrderLine.order_id.in_(ids))
                .group_by(SalesOrderLine.order_id)
            ).all()
        )
        rows = {
            row[0]: row
            for row in session.execute(
                select(SalesOrder.id, SalesOrder.number, Customer.name, SalesOrder.total, SalesOrder.weight)
                .join(Customer, Customer.id == SalesOrder.customer_id)
                .where(SalesOrder.id.in_(ids))
            )
        }
        return [Candidate(*rows[i], Decimal(cases.get(i) or 0)) for i in ids]


@dataclass(frozen=True)
class StopLine:
    line_id: int
    product: str
    loaded: Decimal
    delivered: Decimal | None


@dataclass(frozen=True)
class StopCard:
    stop_id: int
    trip_number: int
    position: int
    customer: str
    result: str | None
    lines: list[StopLine]
    containers: list[tuple[int, str]]  # the types its goods travel in first, then the others
    received_by: str = ""
    reason: str = ""
    back: dict[int, tuple[int, int]] | None = None  # container type -> (empties back, charged) recorded


def stop_card(db: Database, actor: Actor, stop_id: int) -> StopCard:
    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        stop, customer, number = session.execute(
            select(TripStop, Customer.name, Trip.number)
            .join(Customer, Customer.id == TripStop.customer_id)
            .join(Trip, Trip.id == TripStop.trip_id)
            .where(TripStop.id == stop_id)
        ).one()
        lines = [
            StopLine(*row)
            for row in session.execute(
                select(TripLine.id, Product.name, TripLine.loaded, TripLine.delivered)
                .join(TripOrder, TripOrder.id == TripLine.trip_order_id)
                .join(Product, Product.id == TripLine.product_id)
                .where(TripOrder.stop_id == stop_id)
                .order_by(TripLine.id)
            )
        ]
        used = set(
            session.execute(
                select(ProductContainer.container_type_id)
                .join(TripLine, TripLine.product_id == ProductContainer.product_id)
                .join(TripOrder, TripOrder.id == TripLine.trip_order_id)
                .where(TripOrder.stop_id == stop_id)
            ).scalars()
        )
        every = [
            (i, n)
            for i, n in session.execute(
                select(ContainerType.id, ContainerType.name).order_by(ContainerType.name)
            )
        ]
        containers = [c for c in every if c[0] in used] + [c for c in every if c[0] not in used]
        back = {
            t: (r, c)
            for t, r, c in session.execute(
                select(StopEmpties.container_type_id, StopEmpties.returned, StopEmpties.charged).where(
                    StopEmpties.stop_id == stop_id
                )
            )
        }
        return StopCard(
            stop.id,
            number,
            stop.position,
            customer,
            stop.result,
            lines,
            containers,
            stop.received_by,
            stop.reason,
            back,
        )


@dataclass(frozen=True)
class SettleLine:
    kind: str
    key: str
    label: str
    expected: Decimal
    counted: Decimal | None  # as last settled
    responsible_id: int | None
    note: str


def settlement_lines(db: Database, actor: Actor, trip_id: int) -> list[SettleLine]:
    """The trip's settlement to count: each expected line with its label, and what was counted before."""
    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        expected = expected_of(session, trip_id)
        before = {(s.kind, s.key): s for s in settlement_of(session, trip_id)}
        products = dict(session.execute(select(Product.id, Product.name).where(
            Product.id.in_([int(e.key) for e in expected if e.kind == SettleKind.GOODS]))).all())  # fmt: skip
        containers = dict(session.execute(select(ContainerType.id, ContainerType.name)).all())
        found = []
        for e in expected:
            if e.kind == SettleKind.MONEY:
                label = _(PAY_KINDS.get(e.key, e.key))
            elif e.kind == SettleKind.GOODS:
                label = _("Goods: {name}").format(name=products.get(int(e.key), e.key))
            else:
                label = _("Empties: {name}").format(name=containers.get(int(e.key), e.key))
            old = before.get((e.kind, e.key))
            found.append(
                SettleLine(
                    e.kind,
                    e.key,
                    label,
                    e.expected,
                    old.counted if old else None,
                    old.responsible_id if old else None,
                    old.note if old else "",
                )
            )
        return found


def warehouses(db: Database, actor: Actor) -> list[tuple[int, str]]:
    from bodesk.domain.stock.models import Warehouse

    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        return [
            (i, f"{c} {n}")
            for i, c, n in session.execute(
                select(Warehouse.id, Warehouse.code, Warehouse.name).order_by(Warehouse.code)
            )
        ]


def balance_customer(db: Database, actor: Actor, balance_id: int) -> tuple[int, str] | None:
    """The customer (id, name) of a row of the container balances list."""
    from bodesk.domain.deliveries.container_models import ContainerBalance

    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        row = session.execute(
            select(Customer.id, Customer.name)
            .join(ContainerBalance, ContainerBalance.customer_id == Customer.id)
            .where(ContainerBalance.id == balance_id)
        ).first()
        return (row[0], row[1]) if row else None


def route_customers(db: Database, actor: Actor, route_id: int) -> list[int]:
    """The route's customers in visiting order."""
    from bodesk.domain.deliveries.fleet_models import RouteStop

    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        return list(
            session.execute(
                select(RouteStop.customer_id)
                .where(RouteStop.route_id == route_id)
                .order_by(RouteStop.position)
            ).scalars()
        )


def customer_by_code(db: Database, actor: Actor, code: str) -> int | None:
    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        return session.execute(
            select(Customer.id).where(func.upper(Customer.code) == code.strip().upper())
        ).scalar_one_or_none()


def blocks_over_capacity(db: Database, actor: Actor) -> bool:
    from bodesk.domain.deliveries.fleet import block_over_capacity

    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        return block_over_capacity(session)


@dataclass(frozen=True)
class DepotContainers:
    name: str
    empties: int  # empties in our warehouse
    owed: int  # what we owe the suppliers in containers


def depot_containers(db: Database, actor: Actor) -> list[DepotContainers]:
    """Per container type: our empties in the warehouse and what we owe the suppliers (the ledger's sums)."""
    from bodesk.domain.deliveries.container_models import ContainerMove

    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        owed = dict(
            session.execute(
                select(ContainerMove.container_type_id, func.sum(ContainerMove.balance))
                .where(ContainerMove.supplier_id.is_not(None))
                .group_by(ContainerMove.container_type_id)
            ).all()
        )
        empties = dict(
            session.execute(
                select(ContainerMove.container_type_id, func.sum(ContainerMove.empties)).group_by(
                    ContainerMove.container_type_id
                )
            ).all()
        )
        return [
            DepotContainers(name, int(empties.get(type_id) or 0), int(owed.get(type_id) or 0))
            for type_id, name in session.execute(
                select(ContainerType.id, ContainerType.name).order_by(ContainerType.name)
            )
        ]


def suppliers(db: Database, actor: Actor) -> list[tuple[int, str]]:
    from bodesk.domain.purchasing.models import Supplier

    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        return [
            (i, n) for i, n in session.execute(select(Supplier.id, Supplier.name).order_by(Supplier.name))
        ]


def vehicle_card(
    db: Database, actor: Actor, vehicle_id: int
) -> tuple[str, str, Decimal, Decimal, int, bool] | None:
    """A vehicle as its form shows it: plate, name, capacities, warehouse, in use."""
    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        found = session.get(Vehicle, vehicle_id)
        if found is None:
            return None
        return (
            found.plate,
            found.name,
            found.capacity_kg,
            found.capacity_cases,
            found.warehouse_id,
            found.active,
        )


def trip_orders(db: Database, actor: Actor, trip_id: int) -> tuple[list[Candidate], list[int], date]:
    """A planned trip's orders (as candidates), its route (as a list, empty for none) and its day."""
    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        trip = session.get(Trip, trip_id)
        if trip is None:
            return [], [], date.today()
        ids = list(session.execute(select(TripOrder.order_id).where(TripOrder.trip_id == trip_id)).scalars())
        cases = dict(
            session.execute(
                select(SalesOrderLine.order_id, func.sum(SalesOrderLine.packages))
                .where(SalesOrderLine.order_id.in_(ids))
                .group_by(SalesOrderLine.order_id)
            ).all()
        )
        found = [
            Candidate(order_id, number, name, total, weight, Decimal(cases.get(order_id) or 0))
            for order_id, number, name, total, weight in session.execute(
                select(SalesOrder.id, SalesOrder.number, Customer.name, SalesOrder.total, SalesOrder.weight)
                .join(Customer, Customer.id == SalesOrder.customer_id)
                .where(SalesOrder.id.in_(ids))
                .order_by(SalesOrder.number)
            )
        ]
        return found, [trip.route_id] if trip.route_id else [], trip.day
