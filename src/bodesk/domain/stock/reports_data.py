"""The figures behind the stock reports, computed and rounded here so that a PDF only lays them out.

Availability: per category, each active product's stock on hand, what is reserved and what is left
to sell. Category subtotals count products (quantities of different units do not add up).
Valuation: quantity x moving average cost per product, rounded to money; category totals and the
grand total add the rounded rows, so the printed figures add up. Expiry: lots holding stock that
expire within N days (already expired included), with their value.

Quantities multiply by costs in Python: both are stored as scaled integers and their product in SQL
could overflow 64 bits once summed over thousands of products.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.models import Quantity
from bodesk.domain.common.money import round_money
from bodesk.domain.stock.models import ZERO, Category, Location, Lot, Product, StockQuant
from bodesk.domain.stock.permissions import STOCK_COSTS, STOCK_VIEW
from bodesk.domain.stock.query_parts import warehouse_locations
from bodesk.domain.stock.warehouses import get_warehouse
from bodesk.i18n import _
from bodesk.store.engine import Database

RESERVATIONS_TRACKED = False  # True once sales orders reserve stock


def reserved_quantities(
    session: Session, product_ids: Iterable[int], warehouse_id: int | None = None
) -> dict[int, Decimal]:
    """Quantities held for open sales orders, by product (absent means zero).

    There are no sales orders yet, so nothing is reserved: this is the one place the sales module
    will fill in.
    """
    return {}


def _scope(session: Session, warehouse_id: int | None) -> str:
    if warehouse_id is None:
        return ""
    warehouse = get_warehouse(session, warehouse_id)
    return f"{warehouse.code} – {warehouse.name}"


def _stock_rows(session: Session, warehouse_id: int | None, active_only: bool) -> list[Any]:
    """(product id, sku, name, unit, cost, category name, quantity) of products with stock, ordered
    by category (none last) and name."""
    if warehouse_id is None:
        quantity: Any = Product.on_hand
        stmt = select(
            Product.id, Product.sku, Product.name, Product.base_unit, Product.cost, Category.name, quantity
        )
        stmt = stmt.where(Product.on_hand != ZERO)
    else:
        held = (
            select(StockQuant.product_id, func.sum(StockQuant.quantity).label("quantity"))
            .where(StockQuant.location_id.in_(warehouse_locations(warehouse_id)))
            .group_by(StockQuant.product_id)
            .having(func.sum(StockQuant.quantity) != 0)
            .subquery()
        )
        quantity = type_coerce(held.c.quantity, Quantity())
        stmt = select(
            Product.id, Product.sku, Product.name, Product.base_unit, Product.cost, Category.name, quantity
        )
        stmt = stmt.join(held, held.c.product_id == Product.id)
    stmt = stmt.outerjoin(Category, Category.id == Product.category_id)
    if active_only:
        stmt = stmt.where(Product.active.is_(True))
    stmt = stmt.order_by(
        Category.name_key.is_(None), Category.name_key, Category.id, Product.name_key, Product.id
    )
    return list(session.connection().execute(stmt))


@dataclass(frozen=True)
class AvailabilityRow:
    product_id: int
    sku: str
    name: str
    unit: str
    on_hand: Decimal
    reserved: Decimal
    available: Decimal


@dataclass(frozen=True)
class AvailabilityGroup:
    category: str
    rows: tuple[AvailabilityRow, ...]

    @property
    def products(self) -> int:
        return len(self.rows)

    @property
    def available_products(self) -> int:
        return sum(1 for row in self.rows if row.available > ZERO)


@dataclass(frozen=True)
class Availability:
    warehouse: str  # "" for every warehouse
    groups: tuple[AvailabilityGroup, ...]
    reservations_tracked: bool = RESERVATIONS_TRACKED

    @property
    def products(self) -> int:
        return sum(group.products for group in self.groups)

    @property
    def available_products(self) -> int:
        return sum(group.available_products for group in self.groups)


def _grouped(rows: list[Any]) -> list[tuple[str, list[Any]]]:
    groups: list[tuple[str, list[Any]]] = []
    for row in rows:
        category = row[5] or _("No category")
        if not groups or groups[-1][0] != category:
            groups.append((category, []))
        groups[-1][1].append(row)
    return groups


def availability_by_category(db: Database, actor: Actor, warehouse_id: int | None = None) -> Availability:
    """Active products with stock on hand (in one warehouse or all), by category."""
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        rows = _stock_rows(session, warehouse_id, active_only=True)
        reserved = reserved_quantities(session, (row[0] for row in rows), warehouse_id)
        groups = []
        for category, members in _grouped(rows):
            lines = []
            for product_id, sku, name, unit, _cost, _category, on_hand in members:
                held = reserved.get(product_id, ZERO)
                lines.append(AvailabilityRow(product_id, sku, name, unit, on_hand, held, on_hand - held))
            groups.append(AvailabilityGroup(category, tuple(lines)))
        return Availability(_scope(session, warehouse_id), tuple(groups))


@dataclass(frozen=True)
class ValuationRow:
    product_id: int
    sku: str
    name: str
    unit: str
    quantity: Decimal
    cost: Decimal
    value: Decimal  # quantity x cost, rounded to money


@dataclass(frozen=True)
class ValuationGroup:
    category: str
    rows: tuple[ValuationRow, ...]
    value: Decimal  # the sum of the rows' rounded values


@dataclass(frozen=True)
class Valuation:
    warehouse: str
    groups: tuple[ValuationGroup, ...]
    value: Decimal

    @property
    def products(self) -> int:
        return sum(len(group.rows) for group in self.groups)


def stock_valuation(db: Database, actor: Actor, warehouse_id: int | None = None) -> Valuation:
    """Every product with stock (archived ones too: their stock is still worth something)."""
    with db.read() as session:
        require(session, actor, STOCK_COSTS)
        rows = _stock_rows(session, warehouse_id, active_only=False)
        scope = _scope(session, warehouse_id)
    groups = []
    for category, members in _grouped(rows):
        lines = tuple(
            ValuationRow(product_id, sku, name, unit, quantity, cost, round_money(quantity * cost))
            for product_id, sku, name, unit, cost, _category, quantity in members
        )
        groups.append(ValuationGroup(category, lines, sum((line.value for line in lines), ZERO)))
    return Valuation(scope, tuple(groups), sum((group.value for group in groups), ZERO))


@dataclass(frozen=True)
class ExpiringLot:
    product_id: int
    sku: str
    name: str
    lot: str
    expiry: date
    days_left: int  # negative: expired that many days ago
    quantity: Decimal
    unit: str
    cost: Decimal
    value: Decimal


@dataclass(frozen=True)
class ExpiryReport:
    today: date
    days: int
    warehouse: str
    expired: tuple[ExpiringLot, ...]
    expiring: tuple[ExpiringLot, ...]

    @property
    def until(self) -> date:
        return self.today + timedelta(days=self.days)

    @property
    def expired_value(self) -> Decimal:
        return sum((lot.value for lot in self.expired), ZERO)

    @property
    def expiring_value(self) -> Decimal:
        return sum((lot.value for lot in self.expiring), ZERO)

    @property
    def value(self) -> Decimal:
        return self.expired_value + self.expiring_value


def expiring_lots(
    db: Database, actor: Actor, days: int, warehouse_id: int | None = None, today: date | None = None
) -> ExpiryReport:
    """Lots with stock whose expiry is at most `days` days away, soonest first, with their value (for those
    who may see costs; the lots list shows the same lots to everyone)."""
    today = today or date.today()
    days = max(0, days)
    with db.read() as session:
        require(session, actor, STOCK_COSTS)
        held = type_coerce(func.sum(StockQuant.quantity), Quantity())
        stmt = (
            select(
                Product.id,
                Product.sku,
                Product.name,
                Lot.code,
                Lot.expiry,
                held,
                Product.base_unit,
                Product.cost,
            )
            .select_from(StockQuant)
            .join(Lot, Lot.id == StockQuant.lot_id)
            .join(Product, Product.id == StockQuant.product_id)
            .join(Location, Location.id == StockQuant.location_id)
            .where(Lot.expiry <= today + timedelta(days=days), StockQuant.quantity > ZERO)
            .group_by(Product.id, Product.sku, Product.name, Lot.id, Lot.code, Lot.expiry, Product.base_unit)
            .group_by(Product.cost, Product.name_key)
            .order_by(Lot.expiry, Product.name_key, Product.id, Lot.code)
        )
        if warehouse_id is not None:
            stmt = stmt.where(Location.warehouse_id == warehouse_id)
        rows = list(session.execute(stmt))
        scope = _scope(session, warehouse_id)
    lots = [
        ExpiringLot(
            product_id,
            sku,
            name,
            code,
            expiry,
            (expiry - today).days,
            qty,
            unit,
            cost,
            round_money(qty * cost),
        )
        for product_id, sku, name, code, expiry, qty, unit, cost in rows
        if expiry is not None
    ]
    return ExpiryReport(
        today,
        days,
        scope,
        tuple(lot for lot in lots if lot.days_left < 0),
        tuple(lot for lot in lots if lot.days_left >= 0),
    )
