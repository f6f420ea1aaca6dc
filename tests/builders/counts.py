"""What a stock count holds."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from bodesk.domain.stock.models import StockCount, StockCountLine
from bodesk.store.engine import Database


def counted(db: Database, count_id: int, product_id: int, location_id: int | None = None) -> Decimal | None:
    """The counted quantity of a product's line(s) in a count (summed over places and lots)."""
    with db.read() as session:
        stmt = select(StockCountLine.counted).where(
            StockCountLine.count_id == count_id, StockCountLine.product_id == product_id
        )
        if location_id is not None:
            stmt = stmt.where(StockCountLine.location_id == location_id)
        values = [value for value in session.execute(stmt).scalars() if value is not None]
        return sum(values, Decimal(0)) if values else None


def count_status(db: Database, count_id: int) -> str:
    with db.read() as session:
        count = session.get(StockCount, count_id)
        assert count is not None
        return count.status
