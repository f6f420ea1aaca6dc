"""Reorder suggestions from each product's minimum and maximum, and draft orders made from them.

Decisions:
- A product is suggested when it is active, has a minimum above zero, and on hand plus on order is
  below the minimum. It is brought up to its maximum (or to the minimum when no maximum is set).
- On hand is the company's (Product.on_hand) or, for one warehouse, that warehouse's internal
  locations; min and max are the product's, whichever the scope.
- On order is what open orders (draft, sent, partly received) still expect: ordered minus received
  per line, never below zero; a draft counts, so making drafts twice does not order twice.
- The supplier is the product's preferred one, else the cheapest per base unit (then the first by
  name); archived suppliers are never picked. Products no supplier sells are listed without one.
- The quantity is rounded UP to whole packages of that supplier's packaging.
The figures come from one aggregate query (GROUP BY in SQL) and one query for the candidates'
supplier prices, both reading plain columns (no ORM objects): no Python loop over the whole catalogue.
A screen keeps the suggestions it has while `suggestions_mark` is unchanged: every change that can move
them (stock, orders, a product's levels, a supplier's prices) is written with its audit record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from sqlalchemy import case, func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.models import Quantity
from bodesk.domain.common.money import round_money, round_quantity
from bodesk.domain.common.text import fold
from bodesk.domain.purchasing.models import PurchaseOrder, PurchaseOrderLine, Supplier, SupplierProduct
from bodesk.domain.purchasing.orders import OrderLineInput, create_order_in
from bodesk.domain.purchasing.permissions import PURCHASE_ORDER, PURCHASING_VIEW
from bodesk.domain.purchasing.states import OPEN_STATUSES
from bodesk.domain.stock.models import ZERO, Location, LocationKind, Packaging, Product, StockQuant
from bodesk.i18n import _
from bodesk.store.engine import Database

ONE = Decimal(1)
_CHUNK = 500


@dataclass(frozen=True)
class ReorderRow:
    product_id: int
    sku: str
    product: str
    base_unit: str
    on_hand: Decimal
    on_order: Decimal
    min_stock: Decimal
    max_stock: Decimal
    needed: Decimal  # base units to reach the target
    supplier_id: int | None
    supplier: str
    packaging_id: int | None
    packaging: str  # "" for the base unit
    units_per_package: Decimal
    packages: Decimal  # whole packages, rounded up
    quantity: Decimal  # packages x units per package
    package_price: Decimal | None
    value: Decimal | None


@dataclass(frozen=True)
class ReorderSelection:
    """One suggestion the person keeps (perhaps with other packages) for a draft order."""

    product_id: int
    supplier_id: int
    packaging_id: int | None
    packages: Decimal
    package_price: Decimal | None = None  # None: the supplier's price


@dataclass(frozen=True)
class _Level:
    product_id: int
    sku: str
    name: str
    base_unit: str
    min_stock: Decimal
    max_stock: Decimal
    on_hand: Decimal
    on_order: Decimal


def _levels(session: Session, warehouse_id: int | None) -> list[_Level]:
    outstanding = case(
        (
            PurchaseOrderLine.quantity > PurchaseOrderLine.received,
            PurchaseOrderLine.quantity - PurchaseOrderLine.received,
        ),
        else_=0,
    )
    open_orders = select(PurchaseOrder.id).where(PurchaseOrder.status.in_(OPEN_STATUSES))
    if warehouse_id is not None:
        open_orders = open_orders.where(PurchaseOrder.warehouse_id == warehouse_id)
    open_lines = (  # the lines of the few open orders, found by order: not a walk over every line ever
        select(
            PurchaseOrderLine.product_id.label("product_id"),
            type_coerce(func.sum(outstanding), Quantity()).label("quantity"),
        )
        .where(PurchaseOrderLine.order_id.in_(open_orders))
        .group_by(PurchaseOrderLine.product_id)
    )
    on_order_q = open_lines.subquery()
    on_order = type_coerce(func.coalesce(on_order_q.c.quantity, 0), Quantity())
    held_q = None
    if warehouse_id is None:
        on_hand = type_coerce(Product.on_hand, Quantity())
    else:
        places = select(Location.id).where(
            Location.warehouse_id == warehouse_id, Location.kind == LocationKind.INTERNAL
        )
        held_q = (
            select(
                StockQuant.product_id.label("product_id"),
                type_coerce(func.sum(StockQuant.quantity), Quantity()).label("quantity"),
            )
            .where(StockQuant.location_id.in_(places))
            .group_by(StockQuant.product_id)
            .subquery()
        )
        on_hand = type_coerce(func.coalesce(held_q.c.quantity, 0), Quantity())
    stmt = select(
        Product.id,
        Product.sku,
        Product.name,
        Product.base_unit,
        Product.min_stock,
        Product.max_stock,
        on_hand.label("held"),
        on_order.label("expected"),
    ).outerjoin(on_order_q, on_order_q.c.product_id == Product.id)
    if held_q is not None:
        stmt = stmt.outerjoin(held_q, held_q.c.product_id == Product.id)
    stmt = stmt.where(
        Product.active.is_(True),
        Product.min_stock > ZERO,
        type_coerce(on_hand + on_order, Quantity()) < Product.min_stock,
    )
    return [_Level(*row) for row in session.execute(stmt)]


@dataclass(frozen=True)
class _Offer:
    supplier_id: int
    supplier: str
    packaging_id: int | None
    packaging: str
    units: Decimal
    price: Decimal
    preferred: bool

    def rank(self) -> tuple[bool, Decimal, str, int]:
        return (not self.preferred, self.price / self.units, self.supplier, self.supplier_id)


def _offers(session: Session, product_ids: list[int]) -> dict[int, list[_Offer]]:
    offers: dict[int, list[_Offer]] = defaultdict(list)
    for start in range(0, len(product_ids), _CHUNK):
        chunk = product_ids[start : start + _CHUNK]
        rows = session.execute(
            select(
                SupplierProduct.product_id,
                SupplierProduct.supplier_id,
                Supplier.name,
                SupplierProduct.packaging_id,
                Packaging.name,
                Packaging.units,
                SupplierProduct.package_price,
                SupplierProduct.preferred,
            )
            .join(Supplier, Supplier.id == SupplierProduct.supplier_id)
            .outerjoin(Packaging, Packaging.id == SupplierProduct.packaging_id)
            .where(SupplierProduct.product_id.in_(chunk), Supplier.active.is_(True))
        )
        for product_id, supplier_id, supplier, packaging_id, packaging, units, price, preferred in rows:
            offers[product_id].append(
                _Offer(supplier_id, supplier, packaging_id, packaging or "", units or ONE, price, preferred)
            )
    return offers


def whole_packages(needed: Decimal, units: Decimal) -> Decimal:
    """The number of whole packages of `units` that holds at least `needed` base units."""
    return (needed / units).to_integral_value(rounding=ROUND_CEILING)


def reorder_suggestions(db: Database, actor: Actor, warehouse_id: int | None = None) -> list[ReorderRow]:
    """What to buy now, by product name (accents and case ignored)."""
    with db.read() as session:
        require(session, actor, PURCHASING_VIEW)
        levels = _levels(session, warehouse_id)
        offers = _offers(session, [level.product_id for level in levels])
    rows = []
    levels.sort(key=lambda level: (fold(level.name), level.product_id))  # "Água" among the A's
    for level in levels:
        target = level.max_stock if level.max_stock > ZERO else level.min_stock
        needed = max(target - level.on_hand - level.on_order, ZERO)
        best = min(offers.get(level.product_id, []), key=_Offer.rank, default=None)
        units = best.units if best else ONE
        packages = whole_packages(needed, units)
        rows.append(
            ReorderRow(
                product_id=level.product_id,
                sku=level.sku,
                product=level.name,
                base_unit=level.base_unit,
                on_hand=level.on_hand,
                on_order=level.on_order,
                min_stock=level.min_stock,
                max_stock=level.max_stock,
                needed=needed,
                supplier_id=best.supplier_id if best else None,
                supplier=best.supplier if best else "",
                packaging_id=best.packaging_id if best else None,
                packaging=best.packaging if best else "",
                units_per_package=units,
                packages=packages,
                quantity=round_quantity(packages * units),
                package_price=best.price if best else None,
                value=round_money(packages * best.price) if best else None,
            )
        )
    return rows


def suggestions_mark(db: Database, actor: Actor) -> int:
    """The last change recorded (the newest audit entry): suggestions computed at this mark are still
    the same while it does not move, so a screen shows them again without computing them."""
    with db.read() as session:
        require(session, actor, PURCHASING_VIEW)
        return int(session.execute(select(func.max(AuditEntry.id))).scalar_one() or 0)


def create_orders_from_suggestions(
    db: Database, actor: Actor, selections: Sequence[ReorderSelection], warehouse_id: int
) -> list[int]:
    """Draft one order per supplier for the kept suggestions, all in one transaction; returns their ids
    in supplier order."""
    if not selections:
        raise ValidationError.single("lines", _("Tick at least one suggestion."))
    by_supplier: dict[int, list[OrderLineInput]] = defaultdict(list)
    for chosen in selections:
        by_supplier[chosen.supplier_id].append(
            OrderLineInput(chosen.product_id, chosen.packaging_id, chosen.packages, chosen.package_price)
        )
    with db.write() as session:
        require(session, actor, PURCHASE_ORDER)
        return [
            create_order_in(session, actor, supplier_id, warehouse_id, lines).id
            for supplier_id, lines in sorted(by_supplier.items())
        ]
