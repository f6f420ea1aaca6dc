"""Goods back from a customer: a numbered return (series "sales_return") against a shipped order.

Decisions:
- Per line of the order: a quantity (base units) no more than shipped less what earlier returns took
  back, a reason (damaged, expired, refused, exchange) and where it goes: back to stock (a location of
  a warehouse, in the lot it left in when it left in one lot, or in the lot named) or to the loss
  location. Goods back to stock re-enter at the cost they left at; to the loss location they move
  from @customer to @loss, so the ledger shows them and stock stays as it was.
- Its value is the quantity at the line's net price, to cents; finance makes the credit note of a line
  already invoiced from it (once finance exists).
- Final once written; a wrong return is corrected by an order, never edited.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, func, insert, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import ValidationError, Validator, line_field
from bodesk.domain.common.models import Quantity
from bodesk.domain.common.money import round_money, round_quantity
from bodesk.domain.common.numbering import next_number
from bodesk.domain.common.postings import DocRef
from bodesk.domain.sales.order_lines import counted_whole, whole_units_message
from bodesk.domain.sales.order_models import SalesOrderLine, SalesReturn, SalesReturnLine
from bodesk.domain.sales.orders import get_order
from bodesk.domain.sales.permissions import SALES_RETURN
from bodesk.domain.sales.states import ORDER_LIFECYCLE, SHIPPED_STATUSES, ReturnReason
from bodesk.domain.stock.ledger import MoveRequest, post_moves, virtual_location
from bodesk.domain.stock.models import ZERO, Location, LocationKind, StockMove
from bodesk.i18n import _, format_decimal
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

RETURN_LINES = cast(Table, SalesReturnLine.__table__)
SERIES = "sales_return"
MAX_NOTE = 2000


@dataclass(frozen=True)
class ReturnLineInput:
    order_line_id: int
    quantity: Decimal  # base units
    reason: ReturnReason
    to_stock: bool = True  # False: to the loss location
    location_id: int | None = None  # back to stock here; None: the place it left from
    lot_id: int | None = None  # None: the lot it left in, when one


def returned_so_far(session: Session, line_ids: Sequence[int]) -> dict[int, Decimal]:
    qty = type_coerce(func.sum(SalesReturnLine.quantity), Quantity())
    return dict(
        session.execute(
            select(SalesReturnLine.order_line_id, qty)
            .where(SalesReturnLine.order_line_id.in_(list(line_ids)))
            .group_by(SalesReturnLine.order_line_id)
        ).all()
    )


def _shipped_from(session: Session, order_id: int) -> dict[int, list[tuple[int, int | None]]]:
    """Per product, the (location, lot) its shipment took stock from, in order."""
    found: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for product_id, location_id, lot_id in session.execute(
        select(StockMove.product_id, StockMove.from_location_id, StockMove.lot_id)
        .where(StockMove.doc_kind == ORDER_LIFECYCLE.kind, StockMove.doc_id == order_id)
        .order_by(StockMove.id)
    ):
        if (location_id, lot_id) not in found[product_id]:
            found[product_id].append((location_id, lot_id))
    return found


def record_return(
    db: Database, actor: Actor, order_id: int, lines: Sequence[ReturnLineInput], note: str = ""
) -> int:
    """Take goods of a shipped order back; returns the return's id. All lines or none."""
    text = note.strip()
    if len(text) > MAX_NOTE:
        raise ValidationError.single("note", _("A note has at most {n} characters.").format(n=MAX_NOTE))
    with db.write() as session:
        require(session, actor, SALES_RETURN)
        order = get_order(session, order_id, lock=True)
        if order.status not in SHIPPED_STATUSES:
            ORDER_LIFECYCLE.refuse(order, doing=_("only goods of a shipped order can come back."))
        order_lines = {
            line.id: line
            for line in session.execute(
                select(SalesOrderLine).where(SalesOrderLine.order_id == order.id)
            ).scalars()
        }
        earlier = returned_so_far(session, list(order_lines))
        sources = _shipped_from(session, order.id)
        customer = virtual_location(session, LocationKind.CUSTOMER)
        loss = virtual_location(session, LocationKind.LOSS)
        check = Validator()
        check.check(bool(lines), "lines", _("Enter the quantity of at least one line coming back."))
        taking: dict[int, Decimal] = defaultdict(lambda: ZERO)
        moves: list[MoveRequest] = []
        rows = []
        whole = counted_whole(session, (line.product_id for line in order_lines.values()))
        for given in lines:
            line = order_lines.get(given.order_line_id)
            field = line_field(given.order_line_id, "quantity")
            if line is None:
                check.add("lines", _("A line coming back is not part of order {n}.").format(n=order.number))
                continue
            left = line.shipped - earlier.get(line.id, ZERO) - taking[line.id]
            if given.quantity <= ZERO or round_quantity(given.quantity) != given.quantity:
                check.add(field, _("Enter a quantity above zero, with at most 3 decimals."))
                continue
            if line.product_id in whole and given.quantity != given.quantity.to_integral_value():
                check.add(field, whole_units_message())
                continue
            if given.quantity > left:
                check.add(
                    field,
                    _("Only {left} of this line can still come back (shipped less earlier returns).").format(
                        left=format_decimal(left)
                    ),
                )
                continue
            taking[line.id] += given.quantity
            origin = sources.get(line.product_id, [])
            lot_id = (
                given.lot_id if given.lot_id is not None else (origin[0][1] if len(origin) == 1 else None)
            )
            if given.to_stock:
                place_id = given.location_id or (origin[0][0] if origin else None)
                place = session.get(Location, place_id) if place_id is not None else None
                if place is None or place.kind != LocationKind.INTERNAL or not place.active:
                    check.add(
                        line_field(line.id, "location"), _("Choose an open stock location for the goods.")
                    )
                    continue
                target = place.id
            else:
                target = loss.id
            moves.append(
                MoveRequest(
                    line.product_id, customer.id, target, given.quantity, lot_id, unit_cost=line.unit_cost
                )
            )
            rows.append(
                {
                    "order_line_id": line.id,
                    "product_id": line.product_id,
                    "lot_id": lot_id,
                    "quantity": given.quantity,
                    "reason": ReturnReason(given.reason).value,
                    "location_id": target,
                    "value": round_money(given.quantity / line.units_per_package * line.price),
                }
            )
        check.raise_if_any()
        now = utcnow()
        back = SalesReturn(
            number=next_number(session, SERIES),
            order_id=order.id,
            customer_id=order.customer_id,
            at=now,
            user_id=actor.user_id,
            note=text,
            total=sum((cast(Decimal, row["value"]) for row in rows), ZERO),
        )
        session.add(back)
        session.flush()
        post_moves(session, actor, moves, DocRef(SERIES, back.id, back.number), at=now)
        session.execute(insert(RETURN_LINES), [{**row, "return_id": back.id} for row in rows])
        audit.record(
            session,
            actor,
            "sales_return.add",
            "sales_return",
            back.number,
            new={"order": order.number, "lines": len(rows), "total": back.total},
            at=now,
        )
        return back.id
