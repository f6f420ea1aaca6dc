"""Picking, shipping and delivering a sales order.

Decisions:
- Picking is optional: a confirmed order may be picked (the warehouse has its picking list) or shipped
  straight away; picking can be undone back to confirmed.
- Shipping takes each line's shipped quantity (default: what is reserved for it) out of its
  reservations to the @customer location, earliest expiry first, with the order's reference, at the
  product's average cost (kept on the line for the margin). A line cannot ship more than it has
  reserved. What was not shipped is released; with `keep_backorder` the rest becomes a new quote
  (a backorder pointing at this order, at the same prices) to be confirmed when stock arrives,
  otherwise it is dropped. The order's shipped value is what finance invoices.
- Delivered records when the customer received the goods (by hand here, or from a trip's result).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import ValidationError, Validator, line_field
from bodesk.domain.common.money import round_money, round_quantity, round_unit_price
from bodesk.domain.sales.order_lines import counted_whole, whole_units_message
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine
from bodesk.domain.sales.orders import event_in, get_order, order_ref, seconds_since
from bodesk.domain.sales.permissions import SALES_SHIP
from bodesk.domain.sales.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.domain.stock.ledger import virtual_location
from bodesk.domain.stock.models import ZERO, LocationKind, StockMove
from bodesk.domain.stock.reservations import release_in, reservations_of, ship_in
from bodesk.i18n import _, format_decimal
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

LINES = cast(Table, SalesOrderLine.__table__)


@dataclass(frozen=True)
class Shipped:
    moves: int
    value: Decimal  # the order's shipped value (sale prices)
    backorder_id: int | None


def start_picking(db: Database, actor: Actor, order_id: int) -> None:
    with db.write() as session:
        require(session, actor, SALES_SHIP)
        start_picking_in(session, actor, get_order(session, order_id, lock=True))


def start_picking_in(session: Session, actor: Actor, order: SalesOrder) -> None:
    """`start_picking` inside the caller's unit of work (a trip's departure), the order locked."""
    if not ORDER_LIFECYCLE.can(order.status, OrderStatus.PICKING):
        ORDER_LIFECYCLE.refuse(order, doing=_("only a confirmed order can be picked."))
    now = utcnow()
    ORDER_LIFECYCLE.move(order, OrderStatus.PICKING)
    event_in(session, order, OrderStatus.PICKING, actor, now)
    audit.record(session, actor, "sales_order.pick", "sales_order", order.number, at=now)


def stop_picking(db: Database, actor: Actor, order_id: int) -> None:
    """Picking undone: the order is confirmed again, its reservations kept."""
    with db.write() as session:
        require(session, actor, SALES_SHIP)
        stop_picking_in(session, actor, get_order(session, order_id, lock=True))


def stop_picking_in(session: Session, actor: Actor, order: SalesOrder) -> None:
    """`stop_picking` inside the caller's unit of work (a trip that did not reach the customer)."""
    if order.status != OrderStatus.PICKING:
        ORDER_LIFECYCLE.refuse(order, doing=_("only an order being picked can stop being picked."))
    now = utcnow()
    ORDER_LIFECYCLE.move(order, OrderStatus.CONFIRMED)
    event_in(session, order, OrderStatus.CONFIRMED, actor, now)
    audit.record(session, actor, "sales_order.unpick", "sales_order", order.number, at=now)


def _quantities(
    session: Session, order: SalesOrder, lines: list[SalesOrderLine], given: Mapping[int, Decimal] | None
) -> dict[int, Decimal]:
    reserved: dict[int, Decimal] = {}
    for part in reservations_of(session, order_ref(order)):
        reserved[part.line_id] = reserved.get(part.line_id, ZERO) + part.quantity
    if given is None:
        return {line.id: reserved.get(line.id, ZERO) for line in lines if reserved.get(line.id, ZERO) > ZERO}
    check = Validator()
    by_id = {line.id: line for line in lines}
    whole = counted_whole(session, (line.product_id for line in lines))
    for line_id, quantity in given.items():
        line = by_id.get(line_id)
        if line is None:
            check.add("lines", _("A line to ship is not part of order {n}.").format(n=order.number))
            continue
        if quantity < ZERO or round_quantity(quantity) != quantity:
            check.add(
                line_field(line_id, "quantity"),
                _("Enter a quantity of zero or more, with at most 3 decimals."),
            )
        elif line.product_id in whole and quantity != quantity.to_integral_value():
            check.add(line_field(line_id, "quantity"), whole_units_message())
        elif quantity > reserved.get(line_id, ZERO):
            check.add(
                line_field(line_id, "quantity"),
                _("Only {reserved} is reserved for this line: ship at most that.").format(
                    reserved=format_decimal(reserved.get(line_id, ZERO))
                ),
            )
    check.raise_if_any()
    return {line_id: quantity for line_id, quantity in given.items() if quantity > ZERO}


def ship_order(
    db: Database,
    actor: Actor,
    order_id: int,
    quantities: Mapping[int, Decimal] | None = None,
    keep_backorder: bool = True,
) -> Shipped:
    """Ship a confirmed or picked order: each line's quantity (base units, keyed by line id; default all
    that is reserved); the rest becomes a backorder quote or is dropped."""
    with db.write() as session:
        require(session, actor, SALES_SHIP)
        order = get_order(session, order_id, lock=True)
        return ship_order_in(session, actor, order, quantities, keep_backorder)


def ship_order_in(
    session: Session,
    actor: Actor,
    order: SalesOrder,
    quantities: Mapping[int, Decimal] | None = None,
    keep_backorder: bool = True,
) -> Shipped:
    """`ship_order` inside the caller's unit of work (a trip's close ships what each stop received from
    the truck), the order locked."""
    if not ORDER_LIFECYCLE.can(order.status, OrderStatus.SHIPPED):
        ORDER_LIFECYCLE.refuse(order, doing=_("only a confirmed or picked order can ship."))
    lines = list(
        session.execute(
            select(SalesOrderLine)
            .where(SalesOrderLine.order_id == order.id)
            .order_by(SalesOrderLine.position)
        ).scalars()
    )
    taking = _quantities(session, order, lines, quantities)
    if not taking:
        raise ValidationError.single("lines", _("Nothing to ship: enter the quantity of at least one line."))
    now = utcnow()
    customer = virtual_location(session, LocationKind.CUSTOMER)
    posted = ship_in(session, actor, order_ref(order), taking, customer.id, at=now)
    release_in(session, order_ref(order))  # what was not shipped
    costs = _shipped_costs(session, order)
    shipped_value = ZERO
    rest = []
    for line in lines:
        shipped = taking.get(line.id, ZERO)
        line.shipped = shipped
        line.unit_cost = costs.get(line.id)
        shipped_value += round_money(shipped / line.units_per_package * line.price)
        if line.quantity > shipped:
            rest.append((line, line.quantity - shipped))
    order.shipped_total = shipped_value
    backorder_id = _backorder(session, actor, order, rest) if keep_backorder and rest else None
    ORDER_LIFECYCLE.move(order, OrderStatus.SHIPPED)
    order.shipped_at = now
    order.seconds_to_ship = seconds_since(order.created_at, now)
    event_in(session, order, OrderStatus.SHIPPED, actor, now)
    audit.record(
        session,
        actor,
        "sales_order.ship",
        "sales_order",
        order.number,
        new={
            "moves": posted.count,
            "value": shipped_value,
            "backorder": backorder_id,
            "short_lines": len(rest),
        },
        at=now,
    )
    return Shipped(posted.count, shipped_value, backorder_id)


def _shipped_costs(session: Session, order: SalesOrder) -> dict[int, Decimal]:
    """The average cost each line shipped at, from the moves just posted (per product: one cost)."""
    costs = dict(
        session.execute(
            select(StockMove.product_id, StockMove.unit_cost).where(
                StockMove.doc_kind == ORDER_LIFECYCLE.kind, StockMove.doc_id == order.id
            )
        ).all()
    )
    return {
        line_id: round_unit_price(costs[product_id])
        for line_id, product_id in session.execute(
            select(SalesOrderLine.id, SalesOrderLine.product_id).where(SalesOrderLine.order_id == order.id)
        )
        if product_id in costs
    }


def _backorder(
    session: Session, actor: Actor, order: SalesOrder, rest: list[tuple[SalesOrderLine, Decimal]]
) -> int:
    """A new quote for what did not ship, at the same prices, pointing at `order`."""
    backorder = SalesOrder(
        customer_id=order.customer_id,
        rep_id=order.rep_id,
        warehouse_id=order.warehouse_id,
        price_table_id=order.price_table_id,
        payment_term_id=order.payment_term_id,
        backorder_of=order.id,
        requested_on=order.requested_on,
        notes=_("Backorder of order {number}.").format(number=order.number),
        created_at=utcnow(),
        created_by=actor.user_id,
    )
    ORDER_LIFECYCLE.begin(session, backorder, OrderStatus.DRAFT)
    session.add(backorder)
    session.flush()
    rows = []
    total = units = ZERO
    for position, (line, quantity) in enumerate(rest, start=1):
        packages = round_quantity(quantity / line.units_per_package)
        line_total = round_money(packages * line.price)
        total, units = total + line_total, units + quantity
        rows.append(
            {
                "order_id": backorder.id,
                "position": position,
                "product_id": line.product_id,
                "packaging_id": line.packaging_id,
                "units_per_package": line.units_per_package,
                "packages": packages,
                "quantity": quantity,
                "list_price": line.list_price,
                "discount": line.discount,
                "price": line.price,
                "price_note": line.price_note,
                "lot_id": line.lot_id,
                "total": line_total,
                "shipped": 0,
            }
        )
    session.execute(insert(LINES), rows)
    backorder.total, backorder.units = total, units
    event_in(session, backorder, OrderStatus.DRAFT, actor, backorder.created_at)
    audit.record(
        session,
        actor,
        "sales_order.backorder",
        "sales_order",
        backorder.number,
        new={"of": order.number, "total": total},
    )
    return backorder.id


def mark_delivered(db: Database, actor: Actor, order_id: int) -> None:
    """The customer received a shipped order."""
    with db.write() as session:
        require(session, actor, SALES_SHIP)
        mark_delivered_in(session, actor, get_order(session, order_id, lock=True))


def mark_delivered_in(session: Session, actor: Actor, order: SalesOrder, at: datetime | None = None) -> None:
    """`mark_delivered` inside the caller's unit of work (a trip's stop result), the order locked."""
    if not ORDER_LIFECYCLE.can(order.status, OrderStatus.DELIVERED):
        ORDER_LIFECYCLE.refuse(order, doing=_("only a shipped order can be delivered."))
    now = at or utcnow()
    ORDER_LIFECYCLE.move(order, OrderStatus.DELIVERED)
    order.delivered_at = now
    order.seconds_to_deliver = seconds_since(order.created_at, now)
    event_in(session, order, OrderStatus.DELIVERED, actor, now)
    audit.record(session, actor, "sales_order.deliver", "sales_order", order.number, at=now)
