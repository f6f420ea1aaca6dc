"""Read models of purchasing: one order with its lines (for the editor, the receive dialog and the
PDF), products a supplier can be ordered for (the editor's type-ahead), and the suppliers to choose
from (warehouses and locations are stock's: `stock.lookups`). Plain data only, never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.models import User
from bodesk.domain.common.listing import Choice
from bodesk.domain.purchasing.models import PurchaseOrderLine, Supplier, SupplierProduct
from bodesk.domain.purchasing.orders import get_order
from bodesk.domain.purchasing.permissions import PURCHASING_VIEW
from bodesk.domain.purchasing.search import supplier_matches
from bodesk.domain.purchasing.suppliers import get_supplier
from bodesk.domain.stock.lots import default_expiry
from bodesk.domain.stock.models import ZERO, Packaging, Product, Warehouse
from bodesk.domain.stock.search import find_products
from bodesk.store.engine import Database


@dataclass(frozen=True)
class OrderLineView:
    id: int
    product_id: int
    sku: str
    product: str
    base_unit: str
    supplier_sku: str
    packaging_id: int | None
    packaging: str  # "" for the base unit
    units_per_package: Decimal
    packages: Decimal
    quantity: Decimal  # base units
    package_price: Decimal
    total: Decimal
    received: Decimal
    lot_tracked: bool
    suggested_expiry: date | None  # today plus the shelf life, for a receipt today

    @property
    def remaining(self) -> Decimal:
        return max(self.quantity - self.received, ZERO)


@dataclass(frozen=True)
class OrderView:
    id: int
    number: int
    status: str
    supplier_id: int
    supplier: str
    supplier_tax_id: str
    supplier_contact: str
    supplier_email: str
    supplier_phone: str
    supplier_city: str
    supplier_state: str
    payment_terms_days: int
    warehouse_id: int
    warehouse_code: str
    warehouse: str
    warehouse_address: str
    created_at: datetime
    created_by: str
    sent_at: datetime | None
    expected_on: date | None
    total: Decimal
    notes: str
    cancel_reason: str
    lines: tuple[OrderLineView, ...]


def order_view(db: Database, actor: Actor, order_id: int) -> OrderView:
    with db.read() as session:
        require(session, actor, PURCHASING_VIEW)
        order = get_order(session, order_id)
        supplier = get_supplier(session, order.supplier_id)
        warehouse = session.get(Warehouse, order.warehouse_id)
        creator = session.get(User, order.created_by)
        price = aliased(SupplierProduct)
        rows = session.execute(
            select(PurchaseOrderLine, Product, Packaging.name, price.supplier_sku)
            .join(Product, Product.id == PurchaseOrderLine.product_id)
            .outerjoin(Packaging, Packaging.id == PurchaseOrderLine.packaging_id)
            .outerjoin(
                price,
                (price.product_id == PurchaseOrderLine.product_id) & (price.supplier_id == order.supplier_id),
            )
            .where(PurchaseOrderLine.order_id == order.id)
            .order_by(PurchaseOrderLine.id)
        ).all()
        today = date.today()
        lines = tuple(
            OrderLineView(
                id=line.id,
                product_id=product.id,
                sku=product.sku,
                product=product.name,
                base_unit=product.base_unit,
                supplier_sku=supplier_sku or "",
                packaging_id=line.packaging_id,
                packaging=packaging or "",
                units_per_package=line.units_per_package,
                packages=line.packages,
                quantity=line.quantity,
                package_price=line.package_price,
                total=line.total,
                received=line.received,
                lot_tracked=product.lot_tracked,
                suggested_expiry=default_expiry(product, today),
            )
            for line, product, packaging, supplier_sku in rows
        )
        return OrderView(
            id=order.id,
            number=order.number,
            status=order.status,
            supplier_id=supplier.id,
            supplier=supplier.name,
            supplier_tax_id=supplier.tax_id,
            supplier_contact=supplier.contact_name,
            supplier_email=supplier.email,
            supplier_phone=supplier.phone,
            supplier_city=supplier.city,
            supplier_state=supplier.state,
            payment_terms_days=supplier.payment_terms_days,
            warehouse_id=order.warehouse_id,
            warehouse_code=warehouse.code if warehouse else "",
            warehouse=warehouse.name if warehouse else "",
            warehouse_address=warehouse.address if warehouse else "",
            created_at=order.created_at,
            created_by=creator.full_name if creator else "",
            sent_at=order.sent_at,
            expected_on=order.expected_on,
            total=order.total,
            notes=order.notes,
            cancel_reason=order.cancel_reason,
            lines=lines,
        )


@dataclass(frozen=True)
class PackagingChoice:
    id: int | None  # None: the base unit
    name: str
    units: Decimal


@dataclass(frozen=True)
class ProductChoice:
    """A product as the order editor offers it, with the supplier's packaging and price if it has one."""

    product_id: int
    sku: str
    name: str
    base_unit: str
    packagings: tuple[PackagingChoice, ...]  # the base unit first, then the packagings bought
    supplier_packaging_id: int | None
    supplier_price: Decimal | None  # per package of supplier_packaging_id
    supplier_sku: str

    @property
    def default_packaging_id(self) -> int | None:
        """The supplier's packaging, else the largest one the product is bought in, else the unit."""
        if self.supplier_price is not None:
            return self.supplier_packaging_id
        packs = [choice for choice in self.packagings if choice.id is not None]
        return max(packs, key=lambda choice: choice.units).id if packs else None


def find_purchasable(
    db: Database, actor: Actor, supplier_id: int, text: str, limit: int = 15
) -> list[ProductChoice]:
    """Type-ahead for the order editor: active products by barcode, SKU or name, the supplier's first."""
    with db.read() as session:
        require(session, actor, PURCHASING_VIEW)
        products = find_products(session, text, limit)
        return _choices(session, supplier_id, products)


def product_choice(db: Database, actor: Actor, supplier_id: int, product_id: int) -> ProductChoice | None:
    with db.read() as session:
        require(session, actor, PURCHASING_VIEW)
        product = session.get(Product, product_id)
        return _choices(session, supplier_id, [product])[0] if product is not None else None


def _choices(session: Session, supplier_id: int, products: list[Product]) -> list[ProductChoice]:
    ids = [product.id for product in products]
    packs: dict[int, list[PackagingChoice]] = {}
    for pack in session.execute(
        select(Packaging)
        .where(Packaging.product_id.in_(ids), Packaging.for_purchase.is_(True))
        .order_by(Packaging.units, Packaging.id)
    ).scalars():
        packs.setdefault(pack.product_id, []).append(PackagingChoice(pack.id, pack.name, pack.units))
    prices = {
        row.product_id: row
        for row in session.execute(
            select(SupplierProduct).where(
                SupplierProduct.supplier_id == supplier_id, SupplierProduct.product_id.in_(ids)
            )
        ).scalars()
    }
    choices = []
    for product in products:
        price = prices.get(product.id)
        units = PackagingChoice(None, product.base_unit, Decimal(1))
        choices.append(
            ProductChoice(
                product.id,
                product.sku,
                product.name,
                product.base_unit,
                (units, *packs.get(product.id, [])),
                price.packaging_id if price else None,
                price.package_price if price else None,
                price.supplier_sku if price else "",
            )
        )
    choices.sort(key=lambda choice: choice.supplier_price is None)
    return choices


def find_suppliers(db: Database, actor: Actor, text: str, limit: int = 15) -> list[Choice]:
    """Type-ahead for a new order's supplier (code: the tax id): active suppliers matching the typed
    name, tax id, city or contact, by name; the first ones by name when nothing is typed."""
    with db.read() as session:
        require(session, actor, PURCHASING_VIEW)
        stmt = (
            select(Supplier.id, Supplier.tax_id, Supplier.name)
            .where(Supplier.active.is_(True), *supplier_matches(text))
            .order_by(Supplier.name_key, Supplier.id)
            .limit(limit)
        )
        return [Choice(row.id, row.tax_id, row.name) for row in session.execute(stmt)]


def supplier_choices(db: Database, actor: Actor, include_archived: bool = False) -> list[Choice]:
    """Suppliers by name (code: the tax id), for a new order and for list filters."""
    with db.read() as session:
        require(session, actor, PURCHASING_VIEW)
        stmt = select(Supplier.id, Supplier.tax_id, Supplier.name).order_by(Supplier.name_key, Supplier.id)
        if not include_archived:
            stmt = stmt.where(Supplier.active.is_(True))
        return [Choice(row.id, row.tax_id, row.name) for row in session.execute(stmt)]
