"""A trip leaves: its orders' reserved goods move onto the truck.

Decisions:
- Each order on the trip must still be confirmed or picked; a confirmed one starts picking (sales'
  own lifecycle: a picked order cannot be changed, only shipped or cancelled).
- Its reserved goods move, with their lots and their reservations, from the warehouse to the
  vehicle's location as moves of the trip (`stock.reservations.move_reserved_in`): the truck holds
  them, still reserved for their orders, until the trip closes and each stop's result ships, cancels
  or brings them back.
- What is loaded is taken again from what the orders reserve at departure.
- Locks: the trip, then its orders by id, then (per order) the products and quants.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.deliveries.errors import TripRefused
from bodesk.domain.deliveries.fleet import get_vehicle
from bodesk.domain.deliveries.permissions import TRIPS_PLAN
from bodesk.domain.deliveries.planning import get_trip, lock_orders, trip_ref
from bodesk.domain.deliveries.states import TRIP_LIFECYCLE, TripStatus
from bodesk.domain.deliveries.trip_models import Trip, TripLine, TripOrder
from bodesk.domain.sales.orders import order_ref
from bodesk.domain.sales.shipping import start_picking_in
from bodesk.domain.sales.states import RESERVING_STATUSES, OrderStatus
from bodesk.domain.stock.reservations import reservations_of
from bodesk.domain.stock.reserved_moves import move_reserved_in
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

ZERO = Decimal(0)


def depart_trip(db: Database, actor: Actor, trip_id: int) -> int:
    """Send a planned trip on the road; returns the number of stock moves made."""
    with db.write() as session:
        require(session, actor, TRIPS_PLAN)
        trip = get_trip(session, trip_id, lock=True)
        return depart_trip_in(session, actor, trip)


def depart_trip_in(session: Session, actor: Actor, trip: Trip) -> int:
    if not TRIP_LIFECYCLE.can(trip.status, TripStatus.ON_ROAD):
        TRIP_LIFECYCLE.refuse(trip, doing=_("only a planned trip can leave."))
    carried = dict(
        session.execute(select(TripOrder.order_id, TripOrder.id).where(TripOrder.trip_id == trip.id)).all()
    )
    orders = lock_orders(session, list(carried))
    stale = [o.number for o in orders if o.status not in RESERVING_STATUSES]
    if stale:
        raise TripRefused(
            _("These orders are no longer confirmed: take them off the trip first: {numbers}.").format(
                numbers=", ".join(str(n) for n in stale)
            ),
            code="trip.order_state",
        )
    vehicle = get_vehicle(session, trip.vehicle_id)
    now = utcnow()
    moves = 0
    loaded: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for order in orders:
        if order.status == OrderStatus.CONFIRMED:
            start_picking_in(session, actor, order)
        moves += move_reserved_in(
            session, actor, order_ref(order), vehicle.location_id, trip_ref(trip), at=now
        ).count
        for part in reservations_of(session, order_ref(order)):
            loaded[part.line_id] += part.quantity
    lines = session.execute(
        select(TripLine.id, TripLine.order_line_id).where(TripLine.trip_id == trip.id)
    ).all()
    table = cast(Table, TripLine.__table__)
    session.execute(
        update(table).where(table.c.id == bindparam("line")).values(loaded=bindparam("loaded")),
        [{"line": line_id, "loaded": loaded.get(order_line, ZERO)} for line_id, order_line in lines],
    )
    TRIP_LIFECYCLE.move(trip, TripStatus.ON_ROAD)
    trip.departed_at = now
    audit.record(session, actor, "trip.depart", "trip", trip.number, new={"orders": len(orders)}, at=now)
    return moves
