"""What the order editor and the order's PDF read: customers and products by type-ahead, a live preview
of the lines (prices from the table and why, stock available, totals), and an order as plain data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.listing import has_words
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.sales.models import Customer, PaymentTerm, SalesRep
from bodesk.domain.sales.order_lines import SalesLineInput, build_lines
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine
from bodesk.domain.sales.orders import customer_for_sale, get_order, order_ref
from bodesk.domain.sales.permissions import SALES_VIEW
from bodesk.domain.sales.pricing import load_book, table_for
from bodesk.domain.sales.settings import rules_in
from bodesk.domain.stock.models import ZERO, Packaging, Product, Warehouse
from bodesk.domain.stock.reservations import reservations_of
from bodesk.domain.stock.search import find_products
from bodesk.store.engine import Database


@dataclass(frozen=True)
class CustomerChoice:
    id: int
    code: str
    name: str
    detail: str  # trade name, tax id, city


def find_customers(db: Database, actor: Actor, text: str, limit: int = 15) -> list[CustomerChoice]:
    """Type-ahead for an order's customer: an exact code first, then active customers whose name, trade
    name, tax id, code or phone hold every typed word."""
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        code = text.strip().upper()
        stmt = select(Customer).where(Customer.active.is_(True))
        if text.strip():
            stmt = stmt.where(or_(Customer.code == code, has_words(Customer.search_text, text)))
        rows = list(session.execute(stmt.order_by(Customer.name, Customer.id).limit(limit)).scalars())
        rows.sort(key=lambda row: row.code != code)
        return [
            CustomerChoice(
                row.id,
                row.code,
                row.name,
                " · ".join(part for part in (row.trade_name, format_tax_id(row.tax_id), row.city) if part),
            )
            for row in rows
        ]


@dataclass(frozen=True)
class SalePackaging:
    id: int | None  # None: the base unit
    name: str
    units: Decimal


@dataclass(frozen=True)
class SaleProduct:
    product_id: int
    sku: str
    name: str
    base_unit: str
    packagings: tuple[SalePackaging, ...]  # the base unit first, then the packagings sold
    available: Decimal  # base units: on hand less reserved

    @property
    def default_packaging_id(self) -> int | None:
        """The largest packaging the product is sold in (a bar orders cases), else the unit."""
        packs = [choice for choice in self.packagings if choice.id is not None]
        return max(packs, key=lambda choice: choice.units).id if packs else None


def find_sellable(db: Database, actor: Actor, text: str, limit: int = 15) -> list[SaleProduct]:
    """Type-ahead for an order line: active products by barcode, SKU or words of the name."""
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        return _sale_products(session, find_products(session, text, limit))


def _sale_products(session: Session, products: Sequence[Product]) -> list[SaleProduct]:
    ids = [product.id for product in products]
    packs: dict[int, list[SalePackaging]] = defaultdict(list)
    for pack in session.execute(
        select(Packaging)
        .where(Packaging.product_id.in_(ids), Packaging.for_sale.is_(True))
        .order_by(Packaging.units)
    ).scalars():
        packs[pack.product_id].append(SalePackaging(pack.id, pack.name, pack.units))
    return [
        SaleProduct(
            product.id,
            product.sku,
            product.name,
            product.base_unit,
            (SalePackaging(None, product.base_unit, Decimal(1)), *packs.get(product.id, [])),
            product.on_hand - product.reserved,
        )
        for product in products
        if product.active
    ]


@dataclass(frozen=True)
class PreviewLine:
    list_price: Decimal
    price: Decimal
    total: Decimal
    note: str
    available: Decimal  # base units free for this line: on hand − reserved − earlier lines of the order
    short: bool


@dataclass(frozen=True)
class SalePreview:
    lines: list[PreviewLine]
    total: Decimal
    units: Decimal
    cases: Decimal  # packages of lines sold in a packaging
    weight: Decimal  # kg


def preview_sale(
    db: Database, actor: Actor, customer_id: int, lines: Sequence[SalesLineInput], order_id: int | None = None
) -> SalePreview:
    """What saving `lines` for the customer would store, and the stock each line finds; raises the
    ValidationError saving would raise."""
    with db.read() as session:
        user = require(session, actor, SALES_VIEW)
        customer = customer_for_sale(session, customer_id)
        book = load_book(
            session, table_for(session, customer), {line.product_id for line in lines}, date.today()
        )
        built = build_lines(session, user.role, book, lines, rules_in(session).max_discount)
        free = {  # subtracted here: a difference of two quantity columns in SQL loses their type
            product_id: on_hand - reserved
            for product_id, on_hand, reserved in session.execute(
                select(Product.id, Product.on_hand, Product.reserved).where(
                    Product.id.in_({line.product_id for line in lines})
                )
            )
        }
        if order_id is not None:  # what this order holds already is free for it
            order = session.get(SalesOrder, order_id)
            if order is not None:
                for part in reservations_of(session, order_ref(order)):
                    free[part.product_id] = free.get(part.product_id, ZERO) + part.quantity
        taken: dict[int, Decimal] = defaultdict(lambda: ZERO)
        shown = []
        for line in built.lines:
            available = free.get(line.product_id, ZERO) - taken[line.product_id]
            taken[line.product_id] += line.quantity
            shown.append(
                PreviewLine(
                    line.list_price,
                    line.price,
                    line.total,
                    line.price_note,
                    available,
                    line.quantity > available,
                )
            )
        cases = sum((line.packages for line in built.lines if line.packaging_id is not None), ZERO)
        return SalePreview(shown, built.total, built.units, cases, built.weight)


@dataclass(frozen=True)
class OrderLineView:
    id: int
    position: int
    product_id: int
    sku: str
    name: str
    packaging_id: int | None
    packaging: str
    units_per_package: Decimal
    packages: Decimal
    quantity: Decimal
    list_price: Decimal
    discount: Decimal
    price: Decimal
    price_note: str
    total: Decimal
    shipped: Decimal
    lot_id: int | None


@dataclass(frozen=True)
class OrderView:
    id: int
    number: int
    status: str
    customer_id: int
    customer: str
    customer_code: str
    rep: str
    payment_term: str
    warehouse_id: int | None
    warehouse: str
    requested_on: date | None
    notes: str
    total: Decimal
    shipped_total: Decimal
    units: Decimal
    weight: Decimal
    created_at: datetime
    backorder_of: int | None
    lines: list[OrderLineView]


def order_view(db: Database, actor: Actor, order_id: int) -> OrderView:
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        order = get_order(session, order_id)
        customer = session.get(Customer, order.customer_id)
        rep = session.get(SalesRep, order.rep_id) if order.rep_id else None
        term = session.get(PaymentTerm, order.payment_term_id) if order.payment_term_id else None
        warehouse = session.get(Warehouse, order.warehouse_id) if order.warehouse_id else None
        rows = session.execute(
            select(SalesOrderLine, Product.sku, Product.name, Product.base_unit, Packaging.name)
            .join(Product, Product.id == SalesOrderLine.product_id)
            .outerjoin(Packaging, Packaging.id == SalesOrderLine.packaging_id)
            .where(SalesOrderLine.order_id == order.id)
            .order_by(SalesOrderLine.position)
        ).all()
        original = session.get(SalesOrder, order.backorder_of) if order.backorder_of else None
        backorder_of = original.number if original is not None else None
        return OrderView(
            id=order.id, number=order.number, status=order.status, customer_id=order.customer_id,
            customer=customer.name if customer else "", customer_code=customer.code if customer else "",
            rep=rep.name if rep else "", payment_term=term.name if term else "",
            warehouse_id=order.warehouse_id, warehouse=warehouse.code if warehouse else "",
            requested_on=order.requested_on, notes=order.notes, total=order.total,
            shipped_total=order.shipped_total, units=order.units, weight=order.weight,
            created_at=order.created_at, backorder_of=backorder_of,
            lines=[
                OrderLineView(
                    line.id, line.position, line.product_id, sku, name, line.packaging_id, packaging or unit,
                    line.units_per_package, line.packages, line.quantity, line.list_price, line.discount,
                    line.price, line.price_note, line.total, line.shipped, line.lot_id,
                )
                for line, sku, name, unit, packaging in rows
            ],
        )  # fmt: skip
