"""Three years of closed trips for `bodesk demo --size large`, written in bulk (the services would take
too long): each route's weekly trip with its stops and results, the containers each delivery left and
took back, some settlement differences; the cached balances are then summed from the ledger in SQL,
so `bodesk check` proves them equal as for any other write.

The history's trips carry no orders (the sales history writes its own delivered orders): their stops,
results, container moves and settlement lines are what the delivery figures read.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, insert, select

from bodesk.domain.common.money import MONEY_PLACES, QUANTITY_PLACES
from bodesk.domain.common.numbering import next_numbers
from bodesk.domain.deliveries.container_models import ContainerBalance, ContainerMove
from bodesk.domain.deliveries.fleet_models import Route, RouteStop, Vehicle
from bodesk.domain.deliveries.states import ContainerReason, RefusalReason, StopResult, TripStatus
from bodesk.domain.deliveries.trip_models import SettlementLine, Trip, TripStop
from bodesk.domain.demo import DemoContext
from bodesk.store.bulk import bulk_insert, scaled, stored_instant

WEEKS = 156
STOPS = 12


def _result(roll: float) -> str:
    if roll < 0.85:
        return StopResult.DELIVERED
    if roll < 0.92:
        return StopResult.PARTIAL
    if roll < 0.97:
        return StopResult.REFUSED
    return StopResult.NOT_VISITED


def write_history(
    context: DemoContext, routes: list[int], vehicles: list[int], drivers: list[int], types: dict[str, int]
) -> None:
    rng, db = context.rng, context.db
    crate = types["GRF-600"]
    with db.write() as session:
        customers: dict[int, list[int]] = defaultdict(list)
        for route, customer in session.execute(
            select(RouteStop.route_id, RouteStop.customer_id).order_by(RouteStop.position)
        ):
            customers[route].append(customer)
        capacity = dict(session.execute(select(Vehicle.id, Vehicle.capacity_kg)).all())
        warehouse = session.execute(select(Route.warehouse_id).where(Route.id == routes[0])).scalar_one()
        count = len(routes) * WEEKS
        numbers = next_numbers(session, "trip", count)
        first_id = int(session.execute(select(func.coalesce(func.max(Trip.id), 0))).scalar_one()) + 1
        start = date.today() - timedelta(weeks=WEEKS)
        trips: list[dict[str, Any]] = []
        stops: list[dict[str, Any]] = []
        moves: list[dict[str, Any]] = []
        lines: list[dict[str, Any]] = []
        held: dict[int, int] = defaultdict(int)
        n = 0
        for week in range(WEEKS):
            for r, route in enumerate(routes):
                trip_id, vehicle = first_id + n, vehicles[(r + week) % len(vehicles)]
                day = start + timedelta(weeks=week, days=r % 5)
                at = datetime.combine(day, time(8), tzinfo=UTC)
                closed = stored_instant(at + timedelta(hours=10))
                visiting = (
                    customers[route][:STOPS]
                    if len(customers[route]) <= STOPS
                    else rng.sample(customers[route], STOPS)
                )
                weight = capacity.get(vehicle, Decimal(0)) * Decimal(rng.randint(35, 95)) / 100
                trips.append({
                    "id": trip_id, "number": numbers[n], "status": TripStatus.CLOSED.value, "day": day,
                    "vehicle_id": vehicle, "driver_id": drivers[(r + week) % len(drivers)], "helper_id": None,
                    "route_id": route, "warehouse_id": warehouse, "weight": scaled(weight.quantize(Decimal(1)), QUANTITY_PLACES),
                    "cases": scaled(Decimal(rng.randint(40, 300)), QUANTITY_PLACES), "value": scaled(Decimal(rng.randint(800, 9000)), MONEY_PLACES),
                    "stops": len(visiting), "note": "", "created_at": stored_instant(at - timedelta(days=1)), "created_by": context.owner.user_id,
                    "departed_at": stored_instant(at), "closed_at": closed, "closed_by": context.owner.user_id,
                })  # fmt: skip
                for position, customer in enumerate(visiting, start=1):
                    result = _result(rng.random())
                    stops.append({
                        "trip_id": trip_id, "position": position, "customer_id": customer, "result": result,
                        "reason": rng.choice(list(RefusalReason)).value if result == StopResult.REFUSED else "",
                        "received_by": "" if result in (StopResult.REFUSED, StopResult.NOT_VISITED) else "Balcão",
                        "result_at": stored_instant(at + timedelta(minutes=25 * position)), "note": "",
                    })  # fmt: skip
                    if result in (StopResult.DELIVERED, StopResult.PARTIAL):
                        full = rng.randint(1, 4)
                        empty = min(held[customer] + full, rng.randint(0, 4))
                        held[customer] += full - empty
                        moves.append({
                            "doc_kind": "trip", "doc_id": trip_id, "doc_number": numbers[n], "container_type_id": crate,
                            "customer_id": customer, "supplier_id": None, "route_id": route,
                            "reason": ContainerReason.DELIVERY.value, "full_out": full, "empty_back": empty, "charged": 0,
                            "balance": full - empty, "empties": empty, "at": closed, "user_id": context.owner.user_id, "note": "",
                        })  # fmt: skip
                if rng.random() < 0.06:
                    expected = Decimal(rng.randint(200, 3000))
                    lines.append({
                        "trip_id": trip_id, "kind": "money", "key": "cash", "expected": scaled(expected, QUANTITY_PLACES),
                        "counted": scaled(expected - rng.randint(5, 60), QUANTITY_PLACES),
                        "responsible_id": drivers[(r + week) % len(drivers)], "note": "Diferença no caixa",
                    })  # fmt: skip
                n += 1
            context.progress("deliveries", 0.9 + 0.05 * week / WEEKS)
        bulk_insert(session, Trip.__tablename__, trips)
        bulk_insert(session, TripStop.__tablename__, stops)
        bulk_insert(session, ContainerMove.__tablename__, moves)
        bulk_insert(session, SettlementLine.__tablename__, lines)
        session.execute(delete(ContainerBalance))
        session.execute(
            insert(ContainerBalance).from_select(
                ["customer_id", "container_type_id", "quantity"],
                select(
                    ContainerMove.customer_id,
                    ContainerMove.container_type_id,
                    func.sum(ContainerMove.balance),
                )
                .where(ContainerMove.customer_id.is_not(None))
                .group_by(ContainerMove.customer_id, ContainerMove.container_type_id),
            )
        )
