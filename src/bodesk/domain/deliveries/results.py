"""What happened at each stop of a trip on the road: the result, who received the goods and when,
the quantities of a partial delivery, the money collected at the door and the empties given back.

Decisions:
- Results are recorded (and may be recorded again) while the trip is on the road; nothing moves until
  the trip closes, so a mistake is corrected by recording the stop again.
- Delivered in full: every line as loaded. Partly: each line's quantity, from zero to what was loaded,
  at least one line short and something delivered. Refused: a reason; nothing delivered. Not visited:
  nothing delivered, nothing collected, no empties.
- Money: cash, PIX, card, a cheque (bank, number and date required) or "on account" (the invoice's
  installments: recorded, not handed in); each amount more than zero, to the cent.
- Empties back and containers charged per type: whole numbers, zero or more; more empties than the
  customer holds (with what this stop leaves) is refused unless marked as a correction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, Validator, line_field
from bodesk.domain.common.lengths import check_lengths
from bodesk.domain.common.money import round_money, round_quantity
from bodesk.domain.deliveries.container_ledger import balances_of, containers_for
from bodesk.domain.deliveries.container_models import ContainerType
from bodesk.domain.deliveries.errors import ContainersRefused
from bodesk.domain.deliveries.permissions import TRIPS_PLAN
from bodesk.domain.deliveries.planning import get_trip
from bodesk.domain.deliveries.states import TRIP_LIFECYCLE, PayKind, RefusalReason, StopResult, TripStatus
from bodesk.domain.deliveries.trip_models import StopCollection, StopEmpties, TripLine, TripOrder, TripStop
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

ZERO = Decimal(0)
MAX_AMOUNT = Decimal("10000000")


@dataclass(frozen=True)
class Collected:
    kind: str
    amount: Decimal
    order_id: int | None = None
    bank: str = ""
    cheque_number: str = ""
    cheque_date: date | None = None


@dataclass(frozen=True)
class EmptiesBack:
    container_type_id: int
    returned: int = 0
    charged: int = 0
    correction: bool = False


@dataclass(frozen=True)
class StopReport:
    result: str
    received_by: str = ""
    at: datetime | None = None
    reason: str = ""
    delivered: Mapping[int, Decimal] = field(default_factory=dict)  # trip line id -> base units (partial)
    collected: Sequence[Collected] = ()
    empties: Sequence[EmptiesBack] = ()
    note: str = ""


def _lines(session: Session, stop: TripStop) -> dict[int, tuple[Decimal, int]]:
    rows = session.execute(
        select(TripLine.id, TripLine.loaded, TripLine.product_id)
        .join(TripOrder, TripOrder.id == TripLine.trip_order_id)
        .where(TripOrder.stop_id == stop.id)
    )
    return {line_id: (loaded, product) for line_id, loaded, product in rows}


def _delivered(
    check: Validator, report: StopReport, lines: Mapping[int, tuple[Decimal, int]]
) -> dict[int, Decimal]:
    if report.result == StopResult.DELIVERED:
        return {line_id: loaded for line_id, (loaded, _p) in lines.items()}
    if report.result != StopResult.PARTIAL:
        return {line_id: ZERO for line_id in lines}
    found = {}
    for line_id, (loaded, _p) in lines.items():
        quantity = report.delivered.get(line_id, ZERO)
        if quantity < 0 or quantity > loaded or round_quantity(quantity) != quantity:
            check.add(line_field(line_id, "delivered"), _("Enter a quantity from zero to what was loaded."))
        found[line_id] = quantity
    if set(report.delivered) - set(lines):
        check.add("lines", _("A line given is not on this stop: reload the trip."))
    if found and all(found[k] == lines[k][0] for k in lines):
        check.add("result", _("Every line was delivered in full: record the stop as delivered."))
    elif found and not any(found.values()):
        check.add("result", _("Nothing was delivered: record the stop as refused or not visited."))
    return found


def _check_money(check: Validator, report: StopReport) -> None:
    if report.result == StopResult.NOT_VISITED and report.collected:
        check.add("collected", _("Nothing is collected at a stop not visited."))
    for n, item in enumerate(report.collected, start=1):
        if item.kind not in set(PayKind):
            check.add(line_field(n, "kind"), _("Choose how it was paid."))
        if item.amount <= 0 or item.amount > MAX_AMOUNT or round_money(item.amount) != item.amount:
            check.add(line_field(n, "amount"), _("Enter an amount of more than zero, in reais and cents."))
        if item.kind == PayKind.CHEQUE and not (
            item.bank.strip() and item.cheque_number.strip() and item.cheque_date
        ):
            check.add(line_field(n, "cheque"), _("Enter the cheque's bank, number and date."))
        check_lengths(
            check,
            {
                line_field(n, "bank"): (item.bank.strip(), StopCollection.bank),
                line_field(n, "cheque"): (item.cheque_number.strip(), StopCollection.cheque_number),
            },
        )


def _check_empties(
    session: Session, check: Validator, stop: TripStop, report: StopReport, going: dict[int, Decimal]
) -> None:
    if report.result == StopResult.NOT_VISITED and any(e.returned or e.charged for e in report.empties):
        check.add("empties", _("No empties come back from a stop not visited."))
    known = set(session.execute(select(ContainerType.id)).scalars())
    for item in report.empties:
        if item.container_type_id not in known:
            check.add("empties", _("A container type of the list no longer exists."))
        if item.returned < 0 or item.charged < 0:
            check.add("empties", _("Enter whole numbers of containers, zero or more."))
    check.raise_if_any()
    full = containers_for(session, going)
    held = balances_of(session, {(stop.customer_id, e.container_type_id) for e in report.empties})
    short = [
        e for e in report.empties
        if not e.correction
        and e.returned + e.charged > held.get((stop.customer_id, e.container_type_id), 0) + full.get(e.container_type_id, 0)
    ]  # fmt: skip
    if short:
        raise ContainersRefused(
            _("More empties back than the customer holds: mark them as a correction, or check the count.")
        )


def record_result(db: Database, actor: Actor, stop_id: int, report: StopReport) -> None:
    """Record (or record again) what happened at one stop of a trip on the road."""
    with db.write() as session:
        require(session, actor, TRIPS_PLAN)
        record_result_in(session, actor, stop_id, report)


def record_result_in(session: Session, actor: Actor, stop_id: int, report: StopReport) -> None:
    stop = session.get(TripStop, stop_id)
    if stop is None:
        raise NotFound(_("This stop is no longer on the trip."), code="trip.stop_not_found")
    trip = get_trip(session, stop.trip_id, lock=True)
    TRIP_LIFECYCLE.refuse_unless(
        trip, TripStatus.ON_ROAD, doing=_("results are recorded while the trip is on the road.")
    )
    check = Validator()
    if report.result not in set(StopResult):
        check.add("result", _("Choose what happened at the stop."))
        check.raise_if_any()
    if report.result == StopResult.REFUSED and report.reason not in set(RefusalReason):
        check.add("reason", _("Choose why the customer refused the goods."))
    if report.result in (StopResult.DELIVERED, StopResult.PARTIAL) and not report.received_by.strip():
        check.add("received_by", _("Enter who received the goods."))
    check_lengths(check, {"received_by": (report.received_by.strip(), TripStop.received_by)})
    lines = _lines(session, stop)
    delivered = _delivered(check, report, lines)
    _check_money(check, report)
    check.raise_if_any()
    going: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for line_id, quantity in delivered.items():
        going[lines[line_id][1]] += quantity
    _check_empties(session, check, stop, report, dict(going))
    _write(session, stop, report, delivered)
    audit.record(
        session,
        actor,
        "trip.result",
        "trip",
        trip.number,
        new={"stop": stop.position, "result": report.result},
    )


def _write(session: Session, stop: TripStop, report: StopReport, delivered: Mapping[int, Decimal]) -> None:
    stop.result = report.result
    stop.reason = report.reason if report.result == StopResult.REFUSED else ""
    stop.received_by = report.received_by.strip()
    stop.result_at = report.at or utcnow()
    stop.note = report.note.strip()
    if delivered:
        table = cast(Table, TripLine.__table__)
        session.execute(
            update(table).where(table.c.id == bindparam("line")).values(delivered=bindparam("qty")),
            [{"line": line_id, "qty": quantity} for line_id, quantity in delivered.items()],
        )
    session.execute(delete(StopCollection).where(StopCollection.stop_id == stop.id))
    session.execute(delete(StopEmpties).where(StopEmpties.stop_id == stop.id))
    if report.collected:
        session.execute(
            insert(StopCollection),
            [
                {
                    "trip_id": stop.trip_id,
                    "stop_id": stop.id,
                    "customer_id": stop.customer_id,
                    "order_id": c.order_id,
                    "kind": c.kind,
                    "amount": c.amount,
                    "bank": c.bank.strip(),
                    "cheque_number": c.cheque_number.strip(),
                    "cheque_date": c.cheque_date,
                }
                for c in report.collected
            ],
        )
    empties = [e for e in report.empties if e.returned or e.charged]
    if empties:
        session.execute(
            insert(StopEmpties),
            [
                {
                    "trip_id": stop.trip_id,
                    "stop_id": stop.id,
                    "container_type_id": e.container_type_id,
                    "returned": e.returned,
                    "charged": e.charged,
                    "correction": e.correction,
                }
                for e in empties
            ],
        )
