"""Receiving goods against a purchase order, in full or in parts, in one transaction.

Decisions:
- Quantities are in the product's BASE unit (the ledger's unit and the order line's `quantity`),
  never in packages: a broken case is then exact. The receive dialog converts what a person types in
  packages.
- Every receipt comes from a sent (or partly received) order: goods ordered by phone are entered as
  an order and sent first, so the receipt always has its supplier and prices.
- One order line may be received in several lots (several inputs naming the same line).
- Receiving more than ordered minus already received needs PURCHASE_OVER_RECEIVE and, even then,
  the person's confirmation ("over_receipt"); a lot already past its expiry asks too ("expired_lot").
- Stock enters from the @supplier location at the line's unit cost (price per package / units per
  package, 4 places), which updates the moving average cost.
- A receipt line's value is the quantity's share of the order line's price, rounded to cents
  cumulatively: value(received after) - value(received before), where value(q) = round(q x price per
  package / units per package). Partial receipts of a line then add up to exactly what the whole
  would cost, and a line received in full to exactly its order total. The receipt's total is the sum.
- A refusal of one input names its order line by id, these lines being stored already:
  `line_field(order_line_id, "quantity")` or `line_field(order_line_id, "lot")` (its lot and expiry).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.errors import ConfirmableWarning, ValidationError, Validator, line_field
from bodesk.domain.common.lengths import fitting
from bodesk.domain.common.money import QUANTITY_RULE, round_money, round_unit_price
from bodesk.domain.common.numbering import next_number
from bodesk.domain.common.postings import DocRef
from bodesk.domain.purchasing.errors import Excess, OverReceiptDenied, describe_excesses
from bodesk.domain.purchasing.models import PurchaseOrder, PurchaseOrderLine, Receipt, ReceiptLine
from bodesk.domain.purchasing.orders import get_order
from bodesk.domain.purchasing.permissions import PURCHASE_OVER_RECEIVE, PURCHASE_RECEIVE
from bodesk.domain.purchasing.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.domain.stock.ledger import MoveRequest, post_moves, virtual_location
from bodesk.domain.stock.lots import lot_for
from bodesk.domain.stock.models import ZERO, Location, LocationKind, Lot, Product
from bodesk.domain.stock.warehouses import main_location
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

RECEIPT_LINES = cast(Table, ReceiptLine.__table__)
OVER_RECEIPT = "over_receipt"
EXPIRED_LOT = "expired_lot"


@dataclass(frozen=True)
class ReceiveLineInput:
    order_line_id: int
    quantity: Decimal  # base units of the product; 0 = nothing of this line now
    lot_code: str = ""
    expiry: date | None = None


@dataclass
class _Wanted:
    line: PurchaseOrderLine
    product: Product
    quantity: Decimal
    lot: Lot | None = None


def _receiving_location(session: Session, order: PurchaseOrder, location_id: int | None) -> Location:
    if location_id is None:
        return main_location(session, order.warehouse_id)
    location = session.get(Location, location_id)
    if (
        location is None
        or location.kind != LocationKind.INTERNAL
        or location.warehouse_id != order.warehouse_id
        or not location.active
    ):
        raise ValidationError.single(
            "location", _("Choose an open place of the order's warehouse to put the goods.")
        )
    return location


def _validate(
    session: Session, order: PurchaseOrder, inputs: Sequence[ReceiveLineInput]
) -> tuple[list[_Wanted], dict[int, PurchaseOrderLine]]:
    order_lines = {
        line.id: line
        for line in session.execute(
            select(PurchaseOrderLine).where(PurchaseOrderLine.order_id == order.id)
        ).scalars()
    }
    product_ids = {line.product_id for line in order_lines.values()}
    products = {
        p.id: p for p in session.execute(select(Product).where(Product.id.in_(product_ids))).scalars()
    }
    check = Validator()
    wanted: list[_Wanted] = []
    for given in inputs:
        line = order_lines.get(given.order_line_id)
        if line is None:
            check.add(
                "lines", _("A line to receive is not part of purchase order {n}.").format(n=order.number)
            )
            continue
        product = products[line.product_id]
        field = line_field(line.id, "quantity")
        quantity = given.quantity
        problem = QUANTITY_RULE.problem(quantity)
        if quantity < ZERO or problem is not None:
            check.add(
                field,
                _("{product}: {problem}").format(
                    product=product.name, problem=problem or _("enter a quantity of zero or more.")
                ),
            )
            continue
        if quantity == ZERO:
            continue
        item = _Wanted(line, product, quantity)
        if product.lot_tracked:
            try:
                item.lot = lot_for(session, product, given.lot_code, given.expiry, line_field(line.id, "lot"))
            except ValidationError as exc:
                check.errors.extend(exc.errors)
        elif given.lot_code.strip() or given.expiry is not None:
            check.add(
                line_field(line.id, "lot"),
                _("{product} is not tracked by lot: leave the lot and expiry empty.").format(
                    product=product.name
                ),
            )
        wanted.append(item)
    if not wanted and not check.errors:
        check.add("lines", _("Enter the quantity received of at least one line."))
    check.raise_if_any()
    return wanted, order_lines


def _excesses(wanted: list[_Wanted]) -> list[Excess]:
    receiving: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for item in wanted:
        receiving[item.line.id] += item.quantity
    excesses = []
    for item in wanted:
        line = item.line
        if line.id in receiving and line.received + receiving[line.id] > line.quantity:
            excesses.append(
                Excess(
                    item.product.name,
                    item.product.base_unit,
                    line.quantity,
                    line.received,
                    receiving[line.id],
                )
            )
        receiving.pop(line.id, None)
    return excesses


def _confirm(role: str, wanted: list[_Wanted], confirmed: frozenset[str]) -> None:
    excesses = _excesses(wanted)
    if excesses:
        if not is_allowed(role, PURCHASE_OVER_RECEIVE):
            raise OverReceiptDenied(excesses)
        if OVER_RECEIPT not in confirmed:
            raise ConfirmableWarning(
                OVER_RECEIPT,
                _("This receipt brings more than was ordered:")
                + "\n"
                + describe_excesses(excesses)
                + "\n"
                + _("Receive it anyway?"),
            )
    today = date.today()
    expired = sorted(
        {
            f"{item.product.name} ({item.lot.code})"
            for item in wanted
            if item.lot and item.lot.expiry and item.lot.expiry < today
        }
    )
    if expired and EXPIRED_LOT not in confirmed:
        raise ConfirmableWarning(
            EXPIRED_LOT,
            _("These lots are already past their expiry date: {lots}. Receive them anyway?").format(
                lots=", ".join(expired)
            ),
        )


def _line_value(line: PurchaseOrderLine, quantity: Decimal) -> Decimal:
    return round_money(quantity * line.package_price / line.units_per_package)


def _values(wanted: list[_Wanted]) -> list[Decimal]:
    """Each input's value, rounded cumulatively per order line (see the module's notes)."""
    running = {item.line.id: item.line.received for item in wanted}
    values = []
    for item in wanted:
        before = running[item.line.id]
        after = before + item.quantity
        values.append(_line_value(item.line, after) - _line_value(item.line, before))
        running[item.line.id] = after
    return values


def receive_goods(
    db: Database,
    actor: Actor,
    order_id: int,
    lines: Sequence[ReceiveLineInput],
    location_id: int | None = None,
    supplier_invoice: str = "",
    confirmed: frozenset[str] = frozenset(),
    notes: str = "",
) -> int:
    """Receive goods of a sent order into `location_id` (default: the warehouse's main location) and
    return the new receipt's id. All or nothing; every refused line is reported at once."""
    invoice = fitting("supplier_invoice", supplier_invoice.strip(), Receipt.supplier_invoice)
    notes = fitting("notes", notes.strip(), Receipt.notes)
    with db.write() as session:
        user = require(session, actor, PURCHASE_RECEIVE)
        order = get_order(session, order_id, for_update=True)
        if not ORDER_LIFECYCLE.can(order.status, OrderStatus.RECEIVED):
            ORDER_LIFECYCLE.refuse(order, doing=_("nothing can be received for it."))
        location = _receiving_location(session, order, location_id)
        wanted, order_lines = _validate(session, order, lines)
        _confirm(user.role, wanted, confirmed)

        number = next_number(session, "receipt")
        source = virtual_location(session, LocationKind.SUPPLIER)
        moves = [
            MoveRequest(
                item.product.id,
                source.id,
                location.id,
                item.quantity,
                item.lot.id if item.lot else None,
                unit_cost=round_unit_price(item.line.package_price / item.line.units_per_package),
            )
            for item in wanted
        ]
        now = utcnow()
        values = _values(wanted)
        receipt = Receipt(
            number=number,
            order_id=order.id,
            supplier_id=order.supplier_id,
            warehouse_id=order.warehouse_id,
            location_id=location.id,
            received_at=now,
            received_by=actor.user_id,
            supplier_invoice=invoice,
            total=sum(values, ZERO),
            billed=False,
            notes=notes.strip(),
        )
        session.add(receipt)
        session.flush()
        post_moves(session, actor, moves, DocRef("receipt", receipt.id, number), at=now)
        session.execute(
            insert(RECEIPT_LINES),  # Core: one executemany, whatever lines have a lot
            [
                {
                    "receipt_id": receipt.id,
                    "order_line_id": item.line.id,
                    "product_id": item.line.product_id,
                    "lot_id": item.lot.id if item.lot else None,
                    "quantity": item.quantity,
                    "unit_cost": move.unit_cost,
                    "total": value,
                }
                for item, move, value in zip(wanted, moves, values, strict=True)
            ],
        )
        for item in wanted:
            item.line.received += item.quantity
        complete = all(line.received >= line.quantity for line in order_lines.values())
        ORDER_LIFECYCLE.move(order, OrderStatus.RECEIVED if complete else OrderStatus.PARTLY_RECEIVED)
        audit.record(
            session,
            actor,
            "receipt.add",
            "receipt",
            number,
            new={
                "order": order.number,
                "lines": len(wanted),
                "total": receipt.total,
                "supplier_invoice": invoice,
                "status": order.status,
            },
            reason=", ".join(sorted(confirmed)) or None,
            at=now,
        )
        return receipt.id
