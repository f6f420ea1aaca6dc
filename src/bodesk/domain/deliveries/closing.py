"""Closing a settled trip: each stop's result posts, in one unit of work.

Decisions (how the trip and the sales order meet):
- Delivered goods ship through sales' own path (`shipping_many.deliver_many_in`, the batch twin of
  `ship_order_in` and `mark_delivered_in`): each order ships what its lines delivered, out of its
  reservations on the truck to the customer, shipped at the departure and delivered at the stop's
  time; a partial delivery drops the rest (no backorder: the customer refused it).
- An order of which nothing was delivered at a visited stop is cancelled (its reason says refused at
  delivery, on which trip); an order of a stop not visited goes back, still reserved, to the
  warehouse's stock location and is confirmed again, ready for another trip.
- What is left on the truck (refused and short goods) goes back to the warehouse's stock location as
  moves of the trip, up to what the settlement counted; the rest goes to the loss location.
- Containers: per stop and type, one delivery row (full out for what was delivered, empties back,
  charged); the settlement's empties differences are rows with no partner.
- The settlement must still match the results (else: settle again).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.models import Quantity
from bodesk.domain.deliveries.container_ledger import ContainerRow, containers_for, post_containers
from bodesk.domain.deliveries.errors import SettlementRefused
from bodesk.domain.deliveries.fleet import get_vehicle
from bodesk.domain.deliveries.fleet_models import RouteStop
from bodesk.domain.deliveries.permissions import TRIPS_SETTLE
from bodesk.domain.deliveries.planning import get_trip, lock_orders, trip_ref
from bodesk.domain.deliveries.settlement import expected_of, refuse_missing_results, settlement_of
from bodesk.domain.deliveries.states import (
    REFUSAL_REASONS,
    TRIP_LIFECYCLE,
    ContainerReason,
    SettleKind,
    StopResult,
    TripStatus,
)
from bodesk.domain.deliveries.trip_models import StopEmpties, Trip, TripLine, TripOrder, TripStop
from bodesk.domain.sales.orders import cancel_order_in, order_ref
from bodesk.domain.sales.shipping import stop_picking_in
from bodesk.domain.sales.shipping_many import deliver_many_in
from bodesk.domain.stock.ledger import MoveRequest, post_moves, virtual_location
from bodesk.domain.stock.models import LocationKind, StockQuant
from bodesk.domain.stock.reserved_moves import move_reserved_in
from bodesk.domain.stock.warehouses import main_location
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

ZERO = Decimal(0)


@dataclass(frozen=True)
class Closed:
    delivered: int  # orders delivered
    cancelled: int  # orders refused
    back: int  # orders brought back to be delivered another day
    stock_moves: int
    container_rows: int


TripListener = Callable[[Session, Actor, Trip], None]
_CLOSE_LISTENERS: list[TripListener] = []


def on_trip_closed(listener: TripListener) -> TripListener:
    """Call `listener` in the closing's own transaction after a trip closes (finance registers one to
    post the money collected at the doors as receipts)."""
    if listener not in _CLOSE_LISTENERS:
        _CLOSE_LISTENERS.append(listener)
    return listener


def close_trip(db: Database, actor: Actor, trip_id: int) -> Closed:
    """Close a settled trip: ship, cancel or bring back each order, return the goods, post the
    containers."""
    with db.write() as session:
        require(session, actor, TRIPS_SETTLE)
        return close_trip_in(session, actor, get_trip(session, trip_id, lock=True))


def _refuse_stale_settlement(session: Session, trip: Trip) -> dict[tuple[str, str], Decimal]:
    lines = settlement_of(session, trip.id)
    if not lines:
        raise SettlementRefused(_("Settle the trip first: count what came back."), code="trip.not_settled")
    stored = {(line.kind, line.key): line.expected for line in lines}
    now = {(e.kind, e.key): e.expected for e in expected_of(session, trip.id)}
    if any(stored.get(key, ZERO) != value for key, value in now.items()) or any(
        now.get(key, ZERO) != value for key, value in stored.items()
    ):
        raise SettlementRefused(
            _("The results changed since the trip was settled: settle it again."),
            code="trip.settlement_stale",
        )
    return {(line.kind, line.key): line.counted for line in lines}


def close_trip_in(session: Session, actor: Actor, trip: Trip) -> Closed:
    if not TRIP_LIFECYCLE.can(trip.status, TripStatus.CLOSED):
        TRIP_LIFECYCLE.refuse(trip, doing=_("only a trip on the road can close."))
    refuse_missing_results(session, trip, _("closing the trip"))
    counted = _refuse_stale_settlement(session, trip)
    stops = {s.id: s for s in session.execute(select(TripStop).where(TripStop.trip_id == trip.id)).scalars()}
    carried = session.execute(
        select(TripOrder.order_id, TripOrder.stop_id).where(TripOrder.trip_id == trip.id)
    ).all()
    stop_of = dict(carried)
    delivered: dict[int, dict[int, Decimal]] = defaultdict(dict)  # order -> order line -> quantity
    by_stop: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))  # stop -> product
    for order_id, order_line, product, quantity in session.execute(
        select(TripOrder.order_id, TripLine.order_line_id, TripLine.product_id, TripLine.delivered)
        .join(TripOrder, TripOrder.id == TripLine.trip_order_id)
        .where(TripLine.trip_id == trip.id)
    ):
        if quantity and quantity > 0:
            delivered[order_id][order_line] = quantity
            by_stop[stop_of[order_id]][product] += quantity
    home = main_location(session, trip.warehouse_id)
    ref = trip_ref(trip)
    now = utcnow()
    shipped = cancelled = back = moves = 0
    received = []
    for order in lock_orders(session, list(stop_of)):
        stop = stops[stop_of[order.id]]
        if delivered.get(order.id):
            received.append((order, delivered[order.id], stop.result_at))
        elif stop.result == StopResult.NOT_VISITED:
            moves += move_reserved_in(session, actor, order_ref(order), home.id, ref, at=now).count
            stop_picking_in(session, actor, order)
            back += 1
        else:
            reason = REFUSAL_REASONS.get(stop.reason, "") if stop.result == StopResult.REFUSED else ""
            text = _("Refused at delivery (trip {trip}): {reason}").format(
                trip=trip.number, reason=_(reason) if reason else "-"
            )
            cancel_order_in(session, actor, order, text)
            cancelled += 1
    moves += deliver_many_in(session, actor, received, shipped_at=trip.departed_at)
    shipped = len(received)
    moves += _goods_back(session, actor, trip, counted, home.id, now)
    rows = _container_rows(session, trip, stops, by_stop, counted)
    posted = post_containers(session, actor, rows, ref, at=now)
    TRIP_LIFECYCLE.move(trip, TripStatus.CLOSED)
    trip.closed_at, trip.closed_by = now, actor.user_id
    for listener in _CLOSE_LISTENERS:  # finance posts the money collected, in this transaction
        listener(session, actor, trip)
    audit.record(
        session, actor, "trip.close", "trip", trip.number,
        new={"delivered": shipped, "cancelled": cancelled, "back": back}, at=now,
    )  # fmt: skip
    return Closed(shipped, cancelled, back, moves, posted)


def _goods_back(
    session: Session,
    actor: Actor,
    trip: Trip,
    counted: dict[tuple[str, str], Decimal],
    home_id: int,
    now: datetime,
) -> int:
    """Move what is left (unreserved) on the truck home, up to what was counted; the rest to loss."""
    vehicle = get_vehicle(session, trip.vehicle_id)
    left = session.execute(
        select(
            StockQuant.product_id,
            StockQuant.lot_id,
            type_coerce(StockQuant.quantity - StockQuant.reserved, Quantity()),
        )
        .where(StockQuant.location_id == vehicle.location_id, StockQuant.quantity > StockQuant.reserved)
        .order_by(StockQuant.product_id, StockQuant.id)
    ).all()
    if not left:
        return 0
    loss = virtual_location(session, LocationKind.LOSS)
    room = {int(key): value for (kind, key), value in counted.items() if kind == SettleKind.GOODS}
    requests = []
    reason = _("Missing at the settlement of trip {number}").format(number=trip.number)
    for product_id, lot_id, quantity in left:
        home = min(quantity, room.get(product_id, ZERO))
        room[product_id] = room.get(product_id, ZERO) - home
        if home > 0:
            requests.append(MoveRequest(product_id, vehicle.location_id, home_id, home, lot_id))
        if quantity - home > 0:
            requests.append(
                MoveRequest(product_id, vehicle.location_id, loss.id, quantity - home, lot_id, reason=reason)
            )
    return post_moves(session, actor, requests, trip_ref(trip), at=now).count


def _container_rows(
    session: Session,
    trip: Trip,
    stops: dict[int, TripStop],
    by_stop: dict[int, dict[int, Decimal]],
    counted: dict[tuple[str, str], Decimal],
) -> list[ContainerRow]:
    customers = [s.customer_id for s in stops.values()]
    routes = dict(
        session.execute(
            select(RouteStop.customer_id, RouteStop.route_id).where(RouteStop.customer_id.in_(customers))
        ).all()
    )
    empties: dict[int, dict[int, StopEmpties]] = defaultdict(dict)
    for item in session.execute(select(StopEmpties).where(StopEmpties.trip_id == trip.id)).scalars():
        empties[item.stop_id][item.container_type_id] = item
    rows: list[ContainerRow] = []
    for stop in sorted(stops.values(), key=lambda s: s.position):
        full = containers_for(session, by_stop.get(stop.id, {}))
        for type_id in sorted(set(full) | set(empties[stop.id])):
            back = empties[stop.id].get(type_id)
            rows.append(
                ContainerRow(
                    type_id,
                    ContainerReason.DELIVERY,
                    customer_id=stop.customer_id,
                    route_id=routes.get(stop.customer_id, trip.route_id),
                    full=full.get(type_id, 0),
                    empty=back.returned if back else 0,
                    charged=back.charged if back else 0,
                    correction=bool(back and back.correction),
                )
            )
    expected = {(e.kind, e.key): e.expected for e in expected_of(session, trip.id)}
    for (kind, key), value in counted.items():
        if kind == SettleKind.EMPTIES and value != expected.get((kind, key), ZERO):
            rows.append(
                ContainerRow(
                    int(key),
                    ContainerReason.SHORTAGE,
                    route_id=trip.route_id,
                    empty=int(value - expected.get((kind, key), ZERO)),
                    note=_("Settlement of trip {number}").format(number=trip.number),
                )
            )
    return rows
