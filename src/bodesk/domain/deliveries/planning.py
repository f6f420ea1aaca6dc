"""Planning a trip (romaneio): which confirmed orders ride on which truck, in which order of stops.

Decisions:
- A trip is planned for a day, a vehicle and a driver (a helper optional), and usually a route; it
  takes confirmed (or picked) orders only, each on one open trip at a time (planned or on the road):
  the orders are locked, then the open trips' orders are read, so two desks cannot both take one.
- Stops: one per customer, in the route's order (customers on no route last, by name); `reorder_stops`
  changes it while the trip is planned.
- Load: the orders' weight (kg) and cases (packages) against the vehicle's capacities; over capacity
  asks to confirm (`trip.over_capacity` warning), or is refused when the company blocks it.
- A customer whose containers would exceed their allowance after the trip is a warning to confirm.
- The lines loaded are the orders' lines as they stand; departure takes them again from what is
  reserved (an order changed after planning rides as it is then).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import ConfirmableWarning, NotFound, ValidationError
from bodesk.domain.common.postings import DocRef
from bodesk.domain.deliveries.container_ledger import allowance_of, balances_of, containers_for
from bodesk.domain.deliveries.errors import OverCapacity, TripRefused
from bodesk.domain.deliveries.fleet import block_over_capacity, get_person, get_vehicle
from bodesk.domain.deliveries.fleet_models import Route, RouteStop
from bodesk.domain.deliveries.permissions import TRIPS_PLAN
from bodesk.domain.deliveries.states import ACTIVE_TRIP_STATES, TRIP_LIFECYCLE, PersonRole, TripStatus
from bodesk.domain.deliveries.trip_models import Trip, TripLine, TripOrder, TripStop
from bodesk.domain.sales.models import Customer
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine
from bodesk.domain.sales.states import RESERVING_STATUSES
from bodesk.i18n import _, format_decimal
from bodesk.store.engine import Database
from bodesk.store.locking import LOCK
from bodesk.store.types import utcnow

ZERO = Decimal(0)
OVER_CAPACITY = "trip.over_capacity"
OVER_ALLOWANCE = "containers.allowance"


@dataclass(frozen=True)
class TripPlan:
    day: date
    vehicle_id: int
    driver_id: int
    order_ids: Sequence[int]
    helper_id: int | None = None
    route_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Load:
    weight: Decimal
    cases: Decimal
    value: Decimal
    capacity_kg: Decimal
    capacity_cases: Decimal
    stops: int
    orders: int
    over: tuple[str, ...] = field(default=())  # what is over, as sentences


def trip_ref(trip: Trip) -> DocRef:
    return DocRef(TRIP_LIFECYCLE.kind, trip.id, trip.number)


def get_trip(session: Session, trip_id: int, lock: bool = False) -> Trip:
    trip = session.get(Trip, trip_id, with_for_update=LOCK if lock else None)
    if trip is None:
        raise NotFound(_("This trip no longer exists."), code="trip.not_found")
    return trip


def lock_orders(session: Session, order_ids: Sequence[int]) -> list[SalesOrder]:
    ids = sorted(set(order_ids))
    orders = list(
        session.execute(
            select(SalesOrder)
            .where(SalesOrder.id.in_(ids))
            .order_by(SalesOrder.id)
            .with_for_update(key_share=True)
        ).scalars()
    )
    if len(orders) != len(ids):
        raise NotFound(
            _("An order of the trip no longer exists: reload the list."), code="sales_order.not_found"
        )
    return orders


def on_open_trips(session: Session, order_ids: Collection[int], besides: int | None = None) -> dict[int, int]:
    """The open trip (its number) each of the orders is on, leaving out trip `besides`."""
    stmt = (
        select(TripOrder.order_id, Trip.number)
        .join(Trip, Trip.id == TripOrder.trip_id)
        .where(
            TripOrder.order_id.in_(list(order_ids)), Trip.status.in_([s.value for s in ACTIVE_TRIP_STATES])
        )
    )
    if besides is not None:
        stmt = stmt.where(Trip.id != besides)
    return dict(session.execute(stmt).all())


def _check_orders(session: Session, orders: list[SalesOrder], trip_id: int | None) -> None:
    if not orders:
        raise ValidationError.single("orders", _("Choose at least one confirmed order for the trip."))
    problems = [
        _("Order {number} is not confirmed: confirm it before it goes on a trip.").format(number=o.number)
        for o in orders
        if o.status not in RESERVING_STATUSES
    ]
    taken = on_open_trips(session, [o.id for o in orders], besides=trip_id)
    numbers = {o.id: o.number for o in orders}
    problems += [
        _("Order {number} is already on trip {trip}: take it off that trip first.").format(
            number=numbers[o], trip=t
        )
        for o, t in sorted(taken.items())
    ]
    if problems and taken:
        raise TripRefused("\n".join(problems), code="trip.order_taken")
    if problems:
        raise TripRefused("\n".join(problems), code="trip.order_state")


def _stop_order(session: Session, orders: list[SalesOrder]) -> list[int]:
    """The customers in the order the truck visits them: route order, then the rest by name."""
    customers = sorted({o.customer_id for o in orders})
    place = dict(
        session.execute(
            select(RouteStop.customer_id, RouteStop.position).where(RouteStop.customer_id.in_(customers))
        ).all()
    )
    names = dict(
        session.execute(select(Customer.id, Customer.name_key).where(Customer.id.in_(customers))).all()
    )
    return sorted(customers, key=lambda c: (place.get(c) is None, place.get(c, 0), names.get(c, ""), c))


def load_of(session: Session, orders: list[SalesOrder], vehicle_capacity: tuple[Decimal, Decimal]) -> Load:
    ids = [o.id for o in orders]
    cases = session.execute(
        select(func.coalesce(func.sum(SalesOrderLine.packages), 0)).where(SalesOrderLine.order_id.in_(ids))
    ).scalar_one()
    weight = sum((o.weight for o in orders), ZERO)
    value = sum((o.total for o in orders), ZERO)
    kg, boxes = vehicle_capacity
    over = []
    if kg > 0 and weight > kg:
        over.append(
            _("{weight} kg of {capacity} kg").format(
                weight=format_decimal(weight), capacity=format_decimal(kg)
            )
        )
    if boxes > 0 and Decimal(cases) > boxes:
        over.append(
            _("{cases} cases of {capacity}").format(
                cases=format_decimal(Decimal(cases)), capacity=format_decimal(boxes)
            )
        )
    return Load(
        weight,
        Decimal(cases),
        value,
        kg,
        boxes,
        len({o.customer_id for o in orders}),
        len(orders),
        tuple(over),
    )


def _check_load(session: Session, load: Load, confirmed: frozenset[str]) -> None:
    if not load.over:
        return
    text = _("The load is over the vehicle's capacity: {over}.").format(over="; ".join(load.over))
    if block_over_capacity(session):
        raise OverCapacity(text + " " + _("Take orders off the trip or choose a larger vehicle."))
    if OVER_CAPACITY not in confirmed:
        raise ConfirmableWarning(OVER_CAPACITY, text + " " + _("Plan it anyway?"))


def _check_allowances(session: Session, orders: list[SalesOrder], confirmed: frozenset[str]) -> None:
    if OVER_ALLOWANCE in confirmed:
        return
    customers = {o.customer_id for o in orders}
    allowed = allowance_of(session, customers)
    if not allowed:
        return
    going: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    by_order = {o.id: o.customer_id for o in orders}
    for order_id, product_id, quantity in session.execute(
        select(SalesOrderLine.order_id, SalesOrderLine.product_id, SalesOrderLine.quantity).where(
            SalesOrderLine.order_id.in_(list(by_order))
        )
    ):
        going[by_order[order_id]][product_id] += quantity
    held = balances_of(session, set(allowed))
    over = []
    for customer, products in going.items():
        for type_id, count in containers_for(session, products).items():
            limit = allowed.get((customer, type_id))
            if limit is not None and held.get((customer, type_id), 0) + count > limit:
                over.append(customer)
    if over:
        names = session.execute(
            select(Customer.name).where(Customer.id.in_(sorted(set(over)))).order_by(Customer.name_key)
        ).scalars()
        raise ConfirmableWarning(
            OVER_ALLOWANCE,
            _(
                "These customers would hold more containers than allowed unless they give empties back: {names}. Plan anyway?"
            ).format(names=", ".join(names)),
        )


def _write_stops(session: Session, trip: Trip, orders: list[SalesOrder]) -> None:
    session.execute(delete(TripLine).where(TripLine.trip_id == trip.id))
    session.execute(delete(TripOrder).where(TripOrder.trip_id == trip.id))
    session.execute(delete(TripStop).where(TripStop.trip_id == trip.id))
    customers = _stop_order(session, orders)
    session.execute(
        insert(TripStop),
        [{"trip_id": trip.id, "position": n, "customer_id": c} for n, c in enumerate(customers, 1)],
    )
    stops = dict(
        session.execute(select(TripStop.customer_id, TripStop.id).where(TripStop.trip_id == trip.id)).all()
    )
    session.execute(
        insert(TripOrder),
        [
            {"trip_id": trip.id, "stop_id": stops[o.customer_id], "order_id": o.id, "value": o.total}
            for o in orders
        ],
    )
    carried = dict(
        session.execute(select(TripOrder.order_id, TripOrder.id).where(TripOrder.trip_id == trip.id)).all()
    )
    lines = session.execute(
        select(
            SalesOrderLine.id, SalesOrderLine.order_id, SalesOrderLine.product_id, SalesOrderLine.quantity
        ).where(SalesOrderLine.order_id.in_(list(carried)))
    ).all()
    session.execute(
        insert(TripLine),
        [
            {
                "trip_id": trip.id,
                "trip_order_id": carried[order],
                "order_line_id": line,
                "product_id": product,
                "loaded": qty,
            }
            for line, order, product, qty in lines
        ],
    )


def plan_trip(db: Database, actor: Actor, plan: TripPlan, confirmed: frozenset[str] = frozenset()) -> int:
    """Plan a trip with its orders; returns the trip's id."""
    with db.write() as session:
        require(session, actor, TRIPS_PLAN)
        return plan_trip_in(session, actor, plan, confirmed).id


def plan_trip_in(
    session: Session, actor: Actor, plan: TripPlan, confirmed: frozenset[str] = frozenset()
) -> Trip:
    vehicle = get_vehicle(session, plan.vehicle_id)
    if not vehicle.active:
        raise ValidationError.single("vehicle", _("This vehicle is not in use: choose another."))
    get_person(session, plan.driver_id, "driver", PersonRole.DRIVER)
    if plan.helper_id is not None:
        get_person(session, plan.helper_id, "helper")
    if plan.route_id is not None and session.get(Route, plan.route_id) is None:
        raise ValidationError.single("route", _("This route no longer exists."))
    orders = lock_orders(session, plan.order_ids)
    _check_orders(session, orders, None)
    load = load_of(session, orders, (vehicle.capacity_kg, vehicle.capacity_cases))
    _check_load(session, load, confirmed)
    _check_allowances(session, orders, confirmed)
    trip = Trip(
        day=plan.day, vehicle_id=vehicle.id, driver_id=plan.driver_id, helper_id=plan.helper_id,
        route_id=plan.route_id, warehouse_id=vehicle.warehouse_id, weight=load.weight, cases=load.cases,
        value=load.value, stops=load.stops, note=plan.note.strip(), created_at=utcnow(), created_by=actor.user_id,
    )  # fmt: skip
    TRIP_LIFECYCLE.begin(session, trip, TripStatus.PLANNED)
    session.add(trip)
    session.flush()
    _write_stops(session, trip, orders)
    audit.record(
        session, actor, "trip.plan", "trip", trip.number, new={"orders": len(orders), "stops": load.stops}
    )
    return trip


def set_trip_orders(
    db: Database,
    actor: Actor,
    trip_id: int,
    order_ids: Sequence[int],
    confirmed: frozenset[str] = frozenset(),
) -> None:
    """Change which orders a planned trip carries (its stops are made again in route order)."""
    with db.write() as session:
        require(session, actor, TRIPS_PLAN)
        trip = get_trip(session, trip_id, lock=True)
        TRIP_LIFECYCLE.refuse_unless(
            trip, TripStatus.PLANNED, doing=_("only a planned trip takes or drops orders.")
        )
        orders = lock_orders(session, order_ids)
        _check_orders(session, orders, trip.id)
        vehicle = get_vehicle(session, trip.vehicle_id)
        load = load_of(session, orders, (vehicle.capacity_kg, vehicle.capacity_cases))
        _check_load(session, load, confirmed)
        _check_allowances(session, orders, confirmed)
        _write_stops(session, trip, orders)
        trip.weight, trip.cases, trip.value, trip.stops = load.weight, load.cases, load.value, load.stops
        audit.record(session, actor, "trip.update", "trip", trip.number, new={"orders": len(orders)})


def reorder_stops(db: Database, actor: Actor, trip_id: int, stop_ids: Sequence[int]) -> None:
    """The stops of a planned trip in the order given (every stop, once)."""
    with db.write() as session:
        require(session, actor, TRIPS_PLAN)
        trip = get_trip(session, trip_id, lock=True)
        TRIP_LIFECYCLE.refuse_unless(
            trip, TripStatus.PLANNED, doing=_("only a planned trip's stops can be reordered.")
        )
        stops = {
            s.id: s for s in session.execute(select(TripStop).where(TripStop.trip_id == trip.id)).scalars()
        }
        if sorted(stop_ids) != sorted(stops) or len(set(stop_ids)) != len(stop_ids):
            raise ValidationError.single("stops", _("Give every stop of the trip once: reload the trip."))
        for position, stop_id in enumerate(stop_ids, start=1):
            stops[stop_id].position = position
        audit.record(session, actor, "trip.update", "trip", trip.number, new={"stops": len(stop_ids)})


def cancel_trip(db: Database, actor: Actor, trip_id: int) -> None:
    """Cancel a planned trip: its orders are free for another."""
    with db.write() as session:
        require(session, actor, TRIPS_PLAN)
        trip = get_trip(session, trip_id, lock=True)
        TRIP_LIFECYCLE.refuse_unless(
            trip, TripStatus.PLANNED, doing=_("only a planned trip can be cancelled.")
        )
        TRIP_LIFECYCLE.move(trip, TripStatus.CANCELLED)
        audit.record(session, actor, "trip.cancel", "trip", trip.number)


def orders_to_load(session: Session, route_ids: Collection[int], day: date) -> list[int]:
    """The confirmed orders of the routes' customers due by `day` (or with no day) and on no open trip,
    in the routes' order."""
    open_trips = (
        select(TripOrder.order_id)
        .join(Trip, Trip.id == TripOrder.trip_id)
        .where(Trip.status.in_([s.value for s in ACTIVE_TRIP_STATES]))
    )
    stmt = (
        select(SalesOrder.id)
        .join(RouteStop, RouteStop.customer_id == SalesOrder.customer_id)
        .where(
            RouteStop.route_id.in_(list(route_ids)),
            SalesOrder.status.in_([s.value for s in RESERVING_STATUSES]),
            (SalesOrder.requested_on.is_(None)) | (SalesOrder.requested_on <= day),
            SalesOrder.id.not_in(open_trips),
        )
        .order_by(RouteStop.route_id, RouteStop.position, SalesOrder.id)
    )
    return list(session.execute(stmt).scalars())
