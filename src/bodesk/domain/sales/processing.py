"""Order processing time, the seed's metric: how long orders take from the call to confirmation, to
shipping, to delivery and to the invoice; median and 90th percentile per day, week or rep; and the
orders that took longest, with the stage they waited in.

The seconds from creation to each milestone are written on the order when it gets there, so these
figures read four integers per order and never recompute dates. Orders count in the period they were
taken (created), whatever stage they reached.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.listing import day_start
from bodesk.domain.sales.models import Customer, SalesRep
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.domain.sales.permissions import SALES_VIEW
from bodesk.domain.sales.states import OrderStatus
from bodesk.i18n import N_, _
from bodesk.store.engine import Database

STAGES = ("confirm", "ship", "deliver", "invoice")
STAGE_LABELS = {
    "confirm": N_("to confirmation"),
    "ship": N_("to shipping"),
    "deliver": N_("to delivery"),
    "invoice": N_("to the invoice"),
}
WAIT_LABELS = {
    "confirm": N_("waiting to be confirmed"),
    "ship": N_("waiting to ship"),
    "deliver": N_("on the way"),
    "invoice": N_("waiting for the invoice"),
}
MAX_DAYS = 3700
SLOWEST = 20


class Grouping(StrEnum):
    DAY = "day"
    WEEK = "week"
    REP = "rep"


@dataclass(frozen=True)
class Stat:
    count: int
    median: int | None  # seconds
    p90: int | None


@dataclass(frozen=True)
class GroupFigures:
    key: str  # "2026-11-03", "2026-W45", a rep's name
    orders: int
    stages: dict[str, Stat]


@dataclass(frozen=True)
class SlowOrder:
    number: int
    customer: str
    taken: datetime
    seconds: int  # to the last milestone it reached
    reached: str  # that milestone ("ship")
    waited: str  # the stage it waited longest in ("ship": between confirmation and shipping)


@dataclass(frozen=True)
class ProcessingReport:
    start: date
    end: date
    grouping: Grouping
    overall: GroupFigures
    groups: list[GroupFigures]
    slowest: list[SlowOrder]


def _percentile(values: list[int], fraction: float) -> int | None:
    """The nearest-rank percentile of sorted `values` (None for none)."""
    if not values:
        return None
    rank = max(1, round(fraction * len(values) + 0.5 - 1e-9))
    return values[min(rank, len(values)) - 1]


def _figures(key: str, orders: int, stages: Sequence[list[int]]) -> GroupFigures:
    """A group's figures from each stage's seconds (unsorted; sorted here, in place)."""
    found = {}
    for stage, values in zip(STAGES, stages, strict=True):
        values.sort()
        median = None
        if values:
            middle = len(values) // 2
            median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) // 2
        found[stage] = Stat(len(values), median, _percentile(values, 0.9))
    return GroupFigures(key, orders, found)


def _waited(durations: tuple[int | None, ...]) -> tuple[int, str, str]:
    """(seconds to the last milestone, that milestone, the stage waited longest in)."""
    reached, last, longest, longest_stage = "", 0, -1, STAGES[0]
    for stage, seconds in zip(STAGES, durations, strict=True):
        if seconds is None:
            continue
        if seconds - last > longest:
            longest, longest_stage = seconds - last, stage
        reached, last = stage, seconds
    return last, reached, longest_stage


def _day_key(day: date, grouping: Grouping) -> str:
    if grouping == Grouping.WEEK:
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def processing_time(
    db: Database, actor: Actor, start: date, end: date, grouping: Grouping = Grouping.DAY
) -> ProcessingReport:
    if end < start or (end - start).days > MAX_DAYS:
        raise ValidationError.single(
            "to",
            _("Choose a period that ends on or after it starts, of at most {n} days.").format(n=MAX_DAYS),
        )
    begin = day_start(start)  # days in this machine's time zone, as every list's dates
    finish = day_start(end + timedelta(days=1))
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        # Core, not ORM loading: over three years this reads some 200,000 rows of plain values
        rows = (
            session.connection()
            .execute(
                select(
                    SalesOrder.number,
                    SalesOrder.created_at,
                    SalesOrder.seconds_to_confirm,
                    SalesOrder.seconds_to_ship,
                    SalesOrder.seconds_to_deliver,
                    SalesOrder.seconds_to_invoice,
                    SalesOrder.customer_id,
                    SalesRep.name,
                )
                .outerjoin(SalesRep, SalesRep.id == SalesOrder.rep_id)
                .where(
                    SalesOrder.created_at >= begin,
                    SalesOrder.created_at < finish,
                    SalesOrder.status != OrderStatus.CANCELLED,
                )
            )
            .all()
        )
        groups: dict[str, tuple[list[int], list[int], list[int], list[int]]] = {}
        counts: dict[str, int] = defaultdict(int)
        keys: dict[date, str] = {}
        reached_any = []
        for row in rows:
            number, created, confirm, ship, deliver, invoice, _customer, rep = row
            if grouping == Grouping.REP:
                key = rep or _("no rep")
            else:
                day = created.astimezone().date()
                key = keys.get(day) or keys.setdefault(day, _day_key(day, grouping))
            stages = groups.get(key) or groups.setdefault(key, ([], [], [], []))
            counts[key] += 1
            last = None
            for values, seconds in zip(stages, (confirm, ship, deliver, invoice), strict=True):
                if seconds is not None:
                    values.append(seconds)
                    last = seconds
            if last is not None:
                reached_any.append((last, number, row))
        top = []
        for seconds, number, row in heapq.nlargest(SLOWEST, reached_any, key=lambda item: (item[0], item[1])):
            _seconds, reached, waited = _waited(tuple(row[2:6]))
            top.append((seconds, number, row[1], row[6], reached, waited))
        names = dict(
            session.execute(
                select(Customer.id, Customer.name).where(Customer.id.in_({row[3] for row in top}))
            ).all()
        )
    overall = [
        [value for stages in groups.values() for value in stages[index]] for index in range(len(STAGES))
    ]
    return ProcessingReport(
        start,
        end,
        grouping,
        _figures(_("All orders"), len(rows), overall),
        [_figures(key, counts[key], stages) for key, stages in sorted(groups.items())],
        [
            SlowOrder(number, names.get(customer, ""), created, seconds, reached, waited)
            for seconds, number, created, customer, reached, waited in top
        ],
    )
