"""Suppliers and what they sell us: one function per command, each checking permission, validating
every field at once and writing the audit record in the same transaction.

A supplier's data and its rules are supplier_saving's (every save goes through it).
A supplier price is the price of one package (or of one base unit when `packaging_id` is None); a
product has at most one preferred supplier, the one reorder suggestions pick first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import ConfirmableWarning, NotFound
from bodesk.domain.purchasing.models import PurchaseOrder, Supplier, SupplierProduct
from bodesk.domain.purchasing.permissions import PURCHASING_VIEW, SUPPLIERS_EDIT
from bodesk.domain.purchasing.price_saving import AUDITED, PriceChange, cleaned_price, set_prices_in
from bodesk.domain.purchasing.states import OPEN_STATUSES
from bodesk.domain.purchasing.supplier_saving import (
    MAX_DAYS,
    SupplierChange,
    SupplierData,
    cleaned_supplier,
    save_suppliers_in,
)
from bodesk.domain.stock.models import Product
from bodesk.i18n import _
from bodesk.store.engine import Database

ARCHIVE_WITH_OPEN_ORDERS = "archive_with_open_orders"
__all__ = ["MAX_DAYS", "SupplierData"]  # what forms import from here with the services


def get_supplier(session: Session, supplier_id: int) -> Supplier:
    supplier = session.get(Supplier, supplier_id)
    if supplier is None:
        raise NotFound(_("That supplier no longer exists."), code="supplier.not_found")
    return supplier


def create_supplier_in(session: Session, actor: Actor, data: SupplierData) -> Supplier:
    """Insert a supplier inside an open write unit of work."""
    (supplier_id,) = save_suppliers_in(session, actor, [SupplierChange(None, cleaned_supplier(data))])
    return get_supplier(session, supplier_id)


def create_supplier(db: Database, actor: Actor, data: SupplierData) -> int:
    with db.write() as session:
        require(session, actor, SUPPLIERS_EDIT)
        return create_supplier_in(session, actor, data).id


def update_supplier_in(session: Session, actor: Actor, supplier_id: int, data: SupplierData) -> Supplier:
    get_supplier(session, supplier_id)
    save_suppliers_in(session, actor, [SupplierChange(supplier_id, cleaned_supplier(data))])
    supplier = session.get(Supplier, supplier_id, populate_existing=True)
    if supplier is None:
        raise NotFound(_("That supplier no longer exists."), code="supplier.not_found")
    return supplier


def update_supplier(db: Database, actor: Actor, supplier_id: int, data: SupplierData) -> None:
    with db.write() as session:
        require(session, actor, SUPPLIERS_EDIT)
        update_supplier_in(session, actor, supplier_id, data)


def set_supplier_active(
    db: Database, actor: Actor, supplier_id: int, active: bool, confirmed: frozenset[str] = frozenset()
) -> None:
    """Archive a supplier (no new orders, left out of reorder suggestions) or bring it back.

    Archiving one with open orders asks for confirmation first; the open orders stay as they are.
    """
    with db.write() as session:
        require(session, actor, SUPPLIERS_EDIT)
        supplier = get_supplier(session, supplier_id)
        if not active and supplier.active and ARCHIVE_WITH_OPEN_ORDERS not in confirmed:
            open_orders = session.execute(
                select(PurchaseOrder.number)
                .where(PurchaseOrder.supplier_id == supplier_id, PurchaseOrder.status.in_(OPEN_STATUSES))
                .order_by(PurchaseOrder.number)
            ).scalars()
            numbers = [str(number) for number in open_orders]
            if numbers:
                raise ConfirmableWarning(
                    ARCHIVE_WITH_OPEN_ORDERS,
                    _("{name} still has open purchase orders ({numbers}). Archive it anyway?").format(
                        name=supplier.name, numbers=", ".join(numbers)
                    ),
                )
        if supplier.active != active:
            supplier.active = active
            audit.record(
                session,
                actor,
                "supplier.archive" if not active else "supplier.restore",
                "supplier",
                supplier.tax_id,
                old={"active": not active},
                new={"active": active},
            )


def supplier_data(db: Database, actor: Actor, supplier_id: int) -> SupplierData:
    """A supplier's editable fields, for a form."""
    with db.read() as session:
        require(session, actor, PURCHASING_VIEW)
        supplier = get_supplier(session, supplier_id)
        return SupplierData(**{key: getattr(supplier, key) for key in SupplierData.__dataclass_fields__})


def set_supplier_price(
    db: Database,
    actor: Actor,
    supplier_id: int,
    product_id: int,
    packaging_id: int | None,
    package_price: Decimal,
    supplier_sku: str = "",
    preferred: bool = False,
) -> int:
    """Record (or change) what `supplier` charges for `product`: the price of one package of
    `packaging_id` (None: of one base unit). `preferred` makes it the product's only preferred one."""
    with db.write() as session:
        require(session, actor, SUPPLIERS_EDIT)
        return set_supplier_price_in(
            session, actor, supplier_id, product_id, packaging_id, package_price, supplier_sku, preferred
        )


def set_supplier_price_in(
    session: Session,
    actor: Actor,
    supplier_id: int,
    product_id: int,
    packaging_id: int | None,
    package_price: Decimal,
    supplier_sku: str = "",
    preferred: bool = False,
) -> int:
    """`set_supplier_price` inside an open write unit of work."""
    get_supplier(session, supplier_id)
    change = PriceChange(supplier_id, product_id, packaging_id, package_price, supplier_sku, preferred)
    (row_id,) = set_prices_in(session, actor, [cleaned_price(change)])
    return row_id


def _price_snapshot(row: SupplierProduct) -> dict[str, Any]:
    return {key: getattr(row, key) for key in AUDITED}


def remove_supplier_price(db: Database, actor: Actor, supplier_product_id: int) -> None:
    """The supplier no longer sells us the product (orders already made keep their prices)."""
    with db.write() as session:
        require(session, actor, SUPPLIERS_EDIT)
        row = session.get(SupplierProduct, supplier_product_id)
        if row is None:
            raise NotFound(_("That supplier price no longer exists."), code="supplier_price.not_found")
        supplier = get_supplier(session, row.supplier_id)
        product = session.get(Product, row.product_id)
        audit.record(
            session,
            actor,
            "supplier.price_remove",
            "supplier",
            supplier.tax_id,
            old={"product": product.sku if product else row.product_id, **_price_snapshot(row)},
        )
        session.delete(row)


@dataclass(frozen=True)
class SupplierPrice:
    """One supplier price as a form shows it."""

    id: int
    supplier_id: int
    product_id: int
    sku: str
    product: str
    packaging_id: int | None
    package_price: Decimal
    supplier_sku: str
    preferred: bool


def supplier_price(db: Database, actor: Actor, supplier_product_id: int) -> SupplierPrice:
    with db.read() as session:
        require(session, actor, PURCHASING_VIEW)
        found = session.execute(
            select(SupplierProduct, Product.sku, Product.name)
            .join(Product, Product.id == SupplierProduct.product_id)
            .where(SupplierProduct.id == supplier_product_id)
        ).first()
        if found is None:
            raise NotFound(_("That supplier price no longer exists."), code="supplier_price.not_found")
        row, sku, name = found
        return SupplierPrice(
            row.id,
            row.supplier_id,
            row.product_id,
            sku,
            name,
            row.packaging_id,
            row.package_price,
            row.supplier_sku,
            row.preferred,
        )
