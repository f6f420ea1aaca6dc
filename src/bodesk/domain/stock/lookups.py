"""Small reads the stock forms need: categories, brands, packagings, warehouses, locations, lots.

Each returns plain data (never ORM objects) and checks that the reader may see stock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, type_coerce

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import may, require
from bodesk.domain.common.listing import Choice
from bodesk.domain.common.models import Quantity
from bodesk.domain.stock.catalogue import UNITS, get_product
from bodesk.domain.stock.models import (
    ZERO,
    Category,
    Location,
    LocationKind,
    Lot,
    Packaging,
    Product,
    StockQuant,
    Warehouse,
)
from bodesk.domain.stock.permissions import STOCK_COSTS, STOCK_VIEW
from bodesk.store.engine import Database


@dataclass(frozen=True)
class PackagingRow:
    id: int
    name: str
    units: Decimal
    gtin: str
    for_purchase: bool
    for_sale: bool


@dataclass(frozen=True)
class WarehouseChoice(Choice):
    location_id: int  # the warehouse's main location


@dataclass(frozen=True)
class LocationChoice(Choice):
    warehouse_id: int
    is_bin: bool
    active: bool


@dataclass(frozen=True)
class LotChoice:
    id: int
    code: str
    expiry: date | None
    quantity: Decimal


@dataclass(frozen=True)
class ProductBrief:
    id: int
    sku: str
    name: str
    unit: str
    lot_tracked: bool
    on_hand: Decimal
    cost: Decimal | None  # None for those who may not see costs
    active: bool


def units() -> tuple[str, ...]:
    return UNITS


def categories(db: Database, actor: Actor) -> list[Choice]:
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        rows = session.execute(select(Category.id, Category.name).order_by(Category.name_key, Category.id))
        return [Choice(category_id, "", name) for category_id, name in rows]


def brands(db: Database, actor: Actor) -> list[str]:
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        rows = session.execute(
            select(Product.brand, Product.brand_key)
            .where(Product.brand != "")
            .distinct()
            .order_by(Product.brand_key, Product.brand)
        )
        return [brand for brand, _key in rows]


def packagings(db: Database, actor: Actor, product_id: int) -> list[PackagingRow]:
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        rows = session.execute(
            select(Packaging)
            .where(Packaging.product_id == product_id)
            .order_by(Packaging.units, Packaging.id)
        ).scalars()
        return [PackagingRow(p.id, p.name, p.units, p.gtin or "", p.for_purchase, p.for_sale) for p in rows]


def product_brief(db: Database, actor: Actor, product_id: int) -> ProductBrief:
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        p = get_product(session, product_id)
        cost = p.cost if may(session, actor, STOCK_COSTS) else None
        return ProductBrief(p.id, p.sku, p.name, p.base_unit, p.lot_tracked, p.on_hand, cost, p.active)


def warehouses(db: Database, actor: Actor) -> list[WarehouseChoice]:
    """The active warehouses by code, each with its main location: for list filters, the warehouse
    an order is delivered to, and where stock moves."""
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        rows = session.execute(
            select(Warehouse.id, Warehouse.code, Warehouse.name, Location.id)
            .join(Location, Location.warehouse_id == Warehouse.id)
            .where(
                Warehouse.active.is_(True),
                Location.is_bin.is_(False),
                Location.kind == LocationKind.INTERNAL,
            )
            .order_by(Warehouse.code)
        )
        return [WarehouseChoice(*row) for row in rows]


def locations(
    db: Database, actor: Actor, warehouse_id: int | None = None, include_closed: bool = False
) -> list[LocationChoice]:
    """The stock locations (warehouses' main areas and bins) by code, so a warehouse's main area
    comes before its bins: where stock is moved, counted or received."""
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        stmt = select(Location).where(Location.kind == LocationKind.INTERNAL).order_by(Location.code)
        if warehouse_id is not None:
            stmt = stmt.where(Location.warehouse_id == warehouse_id)
        if not include_closed:
            stmt = stmt.where(Location.active.is_(True))
        return [
            LocationChoice(loc.id, loc.code, loc.name, loc.warehouse_id or 0, loc.is_bin, loc.active)
            for loc in session.execute(stmt).scalars()
        ]


def stock_at(
    db: Database, actor: Actor, product_id: int, location_id: int, lot_id: int | None = None
) -> Decimal:
    """What the ledger holds of a product in one location (and lot): zero if nothing."""
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        found = session.execute(
            select(StockQuant.quantity).where(
                StockQuant.product_id == product_id,
                StockQuant.location_id == location_id,
                StockQuant.lot_key == (lot_id or 0),
            )
        ).scalar_one_or_none()
        return found if found is not None else ZERO


def lots_with_stock(
    db: Database, actor: Actor, product_id: int, location_id: int | None = None
) -> list[LotChoice]:
    """The product's lots holding stock (in one location, or in all), first to expire first."""
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        held = type_coerce(func.sum(StockQuant.quantity), Quantity())
        stmt = (
            select(Lot.id, Lot.code, Lot.expiry, held)
            .join(StockQuant, StockQuant.lot_id == Lot.id)
            .where(Lot.product_id == product_id, StockQuant.quantity > ZERO)
            .group_by(Lot.id, Lot.code, Lot.expiry)
            .order_by(Lot.expiry.is_(None), Lot.expiry, Lot.code)
        )
        if location_id is not None:
            stmt = stmt.where(StockQuant.location_id == location_id)
        return [LotChoice(*row) for row in session.execute(stmt)]


def lots_of(db: Database, actor: Actor, product_id: int) -> list[LotChoice]:
    """Every lot of a product (to adjust stock into one), first to expire first, quantity on hand."""
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        held = type_coerce(func.coalesce(func.sum(StockQuant.quantity), 0), Quantity())
        stmt = (
            select(Lot.id, Lot.code, Lot.expiry, held)
            .outerjoin(StockQuant, StockQuant.lot_id == Lot.id)
            .where(Lot.product_id == product_id)
            .group_by(Lot.id, Lot.code, Lot.expiry)
            .order_by(Lot.expiry.is_(None), Lot.expiry, Lot.code)
        )
        return [LotChoice(*row) for row in session.execute(stmt)]
