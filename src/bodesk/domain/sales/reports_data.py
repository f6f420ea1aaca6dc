"""The figures sales' PDFs and screens lay out, computed and rounded here: the picking list, sales by
product, customer, rep, category or month (with the margin for those who may see costs), and the sales
team's stock (on hand, reserved, available, on order from suppliers and when it arrives)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ColumnElement, func, literal, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import may, require
from bodesk.domain.common.errors import UserError, ValidationError
from bodesk.domain.common.listing import AnySelect, day_start
from bodesk.domain.common.models import Quantity
from bodesk.domain.common.money import round_money
from bodesk.domain.purchasing.models import PurchaseOrder, PurchaseOrderLine
from bodesk.domain.purchasing.states import OPEN_STATUSES as PURCHASE_OPEN
from bodesk.domain.sales.models import Customer, SalesRep
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine, SalesReturn, SalesReturnLine
from bodesk.domain.sales.permissions import SALES_VIEW
from bodesk.domain.sales.states import ORDER_LIFECYCLE, RESERVING_STATUSES
from bodesk.domain.stock.models import (
    ZERO,
    Category,
    Location,
    Lot,
    Packaging,
    Product,
    StockReservation,
    Warehouse,
)
from bodesk.domain.stock.permissions import STOCK_COSTS
from bodesk.i18n import _
from bodesk.store.engine import Database

MAX_DAYS = 3700


@dataclass(frozen=True)
class PickLine:
    location: str
    sku: str
    product: str
    lot: str
    expiry: date | None
    quantity: Decimal  # base units
    unit: str
    packaging: str  # how the line was sold ("Caixa 12")
    units_per_package: Decimal
    orders: str  # the order numbers this quantity is for ("12, 15")


@dataclass(frozen=True)
class PickList:
    warehouse: str
    orders: list[int]
    lines: list[PickLine]  # by location code, then product


def picking_lists(db: Database, actor: Actor, order_ids: Sequence[int]) -> list[PickList]:
    """What to pick for the orders, one list per warehouse, by bin: what each order has reserved."""
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        orders = list(session.execute(select(SalesOrder).where(SalesOrder.id.in_(list(order_ids)))).scalars())
        for order in sorted(orders, key=lambda order: order.number):
            if order.status not in RESERVING_STATUSES:  # a quote holds nothing yet, a shipped order no more
                raise UserError(
                    _(
                        "Order {n} ({state}) holds no reserved stock, so there is nothing to pick. A quote is "
                        "picked once confirmed."
                    ).format(n=order.number, state=ORDER_LIFECYCLE.label(order.status)),
                    code="sales_order.nothing_to_pick",
                )
        refs = {order.id: order.number for order in orders}
        rows = session.execute(
            select(
                Warehouse.code,
                Location.code,
                Product.sku,
                Product.name,
                Product.base_unit,
                Lot.code,
                Lot.expiry,
                StockReservation.quantity,
                StockReservation.doc_id,
                Packaging.name,
                SalesOrderLine.units_per_package,
            )
            .join(Location, Location.id == StockReservation.location_id)
            .join(Warehouse, Warehouse.id == Location.warehouse_id)
            .join(Product, Product.id == StockReservation.product_id)
            .outerjoin(Lot, Lot.id == StockReservation.lot_id)
            .join(SalesOrderLine, SalesOrderLine.id == StockReservation.doc_line_id)
            .outerjoin(Packaging, Packaging.id == SalesOrderLine.packaging_id)
            .where(StockReservation.doc_kind == ORDER_LIFECYCLE.kind, StockReservation.doc_id.in_(list(refs)))
        ).all()
    merged: dict[tuple[str, str, str, str, str], _Pick] = {}
    for warehouse, location, sku, name, unit, lot, expiry, quantity, order_id, packaging, units in rows:
        key = (warehouse, location, sku, lot or "", packaging or unit)
        pick = merged.setdefault(key, _Pick(name, unit, expiry, units))
        pick.quantity += quantity
        pick.orders.add(refs[order_id])
    lists: dict[str, list[PickLine]] = defaultdict(list)
    for (warehouse, location, sku, lot, packaging), pick in sorted(merged.items()):
        orders_text = ", ".join(str(number) for number in sorted(pick.orders))
        lists[warehouse].append(
            PickLine(
                location,
                sku,
                pick.name,
                lot,
                pick.expiry,
                pick.quantity,
                pick.unit,
                packaging,
                pick.units_per_package,
                orders_text,
            )
        )
    return [PickList(warehouse, sorted(refs.values()), lines) for warehouse, lines in sorted(lists.items())]


@dataclass
class _Pick:
    name: str
    unit: str
    expiry: date | None
    units_per_package: Decimal
    quantity: Decimal = ZERO
    orders: set[int] = field(default_factory=set)


class SalesBy(StrEnum):
    PRODUCT = "product"
    CUSTOMER = "customer"
    REP = "rep"
    CATEGORY = "category"
    MONTH = "month"


@dataclass(frozen=True)
class SalesRow:
    key: str
    detail: str
    quantity: Decimal  # base units shipped less returned
    value: Decimal  # at net prices
    cost: Decimal | None  # None for a reader who may not see costs
    margin: Decimal | None


@dataclass(frozen=True)
class SalesSummary:
    start: date
    end: date
    by: SalesBy
    rows: list[SalesRow]
    total_value: Decimal
    total_cost: Decimal | None

    @property
    def total_margin(self) -> Decimal | None:
        return None if self.total_cost is None else self.total_value - self.total_cost


def _key(by: SalesBy) -> tuple[ColumnElement[str], ColumnElement[str]]:
    """The grouping's key and what it reads as; by month the date groups, in Python."""
    columns: dict[SalesBy, tuple[ColumnElement[str], ColumnElement[str]]] = {
        SalesBy.PRODUCT: (Product.sku, Product.name),  # type: ignore[dict-item]
        SalesBy.CUSTOMER: (Customer.code, Customer.name),  # type: ignore[dict-item]
        SalesBy.REP: (func.coalesce(SalesRep.name, ""), func.coalesce(SalesRep.name, "")),
        SalesBy.CATEGORY: (func.coalesce(Category.name, ""), func.coalesce(Category.name, "")),
        SalesBy.MONTH: (literal(""), literal("")),
    }
    return columns[by]


@dataclass(frozen=True)
class _Flow:
    """One line's goods out (or back, negative), valued at its net price and at its cost."""

    key: str
    detail: str
    quantity: Decimal
    value: Decimal
    cost: Decimal
    at: datetime


def sales_summary(db: Database, actor: Actor, start: date, end: date, by: SalesBy) -> SalesSummary:
    """What shipped in the period (less what came back), grouped; costs and margins only for a reader
    whose role may see costs (stock.costs)."""
    if end < start or (end - start).days > MAX_DAYS:
        raise ValidationError.single(
            "to",
            _("Choose a period that ends on or after it starts, of at most {n} days.").format(n=MAX_DAYS),
        )
    begin = day_start(start)  # days in this machine's time zone, as every list's dates
    finish = day_start(end + timedelta(days=1))
    totals: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        show_costs = may(session, actor, STOCK_COSTS)
        flows = _shipped(session, begin, finish, by) + _returned(session, begin, finish, by)
    for flow in flows:
        month = flow.at.astimezone().strftime("%Y-%m")
        entry = totals[(month, month) if by == SalesBy.MONTH else (flow.key, flow.detail)]
        entry[0] += flow.quantity
        entry[1] += flow.value
        entry[2] += flow.cost
    rows = [
        SalesRow(
            key, detail, quantity, value, cost if show_costs else None, value - cost if show_costs else None
        )
        for (key, detail), (quantity, value, cost) in sorted(
            totals.items(),  # months in calendar order, everything else by value, the largest first
            key=(lambda item: item[0]) if by == SalesBy.MONTH else (lambda item: -item[1][1]),
        )
    ]
    total_value = sum((row.value for row in rows), ZERO)
    total_cost = sum((row.cost or ZERO for row in rows), ZERO) if show_costs else None
    return SalesSummary(start, end, by, rows, total_value, total_cost)


def _joined(stmt: AnySelect) -> AnySelect:
    return (
        stmt.join(Product, Product.id == SalesOrderLine.product_id)
        .join(Customer, Customer.id == SalesOrder.customer_id)
        .outerjoin(SalesRep, SalesRep.id == SalesOrder.rep_id)
        .outerjoin(Category, Category.id == Product.category_id)
    )


def _shipped(session: Session, begin: datetime, finish: datetime, by: SalesBy) -> list[_Flow]:
    key, detail = _key(by)
    stmt = select(
        key, detail, SalesOrderLine.shipped, SalesOrderLine.units_per_package, SalesOrderLine.price,
        SalesOrderLine.unit_cost, SalesOrder.shipped_at,
    ).join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)  # fmt: skip
    stmt = _joined(stmt).where(
        SalesOrder.shipped_at >= begin, SalesOrder.shipped_at < finish, SalesOrderLine.shipped > 0
    )
    return [
        _Flow(str(k), str(d), q, round_money(q / units * price), round_money(q * (cost or ZERO)), at)
        for k, d, q, units, price, cost, at in session.execute(stmt)
        if at is not None  # the query keeps shipped orders only
    ]


def _returned(session: Session, begin: datetime, finish: datetime, by: SalesBy) -> list[_Flow]:
    key, detail = _key(by)
    stmt = (
        select(
            key,
            detail,
            SalesReturnLine.quantity,
            SalesReturnLine.value,
            SalesOrderLine.unit_cost,
            SalesReturn.at,
        )
        .select_from(SalesReturnLine)
        .join(SalesReturn, SalesReturn.id == SalesReturnLine.return_id)
        .join(SalesOrderLine, SalesOrderLine.id == SalesReturnLine.order_line_id)
        .join(SalesOrder, SalesOrder.id == SalesReturn.order_id)
    )
    stmt = _joined(stmt).where(SalesReturn.at >= begin, SalesReturn.at < finish)
    return [
        _Flow(str(k), str(d), -q, -value, -round_money(q * (cost or ZERO)), at)
        for k, d, q, value, cost, at in session.execute(stmt)
    ]


@dataclass(frozen=True)
class StockForSales:
    product_id: int
    sku: str
    name: str
    unit: str
    on_hand: Decimal
    reserved: Decimal
    available: Decimal
    on_order: Decimal  # from suppliers, not yet received
    arrives_on: date | None  # the earliest expected date of an open purchase order


def stock_for_sales(db: Database, actor: Actor, product_ids: Sequence[int]) -> list[StockForSales]:
    """What the sales team needs to promise goods: free stock, and what is coming and when."""
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        coming = {
            product_id: (quantity, arrives)
            for product_id, quantity, arrives in session.execute(
                select(
                    PurchaseOrderLine.product_id,
                    type_coerce(
                        func.sum(PurchaseOrderLine.quantity - PurchaseOrderLine.received), Quantity()
                    ),
                    func.min(PurchaseOrder.expected_on),
                )
                .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.order_id)
                .where(
                    PurchaseOrderLine.product_id.in_(list(product_ids)),
                    PurchaseOrder.status.in_([state.value for state in PURCHASE_OPEN]),
                    PurchaseOrderLine.quantity > PurchaseOrderLine.received,
                )
                .group_by(PurchaseOrderLine.product_id)
            )
        }
        products = session.execute(
            select(
                Product.id, Product.sku, Product.name, Product.base_unit, Product.on_hand, Product.reserved
            )
            .where(Product.id.in_(list(product_ids)))
            .order_by(Product.name, Product.id)
        ).all()
    return [
        StockForSales(
            row.id,
            row.sku,
            row.name,
            row.base_unit,
            row.on_hand,
            row.reserved,
            row.on_hand - row.reserved,
            coming.get(row.id, (ZERO, None))[0],
            coming.get(row.id, (ZERO, None))[1],
        )
        for row in products
    ]
