"""The end-of-day settlement (acerto de rota): what the truck should bring back against what was
counted, per trip — money by kind, goods by product, empties by container type.

Decisions:
- Expected money is what the stops collected at the door, by kind (cash, PIX, cheque, card); "on
  account" is not handed in. Expected goods are what was loaded and not delivered. Expected empties
  are what the stops recorded as given back.
- Every stop must have a result before settling. Every expected line is counted; a counted figure
  that differs from the expected one needs who answers for it (a driver or helper) and a note, or the
  settlement is refused listing each line. More goods than were left on the truck cannot come back.
- Settling again replaces the lines; closing checks that the results did not change since.
- `collections_of_trip` hands finance the money of a trip as plain rows to post as receipts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, func, insert, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.models import Money, Quantity
from bodesk.domain.common.money import round_money, round_quantity
from bodesk.domain.deliveries.errors import SettlementRefused, TripRefused
from bodesk.domain.deliveries.fleet_models import DeliveryPerson
from bodesk.domain.deliveries.permissions import TRIPS_SETTLE
from bodesk.domain.deliveries.planning import get_trip
from bodesk.domain.deliveries.states import HANDED_IN, TRIP_LIFECYCLE, SettleKind, TripStatus
from bodesk.domain.deliveries.trip_models import (
    SettlementLine,
    StopCollection,
    StopEmpties,
    Trip,
    TripLine,
    TripStop,
)
from bodesk.i18n import _
from bodesk.store.engine import Database

ZERO = Decimal(0)


@dataclass(frozen=True)
class Expected:
    kind: str  # SettleKind
    key: str  # a pay kind, a product id, a container type id
    expected: Decimal


@dataclass(frozen=True)
class Counted:
    kind: str
    key: str
    counted: Decimal
    responsible_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class CollectionRow:
    """Money collected at a stop, as finance will post it: a receipt against the customer's invoice
    (the order's), into the vehicle's cash account (cash), the bank (PIX, card), cheques to deposit;
    "on_account" rows are the invoice's installments, not money."""

    trip_id: int
    trip_number: int
    day: date
    vehicle_id: int
    stop_id: int
    customer_id: int
    order_id: int | None
    kind: str
    amount: Decimal
    bank: str
    cheque_number: str
    cheque_date: date | None


def missing_results(session: Session, trip_id: int) -> list[int]:
    """The positions of the trip's stops without a result."""
    return list(
        session.execute(
            select(TripStop.position)
            .where(TripStop.trip_id == trip_id, TripStop.result.is_(None))
            .order_by(TripStop.position)
        ).scalars()
    )


def refuse_missing_results(session: Session, trip: Trip, doing: str) -> None:
    missing = missing_results(session, trip.id)
    if missing:
        raise TripRefused(
            _("Stops {stops} have no result: record what happened there before {doing}.").format(
                stops=", ".join(str(n) for n in missing), doing=doing
            ),
            code="trip.stop_without_result",
        )


def expected_of(session: Session, trip_id: int) -> list[Expected]:
    money = dict(
        session.execute(
            select(StopCollection.kind, type_coerce(func.sum(StopCollection.amount), Money()))
            .where(StopCollection.trip_id == trip_id)
            .group_by(StopCollection.kind)
        ).all()
    )
    found = [Expected(SettleKind.MONEY, kind.value, money.get(kind.value, ZERO)) for kind in HANDED_IN]
    left = type_coerce(func.sum(TripLine.loaded - func.coalesce(TripLine.delivered, 0)), Quantity())
    for product_id, quantity in session.execute(
        select(TripLine.product_id, left)
        .where(TripLine.trip_id == trip_id)
        .group_by(TripLine.product_id)
        .order_by(TripLine.product_id)
    ):
        if quantity and quantity > 0:
            found.append(Expected(SettleKind.GOODS, str(product_id), quantity))
    for type_id, returned in session.execute(
        select(StopEmpties.container_type_id, func.sum(StopEmpties.returned))
        .where(StopEmpties.trip_id == trip_id)
        .group_by(StopEmpties.container_type_id)
        .order_by(StopEmpties.container_type_id)
    ):
        if returned:
            found.append(Expected(SettleKind.EMPTIES, str(type_id), Decimal(int(returned))))
    return found


def _check(session: Session, lines: list[Expected], counts: Sequence[Counted]) -> list[dict[str, object]]:
    wanted = {(e.kind, e.key): e.expected for e in lines}
    given = {(c.kind, c.key): c for c in counts}
    for kind, key in given:
        if (kind, key) not in wanted:
            if kind == SettleKind.MONEY and key in {k.value for k in HANDED_IN}:
                wanted[(kind, key)] = ZERO
            else:
                raise ValidationError.single(
                    "settlement", _("A counted line is not on the trip: reload the settlement.")
                )
    missing = [key for key in wanted if key not in given]
    if missing:
        raise ValidationError.single(
            "settlement", _("Count every line of the settlement (zero when nothing came back).")
        )
    people = set(session.execute(select(DeliveryPerson.id)).scalars())
    rows, unexplained = [], []
    for (kind, key), expected in wanted.items():
        item = given[(kind, key)]
        value = item.counted
        places_ok = (
            round_money(value) == value if kind == SettleKind.MONEY else round_quantity(value) == value
        )
        whole_ok = kind != SettleKind.EMPTIES or value == value.to_integral_value()
        if value < 0 or not places_ok or not whole_ok:
            raise ValidationError.single(f"{kind}:{key}", _("Enter what was counted: zero or more."))
        if kind == SettleKind.GOODS and value > expected:
            raise ValidationError.single(
                f"{kind}:{key}",
                _("More goods than were left on the truck cannot come back: count them again."),
            )
        if value != expected and (not item.note.strip() or item.responsible_id not in people):
            unexplained.append(f"{kind}:{key}")
        rows.append(
            {"kind": kind, "key": key, "expected": expected, "counted": value,
             "responsible_id": item.responsible_id if value != expected else None,
             "note": item.note.strip() if value != expected else ""}
        )  # fmt: skip
    if unexplained:
        raise SettlementRefused(
            _(
                "{n} line(s) do not add up: record who answers for each difference and why, or count again."
            ).format(n=len(unexplained))
        )
    return rows


def settle_trip(db: Database, actor: Actor, trip_id: int, counts: Sequence[Counted]) -> int:
    """Record what came back against what was expected; returns the number of differences."""
    with db.write() as session:
        require(session, actor, TRIPS_SETTLE)
        trip = get_trip(session, trip_id, lock=True)
        TRIP_LIFECYCLE.refuse_unless(trip, TripStatus.ON_ROAD, doing=_("only a trip on the road is settled."))
        refuse_missing_results(session, trip, _("settling"))
        rows = _check(session, expected_of(session, trip.id), counts)
        session.execute(delete(SettlementLine).where(SettlementLine.trip_id == trip.id))
        session.execute(insert(SettlementLine), [{"trip_id": trip.id, **row} for row in rows])
        differences = sum(1 for row in rows if row["expected"] != row["counted"])
        audit.record(session, actor, "trip.settle", "trip", trip.number, new={"differences": differences})
        return differences


def settlement_of(session: Session, trip_id: int) -> list[SettlementLine]:
    return list(
        session.execute(
            select(SettlementLine).where(SettlementLine.trip_id == trip_id).order_by(SettlementLine.id)
        ).scalars()
    )


def collections_of_trip(session: Session, trip_id: int) -> list[CollectionRow]:
    """Every amount collected on the trip's stops, as plain rows for finance (see `CollectionRow`)."""
    rows = session.execute(
        select(
            Trip.id,
            Trip.number,
            Trip.day,
            Trip.vehicle_id,
            StopCollection.stop_id,
            StopCollection.customer_id,
            StopCollection.order_id,
            StopCollection.kind,
            StopCollection.amount,
            StopCollection.bank,
            StopCollection.cheque_number,
            StopCollection.cheque_date,
        )
        .join(Trip, Trip.id == StopCollection.trip_id)
        .where(StopCollection.trip_id == trip_id)
        .order_by(StopCollection.id)
    )
    return [CollectionRow(*row) for row in rows]  # type: ignore[call-arg]  # the select names every field in order
