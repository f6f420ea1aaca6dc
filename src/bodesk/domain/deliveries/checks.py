"""Delivery invariants that `bodesk check` proves: each customer's cached container balance equals
the sum of its container moves, no stock is left on the truck of a closed trip (unless another open
trip of the same vehicle holds it), and every closed trip has a result at each stop."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bodesk.domain.deliveries.container_models import ContainerBalance, ContainerMove
from bodesk.domain.deliveries.fleet_models import Vehicle
from bodesk.domain.deliveries.states import TripStatus
from bodesk.domain.deliveries.trip_models import Trip, TripStop
from bodesk.domain.stock.models import StockQuant
from bodesk.i18n import _


def balances_equal_ledger(session: Session) -> list[str]:
    ledger: dict[tuple[int, int], int] = {
        (c or 0, t): int(n)
        for c, t, n in session.execute(
            select(
                ContainerMove.customer_id, ContainerMove.container_type_id, func.sum(ContainerMove.balance)
            )
            .where(ContainerMove.customer_id.is_not(None))
            .group_by(ContainerMove.customer_id, ContainerMove.container_type_id)
        )
    }
    cached = {
        (c, t): n
        for c, t, n in session.execute(
            select(
                ContainerBalance.customer_id, ContainerBalance.container_type_id, ContainerBalance.quantity
            )
        )
    }
    return [
        _("Customer #{customer}, container #{container}: balance {cached}, moves {moved}.").format(
            customer=key[0], container=key[1], cached=cached.get(key, 0), moved=ledger.get(key, 0)
        )
        for key in sorted(set(ledger) | set(cached))
        if ledger.get(key, 0) != cached.get(key, 0)
    ][:50]


def closed_trucks_empty(session: Session) -> list[str]:
    on_road = select(Trip.vehicle_id).where(Trip.status == TripStatus.ON_ROAD)
    rows = session.execute(
        select(Vehicle.plate, func.count())
        .join(StockQuant, StockQuant.location_id == Vehicle.location_id)
        .where(StockQuant.quantity != 0, Vehicle.id.not_in(on_road))
        .group_by(Vehicle.plate)
        .order_by(Vehicle.plate)
    )
    return [
        _("The truck {plate} holds stock of {n} product(s) with no trip on the road.").format(
            plate=plate, n=n
        )
        for plate, n in rows
    ][:50]


def closed_trips_complete(session: Session) -> list[str]:
    rows = session.execute(
        select(Trip.number, func.count())
        .join(TripStop, TripStop.trip_id == Trip.id)
        .where(Trip.status == TripStatus.CLOSED, TripStop.result.is_(None))
        .group_by(Trip.number)
        .order_by(Trip.number)
        .limit(50)
    )
    return [
        _("Trip {number} is closed with {n} stop(s) without a result.").format(number=n, n=c) for n, c in rows
    ]
