"""Purchasing invariants that `bodesk check` proves: each receipt equals the stock moves it posted."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.common.models import Money, Quantity
from bodesk.domain.purchasing.models import Receipt, ReceiptLine
from bodesk.domain.stock.models import ZERO, StockMove
from bodesk.i18n import _, format_decimal

Key = tuple[int, int, int]  # (receipt, product, lot_key)


def receipts_equal_moves(session: Session) -> list[str]:
    """Each receipt's lines add up to its total, and to the quantities its moves brought in."""
    received: dict[Key, Decimal] = defaultdict(lambda: ZERO)
    # One expression in the SELECT and the GROUP BY: PostgreSQL sees two copies' parameters as two values.
    line_lot = func.coalesce(ReceiptLine.lot_id, 0)
    for receipt_id, product_id, lot, quantity in session.execute(
        select(
            ReceiptLine.receipt_id,
            ReceiptLine.product_id,
            line_lot,
            type_coerce(func.sum(ReceiptLine.quantity), Quantity()),
        ).group_by(ReceiptLine.receipt_id, ReceiptLine.product_id, line_lot)
    ):
        received[(receipt_id, product_id, lot)] = quantity
    moved: dict[Key, Decimal] = defaultdict(lambda: ZERO)
    move_lot = func.coalesce(StockMove.lot_id, 0)
    for receipt_id, product_id, lot, quantity in session.execute(
        select(
            StockMove.doc_id,
            StockMove.product_id,
            move_lot,
            type_coerce(func.sum(StockMove.quantity), Quantity()),
        )
        .where(StockMove.doc_kind == "receipt")
        .group_by(StockMove.doc_id, StockMove.product_id, move_lot)
    ):
        moved[(receipt_id, product_id, lot)] = quantity
    numbers = dict(session.execute(select(Receipt.id, Receipt.number)).all())
    problems = [
        _("Receipt {number}: product #{product} received {received}, moved {moved}.").format(
            number=numbers.get(key[0], key[0]),
            product=key[1],
            received=format_decimal(received.get(key, ZERO)),
            moved=format_decimal(moved.get(key, ZERO)),
        )
        for key in sorted(set(received) | set(moved))
        if received.get(key, ZERO) != moved.get(key, ZERO)
    ]
    lines_total = type_coerce(func.coalesce(func.sum(ReceiptLine.total), 0), Money())
    for number, total, lines in session.execute(
        select(Receipt.number, Receipt.total, lines_total)
        .outerjoin(ReceiptLine, ReceiptLine.receipt_id == Receipt.id)
        .group_by(Receipt.id, Receipt.number, Receipt.total)
    ):
        if total != lines:
            problems.append(
                _("Receipt {number} totals {total}, its lines {lines}.").format(
                    number=number, total=format_decimal(total, 2), lines=format_decimal(lines, 2)
                )
            )
    return problems[:50]
