"""A depot that delivers: a warehouse, beer in crates and water in jugs, customers on a route, a truck,
a driver, and confirmed orders — with the steps of a trip as one-line helpers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, update

from bodesk.domain.access.actor import Actor
from bodesk.domain.deliveries.closing import close_trip
from bodesk.domain.deliveries.container_models import ContainerBalance, ContainerMove
from bodesk.domain.deliveries.containers import create_container_type, set_product_containers
from bodesk.domain.deliveries.departure import depart_trip
from bodesk.domain.deliveries.fleet import VehicleData, create_person, create_vehicle
from bodesk.domain.deliveries.planning import TripPlan, plan_trip
from bodesk.domain.deliveries.results import StopReport, record_result
from bodesk.domain.deliveries.routes import create_route, set_route_stops
from bodesk.domain.deliveries.settlement import Counted, expected_of, settle_trip
from bodesk.domain.deliveries.states import StopResult
from bodesk.domain.deliveries.trip_models import Trip, TripLine, TripOrder, TripStop
from bodesk.domain.stock.models import Product
from bodesk.store.engine import Database
from tests.builders.catalogue import add_case, make_product
from tests.builders.sales import line, make_customer, make_sale
from tests.builders.stock import Place, make_warehouse, stock_in

D = Decimal


@dataclass(frozen=True)
class Depot:
    cd: Place
    beer: int  # a 600 ml bottle; a case of 24 travels in one crate; 0.9 kg a bottle
    beer_case: int
    water: int  # a 20 L jug, in its own returnable jug; 20 kg
    crate: int  # container type, deposit 30.00
    jug: int  # container type, deposit 15.00
    route: int
    customers: list[int]
    truck: int  # 1,000 kg, 60 cases
    driver: int
    helper: int


def build_depot(db: Database, actor: Actor, customers: int = 3, beer: int = 2400, water: int = 200) -> Depot:
    cd = make_warehouse(db, actor, "CD1")
    bottle = make_product(db, actor, "CV-600", "Cerveja 600 ml", sale_price="8.00")
    case = add_case(db, actor, bottle, 24)
    jug = make_product(db, actor, "AG-20L", "Agua 20 L", sale_price="12.00")
    with db.write() as session:
        session.execute(update(Product).where(Product.id == bottle).values(weight=D("0.9")))
        session.execute(update(Product).where(Product.id == jug).values(weight=D("20")))
    stock_in(db, actor, bottle, cd.location_id, beer, "4.00")
    stock_in(db, actor, jug, cd.location_id, water, "5.00")
    crate_type = create_container_type(db, actor, "GRF-600", "Engradado 24 × 600 ml", D("30.00"))
    jug_type = create_container_type(db, actor, "GAL-20", "Galao 20 L", D("15.00"))
    set_product_containers(db, actor, bottle, {crate_type: D(24)})
    set_product_containers(db, actor, jug, {jug_type: D(1)})
    route = create_route(db, actor, "Centro", "135", cd.warehouse_id)
    people = [make_customer(db, actor, n) for n in range(1, customers + 1)]
    set_route_stops(db, actor, route, list(reversed(people)))  # the route visits the last customer first
    truck = create_vehicle(db, actor, VehicleData("ABC1D23", "Truck 1", D(1000), D(60), cd.warehouse_id))
    driver = create_person(db, actor, "Joao Motorista", "driver")
    helper = create_person(db, actor, "Ze Ajudante", "helper")
    return Depot(cd, bottle, case, jug, crate_type, jug_type, route, people, truck, driver, helper)


def order_for(db: Database, actor: Actor, depot: Depot, customer: int, cases: int = 2, jugs: int = 1) -> int:
    lines = []
    if cases:
        lines.append(line(depot.beer, cases, depot.beer_case))
    if jugs:
        lines.append(line(depot.water, jugs))
    return make_sale(db, actor, customer, *lines, confirm=True)


def plan(db: Database, actor: Actor, depot: Depot, orders: Sequence[int], **fields: object) -> int:
    return plan_trip(
        db, actor, TripPlan(date.today(), depot.truck, depot.driver, list(orders), route_id=depot.route),
        **fields,  # type: ignore[arg-type]
    )  # fmt: skip


def stops_of(db: Database, trip_id: int) -> list[TripStop]:
    with db.read() as session:
        return list(
            session.execute(
                select(TripStop).where(TripStop.trip_id == trip_id).order_by(TripStop.position)
            ).scalars()
        )


def lines_of_stop(db: Database, stop_id: int) -> list[TripLine]:
    with db.read() as session:
        return list(
            session.execute(
                select(TripLine)
                .join(TripOrder, TripOrder.id == TripLine.trip_order_id)
                .where(TripOrder.stop_id == stop_id)
                .order_by(TripLine.id)
            ).scalars()
        )


def deliver_all(db: Database, actor: Actor, trip_id: int) -> None:
    for stop in stops_of(db, trip_id):
        record_result(db, actor, stop.id, StopReport(StopResult.DELIVERED, received_by="Dono"))


def settle_as_expected(db: Database, actor: Actor, trip_id: int) -> int:
    with db.read() as session:
        expected = expected_of(session, trip_id)
    return settle_trip(db, actor, trip_id, [Counted(e.kind, e.key, e.expected) for e in expected])


def run_trip(db: Database, actor: Actor, depot: Depot, orders: Sequence[int]) -> int:
    """Plan, depart, deliver every stop in full, settle and close."""
    trip = plan(db, actor, depot, orders)
    depart_trip(db, actor, trip)
    deliver_all(db, actor, trip)
    settle_as_expected(db, actor, trip)
    close_trip(db, actor, trip)
    return trip


def trip_status(db: Database, trip_id: int) -> str:
    with db.read() as session:
        trip = session.get(Trip, trip_id)
        assert trip is not None
        return trip.status


def balance(db: Database, customer: int, container_type: int) -> int:
    with db.read() as session:
        found = session.execute(
            select(ContainerBalance.quantity).where(
                ContainerBalance.customer_id == customer, ContainerBalance.container_type_id == container_type
            )
        ).scalar_one_or_none()
        return found or 0


def container_rows(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count()).select_from(ContainerMove)).scalar_one())
