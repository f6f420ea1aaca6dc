"""Row counts, and the snapshot of everything a refused action must leave unchanged."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bodesk.domain.access.models import AuditEntry
from bodesk.domain.purchasing.models import PurchaseOrder, PurchaseOrderLine, Receipt, ReceiptLine
from bodesk.domain.sales.models import Customer
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine, SalesReturn
from bodesk.domain.stock.models import (
    Lot,
    Product,
    StockCount,
    StockCountLine,
    StockMove,
    StockQuant,
    StockReservation,
)
from bodesk.store.engine import Database


def count_rows(db: Database, model: type[Any]) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def snapshot(db: Database) -> dict[str, Any]:
    """Costs and stock, orders and what they received, counts and what was counted, and the number of
    rows of each ledger: what a refused action must leave unchanged."""
    with db.read() as session:
        products = session.execute(
            select(Product.id, Product.cost, Product.on_hand).order_by(Product.id)
        ).all()
        quants = session.execute(
            select(StockQuant.product_id, StockQuant.lot_key, StockQuant.quantity).order_by(StockQuant.id)
        ).all()
        orders = session.execute(
            select(PurchaseOrder.id, PurchaseOrder.status).order_by(PurchaseOrder.id)
        ).all()
        lines = session.execute(select(PurchaseOrderLine.id, PurchaseOrderLine.received)).all()
        counts = session.execute(select(StockCount.id, StockCount.status).order_by(StockCount.id)).all()
        counted = session.execute(select(func.count(StockCountLine.counted))).scalar_one()
    return {
        "products": products,
        "quants": quants,
        "orders": orders,
        "lines": sorted(lines),
        "counts": counts,
        "count_lines": count_rows(db, StockCountLine),
        "counted_lines": counted,
        "moves": count_rows(db, StockMove),
        "receipts": count_rows(db, Receipt),
        "receipt_lines": count_rows(db, ReceiptLine),
        "lots": count_rows(db, Lot),
        "audit": count_rows(db, AuditEntry),
        "sales_orders": _sales_orders(db),
        "sales_lines": count_rows(db, SalesOrderLine),
        "reservations": _reservations(db),
        "returns": count_rows(db, SalesReturn),
        "customers": count_rows(db, Customer),
    }


def _sales_orders(db: Database) -> list[Any]:
    with db.read() as session:
        return list(
            session.execute(
                select(SalesOrder.id, SalesOrder.status, SalesOrder.total).order_by(SalesOrder.id)
            )
        )


def _reservations(db: Database) -> list[Any]:
    with db.read() as session:
        return list(
            session.execute(
                select(
                    StockReservation.doc_id, StockReservation.location_id, StockReservation.quantity
                ).order_by(StockReservation.id)
            )
        )
