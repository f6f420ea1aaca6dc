"""Stock invariants that `bodesk check` proves: the caches equal the ledger, nothing real is negative."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.common.models import Quantity
from bodesk.domain.stock.models import ZERO, Location, LocationKind, Product, StockMove, StockQuant
from bodesk.i18n import _, format_decimal
from bodesk.store.check import register_check


def ledger_sums(session: Session) -> dict[tuple[int, int, int], Decimal]:
    """On hand per (product, internal location, lot_key) as the moves add it up."""
    sums: dict[tuple[int, int, int], Decimal] = defaultdict(lambda: ZERO)
    internal = select(Location.id).where(Location.kind == LocationKind.INTERNAL)
    qty = type_coerce(func.sum(StockMove.quantity), Quantity())
    lot = func.coalesce(StockMove.lot_id, 0)
    for product_id, location_id, lot_key, total in session.execute(
        select(StockMove.product_id, StockMove.to_location_id, lot, qty)
        .where(StockMove.to_location_id.in_(internal))
        .group_by(StockMove.product_id, StockMove.to_location_id, lot)
    ):
        sums[(product_id, location_id, lot_key)] += total
    for product_id, location_id, lot_key, total in session.execute(
        select(StockMove.product_id, StockMove.from_location_id, lot, qty)
        .where(StockMove.from_location_id.in_(internal))
        .group_by(StockMove.product_id, StockMove.from_location_id, lot)
    ):
        sums[(product_id, location_id, lot_key)] -= total
    return sums


@register_check("stock.quants", lambda: _("Stock on hand equals the sum of stock moves"))
def quants_equal_moves(session: Session) -> list[str]:
    ledger = ledger_sums(session)
    cached = {
        (q.product_id, q.location_id, q.lot_key): q.quantity
        for q in session.execute(select(StockQuant)).scalars()
    }
    problems = []
    for key in sorted(set(ledger) | set(cached)):
        moved, held = ledger.get(key, ZERO), cached.get(key, ZERO)
        if moved != held:
            problems.append(
                _("Product #{p}, location #{l}, lot #{lot}: moves give {moved}, stock says {held}.").format(
                    p=key[0], l=key[1], lot=key[2], moved=format_decimal(moved), held=format_decimal(held)
                )
            )
    return problems[:50]


@register_check("stock.on_hand", lambda: _("Each product's total equals its stock in every location"))
def product_totals(session: Session) -> list[str]:
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for q in session.execute(select(StockQuant)).scalars():
        totals[q.product_id] += q.quantity
    problems = []
    for product_id, sku, on_hand in session.execute(select(Product.id, Product.sku, Product.on_hand)):
        if totals.get(product_id, ZERO) != on_hand:
            problems.append(
                _("{sku}: total {total}, locations add up to {sum}.").format(
                    sku=sku, total=format_decimal(on_hand), sum=format_decimal(totals.get(product_id, ZERO))
                )
            )
    return problems[:50]


@register_check("stock.negative", lambda: _("No stock location is below zero"))
def nothing_negative(session: Session) -> list[str]:
    rows = session.execute(
        select(Product.sku, Location.code, StockQuant.quantity)
        .join(Product, Product.id == StockQuant.product_id)
        .join(Location, Location.id == StockQuant.location_id)
        .where(StockQuant.quantity < ZERO)
    )
    return [
        _("{sku} in {location}: {qty}.").format(sku=sku, location=code, qty=format_decimal(qty))
        for sku, code, qty in rows
    ][:50]
