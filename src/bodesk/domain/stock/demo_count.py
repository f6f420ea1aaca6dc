"""Demo count: a count of the waters in the first warehouse, half counted, some off by a few units,
so that the counts screens and the discrepancy review have something to show."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from bodesk.domain.demo import DemoContext
from bodesk.domain.stock.count_entries import record_counts
from bodesk.domain.stock.count_resolver import CountEntry
from bodesk.domain.stock.counts import start_count
from bodesk.domain.stock.models import Category, Lot, StockCountLine, Warehouse


def demo_count(context: DemoContext) -> None:
    with context.db.read() as session:
        warehouse = session.execute(select(Warehouse.id).order_by(Warehouse.id).limit(1)).scalar_one_or_none()
        waters = session.execute(select(Category.id).where(Category.name == "Águas")).scalar_one_or_none()
    if warehouse is None or waters is None:
        return
    count_id = start_count(context.db, context.owner, warehouse, waters, note="Contagem semanal das águas")
    with context.db.read() as session:
        lines = session.execute(
            select(StockCountLine.product_id, StockCountLine.location_id, Lot.code, StockCountLine.expected)
            .outerjoin(Lot, Lot.id == StockCountLine.lot_id)
            .where(StockCountLine.count_id == count_id)
            .order_by(StockCountLine.id)
        ).all()
    entries = []
    for number, (product_id, location_id, lot, expected) in enumerate(
        lines[: max(1, len(lines) // 2)], start=1
    ):
        off = Decimal(context.rng.choice((0, 0, 0, -1, -2, 1)))
        counted = max(Decimal(0), expected + off)
        entries.append(CountEntry(product_id, counted, location=location_id, lot=lot, line=number))
    if entries:
        record_counts(context.db, context.owner, count_id, entries)
    context.progress("count", 1.0)
