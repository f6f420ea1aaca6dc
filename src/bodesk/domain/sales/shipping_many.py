"""Shipping and delivering many orders at once, for a trip's close: each order ships what its customer
received out of its reservations (on the truck) to @customer, the rest is dropped (the customer
refused it: no backorder), and it is marked delivered at the stop's time — the same rows, events and
audit entries as `ship_order_in` and `mark_delivered_in`, in one posting instead of one per order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.money import round_money, round_quantity, round_unit_price
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine
from bodesk.domain.sales.orders import event_in, order_ref, seconds_since
from bodesk.domain.sales.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.domain.stock.ledger import virtual_location
from bodesk.domain.stock.models import ZERO, LocationKind, StockMove
from bodesk.domain.stock.reserved_moves import ship_many_in
from bodesk.i18n import _
from bodesk.store.types import utcnow

LINES = cast(Table, SalesOrderLine.__table__)


def deliver_many_in(
    session: Session,
    actor: Actor,
    shipments: Sequence[tuple[SalesOrder, Mapping[int, Decimal], datetime | None]],
    shipped_at: datetime | None = None,
) -> int:
    """Ship each (locked) order's quantities (base units by line id) and mark it delivered at its time
    (the stop's); `shipped_at` is when the goods left (the trip's departure; default now, as the moves).
    Returns the number of stock moves."""
    if not shipments:
        return 0
    for order, quantities, _at in shipments:
        if not ORDER_LIFECYCLE.can(order.status, OrderStatus.SHIPPED):
            ORDER_LIFECYCLE.refuse(order, doing=_("only a confirmed or picked order can ship."))
        if any(q < ZERO or round_quantity(q) != q for q in quantities.values()):
            raise ValidationError.single(
                "lines", _("Enter a quantity of zero or more, with at most 3 decimals.")
            )
    now = utcnow()
    customer = virtual_location(session, LocationKind.CUSTOMER)
    taking = [
        (order_ref(order), {line: q for line, q in quantities.items() if q > ZERO})
        for order, quantities, _at in shipments
    ]
    moved = ship_many_in(session, actor, taking, customer.id, at=now)
    ids = [order.id for order, _q, _at in shipments]
    costs = {
        (doc_id, product_id): round_unit_price(cost)
        for doc_id, product_id, cost in session.execute(
            select(StockMove.doc_id, StockMove.product_id, StockMove.unit_cost).where(
                StockMove.doc_kind == ORDER_LIFECYCLE.kind, StockMove.doc_id.in_(ids)
            )
        )
    }
    given = {order.id: quantities for order, quantities, _at in shipments}
    values: dict[int, Decimal] = defaultdict(lambda: ZERO)
    short: dict[int, int] = defaultdict(int)
    updates = []
    for line_id, order_id, product_id, per, price, quantity in session.execute(
        select(
            SalesOrderLine.id, SalesOrderLine.order_id, SalesOrderLine.product_id, SalesOrderLine.units_per_package,
            SalesOrderLine.price, SalesOrderLine.quantity,
        ).where(SalesOrderLine.order_id.in_(ids))
    ):  # fmt: skip
        shipped = given[order_id].get(line_id, ZERO)
        values[order_id] += round_money(shipped / per * price)
        short[order_id] += quantity > shipped
        updates.append(
            {
                "line": line_id,
                "shipped": shipped,
                "cost": costs.get((order_id, product_id)) if shipped else None,
            }
        )
    session.execute(
        update(LINES)
        .where(LINES.c.id == bindparam("line"))
        .values(shipped=bindparam("shipped"), unit_cost=bindparam("cost")),
        updates,
    )
    orders = [order for order, _q, _at in shipments]
    ORDER_LIFECYCLE.move_all(orders, OrderStatus.SHIPPED, session)
    left = shipped_at or now
    for order in orders:
        order.shipped_total = values[order.id]
        order.shipped_at = left
        order.seconds_to_ship = seconds_since(order.created_at, left)
        event_in(session, order, OrderStatus.SHIPPED, actor, left)
        audit.record(
            session, actor, "sales_order.ship", "sales_order", order.number,
            new={"moves": moved.get(order.id, 0), "value": values[order.id], "backorder": None, "short_lines": short[order.id]},
            at=now,
        )  # fmt: skip
    ORDER_LIFECYCLE.move_all(orders, OrderStatus.DELIVERED, session)
    for order, _quantities, at in shipments:  # as `mark_delivered_in` does, for each
        order.delivered_at = at or now
        order.seconds_to_deliver = seconds_since(order.created_at, order.delivered_at)
        event_in(session, order, OrderStatus.DELIVERED, actor, order.delivered_at)
        audit.record(
            session, actor, "sales_order.deliver", "sales_order", order.number, at=order.delivered_at
        )
    return sum(moved.values())
