"""Business helpers for count tests: a warehouse with bins, products with barcodes and cases, stock
received by adjustment, and the figures the tests compare (on hand by place, rows in the tables)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from stdnum import ean

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.stock.catalogue import ProductData, add_packaging
from bodesk.domain.stock.checks import nothing_negative, product_totals, quants_equal_moves
from bodesk.domain.stock.lots import lot_for
from bodesk.domain.stock.models import (
    Lot,
    Product,
    StockCount,
    StockCountLine,
    StockMove,
    StockQuant,
)
from bodesk.domain.stock.new_product import create_product
from bodesk.domain.stock.operations import adjust_stock
from bodesk.domain.stock.warehouses import add_bin, create_warehouse, main_location
from bodesk.store.engine import Database


def gtin(number: int, prefix: str = "789") -> str:
    """A valid EAN-13 made from `number`."""
    body = f"{prefix}{number:09d}"
    return body + ean.calc_check_digit(body)


@dataclass(frozen=True)
class Place:
    warehouse_id: int
    main: int  # the main area's location id
    bins: dict[str, int]  # bin code ("A-01") -> location id


def make_warehouse(db: Database, actor: Actor, code: str = "CD1", bins: tuple[str, ...] = ()) -> Place:
    warehouse_id = create_warehouse(db, actor, code, f"Depósito {code}")
    with db.read() as session:
        main = main_location(session, warehouse_id).id
    return Place(
        warehouse_id, main, {bin_code: add_bin(db, actor, warehouse_id, bin_code) for bin_code in bins}
    )


def make_product(
    db: Database,
    actor: Actor,
    sku: str,
    name: str = "",
    barcode: str = "",
    cost: str = "2.50",
    category: str = "",
    lot_tracked: bool = False,
    shelf_life_days: int | None = None,
) -> int:
    return create_product(
        db,
        actor,
        ProductData(
            sku=sku,
            name=name or f"Produto {sku}",
            gtin=barcode,
            category=category,
            cost=Decimal(cost),
            lot_tracked=lot_tracked,
            shelf_life_days=shelf_life_days,
        ),
    )


def add_case(db: Database, actor: Actor, product_id: int, units: int, barcode: str) -> int:
    return add_packaging(db, actor, product_id, f"Caixa {units}", Decimal(units), barcode)


def make_lot(db: Database, product_id: int, code: str, expiry: date | None = None) -> int:
    with db.write() as session:
        product = session.get(Product, product_id)
        assert product is not None
        return lot_for(session, product, code, expiry).id


def receive(
    db: Database,
    actor: Actor,
    product_id: int,
    location_id: int,
    quantity: str | int,
    lot_id: int | None = None,
) -> None:
    """Stock arriving by an adjustment (the tests of counts need no purchase orders)."""
    adjust_stock(db, actor, product_id, location_id, Decimal(quantity), "initial stock", lot_id)


def on_hand(db: Database, product_id: int, location_id: int, lot_id: int | None = None) -> Decimal:
    with db.read() as session:
        found = session.execute(
            select(StockQuant.quantity).where(
                StockQuant.product_id == product_id,
                StockQuant.location_id == location_id,
                StockQuant.lot_key == (lot_id or 0),
            )
        ).scalar_one_or_none()
        return found if found is not None else Decimal(0)


def total_on_hand(db: Database, product_id: int) -> Decimal:
    with db.read() as session:
        product = session.get(Product, product_id)
        assert product is not None
        return product.on_hand


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


@dataclass(frozen=True)
class Tables:
    """Row counts of what a count may write: compared before and after a refused action."""

    counts: int
    lines: int
    counted_lines: int
    moves: int
    lots: int
    audit: int


def tables(db: Database) -> Tables:
    with db.read() as session:

        def rows(stmt: object) -> int:
            return int(session.execute(stmt).scalar_one())  # type: ignore[call-overload]

        return Tables(
            rows(select(func.count()).select_from(StockCount)),
            rows(select(func.count()).select_from(StockCountLine)),
            rows(select(func.count(StockCountLine.counted))),
            rows(select(func.count()).select_from(StockMove)),
            rows(select(func.count()).select_from(Lot)),
            rows(select(func.count()).select_from(AuditEntry)),
        )


def ledger_problems(db: Database) -> list[str]:
    """Every stock invariant `bodesk check` proves, as a list of problems (empty when all hold)."""
    with db.read() as session:
        return quants_equal_moves(session) + product_totals(session) + nothing_negative(session)
