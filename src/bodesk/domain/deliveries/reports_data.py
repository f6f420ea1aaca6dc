"""Delivery figures for a period (by the trips' days, closed trips only): deliveries per day with the
on-time and in-full rates, refusals by reason, settlement differences per person, containers held and
their value, and trips per vehicle with the load they used. Computed and rounded here, in SQL sums.

- In full: a stop delivered in full, of the stops of the day.
- On time: a stop delivered (in full or part) no later than its orders' requested day (an order with
  no requested day is on time), of the stops delivered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, case, func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.models import Money, Quantity
from bodesk.domain.deliveries.container_ledger import warehouse_empties
from bodesk.domain.deliveries.container_models import ContainerBalance, ContainerType
from bodesk.domain.deliveries.fleet_models import DeliveryPerson, Vehicle
from bodesk.domain.deliveries.permissions import DELIVERIES_VIEW
from bodesk.domain.deliveries.states import REFUSAL_REASONS, SettleKind, StopResult, TripStatus
from bodesk.domain.deliveries.trip_models import SettlementLine, Trip, TripOrder, TripStop
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.i18n import _
from bodesk.store.engine import Database

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def rate(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) * HUNDRED / whole).quantize(Decimal("0.1")) if whole else None


@dataclass(frozen=True)
class DayRow:
    day: date
    trips: int
    stops: int
    delivered: int
    partial: int
    refused: int
    not_visited: int
    in_full: Decimal | None  # percent
    on_time: Decimal | None


@dataclass(frozen=True)
class VehicleRow:
    plate: str
    trips: int
    weight_used: Decimal | None  # average percent of the capacity
    cases_used: Decimal | None


@dataclass(frozen=True)
class ContainerRow:
    name: str
    held: int
    value: Decimal
    in_warehouse: int


@dataclass(frozen=True)
class DeliveriesSummary:
    start: date
    end: date
    days: list[DayRow]
    refusals: list[tuple[str, int]]
    differences: list[tuple[str, int, Decimal]]  # person, lines, money (counted − expected)
    containers: list[ContainerRow]
    vehicles: list[VehicleRow]


def _count(result: StopResult) -> Any:
    return func.sum(case((TripStop.result == result.value, 1), else_=0))


def _days(session: Session, start: date, end: date) -> list[DayRow]:
    late = (
        select(TripOrder.stop_id)
        .join(SalesOrder, SalesOrder.id == TripOrder.order_id)
        .join(Trip, Trip.id == TripOrder.trip_id)
        .where(SalesOrder.requested_on.is_not(None), SalesOrder.requested_on < Trip.day)
    )
    delivered = TripStop.result.in_([StopResult.DELIVERED.value, StopResult.PARTIAL.value])
    rows = session.execute(
        select(
            Trip.day,
            func.count(func.distinct(Trip.id)),
            func.count(TripStop.id),
            _count(StopResult.DELIVERED),
            _count(StopResult.PARTIAL),
            _count(StopResult.REFUSED),
            _count(StopResult.NOT_VISITED),
            func.sum(case((delivered & TripStop.id.not_in(late), 1), else_=0)),
        )
        .join(TripStop, TripStop.trip_id == Trip.id)
        .where(Trip.status == TripStatus.CLOSED, Trip.day >= start, Trip.day <= end)
        .group_by(Trip.day)
        .order_by(Trip.day)
    )
    found = []
    for day, trips, stops, full, partial, refused, missed, on_time in rows:
        found.append(
            DayRow(
                day,
                trips,
                stops,
                int(full or 0),
                int(partial or 0),
                int(refused or 0),
                int(missed or 0),
                rate(int(full or 0), stops),
                rate(int(on_time or 0), int(full or 0) + int(partial or 0)),
            )
        )
    return found


def deliveries_summary(db: Database, actor: Actor, start: date, end: date) -> DeliveriesSummary:
    with db.read() as session:
        require(session, actor, DELIVERIES_VIEW)
        in_period = (Trip.status == TripStatus.CLOSED, Trip.day >= start, Trip.day <= end)
        refusals = [
            (_(REFUSAL_REASONS.get(reason, reason)) if reason else _("Other reason"), int(n))
            for reason, n in session.execute(
                select(TripStop.reason, func.count())
                .join(Trip, Trip.id == TripStop.trip_id)
                .where(*in_period, TripStop.result == StopResult.REFUSED)
                .group_by(TripStop.reason)
                .order_by(func.count().desc())
            )
        ]
        money = type_coerce(func.sum(case((SettlementLine.kind == SettleKind.MONEY.value,
                                             SettlementLine.counted - SettlementLine.expected), else_=0)), Quantity())  # fmt: skip
        differences = [
            (name, int(n), Decimal(total or 0).quantize(Decimal("0.01")))
            for name, n, total in session.execute(
                select(DeliveryPerson.name, func.count(), money)
                .join(SettlementLine, SettlementLine.responsible_id == DeliveryPerson.id)
                .join(Trip, Trip.id == SettlementLine.trip_id)
                .where(*in_period)
                .group_by(DeliveryPerson.name)
                .order_by(DeliveryPerson.name)
            )
        ]
        empties = warehouse_empties(session)
        containers = [
            ContainerRow(name, int(held or 0), type_value, empties.get(type_id, 0))
            for type_id, name, held, type_value in session.execute(
                select(ContainerType.id, ContainerType.name, func.sum(ContainerBalance.quantity),
                       type_coerce(func.coalesce(func.sum(ContainerBalance.quantity * ContainerType.deposit), 0), Money()))
                .outerjoin(ContainerBalance, ContainerBalance.container_type_id == ContainerType.id)
                .group_by(ContainerType.id, ContainerType.name)
                .order_by(ContainerType.name)
            )
        ]  # fmt: skip
        weight_pct = func.avg(
            case(
                (
                    Vehicle.capacity_kg > 0,
                    type_coerce(Trip.weight, Integer) * 100.0 / type_coerce(Vehicle.capacity_kg, Integer),
                )
            )
        )
        cases_pct = func.avg(
            case(
                (
                    Vehicle.capacity_cases > 0,
                    type_coerce(Trip.cases, Integer) * 100.0 / type_coerce(Vehicle.capacity_cases, Integer),
                )
            )
        )
        vehicles = [
            VehicleRow(plate, int(n), _pct(w), _pct(c))
            for plate, n, w, c in session.execute(
                select(Vehicle.plate, func.count(), weight_pct, cases_pct)
                .join(Trip, Trip.vehicle_id == Vehicle.id)
                .where(*in_period)
                .group_by(Vehicle.plate)
                .order_by(Vehicle.plate)
            )
        ]
        return DeliveriesSummary(
            start, end, _days(session, start, end), refusals, differences, containers, vehicles
        )


def _pct(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"))
