"""Sales invariants that `bodesk check` proves: each order adds up to its lines, each shipped order's
moves took out what its lines say they shipped, each return's moves brought back what it says."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.common.models import Money, Quantity
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine, SalesReturn, SalesReturnLine
from bodesk.domain.sales.states import ORDER_LIFECYCLE
from bodesk.domain.stock.models import ZERO, StockMove
from bodesk.i18n import _, format_decimal


def orders_add_up(session: Session) -> list[str]:
    lines_total = type_coerce(func.coalesce(func.sum(SalesOrderLine.total), 0), Money())
    rows = session.execute(
        select(SalesOrder.number, SalesOrder.total, lines_total)
        .outerjoin(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id)
        .group_by(SalesOrder.id, SalesOrder.number, SalesOrder.total)
        .having(SalesOrder.total != lines_total)
        .limit(50)
    )
    return [
        _("Sales order {number} totals {total}, its lines {lines}.").format(
            number=number, total=format_decimal(total, 2), lines=format_decimal(lines, 2)
        )
        for number, total, lines in rows
    ]


def _moved(session: Session, kind: str) -> dict[tuple[int, int], Decimal]:
    qty = type_coerce(func.sum(StockMove.quantity), Quantity())
    return {
        (doc_id, product_id): total
        for doc_id, product_id, total in session.execute(
            select(StockMove.doc_id, StockMove.product_id, qty)
            .where(StockMove.doc_kind == kind)
            .group_by(StockMove.doc_id, StockMove.product_id)
        )
    }


def shipments_equal_moves(session: Session) -> list[str]:
    moved = _moved(session, ORDER_LIFECYCLE.kind)
    shipped: dict[tuple[int, int], Decimal] = defaultdict(lambda: ZERO)
    numbers: dict[int, int] = {}
    for order_id, number, product_id, quantity in session.execute(
        select(SalesOrder.id, SalesOrder.number, SalesOrderLine.product_id, SalesOrderLine.shipped)
        .join(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id)
        .where(SalesOrderLine.shipped > 0)
    ):
        shipped[(order_id, product_id)] += quantity
        numbers[order_id] = number
    problems = [
        _("Sales order {number}: product #{product} shipped {shipped}, moved {moved}.").format(
            number=numbers.get(key[0], key[0]),
            product=key[1],
            shipped=format_decimal(shipped.get(key, ZERO)),
            moved=format_decimal(moved.get(key, ZERO)),
        )
        for key in sorted(set(shipped) | set(moved))
        if shipped.get(key, ZERO) != moved.get(key, ZERO)
    ]
    return problems[:50]


def returns_equal_moves(session: Session) -> list[str]:
    moved = _moved(session, "sales_return")
    returned: dict[tuple[int, int], Decimal] = defaultdict(lambda: ZERO)
    numbers: dict[int, int] = {}
    for return_id, number, product_id, quantity in session.execute(
        select(SalesReturn.id, SalesReturn.number, SalesReturnLine.product_id, SalesReturnLine.quantity).join(
            SalesReturnLine, SalesReturnLine.return_id == SalesReturn.id
        )
    ):
        returned[(return_id, product_id)] += quantity
        numbers[return_id] = number
    return [
        _("Return {number}: product #{product} returned {returned}, moved {moved}.").format(
            number=numbers.get(key[0], key[0]),
            product=key[1],
            returned=format_decimal(returned.get(key, ZERO)),
            moved=format_decimal(moved.get(key, ZERO)),
        )
        for key in sorted(set(returned) | set(moved))
        if returned.get(key, ZERO) != moved.get(key, ZERO)
    ][:50]
